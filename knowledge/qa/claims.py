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
    from knowledge.collection import Collection
    from knowledge.qa.query import Query
    from knowledge.qa.resolve import Resolution
    from knowledge.records import Cable

CLAIM_COVERAGE = 0.5
CLAIM_COVERAGE_COUNTED = 0.25  # when the sentence gives a number for the claim's thing
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
VERDICT_WORDS = re.compile(r"\b(?:" + "|".join(_VERDICT) + r")\w*|\b(?:not|cannot|can't|won't)\b", re.I)
VERDICT_SYNONYMS = {w: _VERDICT for w in ("accept", "agree", "approve", "refuse", "reject", "decline", "consent", "concur")}
# "was the plan wrong": the cable judges it either way ("we consider your decision correct")
VERDICT_SYNONYMS |= {w: ("correct", "right", "wrong", "incorrect", "mistake", "mistaken", "error") for w in ("wrong", "correct", "right", "mistake", "incorrect")}
_CLAIM_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(thousand|million|billion))?\s+"
    r"(?:(?:more|extra|additional|new|other)\s+)?"
    r"((?:(?!(?:for|from|to|in|on|by|of|within|during|before|after|at|and|or|extra|more|additional|than|"
    r"right|correct|true|yes|no)\b)[A-Za-z][\w\-]*\s*){1,5})",
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


def _said(phrase: str) -> float | None:
    """The value a number phrase states: '2 billion won' -> 2e9, 'two LA-11 regiments' -> 2,
    'cartridges 58,000,000' -> 58e6; None for a range."""
    for m in re.finditer(r"\d[\d,.]*(?:\s+(?:thousand|million|billion))?|[A-Za-z]+(?:[-\s](?:thousand|million|hundred))?", phrase):
        token = m.group(0).strip(".,;:()")
        value = _value(token)
        if value is not None:
            after = phrase[m.end() : m.end() + 3]
            if re.match(r"\s*[-–]\s*\d", after):
                return None  # "25-35": a range is no single value
            return value
    return None


def _claimed(query: Query) -> tuple[float | None, list[str]]:
    """The number a claim states and the words of what it counts ('900 tents' -> 900, [tent])."""
    for m in _CLAIM_NUMBER.finditer(query.text):
        if m.group(1).replace(",", "") not in query.claim_numbers:
            continue
        want = _value(m.group(1) + (f" {m.group(2)}" if m.group(2) else ""))
        thing = [singular(w.lower()) for w in m.group(3).split() if len(w) > 2][-1:]  # its head
        thing = [w for w in thing if w not in ("extra", "more", "additional", "new", "other")] or thing
        of = re.match(r"\s*of\s+(?:the\s+)?([A-Za-z][\w\-]+)", query.text[m.end(3) :])
        if thing and thing[0] in MEASURE_WORDS and of:
            thing = [singular(of.group(1).lower())]  # "500 pieces of artillery": artillery
        return want, thing
    return None, []


def _claimed_phrase(query: Query) -> list[str]:
    """All the words of what a claimed number counts, singular ('rifle cartridges' ->
    [rifle, cartridge]); empty when the claim gives no number."""
    for m in _CLAIM_NUMBER.finditer(query.text):
        if m.group(1).replace(",", "") in query.claim_numbers:
            words = [singular(w.lower()) for w in m.group(3).split() if len(w) > 2]
            return [w for w in words if w not in ("extra", "more", "additional", "new", "other")]
    return []


# Words that measure or box a thing: "pieces of artillery" counts artillery.
MEASURE_WORDS = frozenset(["piece", "unit", "set", "ton", "lot", "kind", "type", "item"])

MESSAGE_WORD = r"(?:telegram|tel|cable|message|msg|letter|directive|order|instruction|reply|note)s?"


def _names_a_message(text: str, date_text: str) -> bool:
    """Whether the question writes the date as a message's ("his 30 January telegram", "the
    cable of 30 January"), not as the time of what it claims."""
    at = text.lower().find(date_text.lower())
    if at < 0:
        return False
    before, after = text[:at].lower(), text[at + len(date_text) :].lower()
    return bool(re.match(rf"\s*{MESSAGE_WORD}\b", after) or re.search(rf"\b{MESSAGE_WORD}\s+(?:of|dated|from)\s+$", before))


