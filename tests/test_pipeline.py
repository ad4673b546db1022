"""The answering pipeline stage by stage, on literal questions and small cables of our own.

read (knowledge.qa.query) -> resolve (knowledge.qa.resolve) -> find (passages, fields, replies)
-> check (claims) -> compose, or an honest "not in the cables".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.library import Library
from knowledge.qa.query import read
from knowledge.qa.resolve import has_number, resolve

CABLES = {
    "tents.md": """---
title: "Ciphered Telegram No. 41250 from Petrov to Orlov"
date: "March 2, 1951"
source: "APRF, Fond 1, Opis 1, Delo 7, List 3"
---
CIPHERED TELEGRAM No. 41250
To Comrade ORLOV
We ask you to send us 700 tents and 12 field kitchens for the 3rd Division before 20 March.
The roads are blocked by snow, because of which the division cannot move its own stores.
PETROV
No. 88/sh
""",
    "reply.md": """---
title: "Ciphered Telegram No. 5120 from Orlov to Petrov"
date: "March 4, 1951"
---
CIPHERED TELEGRAM No. 5120
To Comrade PETROV
In reply to your telegram No. 41250: we will send 500 tents on 12 March. We cannot send field kitchens.
ORLOV
""",
    "bridge.md": """---
title: "Telegram from Sokolov to Orlov"
date: "April 9, 1951"
---
To Comrade ORLOV
The railway bridge at Kuandian was repaired on 6 April and the first trains crossed it the same night.
Your telegram No. 41250 has been passed to the staff of the front.
SOKOLOV
""",
}


def library_of(folder: Path, files: dict[str, str]):
    """A store of our own files (name -> text) written to folder, every one added; closed after."""
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    lib = Library.open(folder / "store.db", seeds_dir=folder / "no-seeds")
    results = list(lib.ingest_paths(sorted(folder / name for name in files)))
    assert all(r.status == "added" for r in results), results
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("own-cables"), CABLES)


def query(lib: Library, text: str):
    return read(text, lib.aliases, lib.names, lambda n: has_number(lib, n))


# -- read ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, target",
    [
        ("Who sent ciphered telegram No. 41250?", "sender"),
        ("to whom was telegram 5120 addressed", "recipient"),
        ("who signed tel no. 41250", "signer"),
        ("what was the number of Orlov's telegram", "telegram_number"),
        ("petrov's own number at the bottom of 41250", "outgoing_number"),
        ("how many tents did Petrov ask for", "quantity"),
        ("did Petrov ask for 900 tents?", "claim"),
        ("so orlov promised 500 tents, right?", "claim"),
        ("why could the division not move its stores", "reason"),
        ("which telegram is 5120 answering", "reply"),
        ("what did orlov reply to petrov", "replied"),
        ("when was the bridge at kuandian repaired", "event_date"),
        ("what is the date of Sokolov's telegram?", "dated"),
        ("date of the telegram sokolov passed to the staff", "event_date"),
        ("help", "collection"),
        ("how many cables are there", "collection"),
    ],
)
def test_the_question_decides_its_target(own, text, target):
    assert query(own, text).target == target


def test_a_telegram_number_points_at_the_cable_and_is_not_asked_about(own):
    q = query(own, "Who sent ciphered telegram No. 41250?")
    assert [r.number for r in q.references] == ["41250"] and q.target == "sender"
    assert "41250" not in q.focus


def test_a_count_is_a_quantity_not_a_reference(own):
    q = query(own, "did Petrov ask for 900 tents?")
    assert q.references == [] and q.claim_numbers == ["900"]


def test_prefixed_and_bare_identifiers(own):
    assert [(r.prefix, r.number) for r in query(own, "what date was JCS 938085 sent").references] == [
        ("JCS", "938085")
    ]
    # A bare number a stored cable bears, followed by a verb, is that cable's number.
    assert [r.number for r in query(own, "5120 was sent by whom").references] == ["5120"]


def test_dates_at_any_precision(own):
    got = {(d.start, d.end, d.precision) for d in query(own, "what did orlov send in march 1951").dates}
    assert got == {("1951-03-01", "1951-03-31", "month")}
    got = {(d.start, d.precision) for d in query(own, "orlov's telegram of 4.3.51").dates}
    assert ("1951-03-04", "day") in got


# -- resolve ---------------------------------------------------------------------------------
def test_an_identifier_is_a_hard_filter(own):
    res = resolve(own, query(own, "how many tents in telegram 5120"))
    assert res.how == "identifier" and [c.title for c in res.cards] == [
        "Ciphered Telegram No. 5120 from Orlov to Petrov"
    ]


def test_an_identifier_no_cable_bears_or_mentions_is_missing(own):
    res = resolve(own, query(own, "who sent telegram No. 8601"))
    assert res.cards == [] and res.missing == ["8601"]
    answer = own.ask("who sent telegram No. 8601")
    assert not answer.found and "No cable here is numbered 8601" in answer.text


def test_a_date_narrows_to_the_cables_of_that_date(own):
    res = resolve(own, query(own, "what did the telegram of 9 April 1951 say about the bridge"))
    assert res.date_matched and [c.title for c in res.cards] == ["Telegram from Sokolov to Orlov"]


def test_parties_rank_the_cables_they_sent_first(own):
    res = resolve(own, query(own, "what did Orlov promise Petrov"))
    assert res.cards[0].title == "Ciphered Telegram No. 5120 from Orlov to Petrov"


# -- find ------------------------------------------------------------------------------------
def test_a_quantity_from_prose(own):
    answer = own.ask("how many tents did Petrov ask for")
    assert answer.found and "700 tents" in answer.text


def test_a_header_field_of_the_pinned_cable(own):
    answer = own.ask("who sent telegram 5120?")
    assert answer.found and "Orlov" in answer.fact and answer.citations[0].cable.endswith("petrov")


def test_an_event_date_from_the_text(own):
    answer = own.ask("when was the bridge at kuandian repaired")
    assert answer.found and "6 April" in answer.text


def test_a_reason_by_its_cue_word(own):
    answer = own.ask("why could the division not move its own stores")
    assert answer.found and "blocked by snow" in answer.text


def test_what_a_cable_answers_from_its_cross_reference(own):
    answer = own.ask("which telegram is 5120 answering")
    assert answer.found and "41250" in answer.fact


# -- check -----------------------------------------------------------------------------------
def test_a_claim_supported(own):
    answer = own.ask("did Petrov ask for 700 tents?")
    assert answer.found and answer.text.startswith("Yes") and "700 tents" in answer.text


def test_a_claim_refuted_with_the_number_that_contradicts_it(own):
    answer = own.ask("did Petrov ask for 900 tents?")
    assert answer.found and answer.text.startswith("No: 700 tents")


def test_a_claim_refuted_by_a_negation(own):
    answer = own.ask("did Orlov agree to send field kitchens?")
    assert answer.found and answer.text.startswith("No"), answer.text


def test_a_claim_the_cables_neither_support_nor_refute(own):
    answer = own.ask("did Petrov ask for 40 trucks?")
    assert not answer.found, answer.text


# -- abstain ---------------------------------------------------------------------------------
def test_a_pinned_cable_lacking_the_thing_says_what_it_holds(own):
    answer = own.ask("how many rifles does telegram 41250 ask for?")
    assert not answer.found
    assert "41250" in answer.text and "rifles" in answer.text, answer.text
    assert "700" not in answer.text  # a fact about tents is no answer about rifles


def test_a_fact_of_another_cable_never_answers_about_the_pinned_one(own):
    answer = own.ask("when will telegram 41250 send 500 tents")
    assert not answer.found or all(c.cable.startswith("1951-03-02") for c in answer.citations)


def test_a_question_about_the_collection_points_to_the_commands(own):
    answer = own.ask("how many cables are there")
    assert answer.found and "3 documents" in answer.text and "cablebot cables" in answer.text


# -- sentences that name no answer ------------------------------------------------------------
TALKS = {
    "meeting.md": """---
title: "Telegram No. 6610 from Belov to Orlov"
date: "May 5, 1951"
---
To Comrade ORLOV
In accordance with your instruction I had a meeting with GRIGORIEV.
At the meeting my news caught GRIGORIEV and Colonel ZHUKOVSKY of the staff by surprise.
I herewith transmit a letter from comrade GRIGORIEV.
He asks for two interpreters before the end of May.
GRIGORIEV proposed that the talks be held at Kuandian station.
We consider your position in the negotiations to be completely correct.
The jet regiments are shielding the bridges and intercepting raiders over the columns.
The jet regiments have not yet learned to intercept raiders at night or in fog.
BELOV
""",
    "grigoriev.md": """---
