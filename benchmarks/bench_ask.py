"""Benchmark the whole `ask` path on synthetic stores of N cables (issue 3, "Cost").

    .venv/bin/python benchmarks/bench_ask.py                 # N = 10,000 and 100,000
    .venv/bin/python benchmarks/bench_ask.py --sizes 1000    # a quick run
    .venv/bin/python benchmarks/bench_ask.py --rebuild       # build the stores afresh
    .venv/bin/python benchmarks/bench_ask.py --profile       # also cProfile the timed pass

For each N it builds (or reuses) benchmarks/out/cables-N.db with its index beside it: the
seed cables plus N synthetic ones (benchmarks/synthetic.py), parsed by cablebot's parser and
written with Library.add_cables. Then it prints:
- build time (parse + write + index) and size on disk (SQLite file + index folder);
- p50 / p99 / max latency of Library.ask over ~300 varied questions with typos, after one
  warm-up pass over the same questions, and over as many questions never asked before;
- start-up to first answer: `cablebot --db STORE ask "..."` in a fresh process, median of 5;
- peak memory (peak RSS: VmHWM, else ru_maxrss) of a fresh process that opens the store and
  answers every question.
Targets (issue 3, on a 2-core machine) are printed beside the figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import math
import os
import platform
import pstats
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import synthetic  # noqa: E402

from knowledge.library import Library  # noqa: E402
from knowledge.qa.understand import STOPWORDS  # noqa: E402
from knowledge.records import Cable  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
QUESTIONS = 300
P99_TARGET_MS = {10_000: 3.0, 100_000: 10.0}
STARTUP_TARGET_S = 1.0
MEMORY_TARGET_MB = 500
STARTUP_QUESTION = "how many rifles did Mao ask Stalin for?"

# How many questions of each kind make up a set of 300 (scaled for other counts).
MIX = {
    "quantity": 50,
    "quantity-typo": 30,
    "received": 20,
    "signer": 20,
    "source": 20,
    "say-about": 30,
    "items": 20,
    "delivery": 15,
    "who": 25,
    "number": 15,
    "priority": 10,
    "total": 10,
    "identity": 10,
    "not-found": 25,
    # The answering issue's figure: questions that name their telegram by number.
    "named-quantity": 30,
    "named-sender": 20,
}
PSEUDONYMS = ["Filippov", "Chou En-lai", "Feng Xi", "Kao Kang", "Mao Tse-tung", "Kim Ir Sen",
              "Peng Teh-huai", "Fyn Si", "Liu Shao-chi", "Vyshinskii"]  # fmt: skip
OFF_TOPIC = [
    "when did the Korean War end?", "who won the 1954 World Cup?",
    "what is the capital of Australia?", "how many moon landings were there?",
    "who invented the telephone?", "what did Napoleon say about Waterloo?",
    "how many tanks did Truman promise?", "when was the armistice signed at Panmunjom?",
]  # fmt: skip


@dataclass
class Question:
    kind: str
    text: str
    expect: str | None = None  # words the answer should contain; None: not checked
    found: bool = True  # whether the cables hold an answer


# -- questions -----------------------------------------------------------------------------
def typo(word: str, rng: random.Random) -> str:
    """One slip of the keyboard in the longest word: swap, drop, double or change a letter."""
    words = word.split()
    k = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[k]
    if len(w) < 4:
        return word
    i = rng.randrange(1, len(w) - 1)
    op = rng.randrange(4)
    if op == 0:
        w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    elif op == 1:
        w = w[:i] + w[i + 1 :]
    elif op == 2:
        w = w[:i] + w[i] + w[i:]
    else:
        w = w[:i] + rng.choice("aeiourstn".replace(w[i], "")) + w[i + 1 :]
    words[k] = w
    return " ".join(words)


def _name(c: Cable, role: str) -> str:
    party = getattr(c, role)
    return party.name if party else ""


def _spoken(name: str, rng: random.Random) -> str:
    """How someone types a person: full name, often just the surname, sometimes misspelt."""
    if name == "Stalin" and rng.random() < 0.3:
        return "Filippov"
    parts = name.split()
    if len(parts) > 1 and rng.random() < 0.2:
        name = parts[-1] if "-" not in parts[-1] else parts[0]
    return typo(name, rng) if rng.random() < 0.15 else name


def _phrase(item_name: str, rng: random.Random) -> str:
    """The words someone uses for an item: the whole name or its last word or two."""
    words = item_name.lower().split()
    if len(words) > 1 and rng.random() < 0.5:
        words = words[-2:] if rng.random() < 0.5 and len(words) > 2 else words[-1:]
    return " ".join(words)


def _qty(q: float) -> str:
    return f"{int(q):,}" if float(q).is_integer() else f"{q:,}"


def _content_word(c: Cable, rng: random.Random) -> str | None:
    words = [
        w
        for p in c.paragraphs
        if not re.match(r"^\d{1,2}\.\s", p)
        for w in re.findall(r"[a-z][a-z\-]{4,}", p)
        if w not in STOPWORDS
    ]
    return rng.choice(words) if words else None


def make_questions(lib: Library, count: int, seed: int) -> list[Question]:
    """~count questions over the store's synthetic cables, its people and its vocabulary."""
    rng = random.Random(seed)
    ids = [
        r[0]
        for r in lib.store.conn.execute("SELECT id FROM documents WHERE record_id LIKE 'SYN-%'")
    ]
    if not ids:
        raise SystemExit("The store holds no synthetic cables; run with --rebuild.")
    vocab = synthetic.make_vocabulary()

    def cable(need=lambda c: True) -> Cable:
        for _ in range(200):
            c = lib.store.get(rng.choice(ids))
            if c is not None and need(c):
                return c
        raise RuntimeError("no cable has what this question needs")

    out: list[Question] = []
    scale = count / sum(MIX.values())
    for kind, n in MIX.items():
        for _ in range(max(1, round(n * scale))):
            out.append(_one(kind, cable, rng, vocab))
    rng.shuffle(out)
    return out


