"""Parties as an archive title names them (knowledge/parse/build.py title_parties)."""

from __future__ import annotations

from knowledge.parse.build import title_parties


def test_title_naming_only_a_sender_and_where_he_was():
    assert title_parties("Ciphered telegram from Ivanov and Petrov in Pyongyang") == {
        "sender": "Ivanov and Petrov"
    }


def test_title_naming_sender_recipient_and_via():
    got = title_parties("Telegram from Kim Il Sung to Stalin (via Shtykov)")
    assert (got["sender"], got["recipient"], got["via"]) == ("Kim Il Sung", "Stalin", "Shtykov")


def test_title_without_parties():
    assert title_parties("Memorandum on the situation in Korea") == {}
