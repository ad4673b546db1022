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
    """How well typed words fit a cable; 0 unless every word is the cable's and one names it.

    Title, parties and numbers count double, the sender a bit more; a word found only in the
    text counts once. "no such cable zzqx" must not pick a cable for one shared word.
    """
    label = norm(_label(c)).split()
    rest = set(norm(" ".join([c.description, *c.paragraphs])).split())
    sender = norm(c.sender.name).split() if c.sender else []
    score, in_label = 0.0, False
    for w in words:
        if max((fuzz.ratio(w, x) for x in label), default=0) >= WORD_MATCH:
            score += 2 + (0.5 if w in sender else 0)
            in_label = True
        elif w in rest or any(
            fuzz.ratio(w, x) >= WORD_MATCH for x in rest if abs(len(x) - len(w)) <= 2
        ):
            score += 1
        else:
            return 0.0
    return score / len(words) if in_label else 0.0


def _ref_words(text: str) -> list[str]:
    return [w for w in norm(text).split() if len(w) >= 3 and w not in _IGNORED]


_IGNORED = {
    "the", "and", "from", "cable", "telegram", "ciphered", "about", "with", "for", "reply",
    "answer", "response", "message", "letter", "note", "report",
}  # fmt: skip


def rank_cables(lib: Library, text: str, *, limit: int) -> list[tuple[float, Cable]]:
    words = _ref_words(text)
    if not words:
        return []
    hits = lib.search(words, kinds=("cable", "passage"), limit=CANDIDATES * 4)
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


def find_exact(lib: Library, ref: str) -> Cable:
    """The cable whose id, telegram or outgoing number, or record ID is exactly ref (for removal)."""
    ref = (ref or "").strip()
    cable = lib.store.get(ref)
    if cable:
        return cable
    number = re.fullmatch(r"(?:no\.?\s*|#)?(\d[\w/\-]*)", ref, re.I)
    if number:
        ids = lib.store.by_number(number.group(1))
        if len(ids) == 1:
            return lib.store.get(ids[0])
    suggestions = tuple(s.id for s in complete(lib, ref, limit=3))
    raise CableNotFound(ref, suggestions)


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
            hits = lib.index.search([number.group(1).lower()], kinds=("cable",), limit=5)
            ids = [h.cable for h in hits]
        if ids:
            return lib.store.get(ids[0])
    ranked = rank_cables(lib, ref, limit=3)
    if ranked:
        return ranked[0][1]
    suggestions = tuple(s.id for s in complete(lib, ref, limit=3))
    raise CableNotFound(ref, suggestions)


def complete(lib: Library, text: str, *, limit: int = 25) -> list[CableSummary]:
    """Up to limit cables for an autocomplete box, best first."""
    from knowledge.library import CableSummary as Summary

    text = (text or "").strip()
    if not text:
        return lib.cables(limit)
    words = norm(text).split()
    hits = lib.search(words, kinds=("cable",), limit=200, prefix_last=True)
    best: dict[str, float] = {}
    for h in hits:
        best[h.cable] = max(best.get(h.cable, 0.0), h.score)
    typed = utils.default_process(text)
    out = []
    for s in (Summary(*row) for row in lib.store.summaries(best)):
        label = f"{s.title} {s.sender} {s.recipient} {s.telegram_number} {s.id}"
        out.append((fuzz.partial_ratio(typed, utils.default_process(label)) + best[s.id], s))
    out.sort(key=lambda x: -x[0])
    return [s for _score, s in out[:limit]]
