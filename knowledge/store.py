"""The SQLite store, source of truth for documents, passages, items, dates and people."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, dataclass, fields
from functools import cache, lru_cache
from pathlib import Path

from knowledge.cards import Card, card_data, card_from_json
from knowledge.errors import StoreError
from knowledge.records import Cable, from_dict
from knowledge.spelling import correctable, filing_keys

# Bump when the tables or the parser's output change: older stores are then rebuilt, and the
# files they were built from (kept in the files table) are read again by the new parser.
# 12: record, card and files stored compressed; file_number, delo columns. 13: passages,
# items and events WITHOUT ROWID (their key was stored twice, in the table and its index).
# 14: one source of truth for a document's text, its record: the passages travel in the
# record's compressed stream (cut from it at ingest, about 150 bytes more), the events table
# is gone (read from the record), items keep what finding a lot by name needs, a kept file
# of one document is compressed against that document's record (an eighth of its size),
# record and card start from a preset dictionary kept in meta; no foreign-key checks (a
# delete removes a document's rows itself). 13.8 KB a synthetic cable before, 6.7 KB after.
# 15: the passages first in that stream, so that they are read without inflating the rest.
# 16: editors' footnotes are passages (indexed, found by their words) and card words.
SCHEMA_VERSION = "16"
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, date_start TEXT,
    telegram_number TEXT, record_id TEXT, checksum TEXT NOT NULL, file TEXT, record BLOB NOT NULL,
    outgoing_number TEXT, card BLOB NOT NULL,
    date_shown TEXT NOT NULL, sender TEXT NOT NULL, recipient TEXT NOT NULL,
    file_number TEXT, delo TEXT
);
CREATE INDEX documents_file_number ON documents(file_number);
CREATE INDEX documents_delo ON documents(delo);
CREATE INDEX documents_outgoing ON documents(outgoing_number);
CREATE INDEX documents_number ON documents(telegram_number);
CREATE INDEX documents_record ON documents(record_id);
CREATE INDEX documents_checksum ON documents(checksum);
CREATE INDEX documents_file ON documents(file, title);
CREATE TABLE items (
    doc_id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
    quantity REAL NOT NULL, unit TEXT, role TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
) WITHOUT ROWID;
CREATE TABLE people (
    doc_id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
    PRIMARY KEY (doc_id, name, role)
) WITHOUT ROWID;
CREATE TABLE files (name TEXT PRIMARY KEY, data BLOB NOT NULL, basis TEXT);
CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE);
CREATE TABLE word_keys (key INTEGER NOT NULL, word INTEGER NOT NULL, PRIMARY KEY (key, word))
    WITHOUT ROWID;
"""
# The tables a document has rows in besides documents, deleted with it.
CHILD_TABLES = ("items", "people")


@dataclass(frozen=True)
class Passage:
    """A stretch of a cable's text with its position, the unit of search and quotation."""

    cable: str
    position: int
    part: str  # title, description, header, body, item, closing
    text: str


def passages_of(cable: Cable) -> list[Passage]:
    """The cable's text cut into numbered passages, header first."""
    out: list[tuple[str, str]] = [("title", cable.title)]
    if cable.description:
        out.append(("description", cable.description))
    header_text = "\n".join(x for x in (cable.issuing_office, cable.header_block()) if x)
    if header_text:
        out.append(("header", header_text))
    numbered = set(cable.numbered_items)
    out += [("item" if p in numbered else "body", p) for p in cable.paragraphs]
    if tail_text := cable.closing_block():
        out.append(("closing", tail_text))
    out += [("footnote", note) for note in cable.footnotes]  # editors' notes, after the text
    return [Passage(cable.id, i, part, text) for i, (part, text) in enumerate(out)]


