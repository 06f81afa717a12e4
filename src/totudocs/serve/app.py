"""The drafting web app (Starlette): a form, live feedback, preview and PDF, drafts in SQLite.

Pages come from Jinja2 templates (``templates/``, autoescaped) and speak the user's language:
Finnish, Swedish or English, from the browser's Accept-Language or the switch in the page header
(``?lang=sv``, kept in a cookie). The statement itself keeps the language chosen for it.

Security: every state-changing request carries a CSRF token that must equal the one in the
browser's SameSite=Strict cookie; the server binds to loopback unless told otherwise; no access
log (URLs and forms hold personal data). Against DNS rebinding (a web page whose host name is made
to resolve to 127.0.0.1), requests must name the server by a host it is served on (else 400), and
a state-changing request whose Origin (or Referer) is another site is refused (403). Download file
names carry neither a henkilötunnus nor the client's name.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import sqlite3
import unicodedata
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from totudocs.model.hetu import HETU_MASK, mask_hetu
from totudocs.serve.store import DraftStore
from totudocs.statement import i18n
from totudocs.statement.i18n import gettext as _
from totudocs.statement.messages import (
    CATEGORIES,
    FIELDS,
    Item,
    category_explanation,
    category_name,
    check_draft,
    groups_for,
    hint,
    label,
    to_case,
    translate_finding,
)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
COOKIE = "totudocs_csrf"
LANG_COOKIE = "totudocs_lang"
DOCUMENT_LANGUAGES = {"fi": "suomi", "sv": "svenska"}  # each in its own language
FONT_STYLES = ("regular", "italic", "semibold", "bold")
__all__ = ["create_app", "to_case"]


def blank(category: str, language: str) -> dict[str, Any]:
    today = date.today().isoformat()
    return {
        "document": "statement",
        "case_id": "LAUS-" + secrets.token_hex(3).upper(),
        "language": language,
        "category": category,
        "date": today,
        "client": {"name": "", "hetu": ""},
        "organiser": {"name": "", "unit": ""},
        "author": {"name": "", "title": "", "phone": ""},
        "client_heard": False,
        "client_informed": False,
        "housing_costs": False,
    }


def _get(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def form_to_data(form: Any, previous: dict[str, Any]) -> dict[str, Any]:
    """The posted form as draft data. Dates may be typed as 25.11.2026, 2026-11-25 or
    25/11/2026 and are kept as ISO dates; a half-typed date is kept as typed (and reported)."""
    data: dict[str, Any] = {k: previous[k] for k in ("document", "language", "category")}
    for field in FIELDS:
        value: Any = form.get(field.name)
        if field.kind == "check":
            value = value is not None
        elif value is None or str(value).strip() == "":
            value = None if field.kind == "date" else ""
        elif field.kind == "date":
            parsed = i18n.parse_date(str(value))
            value = parsed.isoformat() if parsed else str(value).strip()
        *parents, last = field.name.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    if not any((data.get("period") or {}).values()):
        data["period"] = None
    return data


def readability_items(data: dict[str, Any]) -> list[Item]:
    """The plain-language findings for the free-text fields, re-worded for a statement."""
    from totudocs.lint.engine import LintContext, lint_document
    from totudocs.lint.registry import all_rules
    from totudocs.reading import Block, Document

    blocks = []
    for field in FIELDS:
        text = _get(data, field.name)
        if field.kind == "area" and isinstance(text, str) and text.strip():
            blocks.append(
                Block(text.strip(), "paragraph", field.name, [(0, len(blocks) + 1, 1)])
            )
    if not blocks:
        return []
    codes = [r.code for r in all_rules() if r.category.startswith("readability.")]
    language = data.get("language", "fi")
    result = lint_document(Document("draft", blocks), LintContext(rules=codes), language)
    items = []
    for finding in result.findings:
        message, advice = translate_finding(
            finding.rule, finding.message, finding.suggestion, language
        )
        items.append(
            Item(finding.section or "", "advice", finding.rule, message, advice,
                 str(finding.severity))
        )
    return items


def review(data: dict[str, Any]) -> list[Item]:
    """Everything to tell the social worker about the draft, in the interface language."""
    return check_draft(data) + readability_items(data)


def _token(request: Request) -> str:
    return request.cookies.get(COOKIE) or secrets.token_urlsafe(24)


async def _check_csrf(request: Request) -> Any:
    form = await request.form()
    sent = request.headers.get("x-csrf-token") or form.get("csrf") or ""
    cookie = request.cookies.get(COOKIE) or ""
    if not cookie or not hmac.compare_digest(str(sent), cookie):
        return None
    return form


def ui_language(request: Request) -> str:
    """?lang= (the switch), else the cookie it left, else Accept-Language, else English."""
    asked = request.query_params.get("lang")
    if asked in i18n.UI_LANGUAGES:
        return asked
    kept = request.cookies.get(LANG_COOKIE)
    if kept in i18n.UI_LANGUAGES:
        return kept
    return i18n.negotiate_accept_language(request.headers.get("accept-language"))


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def host_name(host: str) -> str:
    """``host`` as it appears in a Host header or an origin: lower case, IPv6 in brackets."""
    name = host.strip().lower()
    try:
        address = ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return name
    return f"[{address.compressed}]" if address.version == 6 else address.compressed


def allowed_hosts(host: str | None = None) -> list[str]:
    """The loopback names plus the address the server was told to bind to."""
    names = list(LOOPBACK_HOSTS)
    if host and host_name(host) not in names:
        names.append(host_name(host))
    return names


def _origin(url: str) -> str | None:
    """``scheme://host[:port]`` of an Origin or Referer value, normalised; None if unparsable
    (the opaque origin "null" of sandboxed frames and file:// pages included)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    suffix = f":{port}" if port is not None and port != default else ""
    return f"{parts.scheme.lower()}://{host_name(parts.hostname)}{suffix}"


class OriginCheckMiddleware:
    """Refuse (403) a state-changing request that says it comes from another origin.

    Browsers send Origin on cross-site POSTs (and Referer nearly always), so this stops a page on
    another site, or a rebound host name, even if it got hold of a CSRF token. A request with
    neither header (curl, some privacy settings) is let through to the CSRF token check.
    """

    def __init__(self, app: ASGIApp, hosts: Iterable[str], port: int | None = None) -> None:
        self.app = app
        self.hosts = [host_name(h) for h in hosts]
        self.port = port

    def allowed_origins(self, scheme: str, request_host: str) -> set[str]:
        # The port of the server: the one the CLI bound to, else the one the request names (the
        # Host header has already been checked by TrustedHostMiddleware).
        port = self.port
        if port is None and request_host.rpartition(":")[2].isdigit():
            port = int(request_host.rpartition(":")[2])
        suffix = f":{port}" if port is not None else ""
        return {o for h in self.hosts if (o := _origin(f"{scheme}://{h}{suffix}"))}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        claimed = headers.get("origin") or headers.get("referer")
        if claimed is not None:
            allowed = self.allowed_origins(scope.get("scheme", "http"), headers.get("host", ""))
            if _origin(claimed) not in allowed:
                response = PlainTextResponse("Request from another site refused", status_code=403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


# Anything that could be a henkilötunnus even with digits around it ("0120487-934J5"), which
# mask_hetu leaves alone on purpose (a longer number); in a file name a false positive is harmless.
_HETU_ANYWHERE = re.compile(r"[0-9]{6}\s?[-+A-FU-Ya-fu-y]\s?[0-9]{3}[0-9A-Za-z]")
# Only letters, digits, '.', '-', '_': no path separators, quotes, spaces or control characters.
_UNSAFE_NAME = re.compile(r"[^\w.-]+")
_UNSAFE_ASCII_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def _name_part(text: str, forbidden: Iterable[str], ascii_only: bool) -> str:
    # NFKC first so that full-width digits cannot hide a henkilötunnus from the masks.
    name = unicodedata.normalize("NFKC", text)
    for word in forbidden:
        name = re.sub(re.escape(unicodedata.normalize("NFKC", word)), "x", name, flags=re.I)
    if ascii_only:
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    # Mask after dropping non-ASCII letters too: "120487-9ä34J" only becomes a code then.
    name = _HETU_ANYWHERE.sub(HETU_MASK, mask_hetu(name))
    name = (_UNSAFE_ASCII_NAME if ascii_only else _UNSAFE_NAME).sub("_", name)
    return name.strip("._-")[:80]


def download_filename(case_id: str, extension: str, client_name: str = "") -> tuple[str, str]:
    """(ASCII fallback, Unicode) file names for a download, derived from the case number.

    The case number is typed by the user and may hold anything, so the client's name and anything
    shaped like a henkilötunnus are taken out: a file name ends up in download folders, recent-file
    lists and e-mail attachments, far from the access controls of the case.
    """
    # The whole name, then each part of it ("Virtanen" alone identifies the client too).
    forbidden = [w for w in [client_name.strip(), *client_name.split()] if len(w) >= 3]
    names = []
    for ascii_only in (True, False):
        name = _name_part(case_id, forbidden, ascii_only) or "statement"
        names.append(f"{name}.{extension}")
    return names[0], names[1]


def content_disposition(case_id: str, extension: str, client_name: str = "") -> str:
    """An RFC 6266/5987 attachment header: a plain ASCII ``filename`` for old clients and the
    UTF-8 ``filename*`` (HTTP headers are Latin-1, so a raw "Ł" or "€" would be a 500)."""
    fallback, full = download_filename(case_id, extension, client_name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(full, safe='')}"


class SecurityHeadersMiddleware:
    """Headers that keep the pages from being framed by other sites or read as another type.
    Scripts, styles and fonts come only from this server (the preview's inline styles and
    embedded fonts included)."""

    HEADERS: ClassVar[dict[str, str]] = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "SAMEORIGIN",
        "Referrer-Policy": "same-origin",
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "font-src 'self' data:; img-src 'self' data:; frame-ancestors 'self'; "
            "form-action 'self'; base-uri 'none'; object-src 'none'"
        ),
    }

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _storage_failure(exc: Exception, folder: Path, what: str) -> Response:
    """503 with a plain message: the user must know the draft was not kept (SQLite's message says
    why, e.g. "database or disk is full", and holds no case data)."""
    reason = str(exc) or type(exc).__name__
    if what == "new":
        first = _("New statement NOT saved: the drafts database could not be written (%(reason)s).")
    else:
        first = _("Draft NOT saved: the drafts database could not be written (%(reason)s).")
    message = " ".join(
        [
            first % {"reason": reason},
            _("Check the free disk space and the permissions of %(folder)s, then try again.")
            % {"folder": folder},
            _("Keep this page open until it saves: your text is still in the form."),
        ]
    )
    return PlainTextResponse(message, status_code=503)


