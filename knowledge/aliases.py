"""People, places and item synonyms from the alias file, resolved the same way everywhere."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from knowledge.errors import CablebotError
from knowledge.memo import memo
from knowledge.text import fold, singular

BUNDLED = Path(__file__).resolve().parent / "aliases.yaml"
_HONORIFICS = re.compile(
    r"^(?:comrades?|tov\.?|chairman|premier|president|general|marshal|mr\.?)\s+", re.I
)


_PUNCTUATION = re.compile(r"[^\w\s]")  # compiled once: norm runs dozens of times a cable


NORM_MEMO_CHARS = 80  # names and words recur in every question: their forms are kept (memo)


def norm(text: str) -> str:
    """Lower-case, diacritics folded ('Máo' is 'mao'), punctuation dropped, spaces collapsed."""
    if len(text) <= NORM_MEMO_CHARS:
        return _norm_short(text)
    return _norm(text)


def _norm(text: str) -> str:
    text = fold(text).lower().replace("’", "'")
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


_norm_short = memo(maxsize=65_536)(_norm)


@dataclass(frozen=True)
class Aliases:
    """Lookup tables built from one or more alias files."""

    people: dict[str, str]  # normalised alias -> canonical name
    places: dict[str, str]
    synonyms: dict[str, frozenset[str]]  # normalised word -> words it may stand for
    people_pattern: re.Pattern[str]
    places_pattern: re.Pattern[str]
    # normalised category word -> the item head words it covers ("gun": rifle, handgun, ...)
    categories: dict[str, frozenset[str]] = field(default_factory=dict)

    def members(self, word: str) -> frozenset[str]:
        """The item head words a category word covers (singular), empty for no category."""
        return self.categories.get(singular(norm(word)), frozenset())

    def person(self, written: str) -> str:
        """Resolve a name as written ('FILIPPOV [Stalin]', 'Chou En-lai') to its canonical form."""
        written = written.strip().strip(".,;:")
        parts = re.split(r"\s+and\s+|\s*,\s*", written)
        if len(parts) > 1 and all(parts):
            return " and ".join(self.person(p) for p in parts)
        bracket = re.search(r"[\[(]([^\])]+)[\])]", written)
        if bracket:
            inner = self.people.get(norm(bracket.group(1)))
            if inner:
                return inner
            outer = written[: bracket.start()].strip()
            written = outer or bracket.group(1)
        written = _HONORIFICS.sub("", written.strip())
        key = norm(written)
        if key in self.people:
            return self.people[key]
        if not key:
            return ""
        # Unknown: keep the name, but in a reader's case rather than telegram capitals.
        return " ".join(
            w.capitalize() if w.isupper() or w.islower() else w for w in written.split()
        )

    def place(self, written: str) -> str:
        key = norm(written)
        return self.places.get(
            key, written.strip().title() if written.isupper() else written.strip()
        )

    def find_people(self, text: str) -> list[str]:
        """Canonical names of every known person the text mentions, in order of first mention."""
        text = fold(text)  # "Máo Zédōng" is Mao Zedong
        return _unique(self.people[norm(m.group(0))] for m in self.people_pattern.finditer(text))

    def find_places(self, text: str) -> list[str]:
        text = fold(text)
        return _unique(self.places[norm(m.group(0))] for m in self.places_pattern.finditer(text))

    def related_words(self, word: str) -> frozenset[str]:
        """Words an item word may stand for (handguns -> pistol), itself included, singular."""
        key = singular(norm(word))
        return self.synonyms.get(key, frozenset()) | {key}


def _unique(names) -> list[str]:
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n, None)
    return list(seen)


def _pattern(keys: list[str]) -> re.Pattern[str]:
    # Longest first; grouped by first letter ("m(?:ao zedong|olotov)|..."), which matches the
    # same (only one group can start at a place) about three times faster than one flat list.
    groups: dict[str, list[str]] = {}
    for key in sorted(keys, key=len, reverse=True):
        words = [re.escape(w) for w in key.split()]
        groups.setdefault(key[:1], []).append(r"[\s\-]+".join(words))
    alts = [g[0] if len(g) == 1 else "(?:" + "|".join(g) + ")" for g in groups.values()]
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.I)


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CablebotError(f"The alias file {path} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise CablebotError(f"The alias file {path} must have people, places and synonyms.")
    return data


def build_aliases(*paths: Path) -> Aliases:
    """Merge alias files in order (later entries win) into lookup tables."""
    people: dict[str, str] = {}
    places: dict[str, str] = {}
    synonyms: dict[str, set[str]] = {}
    categories: dict[str, set[str]] = {}
    for path in paths:
        data = _read(path)
        for table, section in ((people, "people"), (places, "places")):
            for canonical, others in (data.get(section) or {}).items():
                canonical = str(canonical)
                for name in [canonical, *(others or [])]:
                    table[norm(str(name))] = canonical
        for word, others in (data.get("synonyms") or {}).items():
            key = norm(str(word))
            for other in others or []:
                synonyms.setdefault(key, set()).add(norm(str(other)))
                synonyms.setdefault(norm(str(other)), set()).add(key)
        for word, members in (data.get("categories") or {}).items():
            categories.setdefault(singular(norm(str(word))), set()).update(
                singular(norm(str(m))) for m in members or []
            )
    return Aliases(
        people=people,
        places=places,
        synonyms={k: frozenset(v) for k, v in synonyms.items()},
        people_pattern=_pattern(list(people)),
        places_pattern=_pattern(list(places)),
        categories={k: frozenset(v) for k, v in categories.items()},
    )


@cache
def load_aliases(extra: str | None = None) -> Aliases:
    """The bundled alias file, with an optional extra file merged over it."""
    paths = [BUNDLED] + ([Path(extra)] if extra else [])
    return build_aliases(*paths)
