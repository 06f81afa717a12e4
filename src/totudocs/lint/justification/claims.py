"""Claims in sentences: what a sentence says about the outcome, and whether it gives a reason.

The justification checks judge sentences, not sections: a housing-cap requirement applies to
the sentence that caps the rent (not to one that says the rent is within the norm), a statement
is "mentioned" only when a sentence names a social-care statement as such (not a doctor's
"lääkärinlausunto", not "inget utlåtande från socialvården"), and a departure from a statement
needs its reason in the same sentence or the next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from totudocs.lint.justification.facts import (
    AMOUNT,
    DATE,
    MONEY,
    concrete_terms,
    euros,
    generic_formulas,
    has_fact,
    lexicon,
    mentions,
    without_formulas,
)
from totudocs.reading.analysis import split_sentences
from totudocs.reading.model import Block
from totudocs.reading.roles import swedish_stem


@dataclass(frozen=True)
class Claim:
    """One sentence of a document, with the block it came from."""

    text: str
    block: Block
    start: int  # offset in block.text
    index: int  # position among the document's sentences

    @property
    def section(self) -> str | None:
        return self.block.section

    def evidence(self, why: str) -> dict[str, object]:
        line, column = self.block.position(self.start)
        return {"line": line, "column": column, "text": self.text, "why": why}


def sentences(blocks: Iterable[Block]) -> list[Claim]:
    result: list[Claim] = []
    for block in blocks:
        if block.kind == "heading":
            continue
        for start, end in split_sentences(block.text):
            text = block.text[start:end].strip()
            if text:
                result.append(Claim(text, block, start, len(result)))
    return result


def find(claims: Iterable[Claim], key: str) -> Iterator[Claim]:
    return (c for c in claims if mentions(c.text, key))


# -- housing costs -----------------------------------------------------------------------------
# A rent within the norm is accepted in full; only a sentence that limits the costs caps them.
_WITHIN_NORM = re.compile(
    r"\b(?:alle|alittaa|pienempi kuin|pienemmät kuin|matalampi kuin|enintään kohtuullisen|"
    r"mahtuu|mahtuvat|kokonaan|koko vuokran|täysimääräisesti|lägre än|under den skäliga|"
    r"ryms inom|inom den skäliga|inom de skäliga|hela hyran|hela beloppet|i sin helhet|fullt ut)",
    re.IGNORECASE,
)
_LIMITING = re.compile(
    r"\b(?:vain|ainoastaan|enintään|rajaamme|rajattu|rajoitamme|kohtuulliseen määrään|"
    r"kohtuullisen (?:vuokran|asumismenon) (?:mukaisesti|suuruisena|määrään|verran)|"
    r"ylittää|ylittävää|ylittävältä|yli kohtuullisen|"
    r"endast|bara|högst|begränsa\w*|överstiger|överskjutande|den del som)\b",
    re.IGNORECASE,
)


# the norm defined: "kohtuullinen vuokra yhdelle hengelle on enintään 700 €", "en skälig hyra
# för en person är högst 790 €"
_NORM_DEFINED = re.compile(
    r"\b(?:kohtuulli\w*|skälig\w*)\s+(?:vuokra|hyra|asumismeno\w*|asumiskustannu\w*|"
    r"boendeutgift\w*|boendekostnad\w*)\b[^.]*?\b(?:on|är)\s+(?:[^\s.]+\s+){0,2}"
    r"(?:enintään|korkeintaan|högst)\b",
    re.IGNORECASE)
# the norm by name, or as the rent the authority accepts ("hyväksyttävä vuokra on 720 €")
_NORM = re.compile(r"\b(?:kohtuulli\w*|skälig\w*|normi\w*|hyväksyttäv\w*|tavanomai\w*)",
                   re.IGNORECASE)
# housing costs, not the housing allowance, which is income ("asumistuki", "bostadsbidrag")
_HOUSING = re.compile(r"(?:vuokr|asumis(?!tu[ekv])|asunno|hyr|boende(?!stöd)|bostad(?!sbidrag))\w*",
                      re.IGNORECASE)
# "vuokrasta 640,00 €", "520,00 € av hyran", "vuokrastasi hyväksytään osa", "en del av hyran":
# only part of the rent is accepted (the elative "from the rent", with or without a possessive
# suffix, followed by an amount or a word for a part)
_PART_OF_RENT = re.compile(
    r"\b(?:vuokra|asumismeno|asumiskulu)i?sta(?:si|nne|an|än)?\b[^.]*(?:\d|\b(?:osa|osuus|osuuden|"
    r"osan|määrä|määrän)\b)|\d[^.]*\bav (?:din |er )?(?:hyran?|boende\w*)|"
    r"\bdel(?:en)? av (?:din |er )?(?:hyran?|boende\w*)",
    re.IGNORECASE,
)
_EXCEEDS = re.compile(r"\b(?:ylittä\w*|ylittävä\w*|överstig\w*|högre än|suurempi kuin)",
                      re.IGNORECASE)
_ACCEPTS = re.compile(r"\b(?:otamme huomioon|hyväksymme|huomioimme|vi godkänner|vi beaktar|"
                      r"vi räknar med|otetaan huomioon|hyväksytään|godkänns)\b", re.IGNORECASE)


def mentions_norm(text: str) -> bool:
    """The sentence speaks of the reasonable (norm) level of housing costs."""
    return bool(_NORM.search(text) and _HOUSING.search(text)) or mentions(text, "housing_cap")


def caps_housing_costs(claim: Claim, previous: Claim | None = None) -> bool:
    """The sentence limits housing costs to a norm, alone or right after a sentence that gives
    the norm ("Den skäliga hyran är 520 €. Vi godkänner 520 € av hyran…"); a sentence that says
    the costs are within the norm caps nothing."""
    text = claim.text
    norm_here = mentions_norm(text)
    norm_before = previous is not None and mentions_norm(previous.text)
    if not (norm_here or norm_before) or _WITHIN_NORM.search(text):
        return False
    if _NORM_DEFINED.search(text) and not (_PART_OF_RENT.search(text) or _ACCEPTS.search(text)):
        return False  # "En skälig hyra i Esbo är högst 790 €." gives the norm; it caps nothing
    if _LIMITING.search(text) and (norm_here or _HOUSING.search(text)):
        return True
    if _PART_OF_RENT.search(text) and not mentions(text, "direct_payment"):
        return True  # "Vi betalar en del av hyran till hyresvärden" pays, it does not cap
    if norm_here and _EXCEEDS.search(text):
        return True
    return norm_here and bool(AMOUNT.search(text)) and bool(_ACCEPTS.search(text))


def cap_reason(cap: Claim, claims: list[Claim]) -> Claim | None:
    """The sentence that says why the housing costs were capped: outside the outcome, about
    the housing costs, giving the norm with its amount, the time given, the grounds weighed, or
    a reason with a fact (a generic formula is not one). The rent paid restates the outcome."""
    for claim in claims:
        if claim.section == "outcome" and claim is not cap:
            continue
        if claim.section not in _REASON_SECTIONS | {cap.section}:
            continue
        text = without_formulas(claim.text)
        if not (_HOUSING.search(text) or mentions_norm(text)):
            continue
        if (mentions_norm(text) and AMOUNT.search(text)) or has_deadline(text) or mentions(
                text, "special_grounds"):
            return claim
        # another sentence's reason and fact; the cap's own words name the rent and its norm,
        # which restates the cap
        if claim is not cap and has_reason(text) and has_fact(text):
            return claim
    return None


# "muuttokustannukset 200,00 € (haettu 450,00 €)", "200 € av de ansökta 450 €": less granted
# than was applied for, told by the amounts alone
_REQUESTED = re.compile(
    r"\b(?:haettu|haettiin|hait|hakemasi|ansökt\w*|sökte|begärt|begärde)\b\D{0,20}"
    rf"({MONEY.pattern})", re.IGNORECASE)


# "Apteekin kuitit 86,40 €: hyväksytty 42,10 €", "Glasögon 380,00 € (godkänt 250,00 €)": a
# bill, then the smaller part of it that was accepted, as a ledger writes it
_ACCEPTED_PART = re.compile(
    rf"({MONEY.pattern})\s*(?:€|e\b|eur\w*)?\s*[:;,–-]?\s*\(?\s*(?:hyväksyt(?:ty|tiin|ään)|"
    r"huomioi(?:tu|tiin|daan)|otet(?:tu|tiin|aan) huomioon|godkän(?:t|ns|des)|beakta(?:t|s|des)|"
    rf"räkna(?:t|s|des) med)\s+(?:vain\s+|endast\s+|bara\s+)?({MONEY.pattern})", re.IGNORECASE)


# "Taksikuluja 64,80 € emme ottaneet huomioon.", "Räkningen … 164,00 € har inte tagits med":
# an expense left out, which is a denial in other words
_LEFT_OUT = re.compile(
    r"\b(?:emme (?:ottaneet|ota) huomioon|ei (?:ole )?otettu huomioon|ei oteta huomioon|"
    r"jätimme (?:pois|huomiotta)|jätetään (?:pois|huomiotta)|ei hyväksytty|emme hyväksyneet|"
    r"har inte (?:tagits med|beaktats|godkänts)|tas inte med|beaktas inte|godkänns inte|"
    r"lämnats utanför|vi har inte (?:tagit med|beaktat|godkänt))\b", re.IGNORECASE)
_AS_INCOME = re.compile(r"\b(?:tulo\w*|inkomst\w*|varoina|tillgång\w*)\b", re.IGNORECASE)


def leaves_out_expense(text: str) -> bool:
    """The sentence leaves an expense out of the calculation: a denial, though it says no
    "hylätään". Money left out of the income ("ei otettu huomioon tulona") favours the client."""
    return bool(_LEFT_OUT.search(text)) and not _AS_INCOME.search(text) and (
        MONEY.search(text) is not None or _names_an_expense(text))


def partly_granted(text: str) -> bool:
    """The sentence or row grants less than was applied for, by its amounts."""
    ledger = _ACCEPTED_PART.search(text)
    if ledger is not None and 0 < euros(ledger.group(2)) < euros(ledger.group(1)):
        return True
    match = _REQUESTED.search(text)
    if match is None:
        return False
    requested = euros(match.group(1))
    rest = text[: match.start(1)] + text[match.end(1) :]
    return any(0 < euros(m.group()) < requested for m in MONEY.finditer(rest))


# "Kelan päätöksen 6.4.2027 mukaan siitä hyväksytään vain…", "enligt FPA:s beslut": another
# decision's cap, told as background, is not this decision's
_OTHER_DECISION = re.compile(
    r"\b\w*päätöksen\s+(?:\d{1,2}\.\d{1,2}\.\d{2,4}\s+)?mukaan\b|"
    r"\benligt\s+(?:\w+:s\s+)?beslut\w*", re.IGNORECASE)


def housing_cap_claim(claims: list[Claim]) -> Claim | None:
    for index, claim in enumerate(claims):
        if _OTHER_DECISION.search(claim.text):
            continue
        # the norm may be given a sentence or two before the cap ("Hyväksyttävä vuokra on
        # 720 €. Vuokrasi ylittää tämän. Siksi asumismenoista hyväksytään 720 €.")
        before = next((c for c in reversed(claims[max(0, index - 2) : index])
                       if mentions_norm(c.text)), claims[index - 1] if index else None)
        if caps_housing_costs(claim, before):
            return claim
        # "Kela hyväksyy asumismenoiksi enintään 760,00 €. Vuokrasi ylittää tämän määrän…":
        # the maximum accepted, with no word for the norm, is a cap when the costs exceed it
        # or only part of the rent is taken
        if _ACCEPTED_MAXIMUM.search(claim.text) and _HOUSING.search(claim.text):
            after = claims[index + 1 : index + 3]
            exceeded = any(_EXCEEDS.search(c.text) or _NOT_WHOLE_RENT.search(c.text)
                           for c in after) or _PART_OF_RENT.search(claim.text)
            if exceeded and not any(_WITHIN_NORM.search(c.text) and _HOUSING.search(c.text)
                                    for c in [claim, *after]):
                return claim
        # "Vuokra, hyväksytty osa 640,00 €", "Hyra, godkänd del (faktisk hyra 890,00 €)":
        # a calculation row that takes only part of the rent
        if _ACCEPTED_PART_ROW.search(claim.text):
            return claim
    return None


_NOT_WHOLE_RENT = re.compile(r"\bemme hyväksy koko vuokraa\b|\bei hyväksytä koko vuokraa\b|"
                             r"\binte (?:hela|hel) hyran\b|\binte godkänt hela\b", re.IGNORECASE)
_ACCEPTED_PART_ROW = re.compile(
    r"\b(?:vuokra|asumismeno\w*|hyra|boendeutgift\w*)\w*\s*,\s*(?:hyväksytty|hyväksyttävä|"
    r"tavanomainen|kohtuullinen|godkänd|godkända|skälig)\s+(?:osa|osuus|del|andel)\b",
    re.IGNORECASE)


_ACCEPTED_MAXIMUM = re.compile(
    r"\b(?:hyväksy\w*|godkän\w*|otetaan huomioon|beakta\w*)\b[^.]*?"
    r"\b(?:enintään|korkeintaan|högst)\s+\d", re.IGNORECASE)


# -- statements --------------------------------------------------------------------------------
# A doctor's or therapist's statement is a certificate, whatever it is called.
_OTHER_STATEMENT = re.compile(
    r"\b\w*(?:lääkärin|lääkäri|terapeutin|psykologin|hammaslääkärin|asiantuntija)lausun\w*|"
    r"\b\w*(?:läkar|psykolog|terapeut|tandläkar)utlåtande\w*|"
    # another profession's statement, written apart: "optikon lausunto", "skolans utlåtande"
    r"\b(?:optikon|fysioterapeutin|opettajan|koulun|päiväkodin|työnantajan|"
    r"optikerns|fysioterapeutens|lärarens|skolans|daghemmets|arbetsgivarens)\s+"
    r"(?:lausun\w*|utlåtande\w*)",
    re.IGNORECASE,
)
_NOT_A_STATEMENT = re.compile(
    r"\b(?:inget|inte något|ej något) (?:\w+ )?utlåtande|\bei (?:ole|ollut) (?:\w+ )?lausun|"
    # "…on terveydenhuollon selvitys eikä sosiaalihuollon lausunto", "…och inte ett utlåtande"
    r"\beikä\b[^.]{0,80}\blausun|\b(?:och|men) inte\b[^.]{0,80}\butlåtande",
    re.IGNORECASE,
)


_DEPARTS = re.compile(
    r"\bfölj\w*(?: \w+)? inte\b|\binte följ\w*|\bavvik\w*|\bavvek\b|\bföranleder ingen\b|"
    r"\bemme noudat\w*|\bei noudatet\w*|\bpoike\w*|\btoisin kuin\b|\bei anna aihetta\b",
    re.IGNORECASE)


def departs_from_statement(claim: Claim) -> bool:
    """"Vi följer det inte", "emme noudattaneet lausuntoa", "föranleder ingen annan bedömning"."""
    return bool(_DEPARTS.search(claim.text)) or mentions(claim.text, "statement_deviation")


def names_other_statement(text: str) -> bool:
    """A doctor's, optician's or school's statement: a certificate, not a social-care one."""
    return _OTHER_STATEMENT.search(text) is not None