# -- stored forms ---------------------------------------------------------------------------
# A record is stored as compact JSON without its id and file (columns of their own) and
# without fields at their default, a newline, then its passages as JSON ([[part, text], ...]),
# all in one zlib stream: the passages, cut from the record's own text, then cost little more
# than references back into it (about 150 bytes a synthetic cable, not 3.7 KB of rows).
# Record and card streams start from a preset dictionary of their field names and common
# words, kept in the store's meta table so that a later cablebot can still read them.
ZLIB_LEVEL = 6
RECORD_DICTIONARY = "".join(
    (
        '"numbered_items":[],"closing":[],"signature":"","outgoing_number":"No. ",'
        '"places":[],"people":[],"checksum":"","facts":[{"kind":"quantity","value":"",'
        '"thing":"","words":"","unit":"","frame":"requested"},{"kind":"date","value":"19',
        '"cross_references":[{"kind":"reply-to","number":"","words":"your telegram No. ",'
        '"date":""}],"file_number":"","file_kind":"Telegram","classification":"secret",'
        '"sender_office":"","recipient_office":"","routing":[],"footnotes":[],"pages":[],'
        '"volume":"Foreign Relations of the United States, 19","doc_number":"",'
        '"issuing_office":"","heading":"CIPHERED TELEGRAM No. ","telegram_number":"",'
        '"copies":[{"name":"","count":2}],"origin":"From ","destination":"","channel":"",'
        '"priority":"","addressee":"To Comrade ","for_line":"For Comrade ",'
        '"via":{"name":"","as_written":""},"for_party":{"name":"","as_written":"Comrade "},'
        '"items":[{"name":"","quantity":1.0,"unit":null,"words":"","number":1,"role":"promised",'
        '"date":{"text":"","start":"19","end":"19","precision":"month"}}],'
        '"events":[{"kind":"sent","date":{"text":"","start":"19","end":"19"},"words":""},'
        '{"kind":"received","date":{"text":"","start":"19","end":"19","precision":"minute",'
        '"time":""},"words":""}],'
        '{"title":"Ciphered telegram, ","kind":"commentary","date":{"text":"","start":"19",'
        '"end":"19"},"source":{"text":"APRF, Fond 45, Opis 1, Delo ","archive":"APRF",'
        '"fond":"45","opis":"1","delo":"","listy":""},"description":"Request from ",'
        '"received":{"text":"","start":"19","end":"19","precision":"minute","time":""},'
        '"sent":{"text":"","start":"19","end":"19"},"sender":{"name":"","as_written":""},'
        '"recipient":{"name":"","as_written":""},"paragraphs":["',
        " the of and to in for a with on that by is from as at be this our which Comrade ",
        '"printed":"',
    )
).encode()
CARD_DICTIONARY = (
    b'{"kind":"cable","title":"Ciphered telegram, ","date":"","source":"APRF, Fond 45, '
    b'Opis 1, Delo ","parties":[["","sender"],["","recipient"],["","via"],["","for"]],'
    b'"people":[],"copies":[],"days":["19","19"],"item_names":[],"item_quantities":[],'
    b'"items":"[{\\"name\\": \\"\\", \\"quantity\\": 1.0, \\"unit\\": null, \\"words\\": '
    b'\\"\\", \\"number\\": null, \\"role\\": \\"requested\\", \\"date\\": null}]",'
    b'"vocab":"a and as at be by comrade for from in of on our the to which with'
)


def deflate(data: bytes, dictionary: bytes | None = None) -> bytes:
    """data compressed by zlib, starting from dictionary (bytes it is likely to repeat)."""
    if not dictionary:
        return zlib.compress(data, ZLIB_LEVEL)
    z = zlib.compressobj(ZLIB_LEVEL, zdict=dictionary)
    return z.compress(data) + z.flush()


def inflate(blob: bytes, dictionary: bytes | None = None) -> bytes:
    """deflate's data back; zlib.error if blob is not that (or needs another dictionary)."""
    if not dictionary:
        return zlib.decompress(blob)
    z = zlib.decompressobj(zdict=dictionary)
    return z.decompress(blob) + z.flush()


@cache
def _defaults(cls: type) -> tuple[tuple[str, object], ...]:
    return tuple((f.name, f.default) for f in fields(cls))


_PLAIN = frozenset({str, int, float, bool, type(None)})


