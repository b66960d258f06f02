#!/usr/bin/env python3
"""Throughput of the geoparser on LGL beside plain spaCy: documents/s, words/s, CPU by stage, peak memory.

    .venv/bin/python benchmarks/throughput.py                   # 1 and 2 processes, stages, spaCy beside
    .venv/bin/python benchmarks/throughput.py --processes 2 --no-reference
    .venv/bin/python benchmarks/throughput.py --whole-process    # `mapview parse` timed as a command

Each configuration runs in a fresh interpreter, so its peak memory is its own.
Loading spaCy and opening the gazetteer happen before the clock starts (one
warm-up document); the peak memory includes them. Every parsed document is
written as a JSONL line (the ``parse`` output) inside the clock. The clock is
wall time; CPU seconds (this process and its workers) are printed beside it,
since a busy machine slows the wall clock but not the CPU seconds spent. The
stages are CPU seconds of the one-process run.

The reference is plain spaCy: the English pipeline mapview uses
(``en_core_web_sm``), its full default pipeline, ``nlp.pipe`` over the same
texts in one process. ``--whole-process`` times whole commands instead, start-up
included: ``python -m mapview parse CORPUS -o FILE`` with its defaults (every
core), and a plain-spaCy script doing the same reading.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LGL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, action="append", help="process counts (default 1 and 2)")
    parser.add_argument("--corpus", type=Path, default=LGL, help="a JSONL file of documents with 'text'")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--no-reference", action="store_true", help="skip the plain spaCy run")
    parser.add_argument("--whole-process", action="store_true", help="time `mapview parse` and spaCy as commands")
    parser.add_argument("--one", choices=("pipeline", "spacy"), help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args(argv)
    if args.one == "pipeline":
        print(json.dumps(_measure_pipeline(args.corpus, args.processes[0], args.limit)))
        return 0
    if args.one == "spacy":
        print(json.dumps(_measure_spacy(args.corpus, args.limit, warm=not args.whole_process)))
        return 0
    if args.whole_process:
        return _whole_process(args)
    print(f"pipeline on {args.corpus.name} ({os.cpu_count()} cores)")
    print(
        f"{'run':<24} {'docs':>6} {'words':>8} {'wall s':>7} {'docs/s':>7} {'words/s':>8} {'CPU s':>6} {'peak MB':>8}"
    )
    results: dict[str, dict[str, Any]] = {}
    for processes in args.processes or [1, 2]:
        result = _child(args, "pipeline", ["--processes", str(processes)])
        results[f"mapview, {processes} process{'es' if processes > 1 else ''}"] = result
        _row(f"mapview, {processes} process{'es' if processes > 1 else ''}", result)
    if not args.no_reference:
        reference = _child(args, "spacy", [])
        _row("spaCy en_core_web_sm", reference)
        for name, result in results.items():
            ratio = (result["docs"] / result["seconds"]) / (reference["docs"] / reference["seconds"])
            print(f"{name}: {ratio:.1f}x plain spaCy's documents/s")
    staged = next((r for r in results.values() if r.get("stages")), None)
    if staged is not None:
        total = staged["cpu_seconds"]
        print("\nCPU seconds by stage, one process:")
        for stage, seconds in sorted(staged["stages"].items(), key=lambda item: -item[1]):
            print(f"  {stage:<22} {seconds:>6.2f}  {100 * seconds / total:>4.0f}%")
        rest = total - sum(staged["stages"].values())
        print(f"  {'other':<22} {rest:>6.2f}  {100 * rest / total:>4.0f}%")
    return 0


def _child(args: argparse.Namespace, one: str, extra: list[str]) -> dict[str, Any]:
    command = [sys.executable, __file__, "--one", one, "--corpus", str(args.corpus), *extra]
    command += ["--limit", str(args.limit)] if args.limit else []
    result: dict[str, Any] = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return result


def _row(name: str, result: dict[str, Any]) -> None:
    print(
        f"{name:<24} {result['docs']:>6} {result['words']:>8} {result['seconds']:>7.1f} "
        f"{result['docs'] / result['seconds']:>7.1f} {result['words'] / result['seconds']:>8.0f} "
        f"{result['cpu_seconds']:>6.1f} {result['peak_mb']:>8.0f}"
    )


def _documents(corpus: Path, limit: int | None) -> list[Any]:
    from mapview.documents import load_documents

    return list(load_documents([corpus]))[:limit]


def _measure_pipeline(corpus: Path, processes: int, limit: int | None) -> dict[str, Any]:
    from mapview.export import to_eval_record
    from mapview.pipeline import Geoparser
    from mapview.records import Document

    documents = _documents(corpus, limit)
    geoparser = Geoparser()
    list(geoparser.parse_many([Document(id="warm-up", text="Fighting in Herat and Kabul.")], processes=1))
    geoparser.clock.clear()
    geoparser.recognizer.clock.clear()
    writing = geoparser.clock
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    count = 0
    with tempfile.TemporaryFile("w", encoding="utf-8") as out:
        for parsed in geoparser.parse_many(documents, processes=processes):
            lap = writing.start()
            out.write(json.dumps(to_eval_record(parsed), ensure_ascii=False) + "\n")
            writing.lap("write", lap)
            count += 1
    seconds = time.perf_counter() - started
    return {
        "docs": count,
        "words": sum(len(d.text.split()) for d in documents),
        "seconds": seconds,
        "cpu_seconds": _cpu_seconds() - cpu_before,
        "peak_mb": _peak_mb(),
        "stages": geoparser.stage_seconds() if processes == 1 else None,
    }


def _measure_spacy(corpus: Path, limit: int | None, *, warm: bool) -> dict[str, Any]:
    started = time.perf_counter()
    cpu_before = _cpu_seconds()
    nlp = _plain_spacy()
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").split("\n") if line.strip()]
    texts = texts[:limit]
    if warm:  # loading before the clock, as for mapview
        nlp("Fighting in Herat and Kabul.")
        started, cpu_before = time.perf_counter(), _cpu_seconds()
    count = sum(1 for doc in nlp.pipe(texts) if doc.ents is not None)
    return {
        "docs": count,
        "words": sum(len(t.split()) for t in texts),
        "seconds": time.perf_counter() - started,
        "cpu_seconds": _cpu_seconds() - cpu_before,
        "peak_mb": _peak_mb(),
        "pipes": nlp.pipe_names,
    }


def _plain_spacy() -> Any:
    import importlib

    from mapview.recognize.model import PIPELINE_PACKAGES

    for name in PIPELINE_PACKAGES:
        try:
            return importlib.import_module(name).load()  # every component of its default pipeline
        except ImportError:
            continue
    raise SystemExit("no English spaCy pipeline installed")


def _whole_process(args: argparse.Namespace) -> int:
    """``mapview parse`` and plain spaCy as whole commands, start-up included (wall and CPU of the command)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.jsonl"
        corpus = args.corpus
        if args.limit:
            corpus = Path(folder) / corpus.name
            lines = args.corpus.read_text(encoding="utf-8").split("\n")[: args.limit]
            corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        spacy_script = [sys.executable, __file__, "--one", "spacy", "--whole-process", "--corpus", str(corpus)]
        commands = {
            "mapview parse (defaults)": [sys.executable, "-m", "mapview", "parse", str(corpus), "-o", str(out)],
            "plain spaCy script": spacy_script,
        }
        docs = sum(1 for line in corpus.read_text(encoding="utf-8").split("\n") if line.strip())
        print(f"whole processes on {corpus.name}: {docs} documents, start-up included ({os.cpu_count()} cores)")
        print(f"{'command':<26} {'wall s':>7} {'docs/s':>7} {'CPU s':>6}")
        walls = {}
        for name, command in commands.items():
            cpu_before = _children_cpu()
            started = time.perf_counter()
            subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls[name] = time.perf_counter() - started
            print(f"{name:<26} {walls[name]:>7.1f} {docs / walls[name]:>7.1f} {_children_cpu() - cpu_before:>6.1f}")
        ratio = walls["plain spaCy script"] / walls["mapview parse (defaults)"]
        print(f"mapview parse: {ratio:.1f}x faster than plain spaCy, as whole processes")
        print(f"command: {' '.join(['python', '-m', 'mapview', 'parse', args.corpus.name, '-o', 'out.jsonl'])}")
    return 0


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _children_cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def _peak_mb() -> float:
    # ru_maxrss is in KiB on Linux; for children it is the largest single worker. Main plus largest worker is
    # the figure printed; with N workers the whole run stays below main + N x worker.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


if __name__ == "__main__":
    raise SystemExit(main())
