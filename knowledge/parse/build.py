"""Turn a RawDocument into a Cable record: parties, dates, source, items, events, people."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from knowledge.aliases import Aliases, norm
from knowledge.dates import find_dates, parse_date, with_time
from knowledge.facts import read_facts, read_facts_of
from knowledge.parse.body import TelegramParts, read_telegram, reflow, title_number
from knowledge.parse.frus import (
    dateline_date,
    file_number_date,
    frus_extra,
    looks_like_frus_text,
    read_frus_text,
    volume_parts,
)
from knowledge.parse.items import numbered_items, prose_items
from knowledge.parse.raw import FrusParts, RawDocument
from knowledge.parse.xrefs import find_cross_references
from knowledge.records import ArchivalSource, Cable, Copy, DateValue, Event, Party
from knowledge.spelling import norm_words
from knowledge.text import printed_text, sentences

_TITLE_PREFIX = re.compile(
    r"^(?:(?:ciphered|coded|enciphered|cipher|top secret|secret|urgent)\s+)*"
    r"(?:telegram|cable|cablegram|radiogram|letter|message|note|memorandum|report|telegraph message)"
    r"(?:\s+(?:No\.?|Nr\.?|#)\s*[\w/\-]+)?\s*(?:,|:|\s+from\b|\s+-)\s*",
    re.I,
)
_PARTIES = re.compile(
    r"^(?:from\s+)?(?P<s>.+?)\s+to\s+(?P<r>.+?)"
    r"(?:\s*,?\s*\(?\s*via\s+(?P<v>[^,()]+?)\)?)?"
    r"(?:\s*,?\s*\(?\s*for\s+(?:comrades?\s+)?(?P<f>[^()]+?)\)?)?\s*$",
    re.I,
)
_FROM_ONLY = re.compile(
    r"^(?:(?:ciphered|coded|enciphered|cipher|top secret|secret|urgent)\s+)*"
    r"(?:telegram|cable|cablegram|radiogram|letter|message|report)"
    r"(?:\s+(?:No\.?|Nr\.?|#)\s*[\w/\-]+)?\s+from\s+(?P<s>[A-Z][^,;:()]*?)\s*$",
    re.I,
)
_IN_PLACE = re.compile(r"\s+(?:in|at)\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?$")  # "Roshchin in Beijing"
_TOPIC_TAIL = re.compile(
    r"\s*(?:,\s*|\s+)(?:about|regarding|concerning|on the|re:|with regard to|in connection with)\b.*$",
    re.I,
)


def title_parties(title: str, aliases: Aliases | None = None) -> dict[str, str]:
    """Sender, recipient, via and 'for' as a title names them ('X to Y (via Z)')."""
    rest = _TITLE_PREFIX.sub("", title.strip(), count=1)
    rest = _TOPIC_TAIL.sub("", rest)
    splits = [m.start() for m in re.finditer(r"\s+to\s+", rest, re.I)]
    if len(splits) > 1 and aliases is not None:
        # "the Soviet Ambassador to the DPRK Shtykov to Vyshinsky": split where both sides name someone.
        def fit(pos: int) -> int:
            return bool(aliases.find_people(rest[:pos])) + bool(aliases.find_people(rest[pos:]))

        best = max(splits, key=lambda pos: (fit(pos), -splits.index(pos)))
        head, tail = rest[:best], rest[best:]
        rest = head.replace(" to ", " \x00 ") + tail
    m = _PARTIES.match(rest)
    if not m:
        # "Ciphered telegram from Kuznetsov and Fedorenko in Pyongyang": a sender, no recipient.
        if f := _FROM_ONLY.match(title.strip()):
            return {"sender": _IN_PLACE.sub("", f.group("s")).strip(" ,.")}
        return {}
    out = {}
    for k, g in (("sender", "s"), ("recipient", "r"), ("via", "v"), ("for", "f")):
        value = (m.group(g) or "").replace("\x00", "to").strip(" ,.")
        value = re.sub(
            r"\s+(?:in|at)\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?$", "", value
        )  # "Roshchin in Beijing"
        if aliases is not None and value and norm(value) not in aliases.people:
            known = aliases.find_people(value)
            if len(known) == 1 and " and " not in value:
                value = known[0] if len(value.split()) > 3 else value
        out[k] = value
    return out


def parse_source(text: str) -> ArchivalSource | None:
    """Split an archival citation: 'APRF, Fond 45, Opis 1, Delo 335, Listy 80-81' or 'f. 45, op. 1'."""
    text = " ".join(text.split())
    if not text:
        return None

    def grab(pattern: str) -> str | None:
        m = re.search(pattern, text, re.I)
        return m.group(1).strip(" ,.") if m else None

    archive = None
    m = re.match(r"^\s*([A-Z][A-Za-z ]{0,12}?[A-Z]{1,6})\s*,", text)
    if m:
        archive = m.group(1).replace(" ", "") if len(m.group(1)) <= 6 else m.group(1)
    return ArchivalSource(
        text=text,
        archive=archive,
        fond=grab(r"\b(?:fond|f\.)\s*([\w/]+)"),
        opis=grab(r"\b(?:opis|op\.)\s*([\w/]+)"),
        delo=grab(r"\b(?:delo|d\.)\s*([\w/]+)"),
        # "p." is a papka (folder) in Russian citations, not a page.
        listy=grab(r"\b(?:listy|list|ll\.|l\.)\s*(\d[\d\s,\-–]*\d|\d)"),
    )


def parse_copies(text: str, aliases: Aliases) -> tuple[Copy, ...]:
    copies = []
    for piece in re.split(r"\s*[,;]\s*", text.strip(" .")):
        m = re.match(r"^(?P<name>.+?)\s*(?:\((?P<n>\d+)\))?$", piece)
        if m and m.group("name"):
            copies.append(Copy(aliases.person(m.group("name")), int(m.group("n") or 1)))
    return tuple(copies)


def _party(written: str, aliases: Aliases) -> Party | None:
    written = re.sub(r"^(?:to|for)\s+", "", written.strip(), flags=re.I)
    name = aliases.person(written)
    return Party(name, written) if name else None


def _stamp(text: str, time: str | None, year: int | None) -> DateValue | None:
    """A sent or received stamp: its date (which may lack a year) and time of day."""
    if not text:
        return None
    m = re.search(r"\d{1,2}\.\d{1,2}(?:\.\d{2,4})?", text)
    value = parse_date(m.group(0), year=year) if m else None
    if value is None:
        found = find_dates(text, year=year)
        value = found[0][1] if found else None
    if value is None:
        return None
    # Print the stamp as date and clock time ("8.11.1950 02:00"), however the cable spelled the time.
    printed = f"{m.group(0) if m else value.text} {time}" if time else " ".join(text.split())
    return with_time(DateValue(printed, value.start, value.end, value.precision), time, printed)


def slug(*parts: str) -> str:
    text = "-".join(p for p in parts if p)
    # norm folds diacritics ("Máo" is "mao"); letters of other scripts stay in the id.
    text = re.sub(r"[\W_]+", "-", norm(text)).strip("-")
    return text[:80].rstrip("-")


def checksum(title: str, paragraphs: list[str] | tuple[str, ...]) -> str:
    body = " ".join(norm_words(title + " " + " ".join(paragraphs)))  # norm(...), faster
    return hashlib.sha256(body.encode()).hexdigest()[:20]


def build_cable(raw: RawDocument, aliases: Aliases) -> Cable:
    """Read every field of one document into a Cable."""
    if raw.kind == "commentary":
        return _commentary(raw, aliases)
    frus = raw.frus
    if frus is None and looks_like_frus_text(raw.body_lines, raw.title, raw.url):
        frus, body = read_frus_text(raw.body_lines, title=raw.title, source=raw.source, url=raw.url)
        raw = replace(raw, body_lines=tuple(body))
    parts = _frus_telegram(frus, raw.body_lines) if frus else read_telegram(raw.body_lines)
    named = title_parties(raw.title, aliases) if frus is None else {}
    date = parse_date(raw.date) if raw.date else None
    if frus is not None:
        date = frus.date or date or file_number_date(frus.file_number)
    year = int(date.start[:4]) if date and date.start else _guess_year(raw, parts)
    received = _stamp(parts.received_text, parts.received_time, year)
    if frus is not None and frus.received:
        received = dateline_date(frus.received, year)
    sent = _stamp(parts.sent_text, parts.sent_time, year)
    signed = parse_date(parts.signed_date, year=year) if parts.signed_date else None
    if date is None:
        date = signed or sent or received

    sender = _party(raw.sender or named.get("sender") or parts.signature, aliases)
    if frus is not None:  # "The Ambassador in Korea (Muccio)": the name, the office apart
        sender = _frus_party(raw.sender, frus.sender, frus.sender_office, aliases) or sender
    for_party = _party(
        named.get("for") or _strip_label(parts.for_line) or parts.transmit_to, aliases
    )
    addressee = _party(_strip_label(parts.addressee), aliases)
    recipient = _party(raw.recipient or named.get("recipient") or "", aliases)
    if frus is not None:
        recipient = _frus_party(raw.recipient, frus.recipient, frus.recipient_office, aliases)
    if recipient is None:
        recipient = for_party or addressee
    via = _party(raw.via or named.get("via") or "", aliases)
    if (
        via is None
        and addressee
        and recipient
        and addressee.name not in recipient.name.split(" and ")
    ):
        via = addressee  # "To Comrade Zakharov / For Comrade Zhou Enlai": Zakharov passes it on

    numbered = numbered_items(parts.paragraphs, year=year)
    items = numbered + prose_items(parts.paragraphs, year=year, known=numbered)
    text_all = " ".join(
        [raw.title, raw.description, *parts.paragraphs, parts.addressee, parts.for_line]
    )
    people = _people(aliases, text_all, raw, sender, recipient, via, for_party, parts, aliases)
    places = _places(aliases, text_all, raw, parts)
    source = parse_source(raw.source)
    cable_id = slug(
        date.start if date and date.start else "undated",
        sender.name if sender else "",
        "to",
        recipient.name if recipient else raw.title[:40],
    )
    paragraphs = tuple(parts.paragraphs)
    printed = raw.printed or printed_text(raw.body_lines)
    closing = tuple(parts.closing)
    extra = tuple(
        (k, v)
        for k, v in (("topics", "; ".join(raw.topics)), ("header", "; ".join(parts.other_header)))
        if v
    )
    if frus is None:  # read here, not by two dataclasses.replace of the whole Cable
        # Deptel 417, urtel 389, "your telegram No. 3153": what the cable cites.
        xrefs = find_cross_references(paragraphs)
        facts = read_facts_of(paragraphs, (date, sent, received), printed, closing, extra)
    else:
        xrefs, facts = (), ()
    cable = Cable(
        id=cable_id,
        title=raw.title,
        date=date,
        source=source,
        description=raw.description,
        issuing_office=parts.issuing_office,
        heading=parts.heading,
        telegram_number=parts.telegram_number or title_number(raw.title),
        copies=parse_copies(parts.copies_text, aliases) if parts.copies_text else (),
        origin=parts.origin,
        destination=parts.destination,
        channel=parts.channel,
        received=received,
        sent=sent,
        priority=parts.priority,
        addressee=parts.addressee,
        for_line=parts.for_line,
        sender=sender,
        recipient=recipient,
        via=via,
        for_party=for_party,
        paragraphs=paragraphs,  # numbered items stay in place among them
        numbered_items=tuple(p for p in parts.paragraphs if re.match(r"^\(?\d{1,2}[.)]\s", p)),
        closing=closing,
        signature=parts.signature,
        outgoing_number=parts.outgoing_number,
        items=tuple(items),
        events=tuple(_events(date, sent, received, signed, items, parts, year)),
        people=tuple(people),
        places=tuple(places),
        record_id=raw.record_id,
        url=raw.url,
        language=raw.language,
        rights=raw.rights,
        file=raw.file,
        checksum=checksum(raw.title, parts.paragraphs),
        printed=printed,
        extra=extra,
        cross_references=xrefs,
        facts=facts,  # knowledge/facts.py: from every sentence
    )
    if frus is None:
        return cable
    cable = _with_frus(cable, frus, raw)
    # What the cable cites, text then notes.
    cable = replace(cable, cross_references=find_cross_references(cable.paragraphs, cable.footnotes))
    return replace(cable, facts=read_facts(cable))


def _frus_party(given: str, name: str, office: str, aliases: Aliases) -> Party | None:
    """A FRUS party: a person's name through the alias file, an office as printed."""
    if given:
        return _party(given, aliases)
    if name and name != office:
        return Party(aliases.person(name) or name, name)
    return Party(office, office) if office else None


