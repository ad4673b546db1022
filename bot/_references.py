"""Find the cables a message names: telegram and outgoing numbers, record IDs, archival
citations and FRUS references (Deptel 812, Embtel 45, file numbers such as 795.00/7-2051).

Pure functions over the library (no Discord); the "Find cables mentioned" menu shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.collection import CableSummary
from knowledge.library import Library

# "No. 26637", "telegram 5708", "Deptel 812", "Urtel 3153", "record 114232"
_LABELLED = re.compile(
    r"\b(?P<label>(?:ciphered\s+)?telegram(?:\s+no\.?)?|no\.?|nr\.?|number|deptel|embtel|urtel"
    r"|reftel|mytel|record(?:\s+id)?|#)\s*(?P<number>\d{2,7}(?:/\w+)?)\b",
    re.I,
)
_BARE = re.compile(r"(?<![\w./-])(\d{3,7})(?![\w/]|[.,]\d)")
_FILE_NUMBER = re.compile(r"\b(\d{3}\.\d{2,5}/\d{1,2}[-–]\d{3,4})\b")
_ARCHIVAL = re.compile(
    r"\b(?:fond|f\.)\s*(\d+)[,;]?\s*(?:opis|op\.)\s*(\d+)[,;]?\s*(?:delo|d\.)\s*(\d+)", re.I
)


@dataclass(frozen=True)
class Mention:
    """One reference found in a message and the cables it names (none: not in the library)."""

    text: str  # as written in the message
    cables: tuple[CableSummary, ...]


def _summaries(library: Library, ids: list[str]) -> tuple[CableSummary, ...]:
    return tuple(CableSummary(*row) for row in library.store.summaries(ids)) if ids else ()


def _by_record_field(library: Library, pattern: str) -> list[str]:
    """Ids of documents whose field is a value, given as '"file_number": "795.00/7–1250"' or
    '"delo": "335"' (records are stored compressed: the store keeps these two as columns)."""
    key, _, value = pattern.partition(": ")
    return library.store.by_field(key.strip('"'), value.strip('"'))


def find_mentions(library: Library, text: str) -> list[Mention]:
    """Every reference to a cable in text, in order, each with the cables it names.

    Labelled numbers (No., telegram, Deptel...) are listed even when the library lacks them;
    bare numbers only when they name a stored cable (a year or a quantity is not a reference).
    """
    found: dict[str, tuple[int, Mention]] = {}
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int, written: str, ids: list[str], *, always: bool) -> None:
        spans.append((start, end))
        if ids or always:
            key = written.lower()
            if key not in found:
                found[key] = (start, Mention(written, _summaries(library, ids)))

    for m in _FILE_NUMBER.finditer(text):
        number = m.group(1).replace("-", "–")
        ids = _by_record_field(library, f'"file_number": "{number}"') or _by_record_field(
            library, f'"file_number": "{m.group(1)}"'
        )
        add(m.start(), m.end(), f"file {m.group(1)}", ids, always=True)
    for m in _ARCHIVAL.finditer(text):
        fond, opis, delo = m.groups()
        ids = [
            i
            for i in _by_record_field(library, f'"delo": "{delo}"')
            if (c := library.store.get(i))
            and c.source
            and c.source.fond == fond
            and c.source.opis == opis
        ]
        add(m.start(), m.end(), f"Fond {fond}, Opis {opis}, Delo {delo}", ids, always=True)
    for m in _LABELLED.finditer(text):
        if any(s <= m.start("number") < e for s, e in spans):
            continue
        number = m.group("number")
        label = " ".join(m.group("label").split())
        ids = library.store.by_number(number)
        add(m.start(), m.end(), f"{label} {number}", ids, always=True)
    for m in _BARE.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        ids = library.store.by_number(m.group(1))
        add(m.start(), m.end(), m.group(1), ids, always=False)
    return [mention for _, mention in sorted(found.values(), key=lambda x: x[0])]
