"""Questions a new user asks of a cable with a numbered list of arms and a reply promising
trucks: abbreviations, category totals, list positions, closing lines, signature dates,
promises against deliveries, refuted numbers. Small cables of our own."""

from __future__ import annotations

import pytest

from knowledge.qa.pipeline import answer
from tests.test_pipeline import CABLES, library_of

LIST_CABLES = {
    "list.md": """---
title: "Ciphered Telegram No. 7301 from Volkov to Lebedev"
date: "May 5, 1951"
source: "APRF, Fond 9, Opis 2, Delo 14, Listy 5-6"
---
CIPHERED TELEGRAM No. 7301
To Comrade LEBEDEV
We ask you to send us the following for the 5th Corps in June 1951:
1. Carbines 9,000.
2. Carbine cartridges 4,000,000.
3. Soviet heavy machine guns 300.
4. Cartridges for heavy machine guns 2,500,000.
5. Pistols 400.
6. Field radios 60.
The enemy's artillery destroyed most of our stores in April, because of which the corps cannot fight.
There is a great variety in the calibers of the captured carbines.
Transport for these will be counted against the portion which you promised to send from 1.6 to 15.6, numbering 600 trucks.
With comradely greetings.
VOLKOV
No. 412
4.5.51
""",
    "promise.md": """---
title: "Ciphered Telegram No. 2210 from Lebedev to Volkov"
date: "May 7, 1951"
source: "APRF, Fond 9, Opis 2, Delo 14, List 9"
---
CIPHERED TELEGRAM No. 2210
To Comrade VOLKOV
Your request of 5 May will be satisfied. We will hand over 120 trucks on 10 May and 80 trucks on 14 May. The columns need 3-4 days to reach the front. Another 50 trucks will arrive in Harbin before 1 June.
LEBEDEV
""",
}


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("list-cables"), LIST_CABLES)


def test_abbreviation_from_the_alias_file_finds_the_item(lib):
    a = answer(lib, "how many hmgs did volkov ask for")
    assert a.found and "300" in a.text and "heavy machine guns" in a.text


def test_category_total_adds_every_kind_of_gun_and_no_cartridges(lib):
    a = answer(lib, "total guns volkov asked for")
    assert a.found and "9,700" in a.text  # carbines 9,000 + heavy machine guns 300 + pistols 400
    assert "Carbines" in a.text and "Pistols" in a.text and "Cartridges" not in a.text


def test_total_counts_the_head_word_not_its_modifier(lib):
    a = answer(lib, "all machine gun cartridges together")
    assert a.found and "2,500,000" in a.text and "Soviet heavy machine guns 300" not in a.text


def test_machine_guns_are_a_kind_not_the_gun_category(lib):
    a = answer(lib, "how many machine guns in total")
    assert a.found and "300" in a.text and "9,000" not in a.text


@pytest.mark.parametrize(
    "question, item",
    [
        ("what was item 4 on volkov's list", "Cartridges for heavy machine guns 2,500,000"),
        ("no. 2 in the list?", "Carbine cartridges 4,000,000"),
        ("the last item on volkov's list", "Field radios 60"),
    ],
)
def test_item_at_a_place_in_the_numbered_list(lib, question, item):
    a = answer(lib, question)
    assert a.found and item in a.text
    assert a.citations[0].quote.startswith(item[:8]) is False  # quoted with its number, as printed
    assert a.citations[0].quote.split(". ", 1)[1].startswith(item)


def test_a_place_beyond_the_list_is_not_in_the_cables(lib):
    assert not answer(lib, "what was item 9 on volkov's list").found


def test_count_of_a_list_stops_at_its_last_number(lib):
    a = answer(lib, "how many items are on volkov's list")
    assert a.found and "has 6 items" in a.text and "enemy" not in a.text


def test_closing_line_and_the_last_sentence_when_no_closing_formula(lib):
    a = answer(lib, "how does volkov end his telegram")
    assert a.found and '"With comradely greetings."' in a.text
    b = answer(lib, "quote the closing line of lebedev's cable")
    assert b.found and b.citations[0].quote == "Another 50 trucks will arrive in Harbin before 1 June."
    assert "Volkov" not in b.text.split("[")[0].split("to Volkov")[0]  # Lebedev's own cable


def test_date_under_the_signature_differs_from_the_cable_date(lib):
    a = answer(lib, "what date is printed under volkov's signature")
    assert a.found and "4.5.51" in a.text and "4 May 1951" in a.text and "dated 5 May 1951" in a.text
    # Lebedev's reply prints no date under his name: never Volkov's date instead
    assert not answer(lib, "what date is printed under lebedev's signature").found


