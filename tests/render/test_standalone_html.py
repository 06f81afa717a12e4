"""The HTML output is self-contained: it looks the same moved to another folder or served over
HTTP, and names no local path (the fonts travel inside it)."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from totudocs.model import load_decision
from totudocs.render.fonts import prepared_fonts
from totudocs.render.html import Renderer, standalone_html
from totudocs.resources import corpus_dir

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
EXAMPLE = corpus_dir() / "examples" / "03-basic-statement-followed-sv.yaml"


def test_the_html_names_no_local_path(renderer: Renderer) -> None:
    html = standalone_html(renderer.render(load_decision(EXAMPLE)))
    assert "file:" not in html
    for path in prepared_fonts().values():
        assert str(path.parent) not in html
    assert html.count("data:font/woff2;base64,") == len(prepared_fonts())


def _screenshot(url: str, target: Path) -> bytes:
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--hide-scrollbars", f"--user-data-dir={target.parent / 'profile'}",
         "--window-size=900,1400", f"--screenshot={target}", url],
        check=True, capture_output=True, timeout=120,
    )
    return target.read_bytes()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no Chromium (apt-get install chromium)")
def test_the_html_looks_the_same_moved_and_over_http(renderer: Renderer, tmp_path: Path) -> None:
    html = standalone_html(renderer.render(load_decision(EXAMPLE)))
    first, second = tmp_path / "a", tmp_path / "elsewhere" / "b"
    for folder in (first, second):
        folder.mkdir(parents=True)
        (folder / "decision.html").write_text(html, encoding="utf-8")
    shots = [_screenshot((f / "decision.html").as_uri(), tmp_path / f"{i}.png")
             for i, f in enumerate((first, second))]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(second))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/decision.html"
        shots.append(_screenshot(url, tmp_path / "http.png"))
    finally:
        server.shutdown()
    assert shots[0] == shots[1] == shots[2]
