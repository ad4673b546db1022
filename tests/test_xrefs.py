"""Telegraphese cross-references: Deptel, urtel, mytel, 'your telegram No.', Soviet '483/sh'."""

from __future__ import annotations

import pytest

from knowledge.aliases import load_aliases
from knowledge.parse.build import build_cable
from knowledge.parse.raw import RawDocument
from knowledge.parse.xrefs import find_cross_references


def refs(*paragraphs: str, footnotes: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    return [(r.kind, r.number, r.date) for r in find_cross_references(paragraphs, footnotes)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Re Deptel 417, February 27. He received me.", [("department", "417", "February 27")]),
        ("ReDeptel 268, April 21. I submit comment.", [("department", "268", "April 21")]),
        ("Reurtel 389 Apr 14. For urinfo Dept has.", [("reply-to", "389", "Apr 14")]),
        ("Urtel 641, Oct 15. Concur ur proposal.", [("reply-to", "641", "Oct 15")]),
        ("Ref Embtel 2064, December 11, rptd London 65.", [("embassy", "2064", "December 11")]),
        ("As reported mytel 61, July 20, Rhee stressed.", [("own", "61", "July 20")]),
        ("Info remytel 362, April 9, 2 p. m. In talks", [("own", "362", "April 9, 2 p. m.")]),
        (
            "In reply to your telegram No. 3153 of 28 November.",
            [("reply-to", "3153", "28 November")],
        ),
        ("Reference your 52 and statement.", [("reply-to", "52", "")]),
        ("See my No. 1187.", [("own", "1187", "")]),
        ("In addition to my No. 1187 I report.", [("own", "1187", "")]),
        ("To your No. 483/sh. We agree.", [("reply-to", "483/sh", "")]),
        ("Reur CX 62465. Avoid naming govts.", [("reply-to", "CX 62465", "")]),
        ("See mytel 34 [15], January 7.", [("own", "34", "January 7")]),
        ("As stated reftel, we agree.", [("reference", "", "")]),
        ("This is in reply to his telegram.", [("reply-to", "", "")]),
    ],
)
def test_one_reference(text, expected):
    assert refs(text) == expected


def test_a_list_shares_its_word_and_the_date_goes_with_the_last_number():
    assert refs("Re Embtels 813, 819 and Deptels 615, 619, Feb 20. Dept concerned.") == [
        ("embassy", "813", ""),
        ("embassy", "819", ""),
        ("department", "615", ""),
        ("department", "619", "Feb 20"),
    ]


def test_routing_lines_are_not_references():
    assert refs("Sent Department 815, repeated information Paris 77.") == []
    assert refs("Sent Dept 65, rptd info Tokyo 28.") == []


def test_footnotes_are_marked_as_such_in_words():
    found = find_cross_references(["Urtel 5."], ["The reply was telegram 297, April 27."])
    assert [(r.kind, r.number) for r in found] == [("reply-to", "5"), ("reference", "297")]
    assert found[1].words.startswith("footnote 1: ") and found[1].date == "April 27"
    assert found[0].words == "Urtel 5."


def test_every_format_fills_cross_references():
    raw = RawDocument(
        title="Ciphered telegram, Filippov [Stalin] to Mao Zedong",
        body_lines=(
            "Comrade Mao Zedong!",
            "",
            "I received your telegram No. 3153.",
            "",
            "FILIPPOV",
        ),
        date="1 December 1950",
    )
    cable = build_cable(raw, load_aliases())
    assert [(r.kind, r.number) for r in cable.cross_references] == [("reply-to", "3153")]
