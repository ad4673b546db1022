"""Read a Wilson Center Digital Archive document page (digitalarchive.wilsoncenter.org/document/...).

The current site (a Drupal theme) shows, top to bottom: the date and an <h1> title; the
document text in tab panes (the English translation, and often the original-language text
or a transcript); a summary paragraph; "Author(s)", "Associated People & Organizations",
"Associated Places" and "Associated Topics" headings, each followed by a row of name pills;
"Related Documents"; and "Document Information", a run of blocks that pair a label (Source,
Original Archive, Rights, Original Uploaded Date, Type, Language, Record ID) with a value.

Nothing here depends on one class name alone: fields are found by their visible labels
(headings, dt/dd, label divs, "Label:" lines), and the document text by tab panes, labelled
sections or text containers, preferring the English translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.builder import ParserRejectedMarkup
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    PageElement,
    ProcessingInstruction,
)

from knowledge.errors import ParseError
from knowledge.parse.html_text import tidy_lines
from knowledge.parse.raw import RawDocument

# html.parser builds about 1 MB of dense markup per 1.2-1.5 s (bs4 4.15, Python 3.11) and
# this module's passes add about half that again; real document pages are 50-500 kB.
# 3 million characters keeps the worst accepted page to a few seconds and refuses larger
# ones before parsing starts.
MAX_PAGE_CHARS = 3_000_000

SITE = "https://digitalarchive.wilsoncenter.org"

# Cheap tests for looks_like_archive_page: the Record ID label, plus one sign of the site.
RECORD_ID_MARK = "record id"
SITE_MARKS = ("digitalarchive.wilsoncenter.org", "document information", "information-block")

# Visible labels (lower case, no trailing colon) -> the field they fill.
FIELD_LABELS = {
    "source": "source",
    "sources": "source",
    "original archive": "archive",
    "rights": "rights",
    "language": "language",
    "languages": "language",
    "record id": "record_id",
    "date": "date",
    "summary": "summary",
    "author": "author",
    "authors": "author",
    "author(s)": "author",
    "associated people & organizations": "people",
    "associated people and organizations": "people",
    "associated people": "people",
    "people & organizations": "people",
    "associated places": "places",
    "associated topics": "topics",
    "subjects discussed": "topics",
    "subjects": "topics",
    "topics": "topics",
    # Read only so that their values end the sections before them.
    "related documents": "related",
    "document information": "information",
    "original uploaded date": "uploaded",
    "type": "type",
    "original classification": "classification",
    "donors": "donors",
    "document contributors": "contributors",
    "credits": "credits",
}
LABEL_MAX_CHARS = 80
# Fields that may also be written inline, as "Source: APRF, f. 45 ..." in one text node.
INLINE_FIELDS = frozenset({"source", "archive", "rights", "language", "record_id", "date"})
INLINE_LABEL_MAX_CHARS = 400

# Words in a text pane's id, class, lang or tab caption that say which text it holds.
TRANSLATION_HINTS = ("translation", "english")
ORIGINAL_HINTS = ("original", "transcript", "russian", "chinese", "korean", "german", "scan")
# Headings that open a section of document text when a page has no tab panes.
TEXT_SECTION_HEADINGS = re.compile(
    r"^(?:english )?(?:translation|original(?: text| language)?|transcript(?:ion)?|"
    r"document text|full text)\b"
)
# Class or id words of a plain container of document text (the last resort).
TEXT_CONTAINER_WORDS = ("translation", "transcript", "original-text", "document-text")
TEXT_CONTAINER_CLASSES = frozenset(
    {"field--name-body", "document-body", "document-text", "doc-text", "body-text", "text-body"}
)
TEXT_CONTAINER_TAGS = frozenset({"div", "section", "article"})
SUMMARY_CLASSES = frozenset({"text-block", "summary", "field--name-field-summary"})
LATIN_SAMPLE_CHARS = 5000

SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Blocks whose end is a paragraph break; other blocks only end a line.
PARAGRAPH_TAGS = frozenset({"p", "blockquote", "pre", "table", "ul", "ol", "hr"} | HEADINGS)
LINE_TAGS = frozenset(
    {"div", "li", "tr", "td", "th", "dt", "dd", "dl", "section", "article", "header"}
    | {"footer", "main", "aside", "nav", "figure", "figcaption", "address", "center"}
    | {"form", "fieldset", "tbody", "thead", "tfoot", "caption", "details", "summary"}
)
# Labels whose next same-named sibling starts the next field (dt, th, strong, ...).
PAIRED_LABEL_TAGS = frozenset({"dt", "th", "strong", "b", "label"} | HEADINGS)
# Text in these is never a field label: page title, links (pills, tabs), form controls.
NOT_LABEL_TAGS = frozenset({"title", "a", "option", "button", "body", "html", "[document]"})
UNPRINTED = (Comment, Doctype, Declaration, CData, ProcessingInstruction)

# bs4's html.parser builder remembers every <br> written without a slash and scans that
# list at each end tag, so pages full of <br> parse in quadratic time; <br/> avoids it.
_VOID_TAG = re.compile(r"<(br|hr|img|meta|link|input|wbr|col|area|source)\b([^<>]*?)/?>", re.I)
_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_STARTS_WITH_NUMBER = re.compile(r"\s*\d")
# An editor's mark for omitted text: "[...]", "[…]", "(. . .)", "...".
_ELISION = re.compile(r"^[\[(]?\s*(?:(?:\.\s*){3}|…)\s*[\])]?$")


@dataclass
class _Page:
    """A parsed page with its elements and text nodes listed once, in page order.

    bs4's find_all runs a general filter per element; one walk and plain list filters
    are several times faster on large pages.
    """

    soup: BeautifulSoup
    tags: list[Tag] = field(default_factory=list)
    strings: list[NavigableString] = field(default_factory=list)
    order: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for node in self.soup.descendants:
            if isinstance(node, Tag):
                self.order[id(node)] = len(self.tags)
                self.tags.append(node)
            elif isinstance(node, NavigableString) and not isinstance(node, UNPRINTED):
                self.strings.append(node)

    def named(self, *names: str) -> Iterator[Tag]:
        return (tag for tag in self.tags if tag.name in names)

    def by_id(self, value: str) -> Tag | None:
        return next((tag for tag in self.tags if tag.get("id") == value), None)

    def meta(self, **attrs: str) -> str:
        """Content of the first <meta> with these attributes, or ""."""
        for tag in self.named("meta"):
            if all(tag.get(key) == value for key, value in attrs.items()):
                return _SPACE.sub(" ", str(tag.get("content") or "")).strip()
        return ""


@dataclass(frozen=True)
class _TextPane:
    """One candidate for the document text: its nodes, hint words, and English-ness."""

    nodes: tuple[PageElement, ...]
    hint: int  # +1 says translation, -1 says original or transcript, 0 says nothing
    latin: float  # share of letters that are Latin: the English translation is near 1


def looks_like_archive_page(html: str) -> bool:
    """Tell whether html looks like a Digital Archive document page (no full parse)."""
    head = html[:MAX_PAGE_CHARS].lower()
    return RECORD_ID_MARK in head and any(mark in head for mark in SITE_MARKS)


def parse_archive_page(html: str, *, file: str = "") -> RawDocument:
    """Read one archive document page into a RawDocument; raise ParseError if it is not one."""
    name = file or "The page"
    if len(html) > MAX_PAGE_CHARS:
        raise ParseError(
            f"{name} is too large to read as an archive page "
            f"({len(html):,} characters; the limit is {MAX_PAGE_CHARS:,})."
        )
    page = _Page(_soup(html, name))
    title_tag = _title_tag(page)
    title = _text(title_tag) if title_tag else _meta_title(page)
    if not title:
        raise ParseError(f"{name} has no document title (no <h1> heading).")
    panes = _text_panes(page)
    excluded = {id(node) for pane in panes for node in pane.nodes}
    fields = _labelled_fields(page, excluded)
    source = _scalar(fields.get("source")) or "; ".join(_items(fields.get("archive")))
    record_id = _scalar(fields.get("record_id"))
    if not (source or record_id):
        raise ParseError(
            f"{name} has no Document Information with a Source or Record ID, "
            "so it is not a Digital Archive document page."
        )
    body = _best_pane(panes)
    body_lines = trim_edge_elisions(tidy_lines(html_node_lines(body.nodes))) if body else ()
    if not body_lines:
        raise ParseError(f"{name} has no document text (no translation or transcript).")
    # Related documents carry their own dates and summaries; keep them out of this one's.
    elsewhere = excluded | {id(n) for n in fields.get("related", []) if isinstance(n, Tag)}
    return RawDocument(
        title=title,
        body_lines=body_lines,
        date=_date(page, title_tag, elsewhere) or _scalar(fields.get("date")),
        source=source,
        description=_summary(page, elsewhere) or _scalar(fields.get("summary")),
        record_id=record_id,
        url=_canonical_url(page),
        language=", ".join(_items(fields.get("language"))),
        rights=_scalar(fields.get("rights")),
        author="; ".join(_items(fields.get("author"))),
        people=_items(fields.get("people")),
        places=_items(fields.get("places")),
        topics=_items(fields.get("topics")),
        file=file,
    )


def trim_edge_elisions(lines: Iterable[str]) -> tuple[str, ...]:
    """Drop elision marks ("[...]") and blanks before the first and after the last line.

    The archive prints "[...]" where it left out the telegram's framing (distribution
    lists, registry stamps); at the edges it is the editor's mark, not a line of the cable.
    Marks inside the text stay: they show where words are missing.
    """
    kept = list(lines)
    while kept and (not kept[0] or _ELISION.match(kept[0])):
        kept.pop(0)
    while kept and (not kept[-1] or _ELISION.match(kept[-1])):
        kept.pop()
    return tuple(kept)


def html_node_lines(nodes: Iterable[PageElement]) -> list[str]:
    """Lines a reader sees in nodes: <br> ends a line, <p> ends a paragraph ("")."""
    lines: list[str] = []
    current: list[str] = []

    def end_line(always: bool) -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        current.clear()
        if line or always:
            lines.append(line)

    # An explicit stack: deeply nested markup must not hit Python's recursion limit.
    stack: list[tuple[PageElement, bool]] = [(node, False) for node in reversed(list(nodes))]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, UNPRINTED):
                current.append(str(node))
            continue
        if not isinstance(node, Tag) or node.name in SKIPPED_TAGS:
            continue
        if node.name == "br":
            end_line(always=True)
        elif leaving:
            end_line(always=False)
            if node.name in PARAGRAPH_TAGS:
                lines.append("")
        else:
            if node.name in PARAGRAPH_TAGS or node.name in LINE_TAGS:
                end_line(always=False)
                stack.append((node, True))
            current.append(_list_number(node))
            stack.extend((child, False) for child in reversed(node.contents))
    end_line(always=False)
    return lines


def _soup(html: str, name: str) -> BeautifulSoup:
    """Parse with html.parser after closing void tags, dropping scripts and styles."""
    try:
        soup = BeautifulSoup(_VOID_TAG.sub(r"<\1\2/>", html), "html.parser")
    except ParserRejectedMarkup:
        raise ParseError(f"{name} is not readable HTML.") from None
    skipped = [tag for tag in soup.descendants if isinstance(tag, Tag) and tag.name in SKIPPED_TAGS]
    for tag in skipped:
        tag.extract()  # extract, not decompose: an outer skipped tag may hold an inner one
    return soup


def _text(node: PageElement | None) -> str:
    """Visible text of node on one line."""
    if node is None:
        return ""
    return _SPACE.sub(" ", node.get_text(" ")).strip()


def _norm_label(text: str) -> str:
    """A label as FIELD_LABELS spells it: lower case, one space, no trailing colon."""
    return _SPACE.sub(" ", text).strip().rstrip(":").strip().lower()


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class") or []
    return [value] if isinstance(value, str) else list(value)


def _inside(node: PageElement, excluded: set[int]) -> bool:
    """Tell whether node is, or sits inside, one of the excluded elements."""
    return id(node) in excluded or any(id(parent) in excluded for parent in node.parents)


def _title_tag(page: _Page) -> Tag | None:
    """The document's <h1>: one classed as a title if any, else the first with text."""
    headings = [h for h in page.named("h1") if _text(h)]
    titled = [h for h in headings if any("title" in c for c in _classes(h))]
    return (titled or headings or [None])[0]


