"""Reply threads: which cable answers which, from the cables' own words or inferred.

Two kinds of link, never confused:

- explicit: the cable says it answers or refers to another: a cross-reference ("your telegram
  No. 3153", "Urtel 641", "Deptel 813"), a sentence of its text ("I received the telegram with
  the request for ..."), or the archive's description ("Stalin's affirmative response to Zhou
  Enlai's request of 16 November"). `Link.words` holds those words as printed, and
  `Link.basis` says whose words they are (the cable's or the archive's).
- inferred: nothing says so, but the parties are the same in reverse, the second cable was
  sent within REPLY_WINDOW_DAYS of the first, and the two share words of their subject.
  `Link.words` is then cablebot's reason, never the cable's words.

`links(lib, cable_id)` and `thread(lib, cable_id)` read the store and the index only: no
state, no writes. They are what `cablebot thread`, `/thread`, the `quote` header and the
answerer ("what did Stalin reply to Zhou") use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from knowledge.aliases import norm
from knowledge.dates import find_dates
from knowledge.records import Cable, CrossReference, DateValue
from knowledge.text import clip, sentences, singular

if TYPE_CHECKING:
    from knowledge.collection import Collection

# Days between a request and a reply for an *inferred* link. Chosen on the replies whose lag
# the cables show: Stalin answered Zhou's request of 17 November 1950 the same day (seed);
# in the development corpus, replies that name their request came 0 days (Urtel 641), 3 days
# ("your telegram of June 21", sent 24 June 1951) and 5 days (Deptel 813 of 9 May, answered
# 14 May 1952) after it. One at 10 days names its request, so needs no inference; a wider
# window would pair unrelated cables of two correspondents who write every week.
REPLY_WINDOW_DAYS = 5
# Days back a cable that *says* it answers a telegram may reach for it: the longest such lag
# in the development corpus is 10 days ("your telegram of 17 December", sent 27 December).
EXPLICIT_WINDOW_DAYS = 31
# Subject words (not names, not function words) two cables must share for an inferred link.
# The seed's request and reply share 5 ("automobile", "500", "transfer", ...); Mao's arms
# list and Stalin's reply on automobiles share 2 generic ones ("send", "soviet").
MIN_SHARED_WORDS = 3
# A thread is followed this many links out from the cable asked about, at most.
MAX_THREAD = 40
# Cable docs the index is asked for when looking for cables between two parties.
CANDIDATES = 100
# A cable's date may be printed a day off its request's own (time zones, the day it was
# written vs sent): "Zhou Enlai's request of 16 November" is dated 17 November in Moscow.
DATE_SLACK_DAYS = 1

EXPLICIT = "explicit"
INFERRED = "inferred"
ANSWERS = "answers"
REFERS = "refers to"


@dataclass(frozen=True, slots=True)
class Link:
    """One cable answering (or referring to) another.

    from_id: the later cable, the one that answers or refers; to_id: the cable it answers.
    kind: 'explicit' (the words say so) or 'inferred' (cablebot's reading of parties, dates
    and subject). words: for explicit links the words as printed; for inferred links the
    reason, which is never to be quoted as the cable's own. relation: 'answers' or 'refers to'
    (a cable citing the sender's own earlier telegram, or a third party's). basis: 'text'
    (the cable's own words, cross-references included), 'description' (the archive's
    summary of the cable), or 'inferred'.
    """

    from_id: str
    to_id: str
    kind: str
    words: str
    relation: str = ANSWERS
    basis: str = "text"

    def explain(self) -> str:
        """How the link is known, for a reader: quoted when it is someone's words."""
        if self.kind == INFERRED:
            return f"inferred by cablebot: {self.words}"
        if self.basis == "description":
            return f'the archive\'s description says: "{self.words}"'
        return f'the cable says: "{self.words}"'


# -- reading the parties and days of a cable ------------------------------------------------
def _senders(c: Cable) -> set[str]:
    return {n for n, role in c.party_roles() if role == "sender"}


