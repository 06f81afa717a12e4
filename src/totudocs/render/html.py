"""Case data + templates + phrase library -> accessible HTML, with a provenance trace."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import TemplateError, TemplateNotFound
from markupsafe import Markup
from pydantic import BaseModel

from totudocs import __version__
from totudocs.model import Decision, Statement
from totudocs.phrases import PhraseBook, PhraseError, PhraseSelector, TraceEntry, load_phrase_book
from totudocs.phrases.sandbox import (
    describe_failure,
    environment,
    plain_data,
    render_bounded,
    template_line,
)
from totudocs.render.fonts import prepared_fonts
from totudocs.resources import phrases_dir, templates_dir


class RenderError(Exception):
    """A template or phrase problem (not a case-data problem): names the template or phrase."""


@dataclass
class RenderedDocument:
    case_id: str
    language: str
    kind: str
    title: str
    author: str
    html: str
    source_json: str  # the validated case as JSON, attached to the PDF
    trace: list[TraceEntry]
    provenance: dict[str, str] = field(default_factory=dict)

    def trace_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "provenance": self.provenance,
            "phrases": [t.to_dict() for t in self.trace],
        }


@dataclass(frozen=True)
class Renderer:
    """Holds the loaded templates and phrase library; reuse one for many documents."""

    templates: Path
    phrases: PhraseBook
    templates_hash: str = ""

    @classmethod
    def create(cls, templates: Path | None = None, phrases: Path | None = None) -> Renderer:
        templates_root = (templates or templates_dir()).resolve()
        phrases_root = (phrases or phrases_dir()).resolve()
        # Loaded libraries are cached by path and content: a renderer created after an edit
        # (a long-running server, a Dask worker) sees the edit.
        return cls(
            templates=templates_root,
            phrases=_phrase_book(phrases_root, tree_hash(phrases_root)),
            templates_hash=tree_hash(templates_root),
        )

    def render(self, case: Decision | Statement) -> RenderedDocument:
        is_decision = isinstance(case, Decision)
        template_name = f"{case.kind}.html.j2" if is_decision else "statement.html.j2"
        language = case.language
        labels = _labels(self.templates, self.templates_hash)
        context = case_context(case)
        selector = PhraseSelector(self.phrases, context, language)
        source_json = case.model_dump_json(indent=2)
        provenance = {
            "totudocs.version": __version__,
            "totudocs.template": template_name,
            "totudocs.templates-hash": self.templates_hash,
            "totudocs.phrase-library": f"{self.phrases.name} {self.phrases.version}",
            "totudocs.input-sha256": hashlib.sha256(source_json.encode()).hexdigest(),
        }

        def label(key: str) -> str:
            try:
                return labels[key][language]
            except KeyError:
                raise RenderError(f"templates/labels.yaml: no {language} label {key!r}") from None

        if isinstance(case, Decision):
            title, author, unit = label(f"title.{case.kind}"), case.issuer.name, case.issuer.unit
            dated, date_label = case.decision_date, label("decision_date")
        else:
            title, author, unit = label("stmt.title"), case.organiser.name, case.organiser.unit
            dated, date_label = case.date, label("stmt.date")
        doc = {
            "title": title,
            "author": author,
            "issuer_name": author,
            "issuer_unit": unit,
            "date": dated,
            "date_label": date_label,
            "created": dated.isoformat(),
            "generator_version": __version__,
            "provenance_meta": provenance,
            # The footer repeats on every page: case id and issuer only, never the client's name.
            "footer_left": f"{author} · {case.case_id}",
            "footer_note": f"{provenance['totudocs.phrase-library']} · totudocs {__version__}",
        }
        env = environment(language, self.templates)
        try:
            template = env.get_template(template_name)
            html = render_bounded(
                template,
                {**context, "L": label, "P": selector, "doc": doc, "fonts": _font_faces()},
            )
        except TemplateNotFound as exc:
            raise RenderError(f"{self.templates}: template {exc.name!r} not found") from None
        except (PhraseError, RenderError) as exc:
            raise RenderError(str(exc)) from None
        except (TemplateError, Exception) as exc:  # templates are untrusted code
            raise RenderError(_template_failure(exc, self.templates / template_name)) from None
        return RenderedDocument(
            case_id=case.case_id,
            language=language,
            kind=case.kind if isinstance(case, Decision) else "statement",
            title=title,
            author=author,
            html=html,
            source_json=source_json,
            trace=selector.trace,
            provenance=provenance,
        )


def case_context(case: BaseModel) -> dict[str, Any]:
    """What templates and phrase conditions see: the case's fields plus derived facts, as plain
    data (dicts, lists, strings, numbers, dates), never the model itself."""
    context: dict[str, Any] = plain_data(case)
    context["case"] = dict(context)
    return context


def _template_failure(error: BaseException, template: Path) -> str:
    """'templates/basic.html.j2:12: what went wrong' for any failure inside a template."""
    line = template_line(error)
    where = f"{template}:{line}" if line else str(template)
    return f"{where}: {describe_failure(error)}"


@lru_cache(maxsize=8)
def _phrase_book(root: Path, _content_hash: str) -> PhraseBook:
    return load_phrase_book(root)


@lru_cache(maxsize=8)
def _labels(root: Path, _content_hash: str) -> dict[str, dict[str, str]]:
    path = root / "labels.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise RenderError(f"{path}: labels file not found") from None


def tree_hash(root: Path) -> str:
    """A short hash of every file under ``root`` (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _font_faces() -> list[dict[str, Any]]:
    styles = {
        "regular": (400, "normal"),
        "italic": (400, "italic"),
        "semibold": (600, "normal"),
        "bold": (700, "normal"),
    }
    return [
        {"url": Markup(path.as_uri()), "weight": styles[name][0], "style": styles[name][1]}
        for name, path in prepared_fonts().items()
    ]


def standalone_html(document: RenderedDocument) -> str:
    """The HTML as a file to keep, send or serve: the prepared fonts embedded as data URIs, so
    the page looks the same in any folder, on any machine and over HTTP, and discloses no local
    path. (The rendering itself refers to the font files, which is what WeasyPrint reads.)"""
    html = document.html
    for face in _font_faces():
        html = html.replace(str(face["url"]), _font_data_uri(str(face["url"])))
    return html


@lru_cache(maxsize=8)
def _font_data_uri(file_uri: str) -> str:
    """A prepared font as a WOFF2 data URI (about 20 KB each; brotli comes with fontTools[woff],
    which WeasyPrint requires)."""
    import base64
    import io
    from urllib.parse import unquote, urlsplit

    from fontTools.ttLib import TTFont

    font = TTFont(unquote(urlsplit(file_uri).path))
    font.flavor = "woff2"
    data = io.BytesIO()
    font.save(data)
    return "data:font/woff2;base64," + base64.b64encode(data.getvalue()).decode("ascii")
