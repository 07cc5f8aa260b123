"""The reminders' memory between runs: one small JSON file in the data folder.

Written atomically (temp file + rename, 0600). A file that cannot be read is renamed aside
(`reminders.json.unreadable-…`) before anything new is written, never overwritten; reading it
back as default state just means the next reminder counts from now.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from micromoments_tray.core.schedule import ReminderState
from micromoments_tray.storage.files import set_aside, write_private_atomically
from micromoments_tray.storage.paths import ensure_private_dir

FILENAME = "reminders.json"
FORMAT_VERSION = 1


def fresh_state() -> ReminderState:
    # os.urandom, not secrets: importing secrets loads OpenSSL (start-up time).
    return ReminderState(seed=int.from_bytes(os.urandom(4), "big"))


def state_path(data_dir: Path) -> Path:
    return data_dir / FILENAME


def to_json(state: ReminderState) -> dict[str, Any]:
    def when(value: datetime | None) -> str | None:
        return None if value is None else value.astimezone(UTC).isoformat()

    return {
        "version": FORMAT_VERSION,
        "seed": state.seed,
        "counting_from": when(state.counting_from),
        "last_shown_at": when(state.last_shown_at),
        "recent_prompts": list(state.recent_prompts),
        "ignored_streak": state.ignored_streak,
        "paused_until": when(state.paused_until),
        "paused_indefinitely": state.paused_indefinitely,
        "snoozed_until": when(state.snoozed_until),
        "snoozed_prompt": state.snoozed_prompt,
        "shown_day": None if state.shown_day is None else state.shown_day.isoformat(),
        "shown_count": state.shown_count,
        "never_again": sorted(state.never_again),
        "person_day": None if state.person_day is None else state.person_day.isoformat(),
    }


def from_json(raw: object) -> ReminderState:
    """The state in `raw`; ValueError naming the first field that is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    version = raw.get("version")
    if type(version) is not int or version > FORMAT_VERSION:
        raise ValueError(f"unknown format version {version!r}")

    def field(name: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = raw.get(name, default)
        if value is None and default is None:
            return None
        if isinstance(value, bool) and kind is int:
            raise ValueError(f"{name} must be a number")
        if not isinstance(value, kind):
            raise ValueError(f"{name} has the wrong type")
        return value

    def when(name: str) -> datetime | None:
        text = field(name, str, None)
        if text is None:
            return None
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{name} is not a date-time") from None
        if value.tzinfo is None:
            raise ValueError(f"{name} has no UTC offset")
        return value.astimezone(UTC)

    def day(name: str) -> date | None:
        text = field(name, str, None)
        try:
            return None if text is None else date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{name} is not a date") from None

    def strings(name: str) -> list[str]:
        values = field(name, list, [])
        if not all(isinstance(v, str) for v in values):
            raise ValueError(f"{name} must be a list of ids")
        return list(values)

    return ReminderState(
        seed=field("seed", int, 0),
        counting_from=when("counting_from"),
        last_shown_at=when("last_shown_at"),
        recent_prompts=tuple(strings("recent_prompts")),
        ignored_streak=max(0, field("ignored_streak", int, 0)),
        paused_until=when("paused_until"),
        paused_indefinitely=field("paused_indefinitely", bool, False),
        snoozed_until=when("snoozed_until"),
        snoozed_prompt=field("snoozed_prompt", str, None),
        shown_day=day("shown_day"),
        shown_count=max(0, field("shown_count", int, 0)),
        never_again=frozenset(strings("never_again")),
        person_day=day("person_day"),
    )


class ReminderStateStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None  # why the file on disk could not be used, if it couldn't
        self._unreadable = False

    def load(self) -> ReminderState:
        """The stored state, or a fresh one (with `problem` set when the file was unreadable)."""
        self.problem = None
        self._unreadable = False
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return fresh_state()
        except OSError as exc:
            return self._fresh_because(f"{self.path} cannot be read: {exc.strerror}")
        try:
            return from_json(json.loads(text))
        except ValueError as exc:
            return self._fresh_because(f"{self.path} is not valid reminder state ({exc})")

    def _fresh_because(self, problem: str) -> ReminderState:
        self.problem = problem
        self._unreadable = True
        return fresh_state()

    def save(self, state: ReminderState, now: datetime | None = None) -> None:
        ensure_private_dir(self.path.parent)
        if self._unreadable and self.path.exists():
            self._set_aside(now or datetime.now(UTC))
        self._unreadable = False
        write_private_atomically(
            self.path, json.dumps(to_json(state), indent=2, sort_keys=True) + "\n"
        )

    def _set_aside(self, now: datetime) -> Path:
        return set_aside(self.path, now)
