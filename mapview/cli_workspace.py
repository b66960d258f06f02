"""The workspace commands of the CLI: ``ingest`` (parse into a workspace) and ``export`` (write from one).

python -m mapview ingest PATH... --workspace FILE [--processes N | --dask ADDRESS]
python -m mapview export --workspace FILE [-o OUT] [--format F] [--doc ID]... [--from D] [--to D]
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from mapview.exc import MapviewError


def add_commands(sub: Any) -> None:
    """Add ``ingest`` and ``export`` to the CLI's subparsers."""
    from mapview.workspace.exports import WORKSPACE_FORMATS

    ingest = sub.add_parser("ingest", help="parse documents into a workspace (only what is new or changed)")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder, or a .jsonl of records")
    ingest.add_argument("--workspace", "-w", required=True, metavar="FILE", help="the workspace (created if missing)")
    engine = ingest.add_mutually_exclusive_group()
    engine.add_argument(
        "--processes",
        type=int,
        default=None,
        metavar="N",
        help="parsing processes on this machine (default: every core)",
    )
    engine.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="parse on a dask.distributed cluster (scheduler address, e.g. tcp://host:8786)",
    )
    ingest.add_argument(
        "--batch-size",
        type=int,
        default=None,
        metavar="N",
        help="documents committed together (default 64): a killed run loses at most one batch",
    )
    ingest.add_argument(
        "--reparse", action="store_true", help="parse every document again, even unchanged ones (corrections are kept)"
    )
    ingest.add_argument(
        "--progress",
        choices=("bar", "json", "none"),
        default="bar",
        help="a progress bar on stderr (default), JSON lines on stdout, or nothing",
    )
    ingest.set_defaults(run=_ingest)

    export = sub.add_parser("export", help="write a workspace's places and mentions (what a filter selects)")
    export.add_argument("--workspace", "-w", required=True, metavar="FILE", help="the workspace to read")
    export.add_argument(
        "-o", "--output", help="output file, replaced only when the export succeeds (default: standard output)"
    )
    export.add_argument(
        "--format",
        choices=WORKSPACE_FORMATS,
        help="default: from the output's suffix (.geojson .csv .kml .lpf.json), else jsonl",
    )
    export.add_argument("--bom", action="store_true", help="start a CSV with a UTF-8 byte-order mark (for Excel)")
    export.add_argument("--doc", action="append", metavar="ID", help="only this document (repeatable)")
    export.add_argument("--from", dest="date_from", metavar="DATE", help="documents dated on or after DATE")
    export.add_argument("--to", dest="date_to", metavar="DATE", help="documents dated on or before DATE")
    export.add_argument("--no-undated", action="store_true", help="leave out documents without a date")
    add_demonyms_option(export)
    add_geometry_option(export)
    export.set_defaults(run=_export)


def add_demonyms_option(parser: argparse.ArgumentParser) -> None:
    """``--demonyms``: the one switch that maps demonyms as their country (see :mod:`mapview.export`)."""
    parser.add_argument(
        "--demonyms",
        action="store_true",
        help="map demonyms ('Syrian forces', 'a Canadian') as their country, labelled 'demonym' (default: left out)",
    )


def add_geometry_option(parser: argparse.ArgumentParser) -> None:
    """``--geometry shape|point``: how a command's GeoJSON, LPF and KML draw countries and provinces."""
    parser.add_argument(
        "--geometry",
        choices=("shape", "point"),
        default="shape",
        help="countries and provinces as their outlines (default) or as points",
    )


def area_shapes(geometry: str) -> Any:
    """The shape source for ``--geometry`` (the gazetteer's outlines), or None for points only."""
    if geometry != "shape":
        return None
    from gazetteer import Gazetteer

    return Gazetteer().shapes