def _one(kind: str, cable, rng: random.Random, vocab: synthetic.Vocabulary) -> Question:
    if kind in ("quantity", "quantity-typo"):
        c = cable(lambda c: c.items and c.sender)
        item = rng.choice(c.items)
        phrase = _phrase(item.name, rng)
        if kind == "quantity-typo" or rng.random() < 0.3:
            phrase = typo(phrase, rng)
        who = _spoken(c.sender.name, rng)
        verb = "request" if item.role == "requested" else "promise"
        text = rng.choice(
            (
                f"how many {phrase} did {who} {verb}?",
                f"how much {phrase} did {who} {'ask for' if verb == 'request' else 'promise'}",
                f"How many {phrase} did {who} {verb} from {_spoken(_name(c, 'recipient'), rng)}?",
            )
        )
        return Question(kind, text, _qty(item.quantity))
    if kind == "named-quantity":
        c = cable(lambda c: c.items and c.telegram_number)
        item = rng.choice(c.items)
        phrase = _phrase(item.name, rng)
        text = rng.choice(
            (
                f"how many {phrase} in telegram {c.telegram_number}?",
                f"how many {phrase} in telegram No. {c.telegram_number}",
                f"how many {phrase} does cable {c.telegram_number} ask for?",
            )
        )
        return Question(kind, text, _qty(item.quantity))
    if kind == "named-sender":
        c = cable(lambda c: c.sender and c.telegram_number)
        text = rng.choice(
            (f"who sent telegram {c.telegram_number}?", f"Who sent ciphered telegram No. {c.telegram_number}?")
        )
        return Question(kind, text, c.sender.name)
    if kind == "received":
        c = cable(lambda c: c.received and c.sender and c.recipient)
        text = rng.choice(
            (
                f"when was {_spoken(c.sender.name, rng)}'s telegram to {_spoken(c.recipient.name, rng)} received?",
                f"when was telegram {c.telegram_number} received",
            )
        )
        return Question(kind, text, c.received.display())
    if kind == "signer":
        c = cable(lambda c: c.signature and c.telegram_number)
        text = rng.choice(
            (f"who signed telegram {c.telegram_number}?", f"who signed No. {c.telegram_number}")
        )
        return Question(kind, text, c.signature)
    if kind == "source":
        c = cable(lambda c: c.source and c.sender and c.recipient)
        text = rng.choice(
            (
                f"what is the source of {_spoken(c.sender.name, rng)}'s cable to {_spoken(c.recipient.name, rng)}?",
                f"what is the archival source of telegram {c.telegram_number}?",
                f"where is {_spoken(c.sender.name, rng)}'s telegram kept, which fond and delo?",
            )
        )
        return Question(kind, text, f"Delo {c.source.delo}")
    if kind == "say-about":
        c = cable(lambda c: c.sender and _content_word(c, rng))
        word = _content_word(c, rng) or "army"
        shown = typo(word, rng) if rng.random() < 0.2 else word
        text = rng.choice(
            (
                f"what did {_spoken(c.sender.name, rng)} say about {shown}?",
                f"what did {_spoken(c.sender.name, rng)} write about the {shown}",
            )
        )
        return Question(kind, text, word)
    if kind == "items":
        c = cable(lambda c: c.items and c.sender and c.recipient)
        text = rng.choice(
            (
                f"what did {_spoken(c.sender.name, rng)} ask {_spoken(c.recipient.name, rng)} for?",
                f"what items did {_spoken(c.sender.name, rng)} request?",
                f"which weapons did {_spoken(c.sender.name, rng)} want?",
            )
        )
        return Question(kind, text, c.items[0].name)
    if kind == "delivery":
        c = cable(lambda c: any(i.date for i in c.items))
        item = rng.choice([i for i in c.items if i.date])
        phrase = _phrase(item.name, rng)
        text = rng.choice(
            (
                f"when will the {_qty(item.quantity)} {phrase} be handed over?",
                f"by when were the {phrase} of {_spoken(_name(c, 'sender'), rng)} to be delivered?",
            )
        )
        return Question(kind, text, item.date.text)
    if kind == "who":
        role = rng.choice(("sender", "recipient", "via"))
        c = cable(lambda c: getattr(c, role) is not None and c.telegram_number)
        text = {
            "sender": f"who sent telegram {c.telegram_number}?",
            "recipient": f"to whom was telegram {c.telegram_number} addressed?",
            "via": f"through whom did {_spoken(_name(c, 'sender'), rng)} send the telegram to {_spoken(_name(c, 'recipient'), rng)}?",
        }[role]
        return Question(kind, text, _name(c, role))
    if kind == "number":
        c = cable(lambda c: c.telegram_number and c.sender and c.recipient)
        text = f"what was the number of {_spoken(c.sender.name, rng)}'s telegram to {_spoken(c.recipient.name, rng)}?"
        return Question(kind, text, c.telegram_number)
    if kind == "priority":
        c = cable(lambda c: c.priority and c.telegram_number)
        text = rng.choice(
            (
                f"what was the priority of telegram {c.telegram_number}?",
                f"how was {_spoken(_name(c, 'sender'), rng)}'s cable to {_spoken(_name(c, 'recipient'), rng)} marked?",
            )
        )
        return Question(kind, text, c.priority)
    if kind == "total":
        name, _unit = rng.choice(vocab.items)
        text = f"how many {typo(_phrase(name, rng), rng) if rng.random() < 0.2 else _phrase(name, rng)} in total?"
        return Question(kind, text)
    if kind == "identity":
        if rng.random() < 0.7:
            alias = rng.choice(PSEUDONYMS)
            return Question(kind, f"who is {alias}?")
        return Question(kind, f"who was {rng.choice(vocab.people)}?")
    if kind == "not-found":
        r = rng.random()
        if r < 0.35:
            return Question(kind, rng.choice(OFF_TOPIC), found=False)
        who = rng.choice(vocab.people)
        thing = rng.choice(synthetic.ABSENT_ITEMS)
        text = rng.choice(
            (
                f"how many {thing} did {who} request?",
                f"did {who} ask for {thing}?",
                f"when will the {thing} be delivered?",
            )
        )
        return Question(kind, text, found=False)
    raise ValueError(kind)