def _meta_title(page: _Page) -> str:
    """og:title, else the <title> before the site name after "|"."""
    if page.meta(property="og:title"):
        return page.meta(property="og:title")
    title = next(page.named("title"), None)
    return _text(title).split(" | ")[0].strip()


def _canonical_url(page: _Page) -> str:
    """<link rel=canonical>, else og:url; a relative address is taken as on the site."""
    link = next((t for t in page.named("link") if "canonical" in (t.get("rel") or [])), None)
    href = str(link.get("href") or "").strip() if link else ""
    href = href or page.meta(property="og:url")
    return urljoin(SITE + "/", href) if href.startswith("/") else href


# --- labelled fields ---------------------------------------------------------------


def _labelled_fields(page: _Page, excluded: set[int]) -> dict[str, list[PageElement]]:
    """Map each field to the nodes of its value; the first label on the page wins."""
    labels = _label_tags(page, excluded)
    holders: dict[int, int] = {}  # id of an element -> how many labels it holds
    for tag, _ in labels:
        for parent in tag.parents:
            holders[id(parent)] = holders.get(id(parent), 0) + 1
    label_ids = {id(tag) for tag, _ in labels}
    fields: dict[str, list[PageElement]] = {}
    for tag, name in labels:
        if name not in fields:
            fields[name] = _value_nodes(tag, label_ids, holders)
    for name, value in _inline_fields(page, excluded):
        fields.setdefault(name, [NavigableString(value)])
    return fields


