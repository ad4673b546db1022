"""Compose answers: the fact, then the cable, the quoted words and the archival source."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from knowledge.aliases import norm
from knowledge.answers import Answer
from knowledge.memo import memo
from knowledge.qa.compose import (  # noqa: F401
    QUOTE_CHARS,
    cite,
    cite_card,
    date_quote,
    describe,
    render,
    stamp_quote,
    verbatim,
)
from knowledge.qa.rank import (
    ItemMatch,
    _item_vocab,
    close_seconds,
    match_items,
    match_sentences,
    rank_cables,
)
from knowledge.qa.understand import Question, item_words, understand
from knowledge.records import Cable, RequestedItem
from knowledge.text import clip, format_number, sentences, singular

if TYPE_CHECKING:
    from knowledge.collection import Collection

NAMED_CABLE = 2.5  # a cable's rank score when the people the question names are its parties
AFFIRM = re.compile(
    r"\b(?:will be satisfied|affirmative|agree[sd]?|approve[sd]?|consent|accept(?:ed)?|yes|will be (?:sent|delivered|transferred|given))\b",
    re.I,
)
DENY = re.compile(
    r"\b(?:refuse[sd]?|(?:we|i) cannot|cannot be (?:satisfied|met|sent|delivered)|can not|not possible|impossible|decline[sd]?|reject(?:ed)?|no longer)\b",
    re.I,
)


def _sentence_with(text: str, needle: str) -> str:
    from knowledge.text import sentences

    for s in sentences(text):
        if needle in s:
            return s
    return text


# -- handlers: each returns an Answer, or None when the cables do not hold one ---------------
def on_quantity(lib: Collection, q: Question) -> Answer | None:
    matches = match_items(lib, q)
    if not matches:
        return _quantity_in_text(lib, q)
    best = matches[0]
    same = [
        m for m in matches[1:4] if m.score >= best.score - 0.01 and m.item.name != best.item.name
    ]
    fact = _item_fact(best.cable, best.item)
    cites = [cite(best.cable, best.item.words)]
    if same:
        fact += " Also: " + "; ".join(_item_fact(m.cable, m.item) for m in same)
        cites += [cite(m.cable, m.item.words) for m in same]
    return render(q, fact, cites)


def _quantity_in_text(lib: Collection, q: Question) -> Answer | None:
    """A number the cables state in passing ('36 (thirty-six) divisions'), quoted."""
    words = item_words(q)
    if not words:
        return None
    for m in match_sentences(lib, q):
        if m.coverage < 0.99 or m.score < 2.5:
            continue
        hit = re.search(
            r"(\d[\d,]*(?:\s*[-–]\s*\d[\d,]*)?)(?:\s*\([\w\- ]+\))?\s+(?:[\w\-]+\s+){0,2}?("
            + "|".join(re.escape(w) for w in words)
            + r")\w*",
            m.sentence,
            re.I,
        )
        if hit:
            who = m.cable.sender.name if m.cable.sender else "The cable"
            fact = f'{hit.group(0)}: {who} wrote, in {describe(m.cable)}: "{m.sentence}"'
            return render(q, fact, [cite(m.cable, m.sentence)])
    return None


def promiser(c: Cable, item: RequestedItem) -> str:
    """Who asked for or promised an item: the sender, unless the words say 'you promised'."""
    if item.role == "promised" and c.recipient and YOU_PROMISED.search(item.words):
        return c.recipient.name
    return c.sender.name if c.sender else "The cable"


YOU_PROMISED = re.compile(r"\byou\s+(?:have\s+)?promised\b|\bpromised\s+by\s+you\b", re.I)


def _item_fact(c: Cable, item: RequestedItem) -> str:
    who = promiser(c, item)
    verb = "asked for" if item.role == "requested" else "promised"
    to = f" {c.recipient.name}" if c.recipient and item.role == "requested" else ""
    if who != (c.sender.name if c.sender else who):
        to = ""
    what = (
        f"{item.quantity_text()} {item.name}"
        if item.unit in (None, "pieces")
        else f"{item.quantity_text()} of {item.name}"
    )
    number = f" (item {item.number} of the list)" if item.number else ""
    when = ""
    if item.date:
        when = f", {'to be delivered ' if item.role == 'requested' else ''}{_when(item.date)}"
    ask = f"{who} {verb}{' ' + to.strip() if to and verb == 'promised' else ''} {what}"
    if verb == "asked for" and to:
        ask = f"{who} asked{to} for {what}"
    return f"{ask}{number}{when}, in {describe(c)}."


def _when(d) -> str:
    shown = d.display()
    if (
        d.precision in ("month", "month-range", "half-year", "half-month", "year")
        and not d.qualifier
    ):
        return f"in {shown}"
    if d.qualifier or d.precision == "day-range" and shown.startswith(tuple("0123456789")) is False:
        return shown
    return f"on {shown}"


def on_total(lib: Collection, q: Question) -> Answer | None:
    matches = match_items(lib, q) or _category_items(lib, q)
    if not matches:
        return None
    best = matches[0]
    keep = [
        m
        for m in matches
        if m.score >= best.score - 1.0
        and m.raw.get("unit") == best.raw.get("unit")
        and m.raw.get("role") == best.raw.get("role")
    ]
    named = [m for m in q.people if m.role_hint == "sender" or m.possessive]
    if named:
        # What X asked for or promised in X's own cables; a cable recalling an old promise is not one.
        keep = [m for m in keep if any(n.is_(s) for n in named for s in m.card.senders)] or keep
    keep = like_with_like(lib, q, keep)
    seen, rows = set(), []
    for m in keep:
        key = (m.card.id, m.item.name, m.item.quantity)
        if key not in seen:
            seen.add(key)
            rows.append(m)
    total = sum(m.item.quantity for m in rows)
    unit = f" {best.item.unit}" if best.item.unit not in (None, "pieces") else ""
    parts = " + ".join(f"{m.item.name} {format_number(m.item.quantity)}" for m in rows)
    word = " ".join(q.words[:3]) or best.item.name
    fact = f"In total {format_number(total)}{unit} {word}: {parts} = {format_number(total)}{unit}, from {describe(best.cable)}."
    return render(q, fact, [cite_card(m.card, m.item.words) for m in rows])


def item_head(lib: Collection, name: str) -> str:
    """An item name's head word, singular: 'cartridge' in 'Cartridges for light machine guns',
    'gun' in 'Soviet light machine guns'."""
    return _item_vocab(lib, name)[2]


def covered_heads(lib: Collection, word: str) -> frozenset[str]:
    """The item head words a question's thing-word covers: itself, its alias-file synonyms and,
    for a category word ('guns', 'ammunition'), the last words of its members."""
    out = {singular(word)}
    for r in (*lib.aliases.related_words(word), *lib.aliases.members(word)):
        out.add(singular(r.replace("-", " ").split()[-1]))
    return frozenset(out)


def _category_items(lib: Collection, q: Question) -> list:
    """For a category word no item is named by ('total weapons Mao asked for'): the items of
    the cables the index proposed whose head word the category covers (rifles, machine guns),
    of one role; the named sender's cables, else the first cable only."""
    words = [w for w in item_words(q) if lib.aliases.members(w)]
    if not words:
        return []
    near = q.memo.get("near_items") or []
    heads = covered_heads(lib, words[-1])
    cards = list({c.id: c for c, _pos in near}.values()) or [r.card for r in rank_cables(lib, q)[:8]]
    named = [m for m in q.people if m.role_hint == "sender" or m.possessive or not m.role_hint]
    if named:
        cards = [c for c in cards if any(n.is_(s) for n in named for s in c.senders)]
    else:
        cards = cards[:1]
    want = "promised" if q.wants_promise else "requested" if q.wants_request else ""
    out = []
    for c in cards:
        for pos, name in enumerate(c.item_names):
            raw = c.raw_item(pos)
            if item_head(lib, name) in heads and (not want or raw.get("role") == want):
                out.append(ItemMatch(1.0, c, pos, raw, lib.store))
    roles = {m.raw.get("role") for m in out}
    return out if len(roles) == 1 else []


