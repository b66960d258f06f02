#!/usr/bin/env python3
"""Throughput of the geoparser on LGL: documents/s and words/s with 1 and 2 processes, peak memory.

    .venv/bin/python benchmarks/throughput.py                 # whole pipeline, 1 and 2 processes
    .venv/bin/python benchmarks/throughput.py --stage recognize --processes 1

Each configuration runs in a fresh interpreter, so its peak memory is its own.
Loading spaCy and opening the gazetteer happen before the clock starts (one
warm-up document); the peak memory includes them. The clock is wall time; CPU
time (this process and its workers) is printed beside it, since a busy machine
slows the wall clock but not the CPU seconds spent.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LGL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, action="append", help="process counts (default 1 and 2)")
    parser.add_argument("--stage", choices=("pipeline", "recognize"), default="pipeline")
    parser.add_argument("--corpus", type=Path, default=LGL, help="a JSONL file of documents with 'text'")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(_measure(args.corpus, args.processes[0], args.stage, args.limit)))
        return 0
    print(f"{args.stage} on {args.corpus.name}")
    print(
        f"{'processes':>9} {'docs':>6} {'words':>8} {'wall s':>7} {'docs/s':>7} {'words/s':>8}"
        f" {'CPU s':>6} {'peak MB':>8}"
    )
    for processes in args.processes or [1, 2]:
        command = [
            sys.executable,
            __file__,
            "--one",
            "--processes",
            str(processes),
            "--stage",
            args.stage,
            "--corpus",
            str(args.corpus),
        ] + (["--limit", str(args.limit)] if args.limit else [])
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        print(
            f"{processes:>9} {result['docs']:>6} {result['words']:>8} {result['seconds']:>7.1f} "
            f"{result['docs'] / result['seconds']:>7.1f} {result['words'] / result['seconds']:>8.0f} "
            f"{result['cpu_seconds']:>6.1f} {result['peak_mb']:>8.0f}"
        )
    return 0


def _measure(corpus: Path, processes: int, stage: str, limit: int | None) -> dict:
    from mapview.documents import load_documents
    from mapview.records import Document

    documents = list(load_documents([corpus]))[:limit]
    words = sum(len(d.text.split()) for d in documents)
    run = _pipeline_runner() if stage == "pipeline" else _recognizer_runner()
    run([Document(id="warm-up", text="Fighting in Herat and Kabul.")], 1)
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    count = run(documents, processes)
    seconds = time.perf_counter() - started
    return {
        "docs": count,
        "words": words,
        "seconds": seconds,
        "cpu_seconds": _cpu_seconds() - cpu_before,
        "peak_mb": _peak_mb(),
    }


def _pipeline_runner():
    from mapview.pipeline import Geoparser

    geoparser = Geoparser()

    def run(documents: list, processes: int) -> int:
        return sum(1 for _ in geoparser.parse_many(documents, processes=processes))

    return run


def _recognizer_runner():
    from gazetteer import Gazetteer
    from mapview.recognize import Recognizer
    from mapview.sentences import split_sentences

    recognizer = Recognizer.from_gazetteer(Gazetteer())

    def run(documents: list, processes: int) -> int:
        items = ((d.text, split_sentences(d.text)) for d in documents)
        return sum(1 for _ in recognizer.recognize_many(items, n_process=processes))

    return run


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb() -> float:
    # ru_maxrss is in KiB on Linux; for children it is the largest single worker. Main plus largest worker is
    # the figure printed; with N workers the whole run stays below main + N x worker.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


if __name__ == "__main__":
    raise SystemExit(main())