@lru_cache(maxsize=len(FONT_STYLES))
def _woff2(style: str) -> bytes:
    """The bundled font (Source Sans Pro, prepared as for the PDFs) as WOFF2 for the pages."""
    import io

    from fontTools.ttLib import TTFont

    from totudocs.render.fonts import prepared_fonts

    font = TTFont(prepared_fonts()[style])
    font.flavor = "woff2"
    data = io.BytesIO()
    font.save(data)
    return data.getvalue()


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its name
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # The callables read the interface language of the request being answered.
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
    env.filters["date"] = i18n.format_date
    env.filters["datetime"] = i18n.format_datetime
    env.filters["number"] = i18n.format_number
    return env


def create_app(data_dir: Path, host: str | None = None, port: int | None = None) -> Starlette:
    """The app. ``host``/``port``: where it is served (the loopback names are always allowed);
    requests naming another host get 400, state-changing ones from another origin 403."""
    store = DraftStore(data_dir)
    templates = Jinja2Templates(env=_environment())

    def language(request: Request) -> str:
        lang = ui_language(request)
        i18n.set_language(lang)
        return lang

    def page(
        request: Request, name: str, context: dict[str, Any], status_code: int = 200
    ) -> Response:
        token = _token(request)
        lang = language(request)
        switch = [
            {"code": code, "name": i18n.LANGUAGE_NAMES[code], "current": code == lang}
            for code in i18n.UI_LANGUAGES
        ]
        response = templates.TemplateResponse(
            request,
            name,
            {"ui_lang": lang, "csrf": token, "languages": switch, **context},
            status_code=status_code,
        )
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        if request.query_params.get("lang") in i18n.UI_LANGUAGES:
            response.set_cookie(
                LANG_COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, samesite="lax"
            )
        return response

    def plain(request: Request, message: str, status_code: int) -> Response:
        language(request)
        return PlainTextResponse(_(message), status_code=status_code)

    def panel(draft_id: str, data: dict[str, Any]) -> dict[str, Any]:
        items = review(data)
        blocking = [i for i in items if i.blocking]
        return {
            "draft_id": draft_id,
            "blocking": blocking,
            "advice": [i for i in items if not i.blocking],
            "complete": not blocking,
            "errors": {i.target: i.message for i in items if i.kind == "invalid"},
            "label": label,
        }

    async def index(request: Request) -> Response:
        lang = language(request)
        drafts = [
            {
                "id": draft_id,
                "case_id": mask_hetu(str(data.get("case_id") or "")),
                "category": category_name(str(data.get("category"))),
                "language": DOCUMENT_LANGUAGES.get(str(data.get("language")), ""),
                "updated": updated,
            }
            for draft_id, updated, data in store.list()
        ]
        categories = [
            {"key": key, "name": category_name(key), "explanation": category_explanation(key)}
            for key in CATEGORIES
        ]
        return page(
            request,
            "index.html",
            {
                "categories": categories,
                "drafts": drafts,
                "document_languages": DOCUMENT_LANGUAGES,
                "default_document_language": "sv" if lang == "sv" else "fi",
            },
        )

    async def create(request: Request) -> Response:
        language(request)
        form = await _check_csrf(request)
        if form is None:
            return plain(request, "CSRF token missing or wrong", 403)
        category = str(form.get("category"))
        if category not in CATEGORIES:
            return plain(request, "Choose what the statement concerns.", 400)
        document_language = "sv" if form.get("language") == "sv" else "fi"
        try:
            draft_id = store.create(blank(category, document_language))
        except (sqlite3.Error, OSError) as exc:
            return _storage_failure(exc, data_dir, "new")
        return RedirectResponse(f"/drafts/{draft_id}", status_code=303)

    def fields_of(data: dict[str, Any]) -> list[dict[str, Any]]:
        groups = []
        for group in groups_for(data["category"]):
            fields = []
            for field in group.fields:
                value = _get(data, field.name)
                if field.kind == "date":
                    value = i18n.format_date(value)
                fields.append(
                    {
                        "name": field.name,
                        "label": _(field.label),
                        "kind": field.kind,
                        "hint": hint(field),
                        "optional": field.optional,
                        "value": value,
                    }
                )
            groups.append({"id": group.id, "title": _(group.title), "fields": fields})
        return groups

    async def edit(request: Request) -> Response:
        language(request)
        draft_id = request.path_params["draft_id"]
        data = store.get(draft_id)
        if data is None:
            return plain(request, "No such draft.", 404)
        return page(
            request,
            "edit.html",
            {
                "category": category_name(data["category"]),
                "document_language": DOCUMENT_LANGUAGES.get(data.get("language", "fi"), ""),
                "groups": fields_of(data),
                "short_fields": ("client.hetu", "case_id", "author.phone"),
                **panel(draft_id, data),
            },
        )

    async def save(request: Request) -> Response:
        language(request)
        draft_id = request.path_params["draft_id"]
        previous = store.get(draft_id)
        if previous is None:
            return plain(request, "No such draft.", 404)
        form = await _check_csrf(request)
        if form is None:
            return plain(request, "CSRF token missing or wrong", 403)
        data = form_to_data(form, previous)
        try:
            store.save(draft_id, data)
        except (sqlite3.Error, OSError) as exc:
            # Never answer 200 here: the page would say "Saved." while the text is lost.
            return _storage_failure(exc, data_dir, "draft")
        return templates.TemplateResponse(request, "_panel.html", panel(draft_id, data))

    def _rendered(request: Request) -> Any:
        from totudocs.model.loading import CaseDataError, validate_record
        from totudocs.model.statement import Statement
        from totudocs.render.html import Renderer

        language(request)
        draft_id = request.path_params["draft_id"]
        data = store.get(draft_id)
        if data is None:
            return None, plain(request, "No such draft.", 404)
        blocking = [i for i in check_draft(data) if i.blocking]
        try:
            if blocking:
                raise CaseDataError([])
            case = validate_record(to_case(data), Statement, "draft")
        except CaseDataError:
            return None, page(
                request,
                "not_ready.html",
                {"draft_id": draft_id, "blocking": blocking, "label": label},
                status_code=422,
            )
        renderer = Renderer.create()
        return (renderer, renderer.render(case), data), None

    async def preview(request: Request) -> Response:
        result, error = _rendered(request)
        if error:
            return error
        document = result[1]
        return page(
            request,
            "preview.html",
            {
                "draft_id": request.path_params["draft_id"],
                "title": document.title,
                "document_lang": document.language,
                "document_language": DOCUMENT_LANGUAGES.get(document.language, ""),
            },
        )

    async def document(request: Request) -> Response:
        from totudocs.render.html import standalone_html

        result, error = _rendered(request)
        return error or HTMLResponse(standalone_html(result[1]))

    async def pdf(request: Request) -> Response:
        from totudocs.render.pdf import pdf_bytes

        result, error = _rendered(request)
        if error:
            return error
        renderer, document, data = result
        disposition = content_disposition(
            document.case_id, "pdf", str(_get(data, "client.name") or "")
        )
        return Response(
            pdf_bytes(document, renderer.templates),
            media_type="application/pdf",
            headers={"Content-Disposition": disposition},
        )

    async def font(request: Request) -> Response:
        style = request.path_params["style"]
        if style not in FONT_STYLES:
            return PlainTextResponse("not found", status_code=404)
        return Response(
            _woff2(style),
            media_type="font/woff2",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    async def storage_error(request: Request, exc: Exception) -> Response:
        # Reading the drafts failed (database locked, unreadable, corrupt): a message, no traceback.
        language(request)
        return PlainTextResponse(
            _("The drafts database in %(folder)s could not be read (%(reason)s). Try again; if "
              "it persists, check that folder.") % {"folder": data_dir, "reason": exc},
            status_code=503,
        )

    hosts = allowed_hosts(host)
    return Starlette(
        middleware=[
            # Outermost first: a foreign Host is refused before anything else runs.
            Middleware(TrustedHostMiddleware, allowed_hosts=hosts, www_redirect=False),
            Middleware(OriginCheckMiddleware, hosts=hosts, port=port),
            Middleware(SecurityHeadersMiddleware),
        ],
        exception_handlers={sqlite3.Error: storage_error},
        routes=[
            Route("/", index),
            Route("/drafts", create, methods=["POST"]),
            Route("/drafts/{draft_id}", edit),
            Route("/drafts/{draft_id}", save, methods=["POST"]),
            Route("/drafts/{draft_id}/preview", preview),
            Route("/drafts/{draft_id}/document", document),
            Route("/drafts/{draft_id}/pdf", pdf),
            Route("/fonts/{style}.woff2", font),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
    )


# Messages of the plain-text answers, for extraction (they are translated where they are sent).
_PLAIN_MESSAGES = (
    i18n.N_("CSRF token missing or wrong"),
    i18n.N_("Choose what the statement concerns."),
    i18n.N_("No such draft."),
)