def like_with_like(lib: Collection, q: Question, keep: list) -> list:
    """The matched items a total may add: those of the kind the question counts. The kind is
    the question's head thing-word ('cartridges' in 'machine gun cartridges'; 'guns' in
    'cartridges for guns' is not one); a category word ('guns') also takes in the same cables'
    other items of its members (rifles, handguns) with the same role and unit. Unchanged when
    no thing-word heads a matched item."""
    if not keep:
        return keep
    words = item_words(q)
    # "rifles and pistols": each coordinated phrase counts its own kind, added together
    groups = [
        [w for w in words if w in {singular(x) for x in part.split()}]
        for part in re.split(r"\b(?:and|plus|or)\b|[,&+/]", norm(q.text.replace("+", " plus ")))
    ]
    groups = [g for g in groups if g]
    if len(groups) > 1:
        kinds: list = []
        for g in groups:
            for m in _kind(lib, q, keep, g):
                if m not in kinds:
                    kinds.append(m)
        headed = [g for g in groups if _kind(lib, q, keep, g)]
        if len(headed) > 1:
            return kinds
    return _kind(lib, q, keep, words) or keep


def _kind(lib: Collection, q: Question, keep: list, words: list[str]) -> list:
    """The matched items of the kind one thing phrase names (see like_with_like); empty when
    no word of it heads a matched item."""
    before = {singular(w) for w in re.split(r"\b(?:for|of)\b", norm(q.text))[0].split()}
    order = [w for w in reversed(words) if w in before] + [w for w in reversed(words) if w not in before]
    for w in order:
        heads = covered_heads(lib, w)
        kind = [m for m in keep if item_head(lib, m.item.name) in heads]
        if not kind:
            continue
        plain = " " + " ".join(singular(x) for x in norm(q.text).replace("-", " ").split()) + " "
        # "machine guns" names a kind of gun, not the category
        compound = any(
            " " in m and f" {m.replace('-', ' ')} " in plain for m in lib.aliases.members(w)
        )
        if lib.aliases.members(w) and not compound:
            best = kind[0]
            have = {(m.card.id, m.position) for m in kind}
            for m in list(kind):
                c = m.card
                for pos, name in enumerate(c.item_names):
                    raw = c.raw_item(pos)
                    if (c.id, pos) in have or item_head(lib, name) not in heads:
                        continue
                    if raw.get("role") == best.raw.get("role") and raw.get("unit") == best.raw.get("unit"):
                        have.add((c.id, pos))
                        kind.append(ItemMatch(m.score, c, pos, raw, lib.store))
            kind.sort(key=lambda m: (m.card.id, m.raw.get("number") or 99))
        return kind
    return []


