"""Turn the errors a command can meet into one sentence for the person who ran it."""

from __future__ import annotations

import math

import discord
from discord import app_commands
from discord.ext import commands

from knowledge.errors import CablebotError

UNEXPECTED = "Something went wrong on my side; it has been logged for the moderators."


class Refusal(commands.CommandError):
    """A request the bot turns down; the message says why in one sentence."""


class IngestRefused(commands.CheckFailure):
    """The member may not add documents; the message says who may."""


def root_cause(error: BaseException) -> BaseException:
    """The error inside the wrappers discord.py puts around a command's own exception."""
    wrappers = (
        commands.CommandInvokeError,
        commands.HybridCommandError,
        app_commands.CommandInvokeError,
    )
    while isinstance(error, wrappers) and error.original is not None:
        error = error.original
    return error


def wait_sentence(retry_after: float) -> str:
    """Tell someone over their rate how long to wait, in whole seconds."""
    seconds = max(1, math.ceil(retry_after))
    wait = "1 second" if seconds == 1 else f"{seconds} seconds"
    return f"Slow down: try again in {wait}."


def _permissions(names: list[str]) -> str:
    labels = [name.replace("guild", "server").replace("_", " ").title() for name in names]
    return " and ".join(labels)


def explain(error: BaseException) -> str | None:
    """One short sentence for a known error; None for one that needs a traceback in the log."""
    error = root_cause(error)
    match error:
        case CablebotError():
            return str(error)
        case commands.CommandOnCooldown() | app_commands.CommandOnCooldown():
            return wait_sentence(error.retry_after)
        case commands.MissingPermissions() | app_commands.MissingPermissions():
            return f"You need the {_permissions(error.missing_permissions)} permission for that."
        case commands.BotMissingPermissions() | app_commands.BotMissingPermissions():
            return f"I need the {_permissions(error.missing_permissions)} permission for that."
        case commands.NoPrivateMessage() | app_commands.NoPrivateMessage():
            return "That command works only in a server."
        case Refusal() | IngestRefused():
            return str(error)
        case commands.MissingRequiredAttachment():
            return "Attach the document (.html, .md, .txt or FRUS TEI .xml) to the command."
        case commands.MissingRequiredArgument():
            return f"The {error.param.name} is missing; see /help for an example."
        case commands.RangeError(minimum=int() as low, maximum=int() as high):
            return f"That number must be between {low} and {high}."
        case commands.BadArgument() | commands.ArgumentParsingError() | commands.TooManyArguments():
            return str(error)
        case app_commands.TransformerError():
            return f"{error.value!r} is not a valid value there."
        case commands.CheckFailure() | app_commands.CheckFailure():
            return "You cannot use that command here."
        case commands.DisabledCommand():
            return "That command is switched off."
        case app_commands.CommandNotFound() | app_commands.CommandSignatureMismatch():
            return "That command has changed since it was published; a moderator should sync the commands."
        case discord.Forbidden():
            return "Discord did not let me do that here; check my permissions in this channel."
    return None