def _receivers(c: Cable) -> set[str]:
    return {n for n, role in c.party_roles() if role in ("recipient", "for")}


def _reversed(later: Cable, earlier: Cable) -> bool:
    """later goes from earlier's receivers back to earlier's sender, by name or by post (the
    Ambassador in Korea answers what the Department sent the Embassy in Korea)."""
    if _senders(later) & _receivers(earlier) and _receivers(later) & _senders(earlier):
        return True
    return bool(_posts(later, "sender") & _posts(earlier, "recipient")) and bool(
        _posts(later, "recipient") & _posts(earlier, "sender")
    )


_DEPARTMENT = re.compile(r"\b(?:secretary of state|department(?: of state)?)\b")
_POST = re.compile(
    r"\b(?:embassy|ambassador|legation|minister|charge|consulate(?: general)?|consul(?: general)?|"
    r"mission|representative|delegation)\s+(?:in|to|at)\s+(?:the\s+)?(?P<where>[a-z][a-z .'-]*)$"
)


def _posts(c: Cable, role: str) -> set[str]:
    """Where a cable's sender (or recipient) sits: 'department' for the Secretary or Department
    of State, 'korea' for an Ambassador or Embassy in Korea; empty when the heading says neither."""
    if role == "sender":
        names = [c.sender.name if c.sender else "", c.sender_office]
    else:
        names = [c.recipient.name if c.recipient else "", c.recipient_office]
    out: set[str] = set()
    for name in names:
        text = norm(name or "")
        if not text:
            continue
        if m := _POST.search(text):
            out.add(m.group("where").strip())
        elif _DEPARTMENT.search(text):
            out.add("department")
    return out


def _day(c: Cable, *, precise: bool = False) -> date | None:
    """The day a cable was written or sent; with precise, None unless it is known to the day."""
    for value in (c.sent, c.date):
        if value and value.start:
            if precise and value.precision not in ("day", "minute"):
                continue
            return date.fromisoformat(value.start)
    return None


def _order_key(c: Cable) -> tuple[str, str, str]:
    value = c.date or c.sent
    start = value.start if value and value.start else "9999-12-31"
    time = c.sent.time if c.sent and c.sent.time else ""
    return (start, time, c.id)


# -- subject words ----------------------------------------------------------------------------
_FUNCTION_WORDS_TEXT = """a an the and or but of to in on at by for from with without as is are was were be been
    being it its this that these those which who whom what when where why how we you i he she
    they them their our your my his her us me will would shall should can could may might must
    have has had do does did not no yes all any some such there here than then so also into
    about over under upon after before between through during until up down out very more most
    other another each every same only own comrade telegram cable ciphered request received
    send sent give given make made one two three per cent sh day days time"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())


def _subject_words(c: Cable) -> set[str]:
    """A cable's subject: singular words of its text, items and description, without names."""
    names = {w for p in (*c.people, *(n for n, _ in c.party_roles())) for w in norm(p).split()}
    text = " ".join([c.description, *c.paragraphs, *(i.name for i in c.items)])
    words = {singular(w) for w in norm(text).split()}
    return {
        w
        for w in words
        if len(w) > 2
        and w not in _FUNCTION_WORDS
        and w not in names
        and w.strip("0")
        and not (len(w) == 4 and w[:2] in ("18", "19", "20") and w.isdigit())  # a year
    }


def _shared_words(a: Cable, b: Cable) -> list[str]:
    return sorted(_subject_words(a) & _subject_words(b))


