"""Each Discord server's own settings and quiz scores, in a SQLite file beside the store.

Why a separate file (`store.db.server` beside `store.db`): the store is rebuilt from the
files it keeps whenever its schema version changes, and a rebuild deletes store.db; settings
and scores are not rebuilt from anything, so they live apart and survive it. The tables are
created with CREATE TABLE IF NOT EXISTS on open.

Settings fall back to config.yaml's values (knowledge.config.Config) until a server sets
its own; `set` parses and checks a value typed by a moderator and raises SettingError (a
CablebotError with a one-sentence message) for a bad one.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass, fields, replace
from pathlib import Path

from knowledge.config import Config
from knowledge.errors import CablebotError, StoreError

SCHEMA = """
CREATE TABLE IF NOT EXISTS server_settings (
    guild_id INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (guild_id, name)
);
CREATE TABLE IF NOT EXISTS quiz_scores (
    guild_id INTEGER NOT NULL, user_id INTEGER NOT NULL, name TEXT NOT NULL,
    points INTEGER NOT NULL DEFAULT 0, answered INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, user_id)
);
"""

LIMITS = {
    "cooldown_rate": (1, 100),  # uses ...
    "cooldown_per": (1, 3600),  # ... per this many seconds
    "quiz_questions": (1, 20),
    "quiz_seconds": (5, 300),
}
MAX_ASK_CHANNELS = 25
NONE_WORDS = {"none", "off", "-", "nothing", "default"}
TRUE_WORDS = {"yes", "true", "on", "1"}
FALSE_WORDS = {"no", "false", "off", "0"}


class SettingError(CablebotError):
    """A setting name or value a moderator typed that cannot be used; says why."""


@dataclass(frozen=True)
class ServerSettings:
    """One server's settings, as the bot applies them.

    ask_channels: channel ids whose every message is a question; cooldown_rate uses per
    cooldown_per seconds for each member and command; ingest_role: role name allowed to
    /ingest besides Manage Server (None: nobody else); quiz_questions and quiz_seconds: a
    quiz's defaults; ephemeral_misses: whether a "the cables do not say" answer is seen
    only by the asker.
    """

    ask_channels: tuple[int, ...] = ()
    cooldown_rate: int = 5
    cooldown_per: float = 30.0
    ingest_role: str | None = None
    quiz_questions: int = 5
    quiz_seconds: int = 30
    ephemeral_misses: bool = True

    @classmethod
    def defaults(cls, config: Config) -> ServerSettings:
        """The settings of a server that has set none: config.yaml's."""
        return cls(**{f.name: getattr(config, f.name) for f in fields(cls)})

    def shown(self, name: str) -> str:
        """A setting's value as /settings show prints it."""
        value = getattr(self, name)
        if name == "ask_channels":
            return " ".join(f"<#{c}>" for c in value) or "none"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if value is None:
            return "none"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)


SETTING_NAMES = tuple(f.name for f in fields(ServerSettings))


def _check_name(name: str) -> None:
    if name not in SETTING_NAMES:
        raise SettingError(
            f"There is no setting {name!r}; the settings are {', '.join(SETTING_NAMES)}."
        )


def parse_setting(name: str, text: str) -> object:
    """The value of setting name read from what a moderator typed; SettingError if unusable."""
    _check_name(name)
    text = " ".join(text.split())
    if name == "ask_channels":
        if text.lower() in NONE_WORDS:
            return ()
        ids = re.findall(r"<#(\d{15,21})>|(\d{15,21})", text)
        rest = re.sub(r"<#\d{15,21}>|\d{15,21}|[,\s]", "", text)
        if rest or not ids:
            raise SettingError(
                "ask_channels takes channel mentions or ids (#questions 1234...), or none."
            )
        channels = tuple(dict.fromkeys(int(a or b) for a, b in ids))
        if len(channels) > MAX_ASK_CHANNELS:
            raise SettingError(f"At most {MAX_ASK_CHANNELS} ask channels.")
        return channels
    if name == "ingest_role":
        if text.lower() in NONE_WORDS or not text:
            return None
        if len(text) > 100:
            raise SettingError("A role name has at most 100 characters.")
        return text.removeprefix("@")
    if name == "ephemeral_misses":
        if text.lower() in TRUE_WORDS:
            return True
        if text.lower() in FALSE_WORDS:
            return False
        raise SettingError("ephemeral_misses is yes or no.")
    low, high = LIMITS[name]
    try:
        number = float(text) if name == "cooldown_per" else int(text)
    except ValueError:
        raise SettingError(f"{name} is a whole number from {low} to {high}.") from None
    if not low <= number <= high:
        raise SettingError(f"{name} must be from {low} to {high}, not {text}.")
    return number


