"""Reply threads on small fixture cables: explicit references, inferred replies, and none."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import threads
from knowledge.dates import parse_date
from knowledge.library import Library
from knowledge.records import Cable, CrossReference, Party


def cable(
    cable_id: str,
    sender: str,
    recipient: str,
    day: str,
    text: str,
    *,
    number: str = "",
    refs: tuple[CrossReference, ...] = (),
    description: str = "",
    sent: str | None = None,
) -> Cable:
    return Cable(
        id=cable_id,
        title=f"Ciphered telegram, {sender} to {recipient}",
        date=parse_date(day),
        sent=parse_date(sent) if sent else None,
        sender=Party(sender, sender),
        recipient=Party(recipient, recipient),
        telegram_number=number,
        paragraphs=tuple(p.strip() for p in text.split("\n\n") if p.strip()),
        cross_references=refs,
        description=description,
        checksum=cable_id,
    )


def library(tmp_path: Path, *cables: Cable) -> Library:
    empty = tmp_path / "no-seeds"
    empty.mkdir(exist_ok=True)
    lib = Library.open(memory=True, seeds_dir=empty)
    lib.add_cables([("fixture.md", list(cables))])
    return lib


REQUEST = cable(
    "req",
    "Mao Zedong",
    "Stalin",
    "1950-12-01",
    "We ask you to send 300 trucks and 40 locomotives to Andong for the railway repair brigades.",
    number="3153",
)


def test_explicit_cross_reference_links_both_ways(tmp_path):
    reply = cable(
        "rep",
        "Stalin",
        "Mao Zedong",
        "1950-12-09",
        "I received your telegram No. 3153. We agree to your proposal.",
        refs=(CrossReference("reply-to", "3153", "your telegram No. 3153"),),
    )
    lib = library(tmp_path, REQUEST, reply)
    (link,) = threads.links(lib, "rep")
    assert (link.from_id, link.to_id, link.kind) == ("rep", "req", "explicit")
    assert link.words == "your telegram No. 3153"  # the cable's own words, as printed
    assert link.relation == "answers" and link.basis == "text"
    assert threads.links(lib, "req") == [link]  # found from the request too
    assert [c.id for c in threads.thread(lib, "req")] == ["req", "rep"]
    answers, answered_by = threads.answers_and_answered_by(lib, "req")
    assert answers == [] and answered_by == [link]


def test_number_in_the_text_links_without_parsed_cross_references(tmp_path):
    reply = cable(
        "rep",
        "Stalin",
        "Mao Zedong",
        "1950-12-20",
        "We have read your telegram No. 3153 and agree.",
    )
    lib = library(tmp_path, REQUEST, reply)
    (link,) = threads.links(lib, "rep")
    assert link.kind == "explicit" and link.to_id == "req"
    assert link.words == "We have read your telegram No. 3153 and agree."


def test_a_shared_number_goes_to_the_correspondent(tmp_path):
    other = cable("other", "Kim Il Sung", "Stalin", "1950-11-30", "Send rifles.", number="3153")
    reply = cable(
        "rep",
        "Stalin",
        "Mao Zedong",
        "1950-12-02",
        "Your telegram No. 3153 received.",
        refs=(CrossReference("reply-to", "3153", "Your telegram No. 3153"),),
    )
    lib = library(tmp_path, other, REQUEST, reply)
    assert [x.to_id for x in threads.links(lib, "rep")] == ["req"]


def test_description_naming_the_request_a_day_off(tmp_path):
    request = cable(
        "req", "Zhou Enlai", "Stalin", "1950-11-17", "Please transfer 500 automobiles to our army."
    )
    reply = cable(
        "rep",
        "Stalin",
        "Zhou Enlai",
        "1950-11-18",
        "Orders have been given.",
        description="Stalin's affirmative response to Zhou Enlai's request of 16 November for automobiles.",
    )
    lib = library(tmp_path, request, reply)
    (link,) = threads.links(lib, "rep")
    assert link.kind == "explicit" and link.basis == "description"
    assert link.explain().startswith("the archive's description says:")


def test_inferred_reply_is_never_given_as_the_cables_words(tmp_path):
    request = cable(
        "req",
        "Zhou Enlai",
        "Stalin",
        "1950-11-17",
        "The river is freezing. We need 500 automobiles and winter clothing for the front.",
        sent="1950-11-17 10:00",
    )
    reply = cable(
        "rep",
        "Stalin",
        "Zhou Enlai",
        "1950-11-19",
        "The automobiles and the winter clothing will go to the front from Port Arthur.",
    )
    lib = library(tmp_path, request, reply)
    (link,) = threads.links(lib, "rep")
    assert (link.from_id, link.to_id, link.kind, link.basis) == (
        "rep",
        "req",
        "inferred",
        "inferred",
    )
    assert "2 days later" in link.words and "automobile" in link.words
    assert link.words not in reply.body_text() and link.words not in request.body_text()
    assert link.explain().startswith("inferred by cablebot:")
    assert [c.id for c in threads.thread(lib, "rep")] == ["req", "rep"]


@pytest.mark.parametrize(
    ("sender", "recipient", "day", "text"),
    [
        # outside the reply window
        (
            "Stalin",
            "Zhou Enlai",
            "1950-11-30",
            "The automobiles and winter clothing go to the front.",
        ),
        # the same subject, but not back to the sender
        (
            "Stalin",
            "Mao Zedong",
            "1950-11-18",
            "The automobiles and winter clothing go to the front.",
        ),
        # back to the sender at once, on another subject
        (
            "Stalin",
            "Zhou Enlai",
            "1950-11-18",
            "Congratulations on the anniversary of the republic.",
        ),
    ],
)
def test_no_link(tmp_path, sender, recipient, day, text):
    request = cable(
        "req",
        "Zhou Enlai",
        "Stalin",
        "1950-11-17",
        "We need 500 automobiles and winter clothing for the front.",
    )
    lib = library(tmp_path, request, cable("other", sender, recipient, day, text))
    assert threads.links(lib, "other") == []
    assert threads.links(lib, "req") == []
    assert [c.id for c in threads.thread(lib, "req")] == ["req"]


def test_unknown_cable_has_no_links(tmp_path):
    lib = library(tmp_path, REQUEST)
    assert threads.links(lib, "nope") == [] and threads.thread(lib, "nope") == []


def test_seed_reply_and_gist(qa_lib):
    zhou, stalin = "1950-11-17-zhou-enlai-to-stalin", "1950-11-17-stalin-to-zhou-enlai"
    (link,) = threads.links(qa_lib, zhou)
    assert (link.from_id, link.to_id, link.kind) == (stalin, zhou, "explicit")
    assert "request for urgent delivery of 500 automobiles" in link.words
    assert [c.id for c in threads.thread(qa_lib, stalin)] == [zhou, stalin]
    assert threads.gist(qa_lib.store.get(zhou)).startswith("Request from Zhou Enlai to Stalin")
    assert threads.links(qa_lib, "1950-11-08-mao-zedong-to-stalin") == []


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "threads"


def test_markdown_cables_linked_through_their_cross_references(tmp_path):
    """Cross-references read at ingest ("your telegram No. 3153", "Deptel 813, May 9")."""
    lib = library(tmp_path)
    results = list(lib.ingest_paths([FIXTURES]))
    assert all(r.status == "added" for r in results), results
    (link,) = threads.links(lib, "1950-12-09-stalin-to-mao-zedong")
    assert (link.to_id, link.kind, link.words) == (
        "1950-12-01-mao-zedong-to-stalin",
        "explicit",
        "I received your telegram No. 3153.",
    )
    # No stored cable carries No. 813: the Department's cable of 9 May is the one named.
    (deptel,) = threads.links(lib, "1952-05-14-jones-to-acheson")
    assert (deptel.to_id, deptel.kind) == ("1952-05-09-acheson-to-jones", "explicit")
    assert deptel.words.startswith("Substance Deptel 813, May 9")
