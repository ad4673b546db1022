"""The study server: did-you-mean buttons, quizzes, per-server settings, the context menu,
mentions of the bot's role, and unquoted prefix arguments."""

from __future__ import annotations

from fake_world import CHANNELS, EPHEMERAL

from bot._didyoumean import NOT_YOURS_CHOICE
from knowledge.quiz import questions_for

MISS = "how many bananas did Mao request"


def buttons(body: dict) -> list[dict]:
    return [b for row in body.get("components", []) for b in row["components"]]


# -- did-you-mean buttons ---------------------------------------------------------------------


async def test_miss_offers_buttons_for_the_asker_only(start_bot, fake):
    await start_bot(page_timeout=0.5)
    miss = await fake.slash_reply("ask", question=MISS)
    assert miss.ephemeral and "do not say" in miss.text()
    offered = buttons(miss.body)
    assert 1 <= len(offered) <= 5
    assert offered[0]["label"] == "Soviet rifles (140,000, Mao Zedong)"

    refusal = await fake.reply_to(
        await fake.click(miss.message, offered[0]["custom_id"], user="bob")
    )
    assert refusal.ephemeral and refusal.body["content"] == NOT_YOURS_CHOICE

    answer = await fake.reply_to(await fake.click(miss.message, offered[0]["custom_id"]))
    assert answer.route == "callback:4" and answer.ephemeral
    assert "asked for 140,000 Soviet rifles" in answer.text()
    assert "1. Soviet rifles 140,000." in answer.text()  # the cable's own words, cited

    title = next(b for b in offered if b["label"].startswith("Ciphered telegram"))
    card = await fake.reply_to(await fake.click(miss.message, title["custom_id"]))
    assert "telegram No. 26637" in card.text()

    # On timeout the buttons are disabled on the message itself.
    edited = await fake.wait_for(
        lambda s: s.route == "edit_original" and s.message["id"] == miss.message["id"], timeout=3
    )
    assert buttons(edited.body) and all(b["disabled"] for b in buttons(edited.body))


async def test_a_mention_miss_gets_buttons_too(bot, fake):
    reply = await fake.message_reply(MISS, channel="general", mention_bot=True)
    assert buttons(reply.body)
    answer = await fake.reply_to(
        await fake.click(reply.message, buttons(reply.body)[0]["custom_id"])
    )
    assert answer.ephemeral and "Soviet rifles" in answer.text()


# -- quiz -------------------------------------------------------------------------------------


def right_answer(library, prompt: str) -> str:
    for cable in library.store.all():
        for q in questions_for(cable):
            if q.prompt == prompt:
                return q.answer
    raise AssertionError(f"no stored question reads {prompt!r}")


async def next_question(fake, after: int):
    return await fake.wait_for(
        lambda s: (
            s.route == "message"
            and s.embeds
            and s.embeds[0].get("title", "").startswith("Question ")
            and " of " in s.embeds[0]["title"]
        ),
        after=after,
        timeout=5,
    )


async def next_result(fake, after: int):
    return await fake.wait_for(
        lambda s: (
            s.route == "message"
            and s.embeds
            and s.embeds[0].get("fields")
            and s.embeds[0]["title"].startswith("Question ")
        ),
        after=after,
        timeout=5,
    )


async def test_a_quiz_of_three_with_right_wrong_and_late_answers(start_bot, fake, library):
    bot = await start_bot(quiz_second=0.1)  # a quiz second is 0.1 s here: 5 "seconds" = 0.5 s
    start = await fake.slash_reply("quiz start", cable="26637", questions=3, seconds=5)
    assert "A quiz of 3 questions on 26637 starts now" in start.text()
    again = await fake.slash_reply("quiz start", cable="26637")
    assert again.ephemeral and "A quiz is running in this channel already" in again.text()

    mark = 0
    # 1: alice right, bob wrong
    q = await next_question(fake, mark)
    mark = fake.sent.index(q) + 1
    answer = right_answer(library, q.embeds[0]["description"].replace("\\", ""))
    await fake.user_says(answer, user="alice")
    await fake.user_says("nobody knows 7", user="bob")
    await fake.user_says("a second try", user="bob")  # only the first answer counts
    result = await next_result(fake, mark)
    assert "Right: Alice" in result.text() and "Wrong: Bob" in result.text()
    assert answer.replace("\\", "") in result.text().replace("\\", "")
    assert "APRF" in result.embeds[0]["footer"]["text"]  # the citation
    mark = fake.sent.index(result) + 1
    # 2: bob right, alice wrong
    q = await next_question(fake, mark)
    mark = fake.sent.index(q) + 1
    answer = right_answer(library, q.embeds[0]["description"].replace("\\", ""))
    await fake.user_says("zzz", user="alice")
    await fake.user_says(answer, user="bob")
    result = await next_result(fake, mark)
    assert "Right: Bob" in result.text() and "Wrong: Alice" in result.text()
    mark = fake.sent.index(result) + 1
    # 3: alice answers only after the result is out: late, not scored
    q = await next_question(fake, mark)
    mark = fake.sent.index(q) + 1
    answer = right_answer(library, q.embeds[0]["description"].replace("\\", ""))
    result = await next_result(fake, mark)
    assert "Right: nobody" in result.text()
    await fake.user_says(answer, user="alice")
    final = await fake.wait_for(
        lambda s: s.embeds and s.embeds[0].get("title", "").startswith("Quiz over"), after=mark
    )
    assert "Alice: 1" in final.text() and "Bob: 1" in final.text()
    await fake.settle(0.3)
    assert not bot.quiz_runs_in(CHANNELS["general"])

    # The scores outlive the bot.
    await bot.close()
    await start_bot(quiz_second=0.1)
    board = await fake.slash_reply("quiz leaderboard")
    assert "1. Bob: 1 of 2" in board.text() or "1. Alice: 1 of 2" in board.text()
    assert "Alice: 1 of 2" in board.text() and "Bob: 1 of 2" in board.text()


