"""The drafting web app (Starlette): a form, live feedback, preview and PDF, drafts in SQLite.

Security: every state-changing request carries a CSRF token that must equal the one in the
browser's SameSite=Strict cookie; the server binds to loopback unless told otherwise; no access
log (URLs and forms hold personal data). Against DNS rebinding (a web page whose host name is made
to resolve to 127.0.0.1), requests must name the server by a host it is served on (else 400), and
a state-changing request whose Origin (or Referer) is another site is refused (403). Download file
names carry neither a henkilötunnus nor the client's name.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import re
import secrets
import sqlite3
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from totudocs.model.hetu import HETU_MASK, mask_hetu
from totudocs.serve.store import DraftStore

STATIC = Path(__file__).resolve().parent / "static"
COOKIE = "totudocs_csrf"
CATEGORIES = {
    "other_basic_expenses": "Other basic expenses (muut perusmenot)",
    "basic_amount_reduction": "Reduction of the basic amount (perusosan alentaminen)",
    "urgency": "Urgency (kiireellisyys)",
}
# (name, label, kind, help); kind: text, area, date, check
FIELDS: list[tuple[str, str, str, str]] = [
    ("case_id", "Case number (asianumero)", "text", ""),
    ("client.name", "Client's name (asiakkaan nimi)", "text", ""),
    ("client.hetu", "Personal identity code (henkilötunnus)", "text", "DDMMYY-NNNX"),
    ("organiser.name", "Organiser (hyvinvointialue)", "text", ""),
    ("organiser.unit", "Unit (yksikkö)", "text", ""),
    ("author.name", "Your name (lausunnon antaja)", "text", ""),
    ("author.title", "Your title (ammattinimike)", "text", "e.g. sosiaalityöntekijä"),
    ("author.phone", "Phone (puhelin)", "text", ""),
    ("date", "Date (päivämäärä)", "date", ""),
    (
        "expense_type",
        "Expense type (meno)",
        "text",
        "The expense type the law recognises, e.g. muuttokustannukset",
    ),
    (
        "circumstances",
        "Circumstances (tilanne)",
        "area",
        "Only what Kela needs: where and with whom the client lives, income, health",
    ),
    (
        "individual_need",
        "Individual need (tarve)",
        "area",
        "What the client needs and why: amounts and dates",
    ),
    ("housing_costs", "The statement concerns housing costs (asumismenot)", "check", ""),
    ("housing_plan", "Plan to change the housing situation (suunnitelma)", "area", ""),
    ("housing_timetable", "Timetable of the plan (aikataulu)", "date", ""),
    ("reduction_grounds", "Factors affecting the reduction (alentamisen perusteet)", "area", ""),
    ("urgency_grounds", "Why it is urgent (kiireellisyys)", "area", ""),
    (
        "grounds",
        "Your assessment and proposal (perustelut ja ehdotus)",
        "area",
        "Not just 'kokonaistilanteen perusteella'",
    ),
    ("period.start", "Period from (alkaen)", "date", ""),
    ("period.end", "Period to (päättyen)", "date", ""),
    ("client_heard", "The client was heard (asiakasta on kuultu)", "check", ""),
    ("heard_date", "Date of hearing (kuulemisen päivä)", "date", ""),
    ("client_informed", "The client was told what the statement contains", "check", ""),
]
LABELS = {name: label for name, label, _kind, _help in FIELDS} | {"period": "Period (aika)"}
CATEGORY_FIELDS = {
    "expense_type": "other_basic_expenses",
    "housing_costs": "other_basic_expenses",
    "housing_plan": "other_basic_expenses",
    "housing_timetable": "other_basic_expenses",
    "reduction_grounds": "basic_amount_reduction",
    "urgency_grounds": "urgency",
}


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
    data: dict[str, Any] = {k: previous[k] for k in ("document", "language", "category")}
    for name, _label, kind, _help in FIELDS:
        value: Any = form.get(name)
        if kind == "check":
            value = value is not None
        elif value is None or str(value).strip() == "":
            value = None if kind == "date" else ""
        *parents, last = name.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    if not any((data.get("period") or {}).values()):
        data["period"] = None
    return data


def to_case(data: dict[str, Any]) -> dict[str, Any]:
    """The draft without empty optional values, ready for validation and rendering."""
    case = {k: v for k, v in data.items() if v not in (None, "")}
    if isinstance(case.get("author"), dict) and not case["author"].get("phone"):
        case["author"] = {k: v for k, v in case["author"].items() if k != "phone"}
    return case


def feedback(data: dict[str, Any]) -> list[dict[str, str]]:
    """Completeness and plain-language findings for the draft, field by field."""
    from totudocs.lint.document import Block, Document
    from totudocs.lint.engine import LintContext, lint_document
    from totudocs.lint.justification.statement_checks import statement_problems
    from totudocs.lint.registry import all_rules
    from totudocs.model.loading import CaseDataError, validate_record
    from totudocs.model.statement import Statement

    items = [
        {"field": field, "rule": category, "message": message}
        for field, category, message in statement_problems(data)
    ]
    missing = {item["field"] for item in items}
    try:
        validate_record(to_case(data), Statement, "draft")
    except CaseDataError as exc:
        for problem in exc.problems:
            if problem.field not in missing and _get(data, problem.field) not in (None, ""):
                items.append(
                    {"field": problem.field, "rule": "invalid", "message": problem.message}
                )
    blocks = []
    for name, _label, kind, _help in FIELDS:
        text = _get(data, name)
        if kind == "area" and isinstance(text, str) and text.strip():
            blocks.append(Block(text.strip(), "paragraph", name, [(0, len(blocks) + 1, 1)]))
    if blocks:
        codes = [r.code for r in all_rules() if r.category.startswith("readability.")]
        result = lint_document(
            Document("draft", blocks), LintContext(rules=codes), data.get("language", "fi")
        )
        for finding in result.findings:
            detail = f" — {finding.suggestion}" if finding.suggestion else ""
            items.append(
                {
                    "field": finding.section or "",
                    "rule": finding.rule,
                    "message": finding.message + detail,
                }
            )
    return items


def _page(title: str, body: str, token: str) -> HTMLResponse:
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{html.escape(title)} · totudocs</title><link rel="stylesheet" href="/static/app.css">
<meta name="csrf-token" content="{token}"></head>
<body><header class="top"><a href="/">totudocs</a> · statements to Kela (TTL 15 §)</header>
<main>{body}</main><script src="/static/app.js" defer></script></body></html>"""
    response = HTMLResponse(page)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response


