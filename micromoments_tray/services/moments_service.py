"""The running app's access to moments: writes through the repository, tells widgets to refresh."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from micromoments_tray.core.clock import Clock
from micromoments_tray.core.moments import Moment, MomentDraft, make_moment
from micromoments_tray.core.week import ISO_RULES, WeekRules, this_week
from micromoments_tray.storage.repository import MomentRepository

log = logging.getLogger(__name__)


class MomentsService(QObject):
    """`changed` fires after any write, ours or another process's (via `refresh`)."""

    changed = Signal()
    logged = Signal(object)  # the new Moment
    undone = Signal(object)  # the Moment taken back

    def __init__(self, repo: MomentRepository, clock: Clock, parent: QObject | None = None):
        super().__init__(parent)
        self._repo = repo
        self._clock = clock
        self._last: Moment | None = None

    def log_draft(self, draft: MomentDraft) -> Moment:
        """Validate and store; raises MomentError (with the field) for bad input."""
        moment = self._repo.add(draft.to_moment(self._clock.now()))
        self._remember(moment)
        return moment

    def log_kind(self, kind: str) -> Moment:
        now = self._clock.now()
        moment = self._repo.add(make_moment(kind=kind, occurred_at=now, now=now))
        self._remember(moment)
        return moment

    def _remember(self, moment: Moment) -> None:
        log.info("logged moment %s (%s)", moment.id, moment.kind)
        self._last = moment
        self.logged.emit(moment)
        self.changed.emit()

    @property
    def last_logged(self) -> Moment | None:
        return self._last

    def undo_last(self) -> Moment | None:
        """Take back the moment logged last in this session (a soft delete, restorable)."""
        if self._last is None:
            return None
        moment = self._repo.delete(self._last.id, self._clock.now())
        log.info("undid moment %s", moment.id)
        self._last = None
        self.undone.emit(moment)
        self.changed.emit()
        return moment

    def forget_undo(self) -> None:
        self._last = None

    def refresh(self) -> None:
        self.changed.emit()

    def people(self) -> list[str]:
        return self._repo.people_names()

    def week_count(self, rules: WeekRules = ISO_RULES) -> int:
        """Moments this week, by the user's week rules (first weekday, day end, own offsets)."""
        now = self._clock.now()
        return self._repo.week_count(this_week(now, rules), rules)

    def seconds_to_next_week(self, rules: WeekRules = ISO_RULES) -> float:
        """When the week count next changes by itself: the start of the next week."""
        now = self._clock.now()
        next_start, _ = this_week(now, rules).next.wall_range(rules)
        boundary = self._clock.localize(next_start)
        return max(1.0, (boundary - now).total_seconds())
