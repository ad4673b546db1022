"""Answer a question: read -> resolve -> find -> check -> compose, or say it is not in the cables.

The stages live in their own modules (query, resolve, fields, passages, claims, compose).
The handlers of knowledge.qa.answer, tuned on numbered lists of requested items, still answer
quantities, totals, item lists and dates; here their answers must cite only the cables the
question resolved to and quote the thing asked about, or they are dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.aliases import norm
from knowledge.answers import Answer
from knowledge.dates import find_dates
from knowledge.facts import find_facts
from knowledge.qa import answer as handlers
from knowledge.qa import gate, lists, replies, tone
from knowledge.qa.claims import check_claim
from knowledge.qa.closing import CLOSING_ASKED, OWN_NUMBER_LINE, closing_line
from knowledge.qa.compose import abstain, cap, cite, describe, render, stamp_quote
from knowledge.qa.fields import FIELD_WORDS, FIELDS
from knowledge.qa.passages import GENERIC, Scored, holds, units_of, word_forms
from knowledge.qa.query import HEADER_TARGETS, Query, read
from knowledge.qa.resolve import Resolution, has_number, resolve
from knowledge.qa.sentences import (
    ALIASES,
    MIN_COVERAGE,
    MIN_COVERAGE_PINNED,
    TITLES,
    TOP_CABLES,
    _focus,
    _same,
    best_units,
    holds_date,
    holds_number,
    number_near,
)
from knowledge.records import Cable, Fact
from knowledge.text import sentences, singular

if TYPE_CHECKING:
    from knowledge.collection import Collection

FACTS_PER_CABLE = 3  # quantity facts of a cable, best fitting the thing, whose sentences may answer
TOP_REPLIES = 2  # resolved cables whose replies are looked for ("what did Stalin reply to ...")
# Share of the question's weighted focus words a sentence must hold to answer. Tuned on the
# development corpus (40 real cables): below 0.5 unrelated sentences answer questions the
# cables do not hold; a pinned cable leaves less room for a wrong one, so it may answer lower.
MIN_COVERAGE_REASON = 0.4  # a why-question paraphrases; a sentence giving a reason may hold less
REQUEST_ASKED = re.compile(r"\b(?:ask|asked|request\w*|want\w*|demand\w*|appl(?:y|ied))\b", re.I)
RESTATED_REQUEST = re.compile(r"\byour (?:request|application|demand|proposal)s?\b", re.I)
RESTATED_PENALTY = 0.1  # a reply restating a request counts for less than the request itself
ITEM_CUES = re.compile(
    r"\b(?:ask\w*|request\w*|need\w*|requir\w*|want\w*|send\w*|sent|deliver\w*|give|giv\w*|"
    r"supply|supplie\w*|provid\w*|transfer\w*|ship\w*|acquir\w*|promis\w*|allocat\w*|offer\w*)\b",
    re.I,
)
LIST_INTRO = re.compile(r"\b(?:the following|as follows)\b|:\s*$", re.I)  # a list's opening, not the list
REASON_BONUS = 0.3  # a why-question's answer gives a reason: "because", "considering that"
DATE_BONUS = 0.1  # a sentence giving the question's date
RANK_WEIGHT = 0.08
LEGACY_MARGIN = 0.3  # a sentence must hold this much more of the question than a listed lot  # how much a cable's place in the resolution adds to its sentences' scores
REASON_CUES = re.compile(
    r"\b(?:because|since|in view of|due to|owing to|as a result|therefore|so that|in order to|"
    r"on account of|the reason|so as (?:not )?to|in order not to|for fear|lest|in case|as it|as they|as this|considering|"
    r"given that|in the interest|otherwise|for the purpose|inasmuch|seeing that|the aim|"
    # a purpose: what the thing asked about is for ("with this credit they would like to buy")
    r"with (?:this|these)\b.{0,60}\b(?:would like|wish|want|intend|plan)\w* to)\b",
    re.I,
)
REPLY_CUES = re.compile(
    r"\b(?:reply|replies|answer|in response|your (?:telegram|tel|cable|message|letter|no\.?|\d)|"
    r"re(?:ur|deptel|embtel|mytel|ftel)\b|urtel|deptel|embtel|reftel|mytel|refers?|reference|"
    r"with regard to|regarding|concerning|in connection with|pass (?:him|on)|about)\b",
    re.I,
)
# Words for a cable or a talk itself: a sentence that holds only these of the question's words
# ("I herewith transmit a letter", "I had a meeting") is about the document, not the question.
# Telegraphese for kinds of cable ("Deptel 812", "Embtel 940", "Depcirtel 334"): capitalised, no names
CABLE_KINDS = frozenset(["deptel", "embtel", "urtel", "mytel", "reftel", "circtel", "depcirtel", "niact", "msg", "tel"])
DOCUMENT_WORDS = frozenset(
    ["letter", "telegram", "tel", "cable", "message", "msg", "note", "report", "meeting", "conversation", "talk", "statement", "directive", "instruction", "order", "wire", "text", "document", "paper", "reply", "answer"]
)
WHY_NOT = re.compile(r"\bwhy\b.*\b(?:(?:could|did|was|were|is|do|does|wo|would|should|ca|have|has|had|are)n['’]?t|not|never|cannot)\b", re.I)
NEGATED = re.compile(r"\b(?:not|cannot|never|no longer|unable|impossible)\b|n't\b", re.I)
NATIONALITY = re.compile(r"(?:ese|ian|ean|can|ish|soviet|communist|allied|western|eastern)$")
CABLE_PLACE = re.compile(r"\b(?:telegram|tel|cable|message|msg|letter|reply)\b.*\b(?:sent|come|came|from|dispatched|written)\b|\bwhere (?:was|is) (?:it|this|that)\b|\bdeliver|\barriv|\bstation\b", re.I)
# The older handlers' ways of saying a cable lacks the field, once presented as found.
ADDRESS = frozenset({"cde", "comrade", "comrades", "mr", "mrs", "messrs", "dr", "tov"})  # forms of address
GROUP = re.compile(r"(?:commie|commy|communist|red|nationalist|chicom)s?$")  # a side, not a place
# "which JCS msg urged ...", "which telegram of Mao": the answer names a telegram by its number
WHICH_MESSAGE = re.compile(
    r"\bwhich\b(?:\s+\S+){0,3}?\s+(?:msg|message|telegram|tel|cable|despatch|dispatch|airgram|deptel|embtel)s?\b", re.I
)
NAME_ASKED = re.compile(r"\b(?:name of|named|called|what (?:was|is) (?:his|her|its|their) name)\b", re.I)
CABLE_DATE_ANSWER = re.compile(r"\bis dated \d|\bwas (?:sent|received) (?:on )?\d")
NON_ANSWER = re.compile(r"\bcarries no \w+ stamp\b")
CLAIM_START = re.compile(r"^\s*(?:was|were|is|did|does|has|had)\b", re.I)
REPORTER = re.compile(r"\bwho (?:reported|informed|told)\b|\baccording to whom\b|\bwhose report\b", re.I)
NAME_WORD = re.compile(r"\b[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z][a-zA-Z'’\-]+)*")
HELP_TEXT = (
    "I answer questions from the {n} documents stored here: ask who sent a cable, when, what "
    "it asked for and how many, why, or what someone said about something; "
    "`cablebot cables` lists them, `cablebot quote CABLE` prints one, `cablebot items` and "
    "`cablebot dates` list requested items and dates."
)


def answer(lib: Collection, text: str) -> Answer:
    """Answer one question, or say plainly that the cables here do not hold the answer."""
    ALIASES.set(lib.aliases)
    query = read(text, lib.aliases, lib.names, lambda n: has_number(lib, n))
    if query.target == "claim" and spelled_numbers(text) != text:
        # "a million rifles?": the claimed number in digits, to compare with the cable's
        query = read(spelled_numbers(text), lib.aliases, lib.names, lambda n: has_number(lib, n))
    if query.target == "collection":
        n = len(lib.store.ids())
        if not n:
            return abstain(text, "No documents are stored yet; add some with `cablebot ingest PATH`.")
        said = HELP_TEXT.format(n=n)
        return Answer(text, said, True, (), (), said)  # about the collection: no cable to cite
    if query.target == "commentary":
        said = handlers.on_commentary(lib, query.q)
        if said is not None and CLAIM_START.match(text):
            # "did Stalin agree the next day, as the post says?": a passage is no yes or no
            said = gate.check(lib, query, said)
        return said if said is not None and said.found else handlers.not_found(lib, query.q)
    layout = lists.asked(text)
    if layout == "position":
        # "no. 11 on the list": a place in the list, not a telegram's number
        n = lists.position(text)
        query.references = [r for r in query.references if r.number != str(n)]
    res = resolve(lib, query)
    if not res.cards:
        if res.missing:
            return abstain(text, f"No cable here is numbered {', '.join(res.missing)}; the cables here do not say.")
        if layout:
            return lists.answer(lib, query, res, []) or abstain(text, gate.NOT_HELD)
        return handlers.not_found(lib, query.q)
    cards = list({c.id: c for c in [*res.cards[: _top(res)], *res.by_words]}.values())
    cables = [c for c in (lib.store.get(card.id) for card in cards) if c]
    if layout:
        # where things stand in a cable: its list, closing line, date under the signature
        return lists.answer(lib, query, res, cables) or abstain(text, gate.NOT_HELD)
    result = _dispatch(lib, query, res, cables)
    if result is not None:
        return gate.check(lib, query, result)
    return _what_it_holds(lib, query, res, cables)


_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "half a": 0.5, "a half": 0.5}  # fmt: skip
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SPELLED = re.compile(
    r"\b(half a|a half|a|one|two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?)\s+"
    r"(thousand|million|billion)\b(?!\s+(?:thousand|million|billion))",
    re.I,
)


def spelled_numbers(text: str) -> str:
    """The question with a round number written in words as digits ('a million rifles' ->
    '1,000,000 rifles', 'two thousand tons' -> '2,000 tons', '1.5 million' -> '1,500,000'), so a
    claimed number is compared with the cable's; other text unchanged."""

    def digits(m: re.Match[str]) -> str:
        small = m.group(1).lower()
        n = _SMALL.get(small)
        if n is None:
            n = float(small)
        return f"{round(n * _SCALE[m.group(2).lower()]):,}"

    return SPELLED.sub(digits, text)


