"""A week's summary straight from the database: the few queries `core.summary` needs.

The work grows with the week shown and the streak's length, not with the whole history: one
range query for the week (on the time index), counts for the eight weeks before, and further
batches of yes/no week lookups (one SQL statement each) only while the streak keeps going.
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

from micromoments_tray.core.summary import HISTORY_WEEKS, WeekSummary, summarise
from micromoments_tray.core.week import SummarySettings, Week, this_week, week_of
from micromoments_tray.storage.repository import MomentRepository

STREAK_LOOKBACK_WEEKS = 104  # a streak longer than two years is shown as two years
STREAK_FIRST_BATCH = 8  # older weeks asked in one statement; each further batch twice as many


def history_counts(repo: MomentRepository, week: Week, settings: SummarySettings) -> list[int]:
    """Counts of the weeks before `week`, oldest first, from the user's first week on.

    The last eight are counted (for the median). Further back, only while the streak goes on
    and the streak is shown, each week is asked whether it has any moment at all (1 or 0): an
    index seek per week, asked in batches of 8, 16, 32 … weeks per SQL statement, so a streak
    of two years costs four round trips and a short one a single batch.
    """
    rules = settings.rules
    first_day = repo.first_moment_day(rules)
    if first_day is None or first_day >= week.start:
        return []
    first_week = week_of(first_day, rules)
    available = min((week.start - first_week.start).days // 7, STREAK_LOOKBACK_WEEKS)
    recent = min(HISTORY_WEEKS, available)
    counts = repo.week_counts([week.shifted(-i) for i in range(recent, 0, -1)], rules)
    if not settings.show_streak or _streak_ended(counts):
        return counts
    older: list[int] = []
    back = recent + 1
    batch = STREAK_FIRST_BATCH
    while back <= available:
        last = min(back + batch - 1, available)
        answers = repo.weeks_with_moments([week.shifted(-b) for b in range(back, last + 1)], rules)
        for has in answers:
            older.append(1 if has else 0)
            if len(older) >= 2 and older[-1] == 0 and older[-2] == 0:
                return older[::-1] + counts
        back = last + 1
        batch *= 2
    return older[::-1] + counts


def _streak_ended(counts: list[int]) -> bool:
    """True when two quiet weeks in a row are already in `counts` (the streak stops there)."""
    return any(a == 0 and b == 0 for a, b in pairwise(counts))


def build_summary(
    repo: MomentRepository, week: Week, settings: SummarySettings, now: datetime
) -> WeekSummary:
    moments = repo.week_moments(week, settings.rules)
    history = history_counts(repo, week, settings)
    in_progress = week == this_week(now, settings.rules)
    return summarise(moments, week, settings, history, in_progress=in_progress)