def _frus_telegram(frus: FrusParts, body_lines: tuple[str, ...]) -> TelegramParts:
    """A FRUS document's telegram parts: each body line is a paragraph as the volume prints it."""
    return TelegramParts(
        telegram_number=frus.telegram_number,
        origin=frus.place,
        priority=frus.precedence,
        paragraphs=[line for line in body_lines if line],
        closing=list(frus.closing),
        signature=frus.signature,
    )


def _with_frus(cable: Cable, frus: FrusParts, raw: RawDocument) -> Cable:
    """Fill the Cable's FRUS fields: file number, offices, markings, notes, pages, volume."""
    volume, vid, doc = volume_parts(raw.url or frus.url, raw.source)
    return replace(
        cable,
        source=ArchivalSource(text=raw.source or frus.citation, archive="FRUS"),
        url=raw.url or frus.url,
        file_number=frus.file_number,
        file_kind=frus.file_kind,
        classification=frus.classification,
        sender_office=frus.sender_office,
        recipient_office=frus.recipient_office,
        routing=frus.routing,
        footnotes=frus.footnotes,
        pages=frus.pages,
        volume=frus.volume or volume,
        doc_number=frus.doc_number or doc,
        printed=frus.printed or cable.printed,
        extra=cable.extra + frus_extra(frus) + ((("volume id", vid),) if vid else ()),
    )


