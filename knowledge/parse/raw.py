"""What every container parser (seed HTML, archive page, Markdown) hands to the body parser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.parse.frus import FrusParts


@dataclass(frozen=True)
class RawDocument:
    """One document as found in its container, before the cable's body is read.

    body_lines keeps the telegram's own line breaks: an empty string marks a paragraph
    break, any other break is a line end that may fall mid-sentence.
    """

    title: str
    body_lines: tuple[str, ...]
    kind: str = "cable"  # or "commentary"
    date: str = ""  # as printed: "8 November 1950", "November 8, 1950", "1950-11-08"
    source: str = ""
    description: str = ""
    record_id: str = ""
    url: str = ""
    sender: str = ""  # from front matter; otherwise read from the title
    recipient: str = ""
    via: str = ""
    language: str = ""
    rights: str = ""
    author: str = ""
    people: tuple[str, ...] = ()  # "Associated People & Organizations" of an archive page
    places: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    file: str = ""
    # The text as printed, when the container knows it better than body_lines joined
    # (knowledge.text.printed_text); "" means body_lines are the printed lines.
    printed: str = ""
    # FRUS conventions read by the container (frus_tei.py); None lets build.py look for them.
    frus: FrusParts | None = None
