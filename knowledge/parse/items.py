"""Find requested and promised quantities in a telegram: numbered lists and prose."""

from __future__ import annotations

import re

from knowledge.dates import find_dates
from knowledge.records import DateValue, RequestedItem
from knowledge.text import parse_number, sentences, singular

# Thousands grouped by commas or by a space, no-break space, narrow no-break space (U+202F) or
# thin space: "140,000", "12 500", "12\u202f500"; one separator kind per number.
_GROUPED = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,])"
_QTY = rf"(?P<q>(?:{_GROUPED})(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<scale>thousand|million|billion))?"
UNITS = {
    "ton": "tons", "tons": "tons", "tonnes": "tons", "tonne": "tons", "t": "tons", "kg": "kg",
    "kilograms": "kg", "pieces": "pieces", "piece": "pieces", "pcs": "pieces", "units": "units",
    "unit": "units", "sets": "sets", "set": "sets", "pairs": "pairs", "pair": "pairs",
    "liters": "liters", "litres": "liters", "barrels": "barrels", "meters": "meters",
    "metres": "meters", "km": "km", "kilometers": "km", "cubic meters": "cubic meters",
    "rubles": "rubles", "roubles": "rubles", "dollars": "dollars", "yuan": "yuan",
    "wagons": "wagons", "carloads": "carloads", "boxes": "boxes", "crates": "crates",
}  # fmt: skip
_UNIT = r"(?P<u>" + "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True)) + r")\.?"
# Numbered list line, name first ("1. Soviet rifles 140,000.") or quantity first ("2. 30 tanks").
_NAME_FIRST = re.compile(
    rf"^\(?(?P<n>\d{{1,2}})[.)]\s+(?P<name>.+?)\s*[-–—:,]?\s+{_QTY}(?:\s+{_UNIT})?\s*[.;,]?$", re.I
)
_QTY_FIRST = re.compile(
    rf"^\(?(?P<n>\d{{1,2}})[.)]\s+{_QTY}(?:\s+{_UNIT}(?:\s+of)?)?\s+(?P<name>[^\d].*?)\s*[.;,]?$",
    re.I,
)
_LIST_UNIT = re.compile(r"quantity in (?P<u>\w+)", re.I)
_PROSE = re.compile(
    rf"(?<![\w.,/-]){_QTY}(?:\s*\([a-z\- ]+\))?\s+(?:{_UNIT}\s+of\s+)?(?P<name>[A-Za-z][\w\-’']*(?:\s+[A-Za-z][\w\-’']*){{0,3}})",
    re.I,
)
_STOP_AFTER = {
    "for", "to", "from", "on", "in", "at", "by", "of", "and", "or", "with", "which", "that", "will",
    "are", "is", "be", "were", "was", "have", "has", "before", "after", "until", "into", "per",
    "each", "as", "the", "a", "an", "must", "should", "can", "could", "would", "numbering", "more",
    "than", "so", "but", "not", "we", "you", "they", "it", "all", "already", "also", "every", "this",
}  # fmt: skip
NOT_ITEMS = {
    "day", "days", "hour", "hours", "minute", "minutes", "week", "weeks", "month", "months",
    "year", "years", "division", "divisions", "army", "armies", "corps", "regiment", "regiments",
    "battalion", "battalions", "man", "men", "people", "person", "persons", "troop", "troops",
    "soldier", "soldiers", "kilometer", "kilometers", "km", "percent", "per", "time", "times",
    "copy", "copies", "page", "pages", "list", "listy", "delo", "fond", "opis", "telegram",
    "telegrams", "degree", "degrees", "meter", "meters", "mile", "miles", "o'clock", "point",
    "points", "case", "cases", "member", "members", "comrade", "comrades", "officer", "officers",
    "prisoner", "prisoners", "casualties", "enemy", "parallel", "echelon", "echelons", "th", "st", "nd", "rd", "november", "december", "january",
}  # fmt: skip
REQUEST_CUES = re.compile(
    r"\b(?:i|we)\s+(?:\w+\s+)?(?:ask|request|beg|need|require|would like|urge)\b|(?<!your )(?<!the )\brequest(?:s|ed)\b|\bplease\b|"
    r"\basked\s+(?:me|us|you|for|to|that)\b|\b(?:his|her|their|our|my)\s+(?:urgent\s+)?request\b|\basks?\s+(?:to|that|for|you)\b|\b(?:requests?|asks?)\s+(?:the\s+)?(?:soviet|delivery|dispatch|supply)\b|"
    r"\b(?:ask|asks|asking)\s+(?:you|for)\b|\b(?:send|give|supply|provide|deliver)\s+(?:to\s+)?us\b|\bwe\s+need\b",
    re.I,
)
PROMISE_CUES = re.compile(
    r"\bwill\s+(?:be\s+)?(?:send|sent|deliver|delivered|transfer|transferred|arrive|ship|shipped|hand|handed|give|given|"
    r"satisfied|provided|supplied|dispatched|allocated|speed)\b|\borders have been given\b|\bwe are sending\b|"
    r"\bhas been decided\b|\bwe agree\b|\bpromised\b|\bshall\b|\bhave decided\b|\bare being sent\b|"
    r"\b(?:are|is|am) ready to (?:deliver|send|supply|ship|provide|give|transfer)\b|\bwe (?:will|can|shall) (?:deliver|send|supply|ship|provide|give|transfer)\b|"
    r"\bwill be (?:handed|shipped|delivered|sent|supplied|given)\b",
    re.I,
)


