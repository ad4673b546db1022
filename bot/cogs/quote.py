"""/quote: a cable with its header, paged when it is long, or one part of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._checks import per_user_cooldown
from bot._choices import cable_choices
from bot._embeds import (
    ANSWER_COLOUR,
    DESCRIPTION_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_LIMIT,
    TITLE_LIMIT,
    clean,
    clip,
    quote_block,
)
from bot._errors import Refusal
from bot._paginator import Pager, paginate
from knowledge import present, threads
from knowledge.records import Cable

if TYPE_CHECKING:
    from bot.app import CableBot

# Characters of cable text on one page: a screenful, well under the 4,096 an embed allows.
PAGE_CHARS = 1800
MAX_PART = 500


def _embeds(cable: Cable, texts: list[str], label: str) -> list[discord.Embed]:
    """One embed per text, titled with the cable and footed with its source and position."""
    source = cable.source.text if cable.source else ""
    embeds = []
    for number, text in enumerate(texts, start=1):
        embed = discord.Embed(
            title=clip(clean(cable.title), TITLE_LIMIT), description=text, colour=ANSWER_COLOUR
        )
        if cable.url.startswith(("https://", "http://")):
            embed.url = cable.url
        where = f"Page {number} of {len(texts)}" if len(texts) > 1 else ""
        footer = " · ".join(f for f in (source, label, where) if f) or cable.title
        embed.set_footer(text=clip(footer, FOOTER_LIMIT))
        embeds.append(embed)
    return embeds


def cable_pages(cable: Cable) -> list[discord.Embed]:
    """The cable's header and whole text, a screenful per page."""
    return _embeds(cable, paginate(clean(present.cable_text(cable)), limit=PAGE_CHARS), "")


def part_pages(cable: Cable, part: int) -> list[discord.Embed]:
    """One part of the cable (a paragraph, list item or closing), numbered as the CLI numbers it."""
    parts = present.body_parts(cable)
    if not 1 <= part <= len(parts):
        raise Refusal(f"That cable has parts 1-{len(parts)}; there is no part {part}.")
    texts = [
        quote_block(page, DESCRIPTION_LIMIT)
        for page in paginate(clean(parts[part - 1]), limit=PAGE_CHARS)
    ]
    return _embeds(cable, texts, f"Part {part} of {len(parts)}")


def split_part(text: str) -> tuple[str, int | None]:
    """'26637 7' -> ('26637', 7); '"zhou automobiles" 2' -> ('zhou automobiles', 2).

    A last word is a part only when it is a number from 1 to MAX_PART and words come before
    it: '!quote 5708' is a telegram number, 'zhou 1950' names a cable by words.
    """
    head, _, last = text.rpartition(" ")
    if head.strip() and last.isdigit() and int(last) <= MAX_PART:
        if int(last) < 1:
            raise Refusal(f"That number must be between 1 and {MAX_PART}.")
        return head.strip().strip('"').strip(), int(last)
    return text, None


class Quote(commands.Cog):
    """Read the cables themselves."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot

    @commands.hybrid_command()
    @per_user_cooldown
    @app_commands.describe(
        cable="Telegram number, id or words of the title",
        part="Only this part: a paragraph, list item or closing, counted from 1",
    )
    async def quote(
        self,
        ctx: commands.Context,
        *,
        # Keyword-only: after the prefix the cable is the rest of the line, so
        # "!quote zhou automobiles" needs no quotes; a last number from 1 to MAX_PART there
        # is the part ("!quote 26637 7"). The slash command has both as options.
        cable: str,
        # Not Optional: with Optional, "!quote 26637 two" would quietly quote the whole cable.
        part: commands.Range[int, 1, MAX_PART] = None,  # type: ignore[assignment]
    ) -> None:
        """Show a cable with its header, or one part of it; long ones turn page by page.

        Example: /quote 26637 7
        """
        ref = cable.strip().strip('"').strip()
        if ctx.interaction is None and part is None:
            ref, part = split_part(ref)
        found = await self.bot.in_worker(self.bot.library.cable, ref)
        pages = cable_pages(found) if part is None else part_pages(found, part)
        # "Answers ..." / "Answered by ...", as the CLI's quote header shows them.
        links = await self.bot.in_worker(threads.link_lines, self.bot.library, found.id)
        if links:
            pages[0].add_field(
                name="Thread", value=clip(clean("\n".join(links)), FIELD_VALUE_LIMIT), inline=False
            )
        await Pager(pages, owner_id=ctx.author.id, timeout=self.bot.page_timeout).send(ctx)

    @quote.autocomplete("cable")
    async def cable_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self.bot.in_worker(cable_choices, self.bot.library, current)


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Quote(bot))
