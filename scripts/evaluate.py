#!/usr/bin/env python3
"""Run mapview over the public geoparsing corpora, score it, and write the results table.

    .venv/bin/python scripts/evaluate.py                      # all four, writes docs/evaluation.md
    .venv/bin/python scripts/evaluate.py --corpus lgl --limit 50 --processes 2
    .venv/bin/python scripts/evaluate.py --recognition-only   # recognition alone (lat/lon withheld)
    .venv/bin/python scripts/evaluate.py --demonyms           # demonyms mapped: their figures first

Each corpus is parsed once and scored twice, with demonyms left out (the
default of ``mapview parse`` and the page) and with demonyms mapped as their
country (``--demonyms``); the table shows both. Predictions of the development
corpora go to ``out/eval/<corpus>.jsonl`` and ``<corpus>.demonyms.jsonl``
(git-ignored) and are scored by ``../shared/eval/score.py``. The held-out
corpus (TUD-Loc-2013) is scored from a temporary directory that is then
deleted: only its totals are kept and printed, never its predictions or
errors. The corpora are read where they are; nothing from them is copied into
the repository (a ``--limit`` subset of the gold file is written to a
temporary directory). On a full run the table replaces the part of
``docs/evaluation.md`` between its ``results`` markers (``recognition``
markers with ``--recognition-only``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from mapview.records import ParsedDocument

Scores = dict[str, dict[str, Any]]
"""A corpus's scores by setting: ``"default"`` (demonyms left out) and ``"demonyms"`` (mapped)."""
Row = tuple[Scores, int, float]
"""A corpus's scores, documents and seconds."""

CORPORA = ("lgl", "geovirus", "geocorpora", "tud-loc2013")
DEVELOPMENT = ("lgl", "geovirus", "geocorpora")
"""Used for development: the rules were written while looking at these three."""
HELD_OUT = frozenset({"tud-loc2013"})
"""Never looked at beyond its totals: its predictions are scored in a temporary directory and deleted."""
SETTINGS = ("default", "demonyms")

# End-to-end figures from ../shared/eval/README.md (EUPEG benchmark, Wang & Hu 2019).
PUBLISHED = {
    "Edinburgh Geoparser": {"lgl": (0.501, 0.819), "geovirus": (0.678, 0.807), "geocorpora": (0.628, 0.848)},
    "CLAVIN / CLIFF": {"lgl": (0.573, 0.701), "geovirus": (0.750, 0.786), "geocorpora": (0.496, 0.913)},
    "CamCoder": {"lgl": (0.654, 0.717), "geovirus": (0.866, 0.770), "geocorpora": (0.647, 0.820)},
    "spaCy NER + GeoNames most-populous": {
        "lgl": (0.423, 0.561),
        "geovirus": (0.499, 0.698),
        "geocorpora": (0.562, 0.752),
    },
}
BEST_RECOGNIZER = {"lgl": ".677 (Stanford)", "geovirus": ".917 (DM_NLP)", "geocorpora": ".763 (DM_NLP)"}
SECTIONS = {False: "results", True: "recognition"}  # markers in docs/evaluation.md, by --recognition-only


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="corpus to run (repeatable; default all)")
    parser.add_argument("--limit", type=int, help="only the first N documents of each corpus (quick runs)")
    parser.add_argument("--processes", type=int, default=1, help="worker processes for recognition")
    parser.add_argument("--recognition-only", action="store_true", help="score recognition alone (no coordinates)")
    parser.add_argument(
        "--demonyms", action="store_true", help="show the figures with demonyms mapped first (both are always scored)"
    )
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "eval", help="predictions and scores")
    parser.add_argument(
        "--markdown",
        type=Path,
        default=ROOT / "docs" / "evaluation.md",
        help="file whose results section is replaced (full runs only)",
    )
    args = parser.parse_args(argv)
    corpora = args.corpus or list(CORPORA)
    args.out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, Row] = {}
    _warm_up()  # load spaCy and the gazetteer before the clock starts
    for corpus in corpora:
        with tempfile.TemporaryDirectory() as tmp:
            gold = args.eval_dir / f"{corpus}.jsonl"
            if args.limit:
                gold = _head(gold, args.limit, Path(tmp) / gold.name)
            where = Path(tmp) if corpus in HELD_OUT else args.out
            preds = {setting: where / _file_name(corpus, setting) for setting in SETTINGS}
            started = time.perf_counter()
            count = _predict(gold, preds, processes=args.processes, recognition_only=args.recognition_only)
            seconds = time.perf_counter() - started
            scores = {
                setting: _score(
                    args.eval_dir / "score.py", gold, pred, args.out / _file_name(corpus, setting, "score.json")
                )
                for setting, pred in preds.items()
            }
            rows[corpus] = (scores, count, seconds)
            print(f"{corpus}: {count} documents in {seconds:.1f} s", file=sys.stderr)
    table = markdown(rows, args)
    print(table)
    if args.limit is None and args.corpus is None:
        _replace_section(args.markdown, table, SECTIONS[args.recognition_only])
        print(f"wrote {args.markdown}", file=sys.stderr)
    return 0