def _label_tags(page: _Page, excluded: set[int]) -> list[tuple[Tag, str]]:
    """Elements whose whole text is a known label, outermost first, in page order."""
    found: list[tuple[Tag, str]] = []
    seen: set[int] = set()
    for string in page.strings:
        if len(string) > LABEL_MAX_CHARS:
            continue
        name = FIELD_LABELS.get(_norm_label(string))
        tag = string.parent
        if name is None or tag is None or tag.name in NOT_LABEL_TAGS or _inside(tag, excluded):
            continue
        # Climb while the parent holds nothing but this label (<h2><span>Label</span></h2>).
        while isinstance(tag.parent, Tag) and tag.parent.name not in NOT_LABEL_TAGS:
            if [c for c in tag.parent.contents if isinstance(c, Tag) or c.strip()] != [tag]:
                break
            tag = tag.parent
        if id(tag) not in seen:
            seen.add(id(tag))
            found.append((tag, name))
    return found


def _value_nodes(label: Tag, label_ids: set[int], holders: dict[int, int]) -> list[PageElement]:
    """Siblings after label up to the next label; climb out of a wrapper that holds only it."""
    node: Tag = label
    for _ in range(3):
        value: list[PageElement] = []
        for sibling in node.next_siblings:
            if isinstance(sibling, Tag) and _ends_value(sibling, label, label_ids, holders):
                break
            value.append(sibling)
        if label.name == "dt":
            value = [v for v in value if isinstance(v, Tag) and v.name == "dd"][:1]
        if any(isinstance(v, Tag) or v.strip() for v in value):
            return value
        parent = node.parent
        if not isinstance(parent, Tag) or holders.get(id(parent), 0) > 1:
            return value
        node = parent
    return []