# -- finding candidate cables -------------------------------------------------------------------
def _between(
    lib: Collection,
    senders: Iterable[str],
    receivers: Iterable[str],
    days: tuple[date, date] | None = None,
) -> list[Cable]:
    """Cables from one of senders to one of receivers, as the index finds them (at most CANDIDATES).

    days: (first, last) keeps only cables whose first known day falls between them (read from
    the cards, so cables out of reach are never loaded whole); undated cards are kept.
    """
    senders, receivers = sorted(set(senders)), sorted(set(receivers))
    if not senders or not receivers:
        return []
    hits = lib.index.search(
        [],
        kinds=("cable",),
        people=[senders, receivers],
        people_required=True,
        fill_with_cables=True,
        limit=CANDIDATES,
    )
    ids = list(dict.fromkeys(h.cable for h in hits))
    cards = lib.store.cards(ids)
    out = []
    for cable_id in ids:
        card = cards.get(cable_id)
        if card is None:
            continue
        if days and card.days and not days[0] <= date.fromisoformat(card.days[0]) <= days[1]:
            continue
        roles = {(n, r) for n, r in card.parties}
        if any((n, "sender") in roles for n in senders) and any(
            (n, r) in roles for n in receivers for r in ("recipient", "for")
        ):
            cable = lib.store.get(cable_id)
            if cable is not None:
                out.append(cable)
    return out


def _number_key(number: str) -> str:
    """'No. 2933' and '2933' alike: the number without 'No.' or spaces, lower-case."""
    return re.sub(r"^(?:no\.?|nr\.?|#)\s*", "", number.strip().lower()).replace(" ", "")


def _numbered(lib: Collection, number: str) -> list[Cable]:
    """Stored cables whose telegram or outgoing number is number."""
    key = _number_key(number)
    if not key:
        return []
    ids = list(lib.store.by_number(number)) + list(lib.store.by_number(key))
    first = re.match(r"\d+", key)
    if first:
        ids += [h.cable for h in lib.index.search([first.group(0)], kinds=("cable",), limit=50)]
    out = []
    for cable_id in dict.fromkeys(ids):
        c = lib.store.get(cable_id)
        if c and key in (_number_key(c.telegram_number), _number_key(c.outgoing_number)):
            out.append(c)
    return out


def _citing(lib: Collection, cable: Cable) -> list[Cable]:
    """Cables whose text holds one of cable's numbers (they may cite it)."""
    out: dict[str, Cable] = {}
    for number in (cable.telegram_number, cable.outgoing_number):
        digits = re.match(r"\d+", _number_key(number)) if number else None
        if not digits:
            continue
        for h in lib.index.search([digits.group(0)], kinds=("passage",), limit=CANDIDATES):
            if h.cable != cable.id and h.cable not in out:
                c = lib.store.get(h.cable)
                if c is not None:
                    out[c.id] = c
    return list(out.values())


# -- a cable's own links --------------------------------------------------------------------------
_REPLY_SENTENCE = re.compile(
    r"\b(?:(?:I|we)\s+(?:have\s+)?(?:received|read|got|considered)\s+(?:your|the)\s+"
    r"(?:telegram|cable|message|letter|request|communication)"
    r"|your\s+(?:telegram|cable|message|letter|request|proposal)s?\b"
    r"|in\s+(?:reply|answer|response)\s+to\b|replying\s+to\b|urtel\b)",
    re.I,
)
_REPLY_DESCRIPTION = re.compile(
    r"\b(?:response|reply|answer|responds|replies|answers|responding|replying)\s+to\b", re.I
)
# "your telegram of 17 December", "request of 16 November": a date naming the request itself,
# not a delivery date further on in the sentence.
_DATED_REFERENCE = re.compile(
    r"(?:telegram|cable|request|message|letter|proposal)\b[^.]{0,20}\b(?:of|dated|from)\s*$", re.I
)
_NUMBER_IN_WORDS = re.compile(r"\bNo\.?\s*(\d[\w/\-]*)", re.I)