def compact(record: object) -> object:
    """JSON-ready data of a record, fields equal to their default left out (from_dict restores them)."""
    if type(record) in _PLAIN:  # most values: returned as they are, without the checks below
        return record
    if hasattr(type(record), "__dataclass_fields__"):
        out = {}
        for name, default in _defaults(type(record)):
            value = getattr(record, name)
            if default is not MISSING and value == default:
                continue
            out[name] = value if type(value) in _PLAIN else compact(value)
        return out
    if isinstance(record, tuple | list):
        return [x if type(x) in _PLAIN else compact(x) for x in record]
    return record


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def pack(data: object) -> bytes:
    """A card's JSON data as compact, compressed bytes."""
    return deflate(_json(data).encode(), CARD_DICTIONARY)


def unpack(blob: bytes | str) -> object:
    """pack's data back (a str is JSON as older stores kept it)."""
    return json.loads(inflate(blob, CARD_DICTIONARY) if isinstance(blob, bytes) else blob)


# A stored record's text: its passages, GS (\x1d), then its compact JSON, which holds no
# control character. Passages are "part US text" joined by RS (\x1e, \x1f: split in C, where
# JSON takes ten times as long), or a JSON list when a text holds one of those characters.
_GS, _RS, _US = "\x1d", "\x1e", "\x1f"
_SEPARATORS = frozenset(_GS + _RS + _US)


def record_text(cable: Cable, passages: Iterable[Passage]) -> bytes:
    """A record's stored text before compression: its passages (part and text of each, in
    order), then its compact JSON without id and file (see _GS above)."""
    data = compact(cable)
    data.pop("id", None)  # type: ignore[union-attr]
    data.pop("file", None)  # type: ignore[union-attr]
    pairs = [(p.part, p.text) for p in passages]
    if any(not _SEPARATORS.isdisjoint(t) for pair in pairs for t in pair):
        head = _json(pairs)
    else:
        head = _RS.join(f"{part}{_US}{text}" for part, text in pairs)
    return f"{head}{_GS}{_json(data)}".encode()


def record_blob(cable: Cable) -> bytes:
    """The stored form of a cable's record (see record_text), compressed."""
    return deflate(record_text(cable, passages_of(cable)), RECORD_DICTIONARY)


def open_record(blob: bytes) -> tuple[bytes, bytes]:
    """A stored record blob as (record JSON, passages as stored: see record_text)."""
    passages, _, record = inflate(blob, RECORD_DICTIONARY).partition(_GS.encode())
    return record, passages


def read_passages(head: bytes) -> tuple[tuple[str, str], ...]:
    """(part, text) of each passage, from the passages as stored (see record_text)."""
    text = head.decode()
    if text.startswith("["):
        return tuple((part, t) for part, t in json.loads(text))
    return tuple(tuple(x.split(_US, 1)) for x in text.split(_RS))  # type: ignore[misc]


PASSAGES_STEP = 4096  # bytes inflated at a time when only the passages are wanted


def passages_head(blob: bytes) -> bytes:
    """The passages of a stored record blob as stored, inflating little more than them.

    They come first in the stream: a search's 20-40 cables are cut into passages for about
    half of what inflating their whole records would cost.
    """
    z = zlib.decompressobj(zdict=RECORD_DICTIONARY)
    data, out, mark = blob, [], _GS.encode()
    while True:
        piece = z.decompress(data, PASSAGES_STEP)
        end = piece.find(mark)
        if end >= 0:
            out.append(piece[:end])
            break
        out.append(piece)
        data = z.unconsumed_tail
        if z.eof or not (piece or data):
            break
    return b"".join(out)


@dataclass(frozen=True, slots=True)
class PackedFile:
    """A file's bytes compressed for the files table (by a parsing worker).

    against: the record blob of the file's one document, whose text was the compression's
    dictionary (see Store.keep_file), or None when compressed alone.
    """

    data: bytes
    against: bytes | None = None


def pack_file(data: bytes, against: tuple[bytes, bytes] | None = None) -> PackedFile:
    """data compressed alone, or against (record blob, its text): a file's one document's."""
    if against is None:
        return PackedFile(deflate(data))
    return PackedFile(deflate(data, against[1]), against[0])


