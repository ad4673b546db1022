"""The end of a cable: its last sentence of its own text, for "how does it end" questions.

closing_line(query, res, cables) returns an Answer quoting the last sentence of the cable the
question's other words fit best, or None; last_sentence(cable) returns that sentence (str) or
None. Shared by the pipeline and the list answers (lists.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.qa.compose import cap, cite, describe, render
from knowledge.qa.passages import units_of
from knowledge.qa.sentences import MIN_COVERAGE, MIN_COVERAGE_PINNED, TOP_CABLES, best_units

if TYPE_CHECKING:
    from knowledge.answers import Answer
    from knowledge.qa.query import Query
    from knowledge.qa.resolve import Resolution
    from knowledge.records import Cable

# A line that is only a number: the sender's own number under the signature ("No. 1476/sh").
OWN_NUMBER_LINE = re.compile(r"^\s*(?:No\.?|N[º°o]\.?|#)\s*\d[\w/\-]*\s*\.?\s*$")

# The archive's or typist's notes at the foot of a cable ("sent in one copy from an original by
# Mokrov Nº 1644", "4 copies typed", "Deciphered by ..."): no part of what the sender wrote.
FILING_NOTE = re.compile(
    r"\b(?:cop(?:y|ies)|typed|deciphered|decoded|enciphered|original|distribution|distributed|"
    r"sent in|printed|verified|shift chief|incoming|outgoing|listy?|fond|opis|delo)\b|N[º°o]\.?\s*\d|#\s*\d",
    re.I,
)

# "how does Stalin's telegram to Mao end", "what did Kim wish Stalin at the end of his letter"
CLOSING_ASKED = re.compile(
    r"\bhow does\b.*\bend\b|\b(?:at|in) the (?:end|close) of\b(?!\s+(?:the\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec|\d|this|that|last|next|the (?:year|month|week|war)))|\bclos(?:e|es|ing) (?:line|words|sentence)\b|"
    r"\blast (?:line|sentence|words)\b|\bend(?:s|ed)? with\b",
    re.I,
)
COMPLIMENTARY_CLOSE = re.compile(
    r"\b(?:yours|respectfully|sincerely|regards|greetings)\b[^.]*,\s*$", re.I
)
LINE_WORDS = {"end", "ends", "ended", "close", "closing", "last", "line", "sentence", "word"}


def closing_line(query: Query, res: Resolution, cables: list[Cable]) -> Answer | None:
    """The last sentence of the cable's own text (before the complimentary close, signature,
    date and stamps) for "how does it end"; the cable is the one the question's other words
    fit best, as for a passage. None when none fits well enough."""
    from dataclasses import replace

    q = replace(query, focus=[w for w in query.focus if w not in LINE_WORDS])
    pinned = res.how in ("identifier", "mentioned") or (res.date_matched and len(res.cards) <= 2)
    best = None
    for c in cables[:TOP_CABLES]:
        last = last_sentence(c)
        if last is None:
            continue
        hit = best_units(q, [c])
        cover = hit.coverage if hit else 0.0
        if best is None or cover > best[0]:
            best = (cover, c, last)
    if best is None or best[0] < (MIN_COVERAGE_PINNED if pinned else MIN_COVERAGE):
        return None
    _cover, c, last = best
    return render(query.q, f"{cap(describe(c))} ends:", [cite(c, last)])


def last_sentence(c: Cable) -> str | None:
    """The last sentence of c's own text: four words or more, one of them in lower case, not a
    complimentary close ('Devotedly yours,'), a signature, a date or a number line."""
    body = [u.text for u in units_of(c) if u.part == "body"]
    for i in range(len(body) - 1, -1, -1):
        text = body[i]
        if i and COMPLIMENTARY_CLOSE.search(body[i - 1]):
            continue  # the signature under "Devotedly yours,"
        words = text.split()
        if len(words) < 4 or not re.search(r"\b[a-z]{3,}\b", text) or text.rstrip().endswith(","):
            continue
        if OWN_NUMBER_LINE.match(text) or re.match(r"\s*\[", text) or FILING_NOTE.search(text):
            continue
        return text
    return None
