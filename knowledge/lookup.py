"""Find a cable from what a user types: an id, a number, or words of its title and parties."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, utils

from knowledge.aliases import norm
from knowledge.errors import CableNotFound
from knowledge.records import Cable

if TYPE_CHECKING:
    from knowledge.library import CableSummary, Library

WORD_MATCH = 85  # rapidfuzz ratio at which a typed word counts as a word of the cable
CANDIDATES = 40


def _label(c: Cable) -> str:
    parties = " ".join(p.name for p in (c.sender, c.recipient, c.via, c.for_party) if p)
    return f"{c.title} {parties} {c.telegram_number} {c.outgoing_number} {c.id}"


def _word_score(words: list[str], c: Cable) -> float:
    """How well typed words fit a cable: title and parties count double, the sender a bit more."""
    label = norm(_label(c)).split()
    rest = norm(" ".join([c.description, *c.paragraphs[:6]])).split()
    sender = norm(c.sender.name).split() if c.sender else []
    score = 0.0
    for w in words:
        best_label = max((fuzz.ratio(w, x) for x in label), default=0)
        if best_label >= WORD_MATCH:
            score += 2 + (0.5 if w in sender else 0)
        elif any(fuzz.ratio(w, x) >= WORD_MATCH for x in rest):
            score += 1
    return score / max(1, len(words))


def rank_cables(lib: Library, text: str, *, limit: int) -> list[tuple[float, Cable]]:
    words = [w for w in norm(text).split() if w not in {"the", "of", "to", "from", "cable", "telegram", "and"}]
    if not words:
        return []
    hits = lib.index.search(words, kinds=("cable", "passage"), limit=CANDIDATES * 4)
    seen: dict[str, None] = {}
    for h in hits:
        seen.setdefault(h.cable, None)
    scored = []
    for cable_id in list(seen)[:CANDIDATES]:
        c = lib.store.get(cable_id)
        if c:
            scored.append((_word_score(words, c), c))
    scored.sort(key=lambda x: -x[0])
    return [x for x in scored if x[0] >= 1.0][:limit]


def find_cable(lib: Library, ref: str) -> Cable:
    """The cable ref names; CableNotFound with suggestions when none fits."""
    ref = (ref or "").strip()
    if not ref:
        raise CableNotFound(ref)
    exact = lib.store.get(ref)
    if exact:
        return exact
    number = re.fullmatch(r"(?:no\.?\s*|#)?(\d[\w/\-]*)", ref, re.I)
    if number:
        ids = lib.store.by_number(number.group(1))
        if not ids:
            hits = lib.index.search([number.group(1).lower()], kinds=("cable",), limit=5, fuzzy=False)
            ids = [h.cable for h in hits]
        if ids:
            return lib.store.get(ids[0])
    ranked = rank_cables(lib, ref, limit=3)
    if ranked and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
        return ranked[0][1]
    if ranked:
        return ranked[0][1]
    suggestions = tuple(s.id for s in complete(lib, ref, limit=3))
    raise CableNotFound(ref, suggestions)


def complete(lib: Library, text: str, *, limit: int = 25) -> list[CableSummary]:
    """Up to limit cables for an autocomplete box, best first."""
    text = (text or "").strip()
    if not text:
        return lib.cables()[:limit]
    words = norm(text).split()
    hits = lib.index.search(words, kinds=("cable",), limit=200, prefix_last=True)
    out = []
    for h in hits:
        c = lib.store.get(h.cable)
        if c is None:
            continue
        score = fuzz.partial_ratio(utils.default_process(text), utils.default_process(_label(c)))
        out.append((score + h.score, c))
    out.sort(key=lambda x: -x[0])
    return [lib._summary(c) for _s, c in out[:limit]]
