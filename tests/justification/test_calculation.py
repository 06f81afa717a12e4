"""calculation.inconsistent (J020): rows that do not add up to their total, an outcome that is
not the calculation's result; never a finding on a calculation that adds up. Finnish and
Swedish, in plain text, Markdown, HTML and a PDF laid out by WeasyPrint."""

from __future__ import annotations

from pathlib import Path

import pytest

from totudocs.lint.engine import LintContext, lint_document, lint_path
from totudocs.lint.justification.calculation import check_calculation
from totudocs.reading import parse_html, parse_markdown, parse_text

CONTEXT = LintContext(rules=["J020"])


def _text_decision(granted: str, total: str, result: str) -> str:
    return f"""Päätös perustoimeentulotuesta

Päätös

Kela myöntää sinulle perustoimeentulotukea {granted} joulukuulle 2026.

Laskelma joulukuu 2026

Perusosa                      598,40 €
Vuokra                        640,00 €
Sähkö                          41,70 €
Menot yhteensä              {total}
Työmarkkinatuki              -650,00 €
Asumistuki                   -270,00 €
Perustoimeentulotuki          {result}
"""


def _swedish_html(granted: str, total: str, result: str) -> str:
    return f"""<html lang="sv"><body>
<h1>Beslut om grundläggande utkomststöd</h1>
<h2>Beslut</h2>
<p>FPA beviljar dig grundläggande utkomststöd {granted} för januari 2027.</p>
<h2>Beräkning</h2>
<table>
<tr><th>Post</th><th>Belopp</th></tr>
<tr><td>Grunddel</td><td>598,40 €</td></tr>
<tr><td>Hyra</td><td>610,00 €</td></tr>
<tr><td>El</td><td>35,20 €</td></tr>
<tr><td>Utgifter sammanlagt</td><td>{total}</td></tr>
<tr><td>Bostadsbidrag</td><td>278,00 €</td></tr>
<tr><td>Inkomster sammanlagt</td><td>278,00 €</td></tr>
<tr><td>Utkomststöd</td><td>{result}</td></tr>
</table>
</body></html>"""


def _messages(document) -> list[str]:
    return [f.message for f in lint_document(document, CONTEXT, None).findings]


def test_a_wrong_total_in_finnish_text_is_reported() -> None:
    messages = _messages(parse_text(_text_decision("360,10 €", "1 300,10 €", "360,10 €"), "d.txt"))
    assert len(messages) == 1
    assert "add up to 1\u00a0280,10 €" in messages[0] and "1\u00a0300,10 €" in messages[0]


def test_an_outcome_that_differs_from_the_result_is_reported_in_swedish_html() -> None:
    html = _swedish_html("956,60 €", "1 243,60 €", "965,60 €")
    messages = _messages(parse_html(html, "d.html"))
    assert any("grants 956,60 €" in m and "965,60 €" in m for m in messages), messages


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_calculation_that_adds_up_gives_no_finding(language: str) -> None:
    if language == "fi":
        document = parse_text(_text_decision("360,10 €", "1 280,10 €", "360,10 €"), "d.txt")
    else:
        document = parse_html(_swedish_html("965,60 €", "1 243,60 €", "965,60 €"), "d.html")
    assert _messages(document) == []


def test_income_printed_without_a_minus_is_subtracted() -> None:
    # the Swedish table lists the housing allowance as a positive amount under income
    document = parse_html(_swedish_html("965,60 €", "1 243,60 €", "965,60 €"), "d.html")
    assert check_calculation(document.blocks) == []


def test_a_subtotal_row_is_not_a_wrong_item() -> None:
    text = """Päätös

Kela myöntää sinulle perustoimeentulotukea 600,72 €.

Laskelma

Perusosa                      598,40 €
Alennus 20 %                 -119,68 €
Perusosa alennuksen jälkeen   478,72 €
Vuokra                        495,00 €
Menot yhteensä                973,72 €
Asumistuki                   -373,00 €
Perustoimeentulotuki          600,72 €
"""
    assert _messages(parse_text(text, "d.txt")) == []


@pytest.mark.parametrize(("result", "wrong"), [("153,25 €", False), ("163,25 €", True)])
def test_incomes_summed_under_a_label_without_a_total_word(result: str, wrong: bool) -> None:
    """Benefits listed without a minus, then their sum as "Huomioidut tulot": the sum stands
    for them, and is subtracted."""
    text = f"""Päätös

Saat perustoimeentulotukea {result} lokakuulle.

Laskelma

Perusosa                      598,40 €
Vuokra                        560,00 €
Vesimaksu                      20,00 €
Hyväksytyt menot            1 178,40 €
Työmarkkinatuki, nettona      720,15 €
Yleinen asumistuki            305,00 €
Huomioidut tulot            1 025,15 €
Tuki lokakuulle               {result}
"""
    assert bool(_messages(parse_text(text, "d.txt"))) is wrong


