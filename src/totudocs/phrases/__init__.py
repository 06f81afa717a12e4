"""The phrase library: versioned stock phrases, selected by conditions on the case, with a trace."""

from totudocs.phrases.library import (
    Phrase,
    PhraseBook,
    PhraseError,
    PhraseSelector,
    TraceEntry,
    load_phrase_book,
)

__all__ = [
    "Phrase",
    "PhraseBook",
    "PhraseError",
    "PhraseSelector",
    "TraceEntry",
    "load_phrase_book",
]
