"""Shared fixtures: the compiled gazetteer (built once per machine, in the cache) and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def gazetteer():
    """The real index (``make test`` builds it first; otherwise the first lookup does)."""
    from gazetteer import Gazetteer

    g = Gazetteer()
    g.lookup("Kabul")
    yield g
    g.close()
