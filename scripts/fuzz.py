#!/usr/bin/env python3
"""``make fuzz``: 10,000 generated and mutated documents through the loaders, the pipeline and the CLI.

    .venv/bin/python scripts/fuzz.py                      # 10,000 documents, seed 13
    .venv/bin/python scripts/fuzz.py --documents 500 --seed 7 --show 5

Every input is read and parsed in this process, file by file (crashes,
inputs over 60 s, units that gave neither a document nor a message); every
``--cli-every``-th batch is also run as a folder through ``python -m mapview
parse --processes 2`` (exit code, no traceback, within the time limit, and
as many records written as this process parsed). Prints the counts and exits
1 when any is not 0. The inputs classes are in ``tests/fuzz_support.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz_support import FuzzFile, Tally, batches, run_batch, write_batch  # noqa: E402

CLI_TIMEOUT = 600


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000, help="documents to generate (default 10,000)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch", type=int, default=50, help="files per folder")
    parser.add_argument("--cli-every", type=int, default=10, help="run the CLI on every N-th folder (0: never)")
    parser.add_argument("--hang-seconds", type=float, default=60.0)
    parser.add_argument("--show", type=int, default=3, help="problems of each kind to print")
    args = parser.parse_args(argv)

    from mapview.pipeline import Geoparser

    geoparser = Geoparser().load()
    tally = Tally()
    cli_runs: list[int] = []
    started = time.perf_counter()
    for number, files in enumerate(batches(args.seed, args.documents, args.batch), 1):
        with tempfile.TemporaryDirectory() as folder:
            write_batch(Path(folder), files)
            run_batch(Path(folder), files, geoparser, tally, hang_seconds=args.hang_seconds)
            if args.cli_every and number % args.cli_every == 0:
                cli_runs.append(_cli_run(Path(folder), files, geoparser, tally))
        if sys.stderr.isatty():
            print(f"\r{tally.documents} documents, {time.perf_counter() - started:.0f} s", end="", file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for title, problems in (("crash", tally.crashes), ("hang", tally.hangs), ("loss", tally.losses)):
        for problem in problems[: args.show]:
            print(f"--- {title}: {problem}")
    print(f"fuzz (seed {args.seed}): {tally.line()}")
    print(
        f"CLI runs with --processes 2: {len(cli_runs)}, exit codes {sorted(set(cli_runs))}; "
        f"{time.perf_counter() - started:.0f} s in all"
    )
    return 1 if tally.crashes or tally.hangs or tally.losses else 0


def _cli_run(folder: Path, files: list[FuzzFile], geoparser: object, tally: Tally) -> int:
    """Parse the folder with the CLI on two processes; it must write what this process parsed."""
    from mapview.documents import load_documents

    expected = sum(
        1
        for _ in geoparser.parse_many(  # type: ignore[attr-defined]
            load_documents([folder], on_error=lambda e: None), processes=1, on_error=lambda e: None
        )
    )
    with tempfile.TemporaryDirectory() as out_folder:
        out = Path(out_folder) / "out.jsonl"
        command = [sys.executable, "-m", "mapview", "parse", str(folder), "-o", str(out), "--processes", "2", "--quiet"]
        started = time.perf_counter()
        try:
            run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=CLI_TIMEOUT)
        except subprocess.TimeoutExpired:
            tally.hangs.append(f"CLI on {folder}: over {CLI_TIMEOUT} s")
            return -1
        seconds = time.perf_counter() - started
        if run.returncode not in (0, 1) or "Traceback" in run.stderr:
            tally.crashes.append(f"CLI on {folder}: exit {run.returncode}\n{run.stderr[-3000:]}")
            return run.returncode
        written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
        if len(written) != expected:
            tally.losses.append(f"CLI on {folder}: wrote {len(written)} documents, the library parsed {expected}")
        tally.slowest = max(tally.slowest, (seconds, f"CLI on a folder of {len(files)} files"))
        return run.returncode


if __name__ == "__main__":
    raise SystemExit(main())