def _ends_value(sibling: Tag, label: Tag, label_ids: set[int], holders: dict[int, int]) -> bool:
    """Tell whether sibling starts something other than label's value."""
    if id(sibling) in label_ids or holders.get(id(sibling), 0) > 0:
        return True
    if sibling.name in HEADINGS:
        return True
    return label.name in PAIRED_LABEL_TAGS and sibling.name == label.name


def _inline_fields(page: _Page, excluded: set[int]) -> Iterator[tuple[str, str]]:
    """Fields written as "Label: value" inside one short text node."""
    for string in page.strings:
        if ":" not in string or len(string) > INLINE_LABEL_MAX_CHARS:
            continue
        label, _, value = str(string).partition(":")
        name = FIELD_LABELS.get(_norm_label(label))
        if name in INLINE_FIELDS and value.strip() and not _inside(string, excluded):
            yield name, _SPACE.sub(" ", value).strip()


def _scalar(nodes: list[PageElement] | None) -> str:
    """A value as one line of text (paragraphs joined by a space)."""
    if not nodes:
        return ""
    return " ".join(line for line in html_node_lines(nodes) if line)


def _items(nodes: list[PageElement] | None) -> tuple[str, ...]:
    """The names in a value: its pills, else its list items or links, else its lines."""
    if not nodes:
        return ()
    tags = [tag for node in nodes if isinstance(node, Tag) for tag in _self_and_descendants(node)]
    for finder in (_pill_names, _list_item_names, _link_names):
        names = list(finder(tags))
        if names:
            return _unique(names)
    return _unique(line for line in html_node_lines(nodes) if line)


