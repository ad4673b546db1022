"""Every parsed field of the three seed cables and the poster's commentary, against the seed."""

from __future__ import annotations

import re

import pytest

from knowledge.records import Copy, DateValue, from_dict, to_dict

MAO = "1950-11-08-mao-zedong-to-stalin"
ZHOU = "1950-11-17-zhou-enlai-to-stalin"
REPLY = "1950-11-17-stalin-to-zhou-enlai"
COMMENTARY = "commentary-kwang-on-yoo"

OFFICE = "SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY"
POLITBURO = ["Molotov", "Malenkov", "Beria", "Mikoyan", "Kaganovich", "Bulganin", "Khrushchev"]

# The eleven numbered items of Mao's list: number, name as printed, quantity, unit.
MAO_ITEMS = [
    (1, "Soviet rifles", 140_000, "pieces"),
    (2, "Rifle cartridges", 58_000_000, "pieces"),
    (3, "Soviet sub-machine guns", 26_000, "pieces"),
    (4, "Cartridges for sub-machine guns", 80_000_000, "pieces"),
    (5, "Soviet light machine guns", 7_000, "pieces"),
    (6, "Cartridges for light machine guns", 37_000_000, "pieces"),
    (7, "Soviet heavy machine guns", 2_000, "pieces"),
    (8, "Cartridges for heavy machine guns", 20_000_000, "pieces"),
    (9, "Pilots’ handguns", 1_000, "pieces"),
    (10, "Cartridges for pilots’ handguns", 100_000, "pieces"),
    (11, "TNT", 1_000, "tons"),
]


@pytest.fixture(scope="module")
def mao(seed_cables):
    return seed_cables[MAO]


@pytest.fixture(scope="module")
def zhou(seed_cables):
    return seed_cables[ZHOU]


@pytest.fixture(scope="module")
def reply(seed_cables):
    return seed_cables[REPLY]


@pytest.fixture(scope="module")
def commentary(seed_cables):
    return seed_cables[COMMENTARY]


def day(iso: str, text: str) -> DateValue:
    return DateValue(text, iso, iso, "day")


# -- the document as a whole ---------------------------------------------------------------
def test_seed_holds_commentary_then_three_cables_in_page_order(seed_cables):
    assert list(seed_cables) == [COMMENTARY, MAO, ZHOU, REPLY]
    assert [c.kind for c in seed_cables.values()] == ["commentary", "cable", "cable", "cable"]


def test_every_record_survives_a_dict_round_trip(seed_cables):
    for cable in seed_cables.values():
        assert from_dict(type(cable), to_dict(cable)) == cable


def test_checksums_differ_between_documents(seed_cables):
    sums = [c.checksum for c in seed_cables.values()]
    assert all(sums) and len(set(sums)) == len(sums)


def test_no_paragraph_is_a_line_fragment(seed_cables):
    """A <br> mid-sentence is a line end, not a paragraph break: no paragraph starts lower-case."""
    for cable in seed_cables.values():
        assert cable.paragraphs, cable.id
        for para in cable.paragraphs:
            assert "\n" not in para and "  " not in para, para
            assert not para[0].islower(), f"{cable.id}: paragraph starts mid-sentence: {para!r}"


# -- Mao Zedong to Filippov (Stalin), 8 November 1950 --------------------------------------
def test_mao_header_table(mao):
    assert mao.id == MAO
    assert mao.title == "Ciphered telegram, Mao Zedong to Filippov (Stalin)"
    assert mao.date == day("1950-11-08", "8 November 1950")
    assert mao.date.display() == "8 November 1950"
    assert mao.description == (
        "Request from Mao to Stalin for infantry arms, detailing specifically types and "
        "amounts of requested munitions."
    )


def test_mao_source_split(mao):
    s = mao.source
    assert s.text == "APRF, Fond 45, Opis 1, Delo 335, Listy 80-81"
    assert (s.archive, s.fond, s.opis, s.delo, s.listy) == ("APRF", "45", "1", "335", "80-81")


