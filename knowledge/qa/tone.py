"""Whether a reply said yes or no: "was the reply positive", "was Stalin's answer a refusal".

A claim about a reply's tone is decided by the reply's own verdict sentence: one granting the
request ("Your request will be satisfied", "we agree") says yes, one refusing it ("we cannot
send", "impossible") says no; the answer quotes it. A cable is a reply when its text points back
at the message it answers ("I received the telegram", "your telegram", "in reply to", "your
request"). No reply among the resolved cables, or one giving no verdict: None (the claim
checker then decides, or the answer is "not in the cables").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.qa.compose import cite, describe, render
from knowledge.text import sentences

if TYPE_CHECKING:
    from knowledge.answers import Answer
    from knowledge.qa.query import Query
    from knowledge.records import Cable

# "was the reply positive", "was Stalin's answer favourable", "was the response a refusal"
TONE_ASKED = re.compile(
    r"^\s*(?:so\s+)?(?:was|is|were)\s+(?:the\s+|\w+'s\s+|\w+’s\s+|his\s+|her\s+)?(?:reply|answer|response|decision)\b"
    r".*\b(?P<tone>positive|favou?rable|affirmative|agreeable|a yes|yes|supportive|negative|unfavou?rable|"
    r"a refusal|a no|refusal|rejection|a rejection|no)\b",
    re.I,
)
NEGATIVE_TONE = re.compile(r"negative|unfavou?rable|refusal|rejection|\bno\b", re.I)
POINTS_BACK = re.compile(
    r"\b(?:I|we) (?:have )?received (?:the|your) (?:telegram|cable|message|letter|request)|\byour (?:telegram|tel|cable|"
    r"message|letter|request|application|proposal)\b|\bin (?:reply|answer|response) to\b",
    re.I,
)
GRANTED = re.compile(
    r"\b(?:will be (?:satisfied|fulfilled|met|granted|sent|delivered|transferred)|we (?:agree|consent|accept|approve)|"
    r"(?:is|are) (?:agreed|approved|accepted|granted)|(?:I|we) (?:have )?(?:agreed|approved|accepted)|"
    r"(?:I|we) (?:will|shall) (?:send|give|deliver|transfer|supply|provide|hand over|ship))\b",
    re.I,
)
REFUSED = re.compile(
    r"\b(?:(?:we|I) (?:cannot|can not|can't|are unable|refuse|decline|reject)|cannot be (?:satisfied|met|granted|sent)|"
    r"(?:is|are) (?:impossible|not possible|refused|rejected|declined))\b",
    re.I,
)


def reply_tone(query: Query, cables: list[Cable]) -> Answer | None:
    """Yes or No to a claim about a reply's tone, quoting the reply's verdict; None when the
    question asks no such thing or no resolved reply gives a verdict."""
    m = TONE_ASKED.search(query.text)
    if not m:
        return None
    claims_no = bool(NEGATIVE_TONE.search(m.group("tone")))
    named = [p for p in query.q.people if p.possessive or p.role_hint == "sender"]
    for c in cables:
        if named and not (c.sender and any(p.is_(n) for p in named for n in c.sender.name.split(" and "))):
            continue  # "was Stalin's answer ...": Stalin's own cables
        said = [s for p in c.paragraphs for s in sentences(p)]
        if not any(POINTS_BACK.search(s) for s in said):
            continue
        grants = [s for s in said if GRANTED.search(s) and not REFUSED.search(s)]
        refusals = [s for s in said if REFUSED.search(s) and not GRANTED.search(s)]
        if bool(grants) == bool(refusals):
            return None  # no verdict, or a part granted and a part refused: no plain yes or no
        granted = bool(grants)
        verdict = "No" if granted == claims_no else "Yes"
        kind = "grants" if granted else "refuses"
        return render(query.q, f"{verdict}: {describe(c)} {kind} the request:", [cite(c, (grants or refusals)[0])])
    return None
