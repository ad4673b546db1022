"""The terminal as a new user meets it: options anywhere, prompts, wrapping, tables, confirmations."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from knowledge import cli as cli_module

MAO = "1950-11-08-mao-zedong-to-stalin"
ZHOU = "1950-11-17-zhou-enlai-to-stalin"
REPLY = "1950-11-17-stalin-to-zhou-enlai"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class TerminalInput(io.StringIO):
    """Typed lines, as a terminal gives them (isatty is what the CLI checks)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def tty(cli, monkeypatch, capsys):
    """Run `cablebot ARGS` with a terminal on stdin (typed lines) and, if asked, on stdout."""

    def run(*args: str, typed: str = "", columns: int | None = None):
        monkeypatch.setattr("sys.stdin", TerminalInput(typed))
        if columns:
            monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
            monkeypatch.setattr(
                shutil, "get_terminal_size", lambda *a: os.terminal_size((columns, 24))
            )
        capsys.readouterr()
        try:
            code = cli_module.main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return code, out, err

    return run


# -- options after the command, unquoted words ----------------------------------------------
def test_db_after_the_command(cli, tmp_path):
    other = tmp_path / "other.db"
    r = cli("remove", "26998", "--db", str(other))
    assert r.code == 0 and other.exists()
    assert ZHOU not in cli("cables", "--db", str(other)).out
    assert ZHOU in cli("cables").out  # the $CABLEBOT_DB store was not touched
    assert ZHOU not in cli("--db", str(other), "cables").out  # before the command, as before


def test_config_after_the_command(cli, tmp_path):
    r = cli("cables", "--config", str(tmp_path / "nope.yaml"))
    assert r.code == 1 and "does not exist" in r.err


def test_quote_with_unquoted_words(cli):
    r = cli("quote", "zhou", "automobiles")
    assert r.code == 0 and r.out.startswith("Ciphered telegram, Zhou Enlai to Filippov (Stalin)")


def test_quote_header_says_answers_and_answered_by(cli):
    head = cli("quote", "26998").out.split("\n\n")[0]
    assert f"Answered by: No. 5708, Stalin to Zhou Enlai, 17 November 1950 [{REPLY}]" in head
    assert 'the cable says: "I received the telegram with the request' in head
    reply = cli("quote", "5708", "--part", "1").out
    assert f"Answers: No. 26998, Zhou Enlai to Stalin, 17 November 1950 [{ZHOU}]" in reply
    assert "Answer" not in cli("quote", "26637").out.split("\n\n")[0]  # Mao's list: no links


def test_version(cli):
    r = cli("--version")
    assert r.code == 0 and re.fullmatch(r"cablebot \d+\.\d+\.\d+\S*\n", r.out)


# -- ask: prompt on a terminal, wrapping, batches ------------------------------------------------
def test_ask_without_a_question_on_a_terminal_prompts(tty):
    code, out, err = tty("ask", typed="who signed telegram 5708\n")
    assert code == 0 and err == ""
    assert out.startswith("Question") and "FILIPPOV" in out


def test_ask_prompt_with_nothing_typed(tty):
    code, _out, _err = tty("ask", typed="")
    assert code == 2


def test_answer_wraps_on_a_terminal_with_the_citation_on_its_own_line(tty, cli, monkeypatch):
    question = "how many rifles did Mao request"
    code, out, _ = tty("ask", question, columns=60)
    assert code == 0
    lines = out.rstrip("\n").splitlines()
    assert len(lines) > 2 and all(len(line) <= 60 for line in lines)
    citation = [n for n, line in enumerate(lines) if line.startswith("  [")]
    assert citation and "140,000" in " ".join(lines[: citation[0]])  # the fact, then the source
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    piped = cli("ask", question)
    assert len(piped.out.strip().splitlines()) == 1  # not a terminal: one line, as before
    assert json.loads(cli("ask", "--json", question).out)["found"] is True


def test_batch_keeps_one_line_per_input_line_and_fails_when_a_line_fails(cli):
    stdin = "who signed telegram 5708\n\n" + "x" * 600 + "\nhow many rifles did Mao request\n"
    r = cli("ask", stdin=stdin)
    lines = r.out.split("\n")
    assert lines[-1] == "" and len(lines) - 1 == 4  # four input lines, four output lines
    assert "FILIPPOV" in lines[0] and lines[1] == "" and "500 characters" in lines[2]
    assert "140,000" in lines[3]
    assert r.code == 1 and "line 3" in r.err
    ok = cli("ask", stdin="who signed telegram 5708\n\n")
    assert ok.code == 0 and ok.out.split("\n")[1] == "" and ok.err == ""


# -- chat -------------------------------------------------------------------------------------
def test_chat_follow_up_help_and_quit(cli):
    r = cli(
        "chat",
        stdin="help\nwho signed telegram 26998\nwhen was it received?\nquit\nwho signed telegram 5708\n",
    )
    assert r.code == 0
    assert "quit" in r.out and "when did he send it?" in r.out  # the help text
    assert "ZHOU ENLAI" in r.out
    assert "(Assuming telegram 26998: Zhou Enlai to Stalin, 17 November 1950.)" in r.out
    assert "20:45" in r.out
    assert "FILIPPOV" not in r.out  # nothing after quit is answered


