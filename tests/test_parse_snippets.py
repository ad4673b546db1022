"""The parser on small literal HTML and text snippets."""

from __future__ import annotations

import pytest

from knowledge.aliases import load_aliases
from knowledge.errors import ParseError
from knowledge.parse import MAX_FILE_BYTES, parse_bytes
from knowledge.parse.body import read_telegram, reflow
from knowledge.parse.build import parse_source, title_parties
from knowledge.parse.html_text import html_lines
from knowledge.parse.items import numbered_items, prose_items
from knowledge.parse.seed_html import looks_like_seed_page, parse_seed_page
from knowledge.records import Copy


@pytest.fixture(scope="module")
def aliases():
    return load_aliases()


def header_table(title: str, date: str, source: str, description: str = "") -> str:
    desc = (
        f'<tr><td colspan="2"><b>Description:</b><br>{description}</td></tr>' if description else ""
    )
    return (
        f'<table border="0"><tbody><tr><td colspan="2"><b>{title}</b></td></tr>'
        f"<tr><td><b>Date:</b><br>\n {date}</td><td><b>Source:</b><br>\n <i>{source}</i></td></tr>"
        f"{desc}</tbody></table><br>\n"
    )


KIM_BODY = (
    "CIPHERED TELEGRAM No. 123<br>Copies: Stalin (2), Molotov,<br>Beria<br>"
    "From Pyongyang Received 03 hours 15 minutes<br>1.12.1950<br><br>URGENT<br><br>"
    "To Comrade FYN SI<br><br>We ask you to send us<br>300 trucks and 50 tons of fuel<br>"
    "as soon as possible.<br><br>With communist greetings.<br><br>KIM IL SUNG<br>No. 77<br>30.11.50"
)
KIM_PAGE = (
    header_table(
        "Ciphered telegram, Kim Il Sung to Fyn Si",
        "30 November 1950",
        "APRF, Fond 45, Opis 1, Delo 347, Listy 5-6",
        "Kim asks for trucks.",
    )
    + KIM_BODY
)


# -- html_lines: what a reader sees -----------------------------------------------------------
def test_html_lines_br_ends_a_line_blocks_end_paragraphs():
    html = (
        "<p>One<br>two<br/>three</p><p>Four&nbsp;five</p><script>var x = 1;</script><div>six</div>"
    )
    assert html_lines(html) == ["One", "two", "three", "", "Four five", "", "six"]


def test_html_lines_source_newlines_are_only_spaces():
    assert html_lines("line one\n continues<br><br><br>next") == ["line one continues", "", "next"]


# -- parse_seed_page ---------------------------------------------------------------------------
def test_seed_page_header_table_and_body_lines():
    [doc] = parse_seed_page(KIM_PAGE, file="kim.html")
    assert doc.kind == "cable"
    assert doc.title == "Ciphered telegram, Kim Il Sung to Fyn Si"
    assert doc.date == "30 November 1950"
    assert doc.source == "APRF, Fond 45, Opis 1, Delo 347, Listy 5-6"
    assert doc.description == "Kim asks for trucks."
    assert doc.file == "kim.html"
    # the telegram's own line ends are kept; blank lines become one ''
    assert doc.body_lines[:3] == (
        "CIPHERED TELEGRAM No. 123",
        "Copies: Stalin (2), Molotov,",
        "Beria",
    )
    assert "We ask you to send us" in doc.body_lines
    assert doc.body_lines[-3:] == ("KIM IL SUNG", "No. 77", "30.11.50")


def test_seed_page_commentary_before_first_table_with_author():
    page = (
        "<p>Here are some cables I found in the archive; they show how short of trucks "
        "everyone was that winter.</p><br>Regards,<br><br>Jane Roe<br><br>" + KIM_PAGE
    )
    commentary, cable = parse_seed_page(page)
    assert commentary.kind == "commentary"
    assert commentary.author == "Jane Roe"
    assert commentary.title == "Commentary by Jane Roe"
    assert commentary.body_lines[0].startswith("Here are some cables")
    assert "Regards," not in commentary.body_lines and "Jane Roe" not in commentary.body_lines
    assert cable.title.startswith("Ciphered telegram, Kim Il Sung")


def test_seed_page_short_preamble_is_not_commentary():
    docs = parse_seed_page("<p>Cables:</p>" + KIM_PAGE)
    assert [d.kind for d in docs] == ["cable"]


