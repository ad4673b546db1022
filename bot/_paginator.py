"""Split long text into pages and let the person who asked turn them with buttons."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

import discord
from discord.ext import commands

from bot._embeds import FOOTER_LIMIT, TITLE_LIMIT, clip

log = logging.getLogger(__name__)

NOT_YOURS = (
    "Only the person who asked can turn these pages; run the command yourself to read along."
)


def paginate(text: str, *, limit: int) -> list[str]:
    """Split text into pages of at most limit characters, at paragraph, line or word breaks."""
    pages = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        for separator in ("\n\n", "\n", " "):
            cut = window.rfind(separator)
            if cut > limit // 2:
                break
        else:
            cut = limit
            # Never end a page on the backslash that escapes the next page's first character.
            while (len(window[:cut]) - len(window[:cut].rstrip("\\"))) % 2:
                cut -= 1
        pages.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not pages:
        pages.append(rest)
    return pages


def pages_of_lines(lines: Iterable[str], *, limit: int) -> list[str]:
    """Group lines into pages of at most limit characters; an over-long line is clipped."""
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        line = clip(line, limit)
        if current and size + 1 + len(line) > limit:
            pages.append("\n".join(current))
            current, size = [], 0
        size += len(line) + (1 if current else 0)
        current.append(line)
    if current or not pages:
        pages.append("\n".join(current))
    return pages


class Pager(discord.ui.View):
    """Previous and next buttons over a list of embeds, for the one person who asked."""

    def __init__(self, pages: Sequence[discord.Embed], *, owner_id: int, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.Message | None = None
        self._refresh()

    async def send(self, ctx: commands.Context, *, ephemeral: bool = False) -> None:
        """Send the current page; buttons only when there is more than one page."""
        if len(self.pages) == 1:
            await ctx.send(embed=self.pages[0], ephemeral=ephemeral)
            self.stop()
            return
        self.message = await ctx.send(embed=self.pages[self.index], view=self, ephemeral=ephemeral)

    def _refresh(self) -> None:
        self.previous_page.disabled = self.index == 0
        self.next_page.disabled = self.index == len(self.pages) - 1
        self.counter.label = f"{self.index + 1} / {len(self.pages)}"

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True)
        return False

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.index = max(0, min(self.index + step, len(self.pages) - 1))
        self._refresh()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="Previous", emoji="◀️", style=discord.ButtonStyle.secondary)
    async def previous_page(
        self, interaction: discord.Interaction, button: discord.ui.Button
    ) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="1 / 1", style=discord.ButtonStyle.secondary, disabled=True)
    async def counter(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.defer()  # never called: the counter is always disabled

    @discord.ui.button(label="Next", emoji="▶️", style=discord.ButtonStyle.secondary)
    async def next_page(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._turn(interaction, 1)

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is None:
            return
        try:
            await self.message.edit(view=self)
        except discord.HTTPException as exc:
            # The message may be gone or the interaction token expired; the buttons die anyway.
            log.debug("Could not disable the page buttons: %s", exc)


def embeds_of_lines(
    title: str, lines: Iterable[str], *, limit: int, colour: discord.Colour, footer: str = ""
) -> list[discord.Embed]:
    """Lines (already escaped) as embeds of at most limit characters, numbered when many."""
    chunks = pages_of_lines(lines, limit=limit)
    embeds = []
    for number, chunk in enumerate(chunks, start=1):
        embed = discord.Embed(title=clip(title, TITLE_LIMIT), description=chunk, colour=colour)
        page = f"Page {number} of {len(chunks)}" if len(chunks) > 1 else ""
        text = " · ".join(t for t in (footer, page) if t)
        if text:
            embed.set_footer(text=clip(text, FOOTER_LIMIT))
        embeds.append(embed)
    return embeds
