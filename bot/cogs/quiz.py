"""/quiz: questions from the cables, one at a time in a channel, answered by typing or buttons.

Typed answers need the message content intent (message_content in config.yaml); without
it, members answer by mentioning the bot ("@cablebot 140,000") or with the buttons that
multiple-choice questions carry. Each member's first answer to a question counts; answers
after the time is up do not. Scores are kept per member per server (store.db.server).
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot._checks import per_user_cooldown
from bot._embeds import (
    ANSWER_COLOUR,
    DESCRIPTION_LIMIT,
    FIELD_VALUE_LIMIT,
    MISS_COLOUR,
    citation_footer,
    clean,
    clip,
    quote_block,
)
from bot._errors import Refusal
from bot.app import wants_message_content
from knowledge.quiz import MAX_QUESTIONS, QuizQuestion, check_answer, make_quiz

if TYPE_CHECKING:
    from bot.app import CableBot

log = logging.getLogger(__name__)

PAUSE_SECONDS = 3  # between a question's result and the next question
LABEL_LIMIT = 80


@dataclass
class QuizRun:
    """A quiz in one channel: its questions and the answers to the one asked now."""

    guild_id: int
    channel_id: int
    starter_id: int
    questions: list[QuizQuestion]
    seconds: int
    number: int = 0  # of the question asked now, from 1
    open: bool = False
    answers: dict[int, tuple[str, str]] = field(default_factory=dict)  # user -> (name, text)
    points: dict[int, tuple[str, int]] = field(default_factory=dict)  # this quiz's scores
    task: asyncio.Task | None = None

    @property
    def question(self) -> QuizQuestion:
        return self.questions[self.number - 1]

    def answer(self, user: discord.abc.User, text: str) -> str:
        """Take a member's answer; 'taken', 'again' (they answered already) or 'late'."""
        if not self.open:
            return "late"
        if user.id in self.answers:
            return "again"
        self.answers[user.id] = (getattr(user, "display_name", user.name), text)
        return "taken"


