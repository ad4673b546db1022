"""Facts read from every sentence of a cable: quantities, dated events, durations and notes.

`read_facts(cable)` runs once at ingest (knowledge/parse/build.py) and the store keeps the
result in `Cable.facts`. Each Fact keeps the sentence it came from (`words`), an exact
substring of the cable's paragraph, so an answer can quote it verbatim:

- kind 'quantity': value is the number as printed ("1,000", "25-35", "two", "2 billion"),
  unit ("tons", "won", "percent", "" for a plain count), thing the counted noun phrase in the
  cable's words ("aviation fuel to URUMCHI", "bomber regiments"), frame the verb frame around
  it (see FRAMES).
- kind 'date': value the ISO day the date starts on (or the date as printed when it cannot
  be read to a day), thing the phrase it dates ("leave Korea for Moscow").
- kind 'duration': value as printed ("ten days", "3-4 weeks"), thing the phrase it measures.
- kind 'translator' / 'note': a translator's comment or credit, or an archival note (stamp,
  handwritten note, "Verified by", "Incoming Nº", "Four copies typed"); value is the note's
  content, thing its label ("translator's comment", "verified by").

Numbers that are dates, times, years, telegram / record / page numbers, list ordinals,
footnote marks or parts of identifiers ("483/sh", "YaK-11") are not quantities.
General reading only: nothing here is keyed on particular documents or questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cache

from text_to_num import text2num

from knowledge.dates import MONTHS, find_dates
from knowledge.memo import memo
from knowledge.records import Cable, DateValue, Fact
from knowledge.text import parse_number, singular, stem


def _list(words: str) -> list[str]:
    return words.split()


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# The verb frames a quantity can stand in, in the order frame_of reports them.
FRAMES = ("requested", "promised", "has", "mobilise", "lost", "sent", "train", "plan", "")

# -- numbers ---------------------------------------------------------------------------------
_ONES = _list(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _list("twenty thirty forty fifty sixty seventy eighty ninety")
_SCALES = ("hundred", "thousand", "million", "billion")
_W1 = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")(?:-(?:"
    + "|".join(_ONES[:9])
    + r"))?|"
    + "|".join(sorted(_ONES, key=len, reverse=True))
    + r")"
)
_WPART = rf"(?:{_W1}|{'|'.join(_SCALES)}|dozen)"
_WORDNUM = (
    rf"(?:{_W1}|a(?=\s+(?:hundred|thousand|million|billion|dozen)\b))"
    rf"(?:(?:\s+|-)(?:and\s+)?{_WPART}(?![\w-]))*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s+(?:thousand|million|billion))"
_ONE_NUM = rf"(?:(?:{_DIGITS}){_SCALE}?|{_WORDNUM})"
_RANGE_SEP = r"\s*[-–—]\s*|\s+(?:to|or)\s+"
_NUMBER = re.compile(
    rf"(?<![\w$])(?P<dollar>\$\s?)?(?P<num>(?:{_DIGITS})(?:(?:{_RANGE_SEP})(?:{_DIGITS}))?{_SCALE}?"
    rf"|{_WORDNUM}(?:(?:{_RANGE_SEP}){_WORDNUM})?)(?![\w])",
    re.I,
)
# -- units -------------------------------------------------------------------------------------
# Measures: the thing they measure follows ("tons of fuel") or precedes ("a loan of 2 billion won").
MEASURES = {
    "ton": "tons", "tons": "tons", "tonnes": "tons", "tonne": "tons", "kg": "kg",
    "kilograms": "kg", "kilogram": "kg", "liters": "liters", "litres": "liters",
    "barrels": "barrels", "meters": "meters", "metres": "meters", "meter": "meters",
    "km": "km", "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km",
    "miles": "miles", "mile": "miles", "cubic meters": "cubic meters", "rubles": "rubles",
    "roubles": "rubles", "dollars": "dollars", "yuan": "yuan", "won": "won", "yen": "yen",
    "pounds": "pounds", "percent": "percent", "per cent": "percent", "%": "percent",
    "hectares": "hectares",
}  # fmt: skip
# Containers: a unit when "of" follows ("20 wagons of flour"), else the counted thing itself.
CONTAINERS = {
    "pieces": "pieces", "piece": "pieces", "units": "units", "unit": "units", "sets": "sets",
    "set": "sets", "pairs": "pairs", "pair": "pairs", "wagons": "wagons", "carloads": "carloads",
    "boxes": "boxes", "crates": "crates", "trainloads": "trainloads", "echelons": "echelons",
}  # fmt: skip
_DURATION_UNITS = r"(?:days?|weeks?|months?|years?|hours?|minutes?|nights?)"

# Words a counted noun phrase stops at.
_STOP = _set("""for to from on in at by of and or with which that who whom whose will are is be were was
    been being have has had before after until into per each as the a an must should can could
    would may might shall do does did not no nor but so than then also already more most this
    these those their our your his her its my we you they it he she i me us them him all every
    any some such other others very only still just even about around approximately nearly
    almost over under up down out off if when where while because since though although via
    along across among between through during within without against toward towards upon
    including besides plus minus here there now yet except""")
_TITLES = _set(
    "cde comrade comrades gen general marshal mr mrs dr col colonel lt capt admiral adm "
    "minister ambassador chairman premier president sgt maj"
)
_PARTICIPLES = _set(
    "shot sent given taken made done brought lost built sunk left put held kept seen written "
    "found caught run begun become gone come said told"
)
_PRONOUN_THINGS = _set("it them which these those this that")
_ONE_SKIP = re.compile(
    r"\s+(?:of|another|or\s+another|by|hand|side|way|day|time|after|and\s+the\s+same|more\s+time)\b",
    re.I,
)
# A number after one of these words names a document, page or place in a list, not a count.
_ID_WORDS = _set("""no nº n° nr number numbers telegram telegrams tel mytel urtel deptel embtel reftel
    cable cables order orders protocol decision document doc file page pages p pp vol volume
    fond opis delo list listy l ll f op d section article point paragraph item items copy
    special incoming outgoing record series resolution part chapter annex room box folder
    dept rptd info telno despatch dispatch memorandum memo note letter
    directive instruction message report spravka shs sh para paras ur urtels reur ourtel
    deptels embtels depcirtel circular gadel""")
_ORDINAL_AT_START = re.compile(r"(?:^|(?<=[.:;!?]\s))\s*\(?\d{1,2}[.)](?=\s)")
_TIME_AFTER = re.compile(
    r"^(?:\s*(?:[:.]\d{2}\b|\s*(?:a\.m|p\.m)\b|\s+hours?\s+\d{1,2}\s+minutes?|\s+h\s+\d{2}\b))",
    re.I,
)
_FOOTNOTE_BEFORE = re.compile(r"[A-Za-z\])”\"’'.,;:!?/]$")
_IDENT_BEFORE = re.compile(r"[A-Za-z][\-/]$|/$|[A-Za-z]\d*[-/]?$")
_IDENT_AFTER = re.compile(r"^(?:/|[-–][A-Za-z]|[A-Za-z])")
_YEAR = re.compile(r"(?:1[89]\d\d|20[0-4]\d)")
_BRACKETED = re.compile(r"\[[^\[\]]*\]")

# -- frames ------------------------------------------------------------------------------------
_FRAME_CUES: tuple[tuple[str, str], ...] = (
    (
        "promised",
        r"\bwill\s+(?:be\s+)?(?:send|sent|deliver|delivered|transfer|transferred|ship|shipped|"
        r"give|given|hand|handed|supply|supplied|provide|provided|dispatch|dispatched|allocate|"
        r"allocated|satisfied|fulfilled|arrive|put\s+at)\b|"
        r"\b(?:we|i|they|he|it)\s+(?:can|could|shall|must)\s+(?:also\s+)?(?:be\s+)?(?:give|send|deliver|supply|"
        r"provide|ship|transfer|allocate|dispatch|offer)\b|"
        r"\b(?:agree[sd]?|agreeing|consent(?:s|ed)?|ready|prepared|decided)\s+to\s+(?:\w+\s+)?(?:send|deliver|"
        r"supply|give|provide|ship|transfer|allocate|dispatch|sell|lend|grant)\b|"
        r"\bpromis(?:e|es|ed|ing)\b|\boffer(?:s|ed)?\b|\bare\s+(?:being\s+)?sending\b|"
        r"\bshall\s+(?:send|deliver|give|supply)\b|\bhas\s+been\s+decided\b|"
        r"\bwill\s+be\s+(?:put|placed|made\s+available)\b",
    ),
    (
        "mobilise",
        r"\b(?:can|could|will\s+be\s+able\s+to|able\s+to)\s+(?:\w+\s+)?(?:mobili[sz]e|raise|muster|"
        r"put\s+up|field|call\s+up)\b|\bmobili[sz](?:e|es|ed|ing|ation)\b",
    ),
    (
        "requested",
        r"\b(?:i|we)\s+(?:\w+\s+)?(?:ask|request|beg|need|require|urge|appeal)\b|\bplease\b|"
        r"\brequest(?:s|ed|ing)?\b|\bask(?:s|ed|ing)?\s+(?:you\s+|us\s+|me\s+|him\s+|them\s+)?"
        r"(?:for|to|that|whether|about|permission)\b|\bask(?:s|ed|ing)?\s+(?:you|us|me|him|them)\b|"
        r"\bneeds?\b|\bneeded\b|\brequire[sd]?\b|\bwould\s+like\b|\bwant(?:s|ed)?\b|"
        r"\b(?:send|give|supply|provide|deliver|sell|lend)\s+(?:to\s+)?us\b|\bapplication\b|\bappeal\b|"
        r"\burgently\s+need\b|\bdemand(?:s|ed)?\b",
    ),
    (
        "lost",
        r"\blos(?:e|es|t|ing|ses)\b|\bkilled\b|\bdestroyed\b|\bshot\s+down\b|\bwounded\b|"
        r"\bcasualties\b|\bsunk\b|\bsank\b|\bdowned\b|\bperished\b|\bdied\b",
    ),
    (
        "train",
        r"\btrain(?:s|ed|ing)?\b|\bretrain(?:ed|ing)?\b|\binstruct(?:ed|ing)?\b(?!\s+(?:you|us|him|them))|"
        r"\beducat(?:e|ed|ing)\b",
    ),
    (
        "sent",
        r"\b(?:sent|delivered|dispatched|shipped|transferred|handed\s+over|arrived)\b|"
        r"\b(?:we|i|they|he|she|it|you|has|have|had|was|were)\s+(?:\w+\s+)?received\b|"
        r"\b(?:did|do|does)\s+(?:\w+\s+){0,3}?(?:send|deliver|dispatch|ship|transfer)\b",
    ),
    (
        "plan",
        r"\b(?:intend(?:s|ed)?|intention|plan(?:s|ned|ning)?|propos(?:e|es|ed|ing)|thinking\s+of|"
        r"envisag(?:e|es|ed)|expect(?:s|ed)?\s+to|going\s+to|form(?:ing)?)\b",
    ),
    (
        "has",
        r"\b(?:there\s+(?:are|is|were|was|will\s+be)|consist(?:s|ed|ing)?\s+of|numbering|"
        r"numbers(?=\s+(?:about\s+|some\s+|up\s+to\s+|over\s+)?\d)|"
        r"possess(?:es|ed)?|available|"
        r"stationed|deployed|total(?:s|led|ing)?|comprise[sd]?|(?:do|does|did)\s+\w+\s+have)\b|"
        r"\b(?:have|has|had)\b"
        r"(?!\s+(?:to|been|not|no|already|just|\w+ed\b|received|sent|given|taken|made|done|written|"
        r"shown|seen|become|begun|gone|come))",
    ),
)
_CUE = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in _FRAME_CUES), re.I)
# The words a cue above can start with: _cues tries the cue regex only where one of them
# stands (an alternation of 60 cues tried at every letter costs 0.5 us a character).
_CUE_STARTS = _set(
    """will we i they he it agree agrees agreed agreeing consent consents consented ready
    prepared decided promise promises promised promising offer offers offered are shall has
    can could able mobilise mobilize mobilises mobilizes mobilised mobilized mobilising
    mobilizing mobilisation mobilization please request requests requested requesting ask
    asks asked asking need needs needed require requires required would want wants wanted
    send give supply provide deliver sell lend application appeal urgently demand demands
    demanded lose loses lost losing losses killed destroyed shot wounded casualties sunk sank
    downed perished died train trains trained training retrain retrained retraining instruct
    instructed instructing educate educated educating sent delivered dispatched shipped
    transferred handed arrived she you was were did do does numbers intend intends intended intention plan plans
    planned planning propose proposes proposed proposing thinking envisage envisages
    envisaged expect expects expected going form forming there consist consists consisted
    consisting numbering possess possesses possessed available stationed deployed total
    totals totalled totalling comprise comprises comprised have had"""
)
_WORD_START = re.compile(r"[A-Za-z]+")


def _cues(text: str, a: int = 0, b: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, frame) of each cue in text[a:b], as _CUE.finditer would find them."""
    b = len(text) if b is None else b
    out: list[tuple[int, int, str]] = []
    end = a
    for w in _WORD_START.finditer(text, a, b):
        if w.start() < end or w.group().lower() not in _CUE_STARTS:
            continue
        m = _CUE.match(text, w.start(), b)
        if m:
            out.append((m.start(), m.end(), m.lastgroup or ""))
            end = m.end()
    return out


