"""Markdown through a real parser: front matter, code and link targets are not prose; tables are
data; bold-only paragraphs and capitalised lines are headings that set the section."""

from __future__ import annotations

from totudocs.lint.engine import LintContext, lint_document
from totudocs.reading import parse_markdown, parse_text

DOCUMENT = """\
---
title: Päätös toimeentulotuesta
asianumero: KELA-2026-0042
mikäli: tämä on metatietoa eikä tekstiä
---

# Päätös toimeentulotuesta

**Perustelut**

Hyväksymme vuokrasi [kokonaan](https://example.invalid/mikäli-ohje) joulukuulle.

```
mikäli koodia
```

| Meno | Summa |
|---|---|
| Vuokra | 500,00 € |

- Lähetä meille tiliote.
"""


def test_front_matter_code_and_link_targets_are_not_prose() -> None:
    document = parse_markdown(DOCUMENT, "d.md")
    text = " ".join(b.text for b in document.blocks)
    assert "mikäli" not in text.lower()  # front matter, link target and code are gone
    assert "kokonaan" in text  # the link text stays in the sentence
    kinds = {b.text: b.kind for b in document.blocks}
    assert kinds["Perustelut"] == "heading"
    # a table row is one data block, as in HTML and plain text
    assert kinds["Vuokra | 500,00 €"] == "data" and kinds["Lähetä meille tiliote."] == "item"
    paragraph = next(b for b in document.blocks if b.text.startswith("Hyväksymme"))
    assert paragraph.section == "justification"
    assert paragraph.position(0)[0] == 11  # lines count from the top of the file


def test_no_finding_from_front_matter_code_or_links(nlp) -> None:
    result = lint_document(parse_markdown(DOCUMENT, "d.md"), LintContext(), "fi")
    # readability only: the short example is no complete decision
    assert [f.rule for f in result.findings if not f.rule.startswith("J")] == []


def test_a_line_in_capitals_is_a_heading_that_sets_the_section() -> None:
    document = parse_text("PERUSTELUT\n\nHyväksymme vuokrasi joulukuulle.\n", "d.txt")
    assert [(b.kind, b.section) for b in document.blocks] == [
        ("heading", "justification"), ("paragraph", "justification")]