def _token(request: Request) -> str:
    return request.cookies.get(COOKIE) or secrets.token_urlsafe(24)


async def _check_csrf(request: Request) -> Any:
    form = await request.form()
    sent = request.headers.get("x-csrf-token") or form.get("csrf") or ""
    cookie = request.cookies.get(COOKIE) or ""
    if not cookie or not hmac.compare_digest(str(sent), cookie):
        return None
    return form


def feedback_html(items: list[dict[str, str]]) -> str:
    if not items:
        return '<p class="ok" data-status="complete">Nothing missing. Ready for Kela.</p>'
    rows = "".join(
        f'<li data-field="{html.escape(i["field"])}" data-rule="{html.escape(i["rule"])}">'
        f'<a href="#f-{html.escape(i["field"])}">{html.escape(LABELS.get(i["field"], i["field"]))}'
        f"</a>: {html.escape(i['message'])}</li>"
        for i in items
    )
    return f'<p>{len(items)} thing(s) to check:</p><ul class="findings">{rows}</ul>'


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


def _storage_failure(exc: Exception, folder: Path, what: str) -> Response:
    """503 with a plain message: the user must know the draft was not kept (SQLite's message says
    why, e.g. "database or disk is full", and holds no case data)."""
    reason = str(exc) or type(exc).__name__
    message = (
        f"{what} NOT saved: the drafts database could not be written ({reason}). "
        f"Check the free disk space and the permissions of {folder}, then try again. "
        "Keep this page open until it saves: your text is still in the form."
    )
    return PlainTextResponse(message, status_code=503)


