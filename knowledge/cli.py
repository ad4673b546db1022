"""The `cablebot` command line: the same answers as the bot, offline."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import textwrap
from importlib import metadata
from pathlib import Path

from knowledge.config import Config, load_config
from knowledge.errors import CablebotError

EPILOG = """examples:
  cablebot ask "how many rifles did Mao ask Stalin for?"
  cablebot ask --json "whose signature closes the reply to Zhou Enlai?"
  printf 'how many tons of TNT were listed\\nwho relayed telegram 5708\\n' | cablebot ask --json
  cablebot quote 26637            cablebot quote "zhou automobiles" --part 2
  cablebot items 26637            cablebot dates            cablebot cables --db other.db
  cablebot thread 5708            cablebot timeline --person zhou --png zhou.png
  cablebot ingest docs/           cablebot remove 26637     cablebot chat
  DISCORD_TOKEN=... cablebot run --sync --guild 1234
"""


def _version() -> str:
    try:
        return metadata.version("cablebot")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


DB_HELP = "SQLite store to use (default: $CABLEBOT_DB, the config's store, or ~/.local/share/cablebot/store.db)"
CONFIG_HELP = "config file (default: $CABLEBOT_CONFIG or ./config.yaml)"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cablebot",
        description="Answer history questions from archival cables (the bundled seeds, plus any you ingest).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--config", help=CONFIG_HELP)
    p.add_argument("--version", action="version", version=f"cablebot {_version()}")
    # The same options after the command ("cablebot cables --db X"); SUPPRESS keeps an option
    # given before the command when it is not repeated after it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)
    common.add_argument("--config", default=argparse.SUPPRESS, help=CONFIG_HELP)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_,
            description=f"{help_}\n\nexample: {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )

    a = add(
        "ask",
        "answer a question with its citation (no question: asks for one on a terminal, else "
        "reads one per line from stdin and prints one line per line; exit 1 if any line failed)",
        'cablebot ask "what quantity of TNT was on the list from Mao?"',
    )
    a.add_argument("question", nargs="*", help="the question (omit to read questions from stdin)")
    a.add_argument(
        "--json",
        action="store_true",
        help='print {"question", "answer", "found", "citations": [...]}',
    )
    q = add(
        "quote",
        "print a cable with its header",
        'cablebot quote 26637 --part 3   |   cablebot quote "zhou automobiles" --lines 1-12',
    )
    q.add_argument(
        "cable",
        nargs="+",
        help="cable id, telegram number, or words from its title (quotes optional)",
    )
    g = q.add_mutually_exclusive_group()
    g.add_argument(
        "--part", type=int, help="only part N of the text (paragraphs and list items, from 1)"
    )
    g.add_argument("--lines", help="only lines A-B of the printed text")
    i = add("items", "table of requested and promised items", "cablebot items 26637")
    i.add_argument("cable", nargs="?", help="limit to one cable")
    d = add("dates", "timeline of every dated event in the cables", "cablebot dates zhou")
    d.add_argument("cable", nargs="?", help="limit to one cable")
    add("cables", "list the documents: id, date, number, title", "cablebot cables")
    add(
        "chat",
        "answer questions typed at a prompt, follow-ups included; help for examples, quit to leave",
        "cablebot chat",
    )
    t = add(
        "thread",
        "the cables that answer one another around a cable, in date order, each with its gist",
        "cablebot thread 5708",
    )
    t.add_argument("cable", nargs="+", help="cable id, telegram number, or words from its title")
    t.add_argument("--json", action="store_true", help='print {"cables": [...], "links": [...]}')
    tl = add(
        "timeline",
        "draw the cables on a date axis as a PNG: a lane per sender, replies as arrows, "
        "promised deliveries and requested windows as bars",
        "cablebot timeline --person zhou --from 1950-11 --to 1950-12 --png zhou.png",
    )
    tl.add_argument("--person", help="only cables this person sent or received")
    tl.add_argument(
        "--from", dest="start", help="first day (1950-11-01, 1950-11, 17 November 1950)"
    )
    tl.add_argument("--to", dest="end", help="last day, in the same forms")
    tl.add_argument("--png", required=True, help="the PNG file to write")
    n = add(
        "ingest",
        "add or update documents (.html, .md, .txt, FRUS TEI .xml; folders recursively)",
        "cablebot ingest transcriptions/",
    )
    n.add_argument("paths", nargs="+", help="files or folders")
    r = add(
        "remove",
        "take one cable out of the store",
        "cablebot remove 1950-11-08-mao-zedong-to-stalin",
    )
    r.add_argument("cable")
    r.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    b = add(
        "run",
        "run the Discord bot (token from $DISCORD_TOKEN)",
        "DISCORD_TOKEN=... cablebot run --sync",
    )
    b.add_argument("--sync", action="store_true", help="sync the slash commands on start")
    b.add_argument("--guild", type=int, help="sync to this guild (server) id instead of globally")
    dr = add(
        "doctor",
        "check the token, the intents the config needs, the store, its index and the server file",
        "DISCORD_TOKEN=... cablebot doctor",
    )
    dr.add_argument("--offline", action="store_true", help="do not ask Discord about the token")
    qz = add(
        "quiz",
        "a quiz from the cables for one player: type each answer (empty line skips)",
        'cablebot quiz --person Mao --questions 3',
    )
    qz.add_argument("--cable", help="only this cable")
    qz.add_argument("--person", help="only cables from or to this person")
    qz.add_argument("--topic", help="only questions on this topic")
    qz.add_argument("--questions", type=int, default=None, help="how many (default: the config's)")
    qz.add_argument("--seed", type=int, help="the same seed asks the same questions")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        config = load_config(args.config)
        if args.command == "run":
            from bot.runner import main as run_bot

            return run_bot(config, db=args.db, sync=args.sync, guild=args.guild or config.guild)
        return COMMANDS[args.command](args, config)
    except CablebotError as exc:
        print(f"cablebot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _store_path(args, config: Config) -> Path:
    """The store's path; StoreError when it is a folder or no store can be created there."""
    from knowledge.errors import StoreError
    from knowledge.library import default_db_path

    path = Path(args.db).expanduser() if args.db else default_db_path(config)
    if path.is_dir():
        raise StoreError(
            f"The store path {path} is a folder; give the store's file, e.g. {path / 'store.db'}."
        )
    if path.exists():
        return path
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        why = (
            "it is a file, not a folder"
            if folder.exists() and not folder.is_dir()
            else "it is not writable"
        )
        raise StoreError(
            f"There is no store at {path}, and none can be made there: {folder} {why}."
        )
    if args.db:  # named on purpose: say that it is new rather than quietly make one
        print(f"cablebot: no store at {path}; building a new one from the seeds.", file=sys.stderr)
    return path


