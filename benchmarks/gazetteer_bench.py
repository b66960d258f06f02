"""Gazetteer benchmark: build time, size, shapes, cold open, lookup and containing latency, coverage ceiling.

Usage: ``.venv/bin/python benchmarks/gazetteer_bench.py [--eval-dir ../shared/eval] [--limit 10]``

The coverage ceiling of a corpus is the share of gold toponyms with coordinates
for which ``lookup(name, limit=LIMIT)`` returns, among its candidates, one within
161 km of the gold point: the best any resolver on this gazetteer could score.
The build is timed in a fresh temporary cache; the rest uses that same index.
Shapes: how many places have one, how many Natural Earth outlines matched no place,
and the bytes the shape tables take in the index (SQLite's dbstat).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("lgl", "geovirus", "geocorpora", "tud-loc2013")
_CHILD = """
import resource, sys, time
t = time.perf_counter()
from gazetteer import Gazetteer
g = Gazetteer(sys.argv[1]); g.lookup("Kabul")
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
_BUILD = """
import resource, sys, time
from pathlib import Path
from gazetteer.store import ensure_index
t = time.perf_counter()
ensure_index(Path(sys.argv[1]), force=True)
usage = resource.getrusage(resource.RUSAGE_SELF)
print(time.perf_counter() - t, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


def gold_toponyms(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fp:
        return [t for line in fp for t in json.loads(line)["toponyms"] if t.get("lat") is not None]


def run_child(code: str, index: Path) -> tuple[float, ...]:
    out = subprocess.run(
        [sys.executable, "-c", code, str(index)], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    return tuple(float(v) for v in out)


def shapes_megabytes(index: Path) -> float:
    """Pages the shape tables take in the index file, in MB."""
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        size = db.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name IN "
            "('shapes', 'outline_places', 'sqlite_autoindex_outline_places_1')"
        ).fetchone()[0]
    except sqlite3.OperationalError:  # SQLite built without dbstat: the geometry bytes alone
        size = db.execute("SELECT sum(length(geometry)) FROM shapes").fetchone()[0]
    finally:
        db.close()
    return (size or 0) / 1e6


def percentiles(timings: list[float]) -> str:
    timings = sorted(timings)
    return f"p50 {timings[len(timings) // 2] * 1e6:7.1f} µs   p99 {timings[int(len(timings) * 0.99)] * 1e6:8.1f} µs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--limit", type=int, default=10, help="candidates per lookup (default 10)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from gazetteer import Gazetteer
    from gazetteer.distance import great_circle_km

    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "gazetteer.sqlite"
        build_s, build_kb, build_cpu = run_child(_BUILD, index)
        print(
            f"build time            {build_s:8.1f} s   ({build_cpu:.1f} s of CPU: the wall time grows when "
            f"the machine is shared; peak RSS {build_kb / 1024:.0f} MB)"
        )
        print(f"index size on disk    {index.stat().st_size / 1e6:8.1f} MB")
        gazetteer = Gazetteer(index)
        stats = gazetteer.build_info()["shapes"]
        print(
            f"shapes                {stats['shapes']:8d} places with a shape   (tolerance {stats['tolerance']}°, "
            f"{shapes_megabytes(index):.1f} MB of the index)"
        )
        print(
            f"outlines              {stats['features']:8d} Natural Earth admin-1 features: matched by GeoNames id "
            f"{stats['matched_by_geonameid']}, ISO code {stats['matched_by_iso']}, name {stats['matched_by_name']}; "
            f"unmatched {stats['unmatched']}; repaired {stats['repaired']}; skipped {stats['skipped']}"
        )
        opens = [run_child(_CHILD, index) for _ in range(3)]
        print(
            f"cold open + 1 lookup  {min(o[0] for o in opens):8.3f} s   (fresh process, best of 3; "
            f"peak RSS {opens[0][1] / 1024:.0f} MB)"
        )

        corpora = {
            name: gold_toponyms(args.eval_dir / f"{name}.jsonl")
            for name in CORPORA
            if (args.eval_dir / f"{name}.jsonl").is_file()
        }
        names = sorted({t["name"] for tops in corpora.values() for t in tops})
        timings = []
        for name in names:
            t = time.perf_counter()
            gazetteer.lookup(name, limit=args.limit)
            timings.append(time.perf_counter() - t)
        print(f"lookup latency        {percentiles(timings)}   ({len(names)} distinct gold names)")

        t = time.perf_counter()
        gazetteer.containing(31.58, 64.37)
        first = time.perf_counter() - t
        rng = random.Random(8)
        points = [(rng.uniform(-60, 75), rng.uniform(-180, 180)) for _ in range(2000)]
        timings = []
        for lat, lon in points:
            t = time.perf_counter()
            gazetteer.containing(lat, lon)
            timings.append(time.perf_counter() - t)
        print(
            f"containing latency    {percentiles(timings)}   (2,000 random points; first call, loading "
            f"every shape: {first:.2f} s)"
        )
        fresh = Gazetteer(index)
        ids = [p.id for p in fresh.countries()][:200] + [
            p.id for p in fresh.lookup("Afghanistan", kinds=["country"])[:1]
        ]
        ids += [
            pid
            for (pid,) in sqlite3.connect(index).execute(
                "SELECT id FROM places WHERE kind = 'admin1' AND country_code = 'AF'"
            )
        ]
        t = time.perf_counter()
        loaded = fresh.shapes(ids)
        print(
            f"shapes() batch        {time.perf_counter() - t:8.3f} s   ({len(loaded)} shapes: 200 countries and "
            f"the 34 Afghan provinces, cold)"
        )

        print(f"\ncoverage ceiling (a candidate within 161 km among the top {args.limit}):")
        print("| corpus | gold toponyms with coordinates | covered | ceiling |")
        print("|---|---|---|---|")
        for corpus, toponyms in corpora.items():
            cache: dict[str, list] = {}
            covered = 0
            for t in toponyms:
                places = cache.setdefault(t["name"], gazetteer.lookup(t["name"], limit=args.limit))
                covered += any(great_circle_km(t["lat"], t["lon"], p.lat, p.lon) <= 161 for p in places)
            print(f"| {corpus} | {len(toponyms)} | {covered} | {covered / len(toponyms):.3f} |")


if __name__ == "__main__":
    main()
