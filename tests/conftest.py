"""Session-wide fixtures: the Finnish language layer is loaded once for the whole test run."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from totudocs.reading.language import nlp as load

    return load()