class ChoiceView(discord.ui.View):
    """A button for each choice of a multiple-choice question; closed with the question."""

    def __init__(self, run: QuizRun, question: QuizQuestion) -> None:
        super().__init__(timeout=None)
        self.run = run
        for n, choice in enumerate(question.choices):
            button = discord.ui.Button(
                label=clip(choice, LABEL_LIMIT),
                style=discord.ButtonStyle.primary,
                custom_id=f"quiz:{run.channel_id}:{run.number}:{n}",
            )
            button.callback = self._choose(choice)
            self.add_item(button)

    def _choose(self, choice: str):
        async def callback(interaction: discord.Interaction) -> None:
            status = self.run.answer(interaction.user, choice)
            text = {
                "taken": f"Your answer is in: {clean(choice)}.",
                "again": "You have answered this question already.",
                "late": "Time is up for that question.",
            }[status]
            await interaction.response.send_message(text, ephemeral=True)

        return callback

    def close(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        self.stop()


def question_embed(run: QuizRun, typed_ok: bool) -> discord.Embed:
    question = run.question
    embed = discord.Embed(
        title=f"Question {run.number} of {len(run.questions)}",
        description=clip(clean(question.prompt), DESCRIPTION_LIMIT),
        colour=ANSWER_COLOUR,
    )
    how = "Type your answer here" if typed_ok else "Mention me with your answer"
    if question.choices:
        how += " or press a button"
    embed.set_footer(text=f"{how}: {run.seconds} seconds. Your first answer counts.")
    return embed


def result_embed(run: QuizRun, right: list[str], wrong: list[str]) -> discord.Embed:
    question = run.question
    got = ", ".join(clean(n) for n in right) if right else "nobody"
    embed = discord.Embed(
        title=f"Question {run.number}: {clip(clean(question.answer), 200)}",
        description=clip(
            f"Right: {got}" + (f"\nWrong: {', '.join(clean(n) for n in wrong)}" if wrong else ""),
            DESCRIPTION_LIMIT,
        ),
        colour=ANSWER_COLOUR if right else MISS_COLOUR,
    )
    citation = question.citation
    embed.add_field(
        name=clip(
            clean(f"{citation.title} ({citation.date})" if citation.date else citation.title), 256
        ),
        value=quote_block(clean(citation.quote), FIELD_VALUE_LIMIT) or "-",
        inline=False,
    )
    embed.set_footer(text=citation_footer(citation))
    return embed


class Quiz(commands.Cog):
    """Quizzes from the cables."""

    def __init__(self, bot: CableBot) -> None:
        self.bot = bot

    async def cog_unload(self) -> None:
        for run in list(self.bot.quizzes.values()):
            if run.task:
                run.task.cancel()

    @commands.hybrid_group(name="quiz", fallback="start")
    @commands.guild_only()
    @per_user_cooldown
    @app_commands.describe(
        cable="Only this cable (telegram number, id or title words)",
        person="Only cables from or to this person",
        topic="Only questions on this topic (words of items or titles)",
        questions=f"How many questions (1-{MAX_QUESTIONS}; default: the server's)",
        seconds="Seconds for each question (5-300; default: the server's)",
    )
    async def quiz(
        self,
        ctx: commands.Context,
        cable: str | None = None,
        person: str | None = None,
        topic: str | None = None,
        questions: commands.Range[int, 1, MAX_QUESTIONS] | None = None,
        seconds: commands.Range[int, 5, 300] | None = None,
    ) -> None:
        """Start a quiz in this channel: questions from the cables, one at a time.

        Example: /quiz start person:Mao questions:3
        """
        assert ctx.guild is not None
        if self.bot.quiz_runs_in(ctx.channel.id):
            raise Refusal("A quiz is running in this channel already; /quiz stop ends it.")
        settings = self.bot.settings(ctx.guild)
        count = questions or settings.quiz_questions
        picked = await self.bot.in_worker(
            make_quiz, self.bot.library, cable=cable, person=person, topic=topic, count=count
        )
        run = QuizRun(
            ctx.guild.id, ctx.channel.id, ctx.author.id, picked, seconds or settings.quiz_seconds
        )
        self.bot.quizzes[ctx.channel.id] = run
        about = ", ".join(x for x in (cable, person, topic) if x) or "the cables"
        await ctx.send(
            f"A quiz of {len(picked)} questions on {clip(clean(about), 200)} starts now: "
            f"{run.seconds} seconds a question."
        )
        run.task = asyncio.create_task(self._run(ctx.channel, run))
        self.bot.background.add(run.task)
        run.task.add_done_callback(self.bot.background.discard)

    @quiz.command(name="stop")
    @commands.guild_only()
    async def stop(self, ctx: commands.Context) -> None:
        """Stop the quiz running in this channel (its starter or Manage Messages).

        Example: /quiz stop
        """
        run = self.bot.quizzes.get(ctx.channel.id)
        if run is None:
            raise Refusal("No quiz is running in this channel.")
        member = ctx.author
        allowed = member.id == run.starter_id or (
            isinstance(member, discord.Member) and member.guild_permissions.manage_messages
        )
        if not allowed:
            raise Refusal("Only whoever started the quiz, or a moderator, can stop it.")
        if run.task:
            run.task.cancel()
        self.bot.quizzes.pop(ctx.channel.id, None)
        await ctx.send(f"Quiz stopped after {max(run.number - 1, 0)} questions.")

    @quiz.command(name="leaderboard")
    @commands.guild_only()
    @per_user_cooldown
    async def leaderboard(self, ctx: commands.Context) -> None:
        """The server's best quiz players.

        Example: /quiz leaderboard
        """
        assert ctx.guild is not None
        scores = self.bot.servers.leaderboard(ctx.guild.id)
        if not scores:
            await ctx.send("Nobody has answered a quiz question here yet.", ephemeral=True)
            return
        lines = [
            f"{n}. {clean(s.name)}: {s.points} of {s.answered}" for n, s in enumerate(scores, 1)
        ]
        embed = discord.Embed(
            title="Quiz leaderboard", description="\n".join(lines), colour=ANSWER_COLOUR
        )
        embed.set_footer(text="Points: right answers, of the questions answered.")
        await ctx.send(embed=embed)

    # -- running a quiz ---------------------------------------------------------------------
    async def _run(self, channel: discord.abc.Messageable, run: QuizRun) -> None:
        typed_ok = wants_message_content(self.bot.config)
        try:
            for number in range(1, len(run.questions) + 1):
                await self._ask(channel, run, number, typed_ok)
                if number < len(run.questions):
                    await asyncio.sleep(PAUSE_SECONDS * self.bot.quiz_second)
            await channel.send(embed=self._final(run))
        except asyncio.CancelledError:
            raise
        except discord.HTTPException:
            log.warning("A quiz in channel %s ended: Discord refused a message", run.channel_id)
        except Exception:
            log.exception("A quiz in channel %s failed", run.channel_id)
        finally:
            run.open = False
            if self.bot.quizzes.get(run.channel_id) is run:
                del self.bot.quizzes[run.channel_id]

    async def _ask(
        self, channel: discord.abc.Messageable, run: QuizRun, number: int, typed_ok: bool
    ) -> None:
        run.number, run.answers = number, {}
        question = run.question
        view = ChoiceView(run, question) if question.choices else None
        message = await channel.send(embed=question_embed(run, typed_ok), view=view)  # type: ignore[arg-type]
        run.open = True
        try:
            await asyncio.sleep(run.seconds * self.bot.quiz_second)
        finally:
            run.open = False
        if view is not None:
            view.close()
            try:
                await message.edit(view=view)
            except discord.HTTPException as exc:
                log.debug("Could not close the quiz buttons: %s", exc)
        right, wrong = [], []
        aliases = self.bot.library.aliases
        for user_id, (name, text) in run.answers.items():
            ok = check_answer(question, text, aliases)
            (right if ok else wrong).append(name)
            self.bot.servers.record_answer(run.guild_id, user_id, name, right=ok)
            before = run.points.get(user_id, (name, 0))[1]
            run.points[user_id] = (name, before + int(ok))
        await channel.send(embed=result_embed(run, right, wrong))

    def _final(self, run: QuizRun) -> discord.Embed:
        ranked = sorted(run.points.values(), key=lambda p: -p[1])
        lines = [f"{clean(name)}: {points}" for name, points in ranked] or ["Nobody answered."]
        return discord.Embed(
            title=f"Quiz over: {len(run.questions)} questions",
            description="\n".join(lines) + "\n\n/quiz leaderboard shows the server's scores.",
            colour=ANSWER_COLOUR,
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        run = self.bot.quizzes.get(message.channel.id)
        if run is None or message.author.bot or not run.open:
            return
        text = message.content
        if self.bot.user is not None:
            text = re.sub(rf"<@!?{self.bot.user.id}>", " ", text)
        role = message.guild.self_role if message.guild else None
        if role is not None:
            text = re.sub(rf"<@&{role.id}>", " ", text)
        text = text.strip()
        if not text or text.startswith(self.bot.config.prefix):
            return  # no content (no intent, not a mention) or a command
        run.answer(message.author, text)


async def setup(bot: CableBot) -> None:
    await bot.add_cog(Quiz(bot))
