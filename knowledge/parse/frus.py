"""Read the conventions of Foreign Relations of the United States (FRUS) documents.

FRUS prints each document the same way, in the TEI volumes, on history.state.gov and in
text copied from there:

    795.00/7–2051: Telegram                                   file number: kind
    The Ambassador in Korea (Muccio) to the Secretary of State    heading: office (name) to ...
    secret / niact                                            classification, precedence
    Tokyo, August 3, 1950—6 p.m.                              dateline
    [Received August 3—9:14 a.m.]                             received stamp
    65. PriMin this morning ...                               telegram number, then the text
    Sent Dept 65, rptd info Tokyo 28.                         routing
    Muccio                                                    signature
    1. The Department of State made ...                       editors' footnotes

Footnote marks are superscripts that copied text glues onto the word or number before them
("Minister1", "Deptel 4172" for Deptel 417 and note 2); "[Page 212]" marks a printed page break.
This module fills FrusParts (parse/raw.py: what both readers find) from the text forms
(Markdown bodies and saved or copied history.state.gov pages); frus_tei.py reads TEI.
"""

from __future__ import annotations

import re

from knowledge.dates import MONTHS, parse_date
from knowledge.parse.raw import FrusParts
from knowledge.records import DateValue

SITE = "https://history.state.gov/historicaldocuments"

CLASSIFICATIONS = (
    "top secret",
    "secret",
    "confidential",
    "restricted",
    "unclassified",
    "limited official use",
    "official use only",
    "eyes only",
)
PRECEDENCES = (
    "operational immediate",
    "us urgent",
    "niact",
    "priority",
    "immediate",
    "urgent",
    "flash",
    "emergency",
    "routine",
)
_MARKING = re.compile(
    r"\b(" + "|".join(sorted(CLASSIFICATIONS + PRECEDENCES, key=len, reverse=True)) + r")\b", re.I
)
_KINDS = (
    r"(?:Circular\s+)?(?:Telegram|Airgram|Despatch|Dispatch|Letter|Memorandum|Note|Instruction|"
    r"Message|Cablegram|Radiogram|Aide-m[ée]moire|Telephone message|Telegraphic message)"
)
# "795.00/7–2051: Telegram", "Lot 55D128: Black Book, Tab 74: Telegram", "File No. 763.72/10189a"
_FILE_LINE = re.compile(rf"^(?:File No\.\s*)?(?P<num>.{{2,120}}?)(?::\s*(?P<kind>{_KINDS}))?\.?$")
# 795.00/7–2051, 611.95A/2–351, 793B.02/1–2551, 740.00119 Control (Korea)/4–1249, 895.20 Mission/4–1249, 550.E1/230
_DECIMAL_FILE = re.compile(r"^\d{3}[A-Z]?(?:\.\w+)?(?:\s+[\w()]+){0,3}/[\w–—\-]+$")
_LOT = re.compile(r"\blot\s*\d", re.I)
_DOC_NUMBER_LINE = re.compile(r"^No\.\s*(?P<n>\d+)$")
# "371. Telegram 1219 to Geneva" (the numbered headings of newer volumes)
_NUMBERED_HEADING = re.compile(rf"^(?P<n>\d{{1,4}})\.\s+(?P<h>(?:{_KINDS}|The)\b.+)$")
_MONTH = (
    r"(?:" + "|".join(sorted((m for m in MONTHS if len(m) > 2), key=len, reverse=True)) + r")\.?"
)
_DATELINE = re.compile(
    rf"^(?P<place>\[?[A-Z][\w.’'\- ]{{1,40}}?,?\]?)\s*,?\s+(?P<date>\[?{_MONTH}\s+\d{{1,2}}\]?,\s*\[?\d{{4}}\]?.*)$",
    re.I,
)
_DATE_ONLY = re.compile(rf"^\[?(?P<date>{_MONTH}\s+\d{{1,2}},\s*\d{{4}}.*)$", re.I)
_RECEIVED = re.compile(r"^\[\s*Received\b(?P<rest>[^\]]*)\]?\.?$", re.I)
_PAGE = re.compile(r"\s*\[Page\s+(?P<n>[\dxivlc]+)\]\s*", re.I)
_TIME = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>[ap])\.?\s*m\b\.?|(?P<word>noon|midnight)", re.I
)
# "65.", "A–68.", "JCS 900075.", "HNC–105.", "Niact 815." at the start of the text (or alone)
_OPENING_NUMBER = re.compile(
    r"^(?P<n>(?:(?:Niact|Priority|Circ(?:ular)?)\s+)?(?:[A-Z]{1,5}(?:\s|–|-)?)?\d[\d/–\-]*[A-Za-z]?)\.(?:\s+(?=\S)|\s*$)"
)
_ROUTING = re.compile(
    r"^(?:(?:Department|Dept)\s+pass\b[^;.]*[;.]\s*)?(?:sent|repeated|rptd|passed|pouched)\b", re.I
)
_SIGNATURE = re.compile(r"^[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}$")
_FOOTNOTE_LINE = re.compile(r"^(?P<n>\d{1,2})\.\s+(?P<text>\S.*)$")
_LABEL_LINE = re.compile(r"^(?:\d{1,2}|[A-Za-z]|[ivx]{1,4})\.$")
_BULLET = re.compile(r"^[-*+]\s+")
_HEADING_KIND = re.compile(
    r"^(?:(?:Draft\s+)?(?:Memorandum|Letter|Telegram|Despatch|Airgram|Note|Message|Report|"
    r"Circular telegram|Circular airgram|Aide-m[ée]moire|Minutes|Record)\s+"
    r"(?:of\s+Conversation\s+)?(?:by|from)\s+)",
    re.I,
)


