"""Benchmark knowledge.facts.read_facts: the time to read one cable's facts at ingest.

    .venv/bin/python benchmarks/bench_facts.py               # shared corpus + 2,000 synthetic
    .venv/bin/python benchmarks/bench_facts.py --synthetic 500 --repeat 3

Cables are parsed first (knowledge.parse, which itself calls read_facts); only read_facts is
timed, over every cable `--repeat` times. Prints mean / p50 / p99 / max per cable in
microseconds and facts per cable, for the real cables of ../shared/corpus (when present) and
for synthetic cables from benchmarks/synthetic.py. Target (issue 9): under 1 ms for a typical
cable. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from knowledge.aliases import load_aliases  # noqa: E402
from knowledge.errors import ParseError  # noqa: E402
from knowledge.facts import read_facts  # noqa: E402
from knowledge.parse import parse_bytes, parse_path  # noqa: E402
from knowledge.records import Cable  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpus"
TARGET_US = 1000.0


def corpus_cables(aliases) -> list[Cable]:
    if not CORPUS.is_dir():
        return []
    out: list[Cable] = []
    for path in sorted(CORPUS.glob("*/*")):
        if path.suffix not in (".md", ".xml") or path.stem == "README":
            continue
        try:
            out += [c for c in parse_path(path, aliases=aliases) if c.kind == "cable"]
        except ParseError as exc:
            print(f"  skipped {path.name}: {exc}")
    return out


def synthetic_cables(n: int, aliases) -> list[Cable]:
    from synthetic import documents

    out: list[Cable] = []
    for spec, text in documents(n):
        out += parse_bytes(text.encode(), name=spec.name, aliases=aliases)
    return [c for c in out if c.kind == "cable"]


def measure(label: str, cables: list[Cable], repeat: int) -> None:
    if not cables:
        print(f"{label}: no cables")
        return
    times: list[float] = []
    counts: list[int] = []
    cpu0 = time.process_time()
    for _ in range(repeat):
        for c in cables:
            t0 = time.perf_counter()
            facts = read_facts(c)
            times.append((time.perf_counter() - t0) * 1e6)
            counts.append(len(facts))
    cpu = (time.process_time() - cpu0) / len(times) * 1e6
    times.sort()
    chars = statistics.mean(len(" ".join(c.paragraphs)) for c in cables)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(
        f"{label}: {len(cables)} cables x {repeat}, {chars:,.0f} characters of text each on average\n"
        f"  read_facts per cable: mean {statistics.mean(times):,.0f} us, "
        f"p50 {statistics.median(times):,.0f} us, p99 {p99:,.0f} us, max {times[-1]:,.0f} us "
        f"(target under {TARGET_US:,.0f} us for a typical cable)\n"
        f"  CPU time per cable (this process, whatever else the machine runs): {cpu:,.0f} us\n"
        f"  facts per cable: mean {statistics.mean(counts):.1f}, max {max(counts)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=2000, help="synthetic cables (default 2000)")
    ap.add_argument("--repeat", type=int, default=5, help="passes over each set (default 5)")
    args = ap.parse_args()
    aliases = load_aliases()
    measure("shared corpus", corpus_cables(aliases), args.repeat)
    t0 = time.perf_counter()
    cables = synthetic_cables(args.synthetic, aliases)
    print(f"(parsed {len(cables)} synthetic cables in {time.perf_counter() - t0:.1f} s)")
    measure("synthetic", cables, args.repeat)


if __name__ == "__main__":
    main()
