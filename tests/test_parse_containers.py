"""Container parsers: Markdown with front matter, and Digital Archive document pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from knowledge.errors import ParseError
from knowledge.parse.archive_page import (
    MAX_PAGE_CHARS,
    html_node_lines,
    looks_like_archive_page,
    parse_archive_page,
    trim_edge_elisions,
)
from knowledge.parse.markdown import looks_like_markdown, markdown_body_lines, parse_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def archive_page(body: str, info: str = "", head: str = "") -> str:
    """A small page in the archive's layout with the given document text and info blocks."""
    info = info or (
        '<div class="information-block"><h3 class="sub-title">Record ID</h3>'
        '<div class="text">990001</div></div>'
    )
    return f"""<html><head>{head}</head><body><main>
      <div class="date">November 8, 1950</div>
      <h1 class="title">Ciphered telegram, Mao Zedong to Filippov [Stalin]</h1>
      {body}
      <h2>Document Information</h2>{info}
    </main></body></html>"""


# --- Markdown: fixtures --------------------------------------------------------------


def test_markdown_fixture_shtykov_fields() -> None:
    doc = parse_markdown(fixture_text("shtykov_gromyko.md"), file="shtykov_gromyko.md")
    assert doc.title == "Telegram from Shtykov to Gromyko and Stalin"
    assert doc.date == "1950-07-13"  # a YAML date object, rendered back as printed
    assert doc.source == "AP RF, Fond 3, Opis 65, Delo 826, Listy 90-92"
    assert doc.record_id == "990826"  # an int in YAML
    assert doc.url == "https://digitalarchive.wilsoncenter.org/document/990826"
    assert doc.description.startswith("Shtykov passes on Kim Il Sung's request")
    assert doc.language == "Russian"
    assert (doc.sender, doc.recipient, doc.via) == ("", "", "")
    assert (doc.kind, doc.file) == ("cable", "shtykov_gromyko.md")


def test_markdown_fixture_shtykov_body_keeps_lines_and_drops_markers() -> None:
    lines = parse_markdown(fixture_text("shtykov_gromyko.md")).body_lines
    assert lines[:3] == ("TOP PRIORITY", "", "SPECIAL")
    assert "for Comrade FILIPPOV [Stalin]" in lines
    # Line ends inside a sentence stay line ends.
    assert "a request for 30 tanks T-34, 40 transport aircraft and 2,000 tons of fuel," in lines
    assert "He explained the request as follows: the divisions advancing on Taejon" in lines
    assert "have lost up to a third of their tanks to enemy aviation, the railway" in lines
    assert lines[-5:] == ("SHTYKOV", "", "No. 1234", "13.7.50", "Sent 03:15")
    assert not any(marker in line for line in lines for marker in ("**", "# ", "_the"))
    assert all(lines[i] or lines[i + 1] for i in range(len(lines) - 1)), "blank runs collapse"


