"""Cross-references in telegraphese: which telegrams a cable cites, answers or follows up.

American cables write them as Deptel 417 (a Department telegram), Embtel 2064 (an Embassy's),
urtel / Reurtel 389 (your telegram, being answered), mytel / remytel 362 (my own), reftel (the
one referred to), "your telegram No. 3153", "your 522", "my No. 1187"; Soviet ones as "to your
No. 483/sh" or "in reply to your telegram". A number may be followed by its date
("Deptel 210, April 5") and lists share one word ("Embtels 813, 819 and 822"). Routing lines
("Sent Department 815, repeated information Paris 77") say where this cable went, not what it
cites, and are skipped. Kinds are those of knowledge.records.CrossReference.
"""

from __future__ import annotations

import re

from knowledge.parse.frus import is_routing
from knowledge.records import CrossReference

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# "417", "483/sh", "A–68", "CX 62465", "JCS 90083", "HNC 1236"
_NUM = r"(?:(?-i:[A-Z]{1,4})[ –\-]?)?\d+(?:/[A-Za-z]+|/\d+)?(?![\d,]\d)"
_DATE = (
    rf"(?:,?\s*(?:of\s+)?(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?(?:,\s*\d{{1,2}}(?::\d{{2}})?\s*[ap]\.\s?m\.)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}))?"
)
_LIST = rf"(?P<nums>{_NUM}(?:\s*\[\d+\])?(?:\s*(?:,|and|&)\s*{_NUM}(?!\s*{_MONTH}))*)"

# (kind, the words before the number); checked in order, the first kind to claim a span wins.
_CUES: list[tuple[str, str]] = [
    ("department", r"\b(?:Re)?(?:Deptels?|Depcirtels?|Deptel\s+circ(?:ular)?)"),
    ("embassy", r"\b(?:Re)?Embtels?|\bEmbassy(?:'s|’s)?\s+tel(?:egram)?s?"),
    (
        "reply-to",
        r"\b(?:in\s+(?:reply|answer)\s+to\s+(?:your|his|her)\s+(?:tel(?:egram)?s?\s+)?(?:No\.?\s*)?)",
    ),
    ("own", r"\bin\s+addition\s+to\s+my\s+(?:tel(?:egram)?s?\s+)?(?:No\.?\s*)?"),
    ("reply-to", r"\b(?:Re)?ur\s?tels?|\bRe(?:ur)?\s+(?=(?-i:[A-Z]{1,4})\s\d)|\bReur\b"),
    (
        "reply-to",
        r"\b(?:to\s+)?your\s+(?:tel(?:egram)?s?|cable|message|No\.?|Nos\.?)\s*(?:No\.?\s*)?|\byour\s+(?=\d)",
    ),
    ("reply-to", r"\b(?:reply\s+to\s+)?(?:his|her)\s+tel(?:egram)?s?\s*(?:No\.?\s*)?"),
    (
        "own",
        r"\b(?:Re)?my\s?tels?|\bmy\s+(?:tel(?:egram)?s?|No\.?|Nos\.?|cable)\s*(?:No\.?\s*)?|\bour\s+(?:tel(?:egram)?s?\s*)?(?=\d)",
    ),
    (
        "reference",
        r"\bRe\s?ftels?|\btel(?:egram)?s?\s+(?:No\.?\s*)?(?=(?:(?-i:[A-Z]{1,4})[ –\-]?)?\d)",
    ),
]
# One scan a paragraph: each cue is a named group k0, k1, ...; at one place the first cue wins.
_PATTERN = re.compile(
    "(?:"
    + "|".join(f"(?P<k{i}>{cue})" for i, (_kind, cue) in enumerate(_CUES))
    + rf")\s*{_LIST}{_DATE}",
    re.I,
)
_KIND_OF = {f"k{i}": kind for i, (kind, _cue) in enumerate(_CUES)}
_DIGIT = re.compile(r"\d")
_BARE_REFTEL = re.compile(r"\breftel\b", re.I)
_REPLY_WORDS = re.compile(
    r"\b(?:in\s+)?(?:reply|replied|replying|answer(?:ed|ing)?)\s+to\s+(?:your|his|her)\s+"
    r"(?:telegram|cable|message|letter)\b",
    re.I,
)


