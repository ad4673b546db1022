"""The ingest fixtures (all three formats) read and questioned beside the seed.

The facts asked about are those tests/fixtures/ingest/EXPECTED.md lists; the questions are
worded for this file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.library import Library

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("fixtures-store")
    docs = folder / "docs"
    shutil.copytree(FIXTURES, docs)
    library = Library.open(folder / "store.db")
    results = {Path(r.file).name: r for r in library.ingest_paths([docs])}
    assert {n for n, r in results.items() if r.status == "added"} == {
        "archive_page_krasovsky.html",
        "shtykov_gromyko.md",
        "roshchin_zhou.md",
        "two_cables_seed_layout.html",
    }
    failed = {n for n, r in results.items() if r.status == "failed"}
    assert failed == {
        "EXPECTED.md",
        "empty.md",
        "no_title.md",
        "not_a_cable.html",
        "broken.html",
        "undecodable.txt",
    }
    return library


def test_records_of_each_format(lib: Library) -> None:
    page = lib.cable("990709")
    assert (page.sender.name, page.recipient.name, page.for_party.name) == (
        "Stalin",
        "Krasovsky",
        "Mao Zedong",
    )
    assert page.telegram_number == "709" and page.outgoing_number == "No. 72/III"
    assert page.sent.display() == "14 March 1952, 23:40" and page.priority == "TOP PRIORITY"
    assert [(i.name, i.quantity, i.role) for i in page.items] == [
        ("Anti-aircraft guns", 120, "promised"),
        ("Shells for them", 60000, "promised"),
        ("Searchlights", 24, "promised"),
        ("Radar stations", 6, "promised"),
    ]
    assert page.items[0].date.display() == "before 10 April 1952"
    assert page.signature == "FILIPPOV" and page.closing == ("Confirm receipt.",)

    shtykov = lib.cable("990826")
    assert shtykov.recipient.name == "Gromyko and Stalin" and shtykov.via is None
    assert shtykov.sent.display() == "13 July 1950, 03:15"
    assert {(i.name, i.quantity, i.unit) for i in shtykov.items} == {
        ("tanks T-34", 30, None),
        ("transport aircraft", 40, None),
        ("fuel", 2000, "tons"),
    }

    roshchin = lib.cable("990441")
    assert (roshchin.via.name, roshchin.signature) == ("Roshchin", "FENG XI")
    dates = {i.name: i.date.display() for i in roshchin.items}
    assert dates == {
        "trucks": "second half of December 1950",
        "aviation fuel": "10-15 January 1951",
    }

    gao = lib.cable("1822")
    assert gao.received.display() == "21 January 1951, 06:30" and gao.origin == "From Mukden"
    reply = lib.cable("6120")
    assert {(i.name.lower(), i.quantity, i.unit) for i in reply.items} >= {
        ("rails", 1500, "tons"),
        ("locomotives", 20, None),
    }


@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("who signed telegram 709", "FILIPPOV"),
        ("who was Stalin's telegram to Krasovsky meant for", "Mao Zedong"),
        ("how many searchlights did Stalin promise Mao", "24"),
        ("by when will the first trains reach Andong", "10 April 1952"),
        ("how many T-34 tanks did Kim Il Sung ask for", "30"),
        ("how much fuel did Kim Il Sung request", "2,000 tons"),
        ("who sent the telegram to Gromyko and Stalin", "Shtykov"),
        ("what is the source of Shtykov's telegram to Gromyko", "Delo 826"),
        ("through whom did Stalin send his telegram to Zhou Enlai about trucks", "Roshchin"),
        ("when will the trucks be handed over at Manzhouli", "second half of December"),
        ("how many locomotives did Gao Gang ask for", "40"),
        ("when was Gao Gang's telegram received", "06:30"),
        ("what did Stalin say about the fuel depots", "railway stations"),
        ("what is the record ID of the telegram about searchlights", "990709"),
    ],
)
def test_questions_on_the_fixtures(lib: Library, question: str, must: str) -> None:
    answer = lib.ask(question)
    assert answer.found, answer.text
    assert must in answer.text, answer.text


def test_seed_answers_are_unchanged_beside_the_fixtures(lib: Library) -> None:
    assert "140,000" in lib.ask("how many rifles did Mao ask Stalin for").text
    assert "Zakharov" in lib.ask("through whom did Stalin answer Zhou Enlai in November 1950").text
    assert lib.ask("how many radar stations did Zhou Enlai request").found is False