# -- pieces shared by both readers ----------------------------------------------------------


def split_party(text: str) -> tuple[str, str]:
    """'The Ambassador in Korea (Muccio)' -> ('Muccio', 'Ambassador in Korea').

    The bracket holds the person's name (not a pseudonym as in 'Filippov [Stalin]'); without
    one the office is the party's name: 'the Secretary of State' -> ('Secretary of State', ...).
    """
    text = " ".join(text.split()).strip(" ,.;:")
    m = re.match(r"^(?P<office>.*?)\s*\(\s*(?P<name>[^()]+?)\s*\)\s*(?P<rest>.*)$", text)
    name = ""
    if m:
        name = m.group("name")
        text = f"{m.group('office')} {m.group('rest')}".strip()
    office = re.sub(r"^(?:the|an?)\s+", "", text, flags=re.I).strip(" ,")
    office = office[:1].upper() + office[1:]
    return (name or office), office


def split_heading(heading: str) -> dict[str, str]:
    """Sender and recipient (name and office apart) as a FRUS heading prints them.

    'The Ambassador in Korea (Muccio) to the Secretary of State' gives sender 'Muccio',
    sender_office 'Ambassador in Korea', recipient and recipient_office 'Secretary of State'.
    'Memorandum by the Director ... (Butterworth) to the Secretary of State' works the same way;
    a heading without parties ('Memorandum of Conversation') gives {}.
    """
    text = " ".join(heading.split())
    text = _HEADING_KIND.sub("", text)
    # The first " to " after a closing bracket splits best ("The Ambassador to India (X) to Y").
    m = re.search(r"\)\s+to\s+", text) or _top_level_to(text)
    if not m:
        if text != " ".join(heading.split()) and text:  # "Memorandum by X" names only its author
            name, office = split_party(text)
            return {"sender": name, "sender_office": office}
        return {}
    left = text[: m.start() + (1 if text[m.start()] == ")" else 0)]
    right = text[m.end() :]
    out: dict[str, str] = {}
    if re.match(r"^(?:The|the|[A-Z])", left):
        out["sender"], out["sender_office"] = split_party(left)
    out["recipient"], out["recipient_office"] = split_party(right)
    if not out.get("sender"):
        out.pop("sender", None)
        out.pop("sender_office", None)
    return out


def _top_level_to(text: str) -> re.Match[str] | None:
    depth = 0
    for m in re.finditer(r"[()]|\s+to\s+", text):
        if m.group(0) == "(":
            depth += 1
        elif m.group(0) == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            return m
    return None