def _open(args, config: Config):
    from knowledge.library import Library

    return Library.open(_store_path(args, config), config=config)


def _terminal_width() -> int | None:
    """Columns to wrap answers to, or None when stdout is not a terminal (pipes stay unwrapped)."""
    if not sys.stdout.isatty():
        return None
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _show_answer(answer) -> None:
    """Print an answer: on a terminal wrapped, its citation on a line of its own."""
    width = _terminal_width()
    if width is None:
        print(answer.text)
        return
    fact = answer.fact.strip() if answer.fact else ""
    if fact and answer.text.startswith(fact) and answer.text[len(fact) :].strip():
        citation = answer.text[len(fact) :].strip()
        print(textwrap.fill(fact, width))
        print(textwrap.fill(citation, width, initial_indent="  ", subsequent_indent="  "))
    else:
        print(textwrap.fill(answer.text, width))


def cmd_ask(args, config: Config) -> int:
    lib = _open(args, config)
    if args.question or sys.stdin.isatty():
        question = " ".join(args.question)
        if not question:  # on a terminal: ask rather than wait silently for stdin
            try:
                question = input("Question (Enter when done): ")
            except EOFError:
                print(file=sys.stderr)
                return 2
        answer = lib.ask(question)
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            _show_answer(answer)
        return 0 if answer.found else 3
    return _ask_batch(lib, args)


