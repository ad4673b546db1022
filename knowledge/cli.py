"""The `cablebot` command line: the same answers as the bot, offline."""

from __future__ import annotations

import argparse
import json
import sys

from knowledge.config import Config, load_config
from knowledge.errors import CablebotError

EPILOG = """examples:
  cablebot ask "how many rifles did Mao ask Stalin for?"
  cablebot ask --json "whose signature closes the reply to Zhou Enlai?"
  printf 'how many tons of TNT were listed\\nwho relayed telegram 5708\\n' | cablebot ask --json
  cablebot quote 26637            cablebot quote "zhou automobiles" --part 2
  cablebot items 26637            cablebot dates            cablebot cables
  cablebot ingest docs/           cablebot remove 26637     cablebot chat
  DISCORD_TOKEN=... cablebot run --sync --guild 1234
"""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cablebot",
        description="Answer history questions from archival cables (the bundled seeds, plus any you ingest).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--db",
        help="SQLite store to use (default: $CABLEBOT_DB, the config's store, or ~/.local/share/cablebot/store.db)",
    )
    p.add_argument("--config", help="config file (default: $CABLEBOT_CONFIG or ./config.yaml)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_,
            description=f"{help_}\n\nexample: {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    a = add(
        "ask",
        "answer a question with its citation (no question: one per line from stdin)",
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
    q.add_argument("cable", help="cable id, telegram number, or words from its title")
    g = q.add_mutually_exclusive_group()
    g.add_argument(
        "--part", type=int, help="only part N of the text (paragraphs and list items, from 1)"
    )
    g.add_argument("--lines", help="only lines A-B of the printed text")
    i = add("items", "table of requested and promised items", "cablebot items 26637")
    i.add_argument("cable", nargs="?", help="limit to one cable")
    d = add("dates", "timeline of every dated event in the cables", "cablebot dates zhou")
    d.add_argument("cable", nargs="?", help="limit to one cable")
    add("cables", "list the documents: id, date, title", "cablebot cables")
    add("chat", "answer questions typed at a prompt until EOF (Ctrl-D)", "cablebot chat")
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
    b = add(
        "run",
        "run the Discord bot (token from $DISCORD_TOKEN)",
        "DISCORD_TOKEN=... cablebot run --sync",
    )
    b.add_argument("--sync", action="store_true", help="sync the slash commands on start")
    b.add_argument("--guild", type=int, help="sync to this guild (server) id instead of globally")
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


def _open(args, config: Config):
    from knowledge.library import Library

    return Library.open(args.db, config=config)


def cmd_ask(args, config: Config) -> int:
    from knowledge.library import MAX_QUESTION_CHARS

    lib = _open(args, config)
    if args.question:
        question = " ".join(args.question)
        answer = lib.ask(question)
        print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else answer.text)
        return 0 if answer.found else 3
    for line in sys.stdin:
        question = line.strip()
        if not question:
            continue
        try:
            data = lib.ask(question).to_json()
        except CablebotError as exc:  # one bad line must not stop the rest
            data = {
                "question": question[:MAX_QUESTION_CHARS],
                "answer": str(exc),
                "found": False,
                "citations": [],
                "error": str(exc),
            }
        print(json.dumps(data, ensure_ascii=False) if args.json else data["answer"], flush=True)
    return 0


def cmd_quote(args, config: Config) -> int:
    from knowledge import present

    lib = _open(args, config)
    cable = lib.cable(args.cable)
    head = present.header_lines(cable)
    parts = present.body_parts(cable)
    if args.part is not None:
        if not 1 <= args.part <= len(parts):
            raise CablebotError(
                f"{cable.id} has parts 1-{len(parts)}; there is no part {args.part}."
            )
        print("\n".join(head) + f"\n\n[part {args.part} of {len(parts)}]\n" + parts[args.part - 1])
        return 0
    text = present.cable_text(cable)
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


def cmd_dates(args, config: Config) -> int:
    lib = _open(args, config)
    for entry in lib.timeline(args.cable):
        e = entry.event
        print(
            f"{e.date.display():<34} {e.kind:<19} {e.date.text:<22} {e.description} [{entry.cable_id}]"
        )
    return 0


def cmd_cables(args, config: Config) -> int:
    lib = _open(args, config)
    for s in lib.cables():
        number = f"No. {s.telegram_number}" if s.telegram_number else s.kind
        print(f"{s.id:<42} {s.date or 'undated':<18} {number:<10} {s.title}")
    return 0


def cmd_chat(args, config: Config) -> int:
    lib = _open(args, config)
    interactive = sys.stdin.isatty()
    while True:
        try:
            line = input("cablebot> " if interactive else "")
        except EOFError:
            return 0
        if not line.strip():
            continue
        try:
            print(lib.ask(line).text)
        except CablebotError as exc:
            print(f"cablebot: {exc}", file=sys.stderr)


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
            print(f"{result.status:<10} {result.file}: {', '.join(result.cables)}")
    return 1 if failed else 0


def _progress(n: int, total: int) -> None:
    if total < 5:
        return
    width = 30
    done = int(width * n / total)
    sys.stderr.write(f"\r[{'#' * done}{' ' * (width - done)}] {n}/{total} files")
    sys.stderr.flush()


def cmd_remove(args, config: Config) -> int:
    lib = _open(args, config)
    cable = lib.remove(args.cable)
    print(f"removed {cable.id}: {cable.title}")
    return 0


COMMANDS = {
    "ask": cmd_ask,
    "quote": cmd_quote,
    "items": cmd_items,
    "dates": cmd_dates,
    "cables": cmd_cables,
    "chat": cmd_chat,
    "ingest": cmd_ingest,
    "remove": cmd_remove,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