# -- notes -------------------------------------------------------------------------------------
_BRACKET_NOTE = re.compile(
    r"\[\s*(?P<label>translator[’']?s?\s+(?:comment|note|remark)s?|editor[’']?s?\s+note|"
    r"hand[- ]?written(?:\s+[^:\[\]]{0,40})?|stamp(?:\s+[^:\[\]]{0,40})?|"
    r"note(?:\s+[^:\[\]]{0,30})?|margin(?:al)?\s+note|signature|seal|"
    r"(?:typed|printed|written)\s+[^:\[\]]{0,30})\s*:\s*",
    re.I,
)
_TRANSLATED = re.compile(
    r"\b(?P<label>translated|translation)\s+(?:from\s+(?:the\s+)?[A-Z]\w+\s+)?by\s*:?\s*"
    r"(?P<value>[A-Z][^.;\n\[\]]*?)(?=\s*(?:[.;\n\[\]]|$|\s+for\s+|\s+from\s+))|"
    r"\b(?P<label2>translator)\s*:\s*(?P<value2>[^.;\n\[\]]+)",
    re.I,
)
# Archival notes printed as a line: the label, then its content up to the line's end (or the
# next note when the lines were run together).
_LINE_NOTE_LABELS = (
    ("verified by", r"verified\s+by\s*:?"),
    ("checked by", r"checked\s+by\s*:?"),
    ("typed by", r"typed\s+by\s*:?"),
    ("deciphered by", r"deciphered\s+by\s*:?"),
    ("decoded by", r"decoded\s+by\s*:?"),
    ("incoming number", r"incoming\s+(?:n[º°o]\.?|no\.?|number)\s*"),
    ("outgoing number", r"outgoing\s+(?:n[º°o]\.?|no\.?|number)\s*"),
    (
        "copies typed",
        r"(?=\b(?:\d+|" + "|".join(_ONES) + r")\s+cop(?:y|ies)\s+(?:typed|printed|made))",
    ),
    ("sent in copies", r"(?=\bsent\s+in\s+(?:\d+|" + "|".join(_ONES) + r")\s+cop(?:y|ies))"),
    ("subject to return", r"(?=\bsubject\s+to\s+return\b)"),
    ("spravka", r"spravka\s*:"),
    ("attachment", r"attachment\s*:"),
    ("paragraph", r"paragraph\s*:"),
    ("note", r"(?<![\w\[])note\s*:"),
)
_LINE_NOTE = re.compile(
    "|".join(rf"(?P<n{k}>(?<![\w’'])(?:{rx}))" for k, (_label, rx) in enumerate(_LINE_NOTE_LABELS)),
    re.I,
)