def _resolve_reference(
    lib: Collection, cable: Cable, ref: CrossReference
) -> tuple[Cable, str] | None:
    """The stored cable a cross-reference names, with the relation, or None."""
    found = [c for c in _numbered(lib, ref.number) if c.id != cable.id]
    if not found:
        return None
    here = _day(cable)

    def fits(c: Cable) -> tuple:
        day = _day(c)
        before = here is None or day is None or day <= here
        reverse = _reversed(cable, c)
        same_sender = bool(_senders(c) & _senders(cable))
        if ref.kind == "reply-to":
            party = reverse
        elif ref.kind == "own":
            party = same_sender
        else:
            party = reverse or same_sender
        distance = abs((here - day).days) if here and day else 10_000
        return (party, before, -distance)

    best = max(found, key=fits)
    party, before, _ = fits(best)
    if not before:
        return None  # a cable cannot answer one sent after it
    if len(found) > 1 and not party:
        return None  # a number many offices use, and nothing says which of them
    answers = ref.kind == "reply-to" or _reversed(cable, best)
    return best, ANSWERS if answers else REFERS


def _dated_reference(
    lib: Collection, cable: Cable, printed: str, pool: list[Cable] | None
) -> Cable | None:
    """The one cable from cable's correspondent dated as printed ("May 9"), or None."""
    here = _day(cable)
    found = find_dates(printed, year=here.year if here else None)
    if here is None or not found or not found[0][1].start:
        return None
    named = date.fromisoformat(found[0][1].start)
    candidates = pool if pool is not None else _between(lib, _receivers(cable), _senders(cable))
    dated = [
        c
        for c in candidates
        if c.id != cable.id
        and _reversed(cable, c)
        and any(
            abs((date.fromisoformat(v.start) - named).days) <= DATE_SLACK_DAYS
            for v in (c.date, c.sent)
            if v and v.start and v.precision in ("day", "minute")
        )
    ]
    return dated[0] if len(dated) == 1 else None


def _named_request(
    lib: Collection, cable: Cable, words: str, pool: list[Cable] | None
) -> Cable | None:
    """The earlier cable a sentence or description names by date or subject (no number)."""
    here = _day(cable)
    if here is None:
        return None
    candidates = pool if pool is not None else _between(lib, _receivers(cable), _senders(cable))
    candidates = [
        c
        for c in candidates
        if c.id != cable.id
        and _reversed(cable, c)
        and (d := _day(c)) is not None
        and -DATE_SLACK_DAYS <= (here - d).days <= EXPLICIT_WINDOW_DAYS
    ]
    if not candidates:
        return None
    dates = [
        v
        for (a, _), v in find_dates(words, year=here.year)
        if v.start and _DATED_REFERENCE.search(words[max(0, a - 40) : a])
    ]
    if dates:

        def near(c: Cable, v: DateValue) -> bool:
            days = [date.fromisoformat(x.start) for x in (c.date, c.sent) if x and x.start]
            return any(abs((d - date.fromisoformat(v.start)).days) <= DATE_SLACK_DAYS for d in days)

        dated = [c for c in candidates if any(near(c, v) for v in dates)]
        if dated:
            candidates = dated
        else:
            return None  # the words name a day none of the candidates has
    said = {singular(w) for w in norm(words).split()} - _FUNCTION_WORDS
    scored = [(len(said & _subject_words(c)), c) for c in candidates]
    best_score = max(s for s, _ in scored)
    if best_score == 0 and not dates:
        return None
    best = [c for s, c in scored if s == best_score]
    return max(best, key=lambda c: _day(c) or date.min)  # the latest such request


