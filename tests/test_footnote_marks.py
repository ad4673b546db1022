"""Footnote marks that copied FRUS text glues onto words and numbers (knowledge/parse/frus.py)."""

from __future__ import annotations

from knowledge.parse.frus import strip_marks


def test_mark_after_a_word_is_taken_over_a_reference_numbers_last_digit():
    texts, found = strip_marks(["272. Urtel 641, Oct 15. Concur.", "Inform them in confidence.1"], 1)
    assert texts == ["272. Urtel 641, Oct 15. Concur.", "Inform them in confidence."]
    assert found == [(1, 1, 26)]


def test_digit_followed_by_the_mark_itself_is_part_of_the_number():
    texts, _ = strip_marks(["Reur CX 62465.2 Lines indicated in part V, JCS 90083.3 In other words"], 3)
    assert texts == ["Reur CX 62465. Lines indicated in part V, JCS 90083. In other words"]


def test_reference_number_holds_the_mark_when_no_clearer_place_does():
    texts, _ = strip_marks(["Deptel 4172 reached us. The Minister agreed."], 2, start=2)
    assert texts == ["Deptel 417 reached us. The Minister agreed."]


def test_a_decimal_file_number_may_carry_a_letter():
    from knowledge.parse.frus import file_line

    assert file_line("793B.02/1–2551: Telegram") == ("793B.02/1–2551", "Telegram")