def unpack_file(data: bytes, against: bytes | None = None) -> bytes:
    """A kept file's bytes; against: the text of the record it was compressed against.

    Older stores kept files as they came: bytes that are no zlib stream are returned as they are.
    """
    try:
        return inflate(data, against)
    except zlib.error:
        if against is not None:
            raise
        return data


@dataclass(frozen=True, slots=True)
class Rows:
    """Everything Store.insert writes for one cable, computed once (in a parsing worker).

    The id is apart so that the writer may give the cable another one (Store.free_id).
    """

    id: str
    kind: str
    title: str
    checksum: str
    record_id: str
    file: str
    document: tuple  # the documents row after id: (kind, title, date_start, ...)
    record: bytes
    items: tuple[tuple, ...]
    people: tuple[tuple[str, str], ...]
    telegram_number: str = ""


def rows_of(cable: Cable) -> Rows:
    """The rows Store.insert writes for cable (see Rows)."""
    return stored_forms(cable, passages_of(cable))[0]


def stored_forms(cable: Cable, passages: list[Passage]) -> tuple[Rows, bytes]:
    """The cable's Rows, and its record's text before compression (see record_text)."""
    text = record_text(cable, passages)
    record = deflate(text, RECORD_DICTIONARY)
    date, source = cable.date, cable.source
    document = (
        cable.kind, cable.title, date.start if date else None,
        cable.telegram_number or None, cable.record_id or None, cable.checksum, cable.file,
        record, cable.outgoing_number.removeprefix("No. ") or None,
        pack(card_data(cable)),
        date.display() if date else "",
        cable.sender.name if cable.sender else "",
        cable.recipient.name if cable.recipient else "",
        cable.file_number or None,
        source.delo if source and source.delo else None,
    )  # fmt: skip
    rows = Rows(
        id=cable.id,
        kind=cable.kind,
        title=cable.title,
        checksum=cable.checksum,
        record_id=cable.record_id,
        file=cable.file,
        document=document,
        record=record,
        items=tuple(
            (i, it.name, it.quantity, it.unit, it.role) for i, it in enumerate(cable.items)
        ),
        people=tuple(people_roles(cable)),
        telegram_number=cable.telegram_number,
    )
    return rows, text


def people_roles(cable: Cable) -> list[tuple[str, str]]:
    roles = cable.party_roles()
    roles += [(c.name, "copy") for c in cable.copies]
    roles += [(n, "mentioned") for n in cable.people]
    return roles


CARD_CACHE = 8192  # cards kept in memory (a card is about 5 KB)
CABLE_CACHE = 1024  # whole records kept in memory
PASSAGE_CACHE = 4096  # cables whose passages are kept in memory (about 2.5 KB each)


