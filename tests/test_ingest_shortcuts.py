"""Ingest's shortcuts give what the slower forms they replace give."""

from __future__ import annotations

import json
import random
import string

from knowledge.aliases import norm
from knowledge.cards import card_data
from knowledge.parse import items, xrefs
from knowledge.records import to_dict
from knowledge.spelling import _TOKEN, norm_words, tokens
from knowledge.text import fold

CHARS = string.printable + "\x00\x01\x1c\x1f\x7f_’éÁ"


def _texts(n: int, seed: int, alphabet: str, longest: int = 40) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def test_tokens_and_norm_words_match_the_regex_forms():
    for text in _texts(5000, 1950, CHARS):
        assert tokens(text) == _TOKEN.findall(fold(text).lower()), repr(text)
        assert norm_words(text) == norm(text).split(), repr(text)


CUE_PIECES = [
    "Deptel", "deptels", "Embtel", "Embassy's telegram", "urtel", "Ur tel", "Reurtel", "Reur",
    "Re", "re", "reftel", "Re ftel", "mytel", "my No.", "MY CABLE", "our", "your", "his tel",
    "her telegram", "in reply to your", "in answer to his", "in addition to my", "telegram No.",
    "tel", "CX", "JCS", "HNC", "417", "483/sh", "A–68", "62465", "Dec 11", "28 November", "and",
    ",", " ", "  ", "\n", ".", "the", "army", "hour", "are", "We",
]  # fmt: skip


def test_the_cross_reference_prefilter_never_hides_a_reference():
    rnd = random.Random(1951)
    checked = 0
    for _ in range(20000):
        text = "".join(rnd.choice(CUE_PIECES) + rnd.choice(["", " ", "  "]) for _ in range(6))
        if xrefs._DIGIT.search(text) and xrefs._PATTERN.search(text):
            checked += 1
            assert xrefs._may_cite(text, text.lower()), repr(text)
    assert checked > 1000  # the pieces make many references


def test_card_items_are_the_items_as_stored(seed_cables):
    for cable in seed_cables.values():
        items = json.loads(card_data(cable)["items"])
        assert items == [to_dict(i) for i in cable.items]


CUE_WORDS = [
    "I", "we", "We", "ask", "asks", "asking", "asked", "request", "requests", "requested",
    "please", "his", "her", "their", "our", "my", "urgent", "send", "give", "supply", "provide",
    "deliver", "us", "to", "you", "for", "that", "me", "the", "your", "soviet", "delivery",
    "need", "beg", "would like", "will", "be", "sent", "orders have been given",
    "we are sending", "has been decided", "agree", "promised", "shall", "have decided",
    "are being sent", "are", "is", "am", "ready to", "can", "handed", "_", "2", ",", ".",
    "\n", "army", "Kask", "REQUEST", "WILL", "é",
]  # fmt: skip


def test_request_and_promise_cues_are_the_patterns_first_matches():
    rnd = random.Random(1952)
    found = 0
    for _ in range(20000):
        text = " ".join(rnd.choice(CUE_WORDS) for _ in range(rnd.randint(0, 9)))
        for fast, pattern in (
            (items.request_cue, items.REQUEST_CUES),
            (items.promise_cue, items.PROMISE_CUES),
        ):
            a, b = fast(text), pattern.search(text)
            assert (a and a.span()) == (b and b.span()), repr(text)
            found += b is not None
    assert found > 5000