title: "Telegram from Grigoriev to Belov"
date: "May 2, 1951"
---
To Comrade BELOV
Please come to the staff on 5 May.
GRIGORIEV
""",
}


@pytest.fixture(scope="module")
def talks(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("talk-cables"), TALKS)


def test_a_who_answer_names_someone_the_question_does_not(talks):
    from knowledge.qa.pipeline import _names_beyond

    asked = query(talks, "who else was at belov's meeting with grigoriev")
    assert not _names_beyond("In accordance with your instruction I had a meeting with GRIGORIEV.", asked)
    assert _names_beyond("At the meeting my news caught GRIGORIEV and Colonel ZHUKOVSKY.", asked)
    answer = talks.ask("who else was at belov's meeting with grigoriev on 5 may 1951")
    assert answer.found and "ZHUKOVSKY" in answer.text, answer.text


def test_a_sentence_holding_only_document_words_answers_nothing(talks):
    # "I herewith transmit a letter" holds the question's "letter" and nothing of what it asks
    answer = talks.ask("what did grigoriev call orlov in his letter")
    assert not answer.found, answer.text


def test_a_reply_answer_names_the_telegram_answered(talks):
    # "In accordance with your instruction" answers something, but names no telegram of it
    answer = talks.ask("which orlov telegram is 6610 answering")
    assert not answer.found, answer.text


def test_an_agreement_claim_needs_a_verdict_not_the_proposal_restated(talks):
    # the cable restates Grigoriev's proposal and says nothing of Belov agreeing to it
    answer = talks.ask("did belov agree to hold the talks at kuandian station?")
    assert not answer.found, answer.text


def test_a_question_word_finds_the_cables_formal_synonym(talks):
    # "talks" in the question, "negotiations" in the cable (knowledge/aliases.yaml synonyms)
    answer = talks.ask("what did belov think of the position in the talks")
    assert answer.found and "completely correct" in answer.text, answer.text


def test_a_why_not_question_is_answered_by_what_could_not_be_done(talks):
    from knowledge.qa.pipeline import WHY_NOT

    assert WHY_NOT.search("why couldnt they go") and WHY_NOT.search("why was it not sent")
    assert not WHY_NOT.search("why did he want to go")  # "want" ends in -nt, but says no "not"
    answer = talks.ask("why couldnt the jet regiments intercept the raiders")
    assert answer.found and "not yet learned" in answer.text, answer.text


# -- telegraphese: numbered paragraphs, initials, measures joined by a hyphen -----------------
WIRES = {
    "wire.md": """---
title: "The Minister in Ruritania (Hale) to the Secretary of State"
date: "June 3, 1950"
---
612. Re Deptel 301, May 30.

1. 30 US launches now "on loan" Ruritanian HP being returned under lend-lease.

2. Source expects serious unrest within a 45-day period.

3. Negotiations under way for withdrawal of 2,500 U.S. marines from the port.

4. Dept holds Strelsau Convention no longer in effect.

5. Ruritanian Harbour Police has no vessels fit for patrol in heavy weather.

Hale
""",
}


@pytest.fixture(scope="module")
def wires(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("wire-cables"), WIRES)


def test_a_count_in_telegraphese(wires):
    from knowledge.qa.pipeline import number_near

    # a numbered paragraph's own number counts nothing; an adverb ends the counted phrase
    assert number_near('1. 30 US launches now "on loan" Ruritanian HP.', ["launch"]) == "30 US launches"
    # a full stop inside "U.S." ends no phrase
    assert number_near("withdrawal of 2,500 U.S. marines from the port.", ["marine"]) == "2,500 U.S. marines"
    # a measure joined by a hyphen is what the number counts; a size of something else is not
    assert number_near("within a 45-day period.", ["day"]) == "45-day"
    assert number_near("a three-regiment air division.", ["regiment"]) is None


def test_a_name_the_cable_writes_by_its_initials(wires):
    # "harbour police" in the question, "HP" in the cable
    answer = wires.ask("how many launches on loan to the ruritanian harbour police")
    assert answer.found and "30 US launches" in answer.text, answer.text


TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1950v99">
<teiHeader><fileDesc><titleStmt><title type="complete">Foreign Relations, 1950, Volume XCIX</title></titleStmt>
<publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc></fileDesc></teiHeader>
<text><body><div type="compilation"><div type="chapter">
<div type="document" xml:id="d5" n="5" subtype="historical-document">
<note rend="inline" type="source">611.99/6–350: Telegram</note>
<head>The Minister in Ruritania (<persName type="from">Hale</persName>) to the <gloss type="to">Secretary of State</gloss></head>
<opener><dateline><placeName>Strelsau</placeName>, <date when="1950-06-03">June 3, 1950</date>.</dateline></opener>
<p>612. King asks for 12 patrol launches for harbour duty before winter.<note n="1" xml:id="d5fn1">The Department's reply to this message was contained in telegram 318, June 6, to Strelsau, not printed.</note></p>
<closer><signed>Hale</signed></closer>
</div>
</div></div></body></text></TEI>
"""


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("tei-volume"), {"volume.xml": TEI})


def test_the_editors_footnote_names_the_reply(volume):
    from knowledge.qa.passages import units_of

    c = volume.store.get(volume.store.ids()[0])
    parts = {u.part for u in units_of(c) if "reply to this message" in u.text}
    assert parts == {"footnote"}, parts  # printed "1. The Department's reply ..." is a footnote
    answer = volume.ask("which telegram replied to 612")
    assert answer.found and "telegram 318" in answer.text and "footnote" in answer.text, answer.text


def test_a_claim_that_something_still_holds_is_refuted_by_no_longer(wires):
    answer = wires.ask("did the dept say the strelsau convention was still in effect")
    assert answer.found and answer.text.startswith("No"), answer.text


MARGINS = {
    "margin.md": """---
title: "Ciphered Telegram No. 7310 from Volkov to Orlov"
date: "May 5, 1951"
---
To Comrade ORLOV
1. The council asked that the statement be delivered before the session opens.
[Translator's note: the following paragraph was underlined in the margin] 2.
At the same time I report to you that by agreement with Cde. Belov the statement was delayed.
In this telegram, dated May 2, 1951, Volkov urged that the council meet at once.
VOLKOV
""",
    "stores.md": """---
title: "Ciphered Telegram No. 7402 from Orlov to Volkov"
date: "May 9, 1951"
---
To Comrade VOLKOV
We request that you deliver:
1. 300 tents
2. 40 field kitchens
ORLOV
""",
}


@pytest.fixture(scope="module")
def margins(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("margin-cables"), MARGINS)


def test_a_word_capitalised_by_its_place_or_a_form_of_address_names_no_one(margins):
    from knowledge.qa.pipeline import _names_beyond

    q = query(margins, "who read this telegram according to the margin note")
    assert not _names_beyond("[Translator's note: the following paragraph was underlined] 2.", q)
    assert not _names_beyond("By agreement with Cde. Belov's staff.", query(margins, "who agreed with belov"))
    assert _names_beyond("By agreement with Cde. Belov.", q)
    # a people's adjective or a side is no place
    where = query(margins, "which country was nominated")
    assert not _names_beyond("I stated that Commies still determined all Chinese must go back.", where, place=True)
    assert _names_beyond("The Commies nominated Pakistan.", where, place=True)
    answer = margins.ask("who read this telegram according to the margin note")
    assert not answer.found, answer.text


def test_which_message_wants_the_messages_number(margins):
    from knowledge.qa.pipeline import _names_telegram

    assert not _names_telegram("In this telegram, dated Feb. 24, 1953, Clark urged that Dulles write.")
    assert _names_telegram("the recommendation contained in CX 68355 and HNC 1236.")
    assert _names_telegram("Urtel 641, Oct 15.")
    answer = margins.ask("which volkov msg urged that the council meet")
    assert not answer.found, answer.text


def test_an_older_handler_answer_from_a_cable_chosen_by_words_must_hold_the_question(margins, monkeypatch):
    from knowledge.qa import answer as handlers
    from knowledge.qa import pipeline
    from knowledge.qa.compose import cite, render

    stores = next(c for c in map(margins.store.get, margins.store.ids()) if "7402" in c.title)
    lot = "1. 300 tents 2. 40 field kitchens"
    # an older handler that finds its lot its own way, as on a real corpus it can
    monkeypatch.setitem(handlers.HANDLERS, "items", lambda lib, q: render(q, "Orlov asked for tents.", [cite(stores, lot)]))
    text = "what should the council send to the session along with the statement"
    q = query(margins, text)
    res = resolve(margins, q)
    assert res.how == "ranked"
    # Nothing pins the question and the lot holds none of its words: no answer.
    assert pipeline._legacy(margins, q, res, [stores]) is None
    # A lot holding the question's words answers.
    q = query(margins, "what field kitchens and tents did they send")
    res = resolve(margins, q)
    if res.how == "ranked":
        assert pipeline._legacy(margins, q, res, [stores]) is not None


