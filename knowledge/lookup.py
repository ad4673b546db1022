"""Find a cable from what a user types: an id, a number, or words of its title and parties."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, utils

from knowledge.aliases import norm
from knowledge.collection import CableSummary
from knowledge.errors import CablebotError, CableNotFound
from knowledge.records import ArchivalSource, Cable

if TYPE_CHECKING:
    from knowledge.collection import Collection

# A reference typed as one token holding a digit: a telegram number ("26637", "No. 2784",
# "483/sh"), a record ID ("KW-0042", "113636") or an outgoing number.
_NUMBER_REF = re.compile(r"(?:no\.?\s*|#)?(\d[\w/\-.]*|[a-z][\w/\-.]*\d[\w/\-.]*)", re.I)
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


def rank_cables(lib: Collection, text: str, *, limit: int) -> list[tuple[float, Cable]]:
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


class OnlyInCitations(CableNotFound):
    """A bare number that is no telegram number or record ID, only a fond, opis, delo or list
    number in archival citations: the cables are listed, none is picked."""

    def __init__(self, ref: str, matches: tuple[tuple[str, str], ...]) -> None:
        listed = "; ".join(f"{cable_id} ({where})" for cable_id, where in matches)
        CablebotError.__init__(
            self,
            f"{ref} is no telegram number or record ID; it is only in the archival citation of "
            f"{listed}. Name the cable by its id.",
        )
        self.ref = ref
        self.suggestions = tuple(cable_id for cable_id, _ in matches)
        self.matches = matches


def _citation_place(source: ArchivalSource | None, number: str) -> str:
    """Where number stands in a citation ("Delo 335"), or "" if it is not there."""
    if source is None:
        return ""
    for label, value in (
        ("Fond", source.fond),
        ("Opis", source.opis),
        ("Delo", source.delo),
        ("Listy", source.listy),
    ):
        if value and number in re.findall(r"\w+", value):
            return f"{label} {value}"
    return "citation" if number in re.findall(r"\w+", source.text) else ""


def _by_number(lib: Collection, ref: str) -> list[str]:
    number = _NUMBER_REF.fullmatch(ref)
    if not number:
        return []
    return lib.store.by_number(number.group(1)) or lib.store.by_number(ref)


def find_exact(lib: Collection, ref: str) -> Cable:
    """The cable whose id, telegram or outgoing number, or record ID is exactly ref (for removal).

    Record IDs may hold letters ("KW-0042", any case). CableNotFound (with suggestions)
    when none or more than one cable has that number.
    """
    ref = (ref or "").strip()
    cable = lib.store.get(ref) or lib.store.get(ref.lower())
    if cable:
        return cable
    number = _NUMBER_REF.fullmatch(ref)
    if number:
        ids = _by_number(lib, ref)
        if len(ids) == 1:
            return lib.store.get(ids[0])
    suggestions = tuple(s.id for s in complete(lib, ref, limit=3))
    raise CableNotFound(ref, suggestions)


def find_cable(lib: Collection, ref: str) -> Cable:
    """The cable ref names; CableNotFound with suggestions when none fits."""
    ref = (ref or "").strip()
    if not ref:
        raise CableNotFound(ref)
    exact = lib.store.get(ref) or lib.store.get(ref.lower())
    if exact:
        return exact
    number = _NUMBER_REF.fullmatch(ref)
    if number:
        ids = _by_number(lib, ref)
        if not ids and number.group(1).isdigit():
            ids = _title_or_citation(lib, number.group(1), ref)
        if ids:
            return lib.store.get(ids[0])
    ranked = rank_cables(lib, ref, limit=3)
    if ranked:
        return ranked[0][1]
    suggestions = tuple(s.id for s in complete(lib, ref, limit=3))
    raise CableNotFound(ref, suggestions)


def _title_or_citation(lib: Collection, number: str, ref: str) -> list[str]:
    """Cables whose title holds number; OnlyInCitations when only archival citations do."""
    hits = lib.index.search([number], kinds=("cable",), limit=25)
    ids = list(dict.fromkeys(h.cable for h in hits))
    in_title, cited = [], []
    for cable_id in ids:
        cable = lib.store.get(cable_id)
        if cable is None:
            continue
        if number in re.findall(r"\w+", cable.title):
            in_title.append(cable_id)
        elif where := _citation_place(cable.source, number):
            cited.append((cable_id, where))
    if in_title:
        return in_title
    if cited:
        raise OnlyInCitations(ref, tuple(cited))
    return []


def complete(lib: Collection, text: str, *, limit: int = 25) -> list[CableSummary]:
    """Up to limit cables for an autocomplete box, best first."""
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
    for s in (CableSummary(*row) for row in lib.store.summaries(best)):
        label = f"{s.title} {s.sender} {s.recipient} {s.telegram_number} {s.id}"
        out.append((fuzz.partial_ratio(typed, utils.default_process(label)) + best[s.id], s))
    out.sort(key=lambda x: -x[0])
    return [s for _score, s in out[:limit]]
