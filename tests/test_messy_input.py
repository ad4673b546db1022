"""Messy input read right (issue 10, section 3): one test or more per kind of mess, each on a
small input of our own (tests/fixtures/messy/ or inline)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.aliases import load_aliases, norm
from knowledge.dates import find_dates, parse_date
from knowledge.errors import ParseError
from knowledge.library import Library
from knowledge.parse import decode_text, parse_bytes, parse_path
from knowledge.parse.build import slug
from knowledge.parse.html_text import html_lines
from knowledge.parse.items import numbered_items, prose_items
from knowledge.parse.markdown import _TextLoader, parse_markdown
from knowledge.spelling import tokens
from knowledge.text import fold, parse_number

MESSY = Path(__file__).parent / "fixtures" / "messy"


def _cable(name: str):
    (cable,) = [c for c in parse_path(MESSY / name, aliases=load_aliases()) if c.kind == "cable"]
    return cable


# -- Roman-numeral months ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("3.XII.50", "1950-12-03"),
        ("17.XI.1950", "1950-11-17"),
        ("1.iv.51", "1951-04-01"),
        ("17.XI.1950 10:30", "1950-11-17"),
    ],
)
def test_roman_numeral_months(text, start):
    value = parse_date(text)
    assert value is not None and value.start == start and value.text == text


def test_roman_numeral_months_that_are_no_month_or_day():
    assert parse_date("5.XIII.50") is None
    assert parse_date("31.II.1950") is None


def test_roman_numeral_months_in_prose_and_stamps():
    found = find_dates("Sent 3.XII.50, to arrive before 17.XI.1951.")
    assert [(v.text, v.start) for _, v in found] == [
        ("3.XII.50", "1950-12-03"),
        ("before 17.XI.1951", "1951-11-17"),
    ]
    cable = _cable("roman_months.md")
    assert (cable.received.start, cable.received.time) == ("1950-11-17", "23:10")
    assert (cable.sent.start, cable.sent.time) == ("1950-11-16", "14:20")
    assert cable.date.start == "1950-11-16"


# -- thousands grouped by spaces ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 500", 12500.0),
        ("12\u00a0500", 12500.0),
        ("12\u202f500", 12500.0),
        ("1 250 000", 1250000.0),
        ("140,000", 140000.0),
        ("1 2 3", None),  # not grouped in threes: no number
        ("12 50", None),
    ],
)
def test_parse_number_groups(text, value):
    assert parse_number(text) == value


def test_space_grouped_quantities_are_whole_and_never_zero():
    items = prose_items(
        ["We ask you to send 12 500 rifles, 1 000 tons of fuel and 2\u202f000 tractors."],
        year=1950,
        known=[],
    )
    assert [(i.name, i.quantity, i.unit) for i in items] == [
        ("rifles", 12500.0, None),
        ("fuel", 1000.0, "tons"),
        ("tractors", 2000.0, None),
    ]
    listed = numbered_items(["1. Soviet rifles 140 000.", "2. 5\u00a0000 tons of TNT."], year=1950)
    assert [(i.name, i.quantity) for i in listed] == [("Soviet rifles", 140000.0), ("TNT", 5000.0)]
    cable = _cable("roman_months.md")
    assert {(i.name, i.quantity) for i in cable.items} == {("rifles", 12500.0), ("fuel", 1000.0)}
    assert all(i.quantity > 0 for i in cable.items)


def test_a_split_number_tail_is_no_quantity():
    items = prose_items(["We ask for 000 rifles and 050 guns."], year=1950, known=[])
    assert items == []


# -- <br> with attributes ----------------------------------------------------------------------
def test_br_with_attributes_ends_a_line():
    html = 'A<br clear="all">B<BR style="mso-special-character:line-break">C<br/>D< br >E'
    assert html_lines(html) == ["A", "B", "C", "D", "E"]


# -- soft hyphens, zero-width spaces and joiners -----------------------------------------------
def test_invisible_characters_go_at_decode_time():
    text, encoding = decode_text(
        "am\u00admu\u200bni\u200cti\u200don\u2060s &shy;x&#8203;y&#x200B;z".encode(), "f.txt"
    )
    assert (text, encoding) == ("ammunitions xyz", "UTF-8")


def test_invisible_characters_inside_words_of_a_cable():
    cable = _cable("invisible.md")
    assert "300 ammunition boxes and 40 automobiles for the Volunteers" in cable.paragraphs[0]
    assert "ammunition boxes" in {i.name for i in cable.items}
    assert "\u00ad" not in cable.printed and "\u200b" not in cable.printed


def test_soft_hyphen_entity_in_html():
    html = (
        "<table><tr><td><b>Telegram, Mao Zedong to Filippov (Stalin)</b></td></tr>"
        "<tr><td><b>Date:</b> 8 November 1950</td></tr></table>"
        "<p>We ask for 30 trac&shy;tors and 10 auto&#173;mobiles.</p>"
    )
    (cable,) = parse_bytes(html.encode(), name="p.html", aliases=load_aliases())
    assert cable.paragraphs == ("We ask for 30 tractors and 10 automobiles.",)


# -- diacritics folded for matching and ids ----------------------------------------------------
def test_diacritics_fold_for_names_and_ids():
    aliases = load_aliases()
    assert fold("Máo Zédōng, Łódź") == "Mao Zedong, Lodz"
    assert norm("Máo Zédōng") == "mao zedong"
    assert aliases.person("Máo Zédōng") == "Mao Zedong"
    assert aliases.find_people("then Máo Zédōng wrote to Zhōu Ēnlái") == [
        "Mao Zedong",
        "Zhou Enlai",
    ]
    assert slug("1950", "Máo Zédōng", "to", "Zhōu") == "1950-mao-zedong-to-zhou"
    assert slug("1950", "Сталин", "to", "毛泽东") == "1950-сталин-to-毛泽东"  # no letter dropped
    assert tokens("Máo's ÉCOLE") == ["mao", "s", "ecole"]


def test_a_cable_with_diacritics_is_found_without_them():
    cable = _cable("record_kw.md")
    assert cable.sender and cable.sender.name == "Mao Zedong"
    assert cable.id == "1950-12-09-mao-zedong-to-stalin"
    lib = Library.open(memory=True, seeds_dir=MESSY / "none")
    try:
        assert [r.status for r in lib.ingest_paths([MESSY / "record_kw.md"])] == ["added"]
        assert any(h.cable == cable.id for h in lib.search(["zedong"], kinds=("cable",)))
    finally:
        lib.close()


# -- YAML front matter read as text -------------------------------------------------------------
def test_yaml_values_are_text_as_typed():
    doc = parse_markdown(
        "---\ntitle: no\nsender: yes\nrecipient: On\nvia: off\ndate: 1950-11-08\n"
        "record_id: 0042\nlanguage: 1.10\n---\nText\n"
    )
    assert (doc.title, doc.sender, doc.recipient, doc.via) == ("no", "yes", "On", "off")
    assert (doc.date, doc.record_id, doc.language) == ("1950-11-08", "0042", "1.10")


def test_unquoted_hash_in_a_title_is_kept():
    doc = parse_markdown(
        "---\ntitle: Telegram #5 to Mao # not a comment\nsource: APRF, Fond 45 #2  # a note\n"
        "---\nText\n"
    )
    assert doc.title == "Telegram #5 to Mao # not a comment"
    assert doc.source == "APRF, Fond 45 #2"  # "#2" is kept; "# a note" is a YAML comment


def test_the_c_yaml_loader_is_used_when_present():
    base = _TextLoader.__mro__[1]
    assert base is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)


# -- Windows-1252 and Latin-1 files ------------------------------------------------------------
def test_windows_1252_and_latin_1_are_read_and_named(cli):
    cable = _cable("cp1252.txt")
    assert "\u201cthe caf\u00e9 at And\u00f4ng station \u2013 closed\u201d" in cable.paragraphs[0]
    assert decode_text((MESSY / "cp1252.txt").read_bytes(), "x")[1] == "Windows-1252"
    assert decode_text((MESSY / "latin1.txt").read_bytes(), "x")[1] == "Latin-1"
    r = cli("ingest", str(MESSY / "cp1252.txt"), str(MESSY / "latin1.txt"))
    assert r.code == 0, r.out + r.err
    lines = sorted(r.out.splitlines())
    assert lines[0].startswith("added") and lines[0].endswith("(read as Windows-1252)")
    assert lines[1].startswith("added") and lines[1].endswith("(read as Latin-1)")


def test_undecodable_bytes_still_get_a_clear_reason(tmp_path, cli):
    with pytest.raises(
        ParseError, match=r"not UTF-8, Windows-1252 or Latin-1 text \(bad byte 0x81"
    ):
        decode_text(b"Title: x\x81y", "bad.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Title: caf\x81e\n\nbody\n")
    r = cli("ingest", str(bad))
    assert r.code == 1 and r.out.startswith("failed") and "bad byte 0x81 at position 10" in r.out
    assert "Traceback" not in r.out + r.err


# -- record IDs with letters, numbers only in citations -----------------------------------------
def test_record_ids_with_letters_work_for_quote_and_remove(cli):
    assert cli("ingest", str(MESSY / "record_kw.md")).code == 0
    for ref in ("KW-0042", "kw-0042"):
        r = cli("quote", ref)
        assert r.code == 0 and "Record ID: KW-0042" in r.out, r.err
    r = cli("remove", "KW-0042")
    assert r.code == 0 and r.out.startswith("removed 1950-12-09-mao-zedong-to-stalin")
    assert cli("quote", "KW-0042").code == 1


def test_a_number_only_in_citations_lists_the_matches(cli):
    assert cli("ingest", str(MESSY / "record_kw.md"), str(MESSY / "cp1252.txt")).code == 0
    r = cli("quote", "7731")  # the delo number of one cable
    assert r.code == 1 and r.out == ""
    assert "only in the archival citation of 1950-12-09-mao-zedong-to-stalin (Delo 7731)" in r.err
    r = cli("quote", "45")  # fond 45: every Stalin cable in the store
    assert r.code == 1 and r.err.count("(Fond 45)") >= 4
    assert "Traceback" not in r.out + r.err
    # A real telegram number still picks its cable.
    assert cli("quote", "9042").out.startswith("Telegram, Máo Zédōng to Filippov (Stalin)")


# -- many files: parsed by the worker pool, written in one transaction ----------------------------
def test_many_files_are_parsed_by_worker_processes(tmp_path, monkeypatch):
    import knowledge.library as library

    monkeypatch.setattr(library, "POOL_FROM", 2)  # the pool for a handful of files
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(6):
        (folder / f"{k}.md").write_text(
            f"---\ntitle: Telegram, Roshchin to Vyshinsky\ndate: {k + 1} March 1951\n---\n\n"
            f"TELEGRAM No. {700 + k}\n\nZhou Enlai asks for {k + 1}0 trucks.\n\nROSHCHIN\n"
        )
    (folder / "bad.md").write_bytes(b"")
    lib = Library.open(memory=True, seeds_dir=MESSY / "none")
    try:
        results = list(lib.ingest_paths([folder]))
        assert [r.status for r in results] == ["failed"] + ["added"] * 6
        assert "is empty" in results[0].reason
        cable = lib.cable("703")
        assert cable.items[0].quantity == 40.0 and cable.printed.startswith("TELEGRAM No. 703")
        assert lib.store.get(cable.id) == cable  # the compressed record reads back whole
    finally:
        lib.close()