def test_a_header_question_about_a_message_the_cable_only_mentions_is_not_answered(margins):
    from knowledge.qa import pipeline

    c = next(c for c in map(margins.store.get, margins.store.ids()) if "7310" in c.title)
    # "session" is in the cable's text, not its heading: the question is about something it
    # mentions, so the cable's own date does not answer it.
    assert not pipeline._heading_fits(query(margins, "date of the session message"), c)
    assert pipeline._heading_fits(query(margins, "date of volkov's telegram"), c)
    answer = margins.ask("date of the session message")
    assert not answer.found or "5 May 1951" not in answer.text, answer.text


# -- answers5: verdicts on counted claims, ... -------------------------------------------------
LEDGER = {
    "brigades.md": """---
title: "Ciphered Telegram No. 5120, Orlov to Volkov"
date: "July 4, 1951"
---
To Comrade VOLKOV
Our supply officers consider it completely impossible to give tents for more than 8 brigades in the course of July.
As concerns tents for 40 brigades then I must say to you directly that to fulfill this order in the course of a single month is physically impossible.
The fulfillment of the order for 40 brigades is possible, and at that with great difficulty, only in the course of three months.
ORLOV
""",
    "hospitals.md": """---
title: "Ciphered Telegram No. 5131, Orlov to Volkov"
date: "July 9, 1951"
---
To Comrade VOLKOV
The staff asked me if they can use in 1951 the tents the government had allocated for 1952.
With these tents the staff would like to shelter the two field hospitals they intend to open.
ORLOV
""",
    "drivers.md": """---
title: "Cable No. 5140, Orlov to Volkov"
date: "July 12, 1951"
---
To Comrade VOLKOV
1. In a talk with the staff Grigoriev expressed the opinion that there are drivers at the depot whom the depot could do without since the need for them had disappeared. We request the names of such drivers be reported so we can recall them at once.
ORLOV
""",
    "coal.md": """---
title: "Ciphered Telegram No. 5150 from Orlov to Grigoriev"
date: "August 2, 1951"
---
I am sending you a telegram of Cde. VOLKOV.
We intend to move one brigade to KIROV. Consequently we ask you to give instructions:
1. about the urgent shipment of a thousand tons of coal to KIROV, of which 300 tons are to PERM.
2. about sending five trucks to KIROV.
ORLOV
""",
    "coal-reply.md": """---
title: "Ciphered Telegram No. 5161 from Grigoriev to Orlov"
date: "August 4, 1951"
---
Regarding your request about shipping 1,000 tons of coal to KIROV and 300 tons of it to PERM we report that we can give the coal.
GRIGORIEV
""",
    "directive.md": """---
title: "Ciphered Telegram No. 5170, Volkov to Grigoriev"
date: "September 3, 1951"
---
To Comrade GRIGORIEV
On 1 September the following directive from Comrade ORLOV was sent to the depot:
"Hold the trucks at KIROV."
Since the depot has no communications, we are sending the directive to you.
VOLKOV
""",
    "relay.md": """---
title: "Ciphered Telegram No. 5180 from Grigoriev to Orlov"
date: "September 9, 1951"
description: "Grigoriev asks for boats and permission to send boatmen to Kirov."
---
A telegram from Comrade VOLKOV.
The staff sent letters from Volkov containing requests on the following questions:
GRIGORIEV
""",
    "relayed.md": """---
title: "Ciphered Telegram No. 5190, Orlov to Grigoriev, for Cde. Volkov"
date: "September 12, 1951"
---
CIPHERED TELEGRAM No. 5190
KIROV - Comrade GRIGORIEV
For Comrade VOLKOV
We received your telegram of September 9.
ORLOV
""",
    "reply-unstored.md": """---
title: "Ciphered Telegram No. 5200, Orlov to Grigoriev"
date: "September 20, 1951"
---
We have received your telegram of 17 September.
The trucks will leave KIROV on 25 September.
ORLOV
""",
    "to-number.md": """---
title: "Ciphered Telegram, Orlov to Grigoriev"
date: "September 24, 1951"
---
To No. 311/sh.
The coal has left PERM.
ORLOV
""",
    "origin.md": """---
title: "Ciphered telegram, Grigoriev to Orlov"
date: "September 27, 1951"
---
From KIROV No. 1412 20 hours 05 minutes, 27.9.1951
The trucks have arrived.
Substance Deptel 7788, Sept 21 communicated to the staff.
GRIGORIEV
""",
    "journey.md": """---
title: "Ciphered Telegram No. 5210, Grigoriev to Orlov"
date: "October 3, 1951"
---
To Comrade ORLOV
On October 1 before his departure for the conference Sidorov told me Belov intends to visit PERM.
Belov intends to take with him to PERM as an interpreter Petrenko, who was his secretary last year.
GRIGORIEV
""",
}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("ledger-cables"), LEDGER)


def test_a_clause_after_the_counted_thing_is_not_counted(ledger):
    from knowledge.qa.pipeline import number_near

    # "then I must say": the clause's opening ends the phrase, a pronoun is counted by no number
    assert number_near("As concerns tents for 40 brigades then I must say so.", ["brigade"]) == "40 brigades"
    answer = ledger.ask("did orlov agree to supply tents for 40 brigades within one month?")
    assert answer.found and answer.text.startswith("No") and "physically impossible" in answer.text, answer.text


def test_a_why_question_is_answered_by_the_purpose_not_its_premise_restated(ledger):
    from knowledge.qa.pipeline import REASON_CUES

    assert REASON_CUES.search("With this credit they would like to buy arms.")
    # the question's years are its premise's: the sentence giving the purpose need not hold them
    answer = ledger.ask("why did the staff want to use the 1952 tents already in 1951")
    assert answer.found and "field hospitals" in answer.text, answer.text


def test_did_x_ask_is_decided_by_the_sentence_making_the_request(ledger):
    from knowledge.qa.claims import REQUEST_CUES

    assert not REQUEST_CUES.search("since the need for them had disappeared")  # a noun, no request
    assert REQUEST_CUES.search("We need them at once.")
    answer = ledger.ask("did orlov ask for the names of the drivers the depot can do without?")
    assert answer.found and answer.text.startswith("Yes") and "recall them" in answer.text, answer.text


def test_a_total_asked_for_is_read_from_the_request_not_a_reply_restating_it(ledger):
    # "total coal Volkov asked": the thing is the coal, not Volkov, and the request in the
    # asker's telegram answers rather than the reply's "your request about shipping ..."
    assert query(ledger, "total coal volkov asked to ship to kirov (incl. perm)?").thing == ["coal"]
    answer = ledger.ask("total coal volkov asked to ship to kirov (incl. perm)?")
    assert answer.found and answer.text.startswith("thousand tons of coal"), answer.text
    assert "5150" in answer.text, answer.text


def test_a_sending_the_text_tells_of_is_dated_by_the_text_not_the_stamps(ledger):
    from knowledge.qa import pipeline

    c = next(c for c in map(ledger.store.get, ledger.store.ids()) if "5170" in c.title)
    # Orlov's directive is not Volkov's cable: the question asks about a sending in the text
    assert pipeline._other_transmission(query(ledger, "when was orlov's directive sent (5170)"), c)
    assert not pipeline._other_transmission(query(ledger, "when was volkov's telegram sent (5170)"), c)
    answer = ledger.ask("when was orlov's directive sent (5170)")
    assert answer.found and answer.text.startswith("1 September, according to"), answer.text
    answer = ledger.ask("when was volkov's telegram sent (5170)")
    assert answer.found and "3 September 1951" in answer.text, answer.text


def test_an_items_question_is_not_answered_by_a_summary_a_list_opening_or_a_bare_telegram(ledger):
    from knowledge.qa.pipeline import ITEM_CUES, LIST_INTRO

    assert ITEM_CUES.search("we urgently need to acquire boats") and not ITEM_CUES.search("A telegram from Volkov.")
    assert LIST_INTRO.search("containing requests on the following questions:")
    for text in ("what did volkov ask grigoriev for in 5180", "what boats did grigoriev urgently need in sept 1951"):
        answer = ledger.ask(text)
        assert not answer.found, answer.text


