"""The drafting web app without a browser: routes, CSRF, persistence, feedback, PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

pytest.importorskip("starlette", reason="the serve extra is not installed")
from starlette.testclient import TestClient

from totudocs.serve.app import create_app

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


def _client(tmp_path: Path) -> tuple[TestClient, str, str]:
    client = TestClient(create_app(tmp_path / "data"), base_url="http://127.0.0.1:8765")
    page = client.get("/")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    created = client.post("/drafts", data={"csrf": token, "category": "other_basic_expenses",
                                           "language": "fi"}, follow_redirects=False)
    assert created.status_code == 303
    return client, token, created.headers["location"]


def test_post_without_csrf_token_is_refused(tmp_path: Path) -> None:
    client, token, location = _client(tmp_path)
    assert client.post("/drafts", data={"category": "urgency"}).status_code == 403
    assert client.post(location, data=COMPLETE).status_code == 403
    assert client.post(location, data=COMPLETE, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.post(location, data=COMPLETE, headers={"X-CSRF-Token": token}).status_code == 200


def test_feedback_lists_what_is_missing_and_draft_persists(tmp_path: Path) -> None:
    client, token, location = _client(tmp_path)
    partial = {k: v for k, v in COMPLETE.items() if k != "individual_need"}
    reply = client.post(location, data=partial, headers={"X-CSRF-Token": token})
    assert 'data-field="individual_need"' in reply.text
    reply = client.post(location, data=COMPLETE, headers={"X-CSRF-Token": token})
    assert 'data-status="complete"' in reply.text
    restarted = TestClient(create_app(tmp_path / "data"), base_url="http://127.0.0.1:8765")  # a new server on the same data
    page = restarted.get(location)
    assert "Mikko tarvitsee halvemman asunnon" in page.text


def test_plain_language_findings_appear_per_field(tmp_path: Path) -> None:
    client, token, location = _client(tmp_path)
    data = dict(COMPLETE, grounds="Mikäli muutto toteutuu, perustotu lasketaan uudelleen 350 €.")
    reply = client.post(location, data=data, headers={"X-CSRF-Token": token})
    assert 'data-field="grounds" data-rule="FI107"' in reply.text
    assert 'data-field="grounds" data-rule="FI108"' in reply.text


def test_preview_and_pdf(tmp_path: Path) -> None:
    client, token, location = _client(tmp_path)
    assert client.get(location + "/pdf").status_code == 422  # not complete yet
    client.post(location, data=COMPLETE, headers={"X-CSRF-Token": token})
    assert "Sosiaalihuollon lausunto Kelalle" in client.get(location + "/preview").text
    pdf = client.get(location + "/pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Muutto maksaa 350 €" in text
