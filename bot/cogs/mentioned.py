"""The message context menu "Find cables mentioned": the cables a message refers to."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._embeds import ANSWER_COLOUR, DESCRIPTION_LIMIT, clean, clip, notice_embed
from bot._references import Mention, find_mentions

if TYPE_CHECKING:
    from bot.app import CableBot

MENU_NAME = "Find cables mentioned"
MAX_LINES_PER_MENTION = 5


def mention_lines(mentions: list[Mention]) -> list[str]:
    """'**telegram 26637**: 26637 · 8 November 1950 · Ciphered telegram, ...' per cable named."""
    lines = []
    for mention in mentions:
        head = f"**{clean(mention.text)}**"
        if not mention.cables:
            lines.append(f"{head}: not in the library")
            continue
        for cable in mention.cables[:MAX_LINES_PER_MENTION]:
            parts = [cable.telegram_number, cable.date, cable.title]
            lines.append(
                f"{head}: " + clean(" · ".join(p for p in parts if p)) + f" (`{cable.id}`)"
            )
    return lines


class Mentioned(commands.Cog):
    """Look up the cables a message names."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name=MENU_NAME, callback=self.find_cables)
        bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def find_cables(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """List the cables a message names (seen only by you)."""
        text = "\n".join([message.content, *(e.description or "" for e in message.embeds)]).strip()
        mentions = await self.bot.in_worker(find_mentions, self.bot.library, text) if text else []
        if not mentions:
            note = "I found no telegram number, record ID, archival citation or file number there."
            if not text:
                note = "That message shows me no text (I may lack the message content intent)."
            await interaction.response.send_message(embed=notice_embed(note), ephemeral=True)
            return
        embed = discord.Embed(
            title="Cables mentioned",
            description=clip("\n".join(mention_lines(mentions)), DESCRIPTION_LIMIT),
            colour=ANSWER_COLOUR,
        )
        embed.set_footer(text="Read one with /quote and its number or id.")
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Mentioned(bot))
