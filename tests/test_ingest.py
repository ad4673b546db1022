"""Ingesting Markdown transcriptions: records, answers, updates, atomicity and bad input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.errors import ParseError
from knowledge.library import Library
from knowledge.parse import parse_bytes

# Written for these tests in the genre's conventions; not archive text.
FUEL_REQUEST = """---
title: Telegram from Shtykov to Vyshinsky
date: October 3, 1950
source: "AVP RF, Fond 059a, Opis 5a, Delo 3, Papka 11, Listy 61-62"
description: Shtykov passes on Kim Il Sung's request for fuel and lorries.
record_id: 990001
url: https://example.org/document/990001
---

TOP SECRET

Ciphered telegram

From Pyongyang. Sent 3.10.50 22:15

TO COMRADE VYSHINSKY

Kim Il Sung asked me to pass on his request for the delivery of 3,000 tons of diesel fuel
and 400 lorries before 15 October.

Kim Il Sung said that the bridges over the Taedong river have been destroyed and the
divisions retreating north are moving on foot.

Please inform me of your decision.

SHTYKOV

No. 1402
"""

AIR_COVER = """---
title: "Ciphered Telegram No. 8123, Filippov [Stalin] to Krasovsky, for Mao Zedong"
date: 1950-10-05
source: "APRF, f. 45, op. 1, d. 334, l. 97"
---

Ciphered Telegram No. 8123

TO KRASOVSKY

For Comrade Mao Zedong.

We agree to send two air divisions to Andong. We will send you 90 jet fighters on 20 October
and 60 more in the first half of November.

Telegraph the fulfillment.

FENG XI

