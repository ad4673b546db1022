"""The one entry point the CLI and the bot use: open a store, ask, quote, list, ingest."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from knowledge.answers import Answer
from knowledge.records import Cable, Event, RequestedItem

MAX_QUESTION_CHARS = 500


@dataclass(frozen=True)
class CableSummary:
    """A line of the cable list: enough to pick a cable."""

    id: str
    title: str
    date: str  # displayed date, "" if none
    kind: str  # "cable" or "commentary"
    telegram_number: str
    sender: str
    recipient: str


@dataclass(frozen=True)
class ItemRow:
    cable_id: str
    cable_title: str
    item: RequestedItem


@dataclass(frozen=True)
class TimelineEntry:
    cable_id: str
    cable_title: str
    event: Event


@dataclass(frozen=True)
class IngestResult:
    """What happened to one file: added, updated, unchanged or failed (with the reason)."""

    file: str
    status: str
    cables: tuple[str, ...] = ()
    reason: str = ""
