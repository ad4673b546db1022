"""Follow-up questions: "when did he send it?", "and the heavy ones?", "what about Zhou?".

A `Context` remembers what the last answer was about (its cable, the people and the thing
asked after, the question). `resolve` rewrites a follow-up into a question that stands alone,
and says which cable it assumed; `ask_in_context` is what `Library.ask(question, context)`
runs: resolve, answer, say what was assumed, remember the answer.

A question that names its own cable (a telegram number, a date, a person's name together
with "cable" or "telegram") is asked as it is: the context is for what a question leaves out.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from knowledge.aliases import norm
from knowledge.answers import Answer
from knowledge.dates import find_dates
from knowledge.text import singular

if TYPE_CHECKING:
    from knowledge.collection import Collection
    from knowledge.records import Cable

# How long a conversation's context is kept without a new question (Discord keeps one per
# member and channel): long enough to read an answer and ask again, short enough that a
# question asked after a break is not read as a follow-up of one long forgotten.
CONTEXT_SECONDS = 600


@dataclass
class Context:
    """What the last answer was about, for the next question.

    cable_id: the cable the last answer cited first ("" before any answer); people: canonical
    names, the last question's first, then that cable's sender and recipient; thing: the words
    of the last question naming what was asked after ("light machine guns"); question: the
    last question as it was answered (after resolving). Expires CONTEXT_SECONDS after the last
    answer (`expired(now)`, seconds from time.monotonic).
    """

    cable_id: str = ""
    people: tuple[str, ...] = ()
    thing: str = ""
    question: str = ""
    at: float = field(default_factory=time.monotonic)
    seconds: float = CONTEXT_SECONDS

    def expired(self, now: float | None = None) -> bool:
        return (time.monotonic() if now is None else now) - self.at > self.seconds

    @property
    def empty(self) -> bool:
        return not (self.cable_id or self.people or self.thing or self.question)

    def clear(self) -> None:
        self.cable_id, self.people, self.thing, self.question = "", (), "", ""

    def remember(self, lib: Collection, question: str, answer: Answer) -> None:
        """Keep what answer was about: its first cited cable, its people, the thing asked after."""
        self.at = time.monotonic()
        if not answer.found or not answer.citations:
            return  # a miss teaches nothing: the next follow-up still means the last answer
        cable = lib.store.get(answer.citations[0].cable)
        asked = _people_in(lib, question)
        parties = (
            [n for n, role in cable.party_roles() if role in ("sender", "recipient")]
            if cable
            else []
        )
        self.cable_id = cable.id if cable else ""
        self.people = tuple(dict.fromkeys([*asked, *parties]))
        self.thing = _thing_in(question, cable) or _quantity_thing(lib, question) or self.thing
        self.question = question


# -- reading a question -----------------------------------------------------------------------
_NUMBER = re.compile(r"\b(?:no\.?\s*|number\s+|#)?(\d{2,}(?:/\w+)?)\b", re.I)
_CABLE_WORDS = r"(?:cable|telegram|telegramme|letter|message|reply|request|wire)s?"
_THIS_CABLE = re.compile(
    rf"\b(?:this|that|the\s+same|the|his|her|their)\s+(?:last\s+|same\s+)?{_CABLE_WORDS}\b", re.I
)
_IT = re.compile(r"\bit\b", re.I)
_HE = re.compile(r"\b(?:he|him|his|she|her)\b", re.I)
_ELLIPSIS = re.compile(
    r"^\s*(?:and|but|so|also)?\s*(?:what|how)\s+about\s+(?P<a>.+?)\s*\??\s*$"
    r"|^\s*(?:and|but|also)\s+(?P<b>.+?)\s*\??\s*$",
    re.I,
)
_ONES = re.compile(r"\b(?:ones|one)\b", re.I)
_ARTICLE = re.compile(r"^(?:the|those|these|that|this)\s+", re.I)
_QUESTION_WORDS_TEXT = (
    "how many much what which who whom whose when where why did does do was were is are "
    "the a an of for to from in on by with ask asked asking request requested want wanted "
    "need needed send sent promise promised give gave total number quantity and"
)
_QUESTION_WORDS = frozenset(_QUESTION_WORDS_TEXT.split())


def _people_in(lib: Collection, text: str) -> list[str]:
    """Canonical names of the people text names (the alias file's and the stored parties')."""
    found = list(lib.aliases.find_people(text))
    words = f" {norm(text)} "
    for name in _stored_people(lib):
        key = norm(name)
        if key and f" {key} " in words and name not in found:
            found.append(name)
    return found


def _stored_people(lib: Collection) -> tuple[str, ...]:
    generation = lib.store.generation()
    cached = lib.__dict__.get("_followup_people")
    if cached is None or cached[0] != generation:
        rows = lib.store.conn.execute(
            "SELECT DISTINCT name FROM people WHERE role IN ('sender', 'recipient', 'via', 'for')"
        )
        cached = (generation, tuple(r[0] for r in rows))
        lib.__dict__["_followup_people"] = cached
    return cached[1]


def _names_own_cable(lib: Collection, question: str) -> bool:
    """Whether question says which cable it means: a stored number, a date, a person's cable."""
    for m in _NUMBER.finditer(question):
        if lib.store.by_number(m.group(1)) or lib.store.by_number(f"No. {m.group(1)}"):
            return True
    if any(v.precision in ("day", "minute", "month") for _, v in find_dates(question)):
        return True
    names_cable = re.search(rf"\b{_CABLE_WORDS}\b", question, re.I)
    # "this telegram" points back; "Mao's telegram", "did Mao send his telegram" do not.
    pointing = _THIS_CABLE.search(question)
    if pointing and pointing.group(0).split()[0].lower() in ("his", "her", "their"):
        pointing = None
    return bool(names_cable and not pointing and _people_in(lib, question))