def mentions_statement(text: str) -> bool:
    """The text names a social-care statement (TTL 15 §) as received or considered."""
    text = _OTHER_STATEMENT.sub(" ", text)
    if _NOT_A_STATEMENT.search(text):
        return False
    return mentions(text, "statement_mentioned")


_EVIDENCE_SOURCE = re.compile(r"\b\w+(?:n|en|in) mukaan\b|\benligt \w+", re.IGNORECASE)
_REASON_WINDOW = 3  # the claim and the sentences right after it, in the same section


def gives_reason(claims: list[Claim], claim: Claim) -> Claim | None:
    """The sentence that gives a reason with a fact for ``claim``: the claim itself or one of
    the next sentences of its paragraph, with a reason marker ("koska", "eftersom") or a named
    source ("hammaslääkärin todistuksen mukaan", "enligt intyget")."""
    for candidate in claims[claim.index : claim.index + _REASON_WINDOW + 1]:
        if candidate.block is not claim.block:
            break  # a reason in the next paragraph is about something else
        reasoned = mentions(candidate.text, "reason_markers") or _EVIDENCE_SOURCE.search(
            candidate.text)
        if reasoned and has_fact(candidate.text):
            return candidate
    return None


_UNTIL = re.compile(
    r"\b(?:asti|saakka|mennessä|loppuun|till och med|t\.o\.m\.|fram till|senast|tills|"
    r"före|ennen)\b", re.IGNORECASE)