def check_claim(
    lib: Collection, query: Query, res: Resolution, cables: list[Cable], own_first: bool = True
) -> Answer | None:
    """Yes with the supporting sentence, No with the contradicting one, or None (not found).
    A number claimed of what someone asked is decided by their own cables first, then by the
    others (a report of their request: "Kim asked my advice about forming three divisions")."""
    from knowledge.qa.passages import holds
    from knowledge.qa.sentences import best_units, holds_date, number_near

    header = header_claim(lib, query, res, cables)
    if header is not None:
        return header
    want, thing = _claimed(query)
    askers = [m.name for m in query.people if m.role_hint == "sender" and not m.possessive]
    own = [c for c in cables if c.sender and c.sender.name in askers]
    if want is not None and own and own_first:
        # "did Zhou ask for 1000 automobiles": Zhou's own cables decide, when they tell
        got = check_claim(lib, query, res, own, own_first=False)
        if got is not None or len(own) == len(cables):
            return got
    alts = {w: VERDICT_SYNONYMS[w] for w in query.focus if w in VERDICT_SYNONYMS}
    # The claim's subject speaks in their own cables: "did Stalin accept" is decided by
    # Stalin's words, not by the request he answers. A question in the text decides nothing.
    subject = next((m.name for m in query.people if not m.possessive), "")
    rank = {c.id: SUBJECT_BONUS for c in cables if c.sender and subject and c.sender.name == subject}
    dated = [d for d in query.dates if not res.date_matched]
    cited = [d for d in dated if _names_a_message(query.text, d.text)]
    if cited:
        # "was Stalin's 30 January telegram a directive": the date names the telegram the claim
        # is about; the cables citing it decide, their sentences need not repeat the date.
        from knowledge.qa.passages import units_of

        citing = [c for c in cables if any(holds_date(u.text, cited) for u in units_of(c))]
        if not citing:
            return None
        cables = citing
        dated = [d for d in dated if d not in cited]

    def statement(s: str) -> bool:
        return not s.rstrip().endswith("?")

    def counts(s: str) -> bool:
        return statement(s) and number_near(s, thing[-1:] or thing) is not None

    def same_count(s: str) -> bool:
        phrase = number_near(s, thing[-1:] or thing) if statement(s) else None
        return phrase is not None and _said(phrase) == want

    def on_date(s: str) -> bool:
        return not dated or holds_date(s, dated)

    frame_cue = REQUEST_CUES if REQUEST_VERB.search(query.text) else PROMISE_CUES if PROMISE_VERB.search(query.text) else None

    def bonus(s: str) -> float:
        return FRAME_BONUS if frame_cue and frame_cue.search(s) else 0.0

    best = None
    if want is not None:
        # A sentence giving the claimed number for the thing supports it; failing that, the
        # sentence giving another number for it refutes it ("No: two regiments").
        # A number and its thing (and the claim's date) held together are evidence enough at a
        # lower share of the claim's other words.
        passes = [lambda s: same_count(s) and on_date(s), lambda s: counts(s) and on_date(s)]
        if not dated:
            passes.append(counts)
        phrase_words = _claimed_phrase(query)
        if len(phrase_words) > 1:
            # "two million rifle cartridges": a count of rifle cartridges before one of any
            # cartridges ("battle sets of rifle-machine gun cartridges")
            together = re.compile(r"\b" + r"[\s-]+".join(re.escape(w) + r"\w*" for w in phrase_words) + r"\b", re.I)

            def whole(s: str) -> bool:
                return counts(s) and on_date(s) and bool(together.search(s))

            passes.insert(1, whole)
        for need in passes:
            best = best_units(query, cables, need=need, alternatives=alts, rank=rank, bonus=bonus)
            if best is not None and best.coverage >= CLAIM_COVERAGE_COUNTED:
                break
            best = None
    if best is None:
        want = None
        need = lambda s: statement(s) and on_date(s)  # noqa: E731
        if alts:
            # "did X agree to ...": the deciding sentence gives a verdict ("we agree", "cannot",
            # "disadvantageous"); one only restating the proposal decides nothing.
            need = lambda s: statement(s) and on_date(s) and bool(VERDICT_WORDS.search(s) or VERDICT_NO.search(s))  # noqa: E731
        # "did X ask for ...": the sentence making the request ("we request ...") decides, not
        # one only reporting what led to it.
        best = best_units(query, cables, need=need, alternatives=alts, rank=rank, bonus=bonus)
    if best is None or best.coverage < (CLAIM_COVERAGE if want is None else CLAIM_COVERAGE_COUNTED):
        return None
    sentence = best.unit.text
    c = next(x for x in cables if x.id == best.unit.cable)
    focus = [w for w in query.focus if len(w) > 2]
    if want is None and len(focus) >= 2 and len(best.matched) < 2:
        return None  # one word of the claim is no evidence for or against it
    parties = {n for n, _r in c.party_roles()}
    named = lib.names.names_in(best.quote)
    if query.people and not any(m.name in parties or m.name in named for m in query.people):
        return None  # the sentence is not about the people the claim names
    where = describe(c)
    if want is not None:
        phrase = number_near(sentence, thing[-1:] or thing)
        said = _said(phrase) if phrase else None
        if phrase and said != want:
            return render(query.q, f"No: {phrase}, according to {where}.", [cite(c, best.quote)])
    matched = frozenset(best.matched)
    claim_negative = bool(EXPLICIT_NEGATION.search(query.text))
    if want is not None:
        # The claimed number stands in the sentence for the claimed thing: a negation right
        # before that phrase ("not 140 automobiles") is all that could refute it.
        phrase = number_near(sentence, thing[-1:] or thing) or ""
        at = sentence.find(phrase)
        before = " ".join(re.findall(r"[A-Za-z']+", sentence[:at])[-4:]) if at > 0 else ""
        verdict_no = bool(VERDICT_NO.search(sentence)) and not NEGATIVE_SENSE.search(query.text)
        refuted = (bool(NEAR_NEGATION.search(before)) or verdict_no) != claim_negative
        verdict = "No" if refuted else "Yes"
        return render(query.q, f"{verdict}: {phrase}, according to {where}.", [cite(c, best.quote)])
    verdict_claimed = VERDICT_NO.search(query.text)
    if verdict_claimed and not re.match(r"(?:im|in|un)\w+$", verdict_claimed.group(0), re.I):
        verdict_claimed = None  # "set aside", "premature": no word with an opposite to look for
    if verdict_claimed and not VERDICT_NO.search(sentence):
        # "did X think an attack was impossible": the sentence must judge it so, or say the
        # opposite ("fully possible"); one that only tells of the attack decides nothing
        opposite = re.sub(r"^(?:im|in|un|non)", "", verdict_claimed.group(0).lower())
        if opposite == verdict_claimed.group(0).lower() or not re.search(rf"\b{re.escape(opposite)}\b", sentence, re.I):
            return None
        return render(query.q, f"No, according to {where}:", [cite(c, best.quote)])
    negative_word = NEGATIVE_SENSE.search(query.text)
    negative_in_sentence = bool(
        negative_word
        and holds(singular(negative_word.group(0).lower()), sentence)
    )
    contrast = contrasted(query.text, sentence, matched)
    if contrast is not None:
        refuted = contrast != claim_negative
    elif max(negated_share(sentence, matched), negated_after(sentence, matched)) >= NEGATED_SHARE:
        refuted = not claim_negative
    elif STILL.search(query.text) and NO_LONGER.search(sentence):
        refuted = True  # "was the treaty still in effect": "no longer in effect"
    elif negative_word and not negative_in_sentence:
        refuted = True
    elif VERDICT_NO.search(sentence) and not negative_word:
        refuted = not claim_negative
    else:
        refuted = claim_negative
    verdict = "No" if refuted else "Yes"
    return render(query.q, f"{verdict}, according to {where}:", [cite(c, best.quote)])


