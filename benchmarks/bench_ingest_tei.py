"""Ingest a ~4 MB FRUS TEI volume: seconds and peak memory, parse alone and parse + store.

The volume is built from the shared excerpt (../shared/corpus/frus-tei/), its 12 documents
repeated with new xml:ids, numbers and page breaks until it reaches --mb megabytes, then
written to a temporary folder. Figures printed: file size, documents, seconds to parse
(knowledge.parse.parse_path: lxml iterparse + build_cable), documents a second, seconds for
`Library.ingest_paths` into a fresh store, and peak memory (tracemalloc, Python allocations;
and the process's peak RSS from resource.getrusage).

    .venv/bin/python benchmarks/bench_ingest_tei.py [--mb 4] [--no-store]
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXCERPT = ROOT / ".." / "shared" / "corpus" / "frus-tei" / "frus1949v07p2-excerpt.xml"
DOC = re.compile(r'<div type="document".*?</div>\s*(?=<div type="document"|</div>)', re.S)


def build_volume(mb: float) -> bytes:
    """The excerpt's documents repeated (new d-ids, n and pages) to about mb megabytes."""
    text = EXCERPT.read_text(encoding="utf-8")
    docs = DOC.findall(text)
    if not docs:
        raise SystemExit(f"no documents found in {EXCERPT}")
    start = text.index(docs[0])
    end = text.index(docs[-1]) + len(docs[-1])
    head, tail = text[:start], text[end:]
    out: list[str] = []
    size, n, page = len(head) + len(tail), 0, 1000
    while size < mb * 1_000_000:
        for doc in docs:
            n += 1
            page += 1
            piece = re.sub(
                r'\sxml:id="[^"]*"', "", doc
            )  # ids must stay unique: keep only the doc's
            piece = piece.replace('<div type="document"', f'<div type="document" xml:id="d{n}"', 1)
            piece = re.sub(r'\bn="\d+" subtype', f'n="{n}" subtype', piece, count=1)
            piece = f'<pb n="{page}" xml:id="pg_{page}"/>\n' + piece
            out.append(piece)
            size += len(piece)
    return (head + "\n".join(out) + tail).encode("utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=4.0, help="volume size in MB (default 4)")
    ap.add_argument("--no-store", action="store_true", help="parse only, do not ingest")
    args = ap.parse_args()
    if not EXCERPT.exists():
        print(f"The shared excerpt is not at {EXCERPT}; nothing to measure.")
        return 0
    sys.path.insert(0, str(ROOT))
    from knowledge.aliases import load_aliases
    from knowledge.parse import parse_path

    aliases = load_aliases()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "frus-bench-volume.xml"
        path.write_bytes(build_volume(args.mb))
        size = path.stat().st_size
        tracemalloc.start()
        t0 = time.perf_counter()
        cables = parse_path(path, aliases=aliases)
        parse_s = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"volume           {size / 1e6:.2f} MB, {len(cables)} documents")
        print(f"parse            {parse_s:.2f} s ({len(cables) / parse_s:.0f} documents/s)")
        print(f"parse peak       {peak / 1e6:.1f} MB Python allocations (tracemalloc)")
        if not args.no_store:
            from knowledge.library import Library

            lib = Library.open(Path(tmp) / "store.db", seeds_dir=Path(tmp) / "no-seeds")
            t0 = time.perf_counter()
            results = list(lib.ingest_paths([path]))
            ingest_s = time.perf_counter() - t0
            lib.close()
            status = ", ".join(sorted({r.status for r in results}))
            print(f"ingest (store)   {ingest_s:.2f} s ({status}), parse included")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