# -- sentences ---------------------------------------------------------------------------------
_ABBREV = _set("""no nº nr cde comr comrade mr mrs ms dr st gen col lt capt adm maj sgt gov amb sec
    vol p pp cf e.g i.e etc approx art op ll f d l fig ref tel""")
# One character class first, so the scan skips ahead in C (alternatives first: 8x slower).
_SENT_END = re.compile(
    r"[.!?:;\n](?:"
    r"(?<=[.!?])(?P<q>[\"”’')\]]*)(?P<a>\s+)(?=[A-Z\"“'‘(\[]|\(?\d{1,2}[.)]\s)"  # ". The"
    r"|(?<=[a-z)][.!?])\d{1,2}(?P<b>\s+)(?=[A-Z])"  # "divisions.1 In": a footnote mark
    r"|(?<=[.!?:;])(?P<c>\s+)(?=\(?\d{1,2}[.)]\s+[A-Z])"  # "as follows: 1. The"
    r"|(?<=\n)(?P<d>\n*))"
)


_LAST_WORD = re.compile(r"([\w.º]+)[.!?][\"”’')\]]*$")
_ORDINAL_ONLY = re.compile(r"\(?\d{1,3}[.)]")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, so each is an exact substring."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group("a") is not None:
            cut = m.start("a")
        elif m.group("b") is not None:
            cut = m.start() + 1
        elif m.group("c") is not None:
            cut = m.start("c")
        else:
            cut = m.start()
        head = text[start:cut].rstrip()
        if _ORDINAL_ONLY.fullmatch(head.strip()):
            continue  # "1. The army ...": the list number opens the sentence
        last = _LAST_WORD.search(head, max(0, len(head) - 40))
        if last and m.group("a") is not None and not m.group("q") and "\n" not in m.group("a"):
            word = last.group(1).lower().rstrip(".")
            if word in _ABBREV or len(word) == 1 and word.isalpha() and last.group(1).isupper():
                continue  # "Cde. MAO", "N. A. Bulganin", "No. 5"
        if head.strip():
            spans.append((start, start + len(head)))
        start = m.end()
    tail = text[start:].rstrip()
    if tail.strip():
        spans.append((start, start + len(tail)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        out.append((a, b))
    return out


def sentences_of(text: str) -> list[str]:
    """The sentences of a paragraph, each an exact substring of it."""
    return [text[a:b] for a, b in _sentence_spans(text)]


# -- dates beyond knowledge.dates --------------------------------------------------------------
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12}  # fmt: skip
_ROMAN_DATE = re.compile(
    r"\b(?P<d>\d{1,2})\.(?P<m>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)(?:\[[^\]]*\])?\.(?P<y>\d{4}|\d{2})\b"
)
_SLASH_DATE = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})\b")
_SHORT_NUMERIC = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})?(?!\d)")
_TIME_SPAN = re.compile(
    r"(?=[0-9ARSars])(?:\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s+hours?(?:\s+\d{1,2}\s+minutes?)?|"
    r"\b\d{1,2}\s*[ap]\.\s?m\.|"
    r"\b(?:at|received|sent)\s+\d{4}\b(?=\s+\d{1,2}\s+[A-Z])|(?<![\d,.])\b0\d{2,3}\b)",
    re.I,
)


def _iso(y: int, m: int, d: int) -> str | None:
    from datetime import date

    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _full_year(y: str) -> int:
    n = int(y)
    return n + 1900 if n < 100 else n


def _extra_dates(text: str) -> list[tuple[tuple[int, int], str, str]]:
    """Roman-month and slash dates knowledge.dates does not read: (span, printed, value)."""
    out = []
    for m in _ROMAN_DATE.finditer(text):
        iso = _iso(_full_year(m.group("y")), _ROMAN[m.group("m").lower()], int(m.group("d")))
        out.append((m.span(), m.group(0), iso or m.group(0)))
    for m in _SLASH_DATE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        # Translations print month/day/year ("10/09/50"); a first part over 12 is a day.
        iso = _iso(_full_year(m.group("y")), a, b) if a <= 12 else None
        iso = iso or (_iso(_full_year(m.group("y")), b, a) if b <= 12 else None)
        out.append((m.span(), m.group(0), iso or m.group(0)))
    return out


# -- reading -----------------------------------------------------------------------------------
def read_facts(cable: Cable) -> tuple[Fact, ...]:
    """Every fact of a cable's paragraphs (numbered items among them) and its archival notes.

    Returns facts in reading order, without duplicates (same kind, value, thing and words).
    Never raises on odd text: a sentence it cannot read gives no fact.
    """
    return _read(cable.paragraphs, _cable_year(cable), cable.printed, cable.closing, cable.extra)


def read_facts_of(
    paragraphs: tuple[str, ...],
    dates: tuple[DateValue | None, ...],
    printed: str,
    closing: tuple[str, ...],
    extra: tuple[tuple[str, str], ...],
) -> tuple[Fact, ...]:
    """read_facts of a cable with these fields, before the Cable is made (dates: its date,
    sent and received stamps, the first with a day giving the year of dates without one)."""
    year = next((int(v.start[:4]) for v in dates if v and v.start), None)
    return _read(paragraphs, year, printed, closing, extra)


def read_text_facts(paragraphs: Iterable[str], *, year: int | None = None) -> tuple[Fact, ...]:
    """Facts of any text read the way a cable's paragraphs are: footnotes, commentary.

    year fills in dates printed without one. The caller knows whose words they are (an
    editor's footnote is not the cable's own statement) and should say so when it uses them.
    """
    return _read(tuple(paragraphs), year, "", (), ())


def _read(
    paragraphs: tuple[str, ...],
    year: int | None,
    printed: str,
    closing: tuple[str, ...],
    extra: tuple[tuple[str, str], ...],
) -> tuple[Fact, ...]:
    # Notes are read from the printed text when the cable keeps it (its lines end the notes),
    # else from the paragraphs and closing lines.
    from_printed = bool(printed)
    facts: list[Fact] = _notes(printed) if from_printed else []
    lead_in = ""  # the paragraph before a numbered list: its last sentence frames the items
    lead_frame: str | None = None
    for para in paragraphs:
        numbered = bool(_NUMBERED.match(para))
        if numbered and lead_frame is None:
            spans = _sentence_spans(lead_in)
            last = lead_in[spans[-1][0] : spans[-1][1]] if spans else ""
            # Only a lead-in that opens the list ("we ask you for the following:") frames it.
            lead_frame = frame_of(last) if last.rstrip().endswith(":") else ""
        elif not numbered:
            lead_in, lead_frame = para, None
        facts += _read_paragraph(
            para, year, (lead_frame or "") if numbered else "", notes=not from_printed
        )
    if not from_printed:
        for text in (*closing, *(v for k, v in extra if k == "header")):
            facts += _notes(text)
    seen: set[tuple[str, str, str, str]] = set()
    out = []
    for f in facts:
        key = (f.kind, f.value, f.thing, f.words)
        note_key = (f.kind, f.value, f.thing, "")
        if key in seen or (f.kind in ("note", "translator") and note_key in seen):
            continue
        seen.add(key)
        if f.kind in ("note", "translator"):
            seen.add(note_key)
        out.append(f)
    return tuple(out)


def _cable_year(cable: Cable) -> int | None:
    for value in (cable.date, cable.sent, cable.received):
        if value and value.start:
            return int(value.start[:4])
    return None


_NUMBERED = re.compile(r"\(?\d{1,2}[.)]\s")