def _strip_label(line: str) -> str:
    return re.sub(r"^(?:to|for)\s+", "", line.strip(), flags=re.I)


def _guess_year(raw: RawDocument, parts: TelegramParts) -> int | None:
    for text in (
        parts.signed_date,
        parts.sent_text,
        parts.received_text,
        raw.description,
        raw.title,
    ):
        m = re.search(r"\b(19[0-9]\d)\b", text or "")
        if m:
            return int(m.group(1))
        m = re.search(r"\b\d{1,2}\.\d{1,2}\.(\d{2})\b", text or "")
        if m:
            return 1900 + int(m.group(1))
    return None


def _events(date, sent, received, signed, items, parts, year) -> list[Event]:
    events: list[Event] = []
    if date:
        events.append(Event("document date", date, date.text, "the cable's date"))
    if sent:
        events.append(
            Event(
                "sent",
                sent,
                " ".join(x for x in (parts.outgoing_number, parts.sent_text) if x),
                "sent",
            )
        )
    if received:
        events.append(
            Event(
                "received",
                received,
                " ".join(x for x in (parts.origin, "Received", parts.received_text) if x),
                "received",
            )
        )
    if signed and signed != date:
        events.append(Event("signed", signed, parts.signed_date, "date under the signature"))
    seen_words: set[tuple[str, str | None]] = set()
    for item in items:
        if item.date is None:
            continue
        kind = "promised delivery" if item.role == "promised" else "requested delivery"
        key = (item.date.text, item.date.start)
        if item.number and key in seen_words:
            continue  # a numbered list shares one window; show it once
        seen_words.add(key)
        what = "the listed items" if item.number else f"{item.quantity_text()} {item.name}"
        words = (
            item.words
            if item.date.text in item.words
            else _sentence_holding(parts.paragraphs, item.date.text) or item.words
        )
        events.append(Event(kind, item.date, words, what))
    for para in parts.paragraphs:
        for _span, value in find_dates(para, year=year):
            if (value.text, value.start) in seen_words:
                continue
            seen_words.add((value.text, value.start))
            events.append(Event("mentioned", value, para, "date in the text"))
    return events