def test_a_markdown_table_is_read_row_by_row() -> None:
    text = """**Päätös**

Kela myöntää sinulle perustoimeentulotukea **381,45 €** joulukuulle 2026.

**Laskelma**

| Meno | Summa |
|---|---:|
| Perusosa | 598,40 € |
| Vuokra | 695,00 € |
| Menot yhteensä | 1 293,40 € |
| Asumistuki | −303,00 € |
| **Tuki** | **990,40 €** |
"""
    messages = _messages(parse_markdown(text, "d.md"))
    assert len(messages) == 1 and "grants 381,45 €" in messages[0]


def test_amounts_with_thousands_separators_and_minus_signs() -> None:
    text = _text_decision("360,10 €", "1 280,10 €", "360,10 €").replace("-650,00", "−650,00")
    assert _messages(parse_text(text, "d.txt")) == []


@pytest.mark.slow
@pytest.mark.parametrize("consistent", [True, False])
def test_pdf_columns_are_read_as_rows(tmp_path: Path, consistent: bool) -> None:
    """The same Swedish decision laid out by WeasyPrint: the table's columns become rows."""
    from weasyprint import HTML

    result = "965,60 €" if consistent else "995,60 €"
    pdf = tmp_path / "beslut.pdf"
    HTML(string=_swedish_html(result, "1 243,60 €", result)).write_pdf(pdf)
    findings = lint_path(pdf, LintContext(rules=["J020"]), "sv").findings
    if consistent:
        assert findings == []
    else:
        assert len(findings) == 1
        assert "995,60 €" in findings[0].message


def test_evidence_names_the_row_that_fails() -> None:
    result = lint_document(
        parse_text(_text_decision("360,10 €", "1 300,10 €", "360,10 €"), "d.txt"), CONTEXT, "fi"
    )
    evidence = result.findings[0].evidence
    assert evidence and evidence[0]["met"] is False
    assert "Menot yhteensä" in evidence[0]["text"]


def test_a_row_marked_not_granted_is_left_out_of_the_total() -> None:
    text = """Beslut

Vi beviljar dig 210,00 €.

Så här ser beloppen ut

| Ansökt | Belopp | Beslut |
|---|---:|---|
| Terminsavgift | 210,00 € | beviljas |
| Fiolhyra | 140,00 € | beviljas inte |
| **Beviljat sammanlagt** | **210,00 €** | |
"""
    assert _messages(parse_markdown(text, "d.md")) == []


@pytest.mark.parametrize(("total", "wrong"), [("1 247,20", False), ("1 257,20", True)])
def test_bare_amounts_under_a_euro_column_header(total: str, wrong: bool) -> None:
    """Rows without a € sign under a header that names the unit ("Menot | €/kk"); incomes
    under their own header; a caption naming both sides says neither."""
    html = f"""<html lang="fi"><body><h1>Päätös perustoimeentulotuesta</h1>
<h2>Päätös</h2><p>Myönnämme sinulle perustoimeentulotukea 155,70 € helmikuulle.</p>
<h2>Laskelma</h2><table><caption>Menot ja tulot</caption>
<tr><th>Menot</th><th>€/kk</th></tr>
<tr><td>Perusosa, yksin asuva</td><td>598,40</td></tr>
<tr><td>Vuokra</td><td>615,00</td></tr>
<tr><td>Vesimaksu</td><td>24,00</td></tr>
<tr><td>Kotivakuutus</td><td>9,80</td></tr>
<tr><td>Menot yhteensä</td><td>{total}</td></tr>
<tr><th>Tulot</th><th>€/kk</th></tr>
<tr><td>Työmarkkinatuki</td><td>689,50</td></tr>
<tr><td>Yleinen asumistuki</td><td>402,00</td></tr>
<tr><td>Tulot yhteensä</td><td>1 091,50</td></tr>
<tr><td>Perustoimeentulotuki</td><td>155,70</td></tr>
</table></body></html>"""
    assert bool(_messages(parse_html(html, "d.html"))) is wrong


