"""Cards: what ranking needs of a cable (parties, people, days, words, items), cheap to load.

Ranking looks at 15-40 candidate cables a question; loading each whole record costs more than
the rest of an answer together. A card is stored beside the record, read in one query for all
candidates, and only the cables an answer cites are loaded whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from knowledge.memo import memo
from knowledge.records import Cable, RequestedItem, from_dict
from knowledge.spelling import norm_words
from knowledge.text import singular


@dataclass(frozen=True, slots=True)
class Card:
    """A cable's ranking facts: parties with their roles, everyone named, days, words, items.

    Thousands of cards stay cached, and every full garbage collection walks each element of
    every cached set, list and dict (100 ms pauses with sets and dicts here). So a card holds
    only strings and tuples of strings, which the collector stops tracking, and parses its
    items from JSON when one of them is matched.
    """

    id: str
    kind: str
    title: str
    date_shown: str  # the cable's date as an answer prints it; "" if undated
    source: str  # the archival source as printed
    parties: tuple[tuple[str, str], ...]  # (name, role), sender first; "A and B" split
    people: tuple[str, ...]  # everyone the cable names, parties included
    copies: tuple[str, ...]  # names on the distribution list
    days: tuple[str, ...]  # ISO start days of its date, sent and received stamps, in that order
    # Every word (singular) of title, description, text, items and people, space-separated
    # with a space at each end, so that " word " finds a whole word.
    vocab_text: str
    item_names: tuple[str, ...]
    item_quantities: tuple[float, ...]
    items_json: str  # the items as stored; built into records only when matched

    def has_word(self, word: str) -> bool:
        return f" {word} " in self.vocab_text

    def words(self) -> list[str]:
        return self.vocab_text.split()

    def raw_item(self, position: int) -> dict | None:
        """The item as stored (a dict), parsed once per cable however many are matched."""
        if not 0 <= position < len(self.item_names):
            return None
        return _parsed_items(self.items_json)[position]

    def item(self, position: int) -> RequestedItem | None:
        raw = self.raw_item(position)
        return None if raw is None else from_dict(RequestedItem, raw)

    @property
    def senders(self) -> list[str]:
        return [n for n, role in self.parties if role == "sender"]

    @property
    def year(self) -> int | None:
        """The year of the cable's own date (or of its first stamp): for dates without one."""
        return int(self.days[0][:4]) if self.days else None


@memo(maxsize=4096)
def _parsed_items(items_json: str) -> list[dict]:
    # A question matches several items of one cable: parse its list once.
    return json.loads(items_json)


def card_of(c: Cable) -> Card:
    """The card of a cable, built from the whole record (at ingest, and in tests)."""
    return _from_data(c.id, card_data(c))


def card_data(c: Cable) -> dict:
    """The card as JSON-ready data, stored with the record."""
    parties = [[n, role] for n, role in c.party_roles()]
    text = " ".join(
        [c.title, c.description, *c.paragraphs, *c.footnotes, *(i.name for i in c.items)]
        + [*c.people, *c.places]
    )
    return {
        "kind": c.kind,
        "title": c.title,
        "date": c.date.display() if c.date else "",
        "source": c.source.text if c.source else "",
        "parties": parties,
        "people": list(c.people),
        "copies": [cp.name for cp in c.copies],
        "days": [d.start for d in (c.date, c.sent, c.received) if d and d.start],
        "vocab": " ".join(sorted(_singulars(set(norm_words(text))))),
        "item_names": [i.name for i in c.items],
        "item_quantities": [i.quantity for i in c.items],
        # Kept as JSON text inside the card: read as a string, parsed only when matched.
        "items": json.dumps([_item_data(i) for i in c.items], ensure_ascii=False),
    }


def _item_data(i: RequestedItem) -> dict:
    """to_dict(i), written out: a cable's items are turned into cards at every ingest."""
    d = i.date
    date = d and {"text": d.text, "start": d.start, "end": d.end, "precision": d.precision,
                  "time": d.time, "qualifier": d.qualifier}  # fmt: skip
    return {"name": i.name, "quantity": i.quantity, "unit": i.unit, "words": i.words,
            "number": i.number, "role": i.role, "date": date}  # fmt: skip


_SINGULAR: dict[str, str] = {}  # word -> singular(word), for every card's vocabulary
_SINGULAR_MAX = 200_000


def _singulars(words: set[str]) -> set[str]:
    """{singular(w) for w in words}, most of them looked up in C from words seen before."""
    known = _SINGULAR
    if len(known) > _SINGULAR_MAX:
        known.clear()
    get = known.get
    out = set()
    for w in words:
        s = get(w)
        if s is None:
            s = known[w] = singular(w)
        out.add(s)
    return out


def card_from_json(cable_id: str, text: str) -> Card:
    return _from_data(cable_id, json.loads(text))


def _from_data(cable_id: str, d: dict) -> Card:
    return Card(
        cable_id,
        d["kind"],
        d["title"],
        d["date"],
        d["source"],
        tuple((n, r) for n, r in d["parties"]),
        tuple(d["people"]),
        tuple(d["copies"]),
        tuple(d["days"]),
        f" {d['vocab']} ",
        tuple(d["item_names"]),
        tuple(d["item_quantities"]),
        d["items"],
    )
