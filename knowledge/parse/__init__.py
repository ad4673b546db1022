"""Read a file of any supported format into Cable records."""

from __future__ import annotations

import math
import re
from pathlib import Path

from knowledge.aliases import Aliases
from knowledge.errors import ParseError
from knowledge.parse.build import build_cable
from knowledge.parse.raw import RawDocument
from knowledge.records import Cable

MAX_FILE_BYTES = 20 * 1024 * 1024  # archive pages are well under 1 MB; 20 MB leaves room
SUFFIXES = (".html", ".htm", ".md", ".markdown", ".txt", ".xml")  # .xml: a FRUS TEI volume
_HEADER_LINE = re.compile(r"^(?P<k>[A-Za-z][A-Za-z _]{1,20}):\s*(?P<v>.*)$")


def _mib(size: int) -> str:
    return f"{math.ceil(size / 2**20 * 10) / 10:.1f}"  # rounded up: 20 MiB and a byte is over 20


# Characters that print nothing and only break words for matching: soft hyphen, zero-width
# space, zero-width non-joiner and joiner, word joiner, a BOM inside the text; and the HTML
# entities that stand for them (decoded later, by the HTML reader, where they would survive).
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_INVISIBLE_ENTITY = re.compile(
    r"&(?:shy|zwsp|zwj|zwnj|NoBreak);|&#0*(?:173|8203|8204|8205|8288|65279);"
    r"|&#x0*(?:ad|200b|200c|200d|2060|feff);",
    re.I,
)
# Bytes no text file holds when read as Windows-1252 / Latin-1: control characters other than
# tab, line and page ends (a binary file, or another encoding altogether).
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
UTF8 = "UTF-8"


def strip_invisible(text: str) -> str:
    """text without soft hyphens, zero-width spaces and joiners (characters or entities)."""
    if "&" in text:
        text = _INVISIBLE_ENTITY.sub("", text)
    return text.translate(INVISIBLE)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Bytes to (text, encoding): UTF-8 (with or without BOM), else Windows-1252 or Latin-1.

    The encoding is "UTF-8", "Windows-1252" (the file uses bytes 0x80-0x9F, curly quotes and
    dashes) or "Latin-1" (ISO-8859-1, which Windows-1252 extends). Invisible characters are
    removed (strip_invisible). ParseError: empty, over MAX_FILE_BYTES, or bytes that are no
    text in any of the three (the first such byte and its position are named).
    """
    if not data.strip():
        raise ParseError(f"{name} is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise ParseError(
            f"{name} is {_mib(len(data))} MB; cablebot reads files up to {MAX_FILE_BYTES // 2**20} MB."
        )
    try:
        return strip_invisible(data.decode("utf-8-sig")), UTF8
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    text = data.decode("cp1252", errors="replace")
    bad = _NOT_TEXT.search(text) or re.search("\ufffd", text)
    if bad:
        at = bad.start()  # cp1252 is one byte a character: the position is the byte's
        raise ParseError(
            f"{name} is not UTF-8, Windows-1252 or Latin-1 text (bad byte 0x{data[at]:02X} at "
            f"position {at}; as UTF-8 it breaks at position {utf8_error})."
        )
    encoding = "Windows-1252" if re.search(rb"[\x80-\x9f]", data) else "Latin-1"
    return strip_invisible(text), encoding


def decode(data: bytes, name: str) -> str:
    """Bytes to text (see decode_text), without saying which encoding it was."""
    return decode_text(data, name)[0]


def raw_documents(text: str, *, name: str) -> list[RawDocument]:
    """Find the documents in a file's text, choosing the reader by its content and suffix."""
    suffix = Path(name).suffix.lower()
    stripped = text.lstrip("\ufeff \t\r\n")
    if suffix == ".xml" or stripped.startswith("<?xml"):
        from knowledge.parse.frus_tei import looks_like_tei, tei_documents

        if looks_like_tei(stripped):
            return tei_documents(text.encode("utf-8"), name=name)
        if suffix == ".xml":
            raise ParseError(
                f"{name} holds no cable: cablebot reads XML files in TEI (FRUS volumes)."
            )
    if stripped.startswith("---"):
        from knowledge.parse.markdown import parse_markdown

        return [parse_markdown(text, file=name)]
    if suffix in (".html", ".htm") or stripped.startswith("<"):
        from knowledge.parse.seed_html import looks_like_seed_page, parse_seed_page

        if looks_like_seed_page(text):
            return parse_seed_page(text, file=name)
        from knowledge.parse.frus import looks_like_frus_page, parse_frus_page

        if looks_like_frus_page(text) and (page := parse_frus_page(text, file=name)) is not None:
            return [page]  # a document page saved from history.state.gov
        from knowledge.parse.archive_page import looks_like_archive_page, parse_archive_page

        if looks_like_archive_page(text):
            return [parse_archive_page(text, file=name)]
        raise ParseError(
            f"{name} holds no cable: no header table (title, Date, Source) and no archive document page."
        )
    header = _key_value_header(text)
    if header is not None:
        return [header]
    from knowledge.parse.frus import frus_text_document

    if (copied := frus_text_document(text, name=name)) is not None:
        return [copied]  # a FRUS page copied as text: file-number line, heading, ...
    raise ParseError(f"{name} holds no cable: Markdown needs YAML front matter with a title.")


