"""HTML rendering: examples render, sections are marked, phrases are relevant, text is safe."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from totudocs.model import load_decision
from totudocs.phrases.sandbox import format_day, format_eur
from totudocs.render.html import Renderer, RenderError
from totudocs.resources import corpus_dir

EXAMPLE_DIR = corpus_dir() / "examples"
EXAMPLE_FILES = sorted(EXAMPLE_DIR.glob("[0-9]*.yaml"))


class _Outline(HTMLParser):
    """Collects what an accessibility check needs: lang, headings, sections, table headers."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[int] = []
        self.sections: list[str] = []
        self.th_scopes: list[str | None] = []
        self.captions = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "data-section" in attributes:
            self.sections.append(attributes["data-section"] or "")
        if tag == "th":
            self.th_scopes.append(attributes.get("scope"))
        if tag == "caption":
            self.captions += 1


def _outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def test_there_are_at_least_eight_examples_in_both_languages() -> None:
    languages = {load_decision(p).language for p in EXAMPLE_FILES}
    kinds = {load_decision(p).kind for p in EXAMPLE_FILES}
    assert len(EXAMPLE_FILES) >= 8
    assert languages == {"fi", "sv"}
    assert kinds == {"basic", "supplementary", "preventive"}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_renders_accessible_html(renderer: Renderer, path: Path) -> None:
    case = load_decision(path)
    document = renderer.render(case)
    outline = _outline(document.html)
    assert outline.lang == case.language
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    # no heading level is skipped (h1 -> h3 without h2 confuses screen readers)
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    for section in ("header", "outcome", "calculation", "review", "contact"):
        assert section in outline.sections
    assert all(scope in ("col", "row") for scope in outline.th_scopes)
    assert outline.captions >= 2
    # the outcome and every granted amount are in the document
    assert format_eur(case.granted_total, case.language) in document.html
    for outcome in case.outcomes:
        assert format_eur(outcome.amount, case.language) in document.html


def test_client_first_order(renderer: Renderer) -> None:
    document = renderer.render(load_decision(EXAMPLE_DIR / "07-basic-urgent-fi.yaml"))
    order = [
        s
        for s in _outline(document.html).sections
        if s in {"outcome", "payments", "own-share", "justification", "calculation", "review"}
    ]
    assert order == ["outcome", "payments", "own-share", "justification", "calculation", "review"]


def test_babel_formats_money_and_dates() -> None:
    assert format_eur(Decimal("1234.5"), "fi") == "1\xa0234,50\xa0€"
    assert format_eur(Decimal("1234.5"), "sv") == "1\xa0234,50\xa0€"
    from datetime import date

    assert format_day(date(2026, 3, 12), "fi") == "12.3.2026"
    assert format_day(date(2026, 3, 12), "sv") == "12\xa0mars\xa02026"  # never broken across lines


