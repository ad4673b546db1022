"""A loopback fake of Discord (REST API v10 and the gateway) for driving the real bot in tests.

It serves just what cablebot uses, answers the way Discord does (see
../shared/docs/discord-fake.md), and records everything the bot sends so tests can assert on it.
Requests to routes it does not serve are answered 404 and kept in `unhandled`; message bodies
that Discord would refuse (over its length limits, empty) are answered 400 and kept in
`violations`.
"""

from __future__ import annotations

import asyncio
import json
import zlib
from typing import Any

from aiohttp import WSMsgType, web
from fake_checks import Sent, command_problems, limit_problems, mention_problems
from fake_world import (
    APPLICATION_ID,
    BOT_ROLE_ID,
    BOT_USER_ID,
    CHANNELS,
    EPHEMERAL,
    GUILD_ID,
    LOADING,
    MESSAGE_CONTENT_INTENT,
    USERS,
    Attachment,
    Interaction,
    application_object,
    bot_message,
    channel_object,
    guild_object,
    member_object,
    now_iso,
    permissions_of,
    snowflake,
    user_object,
)


class FakeDiscord:
    """Discord on 127.0.0.1: one guild, three text channels, a few members, one bot."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.port = 0
        self.users = {
            name: user_object(name, uid, bot=name == "otherbot") for name, uid in USERS.items()
        }
        self.bot_user = user_object("cablebot", BOT_USER_ID, bot=True)
        self.calls: list[tuple[str, str]] = []
        self.unhandled: list[tuple[str, str]] = []
        self.violations: list[str] = []
        self.sent: list[Sent] = []
        self.messages: dict[int, dict] = {}
        self.global_commands: list[dict] = []
        self.guild_commands: dict[int, list[dict]] = {}
        self.identify: dict | None = None
        self.resumes: list[dict] = []
        self.interactions: dict[int, Interaction] = {}
        self.attachments: dict[int, Attachment] = {}
        self._changed = asyncio.Condition()
        self._ws: web.WebSocketResponse | None = None
        self._zlib: Any = None
        self._seq = 0
        self._runner: web.AppRunner | None = None

    # ---- lifecycle -------------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application(middlewares=[self._record_and_authorise])
        api = "/api/v10"
        routes = [
            ("GET", "/users/@me", self._me),
            ("GET", "/oauth2/applications/@me", self._application),
            ("GET", "/gateway", self._gateway_info),
            ("GET", "/gateway/bot", self._gateway_info),
            ("POST", "/channels/{channel}/messages", self._create_message),
            ("PATCH", "/channels/{channel}/messages/{message}", self._edit_message),
            ("POST", "/channels/{channel}/typing", self._typing),
            ("POST", "/interactions/{iid}/{token}/callback", self._callback),
            ("POST", "/webhooks/{app}/{token}", self._followup),
            ("GET", "/webhooks/{app}/{token}/messages/@original", self._get_original),
            ("PATCH", "/webhooks/{app}/{token}/messages/{message}", self._edit_webhook_message),
            ("PUT", "/applications/{app}/commands", self._put_commands),
            ("PUT", "/applications/{app}/guilds/{guild}/commands", self._put_commands),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, api + path, handler)
        app.router.add_route("*", api + "/{tail:.*}", self._unhandled)
        app.router.add_get("/attachments/{id}/{filename}", self._attachment)
        app.router.add_get("/", self._gateway)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def problems(self) -> list[str]:
        """Everything a test should fail on: unserved routes, refused bodies, possible pings."""
        found = [f"unserved route {method} {path}" for method, path in self.unhandled]
        found += [f"Discord would refuse {v}" for v in self.violations]
        return found + mention_problems(self.sent)

    # ---- HTTP plumbing ---------------------------------------------------------------------

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        # Exactly "application/json": discord.py compares the header for equality.
        return web.Response(
            body=json.dumps(data).encode(),
            status=status,
            headers={"Content-Type": "application/json"},
        )

    @web.middleware
    async def _record_and_authorise(self, request: web.Request, handler):
        self.calls.append((request.method, request.path))
        tokenless = ("/api/v10/webhooks/", "/api/v10/interactions/", "/attachments/")
        needs_token = request.path.startswith("/api/") and not request.path.startswith(tokenless)
        if needs_token and request.headers.get("Authorization") != f"Bot {self.token}":
            return self._json({"message": "401: Unauthorized", "code": 0}, 401)
        return await handler(request)

    async def _body(self, request: web.Request) -> dict:
        if request.content_type.startswith("multipart/"):
            payload: dict = {}
            files: list[tuple[str, bytes]] = []
            async for part in await request.multipart():
                if part.name == "payload_json":
                    payload = json.loads(await part.text())
                elif part.name and part.name.startswith("files["):
                    files.append((part.filename or "", bytes(await part.read())))
            if files:  # the uploaded files themselves, for tests to open (not sent as JSON)
                payload["_files"] = files
            return payload
        if not request.can_read_body:
            return {}
        return await request.json()

    async def _note(self, sent: Sent) -> web.Response | None:
        """Record what the bot sent; answer 400 as Discord would if it breaks a limit."""
        problems = limit_problems(sent.body)
        message_like = sent.route in ("message", "followup") or sent.route == "callback:4"
        if message_like and not any(sent.body.get(k) for k in ("content", "embeds", "components")):
            problems.append("an empty message")
        self.sent.append(sent)
        async with self._changed:
            self._changed.notify_all()
        if problems:
            self.violations += [f"{sent.route}: {p}" for p in problems]
            return self._json({"message": "Invalid Form Body", "code": 50035}, 400)
        return None

    async def _unhandled(self, request: web.Request) -> web.Response:
        self.unhandled.append((request.method, request.path))
        return self._json({"message": "404: Not Found", "code": 0}, 404)

    # ---- REST routes -----------------------------------------------------------------------

    async def _me(self, request: web.Request) -> web.Response:
        return self._json(self.bot_user)

    async def _application(self, request: web.Request) -> web.Response:
        return self._json(application_object())

    async def _gateway_info(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return self._json(
            {"url": f"ws://127.0.0.1:{self.port}/", "shards": 1, "session_start_limit": limit}
        )

    async def _typing(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _create_message(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel"])
        body = await self._body(request)
        message = self._bot_message(channel_id, body)
        refused = await self._note(Sent("message", body, channel_id=channel_id, message=message))
        if refused:
            return refused
        self.messages[int(message["id"])] = message
        await self.dispatch("MESSAGE_CREATE", message)
        return self._json(message)

    async def _edit_message(self, request: web.Request) -> web.Response:
        message = self.messages.get(int(request.match_info["message"]))
        if message is None:
            return self._json({"message": "Unknown Message", "code": 10008}, 404)
        body = await self._body(request)
        refused = await self._note(
            Sent("edit_message", body, channel_id=int(message["channel_id"]), message=message)
        )
        if refused:
            return refused
        message.update(
            {k: v for k, v in body.items() if k in ("content", "embeds", "components", "flags")}
        )
        await self.dispatch("MESSAGE_UPDATE", message)
        return self._json(message)

    async def _callback(self, request: web.Request) -> web.Response:
        interaction = self.interactions.get(int(request.match_info["iid"]))
        if interaction is None or request.match_info["token"] != interaction.token:
            return self._json({"message": "Unknown interaction", "code": 10062}, 404)
        if interaction.acknowledged:
            return self._json(
                {"message": "Interaction has already been acknowledged.", "code": 40060}, 400
            )
        body = await self._body(request)
        kind = body["type"]
        data = body.get("data") or {}
        interaction.acknowledged = True
        meta = {"id": str(interaction.id), "type": interaction.type}
        if kind in (4, 5):
            flags = (data.get("flags") or 0) | (LOADING if kind == 5 else 0)
            message = self._bot_message(
                interaction.channel_id, {**data, "flags": flags}, interaction=interaction
            )
            refused = await self._note(
                Sent(f"callback:{kind}", data, interaction.id, interaction.channel_id, message)
            )
            if refused:
                return refused
            self.messages[int(message["id"])] = message
            interaction.original_id = int(message["id"])
            meta |= {
                "response_message_id": message["id"],
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(flags & EPHEMERAL),
            }
            return self._json({"interaction": meta, "resource": {"type": kind, "message": message}})
        if kind == 7:
            message = self.messages[interaction.message_id]  # type: ignore[index]
            refused = await self._note(
                Sent("callback:7", data, interaction.id, interaction.channel_id, message)
            )
            if refused:
                return refused
            message.update(
                {k: v for k, v in data.items() if k in ("content", "embeds", "components")}
            )
            return self._json({"interaction": meta, "resource": {"type": 7, "message": message}})
        await self._note(Sent(f"callback:{kind}", data, interaction.id, interaction.channel_id))
        if kind == 8:
            return web.Response(status=204)
        return self._json({"interaction": meta})

    def _interaction_by_token(self, request: web.Request) -> Interaction | None:
        if request.match_info["app"] != str(APPLICATION_ID):
            return None
        token = request.match_info["token"]
        return next((i for i in self.interactions.values() if i.token == token), None)

    async def _followup(self, request: web.Request) -> web.Response:
        interaction = self._interaction_by_token(request)
        if interaction is None or not interaction.acknowledged:
            return self._json({"message": "Unknown Webhook", "code": 10015}, 404)
        body = await self._body(request)
        message = self._bot_message(interaction.channel_id, body, interaction=interaction)
        refused = await self._note(
            Sent("followup", body, interaction.id, interaction.channel_id, message)
        )
        if refused:
            return refused
        self.messages[int(message["id"])] = message
        return self._json(message)

    async def _get_original(self, request: web.Request) -> web.Response:
        interaction = self._interaction_by_token(request)
        if interaction is None or interaction.original_id is None:
            return self._json({"message": "Unknown Message", "code": 10008}, 404)
        return self._json(self.messages[interaction.original_id])

    async def _edit_webhook_message(self, request: web.Request) -> web.Response:
        interaction = self._interaction_by_token(request)
        target = request.match_info["message"]
        if interaction is None:
            return self._json({"message": "Unknown Webhook", "code": 10015}, 404)
        message_id = interaction.original_id if target == "@original" else int(target)
        message = self.messages.get(message_id or 0)
        if message is None:
            return self._json({"message": "Unknown Message", "code": 10008}, 404)
        body = await self._body(request)
        route = "edit_original" if target == "@original" else "edit_message"
        refused = await self._note(
            Sent(route, body, interaction.id, interaction.channel_id, message)
        )
        if refused:
            return refused
        message.update({k: v for k, v in body.items() if k in ("content", "embeds", "components")})
        message["flags"] = (message.get("flags") or 0) & ~LOADING
        return self._json(message)

    async def _put_commands(self, request: web.Request) -> web.Response:
        body = await request.json()
        problems = command_problems(body)
        if problems:
            self.violations += problems
            return self._json({"message": "Invalid Form Body", "code": 50035}, 400)
        guild = request.match_info.get("guild")
        echoed = [
            {
                "description": "",  # Discord echoes an empty one for context menu commands
                **command,
                "id": str(snowflake()),
                "application_id": str(APPLICATION_ID),
                "version": str(snowflake()),
            }
            | ({"guild_id": guild} if guild else {})
            for command in body
        ]
        if guild:
            self.guild_commands[int(guild)] = echoed
        else:
            self.global_commands = echoed
        return self._json(echoed)

    async def _attachment(self, request: web.Request) -> web.Response:
        attachment = self.attachments.get(int(request.match_info["id"]))
        if attachment is None:
            return web.Response(status=404)
        return web.Response(body=attachment.data, headers={"Content-Type": attachment.content_type})

    def _bot_message(
        self, channel_id: int, body: dict, *, interaction: Interaction | None = None
    ) -> dict:
        user = self.users[interaction.user] if interaction else None
        return bot_message(self.bot_user, channel_id, body, interaction=interaction, user=user)

    # ---- gateway ---------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        self._zlib = zlib.compressobj() if request.query.get("compress") == "zlib-stream" else None
        await self._send({"op": 10, "d": {"heartbeat_interval": 41250}})
        async for frame in ws:
            if frame.type is not WSMsgType.TEXT:
                break
            payload = json.loads(frame.data)
            op = payload["op"]
            if op == 1:
                await self._send({"op": 11})
            elif op == 2:
                if payload["d"]["token"] != self.token:
                    await ws.close(code=4004, message=b"Authentication failed.")
                    break
                self.identify = payload["d"]
                await self._ready()
            elif op == 6:
                resume = payload["d"]
                if resume["token"] != self.token or resume["session_id"] != "fake-session":
                    await ws.close(code=4004, message=b"Authentication failed.")
                    break
                self.resumes.append(resume)
                await self.dispatch("RESUMED", {})
        return ws

    async def request_reconnect(self) -> None:
        """Op 7, as Discord sends before moving a session: the bot should come back and RESUME."""
        await self._send({"op": 7, "d": None})

    async def _send(self, payload: dict) -> None:
        assert self._ws is not None
        text = json.dumps(payload)
        if self._zlib is None:
            await self._ws.send_str(text)
        else:
            data = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
            await self._ws.send_bytes(data)

    async def dispatch(self, event: str, data: dict) -> None:
        """Send a gateway event to the bot, as Discord does."""
        if self._ws is None or self._ws.closed:
            return
        self._seq += 1
        await self._send({"op": 0, "t": event, "s": self._seq, "d": data})

    @property
    def intents(self) -> int:
        return int(self.identify["intents"]) if self.identify else 0

    async def _ready(self) -> None:
        ready = {
            "v": 10,
            "user": self.bot_user,
            "session_id": "fake-session",
            "resume_gateway_url": f"ws://127.0.0.1:{self.port}/",
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "application": {"id": str(APPLICATION_ID), "flags": 0},
        }
        shard = (self.identify or {}).get("shard")
        if shard:  # an AutoShardedClient identifies each shard and needs it echoed
            ready["shard"] = shard
        await self.dispatch("READY", ready)
        await self.dispatch("GUILD_CREATE", guild_object(self.users, self.bot_user))

    # ---- driving the bot -------------------------------------------------------------------

    async def user_says(
        self,
        text: str,
        *,
        user: str = "alice",
        channel: str = "general",
        mention_bot: bool = False,
        mention_role: bool = False,
        files: tuple[tuple[str, bytes], ...] = (),
    ) -> dict:
        """Post a message as a member; Discord blanks its content without the intent.

        mention_role mentions the bot's managed role (as the member list's autocomplete
        often offers it before the bot); that alone does not unblank the content here.
        """
        if mention_bot:
            text = f"<@{BOT_USER_ID}> {text}"
        if mention_role:
            text = f"<@&{BOT_ROLE_ID}> {text}"
        mentions = [self.bot_user] if f"<@{BOT_USER_ID}>" in text else []
        mention_roles = [str(BOT_ROLE_ID)] if f"<@&{BOT_ROLE_ID}>" in text else []
        content = text
        if not self.intents & MESSAGE_CONTENT_INTENT and not mentions:
            content = ""
        message = {
            "id": str(snowflake()),
            "channel_id": str(CHANNELS[channel]),
            "guild_id": str(GUILD_ID),
            "author": self.users[user],
            "member": member_object(user),
            "content": content,
            "timestamp": now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": mentions,
            "mention_roles": mention_roles,
            "attachments": [self._upload(name, data) for name, data in files],
            "embeds": [],
            "pinned": False,
            "flags": 0,
            "type": 0,
        }
        self.messages[int(message["id"])] = message
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    def _upload(self, filename: str, data: bytes) -> dict:
        """Keep a file as Discord's CDN would and return its attachment object."""
        attachment = Attachment(snowflake(), filename, data)
        self.attachments[attachment.id] = attachment
        return attachment.payload(self.base)

    def command(self, name: str) -> dict:
        """The synced command called name; Discord cannot invoke a command it was never given."""
        synced = self.global_commands + self.guild_commands.get(GUILD_ID, [])
        for command in synced:
            if command["name"] == name:
                return command
        raise LookupError(f"/{name} was never synced")

    def _options(
        self, command: dict, values: dict, focused: str | None = None
    ) -> tuple[list, dict]:
        specs = {o["name"]: o for o in command.get("options", [])}
        options, resolved = [], {}
        for key, value in values.items():
            spec = specs[key]  # a KeyError here means the test used an option the command lacks
            if spec["type"] == 11:  # attachment: the client uploads it and sends its id
                filename, data = value
                attachment = Attachment(snowflake(), filename, data)
                self.attachments[attachment.id] = attachment
                resolved.setdefault("attachments", {})[str(attachment.id)] = attachment.payload(
                    self.base
                )
                value = str(attachment.id)
            option = {"name": key, "type": spec["type"], "value": value}
            if key == focused:
                option["focused"] = True
            options.append(option)
        missing = [
            o["name"] for o in specs.values() if o.get("required") and o["name"] not in values
        ]
        if missing and focused is None:
            raise ValueError(f"/{command['name']} needs {missing}")
        return options, resolved

    async def _interact(
        self, kind: int, user: str, channel: str, data: dict, message: dict | None = None
    ) -> int:
        iid = snowflake()
        interaction = Interaction(iid, f"tok_{iid}", kind, user, CHANNELS[channel])
        if message is not None:
            interaction.message_id = int(message["id"])
        self.interactions[iid] = interaction
        payload = {
            "id": str(iid),
            "application_id": str(APPLICATION_ID),
            "type": kind,
            "token": interaction.token,
            "version": 1,
            "data": data,
            "guild_id": str(GUILD_ID),
            "channel_id": str(CHANNELS[channel]),
            "channel": channel_object(channel),
            "member": member_object(user)
            | {"user": self.users[user], "permissions": str(permissions_of(user))},
            "app_permissions": str(permissions_of("mod")),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        await self.dispatch("INTERACTION_CREATE", payload)
        return iid

    async def slash(
        self, name: str, *, user: str = "alice", channel: str = "general", **values: Any
    ) -> int:
        """Invoke a synced slash command as a member; returns the interaction id.

        name may be "group sub" for a subcommand ("quiz start"), as Discord nests it.
        """
        top, _, sub = name.partition(" ")
        command = self.command(top)
        if sub:
            spec = next(
                o for o in command.get("options", []) if o["name"] == sub and o["type"] == 1
            )
            options, resolved = self._options(spec | {"name": name}, values)
            options = [{"name": sub, "type": 1, "options": options}]
        else:
            options, resolved = self._options(command, values)
        data = {"id": command["id"], "name": top, "type": 1, "options": options}
        if resolved:
            data["resolved"] = resolved
        return await self._interact(2, user, channel, data)

    async def autocomplete(
        self, name: str, focused: str, *, user: str = "alice", **values: Any
    ) -> list[dict]:
        """Type into a command's option; returns the choices the bot offers."""
        command = self.command(name)
        options, _ = self._options(command, values, focused=focused)
        data = {"id": command["id"], "name": name, "type": 1, "options": options}
        iid = await self._interact(4, user, "general", data)
        sent = await self.wait_for(lambda s: s.interaction_id == iid and s.route == "callback:8")
        return sent.body["choices"]

    async def context_menu(
        self, name: str, message: dict, *, user: str = "alice", channel: str | None = None
    ) -> int:
        """Right-click a message, Apps, name: a message command (type 3) with its target."""
        command = self.command(name)
        assert command.get("type") == 3, f"{name} is not a message command"
        message = self.messages[int(message["id"])]
        if channel is None:
            channel = next(n for n, cid in CHANNELS.items() if str(cid) == message["channel_id"])
        data = {
            "id": command["id"],
            "name": name,
            "type": 3,
            "target_id": message["id"],
            "resolved": {"messages": {message["id"]: message}},
        }
        return await self._interact(2, user, channel, data)

    async def click(self, message: dict, custom_id: str, *, user: str = "alice") -> int:
        """Press a button on a message the bot sent; returns the interaction id."""
        message = self.messages[int(message["id"])]
        data = {"custom_id": custom_id, "component_type": 2}
        channel = next(name for name, cid in CHANNELS.items() if str(cid) == message["channel_id"])
        return await self._interact(3, user, channel, data, message)

    # ---- waiting for the bot ---------------------------------------------------------------

    async def wait_for(self, predicate, *, after: int = 0, timeout: float = 3.0) -> Sent:
        """The first thing the bot sent, from index `after` on, that matches predicate."""

        def found() -> Sent | None:
            return next((s for s in self.sent[after:] if predicate(s)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), timeout)
        return found()  # type: ignore[return-value]

    async def reply_to(self, iid: int, *, timeout: float = 3.0) -> Sent:
        """The message that answered interaction iid: its response, followup or edited original."""
        routes = ("callback:4", "callback:7", "followup", "edit_original")
        return await self.wait_for(
            lambda s: s.interaction_id == iid and s.route in routes, timeout=timeout
        )

    async def reply_in(self, channel: str, *, after: int = 0, timeout: float = 3.0) -> Sent:
        """The next message the bot posted in channel after the first `after` things it sent."""
        cid = CHANNELS[channel]
        return await self.wait_for(
            lambda s: s.route == "message" and s.channel_id == cid, after=after, timeout=timeout
        )

    async def slash_reply(self, name: str, **values: Any) -> Sent:
        """Run a slash command and return the message that answered it."""
        return await self.reply_to(await self.slash(name, **values))

    async def message_reply(self, text: str, *, channel: str = "questions", **kwargs: Any) -> Sent:
        """Post a message as a member and return the bot's next message in that channel."""
        before = len(self.sent)
        await self.user_says(text, channel=channel, **kwargs)
        return await self.reply_in(channel, after=before)

    async def settle(self, delay: float = 0.15) -> None:
        """Give the bot time to act, for tests that check it did nothing."""
        await asyncio.sleep(delay)
