"""Turn an HTML fragment into the lines a reader sees: <br> ends a line, blocks end paragraphs."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

_BLOCK = re.compile(
    r"<\s*/?\s*(?:p|div|table|tr|h[1-6]|li|ul|ol|blockquote|section|article)\b[^>]*>", re.I
)
# <br>, <br/>, and <br> with attributes: <br clear="all">, Word's <br style="...">.
_BR = re.compile(r"<\s*br\b[^>]*>", re.I)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_DROP = re.compile(r"<\s*(script|style|noscript)\b.*?<\s*/\s*\1\s*>", re.I | re.S)


def html_lines(fragment: str) -> list[str]:
    """Lines of text in fragment; '' marks a paragraph break (runs collapsed to one)."""
    # Source newlines are only whitespace in HTML; the telegram's line ends are the <br>s.
    fragment = _DROP.sub(" ", fragment)
    fragment = re.sub(r"\s+", " ", fragment)
    fragment = _BR.sub("\n", fragment)
    fragment = _BLOCK.sub("\n\n", fragment)
    text = BeautifulSoup(fragment, "html.parser").get_text()
    return tidy_lines(text.split("\n"))


def tidy_lines(raw: list[str]) -> list[str]:
    """Strip each line, turn blank runs into one '' and drop blanks at both ends."""
    lines: list[str] = []
    for line in raw:
        # Soft hyphens and zero-width characters an HTML entity may have produced go too.
        line = " ".join(line.replace("\u00a0", " ").translate(_INVISIBLE).split())
        if line:
            lines.append(line)
        elif lines and lines[-1] != "":
            lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return lines
