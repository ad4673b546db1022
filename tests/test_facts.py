"""Facts read from prose sentences: quantities with frames, dated events, durations, notes."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from knowledge.facts import (
    fact_date,
    find_facts,
    frame_of,
    read_facts,
    read_text_facts,
    sentences_of,
    value_range,
)
from knowledge.records import Cable, DateValue, Fact, from_dict, to_dict

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def cable(*paragraphs: str, printed: str = "", year: int = 1950, **kw) -> Cable:
    date = DateValue(str(year), f"{year}-01-01", f"{year}-12-31", "year")
    return Cable(id="t", title="t", date=date, paragraphs=paragraphs, printed=printed, **kw)


def quantities(*paragraphs: str) -> list[Fact]:
    return [f for f in read_facts(cable(*paragraphs)) if f.kind == "quantity"]


def q(facts: list[Fact]) -> list[tuple[str, str, str, str]]:
    return [(f.value, f.unit, f.thing, f.frame) for f in facts]


# -- quantities and their frames ----------------------------------------------------------------
def test_fuel_to_two_places_is_two_facts_the_second_counting_the_fuel_at_hami():
    text = (
        "Regarding your request about shipping 1,000 tons of aviation fuel to URUMCHI and "
        "200 tons of it to HAMI we report that we can give this fuel."
    )
    assert q(quantities(text)) == [
        ("1,000", "tons", "aviation fuel to URUMCHI", "requested"),
        ("200", "tons", "aviation fuel to HAMI", "requested"),
    ]


def test_of_which_counts_the_thing_before_it():
    text = "We need a thousand tons of fuel at Urumchi, of which 200 tons are to go to Hami."
    assert q(quantities(text)) == [
        ("a thousand", "tons", "fuel at Urumchi", "requested"),
        ("200", "tons", "fuel to Hami", "requested"),
    ]


def test_numbers_in_words_and_nested_counts():
    facts = quantities("We ask you to send us two bomber regiments of 60 planes each.")
    assert q(facts) == [
        ("two", "", "bomber regiments", "requested"),
        ("60", "", "planes", "requested"),
    ]
    assert q(quantities("The army will be brought to ten divisions.")) == [
        ("ten", "", "divisions", "")
    ]
    assert q(quantities("He asked for the sending of four advisers.")) == [
        ("four", "", "advisers", "requested")
    ]
    assert q(quantities("We will deliver one thousand rifles.")) == [
        ("one thousand", "", "rifles", "promised")
    ]


def test_ranges_keep_their_printed_value():
    assert q(quantities("Please permit the training of 200-300 pilots.")) == [
        ("200-300", "", "pilots", "train")  # the nearest verb frame: what the pilots are for
    ]
    assert q(quantities("I request 25-35 Soviet military advisers.")) == [
        ("25-35", "", "Soviet military advisers", "requested")
    ]


def test_a_measure_names_the_thing_before_it():
    assert q(quantities("They raised the question of a loan of 2 billion won.")) == [
        ("2 billion", "won", "loan", "")
    ]


def test_place_and_limit_words_stay_in_the_sentence():
    (fact,) = quantities("We can give at most 300 trucks from the Northeast.")
    assert (fact.value, fact.thing, fact.frame) == ("300", "trucks from the Northeast", "promised")
    assert "at most 300 trucks" in fact.words


@pytest.mark.parametrize(
    ("sentence", "frame"),
    [
        ("We urgently need 14 divisions of arms.", "requested"),
        ("Please send us 40 transport planes.", "requested"),
        ("We will send 600 trucks in March.", "promised"),
        ("We agree to supply 120 tanks.", "promised"),
        ("The Chinese army has 14 divisions in Manchuria.", "has"),
        ("There are 70 fighters on the airfield.", "has"),
        ("The corps consists of three divisions.", "has"),
        ("Korea can mobilise 500,000 men.", "mobilise"),
        ("The enemy lost 45 tanks.", "lost"),
        ("Our troops shot down 12 planes.", "lost"),
        ("In the battle 300 soldiers were killed.", "lost"),
        ("Last week we sent 90 wagons of flour.", "sent"),
        ("The trucks delivered 500 tons of grain.", "sent"),
        ("We will train 1,000 tankists.", "train"),
        ("Our schools trained 463 pilots.", "train"),
        ("We intend to form three infantry divisions.", "plan"),
        ("The Korean army numbers 130,000 men.", "has"),
        ("By the spring 3 more divisions will arrive.", "promised"),
        ("We received 60,000 rifles.", "sent"),
        ("The city lies 40 kilometers from the border.", ""),
    ],
)
def test_frames(sentence, frame):
    facts = quantities(sentence)
    assert facts, sentence
    assert facts[0].frame == frame, (sentence, facts)


def test_list_items_take_the_frame_of_their_lead_in():
    facts = quantities(
        "Consequently we ask you to give instructions:",
        "1. about the shipment of 500 tons of fuel.",
        "2. about 30 instructors for the air school.",
    )
    assert q(facts) == [
        ("500", "tons", "fuel", "requested"),
        ("30", "", "instructors", "requested"),
    ]


def test_list_items_that_name_their_thing_first():
    facts = quantities(
        "The following will be sent to you by 9 March:",
        "1. Soviet rifles 140,000.",
        "2. Signal telephone cable 1,500 km.",
        "3. TNT 100 tons.",
        "4. 122-mm rocket launchers 250.",
        "5. Woollen tents 100 sets.",
    )
    assert q(facts) == [
        ("140,000", "", "Soviet rifles", "promised"),
        ("1,500", "km", "Signal telephone cable", "promised"),
        ("100", "tons", "TNT", "promised"),
        ("250", "", "122-mm rocket launchers", "promised"),
        ("100", "sets", "Woollen tents", "promised"),
    ]


def test_things_named_with_their_use_or_calibre():
    facts = quantities(
        "We ask for 800,000 cartridges for recoilless guns for our army and 120 45-mm field guns. "
        "There were 8,000 U.S. troops and 45 US vessels."
    )
    assert [(f.value, f.thing) for f in facts] == [
        ("800,000", "cartridges for recoilless guns"),
        ("120", "45-mm field guns"),
        ("8,000", "U.S. troops"),
        ("45", "US vessels"),
    ]


def test_a_complement_after_a_list_belongs_to_each_item():
    facts = quantities(
        "Please permit the training of 200 pilots from among Korean students. "
        "Please permit the training of 1,000 tankists, 2,000 pilots, and 500 radio operators "
        "from among Soviet Koreans residing in the Soviet Union."
    )
    assert [(f.value, f.thing) for f in facts] == [
        ("200", "pilots from among Korean students"),
        ("1,000", "tankists from among Soviet Koreans"),
        ("2,000", "pilots from among Soviet Koreans"),
        ("500", "radio operators from among Soviet Koreans"),
    ]


def test_only_a_lead_in_that_opens_the_list_frames_its_items():
    facts = quantities("We received your telegram.", "2. Arms for 10 divisions are impossible.")
    assert [(f.value, f.frame) for f in facts] == [("10", "")]


# -- traps: numbers that are not counts -----------------------------------------------------------
def test_numbers_inside_dates_times_and_identifiers_are_not_quantities():
    text = (
        "I received your telegram No. 3153 of 25 November 1950. "
        "On 8.11.50 at 10:45 we received 30 tanks (order Nº 499/sh), see Deptel 812. "
        "The YaK-11 pilots flew 20 sorties."
    )
    assert [(f.value, f.thing) for f in quantities(text)] == [
        ("30", "tanks"),
        ("20", "sorties"),
    ]


def test_footnote_marks_years_and_list_ordinals_are_not_quantities():
    facts = quantities(
        "1. The army has 14 divisions.1 In 1951 it will have 20 divisions.",
        "2. Planes[2] are short.",
        "65. PriMin this morning stated nothing new.",
    )
    assert [(f.value, f.thing) for f in facts] == [("14", "divisions"), ("20", "divisions")]
    assert [f.words for f in facts] == [
        "1. The army has 14 divisions.",
        "In 1951 it will have 20 divisions.",
    ]


def test_ordinals_names_and_pronoun_ones_are_not_quantities():
    facts = quantities(
        "The 2nd Army Group crossed the 38th parallel. The Six Power Resolution failed. "
        "One of them came, one by one."
    )
    assert facts == []


def test_telegraphese_references_are_not_quantities():
    text = "Reurtel 389 Apr 14. Info to CINCFE remytel 362, April 9, 2 p. m. (Warx 85775 Mar 18)."
    facts = read_facts(cable(text))
    assert [f.kind for f in facts] == ["date", "date"]
    assert [(f.value, f.thing) for f in facts] == [
        ("1950-04-14", "Reurtel 389"),
        ("1950-04-09", "remytel 362"),
    ]


def test_time_stamps_are_not_quantities():
    assert quantities("From Pyongyang, No. 4040. 10 hours 10 minutes. 8.II.1950") == []


# -- dates and durations ---------------------------------------------------------------------------
def test_dated_events_keep_their_phrase():
    facts = read_facts(cable("We plan to leave on March 30.", "On 4 February I met Kim Il Sung."))
    dates = [(f.value, f.thing) for f in facts if f.kind == "date"]
    assert dates == [("1950-03-30", "leave"), ("1950-02-04", "met Kim Il Sung")]
    facts = read_facts(
        cable("Kim Il Sung plans to leave Korea for Moscow on March 30 of this year.")
    )
    assert [(f.value, f.thing) for f in facts] == [
        ("1950-03-30", "Kim Il Sung plans to leave Korea for Moscow")
    ]


def test_fact_date_gives_the_printed_date_with_its_range():
    text = "We can give this fuel via vehicle transport with arrival on site 1-3 November."
    (fact,) = read_facts(cable(text, year=1949))
    assert (fact.value, fact.thing) == ("1949-11-01", "arrival on site")
    when = fact_date(fact)
    assert (when.text, when.start, when.end) == ("1-3 November", "1949-11-01", "1949-11-03")
    (fact,) = read_facts(cable("Received in Moscow on 10/09/50 at 9:38 a.m."))
    assert fact_date(fact).text == "10/09/50"


def test_date_of_a_referenced_telegram_and_of_a_noun_it_precedes():
    facts = read_facts(cable("Substance Deptel 813, May 9 communicated to FonMin."))
    assert [(f.kind, f.value, f.thing) for f in facts] == [("date", "1950-05-09", "Deptel 813")]
    facts = read_facts(
        cable("I am sending the original of a 31 August 1950 letter of Kim Il Sung.")
    )
    assert [(f.value, f.thing) for f in facts] == [("1950-08-31", "letter of Kim Il Sung")]


def test_a_dated_clause_dates_what_it_follows():
    facts = read_facts(cable("In the first cable, dated November 8th, 1950, Mao asks for arms."))
    assert [(f.value, f.thing) for f in facts] == [("1950-11-08", "first cable")]


def test_restated_numbers_and_places_that_are_adjectives():
    facts = quantities(
        "I ask you for arms for 36 (thirty-six) divisions and 140 automobiles to Chinese units."
    )
    assert [(f.value, f.thing) for f in facts] == [("36", "divisions"), ("140", "automobiles")]


def test_dates_the_date_reader_leaves_roman_and_slash():
    facts = read_facts(cable("Deciphered on 10/09/50 at 10:45 a.m.", "Received 21.XI.51 by wire."))
    assert [f.value for f in facts if f.kind == "date"] == ["1950-10-09", "1951-11-21"]


def test_a_year_printed_after_a_date_without_a_comma_is_its_year():
    facts = read_facts(
        cable("I refer to your ltr of Nov 2 1948, in which you requested a mission.")
    )
    assert [(f.kind, f.value) for f in facts] == [("date", "1948-11-02")]


def test_phrases_skip_commas_in_numbers_and_empty_clauses():
    facts = read_facts(
        cable(
            "Please dispatch 1,200 tons of gasoline by 15 December. "
            "He asked for some 40 advisers, preferably within two weeks."
        )
    )
    assert [(f.kind, f.thing) for f in facts if f.kind != "quantity"] == [
        ("date", "Please dispatch 1,200 tons of gasoline"),
        ("duration", "asked for some 40 advisers"),
    ]


def test_a_duration_with_no_words_of_its_own_takes_the_opening_clause():
    facts = read_facts(
        cable(
            "The application is possible, with great difficulty, i.e. in the course of three years."
        )
    )
    assert [(f.kind, f.value, f.thing) for f in facts] == [
        ("duration", "three years", "application is possible")
    ]


def test_read_text_facts_reads_any_text():
    (fact,) = read_text_facts(["On 12 March Stalin replied to Mao Zedong."], year=1952)
    assert (fact.kind, fact.value, fact.thing) == (
        "date",
        "1952-03-12",
        "Stalin replied to Mao Zedong",
    )


def test_durations():
    facts = read_facts(
        cable(
            "The division will be ready within ten days. Repairs take 3-4 weeks. "
            "We shall finish in two months."
        )
    )
    assert [(f.kind, f.value) for f in facts] == [
        ("duration", "ten days"),
        ("duration", "3-4 weeks"),
        ("duration", "two months"),
    ]
    assert facts[0].thing == "division will be ready"


# -- translators and archival notes ----------------------------------------------------------------
def test_notes_in_paragraphs():
    facts = read_facts(
        cable(
            "[Translator's comment: the name is unclear in the original] We agree.",
            "Translated by Gary Goldberg.",
            "[handwritten: to Cde. Stalin]",
            "Four copies typed Leshevich Nº 6696",
            "Verified by: Shift Chief Sadovin 0355",
        )
    )
    assert [(f.kind, f.thing, f.value) for f in facts] == [
        ("translator", "translator's comment", "the name is unclear in the original"),
        ("translator", "translated by", "Gary Goldberg"),
        ("note", "handwritten", "to Cde. Stalin"),
        ("note", "copies typed", "Four copies typed Leshevich Nº 6696"),
        ("note", "verified by", "Shift Chief Sadovin 0355"),
    ]
    assert not [f for f in facts if f.kind == "quantity"]  # "Four copies" is the note's


def test_notes_from_printed_lines_continue_a_broken_line():
    printed = "Subject to return to the\n\nVKP(b) CC Special Section 1664\n\nIncoming Nº 3425/shs 12 October 1949]\nWe agree."
    facts = read_facts(cable("We agree.", printed=printed))
    assert [(f.thing, f.value) for f in facts] == [
        ("subject to return", "Subject to return to the VKP(b) CC Special Section 1664"),
        ("incoming number", "3425/shs 12 October 1949"),
    ]
    assert all(f.words in printed for f in facts)


# -- words, frames, matching -------------------------------------------------------------------------
def test_words_are_exact_sentences_of_the_paragraph():
    para = "We ask for 30 tanks. Cde. MAO agreed to send 12 guns. N. A. Bulganin has 5 cars."
    assert sentences_of(para) == [
        "We ask for 30 tanks.",
        "Cde. MAO agreed to send 12 guns.",
        "N. A. Bulganin has 5 cars.",
    ]
    for fact in read_facts(cable(para)):
        assert fact.words in para


@pytest.mark.parametrize(
    ("words", "frame"),
    [
        ("how many planes did Mao ask for", "requested"),
        ("how many tanks did Stalin promise", "promised"),
        ("how many divisions does China have", "has"),
        ("how many planes were shot down", "lost"),
        ("how many trucks did they send", "sent"),
        ("how many pilots will be trained", "train"),
        ("how many men can Korea mobilise", "mobilise"),
        ("what is the capital", ""),
    ],
)
def test_frame_of(words, frame):
    assert frame_of(words) == frame


def test_find_facts_ranks_by_shared_words_singular_and_stem_aware():
    c = cable(
        "We request 40 transport planes and 10 bomber planes. We will send 5 transport ships."
    )
    c = replace(c, facts=read_facts(c))
    found = find_facts(c, {"transport", "plane"})
    assert [f.thing for f in found] == ["transport planes", "bomber planes", "transport ships"]
    assert [f.value for f in find_facts(c, {"transport"}, frame="promised")] == ["5"]
    assert find_facts(c, {"rifles"}) == []


@pytest.mark.parametrize(
    ("value", "numbers"),
    [
        ("1,000", (1000, 1000)),
        ("25-35", (25, 35)),
        ("a thousand", (1000, 1000)),
        ("two or three", (2, 3)),
        ("twenty-five", (25, 25)),
        ("2 billion", (2e9, 2e9)),
        ("15 to 19", (15, 19)),
        ("several", None),
    ],
)
def test_value_range_reads_printed_values(value, numbers):
    assert value_range(value) == numbers


def test_find_facts_meets_synonyms_at_half_weight_and_breaks_ties_by_the_sentence():
    c = cable(
        "We intend to use 40 transport aircraft to fly the division to Urumchi. "
        "Please send five aircraft to Peking and 30 transport trucks to Hami."
    )
    c = replace(c, facts=read_facts(c))
    assert find_facts(c, {"planes"}) == []
    synonyms = {"plane": ["aircraft", "airplane"]}
    found = find_facts(c, {"transport", "planes", "urumchi"}, synonyms=synonyms)
    assert [f.value for f in found] == ["40", "30", "five"]


def test_facts_survive_the_store_round_trip():
    c = cable("We request 40 transport planes within ten days.")
    c = replace(c, facts=read_facts(c))
    assert from_dict(Cable, to_dict(c)).facts == c.facts


def test_ingest_fills_facts():
    from knowledge.aliases import load_aliases
    from knowledge.parse import parse_bytes

    text = (
        "Title: Telegram from Mao to Filippov\nDate: 3 March 1951\n\n"
        "TO FILIPPOV\n\nWe ask you to send 200 tons of fuel to Mukden within ten days.\n\nMAO\n"
    )
    (c,) = parse_bytes(text.encode(), name="t.txt", aliases=load_aliases())
    assert ("200", "tons", "fuel to Mukden", "requested") in q(list(c.facts))
    assert ("duration", "ten days") in [(f.kind, f.value) for f in c.facts]


# -- the shared corpus ---------------------------------------------------------------------------------
def _corpus_cables():
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    from knowledge.aliases import load_aliases
    from knowledge.parse import parse_path

    aliases = load_aliases()
    paths = [p for p in CORPUS.glob("*/*") if p.suffix in (".md", ".xml") and p.stem != "README"]
    for path in sorted(paths):
        yield from parse_path(path, aliases=aliases)


def test_corpus_facts_quote_their_cable_and_count_no_dates():
    squash = lambda s: " ".join(s.split())  # noqa: E731
    seen = 0
    for c in _corpus_cables():
        text = squash(" ".join((*c.paragraphs, c.printed)))
        for f in read_facts(c):
            seen += 1
            assert squash(f.words) in text, (c.file, f)
            if f.kind == "quantity":
                assert f.thing or f.unit, (c.file, f)
                assert not re.fullmatch(r"1[89]\d\d", f.value), (c.file, f)
                assert f"No. {f.value}" not in f.words and f"Nº {f.value}" not in f.words
    assert seen > 50


def test_cue_scan_finds_what_the_cue_regex_finds():
    """_cues tries the cue regex only at words a cue can start with; it must miss none."""
    from knowledge.facts import _CUE, _cues

    texts = [
        "We would like you to send us 30 tanks; they have already agreed to supply 12 guns.",
        "The Chinese army has 14 divisions and can mobilize 500,000 men; we lost 12 planes.",
        "How many pilots did they plan to train, and how many trucks did Stalin send?",
    ]
    for c in _corpus_cables():
        texts += [s for p in c.paragraphs for s in sentences_of(p)]
    for text in texts:
        full = [(m.start(), m.end(), m.lastgroup) for m in _CUE.finditer(text)]
        assert _cues(text) == full, text


def test_corpus_hami_fuel():
    for c in _corpus_cables():
        if "200 tons of it to HAMI" in c.body_text():
            found = find_facts(
                replace(c, facts=read_facts(c)),
                {"fuel", "hami"},
            )
            assert (found[0].value, found[0].unit) == ("200", "tons")
            return
    pytest.skip("the Hami fuel cable is not in this corpus")
