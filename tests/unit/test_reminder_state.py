"""The reminder state file: round trip, atomic private writes, unreadable files kept aside."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from micromoments_tray.core.schedule import ReminderState
from micromoments_tray.storage.reminder_state import (
    ReminderStateStore,
    from_json,
    state_path,
    to_json,
)

FULL = ReminderState(
    seed=42,
    counting_from=datetime(2026, 11, 26, 17, 30, tzinfo=UTC),
    last_shown_at=datetime(2026, 11, 26, 17, 30, tzinfo=UTC),
    recent_prompts=("smile-shop", "thanks-note"),
    ignored_streak=2,
    paused_until=datetime(2026, 11, 26, 23, 0, tzinfo=UTC),
    paused_indefinitely=False,
    snoozed_until=datetime(2026, 11, 26, 18, 0, tzinfo=UTC),
    snoozed_prompt="smile-shop",
    shown_day=date(2026, 11, 26),
    shown_count=3,
    never_again=frozenset({"conv-stranger-question"}),
    person_day=date(2026, 11, 25),
)


@pytest.fixture
def store(tmp_path: Path) -> ReminderStateStore:
    return ReminderStateStore(state_path(tmp_path / "data"))


def test_round_trip(store: ReminderStateStore) -> None:
    store.save(FULL)
    assert store.load() == FULL
    assert store.problem is None


def test_missing_file_gives_a_fresh_state_with_a_random_seed(store: ReminderStateStore) -> None:
    first, second = store.load(), store.load()
    assert first.counting_from is None and first.recent_prompts == ()
    assert store.problem is None
    assert first.seed != second.seed or first.seed != ReminderStateStore(store.path).load().seed


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_written_private_and_atomically(store: ReminderStateStore) -> None:
    store.save(FULL)
    assert store.path.stat().st_mode & 0o777 == 0o600
    assert store.path.parent.stat().st_mode & 0o777 == 0o700
    assert [p.name for p in store.path.parent.iterdir()] == ["reminders.json"]  # no temp left


def test_times_are_stored_in_utc(store: ReminderStateStore) -> None:
    store.save(FULL)
    raw = json.loads(store.path.read_text())
    assert raw["paused_until"] == "2026-11-26T23:00:00+00:00"
    assert raw["version"] == 1


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"version": 99}',
        '{"version": 1, "ignored_streak": "many"}',
        '{"version": 1, "paused_until": "soon"}',
        '{"version": 1, "paused_until": "2026-11-26T23:00:00"}',
        '{"version": 1, "recent_prompts": [1, 2]}',
        '{"version": 1, "shown_count": true}',
    ],
)
def test_an_unreadable_file_is_kept_aside_never_overwritten(
    store: ReminderStateStore, content: str
) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text(content)
    state = store.load()
    assert store.problem is not None
    assert state.counting_from is None
    assert store.path.read_text() == content  # loading alone changes nothing
    store.save(state, now=datetime(2026, 11, 26, 17, 0, tzinfo=UTC))
    kept = store.path.with_name("reminders.json.unreadable-20261126T170000Z")
    assert kept.read_text() == content
    assert store.load() == state
    # A second bad file the same second gets its own name.
    store.path.write_text(content)
    store.load()
    store.save(state, now=datetime(2026, 11, 26, 17, 0, tzinfo=UTC))
    assert kept.with_name(kept.name + "-2").read_text() == content


def test_from_json_names_the_field() -> None:
    raw = to_json(FULL)
    raw["snoozed_prompt"] = 5
    with pytest.raises(ValueError, match="snoozed_prompt"):
        from_json(raw)
