"""FRUS TEI volumes: every field of a document, read from small volumes of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.aliases import load_aliases
from knowledge.errors import ParseError
from knowledge.parse import parse_bytes, parse_path
from knowledge.parse.frus_tei import tei_documents

FIXTURES = Path(__file__).parent / "fixtures" / "frus"
VOLUME = FIXTURES / "mini-volume.xml"
EXCERPT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "frus-tei"


@pytest.fixture(scope="module")
def docs():
    return {c.doc_number: c for c in parse_path(VOLUME, aliases=load_aliases())}


def test_one_cable_per_document_div(docs):
    assert sorted(docs) == ["12", "13", "14"]


def test_parties_name_and_office_apart(docs):
    c = docs["12"]
    assert c.sender.name == "Kennan" and c.sender_office == "Ambassador in the Soviet Union"
    assert c.recipient.name == "Secretary of State" and c.recipient_office == "Secretary of State"
    d = docs["13"]
    assert d.sender.name == "Secretary of State"
    assert d.recipient.name == "Embassy in the Soviet Union"


def test_dateline_date_time_and_place(docs):
    c = docs["12"]
    assert (c.date.start, c.date.precision, c.date.time) == ("1951-03-02", "minute", "18:00")
    assert c.date.text == "March 2, 1951—6 p. m."
    assert c.origin == "Moscow"
    assert (docs["13"].date.start, docs["13"].date.precision) == ("1951-03-05", "day")


def test_markings_file_number_and_telegram_number(docs):
    c = docs["12"]
    assert (c.classification, c.priority) == ("top secret", "niact")
    assert (c.file_number, c.file_kind) == ("611.95A/2–351", "Telegram")  # wrapped in the note
    assert c.telegram_number == "815"
    assert c.paragraphs[0].startswith("Re Deptel 417, February 27. Vyshinsky")
    d = docs["13"]
    assert d.priority == "priority"  # printed as a flush-left paragraph
    assert (d.file_kind, d.telegram_number) == ("Airgram", "A–12")
    assert d.paragraphs[0] == "1. Reply to Moscow on the talks."
    assert docs["14"].file_kind == "" and docs["14"].telegram_number == ""


def test_footnotes_kept_apart_and_pages(docs):
    c = docs["12"]
    assert c.footnotes == ("Not printed.",)
    assert not any("Not printed" in p for p in c.paragraphs)
    assert "statement on the talks" in c.paragraphs[0]  # the page break inside the word is gone
    assert c.pages == ("961", "962")
    assert docs["13"].pages == ("962",)  # it starts on the page of the last break before it


def test_signature_routing_volume_and_citation(docs):
    c = docs["12"]
    assert c.signature == "Kennan"
    assert c.routing == ("Sent Department 815, repeated information Paris 77.",)
    assert (
        c.volume == "Foreign Relations of the United States, 1951, Test Matters, Volume IX, Part 2"
    )
    assert c.source.text.startswith("FRUS, 1951, vol. IX, pt. 2, doc. 12, pp. 961–962")
    assert c.url == "https://history.state.gov/historicaldocuments/frus1951v99/d12"
    assert c.title == "12. The Ambassador in the Soviet Union (Kennan) to the Secretary of State"


def test_enclosure_text_kept_without_changing_the_parties(docs):
    c = docs["14"]
    assert (c.sender.name, c.recipient.name) == ("Kennan", "Vyshinsky")
    assert c.recipient_office == "Foreign Minister of the Soviet Union"
    assert c.signature == "George F. Kennan"
    assert "The Soviet Government has received the note." in c.paragraphs
    printed = c.printed
    assert printed.index("George F. Kennan") < printed.index("[Enclosure]")
    assert "[A. Vyshinsky]" in printed


def test_printed_text_in_order(docs):
    lines = docs["12"].printed.splitlines()
    assert lines[:5] == [
        "611.95A/2–351: Telegram",
        "The Ambassador in the Soviet Union (Kennan) to the Secretary of State",
        "top secret",
        "niact",
        "Moscow, March 2, 1951—6 p. m.",
    ]
    assert "815. Re Deptel 417" in docs["12"].printed
    assert docs["12"].printed.rstrip().endswith("1. Not printed.")


def test_broken_xml_is_one_clear_error():
    data = VOLUME.read_bytes()[:1500]
    with pytest.raises(ParseError, match="not well-formed XML"):
        parse_bytes(data, name="cut.xml", aliases=load_aliases())


def test_xml_that_is_not_tei_is_refused():
    with pytest.raises(ParseError, match="TEI"):
        parse_bytes(b"<?xml version='1.0'?><root/>", name="other.xml", aliases=load_aliases())


def test_a_tei_file_without_documents_is_refused():
    data = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body/></text></TEI>'
    with pytest.raises(ParseError, match="without any"):
        tei_documents(data, name="empty.xml")


def test_ingest_from_the_cli(tmp_path, monkeypatch, capsys):
    from knowledge.cli import main

    monkeypatch.setenv("CABLEBOT_DB", str(tmp_path / "store.db"))
    assert main(["ingest", str(VOLUME)]) == 0
    assert "1951-03-02-kennan-to-secretary-of-state" in capsys.readouterr().out
    assert main(["quote", "815"]) == 0
    out = capsys.readouterr().out
    assert "From: Kennan" in out and "611.95A/2–351: Telegram" in out


def test_real_excerpt_lists_its_twelve_documents():
    path = EXCERPT / "frus1949v07p2-excerpt.xml"
    if not path.exists():
        pytest.skip(f"the shared FRUS TEI excerpt is not at {path}")
    cables = parse_path(path, aliases=load_aliases())
    rows = [
        (c.doc_number, c.sender.name, c.recipient.name, c.date.start, c.file_number) for c in cables
    ]
    for row in rows:
        print(*row, sep=" | ")
    assert [r[0] for r in rows] == [str(n) for n in range(216, 228)]
    assert rows[0] == ("216", "Muccio", "Secretary of State", "1949-04-12", "895.20 Mission/4–1249")
    assert rows[4][1:3] == ("Muccio", "Rhee")  # the enclosure's Rhee → Muccio does not count
    assert rows[6][1] == "Butterworth"
    assert [c.telegram_number for c in cables] == [
        "370",
        "374",
        "A–68",
        "389",
        "",
        "246",
        "",
        "268",
        "421",
        "447",
        "299",
        "461",
    ]
    assert cables[9].pages == ("995", "996", "997")
    assert any("telegram 297" in n for n in cables[9].footnotes)
