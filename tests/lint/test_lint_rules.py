"""Every rule's documented good and bad examples run as tests, and every rule is documented."""

from __future__ import annotations

import pytest

from totudocs.lint.engine import LintContext, lint_document
from totudocs.lint.registry import all_rules
from totudocs.reading import parse_text

READABILITY = [r for r in all_rules() if r.category.startswith("readability.")]


def _examples(kind: str):
    for rule in READABILITY:
        for index, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule, example, id=f"{rule.code}-{kind}-{index}")


def _codes(text: str, language: str, code: str, profile: str = "virkakieli") -> list[str]:
    context = LintContext(profile=profile, rules=[code])
    return [f.rule for f in lint_document(parse_text(text, "example"), context, language).findings]


@pytest.mark.parametrize(("rule", "example"), list(_examples("bad")))
def test_bad_example_triggers(nlp, rule, example) -> None:
    assert rule.code in _codes(example.text, example.language, rule.code)


@pytest.mark.parametrize(("rule", "example"), list(_examples("good")))
def test_good_example_passes(nlp, rule, example) -> None:
    assert rule.code not in _codes(example.text, example.language, rule.code)


@pytest.mark.parametrize("rule", READABILITY, ids=lambda r: r.code)
def test_rule_is_documented(rule) -> None:
    assert rule.bad and rule.good, "every rule has a good and a bad example"
    assert rule.rationale and rule.source and rule.summary
    assert rule.name == rule.name.lower() and " " not in rule.name


def test_codes_are_unique_and_named_by_language() -> None:
    codes = [r.code for r in all_rules()]
    assert len(codes) == len(set(codes))
    for rule in READABILITY:
        assert rule.code[:2].lower() in rule.languages


def test_selko_is_stricter_than_virkakieli(nlp) -> None:
    text = (
        "Kela myöntää sinulle tukea joulukuulle ja tammikuulle, koska tulosi ja varasi eivät "
        "riitä menoihisi tässä kuussa eikä ensi kuussa."
    )
    assert _codes(text, "fi", "FI101", "virkakieli") == []
    assert _codes(text, "fi", "FI101", "selko") == ["FI101"]


def test_domain_compounds_count_as_one_part(nlp) -> None:
    from totudocs.lint.rules.finnish import compound_parts

    assert compound_parts("perustoimeentulotukipäätös") == 3
    assert compound_parts("vuokrasopimusmuutosilmoituslomake") >= 4


def test_jargon_lexicon_can_be_extended(nlp, tmp_path) -> None:
    extra = tmp_path / "ours.yaml"
    extra.write_text("jargon_fi:\n  asiakas: {plain: sinä}\n", encoding="utf-8")
    context = LintContext(rules=["FI107"], lexicon_files=[extra])
    result = lint_document(parse_text("Asiakkaan tulot riittävät.", "x"), context, "fi")
    assert [f.suggestion for f in result.findings] == ["Plain alternative: sinä."]


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Hakemuksesi on totu-käsittelyssä.", "totu"),
        ("Totu-hakemus käsitellään viikon kuluessa.", "Totu"),
        ("Lähetä perustotu-hakemus ajoissa.", "perustotu"),
        ("Hakemus siirtyi asiakas-totun käsittelijälle.", "totun"),
        ("Saat ms-päätöksen postissa.", "ms"),
    ],
)
def test_internal_abbreviation_in_a_hyphenated_compound(nlp, text: str, marked: str) -> None:
    context = LintContext(rules=["FI108"])
    (finding,) = lint_document(parse_text(text, "x"), context, "fi").findings
    assert finding.rule == "FI108" and finding.message.startswith("internal abbreviation")
    assert f"»{marked}«-" in finding.snippet or f"-»{marked}«" in finding.snippet


@pytest.mark.parametrize(
    "text",
    [
        "Totuus-käsite on tässä asiassa vaikea.",  # contains the letters 'totu', is no abbreviation
        "Totuttelu uuteen kotiin vie aikaa.",
        "Sosiaali- ja terveyspalvelut auttavat sinua.",
        "Voit hakea tukea Kela-korttia näyttämällä.",
        "Hoito on siellä yhtä hyvää kuin yksityisellä lääkärillä.",  # not 'yht.' + 'ä'
        "Pihalla on kota, jossa voi paistaa makkaraa.",  # not 'ko' + 'ta'
    ],
)
def test_words_merely_containing_an_abbreviation_do_not_fire(nlp, text: str) -> None:
    assert _codes(text, "fi", "FI108") == []


def test_capitalised_compound_part_is_an_acronym_not_internal_shorthand(nlp) -> None:
    result = lint_document(
        parse_text("TT-kuvaus tehtiin.", "x"), LintContext(rules=["FI108"]), "fi"
    )
    assert [f.message for f in result.findings] == ["abbreviation 'TT' is not explained"]


def test_plural_you_with_someone_else_is_not_a_form_of_address(nlp) -> None:
    plural = (
        "Myönnämme sinulle tukea. Sosiaalityöntekijä soittaa sinulle. "
        "Teette yhdessä suunnitelman työnhausta."
    )
    assert _codes(plural, "fi", "FI110") == []
    polite = "Myönnämme sinulle tukea. Sosiaalityöntekijä soittaa sinulle. Teette suunnitelman."
    assert _codes(polite, "fi", "FI110") == ["FI110"]


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        ("Päätös perustuu toimeentulotukilain IV lukuun.", "fi", "FI108"),
        ("Beslutet grundar sig på kapitel XII i lagen.", "sv", "SV104"),
    ],
)
def test_roman_numerals_are_not_acronyms(nlp, text: str, language: str, code: str) -> None:
    assert _codes(text, language, code) == []
    assert _codes(text.replace("IV", "KVL").replace("XII", "KVL"), language, code) == [code]


def test_finnish_shorthand_is_not_looked_for_in_swedish(nlp) -> None:
    assert _codes("Familjen har en ko och två hästar.", "sv", "SV104") == []
    assert _codes("Perheellä on ko. asunto.", "fi", "FI108") == ["FI108"]
