"""The week's settings read from the user's settings: how weeks are cut, when the summary opens.

Kept apart from week_report (which builds summaries) so the tray app reads them at start-up
without loading the summary code.
"""

from __future__ import annotations

from datetime import time

from micromoments_tray.core.week import SummarySettings, WeekEndPlan, WeekRules, weekday_number
from micromoments_tray.storage.settings import Settings


def summary_settings(settings: Settings, locale_first_weekday: int) -> SummarySettings:
    """The user's week rules and streak choice. `locale_first_weekday` (0 Monday … 6 Sunday) is
    used when they keep "locale" (the locale's first day, as `desktop.week_end` or the command
    line reads it)."""
    start = str(settings["week_start"])
    first = locale_first_weekday if start == "locale" else weekday_number(start)
    rules = WeekRules(first, settings.get_int("day_end_hour")).checked()
    return SummarySettings(rules, settings.get_bool("show_streak"))


def week_end_plan(settings: Settings) -> WeekEndPlan:
    """When the week's summary opens by itself."""
    hour, minute = (int(part) for part in str(settings["week_summary_time"]).split(":"))
    return WeekEndPlan(
        enabled=settings.get_bool("week_summary_auto"),
        weekday=weekday_number(str(settings["week_summary_day"])),
        at=time(hour, minute),
    )
