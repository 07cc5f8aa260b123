"""The week's summary: counts by day and kind, people, feeling, highlights, comparison, streak."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from micromoments_tray.core.moments import Moment, make_moment
from micromoments_tray.core.summary import (
    SUGGESTIONS,
    WELCOME,
    comparison_text,
    streak_of,
    summarise,
)
from micromoments_tray.core.week import MONDAY, SUNDAY, SummarySettings, Week, WeekRules

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
W48 = Week(date(2026, 11, 23))


def _m(
    when: datetime,
    kind: str = "smile",
    *,
    note: str = "",
    people: tuple[str, ...] = (),
    feeling: int | None = None,
) -> Moment:
    return make_moment(
        kind=kind, occurred_at=when, now=NOW, note=note, people=people, feeling=feeling
    )


def _at(day: int, hour: int = 12, minute: int = 0, tz: object = BERLIN) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=tz)  # type: ignore[arg-type]


def _week_moments() -> list[Moment]:
    return [
        _m(_at(23, 9), "greeting", people=("Sam",), feeling=3),
        _m(_at(23, 18), "thanks", note="Thanked the bus driver", feeling=5),
        _m(_at(25, 12), "smile"),
        _m(
            _at(27, 20), "conversation", note="Long talk with Ana", people=("Ana", "sam"), feeling=4
        ),
        _m(_at(29, 23, 30), "message", note="Wrote to Grandma", people=("Grandma",), feeling=5),
        _m(_at(22, 23), "smile", note="last week"),  # outside
        _m(_at(30, 1, 30), "kindness", note="Helped a neighbour carry bags", feeling=2),
    ]


def test_counts_by_day_kind_and_people() -> None:
    summary = summarise(_week_moments(), W48, SummarySettings(), [2, 3, 4])
    assert summary.week_id == "2026-W48"
    assert summary.total == 5
    assert [d.day for d in summary.by_day] == list(W48.days)
    assert summary.by_day[0].counts == {"greeting": 1, "thanks": 1}
    assert summary.by_day[2].total == 1
    assert summary.by_day[6].counts == {"message": 1}
    assert summary.by_kind == {
        "greeting": 1,
        "thanks": 1,
        "smile": 1,
        "message": 1,
        "conversation": 1,
    }
    # "Sam" and "sam" are one person, shown in the latest spelling, most moments first.
    assert [(p.name, p.moments) for p in summary.people] == [("sam", 2), ("Ana", 1), ("Grandma", 1)]
    assert summary.average_feeling == 4.2
    assert [h.note for h in summary.highlights] == [
        "Thanked the bus driver",
        "Wrote to Grandma",
        "Long talk with Ana",
    ]
    assert summary.welcome is None and summary.suggestion is None
    assert summary.median == 3.0
    assert summary.comparison is not None and "fuller" in summary.comparison


def test_a_late_day_end_moves_the_night_moment_into_the_week() -> None:
    summary = summarise(_week_moments(), W48, SummarySettings(WeekRules(MONDAY, 4)))
    assert summary.total == 6
    assert summary.by_day[6].counts == {"message": 1, "kindness": 1}


def test_moments_are_grouped_by_their_own_offset() -> None:
    new_york = timezone(timedelta(hours=-5))
    late_in_new_york = _m(_at(29, 23, 30, new_york))  # Monday 05:30 in Berlin
    summary = summarise([late_in_new_york], W48)
    assert summary.total == 1
    assert summary.by_day[6].total == 1


def test_a_sunday_week() -> None:
    week = Week(date(2026, 11, 22))
    summary = summarise(_week_moments(), week, SummarySettings(WeekRules(SUNDAY)))
    assert summary.by_day[0].day == date(2026, 11, 22)
    assert summary.total == 5  # the 22nd counts, the 29th does not


def test_deleted_moments_never_count() -> None:
    gone = _m(_at(24))._replace(deleted_at=NOW)
    assert summarise([gone], W48).total == 0


def test_an_empty_week_is_welcome() -> None:
    summary = summarise([], W48, SummarySettings(), [3, 0, 2], in_progress=False)
    assert summary.is_empty
    assert summary.welcome == WELCOME
    assert summary.suggestion in SUGGESTIONS
    assert summary.comparison is None
    assert summary.highlights == ()
    text = summary.to_text() + summary.to_markdown()
    for unkind in ("fail", "broke", "missed", "lost", "only", "should"):
        assert unkind not in text.lower()
    # The same week always gets the same suggestion; the next week another.
    assert summarise([], W48).suggestion == summary.suggestion
    assert summarise([], W48.next).suggestion != summary.suggestion


def test_comparison_in_kind_words() -> None:
    assert comparison_text(0, 3) is None
    assert "beginning" in (comparison_text(2, None) or "")
    assert "usual rhythm of about 4" in (comparison_text(4, 4) or "")
    assert "fuller" in (comparison_text(6, 4) or "")
    quieter = comparison_text(2, 4) or ""
    assert "quieter" in quieter and "part of the rhythm" in quieter
    assert "about 2.5" in (comparison_text(3, 2.5) or "")


def test_median_uses_only_the_last_eight_weeks() -> None:
    history = [100, 100, 100, 1, 1, 1, 1, 2, 2, 2, 2]
    summary = summarise([_m(_at(24))], W48, SummarySettings(), history)
    assert summary.median == 1.5


def test_streak_counts_weeks_and_forgives_one_quiet_week() -> None:
    assert streak_of(2, [1, 1, 1], in_progress=True) == (4, False)
    assert streak_of(2, [1, 0, 1], in_progress=True) == (3, True)
    assert streak_of(2, [1, 0, 0, 1], in_progress=True) == (2, False)
    # A current week with nothing yet has not happened: the streak behind it stands.
    assert streak_of(0, [1, 1], in_progress=True) == (2, False)
    # A finished quiet week rests it too; two in a row end it.
    assert streak_of(0, [1, 1], in_progress=False) == (2, False)
    assert streak_of(0, [1, 0], in_progress=False) == (0, False)
    assert streak_of(0, [0, 1], in_progress=False) == (1, False)
    assert streak_of(0, [], in_progress=True) == (0, False)


def test_the_streak_can_be_hidden() -> None:
    shown = summarise([_m(_at(24))], W48, SummarySettings(), [1, 0, 2])
    assert shown.streak is not None and shown.streak.weeks == 3 and shown.streak.rested
    assert "rest" in shown.streak.text
    hidden = summarise([_m(_at(24))], W48, SummarySettings(show_streak=False), [1, 0, 2])
    assert hidden.streak is None
    assert "Rhythm" not in hidden.to_text()


def test_json_markdown_and_text_forms() -> None:
    summary = summarise(_week_moments(), W48, SummarySettings(), [2, 3])
    data = json.loads(summary.to_json())
    assert data["week"] == "2026-W48"
    assert (data["start"], data["end"]) == ("2026-11-23", "2026-11-29")
    assert data["total"] == 5 and isinstance(data["total"], int)
    assert len(data["by_day"]) == 7
    assert data["by_day"][0] == {
        "date": "2026-11-23",
        "counts": {"greeting": 1, "thanks": 1},
        "total": 2,
    }
    assert data["by_kind"]["thanks"] == 1
    assert data["people"][0] == {"name": "sam", "count": 2}
    assert data["average_feeling"] == 4.2
    markdown = summary.to_markdown()
    assert markdown.startswith("## Your week: 23 – 29 November 2026")
    assert "| Monday 23 | 1 greeting, 1 thank-you |" in markdown
    assert "- Thanked the bus driver (Monday 23)" in markdown
    text = summary.to_text()
    assert "5 moments of connection" in text
    assert "To think about:" in text
