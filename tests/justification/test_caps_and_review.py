"""A housing cap however it is worded, its reasons judged apart from the rest of the
justification, and review instructions that send the client to the authority that decided."""

from __future__ import annotations

from totudocs.lint.engine import LintContext, lint_document
from totudocs.reading import parse_text

KELA_FI = """Kela
PÄÄTÖS PERUSTOIMEENTULOTUESTA

Päätöspäivä 2.3.2027
Asiakas Liisa Virtanen

Päätös
Kela myöntää sinulle perustoimeentulotukea maaliskuulle 2027 yhteensä 301,20 euroa.

Perustelut
{reasons}
Sähkölaskusi 2.2.2027 on 61,00 euroa, ja hyväksyimme sen kokonaan.
Päätös perustuu toimeentulotukilain 7 a §:ään.

Mitä sinun pitää tehdä seuraavaksi
Hae tukea huhtikuulle viimeistään 31.3.2027.

Miten haet oikaisua
Jos olet eri mieltä päätöksestä, voit hakea siihen oikaisua {body}. Tee oikaisuvaatimus
kirjallisesti 30 päivän kuluessa siitä, kun sait päätöksen.

Lisätietoja
Etuuskäsittelijä Olli Saari, puhelin 020 634 1111.
"""

COMPLETE_CAP = ("Vuokrasi on 820,00 euroa. Kohtuullinen vuokra yhden hengen taloudelle on täällä "
                "690,00 euroa, joten hyväksymme vuokrastasi vain tämän osan. Kerroimme asiasta "
                "sinulle 1.11.2026 ja annoimme aikaa 1.2.2027 asti etsiä edullisemman asunnon. "
                "Sinulla ei ole erityistä syytä asua nykyisessä asunnossa.")


def _categories(text: str, lang: str = "fi") -> set[str]:
    result = lint_document(parse_text(text, "a.txt"), LintContext(), lang)
    return {f.category for f in result.findings if not f.category.startswith("readability")}


def test_a_share_of_the_rent_with_only_a_formula_is_a_vague_incomplete_cap(nlp) -> None:
    thin = "Vuokrastasi on hyväksytty kohtuullinen osa kokonaistilanteesi perusteella."
    found = _categories(KELA_FI.format(reasons=thin, body="Kelalta"))
    assert {"housing-cap.incomplete", "justification.vague"} <= found


def test_a_complete_cap_passes(nlp) -> None:
    assert _categories(KELA_FI.format(reasons=COMPLETE_CAP, body="Kelalta")) == set()


def test_review_sent_to_another_authority(nlp) -> None:
    assert "review-instructions.missing" in _categories(
        KELA_FI.format(reasons=COMPLETE_CAP, body="hyvinvointialueelta"))
    county = KELA_FI.replace("Kela\nPÄÄTÖS PERUSTOIMEENTULOTUESTA",
                             "Pohjois-Karjalan hyvinvointialue\nPÄÄTÖS TÄYDENTÄVÄSTÄ "
                             "TOIMEENTULOTUESTA").replace("Kela myöntää", "Myönnämme")
    assert "review-instructions.missing" in _categories(
        county.format(reasons=COMPLETE_CAP, body="Kelalta"))
    assert "review-instructions.missing" not in _categories(
        county.format(reasons=COMPLETE_CAP, body="hyvinvointialueelta"))


KELA_SV = """FPA
BESLUT OM GRUNDLÄGGANDE UTKOMSTSTÖD

Beslutsdatum 2.3.2027
Klient Anna Berg

Beslut
FPA beviljar dig grundläggande utkomststöd för mars 2027, sammanlagt 301,20 euro.

Motivering
{reasons}
Din elräkning 2.2.2027 är 61,00 euro och vi har godkänt den i sin helhet.
Beslutet grundar sig på 7 a § i lagen om utkomststöd.

Vad du ska göra härnäst
Ansök om stöd för april senast 31.3.2027.

Hur du begär omprövning
Om du är missnöjd med beslutet kan du begära omprövning hos FPA. Gör begäran skriftligt
inom 30 dagar från att du fick del av beslutet.

Mer information
Förmånshandläggare Ola Sund, telefon 020 634 2222.
"""


def test_swedish_share_of_the_rent_and_time_given_until_a_date(nlp) -> None:
    thin = "Vi har godkänt en skälig del av din hyra med hänsyn till helhetssituationen."
    assert {"housing-cap.incomplete", "justification.vague"} <= _categories(
        KELA_SV.format(reasons=thin), "sv")
    complete = ("Vi har godkänt 690,00 euro av din hyra. Din hyra är 820,00 euro och en skälig "
                "hyra för en person är 690,00 euro. Vi gav dig 1.11.2026 tid till 1.2.2027 att "
                "söka en billigare bostad. Du har inte särskilda skäl att bo kvar.")
    assert _categories(KELA_SV.format(reasons=complete), "sv") == set()


