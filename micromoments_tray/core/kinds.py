"""The kinds of moment the app knows, with their labels and short descriptions."""

from typing import NamedTuple


class Kind(NamedTuple):
    id: str
    label: str
    description: str


KINDS: tuple[Kind, ...] = (
    Kind("smile", "Smile", "A smile shared with someone, even a stranger"),
    Kind("greeting", "Greeting", "You said hello to a neighbour, a colleague, a passer-by"),
    Kind("thanks", "Thanks", "You thanked someone and meant it"),
    Kind("check-in", "Check-in", "You asked how someone is really doing"),
    Kind("message", "Message", "A text or note to say you were thinking of them"),
    Kind("kindness", "Kindness", "A small helping hand: a held door, a carried bag"),
    Kind("conversation", "Conversation", "A real exchange, however short"),
)

KIND_IDS: tuple[str, ...] = tuple(k.id for k in KINDS)
_BY_ID = {k.id: k for k in KINDS}


def kind_by_id(kind_id: str) -> Kind:
    """Return the kind with this id; raise KeyError with the valid ids if unknown."""
    try:
        return _BY_ID[kind_id]
    except KeyError:
        raise KeyError(f"unknown kind {kind_id!r}; choose one of: {', '.join(KIND_IDS)}") from None


def is_kind(kind_id: str) -> bool:
    return kind_id in _BY_ID


def default_kind(people: tuple[str, ...] | list[str]) -> str:
    """The kind a moment gets when none is named: a conversation when someone is named."""
    return "conversation" if people else "smile"
