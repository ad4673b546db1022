"""The application command tree, with one error handler for every slash command."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot._errors import UNEXPECTED, explain

log = logging.getLogger(__name__)


class CableTree(app_commands.CommandTree):
    """A command tree whose errors become one sentence, seen only by the person who ran it.

    Hybrid commands report most of their errors through the bot's on_command_error; this
    handler sees the rest: commands Discord knows but the bot does not, stale signatures,
    and failures of plain application commands.
    """

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        message = explain(error)
        if message is None:
            name = interaction.command.qualified_name if interaction.command else "unknown"
            log.error("Command /%s failed", name, exc_info=error)
            message = UNEXPECTED
        try:
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True)
            else:
                await interaction.response.send_message(message, ephemeral=True)
        except discord.HTTPException as exc:
            log.warning("Could not report an error to the user: %s", exc)
