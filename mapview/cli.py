"""``python -m mapview parse PATH... [-o OUT] [--format jsonl|geojson|csv]``."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path

from gazetteer import GazetteerError

from mapview.cli_workspace import add_commands
from mapview.documents import load_documents
from mapview.exc import DocumentError, MapviewError
from mapview.export import EXPORT_FORMATS, write

_SUFFIX_FORMAT = {".jsonl": "jsonl", ".geojson": "geojson", ".json": "geojson", ".csv": "csv"}


def main(argv: list[str] | None = None) -> int:
    """Run the CLI. Exit 0 when every file parsed, 1 when some were skipped (each named on
    stderr; the rest are written), 2 on a usage or setup error."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (MapviewError, GazetteerError, OSError) as exc:
        print(f"mapview: error: {exc}", file=sys.stderr)
        return 2


def _parse(args: argparse.Namespace) -> int:
    from mapview.pipeline import parse_documents

    fmt = args.format or _SUFFIX_FORMAT.get(Path(args.output).suffix.lower() if args.output else "", "jsonl")
    if fmt not in EXPORT_FORMATS:
        raise MapviewError(f"unknown format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")
    skipped: list[DocumentError] = []

    def report(error: DocumentError) -> None:
        skipped.append(error)
        print(f"mapview: skipped: {error}", file=sys.stderr)

    documents = load_documents(args.paths, on_error=report)
    parsed = parse_documents(documents, processes=args.processes, progress=not args.quiet)
    target = open(args.output, "w", encoding="utf-8", newline="") if args.output else nullcontext(sys.stdout)
    with target as fp:
        write(parsed, fp, fmt)
    return 1 if skipped else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mapview", description="Find and map the places documents name.")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    parse = sub.add_parser("parse", help="geoparse files, folders or JSONL corpora")
    parse.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder, or a .jsonl of records with 'text'")
    parse.add_argument("-o", "--output", help="output file (default: standard output)")
    parse.add_argument("--format", choices=EXPORT_FORMATS, help="default: from the output's suffix, else jsonl")
    parse.add_argument("--processes", type=int, default=1, help="recognition worker processes (default 1)")
    parse.add_argument("--quiet", action="store_true", help="no progress bar")
    parse.set_defaults(run=_parse)
    add_commands(sub)
    return parser
