"""Follow-up questions read in the context of the last answer, through resolve and Library.ask."""

from __future__ import annotations

import time

import pytest

from knowledge.answers import Answer, Citation
from knowledge.followup import CONTEXT_SECONDS, Context, ask_in_context, resolve

MAO = "1950-11-08-mao-zedong-to-stalin"
ZHOU = "1950-11-17-zhou-enlai-to-stalin"
REPLY = "1950-11-17-stalin-to-zhou-enlai"


def zhou_context(**more) -> Context:
    return Context(
        cable_id=ZHOU,
        people=("Zhou Enlai", "Stalin"),
        thing="automobiles",
        question="how many automobiles did Zhou Enlai ask for",
        **more,
    )


def test_pronouns_take_the_last_cable_and_its_person(qa_lib):
    asked, assumed = resolve("when did he send it?", zhou_context(), qa_lib)
    assert asked == "when did Zhou Enlai send telegram 26998?"
    assert assumed == ZHOU


def test_the_reply_is_the_cable_that_answers_the_last_one(qa_lib):
    asked, assumed = resolve("who relayed the reply?", zhou_context(), qa_lib)
    assert (asked, assumed) == ("who relayed telegram 5708?", REPLY)


def test_and_the_heavy_ones_takes_the_last_thing(qa_lib):
    context = Context(
        cable_id=MAO,
        people=("Mao Zedong", "Stalin"),
        thing="light machine guns",
        question="how many light machine guns did Mao ask for",
    )
    assert resolve("and the heavy ones?", context, qa_lib) == (
        "how many heavy machine guns did Mao ask for",
        None,
    )


def test_what_about_a_person_swaps_the_person(qa_lib):
    context = Context(
        cable_id=MAO,
        people=("Mao Zedong", "Stalin"),
        thing="rifles",
        question="how many rifles did Mao Zedong request",
    )
    assert resolve("what about Zhou?", context, qa_lib) == (
        "how many rifles did Zhou Enlai request",
        None,
    )


@pytest.mark.parametrize(
    "question",
    [
        "when was telegram 5708 received?",  # a stored number
        "who signed the cable of 8 November 1950?",  # a date
        "when did Mao Zedong send his telegram?",  # a person's cable
    ],
)
def test_a_question_naming_its_own_cable_ignores_the_context(qa_lib, question):
    assert resolve(question, zhou_context(), qa_lib) == (question, None)


def test_an_expired_or_empty_context_is_ignored(qa_lib):
    old = zhou_context(at=time.monotonic() - CONTEXT_SECONDS - 1)
    assert old.expired()
    assert resolve("when did he send it?", old, qa_lib) == ("when did he send it?", None)
    assert resolve("when did he send it?", Context(), qa_lib) == ("when did he send it?", None)
    assert resolve("when did he send it?", None, qa_lib) == ("when did he send it?", None)


def test_context_remembers_the_cited_cable(qa_lib):
    def fake_answer(lib, question):
        quote = "FILIPPOV [Stalin]"
        return Answer(
            question, "Signed by Filippov.", True, (Citation(REPLY, "t", "d", "", quote),)
        )

    context = Context()
    answer = ask_in_context(qa_lib, "who signed telegram 5708", context, fake_answer)
    assert answer.text == "Signed by Filippov."  # nothing assumed, nothing said
    assert context.cable_id == REPLY and context.people[:2] == ("Stalin", "Zhou Enlai")
    answer = ask_in_context(qa_lib, "when did he send it?", context, fake_answer)
    assert answer.question == "when did he send it?"  # as the user typed it
    assert answer.text.startswith(
        "(Assuming telegram 5708: Stalin to Zhou Enlai, 17 November 1950.) "
    )


def test_a_miss_does_not_move_the_context(qa_lib):
    context = zhou_context()
    miss = ask_in_context(
        qa_lib, "what colour was it?", context, lambda lib, q: Answer(q, "Not said.", False)
    )
    assert miss.text.startswith("(Assuming telegram 26998")
    assert context.cable_id == ZHOU


def test_library_ask_with_a_context(qa_lib):
    context = Context()
    first = qa_lib.ask("who signed telegram 26998", context)
    assert first.found and not first.text.startswith("(")
    assert context.cable_id == ZHOU
    second = qa_lib.ask("when was it received?", context)
    assert second.text.startswith(
        "(Assuming telegram 26998: Zhou Enlai to Stalin, 17 November 1950.)"
    )
    assert "20:45" in second.text
    # Without a context the same words are asked as they are.
    assert not qa_lib.ask("when was it received?").text.startswith("(Assuming")