def on_items(lib: Collection, q: Question) -> Answer | None:
    ranked = rank_cables(lib, q)
    want = "promised" if q.wants_promise else "requested"
    for r in ranked:
        items = [i for i in r.cable.items if i.role == want] or (
            [] if q.people else list(r.cable.items)
        )
        if not items or (q.people and r.score < NAMED_CABLE):
            continue
        c = r.cable
        senders = [m for m in q.people if m.role_hint == "sender" or m.possessive]
        if senders and not (c.sender and any(m.is_(n) for m in senders for n in c.sender.name.split(" and "))):
            continue  # "what did Stalin order": Stalin's own cables, not a request made to him
        listing = "; ".join(f"{i.name} {i.quantity_text()}" for i in items)
        who = c.sender.name if c.sender else "The cable"
        verb = "asked for" if want == "requested" else "promised"
        to = f" {c.recipient.name}" if c.recipient and want == "requested" else ""
        fact = (
            f"{who} asked{to} for: {listing} ({describe(c)})."
            if verb == "asked for"
            else f"{who} promised: {listing} ({describe(c)})."
        )
        words = (
            " ".join(i.words for i in items)
            if items[0].number
            else " ".join(dict.fromkeys(i.words for i in items))
        )
        if not verbatim(c, words):
            # items told in sentences apart: each quoted as printed, not run together
            return render(q, fact, [cite(c, w) for w in dict.fromkeys(i.words for i in items)])
        return render(q, fact, [cite(c, words)])
    return None