def _read_paragraph(
    para: str, year: int | None, lead_frame: str, *, notes: bool = True
) -> list[Fact]:
    """Facts of one paragraph; lead_frame frames quantities no cue of their own frames."""
    facts: list[Fact] = []
    note_spans: list[tuple[int, int]] = []
    for fact, span in _note_facts(para):
        if notes:
            facts.append(fact)
        note_spans.append(span)
    has_digit = _DIGIT.search(para) is not None
    low = para.lower()
    words = _WORD_START.findall(low)
    worded = not _NUMBER_WORDS.isdisjoint(words)
    counts = has_digit or worded
    lasts = counts and any(unit in low for unit in _DURATION_HINTS)
    datable = not _MONTH_WORDS.isdisjoint(words) or (has_digit and _NUMERIC_DATE_HINT.search(para))
    if not (counts or datable):
        return facts  # no number, no month: nothing here to read but notes
    dates = _with_printed_years(para, find_dates(para, year=year)) if datable else []
    extra = _extra_dates(para) if has_digit else []
    blocked: list[tuple[int, int]] = [span for span, _ in dates]
    blocked += [span for span, _, _ in extra]
    if has_digit:
        blocked += [m.span() for m in _TIME_SPAN.finditer(para)]
        blocked += [m.span() for m in _SHORT_NUMERIC.finditer(para)]
    for a, b in _sentence_spans(para):
        sentence = para[a:b]
        in_note = [(x, y) for x, y in note_spans if x < b and a < y]
        skip = blocked + in_note
        here = sorted(
            [((x, y), value.start or value.text) for (x, y), value in dates if a <= x < b]
            + [((x, y), value) for (x, y), _printed, value in extra if a <= x < b]
        )
        floor = a
        for (x, y), value in here:
            if not _overlaps((x, y), in_note):
                phrase = _event_phrase(para, a, b, x, y, floor)
                if phrase:
                    facts.append(Fact("date", value, phrase, sentence))
            floor = max(floor, y)
        durations = list(_durations(para, a, b, skip)) if lasts else []
        for (x, y), value in durations:
            phrase = _event_phrase(para, a, b, x, y) or _opening_clause(para, a, x)
            facts.append(Fact("duration", value, phrase, sentence))
        skip = skip + [span for span, _ in durations]
        if (worded or has_digit) and (worded or _DIGIT.search(para, a, b)):
            facts += _quantities(para, a, b, skip, lead_frame)
    return facts


_MONTH_WORDS = frozenset(m for m in MONTHS if len(m) > 2)


_DIGIT = re.compile(r"\d")
_DURATION_HINTS = ("day", "week", "month", "year", "hour", "minute", "night")
_NUMBER_WORDS = frozenset([*_ONES, *_TENS, "hundred", "thousand", "million", "dozen"])
_NUMERIC_DATE_HINT = re.compile(r"\d\.(?:\d|[IVXivx])")


_YEAR_AFTER = re.compile(r",?\s+(1[89]\d\d|20[0-4]\d)\b(?!\s*[-–/])")


def _with_printed_years(para: str, dates: list) -> list:
    """'Nov 2 1948': a year printed after a date without a comma belongs to it."""
    out = []
    for (x, y), value in dates:
        m = _YEAR_AFTER.match(para, y)
        if m and value.start and not _FOUR_DIGITS.search(value.text):
            year = m.group(1)
            end = value.end and (
                year + value.end[4:] if value.end[:4] == value.start[:4] else value.end
            )
            value = replace(value, text=para[x : m.end()], start=year + value.start[4:], end=end)
            y = m.end()
        out.append(((x, y), value))
    return out


_FOUR_DIGITS = re.compile(r"\d{4}")


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


# -- quantities --------------------------------------------------------------------------------
_TOKEN = re.compile(
    r"\[[^\[\]]{0,40}\]|(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z0-9’'\-]*(?:\.(?=[A-Za-z]))?"
    r"|\d+(?:[.,]\d+)?-[A-Za-z][\w\-]*|%|\S"  # "45-mm field guns"
)
_PLACE_PREP = frozenset({"to", "from", "in", "at", "into", "for"})
_PLACE_VERBS = frozenset({"are", "is", "be", "go", "goes", "to be", "will"})


def _quantities(
    para: str,
    a: int,
    b: int,
    skip: list[tuple[int, int]],
    lead_frame: str,
) -> list[Fact]:
    sentence = para[a:b]
    cues: list[tuple[int, int, str]] | None = None  # read once a quantity needs its frame
    facts: list[Fact] = []
    chains: list[list[int]] = []  # facts listed together: "1,000 tankists, 2,000 pilots and ..."
    places: list[str] = []
    last_core = ""
    last_unit = ""
    last_end = a
    for m in _NUMBER.finditer(para, a, b):
        x, y = m.span("num")
        if _overlaps((x, y), skip) or not _is_count(para, m, a):
            continue
        value = m.group("num")
        after = para[y:b]
        if _HYPHEN_WORD.match(after) and not _HYPHEN_NUMBER.match(after):
            continue  # "three-regiment", "one-fourth", "two-kilometer"
        if _ORDINAL_SUFFIX.match(after):
            continue
        unit, core, place, rest_at = _read_thing(para, y, b)
        named = _NAME_FIRST.match(para, a, b) if not core or core.lower() in CONTAINERS else None
        if named and named.start("num") == x:  # "4. Woollen tents 100 sets.", "1. Rifles 140,000."
            if core:
                unit = CONTAINERS[core.lower()]
            core, place = named.group("name").strip(" ,:;–—-"), ""
        if m.group("dollar"):
            unit = "dollars"
        if not core and unit in MEASURES.values() or not core and _is_pronoun_of(para, y, b):
            core = _thing_before(para, a, x) if not _is_pronoun_of(para, y, b) else ""
        joined = _JOINER.fullmatch(para, last_end, x) if facts else None
        if (
            not core
            and facts
            and (not unit or unit == last_unit)
            and (joined or _is_pronoun_of(para, y, b))
        ):
            # "1,000 tons of fuel to URUMCHI and 200 tons of it to HAMI", "90 fighters and 60 more"
            core = last_core
            if not place:
                place = _place_after(para, rest_at, b, allow_verbs=True)
        if not core and not unit:
            continue
        head = core.split(" ", 1)[0].lower().rstrip(".") if core else ""
        if head in MONTHS or (
            len(value) >= 5 and value.isdigit() and not unit and core[:1].isupper()
        ):
            continue  # "Warx 85775 Mar 18", "remytel 362, April 9": an identifier before a date
        if value.lower() in ("one", "a") and _ONE_SKIP.match(after):
            continue
        thing = f"{core} {place}".strip() if core else place
        if cues is None:
            cues = _cues(para, a, b)
        frame = _frame_at(cues, x) or lead_frame
        if joined and chains and _LIST_JOINER.fullmatch(para, last_end, x):
            chains[-1].append(len(facts))
        else:
            chains.append([len(facts)])
        facts.append(Fact("quantity", value, thing, sentence, unit, frame))
        places.append(place)
        last_core, last_unit, last_end = core, unit, y + len(_leading(para, y, b, thing))
    # A complement after the last of a list belongs to each: "1,000 tankists, 2,000 pilots
    # and 500 officers from among Soviet Koreans".
    for chain in chains:
        tail = places[chain[-1]]
        if len(chain) > 1 and tail and not any(places[k] for k in chain[:-1]):
            for k in chain[:-1]:
                facts[k] = replace(facts[k], thing=f"{facts[k].thing} {tail}")
    return facts


_LIST_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


_HYPHEN_WORD = re.compile(r"(?:-|–)[A-Za-z]")
_HYPHEN_NUMBER = re.compile(r"-(?:" + _WPART + r")\b", re.I)
_ORDINAL_SUFFIX = re.compile(r"\s*(?:st|nd|rd|th)\b")
_LEADING_WORD = re.compile(r"\s*\w+(?:\s+of\s+(?:it|them|which))?")
_TWO_DIGITS = re.compile(r"\d{1,2}")
_APOSTROPHE_END = re.compile(r"['’]$")
_LIST_NUMBER_AFTER = re.compile(r"[.)]\s")
_LIST_NUMBER_BEFORE = re.compile(r"(?:^|[.:;]\s*|\()$")
_PREV_WORD = re.compile(r"([A-Za-zº°#.]+)\.?\s*(?:n[º°o]\.?\s*|#\s*)?$")
_CODE_BEFORE = re.compile(r"(?<![\w.])(?!I\b|A\b)[A-Z]{1,4}[\s–-]+$")
_NUMBER_SIGN_BEFORE = re.compile(r"(?:n[º°]|#)\s*$", re.I)
_PRONOUN_OF = re.compile(r"\s*(?:\w+\s+)?of\s+(?:it|them|which|these|those)\b", re.I)
_MORE_AFTER = re.compile(r"\s*(?:more|others?|additional|further|each)\b(?!\s+[a-z]{3,}s\b)", re.I)
_LETTER_START = re.compile(r"[A-Za-z]|\d+(?:[.,]\d+)?-[A-Za-z]")
_VERB_FORM = re.compile(r"[a-z]+(?:ed|ing)")


