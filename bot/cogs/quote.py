"""/quote: a cable with its header, paged when it is long."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._checks import per_user_cooldown
from bot._choices import cable_choices
from bot._embeds import ANSWER_COLOUR, FOOTER_LIMIT, TITLE_LIMIT, clean, clip
from bot._errors import Refusal
from bot._paginator import Pager, paginate
from knowledge import present
from knowledge.records import Cable

if TYPE_CHECKING:
    from bot.app import CableBot

# Characters of cable text on one page: a screenful, well under the 4,096 an embed allows.
PAGE_CHARS = 1800
MAX_PART = 50


def cable_pages(cable: Cable) -> list[discord.Embed]:
    """The cable's header and text as embeds, one per page, each naming its source."""
    parts = paginate(clean(present.cable_text(cable)), limit=PAGE_CHARS)
    source = cable.source.text if cable.source else ""
    pages = []
    for number, part in enumerate(parts, start=1):
        embed = discord.Embed(
            title=clip(clean(cable.title), TITLE_LIMIT), description=part, colour=ANSWER_COLOUR
        )
        if cable.url.startswith(("https://", "http://")):
            embed.url = cable.url
        footer = [source, f"Part {number} of {len(parts)}" if len(parts) > 1 else ""]
        embed.set_footer(text=clip(" · ".join(f for f in footer if f) or cable.title, FOOTER_LIMIT))
        pages.append(embed)
    return pages


class Quote(commands.Cog):
    """Read the cables themselves."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot

    @commands.hybrid_command()
    @per_user_cooldown
    @app_commands.describe(
        cable="Telegram number, id or words of the title",
        part="Which part of a long cable to open at",
    )
    async def quote(
        self, ctx: commands.Context, cable: str, part: commands.Range[int, 1, MAX_PART] = 1
    ) -> None:
        """Show a cable with its header; long ones turn page by page.

        Example: /quote 26637 2
        """
        found = self.bot.library.cable(cable)
        pages = cable_pages(found)
        if part > len(pages):
            raise Refusal(f"That cable has {len(pages)} part(s); ask for part 1 to {len(pages)}.")
        pager = Pager(pages, owner_id=ctx.author.id, timeout=self.bot.page_timeout, start=part - 1)
        await pager.send(ctx)

    @quote.autocomplete("cable")
    async def cable_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return cable_choices(self.bot.library, current)


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Quote(bot))
