"""Every `cablebot` command, in process against a fresh store, plus one real subprocess."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MAO = "1950-11-08-mao-zedong-to-stalin"
ZHOU = "1950-11-17-zhou-enlai-to-stalin"
REPLY = "1950-11-17-stalin-to-zhou-enlai"
COMMENTARY = "commentary-kwang-on-yoo"

KIM_PAGE = """<table><tr><td colspan="2"><b>Ciphered telegram, Kim Il Sung to Fyn Si</b></td></tr>
<tr><td><b>Date:</b><br> 30 November 1950</td><td><b>Source:</b><br><i>APRF, Fond 45, Opis 1, Delo 347, Listy 5-6</i></td></tr>
</table><br>CIPHERED TELEGRAM No. 4411<br><br>To Comrade FYN SI<br><br>We ask you to send us<br>300 trucks
as soon as possible.<br><br>KIM IL SUNG"""
KIM = "1950-11-30-kim-il-sung-to-stalin"


def assert_clean_error(result, *needles: str) -> None:
    """One line on stderr, non-zero exit, no traceback anywhere."""
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("cablebot: ")
    assert "Traceback" not in result.err + result.out
    for needle in needles:
        assert needle in lines[0]


# -- ask -----------------------------------------------------------------------------------
def test_ask_prints_a_cited_answer(cli):
    r = cli("ask", "how", "many", "pistols", "for", "pilots", "did", "Mao", "want?")
    assert r.code == 0 and r.err == ""
    assert "1,000" in r.out
    assert "Ciphered telegram, Mao Zedong to Filippov (Stalin)" in r.out  # the cable
    assert "APRF, Fond 45, Opis 1, Delo 335, Listy 80-81" in r.out  # its source
    assert "9. Pilots’ handguns 1,000." in r.out  # the quoted words
    assert len(r.out.strip().splitlines()) == 1  # one paragraph


def test_ask_json_shape(cli):
    r = cli("ask", "--json", "how many trucks did Zhou Enlai want from Stalin")
    assert r.code == 0
    data = json.loads(r.out)
    assert {"question", "answer", "found", "citations"} <= set(data)
    assert data["question"] == "how many trucks did Zhou Enlai want from Stalin"
    assert data["found"] is True
    assert "500" in data["answer"]
    first = data["citations"][0]
    assert set(first) == {"cable", "title", "date", "source", "quote"}
    assert first["cable"] == ZHOU
    assert first["title"] == "Ciphered telegram, Zhou Enlai to Filippov (Stalin)"
    assert first["date"] == "17 November 1950"
    assert first["source"] == "APRF, Fond 45, Opis 1, Delo 335, Listy 122-123"
    assert "500 automobiles" in first["quote"]


def test_ask_not_found_exits_3(cli):
    r = cli("ask", "--json", "how many battleships did Mao want")
    assert r.code == 3
    data = json.loads(r.out)
    assert data["found"] is False and data["citations"] == []


def test_ask_reads_questions_from_stdin_one_json_per_line(cli):
    stdin = (
        "how much TNT was on Mao's list\n"
        "\n"
        "who passed Stalin's reply on to Zhou\n" + "x" * 600 + "\n"
        "how many battleships did Mao want\n"
    )
    r = cli("ask", "--json", stdin=stdin)
    assert r.code == 1  # a line failed (the long one); the rest were answered
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert len(rows) == 5  # one per input line, the blank one kept as skipped
    tnt, blank, via, too_long, battleships = rows
    assert blank["skipped"] is True and blank["question"] == ""
    assert tnt["found"] and "1,000 tons" in tnt["answer"]
    assert via["found"] and "Zakharov" in via["answer"]
    assert too_long["found"] is False and "500" in too_long["error"]
    assert battleships["found"] is False
    assert all(set(row) >= {"question", "answer", "found", "citations"} for row in rows)


def test_ask_stdin_plain_text(cli):
    r = cli("ask", stdin="how much TNT was on Mao's list\nwho signed telegram 5708\n")
    lines = r.out.strip().splitlines()
    assert r.code == 0 and len(lines) == 2
    assert "1,000 tons" in lines[0]
    assert "FILIPPOV" in lines[1]


def test_ask_empty_question(cli):
    assert_clean_error(cli("ask", "   "), "The question is empty")


def test_ask_question_of_5000_characters(cli):
    question = ("why did Mao ask for so many rifles " * 150)[:4999] + "?"
    assert len(question) == 5000
    assert_clean_error(cli("ask", question), "5,000 characters", "500")


def test_ask_question_of_exactly_500_characters_is_accepted(cli):
    question = ("how many rifles " * 40)[:499].rstrip()
    question += "?" * (500 - len(question))
    assert len(question) == 500
    r = cli("ask", "--json", question)
    assert r.code in (0, 3) and r.err == ""
    assert json.loads(r.out)["question"] == question


# -- quote ---------------------------------------------------------------------------------
@pytest.mark.parametrize("ref", [MAO, "26637", "2784"])
def test_quote_prints_header_and_text(cli, ref):
    r = cli("quote", ref)
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    assert lines[0] == "Ciphered telegram, Mao Zedong to Filippov (Stalin)"
    for expected in (
        "Date: 8 November 1950",
        "Source: APRF, Fond 45, Opis 1, Delo 335, Listy 80-81",
        "From: Mao Zedong",
        "To: Stalin",
        "Telegram: CIPHERED TELEGRAM No. 26637",
        "Priority: TOP PRIORITY",
        "Received: 8 November 1950, 02:00",
        "Sent: 7 November 1950 (7.11.50)",
        "From Beijing Received 02 hours 00 minutes",  # the stamp as printed, on its two lines
        "8.11.1950",
        "1. Soviet rifles 140,000.",
        "11. TNT 1,000 tons.",
        "MAO ZEDONG",
        "No. 2784",
    ):
        assert expected in lines, expected
    assert "8.11.1950 02:00" not in r.out  # the parser's reading is not shown as printed words


def test_quote_by_title_words(cli):
    r = cli("quote", "zhou automobiles")
    assert r.code == 0
    assert r.out.startswith("Ciphered telegram, Zhou Enlai to Filippov (Stalin)\n")
    assert "Telegram: CIPHERED TELEGRAM No. 26998" in r.out


def test_quote_reply_shows_via(cli):
    r = cli("quote", "5708")
    assert "Via: Zakharov" in r.out.splitlines()
    assert "For Comrade Zhou Enlai" in r.out


def test_quote_commentary_is_labelled(cli):
    r = cli("quote", COMMENTARY)
    assert r.code == 0
    assert "Commentary by the poster, not a primary source. Author: Kwang-On Yoo" in r.out


def test_quote_part(cli):
    full = cli("quote", "26998").out
    r = cli("quote", "26998", "--part", "5")  # parts 1-4: office, heading, priority, addressee
    assert r.code == 0
    m = re.search(r"\[part 5 of (\d+)\]\n(.*)", r.out, re.S)
    assert m, r.out
    part = m.group(2).strip()
    assert part.startswith("According to a report from Peng Dehuai and Gao Gang")
    assert part in full
    last = cli("quote", "26998", "--part", m.group(1))
    assert "ZHOU ENLAI" in last.out and "No. 2933" in last.out


def test_quote_lines(cli):
    r = cli("quote", "26637", "--lines", "1-3")
    assert r.code == 0
    assert r.out.splitlines() == [
        "Ciphered telegram, Mao Zedong to Filippov (Stalin)",
        "Date: 8 November 1950",
        "Source: APRF, Fond 45, Opis 1, Delo 335, Listy 80-81",
    ]
    one = cli("quote", "26637", "--lines", "2")
    assert one.out.strip() == "Date: 8 November 1950"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--part", "99"), "there is no part 99"),
        (("--part", "0"), "there is no part 0"),
        (("--lines", "abc"), "--lines takes A-B"),
        (("--lines", "500-600"), "is outside them"),
        (("--lines", "9-3"), "is outside them"),
    ],
)
def test_quote_bad_part_or_lines(cli, args, needle):
    assert_clean_error(cli("quote", "26637", *args), needle)


def test_quote_part_and_lines_together_is_a_usage_error(cli):
    r = cli("quote", "26637", "--part", "1", "--lines", "1-2")
    assert r.code == 2
    assert "not allowed with argument" in r.err and "Traceback" not in r.err


@pytest.mark.parametrize("command", ["quote", "items", "dates", "remove"])
def test_unknown_cable(cli, command):
    assert_clean_error(cli(command, "zzqxv wqqz"), "No cable matches 'zzqxv wqqz'")


# -- items ---------------------------------------------------------------------------------
MAO_ROWS = [
    ("1", "Soviet rifles", "140,000", "pieces"),
    ("2", "Rifle cartridges", "58,000,000", "pieces"),
    ("3", "Soviet sub-machine guns", "26,000", "pieces"),
    ("4", "Cartridges for sub-machine guns", "80,000,000", "pieces"),
    ("5", "Soviet light machine guns", "7,000", "pieces"),
    ("6", "Cartridges for light machine guns", "37,000,000", "pieces"),
    ("7", "Soviet heavy machine guns", "2,000", "pieces"),
    ("8", "Cartridges for heavy machine guns", "20,000,000", "pieces"),
    ("9", "Pilots’ handguns", "1,000", "pieces"),
    ("10", "Cartridges for pilots’ handguns", "100,000", "pieces"),
    ("11", "TNT", "1,000", "tons"),
]


def table_rows(out: str) -> list[list[str]]:
    lines = out.splitlines()
    assert lines[0].split() == ["#", "item", "quantity", "unit", "role", "when", "cable"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    return [re.split(r"\s{2,}", line.strip()) for line in lines[2:]]


def test_items_lists_all_eleven_and_the_automobiles(cli):
    r = cli("items")
    assert r.code == 0
    rows = table_rows(r.out)
    mao = [row for row in rows if row[-1] == MAO]
    assert [tuple(row[:4]) for row in mao] == MAO_ROWS
    assert all(row[4:6] == ["requested", "January-February 1951"] for row in mao)
    zhou = [row[:3] for row in rows if row[-1] == ZHOU and row[2] == "requested"]
    assert zhou == [["automobiles", "500", "requested"]]
    reply = [row for row in rows if row[-1] == REPLY]
    assert reply == [
        ["automobiles", "140", "promised", "20 November 1950", REPLY],
        ["automobiles", "355", "promised", "25-26 November 1950", REPLY],
        ["automobiles", "1,000", "promised", "before 5 December 1950", REPLY],
    ]


def test_items_of_one_cable(cli):
    rows = table_rows(cli("items", "26637").out)
    assert len(rows) == 11 and {row[-1] for row in rows} == {MAO}


def test_items_of_a_cable_without_items(cli):
    r = cli("items", COMMENTARY)
    assert (r.code, r.out.strip()) == (0, "No requested items.")


# -- dates ---------------------------------------------------------------------------------
EXPECTED_DATES = [
    # shown                       kind                  as printed                     cable
    ("7 November 1950", "sent", "7.11.50", MAO),
    ("8 November 1950", "document date", "8 November 1950", MAO),
    ("8 November 1950, 02:00", "received", "8.11.1950 02:00", MAO),
    ("17 November 1950, 10:00", "sent", "17.11 10:00", ZHOU),
    ("17 November 1950, 20:45", "received", "17.11.1950 20:45", ZHOU),
    ("17 November 1950", "document date", "17 November 1950", REPLY),
    ("20 November 1950", "promised delivery", "20 November", REPLY),
    ("25-26 November 1950", "promised delivery", "25-26 November", REPLY),
    ("before 5 December 1950", "promised delivery", "before 5 December", REPLY),
    ("January-February 1951", "requested delivery", "January and February 1951", MAO),
    ("second half of 1951", "mentioned", "second half of 1951", MAO),
]


def test_dates_timeline(cli):
    r = cli("dates")
    assert r.code == 0
    lines = r.out.splitlines()
    positions = []
    for shown, kind, printed, cable in EXPECTED_DATES:
        pattern = re.compile(
            rf"^{re.escape(shown)}\s+{re.escape(kind)}\s+{re.escape(printed)}\s.*\s{cable}$"
        )
        found = [i for i, line in enumerate(lines) if pattern.match(line)]
        assert found, f"no line for {shown} / {kind} / {printed}:\n{r.out}"
        positions.append(found[0])
    # sent before received before the promises before next year's window
    assert positions[0] < positions[2] < positions[3] < positions[4] < positions[6]
    assert positions[6] < positions[7] < positions[8] < positions[9] < positions[10]


def test_dates_of_one_cable(cli):
    r = cli("dates", "zhou automobiles")
    assert r.code == 0
    assert r.out.splitlines()[0].split() == ["date", "event", "as", "printed", "what", "cable"]
    assert {line.split()[-1] for line in r.out.splitlines()[2:]} == {ZHOU}
    assert "17.11 10:00" in r.out and "17.11.1950 20:45" in r.out


# -- cables, chat --------------------------------------------------------------------------
def test_cables_lists_the_documents(cli):
    r = cli("cables")
    assert r.code == 0
    header, rule, *lines = r.out.splitlines()
    assert header.split() == ["id", "date", "number", "title"] and set(rule) <= {"-", " "}
    assert len(lines) == 4
    by_id = {line.split()[0]: line for line in lines}
    assert set(by_id) == {MAO, ZHOU, REPLY, COMMENTARY}
    assert re.search(
        r"8 November 1950\s+No\. 26637\s+Ciphered telegram, Mao Zedong to Filippov \(Stalin\)$",
        by_id[MAO],
    )
    assert re.search(r"17 November 1950\s+No\. 26998\s+", by_id[ZHOU])
    assert re.search(
        r"17 November 1950\s+No\. 5708\s+Ciphered telegram, Filippov \(Stalin\) to Zhou Enlai via Zakharov$",
        by_id[REPLY],
    )
    assert re.search(r"undated\s+commentary\s+Commentary by Kwang-On Yoo$", by_id[COMMENTARY])


def test_chat_answers_until_eof(cli):
    r = cli("chat", stdin="how much TNT was on Mao's list\n\n" + "y" * 700 + "\nwho is Fyn Si\n")
    assert r.code == 0
    answers = r.out.strip().splitlines()
    assert len(answers) == 2
    assert "1,000 tons" in answers[0]
    assert "Stalin" in answers[1]
    assert r.err.count("cablebot: ") == 1 and "700 characters" in r.err  # the long line, then on
    assert "Traceback" not in r.err


def test_chat_with_no_input(cli):
    r = cli("chat")
    assert (r.code, r.out, r.err) == (0, "", "")


# -- ingest, remove ------------------------------------------------------------------------
def test_ingest_then_remove(cli, tmp_path):
    page = tmp_path / "kim.html"
    page.write_text(KIM_PAGE, encoding="utf-8")
    added = cli("ingest", str(page))
    assert added.code == 0
    assert added.out.split() == ["added", f"{page}:", KIM]
    again = cli("ingest", str(page))
    assert again.out.split() == ["unchanged", f"{page}:", KIM]
    assert KIM in cli("cables").out
    assert "300" in cli("items", "4411").out
    removed = cli("remove", "4411")
    assert removed.code == 0
    assert removed.out.strip() == f"removed {KIM}: Ciphered telegram, Kim Il Sung to Fyn Si"
    assert KIM not in cli("cables").out
    assert_clean_error(cli("quote", KIM), "No cable matches")


def test_ingest_a_folder(cli, tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "kim.html").write_text(KIM_PAGE, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF")  # not a suffix cablebot reads: skipped
    r = cli("ingest", str(folder))
    assert r.code == 0
    assert r.out.strip().splitlines() == [f"added      {folder / 'sub' / 'kim.html'}: {KIM}"]


def test_ingest_failures_are_reported_with_non_zero_exit(cli, tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"Title: caf\x81\x00\n\nbody")  # no text in any encoding cablebot reads
    missing = tmp_path / "missing.html"
    r = cli("ingest", str(empty), str(latin), str(missing))
    assert r.code == 1
    lines = r.out.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("failed") for line in lines)
    assert any("is empty" in line for line in lines)
    assert any("not UTF-8" in line for line in lines)
    assert any("cannot be read" in line for line in lines)
    assert "Traceback" not in r.out + r.err
    assert len(cli("cables").out.splitlines()) == 6  # nothing changed (4 rows under the header and its rule)


def test_remove_by_number(cli):
    r = cli("remove", "26998")
    assert r.code == 0 and r.out.startswith(f"removed {ZHOU}: ")
    assert ZHOU not in cli("cables").out


# -- store location and damaged stores -----------------------------------------------------
def test_db_option_wins_over_environment(cli, tmp_path):
    other = tmp_path / "other" / "store.db"
    r = cli("--db", str(other), "remove", "26998")
    assert r.code == 0 and other.exists()
    assert ZHOU not in cli("--db", str(other), "cables").out
    assert ZHOU in cli("cables").out  # the $CABLEBOT_DB store was not touched


@pytest.mark.parametrize(
    "command", [("cables",), ("ask", "how much TNT"), ("quote", "26637"), ("items",), ("dates",)]
)
def test_damaged_store(cli, command):
    junk = random.Random(7).randbytes(6000)
    cli.db.write_bytes(junk)
    r = cli(*command)
    assert_clean_error(r, str(cli.db))
    assert r.code == 1
    assert cli.db.read_bytes() == junk  # not deleted, not rewritten


def test_missing_config_file_is_a_clean_error(cli, tmp_path):
    assert_clean_error(cli("--config", str(tmp_path / "nope.yaml"), "cables"), "does not exist")


# -- help ----------------------------------------------------------------------------------
def test_no_command_prints_help(cli):
    r = cli()
    assert r.code == 2 and "usage: cablebot" in r.out


@pytest.mark.parametrize(
    "command", ["ask", "quote", "items", "dates", "cables", "chat", "ingest", "remove"]
)
def test_every_command_has_help_with_an_example(cli, command):
    r = cli(command, "--help")
    assert r.code == 0
    assert "example: cablebot" in r.out


# -- the real console script ---------------------------------------------------------------
def test_console_script_in_a_subprocess(tmp_path):
    exe = Path(sys.executable).with_name("cablebot")
    if not exe.exists():
        exe = Path(shutil.which("cablebot") or "cablebot")
    env = {**os.environ, "CABLEBOT_DB": str(tmp_path / "store.db"), "XDG_DATA_HOME": str(tmp_path)}
    env.pop("CABLEBOT_CONFIG", None)
    proc = subprocess.run(
        [str(exe), "ask", "--json"],
        input="how much TNT was on Mao's list\nwho is Fyn Si\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 2 and all(row["found"] for row in rows)
    assert "1,000 tons" in rows[0]["answer"]
    bad = subprocess.run(
        [str(exe), "quote", "zzqxv wqqz"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert bad.returncode == 1
    assert bad.stderr.strip() == "cablebot: No cable matches 'zzqxv wqqz'."
    assert "Traceback" not in bad.stderr