NEGATED_SHARE = 0.5
# "not to give old automobiles ..., but to send new automobiles": what is denied, what is said.
NOT_BUT = re.compile(r"\bnot\b(?P<no>[^.;]{3,160}?),?\s+but\b(?P<yes>[^.;]{3,200})", re.I)
# "from US rather than UN", "by sea instead of by air": what is preferred, what is set aside.
RATHER = re.compile(
    r"(?P<yes>(?:\b[\w'’-]+\s+){0,2}[\w'’-]+)\s+(?:rather than|instead of|in place of)\s+"
    r"(?P<no>(?:the\s+)?[\w'’-]+)",
    re.I,
)


def contrasted(claim: str, sentence: str, matched: frozenset[str]) -> bool | None:
    """Whether the sentence's contrast refutes the claim: True when the claim holds what the
    sentence denies ("not ... X, but Y") or prefers the other way round ("A rather than B" said,
    "B rather than A" claimed); False when it holds what the sentence affirms; None when the
    sentence sets nothing against anything the claim says."""
    from knowledge.aliases import norm
    from knowledge.qa.passages import holds

    said = RATHER.search(sentence)
    claimed = RATHER.search(claim)
    if said and claimed:
        last = lambda t: norm(t).split()[-1]  # noqa: E731
        yes, no = last(said.group("yes")), last(said.group("no"))
        c_yes, c_no = last(claimed.group("yes")), last(claimed.group("no"))
        if (c_yes, c_no) == (no, yes):
            return True
        if (c_yes, c_no) == (yes, no):
            return False
    m = NOT_BUT.search(sentence)
    if not m:
        return None
    words = [w for w in re.findall(r"[a-z][\w'-]+", norm(claim)) if len(w) > 2]
    denied = [w for w in words if holds(w, m.group("no")) and not holds(w, m.group("yes"))]
    affirmed = [w for w in words if holds(w, m.group("yes")) and not holds(w, m.group("no"))]
    if not (set(denied) | set(affirmed)) & set(matched) and not denied:
        return None
    if len(denied) > len(affirmed):
        return True
    if len(affirmed) > len(denied):
        return False
    return None
