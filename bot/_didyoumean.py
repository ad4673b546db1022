"""Did-you-mean buttons under a miss: each offers one of the answer's suggestions.

A suggestion is what the answerer's not-found answer lists: an item as
"Soviet rifles (140,000, Mao Zedong)" or a cable's title. A click answers with that choice,
from the library's records, for the member who asked only.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord

from bot._embeds import answer_embed, clip
from knowledge.answers import Answer, Citation
from knowledge.errors import CablebotError
from knowledge.library import Library
from knowledge.records import Cable

if TYPE_CHECKING:
    from bot.app import CableBot

log = logging.getLogger(__name__)

MAX_BUTTONS = 5
LABEL_LIMIT = 80
NOT_YOURS_CHOICE = (
    "Only the person who asked can pick one; ask the question yourself to get choices."
)
_ITEM = re.compile(
    r"^(?P<name>.+) \((?P<quantity>[^,()]+(?:,\d{3})*(?: [^,()]+)?), (?P<who>[^()]+)\)$"
)


def _citation(cable: Cable, quote: str) -> Citation:
    return Citation(
        cable.id,
        cable.title,
        cable.date.display() if cable.date else "",
        cable.source.text if cable.source else "",
        quote,
    )


def choice_answer(library: Library, suggestion: str) -> Answer:
    """Answer with one suggestion: the item lot it names, or the cable whose title it is.

    Falls back to asking the suggestion as a question when it names neither.
    """
    m = _ITEM.match(suggestion)
    if m:
        rows = library.store.conn.execute(
            "SELECT doc_id, position FROM items WHERE name = ? ORDER BY doc_id, position",
            (m["name"],),
        ).fetchall()
        for cable_id, position in rows:
            cable = library.store.get(cable_id)
            if cable is None or position >= len(cable.items):
                continue
            item = cable.items[position]
            who = cable.sender.name if cable.sender else cable.title
            if (
                item.name == m["name"]
                and item.quantity_text() == m["quantity"]
                and m["who"] in (who, cable.title, cable.id)
            ):
                verb = "asked for" if item.role == "requested" else "promised"
                when = f" of {cable.date.display()}" if cable.date else ""
                number = f" (No. {cable.telegram_number})" if cable.telegram_number else ""
                fact = f"{who}'s cable{when}{number} {verb} {item.quantity_text()} {item.name}."
                return Answer(suggestion, fact, True, (_citation(cable, item.words),), (), fact)
    for summary in library.cables():
        if summary.title == suggestion:
            cable = library.cable(summary.id)
            parts = [f"{cable.title}", cable.date.display() if cable.date else ""]
            if cable.telegram_number:
                parts.append(f"telegram No. {cable.telegram_number}")
            fact = (
                ", ".join(p for p in parts if p)
                + ". Read it with /quote "
                + (cable.telegram_number or cable.id)
            )
            quote = cable.header_block() or cable.title
            return Answer(suggestion, fact, True, (_citation(cable, quote),), (), fact)
    return library.ask(suggestion)


class SuggestionView(discord.ui.View):
    """Up to five buttons, one per suggestion, for the member who asked; off on timeout."""

    def __init__(
        self, bot: CableBot, suggestions: tuple[str, ...], *, owner_id: int, timeout: float
    ) -> None:
        super().__init__(timeout=timeout)
        self.bot = bot
        self.owner_id = owner_id
        self.message: discord.Message | None = None
        for n, suggestion in enumerate(suggestions[:MAX_BUTTONS]):
            button = discord.ui.Button(
                label=clip(suggestion, LABEL_LIMIT),
                style=discord.ButtonStyle.secondary,
                custom_id=f"didyoumean:{n}",
            )
            button.callback = self._answer_with(suggestion)
            self.add_item(button)

    def _answer_with(self, suggestion: str):
        async def callback(interaction: discord.Interaction) -> None:
            try:
                answer = await self.bot.in_worker(choice_answer, self.bot.library, suggestion)
            except CablebotError as error:
                await interaction.response.send_message(str(error), ephemeral=True)
                return
            await interaction.response.send_message(embed=answer_embed(answer), ephemeral=True)

        return callback

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS_CHOICE, ephemeral=True)
        return False

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is None:
            return
        try:
            await self.message.edit(view=self)
        except discord.HTTPException as exc:
            log.debug("Could not disable the did-you-mean buttons: %s", exc)
