"""Find: the sentence of the pinned cables that best answers a query, and the numbers and dates
a sentence holds. Shared by the answering pipeline (pipeline.py) and the claim checker (claims.py).

best_units scores every sentence unit of the cables (passages.units_of) by IDF-weighted word
overlap with the query's focus words and their synonyms (passages.score_units) and returns the
best Scored or None; number_near gives the number that counts a thing in a sentence or None;
holds_date says whether a sentence gives one of the dates.
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from knowledge.aliases import Aliases, norm
from knowledge.dates import find_dates
from knowledge.qa.compose import _OFFICE  # an office ("Embassy in the Soviet Union") is no person
from knowledge.qa.passages import Scored, holds, idf, score_units, units_of
from knowledge.qa.query import Query
from knowledge.records import Cable
from knowledge.text import singular

# How many cables a passage search reads when nothing pins one, and the share of the
# question's words a sentence must hold to answer (less when an identifier or date pins it).
TOP_CABLES = 4  # cables whose sentences are searched when no identifier pins one
MIN_COVERAGE = 0.55
MIN_COVERAGE_PINNED = 0.4


NUMBER = re.compile(
    r"(?<![\w/])(?:\d{1,3}(?:[, ]\d{3})+|\d+(?:\.\d+)?)(?:\s*[-–]\s*\d+(?:[, ]\d{3})*)?(?:\s+(?:thousand|million|billion))?(?![\w/])"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand))*\b",
    re.I,
)


# Titles the cables capitalise before a name ("General Ridgway", "Premier Zhou"): no name themselves
TITLES = frozenset(["general", "president", "secretary", "ambassador", "minister", "chairman", "premier", "marshal", "colonel", "admiral", "commander", "comrade", "governor", "counselor", "consul", "captain", "major", "lieutenant", "chief"])


# The asking library's aliases, for synonyms deep in the sentence finder; set per answer (a
# context variable, so two threads answering at once do not see each other's).
ALIASES: ContextVar[Aliases | None] = ContextVar("cablebot_aliases", default=None)


# -- quantities --------------------------------------------------------------------------------
def number_near(sentence: str, thing: list[str], window: int = 6) -> str | None:
    """The number phrase in sentence that counts one of thing's words: after the number ("40
    transport aircraft", "(six) battle sets") or, in a list item, the head of the name before
    it ("Cartridges for Soviet light machine guns 37,000,000": cartridges)."""
    tokens = list(re.finditer(r"\S+", sentence))
    for m in NUMBER.finditer(sentence):
        if _is_date_or_id(sentence, m):
            continue
        start = m.start() - 1 if m.start() > 0 and sentence[m.start() - 1] == "(" else m.start()
        unit = HYPHEN_UNIT.match(sentence, m.end())
        if unit and unit.group(1).lower() in MEASURES and any(_same(singular(norm(unit.group(1))), x) for x in thing):
            return sentence[start : unit.end()]  # "a 60-day period", "a 100,000-man army"
        after = [t for t in tokens if t.start() >= m.end()][:window]
        for head in reversed(_head_after(after)):
            w = singular(norm(head.group(0).strip(_QUOTES)))
            if any(_same(w, x) for x in thing):
                return sentence[start : head.end()].rstrip(".,;:")
        amount = _amount_of(sentence, m)
        if amount and any(_same(singular(norm(amount[0])), x) for x in thing):
            return sentence[amount[1] : amount[2]]
        head = _head_before(sentence, m.start())
        if head and any(_same(singular(norm(head[0])), x) for x in thing):
            return sentence[head[1] : m.end()]
    return None


# money and measures a number may be the amount of ("2 million dollars", "300 tons")
AMOUNT_UNITS = {"won", "rouble", "ruble", "dollar", "yuan", "yen", "pound", "franc", "mark", "rupee",
                "peso", "lira", "sterling", "ton", "tonne", "kilogram", "kilometer", "kilometre", "km",
                "mile", "meter", "metre", "liter", "litre", "barrel", "day", "week", "month", "year"}  # fmt: skip


# the words joining a thing to its amount: "the loan at 2 billion won", "a credit amounting to 300 ..."
AMOUNT_LINK = re.compile(
    r"\b(?:at|of|amounting to|amounts to|totall?ing|worth|valued at|(?:to|in) the (?:amount|sum|value) of)\s+$", re.I
)


def _amount_of(sentence: str, m: re.Match) -> tuple[str, int, int] | None:
    """(head word, where the phrase starts, where it ends) of the thing a number of money or of
    a measure is the amount of, named just before it: "the loan at 2 billion won": loan. A
    number of anything else ("troops at 3 places") is no amount."""
    unit = re.match(r"\s+([A-Za-z]+)", sentence[m.end() :])
    if not unit or singular(norm(unit.group(1))) not in AMOUNT_UNITS:
        return None
    link = AMOUNT_LINK.search(sentence[: m.start()])
    if not link:
        return None
    head = _head_before(sentence, link.start())
    if head is None:
        return None
    return head[0], head[1], m.end() + unit.end()


_STOP_AFTER = {"of", "for", "with", "to", "from", "in", "on", "at", "by", "and", "or", "which", "that",
               "per", "each", "will", "are", "is", "were", "was", "as", "be", "have", "has",
               # adverbs and clause words closing a noun phrase ("45 US vessels now on loan")
               "now", "being", "not", "still", "already", "also", "who", "whose", "would",
               "could", "should", "shall", "may", "must", "can", "had", "been",
               # a clause's opening ("60 divisions then I must say"): a pronoun is counted by no number
               "then", "i", "we", "you", "he", "she", "they", "it"}  # fmt: skip


# measures a number is joined to by a hyphen ("a 60-day period"); a "three-regiment division" is
# the size of something else, not a count
MEASURES = {"day", "week", "month", "year", "hour", "minute", "mile", "kilometer", "kilometre", "km",
            "ton", "man", "knot", "inch", "foot", "meter", "metre", "mm", "cm"}  # fmt: skip


HYPHEN_UNIT = re.compile(r"[-–]([A-Za-z]+)\b")  # the measure joined to a number: "60-day"


ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S.", "U.S.S.R.": a full stop that ends no phrase


_QUOTES = ".,;:()\"'“”‘’"


_UNITS = {"ton", "tons", "kg", "km", "metres", "meters", "pieces", "sets", "set", "units", "pairs",
          "rounds", "carloads", "wagons", "cases", "boxes", "barrels", "liters", "litres",
          "battle sets", "quantity", "lots", "batches", "trainloads", "echelons"}  # fmt: skip


def _head_after(after: list[re.Match]) -> list[re.Match]:
    """The nouns a number may count, among the words after it: the last before a preposition
    or clause word ("40 transport aircraft with ...": aircraft), and after a measure word also
    what it measures ("1,000 tons of aviation fuel": tons, fuel; "six battle sets of
    cartridges": sets, cartridges)."""
    heads: list[re.Match] = []
    head = None
    for t in after:
        word = t.group(0)
        bare = word.strip(_QUOTES).lower()
        if bare in _STOP_AFTER:
            if bare == "of" and head is not None and head.group(0).strip(".,;:()").lower() in _UNITS:
                heads.append(head)
                head = None
                continue
            break
        if re.search(r"[a-z]", bare) and not re.fullmatch(r"\(.*\)", word):
            head = t
        if ABBREVIATION.fullmatch(word):
            continue
        if re.search(r"[.,;:]$", word) or (word.endswith(")") and not word.startswith("(")):
            break
    return [*heads, head] if head is not None else heads


def _head_before(sentence: str, at: int) -> tuple[str, int] | None:
    """(word, where it starts) of the head noun of the name just before a number: the word
    before its first 'for' or 'of', else its last word ("Soviet rifles 140,000": rifles)."""
    clause = re.split(r"[.;:,(]\s*|\b\d+\.\s", sentence[:at])[-1]
    offset = at - len(clause)
    words = list(re.finditer(r"[A-Za-z][\w\-'’]*", clause))
    if not words or len(words) > 8:
        return None
    head = words[-1]
    for i, w in enumerate(words):
        if w.group(0).lower() in ("for", "of") and i > 0:
            head = words[i - 1]
            break
    return head.group(0), offset + head.start()


def _same(a: str, b: str) -> bool:
    """Whether text word a is the question's thing word b, as written or as a synonym."""

    if not a:
        return False
    aliases = ALIASES.get()
    forms = [b, *(x for x in (aliases.related_words(b) if aliases else ()) if " " not in x)]
    return any(holds(f, a) for f in forms)


def _is_date_or_id(sentence: str, m: re.Match) -> bool:
    if not sentence[: m.start()].strip("( ") and re.match(r"[.)]\s", sentence[m.end() : m.end() + 2]):
        return True  # a list item's own number ("2. 45 US vessels ...")
    before = sentence[max(0, m.start() - 12) : m.start()].lower()
    if re.search(r"(?:no\.?|nº|n°|#|tel|telegram|deptel|urtel|embtel|mytel|page|p\.)\s*$", before):
        return True
    for (a, b), _d in find_dates(sentence):
        if a <= m.start() < b:
            return True
    return bool(re.fullmatch(r"1[89]\d\d", m.group(0)))


# -- passages ---------------------------------------------------------------------------------
def _focus(query: Query, cables: list[Cable]) -> list[str]:
    words = list(query.focus)
    parties = {n for c in cables[:1] for n, _r in c.party_roles()}
    for m in query.people:
        if m.name not in parties:
            words += [singular(w) for w in norm(m.name).split() if len(w) > 2]
    return list(dict.fromkeys(words))


def best_units(query: Query, cables: list[Cable], *, extra=(), need=None, bonus=None, rank=None, weigh=None, alternatives=None, text_only=False) -> Scored | None:
    words = list(dict.fromkeys([*_focus(query, cables), *extra]))
    if query.target not in ("claim", "reason") and query.claim_numbers:
        # "the 355 automobiles": the sentence must hold that number. A why-question's numbers
        # are its premise's ("why use the 1951 credit in 1950"): the reason need not repeat them.
        numbers = [n for n in query.claim_numbers if len(n) >= 2]
        if numbers:
            base = need
            need = lambda s, base=base: all(holds_number(s, n) for n in numbers) and (base is None or base(s))  # noqa: E731
    units = [u for c in cables for u in units_of(c)]
    same = weigh is None or {c.id for c in weigh} == {c.id for c in cables}
    weights = None if same else idf(words, [u for c in weigh for u in units_of(c)])
    # A word's synonyms from the alias file stand for it ("planes" for the cable's "aircraft").
    aliases = ALIASES.get()
    synonyms = {w: tuple(x for x in aliases.related_words(w) if x != w and " " not in x) for w in words} if aliases else {}
    for w, alts in (alternatives or {}).items():
        synonyms[w] = tuple(dict.fromkeys([*synonyms.get(w, ()), *alts]))
    if aliases:
        # a person the question names may be written under another name ("Zhou Enlai" as
        # "Chou En-lai"): any word of those names stands for any word of the canonical one
        for m in query.people:
            spelt = _spellings(aliases, m.name)
            for w in norm(m.name).split():
                if singular(w) in words:
                    synonyms[singular(w)] = tuple(dict.fromkeys([*synonyms.get(singular(w), ()), *spelt]))
    scored = score_units(words, units, weights=weights, alternatives=synonyms, lent=_heading_words(words, cables))
    best = None
    for s in scored:
        if need and not need(s.unit.text):
            continue
        if text_only and s.unit.part == "description":
            continue
        s.score = s.coverage + (bonus(s.unit.text) if bonus else 0) + (rank or {}).get(s.unit.cable, 0)
        if s.unit.part == "description":
            s.score -= 0.05
        if best is None or s.score > best.score:
            best = s
    return best


def _heading_words(words: list[str], cables: list[Cable]) -> dict[str, frozenset[str]]:
    """For each cable, the question's words its heading's parties hold ("how many pilots acc.
    to Gromyko": 'gromyko' for each sentence of Gromyko's cable). Their offices are left out: the
    'Ambassador' of a heading is no ambassador a sentence tells of."""
    from knowledge.qa.passages import word_forms

    out: dict[str, frozenset[str]] = {}
    for c in cables:
        people = [n for n, _r in c.party_roles() if not _OFFICE.search(n)]
        head = set(word_forms(" ".join(people)))
        held = frozenset(w for w in words if w in head or singular(w) in head)
        if held:
            out[c.id] = held
    return out


def _spellings(aliases: Aliases, name: str) -> tuple[str, ...]:
    """Words (3+ letters, titles aside) of the other names the alias file gives a person."""
    out: list[str] = []
    for written, canonical in aliases.people.items():
        if canonical == name:
            out += [w for w in written.split() if len(w) > 2 and w not in TITLES]
            out += ["".join(written.split()[1:])] if len(written.split()) == 3 else []  # "en lai": "enlai"
    return tuple(dict.fromkeys(out))


def holds_date(sentence: str, dates) -> bool:
    """Whether the sentence gives one of dates (day and month; the year when both have it)."""
    from knowledge.qa.resolve import YEARLESS

    for _span, d in find_dates(sentence, year=YEARLESS):
        for want in dates:
            if not (d.start and want.start):
                continue
            if want.precision == "month" and d.start[5:7] == want.start[5:7]:
                return True
            if d.start[5:] == want.start[5:] and (d.end or d.start)[5:] == (want.end or want.start)[5:]:
                return True
    return False


def holds_number(sentence: str, digits: str) -> bool:
    plain = re.sub(r"(?<=\d)[,\u202f\u00a0 ](?=\d{3}\b)", "", sentence)
    return re.search(rf"(?<![\d.]){re.escape(digits)}(?!\d)", plain) is not None


