"""A quiz from the stored cables: questions made from their records, answers checked strictly.

Questions come from what the store holds about each cable: requested and promised items
(quantity, item name), sender, recipient, the day it was sent, its telegram number, and the
quantities read into its facts. Each question carries its citation (the cable and the words it
was made from) and, where fair, a handful of choices for buttons.

Checking is strict and explainable, never a substring match:
- numbers are equal after normalising: "36", "thirty-six" and "36 rifles" are 36; "36,000" is
  not; an answer holding two numbers is wrong;
- names go through the alias file: "Filippov" is Stalin, "Mao" is Mao Zedong;
- item names are compared with rapidfuzz (`fuzz.ratio`, `utils.default_process`) at
  ITEM_CUTOFF against the name and its trailing words ("rifles" for "Soviet rifles") when no
  other item of the cable ends the same way; "air" is not "chair";
- dates are read with the cable reader's own date parser and must name the same day;
- telegram numbers must be the same number ("No. 26637" is 26637).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, utils
from text_to_num import text2num

from knowledge.aliases import Aliases, norm
from knowledge.answers import Citation
from knowledge.dates import parse_date
from knowledge.errors import CablebotError
from knowledge.records import Cable, DateValue
from knowledge.text import format_number, singular

if TYPE_CHECKING:
    from knowledge.library import Library

ITEM_CUTOFF = 90  # fuzz.ratio (0-100) an item name must reach: forgives one slip in ten letters
MAX_CHOICES = 4  # buttons under a multiple-choice question
MAX_QUESTIONS = 20
KINDS = ("quantity", "item", "sender", "recipient", "date", "telegram", "fact")

_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Digits as people type them: plain, or grouped by commas or spaces in threes; a decimal part.
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(rf"(?<![\w.,])({_DIGITS})(?:\s*(thousand|million|billion))?(?![\w]|[.,]\d)")
_WORDS_ONLY = re.compile(r"[a-z][a-z\s-]*")
_TELEGRAM = re.compile(r"^(?:telegram\s+)?(?:no\.?|number|nr\.?|#)?\s*([\w/-]+)\.?$", re.I)


@dataclass(frozen=True)
class QuizQuestion:
    """One question: what to ask, how to check it, and where its answer comes from.

    kind is one of KINDS; expected is the checked value in the kind's own form (a number as
    digits, an ISO day, a canonical name, an item name, a telegram number); answer is how the
    right answer is shown; choices (maybe empty) are offered as buttons; others are the other
    item names of the same cable (an item's trailing words count only if no other shares them).
    """

    kind: str
    prompt: str
    answer: str
    expected: str
    citation: Citation
    choices: tuple[str, ...] = ()
    others: tuple[str, ...] = ()


# -- reading typed answers ----------------------------------------------------------------


def read_number(text: str) -> float | None:
    """The one number an answer gives ('140,000', 'thirty-six', '1.5 million rifles'), else None.

    None when the answer holds no number or more than one (a guess of two is not an answer).
    """
    text = " ".join(text.lower().replace("\u00a0", " ").split()).strip(" .!?")
    if not text:
        return None
    if _WORDS_ONLY.fullmatch(text):
        try:
            return float(text2num(text, "en"))
        except ValueError:
            pass
    found = []
    for m in _NUMBER.finditer(text):
        value = float(re.sub(r"[, ]", "", m.group(1)))
        found.append(value * _SCALE.get(m.group(2) or "", 1))
    rest = _NUMBER.sub(" ", text)
    # Number words beside the digits ("about thirty-six", "two or 36") count as numbers too.
    for chunk in re.findall(r"[a-z]+(?:[\s-]+[a-z]+)*", rest):
        words = [w for w in re.split(r"[\s-]+", chunk) if w]
        start = 0
        while start < len(words):
            for end in range(len(words), start, -1):  # the longest run of number words
                try:
                    found.append(float(text2num(" ".join(words[start:end]), "en")))
                except ValueError:
                    continue
                start = end
                break
            else:
                start += 1
    return found[0] if len(found) == 1 else None


def same_number(typed: str, expected: float) -> bool:
    """Whether the answer names exactly the expected number."""
    value = read_number(typed)
    return value is not None and abs(value - expected) < 1e-9


def same_person(typed: str, expected: str, aliases: Aliases) -> bool:
    """Whether the answer names the expected person, under any name the alias file knows."""
    if not typed.strip():
        return False
    return norm(aliases.person(typed)) == norm(expected)


def _processed(text: str) -> str:
    return " ".join(singular(w) for w in utils.default_process(text).split())


def _tails(name: str) -> list[str]:
    words = _processed(name).split()
    return [" ".join(words[i:]) for i in range(len(words))]


def same_item(
    typed: str,
    expected: str,
    *,
    others: tuple[str, ...] = (),
    aliases: Aliases | None = None,
    cutoff: int = ITEM_CUTOFF,
) -> bool:
    """Whether the answer names the expected item, closely enough, and no other one.

    Accepted forms: the whole name and its trailing words ("sub-machine guns" for "Soviet
    sub-machine guns") unless another item of the cable ends in the same words; each form also
    under its alias-file synonyms (truck for automobile). Scored with fuzz.ratio on
    default-processed, singular words, so a shared word or a substring never scores.
    """
    answer = _processed(typed)
    if not answer:
        return False
    taken = {tail for other in others if norm(other) != norm(expected) for tail in _tails(other)}
    forms = [t for i, t in enumerate(_tails(expected)) if i == 0 or t not in taken]
    if aliases is not None:
        forms += [w for form in forms for w in aliases.related_words(form) if w not in taken]
    return any(
        fuzz.ratio(answer, form, processor=None) >= cutoff
        for form in dict.fromkeys(_processed(f) for f in forms)
    )


def same_day(typed: str, expected: str) -> bool:
    """Whether the answer names the expected ISO day ('8 November 1950', '8.11.1950', ...)."""
    year = int(expected[:4])
    value = parse_date(typed, year=year)
    return value is not None and value.start == expected and value.end == expected


def same_telegram(typed: str, expected: str) -> bool:
    """Whether the answer is the expected telegram number ('No. 26637' is 26637)."""
    m = _TELEGRAM.match(" ".join(typed.split()))
    return bool(m) and m.group(1).lower() == expected.lower().removeprefix("no. ")


def check_answer(question: QuizQuestion, typed: str, aliases: Aliases) -> bool:
    """Whether a typed (or chosen) answer is right for question, by the rules of its kind."""
    typed = typed.strip()
    if not typed:
        return False
    if question.choices and norm(typed) == norm(question.answer):
        return True
    match question.kind:
        case "quantity" | "fact":
            return same_number(typed, float(question.expected))
        case "sender" | "recipient":
            return same_person(typed, question.expected, aliases)
        case "item":
            return same_item(typed, question.expected, others=question.others, aliases=aliases)
        case "date":
            return same_day(typed, question.expected)
        case "telegram":
            return same_telegram(typed, question.expected)
    return False


# -- making questions ---------------------------------------------------------------------


def _ref(cable: Cable) -> str:
    """How a question names a cable without giving its parties away."""
    if cable.telegram_number:
        return f"telegram No. {cable.telegram_number}"
    if cable.outgoing_number:
        return f"the telegram numbered {cable.outgoing_number.removeprefix('No. ')} by its sender"
    when = f" of {cable.date.display()}" if cable.date else ""
    return f"the cable{when}"


def _citation(cable: Cable, quote: str) -> Citation:
    return Citation(
        cable.id,
        cable.title,
        cable.date.display() if cable.date else "",
        cable.source.text if cable.source else "",
        quote,
    )


def _sender_name(cable: Cable) -> str:
    return cable.sender.name if cable.sender else "its sender"


def _item_questions(cable: Cable) -> list[QuizQuestion]:
    out = []
    names = tuple(dict.fromkeys(item.name for item in cable.items))
    for item in cable.items:
        verb = "ask for" if item.role == "requested" else "promise"
        twins = [i for i in cable.items if norm(i.name) == norm(item.name) and i.role == item.role]
        if len(twins) == 1:
            out.append(
                QuizQuestion(
                    "quantity",
                    f"How many {item.name} did {_sender_name(cable)} {verb} in {_ref(cable)}?",
                    item.quantity_text(),
                    repr(float(item.quantity)),
                    _citation(cable, item.words),
                )
            )
        lots = [i for i in cable.items if i.quantity == item.quantity and i.role == item.role]
        if len(lots) == 1:
            past = "asked for" if item.role == "requested" else "promised"
            out.append(
                QuizQuestion(
                    "item",
                    f"In {_ref(cable)}, {_sender_name(cable)} {past} {item.quantity_text()} of what?",
                    item.name,
                    item.name,
                    _citation(cable, item.words),
                    others=names,
                )
            )
    return out


def _header_questions(cable: Cable) -> list[QuizQuestion]:
    out = []
    numbered = bool(cable.telegram_number or cable.outgoing_number)
    header = cable.header_block() or cable.title
    if numbered and cable.sender:
        out.append(
            QuizQuestion(
                "sender",
                f"Who sent {_ref(cable)}?",
                cable.sender.name,
                cable.sender.name,
                _citation(cable, cable.signature or header),
            )
        )
    if numbered and cable.recipient:
        out.append(
            QuizQuestion(
                "recipient",
                f"Who was the recipient of {_ref(cable)}?",
                cable.recipient.name,
                cable.recipient.name,
                _citation(cable, cable.addressee or header),
            )
        )
    sent = cable.sent or cable.date
    if (
        numbered
        and sent
        and sent.start
        and sent.start == sent.end
        and sent.precision in ("day", "minute")
    ):
        day = DateValue(sent.text, sent.start, sent.end, "day").display()
        out.append(
            QuizQuestion(
                "date",
                f"On what day was {_ref(cable)} sent? (day, month and year)",
                day,
                sent.start,
                _citation(cable, sent.text if cable.sent else cable.date.text),  # type: ignore[union-attr]
            )
        )
    if cable.telegram_number and cable.sender and cable.recipient and cable.date:
        out.append(
            QuizQuestion(
                "telegram",
                f"What was the telegram number of {cable.sender.name}'s cable to "
                f"{cable.recipient.name} of {cable.date.display()}?",
                cable.telegram_number,
                cable.telegram_number,
                _citation(cable, cable.heading or header),
            )
        )
    return out


def _fact_questions(cable: Cable) -> list[QuizQuestion]:
    """Fill-in-the-blank questions from the quantities read into a cable's facts."""
    out = []
    for fact in cable.facts:
        if fact.kind != "quantity":
            continue
        try:
            value = float(fact.value)
        except ValueError:
            continue
        shown = format_number(value)
        for written in (shown, shown.replace(",", ""), fact.value):
            if fact.words.count(written) == 1:
                blank = fact.words.replace(written, "_____")
                out.append(
                    QuizQuestion(
                        "fact",
                        f'Which number fills the blank in {_ref(cable)}: "{blank}"',
                        shown,
                        repr(value),
                        _citation(cable, fact.words),
                    )
                )
                break
    return out


def questions_for(cable: Cable) -> list[QuizQuestion]:
    """Every question a cable's records allow (none for commentary)."""
    if cable.kind != "cable":
        return []
    return _item_questions(cable) + _header_questions(cable) + _fact_questions(cable)


def _pick(pool: list[QuizQuestion], count: int, rng: random.Random) -> list[QuizQuestion]:
    """Up to count questions, taking the kinds in turn so a quiz is not all quantities."""
    by_kind: dict[str, list[QuizQuestion]] = {}
    for q in pool:
        by_kind.setdefault(q.kind, []).append(q)
    for questions in by_kind.values():
        rng.shuffle(questions)
    kinds = list(by_kind)
    rng.shuffle(kinds)
    chosen: list[QuizQuestion] = []
    while len(chosen) < count and any(by_kind.values()):
        for kind in kinds:
            if by_kind[kind] and len(chosen) < count:
                chosen.append(by_kind[kind].pop())
    return chosen


def _with_choices(
    question: QuizQuestion, people: list[str], items: list[str], rng: random.Random
) -> QuizQuestion:
    """Add button choices to person and item questions: the answer and up to three others."""
    if question.kind in ("sender", "recipient"):
        pool = [p for p in people if norm(p) != norm(question.answer)]
    elif question.kind == "item":
        pool = [i for i in items if norm(i) != norm(question.answer)]
    else:
        return question
    if not pool:
        return question
    others = rng.sample(pool, min(MAX_CHOICES - 1, len(pool)))
    choices = [question.answer, *others]
    rng.shuffle(choices)
    return QuizQuestion(
        question.kind, question.prompt, question.answer, question.expected,
        question.citation, tuple(choices), question.others,
    )  # fmt: skip


def make_quiz(
    lib: Library,
    *,
    cable: str | None = None,
    person: str | None = None,
    topic: str | None = None,
    count: int = 5,
    seed: int | None = None,
) -> list[QuizQuestion]:
    """Up to count questions about one cable, one person's cables, a topic, or every cable.

    cable is anything /quote accepts; person any name the alias file knows; topic words of
    the cables' items or titles (matched as whole words). Raises CablebotError when nothing
    matches or the cables give nothing to ask.
    """
    if not 1 <= count <= MAX_QUESTIONS:
        raise CablebotError(f"A quiz has 1 to {MAX_QUESTIONS} questions, not {count}.")
    rng = random.Random(seed)
    cables = [lib.cable(cable)] if cable else [c for c in lib.store.all() if c.kind == "cable"]
    if person:
        who = norm(lib.aliases.person(person))
        cables = [c for c in cables if who in {norm(n) for n, _ in c.party_roles()}]
        if not cables:
            raise CablebotError(f"No cable is from or to {person.strip()}.")
    pool = [q for c in cables for q in questions_for(c)]
    if topic:
        words = {singular(w) for w in norm(topic).split()}
        pool = [
            q for q in pool
            if words & {singular(w) for w in norm(f"{q.prompt} {q.answer} {q.citation.title}").split()}
        ]  # fmt: skip
        if not pool:
            raise CablebotError(f"The cables give nothing to ask about {topic.strip()}.")
    if not pool:
        raise CablebotError("The cables here give nothing to ask a quiz about.")
    people = sorted({n for c in lib.store.all() if c.kind == "cable" for n, _ in c.party_roles()})
    items = sorted({i.name for c in cables for i in c.items}, key=str.lower)
    return [_with_choices(q, people, items, rng) for q in _pick(pool, count, rng)]
