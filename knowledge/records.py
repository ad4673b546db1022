"""Frozen records for cables, their dates, sources, parties and requested items."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any, get_args, get_origin, get_type_hints


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as a cable prints it, kept at the precision it was given.

    precision is one of: minute, day, day-range, month, month-range, half-year, year, year-range.
    qualifier is "before", "by", "from" or "" (a plain date).
    """

    text: str
    start: str | None = None  # ISO date of the first day it may mean
    end: str | None = None  # ISO date of the last day it may mean
    precision: str = "day"
    time: str | None = None  # "HH:MM" when the cable gives a time
    qualifier: str = ""

    def display(self) -> str:
        """Render as a reader expects: '8 November 1950, 02:00', '25-26 November 1950'."""
        return display_date(self)


_MONTH_NAMES = {i: calendar.month_name[i] for i in range(1, 13)}


def _day(iso: str | None) -> tuple[int, int, int] | None:
    if not iso:
        return None
    y, m, d = (int(x) for x in iso.split("-"))
    return y, m, d


def display_date(v: DateValue) -> str:
    """Render a DateValue at its own precision: '25-26 November 1950', 'second half of 1951'."""
    s, e = _day(v.start), _day(v.end)
    if s is None:
        return v.text
    y, m, d = s
    p = v.precision
    if p == "year":
        text = f"{y}"
    elif p == "half-year":
        text = f"{'first' if m == 1 else 'second'} half of {y}"
    elif p == "half-month":
        text = f"{'first' if d == 1 else 'second'} half of {_MONTH_NAMES[m]} {y}"
    elif p == "month":
        text = f"{_MONTH_NAMES[m]} {y}"
    elif p == "month-range" and e:
        text = (
            f"{_MONTH_NAMES[m]}-{_MONTH_NAMES[e[1]]} {e[0]}"
            if e[0] == y
            else f"{_MONTH_NAMES[m]} {y}-{_MONTH_NAMES[e[1]]} {e[0]}"
        )
    elif p == "day-range" and e and e != s:
        if (e[0], e[1]) == (y, m):
            text = f"{d}-{e[2]} {_MONTH_NAMES[m]} {y}"
        elif e[0] == y:
            text = f"{d} {_MONTH_NAMES[m]} - {e[2]} {_MONTH_NAMES[e[1]]} {y}"
        else:
            text = f"{d} {_MONTH_NAMES[m]} {y} - {e[2]} {_MONTH_NAMES[e[1]]} {e[0]}"
    else:
        text = f"{d} {_MONTH_NAMES[m]} {y}"
    if v.time:
        text += f", {v.time}"
    if v.qualifier in ("before", "by", "after", "until"):
        text = f"{v.qualifier} {text}"
    return text


@dataclass(frozen=True, slots=True)
class ArchivalSource:
    """An archival citation as printed, and split where its form allows."""

    text: str
    archive: str | None = None
    fond: str | None = None
    opis: str | None = None
    delo: str | None = None
    listy: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """A person or office named in a cable: the canonical name and how the cable wrote it."""

    name: str
    as_written: str = ""


@dataclass(frozen=True, slots=True)
class Copy:
    """One entry of a distribution list, e.g. Stalin (2)."""

    name: str
    count: int = 1


