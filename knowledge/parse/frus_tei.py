"""Read a FRUS volume in TEI XML (the Office of the Historian's source, one file per volume).

Every <div type="document"> becomes one RawDocument carrying FrusParts (knowledge/parse/frus.py):
the source note ("611.95A/2–351: Telegram") gives file number and kind; the first <head> gives
the heading, with persName/gloss type="from"/"to" naming the parties; the opener gives the
classification and precedence (<seg>) and the dateline (placeName, date/@when); <closer><signed>
the signature; every other <note> is an editors' footnote, kept apart from the text; <pb n=...>
marks printed pages (a document starts on the page of the last <pb> before it). An enclosure
(<frus:attachment>) keeps its words in the text but never changes the document's parties.

The volume is read with lxml.etree.iterparse, one document at a time, each element cleared
once read, so a volume of several MB is never held whole as Python strings. Sources:
https://github.com/HistoryAtState/frus (volumes/*.xml), the FRUS TEI encoding of 2014 onwards.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from lxml import etree

from knowledge.errors import ParseError
from knowledge.parse.frus import (
    SITE,
    clock,
    file_line,
    is_marking_line,
    opening_number,
    printed_blocks,
    read_markings,
    short_citation,
    split_heading,
    split_party,
)
from knowledge.parse.raw import FrusParts, RawDocument
from knowledge.records import DateValue

TEI = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _t(name: str) -> str:
    return f"{{{TEI}}}{name}"


DIV, PB, HEAD, NOTE, P = _t("div"), _t("pb"), _t("head"), _t("note"), _t("p")
ATTACHMENT = f"{{{FRUS_NS}}}attachment"
BLOCKS = {_t(x) for x in ("p", "list", "quote", "table", "ab", "postscript", "lg", "div", "closer")}
CONTAINERS = {_t(x) for x in ("quote", "div", "postscript", "lg", "floatingText", "body")} | {
    ATTACHMENT
}
_WS = re.compile(r"\s+")


def looks_like_tei(data: bytes | str) -> bool:
    """True when the start of a file is a TEI document (its root element in the TEI namespace)."""
    head = data[:4096]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    return "<TEI" in head and TEI in head


def tei_documents(data: bytes, *, name: str = "") -> list[RawDocument]:
    """Every document of a TEI volume, in order; ParseError (one sentence) for broken XML."""
    return list(iter_tei_documents(io.BytesIO(data), name=name))


def iter_tei_documents(stream, *, name: str = "") -> Iterator[RawDocument]:
    """Stream RawDocuments out of a binary file object holding a TEI volume."""
    label = name or "The TEI file"
    volume = _Volume()
    page = ""
    context = etree.iterparse(
        stream,
        events=("start", "end"),
        tag=(_t("TEI"), _t("teiHeader"), PB, DIV),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        remove_comments=True,
    )
    starts: dict[int, str] = {}
    seen = 0
    try:
        for event, elem in context:
            tag = elem.tag
            if event == "start":
                if tag == _t("TEI"):
                    volume.id = elem.get(XML_ID, "")
                elif tag == DIV and elem.get("type") == "document":
                    starts[id(elem)] = page
                continue
            if tag == PB:
                page = elem.get("n", page) or page
            elif tag == _t("teiHeader"):
                volume.read_header(elem)
                elem.clear()
            elif tag == DIV and elem.get("type") == "document":
                seen += 1
                yield _document(elem, volume, starts.pop(id(elem), page), name)
                elem.clear(keep_tail=True)
                parent = elem.getparent()
                while parent is not None and elem.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        line = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise ParseError(f"{label} is not well-formed XML{line}: {exc.msg}.") from None
    if not seen:
        raise ParseError(f'{label} is a TEI file without any <div type="document">.')


class _Volume:
    """The volume's title and id from the TEI header."""

    def __init__(self) -> None:
        self.id = ""
        self.title = ""

    def read_header(self, header) -> None:
        titles = {t.get("type", ""): _flat(t) for t in header.iter(_t("title"))}
        idno = next((i for i in header.iter(_t("idno")) if i.get("type") == "frus"), None)
        if idno is not None and (idno.text or "").strip():
            self.id = idno.text.strip()
        if titles.get("complete"):
            self.title = titles["complete"]
        elif titles.get("series"):
            self.title = ", ".join(
                t
                for t in (
                    titles.get("series"),
                    titles.get("sub-series"),
                    titles.get("volume"),
                    titles.get("volume-number"),
                )
                if t
            )