_GIVEN_TIME = re.compile(
    r"\b(?:kolme|kolmen|3|neljä|kuusi) kuukau\w*|\b(?:tre|3|fyra|sex) månader|"
    # "aikaa" with its length or end ("kaksi kuukautta aikaa", "aikaa toukokuun loppuun");
    # "vielä jonkin aikaa" names no time at all
    r"\b(?:\w+ (?:kuukautta|viikkoa) aikaa|aikaa \w+(?:kuun|kuuhun) (?:loppuun|asti|saakka)|"
    r"tid på sig|tid att|tid till|tid fram till)\b", re.IGNORECASE)


def has_deadline(text: str) -> bool:
    """The client is given time to lower the costs: a date it runs until ("31.1.2027 asti",
    "senast 31.1.2027") or a period ("kolme kuukautta aikaa", "tre månader")."""
    if _GIVEN_TIME.search(text):
        return True
    return any(_UNTIL.search(text[max(0, m.start() - 25) : m.end() + 25])
               for m in DATE.finditer(text))


# -- attachments and evidence ------------------------------------------------------------------
_KEY_WORD = re.compile(r"[^\W\d_]{4,}")
_MIN_KEY = 4
_NAMING_CLASSES = {"nimisana", "erisnimi", "etunimi", "sukunimi", "paikannimi", "nimi",
                   "laatusana", "nimisana_laatusana"}
