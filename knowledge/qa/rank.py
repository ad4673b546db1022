"""Choose the cables, items and sentences a question is about, from index candidates only."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA

from knowledge.aliases import norm
from knowledge.cards import Card
from knowledge.memo import memo
from knowledge.qa.understand import Question, item_words
from knowledge.records import Cable, RequestedItem, from_dict
from knowledge.text import sentences, singular, stem

if TYPE_CHECKING:
    from knowledge.collection import Collection
    from knowledge.store import Store

T = TypeVar("T")

WORD_MATCH = 82  # a question word matches a cable word at this rapidfuzz ratio
MIN_ITEM_COVERAGE = 0.5  # share of the question's thing-words an item must match
MIN_PASSAGE_COVERAGE = 0.5  # share of the question's content words a sentence must hold
CLOSE_SECOND = 0.85  # a second cable scoring this share of the best is also an answer
CANDIDATE_CABLES = 15  # distinct cables from the index that are re-ranked in Python
_PREPOSITIONS = {"for", "of", "the", "and", "with", "to", "in", "on", "a"}


@memo(maxsize=262_144)
def word_match(a: str, b: str) -> float:
    """rapidfuzz ratio of two single words, lower-cased by the processor; plurals count as equal."""
    if singular(a) == singular(b):
        return 100.0
    if len(a) < 4 or len(b) < 4:
        return 100.0 if a == b else 0.0
    # One slip (two in long words), a swap of neighbours counting as one: "rifels", "machne".
    allowed = 1 if min(len(a), len(b)) < 8 else 2
    if OSA.distance(singular(a.lower()), singular(b.lower())) <= allowed:
        return 90.0
    return fuzz.ratio(a, b, processor=utils.default_process)


@memo(maxsize=65_536)
def matches_any(word: str, vocab: frozenset[str]) -> bool:
    """Whether word is one of vocab's words, as a plural, or within a slip of one (C-speed scan).

    Kept (memo): an item name's words are one frozenset, cached with the name, asked about
    the same question words again."""
    if word in vocab or singular(word) in vocab:
        return True
    if len(word) < 4:
        return False
    allowed = 1 if len(word) < 8 else 2
    if process.extractOne(singular(word), vocab, scorer=OSA.distance, score_cutoff=allowed):
        return True
    return process.extractOne(word, vocab, scorer=fuzz.ratio, score_cutoff=WORD_MATCH) is not None


def _word_forms(lib: Collection, word: str) -> tuple[frozenset[str], ...]:
    """The sets of words a text must hold to hold word: one set per part of a hyphened word,
    each with the part's stem and the stored words the speller takes it for."""
    return tuple(
        frozenset(f for x in lib.speller.forms(part) for f in (x, singular(x), stem(x)))
        for part in word.split("-")
        if part
    )


def _holds(vocab: tuple[str, ...], forms: tuple[frozenset[str], ...]) -> bool:
    return all(not f.isdisjoint(vocab) for f in forms)


@memo(maxsize=65_536)
def _sentence_vocab(sentence: str) -> tuple[str, ...]:
    """A sentence's words with their singulars and stems; a tuple, which the garbage
    collector stops walking, where a cached set would be walked at every full collection."""
    toks = norm(sentence).split()
    return tuple({*toks, *map(singular, toks), *map(stem, toks)})


def person_fit(q: Question, c: Card) -> float:
    """How well a cable's parties fit the people the question names, and in which roles.

    Ranking, resolving and item matching ask it of the same cards: each card's fit is
    worked out once a question (kept in q.memo while q.people stays the same list)."""
    if not q.people:
        return 0.0
    if not isinstance(c, Card):
        return _person_fit(q, c)
    kept = q.memo.get("person_fit")
    if kept is None or kept[0] is not q.people:
        kept = q.memo["person_fit"] = (q.people, {})
    fits = kept[1]
    fit = fits.get(c.id)
    if fit is None:
        fit = fits[c.id] = _person_fit(q, c)
    return fit


def _person_fit(q: Question, c: Card) -> float:
    score = 0.0
    for m in q.people:
        role = next((r for name, r in c.parties if m.is_(name)), None)
        want = "sender" if m.possessive else m.role_hint
        if role is None:
            if m.name in c.people or m.name in c.copies:
                score += 0.2 if not want else -0.5
            else:
                score -= 2.0
        elif want in ("", role) or (want == "recipient" and role == "for"):
            score += 3.0
        else:
            score += 1.0
    return score


@dataclass(frozen=True)
class Ranked:
    """A candidate cable with its score; the whole record is read only if an answer uses it."""

    score: float
    card: Card
    store: Store = field(repr=False, compare=False)

    @property
    def cable(self) -> Cable:
        return self.store.get(self.card.id)