# Words one of the cues above must contain (lower case): an ASCII sentence without any of
# them cannot match, and a plain substring scan is far cheaper than the case-blind cue scan.
_REQUEST_HINTS = re.compile(
    "ask|request|beg|need|require|would like|urge|please|send|give|supply|provide|deliver"
)
_PROMISE_HINTS = re.compile(
    "will|orders have been given|we are sending|has been decided|we agree|promised|shall|"
    "have decided|are being sent|ready to|we can"
)


# The words (lower case) a match of each cue pattern starts with: in an ASCII text the
# pattern is tried only where one of them begins (as its first word), not at every letter.
_REQUEST_STARTS = frozenset([
    "i", "we", "request", "requests", "requested", "please", "asked", "his", "her", "their",
    "our", "my", "ask", "asks", "asking", "send", "give", "supply", "provide", "deliver",
])  # fmt: skip
_PROMISE_STARTS = frozenset(
    ["will", "orders", "we", "has", "promised", "shall", "have", "are", "is", "am"]
)
_LETTERS = re.compile(r"[a-z]+")


def request_cue(text: str) -> re.Match[str] | None:
    """REQUEST_CUES.search(text), skipped when an ASCII text holds none of its words."""
    return _first_cue(text, REQUEST_CUES, _REQUEST_HINTS, _REQUEST_STARTS)


def promise_cue(text: str) -> re.Match[str] | None:
    """PROMISE_CUES.search(text), skipped when an ASCII text holds none of its words."""
    return _first_cue(text, PROMISE_CUES, _PROMISE_HINTS, _PROMISE_STARTS)


def _first_cue(
    text: str, pattern: re.Pattern[str], hints: re.Pattern[str], starts: frozenset[str]
) -> re.Match[str] | None:
    """pattern.search(text): every match starts a word of starts (after no word character)."""
    if not text.isascii():
        return pattern.search(text)
    low = text.lower()
    if not hints.search(low):
        return None
    for w in _LETTERS.finditer(low):
        if w.group() in starts and (m := pattern.match(text, w.start())):
            return m
    return None


def _qty(m: re.Match[str]) -> float | None:
    """The match's quantity; None for a zero or a split number's tail ("000" of "1 000")."""
    q = m.group("q")
    if q[0] == "0" and q[:2] != "0.":
        return None  # "000", "050": what is left of a number split at a group separator
    text = q + (f" {m.group('scale')}" if m.group("scale") else "")
    value = parse_number(text)
    return value if value else None


_SPACES = re.compile(r"\s+")


def _clean_name(name: str) -> str:
    name = _SPACES.sub(" ", name).strip(" .,;:-–—")
    return name


_NUMBERED = re.compile(r"^\(?\d{1,2}[.)]\s")


def numbered_items(paragraphs: list[str], *, year: int | None = None) -> list[RequestedItem]:
    """Items of a numbered list, with the unit and delivery window its lead-in (or the line after) gives."""
    items: list[RequestedItem] = []
    lead_in, after = "", ""
    for k, para in enumerate(paragraphs):
        if not _NUMBERED.match(para):
            lead_in = para
            continue
        if k == 0 or not _NUMBERED.match(paragraphs[k - 1]):
            # A new list: the paragraph after it often says when ("The first trains will arrive ...").
            rest = [p for p in paragraphs[k:] if not _NUMBERED.match(p)]
            after = rest[0] if rest else ""
        m = _NAME_FIRST.match(para) or _QTY_FIRST.match(para)
        if not m:
            continue
        quantity = _qty(m)
        name = _clean_name(m.group("name"))
        if quantity is None or not name or singular(name.lower()) in NOT_ITEMS:
            continue
        unit = UNITS.get((m.group("u") or "").lower().rstrip("."))
        if not unit and (lu := _LIST_UNIT.search(lead_in)):
            unit = UNITS.get(lu.group("u").lower(), lu.group("u").lower())
        promise = promise_cue(lead_in) and not request_cue(lead_in)
        role = "promised" if promise else "requested"
        window = _window(lead_in, year) or _window(after, year, first=True)
        items.append(RequestedItem(name, quantity, unit, para, int(m.group("n")), role, window))
    return items