def _top(res: Resolution) -> int:
    return len(res.cards) if res.how in ("identifier", "mentioned") else TOP_CABLES


# The older handlers' intent for each target they answer well (on lists, header fields and the
# seed's kind of cable); their answers are still checked against the resolved cables.
LEGACY_INTENT = {
    "quantity": "quantity", "total": "total", "items": "items", "event_date": "date",
    "sender": "who", "recipient": "who", "via": "who", "signer": "who", "copies": "copies",
    "sent": "date", "received": "date", "dated": "date", "telegram_number": "number",
    "priority": "priority", "source": "source",
    "record_id": "record", "place": "place", "reason": "passage", "passage": "passage",
    "summary": "summary",
}  # fmt: skip
# Targets the sentence finder answers before the older handlers are asked.
PASSAGE_FIRST = {"reason", "passage", "who", "place", "reply", "replied", "event_date"}
# Targets the older handlers are not asked about at all: on real cables their passage
# answers were the largest source of confidently wrong answers.
PASSAGE_ONLY = {"passage", "who", "reply", "replied"}
WHO_ROLE = {"sender": "sender", "recipient": "recipient", "via": "via", "signer": "signer"}
DATE_ROLE = {"sent": "sent", "received": "received", "dated": ""}


def _dispatch(lib: Collection, query: Query, res: Resolution, cables: list[Cable]) -> Answer | None:
    t = query.target
    if CLAIM_START.match(query.text):
        from knowledge.qa.claims import header_claim

        got = header_claim(lib, query, res, cables)
        if got is not None:
            return got
    if res.how == "mentioned" and t in ("dated", "sent", "received", "sender", "recipient", "signer"):
        # No stored cable is the telegram asked about; the cables citing it may say more of it
        # ("Deptel 512, May 3"): read the sentences that hold its number.
        query.target = "event_date" if t in ("dated", "sent", "received") else "who"
        return _passage(lib, query, res, cables)
    if query.q.intent == "identity":
        got = handlers.on_identity(lib, query.q)
        if got:
            return got
    if t == "claim":
        return tone.reply_tone(query, cables) or check_claim(lib, query, res, cables)
    reporter = t == "who" and bool(REPORTER.search(query.text))
    if t == "who" and res.how == "identifier" and WHOSE_DOCUMENT.search(query.text):
        got = _forwarded(lib, query, cables[0])
        if got:
            return got
    if t == "reply":
        got = replies.answered_telegram(lib, query, cables[0]) or replies.answered_by_link(lib, query, cables[0])
        if got is None and (res.how == "identifier" or (res.date_matched and len(res.cards) == 1)):
            # pinned by its number, or as the only cable of the date the question gives
            got = replies.answered_in_text(lib, query, cables[0])
        if got:
            return got
    if t == "replied":
        for c in cables[:TOP_REPLIES]:
            got = replies.reply_to(lib, query, c)
            if got:
                return got
        if res.how != "ranked":
            c = cables[0]
            note = _reply_note(c)
            if note:
                return render(query.q, f"An editors' footnote to {describe(c)} says:", [cite(c, note)])
            return abstain(query.text, f"No cable stored here answers {describe(c)}; the cables here do not say.", (c.title,))
    numbered = _numbered_document(query, res, cables)
    if numbered is not None:
        return numbered
    if CLOSING_ASKED.search(query.text) and t in ("passage", "items", "who", "summary", "place"):
        closing = closing_line(query, res, cables)
        if closing is not None:
            return closing
    if t == "total":
        summed = _sum_of_parts(query, res, cables)
        if summed is not None:
            return summed
    items_first = t == "event_date" and (query.claim_numbers or any(c.items for c in cables[:1]))
    if t in PASSAGE_FIRST and not reporter and not items_first:
        found = _passage(lib, query, res, cables)
        if found or t in PASSAGE_ONLY:
            return found
    weekday = WEEKDAY.search(query.text)
    if weekday and t in ("dated", "event_date", "sent", "received"):
        # "the date of the Monday message from Harbin": the day the cable's own date fixes
        got = _weekday_date(lib, query, res, cables, weekday.group(1).lower())
        if got:
            return got
    header = t in HEADER_TARGETS or t in ("incoming_number", "repeated_as")
    if t in ("sent", "received") and _other_transmission(query, cables[0]):
        # "when was Orlov's directive sent to Belov", asked of Grigoriev's cable to Volkov: the
        # text tells of another sending; a sentence of it with a date answers, the stamps do not.
        query.target = "event_date"
        verb = SENT_VERB if t == "sent" else RECEIVED_VERB
        return _passage(lib, query, res, cables, need_also=verb.search)
    if header and res.how != "ranked":
        # The question points at its cable: read the field from it (or its printed stamps).
        got = _header(lib, query, res, cables)
        if got:
            return got
    if header and res.how == "ranked" and not _heading_fits(query, cables[0]):
        # Nothing pins the question and the best cable's heading holds none of its words:
        # "the date of the Monday note from Moscow" is about a message the cable
        # mentions, not the cable; its own header field is no answer.
        return None
    legacy = _legacy(lib, query, res, cables, "who" if reporter else "") if t in LEGACY_INTENT or reporter else None
    if legacy and t in ("quantity", "total"):
        # A listed lot against a sentence: the one holding more of the question's words
        # ("how many autos could China mobilise from Northern China": the sentence).
        found = _passage(lib, query, res, cables)
        dated = not query.dates or any(holds_date(c.quote, query.dates) for c in found.citations) if found else False
        if found and dated and _held(query, _quoted(found)) > _held(query, _quoted(legacy)) + LEGACY_MARGIN:
            return found
    if t == "place":
        legacy = _legacy(lib, query, res, cables, "place")
        if legacy and " came from " in legacy.fact and not CABLE_PLACE.search(query.text):
            legacy = None  # the cable's origin answers "where was it sent from", not this
    if legacy and t == "reason" and not any(REASON_CUES.search(c.quote) for c in legacy.citations):
        legacy = None  # a why-answer gives a reason
    if legacy:
        return legacy
    if header:
        # A header question the record and its stamps cannot answer is not answered from
        # some other sentence of the cable.
        return _header(lib, query, res, cables) if res.how == "ranked" else None
    if t == "summary":
        c = cables[0]
        if c.description:
            return render(query.q, f"{cap(describe(c))}: {c.description}", [cite(c, c.description)])
    return _passage(lib, query, res, cables)