def word_coverage(q: Question, c: Card) -> float:
    """Share of the question's content words the cable holds (exactly, as a plural, or misspelt)."""
    kept = q.memo.get("coverage_words")
    if kept is None or kept[0] != q.words:
        # the question's words in singular, worked out once a question, not once a card
        kept = q.memo["coverage_words"] = (
            list(q.words),
            [singular(w) for w in q.words if len(w) >= 3 and not w.isdigit()],
        )
    words = kept[1]
    if not words:
        return 0.0
    hits = 0
    vocab = None
    for w in words:
        if c.has_word(w) or ("-" in w and all(c.has_word(x) for x in w.split("-"))):
            hits += 1
        elif len(w) >= 5:
            vocab = vocab or c.words()
            if process.extractOne(w, vocab, scorer=fuzz.ratio, score_cutoff=WORD_MATCH + 3):
                hits += 1
    return hits / len(words)


def date_fit(q: Question, c: Card) -> float:
    return 2.0 if any(_same_day(d.start, day) for d in q.dates for day in c.days) else 0.0


def _once(q: Question, what: tuple, find: Callable[[], T]) -> T:
    """What find returns for this question, found once however many handlers ask. Keyed by
    the question's words too: a handler that rewords the question gets a fresh search."""
    key = (*what, tuple(q.words))
    if key not in q.memo:
        q.memo[key] = find()
    return q.memo[key]


def _people(lib: Collection, q: Question) -> list[list[str]]:
    """For each person the question names, who it may be (a shared surname: all who bear it)."""
    return [lib.names.everyone(m.name, partial=m.partial) for m in q.people]


def _without_names(q: Question, words: list[str]) -> list[str]:
    """words, less those of the people's names as the question typed them: once the people
    are required, their names would only make the search wider."""
    typed = {w for m in q.people for w in norm(q.text[m.start : m.end]).split()}
    typed |= {w for m in q.people for w in norm(m.name).split()}
    return [w for w in words if w not in typed] or words


def rank_cables(
    lib: Collection, q: Question, *, commentary: bool = False, limit: int = 8
) -> list[Ranked]:
    """Cables the question is about, best first: the index proposes, word coverage and parties decide."""
    return _once(
        q,
        ("rank_cables", commentary, limit),
        lambda: _rank_cables(lib, q, commentary=commentary, limit=limit),
    )


def _rank_cables(lib: Collection, q: Question, *, commentary: bool, limit: int) -> list[Ranked]:
    people = _people(lib, q)
    bonus: dict[str, float] = {}
    for number in q.number_words:
        for cable_id in lib.store.by_number(number):
            bonus[cable_id] = bonus.get(cable_id, 0) + 10
    required = bool(people) and not bonus
    words = q.words + [n for n in q.number_words if len(n) >= 3]
    if required:
        words = _without_names(q, words)
    else:
        words += [w for m in q.people for w in norm(m.name).split()]
    hits = (
        lib.search(
            words,
            kinds=("cable", "passage", "item"),
            people=people,
            people_required=required,
            fill_with_cables=True,
            limit=40,
        )
        if words or people
        else []
    )
    order: dict[str, float] = {cable_id: 0.0 for cable_id in bonus}
    for h in hits:
        order[h.cable] = max(order.get(h.cable, 0.0), h.score)
    candidates = list(order)[:CANDIDATE_CABLES]
    cards = lib.store.cards(candidates)
    out = []
    for cable_id in candidates:
        c = cards.get(cable_id)
        if c is None or (c.kind == "commentary") != commentary:
            continue
        score = 3 * word_coverage(q, c) + person_fit(q, c) + bonus.get(cable_id, 0) + date_fit(q, c)
        out.append(Ranked(score + 0.01 * min(order[cable_id], 10), c, lib.store))
    out.sort(key=lambda r: -r.score)
    return out[:limit]


def close_seconds(ranked: list[Ranked], has) -> list[Ranked]:
    """The best cable having a field, plus any other that scores almost as well."""
    usable = []
    for r in ranked:
        if has(r.cable):
            usable.append(r)
            if len(usable) == 3:
                break  # only the best three can be answers: read no more records
    if not usable:
        return []
    best = usable[0].score
    return [
        r for r in usable[:3] if r.score >= best * CLOSE_SECOND and (best - r.score) < 1.0
    ] or usable[:1]


@dataclass(frozen=True)
class ItemMatch:
    """A matched item: scored from its stored fields, made a record only if an answer uses it."""

    score: float
    card: Card
    position: int
    raw: dict = field(repr=False, compare=False)
    store: Store = field(repr=False, compare=False)

    @property
    def cable(self) -> Cable:
        return self.store.get(self.card.id)

    @cached_property
    def item(self) -> RequestedItem:
        return from_dict(RequestedItem, self.raw)


