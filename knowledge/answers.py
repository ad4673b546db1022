"""Answers and the citations they rest on: what `ask` returns to the CLI and the bot."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    """Which cable an answer rests on and the cable's own words it quotes."""

    cable: str  # cable id
    title: str
    date: str  # as displayed, e.g. "8 November 1950"
    source: str  # archival source as printed, "" if none
    quote: str

    def to_json(self) -> dict:
        return {
            "cable": self.cable,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Answer:
    """One short paragraph answering a question, with its citations.

    fact is the answer without the citation sentence; text is what a user reads.
    found is False when the cables do not hold the answer; suggestions then lists
    the closest things they do hold.
    """

    question: str
    text: str
    found: bool
    citations: tuple[Citation, ...] = ()
    suggestions: tuple[str, ...] = ()
    fact: str = ""

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "citations": [c.to_json() for c in self.citations],
            "suggestions": list(self.suggestions),
        }
