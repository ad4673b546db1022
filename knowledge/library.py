"""The one entry point the CLI and the bot use: open a store, ask, quote, list, ingest."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from knowledge.aliases import Aliases, load_aliases, norm
from knowledge.answers import Answer
from knowledge.collection import CableSummary
from knowledge.config import Config
from knowledge.errors import CablebotError, EmptyQuestion, QuestionTooLong, StoreError
from knowledge.index import IndexDoc, IndexRun, SearchIndex
from knowledge.parse import SUFFIXES, UTF8, parse_bytes, parse_bytes_encoding, read_file
from knowledge.records import Cable, Event, RequestedItem
from knowledge.spelling import Speller, correctable, tokens
from knowledge.store import PackedFile, Passage, Rows, Store, pack_file, passages_of, stored_forms
from knowledge.text import singular

MAX_QUESTION_CHARS = 500


@dataclass(frozen=True)
class ItemRow:
    cable_id: str
    cable_title: str
    item: RequestedItem


@dataclass(frozen=True)
class TimelineEntry:
    cable_id: str
    cable_title: str
    event: Event


@dataclass(frozen=True)
class IngestResult:
    """What happened to one file: added, updated, unchanged or failed (with the reason)."""

    file: str
    status: str
    cables: tuple[str, ...] = ()
    reason: str = ""
    encoding: str = ""  # "Windows-1252" or "Latin-1" when the file was not UTF-8


def default_db_path(config: Config | None = None) -> Path:
    """--db wins, then $CABLEBOT_DB, then the config file's store, then a per-user data folder."""
    env = os.environ.get("CABLEBOT_DB")
    if env:
        return Path(env).expanduser()
    if config and config.store:
        return Path(config.store).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "cablebot" / "store.db"


def index_docs(
    cable: Cable, aliases: Aliases, passages: list[Passage] | None = None
) -> list[IndexDoc]:
    """What the index holds for one cable: its passages, its items and its header facts.

    passages: passages_of(cable), when the caller has them already.
    """
    parties = [name for name, _role in cable.party_roles()]
    people = tuple(dict.fromkeys([*parties, *cable.people, *(c.name for c in cable.copies)]))
    if passages is None:
        passages = passages_of(cable)
    docs = [IndexDoc(cable.id, "passage", p.position, p.text, people) for p in passages]
    for i, item in enumerate(cable.items):
        # The quantity as one token ("370000000"): "the 355 automobiles" names one lot among
        # hundreds of automobiles.
        words = [item.name, *sorted(_item_synonyms(item.name, aliases)), _quantity_token(item)]
        # Everyone the cable names, not only its parties: "Kim Il Sung asks for 50 guns",
        # in a cable from Mao, is found by Kim's name.
        docs.append(IndexDoc(cable.id, "item", i, " ".join(words), people))
    facts = [
        cable.title, " ".join(parties), cable.telegram_number, cable.outgoing_number, cable.record_id,
        " ".join(cable.places), cable.priority, cable.source.text if cable.source else "",
    ]  # fmt: skip
    docs.append(
        IndexDoc(cable.id, "cable", 0, " ".join(f for f in facts if f), people, tuple(parties))
    )
    return docs


def _quantity_token(item: RequestedItem) -> str:
    q = item.quantity
    return str(int(q)) if float(q).is_integer() else str(q)


_SYNONYMS: dict[str, frozenset[str]] = {}  # item name -> _item_synonyms, for _SYNONYMS_OF
_SYNONYMS_OF: list[Aliases] = []


def _item_synonyms(name: str, aliases: Aliases) -> frozenset[str]:
    """The words an item name's words and phrases may stand for (the same lot names recur)."""
    if not _SYNONYMS_OF or _SYNONYMS_OF[0] is not aliases or len(_SYNONYMS) > 50_000:
        _SYNONYMS.clear()
        _SYNONYMS_OF[:] = [aliases]
    found = _SYNONYMS.get(name)
    if found is None:
        found = _SYNONYMS[name] = frozenset(_synonyms_uncached(name, aliases))
    return found


def _synonyms_uncached(name: str, aliases: Aliases) -> set[str]:
    words = norm(name).split()
    out: set[str] = set()
    for n in (1, 2, 3):
        for k in range(len(words) - n + 1):
            phrase = " ".join(words[k : k + n])
            related = aliases.related_words(phrase)
            if related != {singular(phrase)}:
                out |= related
    return out


