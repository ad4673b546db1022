"""Typo correction over the store's words, and the cards ranking reads instead of whole cables."""

from __future__ import annotations

import functools

import pytest

from knowledge.cards import card_of
from knowledge.qa.understand import understand
from knowledge.spelling import closest, deletions, filing_keys, lookup_keys, tokens


# -- the symmetric-delete keys ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("rifels", "rifles"),  # neighbours swapped
        ("rifes", "rifles"),  # a letter dropped
        ("riffles", "rifles"),  # a letter doubled
        ("rifler", "rifles"),  # a letter changed
        ("cartrigdes", "cartridges"),
        ("caartriddges", "cartridges"),  # two slips in a long word
        ("catridgess", "cartridges"),  # a letter dropped and one doubled, in a long word
    ],
)
def test_a_slip_shares_a_key_and_is_corrected(typed, stored):
    assert lookup_keys(typed) & filing_keys(stored)
    assert closest(typed, [stored]) == [stored]


def test_two_slips_in_a_short_word_are_not_corrected():
    assert closest("rfels", ["rifles"]) == []  # 'rfels' is two slips from a six-letter word
    assert closest("gnus", ["guns", "gnu", "gun"]) == ["gnu", "guns"]  # nearest first
    assert closest("cortrigdes", ["cartridges"]) == ["cartridges"]


def test_deletions_and_tokens():
    assert deletions("gun") == {"un", "gn", "gu"}
    assert tokens("Anti-aircraft guns, 1,000 (M-1)") == [
        "anti",
        "aircraft",
        "guns",
        "1",
        "000",
        "m",
        "1",
    ]


# -- the store's vocabulary ---------------------------------------------------------------------
def test_the_store_files_the_seed_words(lib):
    assert lib.store.knows_word("cartridges")
    assert lib.store.knows_word("automobiles")
    assert not lib.store.knows_word("cartrigdes")
    assert "cartridges" in lib.store.words_under(lookup_keys("cartrigdes"))


def test_speller_corrects_unknown_words_only(lib):
    assert lib.speller.correct("rifles") == ()
    assert "rifles" in lib.speller.correct("rilfes")
    assert lib.speller.correct("zzzzqqq") == ()
    assert lib.speller.correct("tnt") == ()  # too short to guess at
    expanded = lib.speller.expand(["cartrigdes", "mao"])
    assert expanded[0] == "cartrigdes" and "cartridges" in expanded and expanded[-1] == "mao"


def test_a_typo_finds_the_item_through_the_index(lib):
    hits = lib.search(["cartrigdes"], kinds=("item",), limit=5)
    assert hits, "the corrected word should reach the cartridge items"
    cards = lib.store.cards(h.cable for h in hits)
    assert "cartridge" in cards[hits[0].cable].item(hits[0].position).name.lower()


def test_words_of_a_new_cable_are_filed_on_ingest(lib, tmp_path):
    doc = tmp_path / "new.md"
    doc.write_text(
        "---\ntitle: Telegram from Roshchin to Stalin\ndate: 1950-12-01\n"
        "sender: Roshchin\nrecipient: Stalin\n---\n"
        "Please send 40 theodolites for the river crossing.\n",
        encoding="utf-8",
    )
    assert not lib.store.knows_word("theodolites")
    assert [r.status for r in lib.ingest_paths([doc])] == ["added"]
    assert lib.store.knows_word("theodolites")
    assert "theodolites" in lib.speller.correct("theodolytes")


# -- cards ----------------------------------------------------------------------------------------
def test_the_stored_card_is_the_card_of_the_record(lib):
    for summary in lib.cables():
        cable = lib.store.get(summary.id)
        assert lib.store.cards([summary.id])[summary.id] == card_of(cable)


def test_card_holds_parties_people_days_and_items(lib):
    card = lib.store.cards(["1950-11-08-mao-zedong-to-stalin"])["1950-11-08-mao-zedong-to-stalin"]
    assert card.parties[0] == ("Mao Zedong", "sender")
    assert ("Stalin", "recipient") in card.parties
    assert card.senders == ["Mao Zedong"]
    assert card.year == 1950
    assert "1950-11-08" in card.days
    assert card.has_word("rifle") and not card.has_word("rifles")  # singular forms
    assert "cartridge" in card.words()
    first = card.item(0)
    assert first.quantity == 140_000 and "rifle" in first.name.lower()
    assert card.item(len(card.item_names)) is None
    assert card.item_quantities[0] == 140_000


def test_cards_of_unknown_ids_are_left_out(lib):
    assert lib.store.cards(["no-such-cable"]) == {}


