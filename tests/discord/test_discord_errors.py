"""Misses and errors: one short sentence, ephemeral for slash commands; the unexpected is logged."""

from __future__ import annotations

import logging

import pytest
from fake_world import CHANNELS, snowflake

from bot._errors import UNEXPECTED
from knowledge.config import Config

LONG_QUESTION = ("how many rifles did Mao request " * 200)[:5000]


async def test_not_found_answer_is_ephemeral(bot, fake):
    reply = await fake.slash_reply("ask", question="what did Truman eat for breakfast")
    assert reply.ephemeral
    assert "do not say" in reply.text()


async def test_unknown_cable_is_ephemeral(bot, fake):
    for command in ("quote", "source", "items", "dates"):
        reply = await fake.slash_reply(command, cable="Truman's diary")
        assert reply.ephemeral, command
        assert reply.body["content"].startswith("No cable matches"), command


async def test_unknown_cable_with_prefix(bot, fake):
    reply = await fake.message_reply("!source Truman's diary")
    assert reply.body["content"].startswith("No cable matches")


async def test_long_question_is_refused(bot, fake):
    reply = await fake.slash_reply("ask", question=LONG_QUESTION)
    assert reply.ephemeral
    assert "keep it under 500 characters" in reply.text()
    reply = await fake.message_reply(LONG_QUESTION, channel="questions")
    assert "keep it under 500 characters" in reply.text()


@pytest.mark.parametrize(
    ("message", "sentence"),
    [
        ("!source", "The cable is missing; see /help for an example."),
        # The rest of the line names the cable ("!quote zhou automobiles"): these words do not.
        ("!quote 26637 two", "No cable matches '26637 two'."),
        ("!quote 26637 0", "That number must be between 1 and 500."),
        ("!help nothing", "There is no nothing command"),
    ],
)
async def test_bad_prefix_input_gets_one_sentence(bot, fake, message, sentence):
    reply = await fake.message_reply(message, channel="general")
    assert sentence in reply.body["content"]


async def test_cooldown_says_how_long_to_wait(start_bot, fake):
    await start_bot(Config(ask_channels=(CHANNELS["questions"],), cooldown_rate=1, cooldown_per=60))
    assert not (await fake.slash_reply("cables")).ephemeral
    wait = await fake.slash_reply("cables")
    assert wait.ephemeral and "Slow down: try again in 60 seconds." in wait.text()
    wait = await fake.message_reply("!cables", channel="general")
    assert "Slow down" in wait.text()
    assert not (await fake.slash_reply("cables", user="bob")).ephemeral  # per user
    await fake.message_reply("how many rifles did Mao request", channel="questions")
    wait = await fake.message_reply("how many rifles did Mao request", channel="questions")
    assert "Slow down" in wait.text()


async def test_unexpected_error_is_logged_with_traceback(bot, fake, error_log, monkeypatch):
    def broken():
        raise RuntimeError("the store fell over")

    monkeypatch.setattr(bot.library, "cables", broken)
    reply = await fake.slash_reply("cables")
    assert reply.ephemeral and reply.body["content"] == UNEXPECTED
    (record,) = error_log.take()
    assert record.levelno == logging.ERROR and record.exc_info
    assert "the store fell over" in str(record.exc_info[1].__cause__ or record.exc_info[1])


async def test_stale_command_goes_to_the_tree_handler(bot, fake):
    # Discord still lists a command this version of the bot no longer has.
    fake.global_commands.append(
        {"id": str(snowflake()), "name": "gone", "description": "Old", "options": []}
    )
    reply = await fake.slash_reply("gone")
    assert reply.ephemeral
    assert "changed since it was published" in reply.text()
