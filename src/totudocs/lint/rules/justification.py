"""Justification rules (J001-J020): one rule per category of the fixed vocabulary.

All of them share one analysis per document (case data when linting a case file, the text
otherwise); each rule reports the hits of its own category.
"""

from __future__ import annotations

from collections.abc import Iterator

from totudocs.lint.engine import Hit, LintContext
from totudocs.lint.findings import Severity
from totudocs.lint.registry import Example, Rule, register
from totudocs.reading.analysis import AnalyzedDocument

GOOD_DECISION = """Päätös perustoimeentulotuesta

Kela myöntää sinulle perustoimeentulotukea 306,38 € ajalle 1.11.2026–30.11.2026. Emme myönnä tukea silmälaseihin.

Maksut

Maksamme 250 € vuokranantajalle. Maksa itse sähkölasku 46,30 € viimeistään 10.12.2026.

Perustelut

Silmälasit: Optikon mukaan nykyiset lasit riittävät, ja ne on hankittu 3.2.2026. Päätös perustuu toimeentulotukilain 7 b §:ään.

Sosiaalihuollon lausunto: Noudatimme lausuntoa, koska vuokran kohtuullisuus perustuu lapsen koulumatkaan.

Liitteet

Vuokrasopimus: otimme huomioon vuokran 820 €.

Mitä sinun pitää tehdä seuraavaksi

Hae tukea joulukuulle ennen 30.11.2026.

Miten haet oikaisua

Voit hakea oikaisua Kelalta 30 päivän kuluessa. Tee oikaisuvaatimus kirjallisesti.

Lisätietoja

Yhteyshenkilö: Laura Niemi, etuuskäsittelijä, puhelin 020 692 207.
"""

GOOD_STATEMENT = """Sosiaalihuollon lausunto Kelalle

Lausunto koskee muita perusmenoja: muuttokustannukset.

Tilanne: Asiakas asuu yksin vuokra-asunnossa, jonka vuokra on 820 € kuukaudessa.
Tarve: Hän tarvitsee halvemman asunnon. Muuttokulut ovat 350 €.
Suunnitelma: Asiakas muuttaa halvempaan asuntoon 31.1.2027 mennessä.
Lausunto koskee aikaa 1.12.2026–31.1.2027.

Asiakasta on kuultu 20.11.2026, ja hänelle on kerrottu lausunnon sisältö.

Laura Niemi, sosiaalityöntekijä, Pirkanmaan hyvinvointialue, 21.11.2026
"""


def _hits(document: AnalyzedDocument, context: LintContext) -> list[Hit]:
    """Run the justification analysis once per document and keep it on the document."""
    cached = getattr(document, "_justification_hits", None)
    if cached is None:
        from totudocs.lint.justification.case_checks import check_case
        from totudocs.lint.justification.document_checks import check_document
        from totudocs.lint.justification.statement_checks import check_statement_case
        from totudocs.model.decision import Decision
        from totudocs.model.statement import Statement

        if isinstance(context.case, Decision):
            cached = check_case(context.case, context.case_path or document.path, document)
        elif isinstance(context.case, Statement):
            cached = check_statement_case(context.case, context.case_path or document.path)
        else:
            cached = check_document(document)
        document._justification_hits = cached  # type: ignore[attr-defined]
    return cached


