"""Autocomplete choices for a `cable` argument, from the library's fuzzy completion."""

from __future__ import annotations

from discord import app_commands

from bot._embeds import clip
from knowledge.collection import CableSummary
from knowledge.library import Library

MAX_CHOICES = 25  # Discord shows no more
CHOICE_LIMIT = 100  # characters in a choice's name and value


def choice_name(summary: CableSummary) -> str:
    """'26637 · 8 November 1950 · Ciphered telegram, Mao Zedong to Filippov (Stalin)'."""
    parts = [summary.telegram_number, summary.date, summary.title]
    return clip(" · ".join(p for p in parts if p), CHOICE_LIMIT)


def cable_choices(library: Library, current: str) -> list[app_commands.Choice[str]]:
    """Up to 25 cables matching what the user has typed so far."""
    return [
        app_commands.Choice(name=choice_name(summary), value=summary.id)
        for summary in library.complete(current, limit=MAX_CHOICES)
        if len(summary.id) <= CHOICE_LIMIT
    ][:MAX_CHOICES]