def test_markdown_fixture_roshchin_fields_and_body() -> None:
    doc = parse_markdown(fixture_text("roshchin_zhou.md"))
    assert doc.title == "Ciphered telegram, Filippov [Stalin] to Zhou Enlai (via Roshchin)"
    assert (doc.sender, doc.recipient, doc.via) == ("Filippov [Stalin]", "Zhou Enlai", "Roshchin")
    assert doc.date == "7 December 1950"
    assert doc.record_id == "990441"
    lines = doc.body_lines
    assert lines[0] == "Only by ciphered telegraph"
    assert "EXTREMELY URGENT" in lines
    assert "Transmit to Zhou Enlai the following:" in lines
    assert "Manzhouli station in the second half of December." in lines
    assert "The fuel will be shipped from 10 to 15 January 1951." in lines
    assert 'FENG XI"' in lines
    assert "Confirm receipt." in lines and "Telegraph the fulfillment." in lines


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad/empty.md", "is empty"),
        ("bad/no_title.md", "has no title in its front matter"),
    ],
)
def test_markdown_bad_fixtures_are_refused(name: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_markdown(fixture_text(name), file=name)


def test_undecodable_fixture_really_is_not_utf8() -> None:
    with pytest.raises(UnicodeDecodeError):
        (FIXTURES / "bad" / "undecodable.txt").read_bytes().decode("utf-8")


# --- Markdown: front matter ----------------------------------------------------------


def test_missing_title_is_refused_with_the_file_name() -> None:
    with pytest.raises(ParseError) as caught:
        parse_markdown("---\ndate: 1950-11-08\n---\nTOP PRIORITY\n", file="cable.md")
    assert str(caught.value) == "cable.md has no title in its front matter."


@pytest.mark.parametrize("title", ["", "''", "null", "   "])
def test_blank_title_is_refused(title: str) -> None:
    with pytest.raises(ParseError, match="has no title"):
        parse_markdown(f"---\ntitle: {title}\n---\nText\n")


def test_invalid_yaml_is_refused_with_its_line() -> None:
    text = "---\ntitle: Telegram\nsource: [APRF, Fond 45\ndate: 1950\n---\nText\n"
    with pytest.raises(ParseError, match=r"not valid YAML near line \d+\.$"):
        parse_markdown(text, file="bad.md")


def test_front_matter_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(ParseError, match="not a list of key: value pairs"):
        parse_markdown("---\n- title\n- date\n---\nText\n")


@pytest.mark.parametrize(
    "text", ["TOP PRIORITY\n\nTo Comrade FILIPPOV", "# Title\n\ntext", "<p>x</p>"]
)
def test_text_without_front_matter_is_refused(text: str) -> None:
    with pytest.raises(ParseError, match="has no YAML front matter with a title"):
        parse_markdown(text)


def test_unclosed_front_matter_is_refused() -> None:
    with pytest.raises(ParseError, match="never closes"):
        parse_markdown("---\ntitle: Telegram\n\nTOP PRIORITY\n")


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff", "\ufeff \n"])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(ParseError, match="is empty"):
        parse_markdown(text, file="e.md")


def test_front_matter_without_body_is_refused() -> None:
    with pytest.raises(ParseError, match="no text below its front matter"):
        parse_markdown("---\ntitle: Telegram\n---\n\n   \n")


def test_numbers_and_dates_in_yaml_become_text() -> None:
    text = (
        "---\ntitle: 1950\nrecord_id: 113636\ndate: 1950-11-08\n"
        "source: 45\nvia: 2.5\nrights: true\nurl: null\n---\nText\n"
    )
    doc = parse_markdown(text)
    assert doc.title == "1950"
    assert doc.record_id == "113636"
    assert doc.date == "1950-11-08"
    assert (doc.source, doc.via, doc.rights, doc.url) == ("45", "2.5", "true", "")  # as typed


def test_datetime_in_yaml_keeps_its_time() -> None:
    doc = parse_markdown("---\ntitle: T\ndate: 1950-11-08 02:00:00\n---\nText\n")
    assert doc.date == "1950-11-08 02:00:00"  # as written


def test_unknown_keys_are_ignored_and_lists_are_read() -> None:
    text = (
        "---\ntitle: T\nlayout: post\ntags: [a, b]\npeople: [Stalin, Joseph, Mao Zedong]\n"
        "places: China, Korea (North)\n---\nText\n"
    )
    doc = parse_markdown(text)
    assert doc.people == ("Stalin", "Joseph", "Mao Zedong")
    assert doc.places == ("China", "Korea (North)")
    assert doc.topics == ()


def test_bom_leading_blank_lines_and_crlf_are_accepted() -> None:
    text = "\ufeff\r\n---\r\ntitle: T\r\n---\r\nLine one\r\nLine two\r\n\r\n\r\n\r\nLast\r\n"
    doc = parse_markdown(text)
    assert doc.body_lines == ("Line one", "Line two", "", "Last")


def test_yaml_document_end_marker_closes_front_matter() -> None:
    assert parse_markdown("---\ntitle: T\n...\nText\n").body_lines == ("Text",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: T\n---\n", True),
        ("\ufeff---\ntitle: T\n---\n", True),
        ("\n\n  ---\ntitle: T\n---\n", True),
        ("----\ntitle: T\n", False),
        ("Title: T\n\nText", False),
        ("<html>---</html>", False),
        ("", False),
    ],
)
def test_looks_like_markdown(text: str, expected: bool) -> None:
    assert looks_like_markdown(text) is expected