# What may stand between two quantities for the second to count the first one's thing:
# "1,000 tons of fuel to URUMCHI and 200 tons of it", "a thousand tons ..., of which 200 tons".
_JOINER = re.compile(
    r"[\s,;]*(?:(?:and|or|plus|while|but|of\s+which|of\s+them|including|with)\s+)?"
    r"(?:(?:another|a\s+further|an\s+additional|also|then)\s+)?",
    re.I,
)


def _leading(para: str, y: int, b: int, thing: str) -> str:
    """The text from a number's end through its thing (for where the next joiner starts)."""
    if not thing:
        m = _LEADING_WORD.match(para, y, b)
        return m.group(0) if m else ""
    k = para.find(thing, y, b)
    return para[y : k + len(thing)] if k >= 0 else ""


# A list item that names its thing first: "4. Woollen tents 100 sets.", "2) Rifles – 140,000".
_NAME_FIRST = re.compile(
    rf"\(?\d{{1,3}}[.)]\s+(?P<name>(?:\d+(?:[.,]\d+)?-)?[A-Za-z][^:;.]{{1,60}}?)\s*[-–—:,]?\s+(?P<num>{_DIGITS})"
    r"(?:\s+(?:thousand|million|billion))?(?:\s+[A-Za-z]+\.?)?\s*[.;,]?\s*$"
)


_UNIT_AFTER = re.compile(
    r"\s+(?:"
    + "|".join(
        sorted((re.escape(u) for u in (*MEASURES, *CONTAINERS) if u != "%"), key=len, reverse=True)
    )
    + r")\b",
    re.I,
)


def _is_count(para: str, m: re.Match[str], a: int) -> bool:
    """False for years, footnote marks, list ordinals and telegram, page or file numbers."""
    x, y = m.span("num")
    value = m.group("num")
    digits = value[0].isdigit()
    before = para[max(a, x - 30) : x]
    after = para[y : y + 20]
    unit_after = _UNIT_AFTER.match(after)  # "cable 500 km", "TNT 100 tons": a count
    if digits:
        if (
            _YEAR.fullmatch(value)
            or _TWO_DIGITS.fullmatch(value)
            and _APOSTROPHE_END.search(before)
        ):
            return False  # 1951, '52
        if _FOOTNOTE_BEFORE.search(before) or (before.endswith("[") and after.startswith("]")):
            return False  # "effect.1", "Planes[1]", "16[71]"
        if _IDENT_BEFORE.search(before) or _IDENT_AFTER.match(after):
            return False  # "P84/422", "483/sh", "YaK-11", "N66"
        if _TIME_AFTER.match(after):
            return False
        if _ORDINAL_AT_START.match(para, max(0, x - 2)) and _LIST_NUMBER_AFTER.match(after):
            return False
        if _LIST_NUMBER_AFTER.match(after) and (
            x == a or _LIST_NUMBER_BEFORE.search(para, max(a, x - 4), x)
        ):
            return False  # "1. To permit ...", "65. PriMin ..."
        if after.startswith(")") and before.endswith("("):
            return False  # "(2)" in a copies list
    prev = _PREV_WORD.search(before)
    if prev and "," not in value and not unit_after:  # identifiers print no commas nor units
        word = prev.group(1).lower().rstrip(".")
        if word in _ID_WORDS or word.endswith("tel") and len(word) > 3:
            return False  # "No. 5", "Deptel 812", "Reurtel 389"
    if digits and not unit_after and _CODE_BEFORE.search(before):
        return False  # "CX 51655", "ZX 36456", "JCS 90083", "DA TT 5193"
    if not digits and value[:1].isupper() and para[a:x].strip():
        return False  # "Six Power Resolution", "the Big Four": a name, not a count
    return not _NUMBER_SIGN_BEFORE.search(before)


def _is_pronoun_of(para: str, y: int, b: int) -> bool:
    return bool(_PRONOUN_OF.match(para, y, b) or _MORE_AFTER.match(para, y, b))


def _read_thing(para: str, y: int, b: int) -> tuple[str, str, str, int]:
    """(unit, counted noun phrase, place complement, offset after them) following a number."""
    restated = _RESTATED.match(para, y, b)  # "36 (thirty-six) divisions"
    if restated:
        y = restated.end()
    tokens = [(t.group(0), t.start(), t.end()) for t in _TOKEN.finditer(para, y, min(b, y + 160))]
    unit = ""
    i = 0
    # "(of) cubic meters", "tons of", "[units of]"
    while i < len(tokens) and tokens[i][0].startswith("[") and tokens[i][0].endswith("]"):
        inner = tokens[i][0][1:-1].strip().lower()
        unit_word = inner.removesuffix(" of").strip()
        if unit_word in MEASURES or unit_word in CONTAINERS:
            unit = MEASURES.get(unit_word) or CONTAINERS[unit_word]
        i += 1
    if i < len(tokens):
        w = tokens[i][0].lower()
        two = f"{w} {tokens[i + 1][0].lower()}" if i + 1 < len(tokens) else ""
        if two in MEASURES:
            unit, i = MEASURES[two], i + 2
        elif w in MEASURES:
            unit, i = MEASURES[w], i + 1
        elif w in CONTAINERS and i + 1 < len(tokens) and tokens[i + 1][0].lower() == "of":
            unit, i = CONTAINERS[w], i + 1
        if unit and i < len(tokens) and tokens[i][0].lower() == "of":
            nxt = tokens[i + 1][0].lower() if i + 1 < len(tokens) else ""
            if nxt in _PRONOUN_THINGS:
                return (
                    unit,
                    "",
                    _place_after(para, tokens[i + 1][2], b, allow_verbs=True),
                    tokens[i + 1][2],
                )
            i += 1
            if nxt in ("the", "a", "an") and i + 1 < len(tokens):
                i += 1
    if (
        i + 1 < len(tokens)
        and tokens[i][0].lower() in ("more", "other", "others")
        and tokens[i + 1][0][:1].isalpha()
        and tokens[i + 1][0].lower() not in _STOP
    ):
        i += 1  # "3 more divisions": the divisions are counted
    words: list[tuple[str, int, int]] = []
    while i < len(tokens) and len(words) < 6:
        t, s, e = tokens[i]
        low = t.lower()
        if t.startswith("["):
            i += 1
            continue  # an editor's insertion inside the phrase
        acronym = t == "US" or "." in t  # "US vessels", "U.S. troops"
        if not _LETTER_START.match(t) or (low in _STOP or low in _TITLES) and not acronym:
            break
        if low in ("more",):
            break
        words.append((t, s, e))
        i += 1
    # Trim trailing verbs the greedy walk took: "divisions commanded", "pilots will".
    while (
        words
        and len(words) > 1
        and (_VERB_FORM.fullmatch(words[-1][0]) or words[-1][0] in _PARTICIPLES)
    ):
        words.pop()
    if not words:
        end = tokens[i - 1][2] if i else y
        return unit, "", "", end
    purpose = _FOR_WHAT.match(para, words[-1][2], b)
    if purpose and not (set(purpose.group(1).lower().split()) & _STOP):
        end = purpose.end()  # "cartridges for recoilless guns": one thing, named with its use
    else:
        end = words[-1][2]
    core = para[words[0][1] : end]
    place = _place_after(para, end, b)
    return unit, core, place, end + len(place) + (1 if place else 0)


