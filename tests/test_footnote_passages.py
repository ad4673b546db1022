"""Editors' footnotes are passages of their cable: indexed and in its card's words."""

from __future__ import annotations

from knowledge.cards import card_of
from knowledge.records import Cable
from knowledge.store import passages_of

CABLE = Cable(
    id="1951-01-05-rankin",
    title="The Chargé in China (Rankin) to the Secretary of State",
    paragraphs=("887. Contents Depcirtel 334 discussed Foreign Minister whose reactions follow.",),
    footnotes=("George Yen.",),
)


def test_footnotes_come_after_the_text_as_footnote_passages():
    parts = [(p.part, p.text) for p in passages_of(CABLE)]
    assert parts[-1] == ("footnote", "George Yen.")
    assert [p for p, _t in parts].index("footnote") > [p for p, _t in parts].index("body")


def test_a_footnotes_words_are_card_words():
    assert card_of(CABLE).has_word("yen")
