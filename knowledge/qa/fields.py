"""Header fields of a resolved cable (stage 3, 'find', for header targets).

Each getter returns (fact, quote) from the record, or None when the cable lacks the field;
the quote is the cable's own printed words where the record keeps them (heading, stamp,
signature, archival citation).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.qa.compose import cap, date_quote, describe, party_label, stamp_quote
from knowledge.records import Cable

Found = tuple[str, str] | None


def _line_with(c: Cable, needle: str) -> str:
    """The printed line holding needle as a whole (No. 2623 is not in No. 26239), else
    needle itself."""
    if needle:
        whole = re.compile(rf"(?<![\w/]){re.escape(needle)}(?![\w/])")
        for line in (c.printed or "").splitlines():
            if whole.search(line):
                return line.strip()
        for line in (c.printed or "").splitlines():
            if needle in line:
                return line.strip()
    return needle


_TITLE_FROM = re.compile(r"\bfrom\s+(?:Cde\.\s+|Comrade\s+)?(?P<who>[A-Z][\w.\-’' ]+?)(?=\s+(?:to|in|at|via|for|on)\b|,|$)")
_TITLE_TO = re.compile(r"\bto\s+(?:Cde\.\s+|Comrade\s+)?(?P<who>[A-Z][\w.\-’' ]+?)(?=\s+(?:from|in|at|via|for|on)\b|,|$)")


def _from_title(c: Cable, pattern: re.Pattern[str]) -> str:
    m = pattern.search(c.title)
    return m.group("who").strip() if m else ""


def sender(c: Cable) -> Found:
    if not c.sender:
        who = _from_title(c, _TITLE_FROM)
        return (f"{cap(describe(c))} was sent by {who}, as its title says.", c.title) if who else None
    who = party_label(c.sender, c.sender_office)
    signed = f", signed {c.signature}" if c.signature and c.signature not in who else ""
    return f"{cap(describe(c))} was sent by {who}{signed}.", c.title


def recipient(c: Cable) -> Found:
    if not c.recipient:
        who = _from_title(c, _TITLE_TO)
        return (f"{cap(describe(c))} was addressed to {who}, as its title says.", c.title) if who else None
    who = party_label(c.recipient, c.recipient_office)
    written = c.recipient.as_written
    extra = f" (written {written})" if written and written.lower() not in who.lower() else ""
    via = f", via {c.via.name}" if c.via else ""
    quote = c.title if written and written in c.title else (c.addressee or c.title)
    return f"{cap(describe(c))} was addressed to {who}{extra}{via}.", quote


def via(c: Cable) -> Found:
    if not c.via:
        return _relayed(c)
    quote = " ".join(x for x in (c.addressee, c.for_line) if x) or c.title
    return f"{cap(describe(c))} was sent via {c.via.name}.", quote


def _relayed(c: Cable) -> Found:
    """A cable sent to one person "for" another ("Comrade KRASOVSKY / For Comrade MAO ZEDONG")
    went through its recipient: (fact, the printed lines naming both), or None."""
    if not (c.recipient and c.for_party) or c.recipient.name == c.for_party.name:
        return None
    lines = [x.strip() for x in (c.printed or "").splitlines()]
    final = c.for_party.name.split()[-1].lower()
    relay = c.recipient.name.split()[-1].lower()
    for i, line in enumerate(lines):
        if re.match(r"for\b", line, re.I) and final in line.lower():
            quote = f"{lines[i - 1]} {line}" if i and relay in lines[i - 1].lower() else line
            return f"{cap(describe(c))} went via {c.recipient.name}, to whom it was addressed for {c.for_party.name}.", quote
    return None


def signer(c: Cable) -> Found:
    if not c.signature:
        if not c.sender:
            return None
        who = party_label(c.sender, c.sender_office)
        return f"{cap(describe(c))} prints no signature line; it is from {who}.", c.title
    return f"{cap(describe(c))} is signed {c.signature}.", _line_with(c, c.signature)


def copies(c: Cable) -> Found:
    if not c.copies:
        return None
    names = ", ".join(f"{x.name} ({x.count})" if x.count > 1 else x.name for x in c.copies)
    n = sum(x.count for x in c.copies)
    return f"Copies of {describe(c)} went to {names}: {n} in all.", names


def _date_fact(label: str, value, stamp: str = "") -> Callable[[Cable], Found]:
    def get(c: Cable) -> Found:
        d = value(c)
        if not d:
            return None
        quote = (stamp and stamp_quote(c, stamp)) or date_quote(c, d)
        return f"{cap(describe(c))} was {label} {d.display()}.", quote

    return get


def telegram_number(c: Cable) -> Found:
    if not c.telegram_number and not c.outgoing_number:
        return None
    parts = []
    if c.telegram_number:
        parts.append(f"telegram No. {c.telegram_number}")
    if c.outgoing_number and c.outgoing_number != c.telegram_number:
        parts.append(f"the sender's own number {c.outgoing_number}")
    quote = _line_with(c, c.telegram_number or c.outgoing_number) or c.heading or c.title
    return f"{cap(describe(c))} is {' and '.join(parts)}.", quote


def outgoing_number(c: Cable) -> Found:
    if not c.outgoing_number:
        return None
    return (
        f"The sender's own number on {describe(c)} is {c.outgoing_number}.",
        _line_with(c, c.outgoing_number),
    )


def _plain(label: str, get: Callable[[Cable], str]) -> Callable[[Cable], Found]:
    def field(c: Cable) -> Found:
        value = get(c)
        if not value:
            return None
        return f"The {label} of {describe(c)} is {value}.", _line_with(c, value)

    return field


FIELDS: dict[str, Callable[[Cable], Found]] = {
    "sender": sender,
    "recipient": recipient,
    "via": via,
    "signer": signer,
    "copies": copies,
    "sent": _date_fact("sent", lambda c: c.sent or c.date, "sent"),
    "received": _date_fact("received", lambda c: c.received, "received"),
    "dated": _date_fact("dated", lambda c: c.date),
    "telegram_number": telegram_number,
    "outgoing_number": outgoing_number,
    "priority": _plain("priority marking", lambda c: c.priority),
    "classification": _plain("classification", lambda c: c.classification),
    "source": _plain("archival source", lambda c: c.source.text if c.source else ""),
    "record_id": _plain(
        "archive record",
        lambda c: " ".join(x for x in (f"Record ID {c.record_id}" if c.record_id else "", c.url) if x),
    ),
    "file_number": _plain("file number", lambda c: c.file_number),
}

# The words a header target stands for, searched in the text when the record lacks the field.
FIELD_WORDS: dict[str, list[str]] = {
    "copies": ["copies", "copy", "typed"],
    "received": ["received", "recd", "incoming"],
    "sent": ["sent", "dispatched"],
    "translator": ["translated", "translator"],
    "outgoing_number": [],
    "incoming_number": ["incoming"],
    "signer": [],
    "priority": ["priority", "urgent", "niact"],
    "classification": ["secret", "top", "confidential"],
}
