#!/usr/bin/env python3
"""Cost of resolution alone: the resolver over mentions recognized once, cold and warm.

    .venv/bin/python benchmarks/resolver_bench.py                 # LGL, every document
    .venv/bin/python benchmarks/resolver_bench.py --corpus FILE --limit 100

The documents are recognized first (not timed). Then one resolver resolves them
all twice: the first pass is cold (every name looked up, shapely imported if a
shape is read, containment answers computed), the second warm (names' candidates
and containment answers cached). Times are CPU seconds of this process, so a busy
machine changes them less than the wall clock.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LGL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=LGL, help="a JSONL file of documents with 'text'")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    args = parser.parse_args(argv)

    from gazetteer import Gazetteer
    from mapview.documents import load_documents
    from mapview.recognize import Recognizer
    from mapview.resolve import Resolver
    from mapview.sentences import split_sentences

    documents = list(load_documents([args.corpus]))[: args.limit]
    gazetteer = Gazetteer()
    recognizer = Recognizer.from_gazetteer(gazetteer)
    items = ((d.text, split_sentences(d.text)) for d in documents)
    recognized = [(d.text, list(m)) for d, m in zip(documents, recognizer.recognize_many(items))]
    count = sum(len(m) for _, m in recognized)
    resolver = Resolver(gazetteer)
    print(f"resolution of {count} mentions in {len(recognized)} documents of {args.corpus.name}")
    print(f"{'pass':>5} {'CPU s':>7} {'µs/mention':>11}")
    for name in ("cold", "warm"):
        started = time.process_time()
        for text, mentions in recognized:
            resolver.resolve(text, mentions)
        seconds = time.process_time() - started
        print(f"{name:>5} {seconds:>7.3f} {seconds / max(count, 1) * 1e6:>11.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
