"""How the store keeps a document: passages cut from the record, kept files compressed
against their one document's record, and nothing lost when that document goes."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from knowledge.library import Library
from knowledge.store import (
    SCHEMA_VERSION,
    Store,
    open_record,
    passages_head,
    passages_of,
    read_passages,
    record_blob,
)

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ONE_CABLE = FIXTURES / "shtykov_gromyko.md"  # a Markdown file of one cable


def _files(lib: Library) -> dict[str, tuple[bytes, str | None]]:
    rows = lib.store.conn.execute("SELECT name, data, basis FROM files")
    return {name: (bytes(data), basis) for name, data, basis in rows}


def _make_old(path: Path) -> None:
    """Mark the store as written by an older cablebot: the next open rebuilds it."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '13' WHERE key = 'schema'")
    conn.commit()
    conn.close()


@pytest.fixture
def one(tmp_path: Path) -> tuple[Library, Path]:
    docs = tmp_path / "docs"
    docs.mkdir()
    path = docs / ONE_CABLE.name
    shutil.copy(ONE_CABLE, path)
    lib = Library.open(tmp_path / "store.db")
    [result] = lib.ingest_paths([path])
    assert result.status == "added"
    yield lib, path
    lib.close()


def test_passages_are_cut_from_the_stored_record(qa_lib):
    for cable_id in qa_lib.store.ids():
        stored = qa_lib.store.passages(cable_id)
        assert stored == passages_of(qa_lib.store.get(cable_id))
        places = [(cable_id, 0), (cable_id, len(stored) - 1), (cable_id, len(stored))]
        found = qa_lib.store.passages_at([*places, ("no-such-cable", 0)])
        assert set(found) == set(places[:2])  # places that do not exist are left out
        assert found[(cable_id, 0)] == stored[0]
        assert qa_lib.store.passage(cable_id, len(stored) - 1) == stored[-1]
    assert qa_lib.store.passages("no-such-cable") == []


def test_a_file_of_one_cable_is_kept_against_its_record(one):
    lib, path = one
    [cable_id] = [i for i in lib.store.ids() if lib.store.get(i).file == str(path)]
    data, basis = _files(lib)[str(path)]
    assert basis == cable_id
    original = path.read_bytes()
    assert len(data) < len(zlib.compress(original, 6)) / 2  # the record holds most of it
    with pytest.raises(zlib.error):
        zlib.decompress(data)  # it needs the record to be read


def test_the_seed_page_of_four_cables_is_kept_alone(lib):
    [(data, basis)] = _files(lib).values()
    assert basis is None
    assert zlib.decompress(data).startswith(b"<")


def test_kept_files_survive_an_update_and_a_rebuild(one, tmp_path):
    lib, path = one
    original = path.read_bytes()
    edited = original.replace(b"2,000 tons of fuel", b"2,500 tons of fuel")
    assert edited != original
    path.write_bytes(edited)
    [result] = lib.ingest_paths([path])
    assert result.status == "updated"
    assert _files(lib)[str(path)][1] == result.cables[0]  # kept against the new record
    lib.close()
    _make_old(tmp_path / "store.db")
    again = Library.open(tmp_path / "store.db")
    assert dict(again.store.recovered)[str(path)] == edited
    [cable_id] = [i for i in again.store.ids() if again.store.get(i).file == str(path)]
    assert "2,500 tons" in again.store.get(cable_id).printed
    again.close()


def test_a_file_whose_cable_is_replaced_from_another_file_stays_readable(one, tmp_path):
    lib, path = one
    original = path.read_bytes()
    # The same record ID in another file, with other words: the stored cable is updated
    # from it, and the first file, compressed against the old record, is kept alone.
    other = tmp_path / "docs" / "copy.md"
    other.write_bytes(original.replace(b"30 tanks T-34", b"35 tanks T-34"))
    [result] = lib.ingest_paths([other])
    assert result.status == "updated"
    kept = _files(lib)
    assert kept[str(path)][1] is None and kept[str(other)][1] == result.cables[0]
    lib.close()
    _make_old(tmp_path / "store.db")
    recovered = dict(Store.open(tmp_path / "store.db")[0].recovered)
    assert recovered[str(path)] == original and recovered[str(other)] == other.read_bytes()


def test_an_upload_of_a_stored_cable_under_another_name_is_kept_alone(one):
    lib, path = one
    result = lib.ingest_bytes("renamed.md", path.read_bytes())
    assert result.status == "unchanged"
    data, basis = _files(lib)["renamed.md"]
    assert basis is None and zlib.decompress(data) == path.read_bytes()


def test_removing_the_cable_drops_its_file(one):
    lib, path = one
    [cable_id] = [i for i in lib.store.ids() if lib.store.get(i).file == str(path)]
    lib.remove(cable_id)
    assert str(path) not in _files(lib)


def test_a_store_of_schema_13_is_rebuilt_from_its_kept_files(tmp_path):
    """Schema 13 kept files compressed alone, with passages and events tables."""
    path = tmp_path / "store.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('schema', '13'), ('generation', '7')")
    conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, record BLOB)")
    conn.execute("CREATE TABLE passages (doc_id TEXT, position INTEGER, part TEXT, text TEXT)")
    conn.execute("CREATE TABLE files (name TEXT PRIMARY KEY, data BLOB NOT NULL)")
    conn.execute(
        "INSERT INTO files VALUES (?, ?)",
        (str(ONE_CABLE), zlib.compress(ONE_CABLE.read_bytes())),
    )
    conn.commit()
    conn.close()
    lib = Library.open(path)
    schema = lib.store.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    assert schema == (SCHEMA_VERSION,)
    assert "Shtykov" in {s.sender for s in lib.cables()}
    tables = {r[0] for r in lib.store.conn.execute("SELECT name FROM sqlite_master")}
    assert "passages" not in tables and "events" not in tables
    lib.close()


@pytest.mark.parametrize(
    "paragraph",
    ["plain words", "a text with \x1e, \x1f and \x1d in it", "long " * 5000, "ünïcödé — “quotes”"],
    ids=["plain", "separators", "longer-than-a-step", "non-ascii"],
)
def test_passages_are_read_back_from_the_record_stream(seed_cables, paragraph):
    cable = next(iter(seed_cables.values()))
    cable = replace(cable, paragraphs=(*cable.paragraphs, paragraph))
    blob = record_blob(cable)
    expected = tuple((p.part, p.text) for p in passages_of(cable))
    assert read_passages(passages_head(blob)) == expected
    record, head = open_record(blob)
    assert read_passages(head) == expected
    assert json.loads(record)["paragraphs"][-1] == paragraph