def test_mao_telegram_header(mao):
    assert mao.issuing_office == OFFICE
    assert mao.heading == "CIPHERED TELEGRAM No. 26637"
    assert mao.telegram_number == "26637"
    assert mao.copies == (
        Copy("Stalin", 2),
        *(Copy(n, 1) for n in POLITBURO),
        Copy("Vasilevsky", 1),
        Copy("Shtemenko", 1),
    )
    assert mao.origin == "From Beijing"
    assert mao.priority == "TOP PRIORITY"
    assert mao.addressee == "To Comrade FILIPPOV [Stalin]"
    assert mao.for_line == ""
    assert mao.channel == ""


def test_mao_received_stamp(mao):
    r = mao.received
    assert (r.text, r.start, r.end, r.precision, r.time) == (
        "8.11.1950 02:00",
        "1950-11-08",
        "1950-11-08",
        "minute",
        "02:00",
    )
    assert r.display() == "8 November 1950, 02:00"


def test_mao_parties_resolve_the_pseudonym(mao):
    assert mao.sender.name == "Mao Zedong"
    assert mao.recipient.name == "Stalin"
    assert "Filippov" in mao.recipient.as_written
    assert mao.via is None and mao.for_party is None


def test_mao_paragraphs_are_reflowed(mao):
    assert mao.paragraphs[0] == (
        "In view of the fact that the infantry arms of the People’s Liberation Army are mainly "
        "trophies captured from the enemy, there is a great variety in the calibers of the rifles."
    )
    assert mao.paragraphs[1] == (
        "Such a situation creates great difficulty for the manufacture of ammunition, and in "
        "particular for the production of rifle and machine gun cartridges, especially as our "
        "factories can produce only very small quantities of these cartridges."
    )
    assert "36 (thirty-six) divisions of the twelve armies" in mao.paragraphs[2]
    assert mao.paragraphs[2].endswith("the rearmament can be begun in the second half of 1951.")
    assert mao.paragraphs[3].startswith("For overcoming the difficulties of the present time")
    assert mao.paragraphs[3].endswith("according to the following list (name, quantity in pieces):")
    assert mao.paragraphs[-1] == (
        "I ask you to communicate to me the results of your review of my request."
    )
    assert len(mao.paragraphs) == 4 + 11 + 1


def test_mao_numbered_items_in_order(mao):
    assert len(mao.numbered_items) == 11
    for (n, name, _q, _u), line in zip(MAO_ITEMS, mao.numbered_items, strict=True):
        assert line.startswith(f"{n}. {name} ")
    assert mao.numbered_items[0] == "1. Soviet rifles 140,000."
    assert mao.numbered_items[-1] == "11. TNT 1,000 tons."
    # numbered items stay in place among the paragraphs
    assert mao.paragraphs[4:15] == mao.numbered_items


def test_mao_closing_signature_number_and_sent(mao):
    assert [c.rstrip(".") for c in mao.closing] == ["I wish you health"]
    assert mao.signature == "MAO ZEDONG"
    assert mao.outgoing_number == "No. 2784"
    s = mao.sent
    assert (s.text, s.start, s.precision, s.time) == ("7.11.50", "1950-11-07", "day", None)
    assert s.display() == "7 November 1950"


def test_mao_requested_items_exactly(mao):
    got = [(i.number, i.name, i.quantity, i.unit, i.role) for i in mao.items]
    assert got == [(n, name, q, unit, "requested") for n, name, q, unit in MAO_ITEMS]
    for item, line in zip(mao.items, mao.numbered_items, strict=True):
        assert item.words == line


def test_mao_items_carry_the_requested_window(mao):
    window = DateValue("January and February 1951", "1951-01-01", "1951-02-28", "month-range")
    assert {i.date for i in mao.items} == {window}
    assert window.display() == "January-February 1951"


def test_mao_quantity_text(mao):
    by_number = {i.number: i for i in mao.items}
    assert by_number[1].quantity_text() == "140,000"
    assert by_number[2].quantity_text() == "58,000,000"
    assert by_number[11].quantity_text() == "1,000 tons"