# Words that name who issued a document or the decision itself, not what the document is.
_NOT_CONTENT = frozenset({
    "hyvinvointialue", "hyvinvointialueen", "välfärdsområde", "kela", "fpa", "kaupunki", "kunta",
    "päätös", "beslut", "hakemus", "ansökan", "ansökn", "liite", "bilag", "asiakirja", "handling",
    "selvitys", "utredning", "sosiaali", "huolto", "sosiaalihuolto", "socialvård", "från",
    "grundläggande", "toimeentulotuki", "utkomststöd", "perustoimeentulotuki", "tuki", "euro",
    "stöd", "täydentävä", "ehkäisevä", "kompletterande", "förebyggande",
    # what any item is ("menoksi", "hakemasi"), not which item it is
    "meno", "perusmeno", "hakema", "utgift", "kostnad", "ansökt",
})


def same_subject(first: frozenset[str], second: frozenset[str]) -> bool:
    """Two sets of keys name the same thing: a shared key, or one is the head of the other
    ("silmälasi" and "lasi", "elräkning" and "räkning")."""
    if first & second:
        return True
    return any(len(short) >= _MIN_KEY and long.endswith(short)
               for a in first for b in second
               for short, long in ((a, b), (b, a)) if len(short) < len(long))


@lru_cache(maxsize=4096)
def content_keys(text: str) -> frozenset[str]:
    """What a text is about, as comparable keys: Finnish base forms and compound heads,
    Swedish stems (so "Vuokrasopimus 1.6.2025" meets "vuokrasopimuksen mukaan"). Cached: each
    denial compares its keys with every sentence of the document."""
    from totudocs.reading.language import analyse

    keys: set[str] = set()
    for word in _KEY_WORD.findall(text):
        readings = analyse(word) or analyse(word.lower())
        for reading in readings[:2]:  # "vuokranne": vuokra (your rent) or vuokrata
            if reading.word_class not in _NAMING_CLASSES:
                continue  # verbs and adverbs say what happened, not what it is about
            keys.add(reading.baseform.lower())
            keys.update(_subject_of(reading.compound))
        if not readings:
            keys.add(swedish_lemma(word.lower()))
            # the stem too: "klubbor" and "innebandyklubba" meet at "klubb", which the most
            # frequent form alone would keep apart
            keys.add(swedish_stem(word.lower()))
            keys.update(_subject_of(swedish_compound(word.lower())))
    return frozenset(k for k in keys if (len(k) >= _MIN_PART or k in _SHORT_SUBJECTS)
                     and k not in _NOT_CONTENT and not _function_word(k))


