"""``python -m mapview parse PATH... [-o OUT] [--format jsonl|geojson|csv] [--processes N]``."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing

from mapview import exit_codes
from mapview.cli_workspace import add_commands, add_demonyms_option, add_geometry_option, area_shapes, output_format
from mapview.export import EXPORT_FORMATS


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (see :mod:`mapview.exit_codes`)."""
    args = _parser().parse_args(argv)
    return exit_codes.guarded(lambda: args.run(args))


def _parse(args: argparse.Namespace) -> int:
    from mapview.console import ConsoleReport
    from mapview.documents import SUPPORTED_EXTENSIONS, load_documents
    from mapview.export import write
    from mapview.output import atomic_output, check_output_path
    from mapview.pipeline import parse_documents

    fmt = args.format or output_format(args.output)
    if args.output is not None:
        check_output_path(args.output, args.paths, read_extensions=SUPPORTED_EXTENSIONS)
    report = ConsoleReport()
    documents = load_documents(args.paths, on_error=report.skip, on_notice=report.note)
    stream = parse_documents(
        documents, processes=args.processes, progress=not args.quiet, on_error=report.skip, on_notice=report.note
    )
    with closing(stream):  # an interrupt or error stops the worker processes at once
        if args.output is None:
            write(
                report.counting(stream),
                sys.stdout,
                fmt,
                shapes=area_shapes(args.geometry),
                include_demonyms=args.demonyms,
            )
            return report.exit_code()
        with atomic_output(args.output) as out:
            demonyms = args.demonyms
            write(report.counting(stream), out, fmt, shapes=area_shapes(args.geometry), include_demonyms=demonyms)  # type: ignore[arg-type]
            if report.skipped and not report.done:
                out.discard()  # every input failed: an empty result must not replace the last good one
                print(f"mapview: nothing could be parsed: {args.output} was left as it was", file=sys.stderr)
    return report.exit_code()


def _processes(value: str) -> int:
    count = int(value)
    if count < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return count


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mapview",
        description="Find and map the places documents name.",
        epilog=exit_codes.HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    parse = sub.add_parser(
        "parse",
        help="geoparse files, folders or JSONL corpora",
        epilog=exit_codes.HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parse.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder, or a .jsonl of records with 'text'")
    parse.add_argument("-o", "--output", help="output file, replaced only when the run succeeds (default: stdout)")
    parse.add_argument("--format", choices=EXPORT_FORMATS, help="default: from the output's suffix, else jsonl")
    parse.add_argument(
        "--processes",
        type=_processes,
        default=None,
        metavar="N",
        help="parsing processes (default: one per core; 1 parses in this process)",
    )
    parse.add_argument("--quiet", action="store_true", help="no progress bar")
    add_demonyms_option(parse)
    add_geometry_option(parse)
    parse.set_defaults(run=_parse)
    add_commands(sub)
    return parser