def _key_value_header(text: str) -> RawDocument | None:
    """'Title: ...' lines, a blank line, then the body: a plain-text transcription."""
    head, sep, body = text.replace("\r\n", "\n").partition("\n\n")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        m = _HEADER_LINE.match(line.strip())
        if not m:
            return None
        meta[m.group("k").strip().lower().replace(" ", "_")] = m.group("v").strip()
    if not sep or not meta.get("title"):
        return None
    from knowledge.parse.html_text import tidy_lines
    from knowledge.parse.markdown import TEXT_KEYS

    keep = {k: meta.get(k, "") for k in TEXT_KEYS if k != "author"}
    return RawDocument(title=meta["title"], body_lines=tuple(tidy_lines(body.split("\n"))), **keep)


def parse_bytes(data: bytes, *, name: str, aliases: Aliases) -> list[Cable]:
    """Every Cable in one file's bytes; ParseError (one sentence) when there is none."""
    return parse_bytes_encoding(data, name=name, aliases=aliases)[0]


def parse_bytes_encoding(data: bytes, *, name: str, aliases: Aliases) -> tuple[list[Cable], str]:
    """parse_bytes, and the encoding the text was read in ("UTF-8", "Windows-1252", "Latin-1")."""
    encoding = UTF8
    from knowledge.parse.frus_tei import looks_like_tei, tei_documents

    if looks_like_tei(data) and len(data) <= MAX_FILE_BYTES:
        raws = tei_documents(data, name=name)  # streamed from the bytes, never decoded whole
    else:
        text, encoding = decode_text(data, name)
        raws = raw_documents(text, name=name)
    cables = [build_cable(raw, aliases) for raw in raws]
    if not any(c.kind == "cable" for c in cables):
        raise ParseError(f"{name} holds no cable.")
    for c in cables:
        if c.kind == "cable" and not (c.paragraphs or c.numbered_items):
            raise ParseError(f"{name}: the cable {c.title!r} has no text.")
    return cables, encoding


def read_file(path: Path) -> bytes:
    """A file's bytes, refusing oversize files before reading them."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ParseError(
                f"{path.name} is {_mib(size)} MB; cablebot reads files up to {MAX_FILE_BYTES // 2**20} MB."
            )
        return path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path} cannot be read: {exc.strerror}.") from None


def parse_path(path: Path, *, aliases: Aliases) -> list[Cable]:
    return parse_bytes(read_file(path), name=str(path), aliases=aliases)