def test_a_norm_given_with_at_most_caps_nothing(nlp) -> None:
    reasons = ("Vuokrasi on 690,00 euroa kuukaudessa. Kohtuullinen vuokra yhdelle hengelle on "
               "Kuopiossa enintään 700 euroa. Hyväksymme siksi koko vuokran.")
    text = KELA_FI.format(reasons=reasons, body="Kelalta")
    result = lint_document(parse_text(text, "a.txt"), LintContext(rules=["J007"]), "fi")
    assert result.findings == []
    capped = ("Vuokrasi on 820,00 euroa kuukaudessa. Kohtuullinen vuokra yhdelle hengelle on "
              "Kuopiossa enintään 700 euroa. Hyväksymme vuokrasta 700 euroa.")
    text = KELA_FI.format(reasons=capped, body="Kelalta")
    result = lint_document(parse_text(text, "a.txt"), LintContext(rules=["J007"]), "fi")
    assert [f.category for f in result.findings] == ["housing-cap.incomplete"]


def test_a_name_without_a_phone_or_e_mail_is_no_contact_person(nlp) -> None:
    """HL 44 §: the client must be able to reach someone. A decision-maker's name under
    "Lisätietoja", with no phone number or e-mail anywhere, names no one to ask."""
    named = KELA_FI.format(reasons="Vuokrasi 600,00 euroa on kohtuullinen.", body="Kelalta")
    named = named.split("Lisätietoja")[0] + "Lisätietoja\nEtuuskäsittelijä Outi Rautiainen\n"
    result = lint_document(parse_text(named, "a.txt"), LintContext(rules=["J012"]), "fi")
    assert [f.category for f in result.findings] == ["contact.missing"]
    reachable = named + "puhelin 020 692 200 (ma–pe klo 9–15)\n"
    result = lint_document(parse_text(reachable, "a.txt"), LintContext(rules=["J012"]), "fi")
    assert result.findings == []


def test_the_clients_own_bills_named_between_verb_and_itse_or_sjalv(nlp) -> None:
    """Support paid to the landlord needs the client's own bills: "maksat vuokran loppuosan ja
    sähkölaskun itse", "Du betalar själv: …". "Stödet betalas … du själv har begärt det" tells
    why the money goes to the landlord, not what the client pays."""
    base = """Kela
PÄÄTÖS PERUSTOIMEENTULOTUESTA

Päätös
Kela myöntää sinulle perustoimeentulotukea 320,00 euroa. Maksamme tuen vuokranantajalle.
{own}
"""
    context = LintContext(rules=["J009"])
    missing = lint_document(parse_text(base.format(own=""), "a.txt"), context, "fi")
    assert [f.category for f in missing.findings] == ["own-share.missing"]
    own = "Maksat vuokran loppuosan 280,00 euroa ja sähkölaskun 41,00 euroa itse."
    assert lint_document(parse_text(base.format(own=own), "a.txt"), context, "fi").findings == []
    swedish = base.replace("Maksamme tuen vuokranantajalle.",
                           "Stödet betalas till hyresvärden eftersom du själv har begärt det.")
    missing = lint_document(parse_text(swedish.format(own=""), "a.txt"), context, "sv")
    assert [f.category for f in missing.findings] == ["own-share.missing"]


def test_a_cap_without_the_word_for_the_norm(nlp) -> None:
    """The rent the authority accepts, the part of the rent taken, or a calculation row of the
    accepted part: a cap, even where "kohtuullinen" never appears. The housing allowance is
    income, and paying part of the rent to the landlord caps nothing."""
    context = LintContext(rules=["J007"])
    for reasons in (
        "Vuokrasi on 890,00 euroa. Kela hyväksyy Jyväskylässä asumismenoiksi enintään 640,00 "
        "euroa. Siksi emme hyväksy koko vuokraa.",
        "Hyväksyttävä vuokra on 720,00 euroa. Vuokrasi 950,00 euroa ylittää tämän. Siksi "
        "asumismenoista hyväksytään 720,00 euroa.",
    ):
        text = KELA_FI.format(reasons=reasons, body="Kelalta")
        result = lint_document(parse_text(text, "a.txt"), context, "fi")
        assert [f.category for f in result.findings] == ["housing-cap.incomplete"], reasons
    income = KELA_FI.format(reasons="Kohtuullinen vuokra on 700 euroa, ja vuokrasi 650 euroa "
                            "alittaa sen. Saat vain asumistukea 290,00 euroa.", body="Kelalta")
    assert lint_document(parse_text(income, "a.txt"), context, "fi").findings == []


def test_support_paid_straight_to_your_landlord_needs_your_own_share(nlp) -> None:
    text = """FPA
BESLUT OM GRUNDLÄGGANDE UTKOMSTSTÖD

Beslut
Du får grundläggande utkomststöd 512,35 €. Av stödet betalar FPA 450,00 € direkt till din
hyresvärd Esbo Hyreshus Ab den 6.5.2027.
"""
    result = lint_document(parse_text(text, "a.txt"), LintContext(rules=["J009"]), "sv")
    assert [f.category for f in result.findings] == ["own-share.missing"]
