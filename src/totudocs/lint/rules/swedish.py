"""Plain-language rules for Swedish, on a light regex pipeline (no Swedish spaCy model on PyPI)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from totudocs.lint.engine import Hit, LintContext, load_lexicon
from totudocs.lint.findings import Severity
from totudocs.lint.registry import Example, Rule, register
from totudocs.lint.rules.finnish import (
    check_abbreviations,
    long_sentences,
    preceding_in_section,
    prose_sentences,
)
from totudocs.reading.analysis import AnalyzedDocument, Sentence

LANG = ("sv",)


def check_long_sentence_sv(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    return long_sentences(document, context, "sentence_words_sv")


register(
    Rule(
        code="SV101",
        name="long-sentence-sv",
        category="readability.sentence-length",
        severity=Severity.WARNING,
        languages=LANG,
        summary="Swedish sentences longer than the profile allows.",
        rationale="Språkrådet's advice for plain Swedish (klarspråk): one thing per sentence; long "
        "sentences raise LIX and lose readers.",
        source="Språkrådet, Myndigheternas skrivregler; Klarspråkslagen (språklagen 11 §)",
        suggestion="Split the sentence.",
        bad=(
            Example(
                "FPA beviljar dig grundläggande utkomststöd för december, men eftersom din hyra "
                "är högre än den skäliga hyran i din kommun och du inte har något särskilt skäl "
                "att bo kvar i bostaden godkänner vi bara en del av hyran från februari.",
                "sv",
            ),
        ),
        good=(
            Example(
                "FPA beviljar dig grundläggande utkomststöd för december. Din hyra är högre än "
                "den skäliga hyran i din kommun.",
                "sv",
            ),
        ),
        check=check_long_sentence_sv,
    )
)

# Verbs in -s that are not passives (deponents and reciprocals), and common non-verbs in -s.
NOT_PASSIVE = {
    "finns",
    "ändras",
    "ändrats",
    "ändrades",
    "fanns",
    "kallas",
    "kallades",
    "funnits",
    "hoppas",
    "lyckas",
    "lyckades",
    "minns",
    "trivs",
    "andas",
    "kräks",
    "låtsas",
    "svettas",
    "syns",
    "synes",
    "hörs",
    "träffas",
    "ses",
    "möts",
    "behövs",
    "behövdes",
    "måste",
    "töms",
    "skämts",
    "åldras",
    "kurs",
    "plats",
    "platsens",
    "hus",
    "glas",
    "gas",
    "fas",
    "bas",
    "elias",
    "jonas",
    "tomas",
    "lukas",
    "matias",
    "andreas",
    "nils",
    "hans",
    "lars",
    "mats",
    "klaus",
    "status",
    "bonus",
    "minus",
    "plus",
    "virus",
    "fokus",
    "kvitts",
    "tills",
    "mestadels",
    "delvis",
    "annars",
    "ännu",
    "ungefärs",
    "dags",
    "aldrig",
    "hemifrån",
}
_S_PASSIVE = re.compile(r"^[a-zåäö]{3,}(as|ats|ades|es|s)$")
# Decision verbs whose s-passive does not end in -as: avslås, godkänns, ersätts, sänks.
DECISION_STEMS = ("avslå", "godkän", "ersätt", "sänk", "gjord", "mottag", "återkräv", "prövat",
                  "bevilja", "beslut", "beakta", "avgjor", "räkna")
# What the authority does and what the client is told to do: the s-passives that hide an actor
# the reader needs ("stödet betalas", "begäran ska göras skriftligt").
ACTION_STEMS = ("betala", "utbetal", "skicka", "sänd", "gör", "lämna", "ansök", "begär",
                "behandla", "fatta", "krä", "återbetal", "hör")
# Past and perfect forms report what happened; only the authority's own decision verbs
# (DECISION_STEMS) hide the decision-maker there.
_REPORTED_ENDINGS = ("ades", "des", "tes", "ats", "its", "tts", "ddes")
_MIN_FREQUENCY = 1e-7
_REPORTED_PROPOSAL = re.compile(
    r"\b(?:föreslå\w*|förord\w*|begär\w*|anser|bett|ber|bad|önska\w*|vill)\b[^.]*\batt\b|"
    r"\bom (?:\w+ ){1,4}(?:ska|skall|kan|bör)\s*$",  # "meddela om stödet ska betalas…"
    re.IGNORECASE)


def _is_verb_form(word: str) -> bool:
    """The word without its -s is a Swedish word ("betalas" -> "betala", "skickades" ->
    "skickade"); names and nouns ending in -s are not ("Tobias", "basglas")."""
    from totudocs.reading.language_id import frequency

    return frequency(word[:-1], "sv") >= _MIN_FREQUENCY
_AUX = {
    "kan",
    "ska",
    "skall",
    "måste",
    "bör",
    "får",
    "kunde",
    "skulle",
    "har",
    "hade",
    "kommer",
    "blir",
    "inte",
    "att",
}


# the authority acting in the text: "vi", or its name
_ACTORS = {"vi", "fpa", "kela", "kommunen", "välfärdsområdet", "socialtjänsten", "staden"}
# advice and recommendation ("bör räknas som…"), not the authority's decision
_ADVICE = {"bör", "borde"}
# the client's own account: paying the support there is routine, and who pays is plain (a reader
# judged "stödet betalas till ditt konto 3.12." clear); paying someone else is a decision
_OWN_ACCOUNT = {"konto", "kontot", "bankkonto", "ditt", "din", "dig", "ert", "er"}


def _payment_to_someone_else(words: list, index: int) -> bool:
    following = [w.text.lower() for w in words[index + 1 : index + 5]]
    if "till" not in following:
        return False
    payee = following[following.index("till") + 1 :]
    return bool(payee) and payee[0] not in _OWN_ACCOUNT


def _stem_of(text: str) -> str | None:
    return next((stem for stem in DECISION_STEMS + ACTION_STEMS if text.startswith(stem)), None)


def _actor_named_before(sentences: list[Sentence], position: int, stem: str) -> bool:
    """The same act, a few sentences earlier in the same section, has its actor named ("Vi
    godkänner läkemedlen." … "Räkningen godkänns."): the passive no longer hides anyone."""
    for earlier in preceding_in_section(sentences, position):
        words = [w.text.lower() for w in earlier.words]
        if _ACTORS.intersection(words) and any(
                w.startswith(stem) and not w.endswith("s") for w in words):
            return True
    return False


def check_s_passive(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    prose = list(prose_sentences(document))
    for position, sentence in enumerate(prose):
        words = sentence.words
        lowered = [w.text.lower() for w in words]
        for index, token in enumerate(words):
            text = token.text.lower()
            if text in NOT_PASSIVE or text.endswith("plats") or not _S_PASSIVE.match(text):
                continue
            if token.text[0].isupper():
                continue  # a name ("Jonas", "Julias lön"); a verb seldom opens a statement
            previous = words[index - 1].text.lower() if index else ""
            # -as/-ats/-ades are verb endings; a bare -s needs a modal or auxiliary before it
            decision_verb = text.startswith(DECISION_STEMS)
            if not decision_verb and not _is_verb_form(text):
                continue  # "Tobias", "deras", "basglas": no verb without its -s
            if not text.startswith(DECISION_STEMS + ACTION_STEMS):
                continue  # "huset ska renoveras": someone else's act, the actor does not matter
            if not decision_verb and text.endswith(_REPORTED_ENDINGS):
                continue  # "lönen betalades 30.11.", "hyran har betalats": events reported
            if re.search(r"\b(?:elektroniskt|digitalt)\b", sentence.text) and text.startswith(
                    "godkän"):
                continue  # "Beslutet har godkänts elektroniskt": the signature, not the outcome
            if any(w.text.lower() == "av" for w in words[index + 1 : index + 6]):
                continue  # the actor is named: "fattades av förmånshandläggare X"
            before = " ".join(w.text.lower() for w in words[max(0, index - 3) : index])
            if re.search(r"\bsom (?:kan|går att)$", before):
                continue  # "tillgångar som kan användas": usable, a property, not an act
            if previous == "som" or (index > 1 and lowered[index - 2] == "som"
                                     and previous in _AUX):
                continue  # "det belopp som betalas": a relative clause describes a thing
            if text.startswith(("betala", "utbetal")) and not _payment_to_someone_else(
                    words, index):
                continue  # the client's own payment or the routine payment to the client
            if _ADVICE.intersection(lowered[max(0, index - 4) : index]):
                continue  # "bör inte längre räknas som…": a recommendation, not the decision
            if _ACTORS.intersection(lowered[:index] + lowered[index + 1 :]):
                continue  # the actor is in the sentence ("vi hade berättat att … kan sänkas")
            stem = _stem_of(text)
            if stem and _actor_named_before(prose, position, stem):
                continue  # the actor of the same act was named just before
            if _REPORTED_PROPOSAL.search(sentence.text[: token.start - sentence.start]):
                continue  # someone else's proposal, reported: not the authority's decision
            if text.endswith(("as", "ats", "ades")) or decision_verb or previous in _AUX:
                if text.endswith("ens") or text.endswith("ets") or text.endswith("ars"):
                    continue  # genitives: beslutets, ansökans, dagens
                yield Hit(
                    f"s-passive '{token.text}' hides who acts",
                    sentence.block,
                    token.start,
                    token.end,
                    suggestion="Name the actor: 'FPA beviljar dig…', 'Vi avslår…'.",
                )


register(
    Rule(
        code="SV102",
        name="s-passive",
        category="readability.passive",
        severity=Severity.WARNING,
        languages=LANG,
        summary="S-passive where the actor should be named ('stödet beviljas').",
        rationale="'Ansökan avslås' hides who decides. Språkrådet recommends active voice with a "
        "named actor, and 'vi' for the authority: 'Vi avslår din ansökan'. Not reported where "
        "the passive hides no one: a relative clause, the routine payment into the client's "
        "account, a recommendation ('bör'), or an act whose actor the sentence or the "
        "sentences just before name.",
        source="Språkrådet, Myndigheternas skrivregler (passiv)",
        suggestion="Name the actor.",
        bad=(
            Example("Ansökan avslås eftersom inkomsterna räcker.", "sv"),
            Example("Stödet har beviljats för december.", "sv"),
        ),
        good=(
            Example("Vi avslår din ansökan eftersom dina inkomster räcker.", "sv"),
            Example("Det finns ett beslut om stöd för december.", "sv"),
        ),
        check=check_s_passive,
    )
)


# Swedish inflection adds these to a listed form: 'sökandes', 'sökanden', 'avseendet'.
_SV_ENDINGS = ("nas", "ens", "ets", "na", "en", "et", "ns", "ts", "s", "n", "t")


def _jargon_entry(word: str, lexicon: dict[str, dict[str, str]]) -> dict[str, str] | None:
    entry = lexicon.get(word)
    if entry:
        return entry
    for ending in _SV_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 5 and stem in lexicon:
            return lexicon[stem]
    return None


def check_jargon_sv(document: AnalyzedDocument, context: LintContext) -> Iterator[Hit]:
    lexicon = load_lexicon("jargon_sv", context)
    # 'Sökande: Anna' in a header is a label, not officialese addressed to her
    for sentence in prose_sentences(document):
        for token in sentence.words:
            entry = _jargon_entry(token.text.lower(), lexicon)
            if entry:
                yield Hit(
                    f"officialese '{token.text}'",
                    sentence.block,
                    token.start,
                    token.end,
                    suggestion=f"Plain alternative: {entry['plain']}.",
                )


register(
    Rule(
        code="SV103",
        name="jargon-sv",
        category="readability.jargon",
        severity=Severity.WARNING,
        languages=LANG,
        summary="Swedish officialese with a plain alternative ('erhålla', 'härmed', 'sökande').",
        rationale="Words such as 'erhålla' and 'vederbörande' are officialese; everyday words say "
        "the same. The list is data that an organisation can extend.",
        source="Språkrådet, Myndigheternas skrivregler; Klarspråkstestet",
        suggestion="Use the plain alternative.",
        bad=(Example("Du erhåller stödet den 5 december.", "sv"),),
        good=(Example("Du får stödet den 5 december.", "sv"),),
        check=check_jargon_sv,
    )
)

register(
    Rule(
        code="SV104",
        name="abbreviation-sv",
        category="readability.abbreviation",
        severity=Severity.ERROR,
        languages=LANG,
        summary="Unexplained acronyms in Swedish text.",
        rationale="Clients do not know the authority's acronyms; explain them at first use.",
        source="Asiakastietolaki 703/2023 19 §; Språkrådet (förkortningar)",
        suggestion="Explain it at first use.",
        bad=(Example("Skicka utredningen enligt SHM:s anvisning.", "sv"),),
        good=(
            Example(
                "Skicka utredningen enligt social- och hälsovårdsministeriets (SHM) anvisning.",
                "sv",
            ),
        ),
        check=check_abbreviations,
    )
)
