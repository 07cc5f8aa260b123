"""The week summary, history and people windows, wired to the repository.

Windows are built on first open. The app calls `refresh()` after any change (ours or another
process's), and only open windows read again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox

from micromoments_tray.core.clock import Clock
from micromoments_tray.core.kinds import KINDS
from micromoments_tray.core.moments import Moment, MomentError
from micromoments_tray.core.week import SummarySettings, Week, this_week, today
from micromoments_tray.services.moments_service import MomentsService
from micromoments_tray.services.week_end import settings_for
from micromoments_tray.storage.repository import MomentQuery, MomentRepository
from micromoments_tray.storage.settings import Settings
from micromoments_tray.storage.week_report import build_summary
from micromoments_tray.ui.history_model import HistoryFilter
from micromoments_tray.ui.history_window import HistoryWindow, describe_deleted
from micromoments_tray.ui.people_window import PeopleWindow
from micromoments_tray.ui.summary_window import SummaryWindow

log = logging.getLogger(__name__)


class RepositoryHistorySource:
    """The history model's `HistorySource` over the repository (one COUNT, one page a time)."""

    def __init__(self, repo: MomentRepository, clock: Clock) -> None:
        self._repo = repo
        self._clock = clock

    def _query(self, f: HistoryFilter) -> MomentQuery:
        # Days as lived where each moment happened, like the week summary.
        return MomentQuery(
            since_day=f.since,
            until_day=f.until,
            kind=f.kind,
            person=f.person or None,
            search=f.text or None,
        )

    def count(self, filters: HistoryFilter) -> int:
        return self._repo.count(self._query(filters))

    def fetch(
        self, filters: HistoryFilter, sort: str, descending: bool, offset: int, limit: int
    ) -> list[Moment]:
        query = self._query(filters)._replace(
            order_by=sort, newest_first=descending, limit=limit, offset=offset
        )
        return self._repo.query(query)


class WeekViews:
    def __init__(
        self,
        repo: MomentRepository,
        service: MomentsService,
        clock: Clock,
        settings: Callable[[], Settings],
    ) -> None:
        self._repo = repo
        self._service = service
        self._clock = clock
        self._settings = settings
        self._summary_window: SummaryWindow | None = None
        self._history_window: HistoryWindow | None = None
        self._people_window: PeopleWindow | None = None
        self.shown_week: Week | None = None
        self._undo_stack: list[list[str]] = []

    def summary_settings(self) -> SummarySettings:
        return settings_for(self._settings())

    # -- the summary -----

    @property
    def summary_window(self) -> SummaryWindow:
        if self._summary_window is None:
            window = SummaryWindow()
            window.previous_requested.connect(lambda: self._step(-1))
            window.next_requested.connect(lambda: self._step(1))
            window.this_week_requested.connect(lambda: self.show_week(None))
            self._summary_window = window
        return self._summary_window

    def open_summary(self, week: Week | None = None, *, activate: bool = True) -> None:
        self.show_week(week)
        self.summary_window.present(activate=activate)

    def show_week(self, week: Week | None) -> None:
        settings = self.summary_settings()
        now = self._clock.now()
        current = this_week(now, settings.rules)
        week = current if week is None else week
        if week.start > current.start:
            week = current
        summary = build_summary(self._repo, week, settings, now)
        self.shown_week = week
        self.summary_window.show_summary(
            summary, is_current=week == current, today=today(now, settings.rules)
        )

    def _step(self, weeks: int) -> None:
        base = self.shown_week or this_week(self._clock.now(), self.summary_settings().rules)
        self.show_week(base.shifted(weeks))

    # -- history -----

    @property
    def history_window(self) -> HistoryWindow:
        if self._history_window is None:
            window = HistoryWindow(RepositoryHistorySource(self._repo, self._clock), KINDS)
            window.edit_saved.connect(self._save_edit)
            window.delete_requested.connect(self._delete)
            window.undo_requested.connect(self._undo)
            self._history_window = window
        return self._history_window

    def open_history(self) -> None:
        window = self.history_window
        window.set_context(self._clock.now(), self._repo.people_names())
        window.show()
        window.raise_()
        window.activateWindow()

    def _write(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except MomentError as exc:
            self._warn("Not changed", exc.message)
            return False
        except sqlite3.Error as exc:
            log.exception("history write failed")
            self._warn("Not changed", str(exc))
            return False
        self._service.refresh()  # every view (tray count, open windows) reads again
        return True

    def _save_edit(self, moment: object) -> None:
        assert isinstance(moment, Moment)
        self._write(lambda: self._repo.update(moment, self._clock.now()))

    def _delete(self, ids: object) -> None:
        assert isinstance(ids, list)
        changed: list[str] = []

        def run() -> None:
            changed.extend(self._repo.delete_many(ids, self._clock.now()))

        if self._write(run) and changed:
            self._undo_stack.append(changed)
            self.history_window.set_undo_available(describe_deleted(len(changed)))

    def _undo(self) -> None:
        if not self._undo_stack:
            return
        ids = self._undo_stack.pop()
        if self._write(lambda: self._repo.restore_many(ids, self._clock.now())):
            count = len(ids)
            text = "1 moment is back." if count == 1 else f"{count} moments are back."
            self.history_window.set_undo_available(
                describe_deleted(len(self._undo_stack[-1])) if self._undo_stack else None
            )
            self.history_window.status_label.setText(text)

    # -- people -----

    @property
    def people_window(self) -> PeopleWindow:
        if self._people_window is None:
            window = PeopleWindow()
            window.keep_in_touch_changed.connect(self._set_rhythm)
            window.rename_requested.connect(
                lambda old, new: self._write(lambda: self._repo.rename_person(old, new))
            )
            window.merge_requested.connect(
                lambda source, target: self._write(lambda: self._repo.merge_people(source, target))
            )
            self._people_window = window
        return self._people_window

    def open_people(self) -> None:
        self._load_people()
        self.people_window.show()
        self.people_window.raise_()
        self.people_window.activateWindow()

    def _load_people(self) -> None:
        self.people_window.set_people(
            self._repo.people_stats(), self._clock.now(), self.summary_settings().rules
        )

    def _set_rhythm(self, name: str, days: object) -> None:
        value = days if isinstance(days, int) else None
        self._write(lambda: self._repo.set_keep_in_touch(name, value))

    # -- keeping open windows current -----

    def refresh(self) -> None:
        if self._summary_window is not None and self._summary_window.isVisible():
            self.show_week(self.shown_week)
        if self._history_window is not None and self._history_window.isVisible():
            self._history_window.set_context(self._clock.now(), self._repo.people_names())
            self._history_window.reload()
        if self._people_window is not None and self._people_window.isVisible():
            self._load_people()

    def close_all(self) -> None:
        for window in (self._summary_window, self._history_window, self._people_window):
            if window is not None:
                window.close()

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(None, f"{title} — MicroMoments", text)
