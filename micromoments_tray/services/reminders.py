"""The reminders controller: when a deadline comes, check the moment is a good one, pick a prompt,
show it in the chosen style and handle the answer ("I did one", "Later", "Not today", ignored).

It owns the reminder state (loaded at start, saved after each change) and the one scheduler;
the rules themselves live in core.schedule and core.prompts.
"""

import logging
import random
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from PySide6.QtCore import QObject, QRect, Signal

from micromoments_tray.core import schedule
from micromoments_tray.core.clock import Clock
from micromoments_tray.core.kinds import kind_by_id
from micromoments_tray.core.prompts import Prompt, choose, find, own_prompts
from micromoments_tray.core.schedule import ReminderState, ScheduleSettings, utc
from micromoments_tray.services.scheduler import ReminderScheduler, TimerFactory, qt_timer_factory
from micromoments_tray.storage.reminder_state import ReminderStateStore
from micromoments_tray.storage.settings import Settings

if TYPE_CHECKING:
    from micromoments_tray.ui.reminder_popup import ReminderPopup

log = logging.getLogger(__name__)

BUSY_RETRY = timedelta(minutes=5)  # busy: look again this much later (one deadline, moved)
SETTLE = timedelta(minutes=3)  # after a wake-up or clock jump: let the user settle first
# After the app starts (usually at login), a reminder that fell due while the computer was off
# waits this long: the first minutes of a session belong to whatever the user sat down to do.
START_SETTLE = timedelta(minutes=10)
KIND_WINDOW = timedelta(days=14)  # "done less lately" looks this far back
ACTIONS: tuple[tuple[str, str], ...] = (
    ("did-one", "I did one"),
    ("later", "Later"),
    ("not-today", "Not today"),
)
TITLE = "A small moment?"


class ReminderConfig(NamedTuple):
    schedule: ScheduleSettings = ScheduleSettings()
    style: str = "popup"  # popup | notification
    level: int = 1
    own_prompts: str = ""


def config_from(settings: Settings) -> ReminderConfig:
    """The reminder settings as plain values; a bad time or day list falls back to the default."""

    def text(name: str, default: str) -> str:
        try:
            value = settings[name]
        except KeyError:
            return default
        return value if isinstance(value, str) else default

    def number(name: str, default: int) -> int:
        try:
            value = settings[name]
        except KeyError:
            return default
        return value if isinstance(value, int) and not isinstance(value, bool) else default

    defaults = ScheduleSettings()
    try:
        start = schedule.parse_hhmm(text("reminder_start", "09:00"), allow_24=False)
        end = schedule.parse_hhmm(text("reminder_end", "20:00"))
    except ValueError:
        start, end = defaults.active_start_min, defaults.active_end_min
    try:
        days = schedule.parse_days(text("reminder_days", "every day"))
    except ValueError:
        days = defaults.active_days
    try:
        enabled = bool(settings["reminders_enabled"])
    except KeyError:
        enabled = True
    return ReminderConfig(
        schedule=ScheduleSettings(
            enabled=enabled,
            interval_min=number("reminder_interval_minutes", defaults.interval_min),
            jitter_min=number("reminder_jitter_minutes", defaults.jitter_min),
            active_start_min=start,
            active_end_min=end,
            active_days=days,
            daily_cap=number("reminder_daily_cap", defaults.daily_cap),
        ),
        style=text("reminder_style", "popup"),
        level=min(3, max(1, number("reminder_level", 1))),
        own_prompts=text("own_prompts", ""),
    )


class ReminderStatus(NamedTuple):
    text: str  # 'Next suggestion around 16:10', 'Reminders paused until 15:30'
    paused: bool


class Suggestion(NamedTuple):
    text: str
    kind: str
    prompt_id: str | None  # None for a keep-in-touch suggestion
    automatic: bool

    @property
    def kind_label(self) -> str:
        return kind_by_id(self.kind).label


class Availability(Protocol):
    def busy_reason(self) -> str | None: ...


class Presenter(Protocol):
    """Shows a suggestion; reports the answer through its `chosen(str)` signal."""

    chosen: Any  # Signal(str): did-one, later, not-today, never-again, closed, ignored

    def present(self, suggestion: Suggestion) -> None: ...

    def withdraw(self) -> None: ...


