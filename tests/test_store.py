"""The SQLite store and its index: built from the seeds, idempotent, robust, and searchable."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from knowledge.config import Config
from knowledge.errors import CableNotFound, StoreError
from knowledge.index import SearchIndex
from knowledge.library import Library, default_db_path
from knowledge.store import SCHEMA_VERSION

SEED_IDS = {
    "commentary-kwang-on-yoo",
    "1950-11-08-mao-zedong-to-stalin",
    "1950-11-17-zhou-enlai-to-stalin",
    "1950-11-17-stalin-to-zhou-enlai",
}
MAO = "1950-11-08-mao-zedong-to-stalin"
ZHOU = "1950-11-17-zhou-enlai-to-stalin"
REPLY = "1950-11-17-stalin-to-zhou-enlai"
TABLES = ("documents", "items", "people")  # a document's rows; passages are in its record

EXTRA_PAGE = """<table><tr><td colspan="2"><b>Ciphered telegram, Kim Il Sung to Fyn Si</b></td></tr>
<tr><td><b>Date:</b><br> 30 November 1950</td><td><b>Source:</b><br><i>APRF, Fond 45, Opis 1, Delo 347, Listy 5-6</i></td></tr>
</table><br>CIPHERED TELEGRAM No. 4411<br><br>To Comrade FYN SI<br><br>We ask you to send us<br>{n} trucks
as soon as possible.<br><br>KIM IL SUNG"""


def counts(lib: Library) -> dict[str, int]:
    return {t: lib.store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def open_lib(path: Path) -> Library:
    return Library.open(path)


# -- building ------------------------------------------------------------------------------
def test_fresh_store_is_built_from_the_seeds(lib, seed_cables):
    assert set(lib.store.ids()) == SEED_IDS
    assert lib.store.count() == 4
    for cable_id, parsed in seed_cables.items():
        assert lib.store.get(cable_id) == parsed  # the store keeps every field
    assert lib.index.matches(lib.store.generation())
    assert (lib.index.path / "GENERATION").exists()
    c = counts(lib)
    assert c["items"] == 11 + 2 + 3
    assert c["people"] > 4
    assert sum(len(lib.store.passages(i)) for i in SEED_IDS) > 4
    assert sum(len(lib.store.get(i).events) for i in SEED_IDS) > 4


def test_in_memory_store(mem_lib):
    assert mem_lib.store.path is None and mem_lib.index.path is None
    assert set(mem_lib.store.ids()) == SEED_IDS
    assert mem_lib.cable("26637").id == MAO


def test_reopening_is_idempotent(tmp_path):
    path = tmp_path / "store.db"
    first = open_lib(path)
    ids, before, generation = first.store.ids(), counts(first), first.store.generation()
    first.close()
    for _ in range(2):
        again = open_lib(path)
        assert again.store.ids() == ids
        assert counts(again) == before
        assert again.store.generation() == generation  # nothing was rewritten
        again.close()


def test_ingesting_the_seed_again_changes_nothing(lib, seed_file):
    before, generation = counts(lib), lib.store.generation()
    results = list(lib.ingest_paths([seed_file]))
    assert [(r.file, r.status) for r in results] == [(str(seed_file), "unchanged")]
    assert set(results[0].cables) == SEED_IDS
    assert counts(lib) == before
    assert lib.store.generation() == generation


def test_ingesting_the_same_upload_twice(lib):
    data = EXTRA_PAGE.format(n=300).encode()
    first = lib.ingest_bytes("kim.html", data)
    second = lib.ingest_bytes("kim.html", data)
    assert (first.status, second.status) == ("added", "unchanged")
    assert first.cables == second.cables == ("1950-11-30-kim-il-sung-to-stalin",)
    assert lib.store.count() == 5


def test_changed_file_is_updated_not_duplicated(lib, tmp_path):
    path = tmp_path / "kim.html"
    path.write_text(EXTRA_PAGE.format(n=300), encoding="utf-8")
    [added] = lib.ingest_paths([path])
    path.write_text(EXTRA_PAGE.format(n=400), encoding="utf-8")
    [updated] = lib.ingest_paths([path])
    assert (added.status, updated.status) == ("added", "updated")
    assert lib.store.count() == 5
    cable = lib.cable("4411")
    assert [i.quantity for i in cable.items] == [400]
    assert lib.index.matches(lib.store.generation())


def test_new_cable_is_found_by_the_index(lib):
    generation = lib.store.generation()
    lib.ingest_bytes("kim.html", EXTRA_PAGE.format(n=300).encode())
    assert int(lib.store.generation()) == int(generation) + 1
    hits = lib.index.search(["trucks"], kinds=("item",))
    assert "1950-11-30-kim-il-sung-to-stalin" in {h.cable for h in hits}
    assert lib.cable("4411").id == "1950-11-30-kim-il-sung-to-stalin"


def test_a_failing_file_is_reported_and_the_rest_is_added(lib, tmp_path):
    good = tmp_path / "kim.html"
    good.write_text(EXTRA_PAGE.format(n=300), encoding="utf-8")
    bad = tmp_path / "empty.html"
    bad.write_bytes(b"")
    results = {Path(r.file).name: r for r in lib.ingest_paths([bad, good])}
    assert results["empty.html"].status == "failed"
    assert "empty" in results["empty.html"].reason
    assert results["kim.html"].status == "added"
    assert lib.store.count() == 5


def test_upload_with_an_unknown_suffix_is_refused(lib):
    result = lib.ingest_bytes("cables.pdf", b"%PDF-1.4")
    assert result.status == "failed"
    assert ".html, .md, .txt and .xml" in result.reason
    assert lib.store.count() == 4


# -- older, damaged and mismatched files -----------------------------------------------------
def test_store_from_an_older_schema_is_rebuilt(tmp_path):
    path = tmp_path / "store.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('schema', '1')")
    conn.execute("CREATE TABLE documents (id TEXT, body TEXT)")  # an older, different shape
    conn.execute("INSERT INTO documents VALUES ('old-cable', 'old text')")
    conn.commit()
    conn.close()
    lib = Library.open(path)
    assert set(lib.store.ids()) == SEED_IDS
    row = lib.store.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    assert row[0] == SCHEMA_VERSION
    assert lib.cable("26998").id == ZHOU
    lib.close()


def test_store_without_a_meta_table_is_rebuilt(tmp_path):
    path = tmp_path / "store.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.commit()
    conn.close()
    lib = Library.open(path)
    assert set(lib.store.ids()) == SEED_IDS
    lib.close()


@pytest.mark.parametrize(
    "content",
    [
        random.Random(1950).randbytes(8192),
        b"SQLite format 3\x00" + bytes(range(256)) * 16,
        b"just some text, not a database\n" * 10,
    ],
    ids=["random-bytes", "bad-pages", "text"],
)
def test_damaged_store_raises_store_error_and_is_kept(tmp_path, content):
    path = tmp_path / "store.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Library.open(path)
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message
    assert "Traceback" not in message
    assert path.read_bytes() == content  # someone's documents may be in it: never deleted


def test_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "store.db"
    path.write_bytes(b"")
    lib = Library.open(path)
    assert set(lib.store.ids()) == SEED_IDS
    lib.close()


def _empty_the_index(path: Path, generation: str) -> None:
    """Leave an index with no documents stamped with `generation`."""
    index = SearchIndex(path)
    index.rebuild([], generation)


def _index_answers(lib: Library) -> bool:
    return bool(lib.index.search(["rifles"], kinds=("item",)))


def test_index_rebuilt_when_its_stamp_is_missing(tmp_path):
    path = tmp_path / "store.db"
    lib = open_lib(path)
    generation = lib.store.generation()
    lib.close()
    index_dir = path.with_name("store.db.index")
    _empty_the_index(index_dir, generation)
    (index_dir / "GENERATION").unlink()
    lib = open_lib(path)
    assert _index_answers(lib)
    assert lib.index.matches(generation)
    assert lib.ask("how many TNT tons were on Mao's list").found
    lib.close()


def test_index_rebuilt_when_its_stamp_is_wrong(tmp_path):
    path = tmp_path / "store.db"
    lib = open_lib(path)
    generation = lib.store.generation()
    lib.close()
    index_dir = path.with_name("store.db.index")
    _empty_the_index(index_dir, "999")
    assert (index_dir / "GENERATION").read_text().strip().endswith(":999")
    lib = open_lib(path)
    assert _index_answers(lib)
    assert lib.index.matches(generation)
    lib.close()


def test_index_rebuilt_when_its_folder_is_gone(tmp_path):
    path = tmp_path / "store.db"
    open_lib(path).close()
    # moved away rather than deleted: tantivy may still be tidying files in it
    path.with_name("store.db.index").rename(tmp_path / "elsewhere")
    lib = open_lib(path)
    assert _index_answers(lib)
    lib.close()


def test_index_left_alone_when_its_stamp_matches(tmp_path):
    path = tmp_path / "store.db"
    lib = open_lib(path)
    generation = lib.store.generation()
    lib.close()
    # a matching stamp is trusted: an emptied index stamped with the right generation stays empty
    _empty_the_index(path.with_name("store.db.index"), generation)
    lib = open_lib(path)
    assert not _index_answers(lib)
    lib.close()


# -- remove ----------------------------------------------------------------------------------
def test_remove_takes_the_cable_out_everywhere(tmp_path):
    path = tmp_path / "store.db"
    lib = open_lib(path)
    generation = lib.store.generation()
    removed = lib.remove("26998")
    assert removed.id == ZHOU
    assert ZHOU not in lib.store.ids()
    for table in TABLES[1:]:
        n = lib.store.conn.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", (ZHOU,))
        assert n.fetchone()[0] == 0, table
    assert int(lib.store.generation()) == int(generation) + 1
    assert lib.index.matches(lib.store.generation())
    assert ZHOU not in {
        h.cable for h in lib.index.search(["automobiles"], kinds=("item", "passage", "cable"))
    }
    with pytest.raises(CableNotFound):
        lib.cable("26998")
    lib.close()
    again = open_lib(path)  # stays removed; the seeds are not read again
    assert set(again.store.ids()) == SEED_IDS - {ZHOU}
    answer = again.ask("how many trucks did Zhou Enlai want")
    assert ZHOU not in {c.cable for c in answer.citations}
    again.close()


def test_removing_an_unknown_cable_changes_nothing(lib):
    before, generation = counts(lib), lib.store.generation()
    with pytest.raises(CableNotFound):
        lib.remove("zzqxv wqqz")
    assert counts(lib) == before and lib.store.generation() == generation


@pytest.mark.parametrize("ref", ["no such cable zzqx", "a"])
def test_remove_does_not_delete_a_loose_match(lib, ref):
    before = counts(lib)
    with pytest.raises(CableNotFound):
        lib.remove(ref)
    assert counts(lib) == before


# -- lookups (read-only: one shared library) -------------------------------------------------
@pytest.mark.parametrize(
    ("ref", "cable_id"),
    [
        (MAO, MAO),
        ("26637", MAO),
        ("26998", ZHOU),
        ("5708", REPLY),
        ("2784", MAO),
        ("No. 2784", MAO),
        ("2933", ZHOU),
        ("zhou automobiles", ZHOU),
        ("Zhou Enlai to Filippov", ZHOU),
        ("reply via zakharov", REPLY),
        ("mao rifles", MAO),
        ("commentary", "commentary-kwang-on-yoo"),
    ],
)
def test_lookup(qa_lib, ref, cable_id):
    assert qa_lib.cable(ref).id == cable_id


@pytest.mark.parametrize("ref", ["", "   ", "zzqxv wqqz", "99999"])
def test_lookup_of_nothing_raises_cable_not_found(qa_lib, ref):
    with pytest.raises(CableNotFound) as info:
        qa_lib.cable(ref)
    assert "No cable matches" in str(info.value)


def test_passages_are_numbered_from_the_title(qa_lib):
    passages = qa_lib.store.passages(MAO)
    assert [p.position for p in passages] == list(range(len(passages)))
    assert (passages[0].part, passages[0].text) == (
        "title",
        "Ciphered telegram, Mao Zedong to Filippov (Stalin)",
    )
    items = [p.text for p in passages if p.part == "item"]
    assert len(items) == 11 and items[0] == "1. Soviet rifles 140,000."
    assert "No. 2784\n7.11.50" in passages[-1].text


def test_people_table_holds_roles(qa_lib):
    rows = set(
        qa_lib.store.conn.execute("SELECT name, role FROM people WHERE doc_id = ?", (REPLY,))
    )
    assert {("Stalin", "sender"), ("Zhou Enlai", "recipient"), ("Zakharov", "via")} <= rows
    copies = {
        n
        for n, r in qa_lib.store.conn.execute(
            "SELECT name, role FROM people WHERE doc_id = ?", (MAO,)
        )
        if r == "copy"
    }
    assert {"Molotov", "Khrushchev", "Vasilevsky", "Shtemenko"} <= copies


def test_cables_list_and_items_and_timeline(qa_lib):
    summaries = {s.id: s for s in qa_lib.cables()}
    assert set(summaries) == SEED_IDS
    assert (summaries[MAO].date, summaries[MAO].telegram_number) == ("8 November 1950", "26637")
    assert summaries["commentary-kwang-on-yoo"].kind == "commentary"
    assert len(qa_lib.items()) == 16
    assert [r.item.quantity for r in qa_lib.items("5708")] == [140, 355, 1000]
    starts = [e.event.date.start for e in qa_lib.timeline()]
    assert starts == sorted(starts)  # in time order


# -- where the store lives -------------------------------------------------------------------
def test_store_location_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CABLEBOT_DB", raising=False)
    assert default_db_path(Config()) == tmp_path / "xdg" / "cablebot" / "store.db"
    assert default_db_path(Config(store=str(tmp_path / "conf.db"))) == tmp_path / "conf.db"
    monkeypatch.setenv("CABLEBOT_DB", str(tmp_path / "env.db"))
    assert default_db_path(Config(store=str(tmp_path / "conf.db"))) == tmp_path / "env.db"