def test_a_date_before_an_amount_and_a_sum_explained_by_its_parts() -> None:
    text = """Päätös

Myönnämme sinulle tukea 180,00 €.

Laskelma

Leirikoulumaksu 10.–12.5.2027 180,00 €
Myönnetty yhteensä 180,00 €
"""
    assert _messages(parse_text(text, "d.txt")) == []
    swedish = """| Du ansökte om | Belopp | Beslut |
|---|---:|---|
| Båge | 59,00 € | Beviljas |
| Två glas | 156,00 € | Beviljas |
| Beviljat sammanlagt | 215,00 € | 59,00 € + 156,00 € |
"""
    assert _messages(parse_markdown("Beslut\n\nVi beviljar dig 215,00 €.\n\n" + swedish,
                                    "d.md")) == []


def test_benefits_by_name_are_income() -> None:
    text = """Päätös

Myönnämme sinulle perustoimeentulotukea 340,10 €.

Laskelma

Perusosa 598,40 €
Vuokra 745,00 €
Sairauspäiväraha (nettona) 598,20 €
Yleinen asumistuki 405,10 €
Perustoimeentulotuki 340,10 €
"""
    assert _messages(parse_text(text, "d.txt")) == []


@pytest.mark.parametrize(("granted", "wrong"), [("367,25 €", False), ("376,25 €", True)])
def test_a_result_written_as_a_subtraction_and_rows_as_a_list(granted: str, wrong: bool) -> None:
    """A plain-language letter: rows as bullets under "Menot" and "Tulot" headings, the result
    as the line "A − B = C" under a heading of its own."""
    text = f"""# Päätös perustoimeentulotuesta

## Mitä päätimme?

Myönnämme sinulle perustoimeentulotukea {granted} heinäkuulle 2027.

## Miten laskimme tuen?

### Menot

- perusosa 598,40 €
- vuokra 540,00 €
- vesimaksu 19,00 €
- = menot yhteensä 1 157,40 €

### Tulot

- yleinen asumistuki 318,00 €
- sairauspäiväraha 472,15 €
- = tulot yhteensä 790,15 €

### Tuki on menot miinus tulot

1 157,40 € − 790,15 € = 367,25 €
"""
    assert bool(_messages(parse_markdown(text, "d.md"))) is wrong


@pytest.mark.parametrize(("granted", "wrong"), [("214,65 €", False), ("241,65 €", True)])
def test_the_result_row_menot_miinus_tulot(granted: str, wrong: bool) -> None:
    html = f"""<html lang="fi"><body><h1>Päätös</h1>
<p>Kela myöntää sinulle perustoimeentulotukea {granted} kesäkuulle 2027.</p>
<h2>Laskelma</h2><table>
<tr><td>Menot</td><td>€</td></tr>
<tr><td>Perusosa</td><td>658,24</td></tr><tr><td>Vuokra</td><td>850,00</td></tr>
<tr><td>Menot yhteensä</td><td>1 508,24</td></tr>
<tr><td>Tulot</td><td>€</td></tr>
<tr><td>Työttömyysetuus</td><td>781,59</td></tr><tr><td>Asumistuki</td><td>512,00</td></tr>
<tr><td>Tulot yhteensä</td><td>1 293,59</td></tr>
<tr><td>Menot − tulot</td><td>214,65</td></tr>
</table></body></html>"""
    assert bool(_messages(parse_html(html, "d.html"))) is wrong


@pytest.mark.parametrize(("total", "wrong"), [("1 328,10", False), ("1 348,10", True)])
def test_description_list_rows_and_a_subtotal_before_the_income(total: str, wrong: bool) -> None:
    """<dt>/<dd> pairs are rows; "Hyväksytyt menot" sums the rows above it and stands apart
    from the income total below it."""
    html = f"""<html lang="fi"><body><h1>Päätös</h1>
<p>Kela myöntää sinulle perustoimeentulotukea 295,70 €.</p>
<h2>Miten tuki laskettiin?</h2><dl>
<dt>Perusosa</dt><dd>598,40 €</dd><dt>Vuokra</dt><dd>640,00 €</dd>
<dt>Vesimaksu</dt><dd>22,00 €</dd><dt>Lääkkeet</dt><dd>46,80 €</dd>
<dt>Asiakasmaksu</dt><dd>20,90 €</dd>
<dt>Hyväksytyt menot</dt><dd>{total} €</dd>
<dt>Työmarkkinatuki</dt><dd>−620,40 €</dd><dt>Yleinen asumistuki</dt><dd>−412,00 €</dd>
<dt>Tulot yhteensä</dt><dd>−1 032,40 €</dd>
<dt>Perustoimeentulotuki</dt><dd>295,70 €</dd></dl></body></html>"""
    assert bool(_messages(parse_html(html, "d.html"))) is wrong