def test_seed_page_with_two_cables_splits_the_bodies():
    page = (
        header_table("Telegram, Mao Zedong to Stalin", "1 December 1950", "APRF, Fond 45, Opis 1, Delo 1, List 2")
        + "First body line.<br>Still the first.<br>"
        + header_table("Telegram, Stalin to Mao Zedong", "2 December 1950", "APRF, Fond 45, Opis 1, Delo 1, List 3")
        + "Second body."
    )  # fmt: skip
    first, second = parse_seed_page(page)
    assert first.body_lines == ("First body line.", "Still the first.")
    assert second.body_lines == ("Second body.",)
    assert (first.date, second.date) == ("1 December 1950", "2 December 1950")


def test_page_without_header_table_is_not_a_seed_page():
    assert not looks_like_seed_page("<table><tr><td>plain cell</td></tr></table>")
    assert parse_seed_page("<p>nothing here</p>") == []
    assert looks_like_seed_page(KIM_PAGE)


# -- read_telegram -----------------------------------------------------------------------------
TELEGRAM_LINES = [
    "SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY",
    "",
    "CIPHERED TELEGRAM No. 123",
    "Copies: Stalin (2), Molotov,",
    "Beria",
    "",
    "From Pyongyang Received 03 hours 15 minutes",
    "1.12.1950",
    "",
    "EXTREMELY URGENT",
    "",
    "To Comrade FILIPPOV [Stalin]",
    "",
    "The enemy is",
    "retreating to the south.",
    "",
    "We ask you to send",
    "fuel.",
    "",
    "With communist greetings.",
    "",
    "KIM IL SUNG",
    "No. 77",
    "30.11.50",
]


def test_read_telegram_header_fields():
    p = read_telegram(TELEGRAM_LINES)
    assert p.issuing_office == "SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY"
    assert (p.heading, p.telegram_number) == ("CIPHERED TELEGRAM No. 123", "123")
    assert p.copies_text == "Stalin (2), Molotov, Beria"  # runs on while a line ends with a comma
    assert p.origin == "From Pyongyang"
    assert p.received_time == "03:15"
    assert p.received_text.startswith("1.12.1950")
    assert p.priority == "EXTREMELY URGENT"
    assert p.addressee == "To Comrade FILIPPOV [Stalin]"


def test_read_telegram_body_and_tail():
    p = read_telegram(TELEGRAM_LINES)
    assert p.paragraphs == ["The enemy is retreating to the south.", "We ask you to send fuel."]
    assert [c.rstrip(".") for c in p.closing] == ["With communist greetings"]
    assert p.signature == "KIM IL SUNG"
    assert p.outgoing_number == "No. 77"
    assert p.sent_text == "30.11.50"


def test_read_telegram_to_and_for_lines_with_signed_date():
    p = read_telegram(
        ["CIPHERED TELEGRAM No. 9", "MOSCOW", "", "To Comrade Roshchin", "", "For Comrade Mao Zedong",
         "", "Agreed.", "", "FILIPPOV", "20 November 1950"]
    )  # fmt: skip
    assert p.destination == "MOSCOW"
    assert p.addressee == "To Comrade Roshchin"
    assert p.for_line == "For Comrade Mao Zedong"
    assert p.paragraphs == ["Agreed."]
    assert p.signature == "FILIPPOV"
    assert p.signed_date == "20 November 1950"
    assert p.outgoing_number == "" and p.sent_text == ""


def test_read_telegram_sent_stamp_in_header():
    p = read_telegram(["Sent 14.11.1950 18:30", "", "Hello there."])
    assert (p.sent_text, p.sent_time) == ("14.11.1950 18:30", "18:30")
    assert p.paragraphs == ["Hello there."]


def test_reflow_joins_broken_lines_and_keeps_list_items_apart():
    lines = ["In view of the fact that the", "arms are mainly trophies,", "there is variety.", "",
             "1. Soviet rifles 140,000.", "2. TNT 1,000 tons.", "", "rifle-", "machine gun cartridges"]  # fmt: skip
    assert reflow(lines) == [
        "In view of the fact that the arms are mainly trophies, there is variety.",
        "1. Soviet rifles 140,000.",
        "2. TNT 1,000 tons.",
        "rifle-machine gun cartridges",
    ]


# -- numbered_items and prose_items ----------------------------------------------------------
def test_numbered_items_name_first_quantity_first_and_units():
    items = numbered_items(
        [
            "Please send the following (name, quantity in pieces):",
            "1. Soviet rifles 140,000.",
            "2. 30 tanks.",
            "3. TNT 1,000 tons.",
            "4. Fuel - 500 tons;",
            "Thank you.",
        ]
    )
    got = [(i.number, i.name, i.quantity, i.unit, i.role) for i in items]
    assert got == [
        (1, "Soviet rifles", 140_000, "pieces", "requested"),
        (2, "tanks", 30, "pieces", "requested"),
        (3, "TNT", 1_000, "tons", "requested"),
        (4, "Fuel", 500, "tons", "requested"),
    ]
    assert items[0].words == "1. Soviet rifles 140,000."


