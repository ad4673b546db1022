"""The narrow interface the answering stages, lookup and threads read a collection through.

`Library` (knowledge/library.py) implements it: the SQLite store (source of truth), the
tantivy index beside it, the alias file, the speller and the people a question may name.
Modules that answer from a collection take a `Collection`, never `Library` itself, so
library.py may import them without an import circle, and a stage can be tested over any
object with these members.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from knowledge.aliases import Aliases
    from knowledge.index import SearchIndex
    from knowledge.qa.names import Names
    from knowledge.records import Cable
    from knowledge.spelling import Speller
    from knowledge.store import Store


@dataclass(frozen=True)
class CableSummary:
    """A line of the cable list: enough to pick a cable."""

    id: str
    title: str
    date: str  # displayed date, "" if none
    kind: str  # "cable" or "commentary"
    telegram_number: str
    sender: str
    recipient: str


class Collection(Protocol):
    """What a reader of the collection uses.

    store: the SQLite store (records, passages, facts, people, cross-references);
    index: the tantivy index of passages, items and header facts;
    aliases: the alias file (people, places, item synonyms);
    speller: stored words by their one-letter deletions, for typo correction;
    names: everyone a question may name (alias file people and stored parties).
    """

    store: Store
    index: SearchIndex
    aliases: Aliases
    speller: Speller

    @property
    def names(self) -> Names: ...

    def search(self, words: list[str], **how: Any) -> list:
        """Index hits for words, as SearchIndex.search returns them."""
        ...

    def cable(self, ref: str) -> Cable:
        """The cable a reference names; raises CableNotFound."""
        ...

    def cables(self, limit: int | None = None) -> list[CableSummary]:
        """Every cable's list line, in the store's order."""
        ...
