"""Small pieces of copy shared by several widgets, kept in one place so they agree."""

from __future__ import annotations

from collections.abc import Iterable

APP_TITLE = "MicroMoments"


def week_phrase(count: int) -> str:
    """'no moments yet this week', '1 moment this week', '3 moments this week'."""
    if count <= 0:
        return "no moments yet this week"
    if count == 1:
        return "1 moment this week"
    return f"{count} moments this week"


def with_mnemonic(label: str, used: set[str]) -> str:
    """The label with an & before its first letter not yet taken (recorded in `used`).

    An & already in the label is escaped, so "Tea & talk" stays readable.
    """
    escaped_at: int | None = None
    for index, char in enumerate(label):
        key = char.casefold()
        if char.isalnum() and key not in used:
            used.add(key)
            escaped_at = index
            break
    if escaped_at is None:
        return label.replace("&", "&&")
    head, tail = label[:escaped_at], label[escaped_at:]
    return f"{head.replace('&', '&&')}&{tail.replace('&', '&&')}"


def plain(text: str) -> str:
    """An action or button text without its mnemonic marker ("&&" stays a literal "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def reserve(labels: Iterable[str]) -> set[str]:
    """The letters these already-marked labels take (each label's letter after '&')."""
    used: set[str] = set()
    for label in labels:
        cleaned = label.replace("&&", "")
        index = cleaned.find("&")
        if index != -1 and index + 1 < len(cleaned):
            used.add(cleaned[index + 1].casefold())
    return used
