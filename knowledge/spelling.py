"""Typo correction for search words, by symmetric deletes over the store's vocabulary.

The index matches words exactly; a misspelt word ("cartrigdes") is first replaced by the
stored words within one slip of it (two for long words). Every stored word is filed under
itself and each of its one-letter deletions, so a lookup is a handful of integer keys in an
indexed table rather than a walk over the whole term dictionary (a fuzzy term query costs
5-10 ms at 100,000 cables; this costs a fraction of a millisecond).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

from rapidfuzz.distance import OSA

from knowledge.aliases import norm
from knowledge.memo import memo
from knowledge.text import fold, singular

MIN_LENGTH = 4  # shorter words are never corrected: too many neighbours
LONG_WORD = 8  # from this length two slips are allowed
MAX_LENGTH = 30  # longer tokens are codes or noise
MAX_CORRECTIONS = 3
_TOKEN = re.compile(r"[^\W_]+")  # as the index's tokenizer splits: letters and digits


# For ASCII text: every character but a letter or digit is a space (_TOKEN's runs, by
# str.translate and split, about three times faster than the regex).
_ASCII_NOT_ALNUM = {i: " " for i in range(128) if not chr(i).isascii() or not chr(i).isalnum()}


# norm(text).split() for an ASCII text: lower case, every character that is neither a word
# character nor whitespace a space (norm's regex), by str.translate, about five times faster.
_ASCII_PUNCTUATION = {i: " " for i in range(128) if not re.match(r"[\w\s]", chr(i))}


def norm_words(text: str) -> list[str]:
    """knowledge.aliases.norm(text).split(), the same words (faster for ASCII text)."""
    if text.isascii():
        return text.lower().translate(_ASCII_PUNCTUATION).split()
    return norm(text).split()


def tokens(text: str) -> list[str]:
    """The words the index holds for text: lower-case runs of letters and digits, folded."""
    if text.isascii():
        return text.lower().translate(_ASCII_NOT_ALNUM).split()
    return _TOKEN.findall(fold(text).lower())


def correctable(word: str) -> bool:
    return MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isalpha()


def key(text: str) -> int:
    """A stable 32-bit key (Python's hash() differs between processes)."""
    return zlib.crc32(text.encode())


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def filing_keys(word: str) -> set[int]:
    """Keys a stored word is filed under: itself and its one-letter deletions."""
    if word.isascii():  # the same keys, from the bytes (a character is a byte): twice as fast
        data, crc = word.encode(), zlib.crc32
        return {crc(data)} | {crc(data[:i] + data[i + 1 :]) for i in range(len(data))}
    return {key(word)} | {key(d) for d in deletions(word)}


def lookup_keys(word: str) -> set[int]:
    """Keys a typed word is looked up under; two deletions too for long words."""
    one = deletions(word)
    keys = {word} | one
    if len(word) >= LONG_WORD:
        keys |= {d2 for d in one for d2 in deletions(d)}
    return {key(k) for k in keys}


def allowed_slips(word: str) -> int:
    return 1 if len(word) < LONG_WORD else 2


def closest(word: str, candidates: Iterable[str]) -> list[str]:
    """The candidates within the allowed slips of word (a swap of neighbours is one), nearest first."""
    limit = allowed_slips(word)
    scored = sorted(
        (d, c) for c in set(candidates) if (d := OSA.distance(word, c)) <= limit and c != word
    )
    return [c for _, c in scored[:MAX_CORRECTIONS]]


class Speller:
    """Turns typed words into the stored words to search for; cached until the store changes."""

    def __init__(self, store) -> None:
        self.store = store
        self._correct = memo(maxsize=65_536)(self._correct_uncached)
        self._forms = memo(maxsize=65_536)(self._forms_uncached)

    def clear(self) -> None:
        self._correct.cache_clear()
        self._forms.cache_clear()

    def correct(self, word: str) -> tuple[str, ...]:
        """() if the store knows word or cannot correct it; else the stored words it may mean."""
        if not correctable(word):
            return ()
        return self._correct(word)

    def _correct_uncached(self, word: str) -> tuple[str, ...]:
        if self.store.knows_word(word):
            return ()
        return tuple(closest(word, self.store.words_under(lookup_keys(word))))

    def forms(self, word: str) -> tuple[str, ...]:
        """word, with the singular or plural the store holds, or else what it may be a slip for.

        The index matches whole words: "rifle" finds only "rifle", so the plural is searched
        too when the store has it; "bicycees" is corrected as typed, and "bicycee" (a
        question's singular of it) through its plural.
        """
        if not correctable(word):
            return (word,)
        return self._forms(word)

    def _forms_uncached(self, word: str) -> tuple[str, ...]:
        variants = list(dict.fromkeys([word, singular(word), word + "s"]))
        known = [v for v in variants if self.store.knows_word(v)]
        if known:
            return tuple(dict.fromkeys([word, *known]))
        fixes = [f for v in variants for f in self.correct(v)]
        return (word, *list(dict.fromkeys(fixes))[:MAX_CORRECTIONS])

    def expand(self, words: Iterable[str]) -> list[str]:
        """words, each followed by the stored forms and corrections to search for it."""
        return [f for w in words for f in self.forms(w)]
