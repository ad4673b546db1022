"""Which telegram a cable answers, and what answered it (stage 3, 'find', for reply targets).

"Telegram 41250 answers which telegram?", "which CX message does JCS 12345 refer to?" are
answered from the cable's own cross-references (read at ingest by knowledge.parse.xrefs),
quoting the sentence that holds the reference. "What did Orlov reply to Petrov?" follows the
reply links of knowledge.threads, saying whether a link is the cable's own words or
cablebot's inference.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.answers import Answer
from knowledge.qa.compose import cap, cite, describe, render
from knowledge.qa.passages import units_of
from knowledge.records import Cable, CrossReference

if TYPE_CHECKING:
    from knowledge.collection import Collection
    from knowledge.qa.query import Query

# The reference kinds a question may name ("which embtel", "which CX msg"), and the order in
# which a cable's references answer "what does it answer" when it names none.
KIND_WORDS = {
    "embtel": ("embassy",), "deptel": ("department",), "urtel": ("reply-to",),
    "mytel": ("own",), "reftel": ("reference",),
}  # fmt: skip
KIND_ORDER = {"reply-to": 0, "department": 1, "embassy": 1, "reference": 2, "own": 3}
LABEL = {
    "reply-to": "it answers", "department": "it refers to Department telegram",
    "embassy": "it refers to Embassy telegram", "own": "it refers to its sender's own telegram",
    "reference": "it refers to",
}  # fmt: skip


def _prefix(number: str) -> str:
    m = re.match(r"([A-Z]{1,4})[\s\-–]?\d", number)
    return m.group(1).lower() if m else ""


def _wanted(query: Query, refs: list[CrossReference]) -> list[CrossReference]:
    text = query.text.lower()
    body = [r for r in refs if not r.words.startswith("footnote")] or refs
    for word, kinds in KIND_WORDS.items():
        if re.search(rf"\b{word}s?\b", text):
            picked = [r for r in body if r.kind in kinds]
            if picked:
                return picked
    prefixes = {_prefix(r.number) for r in body} - {""}
    for p in prefixes:
        if re.search(rf"\b{re.escape(p)}\b", text):
            return [r for r in body if _prefix(r.number) == p]
    return sorted(body, key=lambda r: KIND_ORDER.get(r.kind, 9))


def _sentence_with(c: Cable, ref: CrossReference) -> str:
    digits = re.sub(r"^[A-Z]{1,4}[\s\-–]?", "", ref.number)
    for u in units_of(c):
        if digits and re.search(rf"(?<!\d){re.escape(digits)}", u.text) and u.part != "footnote":
            return u.text
    for u in units_of(c):
        if digits and re.search(rf"(?<!\d){re.escape(digits)}", u.text):
            return u.text
    return ref.words.removeprefix("footnote ").strip()


def answered_telegram(lib: Collection, query: Query, c: Cable) -> Answer | None:
    """What cable c answers or refers to, from its cross-references; None when it has none."""
    refs = [r for r in c.cross_references if r.number or r.kind == "reply-to"]
    if not refs:
        return None
    picked = _wanted(query, refs)
    if not picked:
        return None
    best = picked[0]
    quote = _sentence_with(c, best)
    if best.number:
        when = f" of {best.date}" if best.date else ""
        fact = f"{cap(describe(c))}: {LABEL.get(best.kind, 'it refers to')} No. {best.number}{when}."
    else:
        fact = f"{cap(describe(c))} answers a telegram it describes in its own words:"
    others = [r for r in picked[1:4] if r.number and r.number != best.number]
    if others:
        fact += " It also cites " + ", ".join(f"No. {r.number}" for r in others) + "."
    return render(query.q, fact, [cite(c, quote)])


# The opening of a reply, naming the telegram it answers by its date or number: "We received
# your telegram of June 21", "Your cable No. 85 received", "Reurtel 641".
YOUR_TELEGRAM = re.compile(
    r"\b(?i:your) (?:telegram|cable|message|letter|tel|wire)s?\b[^.;]{0,12}?\b(?:of|dated|from|No\.?|N[º°o]\.?)\s*"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2}\b|\d{1,2}\s+[A-Z][a-z]+|\d+)",
)


def answered_in_text(lib: Collection, query: Query, c: Cable) -> Answer | None:
    """The sentence of c naming, in its own words, the telegram it answers ("We received your
    telegram of June 21"); None when no sentence does."""
    for u in units_of(c):
        if u.part != "body":
            continue
        m = REPLY_TO_LINE.match(u.text)
        if m:
            return render(query.q, f"{cap(describe(c))} answers No. {m.group(1)}:", [cite(c, u.text)])
        if YOUR_TELEGRAM.search(u.text):
            return render(query.q, f"{cap(describe(c))} answers the telegram it names:", [cite(c, u.text)])
    return None


# A line of its own giving the number answered, as Soviet ciphered telegrams open: "To No. 483/sh."
REPLY_TO_LINE = re.compile(r"^\s*(?:To|In reply to|In answer to|Re:?)\s+(?:your\s+)?(?:No\.?|N[º°o]\.?|#)\s*(\d[\w/\-]*?)\.?\s*$", re.I)


def _best_link(lib: Collection, c: Cable, *, answered_by: bool):
    """(link, the other cable) of c's best reply link, explicit first; None when it has none.
    answered_by: the cables answering c; else the cable c answers."""
    from knowledge.threads import answers_and_answered_by

    answers, answering = answers_and_answered_by(lib, c.id)
    links = answering if answered_by else answers
    if not links:
        return None
    link = sorted(links, key=lambda x: x.kind != "explicit")[0]
    other = lib.store.get(link.from_id if answered_by else link.to_id)
    return (link, other) if other is not None else None


INFERRED = "cablebot's reading of their parties and dates, not the cables' own words"


def reply_to(lib: Collection, query: Query, c: Cable) -> Answer | None:
    """The stored cable that answers c (an explicit link first, else an inferred one)."""
    found = _best_link(lib, c, answered_by=True)
    if found is None:
        return None
    link, reply = found
    how = "in its own words" if link.kind == "explicit" else INFERRED
    summary = reply.description or next((u.text for u in units_of(reply) if u.part == "body"), reply.title)
    date = f" of {reply.date.display()}" if reply.date else ""
    fact = f"{cap(describe(reply))} answers {describe(c)} ({how}); the reply{date}:"
    return render(query.q, fact, [cite(reply, summary)])


def answered_by_link(lib: Collection, query: Query, c: Cable) -> Answer | None:
    """The stored cable that c answers, by the reply links of knowledge.threads."""
    found = _best_link(lib, c, answered_by=False)
    if found is None:
        return None
    link, request = found
    if link.kind == "explicit" and link.words and link.basis == "text":
        fact = f"{cap(describe(c))} answers {describe(request)}, in its own words:"
        return render(query.q, fact, [cite(c, link.words)])
    fact = f"{cap(describe(c))} answers {describe(request)} ({INFERRED}):"
    return render(query.q, fact, [cite(request, request.title)])
