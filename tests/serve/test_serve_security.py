"""Hardening of the drafting web server: DNS rebinding (Host and Origin), private file modes,
download file names without personal data, and save failures the user is told about."""

from __future__ import annotations

import re
import sqlite3
import stat
from pathlib import Path
from urllib.parse import unquote

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed")
from starlette.testclient import TestClient

from totudocs.serve.app import create_app
from totudocs.serve.store import DraftStore

BASE = "http://127.0.0.1:8765"
COMPLETE = {
    "case_id": "LAUS-TEST-1", "client.name": "Mikko Virtanen", "client.hetu": "120487-934J",
    "organiser.name": "Pirkanmaan hyvinvointialue", "organiser.unit": "Aikuissosiaalityö",
    "author.name": "Laura Niemi", "author.title": "sosiaalityöntekijä", "date": "2026-11-21",
    "expense_type": "Muuttokustannukset",
    "circumstances": "Mikko asuu yksin vuokra-asunnossa, jonka vuokra on 820 € kuukaudessa.",
    "individual_need": "Mikko tarvitsee halvemman asunnon. Muutto maksaa 350 €.",
    "grounds": "Ehdotan, että Kela hyväksyy muuttokustannukset 350 €.",
    "period.start": "2026-12-01", "period.end": "2026-12-31", "client_heard": "on",
    "heard_date": "2026-11-20", "client_informed": "on",
}


