"""FRUS telegrams as Markdown and as text copied from history.state.gov: every field."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.aliases import load_aliases
from knowledge.parse import parse_path
from knowledge.parse.frus import split_heading, strip_marks

FIXTURES = Path(__file__).parent / "fixtures" / "frus"
CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "frus"


@pytest.fixture(scope="module")
def muccio():
    return parse_path(FIXTURES / "muccio-page.md", aliases=load_aliases())[0]


def test_heading_bracket_is_a_name_not_a_pseudonym(muccio):
    assert muccio.sender.name == "Muccio" and muccio.sender_office == "Ambassador in Korea"
    assert muccio.recipient.name == "Secretary of State"
    assert muccio.id == "1950-08-03-muccio-to-secretary-of-state"
    assert split_heading("Filippov [Stalin] to Mao") == {
        "sender": "Filippov [Stalin]",
        "sender_office": "Filippov [Stalin]",
        "recipient": "Mao",
        "recipient_office": "Mao",
    }


def test_front_matter_title_and_source_stay_as_given(muccio):
    assert muccio.title == "The Ambassador in Korea (Muccio) to the Secretary of State"
    assert muccio.source.text.startswith("Foreign Relations of the United States, 1950, Korea")
    assert muccio.volume == "Foreign Relations of the United States, 1950, Korea, Volume VII"
    assert muccio.doc_number == "411"


def test_file_line_markings_dateline_and_received(muccio):
    assert (muccio.file_number, muccio.file_kind) == ("795.00/8–350", "Telegram")
    assert (muccio.classification, muccio.priority) == ("top secret", "niact")
    assert muccio.origin == "Tokyo"
    assert (muccio.date.start, muccio.date.time) == ("1950-08-03", "18:00")
    assert (muccio.received.start, muccio.received.time) == ("1950-08-03", "09:14")


def test_number_routing_signature_and_footnotes_apart(muccio):
    assert muccio.telegram_number == "402"
    assert muccio.paragraphs[0].startswith("For Rusk. Reurtel 3153 and Deptel 417 on the line")
    assert "this morning" in muccio.paragraphs[0] and "[Page" not in muccio.paragraphs[0]
    assert muccio.pages == ("211", "212")
    assert muccio.routing == ("Sent Dept 402, rptd info Tokyo 28.",)
    assert muccio.signature == "Muccio"
    assert muccio.footnotes == ("Repeated to Tokyo for MacArthur.", "Dated August 1, not printed.")
    assert not any("MacArthur" in p for p in muccio.paragraphs)


def test_printed_text_drops_page_markers_and_marks(muccio):
    assert "402. For Rusk." in muccio.printed
    assert "Deptel 417 on" in muccio.printed and "4172" not in muccio.printed
    assert "[Page 212]" not in muccio.printed
    assert muccio.printed.index("Muccio\n") < muccio.printed.index("1. Repeated")


def test_text_copied_from_the_site_with_arrow_footnotes():
    c = parse_path(FIXTURES / "copied-page.txt", aliases=load_aliases())[0]
    assert c.title == "The Joint Chiefs of Staff to the Commander in Chief Far East (Clark)"
    assert (c.sender.name, c.recipient.name, c.recipient_office) == (
        "Joint Chiefs of Staff",
        "Clark",
        "Commander in Chief Far East",
    )
    assert (c.file_number, c.classification, c.priority) == ("Lot 53 D 413", "secret", "priority")
    assert (c.date.start, c.date.time) == ("1953-02-27", "17:17")
    assert c.telegram_number == "JCS 932503"
    assert c.paragraphs[1:] == (
        "1. Reur CX 61225. Steps still under consideration.",
        "2. Reur ZX 36456 State has urged govts to support posn.",
    )
    assert c.footnotes == ("Dated Feb. 14, p. 783.", "Dated Feb. 19, p. 790.")


def test_marks_glued_to_numbers_use_the_footnote_count():
    texts, found = strip_marks(["Minister1 said", "Reference your 522 and message our 504."], 4)
    # note 1 is glued to a word; 2 and 4 to numbers; the mark of 3 is lost
    assert texts == ["Minister said", "Reference your 52 and message our 50."]
    assert [n for n, *_ in found] == [1, 2, 4]
    untouched, none = strip_marks(["Deptel 4172 and telegram 52."], 0)
    assert untouched == ["Deptel 4172 and telegram 52."] and none == []


def test_a_wilson_cable_is_not_read_as_frus():
    from knowledge.parse.build import build_cable
    from knowledge.parse.markdown import parse_markdown

    raw = parse_markdown(
        '---\ntitle: "Telegram from Kim Il Sung to Stalin (via Shtykov)"\n---\n'
        "Ciphered Telegram # 600382/sh\nTo Comrade STALIN I.V.\n\nWe ask for help.\n",
        file="k.md",
    )
    c = build_cable(raw, load_aliases())
    assert c.file_number == "" and c.via is not None


def test_shared_frus_markdown_reads_parties_and_notes():
    files = sorted(CORPUS.glob("*.md"))
    if not files:
        pytest.skip(f"the shared FRUS Markdown is not at {CORPUS}")
    aliases = load_aliases()
    cables = {f.name[:2]: parse_path(f, aliases=aliases)[0] for f in files}
    c = cables["04"]
    assert (c.sender.name, c.sender_office, c.telegram_number) == (
        "Muccio",
        "Ambassador in Korea",
        "65",
    )
    assert c.routing == ("Sent Dept 65, rptd info Tokyo 28.",) and len(c.footnotes) == 1
    assert not any("Department of State made" in p for p in c.paragraphs)
    assert "CX 62465." in cables["08"].paragraphs[0] and "62465.2" not in cables["08"].printed
    assert "your 52 " in cables["15"].paragraphs[0]
    assert all(c.file_number for c in cables.values())


def test_page_saved_from_history_state_gov():
    c = parse_path(FIXTURES / "saved-page.html", aliases=load_aliases())[0]
    assert c.title == "The Ambassador in Korea (Muccio) to the Secretary of State"
    assert (c.sender.name, c.sender_office) == ("Muccio", "Ambassador in Korea")
    assert (c.file_number, c.classification, c.priority) == (
        "795.00/8–550",
        "top secret",
        "priority",
    )
    assert (c.origin, c.date.start, c.date.time) == ("Taegu", "1950-08-05", "12:00")
    assert (c.received.start, c.received.time) == ("1950-08-05", "03:02")
    assert c.telegram_number == "117" and c.signature == "Muccio"
    assert c.paragraphs[0] == "Embtel 109, August 4. ROK Government will remain in Taegu."
    assert c.footnotes == ("Not printed.",) and c.pages == ("529", "530")
    assert c.url == "https://history.state.gov/historicaldocuments/frus1950v07/d420"
    assert c.source.text == "FRUS, 1950, vol. VII, doc. 420, pp. 529–530"
    assert [(r.kind, r.number, r.date) for r in c.cross_references] == [
        ("embassy", "109", "August 4")
    ]
    assert "Office of the Historian" not in c.printed and "Home" not in c.printed
