"""``python -m gazetteer``: build the index, look names up.

Exit status: 0 done, 1 no place has that name, 2 a usage or set-up error (a bad
option, a source not installed, an index that cannot be built or read): one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gazetteer.exc import GazetteerError
from gazetteer.lookup import Gazetteer
from gazetteer.place import KINDS
from gazetteer.store import default_index_path, ensure_index

EXIT_NOT_FOUND = 1
EXIT_ERROR = 2


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (see the module docstring)."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except GazetteerError as exc:
        print(f"gazetteer: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _build(args: argparse.Namespace) -> int:
    path, reason = ensure_index(args.index, progress=not args.quiet, force=not args.if_needed)
    if reason is None:
        print(f"index is current: {path}")
        return 0
    print(f"built {path} ({reason})")
    info = Gazetteer(path).build_info()
    shapes = info.get("shapes") or {}
    print(f"places: {', '.join(f'{n} {k}' for k, n in (info.get('counts') or {}).items())}")
    print(
        f"shapes: {shapes.get('shapes')} places with a shape ({shapes.get('bytes', 0) / 1e6:.1f} MB, "
        f"tolerance {shapes.get('tolerance')}°); Natural Earth admin-1 features: {shapes.get('features')}, "
        f"matched by GeoNames id {shapes.get('matched_by_geonameid')}, by ISO code {shapes.get('matched_by_iso')}, "
        f"by name {shapes.get('matched_by_name')}, unmatched {shapes.get('unmatched')}, "
        f"repaired {shapes.get('repaired')}, skipped {shapes.get('skipped')}"
    )
    return 0


def _lookup(args: argparse.Namespace) -> int:
    places = Gazetteer(args.index, progress=True).lookup(
        args.name, country=args.country, kinds=args.kind, limit=args.limit
    )
    if args.json:
        fields = [{k: v for k, v in p.to_dict().items() if k != "alternate_names"} for p in places]
        print(json.dumps(fields, ensure_ascii=False, indent=2))
    elif not places:
        print(f"no place named {args.name!r}", file=sys.stderr)
        return EXIT_NOT_FOUND
    for p in places if not args.json else ():
        where = ", ".join(x for x in (p.admin1, p.country_code) if x)
        shown = p.name if p.display_name == p.name else f"{p.display_name} [{p.name}]"
        print(
            f"{p.score:7.3f}  {p.kind:<9} {shown} ({where})  {p.lat:.5f}, {p.lon:.5f}  "
            f"pop {p.population or '-'}  [{p.matched_by}] {p.id}"
        )
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
