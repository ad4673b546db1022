"""Plain-text renderings of cables, items and timelines, shared by the CLI and the bot."""

from __future__ import annotations

import re

from knowledge.library import ItemRow, TimelineEntry
from knowledge.records import Cable, DateValue
from knowledge.text import in_printed


def header_lines(c: Cable) -> list[str]:
    """The cable's header: title, date, source, and the telegram's own header fields."""
    lines = [c.title]
    if c.date:
        lines.append(f"Date: {c.date.display()}")
    if c.source:
        lines.append(f"Source: {c.source.text}")
    if c.kind == "commentary":
        lines.append(
            "Commentary by the poster, not a primary source."
            + (f" Author: {c.author}" if c.author else "")
        )
    for label, value in (
        ("From", _with_office(c.sender.name if c.sender else "", c.sender_office)),
        ("To", _with_office(c.recipient.name if c.recipient else "", c.recipient_office)),
        ("Via", c.via.name if c.via else ""),
        ("Telegram", c.heading or (f"No. {c.telegram_number}" if c.telegram_number else "")),
        ("Priority", c.priority),
        ("Classification", c.classification),
        ("File", f"{c.file_number} ({c.file_kind})" if c.file_kind else c.file_number),
        ("Pages", "–".join(dict.fromkeys((c.pages[0], c.pages[-1]))) if c.pages else ""),
        ("Received", _stamp(c.received, c.printed)),
        ("Sent", _stamp(c.sent, c.printed)),
        ("Record ID", c.record_id),
        ("URL", c.url),
    ):
        if value:
            lines.append(f"{label}: {value}")
    return lines


def _with_office(name: str, office: str) -> str:
    """'Muccio, Ambassador in Korea' (FRUS headings give both); the name alone otherwise."""
    return f"{name}, {office}" if name and office and office != name else name


def _stamp(value: DateValue | None, printed: str) -> str:
    """'8 November 1950, 02:00', with the stamp's words in brackets when printed so."""
    if value is None:
        return ""
    if printed and not in_printed(value.text, printed):
        return value.display()  # the parser's reading, not words to show as the cable's own
    return f"{value.display()} ({value.text})"


def body_parts(c: Cable) -> list[str]:
    """The cable's text as a reader sees it, one part per paragraph, list item or closing line.

    With the text as printed (Cable.printed), a part is a block of printed lines between
    blank lines, kept as printed; older records fall back to the parsed fields.
    """
    if c.printed:
        return [b.strip("\n") for b in re.split(r"\n[ \t]*\n", c.printed) if b.strip()]
    parts: list[str] = []
    if c.issuing_office:
        parts.append(c.issuing_office)
    if head_text := c.header_block():
        parts.append(head_text)
    parts += list(c.paragraphs)
    if tail_text := c.closing_block():
        parts.append(tail_text)
    return parts


def cable_text(c: Cable) -> str:
    """The header lines, a blank line, then the text as printed (or its parts, for old records)."""
    return "\n".join(header_lines(c)) + "\n\n" + (c.printed or "\n\n".join(body_parts(c)))


def footnote(c: Cable) -> str:
    """A citation ready to paste as a footnote."""
    pieces = [f'"{c.title}"']
    if c.date:
        pieces.append(c.date.display())
    if c.source:
        pieces.append(c.source.text)
    if c.record_id:
        pieces.append(f"Wilson Center Digital Archive, Record ID {c.record_id}")
    if c.url:
        pieces.append(c.url)
    return ", ".join(pieces) + "."


def item_line(row: ItemRow) -> str:
    i = row.item
    when = (
        f" by {i.date.display()}"
        if i.date and i.role == "requested"
        else f" {i.date.display()}"
        if i.date
        else ""
    )
    number = f"{i.number}. " if i.number else ""
    return f"{number}{i.name}: {i.quantity_text()} ({i.role}{when})"


def event_line(entry: TimelineEntry) -> str:
    e = entry.event
    return f'{e.date.display()} — {e.kind}: {e.description} ("{e.date.text}") [{entry.cable_id}]'