def _name_fit(
    lib: Collection,
    name: str,
    qwords: list[str],
    qset: frozenset[str],
    typed: dict[str, str],
    asked_words: dict[str, bool] | None = None,
) -> tuple[float, bool, float]:
    """How an item's name fits the question's thing-words: the share of them it holds, whether
    one is its head word ('guns' in 'cartridges for guns' is not), and the share of its words
    the question holds. typed maps a thing-word to the word as the question spelt it.
    asked_words: whether each item word is one the question holds, kept across the names of
    one question (the same qset and typed)."""
    words, vocab, head, head_related, phrase_words = _item_vocab(lib, name)
    heads = frozenset((head, head + "s"))
    matched_q = 0.0
    head_hit = False
    for w in qwords:
        forms = (w, typed[w]) if typed.get(w, w) != w else (w,)
        parts = [p for p in w.split("-") if p] if "-" in w else []
        if (
            any(matches_any(f, vocab) for f in forms)
            or w in phrase_words
            or (parts and all(matches_any(p, vocab) for p in parts))  # "anti-tank"
        ):
            matched_q += 1
            if (
                any(word_match(f, head) >= WORD_MATCH or matches_any(f, heads) for f in forms)
                or w in head_related
            ):
                head_hit = True
    coverage_q = matched_q / len(qwords) if qwords else 0.0
    asked = qset | frozenset(typed.get(w, w) for w in qset)
    asked |= frozenset(p for w in qset if "-" in w for p in w.split("-") if p)
    if asked_words is None:
        asked_words = {}
    held = 0
    for v in words:
        hit = asked_words.get(v)
        if hit is None:
            hit = asked_words[v] = matches_any(v, asked)
        held += hit
    coverage_i = held / max(1, len(words))
    return coverage_q, head_hit, coverage_i


def _item_vocab(lib: Collection, name: str):
    """An item's words, all words it may be asked by, its head word, the head's synonyms, and
    the single words of its multi-word synonyms; cached by item name."""
    cache = lib.__dict__.setdefault("_item_vocab_cache", {})
    if name not in cache:
        if len(cache) > 8192:
            cache.clear()
        cache[name] = _item_vocab_uncached(lib, name)
    return cache[name]


def _item_vocab_uncached(lib: Collection, name: str) -> tuple[list[str], set[str], str, set[str]]:
    words = [w for w in norm(name).split() if w not in _PREPOSITIONS]
    head_part = re.split(r"\b(?:for|of)\b", norm(name))[0].split()
    head = singular(head_part[-1]) if head_part else (singular(words[-1]) if words else "")
    related: set[str] = set()
    head_related: set[str] = set()  # synonyms of phrases that end in the head word
    toks = norm(name).split()
    for n in (1, 2, 3):
        for k in range(len(toks) - n + 1):
            gram = toks[k : k + n]
            found = lib.aliases.related_words(" ".join(gram))
            related |= found
            if singular(gram[-1]) == head:
                head_related |= found
    vocab = frozenset(words) | frozenset(related)
    phrase_words = frozenset(w for v in related if " " in v for w in v.split())
    return words, vocab, head, head_related, phrase_words


def match_items(lib: Collection, q: Question, *, limit: int = 30) -> list[ItemMatch]:
    """Requested or promised items the question names, best first; empty when none fits well."""
    return _once(q, ("match_items", limit), lambda: _match_items(lib, q, limit=limit))


