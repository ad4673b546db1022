"""Read a Markdown or text cable with YAML front matter into a RawDocument."""

from __future__ import annotations

import datetime as dt
import re

import yaml

from knowledge.errors import ParseError
from knowledge.parse.archive_page import trim_edge_elisions
from knowledge.parse.html_text import tidy_lines
from knowledge.parse.raw import RawDocument

BOM = "\ufeff"
FENCE = "---"
CLOSING_FENCES = ("---", "...")  # YAML allows "..." to end a document too

# Front-matter keys copied as text into the RawDocument field of the same name.
TEXT_KEYS = (
    "date",
    "source",
    "description",
    "record_id",
    "url",
    "sender",
    "recipient",
    "via",
    "language",
    "rights",
    "author",
)
# Keys that may hold a YAML list or one comma-separated string.
LIST_KEYS = ("people", "places", "topics")

_QUOTE = re.compile(r"^\s{0,3}>\s?")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
# A hard break is two trailing spaces (gone with rstrip) or a trailing backslash.
_HARD_BREAK = re.compile(r"\\$")
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")
# Emphasis may wrap across line ends inside a paragraph, so these match newlines too.
_STRONG = re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
# A lone * or _ wrapper; the look-arounds keep snake_case names, 2*3 and list bullets intact.
_EMPHASIS_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])", re.S)
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?![\w_])", re.S)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML's safe loader (the C one when PyYAML has it) that reads every plain scalar as text.

    YAML 1.1 would turn a bare no/yes/on/off into a boolean, 1950-11-08 into a date and
    0042 into the octal number 34; a cable's front matter means the words as typed.
    Only an empty value (or ~ / null) stays None.
    """


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# A plain (unquoted) one-line value with " #" in it: YAML cuts it there as a comment.
_CUT_BY_COMMENT = re.compile(
    r"^(?P<k>[A-Za-z_][\w ]*?):[ \t]+(?P<v>[^'\"|>\[{&*!%@`#\s][^\n]*?\s#.*?)\s*$"
)


def looks_like_markdown(text: str) -> bool:
    """Tell whether text opens with a YAML front-matter fence."""
    lines = text.lstrip(BOM).lstrip().splitlines()
    return bool(lines) and lines[0].rstrip() == FENCE


def parse_markdown(text: str, *, file: str = "") -> RawDocument:
    """Read front matter and body of a Markdown cable; raise ParseError if it is not one."""
    name = file or "The Markdown document"
    if not text.strip(BOM).strip():
        raise ParseError(f"{name} is empty.")
    front, body = _split_front_matter(text, name)
    meta = _load_front_matter(front, name)
    title = _as_text(meta.get("title"))
    if not title:
        raise ParseError(f"{name} has no title in its front matter.")
    body_lines = markdown_body_lines(body)
    if not body_lines:
        raise ParseError(f"{name} has no text below its front matter.")
    fields = {key: _as_text(meta.get(key)) for key in TEXT_KEYS}
    lists = {key: _as_list(meta.get(key)) for key in LIST_KEYS}
    return RawDocument(title=title, body_lines=body_lines, file=file, **fields, **lists)


def markdown_body_lines(body: str) -> tuple[str, ...]:
    """Turn a Markdown body into lines: markers stripped, blank runs as one ""."""
    text = "\n".join(_unmark_line(raw) for raw in body.splitlines())
    text = "".join(_unemphasize(part) for part in _PARAGRAPH_BREAK.split(text))
    return trim_edge_elisions(tidy_lines(text.split("\n")))


def _split_front_matter(text: str, name: str) -> tuple[str, str]:
    """Return (front matter, body); the fences must stand on lines of their own."""
    lines = text.lstrip(BOM).lstrip().splitlines()
    if not lines or lines[0].rstrip() != FENCE:
        raise ParseError(f"{name} has no YAML front matter with a title.")
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in CLOSING_FENCES:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :])
    raise ParseError(f"{name} opens its front matter with --- but never closes it.")


def _load_front_matter(front: str, name: str) -> dict:
    """Parse the front matter as a YAML mapping."""
    try:
        meta = yaml.load(front, Loader=_TextLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # +2: the mark counts from 0 and the opening fence is line 1 of the file.
        where = f" near line {mark.line + 2}" if mark is not None else ""
        raise ParseError(f"{name} has front matter that is not valid YAML{where}.") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ParseError(f"{name} has front matter that is not a list of key: value pairs.")
    return _keep_hashes(front, meta)


def _keep_hashes(front: str, meta: dict) -> dict:
    """Put back what YAML read as a comment after a plain value: 'title: Telegram #5 to Mao'.

    The title keeps the whole line ("a title with # 5" too); other keys keep a '#' glued to
    what follows ("No. #26637") and let "  # a note" stay a comment.
    """
    for line in front.splitlines():
        m = _CUT_BY_COMMENT.match(line)
        if not m or m.group("k") not in meta or not isinstance(meta[m.group("k")], str):
            continue
        key, value = m.group("k"), m.group("v")
        if key != "title":
            value = re.sub(r"\s+#\s.*$", "", value)  # a real comment: "#" then a space
        if len(value) > len(meta[key]) and value.startswith(meta[key]):
            meta[key] = value
    return meta


def _as_text(value: object) -> str:
    """Render a YAML value as the text a reader would have typed."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(text for text in (_as_text(v) for v in value) if text)
    return str(value).strip()


def _as_list(value: object) -> tuple[str, ...]:
    """Read a YAML list, or a comma-separated string, as a tuple of names."""
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return tuple(text for text in (_as_text(item) for item in items) if text)


def _unmark_line(raw: str) -> str:
    """Strip the markers that live on one line: rule, hard break, quote and heading marks."""
    line = raw.rstrip()
    # Each pattern is tried only when its marker is where it could match: most lines have none.
    if line.lstrip()[:1] in ("-", "*", "_") and _RULE.match(line):
        return ""
    if line.endswith("\\"):
        line = _HARD_BREAK.sub("", line)
    if ">" in line[:4]:
        line = _QUOTE.sub("", line)
    if "#" in line[:4] and _HEADING.match(line):
        line = _CLOSING_HASHES.sub("", _HEADING.sub("", line, count=1))
    return line


def _unemphasize(paragraph: str) -> str:
    """Drop **strong**, *emphasis* and _emphasis_ wrappers and backslash escapes."""
    # Each pattern only when its marker is in the paragraph: most paragraphs have none.
    if "*" in paragraph or "_" in paragraph:
        paragraph = _STRONG.sub(r"\2", paragraph)
    if "*" in paragraph:
        paragraph = _EMPHASIS_STAR.sub(r"\1", paragraph)
    if "_" in paragraph:
        paragraph = _EMPHASIS_UNDERSCORE.sub(r"\1", paragraph)
    return _ESCAPE.sub(r"\1", paragraph) if "\\" in paragraph else paragraph
