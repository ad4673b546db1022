"""/settings: each server's own ask channels, cooldown, ingest role, quiz defaults and misses."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._embeds import ANSWER_COLOUR, FIELD_VALUE_LIMIT, clean, clip
from bot.app import wants_message_content
from knowledge.server_settings import SETTING_NAMES

if TYPE_CHECKING:
    from bot.app import CableBot

DESCRIPTIONS = {
    "ask_channels": "channels whose every message is a question (mentions or ids, or none)",
    "cooldown_rate": "uses of a command a member may make per cooldown period",
    "cooldown_per": "the cooldown period, in seconds",
    "ingest_role": "a role allowed to /ingest besides Manage Server (or none)",
    "quiz_questions": "questions in a quiz (1-20)",
    "quiz_seconds": "seconds to answer each quiz question (5-300)",
    "ephemeral_misses": "whether 'the cables do not say' is seen only by the asker (yes/no)",
}
NEEDS_INTENT = (
    " Note: I do not have the message content intent, so I cannot read those channels; the "
    "bot's owner sets message_content: true in config.yaml and enables the intent in the "
    "developer portal."
)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Settings(commands.GroupCog, name="settings"):
    """This server's settings (Manage Server)."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot
        super().__init__()

    def _embed(self, guild: discord.Guild, title: str) -> discord.Embed:
        settings = self.bot.settings(guild)
        embed = discord.Embed(title=clip(clean(title), 256), colour=ANSWER_COLOUR)
        for name in SETTING_NAMES:
            value = settings.shown(name)
            shown = value if name == "ask_channels" else clean(value)
            embed.add_field(
                name=name,
                value=clip(f"{shown}\n-# {DESCRIPTIONS[name]}", FIELD_VALUE_LIMIT),
                inline=False,
            )
        embed.set_footer(text="Change one with /settings set; defaults come from config.yaml.")
        return embed

    @app_commands.command(name="show")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def show(self, interaction: discord.Interaction) -> None:
        """Show this server's settings."""
        assert interaction.guild is not None
        embed = self._embed(interaction.guild, f"Settings of {interaction.guild.name}")
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="set")
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.describe(
        setting="Which setting", value="Its new value; none or default resets it"
    )
    @app_commands.choices(setting=[app_commands.Choice(name=n, value=n) for n in SETTING_NAMES])
    async def set_(self, interaction: discord.Interaction, setting: str, value: str) -> None:
        """Change one of this server's settings; it applies at once."""
        assert interaction.guild is not None
        guild_id = interaction.guild.id
        if value.strip().lower() == "default":
            self.bot.servers.reset(guild_id, setting)
        else:
            self.bot.servers.set(guild_id, setting, value)
        shown = self.bot.settings(interaction.guild).shown(setting)
        text = f"{setting} is now {shown if setting == 'ask_channels' else clean(shown)}."
        if (
            setting == "ask_channels"
            and shown != "none"
            and not wants_message_content(self.bot.config)
        ):
            text += NEEDS_INTENT
        await interaction.response.send_message(clip(text, 2000), ephemeral=True)


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Settings(bot))
