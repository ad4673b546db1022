"""Read a telegram's lines the way the genre prints them: header, body, closing, signature."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.dates import find_time, parse_date

_HEADING = re.compile(
    r"^(?P<h>(?:(?:ciphered|coded|enciphered|cipher|encrypted|special|secret|top secret|outgoing|incoming|radio)\s+)*"
    r"(?:telegram|cable|cablegram|radiogram|message|telegraph message))\s*"
    r"(?:No\.?|N[º°o]|№|Nr\.?|Number|#)\s*(?P<n>[\w/\-]+)\.?"
    # a classification may share the heading line: "CABLE Nº 58986 TOP SECRET"
    r"(?:\s+(?:top secret|strictly secret|secret|urgent|top priority|priority))?\.?$",
    re.I,
)
# The number in an archive title: "Ciphered Telegram No. 58986 from Kovalev to Filippov".
TITLE_NUMBER = re.compile(
    r"\b(?:telegram|cable|cablegram|radiogram)\s+(?:No\.?|N[º°]|№)\s*(?P<n>\d[\d/\-]*\d|\d)\b", re.I
)
_OFFICE = re.compile(
    r"\b(ADMINISTRATION|GENERAL STAFF|MINISTRY|DIRECTORATE|COMMITTEE|DEPARTMENT|EMBASSY|CENTRAL COMMITTEE|SECRETARIAT|CHANCELLERY)\b"
)
_COPIES = re.compile(
    r"^(?:copies|distribution|distributed to|copy to|copies to)\s*[:\-]?\s*(?P<rest>.*)$", re.I
)
_FROM_RECEIVED = re.compile(
    r"^(?:from\s+(?P<origin>[A-Za-z][\w\- ]*?))?\s*(?:received|recd\.?|arrived)\s*(?:at\s*)?(?P<rest>.*)$",
    re.I,
)
_FROM = re.compile(r"^from\s+(?P<origin>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)\.?$", re.I)
_SENT = re.compile(
    r"^(?:from\s+(?P<origin>[A-Za-z][\w\- ]*?)[.,]?\s+)?(?:sent|dispatched|transmitted)[.:]?\s*(?:at\s*)?(?P<rest>.*)$",
    re.I,
)
_BARE_HEADING = re.compile(
    r"^(?:(?:ciphered|coded|enciphered|cipher|special|secret|top secret|outgoing|incoming)\s+)*(?:telegram|cable|cablegram|radiogram)\.?$",
    re.I,
)
_PRIORITY = re.compile(
    r"^(?P<p>top priority|extremely urgent|most urgent|very urgent|urgent|immediate|flash|priority|special|"
    r"top secret|strictly secret|secret|highest priority|out of turn|operational)\b[\s.!]*(?:[A-Z]\b)?\.?$",
    re.I,
)
_CHANNEL = re.compile(
    r"^(?:only\s+)?by\s+(?:ciphered\s+|special\s+)?(?:telegraph|wire|radio|courier|cipher)\b.*$",
    re.I,
)
_TO = re.compile(r"^to\s+(?P<who>(?:comrades?\s+)?.+?)[.,:]?$", re.I)
_FOR = re.compile(r"^for\s+(?P<who>(?:comrades?\s+)?.+?)[.,:]?$", re.I)
_TRANSMIT = re.compile(
    r"^(?:please\s+)?(?:transmit|pass on|convey|hand over|deliver)\s+(?:to\s+)?(?P<who>.+?)\s+(?:the following|this)\b.*$",
    re.I,
)
_CITY = re.compile(r"^[A-Z][A-Z\-]{2,}(?:\s+[A-Z][A-Z\-]{2,})?\.?$")
_NUMBER_LINE = re.compile(r"^(?:No\.?|Nr\.?|#)\s*(?P<n>[\w/\-]+)\s*(?P<rest>.*)$", re.I)
_DATE_LINE = re.compile(
    r"^[\d.:\s,]+$|^\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}[\d\s:.,]*$|^[A-Za-z]+\.?\s+\d{1,2},\s*\d{4}$"
    r"|^\d{1,2}\.[IVXivx]{1,4}\.\d{2,4}[\d\s:.,]*$"  # a Roman-numeral month: 17.XI.1950
)
CLOSINGS = re.compile(
    r"^(?:i wish you (?:good )?health|with (?:bolshevik|communist|comradely|fraternal|warm|best) (?:greetings|regards|salute)|"
    r"(?:please )?confirm (?:the )?receipt|telegraph (?:the )?(?:fulfil+ment|execution|receipt|results?)|report (?:on )?(?:the )?(?:fulfil+ment|execution)|"
    r"respectfully(?: yours)?|greetings|regards|salute|with respect|acknowledge receipt)\b.{0,40}$",
    re.I,
)
_SIGNATURE = re.compile(
    r"^[A-Z][A-Z'’\-\.]+(?:\s+[A-Z][A-Z'’\-\.]+){0,3}(?:\s*[\[(][^\])]{2,40}[\])])?\.?$"
)
_ITEM_LINE = re.compile(r"^\(?\d{1,2}[.)]\s+\S")
_CITY_TO = re.compile(
    r"^(?P<city>[A-Z][A-Z\-]{2,}(?:\s+[A-Z][A-Z\-]{2,})?),\s*(?P<to>to\s+.+?)[.,]?$"
)
_SALUTATION = re.compile(
    r"^[\"“„«']?\s*(?:dear\s+)?comrades?\s+(?P<who>[A-Z][\w\-\[\] .]{1,40}?)[.,!:]?$", re.I
)
_QUOTES = "\"“”„«»'"


def unquote(line: str) -> str:
    """A line without the quotation marks that open or close a quoted message around it."""
    return line.strip(_QUOTES + " ") if line else line


@dataclass
class TelegramParts:
    """The pieces of one telegram's text, as found (mutable while reading)."""

    issuing_office: str = ""
    heading: str = ""
    telegram_number: str = ""
    copies_text: str = ""
    origin: str = ""
    destination: str = ""
    channel: str = ""
    received_text: str = ""
    received_time: str | None = None
    sent_text: str = ""
    sent_time: str | None = None
    priority: str = ""
    addressee: str = ""
    for_line: str = ""
    transmit_to: str = ""
    paragraphs: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    signature: str = ""
    outgoing_number: str = ""
    signed_date: str = ""
    salutation: str = ""
    other_header: list[str] = field(default_factory=list)


