"""Typed settings, loaded from a YAML file when asked (never at import)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from knowledge.errors import CablebotError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DEFAULT_SEEDS = PROJECT_DIR / "seeds"
DEFAULT_CONFIG = Path("config.yaml")


@dataclass(frozen=True)
class Config:
    """Every setting of the bot and the CLI; see config.example.yaml for each one."""

    prefix: str = "!"
    ask_channels: tuple[int, ...] = ()
    cooldown_rate: int = 5  # commands a user may run ...
    cooldown_per: float = 30.0  # ... in this many seconds
    guild: int | None = None  # guild to sync commands to with `run --sync`
    store: str | None = None  # path of the SQLite store
    seeds: str | None = None  # folder read into a new store
    log_level: str = "INFO"
    ingest_role: str | None = None  # role allowed to /ingest besides Manage Server
    aliases: str | None = None  # an extra alias file merged over the bundled one
    # Defaults of the per-server settings (knowledge/server_settings.py; /settings in Discord).
    quiz_questions: int = 5  # questions in a /quiz start that names no number
    quiz_seconds: int = 30  # seconds to answer each quiz question
    ephemeral_misses: bool = True  # "the cables do not say" seen only by the asker
    # Ask Discord for the message content intent (ask channels, typed quiz answers);
    # None: only when ask_channels is set.
    message_content: bool | None = None
    extra: dict = field(default_factory=dict)

    @property
    def seeds_dir(self) -> Path:
        return Path(self.seeds) if self.seeds else DEFAULT_SEEDS


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Read settings from path, $CABLEBOT_CONFIG or ./config.yaml; defaults if none exists."""
    explicit = path or os.environ.get("CABLEBOT_CONFIG")
    target = Path(explicit) if explicit else DEFAULT_CONFIG
    if not target.exists():
        if explicit:
            raise CablebotError(f"The config file {target} does not exist.")
        return Config()
    try:
        data = yaml.safe_load(target.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CablebotError(f"The config file {target} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise CablebotError(f"The config file {target} must hold key: value settings.")
    return config_from_mapping(data, origin=str(target))


def config_from_mapping(data: dict, *, origin: str = "config") -> Config:
    """Build a Config from a mapping, checking each setting's type."""
    known = {f.name for f in fields(Config)} - {"extra"}
    values: dict = {}
    cooldown = data.get("cooldown")
    if isinstance(cooldown, dict):
        values["cooldown_rate"] = int(cooldown.get("rate", Config.cooldown_rate))
        values["cooldown_per"] = float(cooldown.get("per", Config.cooldown_per))
    for key, value in data.items():
        if key == "cooldown":
            continue
        if key not in known:
            raise CablebotError(f"{origin}: unknown setting {key!r}.")
        values[key] = value
    try:
        if "ask_channels" in values:
            values["ask_channels"] = tuple(int(c) for c in values["ask_channels"] or ())
        if values.get("guild") is not None:
            values["guild"] = int(values["guild"])
        for key in ("cooldown_rate",):
            if key in values:
                values[key] = int(values[key])
        if "cooldown_per" in values:
            values["cooldown_per"] = float(values["cooldown_per"])
    except (TypeError, ValueError):
        raise CablebotError(
            f"{origin}: ask_channels, guild and cooldown must be numbers."
        ) from None
    try:
        for key in ("quiz_questions", "quiz_seconds"):
            if key in values:
                values[key] = int(values[key])
    except (TypeError, ValueError):
        raise CablebotError(f"{origin}: quiz_questions and quiz_seconds must be numbers.") from None
    for key in ("ephemeral_misses", "message_content"):
        if key in values and not isinstance(values[key], bool | None):
            raise CablebotError(f"{origin}: {key} must be true or false.")
    if not isinstance(values.get("prefix", "!"), str) or not values.get("prefix", "!"):
        raise CablebotError(f"{origin}: prefix must be a non-empty string.")
    return Config(**values)
