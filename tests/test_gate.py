"""The last check before an answer is marked found (knowledge/qa/gate.py), on cables of our own."""

from __future__ import annotations

import pytest

from knowledge.answers import Answer, Citation
from knowledge.qa import gate
from knowledge.qa.query import read
from knowledge.qa.resolve import has_number

CABLES = {
    "pilots.md": """---
title: "Ciphered Telegram No. 41250 from Petrov to Orlov"
date: "March 2, 1951"
---
CIPHERED TELEGRAM No. 41250
To Comrade ORLOV
We ask you to train 120 pilots and to send 700 tents to Harbin before 20 March.
The delegation will arrive in Pyongyang on 9 March. Comrade Lin will go with it as interpreter.
PETROV
""",
    "reply.md": """---
title: "Ciphered Telegram No. 5120 from Orlov to Petrov"
date: "March 4, 1951"
---
CIPHERED TELEGRAM No. 5120
To Comrade PETROV
In reply to your telegram No. 41250: we will send 500 tents on 12 March.
ORLOV
""",
}


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    from tests.test_pipeline import library_of

    yield from library_of(tmp_path_factory.mktemp("gate-cables"), CABLES)


def ask_checked(lib, question: str, text: str, quote: str, cable: str, fact: str = "") -> Answer:
    """gate.check on a literal answer citing one cable."""
    query = read(question, lib.aliases, lib.names, lambda n: has_number(lib, n))
    answer = Answer(question, text, True, (Citation(cable, "t", "d", "", quote),), (), fact or text)
    return gate.check(lib, query, answer)


def cable_id(lib, number: str) -> str:
    return lib.cable(number).id


def test_a_claimed_number_the_cited_words_lack_is_not_confirmed(lib):
    got = ask_checked(
        lib, "so petrov asked to train 200 pilots, right", "Yes, according to ...",
        "We ask you to train 120 pilots", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "so petrov asked to train 120 pilots, right", "Yes, according to ...",
        "We ask you to train 120 pilots", cable_id(lib, "41250"),
    )  # fmt: skip
    assert kept.found


def test_a_refutation_may_cite_a_cable_without_the_claimed_number(lib):
    got = ask_checked(
        lib, "so petrov asked to train 200 pilots, right", "No: 120 pilots, according to ...",
        "We ask you to train 120 pilots", cable_id(lib, "41250"),
    )  # fmt: skip
    assert got.found


def test_a_telegram_number_no_cited_cable_holds_is_no_answer(lib):
    got = ask_checked(
        lib, "when was jcs 932503 sent", "It was sent 4 March 1951.", "March 4, 1951",
        cable_id(lib, "5120"),
    )  # fmt: skip
    assert not got.found


def test_a_quantity_answer_must_quote_the_thing_counted(lib):
    got = ask_checked(
        lib, "how many jets did petrov ask for", "700 tents, according to ...",
        "We ask you to train 120 pilots and to send 700 tents to Harbin before 20 March.",
        cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "how many tents did petrov ask for", "700 tents, according to ...",
        "We ask you to train 120 pilots and to send 700 tents to Harbin before 20 March.",
        cable_id(lib, "41250"),
    )  # fmt: skip
    assert kept.found


def test_an_event_elsewhere_does_not_date_the_event_asked_about(lib):
    got = ask_checked(
        lib, "when did the delegation arrive in moscow", "9 March, according to ...",
        "The delegation will arrive in Pyongyang on 9 March.", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "when did the delegation arrive in pyongyang", "9 March, according to ...",
        "The delegation will arrive in Pyongyang on 9 March.", cable_id(lib, "41250"),
    )  # fmt: skip
    assert kept.found


def test_a_role_only_the_text_names_is_not_answered_by_the_heading(lib):
    got = ask_checked(
        lib, "who went with the delegation as interpreter", "It was addressed to Orlov.",
        "To Comrade ORLOV", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "who sent the telegram about the interpreter", "It was sent by Petrov.",
        "PETROV", cable_id(lib, "41250"), fact="It was sent by Petrov.",
    )  # fmt: skip
    assert kept.found