def title_number(title: str) -> str:
    """The telegram number an archive title gives ("Ciphered Telegram No. 58986 from Kovalev
    to Filippov" -> "58986", "Cable Nº 2220" -> "2220"), or ""."""
    m = TITLE_NUMBER.search(title or "")
    return m.group("n") if m else ""


def _is_date_line(line: str) -> bool:
    return bool(_DATE_LINE.match(line)) and parse_date(line, year=1950) is not None


def read_telegram(lines: list[str] | tuple[str, ...]) -> TelegramParts:
    """Split a telegram's lines into header fields, body paragraphs, closing and signature."""
    parts = TelegramParts()
    lines = list(lines)
    i = _read_header(lines, parts)
    j = _read_tail(lines, i, parts)
    parts.paragraphs = reflow(lines[i:j])
    return parts


def _read_header(lines: list[str], p: TelegramParts) -> int:
    i = 0
    pending: str | None = None  # which field a bare date line after it belongs to
    while i < len(lines):
        line = lines[i]
        if line == "":
            i += 1
            continue
        if m := _HEADING.match(line):
            p.heading, p.telegram_number = line.rstrip("."), m.group("n")
        elif _OFFICE.search(line) and line.isupper() and not p.heading:
            p.issuing_office = line
        elif m := _COPIES.match(line):
            text = m.group("rest")
            # The list runs on over the next lines while a line ends with a comma.
            while text.rstrip().endswith(",") and i + 1 < len(lines) and lines[i + 1]:
                i += 1
                text = f"{text} {lines[i]}"
            p.copies_text = text.strip()
        elif (
            (m := _FROM_RECEIVED.match(line))
            and re.search(r"\d", m.group("rest") or "")
            or (m and m.group("origin") and not m.group("rest"))
        ):
            if m.group("origin"):
                p.origin = f"From {m.group('origin').strip()}"
            rest = m.group("rest") or ""
            p.received_time = find_time(rest)
            p.received_text = rest.strip()
            pending = "received"
        elif _BARE_HEADING.match(line) and not p.heading:
            p.heading = line.rstrip(".")
        elif m := _SENT.match(line):
            rest = m.group("rest")
            if not re.search(r"\d", rest):
                break
            if m.group("origin"):
                p.origin = f"From {m.group('origin').strip()}"
            p.sent_time = find_time(rest)
            p.sent_text = rest.strip()
            pending = "sent"
        elif _is_date_line(line) and pending:
            if pending == "received":
                p.received_text = f"{line} {p.received_text}".strip()
            else:
                p.sent_text = f"{line} {p.sent_text}".strip()
            pending = None
        elif m := _FROM.match(line):
            p.origin = f"From {m.group('origin')}"
        elif m := _PRIORITY.match(line):
            p.priority = (p.priority + ", " if p.priority else "") + m.group("p").upper()
        elif _CHANNEL.match(line):
            p.channel = line.rstrip(".")
        elif (m := _CITY_TO.match(line)) and not p.addressee:
            p.destination = p.destination or m.group("city")
            p.addressee = m.group("to").rstrip(".,:")
        elif (m := _TO.match(line)) and len(line) < 80 and not p.addressee:
            p.addressee = line.rstrip(".,:")
        elif (m := _FOR.match(line)) and len(line) < 80 and not p.for_line:
            p.for_line = line.rstrip(".,:")
        elif (m := _TRANSMIT.match(line)) and len(line) < 120:
            p.transmit_to = m.group("who")
        elif (m := _SALUTATION.match(line)) and len(line) < 60:
            # The opening of a quoted message ("Comrade ZHOU ENLAI."): the person it is for.
            p.salutation = line.strip(_QUOTES + " ")
            i += 1
            break
        elif _CITY.match(line) and not p.destination and len(line) < 40:
            p.destination = line.rstrip(".")
        elif _is_date_line(line) and not p.signed_date:
            p.signed_date = line
        elif line.isupper() and len(line) < 60 and not _ITEM_LINE.match(line):
            p.other_header.append(line)
        else:
            break
        i += 1
    return i


