"""The moment value object and the rules every moment obeys, wherever it comes from."""

import os
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from typing import NamedTuple

from micromoments_tray.core.kinds import KIND_IDS, is_kind

NOTE_MAX = 1000
NAME_MAX = 80
FEELING_MIN, FEELING_MAX = 1, 5
# A moment's offset must be one a real place could have (UTC-12 .. UTC+14).
_OFFSET_LIMIT = timedelta(hours=14)


class MomentError(ValueError):
    """A moment field is not acceptable; `field` names it for messages and import reports."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# Value objects are NamedTuples rather than dataclasses: importing dataclasses alone costs
# `micromoments log` several milliseconds of its start-up budget.
class Moment(NamedTuple):
    id: str
    occurred_at: datetime  # aware, in the offset in force where it happened
    kind: str
    created_at: datetime  # UTC
    updated_at: datetime  # UTC
    note: str = ""
    people: tuple[str, ...] = ()
    feeling: int | None = None
    deleted_at: datetime | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def new_id() -> str:
    """A random (version 4) UUID; built by hand because importing uuid costs start-up time."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_HEX32 = re.compile(r"[0-9a-f]{32}")


def validate_id(value: str) -> str:
    """The canonical form of a UUID in any spelling `uuid.UUID` reads (braces, urn:, no dashes)."""
    if not isinstance(value, str):
        raise MomentError("id", f"{value!r} is not a UUID")
    h = value.strip().lower().replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
    if not _HEX32.fullmatch(h):
        raise MomentError("id", f"{value!r} is not a UUID")
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def validate_kind(value: str) -> str:
    if not isinstance(value, str) or not is_kind(value):
        raise MomentError("kind", f"{value!r} is not a kind; choose one of: {', '.join(KIND_IDS)}")
    return value


def validate_note(value: str | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MomentError("note", "must be text")
    note = unicodedata.normalize("NFC", value.replace("\r\n", "\n").strip())
    if len(note) > NOTE_MAX:
        raise MomentError("note", f"is {len(note)} characters long; the most is {NOTE_MAX}")
    for ch in note:
        if ch not in "\n\t" and unicodedata.category(ch) == "Cc":
            raise MomentError("note", f"contains a control character (U+{ord(ch):04X})")
    return note


def fold(text: str) -> str:
    """Text as compared when matching: case-insensitive and Unicode-normalised (NFC).

    'Zoë' typed with a composed ë and 'ZOË' typed with a combining diaeresis fold the same.
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def normalise_name(value: str) -> str:
    """Trim and collapse inner white space, so ' Sam  Lee ' and 'Sam Lee' are one person."""
    return unicodedata.normalize("NFC", " ".join(value.split()))


def person_key(name: str) -> str:
    """The key under which two spellings of one name match (case-insensitive)."""
    return fold(normalise_name(name))


def validate_people(values: Iterable[str]) -> tuple[str, ...]:
    people: list[str] = []
    seen: set[str] = set()
    for raw in values:
        if not isinstance(raw, str):
            raise MomentError("people", "every name must be text")
        name = normalise_name(raw)
        if not name:
            continue
        if len(name) > NAME_MAX:
            raise MomentError(
                "people", f"the name {name[:20]!r}… is longer than {NAME_MAX} characters"
            )
        if any(unicodedata.category(ch) == "Cc" for ch in name):
            raise MomentError("people", f"the name {name!r} contains a control character")
        key = person_key(name)
        if key not in seen:
            seen.add(key)
            people.append(name)
    return tuple(people)


def validate_feeling(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise MomentError("feeling", f"{value!r} is not a whole number from 1 to 5")
    if not FEELING_MIN <= value <= FEELING_MAX:
        raise MomentError("feeling", f"{value} is outside 1 to 5")
    return value


def validate_occurred_at(value: datetime, now: datetime) -> datetime:
    """An aware time, not in the future (a minute of clock skew is tolerated)."""
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise MomentError("occurred_at", "needs a date, a time and a UTC offset")
    offset = value.utcoffset()
    assert offset is not None
    if abs(offset) > _OFFSET_LIMIT:
        raise MomentError("occurred_at", f"the UTC offset {offset} is not one any place uses")
    if value > now + timedelta(minutes=1):
        raise MomentError("occurred_at", "is in the future; a moment is logged once it happened")
    return value.replace(microsecond=0, tzinfo=timezone(offset))


def make_moment(
    *,
    kind: str,
    occurred_at: datetime,
    now: datetime,
    note: str | None = None,
    people: Iterable[str] = (),
    feeling: int | None = None,
    moment_id: str | None = None,
) -> Moment:
    """Build a validated new moment. `now` is the injected clock's aware current time."""
    now_utc = now.astimezone(UTC).replace(microsecond=0)
    return Moment(
        id=validate_id(moment_id) if moment_id is not None else new_id(),
        occurred_at=validate_occurred_at(occurred_at, now),
        kind=validate_kind(kind),
        note=validate_note(note),
        people=validate_people(people),
        feeling=validate_feeling(feeling),
        created_at=now_utc,
        updated_at=now_utc,
    )


class MomentDraft(NamedTuple):
    """What a dialog or the quick-log line hands over; `occurred_at` None means now."""

    kind: str
    note: str = ""
    people: tuple[str, ...] = ()
    feeling: int | None = None
    occurred_at: datetime | None = None

    def to_moment(self, now: datetime) -> Moment:
        """Validate into a new moment; raises MomentError naming the field at fault."""
        return make_moment(
            kind=self.kind,
            occurred_at=self.occurred_at or now,
            now=now,
            note=self.note,
            people=self.people,
            feeling=self.feeling,
        )