def test_what_replied_to_a_cable_is_not_what_it_answers(lib):
    got = ask_checked(
        lib, "what telegram replied to orlov's 5120",
        "Telegram 5120: it answers No. 41250.", "In reply to your telegram No. 41250",
        cable_id(lib, "5120"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "orlov's 5120 replies to which telegram",
        "Telegram 5120: it answers No. 41250.", "In reply to your telegram No. 41250",
        cable_id(lib, "5120"),
    )  # fmt: skip
    assert kept.found


def test_questions_through_the_whole_pipeline_still_answer(lib):
    assert lib.ask("how many tents did petrov ask for in telegram 41250").found
    assert not lib.ask("how many jets did petrov ask for in telegram 41250").found


def test_a_deed_the_text_tells_is_not_answered_by_the_heading(lib):
    for question in ("who passed orlov the tents", "to whom did petrov want to show the plan"):
        got = ask_checked(
            lib, question, "It was addressed to Orlov.", "To Comrade ORLOV", cable_id(lib, "41250"),
        )  # fmt: skip
        assert not got.found, question
    kept = ask_checked(
        lib, "to whom was the telegram about tents addressed", "It was addressed to Orlov.",
        "To Comrade ORLOV", cable_id(lib, "41250"),
    )  # fmt: skip
    assert kept.found


def test_with_which_telegram_did_x_reply_to_y_asks_for_the_reply(lib):
    got = ask_checked(
        lib, "with which telegram did petrov reply to orlov's 5120",
        "Telegram 5120: it answers No. 41250.", "In reply to your telegram No. 41250",
        cable_id(lib, "5120"),
    )  # fmt: skip
    assert not got.found


def test_what_x_replied_comes_from_a_cable_x_sent(lib):
    got = ask_checked(
        lib, "what did petrov reply to orlov about the tents", "Orlov's cable says: ...",
        "we will send 500 tents on 12 March.", cable_id(lib, "5120"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "what did orlov reply to petrov about the tents", "Orlov's cable says: ...",
        "we will send 500 tents on 12 March.", cable_id(lib, "5120"),
    )  # fmt: skip
    assert kept.found


def test_a_total_of_two_things_is_not_one_number(lib):
    got = ask_checked(
        lib, "how many tents in all on 12 march and 20 march", "Orlov promised 500 tents, on 12 March.",
        "we will send 500 tents on 12 March.", cable_id(lib, "5120"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "how many tents in all on 12 march and 20 march", "1,200 tents in all: 500 + 700.",
        "we will send 500 tents on 12 March.", cable_id(lib, "5120"),
    )  # fmt: skip
    assert kept.found


def test_what_someone_said_is_confirmed_only_from_his_own_cable(lib):
    got = ask_checked(
        lib, "so orlov said he needs 700 tents, right", "Yes, according to Petrov's cable ...",
        "We ask you to train 120 pilots and to send 700 tents", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "so petrov said he needs 700 tents, right", "Yes, according to Petrov's cable ...",
        "We ask you to train 120 pilots and to send 700 tents", cable_id(lib, "41250"),
    )  # fmt: skip
    assert kept.found


def test_a_yes_no_question_needs_a_yes_or_a_no(lib):
    got = ask_checked(
        lib, "so petrov wanted the tents by plane, right", "Petrov's cable says: [...]",
        "We ask you to train 120 pilots and to send 700 tents", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found


def test_a_yes_must_quote_a_small_number_the_claim_gives(lib):
    got = ask_checked(
        lib, "so petrov asked for 5 field kitchens, right", "Yes, according to ...",
        "We ask you to train 120 pilots and to send 700 tents", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found


def test_no_is_not_said_when_the_cited_cable_holds_the_claimed_number(lib):
    got = ask_checked(
        lib, "did petrov ask for 700 tents", "No: 120 pilots, according to ...",
        "We ask you to train 120 pilots", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "did petrov ask for 900 tents", "No: 700 tents, according to ...",
        "send 700 tents", cable_id(lib, "41250"),
    )  # fmt: skip
    assert kept.found


def test_a_date_answer_is_not_the_date_the_question_points_with(lib):
    got = ask_checked(
        lib, "date of the order petrov carried out in his 2 march 1951 tel",
        "Petrov's cable was dated 2 March 1951.", "March 2, 1951", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "what time was the 2 march 1951 telegram received",
        "Petrov's cable of 2 March 1951: Received 2.3.51 13:15", "Received 2.3.51 13:15",
        cable_id(lib, "41250"),
    )  # fmt: skip
    assert kept.found


def test_a_reason_is_not_taken_from_an_editors_footnote(lib):
    got = ask_checked(
        lib, "why did petrov want the tents", "An editors' footnote to Petrov's cable says: ...",
        "See the memorandum of 3 March.", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found


def test_which_telegram_answered_x_asks_for_the_reply(lib):
    got = ask_checked(
        lib, "which telegram answered orlov's 5120", "Telegram 5120: it answers No. 41250.",
        "In reply to your telegram No. 41250", cable_id(lib, "5120"),
    )  # fmt: skip
    assert not got.found


def test_who_is_answered_by_a_quote_naming_someone_the_question_does_not(lib):
    got = ask_checked(
        lib, "who will go with the delegation", "Petrov's cable says: [...]",
        "The delegation will arrive in Pyongyang on 9 March.", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found
    for quote in (
        "The delegation will arrive in Pyongyang on 9 March. Comrade Lin will go with it as interpreter.",
        "Mr. Merchant said that Mr. Acheson approved the text.",
        "WANG JIAXIANG passed us the materials.",
    ):
        kept = ask_checked(
            lib, "who will go with the delegation", "Petrov's cable says: [...]", quote,
            cable_id(lib, "41250"),
        )  # fmt: skip
        assert kept.found, quote


def test_the_thing_counted_may_be_named_by_an_alias_or_misspelt(lib):
    got = ask_checked(
        lib, "how many tentes did petrov ask for", "700 tents, according to ...",
        "send 700 tents to Harbin", cable_id(lib, "41250"),
    )  # fmt: skip
    assert got.found


def test_a_date_is_no_answer_to_a_question_asking_for_none(lib):
    got = ask_checked(
        lib, "how did orlov take the request for tents", "4 March 1951, according to ...",
        "we will send 500 tents on 12 March.", cable_id(lib, "5120"),
    )  # fmt: skip
    assert not got.found


def test_where_is_answered_by_a_quote_naming_a_place_the_question_does_not(lib):
    query = read("where should the tents go", lib.aliases, lib.names, lambda n: has_number(lib, n))
    if query.target != "place":
        pytest.skip(f"read as {query.target}")
    got = ask_checked(
        lib, "where should the tents go", "Petrov's cable says: [...]",
        "We ask you to train 120 pilots.", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "where should the tents go", "Petrov's cable says: [...]",
        "send 700 tents to Pyongyang before 20 March.", cable_id(lib, "41250"),
    )  # fmt: skip
    assert kept.found


def test_a_quoted_passage_must_hold_a_third_of_the_questions_words(lib):
    got = ask_checked(
        lib, "what did petrov say about the snow blocking the roads and railway",
        "Petrov's cable says: [...]", "We ask you to train 120 pilots.", cable_id(lib, "41250"),
    )  # fmt: skip
    assert not got.found
    kept = ask_checked(
        lib, "what did petrov say about training pilots", "Petrov's cable says: [...]",
        "We ask you to train 120 pilots.", cable_id(lib, "41250"),
    )  # fmt: skip
    assert kept.found


def test_an_answer_of_another_kind_than_asked_is_none(lib):
    cable = cable_id(lib, "41250")
    for question, text in (
        ("how many tents would petrov need", "The archival source of Petrov's cable is APRF."),
        ("how much would each tent cost", "700 tents, according to ..."),
        ("who wrote the forum post about these cables", "Petrov's cable was sent by Petrov."),
    ):
        got = ask_checked(lib, question, text, "send 700 tents", cable)
        assert not got.found, question
    kept = ask_checked(lib, "how much would each tent cost", "$40 a tent, according to ...", "send 700 tents", cable)
    assert kept.found


def test_how_someone_took_a_telegram_is_no_date(lib):
    got = ask_checked(
        lib, "how did orlov take petrov's 2 march telegram", "4 March 1951, according to ...",
        "we will send 500 tents on 12 March.", cable_id(lib, "5120"),
    )  # fmt: skip
    assert not got.found