@dataclass(frozen=True, slots=True)
class RequestedItem:
    """A quantity of something asked for (role 'requested') or promised in reply ('promised')."""

    name: str
    quantity: float
    unit: str | None
    words: str  # the cable's own words the item was read from
    number: int | None = None  # the item's number in a numbered list
    role: str = "requested"
    date: DateValue | None = None  # when it is to be delivered, if the cable says

    def quantity_text(self) -> str:
        q = int(self.quantity) if float(self.quantity).is_integer() else self.quantity
        text = f"{q:,}"
        return f"{text} {self.unit}" if self.unit and self.unit != "pieces" else text


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event in a cable's life or text: sent, received, dated, promised delivery..."""

    kind: str
    date: DateValue
    words: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class CrossReference:
    """A reference in a cable's text to another telegram: 'your telegram No. 3153', 'Deptel 812'.

    kind is 'reply-to' (in reply to, Urtel, your telegram), 'own' (mytel, my No., in addition
    to my No.), 'department' (Deptel), 'embassy' (Embtel), 'reference' (reftel, other);
    number as printed ("3153", "483/sh"); date as printed or "".
    """

    kind: str
    number: str
    words: str  # the cable's own words the reference was read from
    date: str = ""


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact read from a sentence of a cable, with the words it came from.

    kind: 'quantity' (value, unit, thing, frame), 'date' (value = ISO start, thing = event
    phrase), 'duration' (value = text such as 'ten days'), 'translator', 'note'.
    frame is the verb frame of a quantity: 'requested', 'promised', 'has', 'mobilise', 'lost',
    'sent', 'train', 'plan', '' (knowledge/facts.py FRAMES).
    """

    kind: str
    value: str
    thing: str
    words: str
    unit: str = ""
    frame: str = ""


@dataclass(frozen=True, slots=True)
class Cable:
    """One document: a cable, or (kind='commentary') a poster's commentary around cables."""

    id: str
    title: str
    kind: str = "cable"
    date: DateValue | None = None
    source: ArchivalSource | None = None
    description: str = ""
    issuing_office: str = ""
    heading: str = ""  # "CIPHERED TELEGRAM No. 26637"
    telegram_number: str = ""
    copies: tuple[Copy, ...] = ()
    origin: str = ""  # "From Beijing"
    destination: str = ""  # "BEIJING"
    channel: str = ""  # "Only by ciphered telegraph"
    received: DateValue | None = None
    sent: DateValue | None = None
    priority: str = ""
    addressee: str = ""  # the "To Comrade ..." line as printed
    for_line: str = ""  # the "For Comrade ..." line as printed
    sender: Party | None = None
    recipient: Party | None = None
    via: Party | None = None
    for_party: Party | None = None
    paragraphs: tuple[str, ...] = ()
    numbered_items: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    signature: str = ""
    outgoing_number: str = ""
    items: tuple[RequestedItem, ...] = ()
    events: tuple[Event, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    author: str = ""  # for commentary
    record_id: str = ""
    url: str = ""
    language: str = ""
    rights: str = ""
    file: str = ""  # the file it was read from
    checksum: str = ""  # of the normalised text, to spot the same document twice
    extra: tuple[tuple[str, str], ...] = field(default=())
    # FRUS and telegraphese conventions (see knowledge/parse/frus_tei.py and build.py)
    file_number: str = ""  # FRUS decimal file or lot file, "795.00/7–2051"
    file_kind: str = ""  # what the file line calls it: "Telegram", "Airgram", ""
    classification: str = ""  # "top secret", "secret"
    sender_office: str = ""  # "Ambassador in Korea" when the heading names office and person
    recipient_office: str = ""
    routing: tuple[str, ...] = ()  # "Sent Department 815, repeated information Paris 77"
    footnotes: tuple[str, ...] = ()  # editors' notes, kept apart from the cable's own words
    pages: tuple[str, ...] = ()  # printed page numbers the document spans ("961", "962")
    volume: str = ""  # "Foreign Relations of the United States, 1949, vol. VII, pt. 2"
    doc_number: str = ""  # the document's number in its volume ("12")
    cross_references: tuple[CrossReference, ...] = ()
    facts: tuple[Fact, ...] = ()  # read at ingest from every sentence (knowledge/facts.py)
    printed: str = ""  # the document's text as printed: its lines and stamps in their order

    @property
    def label(self) -> str:
        """Short human label: title with its date."""
        return f"{self.title} ({self.date.display()})" if self.date else self.title

    def party_roles(self) -> list[tuple[str, str]]:
        """(name, role) of sender, recipient, via and for, in that order; "A and B" split."""
        roles = []
        for role, party in (
            ("sender", self.sender),
            ("recipient", self.recipient),
            ("via", self.via),
            ("for", self.for_party),
        ):
            if party:
                roles += [(n, role) for n in party.name.split(" and ")]
        return roles

    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def header_block(self) -> str:
        """The telegram's own header lines: heading, copies, received stamp, priority, addressee."""
        lines = [self.heading]
        if self.copies:
            lines.append(
                "Copies: "
                + ", ".join(f"{c.name} ({c.count})" if c.count > 1 else c.name for c in self.copies)
            )
        if self.received:
            lines.append(f"{self.origin} Received {self.received.text}".strip())
        lines += [self.destination, self.channel, self.priority, self.addressee, self.for_line]
        return "\n".join(line for line in lines if line)

    def closing_block(self) -> str:
        """Closing lines, signature, outgoing number and sent stamp."""
        sent = self.sent.text if self.sent else ""
        return "\n".join(
            t for t in (*self.closing, self.signature, self.outgoing_number, sent) if t
        )


def to_dict(record: Any) -> Any:
    """Turn a record (and everything inside it) into JSON-ready data."""
    if is_dataclass(record):
        return {f.name: to_dict(getattr(record, f.name)) for f in fields(record)}
    if isinstance(record, tuple | list):
        return [to_dict(x) for x in record]
    return record


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a record of type cls from to_dict output; unknown keys are ignored."""
    return _builder(cls)(data)


@cache
def _builder(cls: type):
    """A function turning a dict into cls, planned once per class (this runs on every answer)."""
    hints = get_type_hints(cls)
    plan = [(f.name, _converter(hints[f.name])) for f in fields(cls)]

    def build(data: dict) -> Any:
        return cls(**{name: convert(data[name]) for name, convert in plan if name in data})

    return build


def _identity(value: Any) -> Any:
    return value


def _converter(hint: Any):
    origin = get_origin(hint)
    args = get_args(hint)
    if origin is tuple:
        inner = _converter(args[0])
        if inner is _identity:
            return lambda v: tuple(v) if v is not None else None
        return lambda v: tuple(inner(x) for x in v) if v is not None else None
    if args and type(None) in args:  # X | None
        inner = _converter(next(a for a in args if a is not type(None)))
        if inner is _identity:
            return _identity
        return lambda v: inner(v) if v is not None else None
    if isinstance(hint, type) and is_dataclass(hint):
        return lambda v: _builder(hint)(v) if v is not None else None
    return _identity