def _read_tail(lines: list[str], start: int, p: TelegramParts) -> int:
    """Read signature, outgoing number, dates and closings from the end; return where they begin."""
    j = len(lines)
    while j > start:
        line = unquote(lines[j - 1]) if lines[j - 1] else ""
        if line == "":
            j -= 1
            continue
        if (m := _NUMBER_LINE.match(line)) and len(line) < 40 and not p.outgoing_number:
            p.outgoing_number = f"No. {m.group('n')}"
            rest = m.group("rest").strip()
            if rest and parse_date(rest, year=1950):
                p.sent_text = rest
                p.sent_time = find_time(rest)
        elif (m := _SENT.match(line)) and re.search(r"\d", m.group("rest")):
            p.sent_time = find_time(m.group("rest"))
            p.sent_text = m.group("rest").strip()
        elif _is_date_line(line) and len(line) < 30:
            # A date under the number is when it was sent; under the signature, when signed.
            if p.sent_text and not re.search(r"\d{1,2}\.\d{1,2}|\d{4}", p.sent_text):
                p.sent_text = f"{line} {p.sent_text}"  # "13.7.50" above "Sent 03:15"
            elif p.outgoing_number or p.sent_text:
                if not p.sent_text:
                    p.sent_text, p.sent_time = line, find_time(line[5:] if ":" in line else "")
                else:
                    p.signed_date = p.signed_date or line
            else:
                p.signed_date = line
                p.sent_text = p.sent_text or ""
        elif CLOSINGS.match(line) and len(line) < 80:
            p.closing.insert(0, line)
        elif (
            _SIGNATURE.match(line)
            and not p.signature
            and len(line) < 60
            and not _HEADING.match(line)
        ):
            p.signature = line.rstrip(".")
        elif (m := _PRIORITY.match(line)) and not p.signature:
            pass
        else:
            break
        j -= 1
    # A date line just after the number, read before we knew of the number, is the sent date.
    if p.outgoing_number and p.signed_date and not p.sent_text:
        p.sent_text, p.signed_date = p.signed_date, ""
    if p.sent_text and not p.sent_time:
        m = re.search(r"(\d{1,2}):(\d{2})", p.sent_text)
        if m:
            p.sent_time = f"{int(m.group(1)):02d}:{m.group(2)}"
    return j


def reflow(lines: list[str]) -> list[str]:
    """Join lines broken mid-sentence into paragraphs; blank lines and numbered items break."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            text = ""
            for piece in current:
                if text.endswith("-") and not text.endswith(" -") and piece[:1].islower():
                    text = text + piece
                else:
                    text = f"{text} {piece}" if text else piece
            paragraphs.append(text)
            current.clear()

    for line in lines:
        if line == "":
            flush()
        elif _ITEM_LINE.match(line):
            flush()
            current.append(line)
        else:
            current.append(line)
    flush()
    return paragraphs
