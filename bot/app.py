"""The bot: one factory that builds it from the typed config and a knowledge library."""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot._embeds import CONTENT_LIMIT, clean, clip
from bot._errors import UNEXPECTED, explain
from bot._tree import CableTree
from knowledge.config import Config
from knowledge.library import Library

log = logging.getLogger(__name__)

# Loaded in this order by setup_hook; each module has `async def setup(bot)`.
EXTENSIONS = (
    "bot.cogs.ask",
    "bot.cogs.quote",
    "bot.cogs.reference",
    "bot.cogs.ingest",
    "bot.cogs.help",
)


class CableBot(commands.Bot):
    """A bot that answers questions about the cables in a library."""

    def __init__(
        self,
        config: Config,
        library: Library,
        *,
        guild_ready_timeout: float = 2.0,
        page_timeout: float = 180.0,
    ) -> None:
        intents = discord.Intents.default()
        # Privileged: asked for only when whole channels are read as questions.
        intents.message_content = bool(config.ask_channels)
        super().__init__(
            # A mention works as a prefix too, since it needs no message content intent.
            command_prefix=commands.when_mentioned_or(config.prefix),
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
) -> CableBot:
    """Build the bot; extensions load when it logs in (setup_hook)."""
    return CableBot(
        config, library, guild_ready_timeout=guild_ready_timeout, page_timeout=page_timeout
    )