class Library:
    """A store of cables with its search index, the aliases, and the question answerer."""

    def __init__(self, store: Store, index: SearchIndex, aliases: Aliases, seeds_dir: Path) -> None:
        self.store = store
        self.index = index
        self.aliases = aliases
        self.seeds_dir = seeds_dir
        self.speller = Speller(store)

    @classmethod
    def open(
        cls,
        db_path: str | os.PathLike | None = None,
        *,
        seeds_dir: str | os.PathLike | None = None,
        config: Config | None = None,
        memory: bool = False,
    ) -> Library:
        """Open the store (building it from the seeds on first use) and its index."""
        config = config or Config()
        path = (
            None if memory else (Path(db_path).expanduser() if db_path else default_db_path(config))
        )
        aliases = load_aliases(config.aliases)
        store, fresh = Store.open(path)
        index_path = path.with_name(path.name + ".index") if path else None
        try:
            index = SearchIndex(index_path)
        except (OSError, ValueError) as exc:
            raise StoreError(f"The search index beside {path} cannot be opened: {exc}.") from None
        lib = cls(store, index, aliases, Path(seeds_dir) if seeds_dir else config.seeds_dir)
        if fresh:
            lib._load_seeds()
            if store.recovered:
                lib.add_cables(lib._parse_recovered(store.recovered))
        if not index.matches(store.generation()):
            lib.reindex()
        return lib

    @property
    def names(self):
        """Everyone a question may name: the alias file's people and the stored cables' parties."""
        from knowledge.qa.names import Names

        generation = self.store.generation()
        cached = self.__dict__.get("_names")
        if cached is None or cached[0] != generation:
            stored = [r[0] for r in self.store.conn.execute(
                "SELECT DISTINCT name FROM people WHERE role IN ('sender', 'recipient', 'via', 'for', 'copy')"
            )]  # fmt: skip
            # A place written where a party stands ("Shtykov to ... Moscow") is no person.
            stored = [n for n in stored if not self.aliases.find_places(n) or " " in n.strip()]
            cached = (generation, Names(self.aliases, stored))
            self.__dict__["_names"] = cached
        return cached[1]

    def close(self) -> None:
        """Close the store and let go of the index (tantivy closes its files when dropped)."""
        self.store.close()
        self.index.index = None

    # -- building ------------------------------------------------------------------------
    def _load_seeds(self) -> None:
        paths = sorted(
            p for p in self.seeds_dir.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
        )
        list(self.ingest_paths(paths))

    def _parse_recovered(
        self, files: list[tuple[str, bytes]]
    ) -> list[tuple[str, list[Cable], bytes]]:
        out = []
        for name, data in files:
            try:
                out.append((name, parse_bytes(data, name=name, aliases=self.aliases), data))
            except CablebotError:
                continue  # it was readable once; if this version cannot read it, skip it
        return out

    def reindex(self) -> None:
        """Rebuild the search index from the store."""
        docs = (d for cable in self.store.all() for d in index_docs(cable, self.aliases))
        self.index.rebuild(docs, self.store.generation())

    def add_cables(self, batches: Iterable[tuple]) -> list[IngestResult]:
        """Write parsed files' cables in one transaction, then bring the index up to date.

        batches yields (file, cables[, data[, encoding]]): cables are Cable records or their
        Prepared rows (made in a parsing worker); data, the file's bytes, is kept.
        """
        results: list[IngestResult] = []
        words: set[str] = set()
        # The index is fed cable by cable (while parsing workers use the other core) and
        # committed only after the store has committed.
        run = IndexRun(self.index)
        try:
            generation = self._write(batches, results, words, run)
        except BaseException:
            run.rollback()
            raise
        self.speller.clear()
        if generation is not None:
            try:
                self.index.apply(remove=(), add=(), generation=generation, run=run)
            except BaseException:
                run.rollback()  # the index catches up from the store when next opened
                raise
        return results

    def _write(
        self, batches: Iterable[tuple], results: list, words: set[str], run: IndexRun
    ) -> str | None:
        """add_cables' store transaction; the new generation if a cable was added or removed."""
        changed = False
        with self.store.transaction(bulk=True):
            for file, cables, *data in batches:
                encoding = data[1] if len(data) > 1 and data[1] != UTF8 else ""
                statuses, ids = [], []
                for cable in cables:
                    ready = cable if isinstance(cable, Prepared) else prepare(cable, self.aliases)
                    rows = ready.rows
                    same, unchanged = self.store.find_same(rows)
                    if unchanged and same:
                        statuses.append("unchanged")
                        ids.append(same)
                        continue
                    if same:
                        self.store.delete(same)
                        run.remove(same)
                        statuses.append("updated")
                    else:
                        statuses.append("added")
                    cable_id = self.store.free_id(rows.id, rows)
                    self.store.insert(rows, cable_id)
                    run.add(
                        ready.index
                        if cable_id == rows.id
                        else [d._replace(cable=cable_id) for d in ready.index]
                    )
                    changed = True
                    words.update(ready.words)
                    if len(words) >= WORDS_FLUSH:  # filed while the workers still parse
                        self.store.add_words(words)
                        words.clear()
                    ids.append(cable_id)
                if data:  # a file of one document is kept compressed against its record
                    self.store.keep_file(file, data[0], ids[0] if len(ids) == 1 else None)
                status = (
                    "added"
                    if "added" in statuses
                    else "updated"
                    if "updated" in statuses
                    else "unchanged"
                )
                results.append(IngestResult(file, status, tuple(ids), encoding=encoding))
            self.store.add_words(words)
            return self.store.bump_generation() if changed else None

    def ingest_paths(
        self, paths: Iterable[str | os.PathLike], *, progress=None
    ) -> Iterator[IngestResult]:
        """Parse every file (folders recursively), then add or update them in one transaction.

        From POOL_FROM files on, files are parsed by a pool of worker processes (one per
        core) while this process writes what they return; failed files come first.
        """
        files = [str(p) for p in _expand(paths)]
        failed: list[IngestResult] = []

        def parsed() -> Iterator[tuple]:
            for n, (path, outcome) in enumerate(_parse_files(files, self.aliases), 1):
                if progress:
                    progress(n, len(files))
                if isinstance(outcome, str):
                    failed.append(IngestResult(path, "failed", reason=outcome))
                else:
                    yield (path, *outcome)

        results = self.add_cables(parsed()) if files else []
        yield from failed
        yield from results

    def ingest_bytes(self, filename: str, data: bytes) -> IngestResult:
        """Add or update the cables in one uploaded file."""
        name = Path(filename).name
        if Path(name).suffix.lower() not in SUFFIXES:
            return IngestResult(
                name, "failed", reason=f"{name}: cablebot reads .html, .md, .txt and .xml (FRUS TEI) files."
            )
        try:
            cables, encoding = parse_bytes_encoding(data, name=name, aliases=self.aliases)
        except CablebotError as exc:
            return IngestResult(name, "failed", reason=str(exc))
        return self.add_cables([(name, cables, data, encoding)])[0]

    def remove(self, ref: str) -> Cable:
        """Take one cable out of the store and the index; ref must name it exactly (id or number)."""
        from knowledge.lookup import find_exact

        cable = find_exact(self, ref)
        with self.store.transaction():
            self.store.delete(cable.id)
            if cable.file:
                self.store.drop_file_if_unused(cable.file)
            generation = self.store.bump_generation()
        self.index.apply(remove=[cable.id], add=[], generation=generation)
        return cable

    # -- reading -------------------------------------------------------------------------
    def search(self, words: list[str], **how) -> list:
        """Index hits for words, misspelt words searched as the stored words they may mean."""
        return self.index.search(self.speller.expand(w for x in words for w in tokens(x)), **how)

    def cables(self, limit: int | None = None) -> list[CableSummary]:
        """Every cable (or the first limit), by date."""
        return [CableSummary(*row) for row in self.store.summaries(limit=limit)]

    def cable(self, ref: str) -> Cable:
        """Find a cable by id, telegram or outgoing number, record ID, or title words (fuzzily)."""
        from knowledge.lookup import find_cable

        return find_cable(self, ref)

    def complete(self, text: str, *, limit: int = 25) -> list[CableSummary]:
        from knowledge.lookup import complete

        return complete(self, text, limit=limit)

    def items(self, ref: str | None = None) -> list[ItemRow]:
        cables = [self.cable(ref)] if ref else list(self.store.all())
        return [ItemRow(c.id, c.title, item) for c in cables for item in c.items]

    def timeline(self, ref: str | None = None) -> list[TimelineEntry]:
        cables = [self.cable(ref)] if ref else list(self.store.all())
        rows = [TimelineEntry(c.id, c.title, e) for c in cables for e in c.events]
        return sorted(
            rows, key=lambda r: (r.event.date.start or "9999", r.event.date.time or "", r.cable_id)
        )

    def ask(self, question: str, context=None) -> Answer:
        """Answer one question from the cables; EmptyQuestion or QuestionTooLong on bad input.

        context: a knowledge.followup.Context kept across a conversation; a follow-up ("when
        did he send it?") is then read with the last answer's cable, person or thing, the
        answer says what it assumed, and the context remembers this answer.
        """
        text = " ".join((question or "").split())
        if not text:
            raise EmptyQuestion()
        if len(text) > MAX_QUESTION_CHARS:
            raise QuestionTooLong(len(question), MAX_QUESTION_CHARS)  # as long as the user typed it
        from knowledge.qa.pipeline import answer

        if context is not None:
            from knowledge.followup import ask_in_context

            return ask_in_context(self, text, context, answer)
        return answer(self, text)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A parsed cable ready to write: its store rows, index docs and searchable words."""

    rows: Rows
    index: tuple[IndexDoc, ...]
    words: frozenset[str]  # its searchable words typo correction files (correctable ones)


def prepare(cable: Cable, aliases: Aliases) -> Prepared:
    """Everything add_cables writes for cable, computed where it was parsed."""
    return _prepare(cable, aliases)[0]


def _prepare(cable: Cable, aliases: Aliases) -> tuple[Prepared, bytes]:
    """prepare's result, and the cable's record text before compression (Store.keep_file)."""
    passages = passages_of(cable)
    rows, text = stored_forms(cable, passages)
    docs = tuple(index_docs(cable, aliases, passages))
    # One scan of all their text; only the words typo correction files (Store.add_words).
    words = frozenset(w for w in set(tokens(" ".join(d.text for d in docs))) if correctable(w))
    return Prepared(rows, docs, words), text


# Words for typo correction are filed in batches of this many during a run, not all at its
# end, when the other core would be idle.
WORDS_FLUSH = 20_000
POOL_FROM = 64  # files: fewer are parsed in this process (starting workers takes ~0.5 s)
POOL_CHUNK = 16  # files a worker takes at a time
_worker_aliases: Aliases | None = None


def _parse_one(path: str, aliases: Aliases) -> tuple[str, tuple | str]:
    """(path, (prepared cables, bytes, encoding)) or (path, the reason it failed)."""
    try:
        data = read_file(Path(path))
        cables, encoding = parse_bytes_encoding(data, name=path, aliases=aliases)
        ready = [_prepare(c, aliases) for c in cables]
        # A file of one document is compressed against that document's record (see
        # Store.keep_file); the record blob goes with it to say so.
        against = (ready[0][0].rows.record, ready[0][1]) if len(ready) == 1 else None
        packed: PackedFile = pack_file(data, against)
        return path, ([p for p, _ in ready], packed, encoding)
    except CablebotError as exc:
        return path, str(exc)


def _worker_start(aliases: Aliases) -> None:
    global _worker_aliases
    _worker_aliases = aliases


def _worker_parse(path: str) -> tuple[str, tuple | str]:
    assert _worker_aliases is not None
    return _parse_one(path, _worker_aliases)


def _parse_files(files: list[str], aliases: Aliases) -> Iterator[tuple[str, tuple | str]]:
    """Each file parsed, in order: in worker processes when there are many and cores to spare."""
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < POOL_FROM or workers < 2:
        for path in files:
            yield _parse_one(path, aliases)
        return
    import multiprocessing

    # spawn: the workers start clean, whatever threads (tantivy, the bot) this process runs.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_worker_start, initargs=(aliases,)) as pool:
        yield from pool.imap(_worker_parse, files, chunksize=POOL_CHUNK)


def _expand(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(
                f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
            )
        else:
            yield path