def test_mao_events(mao):
    kinds = {(e.kind, e.date.text) for e in mao.events}
    assert ("document date", "8 November 1950") in kinds
    assert ("sent", "7.11.50") in kinds
    assert ("received", "8.11.1950 02:00") in kinds
    assert ("requested delivery", "January and February 1951") in kinds
    half = next(e for e in mao.events if e.date.text == "second half of 1951")
    assert (half.date.precision, half.date.start, half.date.end) == (
        "half-year",
        "1951-07-01",
        "1951-12-31",
    )
    sent = next(e for e in mao.events if e.kind == "sent")
    assert "No. 2784" in sent.words and "7.11.50" in sent.words


def test_mao_people_and_places(mao):
    assert set(mao.people) >= {"Mao Zedong", "Stalin"}
    assert "Filippov" not in mao.people
    assert set(mao.places) >= {"Beijing", "Korea"}


# -- Zhou Enlai to Filippov (Stalin), 17 November 1950 -------------------------------------
def test_zhou_header_table(zhou):
    assert zhou.id == ZHOU
    assert zhou.title == "Ciphered telegram, Zhou Enlai to Filippov (Stalin)"
    assert zhou.date == day("1950-11-17", "17 November 1950")
    assert zhou.description.startswith(
        "Request from Zhou Enlai to Stalin for the rapid transfer of automobiles from Soviet "
        "forces on the Liaodong Peninsula rather than the Chinese rear, on account of enemy "
        "attacks on autotransport and the onset of winter."
    )
    assert zhou.description.endswith(
        "These automobiles are to be credited from the 3000 originally allocated."
    )
    assert "  " not in zhou.description and "\n" not in zhou.description


def test_zhou_source_split(zhou):
    s = zhou.source
    assert s.text == "APRF, Fond 45, Opis 1, Delo 335, Listy 122-123"
    assert (s.archive, s.fond, s.opis, s.delo, s.listy) == ("APRF", "45", "1", "335", "122-123")


def test_zhou_telegram_header(zhou):
    assert zhou.issuing_office == OFFICE
    assert zhou.heading == "CIPHERED TELEGRAM No. 26998"
    assert zhou.telegram_number == "26998"
    assert zhou.copies == (Copy("Stalin", 2), *(Copy(n, 1) for n in POLITBURO))
    assert zhou.origin == "From Beijing"
    assert zhou.priority == "EXTREMELY URGENT"  # the stray "T" after it is not part of it
    assert zhou.addressee == "To Comrade FILIPPOV [Stalin]"
    assert zhou.for_line == ""


def test_zhou_received_stamp(zhou):
    r = zhou.received
    assert (r.text, r.start, r.precision, r.time) == (
        "17.11.1950 20:45",
        "1950-11-17",
        "minute",
        "20:45",
    )
    assert r.display() == "17 November 1950, 20:45"


def test_zhou_parties(zhou):
    assert zhou.sender.name == "Zhou Enlai"
    assert zhou.recipient.name == "Stalin"
    assert zhou.via is None


def test_zhou_paragraphs_are_reflowed(zhou):
    assert len(zhou.paragraphs) == 6
    assert zhou.paragraphs[0].startswith(
        "According to a report from Peng Dehuai and Gao Gang, we have an insufficient number "
        "of automobiles engaged in transport to the rear,"
    )
    assert zhou.paragraphs[0].endswith("the troops are experiencing hunger and cold.")
    assert zhou.paragraphs[1] == (
        "A new operation will begin soon. Railroad bridges across the Yalu are subjected to "
        "bombardment by enemy planes every day."
    )
    assert zhou.paragraphs[2].startswith("The river is beginning to freeze,")
    assert zhou.paragraphs[4] == (
        "I earnestly ask you to give a command to the commander of the Soviet Army on the "
        "Liaodong peninsula about the transfer of 500 automobiles for our army. These 500 "
        "automobiles will be reimbursed on the account of the portion which you promised to "
        "send from 25.11 to 25.12, numbering 3,000 automobiles."
    )
    assert zhou.paragraphs[5] == "Can you satisfy my request? I await your swift reply."
    assert zhou.numbered_items == ()


