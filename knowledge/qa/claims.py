"""Check a yes/no claim against the cables (stage 4), labelled as fact-checkers label claims.

The sentence that best holds the claim's words is found in the resolved cables. Then:
- a number the claim states is compared with the number the sentence gives for the same
  thing: a different number refutes it ("No: two regiments");
- a negation next to the claim's own words ("did not mean ROK Govt opposed"), a verdict word
  ("physically impossible", "disadvantageous"), or the claim's negative word missing where the
  sentence affirms ("was the plan wrong?" against "we consider your decision correct")
  refutes it;
- otherwise the sentence supports it. No sentence holding enough of the claim: found false.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.answers import Answer
from knowledge.qa.compose import cite, describe, render
from knowledge.text import parse_number, singular

if TYPE_CHECKING:
    from knowledge.library import Library
    from knowledge.qa.query import Query
    from knowledge.qa.resolve import Resolution
    from knowledge.records import Cable

CLAIM_COVERAGE = 0.5
SUBJECT_BONUS = 0.2  # added to sentences of cables the claim's subject sent  # share of the claim's weighted words the deciding sentence must hold
EXPLICIT_NEGATION = re.compile(r"\b(?:not|never|no|n't|didn't|wasn't|weren't|isn't|doesn't|don't)\b", re.I)
NEAR_NEGATION = re.compile(
    r"\b(?:not|no|never|nor|cannot|can't|won't|don't|doesn't|didn't|isn't|wasn't|weren't|"
    r"shouldn't|wouldn't|couldn't)\b",
    re.I,
)
# Words by which a claim itself says no: asked "did X refuse", the cable's "will fulfil" refutes.
NEGATIVE_SENSE = re.compile(
    r"\b(?:refus\w*|reject\w*|declin\w*|wrong|incorrect|oppos\w*|against|den(?:y|ied)|"
    r"disagree\w*|turn(?:ed)? down|cancel\w*|abandon\w*|fail\w*|unilateral)\b",
    re.I,
)
VERDICT_NO = re.compile(
    r"\b(?:impossible|unthinkable|disadvantageous|unacceptable|inadvisable|premature|"
    r"set aside|not expedient|inexpedient|undesirable|out of the question|no such)\b",
    re.I,
)
# Words a cable answers a request with, searched along with the claim's own verb.
# A verdict on a request is given in either direction: asked "did X refuse", the cable's "will
# be satisfied" is the evidence (against the claim), as "cannot" is for "did X accept".
_VERDICT = (
    "agree", "affirmative", "consent", "approve", "satisfy", "satisfied", "fulfil", "fulfill",
    "accept", "correct", "refuse", "reject", "decline", "cannot", "impossible", "unthinkable",
    "disadvantageous", "concur",
)  # fmt: skip
VERDICT_SYNONYMS = {w: _VERDICT for w in ("accept", "agree", "approve", "refuse", "reject", "decline", "consent", "concur")}
_CLAIM_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(thousand|million|billion))?\s+([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*)?)",
    re.I,
)


def _value(text: str) -> float | None:
    text = text.strip().lower().replace("–", "-")
    if "-" in text and re.fullmatch(r"[\d,\s]+-[\d,\s]+", text):
        return None  # a range is no single value
    v = parse_number(text)
    if v is None:
        words = text.replace("-", " ").split()
        total = 0.0
        for w in words:
            n = parse_number(w)
            if n is None:
                return None
            total = total * n if n in (100, 1000, 1_000_000) and total else total + n
        return total or None
    return v


def check_claim(lib: Library, query: Query, res: Resolution, cables: list[Cable]) -> Answer | None:
    """Yes with the supporting sentence, No with the contradicting one, or None (not found)."""
    from knowledge.qa.passages import _match, negated_near, word_forms
    from knowledge.qa.pipeline import _best_units, _number_near

    claimed = [(m.group(0), m.group(1), m.group(2), m.group(3)) for m in _CLAIM_NUMBER.finditer(query.text)]
    claimed = [c for c in claimed if c[1].replace(",", "") in query.claim_numbers]
    thing = []
    if claimed:
        thing = [singular(w.lower()) for w in claimed[0][3].split() if len(w) > 2]
        need = lambda s: _number_near(s, thing[-1:] or thing) is not None  # noqa: E731
    else:
        need = None
    alts = {w: VERDICT_SYNONYMS[w] for w in query.focus if w in VERDICT_SYNONYMS}
    # The claim's subject speaks in their own cables: "did Stalin accept" is decided by
    # Stalin's words, not by the request he answers. A question in the text decides nothing.
    subject = next((m.name for m in query.people if not m.possessive), "")
    rank = {c.id: SUBJECT_BONUS for c in cables if c.sender and subject and c.sender.name == subject}
    statement = need

    def need(s: str, base=statement) -> bool:
        return not s.rstrip().endswith("?") and (base is None or base(s))

    best = _best_units(query, cables, need=need, alternatives=alts, rank=rank)
    if best is None and claimed:
        best = _best_units(query, cables, alternatives=alts, rank=rank, need=lambda s: not s.rstrip().endswith("?"))
        claimed = []
    if best is None or best.coverage < CLAIM_COVERAGE:
        return None
    sentence = best.unit.text
    c = next(x for x in cables if x.id == best.unit.cable)
    focus = [w for w in query.focus if len(w) > 2]
    if len(focus) >= 2 and len(best.matched) < 2:
        return None  # one word of the claim is no evidence for or against it
    parties = {n for n, _r in c.party_roles()}
    named = lib.names.names_in(sentence)
    if query.people and not any(m.name in parties or m.name in named for m in query.people):
        return None  # the sentence is not about the people the claim names
    where = describe(c)
    if claimed:
        phrase = _number_near(sentence, thing[-1:] or thing)
        said = _value(re.split(r"\s+(?=[A-Za-z])", phrase.strip(), maxsplit=1)[0]) if phrase else None
        if phrase and "-" not in phrase.split()[0]:
            # "two regiments", "1 million": the number words before the thing
            head = re.match(r"([\w,.\-]+(?:\s+(?:thousand|million|billion|hundred))?)", phrase)
            said = _value(head.group(1)) if head else said
        want = _value(claimed[0][1] + (f" {claimed[0][2]}" if claimed[0][2] else ""))
        if phrase and want is not None and said != want:
            return render(query.q, f"No: {phrase}, according to {where}.", [cite(c, sentence)])
    matched = frozenset(best.matched)
    claim_negative = bool(EXPLICIT_NEGATION.search(query.text))
    negative_word = NEGATIVE_SENSE.search(query.text)
    vocab = word_forms(sentence)
    negative_in_sentence = bool(
        negative_word
        and _match(singular(negative_word.group(0).lower()), vocab, frozenset(vocab))
    )
    near = negated_near_strict(sentence, matched)
    if near:
        refuted = not claim_negative
    elif negative_word and not negative_in_sentence:
        refuted = True
    elif VERDICT_NO.search(sentence) and not negative_word:
        refuted = not claim_negative
    else:
        refuted = claim_negative
    _ = negated_near  # the looser test is the passages module's; claims need the strict one
    verdict = "No" if refuted else "Yes"
    return render(query.q, f"{verdict}, according to {where}:", [cite(c, sentence)])


def negated_near_strict(text: str, words: frozenset[str], window: int = 5) -> bool:
    """Whether a plain negation ('not', 'no', "didn't") stands just before one of words."""
    from knowledge.aliases import norm
    from knowledge.qa.passages import _match

    tokens = [norm(t) for t in re.findall(r"[A-Za-z']+", text)]
    for i, t in enumerate(tokens):
        if any(_match(w, (t,), frozenset((t,))) for w in words):
            before = " ".join(tokens[max(0, i - window) : i])
            if NEAR_NEGATION.search(before):
                return True
    return False