# -- measuring -----------------------------------------------------------------------------
@dataclass
class Timing:
    question: Question
    seconds: float
    found: bool
    hit: bool  # found as expected and (when checked) the answer holds the expected words
    error: str = ""


def ask_all(lib: Library, questions: list[Question]) -> list[Timing]:
    out = []
    for q in questions:
        t = time.perf_counter()
        try:
            a = lib.ask(q.text)
        except Exception as exc:  # noqa: BLE001 - a crash is a finding, not a reason to stop
            out.append(
                Timing(q, time.perf_counter() - t, False, False, f"{type(exc).__name__}: {exc}")
            )
            continue
        dt = time.perf_counter() - t
        hit = a.found == q.found and (q.expect is None or q.expect.lower() in a.text.lower())
        out.append(Timing(q, dt, a.found, hit))
    return out


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank, as latency reports use)."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def run_startup(db: Path, repeat: int) -> tuple[list[float], str]:
    exe = Path(sys.executable).with_name("cablebot")
    times, first = [], ""
    for _ in range(repeat):
        t = time.perf_counter()
        r = subprocess.run(
            [str(exe), "--db", str(db), "ask", STARTUP_QUESTION],
            capture_output=True,
            text=True,
            cwd=OUT,
        )
        times.append(time.perf_counter() - t)
        first = (
            (r.stdout or r.stderr).strip().splitlines()[0][:100]
            if (r.stdout or r.stderr).strip()
            else f"exit {r.returncode}"
        )
    return times, first