def read_markings(text: str) -> tuple[list[str], list[str]]:
    """(classifications, precedences) on a marking line ('top secret', 'secret priority', 'niact')."""
    classes, precs = [], []
    for m in _MARKING.finditer(text):
        word = m.group(1).lower()
        (classes if word in CLASSIFICATIONS else precs).append(word)
    return classes, precs


def is_marking_line(line: str) -> bool:
    """True for a line that holds only classification and precedence words."""
    rest = _MARKING.sub("", line)
    return bool(_MARKING.search(line)) and not re.sub(r"[\s,.;:/\-–]+", "", rest)


def file_line(line: str) -> tuple[str, str] | None:
    """(file number, kind) of a FRUS file line, or None: '611.95A/2–351: Telegram'."""
    line = " ".join(line.split())
    m = _FILE_LINE.match(line)
    if not m:
        return None
    num = m.group("num").strip()
    if not (_DECIMAL_FILE.search(num) or _LOT.search(num) or line.startswith("File No.")):
        return None
    if len(num.split()) > 10 or re.search(r"\b(?:the|and|of)\b\s+\w+\s+\w+\s+\w+", num):
        return None  # a sentence with a slash in it, not a file number
    return num, (m.group("kind") or "").strip()


def clock(text: str) -> str | None:
    """'10 a. m.' -> '10:00', '5:17 p.m.' -> '17:17', 'noon' -> '12:00'; None when there is none."""
    m = _TIME.search(text)
    if not m:
        return None
    if m.group("word"):
        return "12:00" if m.group("word").lower() == "noon" else "00:00"
    h = int(m.group("h")) % 12 + (12 if m.group("ap").lower() == "p" else 0)
    if h > 23:
        return None
    return f"{h:02d}:{m.group('m') or '00'}"


def dateline_date(text: str, year: int | None = None) -> DateValue | None:
    """The date (and time) a dateline or received stamp prints: 'April 12, 1949—10 a. m.'."""
    clean = text.replace("[", "").replace("]", "")
    pieces = re.split(r"—|--|\s–\s", clean, maxsplit=1)
    day = pieces[0]
    time_text = pieces[1] if len(pieces) > 1 else ""
    value = parse_date(day.strip(" .,"), year=year)
    if value is None:
        return None
    time = clock(time_text) if time_text else None
    text = " ".join(text.split())
    if time:
        return DateValue(text, value.start, value.end, "minute", time, value.qualifier)
    return DateValue(text, value.start, value.end, value.precision, None, value.qualifier)


def file_number_date(number: str) -> DateValue | None:
    """The date a decimal file number carries: '795.00/7–2051' is July 20, 1951 (day precision)."""
    m = re.search(r"/(\d{1,2})[–—\-](\d{1,2})(\d{2})\b", number)
    if not m:
        return None
    month, day, yy = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return parse_date(f"{day} {_month_name(month)} 19{yy:02d}")


def _month_name(n: int) -> str:
    import calendar

    return calendar.month_name[n]


def opening_number(paragraph: str, next_paragraph: str = "") -> tuple[str, str]:
    """(telegram number, the paragraph without it): '65. PriMin this ...' -> ('65', 'PriMin ...').

    A lone '1.' opening a text whose next paragraph starts '2.' is a numbered point, not a number.
    """
    m = _OPENING_NUMBER.match(paragraph)
    if not m:
        return "", paragraph
    number = m.group("n")
    if re.fullmatch(r"\d", number) and re.match(rf"^{int(number) + 1}\.\s", next_paragraph):
        return "", paragraph
    return number, paragraph[m.end() :]


def is_routing(paragraph: str) -> bool:
    """'Sent Dept 65, rptd info Tokyo 28.' and 'Department pass London; sent Department 1590 ...'."""
    return (
        len(paragraph) < 300
        and bool(_ROUTING.match(paragraph))
        and bool(re.search(r"\d|unnumbered", paragraph, re.I))
        and bool(re.search(r"\b(?:repeated|rptd|sent|passed|pouched)\b", paragraph, re.I))
    )