def on_date(lib: Collection, q: Question) -> Answer | None:
    # A number ("the 355 automobiles") names an item; otherwise a sentence with a date is surer.
    if not q.numbers and q.date_role in ("delivery", "window", "") and q.words:
        dated = _dated_sentence(lib, q)
        if dated:
            return dated
    if q.date_role in ("delivery", "window", "") and (item_words(q) or q.numbers):
        matches = match_items(lib, q)
        if q.numbers:  # "the 500 automobiles": that many, not another lot of automobiles
            matches = [m for m in matches if m.raw["quantity"] in q.numbers]
        dated = [m for m in matches if m.raw.get("date")]
        if matches and not dated:
            # The lot the question names has no date of its own; a sentence about it may.
            return _dated_sentence(lib, q)
        if dated:
            m = dated[0]
            role = "are to be delivered" if m.item.role == "promised" else "were wanted"
            what = (
                f"the {m.item.quantity_text()} {m.item.name}"
                if not m.item.number
                else "the listed items"
            )
            fact = f'{_cap(what)} {role} {_when(m.item.date)} (as the cable puts it: "{m.item.date.text}"), according to {describe(m.cable)}.'
            return render(q, fact, [cite(m.cable, _sentence_with(m.item.words, m.item.date.text))])
    if not q.names_a_cable:
        return None
    ranked = rank_cables(lib, q)
    if q.date_role in ("delivery", "window"):
        for r in ranked[:3]:
            if not q.people or r.score < NAMED_CABLE:
                continue
            kinds = (
                ("requested delivery",)
                if q.date_role == "window"
                else ("promised delivery", "requested delivery")
            )
            events = [e for e in r.cable.events if e.kind in kinds]
            if events:
                e = events[0]
                fact = f'{_cap(describe(r.cable))} gives {e.kind} {_when(e.date)} ("{e.date.text}") for {e.description}.'
                return render(q, fact, [cite(r.cable, _sentence_with(e.words, e.date.text))])
        return None  # a cable's own date is not when anything in it is to be delivered
    field = {"received": "received", "sent": "sent"}.get(q.date_role, "date")
    chosen = close_seconds(ranked, lambda c: getattr(c, field) is not None)
    top = ranked[0] if ranked else None
    if (
        field != "date"
        and top
        and q.people
        and top.score >= NAMED_CABLE
        and getattr(top.cable, field) is None
    ):
        c = top.cable
        if c.date:  # the cable the question names has no such stamp: say so, give its date
            fact = f"{_cap(describe(c))} carries no {field} stamp; it is dated {c.date.display()}."
            return render(q, fact, [cite(c, c.date.text)])
    if not _confident(q, chosen):
        return None
    facts, cites = [], []
    for r in chosen:
        c = r.cable
        value = getattr(c, field)
        if field in ("received", "sent"):
            words = stamp_quote(c, field) or date_quote(c, value)
            facts.append(f'{_cap(describe(c))} was {field} on {value.display()} ("{words}").')
            cites.append(cite(c, words))
        else:
            extra = []
            if c.sent:
                extra.append(f"sent {c.sent.display()}")
            if c.received:
                extra.append(f"received {c.received.display()}")
            more = f" ({'; '.join(extra)})" if extra else ""
            facts.append(f"{_cap(describe(c))} is dated {value.display()}{more}.")
            cites.append(cite(c, date_quote(c, value)))
    return render(q, " ".join(facts), cites)


DATED_SENTENCES = 12  # a date further down the best sentences is no answer to rely on


@memo(maxsize=4096)
def _dates_in(sentence: str, year: int | None) -> list:
    from knowledge.dates import find_dates

    return find_dates(sentence, year=year)


def _dated_sentence(lib: Collection, q: Question) -> Answer | None:
    """A sentence holding the question's words and a date: 'The guns will arrive ... before 20 December.'"""
    for m in match_sentences(lib, q)[:DATED_SENTENCES]:
        if m.coverage < 0.99 and len(q.words) > 1 and m.coverage < 0.66:
            continue
        found = _dates_in(m.sentence, m.card.year)
        if found:
            value = found[0][1]
            fact = f'{_when(value)[:1].upper()}{_when(value)[1:]} ("{value.text}"), according to {describe(m.cable)}: "{m.sentence}"'
            return render(q, fact, [cite(m.cable, m.sentence)])
    return None


def _confident(q: Question, chosen: list) -> bool:
    """Whether the best cable is surely the one meant: it has the people the question names, or
    the question gives words or numbers to find it by."""
    if not chosen:
        return False
    if q.people:
        return chosen[0].score >= NAMED_CABLE
    return bool(q.words or q.number_words)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


WHO_FIELDS: dict[str, Callable[[Cable], str]] = {
    "signer": lambda c: c.signature,
    "via": lambda c: c.via.name if c.via else "",
    "recipient": lambda c: c.recipient.name if c.recipient else "",
    "sender": lambda c: c.sender.name if c.sender else "",
    "copies": lambda c: ", ".join(
        f"{x.name} ({x.count} copies)" if x.count > 1 else x.name for x in c.copies
    ),
}