def test_passages_at_reads_the_places_asked(lib):
    cable_id = "1950-11-08-mao-zedong-to-stalin"
    wanted = [(cable_id, 0), (cable_id, 3), ("no-such-cable", 1)]
    found = lib.store.passages_at(wanted)
    assert set(found) == {(cable_id, 0), (cable_id, 3)}
    assert found[(cable_id, 3)] == lib.store.passage(cable_id, 3)


def test_ranking_reads_whole_records_only_for_the_answer(lib, monkeypatch):
    loads = _count_loads(lib, monkeypatch)
    answer = lib.ask("how many sub-machine guns did Mao want?")
    assert answer.found
    assert len(set(loads)) <= 3, loads


def test_a_question_searches_once_per_kind_of_candidate(lib, monkeypatch):
    calls = []
    real = lib.index.search

    def counting(*args, **kwargs):
        calls.append(kwargs.get("kinds"))
        return real(*args, **kwargs)

    monkeypatch.setattr(lib.index, "search", counting)
    q = understand("how many elephants did Mao ask for?", lib.aliases, lib.names)
    from knowledge.qa.answer import HANDLERS, not_found

    assert HANDLERS[q.intent](lib, q) is None
    not_found(lib, q)
    assert len(calls) == len(set(calls)), calls  # the not-found answer reuses what was found


# -- lists and autocomplete read columns, not records ---------------------------------------------
def _count_loads(lib, monkeypatch) -> list[str]:
    loads: list[str] = []
    real = lib.store._load_uncached

    def counting(cable_id):
        loads.append(cable_id)
        return real(cable_id)

    lib.store._forget()
    monkeypatch.setattr(lib.store, "_load", functools.lru_cache(maxsize=64)(counting))
    return loads


def test_cable_list_and_autocomplete_load_no_records(lib, monkeypatch):
    loads = _count_loads(lib, monkeypatch)
    every = lib.cables()
    assert [s.id for s in lib.cables(2)] == [s.id for s in every[:2]]
    mao = next(s for s in every if s.id == "1950-11-08-mao-zedong-to-stalin")
    assert (mao.sender, mao.recipient, mao.telegram_number) == ("Mao Zedong", "Stalin", "26637")
    assert mao.date == "8 November 1950"
    assert lib.complete("")[0].id == every[0].id
    assert lib.complete("2699")[0].id == "1950-11-17-zhou-enlai-to-stalin"
    assert lib.complete("mao zed")[0].id == "1950-11-08-mao-zedong-to-stalin"
    assert loads == []


def test_card_cache_evicts_oldest_and_still_answers(lib, monkeypatch):
    import knowledge.store

    monkeypatch.setattr(knowledge.store, "CARD_CACHE", 2)
    ids = [s.id for s in lib.cables()]
    lib.store._forget()
    first = lib.store.cards(ids[:3])
    assert set(first) == set(ids[:3])
    again = lib.store.cards(ids[1:4])  # one cached, others read, oldest evicted
    assert set(again) == set(ids[1:4])
    assert len(lib.store._cards) == 2


def test_memo_caches_and_empties_when_full():
    from knowledge.memo import memo

    calls = []

    @memo(maxsize=2)
    def double(x, y=1):
        calls.append(x)
        return x * 2 * y

    assert double("a") == "aa" and double("a") == "aa"
    assert calls == ["a"]
    assert double("b", 2) == "bbbb" and double("b", 2) == "bbbb"
    assert calls == ["a", "b"]
    double("c")  # full: emptied, then filed
    assert double.cache_size() == 1
    double("a")
    assert calls == ["a", "b", "c", "a"]
    double.cache_clear()
    assert double.cache_size() == 0


def test_a_card_cites_as_its_cable_does(lib):
    from knowledge.qa.answer import cite, cite_card

    for summary in lib.cables():
        cable = lib.store.get(summary.id)
        card = lib.store.cards([summary.id])[summary.id]
        assert cite_card(card, "some words") == cite(cable, "some words")


def test_candidates_are_found_once_per_wording(lib, monkeypatch):
    from knowledge.qa.rank import match_sentences

    calls = []
    real = lib.index.search

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(lib.index, "search", counting)
    q = understand("why did Zhou need the automobiles", lib.aliases, lib.names)
    first = match_sentences(lib, q)
    assert match_sentences(lib, q) is first and len(calls) == 1
    q.words = [*q.words, "report"]  # a handler rewording the question searches again
    match_sentences(lib, q)
    assert len(calls) == 2
