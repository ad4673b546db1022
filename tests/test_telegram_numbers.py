"""Telegram numbers as archives print them: "Nº", a classification on the heading line, the title."""

from __future__ import annotations

from knowledge.parse.body import read_telegram, title_number


def test_numero_sign_and_classification_on_the_heading_line():
    parts = read_telegram(["CABLE Nº 58986 TOP SECRET", "", "Copy Nº 1 to Cde. Stalin", "", "Text."])
    assert parts.telegram_number == "58986"


def test_number_sign_variants():
    assert read_telegram(["Ciphered telegram № 4159"]).telegram_number == "4159"
    assert read_telegram(["TELEGRAM N° 600428/sh"]).telegram_number == "600428/sh"


def test_copy_numbers_are_not_telegram_numbers():
    assert read_telegram(["Copy Nº 2", "", "Text."]).telegram_number == ""


def test_title_gives_the_number_when_the_text_does_not():
    assert title_number("Ciphered Telegram No. 58986 from Kovalev to Filippov [Stalin]") == "58986"
    assert title_number("Cable No. 2220, from Filippov [Stalin] to Mao Zedong") == "2220"
    assert title_number("Telegram from Kim Il Sung to Stalin (via Shtykov)") == ""
    # a record or page number in a title is no telegram number
    assert title_number("Memorandum No. 12 of the Conversation") == ""