def test_a_cable_sent_to_one_person_for_another_went_via_its_recipient(ledger):
    answer = ledger.ask("through whom did orlov send 5190 to volkov")
    assert answer.found and "went via Grigoriev" in answer.text, answer.text
    assert "KIROV - Comrade GRIGORIEV For Comrade VOLKOV" in answer.text, answer.text


def test_a_reply_names_the_telegram_it_answers_in_its_own_words(ledger):
    from knowledge.qa.replies import YOUR_TELEGRAM

    assert YOUR_TELEGRAM.search("We received your telegram of June 21.")
    assert YOUR_TELEGRAM.search("Your cable No. 85 arrived.")
    assert not YOUR_TELEGRAM.search("Your telegram was received.")  # names no telegram
    answer = ledger.ask("which volkov telegram is 5190 answering")
    assert answer.found and "your telegram of September 9" in answer.text, answer.text


def test_whose_telegram_a_cable_passes_on(ledger):
    # "A telegram from Comrade VOLKOV." holds none of the question's words but names whose it is
    answer = ledger.ask("whose telegram did grigoriev forward in 5180")
    assert answer.found and "from Volkov" in answer.text, answer.text


def test_a_reply_pinned_by_its_date_names_the_telegram_it_answers(ledger):
    # no number given: the one cable of the question's date is the reply asked about
    # and the telegram it answers is not stored here
    answer = ledger.ask("which telegram of grigoriev does orlov's sept 20 1951 telegram answer")
    assert answer.found and "your telegram of 17 September" in answer.text, answer.text


def test_a_to_number_line_names_the_telegram_answered(ledger):
    from knowledge.qa.replies import REPLY_TO_LINE

    assert REPLY_TO_LINE.match("To No. 483/sh.").group(1) == "483/sh"
    assert not REPLY_TO_LINE.match("To No. 12 we add the following.")
    answer = ledger.ask("orlovs 24 sept 1951 telegram is in reply to what number")
    assert answer.found and "answers No. 311/sh" in answer.text, answer.text


def test_the_origin_line_gives_a_pinned_cables_own_number(ledger):
    from knowledge.qa.pipeline import FROM_NUMBER_LINE

    assert FROM_NUMBER_LINE.match("From BEIJING No. 1309 20 hours 05").group(1) == "1309"
    assert not FROM_NUMBER_LINE.match("From Beijing Received 19 hours 50 minutes")
    answer = ledger.ask("grigorievs outgoing telegram number 27 sept 1951")
    assert answer.found and "No. 1412" in answer.text, answer.text


def test_the_date_of_a_telegram_only_cited_is_read_from_the_citing_sentence(ledger):
    # no cable 7788 is stored; the question has no word but the number to match
    answer = ledger.ask("date of deptel 7788")
    assert answer.found and answer.text.startswith("Sept 21, according to"), answer.text


def test_a_question_s_everyday_verb_finds_the_cable_s_own(ledger):
    # "bring along" is written "take with him", "plans" as "intends": one word of the question
    # alone is no evidence, the alias file's general synonyms make it two
    answer = ledger.ask("who did belov want to bring along as interpreter")
    assert answer.found and "Petrenko" in answer.text, answer.text
    answer = ledger.ask("who told grigoriev about belov's plans")
    assert answer.found and "Sidorov told me" in answer.text, answer.text


def test_a_person_the_cable_names_elsewhere_may_be_he_in_the_answering_sentence(talks):
    # Belov's cable names Grigoriev, then reports "He asks for ...": the sentence needs no name
    answer = talks.ask("how many interpreters did grigoriev ask for on 5 may 1951")
    assert answer.found and "two interpreters" in answer.text, answer.text


def test_a_thing_followed_by_its_amount_of_money_or_measure_is_counted():
    from knowledge.qa.pipeline import number_near

    assert number_near("The bank granted the loan at 2 billion won to the ministry.", ["loan"]) == "loan at 2 billion won"
    assert number_near("We signed a credit amounting to 300 million roubles.", ["credit"]) == "credit amounting to 300 million roubles"
    # a number of places is no amount of the troops
    assert number_near("The enemy massed troops at 3 places on the river.", ["troop"]) is None


VIEWS = {
    "view.md": """---
title: "Telegram from Orlov to Belov"
date: "June 3, 1951"
---
To Comrade BELOV
We consider your plan for the depot at Kirov to be completely correct.
Request that any statement by Volkov omit the coal figure so as not to prejudice the budget.
ORLOV
""",
    "belov.md": """---
title: "Telegram from Belov to Orlov"
date: "June 1, 1951"
---
To Comrade ORLOV
Grigoriev proposes that the talks be held on a ship.
As concerns the place, Grigoriev suggests the port of Perm.
Considering that Perm is a fortified river base and the enemy intends to land there, it seems to me disadvantageous to agree to talks there.
BELOV
""",
}


VIEWS["deptel.md"] = """---
title: "The Secretary of State to the Embassy in Kirov"
date: "July 9, 1951"
---
Dept agrees with gen proposals contained Embtel 412.
Inform General Orlov there is no objection to release by him of suitable portions of our 377.
He has not yet seen Deptel 377.
Acheson
"""


VIEWS["kazan.md"] = """---
title: "Telegram from Sidorov to Orlov"
date: "August 2, 1951"
---
Grigoriev stated that Chou En-lai had evidently been overruled by the Politburo.
SIDOROV
"""


VIEWS["winter.md"] = """---
title: "Telegram from Sidorov to Grigoriev"
date: "October 4, 1951"
---
Belov was much concerned about the winter at the front.
He foresaw grave shortages of coal at the depot.
SIDOROV
"""


@pytest.fixture(scope="module")
def views(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("view-cables"), VIEWS)


def test_whose_view_is_asked_is_the_speaker_not_the_owner_of_the_thing(views):
    # "what did Orlov think of Belov's plan": Orlov speaks; "Belov's" owns the plan
    answer = views.ask("what did orlov think of belov's plan for the depot")
    assert answer.found and "completely correct" in answer.text, answer.text


def test_a_purpose_put_negatively_is_a_reason(views):
    # "so as not to" gives a reason; "leave out" is written "omit"
    answer = views.ask("why should volkov leave out the figure")
    assert answer.found and "so as not to prejudice" in answer.text, answer.text


def test_a_reason_against_meeting_somewhere_is_read_from_the_talks_sentence(views):
    answer = views.ask("why didnt belov want to meet in perm")
    assert answer.found and "fortified river base" in answer.text, answer.text


def test_a_title_or_a_kind_of_cable_is_no_name_the_sentence_must_hold(views):
    # "General Orlov" capitalises a title, "Deptel" a kind of cable: neither is a name
    answer = views.ask("dept agrees with the general proposals of which embtel")
    assert answer.found and "Embtel 412" in answer.text, answer.text
    answer = views.ask("portions of which deptel may orlov release")
    assert answer.found and "our 377" in answer.text, answer.text


def test_a_person_the_question_names_may_be_written_under_another_name(views):
    # the alias file writes Zhou Enlai also as "Chou En-lai"
    answer = views.ask("who overruled zhou enlai according to grigoriev")
    assert answer.found and "by the Politburo" in answer.text, answer.text


def test_a_numbered_paragraph_of_prose_is_no_list_item():
    from knowledge.qa.pipeline import _paragraph

    assert not _paragraph("Soviet rifles 140,000. Rifle cartridges 58,000,000.")  # a list of lots
    assert not _paragraph("Tents 700.")
    assert _paragraph("Belov passed us the papers you sent about the depot at Perm. At the same time we learned that the column had left.")


def test_a_past_form_no_stem_undoes_is_the_question_s_verb(views):
    from knowledge.qa.passages import holds

    assert holds("foresee", "He foresaw grave shortages.") and holds("meet", "They met at noon.")
    answer = views.ask("what shortages did belov foresee")
    assert answer.found and "grave shortages of coal" in answer.text, answer.text


def test_a_noun_meets_the_verb_it_is_made_from():
    from knowledge.qa.passages import holds, root

    assert root("agreement") == root("agrees") == "agre"
    assert holds("agreement", "Comrade Orlov also agrees with your plan.")
    assert holds("approval", "The Politburo approves the plan.")
    assert holds("apply", "To fulfil this application in one year is impossible.")  # -ication: -y
    assert not holds("agreement", "Comrade Orlov also argues with your plan.")


