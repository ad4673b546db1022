"""Compose answers (stage 5): the fact first, then the cable's own words and the citation.

Every quote is the cable's words as printed (a sentence, a stamp line, a footnote), never a
rendering of them; an answer names a cable the way a reader would: "Muccio (Ambassador in
Korea) to the Secretary of State, 20 July 1951", "Mao Zedong's cable to Stalin of 8 November
1950".
"""

from __future__ import annotations

import re

from knowledge.answers import Answer, Citation
from knowledge.cards import Card
from knowledge.records import Cable, Party
from knowledge.text import clip

QUOTE_CHARS = 400
_OFFICE = re.compile(
    r"\b(?:secretary|ambassador|embassy|department|chiefs|commander|chargé|charge|minister|"
    r"ministry|mission|consul|government|office|delegation|committee|politburo|representative)\b",
    re.I,
)


def cite(c: Cable, quote: str) -> Citation:
    """A citation of cable c quoting its words (clipped to QUOTE_CHARS at a word boundary)."""
    return Citation(
        c.id,
        c.title,
        c.date.display() if c.date else "",
        c.source.text if c.source else "",
        clip(quote, QUOTE_CHARS),
    )


def cite_card(c: Card, quote: str) -> Citation:
    """The same citation from a card, without reading the whole record (a total cites many)."""
    return Citation(c.id, c.title, c.date_shown, c.source, clip(quote, QUOTE_CHARS))


def party_label(party: Party | None, office: str = "") -> str:
    """'Muccio (Ambassador in Korea)', 'the Secretary of State', 'Stalin'."""
    if party is None:
        return ""
    name = party.name
    if office and office.lower() not in name.lower():
        return f"{name} ({office})"
    if _OFFICE.search(name) and not name.lower().startswith("the "):
        return f"the {name}"
    return name


def is_office(c: Cable) -> bool:
    return bool(c.sender_office or (c.sender and _OFFICE.search(c.sender.name)))


def describe(c: Cable) -> str:
    """How an answer names a cable: 'Mao Zedong's cable to Stalin of 8 November 1950 (No.
    26637)', or for an office 'the cable from Muccio (Ambassador in Korea) to the Secretary of
    State of 20 July 1951 (No. 65)'."""
    if c.kind == "commentary":
        return f"the poster's commentary ({c.author})" if c.author else "the poster's commentary"
    to = f" to {party_label(c.recipient, c.recipient_office)}" if c.recipient else ""
    when = f" of {c.date.display()}" if c.date else ""
    number = f" (No. {c.telegram_number})" if c.telegram_number else ""
    if c.sender and not is_office(c):
        return f"{c.sender.name}'s cable{to}{when}{number}"
    if c.sender:
        return f"the cable from {party_label(c.sender, c.sender_office)}{to}{when}{number}"
    return f"the cable{to}{when}{number}"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def render(q, fact: str, citations: list[Citation]) -> Answer:
    """An Answer whose text is the fact, then [title, date: "quote"; source]."""
    first = citations[0]
    source = f"; {first.source}" if first.source else ""
    text = f'{fact} [{first.title}, {first.date or "undated"}: "{first.quote}"{source}]'
    return Answer(q.text, text, True, tuple(citations), (), fact)


def abstain(question: str, text: str, suggestions: tuple[str, ...] = ()) -> Answer:
    """A plain 'not in the cables' answer (found false), with what the cables do hold."""
    return Answer(question, text, False, (), suggestions, "")
