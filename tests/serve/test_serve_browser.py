"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright): fill a
statement, see a missing element reported, fix it, restart the server, find the draft, download
the PDF. Skipped with the reason when the browser or Playwright is not available."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [pytest.mark.slow, pytest.mark.browser]

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path) -> None:
        self.port = _free_port()
        self.data_dir = data_dir
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = dict(os.environ, TOTUDOCS_DATA_DIR=str(self.data_dir))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "totudocs", "serve", "--port", str(self.port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=20)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    server = Server(tmp_path / "data")
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def browser():
    if sync_playwright is None:
        pytest.skip("playwright is not installed (pip install playwright)")
    if not os.path.exists(CHROMIUM):
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()


FIELDS = {
    "#f-client\\.name": "Mikko Virtanen", "#f-client\\.hetu": "120487-934J",
    "#f-organiser\\.name": "Pirkanmaan hyvinvointialue", "#f-author\\.name": "Laura Niemi",
    "#f-author\\.title": "sosiaalityöntekijä", "#f-expense_type": "Muuttokustannukset",
    "#f-circumstances": "Mikko asuu yksin vuokra-asunnossa, jonka vuokra on 820 € kuukaudessa.",
    "#f-grounds": "Ehdotan, että Kela hyväksyy muuttokustannukset 350 €.",
    "#f-period\\.start": "2026-12-01", "#f-period\\.end": "2026-12-31",
    "#f-heard_date": "2026-11-20",
}
NEED = "Mikko tarvitsee halvemman asunnon. Muutto maksaa 350 euroa."


def test_draft_a_statement_in_the_browser(server: Server, browser, tmp_path: Path) -> None:
    page = browser.new_page(accept_downloads=True)
    page.goto(server.url + "/")
    page.select_option("#category", "other_basic_expenses")
    page.click("text=New statement")
    page.wait_for_url("**/drafts/*")
    draft_url = page.url
    for selector, value in FIELDS.items():
        page.fill(selector, value)
    page.check("#f-client_heard")
    page.check("#f-client_informed")
    missing = page.locator('#feedback li[data-field="individual_need"]')
    expect(missing).to_be_visible(timeout=10_000)  # the missing element is reported
    page.screenshot(path=str(tmp_path / "missing.png"), full_page=True)
    page.fill("#f-individual_need", NEED)
    expect(missing).to_have_count(0, timeout=10_000)  # and goes away once filled in
    expect(page.locator('#feedback [data-status="complete"]')).to_be_visible(timeout=10_000)
    page.screenshot(path=str(tmp_path / "complete.png"), full_page=True)

    server.stop()
    server.start()  # the draft survives a server restart
    page.goto(draft_url)
    expect(page.locator("#f-individual_need")).to_have_value(NEED)

    with page.expect_download() as download:
        page.click("#pdf")
    target = tmp_path / "statement.pdf"
    download.value.save_as(target)
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Muutto maksaa 350 euroa" in text and "Mikko Virtanen" in text
    screenshots = os.environ.get("TOTUDOCS_SCREENSHOTS")
    if screenshots:  # for a person to look at
        for name in ("missing.png", "complete.png"):
            shutil.copy(tmp_path / name, Path(screenshots) / name)