class ReminderController(QObject):
    """Wires the schedule, the availability check and the presenters together."""

    # A ReminderStatus. Not Signal(str, bool): PySide6 mishandles the reference count of a bool
    # passed to a Python slot ("bool_dealloc" crash at exit), so values travel as one object.
    status_changed = Signal(object)
    log_requested = Signal(str)  # "I did one": open the log dialog with this kind
    suggestion_shown = Signal(object)  # the Suggestion (for tests and the log)

    def __init__(
        self,
        clock: Clock,
        store: ReminderStateStore,
        *,
        config: Callable[[], ReminderConfig],
        deck: Callable[[], Sequence[Prompt]],
        last_moment: Callable[[], datetime | None],
        kind_counts: Callable[[datetime], Mapping[str, int]],
        availability: Availability,
        presenters: Mapping[str, Presenter],
        person_suggestion: Callable[[datetime], str | None] = lambda _: None,
        timer_factory: TimerFactory = qt_timer_factory,
        rng: random.Random | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._store = store
        self._config = config
        self._deck_source = deck
        self._deck: tuple[Prompt, ...] | None = None
        self._last_moment = last_moment
        self._kind_counts = kind_counts
        self.availability = availability
        self._presenters = dict(presenters)
        self._person_suggestion = person_suggestion
        self._rng = rng or random.Random()
        self.state = ReminderState()
        self.current: Suggestion | None = None
        self._presenter: Presenter | None = None
        self.hold_until: datetime | None = None  # busy or just woken: not before this
        self.scheduler = ReminderScheduler(clock, self._compute, timer_factory, self)
        self.scheduler.due.connect(self.on_due)
        self.scheduler.gap_detected.connect(lambda _s: self.on_gap())
        for presenter in self._presenters.values():
            presenter.chosen.connect(self.respond)
        for name in ("resumed",):
            signal = getattr(availability, name, None)
            if signal is not None:
                signal.connect(self.on_gap)

    # -- life cycle -----------------------------------------------------------------------------

    def start(self) -> None:
        state = self._store.load()
        if self._store.problem:
            log.warning("reminders: %s; starting afresh", self._store.problem)
        self.state = schedule.started(state, self._clock)
        if self.state != state or self._store.problem:  # only the first start changes it
            self._save()
        self.hold_until = utc(self._clock.now()) + START_SETTLE
        self.reschedule()

    def reschedule(self) -> None:
        self.scheduler.reschedule()
        self._emit_status()

    def _compute(self) -> datetime | None:
        return schedule.next_reminder(
            self._config().schedule,
            self.state,
            self._last_moment(),
            self._clock,
            not_before=self.hold_until,
        )

    def _save(self) -> None:
        try:
            self._store.save(self.state)
        except OSError as exc:
            log.error("reminder state not saved (%s): %s", self._store.path, exc)

    def _emit_status(self) -> None:
        config = self._config()
        text = schedule.status_text(
            self.state, self.scheduler.deadline, self._clock, enabled=config.schedule.enabled
        )
        paused = config.schedule.enabled and schedule.pause_active(self.state, self._clock)
        self.status_changed.emit(ReminderStatus(text, paused))

    def status(self) -> dict[str, object]:
        """What `micromoments status` prints."""
        config = self._config()

        def iso(value: datetime | None) -> str | None:
            return None if value is None else schedule.local_time(value, self._clock).isoformat()

        active = schedule.pause_active(self.state, self._clock)
        return {
            "enabled": config.schedule.enabled,
            "paused": active,
            "paused_until": iso(self.state.paused_until) if active else None,
            "next_due": iso(self.scheduler.deadline),
            "text": schedule.status_text(
                self.state, self.scheduler.deadline, self._clock, enabled=config.schedule.enabled
            ),
        }

    # -- events ---------------------------------------------------------------------------------

    def on_due(self) -> None:
        """The deadline came. Show a suggestion now, or look again a few minutes later."""
        now = self._clock.now()
        reason = "showing" if self.current is not None else self.availability.busy_reason()
        if reason is not None:
            log.info("reminder deferred: %s", reason)
            self.hold_until = utc(now) + BUSY_RETRY
            self.reschedule()
            return
        self.hold_until = None
        self._show(automatic=True)

    def on_gap(self) -> None:
        """The machine woke up or the clock changed: plan again, a little after now at the least."""
        self.hold_until = utc(self._clock.now()) + SETTLE
        self.reschedule()

    def suggest_now(self) -> Suggestion | None:
        """The user asked for a suggestion: shown at once, whatever the schedule says."""
        if self.current is not None and self._presenter is not None:
            self._presenter.withdraw()
            self.current = None
        return self._show(automatic=False)

    def pause(self, until: datetime | None) -> None:
        """Pause until `until`, or until resumed when None."""
        self.state = schedule.paused(self.state, until)
        self.hold_until = None
        self._save()
        self.reschedule()

    def pause_for(self, choice: str) -> None:
        """'30m', '1h', '3h', 'tomorrow' or 'resumed' (until the user resumes)."""
        self.pause(None if choice == "resumed" else schedule.pause_end(self._clock, choice))

    def resume(self) -> None:
        self.state = schedule.resumed(self.state, self._clock)
        self.hold_until = None
        self._save()
        self.reschedule()

    def moment_logged(self) -> None:
        """A moment was logged (here or elsewhere): count the next gap from it."""
        self.state = schedule.moment_logged(self.state)
        self._save()
        self.reschedule()

    def settings_changed(self) -> None:
        self._deck = None  # the user's own prompts may have changed
        self.reschedule()

    # -- showing --------------------------------------------------------------------------------

    def deck(self) -> tuple[Prompt, ...]:
        if self._deck is None:
            try:
                shipped = tuple(self._deck_source())
            except (OSError, ValueError) as exc:
                log.error("prompt deck not loaded: %s", exc)
                shipped = ()
            self._deck = shipped + own_prompts(self._config().own_prompts)
        return self._deck

    def _pick(self, now: datetime) -> Prompt | None:
        deck = self.deck()
        snoozed = find(deck, self.state.snoozed_prompt)
        if snoozed is not None and self.state.snoozed_until is not None:
            return snoozed
        return choose(
            deck,
            hour=schedule.local_time(now, self._clock).hour,
            recent=self.state.recent_prompts,
            never=self.state.never_again,
            level=self._config().level,
            kind_counts=self._kind_counts(now - KIND_WINDOW),
            rng=self._rng,
        )

    def _show(self, *, automatic: bool) -> Suggestion | None:
        now = self._clock.now()
        today = schedule.local_date(now, self._clock)
        suggestion: Suggestion | None = None
        if automatic and self.state.person_day != today and self.state.snoozed_until is None:
            person = self._person_suggestion(now)
            if person:
                suggestion = Suggestion(person, "check-in", None, automatic)
        if suggestion is None:
            prompt = self._pick(now)
            if prompt is None:
                log.warning("no prompt left to suggest (all retired?)")
                self.state = schedule.shown(self.state, self._clock, None, automatic=automatic)
                self._save()
                self.reschedule()
                return None
            suggestion = Suggestion(prompt.text, prompt.kind, prompt.id, automatic)
        self.state = schedule.shown(
            self.state,
            self._clock,
            suggestion.prompt_id,
            automatic=automatic,
            person=suggestion.prompt_id is None,
        )
        self._save()
        self.current = suggestion
        self._presenter = self._presenter_for(self._config().style)
        log.info("suggesting %s (%s)", suggestion.prompt_id or "a person", suggestion.kind)
        self._presenter.present(suggestion)
        if not getattr(self._presenter, "answers", True):
            self.current = None  # nothing will come back: do not wait for an answer
        self.suggestion_shown.emit(suggestion)
        self.reschedule()
        return suggestion

    def _presenter_for(self, style: str) -> Presenter:
        presenter = self._presenters.get(style)
        available = getattr(presenter, "available", None)
        if presenter is None or (callable(available) and not available()):
            presenter = self._presenters.get("fallback", self._presenters["popup"])
        return presenter

    def respond(self, action: str) -> None:
        """The answer to the suggestion on screen."""
        current = self.current
        if current is None:
            return
        self.current = None
        log.info("reminder answered: %s", action)
        if action == "did-one":
            self.log_requested.emit(current.kind)
        if action == "ignored" and not current.automatic:
            pass  # a suggestion the user asked for and let go is not a sign to back off
        else:
            self.state = schedule.responded(self.state, self._clock, action, current.prompt_id)
        if action in ("never-again", "not-today") and self._presenter is not None:
            self._presenter.withdraw()
        self._save()
        self.reschedule()


# -- presenters ------------------------------------------------------------------------------


class PopupPresenter(QObject):
    """Our own gentle pop-up, built the first time it is needed (start-up stays light)."""

    chosen = Signal(str)

    def __init__(self, anchor: Callable[[], QRect | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._anchor = anchor
        self._popup: ReminderPopup | None = None

    @property
    def popup(self) -> "ReminderPopup":
        if self._popup is None:
            from micromoments_tray.ui.reminder_popup import ReminderPopup

            self._popup = ReminderPopup()
            self._popup.chosen.connect(self.chosen)
        return self._popup

    def present(self, suggestion: Suggestion) -> None:
        self.popup.show_suggestion(suggestion.text, suggestion.kind_label, self._anchor())

    def withdraw(self) -> None:
        if self._popup is not None:
            self._popup.dismiss()


class NotifierPresenter(QObject):
    """A system notification with the same actions (org.freedesktop.Notifications on Linux)."""

    chosen = Signal(str)

    def __init__(self, notifier: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notifier = notifier
        notifier.action_invoked.connect(self.chosen)
        notifier.dismissed.connect(lambda: self.chosen.emit("ignored"))

    def available(self) -> bool:
        return bool(self._notifier.available())

    def present(self, suggestion: Suggestion) -> None:
        self._notifier.notify(TITLE, suggestion.text, ACTIONS)

    def withdraw(self) -> None:
        self._notifier.close()


class TrayMessagePresenter(QObject):
    """The tray's own balloon: no buttons, so no answer comes back (and no back-off)."""

    chosen = Signal(str)
    answers = False

    def __init__(self, show: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show

    def present(self, suggestion: Suggestion) -> None:
        self._show(TITLE, suggestion.text)

    def withdraw(self) -> None:
        pass
