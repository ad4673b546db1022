"""Candidates for questions that name people, in a library where each of them wrote many cables.

The seed has three cables; these tests ingest a dozen invented ones so that "Belov's telegram
to Orlov" must be told apart from Belov's cables to others and from cables that only mention
Orlov, as in a real archive of thousands.
"""

from __future__ import annotations

import pytest

from knowledge.library import Library
from knowledge.text import stem
from tests.conftest import SEEDS_DIR

CABLE = """---
title: Telegram from {sender} to {recipient}
date: {day} March 1951
sender: {sender}
recipient: {recipient}
source: APRF, Fond 45, Opis 1, Delo {delo}, List 1
---
TELEGRAM No. {number}

From Pyongyang Received {day}.3.1951 {hour} hours 10 minutes

To Comrade {recipient_caps}

{body}

{sender_caps}
"""

# (sender, recipient, day, body): Belov writes to four people, Orlov receives from four.
CABLES = [
    ("Ivan Belov", "Pavel Orlov", 3, "Please send 40 field telephones before 1 May."),
    ("Ivan Belov", "Semyon Gusev", 4, "Please send 300 tents. Comrade Stalin agrees."),
    ("Ivan Belov", "Yuri Sokolov", 5, "Please send 25 trucks for the Pavel Orlov group."),
    ("Ivan Belov", "Oleg Titov", 6, "Please send 12 radio stations."),
    ("Semyon Gusev", "Pavel Orlov", 7, "We will send 500 blankets by 20 April."),
    ("Yuri Sokolov", "Pavel Orlov", 8, "We will send 60 field telephones by 25 April."),
    ("Oleg Titov", "Pavel Orlov", 9, "We cannot send the bridges this month."),
    ("Oleg Titov", "Yuri Sokolov", 10, "Please send 90 batteries."),
]


@pytest.fixture(scope="module")
def people_lib(tmp_path_factory):
    folder = tmp_path_factory.mktemp("people")
    for n, (sender, recipient, day, body) in enumerate(CABLES):
        (folder / f"cable{n}.md").write_text(
            CABLE.format(
                sender=sender,
                recipient=recipient,
                day=day,
                delo=300 + n,
                number=4100 + n,
                hour=10 + n,
                body=body,
                sender_caps=sender.upper(),
                recipient_caps=recipient.upper(),
            ),  # fmt: skip
            encoding="utf-8",
        )
    library = Library.open(folder / "store.db", seeds_dir=SEEDS_DIR)
    assert {r.status for r in library.ingest_paths([folder])} == {"added"}
    yield library
    library.close()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("when was Belov's telegram to Orlov received?", "3 March 1951, 10:10"),
        ("when was Gusev's cable to Orlov received?", "7 March 1951, 14:10"),
        ("what is the number of Sokolov's telegram to Orlov?", "4105"),
        ("what is the archival source of Belov's cable to Titov?", "Delo 303"),
        ("how many field telephones did Belov ask Orlov for?", "40"),
        ("how many field telephones did Sokolov promise?", "60"),
        ("how many tents did Belov request?", "300"),
        ("how many blankets did Gusev promise Orlov?", "500"),
    ],
)
def test_the_cable_between_the_people_named(people_lib, question, expected):
    answer = people_lib.ask(question)
    assert answer.found, answer.text
    assert expected in answer.text, answer.text


def test_a_person_only_mentioned_is_not_the_sender(people_lib):
    answer = people_lib.ask("how many trucks did Orlov ask for?")
    assert not answer.found, answer.text  # Belov asked for them "for the Orlov group"


def test_a_misspelt_item_between_named_people(people_lib):
    answer = people_lib.ask("how many feild telephnes did Belov ask Orlov for?")
    assert answer.found and "40" in answer.text, answer.text


def test_the_index_puts_the_shared_cable_first(people_lib):
    hits = people_lib.search(
        [],
        kinds=("cable",),
        people=[["Ivan Belov"], ["Pavel Orlov"]],
        people_required=True,
        limit=5,
    )
    assert hits[0].cable.startswith("1951-03-03-ivan-belov-to-pavel-orlov")
    # Cables that only mention Orlov come after, and cables of neither never.
    assert all("belov" in h.cable or "orlov" in h.cable for h in hits)


@pytest.mark.parametrize(
    ("a", "b"),
    [("concentrated", "concentrate"), ("delivered", "delivery"), ("deliveries", "deliver")],
)
def test_stems_meet(a, b):
    assert stem(a) == stem(b)


def test_short_words_keep_their_stem():
    assert stem("arms") == "arms" and stem("guns") == "guns"


def test_the_people_s_own_cables_come_before_those_that_mention_them(people_lib):
    hits = people_lib.search(
        [], kinds=("cable",), people=[["Stalin"]], people_required=True, limit=10
    )
    cables = [h.cable for h in hits]
    # The seed's three cables are from or to Stalin; Belov's to Gusev only mentions him.
    assert len(cables[:3]) == 3 and all(c.startswith("1950-11-") for c in cables[:3]), cables
    assert "1951-03-04-ivan-belov-to-semyon-gusev" in cables[3:], cables


def test_an_items_quantity_is_a_word_of_the_index(people_lib):
    hits = people_lib.search(["60"], kinds=("item",), limit=5)
    assert [h.cable for h in hits] == ["1951-03-08-yuri-sokolov-to-pavel-orlov"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("when will the 60 field telephones arrive?", "25 April"),
        ("by when were the 40 field telephones wanted?", "1 May"),
    ],
)
def test_a_lot_named_by_its_quantity(people_lib, question, expected):
    answer = people_lib.ask(question)
    assert answer.found and expected in answer.text, answer.text


def test_a_slip_whose_singular_loses_the_word(people_lib):
    # "bateries" reads as the singular "batery", which no stored word is a slip of; the
    # question's own spelling is corrected to "batteries".
    answer = people_lib.ask("how many bateries did Titov ask for?")
    assert answer.found and "90" in answer.text, answer.text


def test_a_delivery_question_is_not_answered_with_the_cables_date(people_lib):
    answer = people_lib.ask("when will Titov deliver the bridges to Orlov?")
    assert "9 March 1951" not in answer.text, answer.text