def test_numbered_items_take_role_and_window_from_the_lead_in():
    [item] = numbered_items(["We will send you the following in December 1950:", "1. Trucks 200."])
    assert item.role == "promised"
    assert (item.date.start, item.date.end, item.date.precision) == (
        "1950-12-01",
        "1950-12-31",
        "month",
    )


def test_numbered_items_skip_things_that_are_not_goods():
    assert numbered_items(["We have:", "1. Divisions 36.", "2. Days 9."]) == []


def test_prose_items_requested_and_promised_with_dates():
    items = prose_items(
        ["I ask you to send us 300 trucks. We will send 40 aircraft on 5 January 1951."],
        year=1950,
        known=[],
    )
    got = [(i.name, i.quantity, i.role) for i in items]
    assert got == [("trucks", 300, "requested"), ("aircraft", 40, "promised")]
    assert items[1].date.start == "1951-01-05"
    assert items[0].words == "I ask you to send us 300 trucks."


def test_prose_items_units_scales_and_non_items():
    items = prose_items(
        [
            "We request 50 tons of fuel and 2 million cartridges.",
            "We ask you to arm 36 divisions in 1950.",  # troops and years are not goods
            "The army has 200 automobiles.",  # no request or promise: not an item
        ],
        year=1950,
        known=[],
    )
    assert [(i.name, i.quantity, i.unit) for i in items] == [
        ("fuel", 50, "tons"),
        ("cartridges", 2_000_000, None),
    ]


def test_prose_items_troops_followed_by_a_verb_are_not_goods():
    items = prose_items(
        ["We ask you to supply small arms for 36 divisions fighting in Korea."], year=1950, known=[]
    )
    assert items == []


def test_prose_items_do_not_repeat_the_numbered_list():
    known = numbered_items(["I ask for:", "1. Soviet rifles 140,000."])
    items = prose_items(["I ask you again for 140,000 Soviet rifles."], year=1950, known=known)
    assert items == []


def test_prose_item_date_right_after_the_item():
    [item] = prose_items(["Please send 300 trucks before 1 December."], year=1950, known=[])
    assert item.date is not None
    assert (item.date.text, item.date.qualifier, item.date.start) == (
        "before 1 December",
        "before",
        "1950-12-01",
    )


# -- title_parties and parse_source ------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ciphered telegram, Mao Zedong to Filippov (Stalin)", ("Mao Zedong", "Filippov (Stalin)", "", "")),
        ("Ciphered telegram, Filippov (Stalin) to Zhou Enlai via Zakharov", ("Filippov (Stalin)", "Zhou Enlai", "Zakharov", "")),
        ("Telegram No. 12 from Shtykov to Vyshinsky", ("Shtykov", "Vyshinsky", "", "")),
        ("Cable from Kim Il Sung to Stalin about the offensive", ("Kim Il Sung", "Stalin", "", "")),
        ("Letter, Roshchin to Gromyko (for Comrade Stalin)", ("Roshchin", "Gromyko", "", "Stalin")),
        ("Memorandum: Molotov to Beria, regarding fuel", ("Molotov", "Beria", "", "")),
    ],
)  # fmt: skip
def test_title_parties(title, expected):
    got = title_parties(title)
    assert (got["sender"], got["recipient"], got["via"], got["for"]) == expected


def test_title_without_parties():
    assert title_parties("Minutes of a meeting") == {}


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("APRF, Fond 45, Opis 1, Delo 335, Listy 80-81", ("APRF", "45", "1", "335", "80-81")),
        ("APRF, Fond 45, Opis 1, Delo 335, List 124", ("APRF", "45", "1", "335", "124")),
        ("RGASPI, f. 558, op. 11, d. 334, l. 12", ("RGASPI", "558", "11", "334", "12")),
        (
            "  APRF,  Fond 45,\n Opis 1, Delo 335, Listy 122-123 ",
            ("APRF", "45", "1", "335", "122-123"),
        ),
    ],
)
def test_parse_source_splits(text, split):
    s = parse_source(text)
    assert (s.archive, s.fond, s.opis, s.delo, s.listy) == split
    assert s.text == " ".join(text.split())


