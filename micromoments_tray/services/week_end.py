"""The end-of-week summary opening by itself: once a week, at the user's day and time.

One single-shot QTimer is armed for the next deadline (`timer`, exposed so tests fire it by
hand). It is capped at an hour, so a suspended laptop or a clock change is noticed within the
hour instead of never; `check()` may also be called at any time (the app does on every refresh).

The rules are pure (`core.week.summary_due`): due from the deadline on for three days (the app
may not have been running), never twice for the same week. The last week shown is remembered in
a small JSON file in the data folder, written atomically.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

from micromoments_tray.core.clock import Clock
from micromoments_tray.core.week import (
    SummarySettings,
    WeekEndPlan,
    WeekRules,
    last_deadline,
    locale_first_weekday,
    next_deadline,
    summary_due,
)
from micromoments_tray.qt_machinery import set_enum_property
from micromoments_tray.storage.files import write_private_atomically
from micromoments_tray.storage.paths import ensure_private_dir
from micromoments_tray.storage.settings import Settings
from micromoments_tray.storage.week_settings import summary_settings

log = logging.getLogger(__name__)
STATE_FILENAME = "week_end.json"
MAX_WAIT_S = 3600.0


def system_first_weekday(platform: str | None = None) -> int:
    """The first day of the week of the user's locale (0 Monday … 6 Sunday).

    Read from the locale's territory as `micromoments summary` reads it, so the command line
    and the summary window always agree. Windows and macOS keep the locale in system settings,
    not in LANG, so there Qt names it. (QLocale.firstDayOfWeek() would answer directly, but its
    Qt.DayOfWeek result would make start-up build PySide6's whole Qt enum namespace.)
    """
    if (platform or sys.platform) in ("win32", "darwin"):
        return locale_first_weekday({"LANG": QLocale().name()})
    return locale_first_weekday()


def settings_for(settings: Settings) -> SummarySettings:
    """The user's week rules, with the locale's first day when they keep "locale"."""
    return summary_settings(settings, system_first_weekday())


class WeekEndState:
    """{"last_shown_week": "2026-W48", "first_seen": "2026-11-20T10:00:00+01:00"}."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, object]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("week-end state %s unreadable (%s); starting afresh", self.path, exc)
            return {"first_seen": None}
        return raw if isinstance(raw, dict) else {}

    def exists(self) -> bool:
        return self.path.exists()

    @property
    def last_shown(self) -> str | None:
        value = self._read().get("last_shown_week")
        return value if isinstance(value, str) else None

    @property
    def first_seen(self) -> datetime | None:
        value = self._read().get("first_seen")
        if not isinstance(value, str):
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None

    def write(self, *, last_shown: str | None, first_seen: datetime | None) -> None:
        data = {
            "last_shown_week": last_shown,
            "first_seen": None if first_seen is None else first_seen.isoformat(),
        }
        ensure_private_dir(self.path.parent)
        write_private_atomically(self.path, json.dumps(data, indent=2) + "\n")


class WeekEndTimer(QObject):
    """Emits `due(Week)` when the week's summary should open by itself."""

    due = Signal(object)

    def __init__(self, clock: Clock, state: WeekEndState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._state = state
        self.plan = WeekEndPlan()
        self.rules = WeekRules()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        set_enum_property(self.timer, "timerType", "VeryCoarseTimer")
        self.timer.timeout.connect(self.check)

    def configure(self, plan: WeekEndPlan, rules: WeekRules) -> None:
        """Take the user's settings, open the summary if it is due now, arm for the next time."""
        self.plan = plan
        self.rules = rules
        self.check()

    def check(self) -> None:
        now = self._clock.now()
        if not self._state.exists():
            # A fresh install: a summary of a week before MicroMoments was there is no welcome.
            self._state.write(last_shown=None, first_seen=now)
        week = summary_due(now, self.plan, self.rules, self._state.last_shown)
        first_seen = self._state.first_seen
        if week is not None and first_seen is not None:
            deadline = self._clock.localize(last_deadline(now, self.plan))
            if deadline < first_seen:
                week = None
        if week is not None:
            self._state.write(last_shown=week.id, first_seen=first_seen)
            log.info("week-end summary for %s opens", week.id)
            self.due.emit(week)
        self._arm(now)

    def seconds_to_next(self, now: datetime | None = None) -> float:
        now = now or self._clock.now()
        target = self._clock.localize(next_deadline(now, self.plan))
        return max(1.0, (target - now).total_seconds())

    def _arm(self, now: datetime) -> None:
        if not self.plan.enabled:
            self.timer.stop()
            return
        wait = min(self.seconds_to_next(now), MAX_WAIT_S)
        self.timer.start(int(wait * 1000))