def _pill_names(tags: list[Tag]) -> Iterator[str]:
    """Names in the site's pills (<div class="pill"><a class="name"><span>...)."""
    for pill in tags:
        if {"pill", "pill-subject"} & set(_classes(pill)):
            name = next((t for t in _self_and_descendants(pill) if "name" in _classes(t)), pill)
            yield _text(name)


def _list_item_names(tags: list[Tag]) -> Iterator[str]:
    return (_text(tag) for tag in tags if tag.name == "li")


def _link_names(tags: list[Tag]) -> Iterator[str]:
    return (_text(tag) for tag in tags if tag.name == "a")


def _self_and_descendants(tag: Tag) -> Iterator[Tag]:
    yield tag
    yield from (node for node in tag.descendants if isinstance(node, Tag))


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    """Names without blanks, trailing separators or repeats, in page order."""
    seen: dict[str, None] = {}
    for name in names:
        clean = name.strip().rstrip(",;").strip()
        if clean:
            seen.setdefault(clean, None)
    return tuple(seen)


# --- date and summary ----------------------------------------------------------------


def _date(page: _Page, title_tag: Tag | None, excluded: set[int]) -> str:
    """The printed date by the title: the nearest dated element before it, else just after."""
    title_at = page.order.get(id(title_tag), 0)
    dated = [
        tag
        for tag in page.tags
        if _is_date_tag(tag) and _DIGIT.search(_text(tag)) and not _inside(tag, excluded)
    ]
    before = [tag for tag in dated if page.order[id(tag)] < title_at]
    if before:
        return _text(before[-1])
    after = [tag for tag in dated if page.order[id(tag)] > title_at]
    # A date further down, past a field label, belongs to something else (a related document).
    if after and not _labels_between(title_tag, after[0]):
        return _text(after[0])
    return ""


def _is_date_tag(tag: Tag) -> bool:
    """<time>, or a class such as date, document-date or date-display."""
    return tag.name == "time" or any(
        c == "date" or c.endswith("-date") or c.startswith("date-") for c in _classes(tag)
    )


def _labels_between(start: Tag | None, end: Tag) -> bool:
    """Tell whether a field label stands between start and end in page order."""
    node = start.next_element if start else None
    while node is not None and node is not end:
        if (
            isinstance(node, NavigableString)
            and len(node) <= LABEL_MAX_CHARS
            and _norm_label(node) in FIELD_LABELS
        ):
            return True
        node = node.next_element
    return False


def _summary(page: _Page, excluded: set[int]) -> str:
    """The one-paragraph summary: the site's text block, else the meta description."""
    for tag in page.tags:
        if SUMMARY_CLASSES & set(_classes(tag)) and not _inside(tag, excluded) and _text(tag):
            return _text(tag)
    return page.meta(name="description") or page.meta(property="og:description")


# --- document text -------------------------------------------------------------------


def _text_panes(page: _Page) -> list[_TextPane]:
    """Candidates for the document text, by the first kind of markup the page uses."""
    for finder in (_tab_panes, _section_panes, _container_panes):
        panes = [pane for pane in finder(page) if _has_text(pane.nodes)]
        if panes:
            return panes
    return []


def _best_pane(panes: list[_TextPane]) -> _TextPane | None:
    """The English translation: Latin script first, then what the labels say, then order."""
    if not panes:
        return None
    ranked = sorted(
        enumerate(panes), key=lambda ip: (ip[1].latin >= 0.5, ip[1].hint, ip[1].latin, -ip[0])
    )
    return ranked[-1][1]


def _tab_panes(page: _Page) -> Iterator[_TextPane]:
    """Tab panes (class tab-pane or role tabpanel) with the captions of the tabs naming them."""
    panes = [
        tag for tag in page.tags if "tab-pane" in _classes(tag) or tag.get("role") == "tabpanel"
    ]
    if not panes:
        return
    captions = _tab_captions(page)
    for pane in panes:
        pane_id = str(pane.get("id") or "")
        labelled_by = str(pane.get("aria-labelledby") or "")
        words = [pane_id, *_classes(pane), str(pane.get("lang") or ""), captions.get(pane_id, "")]
        if labelled_by:
            words.append(_text(page.by_id(labelled_by)))
        yield _pane((pane,), " ".join(words))