class Store:
    """A SQLite file of cables; every write is one transaction."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self.recovered: list[tuple[str, bytes]] = []  # files an older store held, to read again
        # Bounded: an answer reads one to three whole records, and every cached record is
        # walked by each full garbage collection.
        self._load = lru_cache(maxsize=CABLE_CACHE)(self._load_uncached)
        self._cards: OrderedDict[str, Card] = OrderedDict()
        # cable id -> its passages' (part, text): tuples of strings, which the garbage
        # collector stops walking; emptied when full (see knowledge.memo).
        self._passages: dict[str, tuple[tuple[str, str], ...]] = {}

    @classmethod
    def open(cls, path: Path | None) -> tuple[Store, bool]:
        """Open (or create) the store; returns it and whether it was (re)created empty."""
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                str(path) if path else ":memory:", isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode = WAL" if path else "PRAGMA journal_mode = MEMORY")
            store = cls(conn, path)
            fresh = store._ensure_schema()
        except sqlite3.DatabaseError as exc:
            # Not ours to delete: it may hold documents someone ingested.
            raise StoreError(
                f"The store {path} is damaged ({exc}). Move it aside or delete it, and cablebot "
                "will build a new one from the seeds."
            ) from None
        except OSError as exc:
            raise StoreError(f"The store {path} cannot be created: {exc.strerror}.") from None
        return store, fresh

    def _ensure_schema(self) -> bool:
        try:
            tables = {
                r[0]
                for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            row = (
                self.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if "meta" in tables
                else None
            )
        except sqlite3.DatabaseError as exc:
            # Not ours to delete: it may hold documents someone ingested.
            raise StoreError(
                f"The store {self.path} is damaged ({exc}). Move it aside or delete it, and cablebot "
                "will build a new one from the seeds."
            ) from None
        if row and row[0] == SCHEMA_VERSION and self._dictionaries_current():
            return self.count() == 0
        # New, or written by an older version of cablebot: build it afresh rather than crash,
        # keeping the files it was built from so that nothing ingested is lost.
        if "files" in tables:
            self.recovered = self._kept_files()
        self._reset()
        return True

    def _dictionaries_current(self) -> bool:
        rows = dict(
            self.conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('record_dictionary', 'card_dictionary')"
            )
        )
        return rows == {"record_dictionary": RECORD_DICTIONARY, "card_dictionary": CARD_DICTIONARY}

    def _kept_files(self) -> list[tuple[str, bytes]]:
        """(name, bytes) of every file a store of this or an older schema kept.

        From schema 14 a file may be compressed against its one document's record (column
        basis), itself compressed from the record dictionary in meta.
        """
        c = self.conn
        try:
            columns = {r[1] for r in c.execute("PRAGMA table_info(files)")}
            if "basis" in columns:
                rows = c.execute(
                    "SELECT f.name, f.data, d.record FROM files f"
                    " LEFT JOIN documents d ON f.basis IS NOT NULL AND d.id = f.basis"
                ).fetchall()
                found = c.execute(
                    "SELECT value FROM meta WHERE key = 'record_dictionary'"
                ).fetchone()
                dictionary = bytes(found[0]) if found else None
            else:
                rows = c.execute("SELECT name, data, NULL FROM files").fetchall()
                dictionary = None
        except sqlite3.DatabaseError:
            return []
        out = []
        for name, data, record in rows:
            try:
                against = None if record is None else inflate(bytes(record), dictionary)
                out.append((name, unpack_file(bytes(data), against)))
            except zlib.error:
                continue  # unreadable: the rest are still recovered
        return out

    def _reset(self) -> None:
        if self.path is not None:
            self.conn.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False
            )
            self.conn.execute("PRAGMA journal_mode = WAL")
        else:
            for (name,) in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'"
            ).fetchall():
                self.conn.execute(f"DROP TABLE IF EXISTS {name}")
        with self.transaction():
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self.conn.execute(statement)
            self.conn.execute(
                "INSERT INTO meta VALUES ('schema', ?), ('generation', '0'),"
                " ('record_dictionary', ?), ('card_dictionary', ?)",
                (SCHEMA_VERSION, RECORD_DICTIONARY, CARD_DICTIONARY),
            )
        self._forget()

    def _forget(self) -> None:
        self._load.cache_clear()
        self._cards.clear()
        self._passages.clear()

    def transaction(self, *, bulk: bool = False):
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an exception).

        bulk: a run writing thousands of rows keeps up to BULK_CACHE_KB of pages in memory
        (SQLite's default is 2 MB), so that inserting typo keys and rows at scattered places of
        large B-trees does not write and read back pages mid-transaction (a fifth of the writer's time).
        """
        return _Transaction(self.conn, BULK_CACHE_KB if bulk else 0)

    def close(self) -> None:
        self.conn.close()

    # -- reads -------------------------------------------------------------------------
    def generation(self) -> str:
        return self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0]

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def get(self, cable_id: str) -> Cable | None:
        return self._load(cable_id)

    def _load_uncached(self, cable_id: str) -> Cable | None:
        row = self.conn.execute(
            "SELECT record, file FROM documents WHERE id = ?", (cable_id,)
        ).fetchone()
        if not row:
            return None
        data = json.loads(open_record(row[0])[0])
        data["id"], data["file"] = cable_id, row[1] or ""
        return from_dict(Cable, data)

    def cards(self, cable_ids: Iterable[str]) -> dict[str, Card]:
        """The cards of the cables that exist among cable_ids, read in one query."""
        wanted = list(dict.fromkeys(cable_ids))
        out: dict[str, Card] = {}
        for i in wanted:
            card = self._cards.get(i)
            if card is not None:
                self._cards.move_to_end(i)  # recently used: kept longest
                out[i] = card
        missing = [i for i in wanted if i not in out]
        if missing:
            marks = ",".join("?" * len(missing))
            rows = self.conn.execute(
                f"SELECT id, card FROM documents WHERE id IN ({marks})", missing
            )
            for cable_id, text in rows:
                text = inflate(text, CARD_DICTIONARY) if isinstance(text, bytes) else text
                out[cable_id] = self._cards[cable_id] = card_from_json(cable_id, text)
            while len(self._cards) > CARD_CACHE:
                self._cards.popitem(last=False)
        return out

    def knows_word(self, word: str) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM words WHERE word = ?", (word,)).fetchone())

    def words_under(self, keys: Iterable[int]) -> list[str]:
        """Stored words filed under any of keys (see knowledge.spelling)."""
        keys = list(keys)
        marks = ",".join("?" * len(keys))
        return [
            r[0]
            for r in self.conn.execute(
                f"SELECT DISTINCT w.word FROM word_keys k JOIN words w ON w.id = k.word"
                f" WHERE k.key IN ({marks})",
                keys,
            )
        ]

    def ids(self, *, kind: str | None = None) -> list[str]:
        """Every document's id (or every one of a kind), by date."""
        where, args = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        return [
            r[0]
            for r in self.conn.execute(
                f"SELECT id FROM documents {where} ORDER BY date_start, id", args
            )
        ]

    def all(self) -> Iterator[Cable]:
        for cable_id in self.ids():
            cable = self.get(cable_id)
            if cable:
                yield cable

    def summaries(
        self, cable_ids: Iterable[str] | None = None, *, limit: int | None = None
    ) -> list[tuple[str, str, str, str, str, str, str]]:
        """(id, title, date shown, kind, telegram number, sender, recipient), by date.

        Read from columns, so a list of every cable (or an autocomplete) loads no records.
        """
        sql = "SELECT id, title, date_shown, kind, coalesce(telegram_number, ''), sender, recipient FROM documents"
        args: list = []
        if cable_ids is not None:
            args = list(dict.fromkeys(cable_ids))
            sql += f" WHERE id IN ({','.join('?' * len(args))})"
        sql += " ORDER BY date_start, id"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return self.conn.execute(sql, args).fetchall()

    def by_number(self, number: str) -> list[str]:
        """Documents whose telegram number, outgoing number or record ID is number.

        A number with letters matches in its own, upper and lower case ("kw-0042" finds
        record ID KW-0042); telegram-number matches come first.
        """
        forms = list(dict.fromkeys((number, number.upper(), number.lower())))
        marks = ",".join("?" * len(forms))
        rows = self.conn.execute(
            f"SELECT id FROM documents WHERE telegram_number IN ({marks}) OR record_id IN ({marks})"
            f" OR outgoing_number IN ({marks}) ORDER BY telegram_number IN ({marks}) DESC",
            forms * 4,
        )
        return [r[0] for r in rows]

    def passages_at(self, places: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Passage]:
        """The passages at (cable id, position) places, read in one query.

        Cut from the cables' stored records (about 45 microseconds a cable, where the whole
        record takes 170 to load; kept for the last PASSAGE_CACHE cables); places that do not
        exist are left out.
        """
        places = list(dict.fromkeys(places))
        if not places:
            return {}
        cut = self._cut(dict.fromkeys(c for c, _ in places))
        out = {}
        for cable_id, position in places:
            found = cut.get(cable_id)
            if found is not None and 0 <= position < len(found):
                out[(cable_id, position)] = Passage(cable_id, position, *found[position])
        return out

    def passage(self, cable_id: str, position: int) -> Passage | None:
        return self.passages_at([(cable_id, position)]).get((cable_id, position))

    def passages(self, cable_id: str) -> list[Passage]:
        """The cable's passages in order, title first ([] if there is no such cable)."""
        parts = self._cut([cable_id]).get(cable_id, ())
        return [Passage(cable_id, n, part, text) for n, (part, text) in enumerate(parts)]

    def _cut(self, cable_ids: Iterable[str]) -> dict[str, tuple[tuple[str, str], ...]]:
        """cable id -> (part, text) of each of its passages, for the cables that exist."""
        cache, cable_ids = self._passages, list(cable_ids)
        found = {i: cache[i] for i in cable_ids if i in cache}
        ids = [i for i in dict.fromkeys(cable_ids) if i not in found]
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            rows = self.conn.execute(
                f"SELECT id, record FROM documents WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for cable_id, blob in rows:
                parts = found[cable_id] = read_passages(passages_head(blob))
                if len(cache) >= PASSAGE_CACHE:
                    cache.clear()
                cache[cable_id] = parts
        return found

    def by_field(self, name: str, value: str) -> list[str]:
        """Ids of documents whose file number (name "file_number") or delo ("delo") is value."""
        if name not in ("file_number", "delo"):
            raise ValueError(f"no stored column {name!r}")
        rows = self.conn.execute(
            f"SELECT id FROM documents WHERE {name} = ? ORDER BY date_start, id", (value,)
        )
        return [r[0] for r in rows]

    def find_same(self, cable: Cable | Rows) -> tuple[str | None, bool]:
        """The id of a stored document that is this one (by record ID, text, or file and title), and whether it is unchanged."""
        if cable.record_id:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE record_id = ?", (cable.record_id,)
            ).fetchone()
            if row:
                return row[0], self._unchanged(row[0], cable)
        row = self.conn.execute(
            "SELECT id FROM documents WHERE checksum = ?", (cable.checksum,)
        ).fetchone()
        if row:
            return row[0], self._unchanged(row[0], cable)
        if cable.file:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE file = ? AND title = ?", (cable.file, cable.title)
            ).fetchone()
            if row:
                return row[0], False
        return None, False

    def _unchanged(self, stored_id: str, cable: Cable | Rows) -> bool:
        """Same record, whatever file name or id it came under (an upload of a seed is unchanged)."""
        row = self.conn.execute(
            "SELECT record FROM documents WHERE id = ?", (stored_id,)
        ).fetchone()
        record = cable.record if isinstance(cable, Rows) else record_blob(cable)
        return row is not None and bytes(row[0]) == record

    def free_id(self, wanted: str, cable: Cable | Rows) -> str:
        candidate, n = wanted, 2
        suffix = cable.telegram_number or cable.record_id
        while self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone():
            candidate = f"{wanted}-{suffix}" if suffix and n == 2 else f"{wanted}-{n}"
            n += 1
        return candidate

    # -- writes (call inside a transaction) ---------------------------------------------
    def insert(self, cable: Cable | Rows, cable_id: str | None = None) -> None:
        """Write one cable (or its precomputed Rows) under cable_id (default: its own id)."""
        rows = cable if isinstance(cable, Rows) else rows_of(cable)
        self.insert_many([(cable_id or rows.id, rows)])

    def insert_many(self, batch: Iterable[tuple[str, Rows]]) -> None:
        """Write cables' rows, each under the id given with it, in a few batched statements."""
        batch = list(batch)
        if not batch:
            return
        c = self.conn
        c.executemany(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(i, *r.document) for i, r in batch],
        )
        c.executemany(
            "INSERT INTO items VALUES (?,?,?,?,?,?)", [(i, *x) for i, r in batch for x in r.items]
        )
        # A name twice in one role (a copy listed twice) is one row.
        c.executemany(
            "INSERT OR IGNORE INTO people VALUES (?,?,?)",
            [(i, *p) for i, r in batch for p in r.people],
        )
        self._forget()

    def add_words(self, words: Iterable[str]) -> None:
        """File new searchable words for typo correction (call inside a transaction).

        Words already filed are found with a few IN queries, the new ones written with
        executemany: one run's tens of thousands of words cost milliseconds, not a query each.
        """
        new = {w for w in set(words) if correctable(w)}
        if not new:
            return
        c = self.conn
        listed = list(new)
        for i in range(0, len(listed), 500):
            chunk = listed[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for (word,) in c.execute(f"SELECT word FROM words WHERE word IN ({marks})", chunk):
                new.discard(word)
        if not new:
            return
        first = c.execute("SELECT coalesce(max(id), 0) FROM words").fetchone()[0] + 1
        rows = list(enumerate(sorted(new), first))
        c.executemany("INSERT INTO words (id, word) VALUES (?, ?)", rows)
        # In key order: SQLite then appends to the table's B-tree instead of inserting at
        # random places (a third of the time for a run's new words).
        c.executemany(
            "INSERT OR IGNORE INTO word_keys VALUES (?, ?)",
            sorted((k, i) for i, word in rows for k in filing_keys(word)),
        )

    def keep_file(self, name: str, data: bytes | PackedFile, basis: str | None = None) -> None:
        """Keep a file's bytes, compressed, so that a newer cablebot can read it again.

        basis: the stored id of the file's one document. When that document was read from
        this file, the file is compressed against its record's text (what a file says is
        mostly what its record holds: 180 bytes instead of 1.4 KB for a synthetic cable),
        and delete() compresses the file alone again before the document goes.
        """
        record = None
        if basis is not None:
            row = self.conn.execute(
                "SELECT record FROM documents WHERE id = ? AND file = ?", (basis, name)
            ).fetchone()
            record = bytes(row[0]) if row else None
        packed = data if isinstance(data, PackedFile) else None
        if packed is not None and packed.against == record:
            blob = packed.data  # compressed in the worker as it is to be kept
        else:
            raw = data if packed is None else unpack_file(packed.data, _text_of(packed.against))
            blob = deflate(raw, _text_of(record))  # type: ignore[arg-type]
        self.conn.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?)",
            (name, blob, basis if record is not None else None),
        )

    def _release_file(self, cable_id: str) -> None:
        """Compress alone again the kept file compressed against this document's record."""
        row = self.conn.execute(
            "SELECT f.name, f.data, d.record FROM documents d JOIN files f ON f.name = d.file"
            " WHERE d.id = ? AND f.basis = ?",
            (cable_id, cable_id),
        ).fetchone()
        if row:
            raw = unpack_file(bytes(row[1]), _text_of(bytes(row[2])))
            self.conn.execute(
                "UPDATE files SET data = ?, basis = NULL WHERE name = ?", (deflate(raw), row[0])
            )

    def drop_file_if_unused(self, name: str) -> None:
        if not self.conn.execute(
            "SELECT 1 FROM documents WHERE file = ? LIMIT 1", (name,)
        ).fetchone():
            self.conn.execute("DELETE FROM files WHERE name = ?", (name,))

    def delete(self, cable_id: str) -> None:
        """Take a document and its rows out (its kept file stays, see keep_file)."""
        self._release_file(cable_id)
        for table in CHILD_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (cable_id,))
        self.conn.execute("DELETE FROM documents WHERE id = ?", (cable_id,))
        self._forget()

    def bump_generation(self) -> str:
        new = str(int(self.generation()) + 1)
        self.conn.execute("UPDATE meta SET value = ? WHERE key = 'generation'", (new,))
        return new


def _text_of(record: bytes | None) -> bytes | None:
    """The whole text of a stored record blob (the dictionary its file was compressed against)."""
    return None if record is None else inflate(record, RECORD_DICTIONARY)


BULK_CACHE_KB = 32 * 1024


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception; cache_kb: page cache meanwhile."""

    def __init__(self, conn: sqlite3.Connection, cache_kb: int = 0) -> None:
        self.conn = conn
        self.cache_kb = cache_kb
        self.cache_before = 0

    def __enter__(self) -> sqlite3.Connection:
        if self.cache_kb:
            self.cache_before = self.conn.execute("PRAGMA cache_size").fetchone()[0]
            self.conn.execute(f"PRAGMA cache_size = {-self.cache_kb}")
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
        finally:
            if self.cache_kb:
                self.conn.execute(f"PRAGMA cache_size = {self.cache_before}")