def _numbered_item(lib: Collection, q: Question):
    """The item a question names by its quantity ("the 3,000 automobiles"), if any."""
    if not (q.numbers and item_words(q)):
        return None
    found = [m for m in match_items(lib, q) if m.raw["quantity"] in q.numbers]
    return found[0] if found else None


def on_who(lib: Collection, q: Question) -> Answer | None:
    role = "copies" if q.intent == "copies" else (q.who_role or "sender")
    m = _numbered_item(lib, q) if role in ("sender", "") else None
    if m:
        who = promiser(m.cable, m.item)
        verb = "asked for" if m.item.role == "requested" else "promised"
        fact = f"{who} {verb} the {m.item.quantity_text()} {m.item.name}, according to {describe(m.cable)}."
        return render(
            q, fact, [cite(m.cable, _sentence_with(m.item.words, format_number(m.item.quantity)))]
        )
    if role == "reporter":
        return _reporter(lib, q)
    get = WHO_FIELDS[role]
    if not q.names_a_cable and not q.words:
        return None
    ranked = rank_cables(lib, q)
    chosen = close_seconds(ranked, lambda c: bool(get(c)))
    if not _confident(q, chosen):
        return None
    facts, cites = [], []
    for r in chosen:
        c = r.cable
        value = get(c)
        if role == "signer":
            name = lib.aliases.person(c.signature)
            facts.append(
                f"{_cap(describe(c))} is signed {c.signature}{f' ({name})' if name.lower() != c.signature.lower() else ''}."
            )
            cites.append(cite(c, c.signature))
        elif role == "via":
            facts.append(
                f'{_cap(describe(c))} went via {value} ("{c.addressee or c.via.as_written}").'
            )
            cites.append(cite(c, " ".join(x for x in (c.addressee, c.for_line) if x) or c.title))
        elif role == "recipient":
            via = f", via {c.via.name}" if c.via else ""
            written = (
                f" (written {c.recipient.as_written})"
                if c.recipient.as_written and c.recipient.as_written != value
                else ""
            )
            facts.append(f"{_cap(describe(c))} was addressed to {value}{written}{via}.")
            cites.append(
                cite(c, c.title if c.recipient.as_written in c.title else (c.addressee or c.title))
            )
        elif role == "copies":
            facts.append(f"Copies of {describe(c)} went to {value}.")
            cites.append(
                cite(
                    c,
                    "Copies: "
                    + ", ".join(
                        f"{x.name} ({x.count})" if x.count > 1 else x.name for x in c.copies
                    ),
                )
            )
        else:
            facts.append(
                f"{_cap(describe(c))} was sent by {value}"
                + (f", signed {c.signature}." if c.signature else ".")
            )
            cites.append(cite(c, c.signature or c.title))
    return render(q, " ".join(facts), cites)


def _reporter(lib: Collection, q: Question) -> Answer | None:
    q.words = [*q.words, "report"]
    for m in match_sentences(lib, q):
        if not re.search(r"\breport", m.sentence, re.I):
            continue
        names = lib.names.names_in(m.sentence)
        if names:
            fact = f'{" and ".join(names)}, according to {describe(m.cable)}: "{m.sentence}"'
            return render(q, fact, [cite(m.cable, m.sentence)])
    return None


def on_identity(lib: Collection, q: Question) -> Answer | None:
    from knowledge.qa.understand import _fuzzy_person

    canonical = lib.aliases.people.get(
        re.sub(r"[^\w ]", " ", q.identity.lower()).strip()
    ) or _fuzzy_person(q.identity, lib.aliases)
    if not canonical:
        return None
    ranked = rank_cables(lib, q)
    for r in ranked:
        c = r.cable
        for role, party in (
            ("sender", c.sender),
            ("recipient", c.recipient),
            ("via", c.via),
            ("for", c.for_party),
        ):
            if party and canonical in party.name.split(" and "):
                written = party.as_written or party.name
                alias = (
                    q.identity.strip().title()
                    if q.identity.strip().lower() != canonical.lower()
                    else ""
                )
                same = f"{alias} is {canonical}: " if alias else ""
                fact = f'{same}{canonical} is the {role} of {describe(c)}, written "{written}".'
                quote = next(
                    (
                        line
                        for line in (c.addressee, c.for_line, c.signature, c.title)
                        if line
                        and canonical.split()[-1].lower() in line.lower()
                        or alias
                        and alias.lower() in (line or "").lower()
                    ),
                    c.title,
                )
                return render(q, fact, [cite(c, quote)])
    return None