# "which ministry order did Petrov report carried out", "what order no. ...", "responds to which
# communication number": the number of a document the text names ("Your order No. 48").
DOCUMENT_ASKED = re.compile(
    r"\b(?:which|what)\s+(?:[\w'’.-]+\s+){0,2}?(order|directive|instruction|communication|decision|"
    r"resolution|note|request|application)s?\b(?:\s+(?:no\b\.?|nr\b\.?|number\b))?",
    re.I,
)


def _numbered_document(query: Query, res: Resolution, cables: list[Cable]) -> Answer | None:
    """The number of the order (directive, communication ...) a cable names in its text, asked
    for by its kind ("which order did Roshchin report fulfilled": "Your order No. 48 has been
    fulfilled"); None when the question asks for none or no sentence names one."""
    m = DOCUMENT_ASKED.search(query.text)
    if not m or query.target in HEADER_TARGETS or query.target in ("quantity", "total", "claim"):
        return None
    kind = m.group(1).lower()
    named = re.compile(rf"\b{kind}s?\s+(?:No\.?|N[º°o]\.?|Nr\.?|#|number)\s*(\d[\w/-]*)", re.I)
    best = best_units(query, cables[:TOP_CABLES], need=lambda s: bool(named.search(s)))
    # a sentence naming a numbered document of the kind asked is rare: the share of the other
    # words needed is a pinned cable's, with one word beside the kind
    if best is None or kind not in best.matched:
        return None
    own = res.how in ("identifier", "mentioned", "narrowed") and best.unit.cable == res.cards[0].id
    if not own and (best.coverage < MIN_COVERAGE_PINNED or len(best.matched) < 2):
        return None
    c = next(x for x in cables if x.id == best.unit.cable)
    number = named.search(best.unit.text).group(1).rstrip(".,")
    return render(query.q, f"{cap(describe(c))} names {kind} No. {number}:", [cite(c, best.quote)])


# "how many radio operators and engineering officers altogether", "how many automobiles in all
# would be handed over on 20 nov and 25-26 nov": the parts a total adds up.
TOTAL_OF = re.compile(
    r"\b(?:how many|how much|total number of|number of)\s+(?P<parts>[\w\s,'’-]+?)\s+"
    r"(?:in all|in total|altogether|all together|combined|total)\b",
    re.I,
)
PART_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|\bplus\b|&)\s*", re.I)


