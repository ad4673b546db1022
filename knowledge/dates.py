"""Read dates as cables print them, keeping their precision, and render them back."""

from __future__ import annotations

import calendar
import re
from datetime import date

from knowledge.memo import memo
from knowledge.records import DateValue

MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
MONTH_NAMES = {i: calendar.month_name[i] for i in range(1, 13)}
# Roman-numeral months, as Soviet and European stamps print them: "3.XII.50", "17.XI.1950".
ROMAN_MONTHS = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
    "x": 10, "xi": 11, "xii": 12,
}  # fmt: skip
_ROMAN = r"(?:XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I|xii|xi|ix|x|viii|vii|vi|iv|v|iii|ii|i)"
_NUM_MONTH = rf"(?:\d{{1,2}}|{_ROMAN})"  # a month in a numeric date: 11 or XI
_MONTH = r"(?:" + "|".join(sorted((m for m in MONTHS), key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR4 = r"(1[89]\d\d|20\d\d)"

# Order matters: the longest, most specific forms are tried first.
_NUMERIC = rf"\d{{1,2}}\.{_NUM_MONTH}(?:\.\d{{2,4}})?"
_WORDY_DAY = rf"\d{{1,2}}{_ORD}\s+{_MONTH}(?:,?\s+{_YEAR4})?"
PROSE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "from-to-days",
        re.compile(
            rf"\b(?:from|between)\s+(?:the\s+)?(?P<d1>\d{{1,2}}){_ORD}\s+(?:to|till|until|and|through)\s+(?:the\s+)?(?P<d2>\d{{1,2}}){_ORD}\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR4}))?",
            re.I,
        ),
    ),
    (
        "from-to",
        re.compile(
            rf"\b(?:from|between)\s+(?P<a>{_NUMERIC}|{_WORDY_DAY})\s+(?:to|till|until|and|through)\s+(?P<b>{_NUMERIC}|{_WORDY_DAY})",
            re.I,
        ),
    ),
    (
        "qualified",
        re.compile(
            rf"\b(?P<q>before|by|until|not later than|no later than|after)\s+(?:the\s+)?(?P<d>\d{{1,2}}{_ORD}\s*[-–]\s*\d{{1,2}}{_ORD}\s+{_MONTH}(?:,?\s+{_YEAR4})?|{_WORDY_DAY}|{_MONTH}\s+\d{{1,2}}{_ORD}(?:,\s*{_YEAR4})?|{_NUMERIC})",
            re.I,
        ),
    ),
    (
        "day-range",
        re.compile(
            rf"\b(?P<d1>\d{{1,2}}){_ORD}\s*[-–]\s*(?P<d2>\d{{1,2}}){_ORD}\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR4}))?",
            re.I,
        ),
    ),
    (
        "day",
        re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR4}))?", re.I),
    ),
    (
        "day-us",
        re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORD}(?:,\s*(?P<y>{_YEAR4}))?\b", re.I),
    ),
    (
        "month-range",
        re.compile(
            rf"\b(?P<m1>{_MONTH})\s*(?:and|-|–|to|through|or)\s*(?P<m2>{_MONTH})(?:,?\s+(?P<y>{_YEAR4}))?",
            re.I,
        ),
    ),
    (
        "half-year",
        re.compile(rf"\b(?P<h>first|second)\s+half\s+of\s+(?:the\s+year\s+)?(?P<y>{_YEAR4})", re.I),
    ),
    (
        "half-month",
        re.compile(
            rf"\b(?P<h>first|second)\s+half\s+of\s+(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR4}))?", re.I
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:in|of|during|since|until|by)\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR4}))?\b", re.I
        ),
    ),
    ("numeric", re.compile(rf"\b(?P<d>\d{{1,2}})\.(?P<mo>{_NUM_MONTH})\.(?P<y>\d{{4}}|\d{{2}})\b")),
]
_TIME = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?::|\s*hours?\s*)(?P<mi>[0-5]\d)(?:\s*minutes?)?\b", re.I
)


def _year(text: str | None, default: int | None) -> int | None:
    if not text:
        return default
    y = int(text)
    return y + 1900 if y < 100 else y


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _num_month(text: str) -> int:
    """A numeric date's month: '11' or a Roman 'XI' (ValueError for neither)."""
    return int(text) if text.isdigit() else ROMAN_MONTHS[text.lower()]


def _iso(y: int | None, m: int, d: int) -> str | None:
    if y is None:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _last_day(y: int | None, m: int) -> int:
    return calendar.monthrange(y or 1950, m)[1]


# parse_date's forms, compiled once (it runs for every stamp and date field of an ingest).
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}))?.*")
_NUMERIC_DATE = re.compile(
    rf"(\d{{1,2}})\.({_NUM_MONTH})(?:\.(\d{{2,4}}))?(?:,?\s+(\d{{1,2}})[:.](\d{{2}}))?"
)
_MONTH_YEAR = re.compile(rf"(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR4})", re.I)
_YEAR_ALONE = re.compile(_YEAR4)