# "for" and up to three words ending in a plural: what the counted thing is for.
_FOR_WHAT = re.compile(r"\s+for\s+((?:[\w\-]+\s+){0,2}[a-z][\w\-]*[a-z]s)\b")


_RESTATED = re.compile(r"\s*\((?:[a-z\- ]{3,30}|\d[\d,.]*)\)")


def _is_place_word(t: str) -> bool:
    return t[:1].isupper() and t.lower() not in _TITLES


# What may follow a place: "to Moscow by air", never "to Chinese representatives".
_PLACE_NEXT = (
    "(?:and|or|for|from|to|in|at|by|with|on|via|of|the|which|who|that|were|was|is|are|will|"
    "would|should|must|can|could|before|after|until|within|during|as|but|so|if|where|when|"
    "we|i|you|they|he|she|it|us|them|this|these|those|has|have|had|not|also|via|then)"
)
_PLACE = (
    r"((?:(?:to|from|in|at|into)\s+(?:the\s+)?(?!(?:Cde|Comrade|Comrades|General|Marshal|Mr|Gen)\b)"
    r"[A-Z][\w\-’']*+(?:\s+[A-Z][\w\-’']*+){0,2}(?!\s+(?!" + _PLACE_NEXT + r"\b)[a-z])"
    r"(?:\s+|$|(?=[,.;:)\]]))?){1,2}"
    r"|from\s+among\s+(?:the\s+)?[A-Za-z][\w\-’']*(?:\s+(?!(?:in|at|to|for|of|and|who|which|that)\b)"
    r"[A-Za-z][\w\-’']*){0,2})"
)
_PLACE_AFTER = re.compile(r"\s+" + _PLACE)
_PLACE_AFTER_VERB = re.compile(
    r"\s+(?:(?:are|is|will|shall|to|be|go|goes|sent|shipped)\s+){0,3}" + _PLACE
)


_TRAILING_VERB = re.compile(r"(?:\s+[a-z]+(?:ing|ed))+$")


def _place_after(para: str, pos: int, b: int, *, allow_verbs: bool = False) -> str:
    """'to URUMCHI', 'from the Northeast', 'from LANZHOU to URUMCHI' right after a phrase."""
    m = (_PLACE_AFTER_VERB if allow_verbs else _PLACE_AFTER).match(para, pos, b)
    if not m:
        return ""
    return _TRAILING_VERB.sub("", m.group(1).strip())  # "from among Korean students studying"


_THING_BEFORE = re.compile(
    r"([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*)?)\s*(?:\bof|\bat|\bworth|\btotalling|,|:|–|\()"
    r"\s*(?:about\s+|approximately\s+|some\s+)?$"
)


def _thing_before(para: str, a: int, x: int) -> str:
    """The noun a measure belongs to when it comes first: 'a loan of 2 billion won'."""
    m = _THING_BEFORE.search(para, max(a, x - 60), x)
    if not m:
        return ""
    words = [w for w in m.group(1).split() if w.lower() not in _STOP]
    if not words:
        return ""
    phrase = (
        " ".join(words[-2:]) if len(words) > 1 and words[-2].lower() not in _STOP else words[-1]
    )
    if phrase.lower() in MEASURES or _DIGIT.search(phrase):
        return ""
    return phrase


def _frame_at(cues: list[tuple[int, int, str]], x: int) -> str:
    """The frame of the nearest cue before position x, else the first one after it."""
    before = [c for c in cues if c[1] <= x]
    if before:
        return before[-1][2]
    after = [c for c in cues if c[0] >= x]
    return after[0][2] if after else ""


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def fact_date(fact: Fact) -> DateValue | None:
    """The date a 'date' fact was read from, as its words print it, with range and precision.

    Fact("date", "1949-11-01", "arrival on site", "... arrival on site 1-3 November.") gives
    DateValue("1-3 November", "1949-11-01", "1949-11-03", "day-range"). None for other kinds.
    """
    if fact.kind != "date":
        return None
    year = int(fact.value[:4]) if _ISO_DAY.fullmatch(fact.value) else None
    for _span, value in _with_printed_years(fact.words, find_dates(fact.words, year=year)):
        if (value.start or value.text) == fact.value:
            return value
    for _span, printed, value in _extra_dates(fact.words):
        if value == fact.value:
            iso = value if _ISO_DAY.fullmatch(value) else None
            return DateValue(printed, iso, iso, "day")
    return None


_DIGIT_RANGE_SPLIT = re.compile(r"\s*[-–—]\s*|\s+(?:to|or)\s+")
_WORD_RANGE_SPLIT = re.compile(r"\s*[–—]\s*|\s+(?:to|or)\s+", re.I)


def value_range(value: str) -> tuple[float, float] | None:
    """The numbers a fact's printed value means, as (low, high).

    '1,000' -> (1000.0, 1000.0); '25-35' -> (25.0, 35.0); 'a thousand' -> (1000.0, 1000.0);
    'two or three' -> (2.0, 3.0); '2 billion' -> (2e9, 2e9). None when it is no number.
    Words are read with text2num.
    """
    value = value.strip()
    if not value:
        return None
    split = _DIGIT_RANGE_SPLIT if value[0].isdigit() else _WORD_RANGE_SPLIT
    numbers = [_one_number(part) for part in split.split(value)]
    if not numbers or any(n is None for n in numbers):
        return None
    return min(numbers), max(numbers)  # type: ignore[type-var]


def _one_number(text: str) -> float | None:
    text = " ".join(text.lower().split())
    if text[:1].isdigit():
        return parse_number(text)
    text = re.sub(r"^an?\s+(?=hundred|thousand|million|billion|dozen)", "one ", text)
    dozens = text.endswith("dozen")
    if dozens:
        text = text.removesuffix("dozen").strip() or "one"
    try:
        number = float(text2num(text, "en"))
    except ValueError:
        return None
    return number * 12 if dozens else number


def frame_of(words: str) -> str:
    """The verb frame words name first: 'did he ask for' -> 'requested'; '' when none.

    Frames: requested, promised, has, mobilise, lost, sent, train, plan (see FRAMES).
    """
    found = _cues(words)
    return found[0][2] if found else ""


# -- durations ---------------------------------------------------------------------------------
_DURATION = re.compile(
    rf"(?<![\w-])(?P<v>(?:(?:{_DIGITS})(?:\s*[-–]\s*(?:{_DIGITS}))?|{_WORDNUM}(?:\s+(?:or|to)\s+{_WORDNUM})?"
    rf"|a\s+few|several|a\s+couple\s+of|a|an)(?:\s+|-)(?:more\s+|additional\s+|further\s+)?{_DURATION_UNITS})\b",
    re.I,
)
_DURATION_CONTEXT = re.compile(
    r"(?:within|in|for|during|over|after|in\s+the\s+course\s+of|about|some|around|approximately|up\s+to|"
    r"no\s+more\s+than|not\s+more\s+than|at\s+least|the\s+next|the\s+coming|a\s+period\s+of|period\s+of|"
    r"(?:the\s+)?(?:first|last|past|next)|every|each)\s+$",
    re.I,
)


_SPACE_DIGIT = re.compile(r"\s+\d")
_OLD_AGO = re.compile(r"\s+(?:old|ago)\b")


def _durations(para: str, a: int, b: int, skip: list[tuple[int, int]]):
    for m in _DURATION.finditer(para, a, b):
        x, y = m.span("v")
        if _overlaps((x, y), skip):
            continue
        value = m.group("v")
        first = value.split()[0].lower()
        if first in ("a", "an") and not _DURATION_CONTEXT.search(para, max(a, x - 25), x):
            continue  # "a day" alone is too loose; "within a month" is a duration
        if value.lower().endswith(("hour", "hours")) and _SPACE_DIGIT.match(para, y, b):
            continue  # "10 hours 10 minutes": a time of day
        if _OLD_AGO.match(para, y, b):
            continue
        yield (x, y), value


