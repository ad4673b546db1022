"""Questions: /ask, and messages that mention the bot or arrive in an ask channel."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._checks import per_user_cooldown
from bot._didyoumean import SuggestionView
from bot._embeds import CONTENT_LIMIT, answer_embed, clean, clip
from bot._errors import UNEXPECTED, wait_sentence
from knowledge.errors import CablebotError
from knowledge.followup import Context

if TYPE_CHECKING:
    from bot.app import CableBot

log = logging.getLogger(__name__)


class Ask(commands.Cog):
    """Answer questions about the cables."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot
        # Channel questions share the commands' per-user rate (as each server set it), in
        # their own bucket.
        self.channel_cooldown = commands.DynamicCooldownMapping(
            self._channel_rate, commands.BucketType.user
        )
        # Follow-ups ("when did he send it?"): one conversation per member and channel, kept
        # for knowledge.followup.CONTEXT_SECONDS (10 minutes) after its last answer.
        self.contexts: dict[tuple[int, int], Context] = {}

    def context_for(self, member_id: int, channel_id: int) -> Context:
        """The member's conversation in the channel; a fresh one when none is live."""
        if len(self.contexts) > 1000:  # forget conversations that ended
            self.contexts = {k: c for k, c in self.contexts.items() if not c.expired()}
        context = self.contexts.get((member_id, channel_id))
        if context is None or context.expired():
            context = self.contexts[(member_id, channel_id)] = Context()
        return context

    def _channel_rate(self, message: discord.Message) -> commands.Cooldown:
        settings = self.bot.settings(message.guild)
        return commands.Cooldown(settings.cooldown_rate, settings.cooldown_per)

    @commands.hybrid_command()
    @per_user_cooldown
    @app_commands.describe(question="What you want to know, in your own words")
    async def ask(self, ctx: commands.Context, *, question: str) -> None:
        """Answer a question from the cables, quoting the words it rests on.

        Example: /ask how many rifles did Mao request
        """
        context = self.context_for(ctx.author.id, ctx.channel.id)
        answer = await self.bot.in_worker(self.bot.library.ask, question, context)
        private = not answer.found and self.bot.settings(ctx.guild).ephemeral_misses
        view = self._choices(answer, ctx.author.id)
        if view is None:
            await ctx.send(embed=answer_embed(answer), ephemeral=private)
            return
        view.message = await ctx.send(embed=answer_embed(answer), view=view, ephemeral=private)

    def _choices(self, answer, owner_id: int) -> SuggestionView | None:
        """Did-you-mean buttons for a miss that has suggestions."""
        if answer.found or not answer.suggestions:
            return None
        return SuggestionView(
            self.bot, answer.suggestions, owner_id=owner_id, timeout=self.bot.page_timeout
        )

    def _mention_patterns(self, message: discord.Message) -> list[str]:
        """How the message may address the bot: its user, or its own managed role."""
        assert self.bot.user is not None
        patterns = []
        if any(user.id == self.bot.user.id for user in message.mentions):
            patterns.append(rf"<@!?{self.bot.user.id}>")
        role = message.guild.self_role if message.guild else None
        if role is not None and any(r.id == role.id for r in message.role_mentions):
            patterns.append(rf"<@&{role.id}>")
        return patterns

    def question_in(self, message: discord.Message) -> str | None:
        """The question a message asks the bot, or None if it is not talking to the bot."""
        patterns = self._mention_patterns(message)
        mentioned = bool(patterns)
        in_ask_channel = message.channel.id in self.bot.settings(message.guild).ask_channels
        if not (mentioned or in_ask_channel):
            return None
        question = message.content
        for pattern in patterns:
            question = re.sub(pattern, " ", question)
        question = question.strip()
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
        if self.bot.quiz_runs_in(message.channel.id):
            return  # during a quiz, messages here are answers, not questions
        try:
            context = self.context_for(message.author.id, message.channel.id)
            answer = await self.bot.in_worker(self.bot.library.ask, question, context)
        except CablebotError as error:
            await self._say(message, str(error))
            return
        except Exception:
            log.exception("Answering a message in #%s failed", message.channel)
            await self._say(message, UNEXPECTED)
            return
        view = self._choices(answer, message.author.id)
        if view is None:
            await message.reply(embed=answer_embed(answer), mention_author=False)
            return
        view.message = await message.reply(
            embed=answer_embed(answer), view=view, mention_author=False
        )

    @staticmethod
    async def _say(message: discord.Message, sentence: str) -> None:
        await message.reply(clip(clean(sentence), CONTENT_LIMIT), mention_author=False)


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Ask(bot))
