#!/usr/bin/env python3
"""Hostile and huge documents through the whole pipeline: seconds and peak memory (issue 13).

    .venv/bin/python benchmarks/robustness_bench.py                # every case
    .venv/bin/python benchmarks/robustness_bench.py --case dots    # one case

Each case writes its document to a file, then in a fresh interpreter loads
spaCy and the index (one warm-up document, not timed), reads the file with
the loaders and parses it as ``mapview parse`` does, on every core
(``--processes 1``: in that one process); a document over 256 KB is then
recognised in parts on the worker processes and joined (see
``Geoparser.split``). The time is that of reading and parsing (wall, and the
CPU seconds of the process and its workers beside it: the machine may be
busy); the peak memory is the process's plus its largest worker's. Targets: the 1 MB cases under 10 s,
the 20 MB document under a minute.
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
MB = 1 << 20


def _dots() -> tuple[str, str]:
    return "dots.txt", "Fighting in Kabul" + "." * MB + "x"


def _less_than() -> tuple[str, str]:
    return "lt.html", "<" * MB + "Kabul"


def _open_tags() -> tuple[str, str]:
    return "tags.html", "<a " * (MB // 3) + "Kabul"


def _paragraphs() -> tuple[str, str]:
    return "paragraphs.html", "<p>Shelling in Kabul." * (MB // 22)


def _real_20mb() -> tuple[str, str]:
    texts = [json.loads(line)["text"] for line in LGL.read_text(encoding="utf-8").split("\n") if line.strip()]
    parts, size = [], 0
    while size < 20 * MB:
        for text in texts:
            parts.append(text)
            size += len(text) + 2
            if size >= 20 * MB:
                break
    return "lgl-20mb.txt", "\n\n".join(parts)


CASES = {
    "dots": ("1 MB line of dots after a sentence", _dots),
    "lt": ("1 MB run of '<' as HTML", _less_than),
    "tags": ("1 MB of unclosed '<a ' tags as HTML", _open_tags),
    "paragraphs": ("1 MB of one-line HTML paragraphs", _paragraphs),
    "real20": ("20 MB of LGL texts in one document", _real_20mb),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", choices=sorted(CASES), action="append", help="cases to run (default: all)")
    parser.add_argument("--processes", type=int, help="worker processes (default: one per core)")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a child run on this file
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(_measure(args.one, args.processes)))
        return 0
    print(f"processes: {args.processes or os.cpu_count()}")
    print(f"{'case':<40} {'chars':>10} {'seconds':>8} {'CPU s':>7} {'peak MB':>8} {'mentions':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.case or list(CASES):
            label, make = CASES[name]
            if name == "real20" and not LGL.exists():
                print(f"{label:<40} skipped: {LGL} is not here")
                continue
            file_name, text = make()
            path = Path(folder) / file_name
            path.write_text(text, encoding="utf-8")
            del text
            command = [sys.executable, __file__, "--one", str(path)]
            command += ["--processes", str(args.processes)] if args.processes else []
            run = subprocess.run(command, capture_output=True, text=True)
            if run.returncode != 0:
                print(f"{label:<40} failed: {run.stderr.strip().splitlines()[-1:]}")
                continue
            result = json.loads(run.stdout)
            print(
                f"{label:<40} {result['chars']:>10} {result['seconds']:>8.1f} {result['cpu_seconds']:>7.1f} "
                f"{result['peak_mb']:>8.0f} "
                f"{result['mentions']:>8}"
            )
            stages = ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in result["main_stages"].items())
            print(f"{'':<4}of which this process: {result['main_cpu_seconds']:.1f} CPU s ({stages})")
    return 0


def _measure(path: Path, processes: int | None) -> dict[str, Any]:
    from mapview.documents import load_documents
    from mapview.pipeline import Geoparser
    from mapview.records import Document

    geoparser = Geoparser()
    list(geoparser.parse_many([Document(id="warm-up", text="Fighting in Herat and Kabul.")]))
    geoparser.clock.clear()
    geoparser.recognizer.clock.clear()
    started, cpu, own_cpu = time.perf_counter(), _cpu_seconds(), time.process_time()
    documents = list(load_documents([path]))
    parsed = list(geoparser.parse_many(documents, processes=processes))
    seconds = time.perf_counter() - started
    return {
        "chars": sum(len(d.text) for d in documents),
        "seconds": seconds,
        "cpu_seconds": _cpu_seconds() - cpu,
        "main_cpu_seconds": time.process_time() - own_cpu,
        "main_stages": {k: v for k, v in geoparser.stage_seconds().items() if v >= 0.05},
        "peak_mb": (_rusage(resource.RUSAGE_SELF).ru_maxrss + _rusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
        "mentions": sum(len(p.mentions) for p in parsed),
    }


def _rusage(who: int) -> resource.struct_rusage:
    return resource.getrusage(who)


def _cpu_seconds() -> float:
    own, workers = _rusage(resource.RUSAGE_SELF), _rusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


if __name__ == "__main__":
    raise SystemExit(main())
