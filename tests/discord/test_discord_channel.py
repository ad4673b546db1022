"""Questions asked in the channel: mentions and ask_channels are answered, nothing else is."""

from __future__ import annotations

from fake_world import BOT_USER_ID, CHANNELS

from bot._errors import UNEXPECTED
from knowledge.config import Config

QUESTION = "how many rifles did Mao request"


def bot_messages(fake, channel: str) -> list:
    return [s for s in fake.sent if s.route == "message" and s.channel_id == CHANNELS[channel]]


async def test_mention_is_answered_as_ask(bot, fake):
    reply = await fake.message_reply(QUESTION, channel="general", mention_bot=True)
    assert "140,000" in reply.text()
    assert reply.body["message_reference"]["message_id"]  # a reply to the question
    assert reply.body["allowed_mentions"] == {"parse": [], "replied_user": False}


async def test_ask_channel_message_is_answered(bot, fake):
    reply = await fake.message_reply(QUESTION, channel="questions")
    assert "140,000" in reply.text()
    await fake.settle()
    # The bot's own reply comes back through the gateway; it must not answer itself.
    assert len(bot_messages(fake, "questions")) == 1


async def test_other_channels_are_not_read(bot, fake):
    await fake.user_says(QUESTION, channel="other")
    await fake.settle()
    assert bot_messages(fake, "other") == []


async def test_other_bots_are_ignored(bot, fake):
    await fake.user_says(QUESTION, user="otherbot", channel="questions")
    await fake.user_says(QUESTION, user="otherbot", channel="general", mention_bot=True)
    await fake.user_says("!cables", user="otherbot", channel="questions")
    await fake.settle()
    assert fake.sent == []


async def test_command_in_ask_channel_runs_once(bot, fake):
    reply = await fake.message_reply("!items 26637", channel="questions")
    assert "TNT" in reply.text()
    await fake.settle()
    assert len(bot_messages(fake, "questions")) == 1  # not also answered as a question


async def test_bare_mention_asks_for_a_question(bot, fake):
    reply = await fake.message_reply("", channel="general", mention_bot=True)
    assert "The question is empty" in reply.text()


async def test_without_ask_channels_only_mentions_reach_the_bot(start_bot, fake):
    await start_bot(Config(ask_channels=()))
    # Without the message content intent Discord blanks "!cables"; only a mention gets through.
    await fake.user_says("!cables", channel="general")
    await fake.user_says(QUESTION, channel="questions")
    await fake.settle()
    assert fake.sent == []
    answer = await fake.message_reply(QUESTION, channel="general", mention_bot=True)
    assert "140,000" in answer.text()
    listing = await fake.message_reply(f"<@{BOT_USER_ID}> cables", channel="general")
    assert "26637" in listing.text()


async def test_mistyped_command_in_ask_channel_is_left_alone(bot, fake):
    await fake.user_says("!quot 26637", channel="questions")
    await fake.settle()
    assert fake.sent == []


async def test_unexpected_failure_answering_a_mention_is_logged(bot, fake, error_log, monkeypatch):
    def broken(question, context=None):
        raise RuntimeError("index corrupt")

    monkeypatch.setattr(bot.library, "ask", broken)
    reply = await fake.message_reply(QUESTION, channel="general", mention_bot=True)
    assert reply.body["content"] == UNEXPECTED
    (record,) = error_log.take()
    assert record.exc_info and "index corrupt" in str(record.exc_info[1])