_SHORT_SUBJECTS = frozenset({"el", "vesi", "työ", "ikä"})


def _function_word(key: str) -> bool:
    """Words so common they say nothing about a document's subject ("inom", "joka")."""
    from totudocs.reading.language_id import frequency

    return max(frequency(key, "sv"), frequency(key, "fi")) >= _COMMON_WORD


_MIN_PART = 3
_COMMON_WORD = 2e-4


_SV_ENDINGS = ("arna", "erna", "orna", "ens", "ets", "an", "en", "et", "na", "ar", "er", "or",
               "es", "s", "n", "t")


def swedish_lemma(word: str) -> str:
    """The most frequent of the word and its forms without an ending ("hyran" -> "hyra",
    "hyres" -> "hyra", "avtalet" -> "avtal"): enough to compare what two texts are about."""
    from totudocs.reading.language_id import frequency

    candidates = [word]
    for ending in _SV_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)]
            candidates += [stem, stem + "a", stem + "e"]
    best = max(candidates, key=lambda c: (frequency(c, "sv"), c == word))
    return best if frequency(best, "sv") > 0 else word


@lru_cache(maxsize=20_000)
def swedish_compound(word: str) -> tuple[str, ...]:
    """A Swedish compound's two parts when both are words ("hyres|avtal", "el|räkning",
    "läkar|intyg"), found with word frequencies: no Swedish splitter is installed."""
    from totudocs.reading.language_id import frequency

    if len(word) < _MIN_COMPOUND or frequency(swedish_lemma(word), "sv") >= _WORD_FREQUENCY:
        return ()  # short, or a word of its own ("avtalet" is not "av" + "talet")
    for cut in range(2, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if frequency(swedish_lemma(tail), "sv") < _WORD_FREQUENCY:
            continue
        # linking letters: "hyres|avtal" (hyra), "löne|specifikation" (lön)
        bases = [head, head[:-1]] if head.endswith(("s", "e")) and cut > 3 else [head]
        modifiers = {v for b in bases
                     for v in (b, b + "a", b[:-1] + "a", b + "e", swedish_lemma(b))}
        modifier = max(modifiers, key=lambda m: frequency(m, "sv"))
        if len(modifier) >= 2 and frequency(modifier, "sv") >= _WORD_FREQUENCY:
            return (modifier, swedish_lemma(tail))
    return ()


_MIN_COMPOUND = 7
_WORD_FREQUENCY = 1e-6


# Words that name a kind of document; in a compound the other part says what it is about
# ("vuokra|sopimus" is about the rent, "el|räkning" about electricity).
DOCUMENT_TYPES = frozenset({
    "sopimus", "lasku", "kuitti", "todistus", "tiliote", "arvio", "kustannusarvio", "tarjous",
    "selvitys", "päätös", "ilmoitus", "tosite", "avtal", "räkning", "faktura", "kvitto", "intyg",
    "kontoutdrag", "offert", "beslut", "utredning", "kostnadsförslag", "förslag", "utdrag",
    "ote", "meddelande", "anmälan", "laskelma", "erittely", "kopio", "lomake", "specifikation",
    "besked", "kopia", "blankett", "verifikat", "lausunto", "utlåtande",
})


def _subject_of(parts: tuple[str, ...]) -> set[str]:
    """What a compound names: its modifiers when its head is a document type, else nothing more
    than the whole word ("hyres|värd" is a landlord, not the rent)."""
    if len(parts) >= 2 and parts[-1] in DOCUMENT_TYPES:
        return {part for part in parts[:-1] if len(part) >= 2}
    return set()


def document_subject(text: str) -> frozenset[str]:
    """The keys of a listed document that say what it is about, not what kind it is. A
    genitive that qualifies the thing ("kuitti lasten talvikengistä": the children's winter
    shoes) is not the thing; one that qualifies the document ("hammashoidon lasku") is."""
    words = text.split()
    kept = [word for word, after in zip(words, [*words[1:], ""], strict=True)
            if not _qualifies_a_thing(word, after)]
    keys = content_keys(" ".join(kept))
    return keys - DOCUMENT_TYPES or keys


def _qualifies_a_thing(word: str, after: str) -> bool:
    from totudocs.reading.language import analyse

    first = (analyse(word) or analyse(word.lower()) or [None])[0]
    following = (analyse(after) or analyse(after.lower()) or [None])[0] if after else None
    if first is None or following is None:
        return False
    return (first.word_class == "nimisana" and first.case == "omanto"
            and following.word_class == "nimisana"
            and following.baseform.lower() not in DOCUMENT_TYPES
            and not any(part in DOCUMENT_TYPES for part in following.compound))


def names_application_or_decision(text: str) -> bool:
    """An item that is the application or an earlier decision needs no discussion of its own:
    "Hakemus 3.2.2027", "Kelan perustoimeentulotukipäätös 5.3.2026", "FPA:s beslut 1.3.2027"."""
    words = _KEY_WORD.findall(text.lower())[:3]
    return any(
        word.startswith(("hakemus", "ansökan", "ansökning"))
        or re.search(r"(?:päätös|päätöks\w*|beslut\w*)$", word)
        for word in words
    )


# -- guidance to the client --------------------------------------------------------------------
# Swedish imperatives that open an instruction ("Skicka", "Ansök", "Meddela"); Finnish ones are
# recognised by Voikko's mood.
_SV_IMPERATIVE = frozenset({
    "skicka", "ansök", "meddela", "kom", "kontakta", "lämna", "spara", "boka", "visa", "ta",
    "gör", "fyll", "tänk", "anmäl", "sök", "berätta", "ring", "glöm",
})
_ADDRESSED_DUTY = re.compile(
    r"\b(?:sinun (?:pitää|tulee|täytyy|kannattaa)|muista)\b|^Du (?:ska|bör|måste)\b",
)
_NOT_GUIDANCE = ("review", "contact", "signature", "calculation", "own-share", "payments")


def gives_guidance(claim: Claim) -> bool:
    """The sentence tells the client to do something: an imperative or "sinun pitää…"."""
    if claim.section in _NOT_GUIDANCE or mentions(claim.text, "own_share"):
        return False  # paying one's own bills is the own share, told separately
    if _ADDRESSED_DUTY.search(claim.text):
        return True
    first = re.match(r"[^\W\d_]+", claim.text)
    if not first:
        return False
    word = first.group(0)
    if word.lower() in _SV_IMPERATIVE:
        return True
    from totudocs.reading.language import analyse

    readings = analyse(word) or analyse(word.lower())
    return any(reading.mood == "imperative" for reading in readings)


# -- the contact person ------------------------------------------------------------------------
_PHONE = re.compile(
    # not inside a word or a code: "FI08 4006 1010 4478 21", "TTU/2027/0719884"
    r"(?<![\w+/])(?:\+358[\s-]?|0)\d{1,3}[\s-]?\d{2,4}[\s-]?\d{2,5}(?!\d)|\S+@\S+\.\w+"
)
_NAME_PART = r"[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?"
# overlapping, so that "Sosiaaliohjaaja Pekka Esimerkki" also yields "Pekka Esimerkki"
_PERSON = re.compile(rf"(?=\b({_NAME_PART} {_NAME_PART})\b)")
_ORGANISATION = re.compile(
    r"\b(?:kela|fpa|oy|ab|hyvinvointialue\w*|välfärdsområde\w*|kaupun\w*|stad\w*|kunta|"
    r"kommun\w*|palvelu\w*|service\w*|kundservice|asiakaspalvelu\w*)\b", re.IGNORECASE)


def names_contact_person(text: str) -> bool:
    """A named person the client can reach: a name and a phone number or e-mail address
    ("Sirpa Alatalo, sosiaaliohjaaja, puh. 016 322 5870"), not only a service number. A
    henkilötunnus is not a phone number: the client's own line is no contact."""
    from totudocs.model.hetu import mask_hetu

    return bool(_PHONE.search(mask_hetu(text))) and names_person(text)


def names_person(text: str) -> bool:
    """Two capitalised words that are a person's name: the first a first name Voikko knows (or a
    word it does not know at all), neither an organisation ("Kelan toimeentulotuen…")."""
    from totudocs.reading.language import analyse

    for match in _PERSON.finditer(text):
        name = match.group(1)
        if _ORGANISATION.search(name):
            continue
        first = name.split()[0]
        readings = analyse(first)
        if not readings or any(r.word_class == "etunimi" for r in readings):
            return True
    return False


# -- a denial and its reasons ------------------------------------------------------------------
_REASON_SECTIONS = {"justification", "discretion", "housing-cap", "reduction", "outcome"}


# A judgement of necessity or sufficiency is a reason of its own ("yöpyminen ei ole
# välttämätöntä", "blomsterarrangemangen är inte nödvändiga", "nykyiset lasit riittävät").
_JUDGEMENT = re.compile(r"\b(?:välttämät\w*|tarpeellis\w*|tarpeeton\w*|riittä\w*|"
                        r"nödvändig\w*|behövs|räcker|tillräck\w*|skälig\w*|kohtuu\w*)",
                        re.IGNORECASE)


def has_reason(text: str) -> bool:
    return bool(mentions(text, "reason_markers") or _EVIDENCE_SOURCE.search(text)
                or _JUDGEMENT.search(text))


def reason_for(denial: Claim, claims: list[Claim]) -> Claim | None:
    """The sentence that says why ``denial`` was decided: the denial itself with a reason, or a
    sentence about the same item (it names what the denial names) that gives a reason or a fact
    the denial does not already state. "Tandläkarräkningen har inte tagits med" restates, and
    "…kokonaistilanteen perusteella" gives a formula, not a reason."""
    own = without_formulas(denial.text)
    if has_reason(own) and has_fact(own):
        return denial
    # what was denied, not the papers it came with ("Pesukone (Verkkokauppa, tarjous 5.11.)")
    subject = (content_keys(denial.text) - DOCUMENT_TYPES) or content_keys(denial.text)
    # the amounts the denial states, with or without a euro sign ("Pesukone | 480,00 | 250,00")
    stated = set(AMOUNT.findall(denial.text)) | {f"{m.group()} €" for m in MONEY.finditer(
        denial.text)}
    related = [c for c in claims if c is not denial
               and c.section in _REASON_SECTIONS | {denial.section}
               and same_subject(subject, content_keys(c.text))]
    if not related:
        if _names_an_expense(denial.text) and not _OUTCOME_FIELD.search(denial.text):
            return None  # a named expense the justification never takes up has no reason
        # nothing names the item again: any reasoned sentence of the justification may be its
        return next((c for c in claims if c.section in _REASON_SECTIONS - {"outcome"}
                     and has_reason(c.text) and has_fact(c.text)), None)
    for claim in related:
        # what the client asked for and why is the application, not the decision's reason
        reports = bool(_REPORTS_APPLICATION.search(claim.text))
        # the item's own date or price restates it; another amount weighs it against something;
        # a formula ("kokonaisharkinnan perusteella") is no reason, so it is cut out first
        said = without_formulas(claim.text)
        new_amounts = {a for a in set(AMOUNT.findall(claim.text)) - _item_amounts(claim, subject)
                       if a not in stated and _normal_amount(a) not in stated}
        if not reports and (_gives_a_reason(said) or new_amounts or _points_back(claim, claims)
                            or _names_circumstance(said, subject)):
            return claim
        # "Hotelliyö: Haastattelu alkaa klo 13. … yöpyminen ei ole välttämätöntä.": the item
        # named once, its reasons in the sentences of the same paragraph
        if claim.block is not denial.block:
            rest = [c for c in claims if c.block is claim.block and c.index > claim.index
                    and not _REPORTS_APPLICATION.search(c.text)]
            reason = next((c for c in rest if _gives_a_reason(without_formulas(c.text))
                           or _points_back(c, claims)
                           or _names_circumstance(without_formulas(c.text), subject)), None)
            if reason is not None:
                return reason
            # a judgement ("…ei ole välttämätön meno") resting on a fact told beside it in
            # the paragraph ("Koneella on valmistajan kahden vuoden takuu")
            judged = next((c for c in rest if has_reason(without_formulas(c.text))), None)
            if judged is None and has_reason(said):
                # "Saat ystävältäsi pöydän ja tuolit. … Sohva ei ole välttämätön.": the item
                # named in the judgement, its facts told before it in the same point
                earlier = [c for c in claims if c.block is claim.block and c.index < claim.index
                           and not _REPORTS_APPLICATION.search(c.text)
                           and _tells_facts(c.text, subject)]
                if earlier and claim.block.kind == "item":
                    return earlier[-1]
            # from where the item is named on: the sentences before it are about other items
            told = [c for c in claims if c.block is claim.block and c.index >= claim.index
                    and c is not judged and c is not denial
                    and not _REPORTS_APPLICATION.search(c.text) and _tells_facts(c.text, subject)]
            if judged is not None and told:
                return told[0]
    return None


def _points_back(claim: Claim, claims: list[Claim]) -> bool:
    """"Tarjoilut eivät siksi ole välttämätön meno." after a sentence that says something (facts,
    or at least two things of its own): the reason is the sentence before. After a formula
    ("Asiaa on arvioitu kokonaisharkinnan perusteella.") there is none."""
    if not _POINTS_BACK.search(claim.text):
        return False
    before = next((c for c in claims if c.index == claim.index - 1), None)
    if before is None or before.block is not claim.block:
        return False
    if _REPORTS_APPLICATION.search(before.text):
        return False
    said = without_formulas(before.text)
    return has_fact(said) or len(content_keys(said) - content_keys(claim.text)) >= _FACT_KEYS


_FACT_KEYS = 2
# "Ratkaisu    Myönnetään osittain", "Beslut: Avslås": the outcome as a header field names no
# item; the justification as a whole answers it
_OUTCOME_FIELD = re.compile(
    r"\b(?:ratkaisu|päätös|beslut|avgörande)\s*[:|]?\s+(?:myönnetään osittain|myönnetty "
    r"osittain|hylätään|hylätty|beviljas delvis|delvis beviljat|avslås|avslag)\s*$",
    re.IGNORECASE)
# "Hakemuksen (ja tarjouksen) mukaan tietokonetta tarvittaisiin…", "Kerroit hakemuksessa…",
# "Enligt din ansökan behöver…": the client's own case, as the application put it
_REPORTS_APPLICATION = re.compile(
    # (after the item's name as a label: "Pelikonsoli: Hakemuksen mukaan…")
    r"^(?:[^:.]{1,40}:\s*)?\W*hakemu\w*\b(?:[^.]|\.(?=\d)){0,60}?\bmukaan\b|"
    # ("…, kuten kerroit hakemuksessa" confirms a fact; it is not the client's case)
    r"(?<!kuten )\bkerro\w* hakemukse\w*|"
    r"\bhakemukse(?:ssa|ssasi|ssanne)\w* (?:kerro|kirjoit|perust)\w*|"
    r"^(?:[^:.]{1,40}:\s*)?\W*enligt (?:din |er )?ansökan\b|"
    r"\bi (?:din |er )?ansökan (?:skriver|berättar|uppger)\w*",
    re.IGNORECASE)


def _tells_facts(text: str, subject: frozenset[str]) -> bool:
    """A sentence that says something of its own about the item: formulas cut out, at least
    two things (nouns, not the application or the support) named besides the item itself."""
    from totudocs.reading.language import analyse

    named = set()
    for word in _KEY_WORD.findall(without_formulas(text)):
        lowered = word.lower()
        readings = analyse(word) or analyse(lowered)
        if readings:
            nouns = [r.baseform.lower() for r in readings[:2]
                     if r.word_class == "nimisana" and r.participle is None]
            named.update(n for n in nouns[:1] if n not in _NOT_CONTENT and n not in subject
                         and len(n) >= _MIN_NAMED_ITEM)
        elif len(lowered) >= _MIN_NAMED_ITEM and not _sv_verb_form(lowered):
            key = swedish_lemma(lowered)
            if key not in _NOT_CONTENT and key not in subject and not _function_word(key):
                named.add(key)
    return len(named) >= _FACT_KEYS


def _gives_a_reason(text: str) -> bool:
    """A reason marker, or a judgement that rests on something the sentence names: "ei ole
    välttämätöntä, koska…" or "…ei ole välttämätön, sillä vanhat lasit…". A judgement alone
    after a formula ("tukea ei katsota tarpeelliseksi") concludes without a reason."""
    text = _PROVISION_BASIS.sub(" ", text)  # "7 c §:n perusteella" names the law, not a why
    if not has_reason(text):
        return False
    # "…eikä tukea siksi myönnetä", "därför beviljas inget stöd": a marker that points back
    # gives no reason of its own
    return has_fact(text) or bool(mentions(_POINTS_BACK.sub(" ", text), "reason_markers"))


_PROVISION_BASIS = re.compile(r"§\S*(?:\s+[^\s.]+){0,6}?\s+perusteella|"
                              r"\bmed stöd av\b[^.]{0,40}§|\bpå grund av\b[^.]{0,20}§",
                              re.IGNORECASE)
_POINTS_BACK = re.compile(r"\b(?:siksi|sen vuoksi|tämän vuoksi|näin ollen|därför|därmed|"
                          r"således)\b", re.IGNORECASE)


def _names_an_expense(text: str) -> bool:
    """The denial names what was applied for ("jääkiekkovarusteet", "en vinterjacka"), not just
    the application or the support: a noun that is not one of those words."""
    from totudocs.reading.language import analyse

    if concrete_terms(text) & set(lexicon()["expenses"]):
        return True
    for word in _KEY_WORD.findall(text):
        lowered = word.lower()
        if lowered in _NOT_CONTENT or len(lowered) < _MIN_NAMED_ITEM:
            continue
        readings = analyse(word) or analyse(lowered)
        if readings:
            if any(r.word_class == "nimisana" and r.baseform.lower() not in _NOT_CONTENT
                   and not _function_word(r.baseform.lower()) for r in readings[:2]):
                return True
        elif not _sv_verb_form(lowered) and not _function_word(swedish_lemma(lowered)):
            return True
    return False


_MIN_NAMED_ITEM = 5


def _sv_verb_form(word: str) -> bool:
    """An s-passive or a present tense ("avslås", "beviljas", "godkänner"): the outcome, not
    the item."""
    return word.endswith(("as", "ås", "es", "ns", "er", "ar"))


def generic_reason_for(denial: Claim, claims: list[Claim]) -> Claim | None:
    """A sentence that answers the denial only with a generic formula ("harkinnan perusteella",
    "utifrån en helhetsbedömning"): a vague reason, not a missing one."""
    if generic_formulas(denial.text):
        return denial
    return next((c for c in claims if c.section in _REASON_SECTIONS
                 and generic_formulas(c.text)), None)


def _normal_amount(written: str) -> str:
    """"250,00 €", "250,00 euroa", "250,00e" as one key: "250,00 €"."""
    match = MONEY.search(written)
    return f"{match.group()} €" if match else written


def _item_amounts(claim: Claim, subject: set[str]) -> set[str]:
    """Amounts printed next to the item's own name ("Tandläkarräkningen … på 165,00 €")."""
    return {m.group() for m in AMOUNT.finditer(claim.text)
            if same_subject(subject, content_keys(claim.text[max(0, m.start() - 40) : m.start()]))}


_PAID_TO_ACCOUNT = re.compile(
    r"\b(?:maksetaan|maksamme|maksettu|maksetut)\b[^.]{0,40}?\btili\w*|"
    r"\b(?:betalas|betalar vi|betalats)\b[^.]{0,40}?\bkonto\w*", re.IGNORECASE)


def _names_circumstance(text: str, subject: frozenset[str] = frozenset()) -> bool:
    """A circumstance of the client's life ("lapsi", "sairaus"), not the item's own name:
    "lastenrattaat" names a pram, not a child."""
    text = _PAID_TO_ACCOUNT.sub(" ", text)  # "maksetaan tilillesi" is the payment, no fact
    if subject:
        text = " ".join(word for word in text.split()
                        if not same_subject(subject, content_keys(word)))
    return bool(concrete_terms(text) & set(lexicon()["circumstances"]))