def run_memory(db: Path, questions: list[Question]) -> dict:
    qfile = OUT / f"questions-{db.stem}.json"
    qfile.write_text(json.dumps([asdict(q) for q in questions]))
    t = time.perf_counter()
    r = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(db), str(qfile)],
        capture_output=True,
        text=True,
        cwd=OUT,
    )
    wall = time.perf_counter() - t
    if r.returncode != 0:
        return {
            "error": r.stderr.strip().splitlines()[-1]
            if r.stderr.strip()
            else f"exit {r.returncode}"
        }
    data = json.loads(r.stdout.strip().splitlines()[-1])
    data["wall_seconds"] = wall
    return data


def peak_rss_kib() -> int:
    """This process's peak resident set, in KiB.

    VmHWM where /proc has it: ru_maxrss of a process started by subprocess (vfork + exec)
    also counts the parent's resident set at the fork, here the benchmark's own, which after
    building a store is larger than the child's.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def memory_child(db: str, qfile: str) -> None:
    """In a fresh process: open the store, answer every question, print peak RSS."""
    questions = [Question(**q) for q in json.loads(Path(qfile).read_text())]
    lib = Library.open(db)
    opened = peak_rss_kib()
    answered = 0
    for q in questions:
        lib.ask(q.text)
        answered += 1
    peak = peak_rss_kib()
    print(
        json.dumps(
            {
                "maxrss_kib": peak,
                "after_open_kib": opened,
                "answered": answered,
                "ru_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


# -- stores --------------------------------------------------------------------------------
def code_fingerprint() -> str:
    """A hash of knowledge/'s source, to tell whether a stored store was built by this code."""
    root = Path(__file__).resolve().parent.parent / "knowledge"
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")) + sorted(root.glob("*.yaml")):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def git_state() -> str:
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=root
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "knowledge"], capture_output=True, text=True, cwd=root
        ).stdout.strip()
    except OSError:
        return "unknown"
    if not head:
        return f"not a git checkout ({root})"
    return f"{head}{' + uncommitted changes in knowledge/' if dirty else ''}"


def _synthetic_count(db: Path) -> int:
    """Synthetic cables in a store, or -1 if it is not a store this cablebot would keep."""
    from knowledge.store import SCHEMA_VERSION

    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            schema = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if not schema or schema[0] != SCHEMA_VERSION:
                return -1
            return conn.execute(
                "SELECT count(*) FROM documents WHERE record_id LIKE 'SYN-%'"
            ).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def ensure_store(n: int, *, rebuild: bool, batch: int, seed: int) -> tuple[Path, dict]:
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"cables-{n}.db"
    meta_file = OUT / f"cables-{n}.json"
    want = {"n": n, "seed": seed, "generator": synthetic.GENERATOR_VERSION}
    if not rebuild and db.exists() and meta_file.exists():
        meta = json.loads(meta_file.read_text())
        same = all(meta.get(k) == v for k, v in want.items())
        if same and _synthetic_count(db) == n - meta.get("failed", 0):
            meta["reused"] = True
            meta["stale_code"] = meta.get("code") != code_fingerprint()
            return db, meta
    print(f"building {db.name}: seeds + {n:,} synthetic cables ...", file=sys.stderr, flush=True)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        el = time.perf_counter() - started
        print(f"  {done:,}/{total:,} cables, {el:.0f} s", file=sys.stderr, flush=True)

    stats = synthetic.build_store(db, n, seed=seed, batch=batch, progress=progress)
    meta = {
        **want, **asdict(stats), "build_seconds": stats.build_seconds,
        "built_at": time.strftime("%Y-%m-%d %H:%M"), "code": code_fingerprint(), "git": git_state(),
    }  # fmt: skip
    meta_file.write_text(json.dumps(meta, indent=1))
    meta["reused"] = False
    return db, meta


