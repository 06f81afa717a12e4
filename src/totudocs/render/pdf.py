"""HTML -> archival PDF with WeasyPrint: PDF/A-3a (tagged), metadata, attached case data.

WeasyPrint may only read files inside the template folder and the bundled font folder: a case or a
template that points at ``file:///etc/passwd`` or any http URL stops the rendering with an error.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML, Attachment
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from totudocs.render.html import RenderedDocument
from totudocs.resources import font_files

PDF_VARIANT = "pdf/a-3a"  # archival (PDF/A-3) and tagged for accessibility (conformance level A)

# WeasyPrint logs CSS and fetch warnings with document text in them; keep them out of batch logs.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


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
    font_roots = {path.parent for path in font_files().values()}
    return RestrictedFetcher([templates, *font_roots])


def html_document(doc: RenderedDocument, templates: Path) -> HTML:
    return HTML(
        string=doc.html,
        base_url=str(templates.resolve()) + "/",
        url_fetcher=fetcher_for(templates),
    )


def pdf_options(doc: RenderedDocument) -> dict[str, object]:
    created = datetime.now().replace(microsecond=0)
    return {
        "pdf_variant": PDF_VARIANT,
        "custom_metadata": True,  # the provenance <meta> tags go into the PDF's info dictionary
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


def pdf_bytes(doc: RenderedDocument, templates: Path) -> bytes:
    """Render one document to PDF bytes."""
    return html_document(doc, templates).write_pdf(**pdf_options(doc))