def test_a_hyphened_pair_of_names_is_held_when_both_names_are():
    from knowledge.qa.passages import holds

    assert holds("orlov-belov", "an account of the Orlov–Belov conversation")
    assert not holds("orlov-belov", "an account of the Orlov conversation")


def test_a_question_s_words_meet_the_telegraphese_that_shortens_them():
    from knowledge.qa.passages import holds

    assert holds("circular", "Contents Depcirtel 412, May 3, discussed with Foreign Minister.")
    assert holds("indian", "read substance tel from Ind Chargé Kaul") and holds("delegation", "UNC del made statement")
    assert not holds("ministry", "They left in mid October.")  # "mid" (MID, the ministry) is also an English word


SIGNED = {
    "signed.md": """---
title: "The Secretary of State to the Embassy in Kirov"
date: "July 12, 1951"
---

711.00/7–1251: Telegram

The Secretary of State to the Embassy in Kirov

confidential

61. Reference your 522.

Inform Orlov that the truce does not settle the future of the depot at Perm.

Acheson
""",
}


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("signed-cables"), SIGNED)


def test_the_signature_names_who_speaks_in_a_cable_sent_by_an_office(signed):
    # "The Secretary of State to ..." signed "Acheson": Acheson speaks in it
    assert signed.store.get(signed.store.ids()[0]).signature == "Acheson"
    answer = signed.ask("what did acheson say the truce does not settle")
    assert answer.found and "future of the depot" in answer.text, answer.text


DELIVERIES = {
    "plan.md": """---
title: "Telegram from Orlov to Belov"
date: "December 20, 1952"
---
To Comrade BELOV
We can deliver to you in the course of 1953 around 300 tractors for the depot.
With great difficulty we can deliver to you in 1953, besides those already earmarked, 40 tractors for the depot.
ORLOV
""",
    "snow.md": """---
title: "Telegram from Belov to Orlov"
date: "March 2, 1953"
---
To Comrade ORLOV
The roads to the depot are closed by snow.
BELOV
""",
    "comrades.md": """---
title: "Telegram from Orlov to Sidorov"
date: "February 3, 1951"
---
To Comrade SIDOROV
I asked you to send me the opinion of the depot comrades.
ORLOV
""",
}


@pytest.fixture(scope="module")
def deliveries(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("delivery-cables"), DELIVERIES)


def test_a_year_the_question_names_may_be_an_event_s_in_a_cable_of_another_year(deliveries):
    # the 1953 cable holds nothing of tractors; the December 1952 one tells of 1953
    answer = deliveries.ask("how many tractors could orlov deliver in 1953")
    assert answer.found and "300 tractors" in answer.text, answer.text
    # a cable that names neither the month nor the year asked about tells nothing of them
    answer = deliveries.ask("what did orlov say about the depot comrades in may 1952")
    assert not answer.found or "February 1951" not in answer.text, answer.text


FLIGHTS = {
    "flight.md": """---
title: "Telegram from Grigoriev to Sidorov"
date: "October 14, 1949"
---
To Comrade SIDOROV
Pass to ORLOV the following reply to his telegram about sending one regiment to PERM by aircraft.
We consider your decision about sending one regiment from KAZAN to PERM by air transport to be correct.
In case it is not possible to send a plane, Belov can travel by naval transport from Tiksi to Archangel.
GRIGORIEV
""",
    "orlov.md": """---
title: "Telegram from Orlov to Grigoriev"
date: "October 12, 1949"
---
To Comrade GRIGORIEV
We ask for fuel.
ORLOV
""",
}


@pytest.fixture(scope="module")
def flights(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("flight-cables"), FLIGHTS)


def test_a_place_question_is_answered_by_a_place_not_a_person(flights):
    # "which city" asks for a city, the sentence need not say "city"; "flown" is written "by
    # air"; ORLOV, a person, is no place the sentence names beyond the question's
    answer = flights.ask("from which city was the regiment supposed to be flown to perm")
    assert answer.found and "from KAZAN to PERM" in answer.text, answer.text
    answer = flights.ask("if no plane, belov goes by sea from where to where?")
    assert answer.found and "from Tiksi to Archangel" in answer.text, answer.text


WEEKDAY_CABLES = {
    "weekday.md": """---
title: "The Ambassador in Kirov (Orlov) to the Department of State"
date: "July 14, 1952"
---

Telegram

The Ambassador in Kirov (Orlov) to the Department of State

secret

170. Grigoriev said this bears out msg received from Kazan Saturday which reported the column had turned back.

Belov will arrive Thursday with the full report.

Orlov
""",
}


@pytest.fixture(scope="module")
def weekdays(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("weekday-cables"), WEEKDAY_CABLES)


def test_a_weekday_a_cable_names_is_dated_from_the_cable_s_own_date(weekdays):
    # 14 July 1952 was a Monday: the Saturday before it was 12 July, the Thursday after 17 July
    answer = weekdays.ask("date of the saturday message from kazan")
    assert answer.found and answer.text.startswith("Saturday, July 12, 1952"), answer.text
    assert "msg received from Kazan Saturday" in answer.text, answer.text
    answer = weekdays.ask("on what date will belov arrive on thursday with the report")
    assert answer.found and answer.text.startswith("Thursday, July 17, 1952"), answer.text


ORDERS = {
    "carried.md": """---
title: "Telegram from Belov to Orlov"
date: "August 31, 1950"
---
To Comrade ORLOV
In accordance with your order of 29.8.50 I visited GRIGORIEV and communicated to him the contents of the telegram.
BELOV
""",
    "directive.md": """---
title: "Telegram from Volkov to Petrov"
date: "November 21, 1951"
---
To Comrade PETROV

On 20 November the following directive from Comrade ORLOV was sent to Kirov:

“Explain to Grigoriev that there is a difference between Molotov's demand about the immediate withdrawal of troops and our position.”

VOLKOV
""",
}


ORDERS["proposal.md"] = """---
title: "Telegram from Orlov to Belov"
date: "February 3, 1951"
---
To Comrade BELOV
You did not understand my telegram of January 30 about the depot.
This telegram is not a directive, but my proposal for discussion with the staff.
ORLOV
"""


@pytest.fixture(scope="module")
def orders(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("order-cables"), ORDERS)


def test_late_or_early_before_a_month_is_part_of_the_date(orders):
    assert "late" not in query(orders, "date of orlov's order that belov carried out in late aug 1950").focus
    assert "late" in query(orders, "why was the train late").focus


def test_carried_out_an_order_is_written_in_accordance_with_it(orders):
    answer = orders.ask("date of orlov's order that belov carried out in late aug 1950")
    assert answer.found and answer.text.startswith("29.8.50"), answer.text


def test_a_paragraph_ending_in_a_colon_lends_its_words_to_the_next(orders):
    # "the following directive from Comrade ORLOV was sent:" introduces the quoted directive
    answer = orders.ask("what did molotov demand according to orlov's directive")
    assert answer.found and "immediate withdrawal of troops" in answer.text, answer.text


def test_a_claim_judged_wrong_is_refuted_by_the_cable_calling_it_correct(flights):
    # "airlift" is written "by air transport"; "wrong" is judged by "correct"
    answer = flights.ask("did grigoriev say the plan to airlift a regiment to perm was wrong?")
    assert answer.found and answer.text.startswith("No"), answer.text
    assert "to be correct" in answer.text, answer.text
    answer = flights.ask("did grigoriev say the plan to airlift a regiment to perm was correct?")
    assert answer.found and answer.text.startswith("Yes"), answer.text


def test_a_date_naming_the_telegram_a_claim_is_about_need_not_be_in_the_deciding_sentence(orders):
    from knowledge.qa.claims import _names_a_message

    assert _names_a_message("was orlov's 30 january telegram a directive?", "30 january")
    assert _names_a_message("was the cable of 30 january a directive?", "30 january")
    assert not _names_a_message("did orlov arrive on 30 january?", "30 january")
    answer = orders.ask("was orlov's 30 january telegram a directive?")
    assert answer.found and answer.text.startswith("No"), answer.text
    assert "not a directive, but my proposal" in answer.text, answer.text


def test_extra_things_are_written_besides_those_already_earmarked(deliveries):
    answer = deliveries.ask("how many tractors extra could orlov deliver in 1953")
    assert answer.found and answer.text.startswith("40 tractors"), answer.text