# -- report --------------------------------------------------------------------------------
def ms(x: float) -> str:
    return f"{x * 1000:.2f}"


def mb(b: float) -> str:
    return f"{b / 2**20:,.0f} MB"


def profile_pass(lib: Library, questions: list[Question], n: int, top: int) -> str:
    prof = cProfile.Profile()
    prof.enable()
    for q in questions:
        lib.ask(q.text)
    prof.disable()
    buf = io.StringIO()
    st = pstats.Stats(prof, stream=buf)
    st.sort_stats("tottime").print_stats(top)
    st.sort_stats("cumulative").print_stats(top)
    text = buf.getvalue()
    (OUT / f"profile-{n}.txt").write_text(text)
    return text


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--memory-child"]:
        memory_child(argv[1], argv[2])
        return 0
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--sizes", default="10000,100000", help="comma-separated store sizes (default 10000,100000)"
    )
    p.add_argument("--rebuild", action="store_true", help="build the stores afresh even if present")
    p.add_argument(
        "--questions", type=int, default=QUESTIONS, help="questions per set (default 300)"
    )
    p.add_argument("--batch", type=int, default=5000, help="files per Library.add_cables call")
    p.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    p.add_argument("--startup-runs", type=int, default=5)
    p.add_argument(
        "--profile", action="store_true", help="cProfile one more pass; write out/profile-N.txt"
    )
    p.add_argument(
        "--slowest", type=int, default=5, help="list this many slowest questions per size"
    )
    args = p.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    code_at_start = code_fingerprint()
    results = []
    for n in sizes:
        db, meta = ensure_store(n, rebuild=args.rebuild, batch=args.batch, seed=args.seed)
        sqlite_bytes, index_bytes = synthetic.store_size(db)
        t = time.perf_counter()
        lib = Library.open(db)
        open_s = time.perf_counter() - t
        questions = make_questions(lib, args.questions, args.seed)
        unseen = make_questions(lib, args.questions, args.seed + 1)
        first = ask_all(lib, questions)  # the warm-up pass
        warm = ask_all(lib, questions)
        fresh = ask_all(lib, unseen)
        prof = profile_pass(lib, questions + unseen, n, 30) if args.profile else ""
        lib.close()
        startup, startup_answer = run_startup(db, args.startup_runs)
        memory = run_memory(db, questions + unseen)
        results.append(
            dict(
                n=n, db=db, meta=meta, sqlite=sqlite_bytes, index=index_bytes, open_s=open_s,
                first=first, warm=warm, fresh=fresh, startup=startup,
                startup_answer=startup_answer, memory=memory, profile=prof,
            )
        )  # fmt: skip
    report(results, args)
    if code_fingerprint() != code_at_start:
        print(
            "! knowledge/ changed while this ran: the subprocess figures may be of other code; run again"
        )
    return 0


