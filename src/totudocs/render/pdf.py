"""HTML -> archival PDF with WeasyPrint: PDF/A-3a (tagged), metadata, attached case data.

WeasyPrint may only read files inside the template folder and the prepared font folder: a case or a
template that points at ``file:///etc/passwd`` or any http URL stops the rendering with an error.
"""

from __future__ import annotations

import atexit
import logging
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname
from xml.etree.ElementTree import Element

from weasyprint import CSS, HTML, Attachment
from weasyprint.document import Document
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from totudocs.render.fonts import MissingGlyphs, embed_whole, prepared_fonts
from totudocs.render.html import RenderedDocument

PDF_VARIANT = "pdf/a-3a"  # archival (PDF/A-3) and tagged for accessibility (conformance level A)

logging.getLogger("fontTools").setLevel(logging.ERROR)


class _WeasyPrintLog(logging.Handler):
    """WeasyPrint's log: its warnings quote document text (personal data), so none of them
    reaches the application's logs; the one about a glyph no font has is collected, per
    thread, so the document can be refused."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.local = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        missing = getattr(self.local, "missing", None)
        if missing is not None and str(record.msg).startswith(".notdef glyph"):
            missing.add(int(record.args[-1]))  # type: ignore[index]


_LOG = _WeasyPrintLog()
_weasyprint_logger = logging.getLogger("weasyprint")
_weasyprint_logger.setLevel(logging.WARNING)
_weasyprint_logger.propagate = False
_weasyprint_logger.handlers = [_LOG]


class ForbiddenResource(FatalURLFetchingError):
    """A template or case tried to read a file outside the allowed folders, or the network."""


class RestrictedFetcher(URLFetcher):
    """Serves only ``file:`` URLs under the allowed folders; refuses everything else."""

    def __init__(self, allowed_roots: Iterable[Path]) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self._roots = [Path(root).resolve() for root in allowed_roots]

    def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[override]
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise ForbiddenResource(f"refused to fetch {url!r}: only bundled files may be used")
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self._roots):
            raise ForbiddenResource(
                f"refused to read {path}: outside the template and font folders"
            )
        return super().fetch(url, headers)


def fetcher_for(templates: Path) -> RestrictedFetcher:
    font_roots = {path.parent for path in prepared_fonts().values()}
    return RestrictedFetcher([templates, *font_roots])


def finish_structure(_document: Document, pdf: object) -> None:
    """Corrections to WeasyPrint's tagged PDF, made on its object model before it is written
    (no second parse of the file):

    - ``/AF`` of the catalog lists each attachment once (WeasyPrint 6x adds the case data twice,
      from the name tree and from the file specification);
    - every table header cell says what it heads (``/Scope /Column`` in a header row, ``/Row``
      for the first cell of a body row), as the HTML's ``scope`` does, which screen readers need
      to announce a cell's header.
    """
    catalog = pdf.catalog  # type: ignore[attr-defined]
    if "AF" in catalog:
        unique: list[object] = []
        for item in catalog["AF"]:
            if item not in unique:
                unique.append(item)
        catalog["AF"][:] = unique
    objects = pdf.objects  # type: ignore[attr-defined]

    def parent_of(element: dict) -> dict | None:
        reference = element.get("P")
        if reference is None:
            return None
        target = objects[_object_number(reference)]
        return target if isinstance(target, dict) else None

    for element in objects:
        if not isinstance(element, dict) or element.get("S") != "/TH":
            continue
        row = parent_of(element)
        group = parent_of(row) if row else None
        if group is not None and group.get("S") == "/THead":
            scope = "/Column"
        elif row is not None and row.get("K") and _first_child_is(row, element, objects):
            scope = "/Row"
        else:
            scope = "/Column"
        element.setdefault("A", {"O": "/Table"})
        element["A"]["Scope"] = scope


def _object_number(reference: bytes | str) -> int:
    """pydyf references read b"12 0 R"."""
    return int(reference.split()[0])


def _first_child_is(row: dict, element: dict, objects: list) -> bool:
    return objects[_object_number(row["K"][0])] is element


def pdf_options(doc: RenderedDocument) -> dict[str, object]:
    created = datetime.now().replace(microsecond=0)
    return {
        "pdf_variant": PDF_VARIANT,
        "custom_metadata": True,  # the provenance <meta> tags go into the PDF's info dictionary
        # Without the native subsetter, embed the prepared fonts whole when they cover the text
        # (see render/fonts.py); otherwise WeasyPrint subsets, fallback fonts included.
        "full_fonts": embed_whole(doc.html),
        "attachments": [
            Attachment(
                string=doc.source_json,
                name="case.json",
                description="Case data this document was rendered from (totudocs)",
                relationship="Source",
                created=created,
                modified=created,
            )
        ],
    }


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    # the HTML as WeasyPrint parsed it, so that a reader of the same document (the batch's
    # --lint) need not parse it again
    tree: Element | None = None


class PdfEngine:
    """Renders documents to PDF, reusing one font configuration and the compiled stylesheets.

    The template's ``<style>`` (one per language and kind) is parsed once and kept; each document
    keeps its own layout, page numbering, metadata and attachment. Reuse one engine for many
    documents: it saves the font set-up and stylesheet parsing of every document after the first.
    One document at a time: WeasyPrint's font configuration is not shared across threads.
    """

    _STYLE = re.compile(r"<style>(.*?)</style>", re.S)
    _VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')
    _KEEP_STYLESHEETS = 16

    def __init__(self, templates: Path) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.templates = templates.resolve()
        self._base_url = str(self.templates) + "/"
        self._fetcher = fetcher_for(self.templates)
        self._fonts = FontConfiguration()
        _LIVE_ENGINES.add(self)
        self._stylesheets: OrderedDict[str, CSS] = OrderedDict()
        self._lock = threading.RLock()

    def _stylesheet(self, css_text: str) -> CSS:
        css = self._stylesheets.get(css_text)
        if css is None:
            css = CSS(string=css_text, font_config=self._fonts, url_fetcher=self._fetcher,
                      base_url=self._base_url)
            self._stylesheets[css_text] = css
            if len(self._stylesheets) > self._KEEP_STYLESHEETS:
                self._stylesheets.popitem(last=False)
        else:
            self._stylesheets.move_to_end(css_text)
        return css

    def layout(self, doc: RenderedDocument) -> Document:
        """The laid-out pages (WeasyPrint's Document), before any PDF is written."""
        return self._laid_out(doc)[0]

    def _laid_out(self, doc: RenderedDocument) -> tuple[Document, Element]:
        style = self._STYLE.search(doc.html)
        body = self._STYLE.sub("", doc.html, count=1)
        # custom_metadata copies every <meta name> into the document information: the viewport
        # hint is for browsers, not a property of the archived document.
        body = self._VIEWPORT.sub("", body, count=1)
        with self._lock:
            sheets = [self._stylesheet(style.group(1))] if style else []
            html = HTML(string=body, base_url=self._base_url, url_fetcher=self._fetcher)
            laid_out = html.render(stylesheets=sheets, font_config=self._fonts)
            return laid_out, html.etree_element

    def render(self, doc: RenderedDocument) -> RenderedPdf:
        """The PDF, or :class:`MissingGlyphs` when a character would come out as an empty box."""
        with self._lock:
            _LOG.local.missing = set()
            try:
                laid_out, tree = self._laid_out(doc)
                data = laid_out.write_pdf(finisher=finish_structure, **pdf_options(doc))
                missing = _LOG.local.missing
            finally:
                _LOG.local.missing = None
            if missing:
                raise MissingGlyphs(missing)
            return RenderedPdf(data, len(laid_out.pages), tree)


_ENGINES: dict[Path, PdfEngine] = {}
_ENGINES_LOCK = threading.Lock()
_LIVE_ENGINES: weakref.WeakSet[PdfEngine] = weakref.WeakSet()


@atexit.register
def _release_fonts() -> None:
    """WeasyPrint's font configuration removes its temporary folder in __del__; let that run
    while the interpreter still has its modules, not during shutdown (where it fails with an
    ignored TypeError printed to standard error)."""
    for engine in list(_LIVE_ENGINES):
        engine._fonts = None


def engine_for(templates: Path) -> PdfEngine:
    """One engine per template folder in this process."""
    key = templates.resolve()
    with _ENGINES_LOCK:
        if key not in _ENGINES:
            _ENGINES[key] = PdfEngine(key)
        return _ENGINES[key]


def pdf_bytes(doc: RenderedDocument, templates: Path) -> bytes:
    """Render one document to PDF bytes (with this process's engine for ``templates``)."""
    return engine_for(templates).render(doc).data