# --- Markdown: body ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("# TOP PRIORITY", ("TOP PRIORITY",)),
        ("## SPECIAL ##", ("SPECIAL",)),
        ("**EXTREMELY URGENT**", ("EXTREMELY URGENT",)),
        ("__EXTREMELY URGENT__", ("EXTREMELY URGENT",)),
        ("To Comrade *FILIPPOV* [Stalin]", ("To Comrade FILIPPOV [Stalin]",)),
        ("To Comrade _FILIPPOV_ [Stalin]", ("To Comrade FILIPPOV [Stalin]",)),
        ("_a wrapped\nemphasis_ ends here", ("a wrapped", "emphasis ends here")),
        (r"FILIPPOV \[Stalin\] and \*stars\*", ("FILIPPOV [Stalin] and *stars*",)),
        ("> quoted line\n> second line", ("quoted line", "second line")),
        ("snake_case_name and 2*3*4", ("snake_case_name and 2*3*4",)),
        ("* a bullet\n* another", ("* a bullet", "* another")),
        ("1. Soviet rifles 140,000.\n2. Rifle cartridges 58,000,000.", None),
        ("Hard break  \nnext\\\nlast", ("Hard break", "next", "last")),
        ("one\n\n\n\ntwo\n---\nthree", ("one", "", "two", "", "three")),
        ("[...]\n\nTOP PRIORITY\n[...]\nSTALIN\n\n[...]", ("TOP PRIORITY", "[...]", "STALIN")),
    ],
)
def test_markdown_body_lines(body: str, expected: tuple[str, ...] | None) -> None:
    assert markdown_body_lines(body) == (expected or tuple(body.split("\n")))


# --- Archive page: the fixture -------------------------------------------------------


@pytest.fixture(scope="module")
def krasovsky():
    return parse_archive_page(
        fixture_text("archive_page_krasovsky.html"), file="archive_page_krasovsky.html"
    )


def test_archive_page_fields_are_all_mapped(krasovsky) -> None:
    doc = krasovsky
    assert doc.title == "Ciphered Telegram No. 709, Filippov [Stalin] to Krasovsky, for Mao Zedong"
    assert doc.date == "March 14, 1952"
    assert (
        doc.source == "APRF, f. 45, op. 1, d. 342, l. 78. Translated for the cablebot test suite."
    )
    assert doc.record_id == "990709"
    assert doc.url == "https://digitalarchive.wilsoncenter.org/document/990709"
    assert doc.language == "Russian"
    assert doc.description.startswith("Stalin agrees to Mao Zedong's request for anti-aircraft")
    assert doc.description.endswith("by 10 April 1952.")
    assert doc.rights == (
        "This invented document may be reused freely for testing. "
        "It does not reproduce any archive's text."
    )
    assert doc.author == "Stalin, Joseph, 1879-1953"
    assert doc.people == (
        "Stalin, Joseph, 1879-1953",
        "Mao, Zedong, 1893-1976",
        "Krasovsky, S. A. (Stepan Akimovich), 1897-1983",
        "China. Zhongguo ren min zhi yuan jun",
    )
    assert doc.places == (
        "China",
        "Korea (North)",
        "Russia (Federation)",
        "Yalu River (China and Korea)",
    )
    assert doc.topics == (
        "Korean War, 1950-1953",
        "China--Foreign relations--Soviet Union",
        "Military assistance, Soviet",
    )
    assert (doc.kind, doc.file) == ("cable", "archive_page_krasovsky.html")
    assert (doc.sender, doc.recipient, doc.via) == ("", "", "")