async def test_quiz_buttons_and_stop(start_bot, fake, library):
    await start_bot(quiz_second=0.2)
    await fake.slash_reply("quiz start", person="Zhou Enlai", topic="recipient", seconds=5)
    q = await next_question(fake, 0)
    choices = buttons(q.body)  # a person question carries buttons
    answer = right_answer(library, q.embeds[0]["description"].replace("\\", ""))
    pick = next(b for b in choices if b["label"] == answer)
    ack = await fake.reply_to(await fake.click(q.message, pick["custom_id"]))
    assert ack.ephemeral and "Your answer is in" in ack.text()
    again = await fake.reply_to(await fake.click(q.message, pick["custom_id"]))
    assert "answered this question already" in again.text()
    refused = await fake.slash_reply("quiz stop", user="bob")
    assert refused.ephemeral and "Only whoever started the quiz" in refused.text()
    stopped = await fake.slash_reply("quiz stop")
    assert "Quiz stopped" in stopped.text()
    none = await fake.slash_reply("quiz stop")
    assert "No quiz is running" in none.text()


# -- settings ---------------------------------------------------------------------------------


async def test_settings_set_by_an_admin_refused_for_a_member_applied_at_once(bot, fake):
    shown = await fake.slash_reply("settings show", user="mod")
    assert shown.ephemeral and "quiz_seconds" in shown.text()

    refused = await fake.slash_reply(
        "settings set", user="alice", setting="quiz_seconds", value="20"
    )
    assert refused.ephemeral and "You need the Manage Server permission" in refused.text()
    refused = await fake.slash_reply("settings show", user="alice")
    assert "You need the Manage Server permission" in refused.text()

    # Until set, #other is not an ask channel.
    await fake.user_says("how many rifles did Mao request", channel="other")
    await fake.settle()
    assert not [s for s in fake.sent if s.channel_id == CHANNELS["other"] and s.route == "message"]
    done = await fake.slash_reply(
        "settings set", user="mod", setting="ask_channels", value=f"<#{CHANNELS['other']}>"
    )
    assert f"ask_channels is now <#{CHANNELS['other']}>" in done.text()
    reply = await fake.message_reply("how many rifles did Mao request", channel="other")
    assert "140,000" in reply.text()

    bad = await fake.slash_reply("settings set", user="mod", setting="quiz_seconds", value="2")
    assert bad.ephemeral and "quiz_seconds must be from 5 to 300, not 2" in bad.text()

    assert (await fake.slash_reply("ask", question=MISS)).ephemeral
    await fake.slash_reply("settings set", user="mod", setting="ephemeral_misses", value="no")
    assert not (await fake.slash_reply("ask", question=MISS)).ephemeral

    await fake.slash_reply("settings set", user="mod", setting="ingest_role", value="Archivist")
    doc = ("gao.txt", b"Title: Telegram of Gao Gang\nDate: 20 November 1950\n\nSend 30 tractors.\n")
    added = await fake.slash_reply("ingest", user="archivist", document=doc)
    assert "Added from gao.txt" in added.text()


# -- context menu -----------------------------------------------------------------------------


async def test_find_cables_mentioned_in_a_message(bot, fake):
    message = await fake.user_says(
        "Compare telegram 26637 with No. 5708, not Deptel 812; 1950 was a long year.",
        channel="general",
    )
    reply = await fake.reply_to(await fake.context_menu("Find cables mentioned", message))
    assert reply.body["flags"] & EPHEMERAL
    text = reply.text()
    assert "telegram 26637" in text and "Mao Zedong to Filippov" in text
    assert "No. 5708**: 5708 · 17 November 1950" in text and "(Stalin) to Zhou Enlai" in text
    assert "Deptel 812**: not in the library" in text
    assert "1950**" not in text  # a year is not a reference
    assert text.index("26637") < text.index("5708")

    plain = await fake.user_says("no numbers here", channel="general")
    reply = await fake.reply_to(await fake.context_menu("Find cables mentioned", plain))
    assert reply.ephemeral and "I found no telegram number" in reply.text()


# -- mentions and prefixes --------------------------------------------------------------------


async def test_a_mention_of_the_bots_role_is_answered(bot, fake):
    reply = await fake.message_reply(
        "how many rifles did Mao request", channel="general", mention_role=True
    )
    assert "140,000" in reply.text()
    assert "<@&" not in reply.embeds[0]["title"]  # the role mention is not part of the question
    listing = await fake.message_reply("cables", channel="general", mention_role=True)
    assert "26637" in listing.text()  # and it works as a prefix


async def test_quote_takes_the_rest_of_the_line(bot, fake):
    reply = await fake.message_reply("!quote zhou automobiles", channel="general")
    assert "Zhou Enlai to Filippov" in reply.text()
    part = await fake.message_reply("!quote zhou automobiles 2", channel="general")
    assert "Part 2 of" in part.text()