def _sum_of_parts(query: Query, res: Resolution, cables: list[Cable]) -> Answer | None:
    """A total of the parts the question names, from the one sentence giving a count for each:
    'X and Y in all' adds the count of X and of Y; one thing on two dates adds the two lots of
    it. Like with like only: each part is counted by its own words. None when a part has no
    count in the sentence."""
    from knowledge.qa.claims import _said
    from knowledge.text import format_number

    m = TOTAL_OF.search(query.text)
    if not m:
        return None
    parts = [p for p in PART_SPLIT.split(m.group("parts")) if p.strip()]
    heads = [singular(norm(p).split()[-1]) for p in parts]
    if len(heads) >= 2:

        def counts(s: str) -> list[str] | None:
            found = [number_near(s, [h]) for h in heads]
            return None if any(f is None for f in found) or len(set(found)) < len(found) else found

    elif len(heads) == 1 and len(query.dates) >= 2:
        # one thing on two dates: the sentence gives a lot of it for each
        def counts(s: str) -> list[str] | None:
            if not all(holds_date(s, [d]) for d in query.dates):
                return None
            found = list(
                dict.fromkeys(
                    f for chunk in re.split(r",|;|\band\b", s) if (f := number_near(chunk, heads))
                )
            )
            return found if len(found) == len(query.dates) else None

    else:
        return None
    best = best_units(query, cables, need=lambda s: counts(s) is not None)
    pinned = res.how in ("identifier", "mentioned") or (res.date_matched and len(res.cards) <= 2)
    if best is None or best.coverage < (MIN_COVERAGE_PINNED if pinned else MIN_COVERAGE):
        return None
    found = counts(best.unit.text) or []
    values = [_said(f) for f in found]
    if not found or any(v is None for v in values):
        return None
    c = next(x for x in cables if x.id == best.unit.cable)
    fact = f"{format_number(sum(values))} in all ({' + '.join(found)}), according to {describe(c)}."
    return render(query.q, fact, [cite(c, best.quote)])


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b", re.I)
COMING = re.compile(r"\b(?:will|shall|next|coming|expected|plans?|intends?)\b", re.I)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


def _weekday_date(lib: Collection, query: Query, res: Resolution, cables: list[Cable], day: str) -> Answer | None:
    """The date of a weekday a sentence names ("msg received from Peking Saturday"), counted
    from the cable's own date: the last such day before it, or the next after it when the
    sentence speaks of what will come. None when no sentence names the day and the question."""
    import datetime

    name = re.compile(rf"\b{day}\b", re.I)
    best = best_units(query, cables, need=lambda s: bool(name.search(s)))
    pinned = res.how in ("identifier", "mentioned") or (res.date_matched and len(res.cards) <= 2)
    if best is None or best.coverage < (MIN_COVERAGE_PINNED if pinned else MIN_COVERAGE):
        return None
    if not pinned and len(_focus(query, cables)) >= 2 and len(best.matched) < 2:
        return None
    c = next(x for x in cables if x.id == best.unit.cable)
    if not (c.date and c.date.start and c.date.precision in ("day", "minute")):
        return None
    base = datetime.date.fromisoformat(c.date.start)
    want = WEEKDAYS.index(day)
    if want == base.weekday():
        return None  # "Saturday" in a cable of a Saturday: today, or a week before?
    if COMING.search(best.unit.text):
        found = base + datetime.timedelta(days=(want - base.weekday()) % 7)
        when = "after"
    else:
        found = base - datetime.timedelta(days=(base.weekday() - want) % 7)
        when = "before"
    month = MONTHS[found.month - 1]
    # in the order the cable prints its own date: "July 14, 1952" or "14 July 1952"
    us = re.match(r"\s*[A-Za-z]", c.date.text or "")
    said = f"{day.capitalize()}, {month} {found.day}, {found.year}" if us else f"{day.capitalize()}, {found.day} {month} {found.year}"
    fact = f"{said}, the {day.capitalize()} {when} {describe(c)}."
    return render(query.q, fact, [cite(c, best.quote)])


# An editors' footnote naming the telegram that answered this one ("The reply to this message
# was contained in airgram 196", "Mr. Muccio replied to this telegram in telegram 403").
REPLY_NOTE = re.compile(
    r"\b(?:repl(?:y|ied)|answer(?:ed)?|response)\b[^.]{0,40}?\b(?:this|the foregoing)\s+"
    r"(?:message|telegram|airgram|despatch|dispatch|cable|letter|instruction|note)\b"
    # "The Department of State made the following reply in telegram 60, July 21"
    r"|\b(?:made|sent)\s+the\s+following\s+(?:reply|answer|response)\s+in\s+"
    r"(?:telegram|airgram|despatch|cable|instruction)\s+\d",
    re.I,
)


def _reply_note(c: Cable) -> str | None:
    """The footnote sentence of c saying by which numbered telegram it was answered, if any."""
    for u in units_of(c):
        if u.part == "footnote" and REPLY_NOTE.search(u.text) and re.search(r"\d", u.text):
            return u.text
    return None


def _held(query: Query, text: str) -> float:
    """Share of the question's focus words (3+ letters) the text holds."""

    words = [w for w in query.focus if len(w) > 2]
    if not words:
        return 0.0
    return sum(1 for w in words if holds(w, text)) / len(words)


def _quoted(answer: Answer) -> str:
    return " ".join(c.quote for c in answer.citations)


# -- legacy handlers, checked ---------------------------------------------------------------
def _legacy(
    lib: Collection, query: Query, res: Resolution, cables: list[Cable], intent: str = ""
) -> Answer | None:
    """The older handler's answer, kept only when it cites the resolved cables and quotes
    words of the question's thing."""
    q = query.q
    intent = intent or LEGACY_INTENT.get(query.target, q.intent)
    if query.target in WHO_ROLE:
        q.who_role = WHO_ROLE[query.target]
    elif intent == "who" and query.target == "who":
        q.who_role = "reporter"
    if query.target in DATE_ROLE:
        q.date_role = DATE_ROLE[query.target]
    q.intent = intent
    try:
        got = handlers.HANDLERS[intent](lib, q)
        if got is None and intent in ("quantity", "total"):
            got = handlers.on_items(lib, q) if not handlers.item_words(q) else None
    except (KeyError, IndexError, ValueError):
        return None
    if got is None or not got.found or not got.citations or NON_ANSWER.search(got.fact):
        return None
    if query.target == "event_date" and CABLE_DATE_ANSWER.search(got.fact):
        return None  # a cable's own date is no answer to when something in it happened
    listed = LISTING.search(got.fact) if intent == "items" else None
    if listed and any(_paragraph(item) for item in listed.group(1).split("; ")):
        return None  # a numbered paragraph of several sentences is read as a list item: no item
    if _unknown_words(lib, _placed_words(query)):
        return None  # the older handlers match the words they know and pass over the rest
    if res.how == "ranked" and query.target not in HEADER_TARGETS and query.target != "copies":
        # Nothing pins the question: the older handler chose its cable by its own word
        # matching; its quote must hold the question as a found sentence must (one word of
        # several is no evidence; a date the question names counts), and a place it gives
        # must be a name. (A header field's line holds no words of the question.)
        words = [w for w in query.focus if len(w) > 2]
        quoted = _quoted(got)
        said = quoted + " " + got.fact
        held = sum(1 for w in words if holds(w, said) or any(holds(r, said) for r in _synonyms(lib, w)))
        held += bool(query.dates) and holds_date(quoted, query.dates)
        # a count the question names ("the 355 cars") that the quote gives points at it too
        held += any(holds_number(quoted, n) for n in query.claim_numbers)
        if len(words) >= 2 and held < 2:
            return None
        if query.target == "place" and not _names_beyond(quoted + " " + got.fact, query, place=True):
            return None
    # Only what pins the question binds the older handlers: an identifier, or the date or
    # parties it names. Words alone leave them free to find the lot their own way.
    if res.how in ("identifier", "mentioned", "narrowed"):
        allowed = set(res.ids)
        if any(c.cable not in allowed for c in got.citations if c.cable):
            return None
    thing = query.thing or [w for w in query.focus if len(w) > 3]
    if thing and query.target in ("quantity", "total"):
        quoted = _quoted(got) + " " + got.fact

        related = {r for w in thing for r in lib.aliases.related_words(w) for r in r.split()}
        related |= {f for w in [*thing, *q.words] for f in lib.speller.forms(w)}
        if not any(holds(w, quoted) for w in [*thing, *related]):
            return None
    return got


