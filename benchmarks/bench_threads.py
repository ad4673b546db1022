"""Cost of reply threads, follow-up resolution and the timeline picture on synthetic stores.

    .venv/bin/python benchmarks/bench_threads.py                 # N = 10,000 (built the first time)
    .venv/bin/python benchmarks/bench_threads.py --sizes 1000    # quick

Prints p50 / p99 / max of threads.links and threads.thread over random cables, followup.resolve
over a few follow-ups, and timeline plan + PNG for the busiest sender's cables of one month.
Stores are the ones bench_ask.py builds (benchmarks/out/cables-N.db). Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ask import ensure_store, pct  # noqa: E402

from knowledge import threads, timeline_png  # noqa: E402
from knowledge.followup import Context, resolve  # noqa: E402
from knowledge.library import Library  # noqa: E402


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return (time.perf_counter() - start) * 1000, result


def figures(label: str, values: list[float]) -> str:
    return f"{label:<34} p50 {pct(values, 50):7.2f} ms   p99 {pct(values, 99):7.2f} ms   max {max(values):7.2f} ms   (n={len(values)})"


def run(n: int, samples: int, seed: int) -> None:
    db, _meta = ensure_store(n, rebuild=False, batch=5000, seed=seed)
    lib = Library.open(db)
    rng = random.Random(seed)
    ids = lib.store.ids(kind="cable")
    chosen = rng.sample(ids, min(samples, len(ids)))
    link_ms, thread_ms, linked = [], [], 0
    for cable_id in chosen:
        ms, found = timed(threads.links, lib, cable_id)
        link_ms.append(ms)
        linked += bool(found)
    for cable_id in chosen[: max(1, samples // 5)]:
        thread_ms.append(timed(threads.thread, lib, cable_id)[0])
    resolve_ms = []
    for cable_id in chosen[:50]:
        c = lib.store.get(cable_id)
        people = tuple(name for name, _ in c.party_roles())
        context = Context(
            cable_id=cable_id,
            people=people,
            thing="rifles",
            question="how many rifles did he ask for",
        )
        for q in ("when did he send it?", "and the heavy ones?", "who relayed the reply?"):
            resolve_ms.append(timed(resolve, q, context, lib)[0])
    print(f"\n{n:,} synthetic cables ({len(ids):,} stored)")
    print(figures("threads.links", link_ms) + f"   {linked} of {len(chosen)} cables linked")
    print(figures("threads.thread", thread_ms))
    print(figures("followup.resolve", resolve_ms))
    senders = Counter(
        name for s in lib.cables() for name in [s.sender] if name and s.kind == "cable"
    )
    busiest = senders.most_common(1)[0][0]
    months = Counter(
        s.date.split()[-2] + " " + s.date.split()[-1]
        for s in lib.cables()
        if s.sender == busiest and len(s.date.split()) >= 3
    )
    month = months.most_common(1)[0][0]
    plan_ms, plan = timed(timeline_png.plan, lib, person=busiest, start=month, end=month)
    draw_ms, data = timed(timeline_png.png_bytes, plan)
    print(
        f"timeline of {busiest}, {month}: plan {plan_ms:.0f} ms ({len(plan.points)} cables, "
        f"{len(plan.arrows)} arrows), PNG {draw_ms:.0f} ms, {len(data) / 1024:.0f} KB"
    )
    lib.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--sizes", default="10000")
    p.add_argument("--samples", type=int, default=300)
    p.add_argument("--seed", type=int, default=1950)  # bench_ask.py's, so its stores are reused
    args = p.parse_args(argv)
    for n in (int(x) for x in args.sizes.split(",")):
        run(n, args.samples, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
