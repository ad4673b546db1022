"""/help: every command with what it does and an example, from the commands' docstrings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._embeds import ANSWER_COLOUR, FIELD_VALUE_LIMIT, clean, clip

if TYPE_CHECKING:
    from bot.app import CableBot

EXAMPLE = "Example:"


def example_of(command: commands.Command) -> str:
    """The command's example, taken from the 'Example:' line of its docstring."""
    for line in (command.help or "").splitlines():
        if line.strip().startswith(EXAMPLE):
            return line.strip().removeprefix(EXAMPLE).strip()
    return f"/{command.name}"


def usage_of(command: commands.Command) -> str:
    """'/quote cable [part]': required arguments bare, optional ones in brackets."""
    params = [name if p.required else f"[{name}]" for name, p in command.clean_params.items()]
    return " ".join([f"/{command.qualified_name}", *params])


class Help(commands.Cog):
    """Explain the commands."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot

    def _visible(self) -> list[commands.Command]:
        return sorted((c for c in self.bot.commands if not c.hidden), key=lambda c: c.name)

    @commands.hybrid_command(name="help")
    @app_commands.describe(command="A command to explain on its own")
    async def help_command(self, ctx: commands.Context, command: str | None = None) -> None:
        """List the commands, each with an example.

        Example: /help quote
        """
        prefix = self.bot.config.prefix
        chosen = self._visible()
        if command:
            chosen = [c for c in chosen if c.name == command.strip().lstrip("/" + prefix).lower()]
            if not chosen:
                name = clip(clean(command), 100)
                await ctx.send(f"There is no {name} command; /help lists them all.", ephemeral=True)
                return
        embed = discord.Embed(
            title="cablebot commands",
            description=(
                "Ask about the 1950 cables between Mao, Zhou Enlai and Stalin. Every command works "
                f"as a slash command, or typed after {clean(prefix)} or a mention of me. Mention me "
                "with a question and I answer it as /ask."
            ),
            colour=ANSWER_COLOUR,
        )
        for c in chosen:
            example = example_of(c)
            text = example.replace("/", prefix, 1) if example.startswith("/") else example
            value = f"{clean(c.short_doc)}\n`{example}` or `{text}`"
            embed.add_field(name=usage_of(c), value=clip(value, FIELD_VALUE_LIMIT), inline=False)
        await ctx.send(embed=embed)

    @help_command.autocomplete("command")
    async def command_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        names = [c.name for c in self._visible() if current.lower() in c.name]
        return [app_commands.Choice(name=n, value=n) for n in names][:25]


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Help(bot))