No. 74/III
5.10.50
"""


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "fuel.md").write_text(FUEL_REQUEST, encoding="utf-8")
    (docs / "air.md").write_text(AIR_COVER, encoding="utf-8")
    library = Library.open(tmp_path / "store.db")
    results = list(library.ingest_paths([docs]))
    assert sorted(r.status for r in results) == ["added", "added"]
    return library


def test_markdown_fields(lib: Library) -> None:
    fuel = lib.cable("990001")
    assert (fuel.sender.name, fuel.recipient.name) == ("Shtykov", "Vyshinsky")
    assert fuel.sent.display() == "3 October 1950, 22:15"
    assert fuel.origin == "From Pyongyang"
    assert fuel.priority == "TOP SECRET"
    assert fuel.source.fond == "059a" and fuel.source.listy == "61-62"
    assert fuel.signature == "SHTYKOV" and fuel.outgoing_number == "No. 1402"
    items = {(i.name, i.quantity, i.unit, i.role) for i in fuel.items}
    assert ("diesel fuel", 3000, "tons", "requested") in items
    assert ("lorries", 400, None, "requested") in items

    air = lib.cable("8123")
    assert air.sender.name == "Stalin" and air.signature == "FENG XI"
    assert (air.recipient.name, air.for_party.name) == ("Krasovsky", "Mao Zedong")
    assert air.closing == ("Telegraph the fulfillment.",)
    assert air.outgoing_number == "No. 74/III" and air.sent.start == "1950-10-05"
    promised = {i.quantity: i.date.display() for i in air.items if i.role == "promised"}
    assert promised == {90: "20 October 1950", 60: "first half of November 1950"}


@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("who sent the telegram to Vyshinsky about fuel", "Shtykov"),
        ("to whom did Shtykov send his telegram?", "Vyshinsky"),
        ("how much diesel fuel did Kim Il Sung want", "3,000 tons"),
        ("how many trucks were requested by Kim Il Sung", "400"),
        ("when was Shtykov's telegram sent", "3 October 1950"),
        ("what is the archival source of Shtykov's telegram", "059a"),
        ("what did Kim Il Sung say about the bridges", "destroyed"),
        ("how many jet fighters will Stalin send on 20 October", "90"),
        ("who signed telegram 8123", "FENG XI"),
        ("what number was the telegram to Krasovsky", "8123"),
        ("who was telegram 8123 for", "Mao Zedong"),
    ],
)
def test_questions_about_ingested_cables(lib: Library, question: str, must: str) -> None:
    answer = lib.ask(question)
    assert answer.found, answer.text
    assert must in answer.text
    assert answer.citations[0].cable in {c.id for c in lib.store.all()}


def test_answers_do_not_leak_between_cables(lib: Library) -> None:
    # Lorries are asked for in Shtykov's cable only; the seed's automobiles are another cable.
    answer = lib.ask("how many lorries did Kim Il Sung request?")
    assert "400" in answer.text and "500" not in answer.fact
    assert lib.ask("how many tanks did Kim Il Sung request?").found is False


def test_same_document_twice_is_unchanged_and_an_edit_updates(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "docs" / "fuel.md"
    before = len(lib.cables())
    assert [r.status for r in lib.ingest_paths([path])] == ["unchanged"]
    path.write_text(FUEL_REQUEST.replace("400 lorries", "450 lorries"), encoding="utf-8")
    assert [r.status for r in lib.ingest_paths([path])] == ["updated"]
    assert len(lib.cables()) == before
    assert "450" in lib.ask("how many lorries did Kim Il Sung request").text


def test_a_failing_file_changes_nothing(lib: Library, tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ndate: 1950-01-01\n---\nno title here\n", encoding="utf-8")
    generation = lib.store.generation()
    results = list(lib.ingest_paths([bad]))
    assert results[0].status == "failed" and "no title" in results[0].reason
    assert lib.store.generation() == generation


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.md", b"", "is empty"),
        ("notitle.md", b"---\nsource: x\n---\nbody\n", "no title"),
        ("latin1.txt", "caf\u00e9 r\u00e9sum\u00e9".encode("latin-1"), "holds no cable"),  # read
        ("binary.txt", b"Title: x\x81\x00\x02", "not UTF-8, Windows-1252 or Latin-1 text"),
        ("page.html", b"<html><body><p>Opening hours: 9-5</p></body></html>", "holds no cable"),
        ("broken.html", b"<table><tr><td><b>Date:</b> 8 Nov", "holds no cable"),
        ("plain.txt", b"just some notes\nwithout any header\n", "holds no cable"),
    ],
)
def test_bad_input_gives_a_reason(name: str, data: bytes, reason: str, lib: Library) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_bytes(data, name=name, aliases=lib.aliases)
    result = lib.ingest_bytes(name, data)
    assert result.status == "failed" and reason in result.reason


def test_a_50_mb_page_is_refused_without_reading_it(tmp_path: Path, lib: Library) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    result = next(iter(lib.ingest_paths([big])))
    assert result.status == "failed" and "50.0 MB" in result.reason


def test_index_catches_up_after_a_crash_between_commits(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "store.db"
    lib = Library.open(db)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the process dies after SQLite committed, before the index did

    monkeypatch.setattr(lib.index, "apply", crash)
    with pytest.raises(KeyboardInterrupt):
        lib.ingest_bytes("fuel.md", FUEL_REQUEST.encode())
    lib.close()
    monkeypatch.undo()
    reopened = Library.open(db)
    assert reopened.index.matches(reopened.store.generation())
    assert "3,000 tons" in reopened.ask("how much diesel fuel did Kim Il Sung want").text


def test_killed_ingest_leaves_the_previous_store_intact(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    before = {c.id for c in Library.open(db).store.all()}
    docs = tmp_path / "many"
    docs.mkdir()
    for n in range(400):
        text = FUEL_REQUEST.replace("990001", str(500000 + n)).replace(
            "3,000 tons", f"{n + 1},000 tons"
        )
        (docs / f"doc{n:03}.md").write_text(text, encoding="utf-8")
    env = dict(os.environ, CABLEBOT_DB=str(db))
    proc = subprocess.Popen([sys.executable, "-m", "knowledge.cli", "ingest", str(docs)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(0.8)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the ingest finished before it could be killed"
    after = Library.open(db)
    ids = {c.id for c in after.store.all()}
    assert before <= ids
    assert len(ids) in (len(before), len(before) + 400)  # all of the run or none of it
    assert after.index.matches(after.store.generation())
    assert after.ask("how many rifles did Mao request").found
