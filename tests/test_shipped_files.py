"""The files the project ships: seeds, the example config, the alias file, the layering."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from knowledge.aliases import BUNDLED, load_aliases
from knowledge.config import Config, load_config
from knowledge.parse import SUFFIXES, parse_path

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "seeds"
SEED_SHA256 = "c8a110e8bc9866ade840c33c9490792f3993e8b0f5c31e8b98830376c5db3653"


def seed_files() -> list[Path]:
    return sorted(p for p in SEEDS.rglob("*") if p.is_file())


def test_there_are_seeds():
    assert seed_files(), "seeds/ is empty"


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name)
def test_every_seed_parses(path):
    assert path.suffix.lower() in SUFFIXES
    cables = parse_path(path, aliases=load_aliases())
    assert any(c.kind == "cable" for c in cables)
    for c in cables:
        assert c.title and c.paragraphs, c.id
        if c.kind == "cable":
            assert c.date is not None and c.source is not None, c.id
    assert len({c.id for c in cables}) == len(cables)


def test_seed_keeps_its_bytes():
    data = (SEEDS / "wilson-center-1950-cables.html").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256


def test_example_config_loads_with_documented_values():
    config = load_config(PROJECT / "config.example.yaml")
    assert config == Config(
        prefix="!",
        ask_channels=(),
        cooldown_rate=5,
        cooldown_per=30.0,
        guild=None,
        store=None,
        seeds=None,
        aliases=None,
        ingest_role=None,
        log_level="INFO",
    )
    assert config.seeds_dir == SEEDS


def test_example_config_documents_every_setting_and_holds_no_secret():
    text = (PROJECT / "config.example.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for key in (
        "prefix",
        "ask_channels",
        "cooldown",
        "guild",
        "store",
        "seeds",
        "aliases",
        "ingest_role",
        "log_level",
    ):
        assert key in data, key
    assert not any("token" in str(k).lower() for k in data)
    assert "DISCORD_TOKEN" in text  # says where the token comes from instead


def test_bundled_aliases_resolve_the_pseudonyms():
    assert BUNDLED.exists()
    aliases = load_aliases()
    for written, name in (
        ("FILIPPOV [Stalin]", "Stalin"),
        ("Fyn Si", "Stalin"),
        ("Chou En-lai", "Zhou Enlai"),
        ("Comrade Zakharov", "Zakharov"),
    ):
        assert aliases.person(written) == name
    assert aliases.place("Peking") == "Beijing"
    assert "pistol" in aliases.related_words("handguns")
    assert "automobile" in aliases.related_words("trucks")


def test_knowledge_imports_nothing_from_discord():
    code = (
        "import knowledge.library, knowledge.cli, knowledge.qa.answer, knowledge.present, "
        "knowledge.lookup, knowledge.parse; import sys; "
        "bad = sorted(m for m in sys.modules if m == 'discord' or m.startswith(('discord.', 'bot')));"
        "assert not bad, bad"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT, timeout=60
    )
    assert proc.returncode == 0, proc.stderr


def test_no_knowledge_module_imports_discord_or_the_bot():
    anywhere = re.compile(r"^\s*(?:import|from)\s+(?:discord|bot)\b", re.M)
    top_level = re.compile(r"^(?:import|from)\s+(?:discord|bot)\b", re.M)
    offenders = []
    for path in (PROJECT / "knowledge").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(PROJECT))
        # only the CLI's `run` command may reach the bot, lazily, inside the function
        if top_level.search(text) or (anywhere.search(text) and name != "knowledge/cli.py"):
            offenders.append(name)
    assert offenders == []


def test_console_script_and_ci_command():
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["cablebot"] == "knowledge.cli:main"
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(
        line
        for line in readme.splitlines()
        if "pytest" in line and line.startswith("python3 -m venv")
    )
    assert test_command in ci.splitlines()