def _client(data_dir: Path, **bind: object) -> tuple[TestClient, str, str]:
    """A client that names the server as a browser on this machine would, a CSRF token and a
    new draft's location."""
    client = TestClient(create_app(data_dir, **bind), base_url=BASE)
    page = client.get("/")
    assert page.status_code == 200
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    created = client.post("/drafts", data={"csrf": token, "category": "other_basic_expenses",
                                           "language": "fi"}, follow_redirects=False)
    assert created.status_code == 303
    return client, token, created.headers["location"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_foreign_host_header_is_refused(tmp_path: Path) -> None:
    client, _token, location = _client(tmp_path / "data")
    # A DNS-rebinding page: the browser connects to 127.0.0.1 but names the attacker's host.
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 400
    assert client.get(location, headers={"Host": "evil.example"}).status_code == 400
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host


def test_bind_host_of_the_cli_is_allowed(tmp_path: Path) -> None:
    app = create_app(tmp_path / "data", host="192.0.2.7", port=8765)
    client = TestClient(app, base_url="http://192.0.2.7:8765")
    assert client.get("/").status_code == 200
    assert client.get("/", headers={"Host": "198.51.100.1:8765"}).status_code == 400


def test_foreign_origin_is_refused_even_with_a_valid_csrf_token(tmp_path: Path) -> None:
    client, token, location = _client(tmp_path / "data")
    csrf = {"X-CSRF-Token": token}
    for origin in ("http://evil.example", "http://127.0.0.1:9999", "null",
                   "https://127.0.0.1:8765"):
        reply = client.post(location, data=COMPLETE, headers={**csrf, "Origin": origin})
        assert reply.status_code == 403, origin
    reply = client.post(location, data=COMPLETE,
                        headers={**csrf, "Referer": "http://evil.example/page"})
    assert reply.status_code == 403
    reply = client.post("/drafts", data={"csrf": token, "category": "urgency"},
                        headers={"Origin": "http://evil.example"}, follow_redirects=False)
    assert reply.status_code == 403
    assert client.get(location).status_code == 200  # reading is not state-changing


def test_own_origin_is_accepted(tmp_path: Path) -> None:
    client, token, location = _client(tmp_path / "data", host="127.0.0.1", port=8765)
    csrf = {"X-CSRF-Token": token}
    for origin in (BASE, "http://localhost:8765", "http://[::1]:8765"):
        reply = client.post(location, data=COMPLETE, headers={**csrf, "Origin": origin})
        assert reply.status_code == 200, origin
    reply = client.post(location, data=COMPLETE, headers={**csrf, "Referer": BASE + location})
    assert reply.status_code == 200
    # The CSRF token is still required from the right origin.
    assert client.post(location, data=COMPLETE, headers={"Origin": BASE}).status_code == 403


def test_database_and_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    client, token, location = _client(folder)
    client.post(location, data=COMPLETE, headers={"X-CSRF-Token": token})
    assert _mode(folder) == 0o700
    assert _mode(folder / "drafts.sqlite3") == 0o600


def test_files_of_older_versions_are_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    database = folder / "drafts.sqlite3"
    # A WAL database with its -wal/-shm files kept open, as an older version left them.
    db = sqlite3.connect(database)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE t (x)")
    db.execute("INSERT INTO t VALUES (1)")
    db.commit()
    side_files = [Path(f"{database}-wal"), Path(f"{database}-shm")]
    try:
        for path in [database, *side_files]:
            path.chmod(0o644)
        DraftStore(folder)
        assert _mode(folder) == 0o700
        for path in [database, *side_files]:
            assert _mode(path) == 0o600, path.name
    finally:
        db.close()


@pytest.mark.parametrize("case_id", ["Å-2026/ä", "ŁÓDŹ-2026/€"])
def test_download_with_non_latin1_case_id(tmp_path: Path, case_id: str) -> None:
    client, token, location = _client(tmp_path / "data")
    client.post(location, data=dict(COMPLETE, case_id=case_id), headers={"X-CSRF-Token": token})
    pdf = client.get(location + "/pdf")
    assert pdf.status_code == 200
    disposition = pdf.headers["content-disposition"]
    assert disposition.isascii()
    match = re.fullmatch(r"""attachment; filename="([A-Za-z0-9_.-]+)"; filename\*=UTF-8''(\S+)""",
                         disposition)
    assert match, disposition
    assert "/" not in unquote(match.group(2))
    assert unquote(match.group(2)).endswith(".pdf")
    assert unquote(match.group(2)).startswith(case_id.split("/")[0])


def test_download_name_has_no_hetu_or_client_name(tmp_path: Path) -> None:
    client, token, location = _client(tmp_path / "data")
    # A case id holding a henkilötunnus is refused by the model, and the refusal does not echo it.
    client.post(location, data=dict(COMPLETE, case_id="LAUS-120487-934J"),
                headers={"X-CSRF-Token": token})
    refused = client.get(location + "/pdf")
    assert refused.status_code == 422
    assert "120487" not in refused.text and "934J" not in refused.text
    # The client's name typed into the case id stays out of the file name.
    client.post(location, data=dict(COMPLETE, case_id="LAUS-2026-Virtanen"),
                headers={"X-CSRF-Token": token})
    pdf = client.get(location + "/pdf")
    assert pdf.status_code == 200
    disposition = unquote(pdf.headers["content-disposition"])
    assert "virtanen" not in disposition.lower() and "mikko" not in disposition.lower()
    assert "LAUS" in disposition


def test_failed_save_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client, token, location = _client(tmp_path / "data")

    def disk_full(self: DraftStore, draft_id: str, data: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(DraftStore, "save", disk_full)
    reply = client.post(location, data=COMPLETE, headers={"X-CSRF-Token": token})
    assert reply.status_code == 503
    assert "NOT saved" in reply.text and "disk is full" in reply.text
    assert "Traceback" not in reply.text
    reply = client.post("/drafts", data={"csrf": token, "category": "urgency"},
                        follow_redirects=False)
    assert reply.status_code == 503 and "NOT saved" in reply.text


def test_cli_passes_its_bind_address_to_the_app(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    uvicorn = pytest.importorskip("uvicorn")
    from click.testing import CliRunner

    from totudocs.cli.serve_cmd import serve

    started: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: started.update(app=app, **kwargs))
    result = CliRunner().invoke(serve, ["--port", "8123", "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    client = TestClient(started["app"], base_url="http://127.0.0.1:8123")
    page = client.get("/")
    assert page.status_code == 200
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    form = {"csrf": token, "category": "urgency"}
    # Another port on this machine is another origin (any local web app).
    assert client.post("/drafts", data=form, headers={"Origin": "http://127.0.0.1:9999"},
                       follow_redirects=False).status_code == 403
    assert client.post("/drafts", data=form, headers={"Origin": "http://localhost:8123"},
                       follow_redirects=False).status_code == 303
