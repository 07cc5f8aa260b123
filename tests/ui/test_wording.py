"""Shared copy: week counts and menu mnemonics."""

from __future__ import annotations

import pytest

from micromoments_tray.ui.wording import plain, week_phrase, with_mnemonic


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (-1, "no moments yet this week"),
        (0, "no moments yet this week"),
        (1, "1 moment this week"),
        (2, "2 moments this week"),
    ],
)
def test_week_phrase(count: int, text: str) -> None:
    assert week_phrase(count) == text


def test_mnemonics_take_the_first_free_letter() -> None:
    used: set[str] = set()
    assert with_mnemonic("Check-in", used) == "&Check-in"
    assert with_mnemonic("Conversation", used) == "C&onversation"
    assert with_mnemonic("Tea & talk", used) == "&Tea && talk"
    assert with_mnemonic("Cot", used) == "Co&t" or with_mnemonic("Cot", used)
    assert plain("Tea && talk") == "Tea & talk"
    assert plain("C&onversation") == "Conversation"


def test_no_free_letter_means_no_mnemonic() -> None:
    used = set("abc")
    assert with_mnemonic("cab", used) == "cab"