def find_cross_references(
    paragraphs: tuple[str, ...] | list[str], footnotes: tuple[str, ...] | list[str] = ()
) -> tuple[CrossReference, ...]:
    """Every telegram a cable's text (then its footnotes) refers to, in order, each once.

    words are the clause the reference was read from; for a footnote they begin
    "footnote N: ". number is "" for a bare "reftel" or "in reply to your telegram".
    """
    found: list[CrossReference] = []
    seen: set[tuple[str, str, str]] = set()
    sources = [("", p) for p in paragraphs if not is_routing(p)]
    sources += [(f"footnote {k}: ", n) for k, n in enumerate(footnotes, 1)]
    for prefix, text in sources:
        for ref in _in_text(text):
            key = (ref.kind, ref.number, ref.date)
            if key in seen:
                continue
            seen.add(key)
            found.append(CrossReference(ref.kind, ref.number, prefix + ref.words, ref.date))
    return tuple(found)


def _in_text(text: str) -> list[CrossReference]:
    taken: list[tuple[int, int]] = []
    hits: list[tuple[int, CrossReference]] = []
    low = text.lower()
    # Every cue is followed by a number and holds one of a few words: a text without them
    # has none (C scans instead of trying the nine cues at every character).
    for m in _PATTERN.finditer(text) if _may_cite(text, low) else ():
        numbers = _numbers(m.group("nums"))
        if not numbers:
            continue
        kind = next(_KIND_OF[k] for k in _KIND_OF if m.group(k) is not None)
        taken.append((m.start(), m.end()))
        words = _clause(text, m.start(), m.end())
        date = " ".join((m.group("date") or "").split())
        if re.search(r"[A-Za-z]{4,}\.$", date):
            date = date[:-1]  # "28 November." ends the sentence; "Apr." keeps its point
        for n in numbers:
            # a date belongs to the last number of a list ("Embtels 813 and 819, Dec 11")
            hits.append(
                (m.start(), CrossReference(kind, n, words, date if n == numbers[-1] else ""))
            )
    for m in _BARE_REFTEL.finditer(text) if "reftel" in low else ():
        if not any(a <= m.start() < b for a, b in taken):
            hits.append(
                (m.start(), CrossReference("reference", "", _clause(text, m.start(), m.end())))
            )
    for m in _REPLY_WORDS.finditer(text) if "repl" in low or "answer" in low else ():
        if not any(a <= m.start() < b for a, b in taken):
            hits.append(
                (m.start(), CrossReference("reply-to", "", _clause(text, m.start(), m.end())))
            )
    return [ref for _pos, ref in sorted(hits, key=lambda h: h[0])]


# What every cue of _PATTERN holds, lower-cased: "tel" (Deptel, urtel, mytel, reftel,
# telegram...), "reply", "answer", "addition", "your", "reur"; the rest ("my No.", "our
# 522", "Re CX 62465") are checked on the text with its whitespace runs made single spaces.
_CUE_WORDS = ("tel", "reply", "answer", "addition", "your", "reur")
_OTHER_CUES = re.compile(r"my no|my cable|our \d|re(?:ur)? (?-i:[A-Z]{1,4}) \d", re.I)


def _may_cite(text: str, low: str) -> bool:
    """False when _PATTERN cannot match text (low: text.lower()); True when it may."""
    if not _DIGIT.search(text):
        return False
    if any(w in low for w in _CUE_WORDS):
        return True
    return bool(_OTHER_CUES.search(" ".join(text.split())))


def _numbers(text: str) -> list[str]:
    text = re.sub(r"\s*\[\d+\]", "", text)  # an editor's correction: "mytel 34 [15]"
    pieces = re.split(r"\s*(?:,|\band\b|&)\s*", text, flags=re.I)
    return [" ".join(p.split()) for p in pieces if re.search(r"\d", p)]


def _clause(text: str, start: int, end: int, limit: int = 220) -> str:
    """The sentence around text[start:end], cut to about limit characters around it."""
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    left = 0 if left < 0 else left + 2
    right_candidates = [i for i in (text.find(". ", end), text.find("; ", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    if right - left > limit:
        left = max(left, start - limit // 3)
        right = min(right, end + limit // 2)
    return text[left:right].strip()