def _sentence_holding(paragraphs: list[str], text: str) -> str:
    """The sentence of the cable that prints text (a list's delivery window is in its lead-in)."""
    for para in paragraphs:
        if text in para:
            return next((s for s in sentences(para) if text in s), para)
    return ""


def _people(aliases, text, raw, sender, recipient, via, for_party, parts, _a) -> list[str]:
    names: dict[str, None] = {}
    for party in (sender, recipient, via, for_party):
        if party:
            for n in party.name.split(" and "):
                names.setdefault(n, None)
    for n in aliases.find_people(text):
        names.setdefault(n, None)
    for n in raw.people:
        names.setdefault(aliases.person(n), None)
    return [n for n in names if n]


def _places(aliases, text, raw, parts) -> list[str]:
    names: dict[str, None] = {}
    for written in (parts.origin.removeprefix("From ").strip(), parts.destination):
        if written:
            names.setdefault(aliases.place(written), None)
    for n in aliases.find_places(text):
        names.setdefault(n, None)
    for n in raw.places:
        names.setdefault(aliases.place(n), None)
    return [n for n in names if n]


def _commentary(raw: RawDocument, aliases: Aliases) -> Cable:
    paragraphs = reflow(list(raw.body_lines))
    text = " ".join(paragraphs)
    author = aliases.person(raw.author) if raw.author else ""
    return Cable(
        id=slug("commentary", author or raw.title),
        title=raw.title,
        kind="commentary",
        date=parse_date(raw.date) if raw.date else None,
        sender=Party(author, raw.author) if author else None,
        paragraphs=tuple(paragraphs),
        people=tuple(aliases.find_people(text)),
        places=tuple(aliases.find_places(text)),
        author=author,
        file=raw.file,
        checksum=checksum(raw.title, paragraphs),
        printed=raw.printed or printed_text(raw.body_lines),
    )
