"""/thread, /timeline with its picture, and a follow-up asked in a channel, through the fake Discord."""

from __future__ import annotations

import struct

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZHOU = "No. 26998, Zhou Enlai to Stalin, 17 November 1950"
REPLY = "No. 5708, Stalin to Zhou Enlai, 17 November 1950"


async def test_thread_slash_shows_the_chain_in_date_order(bot, fake):
    reply = await fake.slash_reply("thread", cable="5708")
    text = reply.embeds[0]["description"]
    assert not reply.ephemeral
    assert text.index(ZHOU) < text.index(REPLY)  # the request first, then its reply
    assert "Request from Zhou Enlai to Stalin for the rapid transfer of automobiles" in text
    assert 'the cable says: "I received the telegram with the request' in text
    assert "inferred" in reply.embeds[0]["footer"]["text"]


async def test_thread_with_the_prefix_and_words(bot, fake):
    reply = await fake.message_reply("!thread zhou automobiles", channel="general")
    assert ZHOU in reply.text() and REPLY in reply.text()


async def test_thread_of_an_unknown_cable_is_one_sentence(bot, fake):
    reply = await fake.slash_reply("thread", cable="zzqxv wqqz")
    assert reply.ephemeral and "No cable matches" in reply.text()


async def test_timeline_attaches_a_png(bot, fake):
    iid = await fake.slash("timeline", person="Zhou Enlai")
    reply = await fake.reply_to(iid, timeout=10)
    ((name, data),) = reply.body["_files"]
    assert name == "timeline.png"
    assert data[:8] == PNG_SIGNATURE and 10_000 < len(data) < 1_000_000
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1100 and 200 < height < 1000
    (embed,) = reply.embeds
    assert embed["image"]["url"] == "attachment://timeline.png"
    assert "2 cables in 2 lanes" in embed["description"] and "1 reply arrow" in embed["description"]
    assert embed["title"] == "Cables of Zhou Enlai"


async def test_timeline_bad_date_is_one_sentence(bot, fake):
    iid = await fake.slash("timeline", **{"from": "whenever"})
    reply = await fake.reply_to(iid, timeout=10)
    assert "is not a date" in reply.text()


async def test_follow_up_in_a_channel_uses_the_members_last_answer(bot, fake):
    first = await fake.message_reply("who signed telegram 26998", channel="questions")
    assert "ZHOU ENLAI" in first.text()
    second = await fake.message_reply("when was it received?", channel="questions")
    assert "Assuming telegram 26998: Zhou Enlai to Stalin, 17 November 1950" in second.text()
    assert "20:45" in second.text()
    # Another member in the same channel has no conversation yet: nothing is assumed.
    other = await fake.message_reply("when was it received?", channel="questions", user="bob")
    assert "Assuming" not in other.text()


async def test_follow_up_with_slash_ask(bot, fake):
    await fake.slash_reply("ask", question="who signed telegram 5708")
    reply = await fake.slash_reply("ask", question="who relayed it?")
    assert "Assuming telegram 5708" in reply.text() and "Zakharov" in reply.text()


async def test_quote_shows_what_a_cable_answers(bot, fake):
    reply = await fake.slash_reply("quote", cable="5708")
    (field,) = [f for f in reply.embeds[0]["fields"] if f["name"] == "Thread"]
    assert field["value"].startswith(f"Answers: {ZHOU}")
    request = await fake.slash_reply("quote", cable="26998")
    assert f"Answered by: {REPLY}" in request.text()