def _file_name(corpus: str, setting: str, suffix: str = "jsonl") -> str:
    return f"{corpus}.{suffix}" if setting == "default" else f"{corpus}.{setting}.{suffix}"


def _warm_up() -> None:
    import mapview

    list(mapview.parse_documents([mapview.Document(id="warm-up", text="Fighting in Herat.")], processes=1))


def _head(gold: Path, limit: int, target: Path) -> Path:
    with gold.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as dst:
        for number, line in enumerate(src):
            if number >= limit:
                break
            dst.write(line)
    return target


def _predict(gold: Path, preds: dict[str, Path], *, processes: int, recognition_only: bool) -> int:
    """Parse ``gold``'s documents once; write each setting's predictions; the count of documents."""
    import mapview
    from mapview.export import to_eval_record

    parsed: Iterable[ParsedDocument] = mapview.parse_documents(
        mapview.load_documents([gold]), processes=processes, progress=True
    )
    count = 0
    files = {setting: path.open("w", encoding="utf-8") for setting, path in preds.items()}
    try:
        for document in parsed:
            count += 1
            for setting, fp in files.items():
                record = to_eval_record(document, include_demonyms=setting == "demonyms")
                if recognition_only:
                    _withhold_coordinates(record)
                fp.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        for fp in files.values():
            fp.close()
    return count


def _withhold_coordinates(record: dict[str, Any]) -> None:
    """Recognition alone: the mentions exported, their coordinates not (so only spans are scored)."""
    for toponym in record["toponyms"]:
        toponym.update(lat=None, lon=None, geonameid=None)


def _score(scorer: Path, gold: Path, pred: Path, out: Path) -> dict[str, Any]:
    subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), "--json", str(out)], check=True, stdout=subprocess.DEVNULL
    )
    metrics: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return metrics


def markdown(rows: dict[str, Row], args: argparse.Namespace) -> str:
    """The results as Markdown: our figures in both demonym settings, then the published ones beside them."""
    mode = "the recognizer alone, no coordinates" if args.recognition_only else "the whole pipeline"
    flags = " --recognition-only" if args.recognition_only else ""
    flags += " --demonyms" if args.demonyms else ""
    flags += f" --limit {args.limit}" if args.limit else ""
    flags += f" --processes {args.processes}" if args.processes != 1 else ""
    first, other = ("demonyms", "default") if args.demonyms else ("default", "demonyms")
    named = {"default": "demonyms left out (default)", "demonyms": "demonyms mapped (`--demonyms`)"}
    lines = [
        f"`.venv/bin/python scripts/evaluate.py{flags}`: {mode}, {time.strftime('%Y-%m-%d')}.",
        f"Main columns: {named[first]}; the last column: F1 / acc@161 with {named[other]}.",
        "",
        "| corpus | docs | P | R | F1 (exact) | acc@161 | mean km | median km | AUC | docs/s "
        f"| {other}: F1 / acc@161 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for corpus, (scores, count, seconds) in rows.items():
        rec, res = scores[first]["recognition_exact"], scores[first]["resolution_exact_span"]
        alt_f1 = scores[other]["recognition_exact"]["f1"]
        alt_acc = scores[other]["resolution_exact_span"].get("acc@161")
        name = f"{corpus} (held out)" if corpus in HELD_OUT else corpus
        lines.append(
            f"| {name} | {count} | {rec['precision']:.3f} | {rec['recall']:.3f} | **{rec['f1']:.3f}** "
            f"| {_num(res.get('acc@161'), 3)} | {_num(res.get('mean_km'), 0)} | {_num(res.get('median_km'), 1)} "
            f"| {_num(res.get('auc'), 3)} | {count / seconds:.1f} | {alt_f1:.3f} / {_num(alt_acc, 3)} |"
        )
    published = [c for c in rows if c in BEST_RECOGNIZER]
    if published:
        lines += [
            "",
            "Published end-to-end figures on the same corpora (F1 / acc@161; EUPEG, Wang & Hu 2019):",
            "",
            "| system | " + " | ".join(published) + " |",
            "|---|" + "---|" * len(published),
        ]
        for system, figures in PUBLISHED.items():
            cells = " | ".join(f"{figures[c][0]:.3f} / {figures[c][1]:.3f}" for c in published)
            lines.append(f"| {system} | {cells} |")
        lines.append("| best recognizer (F1 only) | " + " | ".join(BEST_RECOGNIZER[c] for c in published) + " |")
    return "\n".join(lines) + "\n"


def _num(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _replace_section(path: Path, table: str, section: str) -> None:
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Evaluation\n"
    if start not in text or end not in text:
        text = text.rstrip("\n") + f"\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    path.write_text(f"{head}{start}\n{table}{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
