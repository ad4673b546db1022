"""Small text helpers shared by the parser and the question reader."""

from __future__ import annotations

import re
import unicodedata

from knowledge.memo import memo

_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip


# Compiled once: singular and sentences run for every word and paragraph of an ingest.
_ES_PLURAL = re.compile(r"(ches|shes|sses|xes)$")
_NOT_PLURAL = re.compile(r"(ss|us|is)$")
_ABBREVIATION_PLURAL = re.compile(r"[bcdfghjklmnpqrtvwxz]{1,3}s")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“(\[])")
_ABBREVIATION_END = re.compile(r"(?:\bNo|\b[A-Z]|\bComr|\bMr|\bDr|\bSt|\bgen|\bt)\.$")
_GROUP_SEPARATORS = re.compile(r"[,\u202f\u00a0\u2009 ]")


@memo(maxsize=131_072)
def singular(word: str) -> str:
    """Naive English singular of the last word: 'machine guns' -> 'machine gun'."""
    head, _, last = word.rpartition(" ")
    w = last
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and _ES_PLURAL.search(w):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not _NOT_PLURAL.search(w):
        w = w[:-1]
    elif _ABBREVIATION_PLURAL.fullmatch(w):
        w = w[:-1]  # an abbreviation's plural: "MGs", "AAs"
    return f"{head} {w}" if head else w


_STEM_SUFFIXES = ("ations", "ation", "ings", "ies", "ing", "ed", "es", "s", "e", "y")


@memo(maxsize=131_072)
def stem(word: str) -> str:
    """A crude stem, enough to meet a word's other forms: concentrate(d), deliver(ed/y/ies)."""
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# Digits, their thousands grouped by commas or by spaces (plain, no-break U+00A0, narrow
# no-break U+202F, thin U+2009) in groups of three: "12 500" is 12500, "1 2 3" is no number.
_WHOLE_NUMBER = re.compile(
    r"((?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:\.\d+)?)"
    r"\s*(thousand|million|billion)?"
)


def parse_number(text: str) -> float | None:
    """Read '140,000', '12 500' (any space between groups), '1.5 million', 'ten' as a number.

    Returns None for anything else, including digits grouped unevenly ('1 2 3', '12 50').
    """
    text = text.strip().lower()
    m = _WHOLE_NUMBER.fullmatch(text)
    if m:
        digits = _GROUP_SEPARATORS.sub("", m.group(1))
        try:
            value = float(digits)
        except ValueError:
            return None
        return value * _SCALE.get(m.group(2) or "", 1)
    if text in WORD_NUMBERS:
        return float(WORD_NUMBERS[text])
    return None


def format_number(value: float) -> str:
    """140000.0 -> '140,000'; 2.5 -> '2.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking 'No. 5' or initials like 'N. V.'."""
    parts = _SENTENCE_BREAK.split(text)
    out: list[str] = []
    for part in parts:
        if out and _ABBREVIATION_END.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return [s.strip() for s in out if s.strip()]


def clip(text: str, limit: int) -> str:
    """Shorten text to limit characters at a word boundary, marking the cut with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)].rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"


# -- text as printed -------------------------------------------------------------------------
# Markdown emphasis and escapes a transcriber may have typed around printed words.
_EMPHASIS_MARKS = re.compile(
    r"(?<!\\)(?:\*\*|__|\*|_(?=\W|$)|(?<=\W)_|^_)|\\(?=[\\`*_{}\[\]()#+\-.!>])"
)


def printed_text(lines: list[str] | tuple[str, ...]) -> str:
    """A document's lines as printed, joined by newlines; '' entries become blank lines.

    lines are a RawDocument's body_lines (knowledge/parse/raw.py): nothing reflowed or moved.
    """
    return "\n".join(lines).strip("\n")


def _collapse(text: str) -> str:
    """Whitespace runs (line ends, no-break spaces) as one space; emphasis marks dropped."""
    return " ".join(_EMPHASIS_MARKS.sub("", text).split())


def in_printed(quote: str, printed: str) -> bool:
    """Whether quote is a verbatim stretch of printed, whitespace and Markdown emphasis aside.

    Both sides have whitespace runs collapsed to one space and *, **, _ and __ emphasis
    marks removed; an empty quote is not in anything.
    """
    wanted = _collapse(quote)
    return bool(wanted) and wanted in _collapse(printed)


# Letters that NFKD does not split into a base letter and a mark.
_UNSPLIT = str.maketrans({"ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ß": "ss",
                          "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"})  # fmt: skip


def fold(text: str) -> str:
    """text with diacritics folded for matching: 'Máo Zédōng' -> 'Mao Zedong', 'Łódź' -> 'Lodz'.

    Letters of other scripts (Cyrillic, Chinese) are kept as they are; case is kept.
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNSPLIT))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
