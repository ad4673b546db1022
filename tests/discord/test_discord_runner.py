"""`cablebot run` in a subprocess, against the fake Discord through the environment variables."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import discord

from bot.runner import BAD_TOKEN, NO_TOKEN, main
from knowledge.config import Config

PROJECT = Path(__file__).resolve().parents[2]


class Run:
    """`cablebot run` in a subprocess, its output read as it comes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.chunks: list[bytes] = []
        self.readers = [
            asyncio.create_task(self._read(s)) for s in (process.stdout, process.stderr)
        ]

    @classmethod
    async def start(cls, tmp_path: Path, *, sync: bool, env: dict[str, str]) -> Run:
        config = tmp_path / "config.yaml"
        config.write_text("log_level: DEBUG\n")  # the most the bot ever logs: still no token
        args = ["--db", str(tmp_path / "store.db"), "--config", str(config), "run"]
        args += ["--sync"] if sync else []
        inherited = {
            k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "CABLEBOT_"))
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "knowledge.cli", *args,
            cwd=PROJECT, env=inherited | env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        return cls(process)

    async def _read(self, stream: asyncio.StreamReader) -> None:
        while chunk := await stream.read(4096):
            self.chunks.append(chunk)

    @property
    def output(self) -> str:
        return b"".join(self.chunks).decode(errors="replace")

    async def finish(self, sig: int | None = None, timeout: float = 30.0) -> int:
        if sig is not None:
            self.process.send_signal(sig)
        try:
            code = await asyncio.wait_for(self.process.wait(), timeout)
        finally:
            if self.process.returncode is None:
                self.process.kill()
        await asyncio.gather(*self.readers)
        return code


async def until(condition, timeout: float = 15.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


def fake_env(fake, token: str) -> dict[str, str]:
    return {
        "DISCORD_TOKEN": token,
        "CABLEBOT_DISCORD_API": f"{fake.base}/api/v10",
        "CABLEBOT_DISCORD_GATEWAY": f"ws://127.0.0.1:{fake.port}/",
    }


async def test_run_without_token_exits_2(tmp_path):
    run = await Run.start(tmp_path, sync=False, env={})
    assert await run.finish() == 2
    assert run.output == NO_TOKEN + "\n"
    assert not (tmp_path / "store.db").exists()  # it stopped before opening anything


async def test_run_syncs_answers_and_stops_on_ctrl_c(fake, tmp_path):
    run = await Run.start(tmp_path, sync=True, env=fake_env(fake, fake.token))
    await until(lambda: fake.global_commands and fake.identify)
    assert {c["name"] for c in fake.global_commands} >= {"ask", "quote"}
    reply = await fake.slash_reply("ask", question="how many rifles did Mao request")
    assert "140,000" in reply.text()
    assert await run.finish(signal.SIGINT) == 0, run.output
    assert "Stopped by Ctrl-C" in run.output
    assert "Traceback" not in run.output
    assert fake.token not in run.output  # not even in DEBUG logs
    assert fake.unhandled == []


async def test_plain_run_does_not_sync(fake, tmp_path):
    run = await Run.start(tmp_path, sync=False, env=fake_env(fake, fake.token))
    await until(lambda: fake.identify)  # connected
    assert await run.finish(signal.SIGTERM) == 0, run.output
    assert not any(method == "PUT" for method, _ in fake.calls)


async def test_refused_token_exits_1_without_printing_it(fake, tmp_path):
    token = "wrong-token-0123456789"
    run = await Run.start(tmp_path, sync=False, env=fake_env(fake, token))
    assert await run.finish() == 1
    assert BAD_TOKEN in run.output
    assert token not in run.output


def test_bad_server_address_exits_2_before_anything_changes(monkeypatch, capsys):
    monkeypatch.setenv("DISCORD_TOKEN", "some-token")
    monkeypatch.setenv("CABLEBOT_DISCORD_API", "http://127.0.0.1:9/api/v10")
    monkeypatch.setenv("CABLEBOT_DISCORD_GATEWAY", "127.0.0.1:9")
    base = discord.http.Route.BASE
    assert main(Config(), db=None, sync=False, guild=None) == 2
    assert (
        capsys.readouterr().err
        == "CABLEBOT_DISCORD_GATEWAY must be a ws(s) URL, not '127.0.0.1:9'.\n"
    )
    assert base == discord.http.Route.BASE


def long_document(lines: int) -> bytes:
    """A document that takes the parser seconds: many numbered requests with dates."""
    head = "---\ntitle: A long list of supplies\ndate: 1950-12-01\nsource: APRF, Fond 45, Opis 1, Delo 999\n---\n\n"
    body = "\n\n".join(
        f"{i}. Please send {i * 10 + 7} trucks of kind {i} and {i * 3 + 1} tons of fuel "
        f"to station {i} before {i % 28 + 1} December 1950."
        for i in range(1, lines)
    )
    return (head + body).encode()


async def test_sigterm_during_an_ingest_leaves_the_store_whole(fake, tmp_path):
    import sqlite3

    from knowledge.library import Library

    run = await Run.start(tmp_path, sync=True, env=fake_env(fake, fake.token))
    await until(lambda: fake.global_commands and fake.identify)
    iid = await fake.slash("ingest", user="mod", document=("long.md", long_document(4000)))
    await fake.wait_for(lambda s: s.interaction_id == iid and s.route == "callback:5", timeout=10)
    await asyncio.sleep(0.3)  # the worker thread is parsing now
    assert await run.finish(signal.SIGTERM, timeout=120) == 0, run.output
    assert "Traceback" not in run.output, run.output
    conn = sqlite3.connect(tmp_path / "store.db")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    lib = Library.open(tmp_path / "store.db")
    try:
        # Whole: the ingest finished before the store closed (it is never cut short).
        assert lib.index.matches(lib.store.generation())
        assert len(lib.cables()) == 5
        assert lib.items("A long list of supplies")
    finally:
        lib.close()
