"""The candidate index beside the SQLite store: tantivy, with exact and typo-tolerant terms.

SQLite is the source of truth; this index is derived from it and rebuilt whenever its
generation stamp differs from the store's (a crash between the two commits, a deleted
folder, an index from another version).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import tantivy

from knowledge.text import fold

INDEX_VERSION = "8"  # 8: text indexed with diacritics folded
PERSON_BOOST = 0.5  # a name the question gives counts half a word when it is not required


class IndexDoc(NamedTuple):
    """One searchable unit: a passage, a requested item, or a cable's header facts.

    A named tuple: a parsing worker sends a cable's 20-50 of them to the writing process,
    which unpickles tuples several times faster than dataclass instances.
    """

    cable: str
    kind: str  # "passage" | "item" | "cable"
    position: int
    text: str
    people: tuple[str, ...] = ()  # canonical names of everyone the cable names
    parties: tuple[str, ...] = ()  # of a cable doc: its sender, recipient, via and for


class Hit(NamedTuple):
    """A doc the index found: its cable, kind and position, and its BM25 score.

    A named tuple: a question reads 20-80 of them, made three times faster than dataclass
    instances."""

    cable: str
    kind: str
    position: int
    score: float


KINDS = ("passage", "item", "cable")


def _schema() -> tantivy.Schema:
    # Each kind has its own text and people fields, so a search names the kinds by its fields
    # instead of filtering on a term most documents share (3 ms a search at 100,000 cables).
    b = tantivy.SchemaBuilder()
    b.add_text_field("cable", stored=True, tokenizer_name="raw")
    b.add_text_field("kind", stored=True, tokenizer_name="raw")
    b.add_integer_field("position", stored=True, indexed=False)
    for kind in KINDS:
        b.add_text_field(f"text_{kind}", stored=False, tokenizer_name="default")
        # One term per person ("tae-sik mikhailov"), not per word: a name's words ("kim",
        # "su") are shared by thousands of people, a whole name by a few cables.
        b.add_text_field(f"people_{kind}", stored=False, tokenizer_name="raw")
    # Who sent, received or carried a cable, apart from whom it only mentions: of two
    # cables naming Beria and Novikov, "Beria's telegram to Novikov" is the one they are
    # parties to.
    b.add_text_field("parties", stored=False, tokenizer_name="raw")
    return b.build()


def person_key(name: str) -> str:
    """How a person is filed and looked up: the canonical name, lower-case, single-spaced."""
    return " ".join(name.lower().split())


class SearchIndex:
    """A tantivy index in a folder (or in memory when path is None)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.schema = _schema()
        self._open(fresh=False)

    def _open(self, *, fresh: bool) -> None:
        if self.path is None:
            self.index = tantivy.Index(self.schema)
        else:
            if fresh and self.path.exists():
                self._discard()
            self.path.mkdir(parents=True, exist_ok=True)
            try:
                self.index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
            except ValueError:
                self._discard()
                self.path.mkdir(parents=True)
                self.index = tantivy.Index(self.schema, path=str(self.path), reuse=False)
        self.index.reload()

    def _discard(self) -> None:
        """Move the folder aside, then delete it: an open handle may still write into it."""
        self.index = None
        aside = self.path.with_name(f"{self.path.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        self.path.rename(aside)
        shutil.rmtree(aside, ignore_errors=True)

    @property
    def stamp_file(self) -> Path | None:
        return self.path / "GENERATION" if self.path else None

    def stamp(self) -> str | None:
        """The store generation this index was built for, or None if unknown."""
        if self.stamp_file is None:
            return getattr(self, "_memory_stamp", None)
        try:
            return self.stamp_file.read_text().strip()
        except OSError:
            return None

    def _set_stamp(self, generation: str) -> None:
        value = f"{INDEX_VERSION}:{generation}"
        if self.stamp_file is None:
            self._memory_stamp = value
        else:
            tmp = self.stamp_file.with_suffix(".tmp")
            tmp.write_text(value)
            tmp.replace(self.stamp_file)

    def matches(self, generation: str) -> bool:
        return self.stamp() == f"{INDEX_VERSION}:{generation}"

    def rebuild(self, docs: Iterable[IndexDoc], generation: str) -> None:
        """Replace the whole index with docs."""
        if self.stamp_file and self.stamp_file.exists():
            self.stamp_file.unlink()
        self._open(fresh=True)
        self.apply(remove=(), add=docs, generation=generation)

    def apply(
        self,
        *,
        remove: Iterable[str],
        add: Iterable[IndexDoc],
        generation: str,
        run: IndexRun | None = None,
    ) -> None:
        """Delete every doc of the cables in remove, add docs, commit, and stamp.

        run: changes already fed during a store transaction (IndexRun), committed with these.
        """
        run = run or IndexRun(self)
        for cable in remove:
            run.remove(cable)
        run.add(add)
        run.commit(generation)

    def search(
        self,
        words: list[str],
        *,
        kinds: tuple[str, ...],
        people: Sequence[Sequence[str]] = (),
        people_required: bool = False,
        fill_with_cables: bool = False,
        limit: int = 50,
        prefix_last: bool = False,
    ) -> list[Hit]:
        """Docs of the given kinds holding any of words (exactly: typos are corrected before).

        people holds a group of canonical names for each person the question names (a shared
        surname: all who bear it). With people_required, only docs naming them are returned,
        those naming all of them first, then those holding one of words: a question about
        Kim's guns reads the docs where both meet, not all of Kim's or every doc holding
        "guns". fill_with_cables then tops the hits up to limit with the people's cable docs
        that lack the words ("what did Kim ask for" names no item).
        """
        Q = tantivy.Query
        Occur = tantivy.Occur
        words = [w for w in dict.fromkeys(words) if w]
        # Plain term clauses under one boolean query: tantivy then skips whole blocks of
        # documents that cannot reach the top (block-max WAND); wrappers such as boosts
        # make it score every document holding a common word.
        text = [
            (Occur.Should, Q.term_query(self.schema, f"text_{kind}", w))
            for kind in kinds
            for w in words
        ]
        if prefix_last and words:
            # The word being typed in an autocomplete box: any term that starts with it.
            text += [
                (
                    Occur.Should,
                    Q.fuzzy_term_query(self.schema, f"text_{k}", words[-1], 0, True, True),
                )
                for k in kinds
            ]
        groups = [list(dict.fromkeys(g)) for g in people if g]
        everyone = list(dict.fromkeys(p for g in groups for p in g))
        if not everyone or not people_required:
            names = (
                [(Occur.Should, Q.boost_query(self._anyone(everyone, kinds), PERSON_BOOST))]
                if everyone
                else []
            )
            return self._run(Q.boolean_query(text + names), limit) if text or names else []
        hits: dict[tuple[str, str, int], Hit] = {}

        def add(query: tantivy.Query, wanted: int) -> None:
            for h in self._run(query, wanted):
                hits.setdefault((h.cable, h.kind, h.position), h)

        # The people's own cables rank first among docs naming them (a cable doc each).
        parties = [
            (Occur.Should, Q.term_query(self.schema, "parties", person_key(p))) for p in everyone
        ]
        cable_docs = ("cable",) if "cable" in kinds else None
        if len(groups) > 1:
            # Docs naming all of them first: "X's telegram to Y" is among the few they share.
            if cable_docs:
                scope = cable_docs
                extra = parties + [
                    (Occur.Should, Q.term_query(self.schema, "text_cable", w)) for w in words
                ]
            else:
                scope, extra = kinds, text
            add(
                Q.boolean_query([(Occur.Must, self._anyone(g, scope)) for g in groups] + extra),
                limit,
            )
        if text and len(hits) < limit:
            add(
                Q.boolean_query(
                    [
                        (Occur.Must, self._anyone(everyone, kinds)),
                        (Occur.Must, Q.boolean_query(text)),
                    ]
                ),
                limit,
            )
        if (fill_with_cables or not text) and len(hits) < limit:
            # A cable doc stands for its cable: the people's cables, without reading every
            # passage and item of theirs.
            if cable_docs or fill_with_cables:
                add(
                    Q.boolean_query([(Occur.Must, self._anyone(everyone, ("cable",)))] + parties),
                    limit,
                )
            else:
                add(self._anyone(everyone, kinds), limit)
        return list(hits.values())[:limit]

    def _anyone(self, people: list[str], kinds: tuple[str, ...]) -> tantivy.Query:
        Q = tantivy.Query
        return Q.boolean_query(
            [
                (tantivy.Occur.Should, Q.term_query(self.schema, f"people_{k}", person_key(p)))
                for k in kinds
                for p in people
            ]
        )

    def _run(self, query: tantivy.Query, limit: int) -> list[Hit]:
        searcher = self.index.searcher()
        hits = []
        # count=False: the number of matching docs is never read, and counting them makes
        # tantivy visit every doc holding a common word instead of skipping blocks that
        # cannot reach the top (the same hits either way)
        for score, address in searcher.search(query, limit, count=False).hits:
            doc = searcher.doc(address)
            hits.append(
                Hit(doc.get_first("cable"), doc.get_first("kind"), doc.get_first("position"), score)
            )
        return hits


class IndexRun:
    """Index changes fed while a store transaction runs, committed after the store's commit.

    An ingest run adds each cable's docs as it writes the cable (while parsing workers use
    the other core) instead of all of them after the last file. Changes are applied in the
    order given: a cable's old docs are removed before its new ones are added. Nothing is
    visible until commit(); rollback() drops it all. A writer is opened only on the first change.
    """

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.writer = None
        self._people: tuple[tuple[str, ...], list[str]] = ((), [])  # a cable's docs share one

    def _writer(self):
        if self.writer is None:
            self.writer = self.index.index.writer(heap_size=64_000_000, num_threads=1)
        return self.writer

    def remove(self, cable: str) -> None:
        """Delete every doc of cable (added before this call)."""
        self._writer().delete_documents_by_term("cable", cable)

    def add(self, docs: Iterable[IndexDoc]) -> None:
        writer = self._writer()
        for d in docs:
            if d.people != self._people[0]:
                self._people = (d.people, [person_key(p) for p in d.people])
            writer.add_document(
                tantivy.Document(
                    cable=d.cable,
                    kind=d.kind,
                    position=d.position,
                    parties=[person_key(p) for p in d.parties],
                    **{
                        f"text_{d.kind}": fold(d.text),  # "Máo" found as "mao"
                        f"people_{d.kind}": self._people[1],
                    },
                )
            )

    def commit(self, generation: str) -> None:
        """Make the changes visible and stamp the index with the store's generation."""
        writer = self._writer()
        writer.commit()
        writer.wait_merging_threads()
        self.writer = None
        self.index.index.reload()
        self.index._set_stamp(generation)

    def rollback(self) -> None:
        if self.writer is not None:
            self.writer.rollback()
            self.writer = None
