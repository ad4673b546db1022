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
SCHEMA_VERSION = "13"
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
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
CREATE TABLE passages (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, part TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
) WITHOUT ROWID;
CREATE TABLE items (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, name TEXT NOT NULL, quantity REAL NOT NULL, unit TEXT,
    number INTEGER, role TEXT NOT NULL, words TEXT NOT NULL, date_text TEXT, date_start TEXT,
    PRIMARY KEY (doc_id, position)
) WITHOUT ROWID;
CREATE TABLE events (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, kind TEXT NOT NULL, date_text TEXT NOT NULL,
    date_start TEXT, date_end TEXT, precision TEXT, words TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
) WITHOUT ROWID;
CREATE TABLE people (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL, role TEXT NOT NULL
);
CREATE INDEX people_doc ON people(doc_id);
CREATE TABLE files (name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE);
CREATE TABLE word_keys (
    key INTEGER NOT NULL, word INTEGER NOT NULL REFERENCES words(id), PRIMARY KEY (key, word)
) WITHOUT ROWID;
"""


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
    return [Passage(cable.id, i, part, text) for i, (part, text) in enumerate(out)]


# -- stored forms ---------------------------------------------------------------------------
# A record is stored as zlib-compressed JSON without its id and file (columns of their own)
# and without fields at their default: about a fifth of its JSON text.
ZLIB_LEVEL = 6


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
            out[name] = compact(value)
        return out
    if isinstance(record, tuple | list):
        return [compact(x) for x in record]
    return record


def pack(data: object) -> bytes:
    """JSON data as compact, compressed bytes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode(), ZLIB_LEVEL)


def unpack(blob: bytes | str) -> object:
    return json.loads(zlib.decompress(blob) if isinstance(blob, bytes) else blob)


def record_blob(cable: Cable) -> bytes:
    """The stored form of a cable's record: compact JSON without id and file, compressed."""
    data = compact(cable)
    data.pop("id", None)  # type: ignore[union-attr]
    data.pop("file", None)  # type: ignore[union-attr]
    return pack(data)


class PackedFile(bytes):
    """A file's bytes already compressed for the files table (by a parsing worker)."""


def pack_file(data: bytes) -> PackedFile:
    return PackedFile(zlib.compress(data, ZLIB_LEVEL))


def unpack_file(data: bytes) -> bytes:
    """A kept file's bytes (stored compressed; older stores kept them as they came)."""
    try:
        return zlib.decompress(data)
    except zlib.error:
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
    passages: tuple[tuple[int, str, str], ...]
    items: tuple[tuple, ...]
    events: tuple[tuple, ...]
    people: tuple[tuple[str, str], ...]
    telegram_number: str = ""


def rows_of(cable: Cable) -> Rows:
    """The rows Store.insert writes for cable (see Rows)."""
    record = record_blob(cable)
    document = (
        cable.kind, cable.title, cable.date.start if cable.date else None,
        cable.telegram_number or None, cable.record_id or None, cable.checksum, cable.file,
        record, cable.outgoing_number.removeprefix("No. ") or None,
        pack(card_data(cable)),
        cable.date.display() if cable.date else "",
        cable.sender.name if cable.sender else "",
        cable.recipient.name if cable.recipient else "",
        cable.file_number or None,
        cable.source.delo if cable.source and cable.source.delo else None,
    )  # fmt: skip
    return Rows(
        id=cable.id,
        kind=cable.kind,
        title=cable.title,
        checksum=cable.checksum,
        record_id=cable.record_id,
        file=cable.file,
        document=document,
        record=record,
        passages=tuple((p.position, p.part, p.text) for p in passages_of(cable)),
        items=tuple(
            (
                i,
                it.name,
                it.quantity,
                it.unit,
                it.number,
                it.role,
                it.words,
                it.date.text if it.date else None,
                it.date.start if it.date else None,
            )
            for i, it in enumerate(cable.items)
        ),  # fmt: skip
        events=tuple(
            (i, e.kind, e.date.text, e.date.start, e.date.end, e.date.precision, e.words)
            for i, e in enumerate(cable.events)
        ),
        people=tuple(people_roles(cable)),
        telegram_number=cable.telegram_number,
    )