# -- the last check: answers that answer something else become "not in the cables" ------------
SUPPLY = {
    "supply.md": """---
title: "Ciphered Telegram No. 77310 from Volkov to Orlov"
date: "May 5, 1951"
---
CIPHERED TELEGRAM No. 77310
To Comrade ORLOV
We ask you to send us 6 patrol cutters, river mines and 40 searchlights.
Please send Comrade Zorin by plane to discuss the request for the above mentioned equipment.
We also ask for one more anti-aircraft regiment to cover the bridges at Tikhvin.
For the 12 divisions we will deliver 300 mortars of various types.
Regarding your request about shipping 900 tons of coal to Tikhvin and 150 tons of it to Luga we report that we can deliver the coal by rail, with arrival on 3-5 June.
Besides that we can deliver in 1952 some 40,000 pieces of shells, 75 pieces of field artillery of various types and other goods.
Orlov asked about forming two additional brigades, so that the total number of the corps will be brought to nine brigades.
Comrade Zorin asked Lebedev to call today and read him the note from the Ruritanian chargé about the statement on the interned sailors.
Zorin suggested we confine the statement to the words "several friendly governments had been asked to intercede."
VOLKOV
""",
    "mission.md": """---
title: "The Secretary of State to the Embassy in Ruritania"
date: "June 1, 1950"
---
301. Our Govt has decided to set up an enlarged Ruritanian Naval Advisory Group to function as part of the Am Mission in Korea, with responsibility for training formerly held by the Provisional Naval Advisory Group, and in order to keep the whole effort under one roof and without any further loss of the time that the earlier arrangements had cost all of those concerned, under my general direction as Amb, the Ruritanian Naval Advisory Group will be headed by Capt J. K. Holm, now commanding the naval school.
""",
}


SUPPLY["jcs.md"] = """---
title: "The Joint Chiefs of Staff to the Commander in Chief, Far East (Clark)"
date: "March 3, 1952"
---

795.00/3–352: Telegram

The Joint Chiefs of Staff to the Commander in Chief, Far East (Clark)

top secret

JCS 904411. From JCS. Reur CX 51234.

The plan in your para 2 is approved, in view of State Dept tel [Gadel] 393.
"""
SUPPLY["thanks.md"] = """---
title: "Ciphered Telegram from Volkov to Orlov"
date: "May 9, 1951"
---
CIPHERED TELEGRAM No. 6310
To Comrade ORLOV
I received your telegram No. 6120. Thank you for the greetings.
VOLKOV
"""


SUPPLY["order.md"] = """---
title: "Ciphered telegram, Kuzmin to the Foreign Ministry"
date: "January 13, 1951"
---
From HARBIN No. 1410 20 hours 05 minutes, 13.1.1951
Your order No. 57 has been fulfilled.
In response to your communication No. 362 the delegation will leave on 20 January.
KUZMIN
"""


SUPPLY["hale.md"] = """---
title: "The Minister in Ruritania (Hale) to the Secretary of State"
date: "June 3, 1950"
source: "Foreign Relations of the United States, 1950, Document 12; file 795.00/6–350"
---

795.00/6–350: Telegram

The Minister in Ruritania (Hale) to the Secretary of State

secret

74. The Foreign Minister this morning stated he hoped we understood that his Govt had no intention of leaving the talks.

Hale
  1. The Department of State made the following reply in telegram 51, June 4
"""


SUPPLY["letters.md"] = """---
title: "Telegram, Sokolov to Orlov, transmitting a letter from Petrov"
date: "September 28, 1950"
---
To Comrade ORLOV
Petrov asks in his letter:
1) concerning the training of 90 Ruritanian radio operators in the Soviet Union;
2) concerning the sending of advisers.
SOKOLOV
"""
SUPPLY["petrov.md"] = """---
title: "Telegram from Petrov to Orlov"
date: "September 20, 1950"
---
To Comrade ORLOV
To permit the training of 100-150 radio operators from among Ruritanian students studying in the Soviet Union.
PETROV
"""
SUPPLY["trainees.md"] = """---
title: "Telegram from Lebedev to Orlov"
date: "October 9, 1950"
---
To Comrade ORLOV
To permit the training of 700 drivers, 300 signallers, and 200 medical orderlies from among Ruritanian students.
LEBEDEV
"""
SUPPLY["greeting.md"] = """---
title: "Ciphered telegram, Orlov to Volkov"
date: "December 1, 1950"
---
To Comrade VOLKOV
I received your telegram No. 4410.
My congratulations to you and your comrades on the opening of the new railway bridge.
I wish you further successes in the building of the line.
Devotedly yours,
Orlov at the instruction of the Council
ORLOV
1 December 1950
"""
SUPPLY["trucks.md"] = """---
title: "Ciphered Telegram No. 30001 from Lin to Orlov"
date: "November 16, 1950"
---
CIPHERED TELEGRAM No. 30001
To Comrade ORLOV
We urgently request the delivery of 300 trucks to the Luga station.
LIN
"""
SUPPLY["trucks-reply.md"] = """---
title: "Ciphered telegram, Orlov to Lin"
date: "November 17, 1950"
description: "Orlov's affirmative response to Lin's request."
---
CIPHERED TELEGRAM
To Comrade LIN
I received your telegram No. 30001 with the request for urgent delivery of 300 trucks.
Your request will be satisfied.
ORLOV
"""
SUPPLY["escort.md"] = """---
title: "The Joint Chiefs of Staff to the Commander in Chief Far East (Clark)"
date: "February 27, 1953"
---

795.00/2–2753: Telegram

The Joint Chiefs of Staff to the Commander in Chief Far East (Clark)

top secret

JCS 904999. To reinforce ur posit State is asking Amb Holm be prepared accompany you.
A press officer in Washington will brief newsmen at the time of the release.
"""


@pytest.fixture(scope="module")
def supply(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("supply-cables"), SUPPLY)


def gated(lib, question: str, text: str, quote: str, number: str):
    """gate.check on a literal answer quoting one of our cables."""
    from knowledge.answers import Answer, Citation
    from knowledge.qa import gate

    answer = Answer(question, text, True, (Citation(lib.cable(number).id, "t", "d", "", quote),), (), text)
    return gate.check(lib, query(lib, question), answer)


def test_a_model_designation_the_quote_lacks_is_no_answer(supply):
    answer = supply.ask("how many MIG-15 jets did volkov ask for in 77310")
    assert not answer.found, answer.text
    got = gated(
        supply, "how many MIG-15 jets did volkov ask for", "40 MIG-15s, according to ...",
        "We ask you to send us 40 MIG-15 jets.", "77310",
    )  # fmt: skip
    assert got.found


def test_an_anti_aircraft_regiment_is_no_aircraft(supply):
    got = gated(
        supply, "how many aircraft did volkov ask for", "one anti-aircraft regiment, according to ...",
        "We also ask for one more anti-aircraft regiment to cover the bridges at Tikhvin.", "77310",
    )  # fmt: skip
    assert not got.found


def test_a_count_the_question_gives_is_no_answer(supply):
    got = gated(
        supply, "how many mortars beyond the 12 divisions could volkov deliver",
        "12 divisions, according to ...",
        "For the 12 divisions we will deliver 300 mortars of various types.", "77310",
    )  # fmt: skip
    assert not got.found
    answer = supply.ask("how many mortars beyond the 12 divisions could volkov deliver")
    assert not answer.found or "300" in answer.text, answer.text


def test_a_passage_ending_on_the_aforementioned_questions_still_answers(supply):
    got = gated(
        supply, "what did volkov tell orlov to advise zorin", "Volkov's cable says: [...]",
        "We consider it necessary that you advise Zorin to set aside the question until the "
        "elucidation of the aforementioned questions.", "77310",
    )  # fmt: skip
    assert got.found


def test_a_sentence_pointing_back_to_a_list_does_not_answer_for_it(supply):
    answer = supply.ask("what naval equipment did volkov want")
    assert not answer.found or "patrol cutters" in answer.text, answer.text
    got = gated(
        supply, "what naval equipment did volkov want", "Volkov's cable says: [...]",
        "Please send Comrade Zorin by plane to discuss the request for the above mentioned equipment.",
        "77310",
    )  # fmt: skip
    assert not got.found


def test_a_place_the_question_names_must_be_in_the_quoted_sentence(supply):
    # Luga and Tikhvin are in the cable; the quote names only Tikhvin's coal for "to luga"
    got = gated(
        supply, "how many tons of coal did volkov ship to novgorod", "900 tons of coal, according to ...",
        "Regarding your request about shipping 900 tons of coal to Tikhvin", "77310",
    )  # fmt: skip
    assert got.found  # Novgorod is printed nowhere in the cable: not this rule's business
    got = gated(
        supply, "how many tons of coal did volkov ship to luga", "900 tons of coal, according to ...",
        "Regarding your request about shipping 900 tons of coal to Tikhvin", "77310",
    )  # fmt: skip
    assert not got.found
    kept = gated(
        supply, "how many tons of coal did volkov ship to tikhvin", "900 tons of coal, according to ...",
        "Regarding your request about shipping 900 tons of coal to Tikhvin", "77310",
    )  # fmt: skip
    assert kept.found


