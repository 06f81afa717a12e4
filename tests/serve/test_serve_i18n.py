"""The drafting form in Finnish, Swedish and English: the language follows Accept-Language and
the switch, every page says its language, and no English message is left in a Finnish or Swedish
page. The message catalogs are complete and their compiled .mo files match the .po files."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed")
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from starlette.testclient import TestClient

from totudocs.serve.app import create_app
from totudocs.statement import i18n

LOCALE = i18n.LOCALE_DIR
ROOT = Path(__file__).resolve().parents[2]
BASE = "http://127.0.0.1:8765"
ACCEPT = {"fi": "fi-FI,fi;q=0.9,en;q=0.5", "sv": "sv-FI,sv;q=0.9,fi;q=0.6", "en": "en-GB,en;q=0.8"}
PARTLY = {
    "case_id": "LAUS-TEST-1", "client.name": "Mikko Virtanen", "client.hetu": "120487-934K",
    "expense_type": "Muuttokustannukset", "date": "25.11.",
    "circumstances": "Mikäli muutto toteutuu, perustotu lasketaan uudelleen. Tuki myönnetään asiakkaalle.",
    "grounds": "Puollan tukea kokonaistilanteen perusteella.",
    "period.start": "2026-12-01", "period.end": "2026-11-01",
}
COMPLETE = {
    "case_id": "LAUS-TEST-1", "client.name": "Mikko Virtanen", "client.hetu": "120487-934J",
    "organiser.name": "Pirkanmaan hyvinvointialue", "organiser.unit": "Aikuissosiaalityö",
    "author.name": "Laura Niemi", "author.title": "sosiaalityöntekijä", "date": "21.11.2026",
    "expense_type": "Muuttokustannukset",
    "circumstances": "Mikko asuu yksin vuokra-asunnossa, jonka vuokra on 820 € kuukaudessa.",
    "individual_need": "Mikko tarvitsee halvemman asunnon. Muutto maksaa 350 €.",
    "grounds": "Ehdotan, että Kela hyväksyy muuttokustannukset 350 €.",
    "period.start": "1.12.2026", "period.end": "2026-12-31", "client_heard": "on",
    "heard_date": "20.11.2026", "client_informed": "on",
}
RAW_VALIDATION = ("String should", "Input should", "Value error", "Field required",
                  "validation error", "is before start", "not a henkilötunnus")


class _Visible(HTMLParser):
    """Text nodes and the attribute values a person sees or hears (not tags, ids or URLs)."""

    SPOKEN = frozenset({"title", "aria-label", "placeholder", "alt", "content", "data-summary"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        secret = tag == "meta" and dict(attrs).get("name") == "csrf-token"
        for name, value in attrs:
            if value and not secret and (name in self.SPOKEN or name.startswith("data-msg-")):
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return "\n".join(parser.parts)


def catalog(language: str):
    with open(LOCALE / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def untranslated(page: str, language: str) -> list[str]:
    """Every msgid of the catalog whose translation differs from it that shows in ``page``
    (messages with placeholders: each literal part of at least 12 characters)."""
    text = visible_text(page)
    left = []
    for message in catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid in strings:
                continue
            parts = [p.strip(" .,:;()'") for p in re.split(r"%\(\w+\)[sd]", msgid)]
            if len(parts) > 1:
                parts = [p for p in parts if len(p) >= 12]
            for part in parts:
                if part and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text):
                    left.append(msgid)
    return left


def _client(tmp_path: Path, language: str) -> TestClient:
    return TestClient(create_app(tmp_path / "data"), base_url=BASE,
                      headers={"Accept-Language": ACCEPT[language]})


def _token(client: TestClient) -> tuple[str, str]:
    page = client.get("/")
    return page.text, re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def _pages(tmp_path: Path, language: str) -> dict[str, str]:
    """Every page and fragment of the flow, as the browser of ``language`` gets them."""
    client = _client(tmp_path, language)
    pages: dict[str, str] = {}
    pages["index (empty)"], token = _token(client)
    created = client.post("/drafts", data={"csrf": token, "category": "other_basic_expenses",
                                           "language": "fi"}, follow_redirects=False)
    location = created.headers["location"]
    pages["form (empty)"] = client.get(location).text
    pages["not ready"] = client.get(location + "/preview").text
    csrf = {"X-CSRF-Token": token}
    pages["feedback (partly)"] = client.post(location, data=PARTLY, headers=csrf).text
    pages["form (partly)"] = client.get(location).text
    pages["feedback (complete)"] = client.post(location, data=COMPLETE, headers=csrf).text
    pages["form (complete)"] = client.get(location).text
    pages["preview"] = client.get(location + "/preview").text
    pages["index (drafts)"] = client.get("/").text
    for name in ("urgency", "basic_amount_reduction"):
        other = client.post("/drafts", data={"csrf": token, "category": name, "language": "sv"},
                            follow_redirects=False)
        pages[f"form ({name})"] = client.get(other.headers["location"]).text
    return pages


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_pages_are_entirely_in_the_browsers_language(tmp_path: Path, language: str) -> None:
    for name, page in _pages(tmp_path, language).items():
        if page.lstrip().startswith("<!DOCTYPE"):
            assert f'<html lang="{language}">' in page, name
        assert untranslated(page, language) == [], name
        assert not any(raw in page for raw in RAW_VALIDATION), name


def test_english_pages(tmp_path: Path) -> None:
    pages = _pages(tmp_path, "en")
    assert '<html lang="en">' in pages["index (empty)"]
    assert "What does the statement concern?" in pages["index (empty)"]
    assert "Client's details" in html.unescape(pages["form (empty)"])
    for name, page in pages.items():
        assert not any(raw in page for raw in RAW_VALIDATION), name
    # The scan finds English where Finnish or Swedish belongs.
    assert "What Kela still needs" in untranslated(pages["form (partly)"], "fi")
    assert "Preview and PDF open once nothing is missing." in untranslated(pages["form (partly)"], "sv")


def test_finnish_wording_of_the_form(tmp_path: Path) -> None:
    pages = _pages(tmp_path, "fi")
    form = visible_text(pages["form (empty)"])
    for heading in ("Lausunto Kelalle", "Asiakkaan tiedot", "Tilanne ja tarve", "Esitys ja ajanjakso",
                    "Suunnitelma", "Asiakkaan kuuleminen", "Allekirjoitus"):
        assert heading in form
    swedish = visible_text(_pages(tmp_path / "sv", "sv")["form (empty)"])
    for heading in ("Utlåtande till FPA", "Klientens uppgifter", "Situation och behov",
                    "Förslag och period", "Hörande av klienten", "Underskrift"):
        assert heading in swedish


def test_language_switch_is_kept_in_a_cookie(tmp_path: Path) -> None:
    client = _client(tmp_path, "fi")
    switched = client.get("/?lang=sv")
    assert '<html lang="sv">' in switched.text
    assert "totudocs_lang=sv" in switched.headers["set-cookie"]
    assert '<html lang="sv">' in client.get("/").text  # the cookie wins over Accept-Language
    assert '<html lang="fi">' in client.get("/?lang=fi").text
    assert 'aria-current="true">Suomeksi' in client.get("/").text


@pytest.mark.parametrize(
    ("header", "expected"),
    [("fi", "fi"), ("sv-FI,sv;q=0.9", "sv"), ("de-DE,sv;q=0.8,fi;q=0.5", "sv"),
     ("en-US,en;q=0.9,fi;q=0.8", "en"), ("fi;q=0.2,sv;q=0.9", "sv"), ("de, fr", "en"), ("", "en"),
     ("*", "en"), ("fi-FI;q=0", "en"), ("garbage;;;q=x", "en")],
)
def test_accept_language_negotiation(header: str, expected: str) -> None:
    assert i18n.negotiate_accept_language(header) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({"LANG": "fi_FI.UTF-8"}, "fi"), ({"LANG": "sv_FI.UTF-8"}, "sv"), ({"LANG": "C.UTF-8"}, "en"),
     ({"LANGUAGE": "sv:fi", "LANG": "fi_FI.UTF-8"}, "sv"), ({"LC_ALL": "fi_FI", "LANG": "sv_FI"}, "fi"),
     ({"LC_MESSAGES": "sv_SE.UTF-8", "LANG": "fi_FI"}, "sv"), ({}, "en"), ({"LANG": "de_DE"}, "en")],
)
def test_language_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert i18n.environment_language(environ) == expected


def test_dates_are_shown_and_read_in_the_interface_language(tmp_path: Path) -> None:
    pages = _pages(tmp_path, "fi")
    assert 'value="1.12.2026"' in pages["form (complete)"]  # typed as 1.12.2026, stored as ISO
    assert 'value="31.12.2026"' in pages["form (complete)"]  # typed as 2026-12-31
    assert 'value="2026-12-31"' in _pages(tmp_path / "sv", "sv")["form (complete)"]
    assert i18n.parse_date("5.11.2026").isoformat() == "2026-11-05"
    assert i18n.parse_date("05/11/2026").isoformat() == "2026-11-05"
    assert i18n.parse_date("2026-11-05").isoformat() == "2026-11-05"
    assert i18n.parse_date("31.2.2026") is None and i18n.parse_date("5.11.") is None
    with i18n.use_language("fi"):
        assert i18n.format_amount(1234.5) == "1\xa0234,50\xa0€"
        assert i18n.format_number(1234.5) == "1\xa0234,5"
    with i18n.use_language("sv"):
        assert i18n.format_amount(1234.5) == "1\xa0234,50\xa0€"


def test_validation_messages_are_ours_and_next_to_the_field(tmp_path: Path) -> None:
    client = _client(tmp_path, "fi")
    _page, token = _token(client)
    location = client.post("/drafts", data={"csrf": token, "category": "other_basic_expenses"},
                           follow_redirects=False).headers["location"]
    reply = client.post(location, data=PARTLY, headers={"X-CSRF-Token": token}).text
    assert '<li data-for="client.hetu">Tarkistusmerkki (viimeinen merkki) ei täsmää' in reply
    assert '<li data-for="date">Kirjoita päivämäärä muodossa pp.kk.vvvv, esimerkiksi 25.11.2026.' in reply
    assert '<li data-for="period.end">Ajanjakso päättyy ennen kuin se alkaa.' in reply
    form = client.get(location).text
    assert re.search(r'<p class="error" id="e-client.hetu">Tarkistusmerkki', form)
    assert re.search(r'id="f-client.hetu"[^>]*aria-describedby="h-client.hetu e-client.hetu"[^>]*aria-invalid="true"', form)
    assert 'href="#f-client.hetu"' in reply and 'href="#f-individual_need"' in reply


def test_statement_advice_names_the_actor_for_kela(tmp_path: Path) -> None:
    client = _client(tmp_path, "fi")
    _page, token = _token(client)
    location = client.post("/drafts", data={"csrf": token, "category": "urgency"},
                           follow_redirects=False).headers["location"]
    reply = html.unescape(client.post(location, data=PARTLY, headers={"X-CSRF-Token": token}).text)
    assert 'data-rule="FI103"' in reply
    assert "Ehdotan, että Kela hyväksyy" in reply
    assert "myöntää sinulle" not in reply


def test_preview_and_pdf_are_offered_only_when_complete(tmp_path: Path) -> None:
    client = _client(tmp_path, "sv")
    _page, token = _token(client)
    location = client.post("/drafts", data={"csrf": token, "category": "other_basic_expenses"},
                           follow_redirects=False).headers["location"]
    empty = client.get(location).text
    assert re.search(r'<button id="preview"[^>]*disabled', empty)
    assert re.search(r'<button id="pdf"[^>]*disabled', empty)
    assert 'id="why-disabled">Förhandsgranskning och PDF öppnas när inget längre saknas.' in empty
    not_ready = client.get(location + "/pdf")
    assert not_ready.status_code == 422 and '<html lang="sv">' in not_ready.text
    assert "Skriv klientens namn." in not_ready.text
    complete = client.post(location, data=COMPLETE, headers={"X-CSRF-Token": token}).text
    assert f'<a id="preview" class="button primary" href="{location}/preview">' in complete
    assert f'<a id="pdf" class="button" href="{location}/pdf" download>' in complete
    assert "disabled" not in complete


def test_font_and_headers(tmp_path: Path) -> None:
    client = _client(tmp_path, "fi")
    css = client.get("/static/app.css").text
    assert 'font-family: "Source Sans Pro"' in css and "/fonts/regular.woff2" in css
    font = client.get("/fonts/regular.woff2")
    assert font.status_code == 200 and font.headers["content-type"] == "font/woff2"
    assert font.content[:4] == b"wOF2"
    assert client.get("/fonts/../app.py").status_code == 404
    page = client.get("/")
    assert page.headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in page.headers["content-security-policy"]


# --- the catalogs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalog_is_complete(language: str) -> None:
    messages = [m for m in catalog(language) if m.id]
    assert len(messages) > 100
    for message in messages:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {message.id!r}"
        assert not message.fuzzy, f"fuzzy: {message.id!r}"
        if message.python_format:  # the same placeholders, so formatting cannot fail
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            wanted = set(re.findall(r"%\(\w+\)[sd]", ids[-1]))
            for string in strings:
                assert set(re.findall(r"%\(\w+\)[sd]", string)) == wanted, message.id


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_compiled_catalog_matches_the_po_file(language: str) -> None:
    """The .mo in the tree is what `pybabel compile` makes of the .po (no stale build)."""
    po = {_key(m.id): _key(m.string) for m in catalog(language) if m.id and not m.fuzzy}
    with open(LOCALE / language / "LC_MESSAGES" / "messages.mo", "rb") as handle:
        mo = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
    assert mo == po


def test_template_is_in_step_with_the_sources(tmp_path: Path) -> None:
    """Every message in the code and templates is in messages.pot and in both catalogs."""
    from babel.messages.frontend import CommandLineInterface

    target = tmp_path / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"),
                                "-o", str(target), str(ROOT)])
    with open(target, "rb") as handle:
        extracted = {m.id for m in read_po(handle) if m.id}
    with open(LOCALE / "messages.pot", "rb") as handle:
        assert extracted == {m.id for m in read_po(handle) if m.id}
    for language in ("fi", "sv"):
        assert extracted == {m.id for m in catalog(language) if m.id}


def test_example_henkilotunnus_is_valid() -> None:
    from stdnum.fi import hetu

    from totudocs.statement.messages import EXAMPLE_HETU

    assert hetu.is_valid(EXAMPLE_HETU)
    with i18n.use_language("fi"):
        from totudocs.statement.messages import validation_message

        message = validation_message("client.hetu", "value_error", "not a henkilötunnus")
    assert EXAMPLE_HETU in message and hetu.is_valid(re.search(r"\d{6}-\d{3}\w", message).group())