def _thing_in(question: str, cable: Cable | None) -> str:
    """The words of question naming one of the cable's items ("light machine guns"), or ""."""
    if cable is None or not cable.items:
        return ""
    words = norm(question).split()
    best = ""
    for item in cable.items:
        name = {singular(w) for w in norm(item.name).split()}
        run: list[str] = []
        for w in words:
            if singular(w) in name and w not in _QUESTION_WORDS:
                run.append(w)
            elif run:
                break
        phrase = " ".join(run)
        if len(phrase) > len(best):
            best = phrase
    return best


_QUANTITY = re.compile(
    r"\b(?:how\s+many|how\s+much|quantity\s+of|number\s+of)\s+(?P<rest>.+)", re.I
)


def _quantity_thing(lib: Collection, question: str) -> str:
    """What a quantity question counts: "how many pistols did Mao want" -> "pistols"."""
    m = _QUANTITY.search(question)
    if not m:
        return ""
    names = {w for p in _people_in(lib, question) for w in norm(p).split()}
    run: list[str] = []
    for w in norm(m.group("rest")).split():
        if w in _QUESTION_WORDS or w in names or w.isdigit():
            break
        run.append(w)
    return " ".join(run)


def _pointed_cable(lib: Collection, context: Context, words: str) -> Cable | None:
    """The cable "the reply" or "the request" means after the last answer's cable, or that cable."""
    cable = lib.store.get(context.cable_id) if context.cable_id else None
    if cable is None:
        return None
    from knowledge.threads import answers_and_answered_by

    answers, answered_by = answers_and_answered_by(lib, cable.id)
    if re.search(r"\b(?:reply|replies|answer|response)\b", words, re.I) and answered_by:
        return lib.store.get(answered_by[0].from_id) or cable
    if re.search(r"\brequest\b", words, re.I) and answers:
        return lib.store.get(answers[0].to_id) or cable
    return cable


def _cable_phrase(cable: Cable) -> str:
    """How a rewritten question names a cable: 'telegram 26998', else its title."""
    number = cable.telegram_number or re.sub(r"^No\.?\s*", "", cable.outgoing_number)
    return f"telegram {number}" if number else f'the cable "{cable.title}"'