def volume_parts(url: str = "", source: str = "") -> tuple[str, str, str]:
    """(volume title, volume id, document number) from a history.state.gov url or FRUS source line.

    'https://history.state.gov/historicaldocuments/frus1951v07p1/d457' gives ('', 'frus1951v07p1',
    '457'); 'Foreign Relations ..., Volume VII, Part 1, Document 457; file ...' gives the title.
    """
    volume = doc = vid = ""
    m = re.search(r"/historicaldocuments/(?P<v>frus[\w\-]+)/d(?P<d>\d+)", url)
    if m:
        vid, doc = m.group("v"), m.group("d")
    m = re.match(
        r"^(?P<vol>Foreign Relations of the United States.*?),\s*Document\s+(?P<d>\d+)", source
    )
    if m:
        volume, doc = m.group("vol").strip(), doc or m.group("d")
    return volume, vid, doc


def short_citation(volume: str, doc: str, pages: tuple[str, ...]) -> str:
    """'FRUS, 1949, vol. VII, pt. 2, doc. 216, p. 986' from a volume title, number and pages."""
    m = re.search(
        r"United States,\s*(?P<year>[\d–\-]+)(?:.*?Volume\s+(?P<vol>[IVXLC]+))?(?:,\s*Part\s+(?P<part>\w+))?",
        volume,
    )
    bits = ["FRUS"]
    if m:
        bits.append(m.group("year"))
        if m.group("vol"):
            bits.append(f"vol. {m.group('vol')}")
        if m.group("part"):
            bits.append(f"pt. {_part_number(m.group('part'))}")
    elif volume:
        bits.append(volume)
    if doc:
        bits.append(f"doc. {doc}")
    if pages:
        bits.append(f"p. {pages[0]}" if len(pages) == 1 else f"pp. {pages[0]}–{pages[-1]}")
    return ", ".join(bits)


def _part_number(part: str) -> str:
    roman = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}
    return roman.get(part.upper(), part)


# -- footnote marks glued onto words and numbers ----------------------------------------------

_REF_WORD = (
    r"(?:Deptels?|Embtels?|Urtels?|Reurtel|ReDeptel|mytels?|remytel|reftels?|tels?|telegrams?|"
    r"your|our|my|ur|No\.|Nos\.|CX|ZX|C|HNC|DA|JCS|WAR|Warx|Gadel|Depcirtel|Circtel|Niact|Reur|Re)"
)


def strip_marks(
    texts: list[str], count: int, *, start: int = 1
) -> tuple[list[str], list[tuple[int, int, int]]]:
    """Remove footnote marks 1..count (in order) from texts; return new texts and where they were.

    A mark is a number glued after a word or punctuation ('Minister1', 'Clark)1', '62465.2') or,
    for a note that exists, the last digit of a reference number ('Deptel 4172' is Deptel 417 and
    note 2, 'ZX 364561' is ZX 36456 and note 1). Marks are looked for in order, each after the one
    before, so an ordinary number earlier in the text is not taken for one. Marks beyond count
    (notes cut off a copy) are taken only when glued to a word. Returns (texts, [(note, text
    index, offset)]).
    """
    texts = list(texts)
    found: list[tuple[int, int, int]] = []
    pos_text, pos = 0, 0
    n = start
    while n <= count + 12:
        hit = _next_mark(texts, n, pos_text, pos, glued_numbers=n <= count)
        if hit is None:
            if n <= count:
                n += 1  # this note's mark is lost (cut or printed elsewhere): try the next
                continue
            break
        ti, a, b = hit
        texts[ti] = texts[ti][:a] + texts[ti][b:]
        found.append((n, ti, a))
        pos_text, pos = ti, a
        n += 1
    return texts, found


def _next_mark(texts, n, ti0, pos0, *, glued_numbers: bool):
    """Where note n's mark is, at or after (ti0, pos0): (text index, start, end) or None.

    A mark glued to a word or punctuation ('confidence.1') is taken over the last digit of a
    reference number ('Urtel 641') when it comes before the next note's mark: a copied page
    glues each mark once, so a reference number's own last digit is a mark only when no
    clearer place holds it. A digit followed by the mark itself ('JCS 90083.3') is no mark.
    """
    word = _word_mark(texts, n, ti0, pos0)
    if not glued_numbers:
        return word
    number = _number_mark(texts, n, ti0, pos0)
    if number is None:
        return word
    if word is None or word[:2] < number[:2]:
        return word or number
    following = _word_mark(texts, n + 1, ti0, pos0)
    if following is None or word[:2] < following[:2]:
        return word
    return number


