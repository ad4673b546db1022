"""Read pages in the seed's layout: cables under header tables (title, Date, Source, Description)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from knowledge.parse.html_text import html_lines
from knowledge.parse.raw import RawDocument

_TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
_LABELS = ("date", "source", "description")
_SIGN_OFF = re.compile(r"^(?:regards|best regards|kind regards|sincerely|cheers|thanks)\W*$", re.I)


def _header(table_html: str) -> dict[str, str] | None:
    """Title and labelled cells of a header table, or None if it is not one."""
    soup = BeautifulSoup(table_html, "html.parser")
    fields: dict[str, str] = {}
    for cell in soup.find_all("td"):
        label = cell.find("b")
        if not label:
            continue
        name = label.get_text(" ", strip=True).rstrip(":").strip().lower()
        label.extract()
        value = " ".join(cell.get_text(" ", strip=True).split())
        if name in _LABELS:
            fields[name] = value
        elif "title" not in fields and name and not value:
            fields["title"] = " ".join(label.get_text(" ", strip=True).split())
    if "title" not in fields or not ({"date", "source"} & fields.keys()):
        return None
    return fields


def looks_like_seed_page(html: str) -> bool:
    html = html.replace("\u00a0", " ")
    return any(_header(m.group(0)) for m in _TABLE.finditer(html))


def parse_seed_page(html: str, *, file: str = "") -> list[RawDocument]:
    """Every cable on the page, plus the commentary before the first one if there is any."""
    # Some pages carry no-break spaces even inside tags (the seed does); they are spaces.
    html = html.replace("\u00a0", " ")
    headers = [(m, h) for m in _TABLE.finditer(html) if (h := _header(m.group(0)))]
    docs: list[RawDocument] = []
    if not headers:
        return docs
    before = html_lines(html[: headers[0][0].start()])
    if sum(len(line) for line in before) > 80:
        docs.append(_commentary(before, file))
    for i, (match, fields) in enumerate(headers):
        end = headers[i + 1][0].start() if i + 1 < len(headers) else len(html)
        body = html_lines(html[match.end() : end])
        docs.append(
            RawDocument(
                title=fields["title"],
                body_lines=tuple(body),
                date=fields.get("date", ""),
                source=fields.get("source", ""),
                description=fields.get("description", ""),
                file=file,
            )
        )
    return docs


def _commentary(lines: list[str], file: str) -> RawDocument:
    """The poster's own text: its author is the name after the sign-off."""
    author = ""
    for i, line in enumerate(lines):
        if _SIGN_OFF.match(line):
            rest = [x for x in lines[i + 1 :] if x]
            if rest and len(rest[0].split()) <= 4:
                author = rest[0]
                lines = lines[:i]
            break
    while lines and lines[-1] == "":
        lines.pop()
    title = f"Commentary by {author}" if author else "Commentary"
    return RawDocument(
        title=title, body_lines=tuple(lines), kind="commentary", author=author, file=file
    )