def report(results: list[dict], args) -> None:
    from importlib.metadata import version

    print()
    print(
        f"cablebot ask benchmark: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"tantivy {version('tantivy')}, rapidfuzz {version('rapidfuzz')}; "
        f"{args.questions} questions a set"
    )
    cols = [f"{r['n']:,}" for r in results]
    rows: list[tuple[str, list[str], str]] = []

    def row(label: str, values: list[str], target: str = "") -> None:
        rows.append((label, values, target))

    row("cables in store (seeds included)", [f"{r['meta'].get('cables', 0):,}" for r in results])
    row(
        "build: parse (s)",
        [
            f"{r['meta']['parse_seconds']:.1f}" + (" *" if r["meta"].get("reused") else "")
            for r in results
        ],
    )
    row("build: write + index (s)", [f"{r['meta']['write_seconds']:.1f}" for r in results])
    row(
        "build: total, parse+write+index (s)",
        [f"{r['meta']['build_seconds']:.1f}" for r in results],
    )
    row(
        "  (text generation, not cablebot) (s)",
        [f"{r['meta']['generate_seconds']:.1f}" for r in results],
    )
    row("size: SQLite file", [mb(r["sqlite"]) for r in results])
    row("size: index folder", [mb(r["index"]) for r in results])
    row("size: total", [mb(r["sqlite"] + r["index"]) for r in results])
    row("Library.open, warm files (ms)", [ms(r["open_s"]) for r in results])
    for label, key in (
        ("ask, first pass", "first"),
        ("ask, after warm-up", "warm"),
        ("ask, unseen questions", "fresh"),
    ):
        for p in (50, 99):
            target = ""
            if key == "warm" and p == 99:
                target = " / ".join(
                    f"<= {P99_TARGET_MS[r['n']]:g} ms at {r['n']:,}"
                    for r in results
                    if r["n"] in P99_TARGET_MS
                )
            row(
                f"{label}: p{p} (ms)",
                [ms(pct([t.seconds for t in r[key]], p)) for r in results],
                target,
            )
        row(f"{label}: max (ms)", [ms(max(t.seconds for t in r[key])) for r in results])
    row(
        "answers as expected (warm / unseen)",
        [
            f"{sum(t.hit for t in r['warm'])}/{len(r['warm'])} / {sum(t.hit for t in r['fresh'])}/{len(r['fresh'])}"
            for r in results
        ],
    )
    row(
        "errors raised by ask",
        [str(sum(bool(t.error) for t in r["warm"] + r["fresh"])) for r in results],
    )
    row(
        "start-up to first answer, median of 5 (s)",
        [f"{statistics.median(r['startup']):.3f}" for r in results],
        f"< {STARTUP_TARGET_S:g} s",
    )
    row(
        "  start-up min / max (s)",
        [f"{min(r['startup']):.3f} / {max(r['startup']):.3f}" for r in results],
    )
    row(
        "peak memory, fresh process, all questions",
        [
            mb(r["memory"]["maxrss_kib"] * 1024) if "maxrss_kib" in r["memory"] else "error"
            for r in results
        ],
        f"< {MEMORY_TARGET_MB} MB at 100,000",
    )
    row(
        "  of which after Library.open",
        [
            mb(r["memory"]["after_open_kib"] * 1024) if "after_open_kib" in r["memory"] else ""
            for r in results
        ],
    )

    w0 = max(len(r[0]) for r in rows)
    widths = [max(len(c), *(len(r[1][i]) for r in rows)) for i, c in enumerate(cols)]
    print(
        f"{'':{w0}}  "
        + "  ".join(f"{c:>{w}}" for c, w in zip(cols, widths, strict=True))
        + "  target"
    )
    for label, values, target in rows:
        print(
            f"{label:{w0}}  "
            + "  ".join(f"{v:>{w}}" for v, w in zip(values, widths, strict=True))
            + f"  {target}"
        )
    if any(r["meta"].get("reused") for r in results):
        print(
            "* store reused from an earlier run (build figures are from that run; --rebuild to redo)"
        )
    for r in results:
        if r["meta"].get("stale_code"):
            print(
                f"! the {r['n']:,} store was built by other knowledge/ code ({r['meta'].get('git', '?')}, "
                f"{r['meta'].get('built_at', '?')}); --rebuild to measure this code's parser and store"
            )
    print(f"code: {git_state()}")

    print()
    print("by kind, after warm-up: p50 / p99 ms, answers as expected")
    kinds = list(MIX)
    header = f"{'kind':14}" + "".join(f"  {c:>24}" for c in cols)
    print(header)
    for kind in kinds:
        cells = []
        for r in results:
            ts = [t for t in r["warm"] if t.question.kind == kind]
            if not ts:
                cells.append("")
                continue
            secs = [t.seconds for t in ts]
            cells.append(
                f"{ms(pct(secs, 50))} / {ms(pct(secs, 99))}  {sum(t.hit for t in ts)}/{len(ts)}"
            )
        print(f"{kind:14}" + "".join(f"  {c:>24}" for c in cells))

    for r in results:
        print()
        print(f"slowest questions at {r['n']:,} (after warm-up, and unseen):")
        for t in sorted(r["warm"] + r["fresh"], key=lambda t: -t.seconds)[: args.slowest]:
            print(f"  {ms(t.seconds):>8} ms  [{t.question.kind}] {t.question.text}")
        errors = [t for t in r["warm"] + r["fresh"] if t.error]
        for t in errors[:5]:
            print(f"  ERROR [{t.question.kind}] {t.question.text}: {t.error}")
        print(f"start-up question: {STARTUP_QUESTION!r} -> {r['startup_answer']}")
        if "error" in r["memory"]:
            print(f"memory run failed: {r['memory']['error']}")
        if r["profile"]:
            print(f"profile written to {OUT / ('profile-' + str(r['n']) + '.txt')}")


if __name__ == "__main__":
    raise SystemExit(main())