def test_zhou_closing_signature_number_and_sent(zhou):
    assert [c.rstrip(".") for c in zhou.closing] == ["With bolshevik greetings"]
    assert zhou.signature == "ZHOU ENLAI"
    assert zhou.outgoing_number == "No. 2933"
    s = zhou.sent
    # "17.11 10:00": the year comes from the cable's own date
    assert (s.text, s.start, s.precision, s.time) == (
        "17.11 10:00",
        "1950-11-17",
        "minute",
        "10:00",
    )
    assert s.display() == "17 November 1950, 10:00"


def test_zhou_requests_500_automobiles(zhou):
    requested = [i for i in zhou.items if i.role == "requested"]
    assert len(requested) == 1
    item = requested[0]
    assert (item.name, item.quantity, item.unit, item.number) == ("automobiles", 500, None, None)
    assert "transfer of 500 automobiles" in item.words
    assert item.words.startswith("I earnestly ask you")


def test_zhou_request_has_no_delivery_window(zhou):
    """'from 25.11 to 25.12' in the next sentence dates the earlier 3,000, not this request."""
    [item] = [i for i in zhou.items if i.role == "requested"]
    assert item.date is None


def test_zhou_earlier_promise_is_not_a_request(zhou):
    earlier = [i for i in zhou.items if i.quantity == 3000]
    assert len(earlier) == 1
    item = earlier[0]
    assert item.role == "promised"
    assert (item.date.start, item.date.end, item.date.precision) == (
        "1950-11-25",
        "1950-12-25",
        "day-range",
    )
    # Zhou's own 200 from Northern China are neither asked for nor promised
    assert 200 not in {i.quantity for i in zhou.items}


def test_zhou_events(zhou):
    kinds = {(e.kind, e.date.text) for e in zhou.events}
    assert ("document date", "17 November 1950") in kinds
    assert ("sent", "17.11 10:00") in kinds
    assert ("received", "17.11.1950 20:45") in kinds


def test_zhou_people_and_places(zhou):
    assert set(zhou.people) >= {"Zhou Enlai", "Stalin", "Peng Dehuai", "Gao Gang"}
    assert set(zhou.places) >= {
        "Beijing",
        "Yalu River",
        "Manchuria",
        "Liaodong Peninsula",
        "Northern China",
    }


# -- Filippov (Stalin) to Zhou Enlai via Zakharov, 17 November 1950 ------------------------
def test_reply_header_table(reply):
    assert reply.id == REPLY
    assert reply.title == "Ciphered telegram, Filippov (Stalin) to Zhou Enlai via Zakharov"
    assert reply.date == day("1950-11-17", "17 November 1950")
    assert reply.description == (
        "Stalin's affirmative response to Zhou Enlai's request of 16 November for automobiles."
    )


def test_reply_source_split(reply):
    s = reply.source
    assert s.text == "APRF, Fond 45, Opis 1, Delo 335, List 124"
    assert (s.archive, s.fond, s.opis, s.delo, s.listy) == ("APRF", "45", "1", "335", "124")


def test_reply_telegram_header(reply):
    assert reply.issuing_office == ""
    assert reply.heading == "CIPHERED TELEGRAM No. 5708"
    assert reply.telegram_number == "5708"
    assert reply.copies == ()
    assert reply.destination == "BEIJING"
    assert reply.origin == ""
    assert reply.priority == ""
    assert reply.received is None
    assert reply.addressee == "To Comrade Zakharov"
    assert reply.for_line == "For Comrade Zhou Enlai"


def test_reply_parties_sender_recipient_via(reply):
    assert reply.sender.name == "Stalin"
    assert "Filippov" in reply.sender.as_written
    assert reply.recipient.name == "Zhou Enlai"
    assert reply.via.name == "Zakharov"
    assert reply.for_party.name == "Zhou Enlai"