def test_a_body_is_no_person_and_a_long_sentence_keeps_the_name_at_its_end(supply):
    got = gated(
        supply, "who was to head the naval advisory group", "The cable says: [...]",
        "Our Govt has decided to set up an enlarged Ruritanian Naval Advisory Group to function "
        "as part of the Am Mission in Korea", "Secretary of State to the Embassy in Ruritania",
    )  # fmt: skip
    assert not got.found
    answer = supply.ask("who was going to head the ruritanian naval advisory group")
    assert not answer.found or "Holm" in answer.text, answer.text


def test_an_identifier_typed_in_lower_case_or_after_a_possessive(supply):
    got = query(supply, "when was jcs 904411 sent")
    assert [(r.prefix, r.number) for r in got.references] == [("JCS", "904411")]
    assert query(supply, "how many mortars did volkov's 300 men need").references == []
    got = query(supply, "volkov's 6310 thanks orlov for which telegram")
    assert [r.number for r in got.references] == ["6310"] and got.target == "reply"
    answer = supply.ask("volkov's 6310 thanks orlov for which telegram")
    assert answer.found and "6120" in answer.text, answer.text
    answer = supply.ask("jcs 904411 replies to which cx msg")
    assert answer.found and "CX 51234" in answer.text, answer.text


def test_thanking_for_a_telegram_asks_which_one_it_answers(supply):
    got = query(supply, "which telegram no. of orlov is volkov thanking him for on 9 may 1951")
    assert got.target == "reply"
    answer = supply.ask("which telegram no. of orlov is volkov thanking him for on 9 may 1951")
    assert answer.found and "6120" in answer.text, answer.text


def test_the_number_asked_of_a_telegram_cited_is_not_the_citing_ones(supply):
    answer = supply.ask("what's the number of the state dept tel in jcs 904411")
    assert not answer.found or "904411" not in answer.text.split("[")[0], answer.text
    got = gated(
        supply, "what's the number of the state dept tel in jcs 904411",
        "The cable from the Joint Chiefs of Staff to Clark is telegram No. JCS 904411.",
        "JCS 904411. From JCS.", "JCS 904411",
    )  # fmt: skip
    assert not got.found


# -- claims: the number, the contrast and the year a claim gives decide it ---------------------
CLAIMED = {
    "advice.md": """---
title: "Ciphered Telegram from Belov to Orlov"
date: "February 7, 1950"
---
CIPHERED TELEGRAM
To Comrade ORLOV
Petrov asked my advice about forming four additional rifle brigades, so that the army will have twelve brigades.
Petrov asks that the signallers be trained at Kazan: 150 Ruritanian signallers in all.
In order to speed up the delivery, orders have been given not to hand over old trucks from the depot at Tula, but to send new trucks to the Luga station.
Petrov agreed that the guarantees shld come from the Council rather than the Assembly.
Petrov asked whether the treaty of 1883 was still in force.
Although this will make it harder to return to Tula, if the Council insists on Tula you will not make this issue a final breaking point without further reference to Moscow.
Your observations regarding the probability of a flood at Tula in the spring reflect the plans of the present river board.
BELOV
""",
    "goods.md": """---
title: "Telegram from Belov to Petrov"
date: "December 27, 1952"
---
To Comrade PETROV
Besides the brigades we can deliver approximately one-fourth of what you asked for, specifically: 600,000 pieces of ammunition, 330 pieces of artillery of various types and other goods.
BELOV
""",
}


@pytest.fixture(scope="module")
def claimed(tmp_path_factory):
    yield from library_of(tmp_path_factory.mktemp("claimed-cables"), CLAIMED)


def test_a_statement_ending_in_right_is_a_claim(claimed):
    assert query(claimed, "petrov asked for 3 rifle brigades in feb 1950 right").target == "claim"
    assert query(claimed, "petrov took the news calmly, as expected?").target == "claim"


def test_the_thing_a_claimed_number_counts_is_not_the_word_right(claimed):
    from knowledge.qa.claims import _claimed

    assert _claimed(query(claimed, "so belov's tel is about training 200 ruritanian signallers right")) == (200.0, ["signaller"])
    assert _claimed(query(claimed, "so petrov asked about forming 5 more rifle brigades, right")) == (5.0, ["brigade"])
    answer = claimed.ask("so belov's tel is about training 200 ruritanian signallers right")
    assert answer.found and answer.text.startswith("No: 150"), answer.text


def test_a_request_reported_by_another_decides_a_claim_about_it(claimed):
    # Petrov sent no cable: Belov's report of his request decides
    answer = claimed.ask("so petrov asked belov about forming 5 more rifle brigades, right")
    assert answer.found and answer.text.startswith("No: four additional rifle brigades"), answer.text


def test_not_this_but_that_and_this_rather_than_that_refute_the_other_way(claimed):
    from knowledge.qa.claims import contrasted

    sentence = CLAIMED["advice.md"].splitlines()[8]
    assert contrasted("were old trucks handed over from tula?", sentence, frozenset({"old", "truck", "tula"}))
    assert contrasted("were new trucks sent to luga?", sentence, frozenset({"new", "truck", "luga"})) is False
    rather = "Petrov agreed that the guarantees shld come from the Council rather than the Assembly."
    assert contrasted("guarantees from the assembly rather than the council, right", rather, frozenset())
    assert contrasted("guarantees from the council rather than the assembly, right", rather, frozenset()) is False
    answer = claimed.ask("belov said old trucks would be handed over from tula, right")
    assert answer.found and answer.text.startswith("No"), answer.text
    answer = claimed.ask("petrov said the guarantees shld come from the assembly rather than the council, correct")
    assert not answer.found or answer.text.startswith("No"), answer.text


def test_a_yes_needs_the_year_the_claim_gives(claimed):
    answer = claimed.ask("petrov asked if the treaty of 1892 was still in force, right")
    assert not answer.found or answer.text.startswith("No"), answer.text
    answer = claimed.ask("petrov asked if the treaty of 1883 was still in force, right")
    assert answer.found and answer.text.startswith("Yes"), answer.text


def test_a_negation_opening_the_clause_that_holds_the_claim_refutes_it(claimed):
    from knowledge.qa.claims import negated_after

    sentence = "if they insist on Tula you will not make this issue a final breaking point"
    assert negated_after(sentence, frozenset({"final", "breaking", "point", "tula"})) == 0.75
    assert negated_after("we will make Tula a final breaking point", frozenset({"final", "tula"})) == 0
    answer = claimed.ask("was tula to be made a final breaking point?")
    assert answer.found and answer.text.startswith("No"), answer.text


def test_a_count_given_for_another_place_or_thing_gives_way_to_the_one_asked(supply):
    answer = supply.ask("how many tons of the coal were meant for luga")
    assert answer.found and answer.text.startswith("150 tons"), answer.text
    got = gated(
        supply, "how many pieces of artillery could volkov deliver in 1952",
        "40,000 pieces, according to ...",
        "Besides that we can deliver in 1952 some 40,000 pieces of shells, 75 pieces of field "
        "artillery of various types and other goods.", "77310",
    )  # fmt: skip
    assert got.found and got.text.startswith("75 pieces of field artillery"), got.text


def test_a_total_is_not_answered_by_an_addition_or_a_list_item(supply):
    got = gated(
        supply, "orlov wanted the corps brought to how many brigades in total?",
        "two additional brigades, according to ...",
        "Orlov asked about forming two additional brigades, so that the total number of the "
        "corps will be brought to nine brigades.", "77310",
    )  # fmt: skip
    assert got.found and got.text.startswith("nine brigades"), got.text
    got = gated(
        supply, "how many searchlights in total did volkov ask for", "(1) 40 searchlights, according to ...",
        "We ask you to send us 6 patrol cutters, river mines and 40 searchlights.", "77310",
    )  # fmt: skip
    assert not got.found


