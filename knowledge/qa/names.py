"""People a question may name: the alias file's, and everyone the stored cables name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge.aliases import Aliases, norm

NAME_MATCH = 85  # a question word this close to a known name is that name: one slip in seven letters
_WORD = re.compile(r"[A-Za-z][A-Za-z\-'’]*")
_NOT_NAMES = {
    "the", "and", "for", "from", "with", "how", "many", "much", "what", "when", "who", "did",
    "was", "were", "ask", "asked", "request", "requested", "send", "sent", "cable", "telegram",
    "which", "where", "why", "about", "say", "said", "soviet", "chinese", "korean",
}  # fmt: skip

# Words of offices, not people: their last word ("staff", "adviser", "state") is no surname.
OFFICE_WORDS = {
    "secretary", "ambassador", "embassy", "department", "chiefs", "chief", "commander",
    "charge", "minister", "ministry", "mission", "consul", "government", "office", "staff",
    "delegation", "committee", "politburo", "representative", "adviser", "advisor", "state",
    "council", "command", "headquarters", "president", "general", "foreign", "affairs",
}  # fmt: skip


@dataclass(frozen=True)
class Found:
    name: str  # canonical, or the surname as typed when several people share it
    start: int
    end: int
    partial: bool = False  # a surname several stored people share: any of them may be meant


class Names:
    """Exact and fuzzy lookup of people's names, built once per store generation."""

    def __init__(self, aliases: Aliases, stored: list[str]) -> None:
        table = dict(aliases.people)
        surnames: dict[str, set[str]] = {}
        for name in stored:
            key = norm(name)
            if not key or key in table:
                continue
            table[key] = name
            parts = key.split()
            if OFFICE_WORDS & set(parts) or parts[0] == "the":
                continue  # "Joint Chiefs of Staff": an office, whose last word is no surname
            if len(parts) > 1 and len(parts[-1]) >= 3:
                surnames.setdefault(parts[-1], set()).add(name)
        self.shared: dict[str, list[str]] = {}  # surname -> the people who share it
        for surname, owners in surnames.items():
            if surname in table or surname in _NOT_NAMES:
                continue
            if len(owners) == 1:
                table[surname] = next(iter(owners))  # "Kang" is Leonid Kang when only he is
            else:
                self.shared[surname] = sorted(owners)
        self.table = table
        # Offices are matched as written, never fuzzily: "foreign ministry" is not the USSR's.
        self.fuzzy_keys = [k for k in table if len(k) >= 5 and not OFFICE_WORDS & set(k.split())]
        self.longest = max((len(k.split()) for k in table), default=1)
        self._names_in: dict[str, list[str]] = {}

    def find(self, text: str, *, fuzzy: bool = True) -> list[Found]:
        """Every person text names, longest names first, then misspellings of known ones."""
        # A possessive's "'s" is not part of the name: the end stays before it for the caller.
        words = [
            (m.group(0), m.start(), m.end() - (2 if m.group(0).endswith(("'s", "’s")) else 0))
            for m in _WORD.finditer(text)
        ]
        keys = [norm(w.replace("’s", "").replace("'s", "")) for w, _a, _b in words]
        taken = [False] * len(words)
        found: list[Found] = []
        for n in range(min(self.longest, 4), 0, -1):
            for i in range(len(words) - n + 1):
                if any(taken[i : i + n]):
                    continue
                key = " ".join(keys[i : i + n])
                if key in self.table and (n > 1 or key not in _NOT_NAMES):
                    found.append(Found(self.table[key], words[i][1], words[i + n - 1][2]))
                    taken[i : i + n] = [True] * n
                elif n == 1 and key in self.shared:
                    found.append(Found(key.title(), words[i][1], words[i][2], partial=True))
                    taken[i] = True
        if fuzzy:
            for n in (2, 1):
                for i in range(len(words) - n + 1):
                    if any(taken[i : i + n]):
                        continue
                    phrase = " ".join(keys[i : i + n])
                    if len(phrase) < 5 or any(k in _NOT_NAMES for k in keys[i : i + n]):
                        continue
                    # Phrase and keys are normalised already (norm): no processor, which would
                    # redo every key on every call.
                    best = process.extractOne(
                        phrase, self.fuzzy_keys, scorer=fuzz.ratio, processor=None,
                        score_cutoff=NAME_MATCH,
                    )  # fmt: skip
                    if best:
                        found.append(Found(self.table[best[0]], words[i][1], words[i + n - 1][2]))
                        taken[i : i + n] = [True] * n
        found.sort(key=lambda f: f.start)
        return found

    def everyone(self, name: str, *, partial: bool) -> list[str]:
        """The people a mention may be: itself, or all who share the surname it gives."""
        return self.shared.get(norm(name), [name]) if partial else [name]

    def names_in(self, text: str) -> list[str]:
        """Canonical names text mentions exactly, in order, without repeats."""
        cached = self._names_in.get(text)
        if cached is None:
            if len(self._names_in) > 20_000:
                self._names_in.clear()
            cached = self._names_in[text] = list(
                dict.fromkeys(f.name for f in self.find(text, fuzzy=False))
            )
        return cached
