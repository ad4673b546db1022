"""Cables in conversation: /thread (who answered whom) and /timeline (a picture of them)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._checks import per_user_cooldown
from bot._choices import cable_choices
from bot._embeds import ANSWER_COLOUR, DESCRIPTION_LIMIT, TITLE_LIMIT, clean, clip
from bot._paginator import Pager, embeds_of_lines
from knowledge import threads, timeline_png
from knowledge.library import Library

if TYPE_CHECKING:
    from bot.app import CableBot

PAGE_CHARS = 1800
FILENAME = "timeline.png"


def thread_lines(lib: Library, ref: str) -> tuple[str, list[str]]:
    """(title, escaped lines): the thread around the cable ref names, in date order."""
    cable = lib.cable(ref)
    chain = threads.thread(lib, cable.id)
    found = {(x.from_id, x.to_id): x for c in chain for x in threads.links(lib, c.id)}
    lines: list[str] = []
    for c in chain:
        lines.append(f"**{clean(threads.cable_line(c))}**")
        lines.append(clean(threads.gist(c)))
        for x in found.values():
            if x.from_id == c.id:
                other = lib.store.get(x.to_id)
                name = threads.cable_line(other) if other else x.to_id
                lines.append(f"↳ {x.relation} {clean(name)}: {clean(clip(x.explain(), 400))}")
        lines.append("")
    if len(chain) == 1:
        lines.append("No stored cable answers it, and it answers none.")
    title = f"Thread of {threads.cable_line(cable)}"
    return title, lines


def timeline_picture(
    lib: Library, person: str | None, start: str | None, end: str | None
) -> tuple[timeline_png.TimelinePlan, bytes]:
    """The plan and its PNG (store reads and drawing, for the bot's worker thread)."""
    plan = timeline_png.plan(lib, person=person, start=start, end=end)
    return plan, timeline_png.png_bytes(plan)


class Threads(commands.Cog):
    """Follow requests to their replies, and see them on a date axis."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot

    @commands.hybrid_command()
    @per_user_cooldown
    @app_commands.describe(cable="Telegram number, id or words of the title")
    async def thread(self, ctx: commands.Context, *, cable: str) -> None:
        """Show the cables that answer one another around a cable, in date order.

        Example: /thread 5708
        """
        title, lines = await self.bot.in_worker(thread_lines, self.bot.library, cable)
        pages = embeds_of_lines(
            clip(clean(title), TITLE_LIMIT), lines, limit=PAGE_CHARS, colour=ANSWER_COLOUR,
            footer="Explicit links quote the words; inferred ones say they are inferred.",
        )  # fmt: skip
        await Pager(pages, owner_id=ctx.author.id, timeout=self.bot.page_timeout).send(ctx)

    @thread.autocomplete("cable")
    async def cable_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return cable_choices(self.bot.library, current)

    @commands.hybrid_command()
    @per_user_cooldown
    @app_commands.describe(
        person="Only cables this person sent or received",
        start="First day: 1950-11-01, 1950-11 or 17 November 1950",
        end="Last day, in the same forms",
    )
    @app_commands.rename(start="from", end="to")
    async def timeline(
        self,
        ctx: commands.Context,
        person: str | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> None:
        """Draw the cables on a date axis: a lane per sender, replies as arrows.

        Example: /timeline person:Zhou Enlai
        """
        await ctx.defer()
        plan, data = await self.bot.in_worker(
            timeline_picture, self.bot.library, person, start, end
        )
        summary = (
            f"{len(plan.points)} cables in {len(plan.lanes)} lanes (one per sender), "
            f"{len(plan.arrows)} reply arrow(s), {len(plan.spans)} delivery span(s). "
            "Solid arrows: the cable says it answers; dashed: inferred. "
            "A bar instead of a dot: the date is known only to the month."
        )
        embed = discord.Embed(
            title=clip(clean(plan.title), TITLE_LIMIT),
            description=clip(clean(summary), DESCRIPTION_LIMIT),
            colour=ANSWER_COLOUR,
        )
        embed.set_image(url=f"attachment://{FILENAME}")
        await ctx.send(embed=embed, file=discord.File(io.BytesIO(data), filename=FILENAME))


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Threads(bot))
