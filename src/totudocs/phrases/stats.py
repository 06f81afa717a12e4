"""``totudocs phrases stats``: words, Wiio and findings per phrase and per section, as a table or
an HTML report with a chart of the library's readability distribution (inline SVG, no assets)."""

from __future__ import annotations

import html
from collections import defaultdict
from statistics import mean
from typing import Any

from totudocs.phrases.check import CheckResult

BINS = [(0, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 10), (10, 99)]


def by_section(result: CheckResult) -> dict[str, dict[str, Any]]:
    groups: dict[str, list] = defaultdict(list)
    for record in result.records:
        groups[record.section].append(record)
    table = {}
    for section, records in sorted(groups.items()):
        wiios = [r.wiio for r in records if r.wiio is not None]
        table[section] = {
            "phrases": len({r.id for r in records}),
            "words": sum(r.words for r in records),
            "mean_wiio_fi": round(mean(wiios), 1) if wiios else None,
            "findings": sum(len(r.findings) for r in records),
        }
    return table


def to_text(result: CheckResult) -> str:
    lines = [f"{'phrase':<32}{'lang':<6}{'words':>6}{'wiio':>7}{'findings':>10}"]
    for r in result.records:
        wiio = f"{r.wiio:.1f}" if r.wiio is not None else "-"
        lines.append(f"{r.id:<32}{r.language:<6}{r.words:>6}{wiio:>7}{len(r.findings):>10}")
    lines += [
        "",
        f"{'section':<24}{'phrases':>8}{'words':>7}{'mean Wiio (fi)':>16}{'findings':>10}",
    ]
    for section, row in by_section(result).items():
        wiio = row["mean_wiio_fi"] if row["mean_wiio_fi"] is not None else "-"
        lines.append(
            f"{section:<24}{row['phrases']:>8}{row['words']:>7}{wiio!s:>16}{row['findings']:>10}"
        )
    return "\n".join(lines)


def histogram(result: CheckResult) -> list[tuple[str, int]]:
    values = [r.wiio for r in result.records if r.wiio is not None]
    return [
        (f"{lo}–{hi}" if hi < 99 else f"{lo}+", sum(lo <= v < hi for v in values))
        for lo, hi in BINS
    ]


def _svg(bars: list[tuple[str, int]]) -> str:
    width, height, pad = 480, 200, 30
    top = max((count for _, count in bars), default=1) or 1
    step = (width - 2 * pad) / len(bars)
    parts = [
        f'<svg role="img" aria-labelledby="chart-title" width="{width}" height="{height + 40}" '
        f'viewBox="0 0 {width} {height + 40}" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Number of Finnish phrases by Wiio grade</title>',
    ]
    for index, (label, count) in enumerate(bars):
        bar = (height - pad) * count / top
        x = pad + index * step
        colour = "#1d4f91" if index < 4 else "#b26a00" if index < 6 else "#b3261e"
        parts.append(
            f'<rect x="{x + 4:.0f}" y="{height - bar:.0f}" width="{step - 8:.0f}" '
            f'height="{bar:.0f}" fill="{colour}"><title>{label}: {count}</title></rect>'
        )
        parts.append(
            f'<text x="{x + step / 2:.0f}" y="{height + 16}" font-size="11" '
            f'text-anchor="middle">{label}</text>'
        )
        parts.append(
            f'<text x="{x + step / 2:.0f}" y="{height - bar - 4:.0f}" font-size="11" '
            f'text-anchor="middle">{count}</text>'
        )
    parts.append(
        f'<text x="{width / 2:.0f}" y="{height + 36}" font-size="12" '
        'text-anchor="middle">Wiio grade (below 6 easy, 9 and above difficult)</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def to_html(result: CheckResult) -> str:
    esc = html.escape
    rows = "".join(
        f"<tr><th scope=row>{esc(r.id)}</th><td>{r.language}</td><td class=n>{r.words}</td>"
        f"<td class=n>{'' if r.wiio is None else f'{r.wiio:.1f}'}</td>"
        f"<td class=n>{len(r.findings)}</td>"
        f"<td>{esc('; '.join(f.message for f in r.findings))}</td></tr>"
        for r in result.records
    )
    sections = "".join(
        f"<tr><th scope=row>{esc(name)}</th><td class=n>{row['phrases']}</td>"
        f"<td class=n>{row['words']}</td><td class=n>{row['mean_wiio_fi'] or ''}</td>"
        f"<td class=n>{row['findings']}</td></tr>"
        for name, row in by_section(result).items()
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Phrase library readability</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;color:#1a1a1a}}
table{{border-collapse:collapse;width:100%;margin:1rem 0}}th,td{{border-bottom:1px solid #ddd;
padding:.3rem .5rem;text-align:left;vertical-align:top}}td.n{{text-align:right}}</style></head>
<body><h1>Phrase library readability</h1>
<p>{esc(str(result.root))}: {len({(r.file, r.id) for r in result.records})} phrases,
{len(result.findings)} findings.</p>
<h2>Distribution</h2>{_svg(histogram(result))}
<h2>Sections</h2><table><thead><tr><th scope=col>Section</th><th scope=col>Phrases</th>
<th scope=col>Words</th><th scope=col>Mean Wiio (fi)</th><th scope=col>Findings</th></tr></thead>
<tbody>{sections}</tbody></table>
<h2>Phrases</h2><table><thead><tr><th scope=col>Phrase</th><th scope=col>Language</th>
<th scope=col>Words</th><th scope=col>Wiio</th><th scope=col>Findings</th>
<th scope=col>Messages</th>
</tr></thead><tbody>{rows}</tbody></table></body></html>
"""