def test_archive_page_body_is_the_translation(krasovsky) -> None:
    lines = krasovsky.body_lines
    assert not any(has_cyrillic(line) for line in lines)
    assert lines[:3] == ("CIPHERED TELEGRAM No. 709", "", "TOP PRIORITY")
    assert lines[-1] == "Sent 14.3.52 at 23:40"
    for line in ("TO KRASOVSKY", "For Comrade Mao Zedong", "FILIPPOV", "No. 72/III"):
        assert line in lines
    assert "Transmit to Comrade MAO ZEDONG the following:" in lines


def test_archive_page_body_keeps_br_lines_and_joins_source_newlines(krasovsky) -> None:
    lines = krasovsky.body_lines
    start = lines.index("1. Anti-aircraft guns 120.")
    assert lines[start : start + 4] == (
        "1. Anti-aircraft guns 120.",
        "2. Shells for them 60,000.",
        "3. Searchlights 24.",
        "4. Radar stations 6.",
    )
    assert (
        "The first trains will arrive at Andong station not later than 10 April 1952, "
        "the remainder by 25 April."
    ) in lines
    assert "FILIPPOV [Stalin].”" in lines


def test_archive_page_keeps_scripts_and_related_documents_out(krasovsky) -> None:
    every_value = " ".join(str(value) for value in vars(krasovsky).values())
    assert "dataLayer" not in every_value and "drupal" not in every_value.lower()
    assert "March 9, 1952" not in every_value
    assert "Krasovsky reports the arrival" not in every_value


