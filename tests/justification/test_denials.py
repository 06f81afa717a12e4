"""Every denied or partly granted item needs its own reason: reasons about other items do not
answer it, and a partial grant may be told by its amounts alone."""

from __future__ import annotations

from totudocs.lint.engine import LintContext, lint_document
from totudocs.reading import parse_text

COUNTY = """Keski-Suomen hyvinvointialue
PÄÄTÖS TÄYDENTÄVÄSTÄ TOIMEENTULOTUESTA

Päätöspäivä 4.5.2027
Asiakas Aino Lehto

Päätös
{outcome}
Maksamme tuen tilillesi 7.5.2027.

Perustelut
Sänky on välttämätön osa kodin perusvarustusta. Vanha sänkysi on rikki, ja hinta 189,00 euroa
on edullisimman vaihtoehdon mukainen. {reason}
Päätös perustuu toimeentulotukilain 7 c §:ään.

Mitä sinun tulee tehdä
Toimita kuitti sängystä meille kuukauden kuluessa.

Yhteyshenkilö
Sosiaaliohjaaja Ville Aho, puhelin 014 266 0000.

Oikaisuvaatimus
Jos olet eri mieltä päätöksestä, voit hakea siihen oikaisua hyvinvointialueelta. Tee
oikaisuvaatimus kirjallisesti 30 päivän kuluessa siitä, kun sait päätöksen.
"""


def _categories(outcome: str, reason: str = "") -> set[str]:
    text = COUNTY.format(outcome=outcome, reason=reason)
    result = lint_document(parse_text(text, "a.txt"), LintContext(), "fi")
    return {f.category for f in result.findings if f.category.startswith("justification")}


def test_a_denied_item_is_not_answered_by_reasons_about_another(nlp) -> None:
    outcome = ("Myönnämme sinulle tukea sänkyyn 189,00 euroa. Talvitakkiin haettua tukea "
               "(120,00 euroa) ei myönnetä.")
    assert "justification.missing" in _categories(outcome)
    reason = ("Talvitakkia emme myönnä, koska sait takkiin tukea marraskuussa 2026 ja takki on "
              "vielä käyttökelpoinen.")
    assert _categories(outcome, reason) == set()


def test_a_partial_grant_told_by_its_amounts(nlp) -> None:
    outcome = ("Myönnämme sinulle tukea yhteensä 389,00 euroa:\n"
               "  - sänky ............. 189,00 €\n"
               "  - muuttokustannukset ........ 200,00 € (haettu 450,00 €)\n")
    assert "justification.missing" in _categories(outcome)
    reason = ("Muuttokustannuksista hyväksyimme 200,00 euroa, koska muuttofirman halvin "
              "tarjous oli 200,00 euroa.")
    assert _categories(outcome, reason) == set()


def test_a_statement_after_a_long_letterhead_is_judged_as_a_statement(nlp) -> None:
    letterhead = "\n".join(["Österbottens välfärdsområde", "Familjesocialarbete",
                            "Topeliusesplanaden 1, 64100 Kristinestad", "Växel 06 218 1111", "",
                            "FPA", "Utkomststödsenheten", "PB 10, 00056 FPA", "",
                            "Kristinestad 27.8.2026", ""])
    text = letterhead + """
UTLÅTANDE FRÅN SOCIALVÅRDEN TILL FPA

Familjens situation
Sara bor ensam med sin son i Kristinestad.
"""
    result = lint_document(parse_text(text, "s.txt"), LintContext(), "sv")
    assert "statement.incomplete" in {f.category for f in result.findings}


def test_a_bill_accepted_in_part_as_a_ledger_writes_it(nlp) -> None:
    outcome = ("Myönnämme sinulle tukea sänkyyn 189,00 euroa.\n"
               "Hammaslääkärin lasku 140,00 €: hyväksytty 95,00 €.")
    assert "justification.missing" in _categories(outcome)
    reason = ("Hammaslääkärin laskusta hyväksyimme 95,00 euroa, koska loput 45,00 euroa oli "
              "kosmeettista hoitoa, jota terveyskeskus ei pitänyt tarpeellisena.")
    assert _categories(outcome, reason) == set()


def test_the_applications_own_account_and_a_therefore_after_a_formula_give_no_reason(nlp) -> None:
    """What the application said is the client's case, and "siksi" after a formula points back
    to nothing: the denial is justified by formulas only (vague). After a sentence that says
    something, "siksi" carries that sentence's reason."""
    outcome = "Emme myönnä tukea pelikonsoliin (329,00 euroa)."
    formula = ("Pelikonsoli: Hakemuksen mukaan pelikonsolia tarvittaisiin lapsen harrastukseen. "
               "Asiaa on arvioitu kokonaisharkinnan perusteella. Pelikonsoli ei siksi ole "
               "välttämätön meno.")
    assert _categories(outcome, formula) == {"justification.vague"}
    facts = ("Pelikonsoli: Hakemuksen mukaan pelikonsolia tarvittaisiin lapsen harrastukseen. "
             "Kunnan nuorisotalolla on pelikonsoleita vapaasti lasten käytössä joka arkipäivä. "
             "Pelikonsoli ei siksi ole välttämätön meno.")
    assert _categories(outcome, facts) == set()


