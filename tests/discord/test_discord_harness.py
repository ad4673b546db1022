"""The fake and its fixture catch what they promise to: unserved routes, refused bodies, errors."""

from __future__ import annotations

import logging

import discord
import pytest
from discord.http import Route
from fake_checks import limit_problems
from fake_world import CHANNELS


async def test_unserved_route_is_recorded(bot, fake):
    with pytest.raises(discord.NotFound):
        await bot.http.request(
            Route("GET", "/channels/{channel_id}/pins", channel_id=CHANNELS["general"])
        )
    assert fake.problems() == [f"unserved route GET /api/v10/channels/{CHANNELS['general']}/pins"]
    fake.unhandled.clear()  # this test made it on purpose


async def test_oversized_message_is_refused_like_discord(bot, fake):
    channel = bot.get_channel(CHANNELS["general"])
    with pytest.raises(discord.HTTPException) as refused:
        await channel.send("x" * 2001)
    assert refused.value.status == 400
    assert fake.problems() == [
        "Discord would refuse message: content is 2001 characters (max 2000)"
    ]
    fake.violations.clear()


async def test_pingable_message_is_flagged(bot, fake):
    channel = bot.get_channel(CHANNELS["general"])
    await channel.send("@everyone", allowed_mentions=discord.AllowedMentions(everyone=True))
    assert fake.problems() == ["message: allowed_mentions={'parse': ['everyone']}"]
    fake.sent.clear()


async def test_error_logs_are_collected(bot, error_log):
    logging.getLogger("bot.cogs.ask").error("boom")
    assert [r.getMessage() for r in error_log.take()] == ["boom"]


def test_limit_problems_counts_the_whole_embed():
    embed = {
        "title": "t" * 256,
        "description": "d" * 4096,
        "fields": [{"name": "n", "value": "v" * 1024}] * 2,
    }
    assert limit_problems({"embeds": [embed]}) == ["embeds hold 6402 characters (max 6000)"]