STILL = re.compile(r"\bstill\b", re.I)
NO_LONGER = re.compile(r"\bno longer\b|\bnot\b[^.;]{0,30}\bany (?:longer|more)\b|\bceased\b", re.I)
# Which of several numbers for the thing a claim means: "did Zhou ask for" a request's, not
# what he could mobilise himself.
REQUEST_VERB = re.compile(r"\b(?:ask|asked|request\w*|want\w*|need\w*|demand\w*|apply|applied)\b", re.I)
PROMISE_VERB = re.compile(r"\b(?:promis\w*|offer\w*|send|sent|deliver\w*|give|gave|supply|supplied|transfer\w*)\b", re.I)
# "the need for them": a noun, no request
REQUEST_CUES = re.compile(r"\b(?:ask|request|(?<!\bthe )need|send us|please|require|apply|application|want)\w*", re.I)
PROMISE_CUES = re.compile(r"\b(?:will (?:be )?(?:send|deliver|transfer|give|hand)\w*|promise\w*|can give|we (?:will )?(?:send|give|deliver))", re.I)
FRAME_BONUS = 0.15  # share of the claim's words a negation must govern to refute it


def negated_after(text: str, words: frozenset[str], window: int = 12) -> float:
    """Share of words standing in the clause a plain negation opens (up to window words, to
    'but' or the clause's end): "you will not make this issue a final breaking point", "we do
    not consider it advisable to approve ... unilateral suspension"."""
    from knowledge.aliases import norm
    from knowledge.qa.passages import holds

    if not words:
        return 0.0
    clauses = re.split(r"[;:.]|\bbut\b", text)
    negated: set[str] = set()
    for clause in clauses:
        tokens = [norm(t) for t in re.findall(r"[A-Za-z']+", clause)]
        for i, t in enumerate(tokens):
            if NEAR_NEGATION.fullmatch(t):
                span = " ".join(tokens[i + 1 : i + 1 + window])
                negated |= {w for w in words if holds(w, span)}
    return len(negated) / len(words)


def negated_share(text: str, words: frozenset[str], window: int = 5) -> float:
    """Share of words whose first occurrence in text has a plain negation just before it;
    "not to give you old automobiles, but to send new automobiles to Manchuria station"
    negates the automobiles, not the sending or the station."""
    from knowledge.aliases import norm
    from knowledge.qa.passages import holds

    tokens = [norm(t) for t in re.findall(r"[A-Za-z']+", text)]
    if not words:
        return 0.0
    negated = 0
    for w in words:
        for i, t in enumerate(tokens):
            if holds(w, t):
                if NEAR_NEGATION.search(" ".join(tokens[max(0, i - window) : i])):
                    negated += 1
                break
    return negated / len(words)


# A claim about a cable's header: "was tel 26637 sent by Zhou Enlai", "sent thru Zakharov".
HEADER_ROLES = [
    ("via", re.compile(r"\b(?:via|thru|through|by way of)\s+$", re.I)),
    ("signer", re.compile(r"\bsigned\s+by\s+$", re.I)),
    ("sender", re.compile(r"\b(?:sent|written|wired|cabled)\s+by\s+$|\bfrom\s+$", re.I)),
    ("recipient", re.compile(r"\b(?:sent|addressed|written|directed)\s+to\s+$", re.I)),
]


def header_claim(lib: Collection, query: Query, res: Resolution, cables: list[Cable]) -> Answer | None:
    """Yes or No for a claim naming who sent, received, signed or relayed a cable the question
    pins; None when the claim is not of that kind."""
    from knowledge.qa.compose import cap

    if res.how == "ranked" or not cables:
        return None
    for m in query.people:
        before = query.text[max(0, m.start - 25) : m.start]
        role = next((r for r, p in HEADER_ROLES if p.search(before)), None)
        if role is None:
            continue
        c = cables[0]
        holders = [n for n, r in c.party_roles() if r == role] if role != "signer" else []
        if role == "signer":
            holders = [lib.aliases.person(c.signature)] if c.signature else []
        if not holders:
            return None
        verb = {"via": "was sent via", "signer": "was signed by", "sender": "was sent by",
                "recipient": "was addressed to"}[role]  # fmt: skip
        verdict = "Yes" if m.name in holders else "No"
        quote = c.title if any(h.split()[-1].lower() in c.title.lower() for h in holders) else (c.addressee or c.title)
        return render(query.q, f"{verdict}: {cap(describe(c))} {verb} {' and '.join(holders)}.", [cite(c, quote)])
    return None
