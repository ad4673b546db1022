"""What Discord would refuse, and what cablebot must never send: checks on recorded bodies."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fake_world import EPHEMERAL


@dataclass
class Sent:
    """One thing the bot sent: where to and the JSON body (payload_json for multipart)."""

    route: str  # "message", "edit_message", "callback:<type>", "followup", "edit_original"
    body: dict
    interaction_id: int | None = None
    channel_id: int | None = None
    message: dict | None = None  # the message it created or edited, if any

    @property
    def embeds(self) -> list[dict]:
        return self.body.get("embeds") or []

    @property
    def ephemeral(self) -> bool:
        return bool((self.body.get("flags") or 0) & EPHEMERAL)

    def text(self) -> str:
        """Everything a reader sees in the body, joined: content, embed parts, button labels."""
        parts = [self.body.get("content") or ""]
        for embed in self.embeds:
            parts += [embed.get("title", ""), embed.get("description", "")]
            parts += [embed.get("author", {}).get("name", "")]
            for f in embed.get("fields", []):
                parts += [f.get("name", ""), f.get("value", "")]
            parts.append(embed.get("footer", {}).get("text", ""))
        for choice in self.body.get("choices") or []:
            parts.append(f"{choice['name']} = {choice['value']}")
        return "\n".join(p for p in parts if p)


def limit_problems(body: dict) -> list[str]:
    """What Discord would refuse in a message body: lengths over its limits, nothing to show."""
    problems = []
    content = body.get("content") or ""
    embeds = body.get("embeds") or []
    if len(content) > 2000:
        problems.append(f"content is {len(content)} characters (max 2000)")
    if len(embeds) > 10:
        problems.append(f"{len(embeds)} embeds (max 10)")
    total = 0
    for embed in embeds:
        sizes = [
            ("title", len(embed.get("title", "")), 256),
            ("description", len(embed.get("description", "")), 4096),
            ("footer", len(embed.get("footer", {}).get("text", "")), 2048),
            ("author", len(embed.get("author", {}).get("name", "")), 256),
        ]
        fields = embed.get("fields", [])
        if len(fields) > 25:
            problems.append(f"{len(fields)} fields (max 25)")
        for f in fields:
            sizes.append((f"field name {f['name'][:20]!r}", len(f["name"]), 256))
            sizes.append((f"field value of {f['name'][:20]!r}", len(f["value"]), 1024))
            if not f["name"] or not f["value"]:
                problems.append("an empty field name or value")
        for what, size, limit in sizes:
            total += size
            if size > limit:
                problems.append(f"embed {what} is {size} characters (max {limit})")
    if total > 6000:
        problems.append(f"embeds hold {total} characters (max 6000)")
    for row in body.get("components") or []:
        for button in row.get("components", []):
            if len(button.get("label") or "") > 80:
                problems.append("a button label over 80 characters")
    choices = body.get("choices")
    if choices is not None:
        if len(choices) > 25:
            problems.append(f"{len(choices)} autocomplete choices (max 25)")
        for choice in choices:
            if not 1 <= len(choice["name"]) <= 100 or len(str(choice["value"])) > 100:
                problems.append(f"autocomplete choice {choice['name'][:30]!r} too long")
    return problems


def command_problems(commands: list[dict]) -> list[str]:
    """What Discord would refuse in a bulk command overwrite."""
    problems = []
    name_re = re.compile(r"^[-_\w]{1,32}$")
    for command in commands:
        if command.get("type", 1) in (2, 3):  # user and message commands: any name, no text
            if not 1 <= len(command["name"]) <= 32 or command.get("description"):
                problems.append(f"context menu command {command['name']!r}")
            continue
        if not name_re.match(command["name"]) or command["name"] != command["name"].lower():
            problems.append(f"command name {command['name']!r}")
        if not 1 <= len(command.get("description", "")) <= 100:
            problems.append(f"/{command['name']} description length")
        options = command.get("options", [])
        if len(options) > 25:
            problems.append(f"/{command['name']} has {len(options)} options")
        for option in options:
            if not 1 <= len(option.get("description", "")) <= 100:
                problems.append(f"/{command['name']} {option['name']} description length")
    return problems


def mention_problems(sent: list[Sent]) -> list[str]:
    """Bodies that show text but do not switch every mention off."""
    problems = []
    for s in sent:
        if "content" not in s.body and "embeds" not in s.body:
            continue
        allowed = s.body.get("allowed_mentions")
        if allowed is None or allowed.get("parse") != [] or allowed.get("replied_user"):
            problems.append(f"{s.route}: allowed_mentions={allowed!r}")
    return problems
