"""`cablebot doctor`: a missing token, a damaged store, and a good set-up."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from knowledge.cli import main
from knowledge.doctor import GATEWAY_MESSAGE_CONTENT
from knowledge.library import Library
from knowledge.server_settings import ServerStore, server_store_path

TOKEN = "doctor-test-token.0123456789"


class FakeDiscordAPI(BaseHTTPRequestHandler):
    """/users/@me and /oauth2/applications/@me, answering 401 to any other token."""

    flags = GATEWAY_MESSAGE_CONTENT

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.headers.get("Authorization") != f"Bot {TOKEN}":
            self._send(401, {"message": "401: Unauthorized", "code": 0})
        elif self.path.endswith("/users/@me"):
            self._send(200, {"id": "1", "username": "cablebot"})
        elif self.path.endswith("/oauth2/applications/@me"):
            self._send(200, {"id": "2", "flags": type(self).flags})
        else:
            self._send(404, {})

    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def discord_api(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeDiscordAPI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("CABLEBOT_DISCORD_API", f"http://127.0.0.1:{server.server_port}/api/v10")
    yield FakeDiscordAPI
    FakeDiscordAPI.flags = GATEWAY_MESSAGE_CONTENT
    server.shutdown()
    server.server_close()


@pytest.fixture
def good_store(tmp_path, built_store):
    from tests.conftest import fresh_copy

    path = fresh_copy(built_store, tmp_path / "data")
    ServerStore.open(server_store_path(path)).close()
    return path


def doctor(tmp_path, db, *extra, config: str = "") -> list[str]:
    conf = tmp_path / "config.yaml"
    conf.write_text(config or "prefix: '!'\n")
    return ["--db", str(db), "--config", str(conf), "doctor", *extra]


def test_a_good_set_up(tmp_path, good_store, discord_api, monkeypatch, capsys):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    config = "ask_channels: [900000000000000012]\n"
    assert main(doctor(tmp_path, good_store, config=config)) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["ok"] * 5, out
    assert "Discord accepts DISCORD_TOKEN" in out
    assert "message content intent enabled" in out
    assert "4 documents, intact" in out and "in step with the store" in out
    assert TOKEN not in out


def test_a_missing_token(tmp_path, good_store, monkeypatch, capsys):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(doctor(tmp_path, good_store)) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "fail  token: DISCORD_TOKEN is not set; the bot cannot log in."
    assert "ok    store:" in out  # the other checks still run


def test_a_refused_token_and_a_missing_intent(
    tmp_path, good_store, discord_api, monkeypatch, capsys
):
    monkeypatch.setenv("DISCORD_TOKEN", "wrong-token")
    assert main(doctor(tmp_path, good_store)) == 1
    out = capsys.readouterr().out
    assert "Discord refused DISCORD_TOKEN" in out and "wrong-token" not in out
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    discord_api.flags = 0
    assert main(doctor(tmp_path, good_store, config="message_content: true\n")) == 1
    assert (
        "fail  intents: the configuration needs the message content intent"
        in capsys.readouterr().out
    )


def test_a_damaged_store(tmp_path, good_store, monkeypatch, capsys):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    for suffix in ("-wal", "-shm"):
        good_store.with_name(good_store.name + suffix).unlink(missing_ok=True)
    data = bytearray(good_store.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's schema: gone
    good_store.write_bytes(bytes(data))
    before = good_store.read_bytes()
    assert main(doctor(tmp_path, good_store, "--offline")) == 1
    out = capsys.readouterr().out
    store_line = next(line for line in out.splitlines() if " store:" in line)
    assert store_line.startswith("fail  store:") and "damaged" in store_line
    assert good_store.read_bytes() == before  # the doctor writes nothing


def test_a_stale_index_and_a_store_not_built_yet(tmp_path, good_store, monkeypatch, capsys):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    lib = Library.open(good_store)
    with lib.store.transaction():
        lib.store.bump_generation()  # as if a crash came between the store and index commits
    lib.close()
    assert main(doctor(tmp_path, good_store, "--offline")) == 0
    out = capsys.readouterr().out
    assert "warn  index:" in out and "out of step" in out
    assert "ok    token: DISCORD_TOKEN is set (not checked with Discord: offline)." in out
    assert main(doctor(tmp_path, tmp_path / "none" / "store.db", "--offline")) == 0
    assert "does not exist yet" in capsys.readouterr().out