def _ingest(args: argparse.Namespace) -> int:
    from mapview.console import ConsoleReport
    from mapview.documents import load_documents
    from mapview.workspace import Workspace, ingest
    from mapview.workspace.ingest import BATCH_SIZE

    console = ConsoleReport()
    progress = _Progress(args.progress)
    parse = None
    if args.dask:
        from mapview.workspace.distributed import dask_parser

        parse = dask_parser(args.dask)
    if args.progress == "json":  # a known total lets the dashboard draw a real progress bar
        progress.total(sum(1 for _ in load_documents(args.paths, on_error=lambda error: None)))
    with Workspace.open(args.workspace, create=True) as workspace:
        documents = load_documents(args.paths, on_error=console.skip, on_notice=console.note)
        result = ingest(
            workspace,
            documents,
            processes=args.processes,
            parse=parse,
            on_progress=progress.update,
            batch_size=args.batch_size or BATCH_SIZE,
            reparse=args.reparse,
            on_error=console.skip,
            on_wait=lambda message: print(f"mapview: {message}", file=sys.stderr),
        )
    for doc_id, text in result.undated:
        print(
            f"mapview: undated: {doc_id}: the date {text!r} is not a date; kept as written, listed as undated",
            file=sys.stderr,
        )
    progress.finish(result)
    print(f"mapview: {args.workspace}: {result.summary()}", file=sys.stderr)
    return console.exit_code()


class _Progress:
    """Ingest progress as a bar on stderr, JSON lines on stdout (for the dashboard), or nothing."""

    def __init__(self, style: str) -> None:
        self.style = style
        self._bar: Any = None
        if style == "bar":
            from mapview.console import progress_bar

            self._bar = progress_bar(unit="doc", desc="parsing")

    def total(self, count: int) -> None:
        if self.style == "json":
            print(json.dumps({"total": count}), flush=True)

    def update(self, report: Any) -> None:
        if self._bar is not None:
            self._bar.update(report.parsed - self._bar.n)
        elif self.style == "json":
            print(
                json.dumps({"parsed": report.parsed, "unchanged": report.unchanged, "failed": report.failed}),
                flush=True,
            )

    def finish(self, report: Any) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self.style == "json":
            print(
                json.dumps(
                    {
                        "done": True,
                        "parsed": report.parsed,
                        "unchanged": report.unchanged,
                        "failed": report.failed,
                        "summary": report.summary(),
                    }
                ),
                flush=True,
            )


def _export(args: argparse.Namespace) -> int:
    from mapview.dates import normalize_date
    from mapview.output import atomic_output
    from mapview.workspace import Selection, Workspace
    from mapview.workspace.exports import export_text

    dates: dict[str, str | None] = {}
    for name in ("date_from", "date_to"):
        value = getattr(args, name)
        dates[name] = None if value is None else normalize_date(value)
        if value is not None and dates[name] is None:
            raise MapviewError(f"--{name.removeprefix('date_')} {value!r} is not a date (YYYY-MM-DD)")
    selection = Selection(
        only=None if not args.doc else frozenset(args.doc),
        undated=not args.no_undated,
        demonyms=args.demonyms,
        date_from=dates["date_from"],
        date_to=dates["date_to"],
    )
    fmt = args.format or output_format(args.output)
    with Workspace.open(args.workspace) as workspace:  # read-only when it cannot be written
        text = export_text(workspace, selection, fmt, bom=args.bom, shapes=area_shapes(args.geometry))
    if args.output is None:
        sys.stdout.write(text)
    else:
        with atomic_output(args.output) as out:
            out.write(text)
    return 0


def output_format(path: str | None) -> str:
    """The export format an output file name implies (jsonl when it implies none)."""
    name = (path or "").lower()
    suffixes = {
        ".lpf.json": "lpf",
        ".jsonl": "jsonl",
        ".geojson": "geojson",
        ".json": "geojson",
        ".csv": "csv",
        ".kml": "kml",
    }
    return next((fmt for suffix, fmt in suffixes.items() if name.endswith(suffix)), "jsonl")
