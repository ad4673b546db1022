"""Nothing the bot sends can ping anyone, break its Markdown, or exceed Discord's limits.

The start_bot fixture already checks every payload of every test (the fake refuses what
Discord would refuse); these tests push the edges on purpose.
"""

from __future__ import annotations

import discord
from fake_checks import limit_problems, mention_problems

from bot._embeds import EMBED_LIMIT, answer_embed, clip
from bot._paginator import pages_of_lines, paginate
from knowledge.answers import Answer, Citation

NASTY = "**@everyone** <@900000000000000031> __under__ `code` ~~gone~~ ||spoiler|| > quote [link](https://x.y) "


async def test_user_text_is_escaped(bot, fake):
    question = (NASTY * 8)[:490]
    reply = await fake.slash_reply("ask", question=question)
    title = reply.embeds[0]["title"]
    assert len(title) <= 256
    assert "\\*\\*@\u200beveryone\\*\\*" in title
    assert "<@\u200b900000000000000031>" in title
    assert "\\_\\_under\\_\\_" in title and "\\|\\|spoiler\\|\\|" in title
    assert reply.body["allowed_mentions"] == {"parse": []}


async def test_five_thousand_character_question(bot, fake):
    question = (NASTY * 60)[:5000]
    slash = await fake.slash_reply("ask", question=question)
    mention = await fake.message_reply(question, channel="general", mention_bot=True)
    for reply in (slash, mention):
        assert "5,000 characters long" in reply.text()
        assert limit_problems(reply.body) == [] and mention_problems([reply]) == []


async def test_every_reply_of_a_session_fits(bot, fake):
    """A tour of every command; the fixture checks each payload as it goes."""
    await fake.slash_reply("ask", question="what did Zhou ask for")
    await fake.slash_reply("cables")
    await fake.slash_reply("items")
    await fake.slash_reply("dates")
    await fake.slash_reply("help")
    for cable in ("26637", "26998", "5708", "commentary"):
        await fake.slash_reply("quote", cable=cable)
        await fake.slash_reply("source", cable=cable)
    await fake.message_reply("!dates 26998", channel="general")
    assert len(fake.sent) == 14
    assert all(limit_problems(s.body) == [] for s in fake.sent)
    assert mention_problems(fake.sent) == []


def test_answer_embed_stays_within_limits():
    huge = Citation("c", "T" * 400, "8 November 1950", "S" * 3000, "Q " * 2000)
    answer = Answer("?" * 5000, "A" * 9000, True, (huge,) * 40, ("s" * 500,) * 30, fact="F" * 9000)
    embed = answer_embed(answer)
    assert len(embed) <= EMBED_LIMIT
    assert limit_problems({"embeds": [embed.to_dict()]}) == []


def test_clip_never_ends_on_an_escaping_backslash():
    text = discord.utils.escape_markdown("*" * 50)
    for limit in range(2, 60):
        clipped = clip(text, limit)
        assert len(clipped) <= limit
        body = clipped.removesuffix("…")
        assert (len(body) - len(body.rstrip("\\"))) % 2 == 0


def test_paginate_keeps_every_character_and_every_escape():
    text = discord.utils.escape_markdown("word_with_underscores " * 400 + "*" * 5000)
    pages = paginate(text, limit=1800)
    assert all(len(p) <= 1800 for p in pages)
    assert "".join(pages).replace(" ", "") == text.replace(" ", "")
    for page in pages:
        assert (len(page) - len(page.rstrip("\\"))) % 2 == 0


def test_pages_of_lines_clips_a_line_longer_than_a_page():
    pages = pages_of_lines(["short", "x" * 5000, "tail"], limit=100)
    assert all(len(p) <= 100 for p in pages)
    assert pages[0] == "short" and pages[-1].endswith("tail")


async def test_long_user_text_in_error_sentences_is_clipped(bot, fake):
    for command, options in (("help", {"command": "x" * 5000}), ("source", {"cable": "y" * 5000})):
        reply = await fake.slash_reply(command, **options)
        assert reply.ephemeral and len(reply.body["content"]) <= 2000