def _window(text: str, year: int | None = None, *, first: bool = False) -> DateValue | None:
    found = find_dates(text, year=year)
    return found[0 if first else -1][1] if found else None


def prose_items(
    paragraphs: list[str], *, year: int | None, known: list[RequestedItem]
) -> list[RequestedItem]:
    """Quantities asked for or promised in running text, each with the date it is tied to."""
    out: list[RequestedItem] = []
    seen = {(singular(i.name.lower()), i.quantity) for i in known}
    for para in paragraphs:
        if _NUMBERED.match(para):
            continue
        for sentence in sentences(para):
            request, promise = request_cue(sentence), promise_cue(sentence)
            if not (request or promise):
                continue
            dates = find_dates(sentence, year=year)
            matches = [m for m in _PROSE.finditer(sentence) if not _inside_date(m.span(), dates)]
            for k, m in enumerate(matches):
                name = _noun_phrase(m.group("name"))
                unit_only = name.lower() in UNITS
                if unit_only:
                    # "The rails, 1,500 tons, and ...": the thing is named before its quantity.
                    before = re.search(
                        r"([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*)?)\s*[,:(–-]\s*$",
                        sentence[: m.start()],
                    )
                    name = re.sub(r"(?i)^(?:the|of)\s+", "", before.group(1)) if before else ""
                if (
                    not name
                    and k
                    and re.match(r"(?i)(?:more|others?|additional|further)\b", m.group("name"))
                ):
                    name = _noun_phrase(
                        matches[k - 1].group("name")
                    )  # "90 jet fighters ... and 60 more"
                quantity = _qty(m)
                if not name or quantity is None or _is_year(m.group("q")):
                    continue
                key = (singular(name.lower()), quantity)
                if key in seen or any(
                    singular(w.lower()) in NOT_ITEMS or w.lower() in NOT_ITEMS for w in name.split()
                ):
                    continue
                seen.add(key)
                unit = UNITS.get((m.group("u") or "").lower()) or (
                    UNITS[_noun_phrase(m.group("name")).lower()] if unit_only else None
                )
                role = (
                    "requested"
                    if request
                    and not (
                        promise
                        and promise.start() < m.start()
                        and not _asks_before(sentence, m.start())
                    )
                    else "promised"
                )
                end = m.start("name") + len(m.group("name").split()[0])
                when = _date_for(end, m.start(), matches[k - 1].end() if k else 0, dates, sentence)
                if when is None:
                    following = paragraphs[paragraphs.index(para) + 1 : paragraphs.index(para) + 3]
                    when = _later_date(name, sentence, " ".join([para, *following]), year)
                out.append(RequestedItem(name, quantity, unit, sentence, None, role, when))
    return out


def _asks_before(sentence: str, pos: int) -> bool:
    return bool(request_cue(sentence[:pos]))


def _is_year(q: str) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d", q))


def _inside_date(span: tuple[int, int], dates) -> bool:
    return any(a <= span[0] < b for (a, b), _ in dates)


def _noun_phrase(words: str) -> str:
    """Keep the words naming the thing: '500 automobiles for our army' -> 'automobiles'."""
    kept: list[str] = []
    for w in words.split():
        if w.lower() in _STOP_AFTER:
            break
        kept.append(w)
    return _clean_name(" ".join(kept))


def _date_for(end: int, start: int, prev_end: int, dates, sentence: str = "") -> DateValue | None:
    """The date tied to a quantity: the first after it in the sentence, else a window before it.

    "140 automobiles on 20 November and 355 on 25-26 November" and "120 aircraft and 40
    bombers in the second half of July" both read right this way; "your request of 3 December
    for 400 trucks" dates the request, not the trucks.
    """
    for (a, _b), value in dates:
        if a >= end:
            return value
    before = [
        value
        for (a, _b), value in dates
        if prev_end <= a < start and not re.search(r"\bof\s*$", sentence[max(0, a - 4) : a])
    ]
    return before[-1] if before else None


def _later_date(name: str, sentence: str, paragraph: str, year: int | None) -> DateValue | None:
    """A date in a later sentence of the paragraph that names the same thing ("The trucks will ...")."""
    head = singular(name.split()[-1].lower())
    rest = paragraph[paragraph.find(sentence) + len(sentence) :] if sentence in paragraph else ""
    for later in sentences(rest):
        if head in {singular(w) for w in re.findall(r"[a-z\-]+", later.lower())}:
            found = find_dates(later, year=year)
            spans = [span for span, _ in found]
            if any(
                not _inside_date(q.span(), [(sp, None) for sp in spans])
                for q in _PROSE.finditer(later)
            ):
                continue  # it has quantities of its own ("These 500 automobiles ... 3,000"): not about this one
            if found:
                return found[0][1]
    return None
