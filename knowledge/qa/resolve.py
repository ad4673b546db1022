"""Resolve a Query's references into the cables it is about (stage 2 of the pipeline).

An identifier is a hard filter: the cables bearing it (telegram, outgoing or record number),
else the cables whose text mentions it (the date of a Deptel no stored cable bears is read
from the cable that cites it, "Deptel 512, May 3"), else nothing, and the answer says no cable here is numbered so. Dates and
parties narrow the candidates the index proposes; words only rank them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from knowledge.cards import Card
from knowledge.qa.query import HEADER_TARGETS, Query, Reference
from knowledge.qa.rank import person_fit, rank_cables
from knowledge.qa.understand import YEARLESS

if TYPE_CHECKING:
    from knowledge.collection import Collection

CANDIDATES = 8  # cables the index proposes for a question without an identifier
PARTY_FIT = 3.0
HEADER_WORDS_WEIGHT = 1.0
WORDS_WEIGHT = 4.0  # a cable holding all the question's words weighs as much as a named party  # person_fit of a cable whose parties are the person the question names


@dataclass
class Resolution:
    """The cables a question is about, best first, and how they were chosen.

    how is 'identifier' (bear the number asked about), 'mentioned' (their text cites it),
    'narrowed' (date or parties matched), 'ranked' (words only) or 'none'.
    missing names the identifiers no cable bears or mentions ("8601"), for the answer to say so.
    """

    cards: list[Card] = field(default_factory=list)
    how: str = "none"
    missing: list[str] = field(default_factory=list)
    date_matched: bool = False  # the question's date is the date of the cables kept
    by_words: list[Card] = field(default_factory=list)  # best by the question's words alone

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.cards]


def number_forms(ref: Reference) -> list[str]:
    """How a stored record may write the number: '483/sh', '483', 'JCS 938085', '938085'."""
    num = ref.number
    digits = num.split("/")[0]
    forms = [num, digits, f"{digits}/sh"]
    if ref.prefix:
        forms += [f"{ref.prefix}{sep}{digits}" for sep in (" ", "-", "–", "—", "")]
    return list(dict.fromkeys(forms))


def bearing(lib: Collection, ref: Reference) -> list[str]:
    """Ids of the cables that bear the number as their own: telegram, outgoing or record
    number, or a number of their title ("Ciphered Telegram No. 4159 from Filipov")."""
    out: list[str] = []
    for form in number_forms(ref):
        out += lib.store.by_number(form)
    if not out:
        digits = ref.number.split("/")[0]
        pattern = re.compile(rf"(?<![\d,.]){re.escape(digits)}(?!\d)")
        for hit in lib.index.search([digits], kinds=("cable",), limit=10):
            c = lib.store.get(hit.cable)
            if c and pattern.search(c.title):
                out.append(c.id)
    return list(dict.fromkeys(out))


def has_number(lib: Collection, digits: str) -> bool:
    """Whether a stored cable bears the number (see bearing)."""
    return bool(bearing(lib, Reference(digits)))


# Words naming a cable's role, not its subject: "Stalin's reply" is found by its parties.
CABLE_ROLE_WORDS = {"reply", "answer", "response", "telegram", "tel", "cable", "message", "msg", "letter"}
WORD_CABLES = 2  # cables holding most of the question's words are searched whatever their parties
WORD_CABLE_SHARE = 0.5
WORD_CANDIDATES = 12  # passage hits of the focus words alone, added to the candidates
DATE_CANDIDATES = 30  # cables of the question's date added to the index's candidates


def dated(lib: Collection, query: Query) -> list[str]:
    """Ids of cables whose own date falls in a date the question names (with its year)."""
    out: list[str] = []
    for d in query.dates:
        if not d.start or d.start[:4] == str(YEARLESS):
            continue
        rows = lib.store.conn.execute(
            "SELECT id FROM documents WHERE date_start BETWEEN ? AND ? LIMIT ?",
            (d.start, d.end or d.start, DATE_CANDIDATES),
        )
        out += [r[0] for r in rows]
    return out


def mentioning(lib: Collection, ref: Reference) -> list[str]:
    """Ids of the cables whose text holds the number (as a whole token)."""
    digits = ref.number.split("/")[0]
    hits = lib.index.search([digits], kinds=("passage", "cable"), limit=20)
    ids = list(dict.fromkeys(h.cable for h in hits))
    pattern = re.compile(rf"(?<![\d,.]){re.escape(digits)}(?!\d)")
    keep = []
    for cable_id in ids:
        c = lib.store.get(cable_id)
        if c and pattern.search(_all_text(c)):
            keep.append(cable_id)
    return keep


def _own_number(lib: Collection, cable_id: str, digits: str) -> bool:
    c = lib.store.get(cable_id)
    return bool(c) and any(
        re.sub(r"\D", "", n.split("/")[0]) == digits for n in (c.telegram_number, c.outgoing_number) if n
    )


def _all_text(c) -> str:
    return "\n".join(
        [c.title, c.description, c.header_block(), *c.paragraphs, c.closing_block(), *c.footnotes,
         c.printed, *c.routing]
    )  # fmt: skip


def word_share(query: Query, card: Card) -> float:
    """Share of the question's focus words the cable holds anywhere."""
    words = [w for w in query.focus if len(w) > 2 and w not in CABLE_ROLE_WORDS]
    if not words:
        return 0.0
    return sum(1 for w in words if card.has_word(w)) / len(words)


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")  # fmt: skip


