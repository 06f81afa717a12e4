"""Wiio (1968) counted as defined: words of four or more syllables in the base form of each word
as it is used, per 100 words. Checked against a hand count on a text with each hard class."""

from __future__ import annotations

from totudocs.lint.metrics import compute, is_counted_word, wiio_base_form
from totudocs.reading import parse_text
from totudocs.reading.analysis import analyze_document

# Hand count, word by word (base form as used -> syllables; 4+ is long):
#   Myöntämisestä -> myöntäminen (4, long); päätettiin -> päättää (2); tarkasti -> tarkasti (3);
#   hallinto-oikeudessa -> hallinto-oikeus (5, long); 1.12.2026 -> a number, not a word;
#   vuokra-asunnon -> vuokra-asunto (5, long); kohtuullisesti -> kohtuullisesti (5, long);
#   myönnetty -> myönnetty (3); tuki -> tuki (2); on -> olla (2); 306 -> a number.
TEXT = (
    "Myöntämisestä päätettiin tarkasti hallinto-oikeudessa 1.12.2026. "
    "Vuokra-asunnon tuki on myönnetty kohtuullisesti 306 eurona.\n"
)
EXPECTED_BASE = {
    "Myöntämisestä": "myöntäminen",
    "tarkasti": "tarkasti",
    "hallinto-oikeudessa": "hallinto-oikeus",
    "Vuokra-asunnon": "vuokra-asunto",
    "kohtuullisesti": "kohtuullisesti",
    "myönnetty": "myönnetty",
}


def test_wiio_counts_each_word_class_as_a_hand_count_does(nlp) -> None:
    analyzed = analyze_document(parse_text(TEXT, "t.txt"), "fi")
    tokens = [t for s in analyzed.sentences for t in s.words]
    bases = {t.text: wiio_base_form(t) for t in tokens if t.text in EXPECTED_BASE}
    assert bases == EXPECTED_BASE
    words = [t for t in tokens if is_counted_word(t)]
    assert [t.text for t in words if not t.text[0].isalpha()] == []  # no numbers
    assert len(words) == 10  # 12 tokens less the date and the amount
    # long: myöntäminen, hallinto-oikeus, vuokra-asunto, kohtuullisesti (eurona -> euro: 2)
    metrics = compute(analyzed.sentences, "fi")
    assert metrics["words"] == 10
    assert metrics["sample_too_small"] and metrics["wiio"] is None  # 10 words: no grade


def test_the_grade_follows_the_count_above_the_sample_limit(nlp) -> None:
    analyzed = analyze_document(parse_text(TEXT * 11, "t.txt"), "fi")
    metrics = compute(analyzed.sentences, "fi")
    assert metrics["words"] == 110
    long_share = 100 * (4 * 11) / 110  # 40 %: Wiio 14.7
    assert metrics["wiio"] == round(2.7 + 0.3 * long_share, 1)


def test_lix_counts_as_textstat_does() -> None:
    """LIX is computed here (importing textstat costs a quarter second of cold start), counted
    the way textstat counts, on every text of the corpus and on edge cases."""
    from pathlib import Path

    import textstat

    from totudocs.lint.metrics import lix

    root = Path(__file__).resolve().parents[2] / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.txt"))]
    texts += ["", "Kela.", "Don't stop. It's 'quoted', isn't it? Yes!", "A b. C d e f g.",
              "Hakemus 5.3.2026 saapui. Tuki on 412,35 €."]
    assert len(texts) > 50
    for text in texts:
        assert abs(lix(text) - float(textstat.lix(text))) < 1e-9, text[:60]