def _match_items(lib: Collection, q: Question, *, limit: int) -> list[ItemMatch]:
    places = {w for p in lib.aliases.find_places(q.text) for w in norm(p).split()}
    places |= {
        w for m in lib.aliases.places_pattern.finditer(q.text) for w in norm(m.group(0)).split()
    }
    qwords = [w for w in item_words(q) if w not in places] or item_words(q)
    # As typed too: the singular of a slip can lose the word ("mnies" -> "mny").
    typed = {singular(w): w for w in q.words}
    expanded = list(dict.fromkeys(x for w in qwords for x in (w, typed.get(w, w))))
    for w in qwords:
        expanded += [x for x in lib.aliases.related_words(w) if " " not in x]
    for k in range(len(qwords) - 1):
        expanded += [
            x for x in lib.aliases.related_words(f"{qwords[k]} {qwords[k + 1]}") for x in x.split()
        ]
    people = _people(lib, q)
    if not expanded and not q.numbers:
        return []
    hits = lib.search(
        expanded + [n for n in q.number_words],
        kinds=("item",),
        people=people,
        people_required=bool(people),
        limit=limit,
    )
    known = lib.names
    qset = frozenset(qwords)
    cards = lib.store.cards(h.cable for h in hits)
    # What the index found, fit or not: the not-found answer offers these ("did you mean").
    q.memo["near_items"] = [
        (cards[h.cable], h.position)
        for h in hits
        if h.cable in cards and h.position < len(cards[h.cable].item_names)
    ]
    fits: dict[str, tuple[float, bool, float]] = {}  # item names recur: weigh each name once
    asked_words: dict[str, bool] = {}  # and their words recur across names
    out = []
    for c, position in q.memo["near_items"]:
        name = c.item_names[position]
        if name not in fits:
            fits[name] = _name_fit(lib, name, qwords, qset, typed, asked_words)
        coverage_q, head_hit, coverage_i = fits[name]
        number_hit = c.item_quantities[position] in q.numbers
        weak = coverage_q < MIN_ITEM_COVERAGE or not (head_hit or coverage_i >= 0.99)
        if (not qwords or weak) and not number_hit:
            continue
        raw = c.raw_item(position)
        score = 2 * coverage_q + coverage_i + (1.0 if head_hit else 0) + (2.5 if number_hit else 0)
        date = raw.get("date") or {}
        if date.get("start") and any(same_dates(d, _Span(date)) for d in q.dates):
            score += 2.5
        fit = person_fit(q, c)
        if q.people and fit < 3.0:
            in_words = set(known.names_in(raw["words"]))
            if all(any(m.is_(n) for n in in_words) for m in q.people):
                fit = 3.0  # "Kim Il Sung asked me to transmit ... his request for 50 guns"
        score += 0.5 * fit + 0.5 * date_fit(q, c)
        role = raw.get("role")
        if q.wants_request and role == "requested" or q.wants_promise and role == "promised":
            score += 0.5
        if any(m.role_hint == "sender" or m.possessive for m in q.people) and fit < 0:
            continue  # the named sender never asked for it
        out.append(ItemMatch(score, c, position, raw, lib.store))
    out.sort(key=lambda m: (-m.score, m.raw.get("number") or 99))
    return out


class _Span:
    """A stored date's start and end, read as a DateValue's."""

    def __init__(self, date: dict) -> None:
        self.start, self.end = date.get("start"), date.get("end")


def _same_day(asked: str | None, given: str | None) -> bool:
    from knowledge.qa.understand import YEARLESS

    if not asked or not given:
        return False
    return asked[5:] == given[5:] and asked[:4] in (str(YEARLESS), given[:4])


def same_dates(asked, given) -> bool:
    """Whether a date the question names is the item's (both ends, the year optional)."""
    return _same_day(asked.start, given.start) and _same_day(asked.end, given.end)


@dataclass(frozen=True)
class SentenceMatch:
    score: float
    coverage: float
    card: Card
    sentence: str
    passage: str
    part: str
    store: Store = field(repr=False, compare=False)

    @property
    def cable(self) -> Cable:
        return self.store.get(self.card.id)


REASON_CUES = re.compile(
    r"\b(?:because|since|in view of|due to|owing to|as a result|therefore|so that|in order to|on account of|the reason)\b",
    re.I,
)


def match_sentences(
    lib: Collection, q: Question, *, commentary: bool = False, limit: int = 25
) -> list[SentenceMatch]:
    """Sentences of the cables that hold the question's words, best first."""
    return _once(
        q,
        ("match_sentences", commentary, limit),
        lambda: _match_sentences(lib, q, commentary=commentary, limit=limit),
    )


def _match_sentences(
    lib: Collection, q: Question, *, commentary: bool, limit: int
) -> list[SentenceMatch]:
    people = _people(lib, q)
    words = [w for w in q.words if len(w) >= 3]
    if not words:
        return []
    hits = lib.search(
        _without_names(q, words) if people else words,
        kinds=("passage",),
        people=people,
        people_required=bool(people),
        limit=limit,
    )
    cards = lib.store.cards(h.cable for h in hits)
    passages = lib.store.passages_at((h.cable, h.position) for h in hits)
    forms = [_word_forms(lib, w) for w in words]
    out = []
    why = bool(re.match(r"^\s*why\b", q.text, re.I))
    for h in hits:
        c = cards.get(h.cable)
        if c is None or (c.kind == "commentary") != commentary:
            continue
        passage = passages.get((h.cable, h.position))
        if passage is None or passage.part in ("title", "header"):
            continue
        fit = person_fit(q, c)
        for s in sentences(passage.text.replace("\n", " ")):
            vocab = _sentence_vocab(s)
            matched = sum(1 for f in forms if _holds(vocab, f))
            coverage = matched / len(words)
            if coverage < MIN_PASSAGE_COVERAGE:
                continue
            score = coverage * 3 + 0.3 * fit + (0.5 if why and REASON_CUES.search(s) else 0)
            score -= 0.3 if passage.part == "description" else 0
            out.append(SentenceMatch(score, coverage, c, s, passage.text, passage.part, lib.store))
    out.sort(key=lambda m: -m.score)
    return out
