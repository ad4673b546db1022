"""The fake Discord's fixed cast: one guild, its channels, roles and members, and the bot.

Payload builders here return the JSON Discord sends; fake_discord serves them.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

DISCORD_EPOCH_MS = 1420070400000
MESSAGE_CONTENT_INTENT = 1 << 15
MANAGE_GUILD = 1 << 5
VIEW_AND_SEND = 1 << 10 | 1 << 11  # what @everyone may do in this guild
EPHEMERAL = 1 << 6
LOADING = 1 << 7

GUILD_ID = 900000000000000001
OWNER_ID = 900000000000000002
CHANNELS = {
    "general": 900000000000000011,
    "questions": 900000000000000012,
    "other": 900000000000000013,
}
ROLES = {"Moderator": 900000000000000021, "Archivist": 900000000000000022}
BOT_ROLE_ID = 900000000000000023  # the role Discord makes for the bot when it joins (managed)
USERS = {
    "alice": 900000000000000031,
    "bob": 900000000000000032,
    "mod": 900000000000000033,
    "archivist": 900000000000000034,
    "otherbot": 900000000000000035,
}
MEMBER_ROLES = {"mod": ["Moderator"], "archivist": ["Archivist"]}
BOT_USER_ID = 900000000000000041
APPLICATION_ID = 900000000000000042

_counter = itertools.count()


def snowflake() -> int:
    """A fresh id whose timestamp is now: discord.py derives interaction expiry from it."""
    return ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (next(_counter) % 4096)


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())


def user_object(name: str, user_id: int, *, bot: bool = False) -> dict:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name.title(),
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


@dataclass
class Interaction:
    id: int
    token: str
    type: int
    user: str
    channel_id: int
    message_id: int | None = None  # component interactions: the message clicked
    acknowledged: bool = False
    original_id: int | None = None


@dataclass
class Attachment:
    id: int
    filename: str
    data: bytes
    content_type: str = "text/plain"

    def payload(self, base: str) -> dict:
        url = f"{base}/attachments/{self.id}/{self.filename}"
        return {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": url,
            "proxy_url": url,
            "content_type": self.content_type,
        }


def guild_object(users: dict[str, dict], bot_user: dict) -> dict:
    """GUILD_CREATE: the whole guild, with every member so no chunking is needed."""
    roles = [{"id": str(GUILD_ID), "name": "@everyone", "permissions": str(VIEW_AND_SEND)}]
    roles += [
        {
            "id": str(rid),
            "name": name,
            "permissions": str(MANAGE_GUILD if name == "Moderator" else 0),
        }
        for name, rid in ROLES.items()
    ]
    for i, role in enumerate(roles):
        role |= {
            "position": i,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
    roles.append(
        {
            "id": str(BOT_ROLE_ID),
            "name": "cablebot",
            "permissions": "0",
            "position": len(roles),
            "color": 0,
            "hoist": False,
            "managed": True,
            "mentionable": True,
            "flags": 0,
            "tags": {"bot_id": bot_user["id"]},
        }
    )
    members = [member_object(name) | {"user": users[name]} for name in users]
    members.append(
        {"user": bot_user, "roles": [str(BOT_ROLE_ID)], "flags": 0, "joined_at": now_iso()}
    )
    return {
        "id": str(GUILD_ID),
        "name": "Cold War study group",
        "owner_id": str(OWNER_ID),
        "icon": None,
        "features": [],
        "roles": roles,
        "emojis": [],
        "stickers": [],
        "channels": [channel_object(name) for name in CHANNELS],
        "threads": [],
        "members": members,
        "member_count": len(members),
        "voice_states": [],
        "presences": [],
        "large": False,
        "unavailable": False,
        "joined_at": now_iso(),
    }


def channel_object(name: str) -> dict:
    return {
        "id": str(CHANNELS[name]),
        "type": 0,
        "name": name,
        "position": list(CHANNELS).index(name),
        "guild_id": str(GUILD_ID),
        "permission_overwrites": [],
        "nsfw": False,
    }


def member_object(name: str) -> dict:
    """A member object without its user, as MESSAGE_CREATE carries it."""
    return {
        "roles": [str(ROLES[r]) for r in MEMBER_ROLES.get(name, [])],
        "flags": 0,
        "joined_at": now_iso(),
        "deaf": False,
        "mute": False,
    }


def permissions_of(name: str) -> int:
    """The member's permission bits in every channel: no overwrites in this guild."""
    value = VIEW_AND_SEND
    if "Moderator" in MEMBER_ROLES.get(name, []):
        value |= MANAGE_GUILD
    return value


def application_object() -> dict:
    """/oauth2/applications/@me: interactions_endpoint_url null, or discord.py warns."""
    return {
        "id": str(APPLICATION_ID),
        "name": "cablebot",
        "description": "",
        "icon": None,
        "bot_public": False,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": user_object("owner", OWNER_ID),
        "flags": 0,
        "interactions_endpoint_url": None,
    }


def bot_message(
    bot_user: dict,
    channel_id: int,
    body: dict,
    *,
    interaction: Interaction | None = None,
    user: dict | None = None,
) -> dict:
    """The message Discord makes of what the bot sent; `user` ran the interaction, if any."""
    message = {
        "id": str(snowflake()),
        "channel_id": str(channel_id),
        "guild_id": str(GUILD_ID),
        "author": bot_user,
        "content": body.get("content") or "",
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "flags": body.get("flags") or 0,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "pinned": False,
        "type": 0,
    }
    if body.get("message_reference"):
        message["type"] = 19
        message["message_reference"] = body["message_reference"]
    if interaction is not None:
        message |= {
            "type": 20,
            "webhook_id": str(APPLICATION_ID),
            "application_id": str(APPLICATION_ID),
            "interaction_metadata": {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": user,
                "authorizing_integration_owners": {"0": str(GUILD_ID)},
            },
        }
    return message