def test_item_number_in_a_why_question_is_not_a_list_lookup():
    from knowledge.qa.lists import asked

    assert asked("why avoid mentioning the UN in the item 5 recommendation") is None
    assert asked("what was item 5 on the list") == "position"


def test_a_promise_is_no_record_that_it_happened(lib):
    a = answer(lib, "did the 50 trucks arrive in harbin")
    assert not a.found and "only a request or a promise" in a.text and "will arrive" in a.text
    b = answer(lib, "did lebedev promise 50 trucks")  # the promise itself is in the cable
    assert b.found and b.text.startswith("Yes")


@pytest.mark.parametrize(
    "question", ["so volkov wanted a million carbines?", "did volkov ask for a million carbines"]
)
def test_a_claimed_number_in_words_is_refuted_with_the_cables_number(lib, question):
    a = answer(lib, question)
    assert a.found and a.text.startswith("No") and "9,000" in a.text


def test_a_true_claim_typed_as_a_statement_is_confirmed(lib):
    a = answer(lib, "so volkov wanted 9,000 carbines?")
    assert a.found and a.text.startswith("Yes")


def test_spelled_numbers():
    from knowledge.qa.pipeline import spelled_numbers

    assert spelled_numbers("a million rifles?") == "1,000,000 rifles?"
    assert spelled_numbers("two thousand tons and 1.5 million rounds") == "2,000 tons and 1,500,000 rounds"
    assert spelled_numbers("why leave out the figure") == "why leave out the figure"


def test_total_over_days_listed_before_one_month_adds_each_days_figure(lib):
    a = answer(lib, "how many trucks in total will lebedev hand over on 10 and 14 may")
    assert a.found and "200" in a.text and "120" in a.text and "80" in a.text
    assert "50" not in a.text.split("[")[0]  # the trucks due before 1 June are not of those days


def test_question_dates_reads_each_listed_day():
    from knowledge.qa.query import question_dates

    days = {d.start[5:] for d in question_dates("delivered on 20 and 25-26 nov", [])}
    assert "11-20" in days


def test_x_to_y_in_a_question_is_sender_then_recipient(lib):
    a = answer(lib, "archival source for lebedev to volkov")
    assert a.found and "List 9" in a.text and "Listy 5-6" not in a.text
    b = answer(lib, "archival source for volkov to lebedev")
    assert b.found and "Listy 5-6" in b.text


def test_a_period_in_day_month_form_picks_the_promise_made_for_it(lib):
    a = answer(lib, "how many trucks had lebedev already promised for 1.6 to 15.6")
    assert a.found and "600" in a.text.split("[")[0] and "120" not in a.text


def test_commentary_answers_with_a_sentence_naming_the_person_asked_about(tmp_path):
    from tests.test_parse_snippets import KIM_PAGE

    page = (
        "<p>These cables show how the war looked from Pyongyang. The Chinese documents say the "
        "Koreans were short of trucks all winter.</p>"
        "<p>President Truman used to say that the Koreans were tired of the war. "
        "New documents from the archives suggest that Truman's view may have been correct.</p>"
        "<p>By December even Kim Il Sung was thinking of talks. In a letter he stated, "
        "\"talks will help Korea.\"</p><br>Regards,<br><br>Jane Roe<br><br>" + KIM_PAGE
    )
    for lib in library_of(tmp_path, {"page.html": page}):
        a = answer(lib, "what does the commentary say truman said about the koreans")
        assert a.found and "used to say" in a.text
        b = answer(lib, "what did kim il sung say about talks according to the post")
        assert b.found and "he stated" in b.text  # the sentence before names him
        assert not answer(lib, "what does the commentary say molotov said about the koreans").found
        # a yes/no question about the post is not answered by quoting a sentence of it
        c = answer(lib, "did kim il sung refuse talks in december, as the post says?")
        assert not c.found or c.text.startswith(("Yes", "No"))


def test_a_sentence_saying_a_property_varies_names_no_value_of_it(lib):
    a = answer(lib, "what caliber were the captured carbines")
    assert not a.found
    from knowledge.qa.gate import _variety_for_a_value
    from knowledge.qa.query import read

    q = read("what caliber were the carbines", lib.aliases, lib.names)
    assert _variety_for_a_value(q, "The carbines are of 7.62 mm caliber.") is None
    assert _variety_for_a_value(q, "There is a great variety in the calibers of the carbines.")


def test_a_bare_noun_phrase_asks_for_the_quantity(lib):
    a = answer(lib, "cartridges for heavy mgs?")
    assert a.found and "2,500,000" in a.text


def test_via_who_asks_for_the_relay():
    from knowledge.library import Library
    from knowledge.qa.query import read

    lib = Library.open(memory=True)
    try:
        assert read("stalin's reply went via who", lib.aliases, lib.names).target == "via"
    finally:
        lib.close()


