"""Questions: /ask, and messages that mention the bot or arrive in an ask channel."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._checks import per_user_cooldown
from bot._embeds import CONTENT_LIMIT, answer_embed, clean, clip
from bot._errors import UNEXPECTED, wait_sentence
from knowledge.errors import CablebotError

if TYPE_CHECKING:
    from bot.app import CableBot

log = logging.getLogger(__name__)


class Ask(commands.Cog):
    """Answer questions about the cables."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot
        config = bot.config
        # Channel questions share the commands' per-user rate, in their own bucket.
        self.channel_cooldown = commands.CooldownMapping.from_cooldown(
            config.cooldown_rate, config.cooldown_per, commands.BucketType.user
        )

    @commands.hybrid_command()
    @per_user_cooldown
    @app_commands.describe(question="What you want to know, in your own words")
    async def ask(self, ctx: commands.Context, *, question: str) -> None:
        """Answer a question from the cables, quoting the words it rests on.

        Example: /ask how many rifles did Mao request
        """
        answer = self.bot.library.ask(question)
        await ctx.send(embed=answer_embed(answer), ephemeral=not answer.found)

    def question_in(self, message: discord.Message) -> str | None:
        """The question a message asks the bot, or None if it is not talking to the bot."""
        assert self.bot.user is not None
        mentioned = any(user.id == self.bot.user.id for user in message.mentions)
        in_ask_channel = message.channel.id in self.bot.config.ask_channels
        if not (mentioned or in_ask_channel):
            return None
        pattern = rf"<@!?{self.bot.user.id}>"
        question = re.sub(pattern, " ", message.content).strip()
        if not question and not mentioned:
            return None  # an image or sticker in an ask channel: nothing to answer
        return question

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        question = self.question_in(message)
        if question is None:
            return
        ctx = await self.bot.get_context(message)
        if ctx.valid or ctx.prefix == self.bot.config.prefix:
            return  # a command (the bot runs it) or a mistyped one (left alone, as Discord bots do)
        retry_after = self.channel_cooldown.update_rate_limit(message)
        if retry_after:
            await self._say(message, wait_sentence(retry_after))
            return
        try:
            answer = self.bot.library.ask(question)
        except CablebotError as error:
            await self._say(message, str(error))
            return
        except Exception:
            log.exception("Answering a message in #%s failed", message.channel)
            await self._say(message, UNEXPECTED)
            return
        await message.reply(embed=answer_embed(answer), mention_author=False)

    @staticmethod
    async def _say(message: discord.Message, sentence: str) -> None:
        await message.reply(clip(clean(sentence), CONTENT_LIMIT), mention_author=False)


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Ask(bot))
