"""Run the bot until Ctrl-C: `cablebot run [--sync] [--guild ID]` calls main()."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys

import discord
import yarl

from bot.app import create_bot
from knowledge.config import Config
from knowledge.errors import CablebotError
from knowledge.library import Library

log = logging.getLogger(__name__)

NO_TOKEN = "Set the DISCORD_TOKEN environment variable to your bot's token to run cablebot."
BAD_TOKEN = "Discord refused the token in DISCORD_TOKEN; copy it again from the developer portal."
NO_INTENT = (
    "Discord refused the message content intent: enable it for the bot in the developer "
    "portal, or empty ask_channels in the config."
)


def point_at_server(api: str | None, gateway: str | None) -> None:
    """Send REST calls and the gateway connection to a Discord-compatible server, if given."""
    if api and not api.startswith(("http://", "https://")):
        raise CablebotError(f"CABLEBOT_DISCORD_API must be an http(s) URL, not {api!r}.")
    if gateway and not gateway.startswith(("ws://", "wss://")):
        raise CablebotError(f"CABLEBOT_DISCORD_GATEWAY must be a ws(s) URL, not {gateway!r}.")
    # Both are class attributes every request and connection reads; unset, they name Discord.
    if api:
        discord.http.Route.BASE = api.rstrip("/")
    if gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


async def serve(
    config: Config, library: Library, token: str, *, sync: bool, guild: int | None
) -> None:
    """Log in, sync the commands if asked, and stay connected until closed."""
    bot = create_bot(config, library)
    async with bot:
        closing: list[asyncio.Task] = []  # the loop keeps only weak references to tasks
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            asyncio.get_running_loop().add_signal_handler(
                signal.SIGTERM, lambda: closing.append(asyncio.ensure_future(bot.close()))
            )
        await bot.login(token)
        if sync:
            await bot.sync_commands(guild)
        await bot.connect()


def main(config: Config, *, db: str | None, sync: bool, guild: int | None) -> int:
    """Run the bot; 0 after Ctrl-C, 2 without a token, 1 when Discord or the store refuses."""
    token = os.environ.get("DISCORD_TOKEN", "").strip()
    if not token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    try:
        point_at_server(
            os.environ.get("CABLEBOT_DISCORD_API"), os.environ.get("CABLEBOT_DISCORD_GATEWAY")
        )
    except CablebotError as exc:
        print(exc, file=sys.stderr)
        return 2
    discord.utils.setup_logging(level=config.log_level)
    try:
        library = Library.open(db, config=config)
    except CablebotError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        asyncio.run(
            serve(
                config,
                library,
                token,
                sync=sync,
                guild=guild if guild is not None else config.guild,
            )
        )
    except KeyboardInterrupt:
        log.info("Stopped by Ctrl-C")
    except discord.LoginFailure:
        print(BAD_TOKEN, file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print(NO_INTENT, file=sys.stderr)
        return 1
    finally:
        library.close()
    return 0