def _replace_thing(lib: Collection, context: Context, phrase: str) -> str | None:
    """The last question with its thing replaced by phrase ("the heavy ones" -> heavy ...)."""
    if not context.thing or not context.question:
        return None
    phrase = _ARTICLE.sub("", phrase.strip())
    if _ONES.search(phrase):
        modifier = _ONES.sub("", phrase).strip()
        thing = context.thing.split()
        head_words = thing[1:] or thing  # "light machine guns" -> "machine guns"
        new = None
        cable = lib.store.get(context.cable_id) if context.cable_id else None
        if cable and modifier:
            # The cable's own item with that modifier and the same head: "heavy machine guns".
            head = {singular(w) for w in head_words}
            for item in cable.items:
                item_words = norm(item.name).split()
                if modifier.lower() in item_words and head <= {singular(w) for w in item_words}:
                    new = " ".join([modifier.lower(), *head_words])
                    break
        phrase = new or " ".join([modifier, *head_words]).strip()
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, context.thing.split())) + r"\b", re.I)
    if not pattern.search(context.question):
        return None
    return pattern.sub(phrase, context.question, count=1)


def _replace_person(context: Context, person: str) -> str | None:
    """The last question asked about person instead of the person it named."""
    for old in context.people:
        for variant in sorted({old, *old.split()}, key=len, reverse=True):
            pattern = re.compile(rf"\b{re.escape(variant)}\b", re.I)
            if pattern.search(context.question):
                return pattern.sub(person, context.question, count=1)
    return None


def resolve(question: str, context: Context | None, lib: Collection) -> tuple[str, str | None]:
    """Rewrite a follow-up with the last answer's cable, person or thing.

    Returns (the question to ask, the id of the cable it assumed, or None). The question is
    returned unchanged, with None, when there is no live context, when it names its own cable,
    or when nothing in it points back ("it", "he", "that telegram", "and X?", "what about X?").
    """
    if context is None or context.empty or context.expired():
        return question, None
    if _names_own_cable(lib, question):
        return question, None
    ellipsis = _ELLIPSIS.match(question)
    if ellipsis:
        phrase = (ellipsis.group("a") or ellipsis.group("b") or "").strip()
        people = _people_in(lib, phrase)
        if people:
            rewritten = _replace_person(context, people[0]) if context.people else None
            if rewritten is None:
                return question, None  # a person, but none in the last question to swap
            cable = lib.store.get(context.cable_id) if context.cable_id else None
            if cable is not None:
                # The last cable was the other person's: ask about this person's own.
                rewritten = rewritten.replace(_cable_phrase(cable), "his cable")
            return rewritten, None
        rewritten = _replace_thing(lib, context, phrase)
        if rewritten:
            return rewritten, None
        return question, None
    text, assumed = question, None
    pointing = _THIS_CABLE.search(text)
    if context.cable_id and (pointing or _IT.search(text)):
        cable = _pointed_cable(lib, context, pointing.group(0) if pointing else "")
        if cable is not None:
            ref = _cable_phrase(cable)
            text = _THIS_CABLE.sub(ref, text, count=1) if pointing else _IT.sub(ref, text, count=1)
            assumed = cable.id
    if context.people and _HE.search(text) and not _people_in(lib, text):
        person = context.people[0]
        text = _HE.sub(
            lambda m: f"{person}'s" if m.group(0).lower() in ("his", "her") else person,
            text,
            count=1,
        )
    return text, assumed


def preface(question: str, asked: str, assumed: Cable | None) -> str:
    """What an answer says first when it was read in context ("" when it was not)."""
    if assumed is not None:
        date = f", {assumed.date.display()}" if assumed.date else ""
        who = (
            f"{assumed.sender.name} to {assumed.recipient.name}"
            if assumed.sender and assumed.recipient
            else assumed.title
        )
        return f"(Assuming {_cable_phrase(assumed)}: {who}{date}.) "
    if asked != question:
        return f'(Taking this as "{asked}".) '
    return ""


def ask_in_context(
    lib: Collection, question: str, context: Context, answer: Callable[[Collection, str], Answer]
) -> Answer:
    """Answer question in context: resolve it, answer, preface what was assumed, remember it."""
    if context.expired():
        context.clear()
    asked, assumed_id = resolve(question, context, lib)
    result = answer(lib, asked)
    assumed = lib.store.get(assumed_id) if assumed_id else None
    lead = preface(question, asked, assumed)
    if lead:
        result = replace(
            result,
            question=question,
            text=lead + result.text,
            fact=lead + result.fact if result.fact else result.fact,
        )
    context.remember(lib, asked, result)
    return result