def _flat(elem) -> str:
    return _WS.sub(" ", "".join(elem.itertext())).strip()


class _Reader:
    """Walks one document's elements into lines, collecting notes and page breaks."""

    def __init__(self) -> None:
        self.notes: list[str] = []
        self.pages: list[str] = []

    def inline(self, elem, *, skip_notes: bool = True) -> str:
        """The text of elem: notes taken out (kept as footnotes), pb noted, lb as a space."""
        out: list[str] = []
        self._inline(elem, out, top=True)
        return _WS.sub(" ", "".join(out)).strip()

    def _inline(self, elem, out: list[str], top: bool = False) -> None:
        tag = elem.tag
        if not top:
            if tag == NOTE:
                self.note(elem)
                out.append(elem.tail or "")
                return
            if tag == PB:
                if elem.get("n"):
                    self.pages.append(elem.get("n"))
                out.append(elem.tail or "")
                return
            if tag == _t("lb"):
                out.append(" ")
                out.append(elem.tail or "")
                return
        if isinstance(tag, str):
            out.append(elem.text or "")
            for child in elem:
                self._inline(child, out)
        if not top:
            out.append(elem.tail or "")

    def note(self, elem) -> None:
        paras = [self.inline(p) for p in elem.iter(P)]
        text = "\n".join(p for p in paras if p) if paras else self.inline(elem)
        self.notes.append(text)

    def blocks(self, elem) -> list[str]:
        """Paragraph texts of a block element (p, list, quote, table ...), one string each."""
        tag = elem.tag
        if tag == PB:
            if elem.get("n"):
                self.pages.append(elem.get("n"))
            return []
        if tag == NOTE:
            self.note(elem)
            return []
        if tag == _t("list"):
            out: list[str] = []
            label = ""
            for child in elem:
                if child.tag == _t("label"):
                    label = self.inline(child)
                elif child.tag == _t("item"):
                    inner = [c for c in child if c.tag in BLOCKS]
                    if inner:
                        texts = self.blocks_of(child)
                        if texts:
                            texts[0] = f"{label} {texts[0]}".strip()
                        out += texts
                    else:
                        out.append(f"{label} {self.inline(child)}".strip())
                    label = ""
                elif child.tag == HEAD:
                    out.append(self.inline(child))
                else:
                    out += self.blocks(child)
            return [x for x in out if x]
        if tag == _t("table"):
            rows = []
            for row in elem.iter(_t("row")):
                cells = [self.inline(c) for c in row.iter(_t("cell"))]
                rows.append("  ".join(c for c in cells if c))
            return [r for r in rows if r]
        if tag in CONTAINERS and any(
            c.tag in BLOCKS or c.tag in (HEAD, _t("opener")) for c in elem
        ):
            return self.blocks_of(elem)
        if tag in (_t("opener"), _t("closer")):
            loose = (elem.text or "").strip() or any((c.tail or "").strip() for c in elem)
            if loose:  # "[<signed>Syngman Rhee</signed>]": keep the brackets
                return [self.inline(elem)]
            return [x for x in (self.inline(c) for c in elem) if x]
        text = self.inline(elem)
        return [text] if text else []

    def blocks_of(self, elem) -> list[str]:
        out: list[str] = []
        if (elem.text or "").strip():
            out.append(_WS.sub(" ", elem.text).strip())
        for child in elem:
            out += self.blocks(child)
            if (child.tail or "").strip():
                out.append(_WS.sub(" ", child.tail).strip())
        return out