def _tells_of(lib: Collection, cable_id: str, query: Query) -> bool:
    """Whether the cable's text names the question's year, and its month when it gives one
    ("in 1953", "nov-dec 1951"): a cable of another date may tell of events then."""
    c = lib.store.get(cable_id)
    if c is None:
        return False
    text = _all_text(c).lower()
    for d in query.dates:
        if not d.start or d.start[:4] == str(YEARLESS) or d.start[:4] not in text:
            return False
        if d.precision.startswith("month"):
            month = MONTH_NAMES[int(d.start[5:7]) - 1]
            if not re.search(rf"\b{month[:3]}", text):
                return False
    return True


def date_fits(query: Query, card: Card) -> bool:
    """Whether a date the question names is the cable's own (at the question's precision)."""
    for d in query.dates:
        if not d.start:
            continue
        end = d.end or d.start
        for day in card.days[:1] or ():
            if d.start[:4] == str(YEARLESS):
                if d.start[5:] <= day[5:] <= end[5:]:
                    return True
            elif d.start <= day <= end:
                return True
    return False


def resolve(lib: Collection, query: Query) -> Resolution:
    """The cables the question is about; see the module docstring for the order of rules."""
    if query.references:
        pinned: list[str] = []
        mentioned: list[str] = []
        missing: list[str] = []
        for ref in query.references:
            ids = bearing(lib, ref)
            if ids:
                pinned += ids
                continue
            ids = mentioning(lib, ref)
            digits = ref.number.split("/")[0]
            own = [i for i in ids if _own_number(lib, i, digits)]
            if own:
                pinned += own  # its own number, printed another way ("JCS–82438")
            elif ids:
                mentioned += ids
            elif ref.cued:
                missing.append(f"{ref.prefix} {ref.number}".strip())
        if pinned or mentioned:
            ids = list(dict.fromkeys(pinned or mentioned))
            cards = lib.store.cards(ids)
            ordered = sorted(
                (cards[i] for i in ids if i in cards),
                key=lambda c: -(person_fit(query.q, c) + (2 if date_fits(query, c) else 0)),
            )
            return Resolution(
                ordered, "identifier" if pinned else "mentioned", missing,
                any(date_fits(query, c) for c in ordered),
            )  # fmt: skip
        if missing:
            return Resolution([], "none", missing)
    ranked = rank_cables(lib, query.q, limit=CANDIDATES)
    cards = [r.card for r in ranked]
    seen = {c.id for c in cards}
    extra = [i for i in dated(lib, query) if i not in seen]
    # The words alone, without the people: a person the question names may be one the text
    # mentions but the parser did not file as a person ("Kovalev reports Mao's request").
    words = query.focus + [w for m in query.people for w in m.name.lower().split()]
    # and the words the alias file makes an abbreviation stand for ("smgs": "sub-machine gun")
    words += [
        x for w in query.focus for r in lib.aliases.related_words(w) if r != w for x in r.replace("-", " ").split()
    ]
    words = list(dict.fromkeys(words))
    for hit in lib.search(words, kinds=("passage",), limit=WORD_CANDIDATES) if words else []:
        if hit.cable not in seen and hit.cable not in extra:
            extra.append(hit.cable)
    if extra:
        more = lib.store.cards(extra)
        for i in extra:
            if i in more and more[i].kind == "cable":
                cards.append(more[i])
    cards = list({c.id: c for c in cards}.values())
    if not cards:
        return Resolution([], "none")
    # The cables holding most of the question's words, whatever their date, when the question
    # names only a year or a month: it may be an event's in the text ("how many guns could X deliver in 1953",
    # asked of a cable of December 1952).
    by_words = []
    if query.dates and all(d.precision in ("year", "month", "month-range", "year-range") for d in query.dates):
        by_words = sorted(cards, key=lambda c: -word_share(query, c))[:WORD_CABLES]
        by_words = [c for c in by_words if word_share(query, c) >= WORD_CABLE_SHARE and _tells_of(lib, c.id, query)]
    how = "ranked"
    date_matched = False
    if query.dates:
        on_date = [c for c in cards if date_fits(query, c)]
        if on_date:
            cards, how, date_matched = on_date, "narrowed", True
        else:
            # The date may be an event's in the text ("the meeting on 10 July"): keep ranking,
            # but cables of another year are not about this question.
            years = {d.start[:4] for d in query.dates if d.start and d.start[:4] != str(YEARLESS)}
            if years and all(d.precision in ("year", "month") for d in query.dates):
                cards = [c for c in cards if c.year is None or str(c.year) in years]
    if query.people:
        parties = [c for c in cards if person_fit(query.q, c) >= PARTY_FIT * len(query.people)]
        if parties:
            how = "narrowed" if how == "ranked" else how
    # Parties and words together: the people's own cables first unless another cable holds
    # far more of the question's words (a request reported by someone else).
    # A header question's words ("when did it arrive") say little of which cable it is.
    weight = HEADER_WORDS_WEIGHT if query.target in HEADER_TARGETS else WORDS_WEIGHT
    share = {c.id: word_share(query, c) for c in cards}  # each card's, worked out once
    cards.sort(key=lambda c: -(person_fit(query.q, c) + weight * share[c.id]))
    kept = sorted(cards, key=lambda c: -share[c.id])[:WORD_CABLES]
    kept = [c for c in kept if share[c.id] >= WORD_CABLE_SHARE]
    by_words = list({c.id: c for c in [*kept, *by_words]}.values())[:WORD_CABLES]
    return Resolution(cards, how, [], date_matched, by_words)