def _word_mark(texts, n, ti0, pos0):
    word_mark = re.compile(rf"(?<=[A-Za-z)\].,;:’'”\"…])({n})(?!\d)(?![.,]\d)")
    for ti in range(ti0, len(texts)):
        text = texts[ti]
        for m in word_mark.finditer(text, pos0 if ti == ti0 else 0):
            if not _ordinal_or_unit(text, m):
                return ti, m.start(1), m.end(1)
    return None


def _number_mark(texts, n, ti0, pos0):
    number_mark = re.compile(
        rf"\b{_REF_WORD}\s*(?:[A-Z]{{1,3}}\s+)?\d{{2,}}?({n})(?!\d)(?![.,;:)]?{n}(?!\d))", re.I
    )
    for ti in range(ti0, len(texts)):
        text = texts[ti]
        for m in number_mark.finditer(text, pos0 if ti == ti0 else 0):
            digits = re.search(r"\d+$", text[: m.end(1)]).group(0)
            if len(digits) - len(str(n)) >= 2:
                return ti, m.start(1), m.end(1)
    return None


def _ordinal_or_unit(text: str, m: re.Match[str]) -> bool:
    """Digits glued to a word that are part of it: 'B29', 'F–l', 'NSC 8/2', '2nd', 'mytel 34'."""
    before = text[: m.start(1)]
    if re.search(r"(?:\b[A-Z]{1,4}|[A-Z]-|\d[A-Za-z]?)$", before) and not re.search(
        r"[a-z]{3,}$", before
    ):
        return True  # B29, MIG15, 1a... but not 'Minister1'
    after = text[m.end(1) : m.end(1) + 2]
    return bool(re.match(r"(?:st|nd|rd|th)\b", after))


# -- the text form (Markdown bodies, copied or saved history.state.gov pages) -----------------


def looks_like_frus_text(
    lines: list[str] | tuple[str, ...], title: str = "", url: str = ""
) -> bool:
    """A FRUS file-number line near the top, or a history.state.gov url with a FRUS heading.

    A heading alone is not enough: Wilson Center titles ("Telegram from Kim Il Sung to Stalin
    (via Shtykov)") read the same way and keep their own reader.
    """
    top = [_BULLET.sub("", x) for x in lines if x][:3]
    if any(file_line(x) for x in top[:2]):
        return True
    if "history.state.gov" not in url:
        return False
    return any(
        split_heading(x.rstrip("0123456789")) and re.match(r"^(?:The|Memorandum|Letter)\b", x)
        for x in top
    )


def read_frus_text(
    lines: list[str] | tuple[str, ...], *, title: str = "", source: str = "", url: str = ""
) -> tuple[FrusParts, list[str]]:
    """Read a FRUS document's text lines into FrusParts and its own body lines.

    lines as the Markdown or HTML reader gives them ('' between paragraphs). The body lines
    hold the document's words only: no file line, heading, markings, dateline, signature,
    footnotes, footnote marks or page markers; '' still marks paragraph breaks.
    """
    lines = _bulleted_notes(list(lines))
    lines = [_BULLET.sub("", x) for x in lines]
    lines, pages = _take_pages(lines)
    parts: dict = {}
    i = _read_head(lines, parts, title)
    body = lines[i:]
    body, footnotes = _take_footnotes(body, parts.get("heading", ""))
    body = _join_labels(body)
    # Marks: first in the heading (a note on the heading is note 1), then the text.
    heading = parts.get("heading", "")
    texts, _ = strip_marks([heading, *body], len(footnotes))
    heading, body = texts[0], texts[1:]
    if heading:
        parts["heading"] = heading
    parts.update(split_heading(heading or title))
    body, signature, closing = _take_signature(body)
    paragraphs = [p for p in body if p]
    routing = tuple(p for p in paragraphs[-3:] if is_routing(p))
    number = ""
    if paragraphs and parts.get("file_kind", "Telegram") in ("Telegram", "Airgram", ""):
        first = paragraphs[0]
        later = paragraphs[1] if len(paragraphs) > 1 else ""
        number, rest = opening_number(first, later)
        if number:
            k = body.index(first)
            body[k] = rest
    volume, vid, doc = volume_parts(url, source)
    date = parts.pop("date", None)
    doc_number = parts.pop("doc_number", "") or doc
    printed = _printed_lines(parts, lines[:i], body, signature, closing, footnotes, number)
    frus = FrusParts(
        **parts,
        date=date,
        telegram_number=number,
        routing=routing,
        signature=signature,
        closing=tuple(closing),
        footnotes=tuple(footnotes),
        pages=pages,
        volume=volume,
        volume_id=vid,
        citation="" if source else vid_citation(vid, doc_number, pages),
        doc_number=doc_number,
        doc_id=f"d{doc}" if doc else "",
        url=url,
        printed=printed,
    )
    return frus, _tidy(body)


