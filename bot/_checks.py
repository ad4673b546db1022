"""Checks and cooldowns shared by the cogs, read from the bot's config when they run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot._errors import IngestRefused

if TYPE_CHECKING:
    from bot.app import CableBot


def _config_cooldown(ctx: commands.Context[CableBot]) -> commands.Cooldown:
    settings = ctx.bot.settings(ctx.guild)
    return commands.Cooldown(settings.cooldown_rate, settings.cooldown_per)


# At most cooldown_rate uses of a command per user in cooldown_per seconds, as the server set
# them (a member's bucket made before a change keeps its old rate until it empties).
per_user_cooldown = commands.dynamic_cooldown(_config_cooldown, commands.BucketType.user)


def may_ingest(member: discord.Member, role_name: str | None) -> bool:
    """Whether member may add documents: Manage Server, or the configured role."""
    if member.guild_permissions.manage_guild:
        return True
    return role_name is not None and any(role.name == role_name for role in member.roles)


def can_ingest():
    """A check that lets through members with Manage Server or the ingest role."""

    async def predicate(ctx: commands.Context[CableBot]) -> bool:
        if not isinstance(ctx.author, discord.Member):
            raise commands.NoPrivateMessage()
        role = ctx.bot.settings(ctx.guild).ingest_role
        if may_ingest(ctx.author, role):
            return True
        who = (
            f"the Manage Server permission or the {role} role"
            if role
            else "the Manage Server permission"
        )
        raise IngestRefused(f"Only members with {who} can add documents.")

    return commands.check(predicate)
