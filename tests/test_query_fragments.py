"""Fragments a student types: a thing and who wanted it, with no question word (qa/query.py)."""

from __future__ import annotations

import pytest

from knowledge.qa.query import read
from knowledge.qa.resolve import has_number
from tests.test_pipeline import CABLES


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    from tests.test_pipeline import library_of

    yield from library_of(tmp_path_factory.mktemp("fragments"), CABLES)


@pytest.mark.parametrize(
    "text, target",
    [
        ("tents petrov wanted?", "quantity"),
        ("field kitchens petrov asked for", "quantity"),
        ("what did petrov want", "items"),
        ("why did petrov want tents", "reason"),
    ],
)
def test_a_thing_and_who_wanted_it_asks_how_many(lib, text, target):
    assert read(text, lib.aliases, lib.names, lambda n: has_number(lib, n)).target == target


def test_the_fragment_is_answered_with_the_count(lib):
    answer = lib.ask("tents petrov wanted?")
    assert answer.found and "700" in answer.text, answer.text


def test_one_slip_in_a_seven_letter_name_is_that_name(lib):
    from knowledge.qa.names import Names

    names = Names(lib.aliases, ["Gromyko"])
    assert [f.name for f in names.find("acc. to gromyco's note")] == ["Gromyko"]


@pytest.mark.parametrize(
    "text, target",
    [
        ("what did orlov reply to petrov's 41250 with", "replied"),
        ("what was orlov's reply to petrov's 41250", "replied"),
        ("orlov's 5120 replies to petrov's telegram no.?", "reply"),
        ("5120 answers which telegram", "reply"),
    ],
)
def test_what_comes_after_reply_to_is_the_cable_answered(lib, text, target):
    assert read(text, lib.aliases, lib.names, lambda n: has_number(lib, n)).target == target


def test_a_question_ending_on_reply_to_asks_what_the_cable_answers(lib):
    query = read("which telegram did orlov's 5120 reply to", lib.aliases, lib.names, lambda n: has_number(lib, n))
    assert query.target == "reply"
    answer = lib.ask("which telegram did orlov's 5120 reply to")
    assert answer.found and "41250" in answer.text, answer.text
