"""Where things stand in a cable: the item at a place in its numbered list, how many items the
list has, the closing line, and the date printed under the signature (a stage of find).

These questions ask about the cable's layout, not about what its sentences say: "what was item
7 on Mao's list", "no. 4 in the list?", "how many items are on the list", "how does Zhou end
his telegram", "what date is under the signature". Each reads the cable's stored parts
(Cable.numbered_items, closing, sent) and quotes them as printed; a cable without the part asked
for gives no answer here (the pipeline then says what it can).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.answers import Answer
from knowledge.qa.closing import FILING_NOTE, closing_line, last_sentence
from knowledge.qa.compose import cap, cite, describe, render, verbatim
from knowledge.records import Cable
from knowledge.text import sentences

if TYPE_CHECKING:
    from knowledge.collection import Collection
    from knowledge.qa.query import Query
    from knowledge.qa.resolve import Resolution

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "last": -1,
}  # fmt: skip
_ORD = "|".join(ORDINALS)
# "item 7", "item no. 7", "point 3", "entry #2"; "no. 4 in the list", "number 4 on his list";
# "the 4th item", "the fourth thing on the list", "the last item"
POSITION = re.compile(
    r"\b(?:item|point|entry|position|line)\s*(?:no\.?|number|nr\.?|#)?\s*(?P<a>\d{1,2})\b"
    r"|\b(?:no\.?|number|nr\.?|#)\s*(?P<b>\d{1,2})\b(?=.*\blist\b)"
    r"|(?<!\w)(?P<c>\d{1,2})(?:st|nd|rd|th)\s+(?:item|thing|entry|point|line|position)\b"
    rf"|\b(?P<d>{_ORD})\s+(?:item|thing|entry|point|position)\b",
    re.I,
)
LIST_WORDS = re.compile(r"\b(?:list|listed|item|items|entry|entries|point|points)\b", re.I)
# "how many items are on the list", "how many things did he list", "how long is the list"
COUNT = re.compile(
    r"\bhow many (?:different |separate |numbered )?(?:items|entries|points|positions|lines|things)\b"
    r"(?=.*\b(?:list|listed|on|in|ask\w*|request\w*|want\w*|number\w*)\b)"
    r"|\bhow (?:long|big) is (?:the |his |her |their |\w+'?s )?list\b"
    r"|\bnumber of (?:items|entries|points)\b",
    re.I,
)
_MESSAGE = r"(?:telegram|tel|cable|message|msg|letter|reply|note|list|request)"
CLOSING = re.compile(
    r"\b(?:closing|final|last|concluding|parting)\s+(?:line|sentence|words?|greetings?|salutation|remark|formula)s?\b"
    r"|\bsign[\s\-]?off\b"
    rf"|^\s*how (?:does|did|do)\b.*\b{_MESSAGE}\b.*\b(?:end|close|finish|conclude)\s*\??\s*$"
    rf"|\b(?:end|ends|ended|ending|close|closes|closed|finish\w*|conclude\w*|sign\w* off)\s+"
    rf"(?:(?:his|her|its|the|their|this|that|\w+'s)\s+)?{_MESSAGE}\b"
    rf"|\b{_MESSAGE}\s+(?:end|ends|ended|close|closes|closed|conclude\w*)\b(?!\s+(?:with|in|on)\s+\d)",
    re.I,
)
SIGNATURE_DATE = re.compile(
    r"\bdate\w*\b.*\b(?:under|below|beneath|after|beside|next to|by|with)\s+(?:the |his |her |\w+'s )?"
    r"(?:signature|name|sign-off)\b"
    r"|^\s*(?:what|which)\s+(?:is\s+|was\s+)?(?:the\s+)?date\b.*\b(?:signature|signed)\b"
    r"|\bdate\w*\b.*\b(?:at|on) the (?:bottom|foot|end)(?:\s+of\s+(?:the\s+|his\s+|her\s+|\w+'s\s+)?"
    r"(?:telegram|tel|cable|message|letter|reply|page|document))?\s*\??\s*$",
    re.I,
)


# "what number is under Zhou's signature", "the no. below his name"
SIGNATURE_NUMBER = re.compile(
    r"\b(?:number|no\.?|numeral)\b.*\b(?:under|below|beneath|after|beside|next to)\s+(?:the |his |her |\w+'s )?"
    r"(?:signature|name|sign-off)\b",
    re.I,
)
# A question about an item's content or circumstances, not which item stands there.
OTHER_ASK = re.compile(r"^\s*(?:why|how come|when|where|who|whom|whose|how|did|does|do|was|were|is|are)\b", re.I)


def asked(text: str) -> str | None:
    """Which layout question the text asks: 'position', 'count', 'closing', 'signature_date',
    'signature_number'."""
    if SIGNATURE_DATE.search(text):
        return "signature_date"
    if SIGNATURE_NUMBER.search(text):
        return "signature_number"
    if CLOSING.search(text) and not re.search(r"\b(?:war|fighting|talks|negotiations|operation)\b", text, re.I):
        return "closing"
    if COUNT.search(text):
        return "count"
    m = POSITION.search(text)
    if m and OTHER_ASK.search(text):
        return None  # "why avoid ... in the item 5 recommendation" asks about what item 5 says
    if m and LIST_WORDS.search(text) or m and m.group("d"):
        return "position"
    return None


def position(text: str) -> int | None:
    """The place in a list the text asks about (1-based; -1 for 'the last'), or None."""
    m = POSITION.search(text)
    if not m:
        return None
    got = m.group("a") or m.group("b") or m.group("c")
    return int(got) if got else ORDINALS[m.group("d").lower()]


def list_lines(c: Cable) -> list[tuple[int, str]]:
    """The numbered list of a cable as printed, (number, line) from 1 on, each line cut after its
    own first sentence (a list's last item may run into the next paragraph)."""
    out: list[tuple[int, str]] = []
    for item in c.numbered_items:
        m = re.match(r"\s*(\d{1,2})[.)]\s+(.*)", item, re.S)
        if not m:
            continue
        n = int(m.group(1))
        if n != len(out) + 1:
            break
        rest = re.split(r"(?<=\.)\s+(?=[A-Z])", m.group(2).strip(), maxsplit=1)[0]
        out.append((n, item[: item.index(m.group(2))] + rest))
    return out


def answer(lib: Collection, query: Query, res: Resolution, cables: list[Cable]) -> Answer | None:
    """The layout answer for the first resolved cable that has the part asked for, or None."""
    kind = asked(query.text)
    if kind is None:
        return None
    if kind == "closing":
        cables = _closing_cables(query, res, cables)
    named = list(query.q.people)
    if named:
        # "Mao's list", "Zhou's closing line", "under Lebedev's signature": that sender's cables
        cables = [c for c in cables if c.sender and any(m.is_(n) for m in named for n in c.sender.name.split(" and "))]
    elif kind in ("position", "count") and res.how in ("ranked", "none") and not any(list_lines(c) for c in cables):
        cables = _only_list(lib)  # "no. 4 in the list?": the one list stored, if only one
    for c in cables:
        got = _ANSWER[kind](query, c)
        if got is not None:
            fact, quotes = got
            quotes = [quotes] if isinstance(quotes, str) else quotes
            if all(verbatim(c, quote) for quote in quotes):
                return render(query.q, fact, [cite(c, quote) for quote in quotes])
    return None


CLOSING_WORDS = frozenset(
    ["end", "ends", "ended", "ending", "close", "closes", "closed", "closing", "finish", "finishes", "finished", "conclude", "concludes", "concluded", "concluding", "last", "final", "line", "lines", "sentence", "sentences", "word", "words", "greeting", "greetings", "sign", "off", "quote", "telegram", "tel", "cable", "message", "msg", "letter", "reply", "note", "list", "request"]
)


def _closing_cables(query: Query, res: Resolution, cables: list[Cable]) -> list[Cable]:
    """The cable whose ending is asked for: the one the question's other words fit
    ('how does Stalin's congratulation tel to Mao end'), as the pipeline's closing-line finder
    picks it; with no other words, the resolved cables in order ('how does Mao end his telegram')."""
    words = [w for w in query.focus if w not in CLOSING_WORDS and len(w) > 2]
    if not words:
        return cables
    got = closing_line(query, res, cables)
    if got is None or not got.citations:
        return []
    return [c for c in cables if c.id == got.citations[0].cable]


def _only_list(lib: Collection) -> list[Cable]:
    """The one stored cable with a numbered list, or nothing when none or several have one."""
    rows = lib.store.conn.execute(
        "SELECT doc_id FROM items GROUP BY doc_id HAVING COUNT(*) >= 2 LIMIT 40"
    ).fetchall()
    found = [c for c in (lib.store.get(r[0]) for r in rows) if c and len(list_lines(c)) >= 2]
    return found if len(found) == 1 else []


def _position(query: Query, c: Cable) -> tuple[str, str] | None:
    lines = list_lines(c)
    n = position(query.text)
    if not lines or n is None or not (n == -1 or 1 <= n <= len(lines)):
        return None
    number, line = lines[n - 1] if n > 0 else lines[-1]
    what = re.sub(r"^\s*\d{1,2}[.)]\s+", "", line).rstrip(".")
    return f"Item {number} of the list in {describe(c)} is: {what}.", line


def _count(query: Query, c: Cable) -> tuple[str, str] | None:
    lines = list_lines(c)
    if len(lines) < 2:
        return None
    names = "; ".join(re.sub(r"^\s*\d{1,2}[.)]\s+", "", line).rstrip(".") for _, line in lines)
    return f"The list in {describe(c)} has {len(lines)} items: {names}.", lines[-1][1]


def _closing(query: Query, c: Cable) -> tuple[str, list[str]] | None:
    last = last_sentence(c) or ""
    if not last and c.paragraphs:
        said = sentences(c.paragraphs[-1])
        last = said[-1] if said else ""
    # the closing formula, not the archive's or typist's notes under it ("sent in one copy from
    # an original by Mokrov Nº 1644", "4 copies typed", "Deciphered by ...")
    formulas = [x for x in c.closing if not FILING_NOTE.search(x)]
    formula = formulas[-1] if formulas else ""
    lines = [x for x in dict.fromkeys((last, formula)) if x]
    if not lines:
        return None
    signed = f", signed {c.signature}" if c.signature else ""
    said = '", then "'.join(lines)
    return f'{cap(describe(c))} ends: "{said}"{signed}.', lines


def _signature_date(query: Query, c: Cable) -> tuple[str, str] | None:
    if not c.sent or not c.sent.text or c.sent.text not in c.closing_block():
        return None
    shown = c.sent.display()
    also = f" ({shown})" if shown and shown != c.sent.text else ""
    own = c.date.display() if c.date else ""
    header = f"; the cable itself is dated {own}" if own and own != shown else ""
    signer = f" {c.signature}" if c.signature else ""
    return (
        f"The date printed under the signature{signer} of {describe(c)} is {c.sent.text}{also}{header}.",
        c.sent.text,
    )


def _signature_number(query: Query, c: Cable) -> tuple[str, str] | None:
    if not c.outgoing_number or c.outgoing_number not in c.closing_block():
        return None
    signer = f" {c.signature}" if c.signature else ""
    return f"The number printed under the signature{signer} of {describe(c)} is {c.outgoing_number}.", c.outgoing_number


_ANSWER = {
    "position": _position, "count": _count, "closing": _closing, "signature_date": _signature_date,
    "signature_number": _signature_number,
}  # fmt: skip
