"""Settings: declared once (name, type, default, label), stored as one human-readable JSON file.

Writes are atomic (temp file + rename). A file that cannot be read is kept aside under a new
name before anything is written, so a hand edit gone wrong is never lost.
"""

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from micromoments_tray.storage.files import set_aside, write_private_atomically
from micromoments_tray.storage.paths import ensure_private_dir

Value = bool | int | str


class Setting(NamedTuple):
    name: str
    default: Value
    label: str
    help: str = ""
    page: str = "General"
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for a choice of strings
    editor: str = ""  # a special editor for a text setting: "key-sequence"
    multiline: bool = False  # text edited in a multi-line box (one item per line)

    def check(self, value: object) -> Value:
        """The value if it fits this setting; ValueError with a readable reason otherwise."""
        kind = type(self.default)
        if kind is bool:
            if not isinstance(value, bool):
                raise ValueError(f"{self.name} must be true or false")
            return value
        if kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{self.name} must be a whole number")
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"{self.name} must be at least {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"{self.name} must be at most {self.maximum}")
            return value
        if not isinstance(value, str):
            raise ValueError(f"{self.name} must be text")
        if self.choices and value not in {c for c, _ in self.choices}:
            allowed = ", ".join(c for c, _ in self.choices)
            raise ValueError(f"{self.name} must be one of: {allowed}")
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "undo_seconds",
        8,
        "Offer Undo for",
        "How many seconds the Undo button stays after you log a moment.",
        minimum=3,
        maximum=60,
    ),
    Setting(
        "tooltip_week_count",
        True,
        "Show this week's count in the tray tooltip",
        "Turn off if you would rather not see a number at all.",
    ),
    Setting(
        "tray_wait_seconds",
        10,
        "Wait for the system tray for",
        "At login the panel may start after MicroMoments; this long it waits before showing "
        "a small window instead.",
        minimum=0,
        maximum=120,
    ),
    Setting(
        "ask_details",
        False,
        "Open the log dialog from the tray menu's kinds",
        "When on, choosing a kind in the tray menu opens the dialog to add who, a note and a "
        "feeling; when off, it logs the moment at once.",
    ),
    # -- Reminders (gentle suggestions) ---------------------------------------------------------
    Setting(
        "reminders_enabled",
        True,
        "Suggest a small moment now and then",
        "A quiet suggestion every couple of hours, never while you are busy, away or presenting.",
        page="Reminders",
    ),
    Setting(
        "reminder_interval_minutes",
        120,
        "About every (minutes)",
        "Counted from your last suggestion or your last logged moment, whichever came later.",
        page="Reminders",
        minimum=30,
        maximum=480,
    ),
    Setting(
        "reminder_jitter_minutes",
        20,
        "Give or take (minutes)",
        "A little randomness, so suggestions never arrive like clockwork.",
        page="Reminders",
        minimum=0,
        maximum=60,
    ),
    Setting(
        "reminder_start",
        "09:00",
        "Not before",
        "Suggestions come only between these two times, in your local time.",
        page="Reminders",
        choices=tuple((f"{h:02d}:{m:02d}", f"{h:02d}:{m:02d}") for h in range(24) for m in (0, 30)),
    ),
    Setting(
        "reminder_end",
        "20:00",
        "Not after",
        "An end before the start runs past midnight, for night owls.",
        page="Reminders",
        choices=tuple(
            (f"{h:02d}:{m:02d}", f"{h:02d}:{m:02d}")
            for h in range(25)
            for m in (0, 30)
            if (h, m) not in ((0, 0), (24, 30))
        ),
    ),
    Setting(
        "reminder_days",
        "every day",
        "On",
        "Which days suggestions may come.",
        page="Reminders",
        choices=(
            ("every day", "Every day"),
            ("mon-fri", "Monday to Friday"),
            ("sat,sun", "Saturday and Sunday"),
            ("mon-sat", "Monday to Saturday"),
            ("sun-thu", "Sunday to Thursday"),
        ),
    ),
    Setting(
        "reminder_daily_cap",
        4,
        "At most a day",
        "However the day goes, no more suggestions than this.",
        page="Reminders",
        minimum=1,
        maximum=12,
    ),
    Setting(
        "reminder_style",
        "popup",
        "Show suggestions as",
        "The small window never takes the keyboard from what you are typing in.",
        page="Reminders",
        choices=(("popup", "A small window near the tray"), ("notification", "A notification")),
    ),
    Setting(
        "reminder_level",
        1,
        "How bold (1 to 3)",
        "1: a smile or a hello. 2: a few kind words. 3: a real conversation. Start easy; "
        "raise it when you like.",
        page="Reminders",
        minimum=1,
        maximum=3,
    ),
    Setting(
        "own_prompts",
        "",
        "Your own suggestions",
        "One per line. Start a line with a kind and a colon to choose its kind, such as "
        "“thanks: Thank the person who makes my coffee”.",
        page="Reminders",
        multiline=True,
    ),
    # -- Quick log (the global shortcut and its one-line box) ----------------------------------
    Setting(
        "quick_log_hotkey",
        "Ctrl+Alt+M",
        "Quick-log shortcut",
        "Press it anywhere to open a one-line box for a moment (M for moment). Leave it empty "
        "to turn it off; the command “micromoments quick-log” works with any key you bind.",
        page="Quick log",
        editor="key-sequence",
    ),
    # -- Week & history (the end-of-week summary) ----------------------------------------------
    Setting(
        "week_start",
        "locale",
        "Weeks start on",
        "The first day of your week, for the summary and the tray's count.",
        page="Week & history",
        choices=(
            ("locale", "Your region's usual day"),
            ("monday", "Monday"),
            ("sunday", "Sunday"),
            ("saturday", "Saturday"),
        ),
    ),
    Setting(
        "day_end_hour",
        0,
        "A day ends at (hour)",
        "Night owl? With 4, a moment at 01:30 still counts for the evening before.",
        page="Week & history",
        minimum=0,
        maximum=6,
    ),
    Setting(
        "week_summary_auto",
        True,
        "Open the week's summary by itself at the end of the week",
        "Once a week, never twice. If MicroMoments was not running then, it opens at the next "
        "start within three days.",
        page="Week & history",
    ),
    Setting(
        "week_summary_day",
        "sunday",
        "Summary day",
        "The day the summary opens by itself.",
        page="Week & history",
        choices=(
            ("monday", "Monday"),
            ("tuesday", "Tuesday"),
            ("wednesday", "Wednesday"),
            ("thursday", "Thursday"),
            ("friday", "Friday"),
            ("saturday", "Saturday"),
            ("sunday", "Sunday"),
        ),
    ),
    Setting(
        "week_summary_time",
        "18:00",
        "Summary time",
        "The time of day it opens, in your local time.",
        page="Week & history",
        choices=tuple((f"{h:02d}:{m:02d}", f"{h:02d}:{m:02d}") for h in range(24) for m in (0, 30)),
    ),
    Setting(
        "show_streak",
        True,
        "Show the weeks-in-a-row count in the summary",
        "It counts weeks, not days, and a single quiet week never ends it. Turn it off if you "
        "would rather not see it at all.",
        page="Week & history",
    ),
    Setting(
        "start_at_login",
        False,
        "Start MicroMoments when I log in",
        "It waits quietly in the tray. If you remove it from your desktop's startup "
        "programs yourself, this switch follows your choice.",
        page="Startup",
    ),
)