def _checker(category: str):
    def check(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
        yield from (h for h in _hits(document, context) if h.category == category)

    return check


def _rule(code: str, category: str, severity: Severity, summary: str, rationale: str,
          source: str, bad: str, good: str = GOOD_DECISION, suggestion: str | None = None,
          case_only: bool = False) -> None:
    register(Rule(
        code=code, name=category.replace(".", "-"), category=category, severity=severity,
        summary=summary, rationale=rationale, source=source, languages=("fi", "sv"),
        bad=(Example(bad, runnable=not case_only),), good=(Example(good, runnable=not case_only),),
        suggestion=suggestion,
        check=_checker(category),
    ))


E, W = Severity.ERROR, Severity.WARNING

_rule("J001", "justification.missing", E,
      "A discretionary, denied, partly granted, capped or reduced item has no justification.",
      "Every decision is justified: which facts affected it and which provisions were applied. "
      "A denial with no reasons leaves the client unable to judge whether to ask for review.",
      "Hallintolaki 45 §; seed 002 (grounds of discretion must show in the decision)",
      "Päätös\n\nEmme myönnä tukea silmälaseihin.\n\nMiten haet oikaisua\n\nVoit hakea oikaisua 30 päivän kuluessa.\n",
      suggestion="Say why: the facts considered and the provision applied.")
_rule("J002", "justification.vague", E,
      "A justification made only of generic formulas, with no case-specific fact.",
      "'Kokonaistilanteen perusteella' or 'harkinnan perusteella' says nothing the client can "
      "check. A justification names the expense, the amount or date and the circumstance; a "
      "generic phrase next to real facts is fine.",
      "Hallintolaki 45 §; Eduskunnan oikeusasiamies; seed 002 lines 1364-1376",
      "Päätös\n\nEmme myönnä tukea.\n\nPerustelut\n\nHakemus hylätään kokonaistilanteen perusteella (TTL 7 c §).\n",
      suggestion="Name the expense, the amount or date, and the circumstance that decided it.")
_rule("J003", "justification.provision-missing", W,
      "The justification cites no provision.",
      "The law requires the provisions applied to be stated; the client and a reviewer need "
      "them to check the decision.",
      "Hallintolaki 45 § 1 mom.",
      "Päätös\n\nEmme myönnä tukea silmälaseihin.\n\nPerustelut\n\nOptikon mukaan nykyiset lasit riittävät, ja ne on hankittu 3.2.2026.\n",
      suggestion="Cite the provision, e.g. 'toimeentulotukilain 7 b §'.")
_rule("J004", "statement.unaddressed", E,
      "A statement was received but the decision does not say whether it was followed.",
      "Kela must take a social-care statement into account; the decision shows how it did.",
      "Toimeentulotukilaki 15 §; seed 002 lines 1325-1329, 1362-1363",
      "Päätös\n\nSaimme sosiaalityöntekijän lausunnon 3.11.2026. Myönnämme tukea 300 €.\n\nPerustelut\n\nTuki on laskettu vuokrasta 820 € (toimeentulotukilain 7 b §).\n")
_rule("J005", "statement.deviation-unjustified", E,
      "A statement was not, or only partly, followed without reasons.",
      "Departing from a statement must be recorded with reasons the client and the "
      "social worker can check.",
      "Toimeentulotukilaki 15 §; Hallintolaki 45 §; seed 002 lines 1325-1329",
      "Päätös\n\nPerustelut\n\nEmme noudattaneet lausuntoa.\n")
_rule("J006", "attachment.unaddressed", W,
      "An attachment was received but the decision does not say how it was taken into account.",
      "Clients send receipts, estimates and certificates; a decision that ignores them "
      "invites a new application or a review.",
      "Hallintolaki 45 §; seed 002 lines 1460-1461",
      "Päätös\n\nLiitteet\n\nHammaslääkärin kustannusarvio 1.12.2026\n")
_rule("J007", "housing-cap.incomplete", E,
      "Housing costs capped without the norm amount, the deadline, or the special grounds.",
      "A cap on housing costs gives the client time to find a cheaper home; they need the "
      "amount accepted, the date and the grounds that were weighed.",
      "Toimeentulotukilaki 7 a §",
      "Päätös\n\nPerustelut\n\nHyväksymme vain kohtuullisen vuokran.\n")
_rule("J008", "reduction.incomplete", E,
      "A reduced basic amount without the percentage, period, hearing or reasonableness.",
      "A reduction needs the client heard, a percentage within the cap, a period and an "
      "assessment that it is reasonable.",
      "Toimeentulotukilaki 10 §, 10 a §",
      "Päätös\n\nPerustelut\n\nAlennamme perusosaasi, koska kieltäydyit työkokeilusta.\n")
_rule("J009", "own-share.missing", E,
      "Part of the support goes to a third party but the bills the client pays are not named.",
      "When Kela pays the landlord directly, clients do not know what they still owe; unpaid "
      "bills turn into debt.",
      "Seed 002 lines 1461-1466",
      "Päätös\n\nMaksamme 250 € vuokranantajalle.\n")
_rule("J010", "next-steps.missing", W,
      "No guidance on what the client should do next.",
      "Clients act on decisions: apply again, look for a home, send a receipt. Say what and by "
      "when.",
      "Seed 002 lines 2826-2830; Hallintolaki 8 § (advice)",
      "Päätös\n\nMyönnämme tukea 300 €.\n")
_rule("J011", "review-instructions.missing", E,
      "No review instructions, or the wrong instrument for the issuer.",
      "A first decision is reviewed by a request for review (oikaisuvaatimus) to Kela or to "
      "the county's body, in writing, within 30 days; an appeal comes only after that.",
      "Hallintolaki 46-49 §; Sosiaalihuoltolaki 50 §",
      "Päätös\n\nMyönnämme tukea 300 €.\n\nValitusosoitus\n\nVoit valittaa hallinto-oikeuteen.\n")
_rule("J012", "contact.missing", W,
      "No contact person on a decision that is not automated.",
      "The decision names a person the client can ask; only automated decisions may omit it.",
      "Hallintolaki 44 §, 53 g §",
      "Päätös\n\nMyönnämme tukea 300 €.\n")
_rule("J019", "decision-maker.missing", E,
      "A decision made by a person that does not name them (case data only, for now).",
      "The client is entitled to know who decided; the Deputy Parliamentary Ombudsman found in "
      "2025 that Kela acted unlawfully when its social assistance decisions stopped naming the "
      "decision-maker. Automated decisions say they are automated instead.",
      "Hallintolaki 44 §, 53 e-g §; Deputy Parliamentary Ombudsman 2025",
      "decision_maker: {name: Mikko Laine, title: etuuskäsittelijä}  # a template that omits it",
      good="decision_maker: {name: Mikko Laine, title: etuuskäsittelijä}  # shown in 'Lisätietoja'",
      case_only=True)
_rule("J020", "calculation.inconsistent", E,
      "Calculation rows that do not add up to their total, or an outcome amount that differs "
      "from the calculation's result.",
      "Errors in the calculation are the most common weakness of basic decisions. A client "
      "checks the rows against their own bills; a total that does not add up, or a granted "
      "amount the calculation does not give, undermines the whole decision.",
      "Seed 002 lines 1409-1425; Hallintolaki 45 §",
      "Päätös\n\nKela myöntää sinulle perustoimeentulotukea 381,45 €.\n\nLaskelma\n\n"
      "Perusosa 598,40 €\nVuokra 695,00 €\nMenot yhteensä 1 293,40 €\n"
      "Asumistuki −303,00 €\nTuki 990,40 €\n",
      good="Päätös\n\nKela myöntää sinulle perustoimeentulotukea 990,40 €.\n\nLaskelma\n\n"
      "Perusosa 598,40 €\nVuokra 695,00 €\nMenot yhteensä 1 293,40 €\n"
      "Asumistuki −303,00 €\nTuki 990,40 €\n",
      suggestion="Recompute the rows and make the outcome grant the calculation's result.")
_rule("J013", "automation.disclosure-missing", E,
      "An automated decision that does not say so (case data only).",
      "The client has the right to know that no person decided the case.",
      "Hallintolaki 53 g §",
      "automated: true  # the rendering lacks 'Tämä on automaattinen päätös'",
      good="automated: true  # rendered with the automation.disclosure phrase", case_only=True)
_rule("J014", "automation.discretion", E,
      "An automated decision with discretion and no recorded human assessment (case data only).",
      "Discretion cannot be automated: a person assesses the case.",
      "Hallintolaki 53 e §",
      "automated: true\ndiscretion: [{id: d1, ...}]\nhuman_assessment: null",
      good="automated: true\ndiscretion: [{id: d1, ...}]\nhuman_assessment: Käsittelijä arvioi ...",
      case_only=True)
_rule("J015", "phrase.irrelevant", W,
      "A stock phrase whose condition the case does not meet (the supplementary-support promise).",
      "The blanket phrase telling every client to apply to the county for supplementary support "
      "was read as a promise. Only phrases relevant to the client's situation belong in a decision.",
      "Seed 002 lines 1466-1487, 2832-2834",
      "Kela\n\nPäätös\n\nMyönnämme sinulle tukea 300 €. Voit hakea täydentävää toimeentulotukea hyvinvointialueelta.\n")
_rule("J016", "statement.incomplete", E,
      "A statement missing a required element for its TTL 15 § category.",
      "Kela can act on a statement only if it names the expense type the law recognises, the "
      "individual need, the circumstances and the period; for housing costs the plan and its "
      "timetable; that the client was heard and informed; and the author, title, organiser and "
      "date.",
      "Toimeentulotukilaki 15 §; Asiakastietolaki 703/2023 38 §; seed 002 lines 1364-1376",
      "Sosiaalihuollon lausunto Kelalle\n\nAsiakas on sosiaalityön asiakas. Kela voisi harkita lisätukea.\n",
      good=GOOD_STATEMENT)
_rule("J017", "statement.vague", E,
      "A statement whose grounds are only generic formulas.",
      "'Kokonaistilanteen perusteella' is not a ground Kela can act on; name the need and the "
      "circumstances.",
      "Seed 002 lines 1364-1376",
      "Sosiaalihuollon lausunto Kelalle\n\nPuollamme muiden perusmenojen hyväksymistä kokonaistilanteen perusteella.\n",
      good=GOOD_STATEMENT)
_rule("J018", "statement.excess-data", W,
      "A statement carrying information outside its category.",
      "A statement tells Kela what it needs for the decision and nothing more: diagnoses, "
      "criminal history or child-protection details rarely belong in it (data minimisation).",
      "EU GDPR art. 5(1)(c); Asiakastietolaki 703/2023",
      "Sosiaalihuollon lausunto Kelalle\n\nAsiakkaalla on diagnoosi F20.0 ja hän on tuomittu vankilaan 2019.\n",
      good=GOOD_STATEMENT)