def _ask_batch(lib, args) -> int:
    """One output line per input line, blank lines included; exit 1 if any line failed."""
    from knowledge.library import MAX_QUESTION_CHARS

    failed: list[int] = []
    for number, line in enumerate(sys.stdin, 1):
        question = line.strip()
        if not question:
            data = {"question": "", "answer": "", "found": False, "citations": [], "skipped": True}
        else:
            try:
                data = lib.ask(question).to_json()
            except CablebotError as exc:  # one bad line must not stop the rest
                failed.append(number)
                data = {
                    "question": question[:MAX_QUESTION_CHARS],
                    "answer": str(exc),
                    "found": False,
                    "citations": [],
                    "error": str(exc),
                }
        text = (
            json.dumps(data, ensure_ascii=False) if args.json else " ".join(data["answer"].split())
        )
        print(text, flush=True)
    if failed:
        lines = ", ".join(map(str, failed[:10])) + (", ..." if len(failed) > 10 else "")
        print(f"cablebot: {len(failed)} question(s) failed (line {lines}).", file=sys.stderr)
        return 1
    return 0


def cmd_quote(args, config: Config) -> int:
    from knowledge import present, threads

    lib = _open(args, config)
    cable = lib.cable(" ".join(args.cable))
    head = present.header_lines(cable)
    links = threads.link_lines(lib, cable.id)  # "Answers: ...", "Answered by: ..."
    parts = present.body_parts(cable)
    if args.part is not None:
        if not 1 <= args.part <= len(parts):
            raise CablebotError(
                f"{cable.id} has parts 1-{len(parts)}; there is no part {args.part}."
            )
        print(
            "\n".join(head + links)
            + f"\n\n[part {args.part} of {len(parts)}]\n"
            + parts[args.part - 1]
        )
        return 0
    text = present.cable_text(cable)
    top = "\n".join(head)
    if links and text.startswith(top):
        text = "\n".join([top, *links]) + text[len(top) :]
    if args.lines:
        lines = text.splitlines()
        try:
            a, _, b = args.lines.partition("-")
            start, end = int(a), int(b or a)
        except ValueError:
            raise CablebotError(f"--lines takes A-B, e.g. 1-12, not {args.lines!r}.") from None
        if not (1 <= start <= end) or start > len(lines):
            raise CablebotError(
                f"{cable.id} has lines 1-{len(lines)}; {args.lines} is outside them."
            )
        text = "\n".join(lines[start - 1 : end])
    print(text)
    return 0