def test_looks_like_archive_page_on_fixtures() -> None:
    assert looks_like_archive_page(fixture_text("archive_page_krasovsky.html"))
    assert not looks_like_archive_page(fixture_text("two_cables_seed_layout.html"))
    assert not looks_like_archive_page(fixture_text("bad/not_a_cable.html"))
    assert not looks_like_archive_page(fixture_text("shtykov_gromyko.md"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad/not_a_cable.html", "has no Document Information with a Source or Record ID"),
        ("bad/broken.html", "has no Document Information with a Source or Record ID"),
        ("two_cables_seed_layout.html", r"has no document title \(no <h1> heading\)"),
    ],
)
def test_pages_that_are_not_archive_pages_are_refused(name: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_archive_page(fixture_text(name), file=name)


# --- Archive page: markup variants ---------------------------------------------------


def test_unlabelled_tabs_choose_the_latin_script_text() -> None:
    body = """<div class="tab-content">
      <div class="tab-pane active"><p>ШИФРТЕЛЕГРАММА</p><p>Товарищу ФИЛИППОВУ</p></div>
      <div class="tab-pane"><p>CIPHERED TELEGRAM</p><p>To Comrade FILIPPOV [Stalin]</p></div>
    </div>"""
    doc = parse_archive_page(archive_page(body))
    assert doc.body_lines == ("CIPHERED TELEGRAM", "", "To Comrade FILIPPOV [Stalin]")


def test_tab_captions_choose_the_translation_between_latin_texts() -> None:
    body = """<ul class="nav"><li><a href="#t1">Original - French</a></li>
      <li><button data-bs-target="#t2">English Translation</button></li></ul>
      <div class="tab-pane" id="t1"><p>Au camarade FILIPPOV</p></div>
      <div class="tab-pane" id="t2"><p>To Comrade FILIPPOV</p></div>"""
    assert parse_archive_page(archive_page(body)).body_lines == ("To Comrade FILIPPOV",)


def test_sections_under_headings_choose_the_translation_after_the_original() -> None:
    body = """<h3>Original</h3><p>毛泽东致菲利波夫</p><p>一、步枪十四万支。</p>
      <h3>Translation</h3><p>To Comrade FILIPPOV [Stalin]<br>1. Soviet rifles 140,000.</p>"""
    doc = parse_archive_page(archive_page(body))
    assert doc.body_lines == ("To Comrade FILIPPOV [Stalin]", "1. Soviet rifles 140,000.")


def test_definition_list_and_dt_dd_labels_are_read() -> None:
    info = """<dl>
      <dt>Source</dt><dd>APRF, Fond 45, Opis 1, Delo 335, Listy 80-81</dd>
      <dt>Original Archive</dt><dd>Presidential Archive</dd>
      <dt>Rights</dt><dd>Free to reuse.</dd>
      <dt>Type</dt><dd>Telegram</dd>
      <dt>Language:</dt><dd>Russian</dd>
      <dt>Record ID</dt><dd> 113636 </dd>
    </dl>"""
    doc = parse_archive_page(archive_page('<div class="translation"><p>Text</p></div>', info))
    assert doc.source == "APRF, Fond 45, Opis 1, Delo 335, Listy 80-81"
    assert (doc.rights, doc.language, doc.record_id) == ("Free to reuse.", "Russian", "113636")
    assert doc.body_lines == ("Text",)


def test_bold_and_inline_labels_are_read() -> None:
    info = """<p><strong>Source:</strong> APRF, f. 45, op. 1, d. 334, l. 97</p>
      <div>Record ID: 114229</div>
      <h4>Associated Places</h4><ul><li>China</li><li>Korea (North)</li></ul>
      <h4>Subjects Discussed</h4><p><a href="/t/1">Korean War, 1950-1953</a></p>"""
    doc = parse_archive_page(archive_page('<div id="doc-translation"><p>Text</p></div>', info))
    assert doc.source == "APRF, f. 45, op. 1, d. 334, l. 97"
    assert doc.record_id == "114229"
    assert doc.places == ("China", "Korea (North)")
    assert doc.topics == ("Korean War, 1950-1953",)


def test_label_wrapped_in_its_own_div_finds_the_value_after_the_wrapper() -> None:
    info = """<div class="label-wrap"><span class="label">Original Archive</span></div>
      <div class="value"><div class="pill"><a class="name"><span>APRF</span></a></div></div>
      <div class="label-wrap"><span class="label">Record ID</span></div>
      <div class="value">555</div>"""
    doc = parse_archive_page(archive_page('<div class="tab-pane"><p>Text</p></div>', info))
    assert (doc.source, doc.record_id) == ("APRF", "555")


def test_date_falls_back_to_a_labelled_date_and_url_to_og_url() -> None:
    page = archive_page(
        '<div class="tab-pane"><p>Text</p></div>',
        head='<meta property="og:url" content="https://digitalarchive.wilsoncenter.org/document/1">',
    ).replace('<div class="date">November 8, 1950</div>', "")
    page = page.replace("<h2>Document Information</h2>", "<h2>Date</h2><p>8 November 1950</p>")
    doc = parse_archive_page(page)
    assert doc.date == "8 November 1950"
    assert doc.url == "https://digitalarchive.wilsoncenter.org/document/1"


def test_relative_canonical_url_is_taken_as_on_the_site() -> None:
    page = archive_page(
        '<div class="tab-pane"><p>Text</p></div>',
        head='<link rel="canonical" href="/document/ciphered-telegram">',
    )
    assert parse_archive_page(page).url == (
        "https://digitalarchive.wilsoncenter.org/document/ciphered-telegram"
    )


def test_summary_falls_back_to_the_meta_description_not_a_related_document() -> None:
    related = """<h2>Related Documents</h2><div><div class="date">May 1, 1951</div>
      <p class="summary">Another document's summary.</p></div>"""
    page = archive_page(
        '<div class="tab-pane"><p>Text</p></div>' + related,
        head='<meta name="description" content="Mao asks for rifles.">',
    )
    doc = parse_archive_page(page)
    assert doc.description == "Mao asks for rifles."
    assert doc.date == "November 8, 1950"


def test_title_falls_back_to_og_title() -> None:
    page = archive_page(
        '<div class="tab-pane"><p>Text</p></div>',
        head='<meta property="og:title" content="Cable, Stalin to Mao">',
    ).replace('<h1 class="title">Ciphered telegram, Mao Zedong to Filippov [Stalin]</h1>', "")
    assert parse_archive_page(page).title == "Cable, Stalin to Mao"


def test_page_without_a_title_is_refused() -> None:
    page = (
        "<html><body><div class='tab-pane'><p>x</p></div><h3>Record ID</h3><p>1</p></body></html>"
    )
    with pytest.raises(ParseError, match="has no document title"):
        parse_archive_page(page, file="t.html")


def test_page_without_document_text_is_refused() -> None:
    with pytest.raises(ParseError, match="has no document text"):
        parse_archive_page(archive_page('<div class="text-block"><p>Only a summary.</p></div>'))


def test_unreadable_markup_is_refused_in_one_sentence() -> None:
    with pytest.raises(ParseError, match="is not readable HTML"):
        parse_archive_page("<html><body><h1>T</h1><![-- x", file="x.html")


# --- Archive page: size and shape limits ---------------------------------------------


def test_page_over_the_size_cap_is_refused_at_once() -> None:
    huge = archive_page('<div class="tab-pane"><p>x</p></div>') + " " * MAX_PAGE_CHARS
    started = time.perf_counter()
    with pytest.raises(ParseError, match="too large"):
        parse_archive_page(huge, file="huge.html")
    assert time.perf_counter() - started < 1.0


def test_fifty_megabyte_page_is_refused_and_sniffed_quickly() -> None:
    huge = "<p>Record ID</p>" + "x" * 50_000_000
    started = time.perf_counter()
    with pytest.raises(ParseError, match="too large"):
        parse_archive_page(huge)
    looks_like_archive_page(huge)
    assert time.perf_counter() - started < 2.0


def test_page_full_of_br_parses_in_linear_time() -> None:
    # bs4's html.parser builder is quadratic in bare <br> tags; the parser closes them first.
    lines = "<p>1. Anti-aircraft guns 120.<br>2. Shells for them 60,000.<br></p>\n" * 12_000
    started = time.perf_counter()
    doc = parse_archive_page(archive_page(f'<div class="tab-pane">{lines}</div>'))
    assert time.perf_counter() - started < 10.0
    assert doc.body_lines[:2] == ("1. Anti-aircraft guns 120.", "2. Shells for them 60,000.")


def test_deeply_nested_markup_does_not_hit_the_recursion_limit() -> None:
    nested = "<div>" * 20_000 + "deep text" + "</div>" * 20_000
    doc = parse_archive_page(archive_page(f'<div class="tab-pane">{nested}</div>'))
    assert doc.body_lines == ("deep text",)


# --- HTML lines ----------------------------------------------------------------------


def html_lines_of(fragment: str) -> list[str]:
    from bs4 import BeautifulSoup

    return html_node_lines(BeautifulSoup(fragment, "html.parser").contents)


def test_br_ends_a_line_and_p_ends_a_paragraph() -> None:
    assert html_lines_of("<p>a<br>b</p><p>c</p>") == ["a", "b", "", "c", ""]
    assert html_lines_of("text<br><br>more") == ["text", "", "more"]
    assert html_lines_of("<div>one</div><div>two <b>bold</b>\n  words</div>") == [
        "one",
        "two bold words",
    ]


def test_ordered_list_items_get_their_numbers() -> None:
    assert html_lines_of("<ol start='3'><li>Rifles 140,000.</li><li>TNT 1,000 tons.</li></ol>") == [
        "3. Rifles 140,000.",
        "4. TNT 1,000 tons.",
        "",
    ]
    assert html_lines_of("<ol><li>1. Rifles</li></ol>") == ["1. Rifles", ""]


def test_comments_and_scripts_are_not_text() -> None:
    assert html_lines_of("<p>a<!-- note --><script>x()</script>b</p>") == ["ab", ""]


def test_edge_elisions_are_trimmed_and_inner_ones_kept() -> None:
    assert trim_edge_elisions(["[...]", "", "A", "[...]", "B", "", "[…]"]) == ("A", "[...]", "B")
    assert trim_edge_elisions(["(. . .)", "x", "..."]) == ("x",)