def test_chat_on_a_terminal_says_how_to_leave_and_keeps_history(tty, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    code, out, _ = tty("chat", typed="who signed telegram 5708\nexit\n")
    assert code == 0
    assert out.splitlines()[0].endswith("help for examples, quit to leave.")
    assert "cablebot> " in out and "FILIPPOV" in out
    pytest.importorskip("readline")
    # Saved on leaving (readline adds typed lines itself on a real terminal; see the round trip).
    assert (tmp_path / "state" / "cablebot" / "chat_history").exists()


def test_line_editing_history_round_trip(tmp_path):
    readline = pytest.importorskip("readline")
    path = tmp_path / "h" / "chat_history"
    readline.clear_history()
    save = cli_module._start_line_editing(path)
    readline.add_history("how many rifles did Mao request")
    save()
    readline.clear_history()
    cli_module._start_line_editing(path)
    assert readline.get_history_item(readline.get_current_history_length()) == (
        "how many rifles did Mao request"
    )


# -- tables ---------------------------------------------------------------------------------
LONG_DOC = """---
title: "Telegram from the Chief Military Adviser of the Soviet Union in the Democratic People's Republic of Korea to the Minister of Armed Forces"
date: "1950-12-30"
---
We report that the 300 trucks arrived at Sinuiju.
"""


def test_cables_and_dates_columns_hold_with_long_ids(cli, tmp_path):
    doc = tmp_path / "long.md"
    doc.write_text(LONG_DOC)
    assert cli("ingest", str(doc)).code == 0
    for command, second in (("cables", "date"), ("dates", "event")):
        header, rule, *rows = cli(command).out.splitlines()
        assert header.split()[0] in ("id", "date")
        column = header.index(second)
        assert rule.index("  -") + 2 == column  # the rule marks the same columns
        for row in rows:
            assert row[column - 2 : column] == "  " and row[column] != " ", row
    assert any(len(row.split()[0]) > 42 for row in cli("cables").out.splitlines()[2:])


# -- remove ---------------------------------------------------------------------------------
def test_remove_asks_on_a_terminal(tty, cli):
    code, out, err = tty("remove", "26998", typed="n\n")
    assert (
        code == 1 and "Remove 1950-11-17-zhou-enlai-to-stalin" in out and "nothing removed" in err
    )
    assert ZHOU in cli("cables").out
    code, out, _ = tty("remove", "26998", typed="y\n")
    assert code == 0 and f"removed {ZHOU}" in out
    assert ZHOU not in cli("cables").out


def test_remove_yes_skips_the_question(tty, cli):
    code, out, _ = tty("remove", "5708", "--yes", typed="")
    assert code == 0 and "Remove " not in out and f"removed {REPLY}" in out
    assert cli("remove", "26637").code == 0  # piped: no question, as scripts expect


# -- store path -------------------------------------------------------------------------------
def test_store_path_that_is_a_folder(cli, tmp_path):
    r = cli("cables", "--db", str(tmp_path))
    assert r.code == 1 and "is a folder" in r.err and "damaged" not in r.err


def test_store_path_under_a_file(cli, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    r = cli("cables", "--db", str(blocker / "store.db"))
    assert r.code == 1 and "There is no store at" in r.err and "damaged" not in r.err
    assert len(r.err.strip().splitlines()) == 1


def test_missing_store_is_reported_then_built(cli, tmp_path):
    path = tmp_path / "fresh" / "store.db"
    r = cli("cables", "--db", str(path))
    assert r.code == 0 and f"no store at {path}" in r.err and "damaged" not in r.err
    assert cli("cables", "--db", str(path)).err == ""  # now it exists


# -- thread, timeline -------------------------------------------------------------------------
def test_thread_in_date_order_with_gists(cli):
    r = cli("thread", "5708")
    assert r.code == 0
    assert r.out.startswith("2 cables, in date order:")
    assert r.out.index(f"[{ZHOU}]") < r.out.index(f"[{REPLY}]")
    assert "Request from Zhou Enlai to Stalin for the rapid transfer of automobiles" in r.out
    assert 'answers No. 26998, Zhou Enlai to Stalin, 17 November 1950 — the cable says: "' in r.out
    data = json.loads(cli("thread", "zhou", "automobiles", "--json").out)
    assert [c["cable"] for c in data["cables"]] == [ZHOU, REPLY]
    assert data["links"][0] | {"words": ""} == {
        "from": REPLY, "to": ZHOU, "kind": "explicit", "relation": "answers", "basis": "text", "words": "",
    }  # fmt: skip
    alone = cli("thread", "26637")
    assert alone.code == 0 and "answers none" in alone.out


def test_timeline_writes_a_png(cli, tmp_path):
    out = tmp_path / "zhou.png"
    r = cli("timeline", "--person", "zhou", "--from", "1950-11", "--png", str(out))
    assert r.code == 0 and r.out.startswith(f"wrote {out}: 2 cables in 2 lanes, 1 reply arrow(s)")
    assert out.read_bytes()[:8] == PNG_SIGNATURE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "whenever"], "is not a date"),
        (["--person", "Gao Gang"], "No dated cables involving Gao Gang"),
        (["--png", "/nonexistent-folder/x.png"], "does not exist"),
    ],
)
def test_timeline_errors_are_one_line(cli, tmp_path, args, message):
    full = ["timeline", "--png", str(tmp_path / "t.png"), *args]
    r = cli(*full)
    assert r.code == 1 and message in r.err and "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1


def test_new_commands_have_help_with_an_example(cli):
    for command in ("thread", "timeline"):
        r = cli(command, "--help")
        assert r.code == 0 and "example: cablebot" in r.out


def test_history_path_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert cli_module._history_path() == Path(tmp_path) / "cablebot" / "chat_history"
