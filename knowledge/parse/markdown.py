"""Read Markdown or text with YAML front matter: the metadata above, the telegram below."""

from __future__ import annotations

import re

import yaml

from knowledge.errors import ParseError
from knowledge.parse.html_text import tidy_lines
from knowledge.parse.raw import RawDocument

_FRONT = re.compile(r"^\ufeff?\s*---[ \t]*\r?\n(?P<meta>.*?)\r?\n---[ \t]*(?:\r?\n|$)(?P<body>.*)$", re.S)
FIELDS = ("date", "source", "description", "record_id", "url", "sender", "recipient", "via", "language", "rights")


def looks_like_markdown(text: str) -> bool:
    return bool(_FRONT.match(text))


def _unmark(line: str) -> str:
    """Drop light Markdown (heading marks, emphasis, quote marks) but keep the words."""
    line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
    line = re.sub(r"^\s*>\s?", "", line)
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", line)
    line = line.replace("\\[", "[").replace("\\]", "]")
    return line.rstrip()


def parse_markdown(text: str, *, file: str = "") -> RawDocument:
    """One document from front matter (title required) and the body below it."""
    name = file or "the document"
    m = _FRONT.match(text)
    if not m:
        raise ParseError(f"{name} has no YAML front matter with a title.")
    try:
        meta = yaml.safe_load(m.group("meta")) or {}
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where else ""
        raise ParseError(f"{name} has front matter that is not valid YAML{line}.") from None
    if not isinstance(meta, dict):
        raise ParseError(f"{name} has front matter that is not key: value pairs.")
    title = str(meta.get("title") or "").strip()
    if not title:
        raise ParseError(f"{name} has no title in its front matter.")
    values = {k: str(meta[k]).strip() for k in FIELDS if meta.get(k) is not None}
    lines = tidy_lines([_unmark(line) for line in m.group("body").splitlines()])
    return RawDocument(title=title, body_lines=tuple(lines), file=file, **values)