def test_when_for_a_count_named_by_a_synonym(lib):
    a = answer(lib, "when would the 120 lorries be handed over")
    assert a.found and "10 May 1951" in a.text.split("[")[0]


def test_a_listed_lot_is_no_reason(lib):
    a = answer(lib, "why did volkov need carbines")
    assert not a.found or all("9,000" not in c.quote for c in a.citations)


def test_total_of_coordinated_kinds_adds_each_kind(lib):
    a = answer(lib, "how many carbines and pistols in total")
    assert a.found and "9,400" in a.text  # carbines 9,000 + pistols 400


def test_did_x_send_is_not_confirmed_by_a_promise(lib):
    a = answer(lib, "did lebedev send 50 trucks before 1 june")
    assert not a.found and "only a request or a promise" in a.text


def test_a_count_of_deliveries_is_not_given_from_a_promise(lib):
    a = answer(lib, "how many trucks were delivered")
    assert not a.found
    b = answer(lib, "did lebedev actually hand over the 120 trucks")
    assert not b.found


def test_a_claimed_count_is_checked_against_the_count_of_the_whole_thing(lib):
    # "carbine cartridges", not the cartridges of any kind
    a = answer(lib, "did volkov ask for two million carbine cartridges?")
    assert a.found and a.text.startswith("No") and "4,000,000" in a.text


def test_kinds_of_a_category_are_not_the_length_of_the_list():
    from knowledge.qa.lists import asked

    assert asked("how many kinds of weapons did volkov ask for") is None
    assert asked("how many items did volkov ask for") == "count"


def test_number_under_the_signature_and_who_signed(lib):
    a = answer(lib, "what number is under volkov's signature")
    assert a.found and "No. 412" in a.text
    assert not answer(lib, "what number is under lebedev's signature").found
    b = answer(lib, "which day did lebedev sign his telegram")
    assert b.found and "7 May 1951" in b.text and "Lebedev's cable" in b.text


def test_category_total_when_no_item_is_named_by_the_word(lib):
    a = answer(lib, "how many weapons in total did volkov ask for")
    assert a.found and "9,700" in a.text and "Cartridges" not in a.text.split("[")[0]


def test_what_x_asked_for_is_from_x_own_cables(lib):
    a = answer(lib, "what did lebedev ask for")
    # Volkov's list, asked of Lebedev, is not Lebedev's request
    assert not a.found or "Carbines 9,000" not in a.text


def test_purpose_and_deed_questions_are_not_item_lists(lib):
    from knowledge.qa.query import read

    assert read("what did volkov ask lebedev to do", lib.aliases, lib.names).target == "passage"
    assert read("what did volkov want the carbines for", lib.aliases, lib.names).target == "reason"
    assert read("what did volkov ask lebedev for", lib.aliases, lib.names).target == "items"
    assert read("what did volkov ask lebedev to send", lib.aliases, lib.names).target == "items"


def test_x_mentioned_makes_x_the_sender():
    from knowledge.library import Library
    from knowledge.qa.understand import understand

    lib = Library.open(memory=True)
    try:
        q = understand("total automobiles zhou mentioned", lib.aliases, lib.names)
        assert [m.role_hint for m in q.people] == ["sender"]
    finally:
        lib.close()


def test_a_count_given_as_a_range_is_stated_whole(lib):
    a = answer(lib, "how many days do the columns need to reach the front")
    assert a.found and a.text.startswith("3-4 days")


def test_signature_date_cues_do_not_take_other_questions():
    from knowledge.qa.lists import asked

    assert asked("who signed the cable dated 17 november") is None
    assert asked("which telegram is dated at the end of november") is None
    assert asked("what date is at the bottom of volkov's telegram") == "signature_date"


def test_closing_cue_is_about_a_message():
    from knowledge.qa.lists import asked

    assert asked("how did the meeting end") is None
    assert asked("how does volkov's telegram to lebedev end") == "closing"


def test_a_reply_granting_the_request_was_positive(lib):
    a = answer(lib, "was lebedev's reply positive")
    assert a.found and a.text.startswith("Yes") and "will be satisfied" in a.text
    b = answer(lib, "was lebedev's answer a refusal")
    assert b.found and b.text.startswith("No")


def test_a_reply_granting_part_and_refusing_part_is_no_plain_yes(tmp_path):
    # Orlov: "we will send 500 tents on 12 March. We cannot send field kitchens."
    for own in library_of(tmp_path, CABLES):
        a = answer(own, "was orlov's reply positive")
        assert not a.found or not a.text.startswith(("Yes", "No:"))
