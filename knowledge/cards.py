"""Cards: what ranking needs of a cable (parties, people, days, words, items), cheap to load.

Ranking looks at 15-40 candidate cables a question; loading each whole record costs more than
the rest of an answer together. A card is stored beside the record, read in one query for all
candidates, and only the cables an answer cites are loaded whole.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cached_property

from knowledge.aliases import norm
from knowledge.records import Cable, RequestedItem, from_dict, to_dict
from knowledge.text import singular

PARTY_ROLES = ("sender", "recipient", "via", "for")


@dataclass(frozen=True)
class Card:
    """A cable's ranking facts: parties with their roles, everyone named, days, words, items."""

    id: str
    kind: str
    parties: tuple[tuple[str, str], ...]  # (name, role), sender first; "A and B" split
    people: frozenset[str]  # everyone the cable names, parties included
    copies: frozenset[str]  # names on the distribution list
    days: tuple[str, ...]  # ISO start days of its date, sent and received stamps, in that order
    vocab_text: str  # every word (singular) of title, description, text, items and people
    raw_items: tuple[dict, ...]  # the items as stored; built into records only when matched

    @cached_property
    def vocab(self) -> frozenset[str]:
        """The cable's words as a set, made when first asked (most candidates never are)."""
        # Interned: the same words recur across thousands of cached cards.
        return frozenset(sys.intern(w) for w in self.vocab_text.split())

    def raw_item(self, position: int) -> dict | None:
        return self.raw_items[position] if 0 <= position < len(self.raw_items) else None

    def item(self, position: int) -> RequestedItem | None:
        raw = self.raw_item(position)
        return from_dict(RequestedItem, raw) if raw is not None else None

    @property
    def senders(self) -> list[str]:
        return [n for n, role in self.parties if role == "sender"]

    @property
    def year(self) -> int | None:
        """The year of the cable's own date (or of its first stamp): for dates without one."""
        return int(self.days[0][:4]) if self.days else None


def card_of(c: Cable) -> Card:
    """The card of a cable, built from the whole record (at ingest, and in tests)."""
    return _from_data(c.id, card_data(c))


def card_data(c: Cable) -> dict:
    """The card as JSON-ready data, stored with the record."""
    parties = []
    for role, p in zip(PARTY_ROLES, (c.sender, c.recipient, c.via, c.for_party), strict=True):
        if p:
            parties += [[n, role] for n in p.name.split(" and ")]
    text = " ".join(
        [c.title, c.description, *c.paragraphs, *(i.name for i in c.items), *c.people, *c.places]
    )
    return {
        "kind": c.kind,
        "parties": parties,
        "people": list(c.people),
        "copies": [cp.name for cp in c.copies],
        "days": [d.start for d in (c.date, c.sent, c.received) if d and d.start],
        "vocab": " ".join(sorted({singular(w) for w in norm(text).split()})),
        "items": [to_dict(i) for i in c.items],
    }


def card_from_json(cable_id: str, text: str) -> Card:
    return _from_data(cable_id, json.loads(text))


def _from_data(cable_id: str, d: dict) -> Card:
    return Card(
        cable_id,
        d["kind"],
        tuple((n, r) for n, r in d["parties"]),
        frozenset(d["people"]),
        frozenset(d["copies"]),
        tuple(d["days"]),
        d["vocab"],
        tuple(d["items"]),
    )
