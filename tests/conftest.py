"""Shared fixtures and paths: the compiled gazetteer, and ../shared (seed reports, evaluation corpora).

Markers (see pyproject.toml): ``slow`` needs the real index or the spaCy model;
``browser`` drives Chromium; ``shared`` reads ``../shared`` and is skipped, with
the reason, when it is not beside the project. The quick, self-contained set:
``pytest -m "not slow and not browser and not shared"``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
"""The two seed reports (``*.txt``)."""
EVAL = SHARED / "eval"
"""The evaluation corpora (``lgl.jsonl``, ...) and their scorer, ``score.py``."""


def shared_missing() -> str | None:
    """Why tests marked ``shared`` cannot run here, or None when they can."""
    missing = [str(path) for path in (SEEDS, EVAL) if not path.is_dir()]
    return f"{' and '.join(missing)} not found (../shared is not beside the project)" if missing else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = shared_missing()
    if reason is not None:
        skip = pytest.mark.skip(reason=reason)
        for item in items:
            if item.get_closest_marker("shared") is not None:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def gazetteer() -> Iterator[object]:
    """The real index (``make test`` builds it first; otherwise the first lookup does)."""
    from gazetteer import Gazetteer

    g = Gazetteer()
    g.lookup("Kabul")
    yield g
    g.close()


@pytest.fixture(scope="session")
def small_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A dozen places (:mod:`tests.small_gazetteer`) compiled in a temporary folder: no real index needed."""
    from tests.small_gazetteer import build_small_gazetteer

    g = build_small_gazetteer(tmp_path_factory.mktemp("gazetteer") / "small.sqlite")
    yield g
    g.close()