def cmd_items(args, config: Config) -> int:
    lib = _open(args, config)
    rows = lib.items(args.cable)
    if not rows:
        print("No requested items.")
        return 0
    table = [("#", "item", "quantity", "unit", "role", "when", "cable")]
    for r in rows:
        i = r.item
        q = f"{int(i.quantity):,}" if float(i.quantity).is_integer() else f"{i.quantity:,}"
        table.append(
            (
                str(i.number or ""),
                i.name,
                q,
                i.unit or "",
                i.role,
                i.date.display() if i.date else "",
                r.cable_id,
            )
        )
    widths = [max(len(row[k]) for row in table) for k in range(len(table[0]))]
    for n, row in enumerate(table):
        print(
            "  ".join(
                cell.rjust(w) if k == 2 else cell.ljust(w)
                for k, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))
    return 0


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Columns as wide as their widest cell (long ids included), a header and a rule under it.

    The last column is not padded; cells hold no tabs or newlines.
    """
    table = [header, *(tuple(" ".join(cell.split()) for cell in row) for row in rows)]
    widths = [max(len(row[k]) for row in table) for k in range(len(header))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def cmd_dates(args, config: Config) -> int:
    lib = _open(args, config)
    rows = [
        (e.date.display(), e.kind, e.date.text, e.description, entry.cable_id)
        for entry in lib.timeline(args.cable)
        for e in (entry.event,)
    ]
    if not rows:
        print("No dated events.")
        return 0
    _print_table(("date", "event", "as printed", "what", "cable"), rows)
    return 0


def cmd_cables(args, config: Config) -> int:
    lib = _open(args, config)
    rows = [
        (
            s.id,
            s.date or "undated",
            f"No. {s.telegram_number}" if s.telegram_number else s.kind,
            s.title,
        )
        for s in lib.cables()
    ]
    if not rows:
        print("No documents: cablebot ingest FILES adds some.")
        return 0
    _print_table(("id", "date", "number", "title"), rows)
    return 0


CHAT_HELP = """Ask anything about the cables, in your own words:
  how many rifles did Mao ask Stalin for?
  when did he send it?            (a follow-up: "he" and "it" are the last answer's)
  and the heavy machine guns?     what about Zhou?
  who relayed the reply?          ("the reply": the cable that answered the last one)
A question naming its own cable (a number, a date, "Mao's telegram") starts afresh.
Commands: help, new (forget the last answer), quit (or Ctrl-D)."""
QUIT_WORDS = {"quit", "exit", "bye", "q", ":q"}


def _history_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "cablebot" / "chat_history"


def _start_line_editing(path: Path):
    """Turn on readline editing and history kept in path; returns the function that saves it."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input() still works
        return lambda: None
    readline.set_history_length(1000)
    with contextlib.suppress(OSError):  # no history yet
        readline.read_history_file(path)

    def save() -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(path)
        except OSError:
            pass  # a history we cannot keep is no reason to fail

    return save


def cmd_chat(args, config: Config) -> int:
    from knowledge.followup import Context

    lib = _open(args, config)
    interactive = sys.stdin.isatty()
    save_history = _start_line_editing(_history_path()) if interactive else None
    if interactive:
        print(
            "Ask about the cables; follow-ups use the last answer. help for examples, quit to leave."
        )
    context = Context()
    try:
        while True:
            try:
                line = input("cablebot> " if interactive else "")
            except EOFError:
                if interactive:
                    print()
                return 0
            except KeyboardInterrupt:  # Ctrl-C drops the line being typed, as in a shell
                print()
                continue
            word = line.strip().lower()
            if not word:
                continue
            if word in QUIT_WORDS:
                return 0
            if word in ("help", "?"):
                print(CHAT_HELP)
                continue
            if word in ("new", "reset"):
                context.clear()
                print("Forgotten: the next question starts afresh.")
                continue
            try:
                _show_answer(lib.ask(line, context))
            except CablebotError as exc:
                print(f"cablebot: {exc}", file=sys.stderr)
    finally:
        if save_history:
            save_history()


def cmd_thread(args, config: Config) -> int:
    from knowledge import threads

    lib = _open(args, config)
    cable = lib.cable(" ".join(args.cable))
    chain = threads.thread(lib, cable.id)
    found = {(x.from_id, x.to_id): x for c in chain for x in threads.links(lib, c.id)}
    if args.json:
        data = {
            "cables": [
                {"cable": c.id, "title": c.title, "date": c.date.display() if c.date else "", "gist": threads.gist(c)}
                for c in chain
            ],
            "links": [
                {"from": x.from_id, "to": x.to_id, "kind": x.kind, "relation": x.relation, "basis": x.basis, "words": x.words}
                for x in found.values()
            ],
        }  # fmt: skip
        print(json.dumps(data, ensure_ascii=False))
        return 0
    if len(chain) == 1:
        print(f"{threads.cable_line(cable)} [{cable.id}]\n  {threads.gist(cable)}")
        print("No stored cable answers it, and it answers none.")
        return 0
    print(f"{len(chain)} cables, in date order:")
    for c in chain:
        print(f"\n{threads.cable_line(c)} [{c.id}]")
        print(f"  {threads.gist(c)}")
        for x in found.values():
            if x.from_id == c.id:
                other = lib.store.get(x.to_id)
                name = threads.cable_line(other) if other else x.to_id
                print(f"  {x.relation} {name} — {x.explain()}")
    return 0


def cmd_timeline(args, config: Config) -> int:
    from knowledge import timeline_png

    lib = _open(args, config)
    plan = timeline_png.plan(lib, person=args.person, start=args.start, end=args.end)
    target = Path(args.png).expanduser()
    if not target.parent.is_dir():
        raise CablebotError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    try:
        timeline_png.draw(plan, target)
    except OSError as exc:
        raise CablebotError(f"Cannot write {target}: {exc.strerror}.") from None
    print(
        f"wrote {target}: {len(plan.points)} cables in {len(plan.lanes)} lanes, "
        f"{len(plan.arrows)} reply arrow(s), {len(plan.spans)} delivery span(s), "
        f"{plan.start} to {plan.end}"
    )
    return 0


def cmd_ingest(args, config: Config) -> int:
    lib = _open(args, config)
    bar = _progress if sys.stderr.isatty() else None
    failed = 0
    for result in lib.ingest_paths(args.paths, progress=bar):
        if bar:
            sys.stderr.write("\r\033[K")
        if result.status == "failed":
            failed += 1
            print(f"failed     {result.file}: {result.reason}")
        else:
            read_as = f" (read as {result.encoding})" if result.encoding else ""
            print(f"{result.status:<10} {result.file}: {', '.join(result.cables)}{read_as}")
    return 1 if failed else 0


def _progress(n: int, total: int) -> None:
    if total < 5:
        return
    width = 30
    done = int(width * n / total)
    sys.stderr.write(f"\r[{'#' * done}{' ' * (width - done)}] {n}/{total} files")
    sys.stderr.flush()


def cmd_remove(args, config: Config) -> int:
    from knowledge.lookup import find_exact

    lib = _open(args, config)
    if sys.stdin.isatty() and not args.yes:
        cable = find_exact(lib, args.cable)
        try:
            reply = input(f"Remove {cable.id} ({cable.title}) from {lib.store.path}? [y/N] ")
        except EOFError:
            reply = ""
        if reply.strip().lower() not in ("y", "yes"):
            print("cablebot: nothing removed.", file=sys.stderr)
            return 1
    cable = lib.remove(args.cable)
    print(f"removed {cable.id}: {cable.title}")
    return 0


def cmd_doctor(args, config: Config) -> int:
    """Print one line a check; exit 1 if any failed."""
    from knowledge.doctor import diagnose
    from knowledge.library import default_db_path

    path = Path(args.db).expanduser() if args.db else default_db_path(config)
    checks = diagnose(config, path, offline=args.offline)
    for check in checks:
        print(check.line())
    return 1 if any(c.status == "fail" for c in checks) else 0


def cmd_quiz(args, config: Config) -> int:
    """Ask each question, check the typed answer, show the right one with its citation."""
    from knowledge.quiz import check_answer, make_quiz

    lib = _open(args, config)
    questions = make_quiz(
        lib, cable=args.cable, person=args.person, topic=args.topic,
        count=args.questions or config.quiz_questions, seed=args.seed,
    )  # fmt: skip
    points = 0
    for n, q in enumerate(questions, 1):
        print(f"\nQuestion {n} of {len(questions)}: {q.prompt}")
        if q.choices:
            print("  choices: " + " | ".join(q.choices))
        try:
            typed = input("> ")
        except EOFError:
            print()
            break
        right = check_answer(q, typed, lib.aliases)
        points += right
        verdict = "Right" if right else "Not quite"
        print(f"{verdict}: {q.answer}. [{q.citation.title}, {q.citation.date}; {q.citation.source}]")
        print(f'  "{q.citation.quote}"')
    print(f"\nScore: {points} of {len(questions)}")
    return 0


COMMANDS = {
    "doctor": cmd_doctor,
    "quiz": cmd_quiz,
    "ask": cmd_ask,
    "quote": cmd_quote,
    "items": cmd_items,
    "dates": cmd_dates,
    "cables": cmd_cables,
    "chat": cmd_chat,
    "ingest": cmd_ingest,
    "remove": cmd_remove,
    "thread": cmd_thread,
    "timeline": cmd_timeline,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