def on_field(label: str, get: Callable[[Cable], str], quote: Callable[[Cable], str]):
    def handler(lib: Collection, q: Question) -> Answer | None:
        if not q.names_a_cable:
            return None
        ranked = rank_cables(lib, q)
        chosen = close_seconds(ranked, lambda c: bool(get(c)))
        if not _confident(q, chosen):
            return None
        facts = [f"The {label} of {describe(r.cable)} is {get(r.cable)}." for r in chosen]
        return render(q, " ".join(facts), [cite(r.cable, quote(r.cable)) for r in chosen])

    return handler


OUTGOING = re.compile(
    r"\boutgoing\b|\bsender'?s? (?:own )?number\b|\bnumber (?:it was )?sent (?:as|under)\b", re.I
)


def _closing_quote(c: Cable) -> str:
    return " ".join(x for x in (c.outgoing_number, c.sent.text if c.sent else "") if x)


def _number(c: Cable) -> str:
    parts = []
    if c.outgoing_number and not c.telegram_number:
        return f"outgoing {c.outgoing_number}"
    if c.telegram_number:
        parts.append(f"No. {c.telegram_number}" + (f" ({c.heading})" if c.heading else ""))
    if c.outgoing_number:
        parts.append(f"outgoing {c.outgoing_number}")
    return "; ".join(parts)


def on_place(lib: Collection, q: Question) -> Answer | None:
    if q.numbers and item_words(q):
        numbered = [m for m in match_items(lib, q) if m.raw["quantity"] in q.numbers]
        if numbered:
            m = numbered[0]
            sentence = _sentence_with(m.item.words, format_number(m.item.quantity))
            who = promiser(m.cable, m.item)
            return render(
                q, f'{who} wrote, in {describe(m.cable)}: "{sentence}"', [cite(m.cable, sentence)]
            )
    if re.search(r"\bfrom\b", q.text, re.I):
        ranked = rank_cables(lib, q)
        chosen = close_seconds(ranked, lambda c: bool(c.origin))
        if chosen and (not q.people or chosen[0].score >= NAMED_CABLE):
            c = chosen[0].cable
            origin = c.origin[:1].lower() + c.origin[1:]
            return render(q, f"{_cap(describe(c))} came {origin}.", [cite(c, c.origin)])
    return on_passage(lib, q)


def on_passage(lib: Collection, q: Question, *, commentary: bool = False) -> Answer | None:
    found = match_sentences(lib, q, commentary=commentary)
    if not found:
        return None
    if commentary and q.people:
        # "what does the commentary say Truman said": a sentence naming the person asked about,
        # or following one that does ("... Mao was considering peace. In a dispatch he stated ...")
        found = [m for m in found if _names_asked(lib, q, m)]
        if not found:
            return None
        if SAID.search(re.sub(r"\b(?:commentary|post|poster|blog)\s+says?\b", " ", q.text, flags=re.I)):
            found = [m for m in found if SAID.search(m.sentence)] or found
    senders = [m for m in q.people if m.role_hint == "sender" or m.possessive]
    own = [m for m in found if any(n.is_(s) for n in senders for s in m.card.senders)]
    best = own[0] if own else found[0]  # "why did Zhou need ...": Zhou's words, not a reply to him
    if q.people and not commentary and best.score < 1.5 + 0.9:
        return None
    c = best.cable
    if commentary:
        fact = f'The poster\'s commentary ({c.author or "not a primary source"}; commentary, not a cable) says: "{best.sentence}"'
    elif best.part == "description":
        fact = f'The archive\'s description of {describe(c)} says: "{best.sentence}"'
    else:
        who = c.sender.name if c.sender else "The cable"
        fact = f'{who} wrote, in {describe(c)}: "{best.sentence}"'
    return render(q, fact, [cite(c, best.sentence)])


SAID = re.compile(r"\b(?:say|says|said|saying|state[sd]?|stating|wr[io]te|tell|told|called|declared)\b", re.I)


def _names_asked(lib: Collection, q: Question, m) -> bool:
    """Whether a matched sentence, or the sentence before it in its text, names a person the
    question names."""
    text = m.sentence
    c = m.cable
    for para in c.paragraphs if c else ():
        said = sentences(para)
        for k, s in enumerate(said):
            if s == m.sentence and k:
                text = f"{said[k - 1]} {s}"
    return any(p.is_(n) for p in q.people for n in lib.names.names_in(text))