def _document(div, volume: _Volume, start_page: str, name: str) -> RawDocument:
    r = _Reader()
    doc_id = div.get(XML_ID, "")
    doc_number = div.get("n", "") or re.sub(r"^d", "", doc_id)
    source_note = ""
    heading = ""
    head_elem = None
    markings: list[str] = []
    dateline = place = ""
    date: DateValue | None = None
    received = ""
    text: list[str] = []
    closing: list[str] = []
    signature = ""
    extra_source = ""
    closer_at: int | None = None  # how many text blocks come before the document's own closer
    for child in div:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == NOTE and child.get("type") == "source":
            note = _flat(child)
            if source_note or note.lower().startswith("source:"):
                extra_source = note
                r.notes.insert(0, note)
            else:
                source_note = note
        elif tag == HEAD and head_elem is None:
            head_elem = child
            heading = r.inline(child)
        elif tag == _t("opener") and not text:
            for part in child:
                if part.tag == _t("dateline") and not dateline:
                    dateline = r.inline(part)
                    place_el = part.find(f".//{_t('placeName')}")
                    place = _flat(place_el) if place_el is not None else ""
                    date = _date(part, dateline)
                elif part.tag == PB:
                    r.blocks(part)
                elif part.tag == NOTE:
                    r.note(part)
                else:
                    line = r.inline(part)
                    if line:
                        markings += _marking_lines(part) or [line]
        elif tag == _t("closer") and closer_at is None:
            closer_at = len(text)
            for part in child:
                if part.tag == _t("signed"):
                    signature = " ".join(x for x in (signature, r.inline(part)) if x)
                elif part.tag == _t("dateline") and not dateline:
                    dateline = r.inline(part)
                    date = _date(part, dateline)
                elif part.tag in (NOTE, PB):
                    r.blocks(part)
                else:
                    line = r.inline(part)
                    if line:
                        closing.append(line)
            if (child.text or "").strip() and not len(child):
                signature = signature or _flat(child)
        elif (
            tag == P
            and not text
            and child.get("rend") == "flushleft"
            and is_marking_line(r.inline(child))
        ):
            markings.append(r.inline(child))  # "us urgent", "niact" printed as paragraphs
        elif tag == P and not text and re.match(r"^\[\s*Received\b", _flat(child), re.I):
            received = re.sub(r"^\[\s*Received\s*|\]\.?$", "", r.inline(child)).strip()
        else:
            text += r.blocks(child)
    if date is None:
        date = _doc_range(div)
    file_number, file_kind = ("", "")
    if source_note:
        parsed = file_line(source_note)
        file_number, file_kind = parsed if parsed else (source_note.rstrip("."), "")
    elif extra_source:
        m = re.search(
            r"\b\d{3}(?:\.\w+)*(?:\s[\w()]+)?/[\w–\-]+|\blot\s+\w+\s*\w*\s*\w*", extra_source, re.I
        )
        file_number = m.group(0).strip() if m else ""
    classes: list[str] = []
    precs: list[str] = []
    for line in markings:
        c, p = read_markings(line)
        classes += [x for x in c if x not in classes]
        precs += [x for x in p if x not in precs]
    parties = split_heading(heading)
    parties.update(_marked_parties(head_elem))
    printed_text = list(text)
    at = len(text) if closer_at is None else closer_at
    printed_text[at:at] = ["\n".join(x for x in (*closing, signature) if x)]
    number = ""
    if text and file_kind in ("Telegram", "Airgram", "Circular telegram", "Circular airgram", ""):
        number, rest = opening_number(text[0], text[1] if len(text) > 1 else "")
        if number and rest:
            text[0] = rest
        elif number:  # the number printed alone ("A–68.")
            text.pop(0)
    pages = tuple(dict.fromkeys(p for p in (start_page, *r.pages) if p))
    vid = volume.id
    url = f"{SITE}/{vid}/{doc_id}" if vid and doc_id else ""
    citation = short_citation(volume.title, doc_number, pages)
    if file_number:
        citation += f"; file {file_number}"
    head_lines = [
        f"{file_number}: {file_kind}" if file_kind else file_number,
        heading,
        *markings,
        dateline,
        f"[Received {received}]" if received else "",
    ]
    from knowledge.parse.frus import is_routing

    frus = FrusParts(
        file_number=file_number,
        file_kind=file_kind,
        heading=heading,
        sender=parties.get("sender", ""),
        sender_office=parties.get("sender_office", ""),
        recipient=parties.get("recipient", ""),
        recipient_office=parties.get("recipient_office", ""),
        classification=", ".join(classes),
        precedence=", ".join(precs),
        place=place.strip("[], "),
        dateline=dateline,
        date=date,
        received=received,
        telegram_number=number,
        routing=tuple(p for p in text[-3:] if is_routing(p)),
        signature=signature,
        closing=tuple(closing),
        footnotes=tuple(r.notes),
        pages=pages,
        volume=volume.title,
        volume_id=vid,
        doc_number=doc_number,
        doc_id=doc_id,
        citation=citation,
        url=url,
        printed=printed_blocks(head_lines, printed_text, [], r.notes),
    )
    body: list[str] = []
    for para in text:
        body += [para, ""]
    return RawDocument(
        # The volume's table of contents form, "216. The Special Representative ... to ...":
        # headings repeat within a volume, and the store tells a file's documents apart by title.
        title=f"{doc_number}. {heading}"
        if doc_number and heading
        else heading or f"Document {doc_number}",
        body_lines=tuple(body[:-1]),
        date=date.text if date else "",
        source=citation,
        url=url,
        file=name,
        printed=frus.printed,
        frus=frus,
    )