def parse_date(text: str, *, year: int | None = None) -> DateValue | None:
    """Read one date string ('8 November 1950', '8.11.1950', '17.11 10:00', '1950-11-08').

    year fills in a date printed without one (from the cable's own date).
    """
    text = " ".join(text.split()).strip(" .,;")
    if not text:
        return None
    time = None
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        y, m, d = (int(iso.group(i)) for i in (1, 2, 3))
        return DateValue(
            text, _iso(y, m, d), _iso(y, m, d), "minute" if iso.group(4) else "day", iso.group(4)
        )
    num = _NUMERIC_DATE.fullmatch(text)
    if num:
        d, m = int(num.group(1)), _num_month(num.group(2))
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None
        y = _year(num.group(3), year)
        if y is not None and _iso(y, m, d) is None:
            return None  # 31.02.1950 is no day
        if num.group(4):
            time = f"{int(num.group(4)):02d}:{num.group(5)}"
        return DateValue(text, _iso(y, m, d), _iso(y, m, d), "minute" if time else "day", time)
    month = _MONTH_YEAR.fullmatch(text)
    if month:
        mo, y = _month(month.group("m")), int(month.group("y"))
        return DateValue(text, _iso(y, mo, 1), _iso(y, mo, _last_day(y, mo)), "month")
    found = find_dates(text, year=year)
    if found:
        return found[0][1]
    alone = _YEAR_ALONE.fullmatch(text)
    if alone:
        y = int(alone.group(1))
        return DateValue(text, f"{y}-01-01", f"{y}-12-31", "year")
    return None


_MAYBE_DATE = re.compile(rf"\d|\b{_MONTH}", re.I)  # every date form holds a digit or a month


def find_dates(text: str, *, year: int | None = None) -> list[tuple[tuple[int, int], DateValue]]:
    """Find every date expression in prose, longest forms first, without overlaps.

    Returns [((start, end), DateValue)] in text order. Remembered for the last 32,768
    (text, year) pairs: a paragraph is read for events, items and facts alike.
    """
    return list(_find_dates(text, year))


@memo(maxsize=32_768)
def _find_dates(text: str, year: int | None) -> tuple[tuple[tuple[int, int], DateValue], ...]:
    if not _MAYBE_DATE.search(text):
        return ()
    taken: list[tuple[int, int]] = []
    out: list[tuple[tuple[int, int], DateValue]] = []
    for kind, pattern in PROSE_PATTERNS:
        for m in pattern.finditer(text):
            span = m.span()
            if any(span[0] < b and a < span[1] for a, b in taken):
                continue
            value = _from_match(kind, m, year)
            if value is None:
                continue
            taken.append(span)
            out.append((span, value))
    out.sort(key=lambda x: x[0])
    return tuple(out)


def _from_match(kind: str, m: re.Match[str], year: int | None) -> DateValue | None:
    text = m.group(0).strip().rstrip(".,")
    g = m.groupdict()
    try:
        if kind == "from-to":
            a, b = parse_date(g["a"], year=year), parse_date(g["b"], year=year)
            if not a or not b:
                return None
            return DateValue(text, a.start, b.end, "day-range", None, "from")
        if kind == "qualified":
            inner = parse_date(g["d"], year=year)
            if not inner:
                return None
            q = g["q"].lower()
            q = "before" if q in ("not later than", "no later than") else q
            return DateValue(text, inner.start, inner.end, inner.precision, inner.time, q)
        if kind == "from-to-days":
            mo, y = _month(g["m"]), _year(g["y"], year)
            d1, d2 = int(g["d1"]), int(g["d2"])
            if not (1 <= d1 < d2 <= 31):
                return None
            return DateValue(text, _iso(y, mo, d1), _iso(y, mo, d2), "day-range", None, "from")
        if kind == "day-range":
            mo, y = _month(g["m"]), _year(g["y"], year)
            d1, d2 = int(g["d1"]), int(g["d2"])
            if not (1 <= d1 < d2 <= 31):
                return None
            return DateValue(text, _iso(y, mo, d1), _iso(y, mo, d2), "day-range")
        if kind in ("day", "day-us"):
            mo, y, d = _month(g["m"]), _year(g["y"], year), int(g["d"])
            if not 1 <= d <= 31:
                return None
            return DateValue(text, _iso(y, mo, d), _iso(y, mo, d), "day")
        if kind == "month-range":
            m1, m2, y = _month(g["m1"]), _month(g["m2"]), _year(g["y"], year)
            if m1 == m2:
                return None
            y1 = y - 1 if (y and m1 > m2) else y
            return DateValue(text, _iso(y1, m1, 1), _iso(y, m2, _last_day(y, m2)), "month-range")
        if kind == "half-year":
            y = int(g["y"])
            if g["h"].lower() == "first":
                return DateValue(text, f"{y}-01-01", f"{y}-06-30", "half-year")
            return DateValue(text, f"{y}-07-01", f"{y}-12-31", "half-year")
        if kind == "half-month":
            mo, y = _month(g["m"]), _year(g["y"], year)
            if g["h"].lower() == "first":
                return DateValue(text, _iso(y, mo, 1), _iso(y, mo, 15), "half-month")
            return DateValue(text, _iso(y, mo, 16), _iso(y, mo, _last_day(y, mo)), "half-month")
        if kind == "month":
            text = re.sub(r"(?i)^(?:in|of|during|since|until|by)\s+", "", text)
            mo, y = _month(g["m"]), _year(g["y"], year)
            if g["m"].lower().rstrip(".") == "may" and not g["y"]:
                return None  # "may" is far more often the verb
            return DateValue(text, _iso(y, mo, 1), _iso(y, mo, _last_day(y, mo)), "month")
        if kind == "numeric":
            d, mo, y = int(g["d"]), _num_month(g["mo"]), _year(g["y"], year)
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                return None
            return DateValue(text, _iso(y, mo, d), _iso(y, mo, d), "day")
    except (KeyError, ValueError):
        return None
    return None


def find_time(text: str) -> str | None:
    """Read a time of day: '02 hours 00 minutes', '03:15', '10:00'."""
    m = _TIME.search(text)
    if not m:
        return None
    return f"{int(m.group('h')):02d}:{m.group('mi')}"


def with_time(value: DateValue, time: str | None, text: str | None = None) -> DateValue:
    """Return value with a time of day (precision minute) and optionally new printed text."""
    if not time:
        return value
    return DateValue(text or value.text, value.start, value.end, "minute", time, value.qualifier)
