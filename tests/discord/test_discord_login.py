"""Logging in, intents, command sync, and loading the extensions."""

from __future__ import annotations

import asyncio

import discord
from fake_world import APPLICATION_ID, GUILD_ID, MESSAGE_CONTENT_INTENT

from bot.app import EXTENSIONS, create_bot
from knowledge.config import Config

COMMANDS = {"ask", "cables", "dates", "help", "ingest", "items", "quote", "source", "quiz", "thread", "timeline"}
# Application commands only: a slash group and a message context menu.
APP_COMMANDS = COMMANDS | {"settings", "Find cables mentioned"}
STRING, INTEGER, ATTACHMENT = 3, 4, 11


def options_of(command: dict) -> dict[str, dict]:
    return {o["name"]: o for o in command.get("options", [])}


async def test_extensions_load_without_connecting(library):
    bot = create_bot(Config(), library)
    async with bot:  # what login does first (an AutoShardedBot sets up its event queue)
        await bot.setup_hook()
        assert set(bot.extensions) == set(EXTENSIONS)
        assert {c.name for c in bot.commands} == COMMANDS
        assert {c.name for c in bot.tree.get_commands()} == APP_COMMANDS
        menus = bot.tree.get_commands(type=discord.AppCommandType.message)
        assert [m.name for m in menus] == ["Find cables mentioned"]
        assert bot.help_command is None  # replaced by the help cog


async def test_login_identifies_and_becomes_ready(bot, fake):
    assert bot.is_ready()
    assert bot.user.id == int(fake.bot_user["id"])
    assert fake.identify["token"] == fake.token
    api_calls = [path for _, path in fake.calls if path.startswith("/api/")]
    assert api_calls[:3] == [
        "/api/v10/users/@me",
        "/api/v10/oauth2/applications/@me",
        f"/api/v10/applications/{APPLICATION_ID}/commands",
    ]
    assert bot.get_guild(GUILD_ID) is not None


async def test_content_intent_only_with_ask_channels(start_bot, fake):
    await start_bot(Config(ask_channels=()))
    assert not fake.intents & MESSAGE_CONTENT_INTENT


async def test_content_intent_requested_for_ask_channels(bot, fake):
    assert fake.intents & MESSAGE_CONTENT_INTENT


async def test_sync_puts_every_command_with_its_options(bot, fake):
    synced = {c["name"]: c for c in fake.global_commands}
    assert set(synced) == APP_COMMANDS
    for command in synced.values():
        if command.get("type", 1) == 1:
            assert command["description"] and command["description"] != "…"

    question = options_of(synced["ask"])["question"]
    assert question["type"] == STRING and question["required"]

    quote = options_of(synced["quote"])
    assert (
        quote["cable"]["type"] == STRING
        and quote["cable"]["required"]
        and quote["cable"]["autocomplete"]
    )
    assert quote["part"]["type"] == INTEGER and not quote["part"].get("required")
    assert quote["part"]["min_value"] == 1

    for name in ("items", "dates"):
        cable = options_of(synced[name])["cable"]
        assert not cable.get("required") and cable["autocomplete"]
    assert options_of(synced["source"])["cable"]["required"]
    assert options_of(synced["ingest"])["document"]["type"] == ATTACHMENT
    assert options_of(synced["cables"]) == {}


async def test_sync_to_one_guild(start_bot, fake):
    bot = await start_bot(sync=False)
    assert not any(method == "PUT" for method, _ in fake.calls)  # a plain start publishes nothing
    await bot.sync_commands(GUILD_ID)
    assert {c["name"] for c in fake.guild_commands[GUILD_ID]} == APP_COMMANDS
    assert fake.global_commands == []
    reply = await fake.slash_reply("cables")
    assert "26637" in reply.text()


async def test_reconnect_resumes_against_the_fake(bot, fake):
    await fake.request_reconnect()
    async with asyncio.timeout(5):
        while not fake.resumes:
            await asyncio.sleep(0.01)
    assert fake.resumes[0]["seq"] >= 2  # it resumed where it was, at the same fake address
    assert (
        "140,000"
        in (await fake.slash_reply("ask", question="how many rifles did Mao request")).text()
    )