def _synonyms(lib: Collection, word: str) -> list[str]:
    """The single words the alias file makes a word stand for ('car': 'automobile')."""
    return [r for r in lib.aliases.related_words(word) if " " not in r and r != word]


ITEM_WORDS = 8  # a listed lot ("Soviet rifles 140,000.") is shorter than a sentence of prose
LISTING = re.compile(r"\b(?:for|promised): (.*) \(")  # the older handler's list of lots


def _paragraph(item: str) -> bool:
    """Whether a listed item's name is prose of several sentences, not a lot."""
    said = sentences(" ".join(item.split()))
    return len(said) > 1 and any(len(x.split()) >= ITEM_WORDS for x in said)


# -- header fields ---------------------------------------------------------------------------
def _header(lib: Collection, query: Query, res: Resolution, cables: list[Cable]) -> Answer | None:
    t = query.target
    c = cables[0]
    closing = any(OWN_NUMBER_LINE.match(u.text) for u in units_of(c))
    if t == "telegram_number" and (c.outgoing_number or closing) and _sender_number_asked(query, c):
        # "petrov's number on the 2 march telegram": the number its sender gave it
        t = "outgoing_number"
    get = FIELDS.get(t)
    if get:
        found = get(c)
        if found:
            fact, quote = found
            return render(query.q, fact, [cite(c, quote)])
    # The record lacks the field: a stamp or line of the text may hold it.
    words = FIELD_WORDS.get(t, [])
    if t == "repeated_as":
        words = ["repeated", "rptd", "sent"]
    if words:
        # The line must name the field ("Received in Moscow ... 9:38"); the question's other
        # words only choose among such lines.
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)
        shape = _needs(t)
        stamp = stamp_quote(c, t) if t in ("received", "sent") else ""
        if stamp and res.how != "ranked" and shape and shape(stamp.split(words[0], 1)[-1] if words[0] in stamp.lower() else stamp):
            return render(query.q, f"{cap(describe(c))}: {stamp}", [cite(c, stamp)])
        lines = [u for u in units_of(c) if pattern.search(u.text) and (shape is None or shape(u.text))]
        if lines and res.how != "ranked":
            best = max(lines, key=lambda u: (_held(query, u.text), -u.order))
            return render(query.q, f"{cap(describe(c))}: {best.text}", [cite(c, best.text)])
    if t == "outgoing_number" and res.how != "ranked":
        # The origin line gives the sender's number: "From BEIJING No. 1309 20 hours 05".
        # Only of a cable the question pins (by number, or as the one cable of its date).
        origin = next((u for u in units_of(c) if u.part == "body" and FROM_NUMBER_LINE.match(u.text)), None)
        if origin and (res.how == "identifier" or (res.date_matched and len(res.cards) == 1)):
            number = FROM_NUMBER_LINE.match(origin.text).group(1)
            return render(query.q, f"{cap(describe(c))} went out as No. {number}.", [cite(c, origin.text)])
        # The sender's own number closes the telegram: "No. 635177", "Nº 499/sh".
        closing = [u for u in units_of(c) if OWN_NUMBER_LINE.match(u.text)]
        if closing:
            last = closing[-1].text
            return render(query.q, f"The number at the end of {describe(c)} is {last.strip()}.", [cite(c, last)])
    if t in ("outgoing_number", "incoming_number"):
        hit = best_units(query, [c], need=_needs(t))
        if hit and (hit.coverage >= MIN_COVERAGE_PINNED or res.how == "identifier"):
            return render(query.q, f"{cap(describe(c))}: {hit.unit.text}", [cite(c, hit.unit.text)])
    return None


def _sender_number_asked(query: Query, c: Cable) -> bool:
    """Whether the question asks for the number the cable's sender gave it: the sender named
    right before 'number' ("Shtykov('s) number on the telegram")."""
    if not c.sender:
        return False
    last = norm(c.sender.name).split()[-1]
    return bool(re.search(rf"\b{re.escape(last)}(?:'s|s'|’s)?\s+(?:own\s+)?(?:number|no\b)", norm(query.text)))


# "whose telegram did X forward in N": the relaying cable names it ("A telegram from Comrade
# KIM", "I am sending you a telegram of Cde. MAO")
WHOSE_DOCUMENT = re.compile(r"\bwhose\s+(?:telegram|tel|cable|message|msg|letter|note)\b", re.I)
FORWARDED = re.compile(r"\b(?:telegram|cable|message|letter|note)s?\s+(?:from|of)\s+(?:Comrade|Cde\.)?\s*[A-Z]", re.I)


def _forwarded(lib: Collection, query: Query, c: Cable) -> Answer | None:
    """The person whose telegram cable c passes on, from its sentence saying so; None if none."""
    asked = {m.name for m in query.people}
    for u in units_of(c):
        if u.part != "body" or not FORWARDED.search(u.text):
            continue
        at = FORWARDED.search(u.text).end() - 1
        named = [n for n in lib.names.names_in(u.text[at:]) if n not in asked]
        if named:
            return render(query.q, f"{cap(describe(c))} passes on a telegram from {named[0]}:", [cite(c, u.text)])
    return None


FROM_NUMBER_LINE = re.compile(r"^\s*From\s+[A-Z][A-Z\-]+(?:\s+[A-Z][A-Z\-]+)?\s+(?:No\.?|N[º°o]\.?)\s*(\d[\w/\-]*)\b")
SENT_VERB = re.compile(r"\b(?:sent|send\w*|dispatch\w*|transmit\w*|forward\w*|wired|cabled)\b", re.I)
RECEIVED_VERB = re.compile(r"\b(?:receiv\w*|got|arrived)\b", re.I)


