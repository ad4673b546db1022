"""Per-server settings and quiz scores: defaults from the config, checked values, kept apart."""

from __future__ import annotations

import sqlite3

import pytest

from knowledge.config import Config
from knowledge.library import Library
from knowledge.server_settings import (
    ServerSettings,
    ServerStore,
    SettingError,
    parse_setting,
    server_store_path,
)
from knowledge.store import SCHEMA_VERSION

GUILD = 900000000000000001
OTHER = 900000000000000099


@pytest.fixture
def servers():
    store = ServerStore.open(
        None, Config(cooldown_rate=7, quiz_seconds=45, ingest_role="Archivist")
    )
    yield store
    store.close()


def test_defaults_come_from_the_config(servers):
    settings = servers.settings(GUILD)
    assert settings == ServerSettings(
        cooldown_rate=7, quiz_seconds=45, ingest_role="Archivist", cooldown_per=30.0
    )
    assert servers.settings(None) == settings  # direct messages: the config's


def test_a_setting_applies_to_its_server_only(servers):
    after = servers.set(GUILD, "quiz_seconds", "20")
    assert after.quiz_seconds == 20 and servers.settings(GUILD).quiz_seconds == 20
    assert servers.settings(OTHER).quiz_seconds == 45
    servers.set(GUILD, "ask_channels", "<#900000000000000012>, 900000000000000013")
    assert servers.settings(GUILD).ask_channels == (900000000000000012, 900000000000000013)
    assert (
        servers.settings(GUILD).shown("ask_channels")
        == "<#900000000000000012> <#900000000000000013>"
    )
    servers.set(GUILD, "ingest_role", "none")
    assert servers.settings(GUILD).ingest_role is None
    servers.set(GUILD, "ephemeral_misses", "no")
    assert servers.settings(GUILD).ephemeral_misses is False
    assert servers.reset(GUILD, "quiz_seconds").quiz_seconds == 45


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("colour", "red", "There is no setting 'colour'"),
        ("quiz_seconds", "2", "quiz_seconds must be from 5 to 300, not 2"),
        ("quiz_questions", "five", "quiz_questions is a whole number from 1 to 20"),
        ("ask_channels", "#general", "ask_channels takes channel mentions or ids"),
        ("ephemeral_misses", "maybe", "ephemeral_misses is yes or no"),
        ("cooldown_rate", "0", "cooldown_rate must be from 1 to 100"),
    ],
)
def test_bad_values_are_refused_with_a_sentence(servers, name, text, message):
    with pytest.raises(SettingError, match=message):
        servers.set(GUILD, name, text)
    assert servers.settings(GUILD) == servers.settings(OTHER)  # nothing changed


def test_values_read_as_moderators_type_them():
    assert parse_setting("cooldown_per", "12.5") == 12.5
    assert parse_setting("ingest_role", "@Archivist") == "Archivist"
    assert parse_setting("ask_channels", "none") == ()
    assert parse_setting("ephemeral_misses", "ON") is True


def test_scores_add_up_and_rank(servers):
    servers.record_answer(GUILD, 1, "alice", right=True)
    servers.record_answer(GUILD, 1, "alice", right=False)
    servers.record_answer(GUILD, 2, "bob", right=True)
    servers.record_answer(OTHER, 3, "carol", right=True)
    board = servers.leaderboard(GUILD)
    assert [(s.name, s.points, s.answered) for s in board] == [("bob", 1, 1), ("alice", 1, 2)]


def test_settings_and_scores_survive_a_store_rebuild(tmp_path):
    db = tmp_path / "store.db"
    Library.open(db).close()
    servers = ServerStore.open(server_store_path(db))
    servers.set(GUILD, "quiz_questions", "3")
    servers.record_answer(GUILD, 1, "alice", right=True)
    servers.close()
    # An older schema version makes the next open rebuild store.db from its kept files.
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    lib = Library.open(db)
    schema = lib.store.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    assert schema == (SCHEMA_VERSION,) and lib.store.count() == 4  # rebuilt from its files
    lib.close()
    servers = ServerStore.open(server_store_path(db))
    assert servers.settings(GUILD).quiz_questions == 3
    assert [s.points for s in servers.leaderboard(GUILD)] == [1]
    servers.close()


def test_a_damaged_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "store.db.server"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(Exception, match="server settings file .* is damaged") as info:
        ServerStore.open(path)
    assert "\n" not in str(info.value)
