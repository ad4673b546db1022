"""The text as printed (Cable.printed): kept for every format, quoted by `quote`, and the
verbatim check answers use (knowledge.text.in_printed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.aliases import load_aliases
from knowledge.parse import parse_path
from knowledge.text import in_printed, printed_text

MESSY = Path(__file__).parent / "fixtures" / "messy"
INGEST = Path(__file__).parent / "fixtures" / "ingest"


def _one(name: str, folder: Path = MESSY):
    cables = [c for c in parse_path(folder / name, aliases=load_aliases()) if c.kind == "cable"]
    assert len(cables) == 1
    return cables[0]


def test_markdown_keeps_stamps_and_lines_under_the_signature_in_order():
    cable = _one("printed_stamps.md")
    assert cable.printed.splitlines() == [
        "CIPHERED TELEGRAM No. 31001",
        "",
        "From Beijing Received 04 hours 30 minutes",
        "12.12.1950",
        "",
        "URGENT",
        "",
        "To Comrade FILIPPOV [Stalin]",
        "",
        "We ask you to send 300 trucks",
        "to Andong station before the",
        "end of December.",
        "",
        "ZHOU ENLAI",
        "SECRET",
        "Copy No. 3",
    ]
    # The parser still reads the stamp; its reading is not the printed words.
    assert cable.received and cable.received.time == "04:30"
    assert not in_printed("Received 12.12.1950 04:30", cable.printed)


def test_key_value_text_keeps_its_lines():
    cable = _one("printed_text.txt")
    lines = cable.printed.splitlines()
    assert lines[:2] == ["From Beijing Received 11 hours 05 minutes", "3.1.1951"]
    assert lines[-2:] == ["ROSHCHIN", "Typed in 4 copies"]
    assert "Title:" not in cable.printed  # the header is not the printed text


def test_seed_layout_html_keeps_br_lines_even_with_attributes():
    cable = _one("printed_seed_layout.html")
    assert cable.printed.splitlines() == [
        "CIPHERED TELEGRAM No. 7001",
        "BEIJING",
        "To Comrade MAO ZEDONG",
        "",
        "The 120 trucks",
        "will be sent",
        "on 10 December.",
        "",
        "FILIPPOV [Stalin]",
        "No. 88",
        "2.12.50",
        "Decoded by Ivanov",
    ]


def test_archive_page_printed_holds_every_paragraph():
    cable = _one("archive_page_krasovsky.html", INGEST)
    assert cable.printed
    for paragraph in cable.paragraphs:
        if "-" not in paragraph:  # reflow joins a word hyphenated across lines
            assert in_printed(paragraph, cable.printed), paragraph


def test_seed_cables_keep_the_received_stamp_as_printed(seed_cables):
    mao = next(c for c in seed_cables.values() if c.telegram_number == "26637")
    assert "From Beijing Received 02 hours 00 minutes\n8.11.1950" in mao.printed
    assert mao.printed.rstrip().endswith("MAO ZEDONG\n\nNo. 2784\n7.11.50")


@pytest.mark.parametrize(
    ("quote", "printed", "expected"),
    [
        (
            "Received 02 hours 00 minutes 8.11.1950",
            "From Beijing Received 02 hours 00 minutes\n8.11.1950",
            True,
        ),
        ("Received 8.11.1950 02:00", "From Beijing Received 02 hours 00 minutes\n8.11.1950", False),
        ("send 300  trucks to Andong", "send 300 trucks\nto Andong", True),
        ("the big gun", "we need the **big** gun", True),
        ("the *big* gun", "we need the big gun", True),
        ("a snake_case name", "a snake_case name here", True),
        ("a snakecase name", "a snake_case name here", False),
        ("", "anything", False),
        ("300\u00a0trucks", "300 trucks", True),
    ],
)
def test_in_printed(quote, printed, expected):
    assert in_printed(quote, printed) is expected


def test_printed_text_joins_lines_and_paragraph_breaks():
    assert printed_text(["A", "B", "", "C"]) == "A\nB\n\nC"
    assert printed_text(("", "A", "")) == "A"


def test_quote_prints_the_printed_text_and_parts_of_it(cli, tmp_path):
    assert cli("ingest", str(MESSY / "printed_stamps.md")).code == 0
    r = cli("quote", "31001")
    assert r.code == 0, r.err
    head, _, body = r.out.partition("\n\n")
    assert "Received: 12 December 1950, 04:30" in head.splitlines()
    assert body.splitlines()[2:4] == ["From Beijing Received 04 hours 30 minutes", "12.12.1950"]
    assert body.rstrip().endswith("ZHOU ENLAI\nSECRET\nCopy No. 3")
    part = cli("quote", "31001", "--part", "5")
    assert part.out.rstrip().endswith(
        "[part 5 of 6]\nWe ask you to send 300 trucks\nto Andong station before the\nend of December."
    )
    lines = cli("quote", "31001", "--lines", "1-1")
    assert lines.out.strip() == "Ciphered telegram, Zhou Enlai to Filippov (Stalin)"
