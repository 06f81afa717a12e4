"""Plain-language rules for Finnish, built on spaCy morphology and Voikko base forms."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import yaml

from totudocs.lint.engine import DATA_DIR, Hit, LintContext, load_lexicon
from totudocs.lint.findings import Severity
from totudocs.lint.registry import Example, Rule, register
from totudocs.reading import NOT_PROSE
from totudocs.reading.analysis import ABBREVIATIONS, AnalyzedDocument, Sentence, Token
from totudocs.reading.language import analyse

# --- FI101 long sentence ------------------------------------------------------------------


def prose_sentences(document: AnalyzedDocument) -> Iterator[Sentence]:
    """The sentences of prose blocks: headings, fields and table rows are not linted as prose."""
    for sentence in document.sentences:
        if sentence.block.kind not in NOT_PROSE:
            yield sentence


_NEARBY_SENTENCES = 3


def preceding_in_section(sentences: list[Sentence], position: int) -> Iterator[Sentence]:
    """The few sentences before ``sentences[position]`` in its section, nearest first (where
    the passive rules look for an actor named for the same act)."""
    current = sentences[position]
    for earlier in reversed(sentences[max(0, position - _NEARBY_SENTENCES) : position]):
        if earlier.section != current.section:
            return
        yield earlier


def long_sentences(
    document: AnalyzedDocument, context: LintContext, threshold: str
) -> Iterator[Hit]:
    """Sentences with more words than the profile's ``threshold`` (shared by fi and sv)."""
    from totudocs.lint.metrics import is_counted_word

    limit = context.threshold(threshold)
    for sentence in prose_sentences(document):
        # dates, amounts and section numbers are not words a reader has to hold in mind (and
        # the Swedish tokenizer cuts "8.12.2025" into three): the metrics count the same way
        count = sum(1 for token in sentence.words if is_counted_word(token))
        if count > limit:
            yield Hit(
                f"sentence has {count} words (limit {limit:g} in profile {context.profile})",
                sentence.block,
                sentence.start,
                sentence.start + len(sentence.text),
            )


