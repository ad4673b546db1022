"""The bot: one factory that builds it from the typed config and a knowledge library."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import discord
from discord.ext import commands

from bot._embeds import CONTENT_LIMIT, clean, clip
from bot._errors import UNEXPECTED, explain
from bot._tree import CableTree
from knowledge.config import Config
from knowledge.library import Library
from knowledge.server_settings import ServerSettings, ServerStore, server_store_path

log = logging.getLogger(__name__)
T = TypeVar("T")

# Loaded in this order by setup_hook; each module has `async def setup(bot)`.
EXTENSIONS = (
    "bot.cogs.ask",
    "bot.cogs.quote",
    "bot.cogs.reference",
    "bot.cogs.ingest",
    "bot.cogs.help",
    "bot.cogs.quiz",
    "bot.cogs.settings",
    "bot.cogs.mentioned",
    "bot.cogs.threads",
)


def wants_message_content(config: Config) -> bool:
    """Whether the bot asks Discord for the privileged message content intent."""
    if config.message_content is not None:
        return config.message_content
    return bool(config.ask_channels)


def command_prefixes(bot: CableBot, message: discord.Message) -> list[str]:
    """The prefix, a mention of the bot, and a mention of its own managed role."""
    prefixes = commands.when_mentioned_or(bot.config.prefix)(bot, message)
    role = message.guild.self_role if message.guild else None
    if role is not None:
        prefixes += [f"<@&{role.id}> ", f"<@&{role.id}>"]
    return prefixes


class CableBot(commands.AutoShardedBot):
    """A bot that answers questions about the cables in a library."""

    def __init__(
        self,
        config: Config,
        library: Library,
        *,
        guild_ready_timeout: float = 2.0,
        page_timeout: float = 180.0,
        quiz_second: float = 1.0,
        servers: ServerStore | None = None,
    ) -> None:
        intents = discord.Intents.default()
        # Privileged: asked for only when whole channels are read as questions (or set so).
        intents.message_content = wants_message_content(config)
        super().__init__(
            # A mention works as a prefix too, since it needs no message content intent.
            command_prefix=command_prefixes,
            intents=intents,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=CableTree,
            guild_ready_timeout=guild_ready_timeout,
            description="Answers questions from the 1950 cables between Mao, Zhou Enlai and Stalin.",
        )
        self.config = config
        self.library = library
        self.page_timeout = page_timeout
        self.quiz_second = quiz_second  # a quiz "second" in real seconds; tests shorten it
        path = library.store.path
        self.servers = servers or ServerStore.open(
            server_store_path(path) if path else None, config
        )
        # One thread does all store work, one job at a time: slow work (ingest) never
        # stalls the gateway heartbeat, and the store's connection is never used by two
        # threads at once.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cablebot-store")
        self.background: set[asyncio.Task] = set()  # quizzes running; cancelled on close
        self.quizzes: dict[int, Any] = {}  # channel id -> the quiz running there

    def quiz_runs_in(self, channel_id: int) -> bool:
        """Whether a quiz runs in the channel (its messages are answers then)."""
        return channel_id in self.quizzes

    def settings(self, guild: discord.abc.Snowflake | None) -> ServerSettings:
        """The settings of the server a command came from (config.yaml's in DMs)."""
        return self.servers.settings(guild.id if guild else None)

    async def in_worker(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run fn(*args, **kwargs) on the store thread and wait for it without blocking."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, functools.partial(fn, *args, **kwargs))

    async def close(self) -> None:
        """Disconnect, then let store work in progress finish (a write is never cut short)."""
        await super().close()
        for task in list(self.background):
            task.cancel()
        await asyncio.gather(*self.background, return_exceptions=True)
        await asyncio.get_running_loop().run_in_executor(None, self.worker.shutdown, True)
        self.servers.close()

    async def setup_hook(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)

    async def sync_commands(
        self, guild_id: int | None = None
    ) -> list[discord.app_commands.AppCommand]:
        """Publish the slash commands: to one server (at once) or globally (within the hour)."""
        if guild_id is None:
            synced = await self.tree.sync()
            log.info("Synced %d commands globally", len(synced))
            return synced
        guild = discord.Object(id=guild_id)
        self.tree.copy_global_to(guild=guild)
        synced = await self.tree.sync(guild=guild)
        log.info("Synced %d commands to server %s", len(synced), guild_id)
        return synced

    async def on_ready(self) -> None:
        assert self.user is not None
        log.info("Logged in as %s (%s) in %d servers", self.user, self.user.id, len(self.guilds))

    async def on_command_error(
        self, ctx: commands.Context, error: commands.CommandError, /
    ) -> None:
        """Answer a failed prefix or hybrid command with one sentence; log the unexpected."""
        if isinstance(error, commands.CommandNotFound):
            return  # "!something" or a mention that is not a command: not ours to answer
        message = explain(error)
        if message is None:
            name = ctx.command.qualified_name if ctx.command else "?"
            log.error("Command %s failed", name, exc_info=error)
            message = UNEXPECTED
        else:
            log.debug("Command %s refused: %s", ctx.command, message)
        try:
            await ctx.send(clip(clean(message), CONTENT_LIMIT), ephemeral=True)
        except discord.HTTPException as exc:
            log.warning("Could not report an error to the user: %s", exc)


def create_bot(
    config: Config,
    library: Library,
    *,
    guild_ready_timeout: float = 2.0,
    page_timeout: float = 180.0,
    quiz_second: float = 1.0,
) -> CableBot:
    """Build the bot; extensions load when it logs in (setup_hook)."""
    return CableBot(
        config,
        library,
        guild_ready_timeout=guild_ready_timeout,
        page_timeout=page_timeout,
        quiz_second=quiz_second,
    )
