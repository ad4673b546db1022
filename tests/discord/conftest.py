"""Fixtures that run the real bot, from the real factory, against a fake Discord on loopback.

Every test that starts the bot fails if discord.py or the bot logged an ERROR, if the bot
called a route the fake does not serve, if Discord would have refused something it sent, or
if anything it sent could ping someone.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import discord
import pytest
import yarl
from fake_discord import FakeDiscord
from fake_world import CHANNELS

from bot.app import CableBot, create_bot
from knowledge.config import Config
from knowledge.library import Library

TOKEN = "MTIzNDU2Nzg5MDEy.fake-token.for-cablebot-tests"
WATCHED_LOGGERS = ("discord", "bot", "asyncio")

# Commands flow freely in tests; the cooldown test starts its own bot with a tight rate.
TEST_CONFIG = Config(
    prefix="!", ask_channels=(CHANNELS["questions"],), cooldown_rate=100, cooldown_per=60.0
)


class ErrorLog(logging.Handler):
    """Collects ERROR records; a test that expects one takes it out with `take`."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        taken, self.records = self.records, []
        return taken


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the real seeds/; each test works on its own copy."""
    path = tmp_path_factory.mktemp("seeded") / "store.db"
    Library.open(path).close()
    return path


@pytest.fixture
def library(seeded_store: Path, tmp_path: Path) -> AsyncIterator[Library]:
    for item in seeded_store.parent.iterdir():
        target = tmp_path / item.name
        if item.is_dir():
            shutil.copytree(item, target)
        else:
            shutil.copy2(item, target)
    lib = Library.open(tmp_path / seeded_store.name)
    yield lib
    lib.close()


@pytest.fixture
def error_log() -> AsyncIterator[ErrorLog]:
    handler = ErrorLog()
    loggers = [logging.getLogger(name) for name in WATCHED_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """The fake Discord, with discord.py's two URL seams pointed at it (and restored after)."""
    server = FakeDiscord(TOKEN)
    await server.start()
    monkeypatch.setattr(discord.http.Route, "BASE", f"{server.base}/api/v10")
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket,
        "DEFAULT_GATEWAY",
        yarl.URL(f"ws://127.0.0.1:{server.port}/"),
    )
    yield server
    await server.stop()


StartBot = Callable[..., Awaitable[CableBot]]


@pytest.fixture
async def start_bot(
    fake: FakeDiscord, library: Library, error_log: ErrorLog
) -> AsyncIterator[StartBot]:
    """Start the bot (login, command sync, gateway) and check everything it did at the end."""
    running: list[tuple[CableBot, asyncio.Task]] = []

    async def start(config: Config = TEST_CONFIG, *, sync: bool = True, **options) -> CableBot:
        bot = create_bot(config, library, guild_ready_timeout=0.05, **options)
        await bot.login(TOKEN)
        if sync:
            await bot.sync_commands()
        connection = asyncio.create_task(bot.connect(reconnect=False))
        running.append((bot, connection))
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait(
            {ready, connection}, timeout=5, return_when=asyncio.FIRST_COMPLETED
        )
        if connection in done:  # a KeyError in a parser ends connect() and READY never comes
            ready.cancel()
            connection.result()
            raise AssertionError("the gateway connection closed before READY")
        if not done:
            raise AssertionError("no READY within 5 seconds")
        return bot

    yield start

    for bot, connection in running:
        await bot.close()
        await asyncio.wait_for(connection, 5)
    problems = fake.problems()
    problems += [f"logged {r.name}: {r.getMessage()}" for r in error_log.records]
    assert not problems, "\n".join(problems)


@pytest.fixture
async def bot(start_bot: StartBot) -> CableBot:
    return await start_bot()