SETTINGS_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


class Settings:
    """The user's values (only those that differ from nothing: defaults come from SETTINGS)."""

    # A plain class, not a dataclass: importing dataclasses costs the tray app ~1 MB at start.
    def __init__(
        self, values: dict[str, Value] | None = None, problems: list[str] | None = None
    ) -> None:
        self.values: dict[str, Value] = {} if values is None else values
        self.problems: list[str] = [] if problems is None else problems

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Settings):
            return NotImplemented
        return (self.values, self.problems) == (other.values, other.problems)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaced

    def __repr__(self) -> str:
        return f"Settings(values={self.values!r}, problems={self.problems!r})"

    def __getitem__(self, name: str) -> Value:
        if name in self.values:
            return self.values[name]
        return SETTINGS_BY_NAME[name].default

    def get_int(self, name: str) -> int:
        value = self[name]
        assert isinstance(value, int)
        return value

    def get_bool(self, name: str) -> bool:
        return bool(self[name])

    def with_changes(self, changes: Mapping[str, object]) -> "Settings":
        values = dict(self.values)
        for name, value in changes.items():
            spec = SETTINGS_BY_NAME.get(name)
            if spec is None:
                raise ValueError(f"there is no setting called {name}")
            values[name] = spec.check(value)
        return Settings(values, [])


class SettingsStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._unreadable = False

    def load(self) -> Settings:
        """Known, valid values from the file; anything else is reported in `problems`."""
        self._unreadable = False
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            self._unreadable = True
            return Settings(problems=[f"{self.path} cannot be read: {exc.strerror}"])
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict):
                raise ValueError("the file does not hold a JSON object")
        except ValueError as exc:
            self._unreadable = True
            return Settings(problems=[f"{self.path} is not valid settings JSON ({exc})"])
        values: dict[str, Value] = {}
        problems: list[str] = []
        for name, value in raw.items():
            spec = SETTINGS_BY_NAME.get(name)
            if spec is None:
                continue  # a newer version's setting: kept in the file, ignored here
            try:
                values[name] = spec.check(value)
            except ValueError as exc:
                problems.append(f"{exc}; using the default ({spec.default!r})")
        return Settings(values, problems)

    def save(self, settings: Settings, now: datetime | None = None) -> None:
        ensure_private_dir(self.path.parent)
        if (self._unreadable or not self._readable()) and self.path.exists():
            self._set_aside(now or datetime.now(UTC))
        self._unreadable = False
        merged = self._keep_unknown()
        merged.update(settings.values)
        write_private_atomically(self.path, json.dumps(merged, indent=2, sort_keys=True) + "\n")

    def _readable(self) -> bool:
        """True when there is no file, or it holds a JSON object this version can read."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return True
        except (OSError, ValueError):
            return False
        return isinstance(raw, dict)

    def _set_aside(self, now: datetime) -> Path:
        """Rename the unreadable file to a name no earlier copy uses, so none is overwritten."""
        return set_aside(self.path, now)

    def _keep_unknown(self) -> dict[str, object]:
        """Settings written by a newer version survive a save by this one."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(raw, dict):
            return {}
        return {k: v for k, v in raw.items() if k not in SETTINGS_BY_NAME}
