"""Embeds for cablebot's replies, escaped and cut to fit Discord's limits."""

from __future__ import annotations

import discord

from knowledge.answers import Answer, Citation

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
FIELD_COUNT_LIMIT = 25
EMBED_LIMIT = 6000

ANSWER_COLOUR = discord.Colour(0x9E2A2B)  # the red of a Soviet cipher stamp
MISS_COLOUR = discord.Colour.light_grey()
MAX_CITATIONS = 5  # fields shown under an answer; the rest are rarely read


def clean(text: str) -> str:
    """Escape text from a user or a cable so it shows as written and pings nobody."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def clip(text: str, limit: int) -> str:
    """Cut text to at most limit characters, ending with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rstrip()
    # An odd run of trailing backslashes would escape the ellipsis instead of the text.
    trailing = len(cut) - len(cut.rstrip("\\"))
    if trailing % 2:
        cut = cut[:-1]
    return cut + "…"


def quote_block(text: str, limit: int) -> str:
    """Text (already escaped) as a Markdown block quote of at most limit characters."""
    lines = [line for line in text.splitlines() if line.strip()]
    return clip("\n".join(f"> {line}" for line in lines), limit)


def fit(embed: discord.Embed) -> discord.Embed:
    """Drop trailing fields, then shorten the description, until the embed fits 6,000."""
    while len(embed) > EMBED_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_LIMIT and embed.description:
        excess = len(embed) - EMBED_LIMIT
        embed.description = clip(embed.description, len(embed.description) - excess)
    return embed


def citation_footer(citation: Citation) -> str:
    """Footer naming the cable and its archival source (footers show no Markdown)."""
    parts = [citation.title, citation.date, citation.source]
    return clip(" · ".join(p for p in parts if p), FOOTER_LIMIT)


def answer_embed(answer: Answer) -> discord.Embed:
    """The answer, the cables' words it rests on, and the first cable's source."""
    # The fields and footer carry the citation, so the description is the bare fact.
    text = answer.fact if answer.fact and answer.citations else answer.text
    embed = discord.Embed(
        title=clip(clean(answer.question), TITLE_LIMIT),
        description=clip(clean(text), DESCRIPTION_LIMIT),
        colour=ANSWER_COLOUR if answer.found else MISS_COLOUR,
    )
    for citation in answer.citations[:MAX_CITATIONS]:
        if citation.quote.strip():
            name = f"{citation.title} ({citation.date})" if citation.date else citation.title
            embed.add_field(
                name=clip(clean(name), FIELD_NAME_LIMIT),
                value=quote_block(clean(citation.quote), FIELD_VALUE_LIMIT),
                inline=False,
            )
    if answer.suggestions:
        tries = "\n".join(f"• {clean(s)}" for s in answer.suggestions[:10])
        embed.add_field(
            name="The cables do say", value=clip(tries, FIELD_VALUE_LIMIT), inline=False
        )
    if answer.citations:
        embed.set_footer(text=citation_footer(answer.citations[0]))
    return fit(embed)


def notice_embed(text: str, *, title: str | None = None) -> discord.Embed:
    """A short notice: a miss, a refusal, a result; text is escaped here."""
    embed = discord.Embed(description=clip(clean(text), DESCRIPTION_LIMIT), colour=MISS_COLOUR)
    if title:
        embed.title = clip(clean(title), TITLE_LIMIT)
    return embed