# -- event phrases -----------------------------------------------------------------------------
_CLAUSE_BREAK = re.compile(
    r"\b(?:No|Nº|N°|Nr)\.?\s*[\w/]+|\b\d{1,2}[:.]\d{2}\b(?:\s*[ap]\.m\.)?|\b\d{1,2}\s+hours?(?:\s+\d{1,2}\s+minutes?)?|"
    r"[;:\[\]“”\"!?]|\.\s|(?<=[A-Z]{3})\s+(?=(?:I|We|You|He|She|They|The|It|In|On)\s)|,(?!\d)"
)
_LEAD_STRIP = re.compile(
    r"^(?:(?:on|in|by|at|of|from|since|until|till|before|after|during|dated|as|then|and|but|that|so|"
    r"also|today|yesterday|tomorrow|this|the|year|of\s+this\s+year|,)\s+)+",
    re.I,
)
_SUBJECT = re.compile(
    r"^(?:I|we|he|she|they|you|it)\s+(?:(?:will|shall|would|should|must|can|could|may|might|"
    r"plan|plans|planned|intend|intends|intended|want|wants|wanted|hope|hopes|expect|expects|"
    r"am|are|is|was|were|also|then|still|already|have|has|had|going)\s+(?:to\s+)?)*",
    re.I,
)
_TRAIL_STRIP = re.compile(
    r"(?:\s+(?:in\s+the\s+course\s+of|(?:the\s+)?course\s+of|on|in|by|at|of|from|since|until|till|before|after|during|to|for|and|or|the|a|an|"
    r"this|that|its|his|her|their|our|your|with|not\s+later\s+than|no\s+later\s+than|than|dated|"
    r"of\s+this\s+year|this\s+year|within|about|around|some|approximately|is|are|was|were|will|be))+$",
    re.I,
)
_MAX_PHRASE_WORDS = 9
_REF_BEFORE = re.compile(
    r"\b((?:[A-Za-z]*tel|[Tt]elegram|[Mm]essage|[Ll]etter|[Mm]y|[Oo]ur)\s+(?:No\.?\s*)?\d[\w/-]*)"
    r"\s*(?:,|of|dated)?\s*$"
)
_COURSE_OF = re.compile(
    r"(?:\b(?:in|during|over)\s+)?(?:the\s+)?(?:course|period|space)\s+of\s*$", re.I
)
# A nominal event inside a longer clause dates on its own: "... by truck with arrival on site".
_EVENT_NOUN = re.compile(
    r"\b(?:with|upon|on|after|before|for|until|of)\s+(?:the\s+|its\s+|their\s+|his\s+|our\s+)?"
    r"(?P<noun>(?:arrival|departure|delivery|deliveries|shipment|return|opening|start|beginning|"
    r"completion|end|session|meeting|conference|visit|attack|offensive|landing|signing)\b)",
    re.I,
)


_DETERMINER_END = re.compile(r"\b(?:a|an|the|your|his|her|my|our|their|its|this)\s+$", re.I)
_THIS_YEAR = re.compile(r"^\s*(?:of\s+this\s+year|of\s+last\s+year|this\s+year)\b", re.I)
_PLAIN_WORD = re.compile(r"(?<![\w/])[A-Za-z][A-Za-z\-’']*(?![\w/])")
_WORD = re.compile(r"[A-Za-z][\w\-’']*")


def _event_phrase(para: str, a: int, b: int, x: int, y: int, floor: int = 0) -> str:
    """The words a date or duration belongs to: the clause before it, else the one after.

    floor: where the text before may start (the end of the previous date in the sentence).
    """
    start = max(a, floor)
    ref = _REF_BEFORE.search(para, max(start, x - 60), x)
    if ref:
        return ref.group(1)  # "Deptel 813, May 9": the date of that telegram
    before = para[start:x]
    if _DETERMINER_END.search(para, max(start, x - 8), x):
        before = ""  # "a 31 August 1950 letter": the date names what follows
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    earlier = ""
    if breaks and breaks[-1].group() in (",", ";"):  # never across a sentence's end
        earlier = before[(breaks[-2].end() if len(breaks) > 1 else 0) : breaks[-1].start()]
    if earlier and _DATED_END.search(clause):
        named = _clause_phrase(earlier)  # "In the first cable, dated November 8th": the cable
        if _is_event(named):
            return named
    before = _clause_phrase(clause)
    if _is_event(before) and (_content_words(before) >= 2 or before[:1].islower()):
        return before
    after = para[y:b]
    after = _THIS_YEAR.sub("", after, count=1)
    nxt = _CLAUSE_BREAK.search(after.lstrip(" ,.")) if after.strip(" ,.") else None
    after = after.lstrip(" ,.")
    if nxt:
        after = after[: nxt.start()]
    after = _clean_phrase(after, head=True)
    if _is_event(after):
        return after
    if _is_event(before):
        return before
    # "He asked for 40 advisers, preferably within two weeks": the clause before that one.
    earlier = _clause_phrase(earlier)
    return earlier if _is_event(earlier) and _content_words(earlier) >= 2 else ""


def _opening_clause(para: str, a: int, x: int) -> str:
    """A sentence's first clause, when the words next to a duration say nothing: "The
    fulfillment of the application is possible, ... i.e. in the course of three years"."""
    first = _CLAUSE_BREAK.search(para, a, x)
    phrase = _clean_phrase(para[a : first.start() if first else x], head=True)
    return phrase if _is_event(phrase) else ""


_DATED_END = re.compile(r"^\s*(?:dated|of)\s*$", re.I)


def _clause_phrase(clause: str) -> str:
    """A clause's event words: from a nominal event on ("with arrival on site"), cleaned."""
    event = list(_EVENT_NOUN.finditer(clause))
    if event:
        clause = clause[event[-1].start("noun") :]
    return _clean_phrase(clause, head=False)


_HEADER_VERBS = _set("received sent deciphered typed arrived signed")
_NOT_EVENT = _set(
    "hours hour minutes minute year years this last past next first coming preferably dated "
    "approximately only least most"
)


def _is_event(phrase: str) -> bool:
    """A phrase that says something: a lower-case word of its own, or a stamp's verb."""
    for w in _PLAIN_WORD.findall(phrase):
        low = w.lower()
        if low in _HEADER_VERBS:
            return True
        if w.islower() and len(w) >= 3 and low not in _STOP and low not in _NOT_EVENT:
            return True
    return False


def _clean_phrase(text: str, *, head: bool) -> str:
    text = " ".join(text.split()).strip(" ,.;")
    text = _COURSE_OF.sub("", text)
    words = text.split()
    words = words[:_MAX_PHRASE_WORDS] if head else words[-_MAX_PHRASE_WORDS - 3 :]
    text = " ".join(words)
    for _ in range(2):
        text = _LEAD_STRIP.sub("", text)
        text = _SUBJECT.sub("", text)
        text = _TRAIL_STRIP.sub("", text).strip(" ,.;")
    return text


def _content_words(text: str) -> int:
    return sum(1 for w in _WORD.findall(text) if w.lower() not in _STOP)


# -- notes -------------------------------------------------------------------------------------
def _bracket_end(text: str, start: int) -> int:
    """Index just past the ']' closing the '[' at start (nested brackets counted), or -1."""
    depth = 0
    for k in range(start, len(text)):
        c = text[k]
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return k + 1
    return -1


