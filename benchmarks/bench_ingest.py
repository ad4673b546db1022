"""Ingest speed and store size: `cablebot ingest` of synthetic Markdown cables.

Writes n synthetic cables (benchmarks/synthetic.py, turned into Markdown with YAML front
matter) into a folder, then times Library.ingest_paths on that folder into a new store, as
`cablebot ingest FOLDER` does (seed cables loaded first, not timed). Prints documents a
second, CPU milliseconds a cable of this (writing) process and of the parsing workers,
peak memory of this process and its children (resource.getrusage, MB), and the
store's bytes per cable: the SQLite file (documents table apart) and the tantivy index,
against the text the cables hold (their files' bytes).

    .venv/bin/python benchmarks/bench_ingest.py            # 10,000 cables
    .venv/bin/python benchmarks/bench_ingest.py -n 2000 --profile   # cProfile top 25
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import documents, remove_store, store_size  # noqa: E402

from knowledge.library import Library  # noqa: E402


def markdown(text: str) -> str:
    """A synthetic key-value cable as Markdown: its header lines become YAML front matter."""
    head, _, body = text.partition("\n\n")
    keys = {"Title": "title", "Date": "date", "Source": "source", "Description": "description",
            "Record ID": "record_id"}  # fmt: skip
    front = []
    for line in head.splitlines():
        key, _, value = line.partition(": ")
        if key in keys:
            front.append(f"{keys[key]}: {_quoted(value)}")
    return "---\n" + "\n".join(front) + "\n---\n\n" + body


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_cables(folder: Path, n: int) -> int:
    """n Markdown cables in folder; returns their bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for k, (_spec, text) in enumerate(documents(n)):
        data = markdown(text).encode()
        (folder / f"{k:06d}.md").write_bytes(data)
        total += len(data)
    return total


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def table_bytes(db: Path) -> dict[str, int]:
    """Bytes each table (with its indexes) takes, from SQLite's dbstat, if compiled in."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT coalesce(tbl_name, name), sum(pgsize) FROM dbstat"
            " LEFT JOIN sqlite_master USING (name) GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
    except sqlite3.OperationalError:
        return {}
    finally:
        conn.close()
    return dict(rows)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("-n", type=int, default=10_000, help="synthetic cables (default 10,000)")
    ap.add_argument("--dir", help="work folder (default: a new temporary folder)")
    ap.add_argument("--profile", action="store_true", help="print cProfile's top 25 functions")
    args = ap.parse_args()

    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    folder, db = work / "cables", work / "store.db"
    t = time.perf_counter()
    text_bytes = write_cables(folder, args.n)
    print(
        f"wrote {args.n:,} Markdown cables ({text_bytes / 2**20:.1f} MB) in {time.perf_counter() - t:.1f} s"
    )

    remove_store(db)
    lib = Library.open(db)  # a new store with the seed cables, as a first run makes it
    seeds = lib.store.count()
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t = time.perf_counter()
    cpu_before = _cpu()
    results = list(lib.ingest_paths([folder]))
    seconds = time.perf_counter() - t
    cpu_own, cpu_workers = (after - before for after, before in zip(_cpu(), cpu_before, strict=True))
    if profiler:
        profiler.disable()
    failed = [r for r in results if r.status == "failed"]
    cables = lib.store.count() - seeds
    lib.close()

    sqlite_bytes, index_bytes = store_size(db)
    tables = table_bytes(db)
    own, child = peak_mb()
    print(f"cpus                {os.cpu_count()}")
    print(
        f"ingested            {cables:,} cables from {len(results):,} files ({len(failed)} failed) in {seconds:.2f} s"
    )
    print(f"documents/second    {len(results) / seconds:,.0f}")
    print(
        f"CPU a cable         {cpu_own / len(results) * 1e3:.2f} ms writing (this process),"
        f" {cpu_workers / len(results) * 1e3:.2f} ms parsing (workers)"
    )
    print(f"peak memory         {own:,.0f} MB (this process), {child:,.0f} MB (largest worker)")
    print(f"text                {text_bytes / args.n:,.0f} bytes a cable (its Markdown file)")
    print(
        f"store (SQLite)      {sqlite_bytes / cables:,.0f} bytes a cable ({sqlite_bytes / text_bytes:.2f}x the text)"
    )
    for name, size in list(tables.items())[:6]:
        print(f"  {name:<17} {size / cables:,.0f} bytes a cable")
    print(f"index (tantivy)     {index_bytes / cables:,.0f} bytes a cable")
    if failed:
        print(f"first failure       {failed[0].file}: {failed[0].reason}")
    if profiler:
        import pstats

        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
