"""The rules every moment obeys: kinds, notes, names, feelings, times."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.kinds import KIND_IDS, default_kind, kind_by_id
from micromoments_tray.core.moments import (
    NAME_MAX,
    NOTE_MAX,
    MomentDraft,
    MomentError,
    fold,
    make_moment,
    normalise_name,
    person_key,
    validate_feeling,
    validate_id,
    validate_kind,
    validate_note,
    validate_occurred_at,
    validate_people,
)

NOW = datetime(2026, 11, 26, 18, 30, tzinfo=timezone(timedelta(hours=1)))


def test_note_up_to_the_limit_is_kept_and_one_more_is_refused() -> None:
    assert validate_note("a" * NOTE_MAX) == "a" * NOTE_MAX
    with pytest.raises(MomentError) as info:
        validate_note("a" * (NOTE_MAX + 1))
    assert info.value.field == "note"
    assert str(info.value) == f"note: is {NOTE_MAX + 1} characters long; the most is {NOTE_MAX}"


def test_note_keeps_newlines_and_tabs_and_trims_the_ends() -> None:
    assert validate_note("  first line\r\nsecond\tline \n") == "first line\nsecond\tline"
    assert validate_note(None) == ""


@pytest.mark.parametrize("bad", ["bell\x07", "nul\x00", "escape\x1b[31m", "lone\rcr", "del\x7f"])
def test_note_with_a_control_character_is_refused(bad: str) -> None:
    with pytest.raises(MomentError, match=r"note: contains a control character \(U\+00"):
        validate_note(bad)


def test_note_is_stored_in_composed_unicode_form() -> None:
    decomposed = unicodedata.normalize("NFD", "Café with Zoë")
    assert validate_note(decomposed) == unicodedata.normalize("NFC", "Café with Zoë")


def test_names_up_to_80_characters_are_kept() -> None:
    name = "N" * NAME_MAX
    assert validate_people([name]) == (name,)
    with pytest.raises(MomentError, match="longer than 80 characters") as info:
        validate_people(["N" * (NAME_MAX + 1)])
    assert info.value.field == "people"


def test_names_are_trimmed_deduplicated_case_insensitively_and_keep_their_order() -> None:
    people = validate_people(["  Sam   Lee ", "zoë", "", "   ", "SAM LEE", "Ann", "ZOË"])
    assert people == ("Sam Lee", "zoë", "Ann")


def test_name_with_a_control_character_or_not_text_is_refused() -> None:
    with pytest.raises(MomentError, match="control character"):
        validate_people(["Sam\x00"])
    with pytest.raises(MomentError, match="every name must be text"):
        validate_people([42])  # type: ignore[list-item]


def test_person_matching_ignores_case_spacing_and_unicode_composition() -> None:
    composed = "Zoë"
    decomposed = unicodedata.normalize("NFD", "ZOË")
    assert decomposed != "ZOË"
    assert person_key(composed) == person_key(decomposed) == person_key("  zoë ")
    assert person_key("Straße") == person_key("STRASSE")
    assert normalise_name(" Sam \t Lee ") == "Sam Lee"
    assert fold("ZOË") == fold("zoë")


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5, None])
def test_feeling_in_range_or_none_is_kept(value: int | None) -> None:
    assert validate_feeling(value) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "feeling: 0 is outside 1 to 5"),
        (6, "feeling: 6 is outside 1 to 5"),
        (-1, "feeling: -1 is outside 1 to 5"),
        (True, "feeling: True is not a whole number from 1 to 5"),
        (3.0, "feeling: 3.0 is not a whole number from 1 to 5"),
        ("3", "feeling: '3' is not a whole number from 1 to 5"),
    ],
)
def test_feeling_out_of_range_or_not_an_int_is_refused(value: object, message: str) -> None:
    with pytest.raises(MomentError) as info:
        validate_feeling(value)  # type: ignore[arg-type]
    assert str(info.value) == message


def test_kinds() -> None:
    assert validate_kind("thanks") == "thanks"
    with pytest.raises(MomentError, match="'hug' is not a kind; choose one of: smile"):
        validate_kind("hug")
    with pytest.raises(KeyError, match="unknown kind"):
        kind_by_id("hug")
    assert kind_by_id("smile").label == "Smile"
    assert len(set(KIND_IDS)) == len(KIND_IDS)
    assert default_kind(()) == "smile"
    assert default_kind(["Sam"]) == "conversation"


def test_ids_are_uuids_in_canonical_form() -> None:
    value = uuid.uuid4()
    assert validate_id(str(value).upper()) == str(value)
    with pytest.raises(MomentError, match="id: 'nope' is not a UUID"):
        validate_id("nope")


def test_occurred_at_must_be_aware_plausible_and_not_in_the_future() -> None:
    with pytest.raises(MomentError, match="needs a date, a time and a UTC offset"):
        validate_occurred_at(datetime(2026, 11, 26, 12, 0), NOW)
    with pytest.raises(MomentError, match="not one any place uses"):
        validate_occurred_at(
            datetime(2026, 11, 26, 1, 0, tzinfo=timezone(timedelta(hours=15))), NOW
        )
    with pytest.raises(MomentError, match="is in the future"):
        validate_occurred_at(NOW + timedelta(minutes=2), NOW)
    # A little clock skew is fine; microseconds are dropped; the offset is kept.
    kept = validate_occurred_at(NOW + timedelta(seconds=30, microseconds=5), NOW)
    assert kept.microsecond == 0
    assert kept.utcoffset() == timedelta(hours=1)


def test_make_moment_validates_every_field_and_stamps_utc_times(clock: FakeClock) -> None:
    now = clock.now()
    moment = make_moment(kind="thanks", occurred_at=now, now=now, note=" hi ", people=["Sam"])
    assert moment.note == "hi"
    assert moment.people == ("Sam",)
    assert moment.created_at == moment.updated_at == now.replace(microsecond=0)
    assert moment.created_at.tzinfo is UTC
    assert uuid.UUID(moment.id).version == 4
    other = make_moment(kind="thanks", occurred_at=now, now=now)
    assert other.id != moment.id
    with pytest.raises(MomentError) as info:
        make_moment(kind="smile", occurred_at=now, now=now, feeling=9)
    assert info.value.field == "feeling"


def test_draft_without_a_time_happens_now(clock: FakeClock) -> None:
    moment = MomentDraft(kind="smile", people=("Ann",)).to_moment(clock.now())
    assert moment.occurred_at == clock.now()
    assert moment.occurred_at.utcoffset() == timedelta(hours=1)
    earlier = clock.now() - timedelta(hours=3)
    assert MomentDraft(kind="smile", occurred_at=earlier).to_moment(clock.now()).occurred_at == (
        earlier
    )