def test_parse_source_unsplittable_and_empty():
    s = parse_source("Archive of the President of the Russian Federation")
    assert s.text == "Archive of the President of the Russian Federation"
    assert (s.fond, s.opis, s.delo, s.listy) == (None, None, None, None)
    assert parse_source("") is None


def test_parse_source_papka_is_not_the_leaves():
    s = parse_source("AVP RF, f. 059a, op. 5a, p. 11, d. 4, ll. 87-89")
    assert (s.fond, s.opis, s.delo, s.listy) == ("059a", "5a", "4", "87-89")


# -- parse_bytes: whole documents and errors ---------------------------------------------------
def test_parse_bytes_builds_a_cable_with_pseudonyms_resolved(aliases):
    [c] = parse_bytes(KIM_PAGE.encode(), name="kim.html", aliases=aliases)
    assert c.id == "1950-11-30-kim-il-sung-to-stalin"
    assert (c.sender.name, c.recipient.name) == ("Kim Il Sung", "Stalin")
    assert c.recipient.as_written == "Fyn Si"
    assert c.copies == (Copy("Stalin", 2), Copy("Molotov", 1), Copy("Beria", 1))
    assert c.origin == "From Pyongyang" and c.priority == "URGENT"
    assert (c.received.text, c.received.start, c.received.time) == (
        "1.12.1950 03:15",
        "1950-12-01",
        "03:15",
    )
    assert (c.sent.text, c.sent.start) == ("30.11.50", "1950-11-30")
    assert c.outgoing_number == "No. 77" and c.signature == "KIM IL SUNG"
    assert c.paragraphs == (
        "We ask you to send us 300 trucks and 50 tons of fuel as soon as possible.",
    )
    assert [(i.name, i.quantity, i.unit, i.role) for i in c.items] == [
        ("trucks", 300, None, "requested"),
        ("fuel", 50, "tons", "requested"),
    ]
    assert "Pyongyang" in c.places


def test_parse_bytes_reads_utf8_with_bom(aliases):
    [c] = parse_bytes(b"\xef\xbb\xbf" + KIM_PAGE.encode(), name="bom.html", aliases=aliases)
    assert c.title == "Ciphered telegram, Kim Il Sung to Fyn Si"


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n"])
def test_parse_bytes_empty(aliases, data):
    with pytest.raises(ParseError, match=r"empty\.html is empty"):
        parse_bytes(data, name="empty.html", aliases=aliases)


def test_parse_bytes_undecodable(aliases):
    # Latin-1 and Windows-1252 are read; a control byte (0x81 is none of their letters) is not.
    with pytest.raises(
        ParseError,
        match=r"latin\.html is not UTF-8, Windows-1252 or Latin-1 text \(bad byte 0x81 at position 6;",
    ):
        parse_bytes(b"<p>caf\x81  \xff</p>", name="latin.html", aliases=aliases)


def test_parse_bytes_html_without_a_cable(aliases):
    with pytest.raises(ParseError, match=r"page\.html holds no cable"):
        parse_bytes(
            b"<html><body><p>Just a page.</p></body></html>", name="page.html", aliases=aliases
        )


def test_parse_bytes_text_without_front_matter(aliases):
    with pytest.raises(ParseError, match=r"notes\.txt holds no cable"):
        parse_bytes(b"some notes\nwith no header at all\n", name="notes.txt", aliases=aliases)


def test_parse_bytes_cable_without_text(aliases):
    page = header_table("Telegram, Mao Zedong to Stalin", "1 May 1950", "APRF, Fond 45")
    with pytest.raises(ParseError, match=r"has no text"):
        parse_bytes(page.encode(), name="bare.html", aliases=aliases)


def test_parse_bytes_oversize(aliases):
    data = b"x" * (MAX_FILE_BYTES + 1)
    with pytest.raises(
        ParseError, match=r"big\.html is [\d.]+ MB; cablebot reads files up to 20 MB"
    ):
        parse_bytes(data, name="big.html", aliases=aliases)


def test_parse_bytes_at_the_size_limit_is_read(aliases):
    data = b"x" * MAX_FILE_BYTES  # read, then refused for what it holds, not for its size
    with pytest.raises(ParseError) as info:
        parse_bytes(data, name="limit.txt", aliases=aliases)
    assert "MB" not in str(info.value)


def test_parse_error_messages_are_one_line(aliases):
    for data, name in ((b"", "a.html"), (b"\xff\xfe", "b.html"), (b"plain", "c.txt")):
        with pytest.raises(ParseError) as info:
            parse_bytes(data, name=name, aliases=aliases)
        assert "\n" not in str(info.value) and name in str(info.value)