def outgoing(lib: Collection, cable: Cable, *, pool: list[Cable] | None = None) -> list[Link]:
    """Explicit links from cable to the cables it says it answers or cites."""
    out: dict[str, Link] = {}
    covered: list[str] = []
    for ref in cable.cross_references:
        hit = _resolve_reference(lib, cable, ref)
        if hit is None and ref.date and ref.kind != "own":
            # "Deptel 813, May 9" where no stored cable carries No. 813: the correspondent's
            # cable of that day is the one it names.
            target = _dated_reference(lib, cable, ref.date, pool)
            hit = (target, ANSWERS) if target else None
        if hit and hit[0].id not in out:
            out[hit[0].id] = Link(cable.id, hit[0].id, EXPLICIT, ref.words, hit[1], "text")
        covered.append(ref.words)
    for paragraph in cable.paragraphs:
        for sentence in sentences(paragraph):
            if not _REPLY_SENTENCE.search(sentence):
                continue
            if any(w and (w in sentence or sentence in w) for w in covered):
                continue  # the cross-reference parser read this one already
            target = None
            number = _NUMBER_IN_WORDS.search(sentence)
            if number:
                hit = _resolve_reference(
                    lib, cable, CrossReference("reply-to", number.group(1), sentence)
                )
                target = hit[0] if hit else None
            if target is None:
                target = _named_request(lib, cable, sentence, pool)
            if target and target.id not in out:
                out[target.id] = Link(cable.id, target.id, EXPLICIT, clip(sentence, 300))
    if cable.description and _REPLY_DESCRIPTION.search(cable.description):
        target = _named_request(lib, cable, cable.description, pool)
        if target and target.id not in out:
            out[target.id] = Link(
                cable.id, target.id, EXPLICIT, cable.description, ANSWERS, "description"
            )
    return list(out.values())


def _inferred(later: Cable, earlier: Cable) -> tuple[Link, int] | None:
    """An inferred reply link from later to earlier with its shared-word count, or None."""
    if later.id == earlier.id or later.kind != "cable" or earlier.kind != "cable":
        return None
    if not _reversed(later, earlier):
        return None
    a, b = _day(earlier, precise=True), _day(later, precise=True)
    if a is None or b is None or not 0 <= (b - a).days <= REPLY_WINDOW_DAYS:
        return None
    if (b - a).days == 0 and _order_key(later) < _order_key(earlier):
        return None
    shared = _shared_words(later, earlier)
    if len(shared) < MIN_SHARED_WORDS:
        return None
    lag = "the same day" if a == b else f"{(b - a).days} day{'s' if (b - a).days > 1 else ''} later"
    sender = ", ".join(sorted(_senders(later)))
    to = ", ".join(sorted(_senders(earlier)))
    reason = (
        f"{sender} wrote back to {to} {lag}, on the same subject "
        f"(both name {', '.join(shared[:5])})"
    )
    return Link(later.id, earlier.id, INFERRED, reason, ANSWERS, "inferred"), len(shared)


def _best_inferred(later: Cable, pool: Iterable[Cable]) -> Link | None:
    found = [(x, c) for c in pool if (x := _inferred(later, c))]
    if not found:
        return None
    # The most subject words in common wins; then the most recent request.
    (link, _), _ = max(found, key=lambda pair: (pair[0][1], _order_key(pair[1])))
    return link


def _reach(cable: Cable, *, back: bool) -> tuple[date, date] | None:
    """Days a cable's request (back) or its replies (forward) may fall on."""
    day = _day(cable)
    if day is None:
        return None
    slack, reach = timedelta(days=DATE_SLACK_DAYS), timedelta(days=EXPLICIT_WINDOW_DAYS)
    return (day - reach, day + slack) if back else (day - slack, day + reach)


def _own_links(lib: Collection, cable: Cable) -> list[Link]:
    """Links from cable: explicit ones, else one inferred reply."""
    earlier = _between(lib, _receivers(cable), _senders(cable), _reach(cable, back=True))
    explicit = outgoing(lib, cable, pool=earlier)
    if any(x.relation == ANSWERS for x in explicit):
        return explicit  # it names what it answers: no guessing besides
    guess = _best_inferred(cable, earlier)
    return explicit + ([guess] if guess else [])