def _marking_lines(seg) -> list[str]:
    """The classification and precedence lines of an opener's seg: one per <hi> or per <lb/> run."""
    his = [_flat(h) for h in seg.iter(_t("hi"))]
    return [h for h in his if h]


def _marked_parties(head) -> dict[str, str]:
    """Sender and recipient names as the head marks them (persName or gloss, type from / to)."""
    if head is None:
        return {}
    out: dict[str, str] = {}
    for elem in head.iter(_t("persName"), _t("gloss"), _t("orgName"), _t("placeName")):
        kind = elem.get("type")
        if kind not in ("from", "to"):
            continue
        key = "sender" if kind == "from" else "recipient"
        name = _flat(elem)
        if not name or key in out:
            continue
        if elem.tag == _t("persName"):
            out[key] = name
        else:  # a gloss names an office ("Secretary of State"): it is the party's name
            out[key] = split_party(name)[0]
            out[f"{key}_office"] = out[key]
    return out


_WHEN = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::\d{2})?)?)?)?"
)


def _date(dateline, printed: str) -> DateValue | None:
    """The dateline's date: @when (date or dateTime), else notBefore/notAfter, else its words."""
    elem = dateline.find(f".//{_t('date')}")
    words = _flat(elem) if elem is not None else printed
    if elem is not None:
        when = elem.get("when") or ""
        if m := _WHEN.match(when):
            return _from_when(m, words)
        lo, hi = elem.get("notBefore") or elem.get("from"), elem.get("notAfter") or elem.get("to")
        if lo and hi and (a := _WHEN.match(lo)) and (b := _WHEN.match(hi)):
            first, last = _from_when(a, words), _from_when(b, words)
            if first.start == last.end:
                return DateValue(words, first.start, first.start, "day")
            return DateValue(words, first.start, last.end, "day-range")
    from knowledge.parse.frus import dateline_date

    return dateline_date(words) if words else None


def _from_when(m: re.Match[str], words: str) -> DateValue:
    import calendar

    y = int(m.group("y"))
    if not m.group("m"):
        return DateValue(words, f"{y}-01-01", f"{y}-12-31", "year")
    mo = int(m.group("m"))
    if not m.group("d"):
        last = calendar.monthrange(y, mo)[1]
        return DateValue(words, f"{y}-{mo:02d}-01", f"{y}-{mo:02d}-{last:02d}", "month")
    day = f"{y}-{mo:02d}-{int(m.group('d')):02d}"
    if m.group("H"):
        return DateValue(words, day, day, "minute", f"{m.group('H')}:{m.group('M')}")
    time = clock(words.split("—", 1)[1]) if "—" in words else None
    if time:
        return DateValue(words, day, day, "minute", time)
    return DateValue(words, day, day, "day")


def _doc_range(div) -> DateValue | None:
    """The frus:doc-dateTime-min/max interval (Washington time) when no dateline gives a date."""
    lo = div.get(f"{{{FRUS_NS}}}doc-dateTime-min") or ""
    hi = div.get(f"{{{FRUS_NS}}}doc-dateTime-max") or ""
    a, b = _WHEN.match(lo), _WHEN.match(hi)
    if not (a and b):
        return None
    first, last = _from_when(a, lo[:10]), _from_when(b, hi[:10])
    if first.start == last.start:
        return DateValue(lo[:10], first.start, first.start, "day")
    return DateValue(f"{lo[:10]} to {hi[:10]}", first.start, last.start, "day-range")