@pytest.mark.parametrize(("total", "wrong"), [("1 435,00 €", False), ("1 480,00 €", True)])
def test_dot_leader_rows_an_own_share_and_what_the_payer_pays(total: str, wrong: bool) -> None:
    text = f"""Päätös ehkäisevästä toimeentulotuesta

Päätös
Myönnän sinulle ehkäisevää toimeentulotukea 1 200,00 € vuokrarästin maksamiseen.

Näin summa muodostui
Vuokrarästi helmikuu .......... 695,00 €
Vuokrarästi maaliskuu .......... 695,00 €
Perintäkulut .......... 45,00 €
Rästi yhteensä .......... {total}
josta maksat itse veronpalautuksesta .......... 235,00 €
Hyvinvointialue maksaa .......... 1 200,00 €
"""
    assert bool(_messages(parse_text(text, "d.txt"))) is wrong


def test_a_euro_column_header_in_pdf_text_columns() -> None:
    """Text drawn from a PDF: columns set apart by spaces, the unit in the header ("€ / kk")."""
    text = """Päätös

Kela myöntää sinulle perustoimeentulotukea 295,70 €.

Näin tuki on laskettu
Menot, jotka otimme huomioon    € / kk
Perusosa, yksin asuva    598,40
Vuokra    640,00
Vesimaksu    22,00
Menot yhteensä    1 280,40
Tulot, jotka vähennettiin
Työmarkkinatuki, nettona    572,70
Yleinen asumistuki    412,00
Tulot yhteensä    984,70
Perustoimeentulotuki    295,70
"""
    assert _messages(parse_text(text, "d.txt")) == ["the rows above 'Menot yhteensä' add up to "
                                                    "1\u00a0260,40 €, but the total says "
                                                    "1\u00a0280,40 €"]


@pytest.mark.parametrize(("granted", "wrong"), [("370,51 €", False), ("307,51 €", True)])
def test_amounts_in_the_left_column(granted: str, wrong: bool) -> None:
    text = f"""Päätös
=======

Kela myöntää sinulle perustoimeentulotukea {granted} joulukuulle.

Laskelma
--------

| Euroa | Erä |
|---|---|
| 598,40 € | Perusosa |
| 786,25 € | Vuokra |
| 1 384,65 € | Menot yhteensä |
| 1 014,14 € | Tulot yhteensä |
| 370,51 € | Perustoimeentulotuki (menot − tulot) |
"""
    assert bool(_messages(parse_markdown(text, "d.md"))) is wrong


@pytest.mark.parametrize(("total", "wrong"), [("264,00 €", False), ("246,00 €", True)])
def test_applied_and_granted_columns(total: str, wrong: bool) -> None:
    """Under "Ansökt | Beviljat" the granted column is summed; "-" grants nothing."""
    text = ("Beslut\n\nDu beviljas förebyggande utkomststöd 264,00 €.\n\n"
            "Beräkning\n"
            "ANSÖKT STÖD\t\t\tANSÖKT\t\tBEVILJAT\n"
            "Kurs\t\t\t\t185,00 €\t185,00 €\n"
            "Arbetsskor\t\t\t79,00 €\t\t79,00 €\n"
            "Cykel\t\t\t\t240,00 €\t-\n"
            f"SUMMA\t\t\t\t504,00 €\t{total}\n")
    assert bool(_messages(parse_text(text, "d.txt"))) is wrong


@pytest.mark.parametrize(("granted", "wrong"), [("379,25 €", False), ("379,52 €", True)])
def test_bare_amounts_in_a_middle_column_without_a_unit_header(granted: str, wrong: bool) -> None:
    """No € anywhere in the rows, the amount in the middle column and a remark after it."""
    html = f"""<html lang="fi"><body><h1>Päätös</h1>
<p>Myönnämme sinulle perustoimeentulotukea {granted} kesäkuulle.</p>
<h2>Laskelma</h2><table>
<tr><th>Rivi</th><th>Euroa</th><th>Huomautus</th></tr>
<tr><td>Perusosa</td><td>598,40</td><td>yksin asuva</td></tr>
<tr><td>Vuokra</td><td>650,00</td><td>todellinen vuokra 895,00</td></tr>
<tr><td>Vesimaksu</td><td>24,00</td><td></td></tr>
<tr><td>Menot</td><td>1 272,40</td><td></td></tr>
<tr><td>Asumistuki</td><td>−318,00</td><td>Kelan päätös 2.6.2027</td></tr>
<tr><td>Työttömyyspäiväraha</td><td>−575,15</td><td>verojen jälkeen</td></tr>
<tr><td>Tulot</td><td>−893,15</td><td></td></tr>
<tr><td>Tukea kesäkuulle</td><td>379,25</td><td></td></tr>
</table></body></html>"""
    assert bool(_messages(parse_html(html, "d.html"))) is wrong