def create_app(data_dir: Path, host: str | None = None, port: int | None = None) -> Starlette:
    """The app. ``host``/``port``: where it is served (the loopback names are always allowed);
    requests naming another host get 400, state-changing ones from another origin 403."""
    store = DraftStore(data_dir)

    async def index(request: Request) -> Response:
        token = _token(request)
        drafts = (
            "".join(
                f'<li><a href="/drafts/{i}">{html.escape(str(d.get("case_id")))}</a> '
                f"({html.escape(CATEGORIES.get(d.get('category', ''), ''))}, saved {u})</li>"
                for i, u, d in store.list()
            )
            or "<li>No drafts yet.</li>"
        )
        options = "".join(f'<option value="{k}">{v}</option>' for k, v in CATEGORIES.items())
        body = f"""<h1>Statements to Kela</h1>
<form method="post" action="/drafts" class="new"><input type="hidden" name="csrf" value="{token}">
<label for="category">Category</label><select id="category" name="category">{options}</select>
<label for="language">Language</label><select id="language" name="language">
<option value="fi">suomi</option><option value="sv">svenska</option></select>
<button type="submit">New statement</button></form>
<h2>Drafts</h2><ul class="drafts">{drafts}</ul>"""
        return _page("Statements", body, token)

    async def create(request: Request) -> Response:
        form = await _check_csrf(request)
        if form is None:
            return Response("CSRF token missing or wrong", status_code=403)
        category = str(form.get("category"))
        if category not in CATEGORIES:
            return Response("unknown category", status_code=400)
        language = "sv" if form.get("language") == "sv" else "fi"
        try:
            draft_id = store.create(blank(category, language))
        except (sqlite3.Error, OSError) as exc:
            return _storage_failure(exc, data_dir, "New statement")
        return RedirectResponse(f"/drafts/{draft_id}", status_code=303)

    async def edit(request: Request) -> Response:
        draft_id = request.path_params["draft_id"]
        data = store.get(draft_id)
        if data is None:
            return Response("no such draft", status_code=404)
        token = _token(request)
        fields = []
        for name, label, kind, help_text in FIELDS:
            owner = CATEGORY_FIELDS.get(name)
            if owner and owner != data["category"]:
                continue
            value = _get(data, name)
            hint = (
                f'<span class="hint" id="h-{name}">{html.escape(help_text)}</span>'
                if help_text
                else ""
            )
            described = f' aria-describedby="h-{name}"' if help_text else ""
            if kind == "check":
                checked = " checked" if value else ""
                fields.append(
                    f'<div class="field check"><input type="checkbox" id="f-{name}" '
                    f'name="{name}"{checked}><label for="f-{name}">{label}</label></div>'
                )
            elif kind == "area":
                fields.append(
                    f'<div class="field"><label for="f-{name}">{label}</label>{hint}'
                    f'<textarea id="f-{name}" name="{name}" rows="4"{described}>'
                    f"{html.escape(value or '')}</textarea></div>"
                )
            else:
                input_type = "date" if kind == "date" else "text"
                fields.append(
                    f'<div class="field"><label for="f-{name}">{label}</label>{hint}'
                    f'<input type="{input_type}" id="f-{name}" name="{name}" '
                    f'value="{html.escape(str(value or ""))}"{described}></div>'
                )
        body = f"""<h1>{html.escape(CATEGORIES[data["category"]])}</h1>
<div class="layout"><form id="statement" data-draft="{draft_id}" autocomplete="off">
<input type="hidden" name="csrf" value="{token}">{"".join(fields)}</form>
<aside><h2>What Kela still needs</h2>
<p class="status" id="status" role="status">Saved.</p>
<div id="feedback" aria-live="polite">{feedback_html(feedback(data))}</div>
<p class="actions"><a href="/drafts/{draft_id}/preview" target="_blank">Preview</a>
<a id="pdf" href="/drafts/{draft_id}/pdf" download>Download PDF</a></p></aside></div>"""
        return _page("Statement", body, token)

    async def save(request: Request) -> Response:
        draft_id = request.path_params["draft_id"]
        previous = store.get(draft_id)
        if previous is None:
            return Response("no such draft", status_code=404)
        form = await _check_csrf(request)
        if form is None:
            return Response("CSRF token missing or wrong", status_code=403)
        data = form_to_data(form, previous)
        try:
            store.save(draft_id, data)
        except (sqlite3.Error, OSError) as exc:
            # Never answer 200 here: the page would say "Saved." while the text is lost.
            return _storage_failure(exc, data_dir, "Draft")
        return HTMLResponse(feedback_html(feedback(data)))

    def _rendered(draft_id: str) -> Any:
        from totudocs.model.loading import CaseDataError, validate_record
        from totudocs.model.statement import Statement
        from totudocs.render.html import Renderer

        data = store.get(draft_id)
        if data is None:
            return None, Response("no such draft", status_code=404)
        try:
            case = validate_record(to_case(data), Statement, "draft")
        except CaseDataError as exc:
            problems = "".join(
                f"<li>{html.escape(p.field)}: {html.escape(p.message)}</li>" for p in exc.problems
            )
            return None, HTMLResponse(f"<h1>Not ready yet</h1><ul>{problems}</ul>", status_code=422)
        renderer = Renderer.create()
        return (renderer, renderer.render(case), data), None

    async def preview(request: Request) -> Response:
        result, error = _rendered(request.path_params["draft_id"])
        from totudocs.render.html import standalone_html

        return error or HTMLResponse(standalone_html(result[1]))

    async def pdf(request: Request) -> Response:
        from totudocs.render.pdf import pdf_bytes

        result, error = _rendered(request.path_params["draft_id"])
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

    async def storage_error(request: Request, exc: Exception) -> Response:
        # Reading the drafts failed (database locked, unreadable, corrupt): a message, no traceback.
        return PlainTextResponse(
            f"The drafts database in {data_dir} could not be read ({exc}). Try again; if it "
            "persists, check that folder.",
            status_code=503,
        )

    hosts = allowed_hosts(host)
    return Starlette(
        middleware=[
            # Outermost first: a foreign Host is refused before anything else runs.
            Middleware(TrustedHostMiddleware, allowed_hosts=hosts, www_redirect=False),
            Middleware(OriginCheckMiddleware, hosts=hosts, port=port),
        ],
        exception_handlers={sqlite3.Error: storage_error},
        routes=[
            Route("/", index),
            Route("/drafts", create, methods=["POST"]),
            Route("/drafts/{draft_id}", edit),
            Route("/drafts/{draft_id}", save, methods=["POST"]),
            Route("/drafts/{draft_id}/preview", preview),
            Route("/drafts/{draft_id}/pdf", pdf),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
    )
