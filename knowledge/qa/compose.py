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

QUOTE_CHARS = 700
STAMP_CHARS = 90  # a stamp is a short line; "I received the telegram ..." is prose
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


def page_text(c: Cable) -> str:
    """Everything the document's page prints: title, date, the archive's description and citation,
    the text as printed (stamps and closing lines in their order) and the editors' footnotes."""
    parts = [c.title, c.date.text if c.date else "", c.description, c.source.text if c.source else ""]
    parts.append(c.printed or c.body_text())
    parts += [*c.footnotes, c.heading, *c.routing, c.record_id and f"Record ID {c.record_id}", c.url]
    return "\n".join(p for p in parts if p)


def stamp_quote(c: Cable, kind: str) -> str:
    """The printed line(s) of a cable's 'Received' or 'Sent' stamp, as printed: the line with
    the word, and the next when the date or time stands on it ("8.11.1950"); "" if none."""
    lines = [ln.strip() for ln in (c.printed or "").splitlines()]
    word = {"received": r"\b(?:received|recd|incoming)\b", "sent": r"\b(?:sent|dispatched)\b"}[kind]
    for i, line in enumerate(lines):
        if len(line) <= STAMP_CHARS and re.search(word, line, re.I):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if nxt and re.fullmatch(r"[\d.:/\sIVXivx]+(?:hours?|minutes?|\s)*", nxt):
                return f"{line} {nxt}"
            return line
    return ""


def date_quote(c: Cable, d) -> str:
    """The printed words of a date: its own text where the page prints it, else the title."""
    text = page_text(c)
    from knowledge.text import in_printed

    return d.text if d and in_printed(d.text, text) else c.title


def verbatim(c: Cable, quote: str) -> bool:
    """Whether quote (a citation's words, '…' marking a cut) is the page's own words, whitespace
    and Markdown emphasis aside (knowledge.text.in_printed)."""
    from knowledge.text import in_printed

    text = page_text(c)
    return all(in_printed(piece, text) for piece in quote.split("…") if piece.strip())


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
