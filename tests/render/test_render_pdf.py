"""Real WeasyPrint PDFs: text, amounts, attached case data, metadata, fonts, restricted fetching."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from totudocs.model import Decision, load_decision
from totudocs.phrases.sandbox import format_eur
from totudocs.render.html import Renderer
from totudocs.render.pdf import ForbiddenResource, pdf_bytes
from totudocs.resources import corpus_dir, templates_dir

EXAMPLE_DIR = corpus_dir() / "examples"


@pytest.fixture(scope="module")
def rendered(renderer: Renderer) -> dict[str, tuple[Decision, PdfReader]]:
    """Two examples (fi and sv) rendered once for all the PDF checks."""
    result = {}
    for name in ("07-basic-urgent-fi", "06-preventive-sv"):
        case = load_decision(EXAMPLE_DIR / f"{name}.yaml")
        data = pdf_bytes(renderer.render(case), renderer.templates)
        result[name] = (case, PdfReader(io.BytesIO(data)))
    return result


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("name", ["07-basic-urgent-fi", "06-preventive-sv"])
def test_pdf_holds_outcome_and_amounts(rendered, name: str) -> None:
    case, reader = rendered[name]
    text = _text(reader)
    for outcome in case.outcomes:
        assert outcome.item in text
        assert format_eur(outcome.amount, case.language).replace("\xa0", " ") in text.replace(
            "\xa0", " "
        )
    for payment in case.payments:
        assert format_eur(payment.amount, case.language).replace("\xa0", " ") in text.replace(
            "\xa0", " "
        )
    label = "Sivu" if case.language == "fi" else "Sida"
    assert f"{label} 1 / {len(reader.pages)}" in text
    assert f"{label} {len(reader.pages)} / {len(reader.pages)}" in text


@pytest.mark.parametrize("name", ["07-basic-urgent-fi", "06-preventive-sv"])
def test_attached_json_round_trips_to_the_same_case(rendered, name: str) -> None:
    case, reader = rendered[name]
    (attached,) = reader.attachments["case.json"]
    assert Decision.model_validate(json.loads(attached)) == case


@pytest.mark.parametrize("name", ["07-basic-urgent-fi", "06-preventive-sv"])
def test_metadata_language_title_and_no_personal_data(rendered, name: str) -> None:
    case, reader = rendered[name]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == case.language
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    info = reader.metadata
    assert info["/Author"] == case.issuer.name
    assert info["/Title"].startswith(("Päätös", "Beslut"))
    assert info["/totudocsphraselibrary"].startswith("totudocs-core")
    assert "/viewport" not in info  # a browser hint, not a property of the document
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    metadata_text = json.dumps({k: str(v) for k, v in info.items()}) + xmp
    assert case.applicant.name not in metadata_text
    assert case.applicant.hetu not in metadata_text


def test_fonts_are_embedded(rendered) -> None:
    _case, reader = rendered["07-basic-urgent-fi"]
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values())
    assert all("Source-Sans-Pro" in name for name in fonts)


@pytest.mark.parametrize(
    "reference",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="http://example.invalid/x.css">',
        '<img src="../../../../etc/hostname">',
        "<style>@import url(https://example.invalid/a.css);</style>",
    ],
)
def test_template_cannot_read_local_files_or_the_network(tmp_path: Path, reference: str) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    base = (templates / "base.html.j2").read_text()
    (templates / "base.html.j2").write_text(base.replace("<main>", "<main>" + reference, 1))
    renderer = Renderer.create(templates=templates)
    document = renderer.render(load_decision(EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml"))
    with pytest.raises(ForbiddenResource):
        pdf_bytes(document, renderer.templates)


def test_documents_rendered_from_several_threads_keep_their_own_data(renderer: Renderer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    names = ["01-basic-housing-cap-fi", "06-preventive-sv", "07-basic-urgent-fi",
             "08-basic-automated-sv"]
    cases = [load_decision(EXAMPLE_DIR / f"{name}.yaml") for name in names]
    with ThreadPoolExecutor(max_workers=4) as pool:
        pdfs = list(pool.map(lambda c: pdf_bytes(renderer.render(c), renderer.templates), cases))
    for case, data in zip(cases, pdfs, strict=True):
        reader = PdfReader(io.BytesIO(data))
        assert reader.trailer["/Root"]["/Lang"] == case.language
        (attached,) = reader.attachments["case.json"]
        assert json.loads(attached)["case_id"] == case.case_id


def _header_cell_scopes(node: object, found: list[str]) -> list[str]:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if node.get("/S") == "/TH":
            found.append(str(node.get("/A", {}).get("/Scope")))
        children = node.get("/K")
        if children is not None:
            for child in children if isinstance(children, list) else [children]:
                _header_cell_scopes(child, found)
    return found


@pytest.mark.parametrize("name", ["07-basic-urgent-fi", "06-preventive-sv"])
def test_tags_header_scopes_one_attachment_entry_and_no_footer_content(rendered,
                                                                        name: str) -> None:
    import re

    from totudocs.render.html import Renderer

    case, reader = rendered[name]
    root = reader.trailer["/Root"]
    assert len(root["/AF"]) == len({id(a.get_object()) for a in root["/AF"]}) == 1
    html = Renderer.create().render(case).html
    expected = [{"col": "/Column", "row": "/Row"}[s] for s in re.findall(r'<th[^>]*\bscope="(\w+)"', html)]
    assert _header_cell_scopes(root["/StructTreeRoot"], []) == expected
    # the running footer comes from an attribute: no element of the body carries its text
    assert "running-footer" not in html.split("<body", 1)[1].split(">", 1)[1]


@pytest.mark.slow
def test_every_example_decision_fits_in_two_pages() -> None:
    from totudocs.model import load_decision
    from totudocs.render.html import Renderer
    from totudocs.render.pdf import engine_for

    renderer = Renderer.create()
    for path in sorted(EXAMPLE_DIR.glob("0*.yaml")):
        pdf = engine_for(renderer.templates).render(renderer.render(load_decision(path)))
        assert pdf.pages <= 2, path.name


@pytest.mark.slow
def test_the_address_sits_in_the_envelope_window_and_a_protected_one_is_not_printed() -> None:
    from pypdf import PdfReader as Reader

    from totudocs.model import load_decision
    from totudocs.render.html import Renderer
    from totudocs.render.pdf import engine_for

    renderer = Renderer.create()
    case = load_decision(EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml")
    assert case.mailing_address is not None
    data = engine_for(renderer.templates).render(renderer.render(case)).data
    page = Reader(io.BytesIO(data)).pages[0]
    height = float(page.mediabox.height)
    found: dict[str, list[tuple[float, float]]] = {}

    def visit(text: str, cm, matrix, _font, _size) -> None:  # type: ignore[no-untyped-def]
        # the text position in page space: the text matrix's origin through the CTM
        x = cm[0] * matrix[4] + cm[2] * matrix[5] + cm[4]
        y = cm[1] * matrix[4] + cm[3] * matrix[5] + cm[5]
        for wanted in (case.mailing_address.lines[0], case.applicant.name, "Päätös perus"):
            if text.strip().startswith(wanted):
                found.setdefault(wanted, []).append((x / 72 * 25.4, (height - y) / 72 * 25.4))

    page.extract_text(visitor_text=visit)
    window = (20, 45, 105, 80)  # mm from the left and top edges: a C5 window

    def in_window(x: float, y: float) -> bool:
        return window[0] - 1 <= x <= window[2] and window[1] <= y <= window[3]

    for wanted in (case.applicant.name, case.mailing_address.lines[0]):
        assert any(in_window(x, y) for x, y in found[wanted]), (wanted, found[wanted])
    # nothing else shows through the window: the title starts below it
    assert all(y > window[3] for _x, y in found["Päätös perus"])

    protected = load_decision(EXAMPLE_DIR / "02-basic-reduction-fi.yaml")
    assert protected.address_protected and protected.mailing_address is None
    html = renderer.render(protected).html
    assert "turvakielto" in html and 'class="window-address"' not in html