def _other_transmission(query: Query, c: Cable) -> bool:
    """Whether a sent/received question names a party the cable's own sending lacks: a sender
    ("Orlov's directive", "sent by Orlov") that is not its sender, or a receiver ("sent to
    Belov", "did Belov receive") that is not its recipient. Such a question asks about a
    transmission the text tells of, not the cable's stamps."""
    roles = c.party_roles()
    senders = {n for n, r in roles if r == "sender"}
    recipients = {n for n, r in roles if r == "recipient"}
    if not senders and not recipients:
        return False
    for m in query.people:
        if m.partial:
            continue
        if (m.possessive or m.role_hint == "sender") and senders and m.name not in senders:
            return True
        receiver = m.role_hint == "recipient" or (query.target == "received" and not m.possessive and not m.role_hint)
        if receiver and recipients and m.name not in recipients:
            return True
    return False


def _heading_fits(query: Query, c: Cable) -> bool:
    """Whether the cable's heading (title, parties, places, the archive's summary) holds one
    of the question's words beyond those naming a document, or the question has none."""
    words = [w for w in query.focus if len(w) > 2 and singular(w) not in DOCUMENT_WORDS]
    words += [singular(w) for m in query.people for w in norm(m.name).split() if len(w) > 2]
    if not words:
        return True
    head = " ".join([c.title, c.description or "", *(n for n, _r in c.party_roles()), *c.places])
    return any(holds(w, head) for w in words)


def _needs(target: str):
    if target in ("received", "sent", "dated"):
        return lambda s: bool(find_dates(s)) or bool(re.search(r"\d{1,2}[.:]\d{2}|\d+ hours?|\b\d{1,2}\.[IVX]+\.", s))
    if target in ("outgoing_number", "incoming_number", "repeated_as", "telegram_number"):
        return lambda s: bool(re.search(r"\d", s))
    if target == "copies":
        return lambda s: bool(re.search(r"\bcop(?:y|ies)\b", s, re.I))
    return None


def _passage(lib: Collection, query: Query, res: Resolution, cables: list[Cable], need_also=None) -> Answer | None:
    t = query.target
    need = bonus = None
    thing = query.thing
    counted: dict[str, Fact] = {}
    if t in ("quantity", "total"):
        thing = thing or [w for w in query.focus if len(w) > 2][-1:]
        # The facts read at ingest know what each number counts, in prose too ("four advisers
        # for the DPRK MFA"); a sentence holding one about the thing answers.
        aliases = ALIASES.get()
        synonyms = aliases.synonyms if aliases else None
        for c in cables:
            for f in find_facts(c, set(thing), kind="quantity", synonyms=synonyms)[:FACTS_PER_CABLE]:
                counted.setdefault(" ".join(f.words.split()), f)

        def need(s: str) -> bool:
            return number_near(s, thing) is not None or _fact_in(s, counted) is not None

        if REQUEST_ASKED.search(query.text):
            # "how much fuel did X ask for": the request in the asker's words, not a reply
            # restating it ("Regarding your request about shipping ...")
            bonus = lambda s: -RESTATED_PENALTY if RESTATED_REQUEST.search(s) else 0  # noqa: E731
    elif t == "items":
        # "what did X ask for": a sentence asking, offering or needing something, not one
        # announcing a list ("on the following questions") or only naming a telegram
        need = lambda s: bool(ITEM_CUES.search(s)) and not LIST_INTRO.search(s)  # noqa: E731
    elif t == "event_date":
        need = lambda s: bool(find_dates(s)) or bool(re.search(r"\b\d{1,2}[:.]\d\d\b|\b\d{4} hours\b", s))  # noqa: E731
    elif t == "reason":
        bonus = lambda s: REASON_BONUS if REASON_CUES.search(s) else 0  # noqa: E731
        # a listed lot ("Soviet rifles 140,000.") names a thing and its count, never a reason
        need = lambda s: not (len(s.split()) < ITEM_WORDS and re.search(r"\d", s) and not REASON_CUES.search(s))  # noqa: E731
        if WHY_NOT.search(query.text):
            # "why couldn't the jets intercept them": the answer says what they could not do
            # ("have not had enough time to learn ...")
            bonus = lambda s: (REASON_BONUS if REASON_CUES.search(s) or NEGATED.search(s) else 0)  # noqa: E731
    elif t in ("reply", "replied"):
        bonus = lambda s: 0.2 if REPLY_CUES.search(s) else 0  # noqa: E731
        if t == "reply":
            # "which telegram is this answering": the sentence names the telegram, by its
            # number or its date ("your telegram of June 21"), not only the one answering.
            need = lambda s: bool(re.search(r"\d", s))  # noqa: E731
    elif t == "who" or t == "place":
        # The answer names someone or somewhere the question does not: a sentence naming only
        # the question's own people ("I had a meeting with KIM IL SUNG") answers no "who else".
        need = lambda s: _names_beyond(s, query, place=t == "place", people=_person_words(lib, s) if t == "place" else frozenset())  # noqa: E731
    if t in ("passage", "reply") and WHICH_MESSAGE.search(query.text):
        # "which Clark msg urged ...": a sentence about the message that gives no number
        # ("In this telegram, dated Feb. 24, Clark urged ...") does not say which one it was.
        base = need
        need = lambda s, base=base: _names_telegram(s) and (base is None or base(s))  # noqa: E731
    if NAME_ASKED.search(query.text):
        # "what was the name of the Danish ship": a sentence naming nothing new is no answer
        base = need
        need = lambda s, base=base: _names_beyond(s, query) and (base is None or base(s))  # noqa: E731
    deed = gate.deed_asked(query.text) if t in ("passage", "items", "who") else None
    if deed is not None:
        # "what wording did Menon suggest": the sentence telling of the suggestion, not one only
        # naming Menon ("Menon asked Steere call today")
        base = need
        need = lambda s, base=base: bool(deed.search(s)) and (base is None or base(s))  # noqa: E731
    if res.how == "mentioned":
        numbers = [r.number.split("/")[0] for r in query.references]
        base_need = need

        def need(s: str, base=base_need) -> bool:
            return any(holds_number(s, n) for n in numbers) and (base is None or base(s))

    if query.dates:
        # A sentence giving the date the question names is about it ("arms for 10 divisions in
        # the course of 1951").
        base_bonus = bonus
        years = [d.start[:4] for d in query.dates if d.start and d.precision == "year"]

        def bonus(s: str, base=base_bonus) -> float:
            hit = holds_date(s, query.dates) or any(y in s for y in years)
            return (base(s) if base else 0) + (DATE_BONUS if hit else 0)

    if need_also is not None:
        base_need = need
        need = lambda s, base=base_need: bool(need_also(s)) and (base is None or base(s))  # noqa: E731
    rank = {c.id: RANK_WEIGHT * (len(cables) - i) / len(cables) for i, c in enumerate(cables)}
    weigh = cables  # the words' rarity among the sentences searched (BM25's IDF)
    # the archive's summary paraphrases what was asked for: it lists nothing itself
    best = best_units(query, cables, need=need, bonus=bonus, rank=rank, weigh=weigh, text_only=t == "items")
    if best is None and res.how == "mentioned" and t == "event_date" and not _focus(query, cables):
        # "date of deptel 512" and no stored 512: the sentence citing it with a date
        # ("Deptel 512, May 3") is all the question asks; its number is the evidence.
        held = next((u for c in cables for u in units_of(c) if u.part == "body" and need(u.text)), None)
        if held is not None:
            c = next(x for x in cables if x.id == held.cable)
            return render(query.q, _passage_fact(query, c, Scored(held, 1.0, frozenset(), 1.0)), [cite(c, held.text)])
    if best is None:
        return None
    pinned = res.how in ("identifier", "mentioned") or (res.date_matched and len(res.cards) <= 2)
    floor = MIN_COVERAGE_PINNED if pinned else MIN_COVERAGE
    if t == "reason" and (REASON_CUES.search(best.quote) or (WHY_NOT.search(query.text) and NEGATED.search(best.quote))):
        floor = min(floor, MIN_COVERAGE_REASON)
    if best.coverage < floor:
        return None
    words = _focus(query, cables)
    if not pinned and len(words) >= 2 and len(best.own) < 2:
        return None  # one word of several is no evidence (a party of its heading lends none)
    if t in ("passage", "reason") and best.own and all(singular(w) in DOCUMENT_WORDS for w in best.own) and not _not_but(query.text, best.unit.text):
        return None  # "what did Orlov call Petrov in his letter": a sentence naming a letter says nothing of it
    c = next(x for x in cables if x.id == best.unit.cable)
    if _unmatched_proper_nouns(lib, query, c, best, words, weigh):
        return None
    if t in ("quantity", "total", "passage", "reason") and not _asker_fits(lib, query, c, best):
        return None
    if not _speaker_fits(lib, query, c, best):
        return None
    if _unknown_words(lib, [w for w in _placed_words(query) if w not in best.matched]):
        return None
    if thing and t in ("quantity", "total") and not any(_same(w, x) for x in thing for w in word_forms(best.unit.text)) and _fact_in(best.unit.text, counted) is None:
        return None
    return render(query.q, _passage_fact(query, c, best, counted), [cite(c, best.quote)])