def people_roles(cable: Cable) -> list[tuple[str, str]]:
    roles = cable.party_roles()
    roles += [(c.name, "copy") for c in cable.copies]
    roles += [(n, "mentioned") for n in cable.people]
    return roles


CARD_CACHE = 8192  # cards kept in memory (a card is about 5 KB)
CABLE_CACHE = 1024  # whole records kept in memory


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

    @classmethod
    def open(cls, path: Path | None) -> tuple[Store, bool]:
        """Open (or create) the store; returns it and whether it was (re)created empty."""
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                str(path) if path else ":memory:", isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA foreign_keys = ON")
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
        if row and row[0] == SCHEMA_VERSION:
            return self.count() == 0
        # New, or written by an older version of cablebot: build it afresh rather than crash,
        # keeping the files it was built from so that nothing ingested is lost.
        if "files" in tables:
            try:
                self.recovered = [
                    (n, unpack_file(bytes(d)))
                    for n, d in self.conn.execute("SELECT name, data FROM files")
                ]
            except sqlite3.DatabaseError:
                self.recovered = []
        self._reset()
        return True

    def _reset(self) -> None:
        if self.path is not None:
            self.conn.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False
            )
            self.conn.execute("PRAGMA foreign_keys = ON")
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
                "INSERT INTO meta VALUES ('schema', ?), ('generation', '0')", (SCHEMA_VERSION,)
            )
        self._forget()

    def _forget(self) -> None:
        self._load.cache_clear()
        self._cards.clear()

    def transaction(self):
        return _Transaction(self.conn)

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
        data = unpack(row[0])
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
                text = zlib.decompress(text).decode() if isinstance(text, bytes) else text
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
        """The passages at (cable id, position) places, read in one query."""
        places = list(dict.fromkeys(places))
        if not places:
            return {}
        # An OR of exact keys: SQLite answers each from the primary key, where a row-value
        # IN (VALUES ...) scans the whole table.
        where = " OR ".join("(doc_id = ? AND position = ?)" for _ in places)
        rows = self.conn.execute(
            f"SELECT doc_id, position, part, text FROM passages WHERE {where}",
            [x for place in places for x in place],
        )
        return {(d, p): Passage(d, p, part, text) for d, p, part, text in rows}

    def passage(self, cable_id: str, position: int) -> Passage | None:
        row = self.conn.execute(
            "SELECT part, text FROM passages WHERE doc_id = ? AND position = ?",
            (cable_id, position),
        ).fetchone()
        return Passage(cable_id, position, row[0], row[1]) if row else None

    def passages(self, cable_id: str) -> list[Passage]:
        rows = self.conn.execute(
            "SELECT position, part, text FROM passages WHERE doc_id = ? ORDER BY position",
            (cable_id,),
        )
        return [Passage(cable_id, p, part, text) for p, part, text in rows]

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
            "INSERT INTO passages VALUES (?,?,?,?)", [(i, *p) for i, r in batch for p in r.passages]
        )
        c.executemany(
            "INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(i, *x) for i, r in batch for x in r.items],
        )
        c.executemany(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?)",
            [(i, *e) for i, r in batch for e in r.events],
        )
        c.executemany(
            "INSERT INTO people VALUES (?,?,?)", [(i, *p) for i, r in batch for p in r.people]
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

    def keep_file(self, name: str, data: bytes) -> None:
        """Keep a file's bytes (compressed) so a newer cablebot can read it again."""
        packed = data if isinstance(data, PackedFile) else pack_file(data)
        self.conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (name, bytes(packed)))

    def drop_file_if_unused(self, name: str) -> None:
        if not self.conn.execute(
            "SELECT 1 FROM documents WHERE file = ? LIMIT 1", (name,)
        ).fetchone():
            self.conn.execute("DELETE FROM files WHERE name = ?", (name,))

    def delete(self, cable_id: str) -> None:
        self.conn.execute("DELETE FROM documents WHERE id = ?", (cable_id,))
        self._forget()

    def bump_generation(self) -> str:
        new = str(int(self.generation()) + 1)
        self.conn.execute("UPDATE meta SET value = ? WHERE key = 'generation'", (new,))
        return new


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
