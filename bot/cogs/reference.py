"""Reference lookups: /items, /dates, /cables and /source."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._checks import per_user_cooldown
from bot._choices import cable_choices
from bot._embeds import ANSWER_COLOUR, DESCRIPTION_LIMIT, TITLE_LIMIT, clean, clip, notice_embed
from bot._paginator import Pager, embeds_of_lines
from knowledge import present
from knowledge.library import ItemRow

if TYPE_CHECKING:
    from bot.app import CableBot

LIST_PAGE_CHARS = 1800
CABLE_HELP = "Telegram number, id or words of the title; leave out for every cable"


def item_lines(rows: list[ItemRow], *, by_cable: bool) -> list[str]:
    """Escaped item lines, under each cable's title in bold when they span several cables."""
    lines: list[str] = []
    current = None
    for row in rows:
        if by_cable and row.cable_id != current:
            current = row.cable_id
            lines.append(f"**{clean(row.cable_title)}**")
        lines.append(clean(present.item_line(row)))
    return lines


class Reference(commands.Cog):
    """Look things up across the cables."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot

    async def _send_pages(
        self, ctx: commands.Context, title: str, lines: list[str], footer: str = ""
    ) -> None:
        pages = embeds_of_lines(
            title, lines, limit=LIST_PAGE_CHARS, colour=ANSWER_COLOUR, footer=footer
        )
        await Pager(pages, owner_id=ctx.author.id, timeout=self.bot.page_timeout).send(ctx)

    @commands.hybrid_command()
    @per_user_cooldown
    @app_commands.describe(cable=CABLE_HELP)
    async def items(self, ctx: commands.Context, *, cable: str | None = None) -> None:
        """List the items requested or promised, with quantities.

        Example: /items 26637
        """
        rows = await self.bot.in_worker(self.bot.library.items, cable)
        if not rows:
            where = f"{self.bot.library.cable(cable).title} lists" if cable else "The cables list"
            await ctx.send(embed=notice_embed(f"{where} no requested items."), ephemeral=True)
            return
        title = (
            f"Items in {clean(rows[0].cable_title)}" if cable else "Items requested in the cables"
        )
        await self._send_pages(ctx, title, item_lines(rows, by_cable=cable is None))

    @commands.hybrid_command()
    @per_user_cooldown
    @app_commands.describe(cable=CABLE_HELP)
    async def dates(self, ctx: commands.Context, *, cable: str | None = None) -> None:
        """Show the timeline: when cables were sent and received, and promised deliveries.

        Example: /dates 5708
        """
        entries = await self.bot.in_worker(self.bot.library.timeline, cable)
        if not entries:
            where = f"{self.bot.library.cable(cable).title} gives" if cable else "The cables give"
            await ctx.send(embed=notice_embed(f"{where} no dates."), ephemeral=True)
            return
        title = f"Dates in {clean(entries[0].cable_title)}" if cable else "Timeline of the cables"
        lines = [clean(present.event_line(entry)) for entry in entries]
        await self._send_pages(ctx, title, lines)

    @commands.hybrid_command()
    @per_user_cooldown
    async def cables(self, ctx: commands.Context) -> None:
        """List every cable in the library, with its number and date.

        Example: /cables
        """
        summaries = await self.bot.in_worker(self.bot.library.cables)
        if not summaries:
            await ctx.send(embed=notice_embed("The library holds no cables yet."), ephemeral=True)
            return
        lines = []
        for s in summaries:
            parts = [
                f"**{clean(s.telegram_number)}**" if s.telegram_number else "",
                clean(s.date),
                clean(s.title),
            ]
            kind = " (commentary)" if s.kind == "commentary" else ""
            lines.append(" · ".join(p for p in parts if p) + kind)
        footer = "Read one with /quote and its number or title words."
        await self._send_pages(ctx, f"{len(summaries)} documents in the library", lines, footer)

    @commands.hybrid_command()
    @per_user_cooldown
    @app_commands.describe(cable="Telegram number, id or words of the title")
    async def source(self, ctx: commands.Context, *, cable: str) -> None:
        """Give a cable's archival citation, ready to paste as a footnote.

        Example: /source 26637
        """
        found = await self.bot.in_worker(self.bot.library.cable, cable)
        # In a code block the footnote copies exactly as written; only a fence could end it early.
        footnote = present.footnote(found).replace("```", "`\u200b``")
        body = f"Ready to paste as a footnote:\n```\n{clip(footnote, DESCRIPTION_LIMIT - 40)}\n```"
        embed = discord.Embed(
            title=clip(clean(found.title), TITLE_LIMIT), description=body, colour=ANSWER_COLOUR
        )
        await ctx.send(embed=embed)

    @items.autocomplete("cable")
    @dates.autocomplete("cable")
    @source.autocomplete("cable")
    async def cable_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self.bot.in_worker(cable_choices, self.bot.library, current)


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Reference(bot))
