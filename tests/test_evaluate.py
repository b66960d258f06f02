"""scripts/evaluate.py: its results table and where it writes it (no corpus needed)."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "evaluate.py"


@pytest.fixture(scope="module")
def evaluate():
    spec = importlib.util.spec_from_file_location("evaluate_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scores(f1, acc):
    return {
        "recognition_exact": {"precision": 0.9, "recall": 0.8, "f1": f1},
        "resolution_exact_span": {"acc@161": acc, "mean_km": 10.0, "median_km": 1.0, "auc": 0.2},
    }


def args(**overrides):
    values = {"recognition_only": False, "demonyms": False, "limit": None, "processes": 2} | overrides
    return argparse.Namespace(**values)


def test_the_table_shows_both_demonym_settings_and_marks_the_held_out_corpus(evaluate):
    rows = {
        "lgl": ({"default": scores(0.8, 0.85), "demonyms": scores(0.83, 0.84)}, 10, 2.0),
        "tud-loc2013": ({"default": scores(0.79, 0.87), "demonyms": scores(0.72, None)}, 5, 1.0),
    }
    table = evaluate.markdown(rows, args())
    lgl = next(line for line in table.splitlines() if line.startswith("| lgl "))
    assert "**0.800**" in lgl and "0.830 / 0.840" in lgl
    tud = next(line for line in table.splitlines() if line.startswith("| tud-loc2013 (held out)"))
    assert "0.720 / –" in tud  # an unknown accuracy is a dash, not 0
    assert "--processes 2" in table


def test_with_demonyms_first_the_main_columns_are_the_mapped_setting(evaluate):
    rows = {"lgl": ({"default": scores(0.8, 0.85), "demonyms": scores(0.83, 0.84)}, 10, 2.0)}
    lgl = next(line for line in evaluate.markdown(rows, args(demonyms=True)).splitlines() if line.startswith("| lgl"))
    assert "**0.830**" in lgl and "0.800 / 0.850" in lgl


def test_a_full_run_replaces_only_its_section(evaluate, tmp_path):
    page = tmp_path / "evaluation.md"
    page.write_text("intro\n<!-- results:start -->\nold\n<!-- results:end -->\nafter\n", encoding="utf-8")
    evaluate._replace_section(page, "new table\n", "results")
    assert page.read_text(encoding="utf-8") == "intro\n<!-- results:start -->\nnew table\n<!-- results:end -->\nafter\n"
    evaluate._replace_section(page, "recognition table\n", "recognition")  # a missing section is appended
    assert page.read_text(encoding="utf-8").endswith(
        "<!-- recognition:start -->\nrecognition table\n<!-- recognition:end -->\n"
    )