COMMENTARY_WORDS = {"commentary", "post", "poster", "blog", "author", "introduction", "according"}
AUTHOR_CUE = re.compile(
    r"\b(?:who\s+(?:wrote|posted|is the author|authored)|author of|written by|whose (?:post|commentary))\b",
    re.I,
)


def on_commentary(lib: Collection, q: Question) -> Answer | None:
    """What the poster's own commentary says, labelled as commentary, never as a cable."""
    if AUTHOR_CUE.search(q.text):
        for cable_id in lib.store.ids(kind="commentary"):
            c = lib.store.get(cable_id)
            if c and c.author:
                sign_off = c.author
                return render(
                    q,
                    f"The commentary was written by {c.author}, who signs the post; it is commentary, not a primary source.",
                    [cite(c, sign_off)],
                )
        return None
    q.words = [w for w in q.words if w not in COMMENTARY_WORDS]
    if not q.words:  # "what does the post say about Truman": the name is the topic
        q.words = [w for m in q.people for w in m.name.lower().split()]
    return on_passage(lib, q, commentary=True)


def on_yesno(lib: Collection, q: Question) -> Answer | None:
    m = _numbered_item(lib, q)
    if m and q.people:
        who = promiser(m.cable, m.item)
        verb = "asked for" if m.item.role == "requested" else "promised"
        asked = q.people[0].name
        verdict = "Yes. " if who == asked else "No. "
        fact = f"{verdict}{who} {verb} the {m.item.quantity_text()} {m.item.name}, according to {describe(m.cable)}."
        return render(
            q, fact, [cite(m.cable, _sentence_with(m.item.words, format_number(m.item.quantity)))]
        )
    if VERDICT_VERBS.search(q.text) and q.people:
        answer = _verdict(lib, q)
        if answer:
            return answer
    if q.wants_request and item_words(q):
        matches = match_items(lib, q)
        if matches:
            m = matches[0]
            return render(q, "Yes. " + _item_fact(m.cable, m.item), [cite(m.cable, m.item.words)])
        if not VERDICT_VERBS.search(q.text):
            return None
    found = match_sentences(lib, q)
    if not found:
        return None
    best = found[0]
    agreed = AFFIRM.search(best.sentence) and not DENY.search(best.sentence)
    denied = DENY.search(best.sentence) and not AFFIRM.search(best.sentence)
    negative = bool(NEGATIVE_ASK.search(q.text))
    verdict = (
        ("No. " if negative else "Yes. ")
        if agreed
        else ("Yes. " if negative else "No. ")
        if denied
        else ""
    )
    who = best.cable.sender.name if best.cable.sender else "The cable"
    fact = f'{verdict}{who} wrote, in {describe(best.cable)}: "{best.sentence}"'
    return render(q, fact, [cite(best.cable, best.sentence)])


VERDICT_VERBS = re.compile(
    r"\b(?:agree|accept|approve|consent|satisf|grant|fulfil|refuse|reject|decline|deny|denied)\w*",
    re.I,
)


NEGATIVE_ASK = re.compile(r"\b(?:refuse|reject|decline|deny|denied|turn(?:ed)? down)\w*", re.I)


def _verdict(lib: Collection, q: Question) -> Answer | None:
    """Did X agree / refuse: the words of assent or refusal in the cable that answers.

    "Did Stalin agree" reads Stalin's cables; "Zhou's request" reads the cables sent to Zhou.
    The answer is Yes or No to the question as asked, so "did Stalin refuse" gets "No" when
    he agreed.
    """
    subject = q.people[0]
    for r in rank_cables(lib, q)[:4]:
        c = r.cable
        parties = {"sender": c.sender, "recipient": c.recipient, "for": c.for_party}
        names = {role: p.name for role, p in parties.items() if p}
        if subject.possessive:
            fits = any(subject.is_(names.get(role, "")) for role in ("recipient", "for"))
        else:
            fits = subject.is_(names.get("sender", ""))
        if not fits:
            continue
        for text in (*c.paragraphs, c.description):
            for sentence in sentences(text):
                affirm, deny = AFFIRM.search(sentence), DENY.search(sentence)
                if not (affirm or deny):
                    continue
                agreed = bool(affirm) and not deny
                asked_negative = bool(NEGATIVE_ASK.search(q.text))
                verdict = "Yes. " if agreed != asked_negative else "No. "
                who = c.sender.name if c.sender else "The cable"
                fact = f'{verdict}{who} wrote, in {describe(c)}: "{sentence}"'
                return render(q, fact, [cite(c, sentence)])
    return None