def _not_but(question: str, sentence: str) -> bool:
    """Whether the question denies what the sentence denies to say what it is instead: "if it
    was not a directive, what was it" and "This telegram is not a directive, but my proposal"."""
    for m in re.finditer(r"\bnot (?:a |an |the )?([a-z]{3,})", question, re.I):
        word = re.escape(m.group(1))
        if re.search(rf"\bnot (?:a |an |the )?{word}\w*[^.;]{{0,20}}?,?\s+but\b", sentence, re.I):
            return True
    return False


def _unmatched_proper_nouns(
    lib: Collection, query: Query, c: Cable, best: Scored, words: list[str], seen: list[Cable]
) -> list[str]:
    """Focus words the cables write as names (capitalised inside sentences: 'Tokyo', 'Harbin')
    that neither the answering sentence nor the cable's heading holds. A question about Tokyo
    is not answered by a sentence about Moscow."""
    missing = [w for w in words if w not in best.matched]
    if not missing:
        return []
    head = frozenset(word_forms(" ".join([c.title, *(n for n, _r in c.party_roles()), *c.places])))
    short = _initialled(words, best.quote)
    # a person the question names whom this cable names elsewhere: its sentence may call him "he"
    people = {singular(x) for m in query.people for x in norm(query.text[m.start : m.end]).split()}
    out = []
    for w in missing:
        if w in head or singular(w) in head or w in short:
            continue
        if singular(w) in people and _written_as_name(w, c):
            continue
        if NATIONALITY.search(w) or len(w) <= 3:
            continue  # "Soviet", "Chinese": capitalised, but no name of one place or person
        if w in CABLE_KINDS:
            continue  # "which Deptel": a kind of cable, whatever its capital
        if w in TITLES:
            continue  # "the general recommendations": "General Ridgway" capitalises a title, no name
        if lib.aliases.find_places(w) or any(_written_as_name(w, x) for x in [c, *seen]):
            out.append(w)
    return out


def _initialled(words: list[str], sentence: str) -> set[str]:
    """The question's words that the sentence writes by their initials: "coast guard" in
    "45 US vessels on loan Korean CG" (telegraphese shortens names so)."""
    initials = set(re.findall(r"\b[A-Z]{2,5}\b", sentence))
    out: set[str] = set()
    if not initials:
        return out
    for i in range(len(words)):
        for n in range(2, 6):
            run = words[i : i + n]
            if len(run) == n and "".join(w[:1] for w in run).upper() in initials:
                out.update(run)
    return out


def _written_as_name(word: str, c: Cable) -> bool:
    """Whether the cable writes word capitalised where a sentence does not begin."""
    text = c.printed or c.body_text()
    name = word[:1].upper() + word[1:]
    return bool(re.search(rf"(?<=[a-z,;:] ){re.escape(name)}\b|\b{re.escape(word.upper())}\b", text))


SUBJECT_WORDS = 6  # a name within the first words of a sentence is its subject ("Mao asks ...")


def _asker_fits(lib: Collection, query: Query, c: Cable, best: Scored) -> bool:
    """Whether a person the question makes the asker ("did Orlov ask for") sent the cable or is
    the subject of the answering sentence or of the paragraph before it. Named elsewhere in
    the sentence, they are not the asker: "send 25 trucks for the Orlov group" is Belov's."""
    askers = [m for m in query.people if m.role_hint == "sender" or m.possessive]
    speaker = set(query.speaker.split())
    # any word of a name may be the one typed ("what did kim il sung say": "kim il" read)
    if any(set(norm(m.name).split()) & speaker and not m.possessive for m in query.people):
        # "what did Orlov think of Petrov's plan": Orlov speaks; Petrov's is the plan's owner
        askers = [m for m in askers if not m.possessive or set(norm(m.name).split()) & speaker]
    if not askers:
        return True
    senders = {n for n, r in c.party_roles() if r == "sender"}
    sentence = best.unit.text
    head = " ".join(sentence.split()[:SUBJECT_WORDS])
    before = " ".join(u.text for u in units_of(c) if u.order < best.unit.order)
    for m in askers:
        if m.name in senders:
            continue
        surname = norm(m.name).split()[-1]
        if _names(lib, head, m.name, surname):
            continue
        addressed = any(n == m.name for n, r in c.party_roles() if r != "sender")
        if not addressed and not _names(lib, sentence, m.name, surname) and _names(lib, before, m.name, surname):
            continue  # "we" in a cable quoting the person named earlier
        return False
    return True


