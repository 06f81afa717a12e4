"""Prepared fonts: the bundled Source Sans Pro cut down, once per machine, to the characters that
Finnish and Swedish documents use, so that PDFs can embed them whole.

Why: WeasyPrint subsets every font for every PDF it writes. Without the native HarfBuzz subsetter
(Debian's ``libharfbuzz-subset0``, absent on a fresh machine) it falls back to fontTools, which
parses the whole font's layout tables every time: about 0.1 s per font, three quarters of the
time of a two-page decision. A prepared font is an eighth of the original's size, so that
fallback costs a fifth as much, and on such a machine a document whose text the prepared fonts
cover embeds them unchanged (no per-document subsetting at all: PDFs of about 80 KB instead of
30 KB). With the native subsetter, subsetting is faster than embedding whole and stays the rule.
A document with a character the prepared fonts lack is always subset, so nothing is lost.

The prepared files live in the user cache folder (``TOTUDOCS_CACHE_DIR`` overrides it), under a
key made of the source font, the fontTools version and the repertoire, and are written
atomically, so parallel workers may race to build them safely.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from totudocs.files import write_atomic
from totudocs.resources import font_files

FORMAT = "2"  # bump when the preparation below changes

# Basic Latin, Latin-1 and Latin Extended-A (Finnish, Swedish, Sámi and most European names),
# general punctuation (dashes, quotes, ellipsis, narrow spaces), the euro sign, trade mark and
# the minus sign.
REPERTOIRE: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),
    (0x00A0, 0x017F),
    (0x2000, 0x206F),
    (0x20AC, 0x20AC),
    (0x2122, 0x2122),
    (0x2212, 0x2212),
)

# OpenType features kept for shaping: kerning, contextual forms, marks and the numeral styles
# the stylesheet asks for. Alternates (small caps, stylistic sets) are dropped with their glyphs.
# No ligatures ("liga", "clig"): when a font is embedded whole, WeasyPrint writes no Unicode
# mapping for a ligature glyph, so "ft" in "utgifter" extracted as "utgi er" - search, copy,
# screen readers and the archival text layer were wrong. Body text reads as well without them.
FEATURES = ["kern", "calt", "ccmp", "locl", "mark", "mkmk", "tnum", "pnum", "lnum", "case"]


class MissingGlyphs(ValueError):
    """The document has characters that no available font can draw: the PDF would show empty
    boxes while claiming to be an archival copy, so it is not written."""

    def __init__(self, codepoints: set[int]) -> None:
        listed = ", ".join(f"U+{c:04X}" for c in sorted(codepoints)[:10])
        super().__init__(
            f"characters that no installed font can draw ({listed}); the PDF would show empty "
            "boxes: correct the case data or install a font that covers them"
        )
        self.codepoints = codepoints


def cache_root() -> Path:
    configured = os.environ.get("TOTUDOCS_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("totudocs"))


def _key(sources: dict[str, Path]) -> str:
    import fontTools

    digest = hashlib.sha256(f"{FORMAT}|{fontTools.version}|{REPERTOIRE}|{FEATURES}".encode())
    for name in sorted(sources):
        digest.update(name.encode())
        digest.update(hashlib.sha256(sources[name].read_bytes()).digest())
    return digest.hexdigest()[:16]


def _prepare(source: Path, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options(
        layout_features=FEATURES,
        name_IDs=["*"],  # keep the licence and naming records
        name_languages=["*"],
        notdef_outline=True,
        hinting=False,  # PDF viewers do not use TrueType hinting; WeasyPrint drops it too
        glyph_names=False,
    )
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in REPERTOIRE for c in range(low, high + 1)])
    font = TTFont(source)
    subsetter.subset(font)
    data = io.BytesIO()
    font.save(data)
    write_atomic(target, data.getvalue())


@lru_cache(maxsize=1)
def prepared_fonts() -> dict[str, Path]:
    """The prepared font files by style name, built on first use (about 1 s) and then reused."""
    sources = font_files()
    key = _key(sources)
    folder = cache_root() / "fonts" / key
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only home: build them for this process only
        folder = Path(tempfile.mkdtemp(prefix="totudocs-fonts-"))
    prepared = {}
    for name, source in sources.items():
        target = folder / source.name
        if not target.exists():
            _prepare(source, target)
        prepared[name] = target
    return prepared


@lru_cache(maxsize=1)
def covered_characters() -> frozenset[str]:
    """Characters every prepared font has a glyph for."""
    from fontTools.ttLib import TTFont

    common: set[int] | None = None
    for path in prepared_fonts().values():
        cmap = set(TTFont(path, lazy=True).getBestCmap())
        common = cmap if common is None else common & cmap
    return frozenset(chr(c) for c in common or ())


def native_subsetter() -> bool:
    """Whether WeasyPrint found HarfBuzz's subsetter (otherwise it subsets with fontTools)."""
    from weasyprint.text import ffi

    return getattr(ffi, "harfbuzz_subset", None) is not None and bool(
        ffi.harfbuzz.hb_version_atleast(4, 1, 0)
    )


def embed_whole(text: str) -> bool:
    """Whether a PDF of ``text`` should embed the prepared fonts whole instead of subsetting.

    ``TOTUDOCS_FONT_EMBEDDING``: ``auto`` (default: whole only without the native subsetter),
    ``whole`` or ``subset``. Whole embedding needs the prepared fonts to cover ``text``.
    """
    strategy = os.environ.get("TOTUDOCS_FONT_EMBEDDING", "auto")
    if strategy == "subset":
        return False
    if strategy == "auto" and native_subsetter():
        return False
    return covers(text)


def covers(text: str) -> bool:
    """True when the prepared fonts can draw every visible character of ``text``."""
    covered = covered_characters()
    return all(char in covered for char in set(text) if char >= " ")
