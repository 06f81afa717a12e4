"""The drafting web app (Starlette): a form, live feedback, preview and PDF, drafts in SQLite.

Security: every state-changing request carries a CSRF token that must equal the one in the
browser's SameSite=Strict cookie; the server binds to loopback unless told otherwise; no access
log (URLs and forms hold personal data).
"""

from __future__ import annotations

import hmac
import html
import secrets
from datetime import date
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

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


def create_app(data_dir: Path) -> Starlette:
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
        draft_id = store.create(blank(category, language))
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
        store.save(draft_id, data)
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
        return (renderer, renderer.render(case)), None

    async def preview(request: Request) -> Response:
        result, error = _rendered(request.path_params["draft_id"])
        return error or HTMLResponse(result[1].html)

    async def pdf(request: Request) -> Response:
        from totudocs.render.pdf import pdf_bytes

        result, error = _rendered(request.path_params["draft_id"])
        if error:
            return error
        renderer, document = result
        return Response(
            pdf_bytes(document, renderer.templates),
            media_type="application/pdf",
            headers={"Content-Disposition": f'attachment; filename="{document.case_id}.pdf"'},
        )

    return Starlette(
        routes=[
            Route("/", index),
            Route("/drafts", create, methods=["POST"]),
            Route("/drafts/{draft_id}", edit),
            Route("/drafts/{draft_id}", save, methods=["POST"]),
            Route("/drafts/{draft_id}/preview", preview),
            Route("/drafts/{draft_id}/pdf", pdf),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ]
    )