def test_the_items_own_name_is_not_a_circumstance(nlp) -> None:
    """"Lastenrattaat" names a pram; it does not tell a fact about a child."""
    outcome = ("Myönnämme sinulle tukea sänkyyn 189,00 euroa. Lastenrattaita (220,00 €) koskeva "
               "hakemus on käsitelty. Tukea lastenrattaisiin ei myönnetä.")
    assert "justification.missing" in _categories(outcome)


def test_a_denial_heading_with_its_reason_under_it(nlp) -> None:
    """No section of reasons: a panel "Emme hyväksyneet" with the refused row and a paragraph
    of facts and the provision is the denial's justification."""
    text = """Päätös perustoimeentulotuesta

Päätös
Kela myöntää sinulle perustoimeentulotukea 141,95 € maaliskuulle 2027.

Emme hyväksyneet
D-vitamiini, apteekin kuitti 22.2.2027    17,90 €
Perustoimeentulotuessa hyväksytään lääkkeet, jotka lääkäri on määrännyt. D-vitamiini ostettiin
ilman reseptiä 22.2.2027, eikä sinulla ole lääkärin määräystä. Ilman reseptiä ostettavat
vitamiinit maksetaan perusosasta (laki toimeentulotuesta 7 a § ja 7 b §).
"""
    result = lint_document(parse_text(text, "a.txt"), LintContext(rules=["J001"]), "fi")
    assert result.findings == []
    bare = text.split("Perustoimeentulotuessa")[0]
    result = lint_document(parse_text(bare, "a.txt"), LintContext(rules=["J001"]), "fi")
    assert [f.category for f in result.findings] == ["justification.missing"]


def test_the_outcome_as_a_header_field_is_answered_by_the_justification(nlp) -> None:
    """"Ratkaisu    Myönnetään osittain" names no item: the reasons of the justification
    answer it."""
    text = COUNTY.format(outcome="Myönnämme sinulle tukea sänkyyn 189,00 euroa.", reason="")
    text = text.replace("Asiakas Aino Lehto", "Asiakas Aino Lehto\nRatkaisu    Myönnetään osittain")
    result = lint_document(parse_text(text, "a.txt"), LintContext(), "fi")
    assert "justification.missing" not in {f.category for f in result.findings}


def test_a_row_granting_less_than_applied_needs_its_own_reason(nlp) -> None:
    """Under "Haettu € | Myönnetty €" a row that grants less is a partial grant. A sentence
    that repeats the granted amount, or a reason about the item beside it that shares only the
    word "tarjous", does not answer it; "delvis" is no departure from a statement."""
    text = """Päätös täydentävästä toimeentulotuesta

Päätös
Meno | Haettu € | Myönnetty €
Sänky (Kierrätyskeskus, tarjous 4.11.2026) | 390,00 | 390,00
Pesukone (Verkkokauppa, tarjous 5.11.2026) | 480,00 | 250,00

Perustelut
Sänky on välttämätön asumisen turvaamiseksi, ja tarjous on kohtuullinen.
Pesukoneeseen myönnetään 250,00 €, joka maksetaan tilillesi 24.11.2026.
Tuki myönnetään toimeentulotukilain 7 c §:n perusteella.
"""
    result = lint_document(parse_text(text, "a.txt"), LintContext(rules=["J001"]), "fi")
    assert [f.category for f in result.findings] == ["justification.missing"]
    reasoned = text.replace(
        "Pesukoneeseen myönnetään 250,00 €, joka maksetaan tilillesi 24.11.2026.",
        "Pesukoneeseen myönnämme 250,00 €, koska edullisin uusi pesukone maksaa 250,00 € "
        "kodinkoneliikkeen hinnaston 1.11.2026 mukaan.")
    result = lint_document(parse_text(reasoned, "a.txt"), LintContext(rules=["J001"]), "fi")
    assert result.findings == []


def test_an_expense_left_out_is_a_denial_that_needs_a_reason(nlp) -> None:
    """"…emme ottaneet huomioon" leaves an expense out: a denial in other words. Money left
    out of the income favours the client and needs no reason."""
    outcome = ("Myönnämme sinulle tukea sänkyyn 189,00 euroa. Taksikuluja 64,80 euroa emme "
               "ottaneet huomioon.")
    assert "justification.missing" in _categories(outcome)
    income = ("Myönnämme sinulle tukea sänkyyn 189,00 euroa. Tililläsi ollutta 6,80 euroa ei "
              "otettu huomioon tulona.")
    assert _categories(income) == set()