def test_reply_paragraphs_are_reflowed(reply):
    assert len(reply.paragraphs) == 2
    first, second = reply.paragraphs
    assert first.startswith(
        "I received the telegram with the request for urgent delivery of 500 automobiles. "
        "Your request will be satisfied by us."
    )
    assert first.endswith(
        "to transfer 140 automobiles to Chinese representatives on 20 November and 355 "
        "automobiles on 25-26 November."
    )
    assert second == (
        "We will speed up the shipment of the remaining automobiles and another 1,000 "
        "automobiles will arrive at the Manchurian station before 5 December."
    )


def test_reply_tail(reply):
    assert reply.closing == ()
    assert reply.signature == "FILIPPOV [Stalin]"
    assert reply.outgoing_number == ""
    assert reply.sent is None


def test_reply_promises_with_their_dates(reply):
    got = [(i.quantity, i.name, i.role) for i in reply.items]
    assert got == [
        (140, "automobiles", "promised"),
        (355, "automobiles", "promised"),
        (1000, "automobiles", "promised"),
    ]
    d140, d355, d1000 = (i.date for i in reply.items)
    assert (d140.text, d140.start, d140.end, d140.precision) == (
        "20 November",
        "1950-11-20",
        "1950-11-20",
        "day",
    )
    assert (d355.text, d355.start, d355.end, d355.precision) == (
        "25-26 November",
        "1950-11-25",
        "1950-11-26",
        "day-range",
    )
    assert (d1000.text, d1000.start, d1000.qualifier) == (
        "before 5 December",
        "1950-12-05",
        "before",
    )
    assert [d.display() for d in (d140, d355, d1000)] == [
        "20 November 1950",
        "25-26 November 1950",
        "before 5 December 1950",
    ]
    assert "another 1,000 automobiles" in reply.items[2].words


def test_reply_does_not_count_the_acknowledged_request(reply):
    """'I received the telegram with the request for ... 500 automobiles' is not a new request."""
    assert all(i.role == "promised" for i in reply.items)
    assert 500 not in {i.quantity for i in reply.items}


def test_reply_events(reply):
    promised = [(e.date.text, e.description) for e in reply.events if e.kind == "promised delivery"]
    assert promised == [
        ("20 November", "140 automobiles"),
        ("25-26 November", "355 automobiles"),
        ("before 5 December", "1,000 automobiles"),
    ]
    assert ("document date", "17 November 1950") in {(e.kind, e.date.text) for e in reply.events}


def test_reply_people_and_places(reply):
    assert set(reply.people) >= {"Stalin", "Zhou Enlai", "Zakharov"}
    assert set(reply.places) >= {"Beijing", "Port Arthur", "Manchuria"}


# -- the poster's commentary ---------------------------------------------------------------
def test_commentary_is_labelled_and_signed(commentary):
    assert commentary.kind == "commentary"
    assert commentary.author == "Kwang-On Yoo"
    assert commentary.title == "Commentary by Kwang-On Yoo"
    assert commentary.date is None and commentary.source is None
    assert commentary.telegram_number == "" and commentary.items == ()
    assert commentary.description == ""  # no made-up text to be searched or quoted as the post's
    from knowledge import present

    assert any("not a primary source" in line for line in present.header_lines(commentary))


def test_commentary_text(commentary):
    text = commentary.body_text()
    assert (
        "In the winter of 1950, shortly after their entry into The Korean War, Chinese "
        "leadership sent following cables to Joseph Stalin." in text
    )
    assert '"conducting negotiation will be advantageous for China and (North) Korea."' in text
    assert commentary.paragraphs[-1].endswith("Truman's statement may have been correct.")
    # the sign-off and the name under it are not part of the text
    assert not any(re.fullmatch(r"Regards,?|Kwang-On Yoo", p) for p in commentary.paragraphs)
    # nothing of the cables' header tables leaks into it
    assert "APRF" not in text and "CIPHERED TELEGRAM" not in text


def test_commentary_people(commentary):
    assert set(commentary.people) >= {"Stalin", "Mao Zedong", "Zhou Enlai", "Truman"}
