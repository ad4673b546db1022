"""`cablebot doctor`: check a set-up before running the bot for months.

Checks, each giving one line: the Discord token (present; accepted by Discord), the
intents the configuration needs (message content, when ask channels or typed quiz answers
need it, must be enabled for the application), the store (opens read-only, passes SQLite's
integrity check, written by this version), its search index (in step with the store), and
the server settings file. Nothing is written; the token is never printed.

Discord is asked over plain HTTPS (urllib: knowledge never imports discord) at
$CABLEBOT_DISCORD_API or https://discord.com/api/v10; `offline=True` skips those calls.
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from knowledge.config import Config

DISCORD_API = "https://discord.com/api/v10"
# Application flags that say the message content intent is enabled (verified or not).
GATEWAY_MESSAGE_CONTENT = 1 << 18
GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19
TIMEOUT = 10.0  # seconds for each Discord call


@dataclass(frozen=True)
class Check:
    """One finding: status is 'ok', 'warn' or 'fail'; message is one sentence."""

    name: str
    status: str
    message: str

    def line(self) -> str:
        return f"{self.status:<4}  {self.name}: {self.message}"


def _get(api: str, path: str, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        api.rstrip("/") + path,
        headers={"Authorization": f"Bot {token}", "User-Agent": "cablebot-doctor"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def check_discord(config: Config, *, token: str | None, api: str, offline: bool) -> list[Check]:
    """The token and the intents the configuration needs."""
    needs_content = (
        config.message_content if config.message_content is not None else bool(config.ask_channels)
    )
    if not token:
        return [Check("token", "fail", "DISCORD_TOKEN is not set; the bot cannot log in.")]
    if offline:
        return [Check("token", "ok", "DISCORD_TOKEN is set (not checked with Discord: offline).")]
    try:
        status, _ = _get(api, "/users/@me", token)
        if status == 401:
            return [
                Check(
                    "token",
                    "fail",
                    "Discord refused DISCORD_TOKEN; copy it again from the developer portal.",
                )
            ]
        if status != 200:
            return [
                Check("token", "fail", f"Discord answered {status} when the token was checked.")
            ]
        status, app = _get(api, "/oauth2/applications/@me", token)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return [
            Check("token", "warn", f"Discord could not be reached to check the token ({reason}).")
        ]
    checks = [Check("token", "ok", "Discord accepts DISCORD_TOKEN.")]
    flags = int(app.get("flags") or 0) if status == 200 else 0
    has_content = bool(flags & (GATEWAY_MESSAGE_CONTENT | GATEWAY_MESSAGE_CONTENT_LIMITED))
    if needs_content and not has_content:
        checks.append(
            Check(
                "intents",
                "fail",
                "the configuration needs the message content intent (ask_channels or "
                "message_content), but it is not enabled for the application in the "
                "developer portal.",
            )
        )
    elif needs_content:
        checks.append(
            Check("intents", "ok", "message content intent enabled, as the configuration needs.")
        )
    else:
        checks.append(
            Check(
                "intents",
                "ok",
                "no privileged intent needed (no ask channels; quiz answers by mention or button).",
            )
        )
    return checks


def check_store(path: Path) -> list[Check]:
    """The store opens read-only, is intact and current, and its index is in step with it."""
    from knowledge.index import INDEX_VERSION
    from knowledge.store import SCHEMA_VERSION

    if not path.exists():
        return [
            Check(
                "store",
                "warn",
                f"{path} does not exist yet; the first run builds it from the seeds.",
            )
        ]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            schema = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            generation = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            count = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [
            Check(
                "store",
                "fail",
                f"{path} is damaged ({exc}); move it aside and the next run builds a new one from the seeds.",
            )
        ]
    if integrity != "ok":
        return [Check("store", "fail", f"{path} fails SQLite's integrity check ({integrity}).")]
    if not schema or schema[0] != SCHEMA_VERSION:
        found = schema[0] if schema else "none"
        checks = [
            Check(
                "store",
                "warn",
                f"{path} has schema {found}, not {SCHEMA_VERSION}; the next run rebuilds it from its kept files.",
            )
        ]
    else:
        checks = [Check("store", "ok", f"{path}: {count:,} documents, intact.")]
    index = path.with_name(path.name + ".index")
    stamp_file = index / "GENERATION"
    try:
        stamp = stamp_file.read_text().strip()
    except OSError:
        stamp = None
    expected = f"{INDEX_VERSION}:{generation[0]}" if generation else None
    if stamp is None:
        checks.append(
            Check("index", "warn", f"{index} is missing; the next run rebuilds it from the store.")
        )
    elif stamp != expected:
        checks.append(
            Check(
                "index", "warn", f"{index} is out of step with the store; the next run rebuilds it."
            )
        )
    else:
        checks.append(Check("index", "ok", f"{index} is in step with the store."))
    return checks


def check_server_file(path: Path) -> list[Check]:
    """The per-server settings and scores file beside the store."""
    if not path.exists():
        return [
            Check(
                "settings", "ok", f"{path} does not exist yet; servers use config.yaml's settings."
            )
        ]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [
            Check(
                "settings",
                "fail",
                f"{path} is damaged ({exc}); move it aside (server settings and quiz scores are then lost).",
            )
        ]
    if integrity != "ok":
        return [Check("settings", "fail", f"{path} fails SQLite's integrity check ({integrity}).")]
    return [Check("settings", "ok", f"{path} is intact.")]


def diagnose(config: Config, store_path: Path, *, offline: bool = False) -> list[Check]:
    """Every check, in order: token, intents, store, index, server settings."""
    from knowledge.server_settings import server_store_path

    token = os.environ.get("DISCORD_TOKEN", "").strip()
    api = os.environ.get("CABLEBOT_DISCORD_API") or DISCORD_API
    return [
        *check_discord(config, token=token, api=api, offline=offline),
        *check_store(store_path),
        *check_server_file(server_store_path(store_path)),
    ]
