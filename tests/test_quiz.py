"""The quiz: questions made from stored records, and strict, fair answer checking."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.aliases import load_aliases
from knowledge.errors import CablebotError
from knowledge.library import Library
from knowledge.quiz import (
    ITEM_CUTOFF,
    check_answer,
    make_quiz,
    read_number,
    same_day,
    same_item,
    same_number,
    same_person,
    same_telegram,
)

FIXTURES = Path(__file__).parent / "fixtures" / "quiz"
ALIASES = load_aliases()


@pytest.fixture
def quiz_lib():
    lib = Library.open(memory=True, seeds_dir=FIXTURES)
    yield lib
    lib.close()


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("36", 36), ("thirty-six", 36), ("Thirty six", 36), ("36 chairs", 36), ("36.", 36),
        ("about thirty-six", 36), ("36,000", 36_000), ("36 000", 36_000), ("1.5 million", 1_500_000),
        ("140 thousand", 140_000), ("one hundred and forty thousand", 140_000),
    ],
)  # fmt: skip
def test_numbers_read_as_people_type_them(typed, value):
    assert read_number(typed) == value


@pytest.mark.parametrize("typed", ["", "many", "36 or 37", "36,0", "3 6", "two or 36", "36-37"])
def test_no_number_or_two_numbers_is_no_answer(typed):
    assert read_number(typed) is None


def test_numbers_equal_only_after_normalising():
    assert same_number("36", 36) and same_number("thirty-six", 36)
    assert not same_number("36,000", 36)
    assert not same_number("360", 36) and not same_number("3", 36)
    assert same_number("58,000,000", 58_000_000) and not same_number("58", 58_000_000)


def test_names_go_through_the_alias_file():
    assert same_person("Filippov", "Stalin", ALIASES)
    assert same_person("comrade FILIPPOV", "Stalin", ALIASES)
    assert same_person("Chou En-lai", "Zhou Enlai", ALIASES)
    assert same_person("Mao", "Mao Zedong", ALIASES)
    assert not same_person("Stal", "Stalin", ALIASES)  # no partial names
    assert not same_person("Mao and Stalin", "Stalin", ALIASES)
    assert not same_person("Zhou Enlai", "Stalin", ALIASES)
    assert not same_person("", "Stalin", ALIASES)


def test_item_names_fuzzy_at_a_high_cutoff_never_by_substring():
    assert ITEM_CUTOFF >= 85
    others = ("Wooden chairs", "Air pumps", "Field telephones")
    assert same_item("wooden chairs", "Wooden chairs", others=others)
    assert same_item("Wooden chair", "Wooden chairs", others=others)  # singular
    assert same_item("wooden chiars", "Wooden chairs", others=others)  # one slip
    assert same_item("chairs", "Wooden chairs", others=others)  # its trailing word, unshared
    assert not same_item("air", "Wooden chairs", others=others)  # "air" is not "chair"
    assert not same_item("chair", "Air pumps", others=others)
    assert not same_item("wooden", "Wooden chairs", others=others)
    assert not same_item("pumps and chairs", "Air pumps", others=others)
    assert not same_item("", "Air pumps")


def test_a_trailing_word_two_items_share_is_not_enough():
    others = ("Soviet light machine guns", "Soviet heavy machine guns")
    assert not same_item("machine guns", "Soviet heavy machine guns", others=others)
    assert same_item("heavy machine guns", "Soviet heavy machine guns", others=others)


def test_item_synonyms_from_the_alias_file():
    assert same_item("trucks", "automobiles", aliases=ALIASES)
    assert not same_item("trucks", "automobiles")


def test_days_and_telegram_numbers():
    assert same_day("20 November 1950", "1950-11-20")
    assert same_day("20.11.1950", "1950-11-20") and same_day("November 20, 1950", "1950-11-20")
    assert not same_day("November 1950", "1950-11-20")  # a month is not the day
    assert not same_day("21 November 1950", "1950-11-20") and not same_day("soon", "1950-11-20")
    assert same_telegram("27001", "27001") and same_telegram("No. 27001", "27001")
    assert not same_telegram("2700", "27001") and not same_telegram("27001 27002", "27001")


def test_questions_come_from_the_records_with_citations(quiz_lib):
    questions = make_quiz(quiz_lib, count=20, seed=3)
    kinds = {q.kind for q in questions}
    assert kinds >= {"quantity", "item", "sender", "recipient", "date", "telegram"}
    by_kind = {q.kind: q for q in questions}
    assert by_kind["sender"].answer == "Gao Gang"
    assert by_kind["recipient"].answer == "Stalin"
    assert by_kind["date"].expected == "1950-11-20"
    assert by_kind["telegram"].answer == "27001"
    assert "No. 27001" not in by_kind["telegram"].prompt
    for q in questions:
        assert q.citation.title == "Ciphered telegram, Gao Gang to Filippov (Stalin)"
        assert q.citation.source.startswith("APRF, Fond 45")
        if q.kind in ("quantity", "item"):
            assert q.citation.quote in quiz_lib.cable("27001").body_text()
        assert check_answer(q, q.answer, ALIASES), q
        if q.choices:
            assert q.answer in q.choices and len(set(q.choices)) == len(q.choices) <= 4


def test_checking_by_kind(quiz_lib):
    questions = {(q.kind, q.answer): q for q in make_quiz(quiz_lib, count=20, seed=1)}
    chairs = questions[("quantity", "36")]
    assert check_answer(chairs, "thirty-six", ALIASES)
    assert not check_answer(chairs, "36,000", ALIASES)
    recipient = questions[("recipient", "Stalin")]
    assert check_answer(recipient, "Filippov", ALIASES)
    assert not check_answer(recipient, "Gao Gang", ALIASES)
    item = questions[("item", "Wooden chairs")]
    assert check_answer(item, "chairs", ALIASES) and not check_answer(item, "air", ALIASES)


def test_a_quiz_is_filtered_and_reproducible(quiz_lib):
    assert make_quiz(quiz_lib, seed=7) == make_quiz(quiz_lib, seed=7)
    assert len(make_quiz(quiz_lib, count=3, seed=7)) == 3
    on_pumps = make_quiz(quiz_lib, topic="pumps", count=10, seed=1)
    assert on_pumps and all("pump" in (q.prompt + q.answer).lower() for q in on_pumps)
    assert make_quiz(quiz_lib, person="Filippov", count=2, seed=1)
    with pytest.raises(CablebotError, match="No cable is from or to Kim"):
        make_quiz(quiz_lib, person="Kim")
    with pytest.raises(CablebotError, match="nothing to ask about bananas"):
        make_quiz(quiz_lib, topic="bananas")
    with pytest.raises(CablebotError, match="1 to 20 questions"):
        make_quiz(quiz_lib, count=0)


def test_questions_from_the_seeds(lib):
    questions = make_quiz(lib, count=20, seed=2)
    assert len(questions) == 20
    rifles = [q for q in make_quiz(lib, count=20, topic="rifles", seed=2) if q.kind == "quantity"]
    assert any(q.answer == "140,000" for q in rifles)
    assert all(q.citation.cable != "commentary-kwang-on-yoo" for q in questions)
