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
        ("!quote 26637 two", 'Converting to "int" failed for parameter "part".'),
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


INGEST_DOC = b"""Title: Ciphered telegram, Gao Gang to Filippov (Stalin)
Date: 20 November 1950
Source: APRF, Fond 45, Opis 1, Delo 336, Listy 1-2
Sender: Gao Gang
Recipient: Stalin

CIPHERED TELEGRAM No. 27001
To Comrade FILIPPOV [Stalin]
I ask you to send 300 tractors for the army before 1 January 1951.
GAO GANG
"""


async def test_ingest_by_a_moderator(bot, fake):
    iid = await fake.slash("ingest", user="mod", document=("gao.txt", INGEST_DOC))
    deferred = await fake.wait_for(lambda s: s.interaction_id == iid and s.route == "callback:5")
    assert deferred.body["flags"] & 64
    reply = await fake.reply_to(iid)
    assert reply.route == "followup" and reply.ephemeral
    assert "Added from gao.txt" in reply.text() and "Gao Gang to Filippov" in reply.text()
    assert "300" in (await fake.slash_reply("items", cable="27001")).text()
    again = await fake.slash_reply("ingest", user="mod", document=("gao.txt", INGEST_DOC))
    assert "already in the library" in again.text()


async def test_ingest_with_the_configured_role(start_bot, fake):
    await start_bot(Config(ask_channels=(CHANNELS["questions"],), ingest_role="Archivist"))
    reply = await fake.slash_reply("ingest", user="archivist", document=("gao.txt", INGEST_DOC))
    assert "Added from gao.txt" in reply.text()
    refusal = await fake.slash_reply("ingest", user="alice", document=("gao.txt", INGEST_DOC))
    assert refusal.ephemeral and "Manage Server permission or the Archivist role" in refusal.text()


async def test_ingest_refused_to_members(bot, fake, library):
    reply = await fake.slash_reply("ingest", user="alice", document=("gao.txt", INGEST_DOC))
    assert reply.ephemeral
    assert (
        reply.body["content"] == "Only members with the Manage Server permission can add documents."
    )
    reply = await fake.message_reply(
        "!ingest", user="archivist", channel="general", files=(("gao.txt", INGEST_DOC),)
    )
    assert "Only members with the Manage Server permission" in reply.text()
    assert len(library.cables()) == 4


async def test_ingest_says_why_not(bot, fake):
    reply = await fake.slash_reply("ingest", user="mod", document=("notes.pdf", b"%PDF-1.4"))
    assert reply.ephemeral and "attach an .html, .md or .txt file" in reply.text()
    reply = await fake.slash_reply("ingest", user="mod", document=("notes.txt", b"just some notes"))
    assert reply.ephemeral and "Nothing was added from notes.txt" in reply.text()
    reply = await fake.message_reply("!ingest", user="mod", channel="general")
    assert "Attach the document" in reply.text()


async def test_ingest_with_prefix_and_attachment(bot, fake):
    reply = await fake.message_reply(
        "!ingest", user="mod", channel="general", files=(("gao.txt", INGEST_DOC),)
    )
    assert "Added from gao.txt" in reply.text()