def _encode(value: object) -> str:
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _decode(name: str, text: str) -> object:
    kind = next(f.type for f in fields(ServerSettings) if f.name == name)
    if name == "ask_channels":
        return tuple(int(c) for c in text.split(",") if c)
    if name == "ingest_role":
        return text or None
    if kind == "bool":
        return text == "1"
    return float(text) if name == "cooldown_per" else int(text)


@dataclass(frozen=True)
class Score:
    """One member's quiz record in one server: points (right answers) of answered questions."""

    user_id: int
    name: str
    points: int
    answered: int


def server_store_path(store_path: Path) -> Path:
    """Where the server file lives: beside the store, 'store.db.server' for 'store.db'."""
    return store_path.with_name(store_path.name + ".server")


class ServerStore:
    """Per-server settings and quiz scores; every write is committed at once."""

    def __init__(self, conn: sqlite3.Connection, config: Config, path: Path | None) -> None:
        self.conn = conn
        self.config = config
        self.path = path
        self._lock = threading.Lock()
        self._cache: dict[int, ServerSettings] = {}

    @classmethod
    def open(cls, path: Path | None, config: Config | None = None) -> ServerStore:
        """Open (or create) the server file at path; in memory when path is None."""
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                str(path) if path else ":memory:", isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode = WAL" if path else "PRAGMA journal_mode = MEMORY")
            conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"The server settings file {path} is damaged ({exc}); move it aside and "
                "cablebot starts a new one (settings and quiz scores are then lost)."
            ) from None
        except OSError as exc:
            raise StoreError(
                f"The server settings file {path} cannot be created: {exc.strerror}."
            ) from None
        return cls(conn, config or Config(), path)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    # -- settings ---------------------------------------------------------------------------
    def settings(self, guild_id: int | None) -> ServerSettings:
        """A server's settings (config.yaml's defaults where it set none; those for DMs)."""
        defaults = ServerSettings.defaults(self.config)
        if guild_id is None:
            return defaults
        cached = self._cache.get(guild_id)
        if cached is not None:
            return cached
        with self._lock:
            rows = self.conn.execute(
                "SELECT name, value FROM server_settings WHERE guild_id = ?", (guild_id,)
            ).fetchall()
        stored = {n: _decode(n, v) for n, v in rows if n in SETTING_NAMES}
        settings = replace(defaults, **stored)
        self._cache[guild_id] = settings
        return settings

    def set(self, guild_id: int, name: str, text: str) -> ServerSettings:
        """Set one setting from typed text; returns the server's settings with it applied."""
        value = parse_setting(name, text)
        with self._lock:
            self.conn.execute(
                "INSERT OR REPLACE INTO server_settings VALUES (?, ?, ?)",
                (guild_id, name, _encode(value)),
            )
        self._cache.pop(guild_id, None)
        return self.settings(guild_id)

    def reset(self, guild_id: int, name: str) -> ServerSettings:
        """Drop a server's own value of a setting: config.yaml's applies again."""
        _check_name(name)
        with self._lock:
            self.conn.execute(
                "DELETE FROM server_settings WHERE guild_id = ? AND name = ?", (guild_id, name)
            )
        self._cache.pop(guild_id, None)
        return self.settings(guild_id)

    # -- quiz scores ------------------------------------------------------------------------
    def record_answer(self, guild_id: int, user_id: int, name: str, *, right: bool) -> None:
        """Count one answered quiz question for a member, and a point if it was right."""
        with self._lock:
            self.conn.execute(
                "INSERT INTO quiz_scores VALUES (?, ?, ?, ?, 1) ON CONFLICT (guild_id, user_id) "
                "DO UPDATE SET name = excluded.name, points = points + excluded.points, "
                "answered = answered + 1",
                (guild_id, user_id, name, int(right)),
            )

    def leaderboard(self, guild_id: int, *, limit: int = 10) -> list[Score]:
        """The server's best quiz players: most points, then fewest questions answered."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT user_id, name, points, answered FROM quiz_scores WHERE guild_id = ?"
                " ORDER BY points DESC, answered ASC, name LIMIT ?",
                (guild_id, limit),
            ).fetchall()
        return [Score(*row) for row in rows]