def _speaker_fits(lib: Collection, query: Query, c: Cable, best: Scored) -> bool:
    """"What did Eisenhower write": a speaker who is no known person must send the cable or
    open the sentence; "the Eisenhower government" in Stalin's words is not Eisenhower writing."""
    if not query.speaker or any(norm(m.name).split()[-1] in query.speaker.split() for m in query.people):
        return True
    # the signature names the sender too: "Dulles" signs the Secretary of State's telegram
    senders = " ".join([*(norm(n) for n, r in c.party_roles() if r == "sender"), norm(c.signature)])
    head = norm(" ".join(best.unit.text.split()[:SUBJECT_WORDS]))
    return any(w in senders.split() or w in head.split() for w in query.speaker.split())


def _placed_words(query: Query) -> list[str]:
    """Words the question writes as a place or a name: after 'to', 'in', 'at', 'from', 'near'
    ("ship to harbin"), or capitalised inside the question."""
    out = [norm(m.group(1)) for m in re.finditer(r"\b(?:to|in|at|from|near|into|of)\s+([a-z][a-z\-]{3,})\b", query.text, re.I)]
    out += [norm(m.group(0)) for m in re.finditer(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b", query.text)]
    return [w for w in dict.fromkeys(out) if w in query.focus]


def _unknown_words(lib: Collection, words: list[str]) -> list[str]:
    """Words of 5+ letters that no stored cable holds, even misspelt: the question asks about
    something the cables do not name ("aviation fuel to Harbin")."""
    out = []
    for w in words:
        if len(w) < 5 or w in GENERIC or "-" in w:
            continue
        if not any(lib.store.knows_word(f) for f in lib.speller.forms(w)):
            out.append(w)
    return out


def _names(lib: Collection, text: str, name: str, surname: str) -> bool:
    return name in lib.names.names_in(text) or surname in norm(text).split()


def _person_words(lib: Collection, sentence: str) -> frozenset[str]:
    """Words of the people a sentence names ("MAO ZEDONG"): no place a place question asks for."""
    return frozenset(w for n in lib.names.names_in(sentence) for w in norm(n).split())


def _names_beyond(sentence: str, query: Query, *, place: bool = False, people: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence names someone or somewhere the question does not (the question's
    people by any of their names' words: "Kim" asks about "KIM IL SUNG"). A word capitalised
    only because it opens the sentence or a bracket ("[Translator's note: ..."), and forms of
    address ("Cde.", "Comrade", "Mr.") name no one; for a place, neither does a people's
    adjective ("Chinese", "Commies")."""
    asked = {norm(w) for w in re.findall(r"[A-Za-z]+", query.text)}
    asked |= {norm(w) for m in query.people for w in re.findall(r"[A-Za-z]+", m.name)}
    for m in NAME_WORD.finditer(sentence):
        words = [norm(re.sub(r"['’]s$", "", w)) for w in m.group(0).split()]
        opening = not sentence[: m.start()].strip(" \t[(\"'“‘*-–—0123456789.:")
        if opening and len(words) == 1:
            continue  # the sentence's (or a bracket's) first word is capitalised anyway
        words = [w for w in words if w not in ADDRESS]
        if place:
            words = [w for w in words if not NATIONALITY.search(singular(w)) and not GROUP.match(w) and w not in people]
        if any(w not in asked and len(w) > 2 for w in words):
            return True
    return False


def _names_telegram(sentence: str) -> bool:
    """Whether the sentence gives a number that can be a telegram's ("CX 68355", "No. 641",
    "telegram 297"), dates and their years aside."""
    spans = [span for span, _d in find_dates(sentence)]
    for m in re.finditer(r"(?<![\w.,])\d{2,}(?:/\w+)?(?![\w.,]\d)", sentence):
        if any(a <= m.start() < b for a, b in spans):
            continue
        if re.fullmatch(r"1[89]\d\d", m.group(0)):
            continue  # a year
        return True
    return False


def _fact_in(sentence: str, counted: dict[str, Fact]) -> Fact | None:
    """The quantity fact read from this sentence (or the sentence it is part of), if any."""
    text = " ".join(sentence.split())
    for words, fact in counted.items():
        if text in words or words in text:
            return fact
    return None


def _passage_fact(query: Query, c: Cable, best: Scored, counted: dict | None = None) -> str:
    where = describe(c)
    if best.unit.part == "footnote":
        where = f"an editors' footnote to {where}"
        if query.target not in ("quantity", "total", "event_date"):
            return f"{cap(where)} says:"
    if best.unit.part == "description":
        return f"The archive's summary of {where} says:"
    if query.target in ("quantity", "total"):
        phrase = number_near(best.unit.text, query.thing or query.focus[-1:])
        fact = _fact_in(best.unit.text, counted or {})
        if fact and not phrase:
            phrase = " ".join(x for x in (fact.value, fact.unit, fact.thing) if x)
        if phrase:
            return f"{phrase}, according to {where}."
    if query.target == "event_date":
        dates = find_dates(best.unit.text)
        if dates:
            return f"{dates[0][1].text}, according to {where}."
    return f"{cap(where)} says:"


# -- abstaining -------------------------------------------------------------------------------
def _what_it_holds(lib: Collection, query: Query, res: Resolution, cables: list[Cable]) -> Answer:
    """Not found: say what the pinned cable does hold, or the closest things the cables hold."""
    if res.how in ("identifier", "mentioned") and cables:
        c = cables[0]
        if c.items:
            holds = "asks for or promises " + _and([i.name for i in c.items[:4]])
        elif c.description:
            holds = f"is about: {c.description.rstrip('.')}"
        else:
            holds = "is stored here"
        typed = [w for w in re.findall(r"[A-Za-z][\w\-]*", query.text) if singular(norm(w)) in query.thing]
        lacks = f"; it names no {' '.join(typed)}" if typed else "; it does not say"
        text = f"{cap(describe(c))} {holds}{lacks}. The cables here do not say more."
        return abstain(query.text, text, (c.title,))
    return handlers.not_found(lib, query.q)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
