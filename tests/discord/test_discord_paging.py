"""Autocomplete for cable arguments, and the buttons that page through long replies."""

from __future__ import annotations

from fake_world import EPHEMERAL

from bot._embeds import clean
from knowledge import present


def buttons(body: dict) -> dict[str, dict]:
    """The buttons of a message body by label: 'Previous', 'Next' and the 'n / N' counter."""
    return {b["label"]: b for row in body.get("components", []) for b in row["components"]}


def next_id(body: dict) -> str:
    return buttons(body)["Next"]["custom_id"]


def previous_id(body: dict) -> str:
    return buttons(body)["Previous"]["custom_id"]


def long_cable(paragraphs: int = 60) -> bytes:
    text = "\n\n".join(
        f"Paragraph {i}: the army needs winter clothing, food and *ammunition* for the crossing."
        * 3
        for i in range(paragraphs)
    )
    head = "Title: A very long cable about supplies\nDate: 1 December 1950\nSource: APRF, Fond 45, Opis 1, Delo 999, Listy 1-40\n"
    return (head + "\n" + text + "\nGAO GANG\n").encode()


async def test_autocomplete_offers_matching_cables(bot, fake, library):
    choices = await fake.autocomplete("quote", "cable", cable="zhou")
    assert 1 <= len(choices) <= 25
    assert all("Zhou Enlai" in c["name"] for c in choices)
    for choice in choices:  # every value names a cable the commands accept
        assert library.cable(choice["value"]).id == choice["value"]

    choices = await fake.autocomplete("quote", "cable", cable="266")
    assert choices[0]["name"].startswith("26637 · 8 November 1950")


async def test_autocomplete_on_every_cable_argument(bot, fake):
    for command in ("items", "dates", "source"):
        choices = await fake.autocomplete(command, "cable", cable="mao")
        assert choices and "Mao Zedong" in choices[0]["name"]


async def test_autocomplete_never_offers_more_than_25(bot, fake, library, tmp_path):
    for n in range(30):
        (tmp_path / f"supplies-{n}.txt").write_text(
            f"Title: Telegram {n} on supplies\nDate: {n % 28 + 1} December 1950\n\n"
            f"We ask you to send {n + 10} trucks.\n"
        )
    results = list(library.ingest_paths(sorted(tmp_path.glob("supplies-*.txt"))))
    assert [r.status for r in results] == ["added"] * 30
    assert len(await fake.autocomplete("quote", "cable", cable="")) <= 25
    assert len(await fake.autocomplete("quote", "cable", cable="telegram")) == 25


async def test_buttons_turn_pages_for_the_asker(bot, fake):
    first = await fake.slash_reply("quote", cable="26637")
    assert buttons(first.body)["Previous"]["disabled"]
    assert not buttons(first.body)["Next"]["disabled"]
    assert buttons(first.body)["1 / 2"]["disabled"]

    second = await fake.reply_to(await fake.click(first.message, next_id(first.body)))
    assert second.route == "callback:7"
    assert "MAO ZEDONG" in second.text() and "Page 2 of 2" in second.text()
    assert buttons(second.body)["Next"]["disabled"]  # the last page
    assert not buttons(second.body)["Previous"]["disabled"]

    back = await fake.reply_to(await fake.click(first.message, previous_id(second.body)))
    assert "Page 1 of 2" in back.text() and buttons(back.body)["Previous"]["disabled"]


async def test_buttons_refuse_other_users(bot, fake):
    first = await fake.slash_reply("quote", cable="26637")
    refusal = await fake.reply_to(await fake.click(first.message, next_id(first.body), user="bob"))
    assert refusal.route == "callback:4" and refusal.body["flags"] & EPHEMERAL
    assert "Only the person who asked" in refusal.text()
    assert "Page 1 of 2" in fake.messages[int(first.message["id"])]["embeds"][0]["footer"]["text"]


async def test_buttons_work_on_prefix_replies(bot, fake):
    first = await fake.message_reply("!quote 26637", channel="general")
    second = await fake.reply_to(await fake.click(first.message, next_id(first.body)))
    assert "Page 2 of 2" in second.text()


async def test_buttons_switch_off_on_timeout(start_bot, fake):
    await start_bot(page_timeout=0.2)
    slash = await fake.slash_reply("quote", cable="26637")
    prefix = await fake.message_reply("!quote 26637", channel="general")
    edits = [
        await fake.wait_for(
            lambda s: s.route == "edit_original" and s.interaction_id == slash.interaction_id
        ),
        await fake.wait_for(lambda s: s.route == "edit_message" and s.message is prefix.message),
    ]
    for edit in edits:
        assert all(b["disabled"] for b in buttons(edit.body).values())


async def test_part_quotes_one_part_and_refuses_past_the_end(bot, fake):
    # Parts are the blocks of the printed text: header stamps count as parts of their own.
    reply = await fake.slash_reply("quote", cable="26637", part=20)
    assert reply.embeds[0]["description"] == "> 11. TNT 1,000 tons."
    assert "Listy 80-81 · Part 20 of 24" in reply.embeds[0]["footer"]["text"]
    assert not reply.body.get("components")
    refusal = await fake.slash_reply("quote", cable="26637", part=25)
    assert (
        refusal.ephemeral
        and refusal.body["content"] == "That cable has parts 1-24; there is no part 25."
    )


async def test_single_page_replies_have_no_buttons(bot, fake):
    reply = await fake.slash_reply("quote", cable="5708")
    assert not reply.body.get("components")


async def read_every_page(fake, cable_id: str) -> list[str]:
    """Quote a cable and press Next until it is disabled; the descriptions of every page."""
    reply = await fake.slash_reply("quote", cable=cable_id)
    body = reply.body
    pages = [body["embeds"][0]["description"]]
    while body.get("components") and not buttons(body)["Next"]["disabled"]:
        body = (await fake.reply_to(await fake.click(reply.message, next_id(body)))).body
        pages.append(body["embeds"][0]["description"])
    return pages


def same_words(pages: list[str], cable) -> bool:
    return " ".join(" ".join(pages).split()) == " ".join(clean(present.cable_text(cable)).split())


async def test_longest_seed_cable_quoted_whole(bot, fake, library):
    longest = max(
        (library.cable(s.id) for s in library.cables()), key=lambda c: len(present.cable_text(c))
    )
    pages = await read_every_page(fake, longest.id)
    assert len(pages) >= 2
    assert same_words(pages, longest)


async def test_very_long_cable_quoted_whole(bot, fake, library):
    result = library.ingest_bytes("long.txt", long_cable())
    cable = library.cable(result.cables[0])
    pages = await read_every_page(fake, cable.id)
    assert len(pages) >= 5
    assert same_words(pages, cable)  # every word, escaped, on some page, in order