def _note_facts(text: str) -> list[tuple[Fact, tuple[int, int]]]:
    """Translators' comments and archival notes in text, with their spans."""
    out: list[tuple[Fact, tuple[int, int]]] = []
    low = text.lower()
    if "[" not in text and not any(hint in low for hint in _NOTE_HINTS):
        return out
    bracketed: list[tuple[int, int]] = []
    regions: list[tuple[int, int, int]] = []  # (start, content start, content end) of each
    for m in _BRACKET_NOTE.finditer(text):
        end = _bracket_end(text, m.start())
        stop = end - 1 if end > 0 and end - m.start() < 600 else _unclosed_end(text, m.end())
        value = " ".join(text[m.end() : stop].split())
        if not value:
            continue
        regions.append((m.start(), m.end(), stop))
        label = " ".join(m.group("label").lower().replace("’", "'").split())
        kind = "translator" if label.startswith("translator") else "note"
        span = (m.start(), end if stop == end - 1 else stop)
        out.append((Fact(kind, value, label, text[span[0] : span[1]]), span))
        bracketed.append(span)
    taken = list(bracketed)
    for m in _TRANSLATED.finditer(text) if "translat" in low else ():
        if _overlaps(m.span(), taken):
            continue
        value = (m.group("value") or m.group("value2") or "").strip(" ,")
        if not value:
            continue
        label = (m.group("label") or m.group("label2")).lower()
        label = "translated by" if label in ("translated", "translation") else "translator"
        span = m.span()
        out.append((Fact("translator", value, label, _holding(text, span)), span))
        taken.append(span)
    line_taken: list[tuple[int, int]] = []
    present = tuple(k for k, hint in enumerate(_LINE_NOTE_HINTS) if hint in low)
    line_note = _line_note_pattern(present) if present else None
    for m in line_note.finditer(text) if line_note else ():
        # A line note may sit inside a bracketed stamp ("[stamp: Incoming Nº 1397/shs ...]").
        if _overlaps(m.span(), line_taken) or _overlaps(m.span(), taken[len(bracketed) :]):
            continue
        if any(a <= m.start() < c for a, c, _e in regions):
            continue  # the label of a bracketed note ("[Translator's note: ...")
        k = int((m.lastgroup or "n0")[1:])
        label = _LINE_NOTE_LABELS[k][0]
        end = _note_end(text, m.end(), [e for _a, c, e in regions if c <= m.start() < e])
        whole = text[m.start() : end].strip()
        content = text[m.end() : end].strip(" ,;:\n")
        if not content:
            continue
        value = _balanced(" ".join((whole if m.end() == m.start() else content).split()))
        whole = _balanced(whole)
        span = (m.start(), end)
        out.append((Fact("note", value, label, whole), span))
        line_taken.append(span)
    out.sort(key=lambda fs: fs[1])
    return out


def _balanced(text: str) -> str:
    """Drop a closing bracket the note does not open: 'Incoming Nº 3462/shs 14 October 1949]'."""
    while text.endswith("]") and text.count("]") > text.count("["):
        text = text[:-1].rstrip()
    return text


# A word each line-note label above holds, to compile only the labels a text can match.
_LINE_NOTE_HINTS = (
    "verified", "checked", "typed", "deciphered", "decoded", "incoming", "outgoing", "cop",
    "sent in", "subject to return", "spravka", "attachment", "paragraph", "note",
)  # fmt: skip


assert len(_LINE_NOTE_HINTS) == len(_LINE_NOTE_LABELS)


@cache
def _line_note_pattern(present: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w’'])(?:"
        + "|".join(rf"(?P<n{k}>{_LINE_NOTE_LABELS[k][1]})" for k in present)
        + ")",
        re.I,
    )


# Words every note above contains: text without any of them (nor a '[') holds no note.
_NOTE_HINTS = (
    "translat", "verified", "checked", "typed", "deciphered", "decoded", "incoming", "outgoing",
    "cop", "subject to return", "spravka", "attachment", "paragraph", "note",
)  # fmt: skip


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


_NEXT_LINE = re.compile(r"\n\s*(\S[^\n]*)")
_NEXT_SHORT_LINE = re.compile(r"\s*\n\s*([^\n]*)")
_DANGLING = re.compile(r"\b(?:the|to|of|by|and|from|for|in|at|a|an|with)\s*$", re.I)


def _note_end(text: str, pos: int, inside: list[int] | None = None) -> int:
    """Where a line note ends: its line's end, the next note when lines were run together,
    or the bracket it sits in; a line ending mid-phrase ("Subject to return to the")
    continues on the next printed line, as does a next line starting in lower case."""
    end = _line_end(text, pos)
    for _ in range(3):
        nxt = _NEXT_LINE.match(text, end)
        if not nxt or _LINE_NOTE.match(nxt.group(1)):
            break
        if _DANGLING.search(text[pos:end]) or nxt.group(1)[:1].islower():
            end = nxt.end()
        else:
            break
    limit = min(inside) if inside else len(text)
    end = min(end, limit)
    nxt = _LINE_NOTE.search(text, pos + 1, end)
    if nxt and nxt.start() > pos:
        end = nxt.start()
    # A reflowed paragraph: stop at a sentence end followed by a capital ("... 0355 Subject").
    sent = _NOTE_SENTENCE_END.search(text, pos, end)
    if sent:
        end = sent.start() + 1
    return end


_NOTE_SENTENCE_END = re.compile(r"(?<=[a-z\])])\.\s+(?=[A-Z])")


def _unclosed_end(text: str, pos: int) -> int:
    """A '[Stamp: ...' never closed: its short printed lines, up to a line of prose."""
    end = _line_end(text, pos)
    end = end if text[pos:end].strip() and "\n" not in text[pos:end] else pos
    for _ in range(5):
        nxt = _NEXT_SHORT_LINE.match(text, end)
        if not nxt or not nxt.group(1) or len(nxt.group(1)) > 70:
            break
        end = nxt.end()
    return end if end > pos else _line_end(text, pos)


def _holding(text: str, span: tuple[int, int]) -> str:
    """The sentence of text around span."""
    for a, b in _sentence_spans(text):
        if a <= span[0] < b:
            return text[a:b]
    return text[span[0] : span[1]]


def _notes(text: str) -> list[Fact]:
    return [f for f, _span in _note_facts(text)]


# -- matching ----------------------------------------------------------------------------------
_KEY_WORD = re.compile(r"[a-z][a-z0-9\-’']*")


@memo(maxsize=65_536)
def _keys(text: str) -> frozenset[str]:
    """Comparable forms of a phrase's content words: lower case, singular, stemmed."""
    out = set()
    for w in _KEY_WORD.findall(text.lower()):
        if w in _STOP or len(w) < 2:
            continue
        s = singular(w)
        out.add(stem(s))
        for part in w.split("-") if "-" in w else ():
            if len(part) > 2:
                out.add(stem(singular(part)))
    return frozenset(out)


SYNONYM_WEIGHT = 0.5  # a word met only through a synonym counts half (planes ~ aircraft)


def find_facts(
    cable: Cable,
    thing_words: set[str],
    *,
    frame: str | None = None,
    kind: str | None = None,
    synonyms: Mapping[str, Iterable[str]] | None = None,
) -> list[Fact]:
    """Facts of cable whose thing shares words with thing_words, best overlap first.

    Words compare lower-cased, singular and stemmed ("plane" meets "planes", "trained" meets
    "training"). synonyms (e.g. Aliases.synonyms: word -> words it may stand for) lets
    "planes" meet "aircraft" at SYNONYM_WEIGHT. frame / kind, when given, keep only facts
    with that frame / kind. Among equal overlaps: more of the words anywhere in the fact's
    sentence first, then the thing with fewer words of its own, then reading order. Facts
    whose thing shares no word are left out.
    """
    wanted: set[str] = set()
    for w in thing_words:
        wanted |= _keys(w)
    if not wanted:
        return []
    related: set[str] = set()
    if synonyms:
        for w in thing_words:
            low = w.lower()
            for other in (*synonyms.get(low, ()), *synonyms.get(singular(low), ())):
                related |= _keys(other)
        related -= wanted
    scored = []
    for order, fact in enumerate(cable.facts):
        if frame is not None and fact.frame != frame:
            continue
        if kind is not None and fact.kind != kind:
            continue
        have = _keys(fact.thing)
        exact = len(have & wanted)
        near = len(have & related)
        score = exact + SYNONYM_WEIGHT * near
        if not score:
            continue
        around = len(_keys(fact.words) & wanted)
        scored.append((-score, -around, len(have) - exact - near, order, fact))
    scored.sort(key=lambda t: t[:4])
    return [t[-1] for t in scored]