def test_what_someone_suggested_is_told_by_a_sentence_of_the_suggestion(supply):
    from knowledge.qa.gate import deed_asked

    assert deed_asked("what wording did zorin suggest for the statement").search("he proposed")
    assert deed_asked("what did stalin call arming 60 divisions") is None
    answer = supply.ask("what wording did zorin suggest for the statement about the sailors")
    assert answer.found and "several friendly governments" in answer.text, answer.text
    got = gated(
        supply, "what wording did zorin suggest for the statement", "Volkov's cable says: [...]",
        "Comrade Zorin asked Lebedev to call today and read him the note from the Ruritanian "
        "chargé about the statement on the interned sailors.", "77310",
    )  # fmt: skip
    assert not got.found


def test_the_number_of_an_order_the_text_names_answers_which_order(supply):
    answer = supply.ask("what order no. had been fulfilled acc. to kuzmin on 13 jan 1951")
    assert answer.found and "order No. 57" in answer.text, answer.text
    # "moscow" names where the order came from, not where something happened
    answer = supply.ask("which moscow order did kuzmin report as fulfilled")
    assert answer.found and "order No. 57" in answer.text, answer.text
    answer = supply.ask("kuzmin's tel of 13 jan 1951 responds to which communication number")
    assert answer.found and "362" in answer.text, answer.text


def test_the_senders_number_on_a_telegram_is_the_one_closing_it(own):
    answer = own.ask("petrov number on the march 2 telegram")
    fact = answer.text.split("[")[0]
    assert answer.found and "88/sh" in fact and "telegram No. 41250" not in fact, answer.text


def test_a_number_is_quoted_from_the_line_holding_it_whole():
    from types import SimpleNamespace

    from knowledge.qa.fields import _line_with

    cable = SimpleNamespace(printed="CIPHERED TELEGRAM No. 26239\nText.\nNo. 2623")
    assert _line_with(cable, "2623") == "No. 2623"
    assert _line_with(cable, "26239") == "CIPHERED TELEGRAM No. 26239"


@pytest.mark.parametrize(
    "text",
    [
        "what dept telegram replied to hale's 74",
        "which deptel answered hale's 74",
        "what telegram was the dept's reply to hale's 74",
    ],
)
def test_which_telegram_replied_is_read_from_the_editors_note_of_the_reply(supply, text):
    assert query(supply, text).target == "replied"
    answer = supply.ask(text)
    assert answer.found and "telegram 51" in answer.text, answer.text


def test_a_party_the_question_names_counts_for_each_sentence_of_their_cable(supply):
    # "acc. to sokolov": Sokolov's own cable reports the request; its sentence need not name him
    answer = supply.ask("how many radio operators did petrov want trained in the soviet union acc. to sokolov")
    assert answer.found and answer.text.startswith("90 Ruritanian radio operators"), answer.text


def test_a_role_asked_for_must_be_in_the_quote(supply):
    answer = supply.ask("which ambassador was to be ready to go with clark")
    assert answer.found and "Amb Holm" in answer.text, answer.text
    got = gated(
        supply, "who was the ruritanian ambassador in washington", "The cable says: [...]",
        "A press officer in Washington will brief newsmen at the time of the release.", "JCS 904999",
    )  # fmt: skip
    assert not got.found


def test_who_was_someone_going_to_take_asks_the_text_not_the_heading(own):
    assert query(own, "who was petrov going to take to moscow as interpreter").target != "recipient"
    assert query(own, "who was orlov's telegram sent to").target == "recipient"


def test_a_total_of_two_things_adds_their_counts_from_one_sentence(supply):
    assert query(supply, "how many lorries in all did volkov send").target == "total"
    answer = supply.ask("how many signallers and medical orderlies altogether did lebedev want trained")
    assert answer.found and answer.text.startswith("500 in all (300 signallers + 200 medical orderlies)"), answer.text


def test_how_a_cable_ends_is_its_last_sentence_before_the_close_and_signature(supply):
    answer = supply.ask("how does orlov's congratulation tel to volkov end")
    assert answer.found and "I wish you further successes in the building" in answer.text, answer.text
    answer = supply.ask("the /sh number at the end of orlov's telegram to volkov")
    assert "ends:" not in answer.text, answer.text


def test_not_this_but_that_answers_what_it_was_instead(orders):
    answer = orders.ask("if his 30 january tel was not a directive, what did orlov say it was")
    assert answer.found and "my proposal" in answer.text, answer.text


def test_a_speaker_of_three_words_is_one_name(own):
    assert query(own, "what did kim il sung say about petrov's letter").speaker == "kim il sung"
    assert query(own, "what did the chinese FM say about the embargo").speaker == ""


def test_a_reply_is_quoted_by_the_sentence_answering_after_its_acknowledgement(supply):
    answer = supply.ask("what did orlov reply to lin's urgent request for 300 trucks")
    assert answer.found and "will be satisfied" in answer.text, answer.text


def test_an_answer_from_a_cable_naming_none_of_the_people_asked_about_is_none(supply):
    quote = "Zorin suggested we confine the statement to the words"
    got = gated(supply, "what did hale suggest about the statement", "Volkov's cable says: [...]", quote, "77310")
    assert not got.found
    got = gated(supply, "what did zorin suggest about the statement", "Volkov's cable says: [...]", quote, "77310")
    assert got.found


def test_who_passed_something_other_than_the_cable_asks_of_the_text(own):
    assert query(own, "who passed orlov petrov's materials about the bridge").target != "via"
    assert query(own, "who relayed telegram 41250").target == "via"


def test_the_name_asked_of_a_thing_stands_by_that_thing(supply):
    question = "what was the name of the ruritanian ship at tikhvin"
    got = gated(
        supply, question, "Volkov's cable says: [...]",
        "Comrade Zorin proposed that both sides meet on a Ruritanian ship in the port of Tikhvin.", "77310",
    )  # fmt: skip
    assert not got.found
    got = gated(
        supply, question, "Volkov's cable says: [...]",
        "Comrade Zorin proposed that both sides meet on the ship Jutland in the port of Tikhvin.", "77310",
    )  # fmt: skip
    assert got.found


def test_a_yes_about_a_telegram_the_claim_names_needs_that_telegram_in_the_quote(supply):
    # 150 is printed in the cited cable, but not in the sentence confirming the claim
    question = "did orlov approve the action in embtel 150?"
    got = gated(supply, question, "Yes, according to ...", "Dept concurs in the recommendations of embtel 160.", "77310")
    assert not got.found
    got = gated(supply, question, "Yes, according to ...", "The action in embtel 150 is approved.", "77310")
    assert got.found


def test_a_claimed_verdict_needs_the_verdict_or_its_opposite(claimed):
    answer = claimed.ask("did belov think a flood at tula in the spring was impossible?")
    assert not answer.found or answer.text.startswith("No"), answer.text


def test_pieces_of_a_thing_count_that_thing_in_a_claim(claimed):
    from knowledge.qa.claims import _claimed

    assert _claimed(query(claimed, "so belov said he could deliver 500 pieces of artillery extra, right?")) == (500.0, ["artillery"])
    answer = claimed.ask("so belov said he could deliver 500 pieces of artillery extra, right?")
    assert answer.found and answer.text.startswith("No: 330 pieces of artillery"), answer.text


def test_a_fraction_asked_for_needs_a_fraction(supply):
    question = "what fraction of orlov's request could volkov deliver"
    quote = "We ask you to send us 6 patrol cutters, river mines and 40 searchlights."
    got = gated(supply, question, "Volkov asked Orlov for: searchlights 40 (...)", quote, "77310")
    assert not got.found
    got = gated(supply, question, "Volkov's cable says: [...]", "We can deliver one-fourth of it.", "77310")
    assert got.found


def test_items_told_in_sentences_apart_are_quoted_each_as_printed(tmp_path):
    cables = {
        "apart.md": """---
title: "Ciphered Telegram from Belov to Orlov"
date: "February 7, 1950"
---
To Comrade ORLOV
Petrov asks that the signallers be trained at Kazan: 150 Ruritanian signallers in all.
The roads are closed by snow.
We ask you to send 300 pieces of artillery of various types.
BELOV
""",
    }
    for lib in library_of(tmp_path, cables):
        answer = lib.ask("what did belov ask orlov for")
        # the autouse fixture checks every quote is printed as it stands
        assert answer.found, answer.text


def test_who_did_x_send_n_to_and_the_number_at_the_bottom_of_n(own):
    assert query(own, "who did petrov send 41250 to").target == "recipient"
    got = query(own, "what number is at the bottom of 41250")
    assert got.target == "outgoing_number" and [r.number for r in got.references] == ["41250"]
    answer = own.ask("what number is at the bottom of 41250")
    assert answer.found and "88/sh" in answer.text, answer.text
