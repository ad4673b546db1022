"""The end of a cable (knowledge/qa/closing.py): the sender's last sentence, not the archive's notes."""

from __future__ import annotations

from knowledge.qa.closing import last_sentence
from knowledge.records import Cable


def test_the_last_sentence_is_the_senders_not_a_typists_note():
    cable = Cable(
        id="c",
        title="Ciphered telegram, Petrov to Orlov",
        paragraphs=(
            "We ask you to send 700 tents before 20 March.",
            "I wish you further successes in your work.",
            "sent in one copy from an original by Ivanov Nº 1644",
            "4 copies typed",
        ),
    )
    assert last_sentence(cable) == "I wish you further successes in your work."


def test_at_the_end_of_a_month_is_a_date_not_a_closing_line():
    from knowledge.qa.closing import CLOSING_ASKED

    assert CLOSING_ASKED.search("what did kim wish stalin at the end of his letter")
    assert not CLOSING_ASKED.search("how did kim take the congratulations at the end of august 1950")
