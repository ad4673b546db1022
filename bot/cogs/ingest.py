"""/ingest: moderators add a cable document to the library."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._checks import can_ingest, per_user_cooldown
from bot._embeds import ANSWER_COLOUR, DESCRIPTION_LIMIT, clean, clip
from bot._errors import Refusal
from knowledge.library import IngestResult, Library
from knowledge.parse import SUFFIXES

if TYPE_CHECKING:
    from bot.app import CableBot

MAX_BYTES = 2 * 1024 * 1024  # a cable page is a few kilobytes; anything this big is not one


def ingest_upload(library: Library, name: str, data: bytes) -> tuple[IngestResult, list[str]]:
    """Add an uploaded file; the result and a line for each cable it holds (store thread)."""
    result = library.ingest_bytes(name, data)
    titles = [
        f"• {clean(library.cable(cable_id).title)} (`{cable_id}`)" for cable_id in result.cables
    ]
    return result, titles


class Ingest(commands.Cog):
    """Grow the library."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot

    @commands.hybrid_command()
    @commands.guild_only()
    @can_ingest()
    @per_user_cooldown
    @app_commands.describe(
        document="The cable as an .html, .md or .txt file, or a FRUS TEI volume (.xml)"
    )
    async def ingest(self, ctx: commands.Context, document: discord.Attachment) -> None:
        """Add a cable document to the library (Manage Server or the ingest role).

        Example: /ingest (with cable-27001.txt attached)
        """
        name = PurePath(document.filename).name
        if not name.lower().endswith(SUFFIXES):
            raise Refusal(
                f"{name} is not a document I read; attach an .html, .md, .txt or .xml file."
            )
        if document.size > MAX_BYTES:
            raise Refusal(
                f"{name} is {document.size:,} bytes; documents must be under {MAX_BYTES:,}."
            )
        await ctx.defer(ephemeral=True)
        try:
            data = await document.read()
        except discord.HTTPException:
            raise Refusal(f"Discord did not hand me {name}; try attaching it again.") from None
        # Parsing and writing take seconds for a big page: on the store thread, so the
        # gateway heartbeat goes on meanwhile.
        result, titles = await self.bot.in_worker(ingest_upload, self.bot.library, name, data)
        if result.status == "failed":
            raise Refusal(f"Nothing was added from {name}: {result.reason}")
        headline = {
            "added": f"Added from {clean(name)}:",
            "updated": f"Updated from {clean(name)}:",
            "unchanged": f"{clean(name)} is already in the library; nothing changed:",
        }[result.status]
        embed = discord.Embed(
            title="Library updated" if result.status != "unchanged" else "Already in the library",
            description=clip("\n".join([headline, *titles]), DESCRIPTION_LIMIT),
            colour=ANSWER_COLOUR,
        )
        await ctx.send(embed=embed, ephemeral=True)


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Ingest(bot))
