"""What every container parser (seed HTML, archive page, Markdown) hands to the body parser."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.records import DateValue


@dataclass(frozen=True)
class FrusParts:
    """What a FRUS document prints around and after its text, as read by frus or frus_tei.

    sender and recipient are the person's name when the heading gives one ("Muccio"), the office
    otherwise ("Secretary of State"); the office alone goes in sender_office / recipient_office.
    date carries the dateline's time when it has one; pages are printed page numbers as text.
    """

    file_number: str = ""
    file_kind: str = ""
    heading: str = ""
    sender: str = ""
    sender_office: str = ""
    recipient: str = ""
    recipient_office: str = ""
    classification: str = ""
    precedence: str = ""
    place: str = ""
    dateline: str = ""
    date: DateValue | None = None
    received: str = ""
    telegram_number: str = ""
    routing: tuple[str, ...] = ()
    signature: str = ""
    closing: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    volume: str = ""
    volume_id: str = ""
    doc_number: str = ""
    doc_id: str = ""
    citation: str = ""  # "FRUS, 1949, vol. VII, pt. 2, doc. 216, p. 986; file ..."
    url: str = ""
    printed: str = ""  # blocks of lines between blank lines, as knowledge.text.printed_text
    extra: tuple[tuple[str, str], ...] = field(default=())


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