def test_review_instructions_fit_the_issuer(renderer: Renderer) -> None:
    kela = renderer.render(load_decision(EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml"))
    county = renderer.render(load_decision(EXAMPLE_DIR / "05-supplementary-discretion-fi.yaml"))
    assert "review.kela" in _used(kela) and "review.county" not in _used(kela)
    assert "review.county" in _used(county) and "review.kela" not in _used(county)
    assert "yksilöasioiden jaosto" in county.html
    for document in (kela, county):
        assert "30 päivän" in document.html and "seitsemäntenä päivänä" in document.html


def _used(document) -> set[str]:
    return {t.id for t in document.trace if t.used}


def test_supplementary_support_phrase_only_when_relevant(renderer: Renderer) -> None:
    """The seeds' stock phrase must not appear in every decision (002: 1466-1487)."""
    plain = renderer.render(load_decision(EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml"))
    denied = renderer.render(load_decision(EXAMPLE_DIR / "04-basic-statement-not-followed-fi.yaml"))
    assert "next.supplementary-support" not in _used(plain)
    assert "täydentävää toimeentulotukea" not in plain.html
    assert "next.supplementary-support" in _used(denied)
    entry = next(t for t in plain.trace if t.id == "next.supplementary-support")
    assert not entry.used and entry.reason.startswith("condition not met")


def test_trace_records_provenance(renderer: Renderer) -> None:
    document = renderer.render(load_decision(EXAMPLE_DIR / "02-basic-reduction-fi.yaml"))
    trace = document.trace_dict()
    assert trace["provenance"]["totudocs.phrase-library"].startswith("totudocs-core ")
    assert len(trace["provenance"]["totudocs.input-sha256"]) == 64
    used = [p for p in trace["phrases"] if p["used"]]
    assert {"reduction.explained", "reduction.hearing"} <= {p["id"] for p in used}
    assert all(p["reason"] for p in used)


def test_automated_decision_discloses_and_has_no_contact_person(renderer: Renderer) -> None:
    document = renderer.render(load_decision(EXAMPLE_DIR / "08-basic-automated-sv.yaml"))
    assert "automation.disclosure" in _used(document)
    assert "ett automatiskt beslut" in document.html
    assert "contact.person" not in _used(document)


@pytest.mark.parametrize(
    "payload",
    ["<script>alert('x')</script>", "{{ 7*7 }}", "{% include '/etc/passwd' %}", "<b>&amp;</b>"],
)
def test_free_text_is_rendered_literally(renderer: Renderer, tmp_path: Path, payload: str) -> None:
    data = yaml.safe_load((EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml").read_text())
    data["discretion"][0]["justification"] = f"Perustelu {payload} loppuu."
    data["next_steps"] = [payload]
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    html = renderer.render(load_decision(path)).html
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace("'", "&#39;").replace('"', "&#34;")
    assert f"Perustelu {escaped} loppuu." in html
    assert "<script>" not in html and "49" not in html.split("<main>")[1].split("Perustelu")[0][-5:]


def test_unknown_placeholder_in_phrase_fails_loudly(tmp_path: Path) -> None:
    phrases = tmp_path / "phrases"
    phrases.mkdir()
    (phrases / "p.yaml").write_text(
        "phrases:\n  - id: x\n    section: outcome\n    fi: 'Summa {{ no_such_field }}'\n"
        "    sv: 'Summa {{ no_such_field }}'\n"
    )
    renderer = Renderer.create(phrases=phrases)
    with pytest.raises(RenderError, match="no_such_field"):
        renderer.render(load_decision(EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml"))


def test_phrase_text_cannot_escape_the_sandbox(tmp_path: Path) -> None:
    phrases = tmp_path / "phrases"
    phrases.mkdir()
    (phrases / "p.yaml").write_text(
        "phrases:\n  - id: x\n    section: outcome\n"
        '    fi: "{{ case.__class__.__mro__ }}"\n    sv: x\n'
    )
    renderer = Renderer.create(phrases=phrases)
    with pytest.raises(RenderError, match=r"unsafe|__class__"):
        renderer.render(load_decision(EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml"))


def test_a_renderer_created_after_an_edit_uses_the_edited_phrases(tmp_path, example_path) -> None:
    import shutil

    from totudocs.resources import phrases_dir

    phrases = tmp_path / "phrases"
    shutil.copytree(phrases_dir(), phrases)
    case = load_decision(example_path)
    before = Renderer.create(phrases=phrases).render(case).html
    assert "Kela laski tuen määrän kuukauden menoista ja tuloista." in before
    library = phrases / "decision.yaml"
    library.write_text(library.read_text().replace(
        "Kela laski tuen määrän kuukauden menoista", "Kela laski tuen määrän kuukauden kuluista"))
    after = Renderer.create(phrases=phrases).render(case).html
    assert "Kela laski tuen määrän kuukauden kuluista ja tuloista." in after


def test_the_client_sees_no_technical_footer_and_a_precise_payment_sentence(
    renderer: Renderer,
) -> None:
    document = renderer.render(load_decision(EXAMPLE_DIR / "03-basic-statement-followed-sv.yaml"))
    assert "totudocs 0." not in document.html.split("</head>")[1]  # provenance stays in <meta>
    assert 'name="totudocs.version"' in document.html
    assert "eller hos mottagaren" not in document.html  # everything is paid to the client
    assert "finns på ditt konto" in document.html
    assert "Beviljas" not in document.html  # the s-passive SV102 flags
