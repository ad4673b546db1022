"""cablebot's Discord layer: thin cogs over the knowledge library."""

from bot.app import CableBot, create_bot

__all__ = ["CableBot", "create_bot"]
