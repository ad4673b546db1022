"""/ingest: moderators (Manage Server or the configured role) add documents; others are refused."""

from __future__ import annotations

from pathlib import Path

from fake_world import CHANNELS, EPHEMERAL

from knowledge.config import Config

INGEST_DOC = b"""Title: Ciphered telegram, Gao Gang to Filippov (Stalin)
Date: 20 November 1950
Source: APRF, Fond 45, Opis 1, Delo 336, Listy 1-2
Sender: Gao Gang
Recipient: Stalin

CIPHERED TELEGRAM No. 27001
To Comrade FILIPPOV [Stalin]
I ask you to send 300 tractors for the army before 1 January 1951.
GAO GANG
"""


async def test_ingest_by_a_moderator(bot, fake):
    iid = await fake.slash("ingest", user="mod", document=("gao.txt", INGEST_DOC))
    deferred = await fake.wait_for(lambda s: s.interaction_id == iid and s.route == "callback:5")
    assert deferred.body["flags"] & EPHEMERAL
    reply = await fake.reply_to(iid)
    assert reply.route == "followup" and reply.ephemeral
    assert "Added from gao.txt" in reply.text() and "Gao Gang to Filippov" in reply.text()
    assert "300" in (await fake.slash_reply("items", cable="27001")).text()
    again = await fake.slash_reply("ingest", user="mod", document=("gao.txt", INGEST_DOC))
    assert "already in the library" in again.text()


async def test_ingest_with_the_configured_role(start_bot, fake):
    await start_bot(Config(ask_channels=(CHANNELS["questions"],), ingest_role="Archivist"))
    reply = await fake.slash_reply("ingest", user="archivist", document=("gao.txt", INGEST_DOC))
    assert "Added from gao.txt" in reply.text()
    refusal = await fake.slash_reply("ingest", user="alice", document=("gao.txt", INGEST_DOC))
    assert refusal.ephemeral and "Manage Server permission or the Archivist role" in refusal.text()


async def test_ingest_refused_to_members(bot, fake, library):
    reply = await fake.slash_reply("ingest", user="alice", document=("gao.txt", INGEST_DOC))
    assert reply.ephemeral
    assert (
        reply.body["content"] == "Only members with the Manage Server permission can add documents."
    )
    reply = await fake.message_reply(
        "!ingest", user="archivist", channel="general", files=(("gao.txt", INGEST_DOC),)
    )
    assert "Only members with the Manage Server permission" in reply.text()
    assert len(library.cables()) == 4


async def test_ingest_says_why_not(bot, fake):
    reply = await fake.slash_reply("ingest", user="mod", document=("notes.pdf", b"%PDF-1.4"))
    assert reply.ephemeral and "attach an .html, .md, .txt or .xml file" in reply.text()
    reply = await fake.slash_reply("ingest", user="mod", document=("notes.txt", b"just some notes"))
    assert reply.ephemeral and "Nothing was added from notes.txt" in reply.text()
    reply = await fake.message_reply("!ingest", user="mod", channel="general")
    assert "Attach the document" in reply.text()


MARKDOWN_DOC = b"""---
title: Ciphered telegram, Peng Dehuai to Filippov (Stalin)
date: 1950-12-02
source: APRF, Fond 45, Opis 1, Delo 337, List 5
---

To Comrade FILIPPOV [Stalin]

I ask you to send 400 field telephones before 1 January 1951.

PENG DEHUAI
"""


async def test_ingest_markdown_and_the_seed_page(bot, fake):
    reply = await fake.slash_reply("ingest", user="mod", document=("peng.md", MARKDOWN_DOC))
    assert "Added from peng.md" in reply.text() and "Peng Dehuai to Filippov" in reply.text()
    seed = (
        Path(__file__).resolve().parents[2] / "seeds" / "wilson-center-1950-cables.html"
    ).read_bytes()
    # The seed page is already in the store (under its own file name): an upload changes nothing.
    reply = await fake.slash_reply("ingest", user="mod", document=("cables.html", seed))
    assert "cables.html is already in the library; nothing changed" in reply.text()
    assert "Ciphered telegram, Mao Zedong to Filippov (Stalin)" in reply.text()
    edited = seed.replace(b"2784", b"2785")  # the outgoing number, retyped
    reply = await fake.slash_reply("ingest", user="mod", document=("cables.html", edited))
    assert "from cables.html" in reply.text(), reply.text()


async def test_ingest_with_prefix_and_attachment(bot, fake):
    reply = await fake.message_reply(
        "!ingest", user="mod", channel="general", files=(("gao.txt", INGEST_DOC),)
    )
    assert "Added from gao.txt" in reply.text()