def _tab_captions(page: _Page) -> dict[str, str]:
    """Tab caption text by the id of the pane it opens (href, aria-controls, data-*-target)."""
    captions: dict[str, str] = {}
    for tab in page.named("a", "button", "li"):
        for attr in ("href", "aria-controls", "data-bs-target", "data-target"):
            target = str(tab.get(attr) or "")
            if target.startswith("#") or (attr == "aria-controls" and target):
                captions.setdefault(target.lstrip("#"), _text(tab))
    return captions


def _section_panes(page: _Page) -> Iterator[_TextPane]:
    """Sections under headings such as "Translation" or "Original", up to the next heading."""
    for heading in page.tags:
        if heading.name not in HEADINGS:
            continue
        caption = _norm_label(_text(heading))
        if not TEXT_SECTION_HEADINGS.match(caption):
            continue
        nodes: list[PageElement] = []
        for sibling in heading.next_siblings:
            if isinstance(sibling, Tag) and (
                sibling.name in HEADINGS or _norm_label(_text(sibling)) in FIELD_LABELS
            ):
                break
            nodes.append(sibling)
        yield _pane(tuple(nodes), caption)


def _container_panes(page: _Page) -> Iterator[_TextPane]:
    """Innermost containers whose class or id names document text (translation, body...)."""
    containers = [tag for tag in page.tags if tag.name in TEXT_CONTAINER_TAGS and _names_text(tag)]
    ids = {id(tag) for tag in containers}
    outer = {id(parent) for tag in containers for parent in tag.parents if id(parent) in ids}
    for tag in containers:
        if id(tag) not in outer:
            yield _pane((tag,), " ".join([str(tag.get("id") or ""), *_classes(tag)]))


def _names_text(tag: Tag) -> bool:
    classes = set(_classes(tag))
    if classes & TEXT_CONTAINER_CLASSES or tag.get("itemprop") == "articleBody":
        return True
    words = " ".join([str(tag.get("id") or ""), *classes]).lower()
    return any(word in words for word in TEXT_CONTAINER_WORDS)


def _pane(nodes: tuple[PageElement, ...], words: str) -> _TextPane:
    return _TextPane(nodes=nodes, hint=_hint(words), latin=_latin_share(nodes))


def _hint(words: str) -> int:
    """+1 if the words name a translation or English, -1 an original or transcript, else 0."""
    words = words.lower()
    if any(word in words for word in TRANSLATION_HINTS):
        return 1
    if any(word in words for word in ORIGINAL_HINTS):
        return -1
    return 0


def _strings(nodes: Iterable[PageElement]) -> Iterator[str]:
    """Printed text nodes in nodes, in order, lazily (so a sample stops early)."""
    for node in nodes:
        if isinstance(node, NavigableString):
            if not isinstance(node, UNPRINTED):
                yield str(node)
        elif isinstance(node, Tag):
            for inner in node.descendants:
                if isinstance(inner, NavigableString) and not isinstance(inner, UNPRINTED):
                    yield str(inner)


def _latin_share(nodes: Iterable[PageElement]) -> float:
    """Share of the letters, in a sample from the start, that are ASCII Latin."""
    latin = total = 0
    for text in _strings(nodes):
        for char in text:
            if char.isalpha():
                total += 1
                latin += char.isascii()
        if total >= LATIN_SAMPLE_CHARS:
            break
    return latin / total if total else 0.0


def _has_text(nodes: Iterable[PageElement]) -> bool:
    return any(text.strip() for text in _strings(nodes))


def _list_number(node: Tag) -> str:
    """Number the n-th <li> of an <ol> as "n. " unless its text already starts with a number."""
    parent = node.parent
    if node.name != "li" or not isinstance(parent, Tag) or parent.name != "ol":
        return ""
    if _STARTS_WITH_NUMBER.match(next((s for s in _strings([node]) if s.strip()), "")):
        return ""
    try:
        start = int(str(parent.get("start") or 1))
    except ValueError:
        start = 1
    position = sum(1 for s in node.previous_siblings if isinstance(s, Tag) and s.name == "li")
    return f"{start + position}. "