def links(lib: Collection, cable_id: str) -> list[Link]:
    """Every link from or to the cable cable_id, explicit first, then by date.

    Returns Link records (see Link) whose from_id or to_id is cable_id: the cables it answers
    or cites, and the stored cables that answer or cite it. An inferred link is added only
    where no explicit one says what the cable answers. Reads the store and index; no writes.
    Raises nothing for an unknown id: returns [].
    """
    cable = lib.store.get(cable_id)
    if cable is None or cable.kind != "cable":
        return []
    found: dict[tuple[str, str], Link] = {}
    for link in _own_links(lib, cable):
        found.setdefault((link.from_id, link.to_id), link)
    later = {
        c.id: c
        for c in _between(lib, _receivers(cable), _senders(cable), _reach(cable, back=False))
    }
    later |= {c.id: c for c in _citing(lib, cable)}
    for other in later.values():
        if other.id == cable.id:
            continue
        for link in _own_links(lib, other):
            if link.to_id == cable.id:
                found.setdefault((link.from_id, link.to_id), link)
    order = {c: _order_key(lib.store.get(c)) for pair in found for c in pair}
    for (a, b), link in list(found.items()):
        back = found.get((b, a))
        # Two cables cannot answer each other: the words win over a guess; between two
        # guesses (same day, one without a time), the one that keeps the order of the day.
        if back and link.kind == INFERRED and (back.kind == EXPLICIT or order[a] < order[b]):
            del found[(a, b)]
    return sorted(
        found.values(),
        key=lambda x: (x.kind != EXPLICIT, order[x.to_id], order[x.from_id]),
    )


def thread(lib: Collection, cable_id: str) -> list[Cable]:
    """The cables linked to cable_id, directly or through others, in date order.

    A cable that answers another dated the same day comes after it. At most MAX_THREAD
    cables; [cable] alone when nothing links to it; [] for an unknown id.
    """
    start = lib.store.get(cable_id)
    if start is None:
        return []
    seen: dict[str, Cable] = {start.id: start}
    answered: dict[str, set[str]] = {}
    queue = [start.id]
    while queue and len(seen) < MAX_THREAD:
        current = queue.pop(0)
        for link in links(lib, current):
            answered.setdefault(link.from_id, set()).add(link.to_id)
            for other in (link.from_id, link.to_id):
                if other not in seen and len(seen) < MAX_THREAD:
                    c = lib.store.get(other)
                    if c is not None:
                        seen[other] = c
                        queue.append(other)

    def depth(cable_id: str, trail: frozenset[str] = frozenset()) -> int:
        before = answered.get(cable_id, set()) - trail - {cable_id}
        return 1 + max((depth(b, trail | {cable_id}) for b in before), default=-1)

    return sorted(seen.values(), key=lambda c: (_order_key(c)[0], depth(c.id), _order_key(c)))


def gist(cable: Cable, limit: int = 110) -> str:
    """One line saying what a cable is about: the archive's description, else its first sentence."""
    text = cable.description or next((p for p in cable.paragraphs if p.strip()), "") or cable.title
    first = sentences(" ".join(text.split()))
    return clip(first[0] if first else text, limit)


def answers_and_answered_by(lib: Collection, cable_id: str) -> tuple[list[Link], list[Link]]:
    """(links where cable_id answers another, links where another answers it)."""
    found = [x for x in links(lib, cable_id) if x.relation == ANSWERS]
    return (
        [x for x in found if x.from_id == cable_id],
        [x for x in found if x.to_id == cable_id],
    )


def cable_line(c: Cable) -> str:
    """'No. 26998, Zhou Enlai to Stalin, 17 November 1950' — a cable named in one line."""
    number = c.telegram_number or c.outgoing_number.removeprefix("No. ")
    who = " to ".join(p.name for p in (c.sender, c.recipient) if p) or c.title
    parts = [f"No. {number}" if number else "", who, c.date.display() if c.date else ""]
    return ", ".join(p for p in parts if p)


def link_lines(lib: Collection, cable_id: str) -> list[str]:
    """Header lines for a quoted cable: 'Answers: ...' and 'Answered by: ...', with how known."""
    answers, answered_by = answers_and_answered_by(lib, cable_id)
    lines = []
    for label, found, other in (
        ("Answers", answers, lambda x: x.to_id),
        ("Answered by", answered_by, lambda x: x.from_id),
    ):
        for link in found:
            c = lib.store.get(other(link))
            if c is not None:
                lines.append(f"{label}: {cable_line(c)} [{c.id}] ({link.explain()})")
    return lines