def on_summary(lib: Collection, q: Question) -> Answer | None:
    if not q.names_a_cable:
        return None
    ranked = rank_cables(lib, q)
    if not ranked or (q.people and ranked[0].score < NAMED_CABLE):
        return None
    c = ranked[0].cable
    text = c.description or (c.paragraphs[0] if c.paragraphs else "")
    if not text:
        return None
    label = "The archive's description" if c.description else "It opens"
    return render(q, f'{_cap(describe(c))}: {label}: "{clip(text, 300)}"', [cite(c, text)])


HANDLERS: dict[str, Callable[[Collection, Question], Answer | None]] = {
    "quantity": on_quantity,
    "total": on_total,
    "items": on_items,
    "date": on_date,
    "who": on_who,
    "copies": on_who,
    "identity": on_identity,
    "source": on_field(
        "archival source",
        lambda c: c.source.text if c.source else "",
        lambda c: c.source.text if c.source else "",
    ),
    "number": lambda lib, q: (
        on_field("outgoing number", lambda c: c.outgoing_number, _closing_quote)
        if OUTGOING.search(q.text)
        else on_field("telegram number", _number, lambda c: c.heading or c.outgoing_number)
    )(lib, q),
    "record": on_field(
        "archive record",
        lambda c: " ".join(
            x for x in (f"Record ID {c.record_id}" if c.record_id else "", c.url) if x
        ),
        lambda c: c.record_id or c.url,
    ),
    "priority": on_field("priority marking", lambda c: c.priority, lambda c: c.priority),
    "place": on_place,
    "passage": on_passage,
    "yesno": on_yesno,
    "summary": on_summary,
    "commentary": lambda lib, q: on_commentary(lib, q),
}


def answer(lib: Collection, text: str) -> Answer:
    """Answer a question, or say plainly that the cables here do not hold the answer."""
    q = understand(text, lib.aliases, lib.names)
    result = HANDLERS[q.intent](lib, q)
    if result is None and q.intent in ("quantity", "total") and not item_words(q):
        result = on_items(lib, q)
    return result or not_found(lib, q)


def not_found(lib: Collection, q: Question) -> Answer:
    """A plain 'not in these cables', with the closest things they do hold."""
    suggestions: list[str] = []
    unknown = [
        m.name
        for m in q.people
        if not m.partial
        and not lib.store.conn.execute(
            "SELECT 1 FROM people WHERE name = ? AND role != 'mentioned' LIMIT 1", (m.name,)
        ).fetchone()
    ]
    near = q.memo.get("near_items") if q.intent in ("quantity", "total", "yesno") else None
    if near:
        # The items the index found for the question's words and people, though none fitted.
        for card, position in near[:4]:
            item = card.item(position)
            who = card.senders[0] if card.senders else card.id
            suggestions.append(f"{item.name} ({item.quantity_text()}, {who})")
        suggestions += [
            row[1] for row in lib.store.summaries(dict.fromkeys(c.id for c, _ in near[:4]))
        ]
    else:
        ranked = rank_cables(lib, q)
        if q.intent in ("quantity", "total", "items", "yesno"):
            for r in ranked[:2]:
                suggestions += [
                    f"{i.name} ({i.quantity_text()}, {r.cable.sender.name if r.cable.sender else r.cable.title})"
                    for i in r.cable.items[:4]
                ]
        suggestions += [r.cable.title for r in ranked[:3]]
    suggestions = list(dict.fromkeys(suggestions))[:5]
    why = f" None of them is from or to {', '.join(unknown)}." if unknown else ""
    # The text names the items without their quantities: a number from another cable, read
    # under "not in the cables", would pass for an answer. The suggestions keep them.
    shown = [re.sub(r" \([^()]*, ([^(),]+)\)$", r" (\1)", x) for x in suggestions]
    hint = f" Did you mean: {'; '.join(dict.fromkeys(shown))}?" if suggestions else ""
    text = f"The cables here do not say.{why}{hint}"
    return Answer(q.text, text, False, (), tuple(suggestions), "")
