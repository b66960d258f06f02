"""``python -m gazetteer``: build the index, look names up."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gazetteer.exc import GazetteerError
from gazetteer.lookup import Gazetteer
from gazetteer.place import KINDS
from gazetteer.store import default_index_path, ensure_index


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (errors print one clean line, status 1)."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except GazetteerError as exc:
        print(f"gazetteer: error: {exc}", file=sys.stderr)
        return 1


def _build(args: argparse.Namespace) -> int:
    path, reason = ensure_index(args.index, progress=not args.quiet, force=not args.if_needed)
    if reason is None:
        print(f"index is current: {path}")
    else:
        print(f"built {path} ({reason})")
    return 0


def _lookup(args: argparse.Namespace) -> int:
    places = Gazetteer(args.index, progress=True).lookup(
        args.name, country=args.country, kinds=args.kind, limit=args.limit)
    if args.json:
        fields = [{k: v for k, v in p.to_dict().items() if k != "alternate_names"} for p in places]
        print(json.dumps(fields, ensure_ascii=False, indent=2))
    elif not places:
        print(f"no place named {args.name!r}", file=sys.stderr)
        return 1
    for p in places if not args.json else ():
        where = ", ".join(x for x in (p.admin1, p.country_code) if x)
        print(f"{p.score:7.3f}  {p.kind:<9} {p.name} ({where})  {p.lat:.5f}, {p.lon:.5f}  "
              f"pop {p.population or '-'}  [{p.matched_by}] {p.id}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gazetteer", description=__doc__)
    parser.add_argument("--index", type=Path, help=f"index file (default {default_index_path()})")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    build = sub.add_parser("build", help="compile the index from the installed data packages")
    build.add_argument("--if-needed", action="store_true", help="only when missing, stale or corrupt")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.set_defaults(run=_build)
    lookup = sub.add_parser("lookup", help="places a name may refer to, best first")
    lookup.add_argument("name")
    lookup.add_argument("--country", help="ISO 3166-1 alpha-2 code to restrict to")
    lookup.add_argument("--kind", action="append", choices=KINDS, help="restrict to a kind (repeatable)")
    lookup.add_argument("--limit", type=int, default=10)
    lookup.add_argument("--json", action="store_true", help="print a JSON list")
    lookup.set_defaults(run=_lookup)
    return parser
