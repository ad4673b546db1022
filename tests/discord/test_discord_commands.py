"""Every command, as a slash command and with the prefix, answers with the cables' content."""

from __future__ import annotations

import pytest

# name, slash options, prefix message, words the reply must hold
COMMANDS = [
    ("ask", {"question": "how many rifles did Mao request"}, "!ask how many rifles did Mao request", ["140,000", "Listy 80-81"]),
    ("items", {}, "!items", ["TNT", "1,000 tons", "automobiles"]),
    ("items", {"cable": "26637"}, "!items 26637", ["TNT", "140,000"]),
    ("dates", {}, "!dates", ["20 November", "25-26 November 1950"]),
    ("dates", {"cable": "5708"}, "!dates 5708", ["20 November"]),
    ("quote", {"cable": "26637"}, "!quote 26637", ["Mao Zedong to Filippov", "CIPHERED TELEGRAM No. 26637", "FILIPPOV"]),
    ("quote", {"cable": "26637", "part": 10}, "!quote 26637 10", ["> 1. Soviet rifles 140,000.", "Part 10 of 24"]),
    ("cables", {}, "!cables", ["26637", "26998", "5708", "Commentary by Kwang-On Yoo"]),
    ("source", {"cable": "26637"}, "!source 26637", ["APRF, Fond 45, Opis 1, Delo 335, Listy 80-81", "footnote"]),
    ("help", {}, "!help", ["/ask question", "/quote cable [part]", "!items 26637", "/ingest"]),
    ("help", {"command": "quote"}, "!help quote", ["/quote 26637 7", "!quote 26637 7"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "options", "_", "expected"), COMMANDS)
async def test_slash_command(bot, fake, name, options, _, expected):
    reply = await fake.slash_reply(name, **options)
    assert reply.route == "callback:4"
    assert not reply.ephemeral
    for words in expected:
        assert words in reply.text()


@pytest.mark.parametrize(("name", "_", "message", "expected"), COMMANDS)
async def test_prefix_command(bot, fake, name, _, message, expected):
    reply = await fake.message_reply(message, channel="general")
    assert reply.route == "message"
    for words in expected:
        assert words in reply.text()


async def test_ask_reply_quotes_and_cites(bot, fake):
    reply = await fake.slash_reply("ask", question="how many rifles did Mao request")
    (embed,) = reply.embeds
    assert "140,000" in embed["description"]
    assert embed["fields"][0]["value"].startswith("> 1. Soviet rifles 140,000.")
    assert "Mao Zedong to Filippov" in embed["footer"]["text"]
    assert "APRF, Fond 45, Opis 1, Delo 335, Listy 80-81" in embed["footer"]["text"]


async def test_cable_named_by_title_words(bot, fake):
    reply = await fake.slash_reply("source", cable="Zhou Enlai to Filippov")
    assert "Listy 122-123" in reply.text()