def check_long_sentence(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    return long_sentences(document, context, "sentence_words")


register(
    Rule(
        code="FI101",
        name="long-sentence",
        category="readability.sentence-length",
        severity=Severity.WARNING,
        summary="Sentences longer than the profile allows (25 words in virkakieli, 15 in selko).",
        rationale="Long sentences carry several things at once and readers lose the thread. Kotus "
        "and Selkokeskus advise one thing per sentence; clients read decisions in a hurry and in a "
        "second language.",
        source="Kotus, Virkakielen ohjeita; Selkokeskus, Selkomittari; Hallintolaki 9 §",
        suggestion="Split the sentence: one thing per sentence.",
        bad=(
            Example(
                "Kela myöntää sinulle perustoimeentulotukea joulukuulle, mutta koska vuokrasi on "
                "suurempi kuin kunnassasi hyväksytty kohtuullinen vuokra ja sinulla ei ole "
                "erityistä syytä asua juuri tässä asunnossa, hyväksymme vuokrasta vain "
                "kohtuullisen osan helmikuusta alkaen."
            ),
        ),
        good=(
            Example(
                "Kela myöntää sinulle perustoimeentulotukea joulukuulle. Vuokrasi on suurempi "
                "kuin kunnassasi hyväksytty vuokra."
            ),
        ),
        check=check_long_sentence,
    )
)

# --- FI102 clause-replacing constructions ------------------------------------------------


# Participles that have become adjectives or parts of names: "täydentävä toimeentulotuki",
# "seuraava kuukausi". They name a thing; they replace no clause.
LEXICALISED_PARTICIPLES = frozenset({
    "täydentävä", "ehkäisevä", "seuraava", "kuluva", "tuleva", "jatkuva", "mennyt",
    "voimassaoleva", "asianomainen", "kantava", "vastaava", "kokonainen", "eläkkeensaaja",
})
# Verb forms that have become postpositions or adjectives: "30 päivän kuluessa" (within),
# "lukien" (from), "käytetty" (second-hand).
LEXICALISED_FORMS = frozenset({"kuluessa", "lukien", "koskien", "huolimatta", "käytetty",
                               "käytetyn", "käytettyä", "mukaanlukien", "alkaen", "päättyen"})
_NOT_DEPENDENTS = {"punct", "case", "cc", "mark"}


def _is_construction(sentence: Sentence, token: Token) -> bool:
    morph = token.morph
    readings = token.analyses
    if morph.get("VerbForm") in ("Part", "Inf") and readings and not any(
        r.word_class == "teonsana" or r.participle for r in readings
    ):
        return False  # spaCy's tag, but Voikko knows only a noun: "elatustuen"
    if token.lemma in LEXICALISED_PARTICIPLES or token.text.lower() in LEXICALISED_FORMS:
        return False
    if token.dep == "ROOT" and any(r.word_class == "teonsana" for r in readings):
        return False  # the sentence's own verb ("Menot sisältyvät perusosaan"), not a phrase
    if (
        morph.get("VerbForm") == "Part"
        and morph.get("Voice") == "Pass"
        and morph.get("Case") == "Par"
    ):
        return True  # temporal construction: "hakemuksen saavuttua", "saatuamme"
    if readings and all(r.participle == "agent" for r in readings) and token.text.isalpha():
        return True  # agent participle, which spaCy sometimes tags as finite: "tekemäsi"
    if morph.get("VerbForm") == "Part" and token.dep in ("acl", "advcl", "xcomp"):
        # a participle with no words of its own is an attribute ("maksetut etuudet"), not a
        # clause packed into a phrase ("lokakuun lopussa maksetut etuudet")
        if not any(t.head == token.index and t.dep not in _NOT_DEPENDENTS
                   for t in sentence.tokens):
            return False
        return morph.get("PartForm") in ("Agt", "Past", "Pres")
    if morph.get("VerbForm") == "Inf" and morph.get("InfForm") == "2":
        return True  # tehdessä, tehden (2nd infinitive)
    return bool(morph.get("VerbForm") == "Inf" and morph.get("Case") == "Ins")


def check_constructions(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    limit = context.threshold("constructions")
    for sentence in prose_sentences(document):
        found = [t for t in sentence.tokens if _is_construction(sentence, t)]
        if len(found) >= limit:
            first, last = found[0], found[-1]
            words = ", ".join(t.text for t in found)
            yield Hit(
                f"{len(found)} clause-replacing constructions in one sentence ({words})",
                sentence.block,
                first.start,
                last.end,
            )


register(
    Rule(
        code="FI102",
        name="participle-constructions",
        category="readability.constructions",
        severity=Severity.WARNING,
        summary="Too many participle or infinitive constructions (lauseenvastikkeet) in a sentence.",
        rationale="Constructions such as 'hakemuksen saavuttua' or 'Kelan tekemän päätöksen' pack a "
        "clause into one word form. Two in one sentence make it hard to see who does what; a "
        "subordinate clause with a finite verb is easier.",
        source="Kotus, Virkakielen ohjeita (lauseenvastikkeet); Selkokeskus",
        suggestion="Use a clause with a finite verb: 'kun hakemus tuli', 'päätös, jonka Kela teki'.",
        bad=(
            Example(
                "Asiakkaan esittämät selvitykset huomioiden tukea myönnetään hakemuksessa "
                "mainittuihin menoihin."
            ),
        ),
        good=(
            Example(
                "Otimme huomioon selvitykset, jotka lähetit. Myönnämme tukea menoihin, jotka "
                "mainitsit hakemuksessa."
            ),
        ),
        check=check_constructions,
    )
)

# --- FI103 passive where the outcome is stated ---------------------------------------------

OUTCOME_PREFIXES = (
    "myönne",
    "hylät",
    "hyväksyt",
    "evät",
    "päätet",
    "alennet",
    "makset",
    "perit",
    "korvat",
    "huomioit",
    "hyvitet",
    "jätet",
    "katsot",
)


# Verbs of the authority's own decision: in the past tense too, they hide who decided
# ("lasku hyväksyttiin"). Other outcome verbs in the past report what happened ("päiväraha
# korvattiin 20.11.") where the actor (an employer, another benefit) does not matter.
DECISION_PREFIXES = ("myönne", "hylät", "hyväksyt", "evät", "päätet", "alennet", "jätet")
# Paying and reimbursing hide the authority only when what moves is the support itself
# ("tuki peritään takaisin"), not the client's wages or rent.
PAYMENT_PREFIXES = ("makset", "perit", "korvat", "hyvitet")
# Paying the support into the client's own account is the routine that follows a decision, and
# who pays is plain (a reader judged "tuki maksetaan tilillesi 3.12." clear); paying it to
# someone else ("tuki maksetaan vuokranantajalle") is a decision of its own.
_OWN_ACCOUNT = {"tili", "pankkitili"}
_SUPPORT_WORDS = ("tuki", "tuen", "tukea", "avustu", "maksusitoumu", "korvau", "perusosa")
_SIGNATURE_NOTE = re.compile(r"\b(?:asiakirja|päätös|dokumentti)\w* on \w+ sähköisesti",
                             re.IGNORECASE)
_REPORTED_PROPOSAL = re.compile(
    r"\b(?:ehdott|ehdotta|esitt|suosit|puolt|pyys|pyytä|halua|halusi|toivo)\w*,? "
    r"(?:\w+,? ){0,6}että\b",
    re.IGNORECASE,
)
# "Kelan tietojen mukaan sitä ei ole myönnetty": what a source says happened elsewhere.
_REPORTED_SOURCE = re.compile(
    r"\b(?:tiedo|tieto|ilmoitu|ilmoitta|rekisteri|lausun|todistu|selvity)\w* mukaan\b",
    re.IGNORECASE,
)
# "…ja perusosaasi alennettiin silloin": an earlier decision told as past events.
_EARLIER = re.compile(r"\b(?:silloin|tuolloin|aiemmin|aikaisemmin|edellisessä|viime)\b",
                      re.IGNORECASE)
# "Kirjeellä lähetetyn päätöksen katsotaan tulleen tiedoksi…": the law's presumption of
# receipt, not a decision anyone hides.
_PRESUMPTION = re.compile(
    r"\b(?:tiedoksi|perille|saaduksi|saaneen|tulleen|lähettämi\w*|seitsemänte\w* päivä\w*)\b",
    re.IGNORECASE,
)
# the authority as a named subject: the actor is in the text
_AUTHORITY_SUBJECTS = {"me", "kela", "hyvinvointialue", "kunta", "sosiaalitoimi", "kaupunki"}
# words that tie a sentence to this client's case rather than to the law in general
_CASE_WORDS = {"hakemus", "tämä", "tuo", "siksi", "joten", "sen", "näin", "koska"}


def _names_actor(sentence: Sentence, skip: Token | None = None) -> bool:
    """The authority acts in this sentence in the first person plural or as a named subject
    ("Arvioimme, että…", "Kela katsoo…")."""
    for token in sentence.tokens:
        if token is skip:
            continue
        if (token.morph.get("Person") == "1" and token.morph.get("Number") == "Plur"
                and token.morph.get("VerbForm") == "Fin"):
            return True
        if token.dep.startswith("nsubj") and token.lemma in _AUTHORITY_SUBJECTS:
            return True
    return False


def _actor_named_before(sentences: list[Sentence], position: int, lemma: str) -> bool:
    """The same act, a few sentences earlier in the same section, has its actor named ("Vi
    godkänner läkemedlen." … "Räkningen godkänns."): the passive no longer hides anyone."""
    return any(
        any(t.lemma == lemma and t.morph.get("Voice") != "Pass" for t in earlier.tokens)
        and _names_actor(earlier) for earlier in preceding_in_section(sentences, position))


def _paid_to_someone_else(sentence: Sentence, token: Token) -> bool:
    """The payment names a payee (an allative: Voikko's case, which the tagger sometimes
    misses on a possessive form) other than the client's own account."""
    return any(t.head == token.index and t.lemma not in _OWN_ACCOUNT and (
        t.morph.get("Case") == "All" or any(a.case == "ulkotulento" for a in t.analyses))
        for t in sentence.tokens)


def _generic(sentence: Sentence, token: Token) -> bool:
    """A passive that describes the law in general ("täydentävää toimeentulotukea myönnetään
    erityisiin menoihin"): its object is indefinite (partitive) and nothing in the sentence
    ties it to this client's case."""
    indefinite = any(t.head == token.index and t.dep in ("obj", "nsubj")
                     and t.morph.get("Case") == "Par" for t in sentence.tokens)
    return indefinite and not _about_this_case(sentence)


def _about_this_case(sentence: Sentence) -> bool:
    """A sentence about this client's case: it addresses the client, gives an amount, a date
    or a name, points back to the reasons, negates, or names the application."""
    for token in sentence.tokens:
        morph = token.morph
        if morph.get("Person") == "2" or morph.get("Person[psor]") == "2":
            return True
        if token.pos in ("NUM", "PROPN") or any(ch.isdigit() for ch in token.text):
            return True
        if morph.get("Polarity") == "Neg" or token.lemma in _CASE_WORDS or "€" in token.text:
            return True
    return False


def _in_relative_clause(sentence: Sentence, token: Token) -> bool:
    """"…meno, johon myönnetään tukea": a relative clause describes a kind of thing. Known by
    its relative pronoun (the parser also labels "…, joten tuki myönnetään" a relative clause)."""
    return any(t.head == token.index and t.morph.get("PronType") == "Rel"
               for t in sentence.tokens)


def check_passive_outcome(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    prose = list(prose_sentences(document))
    for position, sentence in enumerate(prose):
        for token in sentence.tokens:
            if token.morph.get("Voice") != "Pass" or token.pos != "VERB":
                continue
            if token.morph.get("VerbForm") == "Part" and not _has_aux(sentence, token):
                continue
            word = token.text.lower()
            if not word.startswith(OUTCOME_PREFIXES):
                continue
            past = token.morph.get("Tense") == "Past" or (
                token.morph.get("VerbForm") == "Part" and not word.startswith(DECISION_PREFIXES))
            if past and not word.startswith(DECISION_PREFIXES):
                continue
            if past and _EARLIER.search(sentence.text):
                continue  # an earlier decision, told as what happened then
            if word.startswith(PAYMENT_PREFIXES) and not any(
                    support in sentence.text.lower() for support in _SUPPORT_WORDS):
                continue
            if word.startswith("makset") and not _paid_to_someone_else(sentence, token):
                continue
            if word.startswith("katsot") and _PRESUMPTION.search(sentence.text):
                continue
            before = sentence.text[: token.start - sentence.start]
            if _REPORTED_PROPOSAL.search(before) or _REPORTED_SOURCE.search(before):
                continue  # a proposal or a source's information reported, not the decision
            if _SIGNATURE_NOTE.search(sentence.text):
                continue  # "Asiakirja on hyväksytty sähköisesti": the signature, not the outcome
            if _in_relative_clause(sentence, token) or _generic(sentence, token):
                continue  # the law or a kind of cost described, not this decision's act
            if _names_actor(sentence, skip=token) or _actor_named_before(
                    prose, position, token.lemma):
                continue  # the actor is in the text
            yield Hit(
                f"passive '{token.text}' hides who decides; name the actor",
                sentence.block,
                token.start,
                token.end,
                suggestion="Name the actor: 'Kela myöntää sinulle…', 'Hylkäämme…'.",
            )


def _has_aux(sentence: Sentence, token: Token) -> bool:
    return any(t.head == token.index and t.pos == "AUX" for t in sentence.tokens)


register(
    Rule(
        code="FI103",
        name="passive-outcome",
        category="readability.passive",
        severity=Severity.WARNING,
        summary="The outcome is stated in the passive, so the client cannot see who decided.",
        rationale="'Sinulle on myönnetty' and 'hakemus hylätään' hide the decision-maker. Kotus "
        "advises active voice with a named actor in decisions: 'Kela myöntää sinulle…'. Not "
        "reported where the passive hides no one: the law described in general, the routine "
        "payment into the client's account, an earlier decision told as past events, a "
        "source's information, or an act whose actor the sentence or the sentences just "
        "before name.",
        source="Kotus, Virkakielen ohjeita (passiivi); Hallintolaki 9 §",
        suggestion="Name the actor: 'Kela myöntää sinulle…'.",
        bad=(
            Example("Sinulle on myönnetty perustoimeentulotukea joulukuulle."),
            Example("Hakemus hylätään, koska tulot riittävät menoihin."),
        ),
        good=(
            Example("Kela myöntää sinulle perustoimeentulotukea joulukuulle."),
            Example("Hylkäämme hakemuksen, koska tulosi riittävät menoihin."),
        ),
        check=check_passive_outcome,
    )
)

# --- FI104 nominal style -------------------------------------------------------------------


_OBJECT_CASES = frozenset({"Nom", "Gen", "Acc", "Par"})


def active_past_participles(verb: str) -> set[str]:
    """'suorittaa' -> {'suorittanut', 'suorittaneet'}; 'tehdä' -> {'tehnyt', 'tehneet'}: the
    forms of the perfect and pluperfect ('Kela on suorittanut tarkistuksen'), which Voikko reads
    as adjectives with their own base form. Regular by verb type."""
    back = not any(vowel in verb for vowel in "äöy")
    nut, neet = ("nut", "neet") if back else ("nyt", "neet")
    if verb.endswith(("da", "dä")):  # type 2: saada, tehdä, käydä
        stem = verb[:-2]
        return {stem + nut, stem + neet}
    if len(verb) > 3 and verb[-2] in "lnr" and verb[-3] == verb[-2]:  # type 3: tulla, mennä
        stem, consonant = verb[:-3], verb[-2]
        return {stem + consonant + consonant + nut[1:], stem + consonant + consonant + "eet"}
    if verb.endswith(("sta", "stä")):  # nousta -> noussut
        stem = verb[:-3]
        return {stem + "ss" + nut[1:], stem + "sseet"}
    if verb.endswith(("ata", "ätä", "ota", "ötä", "uta", "ytä")):  # type 4: haluta -> halunnut
        stem = verb[:-2]
        return {stem + "n" + nut, stem + "n" + neet}
    stem = verb[:-1]  # type 1: suorittaa, antaa
    return {stem + nut, stem + neet}


def check_nominal_style(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    lexicon = load_lexicon("nominal_style", context)
    participles = {form: verb for verb in lexicon for form in active_past_participles(verb)}
    for sentence in prose_sentences(document):
        tokens = sentence.tokens
        for index, token in enumerate(tokens):
            if token.pos not in ("VERB", "AUX", "ADJ"):
                continue
            nouns = lexicon.get(token.lemma) or lexicon.get(
                participles.get(token.text.lower(), "")
            )
            if not nouns:
                continue
            for other in tokens[index + 1 : index + 4]:
                # the noun must be the verb's object: 'tehdä päätös', not an adverbial such as
                # 'tehdä jotain asunnon löytämiseksi' (translative: in order to find)
                if other.pos != "NOUN" or other.morph.get("Case", "Nom") not in _OBJECT_CASES:
                    continue
                plain = nouns.get(other.lemma)
                if plain is None and "*" in nouns and other.morph.get("Derivation") == "Minen":
                    plain = nouns["*"]
                if plain is not None:
                    yield Hit(
                        f"nominal style '{token.text} {other.text}': use the verb",
                        sentence.block,
                        token.start,
                        other.end,
                        suggestion=f"Use the verb: {plain}.",
                    )
                    break


register(
    Rule(
        code="FI104",
        name="nominal-style",
        category="readability.nominal-style",
        severity=Severity.WARNING,
        summary="A general verb with a verb-derived noun ('suorittaa tarkistuksen') instead of a verb.",
        rationale="Nominal style makes text heavy and abstract: 'Kela suorittaa tarkistuksen' says "
        "'Kela tarkistaa' in more words. The pairs are kept as data (nominal_style.yaml).",
        source="Kotus, Virkakielen ohjeita (substantiivitauti)",
        suggestion="Use the verb itself.",
        bad=(
            Example("Kela suorittaa tarkistuksen ennen kuin maksamme tuen."),
            Example("Teemme päätöksen viikon kuluessa."),
        ),
        good=(
            Example("Kela tarkistaa tiedot ennen kuin maksamme tuen."),
            Example("Päätämme asiasta viikon kuluessa."),
        ),
        check=check_nominal_style,
    )
)

# --- FI105 genitive chains -----------------------------------------------------------------


def check_genitive_chain(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    limit = context.threshold("genitive_chain")
    for sentence in prose_sentences(document):
        run: list[Token] = []
        for token in [*sentence.tokens, None]:
            # a chain: each genitive modifies the next word ("hakijan -> puolison -> tulojen")
            linked = not run or run[-1].head == (token.index if token else -2)
            if (
                token is not None
                and linked
                and token.morph.get("Case") == "Gen"
                and token.pos in ("NOUN", "PROPN", "ADJ")
            ):
                run.append(token)
                continue
            nouns = [t for t in run if t.pos != "ADJ"]
            is_name = any(t.text[:1].isupper() for t in run)  # "Pohjois-Savon hyvinvointialueen"
            if len(nouns) >= limit and not is_name:
                yield Hit(
                    f"chain of {len(nouns)} genitives ('{' '.join(t.text for t in run)}')",
                    sentence.block,
                    run[0].start,
                    run[-1].end,
                    suggestion="Break the chain: say whose and what in separate phrases.",
                )
            run = []


register(
    Rule(
        code="FI105",
        name="genitive-chain",
        category="readability.genitive-chain",
        severity=Severity.INFO,
        summary="Long chains of genitive modifiers ('hakijan puolison tulojen selvityksen').",
        rationale="Each genitive adds a level the reader must hold in mind before reaching the head "
        "word. Three or more in a row are hard to follow (two in selko).",
        source="Kotus, Virkakielen ohjeita (genetiiviketjut)",
        suggestion="Break the chain: say whose and what in separate phrases.",
        bad=(Example("Tarvitsemme hakijan puolison tulojen selvityksen."),),
        good=(Example("Tarvitsemme selvityksen puolisosi tuloista."),),
        check=check_genitive_chain,
    )
)

# --- FI106 long compounds ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _domain_compounds() -> tuple[tuple[str, int], ...]:
    words = yaml.safe_load((DATA_DIR / "compounds_fi.yaml").read_text(encoding="utf-8")) or []
    result = []
    for word in words:
        readings = analyse(word)
        result.append((word, readings[0].parts if readings else 1))
    return tuple(result)


def compound_parts(word: str) -> int:
    readings = analyse(word)
    if not readings:
        return 1
    # the reading with the fewest parts: Voikko also offers over-segmented ones
    # ("kokonaistila" + "teesi" beside "kokonaistilanne" + possessive suffix)
    reading = min(readings, key=lambda r: r.parts)
    base = reading.baseform.lower()
    parts = reading.parts
    for term, term_parts in _domain_compounds():
        if term in base and term_parts > 1:
            parts -= term_parts - 1  # a domain compound the client knows counts as one part
    return max(parts, 1)


# the head of a statute's name: "tuomioistuinmaksulaki" is the law's name and cannot be opened
_STATUTE_HEADS = {"laki", "asetus", "säädös"}


def _statute_name(word: str) -> bool:
    return any(r.compound and r.compound[-1] in _STATUTE_HEADS for r in analyse(word))


def check_long_compound(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    limit = context.threshold("compound_parts")
    for sentence in prose_sentences(document):
        for position, token in enumerate(sentence.words):
            if len(token.text) < 12 or not token.text.isalpha():
                continue
            if position and token.text[0].isupper():
                continue  # a name inside the sentence ("Ylioppilaskyläsäätiö"): not ours to open
            parts = compound_parts(token.text)
            if parts >= limit and not _statute_name(token.text):
                yield Hit(
                    f"compound '{token.text}' has {parts} parts",
                    sentence.block,
                    token.start,
                    token.end,
                    suggestion="Open the compound into a phrase: 'tuki, jota haet vuokraan'.",
                )


register(
    Rule(
        code="FI106",
        name="long-compound",
        category="readability.compound",
        severity=Severity.WARNING,
        summary="Compounds with many parts (4 in virkakieli, 3 in selko), domain words counted as one.",
        rationale="Long compounds such as 'asumismenojenkohtuullistamisaika' must be decoded part by "
        "part. Domain compounds every client meets (toimeentulotuki, asumistuki) count as one part; "
        "the list is data (compounds_fi.yaml).",
        source="Kotus, Virkakielen ohjeita (yhdyssanat); Selkokeskus",
        suggestion="Open the compound into a phrase.",
        bad=(Example("Hakemukseen tarvitaan vuokrasopimusmuutosilmoituslomake."),),
        good=(
            Example("Lähetä meille uusi vuokrasopimus. Perustoimeentulotukipäätös tulee postissa."),
        ),
        check=check_long_compound,
    )
)

# --- FI107 jargon --------------------------------------------------------------------------


def check_jargon(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    lexicon = load_lexicon("jargon_fi", context)
    phrases = {k: v for k, v in lexicon.items() if " " in k}
    for sentence in prose_sentences(document):
        for token in sentence.words:
            entry = lexicon.get(token.lemma) or lexicon.get(token.text.lower())
            if entry is None and token.morph.get("VerbForm") == "Part":
                entry = _participle_entry(token.lemma, lexicon)
            if entry:
                yield Hit(
                    f"officialese '{token.text}'",
                    sentence.block,
                    token.start,
                    token.end,
                    suggestion=f"Plain alternative: {entry['plain']}.",
                )
        lowered = sentence.text.lower()
        for phrase, entry in phrases.items():
            position = lowered.find(phrase)
            if position >= 0:
                start = sentence.start + position
                yield Hit(
                    f"officialese '{sentence.text[position : position + len(phrase)]}'",
                    sentence.block,
                    start,
                    start + len(phrase),
                    suggestion=f"Plain alternative: {entry['plain']}.",
                )


def _participle_entry(lemma: str, lexicon: dict) -> dict | None:
    # Voikko gives participles their own base form ('huomioitu'); match the verb's stem instead.
    for key, entry in lexicon.items():
        if key.endswith(("a", "ä")) and len(key) > 6 and lemma.startswith(key[:-2]):
            return entry
    return None


register(
    Rule(
        code="FI107",
        name="jargon",
        category="readability.jargon",
        severity=Severity.WARNING,
        summary="Officialese words with a plain alternative, matched on the base form.",
        rationale="Words such as 'mikäli', 'huomioida' or 'etuus' are officialese; everyday words "
        "say the same. Matching on Voikko's base form catches every inflected form ('mikäli', "
        "'huomioitu', 'huomioidaan'). The list is data that an organisation can extend.",
        source="Kotus, Virkakielen ohjeita; Asiakastietolaki 703/2023 19 §",
        suggestion="Use the plain alternative.",
        bad=(
            Example("Mikäli tulosi muuttuvat, ilmoita siitä meille."),
            Example("Tulot on huomioitu laskelmassa."),
        ),
        good=(Example("Jos tulosi muuttuvat, ilmoita siitä meille."),),
        check=check_jargon,
    )
)

# --- FI108 abbreviations -------------------------------------------------------------------

_ACRONYM = re.compile(r"^[A-ZÅÄÖ]{2,6}$")
# Chapter and item numbers ("IV luku", "kapitel XII") are Roman numerals, not acronyms. Only I, V
# and X count: 'CV', 'MD' and 'DC' are more often acronyms than numbers in these documents.
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")


# the legal forms that end an organisation's name: 'Rovaniemen VTA Oy', 'FC Itä-Helsinki ry'
_NAME_FORMS = {"oy", "oyj", "ab", "abp", "ry", "rf", "ky", "kb", "tmi", "osk", "ltd", "gmbh"}


def _in_a_name(words: list[Token], index: int) -> bool:
    """An acronym that is part of an organisation's name: a legal form follows, or a
    capitalised word does ('FC Honka', 'IF Sibbo'); or a postal area after its postal code
    ('90029 OYS'). A name is written as its owner writes it."""
    if index and re.fullmatch(r"\d{5}", words[index - 1].text):
        return True
    following = [w.text.split(":")[0] for w in words[index + 1 : index + 4]]
    if _NAME_FORMS.intersection(w.lower() for w in following):
        return True
    return bool(following) and following[0][:1].isupper() and not following[0].isupper()


def _lexicalised_compound(word: str, language: str) -> bool:
    """'SIM-kortti', 'USB-tikku', 'MS-tauti': the dictionary knows the whole compound, so its
    acronym is part of the general vocabulary."""
    if language != "fi" or "-" not in word:
        return False
    first = word.split("-")[0].lower()
    return any("-" in a.baseform and a.baseform.split("-")[0].lower() == first
               for a in analyse(word))


def check_abbreviations(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    lexicon = load_lexicon("abbreviations", context)
    # The internal shorthand list is Finnish ('ko.', 'ms', 'totu'); in Swedish 'ko' is a cow.
    internal = (
        {k.lower().rstrip("."): v for k, v in lexicon.get("internal", {}).items()}
        if document.language == "fi"
        else {}
    )
    known = {k.upper() for k in lexicon.get("known", [])}
    full_text = " ".join(b.text for b in document.blocks)
    for sentence in prose_sentences(document):
        # A line set in capitals ("PÄÄTÖS TOIMEENTULOTUESTA", "BESLUT OM UTKOMSTSTÖD") is a
        # heading or title typed in upper case: its words are words, not acronyms.
        capitalised = _capitalised(sentence.words)
        words = sentence.words
        for index, token in enumerate(words):
            bare = token.text.rstrip(".")
            stem = bare.split("-")[0].split(":")[0]
            key = _internal_key(bare.lower(), internal)
            if key:
                end = token.end
                if bare.lower() in ABBREVIATIONS and sentence.block.text[end : end + 1] == ".":
                    end += 1  # 'ko.' as written, when the tokenizer split off its full stop
                yield Hit(
                    f"internal abbreviation '{sentence.block.text[token.start : end]}'",
                    sentence.block,
                    token.start,
                    end,
                    suggestion=f"Write it out: {internal[key]}.",
                )
                continue
            compound = _internal_in_compound(bare, internal)
            if compound:
                offset, part, key = compound
                yield Hit(
                    f"internal abbreviation '{part}' in '{bare}'",
                    sentence.block,
                    token.start + offset,
                    token.start + offset + len(part),
                    suggestion=f"Write it out: {internal[key]}.",
                )
            elif (
                _ACRONYM.match(stem)
                and not _ROMAN.match(stem)
                and stem not in known
                and not capitalised
                and not _IDENTIFIER.match(sentence.block.text[token.start : token.start + 40])
                and not _ordinary_word_in_capitals(stem, document.language)
                and not ("-" in bare and bare.isupper()
                         and _ordinary_word_in_capitals(bare, document.language))
                and not _explained(stem, full_text)
                and not _in_a_name(words, index)
                and not _lexicalised_compound(bare, document.language)
            ):
                yield Hit(
                    f"abbreviation '{stem}' is not explained",
                    sentence.block,
                    token.start,
                    token.start + len(stem),
                    suggestion=f"Explain it at first use: '{stem} (…)' or write it out.",
                )


# A case or record number ("TT-2026-0420554", "ÖNVO/UTK/2026/2271"), matched in the text as
# written (the tokenizer splits at "/"): a code, not an abbreviation a reader needs explained.
_IDENTIFIER = re.compile(r"^[A-ZÅÄÖ]{2,6}(?:[-/][A-ZÅÄÖ0-9]+)*[-/][0-9]{2,}")


def _capitalised(words: list[Token]) -> bool:
    """Most words of the sentence are in capitals: a line typed in upper case."""
    alphabetic = [t.text for t in words if t.text.isalpha()]
    if len(alphabetic) < 2:
        return False
    return sum(w.isupper() for w in alphabetic) / len(alphabetic) >= 0.6


def _ordinary_word_in_capitals(stem: str, language: str) -> bool:
    """'PÄÄTÖS', 'BESLUT': a word of the language written in capitals, not an acronym. Only for
    four letters or more: short acronyms ('TE', 'ELY') often spell a short word as well."""
    if len(stem) < 4:
        return False
    if language == "fi":
        return any(r.word_class not in ("lyhenne", "") for r in analyse(stem.lower()))
    from totudocs.reading.language_id import frequency

    return frequency(stem.lower(), language) >= 1e-6


_CASE_ENDING = r"(?::?(?:n|a|ä|ta|tä|ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|ksi|an|hin|ään))?"


_SHORT_KEY = 3  # 'ms', 'ko', 'yht': inflected only with a colon ('ms:n'), never 'yhtä' or 'kota'
_COLON_ENDING = _CASE_ENDING.replace(":?", ":", 1)


def _internal_key(word: str, internal: dict[str, str]) -> str | None:
    """The internal abbreviation behind ``word``, also inflected: 'totua', 'ms:n'.

    Short abbreviations take a case ending only after a colon, as Finnish writes them; without
    one, 'yht' + 'ä' or 'ko' + 'ta' are everyday words ('yhtä', 'kota'), not abbreviations.
    """
    keys = tuple(internal)
    match = _internal_pattern(keys).fullmatch(word)
    return keys[int(match.lastgroup[1:])] if match and match.lastgroup else None


@lru_cache(maxsize=8)
def _internal_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the whole list (a word is matched once, not once per abbreviation); a
    group named by its key's position (k0, k1, …) tells which one matched."""
    alternatives = []
    for index, key in enumerate(keys):
        ending = _CASE_ENDING if len(key) > _SHORT_KEY else _COLON_ENDING
        alternatives.append(f"(?P<k{index}>{re.escape(key)}){ending}")
    return re.compile("|".join(f"(?:{a})" for a in alternatives) or "(?!)")


_COMPOUND_PART = re.compile(r"[^-–‐]+")


def _internal_in_compound(word: str, internal: dict[str, str]) -> tuple[int, str, str] | None:
    """An internal abbreviation as a part of a hyphenated compound: 'totu-käsittelyssä',
    'asiakas-totun'. Returns (offset in word, the part, its lexicon key). A part in capitals is
    an acronym ('TT-kuvaus', 'MS-tauti') and is left to the acronym check."""
    if not any(dash in word for dash in "-–‐"):
        return None
    for part in _COMPOUND_PART.finditer(word):
        if part.group().isupper():
            continue
        key = _internal_key(part.group().lower(), internal)
        if key:
            return part.start(), part.group(), key
    return None


def _explained(acronym: str, text: str) -> bool:
    return f"({acronym})" in text or re.search(rf"\b{re.escape(acronym)} \(", text) is not None


register(
    Rule(
        code="FI108",
        name="abbreviation",
        category="readability.abbreviation",
        severity=Severity.ERROR,
        summary="Internal abbreviations (totu, perustotu, ms, ko., ao.) and unexplained acronyms.",
        rationale="Clients do not know the authority's internal shorthand; the law requires "
        "generally known concepts and abbreviations in client documents. An acronym is fine once "
        "explained in parentheses.",
        source="Asiakastietolaki 703/2023 19 §; Kotus, Virkakielen ohjeita (lyhenteet)",
        suggestion="Write the word out.",
        bad=(
            Example("Perustotu myönnetään ko. kuukaudelle."),
            Example("Hakemuksesi on totu-käsittelyssä."),
            Example("Lähetä selvitys STM:n ohjeen mukaan."),
        ),
        good=(
            Example(
                "Lähetä selvitys sosiaali- ja terveysministeriön (STM) ohjeen mukaan. "
                "STM:n ohje on liitteenä."
            ),
        ),
        check=check_abbreviations,
    )
)

# --- FI109 double negation -----------------------------------------------------------------


# -ton/-tön words whose meaning is not a negation ("välttämätön" = necessary)
LEXICALISED_TON = {"välttämätön", "maksuton", "langaton", "viaton", "tuloton"}


def _negative_word(token: Token) -> bool:
    if token.lemma in LEXICALISED_TON:
        return False
    if token.morph.get("Derivation") == "Ton":
        return True
    text = token.text.lower()
    if token.lemma.startswith("epä") and token.pos in ("ADJ", "NOUN", "ADV"):
        return True
    return bool(token.pos in ("VERB", "ADV") and re.search(r"(m|)m[aä]tt[aä]$", text))


def check_double_negation(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    for sentence in prose_sentences(document):
        tokens = sentence.tokens
        for index, token in enumerate(tokens):
            if token.morph.get("Polarity") != "Neg":
                continue
            for other in tokens[index + 1 : index + 5]:
                # an attribute ("laktoositon ruokavalio", "maksuton palvelu") describes a thing;
                # only a negative predicate ("ei ole mahdotonta") must be cancelled out
                if _negative_word(other) and other.dep != "amod":
                    yield Hit(
                        f"double negation '{token.text} … {other.text}'",
                        sentence.block,
                        token.start,
                        other.end,
                        suggestion="Say it positively: 'on mahdollista', 'otimme huomioon'.",
                    )
                    break


register(
    Rule(
        code="FI109",
        name="double-negation",
        category="readability.double-negation",
        severity=Severity.WARNING,
        summary="Two negatives that the reader must cancel out ('ei ole mahdotonta').",
        rationale="'Ei ole mahdotonta' and 'ei jäänyt huomioimatta' make the reader compute the "
        "meaning. Say it positively.",
        source="Kotus, Virkakielen ohjeita; Selkokeskus",
        suggestion="Say it positively.",
        bad=(
            Example("Ei ole mahdotonta, että tukea myönnetään myöhemmin."),
            Example("Tulosi eivät jääneet huomioimatta."),
        ),
        good=(Example("Voit saada tukea myöhemmin."), Example("Otimme tulosi huomioon.")),
        check=check_double_negation,
    )
)

# --- FI110 inconsistent form of address ----------------------------------------------------


SINA = {"sinä", "sinun", "sinulle", "sinua", "sinulla", "sinulta", "sinut", "sinusta", "sinuun"}
TE = {"te", "teidän", "teille", "teitä", "teillä", "teiltä", "teidät", "teistä", "teihin"}


def _address(token: Token) -> str | None:
    lowered = token.text.lower()
    if lowered in SINA:
        return "sinä"
    if lowered in TE:
        return "te"
    possessives = {r.possessive for r in token.analyses}
    if possessives == {"2s"}:
        return "sinä"
    if possessives == {"2p"}:
        return "te"
    imperative = token.morph.get("Mood") == "Imp" or (
        token.index == 0 and any(r.mood == "imperative" for r in token.analyses))
    if imperative and token.text.isalpha():
        # Voikko before spaCy's tag: "Hakekaa" is plural, "Hae" singular
        return "te" if lowered.endswith(("kaa", "kää")) else "sinä"
    morph = token.morph
    person, number = morph.get("Person"), morph.get("Number")
    psor_person, psor_number = morph.get("Person[psor]"), morph.get("Number[psor]")
    if psor_person and possessives and None in possessives:
        psor_person = None  # Voikko also reads it without a suffix: "kokonaistilanne" is a noun
    if (person == "2" and number == "Sing") or (psor_person == "2" and psor_number == "Sing"):
        return "sinä"
    if (person == "2" and number == "Plur") or (psor_person == "2" and psor_number == "Plur"):
        return "te"
    if token.lemma == "hakija":
        return "hakija"
    return None


# Words that make a plural 'te' genuine: the client and someone else ("Teette yhdessä
# suunnitelman" = you and the social worker), not a polite form of address.
TOGETHER = {"yhdessä", "molemmat", "kumpikin", "keskenänne", "perheenne", "perheellänne",
            "perheellenne", "kotonanne", "kotiinne", "taloutenne", "taloudessanne", "lapsenne",
            "lapsianne", "lastenne"}  # the household, not a polite "you"


def _genuine_plural(sentence: Sentence) -> bool:
    return any(token.text.lower() in TOGETHER for token in sentence.tokens)


def check_address(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    uses = [
        (s, t, form)
        for s in prose_sentences(document)
        for t in s.tokens
        if (form := _address(t)) and not (form == "te" and _genuine_plural(s))
        # "tuen maksaminen muulle kuin hakijalle" in a cited provision is the law's term
        and not (form == "hakija" and "§" in s.text)
    ]
    counts = Counter(form for _s, _t, form in uses)
    if len(counts) < 2:
        return
    dominant = counts.most_common(1)[0][0]
    for sentence, token, form in uses:
        if form != dominant:
            yield Hit(
                f"the client is addressed as '{dominant}' ({counts[dominant]}×) but here as "
                f"'{form}'",
                sentence.block,
                token.start,
                token.end,
                suggestion=f"Address the client the same way throughout ('{dominant}').",
            )


register(
    Rule(
        code="FI110",
        name="inconsistent-address",
        category="readability.address",
        severity=Severity.WARNING,
        summary="The document mixes forms of address: sinä, te and 'hakija'.",
        rationale="A decision speaks to one client. Switching between 'sinä', 'te' and 'hakija' "
        "makes the reader wonder who is meant. Kela and most counties use 'sinä'.",
        source="Kotus, Virkakielen ohjeita (puhuttelu)",
        suggestion="Choose one form of address.",
        bad=(
            Example(
                "Myönnämme sinulle tukea. Hakija voi hakea oikaisua. Teidän tulee ilmoittaa "
                "muutoksista."
            ),
        ),
        good=(Example("Myönnämme sinulle tukea. Voit hakea oikaisua. Ilmoita muutoksista."),),
        check=check_address,
    )
)

# --- FI111 rare case forms -----------------------------------------------------------------

RARE_CASES = {"seuranto": "comitative", "vajanto": "abessive"}
# A form this frequent in general Finnish (wordfreq) has become a word of its own.
_EVERYDAY_FREQUENCY = 3e-6


def check_rare_case(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    from totudocs.reading.language_id import frequency

    for sentence in prose_sentences(document):
        for token in sentence.words:
            if token.pos not in ("NOUN", "ADJ", "PROPN") or not token.text.isalpha():
                continue
            readings = token.analyses
            if not readings or any(r.word_class == "teonsana" or r.participle for r in readings):
                continue
            if frequency(token.text.lower(), "fi") >= _EVERYDAY_FREQUENCY:
                continue  # "maksutta", "huomiotta": everyday adverbs, not a rare case
            if all(r.case in RARE_CASES for r in readings):
                case = RARE_CASES[readings[0].case or ""]
                yield Hit(
                    f"rare case form '{token.text}' ({case})",
                    sentence.block,
                    token.start,
                    token.end,
                    suggestion="Use a common structure: 'perustelujen kanssa', 'ilman tavoitetta'.",
                )


register(
    Rule(
        code="FI111",
        name="rare-case",
        category="readability.rare-case",
        severity=Severity.INFO,
        summary="Rare case forms: comitative ('perusteluineen') and abessive ('tavoitteetta').",
        rationale="The comitative and abessive are rare in everyday Finnish and hard for readers of "
        "Finnish as a second language. 'Perustelujen kanssa' and 'ilman tavoitetta' say the same.",
        source="Selkokeskus, Selkokielen mittari; Kotus",
        suggestion="Use 'kanssa' or 'ilman'.",
        bad=(
            Example("Päätös lähetetään sinulle perusteluineen."),
            Example("Suunnitelma jäi tavoitteetta."),
        ),
        good=(
            Example("Lähetämme päätöksen ja perustelut sinulle."),
            Example("Suunnitelmassa ei ollut tavoitetta."),
        ),
        check=check_rare_case,
    )
)