def _bulleted_notes(lines: list[str]) -> list[str]:
    """A closing run of '- ' lines after unbulleted text is the site's footnote list (its '↩'
    links lost when a copy was cut): mark them with '↩' so _take_footnotes reads them."""
    end = len(lines)
    while end and not lines[end - 1]:
        end -= 1
    k = end
    while k and _BULLET.match(lines[k - 1]):
        k -= 1
    if any(x.endswith("↩") for x in lines[k:end]):
        return lines
    if k == end or not k or any(_BULLET.match(x) for x in lines[:k]):
        return lines
    return lines[:k] + [x if x.endswith("↩") else f"{x}↩" for x in lines[k:end]]


def _take_pages(lines: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """Drop '[Page N]' markers; the pages are the one before the first marker and each marker's."""
    pages: list[str] = []
    out: list[str] = []
    for line in lines:
        found = [m.group("n") for m in _PAGE.finditer(line)]
        if found:
            if not pages and found[0].isdigit() and int(found[0]) > 1:
                pages.append(str(int(found[0]) - 1))
            pages += found
            line = _PAGE.sub(" ", line).strip()
            line = " ".join(line.split())
            if not line:
                continue
        out.append(line)
    return out, tuple(dict.fromkeys(pages))


def _read_head(lines: list[str], parts: dict, title: str) -> int:
    """Read file line, heading, markings, dateline and received stamp; return where the text starts."""
    t = " ".join(title.split())
    classes: list[str] = []
    precs: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if "file_number" not in parts and "heading" not in parts and (f := file_line(line)):
            parts["file_number"], parts["file_kind"] = f
        elif m := _DOC_NUMBER_LINE.match(line):
            parts["doc_number"] = m.group("n")
        elif "heading" not in parts and (m := _NUMBERED_HEADING.match(line)) and not classes:
            parts["doc_number"] = m.group("n")
            parts["heading"] = m.group("h")
        elif "heading" not in parts and (
            (t and line.rstrip("0123456789") == t)
            or (
                split_heading(line.rstrip("0123456789"))
                and re.match(r"^(?:The|Memorandum|Letter|Draft|Telegram)\b", line)
            )
        ):
            parts["heading"] = line
        elif is_marking_line(line) and len(line) < 60:
            c, p = read_markings(line)
            classes += [x for x in c if x not in classes]
            precs += [x for x in p if x not in precs]
        elif "dateline" not in parts and (m := _DATELINE.match(line)) and len(line) < 80:
            value = dateline_date(m.group("date"))
            if value is None:
                break
            parts["dateline"] = line
            parts["place"] = m.group("place").strip("[], ")
            parts["date"] = value
        elif "dateline" not in parts and (m := _DATE_ONLY.match(line)) and len(line) < 60:
            value = dateline_date(m.group("date"))
            if value is None:
                break
            parts["dateline"] = line
            parts["date"] = value
        elif m := _RECEIVED.match(line):
            parts["received"] = " ".join(m.group("rest").split())
        else:
            break
        i += 1
    if classes:
        parts["classification"] = ", ".join(classes)
    if precs:
        parts["precedence"] = ", ".join(precs)
    return i


def _take_footnotes(body: list[str], heading: str = "") -> tuple[list[str], list[str]]:
    """Footnotes from the end of the text: '1. text' lines numbered from 1, or '… text↩' lines."""
    arrows = [k for k, x in enumerate(body) if x.endswith("↩")]
    if arrows:
        notes = [body[k].rstrip("↩ ").strip() for k in arrows]
        rest = [x for k, x in enumerate(body) if k not in set(arrows)]
        return _trim(rest), notes
    j = len(body)
    while j > 0 and body[j - 1] == "":
        j -= 1
    # The notes are the last run of lines from a "1." line whose numbered lines go 1, 2, 3...;
    # lines between them carry on the note before (a quoted reply over several paragraphs).
    for first in reversed([q for q in range(j) if _note_number(body[q]) == 1]):
        numbers = [n for q in range(first, j) if (n := _note_number(body[q]))]
        if numbers != list(range(1, len(numbers) + 1)):
            continue
        before = body[:first]
        text = " ".join([heading, *before])
        marked = sum(_has_mark(text, n) for n in numbers)
        if not (_has_signature_before(before) or marked >= max(1, len(numbers) // 2)):
            continue
        notes: list[str] = []
        for q in range(first, j):
            line = body[q]
            if m := _FOOTNOTE_LINE.match(line):
                notes.append(m.group("text"))
            elif line:
                notes[-1] = f"{notes[-1]}\n{line}"
        return _trim(before), notes
    return body, []


def _note_number(line: str) -> int | None:
    m = _FOOTNOTE_LINE.match(line)
    return int(m.group("n")) if m else None


def _has_mark(text: str, n: int) -> bool:
    return bool(re.search(rf"(?<=[A-Za-z)\].,;:’'”\"]){n}(?!\d)|\d{{2,}}{n}\b", text))


def _has_signature_before(before: list[str]) -> bool:
    rest = [x for x in before if x]
    return bool(rest) and _is_signature(rest[-1])


def _is_signature(line: str) -> bool:
    return (
        len(line) <= 40
        and bool(_SIGNATURE.match(line))
        and not line.endswith(":")
        and not is_marking_line(line)
        and not re.match(r"^(?:Sent|Repeated|Rptd)\b", line)
    )


def _trim(lines: list[str]) -> list[str]:
    while lines and lines[-1] == "":
        lines = lines[:-1]
    return lines


def _join_labels(body: list[str]) -> list[str]:
    """'1.' or 'A.' alone on a line (a list label) joins the line after it: '1. In view of ...'."""
    out: list[str] = []
    k = 0
    while k < len(body):
        line = body[k]
        if _LABEL_LINE.match(line) and k + 1 < len(body) and body[k + 1]:
            if out and out[-1] != "":
                out.append("")
            out.append(f"{line} {body[k + 1]}")
            out.append("")
            k += 2
            continue
        out.append(line)
        k += 1
    return _tidy(out)


def _take_signature(body: list[str]) -> tuple[list[str], str, list[str]]:
    rest = _trim(list(body))
    if rest and _is_signature(rest[-1]) and len([x for x in rest if x]) > 1:
        signature = rest[-1]
        rest = _trim(rest[:-1])
        closing: list[str] = []
        if rest and re.match(
            r"^(?:Sincerely|Faithfully|Respectfully|Very truly)\b.{0,20}$", rest[-1]
        ):
            closing.append(rest[-1])
            rest = _trim(rest[:-1])
        return rest, signature, closing
    return rest, "", []


def _tidy(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1] != ""):
            out.append(line)
    return _trim(out)


def _printed_lines(parts, head, body, signature, closing, footnotes, number) -> str:
    """The document as printed: head lines, text (number restored), signature, footnotes."""
    head_lines = [x for x in head if x]
    heading = parts.get("heading")
    if heading:
        head_lines = [heading if x.rstrip("0123456789") == heading else x for x in head_lines]
    text = _tidy(body)
    if number and text:
        text[0] = f"{number}. {text[0]}"
    return printed_blocks(head_lines, text, [*closing, signature], footnotes)


def printed_blocks(
    head: list[str], text: list[str], tail: list[str], footnotes: list[str] | tuple[str, ...]
) -> str:
    """Head lines as one block, each paragraph a block, closing lines, then numbered footnotes."""
    blocks = ["\n".join(x for x in head if x)]
    blocks += [x for x in text if x]
    blocks.append("\n".join(x for x in tail if x))
    blocks.append("\n".join(f"{k}. {note}" for k, note in enumerate(footnotes, 1)))
    return "\n\n".join(b for b in blocks if b)


def frus_extra(parts: FrusParts) -> tuple[tuple[str, str], ...]:
    """Fields with no Cable slot of their own, kept as (key, value) pairs."""
    pairs = [("dateline", parts.dateline), ("received stamp", parts.received), *parts.extra]
    return tuple((k, v) for k, v in pairs if v)


def frus_text_document(text: str, *, name: str = ""):
    """A FRUS document copied from history.state.gov as plain text, as a RawDocument, or None.

    The copy opens with the file-number line ("795.00/7–1250: Telegram") or the document's
    numbered heading; the heading becomes the title.
    """
    from knowledge.parse.html_text import tidy_lines
    from knowledge.parse.raw import RawDocument

    lines = tidy_lines(text.replace("\r\n", "\n").split("\n"))
    if not looks_like_frus_text(lines):
        return None
    parts: dict = {}
    _read_head([_BULLET.sub("", x) for x in lines], parts, "")
    heading = " ".join(parts.get("heading", "").split()).rstrip("0123456789")
    title = heading or parts.get("file_number", "")
    return RawDocument(title=title, body_lines=tuple(lines), file=name)


_PAGE_URL = re.compile(
    r"https?://(?:www\.)?history\.state\.gov\.?/historicaldocuments/frus[\w\-]+/d\d+"
)
_FURNITURE = re.compile(
    r"^(?:Print|Cite|Cite this page|Next|Previous|Back to top|Share|Office of the Historian|"
    r"Bureau of Public Affairs|United States Department of State|Contact Us|Search|Home)$",
    re.I,
)


def looks_like_frus_page(html: str) -> bool:
    """A page saved from history.state.gov/historicaldocuments (one FRUS document)."""
    return bool(_PAGE_URL.search(html[:500_000]))


def parse_frus_page(html: str, *, file: str = ""):
    """A saved history.state.gov document page as a RawDocument (None when no FRUS text is found).

    The page's text is read as lines (html_text.html_lines); the document runs from its
    file-number line or heading to the last footnote, page furniture around it dropped.
    The url is the page's canonical one (its volume id and document number).
    """
    from bs4 import BeautifulSoup

    from knowledge.parse.html_text import html_lines
    from knowledge.parse.raw import RawDocument

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "form"]):
        tag.decompose()
    canonical = soup.find("link", rel="canonical") or soup.find("meta", property="og:url")
    url = (canonical.get("href") or canonical.get("content") or "") if canonical else ""
    if not _PAGE_URL.match(url):
        m = _PAGE_URL.search(html)
        url = m.group(0) if m else ""
    url = re.sub(r"^https?://(?:www\.)?history\.state\.gov\.?", "https://history.state.gov", url)
    body = soup.body or soup
    lines = [x for x in html_lines(str(body)) if not _FURNITURE.match(x)]
    start = next(
        (k for k, x in enumerate(lines) if file_line(x) or _NUMBERED_HEADING.match(x)), None
    )
    if start is None:
        return None
    lines = lines[start:]
    parts: dict = {}
    _read_head(lines, parts, "")
    heading = " ".join(parts.get("heading", "").split()).rstrip("0123456789")
    if not heading:
        return None
    return RawDocument(title=heading, body_lines=tuple(lines), url=url, file=file)


def vid_citation(vid: str, doc: str, pages: tuple[str, ...]) -> str:
    """'FRUS, 1951, vol. VII, pt. 1, doc. 457' from a volume id ('frus1951v07p1') and number."""
    m = re.match(r"^frus(?P<y>\d{4}(?:-\d{2,4})?)(?:v(?P<v>\d+))?(?:p(?P<p>\d+))?", vid)
    if not m:
        return ""
    roman = _roman(int(m.group("v"))) if m.group("v") else ""
    title = f"Foreign Relations of the United States, {m.group('y').replace('-', '–')}"
    if roman:
        title += f", Volume {roman}"
    if m.group("p"):
        title += f", Part {m.group('p')}"
    return short_citation(title, doc, pages)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out
