"""The week's summary as plain data, and its words. Pure: the window and the CLI only show it.

What the summary does and does not do (see RESEARCH.md, "What to avoid"):

- It compares a week only with the user's own recent weeks (the median of the last eight), in
  kind words; never with anyone else, never as a grade.
- The streak counts weeks, not days ("weeks with at least one moment"); a single quiet week
  rests it, never breaks it; the user can hide it.
- An empty week is welcome: a warm line and one easy suggestion, nothing about what was missed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, NamedTuple

from micromoments_tray.core.kinds import KIND_IDS, kind_by_id
from micromoments_tray.core.moments import Moment, person_key
from micromoments_tray.core.week import SummarySettings, Week, moment_day

HISTORY_WEEKS = 8  # the median compares with this many weeks before
HIGHLIGHTS = 3


DEFAULT_SETTINGS = SummarySettings()


class DayCounts(NamedTuple):
    day: date
    counts: dict[str, int]  # kind id -> count, only kinds that happened

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class PersonCount(NamedTuple):
    name: str
    moments: int


class Highlight(NamedTuple):
    note: str
    kind: str
    day: date
    feeling: int | None
    people: tuple[str, ...]


class Streak(NamedTuple):
    weeks: int  # weeks with at least one moment, counted back until two quiet weeks in a row
    rested: bool  # a single quiet week sits inside it
    text: str


class WeekSummary(NamedTuple):
    week: Week
    total: int
    by_day: tuple[DayCounts, ...]  # always seven, first day of the week first
    by_kind: dict[str, int]  # kind id -> count, in the kinds' order, only kinds that happened
    people: tuple[PersonCount, ...]  # most moments first
    average_feeling: float | None
    highlights: tuple[Highlight, ...]
    median: float | None  # of the weeks before, None when there is no history yet
    comparison: str | None  # the kind sentence comparing with `median`
    streak: Streak | None  # None when hidden or when there is nothing to count yet
    reflection: str
    welcome: str | None  # only for an empty week
    suggestion: str | None  # only for an empty week

    @property
    def week_id(self) -> str:
        return self.week.id

    @property
    def start(self) -> date:
        return self.week.start

    @property
    def end(self) -> date:
        return self.week.end

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    @property
    def headline(self) -> str:
        return moments_phrase(self.total)

    # -- other forms -----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: week, start, end, total, by_day, by_kind, people, average_feeling …"""
        return {
            "week": self.week_id,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "total": self.total,
            "by_day": [
                {"date": d.day.isoformat(), "counts": dict(d.counts), "total": d.total}
                for d in self.by_day
            ],
            "by_kind": dict(self.by_kind),
            "people": [{"name": p.name, "count": p.moments} for p in self.people],
            "average_feeling": self.average_feeling,
            "highlights": [
                {
                    "note": h.note,
                    "kind": h.kind,
                    "date": h.day.isoformat(),
                    "feeling": h.feeling,
                    "people": list(h.people),
                }
                for h in self.highlights
            ],
            "usual_week": self.median,
            "comparison": self.comparison,
            "streak": None if self.streak is None else self.streak._asdict(),
            "reflection": self.reflection,
            "welcome": self.welcome,
            "suggestion": self.suggestion,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) pairs shared by the text and Markdown forms."""
        rows: list[tuple[str, str]] = []
        if self.is_empty:
            assert self.welcome is not None and self.suggestion is not None
            rows.append(("", self.welcome))
            rows.append(("One easy idea", self.suggestion))
        else:
            count = self.headline[0].upper() + self.headline[1:]
            rows.append(("", count + (f". {self.comparison}" if self.comparison else ".")))
            rows.append(("Kinds", kinds_text(self.by_kind)))
            if self.people:
                rows.append(("People", people_text(self.people)))
            if self.average_feeling is not None:
                rows.append(("How connected it felt", feeling_text(self.average_feeling)))
        if self.streak is not None:
            rows.append(("Rhythm", self.streak.text))
        rows.append(("To think about", self.reflection))
        return rows

    def to_markdown(self) -> str:
        out = [f"## Your week: {self.week.heading()}", ""]
        for label, text in self.lines():
            out.append(f"**{label}:** {text}" if label else text)
            out.append("")
        if not self.is_empty:
            out.append("| Day | Moments |")
            out.append("|---|---|")
            for d in self.by_day:
                out.append(f"| {day_label(d.day)} | {day_counts_text(d) or '–'} |")
            out.append("")
        if self.highlights:
            out.append("**Highlights**")
            out.append("")
            for h in self.highlights:
                out.append(f"- {_one_line(h.note)} ({day_label(h.day)})")
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def to_text(self) -> str:
        out = [f"Your week: {self.week.heading()} ({self.week_id})", ""]
        for label, text in self.lines():
            out.append(f"{label}: {text}" if label else text)
        if not self.is_empty:
            out.append("")
            for d in self.by_day:
                out.append(f"  {day_label(d.day):<15} {day_counts_text(d) or '-'}")
        if self.highlights:
            out.append("")
            out.append("Highlights:")
            for h in self.highlights:
                out.append(f"  - {_one_line(h.note)} ({day_label(h.day)})")
        return "\n".join(out) + "\n"


# -- words ---------------------------------------------------------------------------------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_label(day: date) -> str:
    """'Monday 23'."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day}"


def moments_phrase(count: int) -> str:
    if count == 1:
        return "1 moment of connection"
    return f"{count} moments of connection"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


_KIND_WORDS = {
    "smile": ("smile", "smiles"),
    "greeting": ("greeting", "greetings"),
    "thanks": ("thank-you", "thank-yous"),
    "check-in": ("check-in", "check-ins"),
    "message": ("message", "messages"),
    "kindness": ("kindness", "kindnesses"),
    "conversation": ("conversation", "conversations"),
}


def kind_count_text(kind: str, count: int) -> str:
    one, many = _KIND_WORDS.get(kind, (kind, kind))
    return _plural(count, one, many)


def kinds_text(by_kind: dict[str, int]) -> str:
    return ", ".join(kind_count_text(k, n) for k, n in by_kind.items())


def day_counts_text(day: DayCounts) -> str:
    return ", ".join(kind_count_text(k, n) for k, n in day.counts.items())


def people_text(people: Sequence[PersonCount]) -> str:
    return ", ".join(p.name if p.moments == 1 else f"{p.name} ({p.moments})" for p in people)


def feeling_text(average: float) -> str:
    return f"{average:.1f} out of 5"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _median(values: Sequence[int]) -> float:
    """The middle of the values (the mean of the two middle ones for an even count).

    Written out: the statistics module costs the tray app several milliseconds at start-up.
    """
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def _median_text(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def comparison_text(total: int, median: float | None) -> str | None:
    """How the week sits beside the user's usual week, in kind words; None for an empty week."""
    if total == 0:
        return None
    if median is None:
        return "Your first weeks here are a beginning to build on, not a test."
    usual = _median_text(median)
    if median == 0:
        return "More than your usual week — lovely to see."
    if total >= median * 1.25 and total - median >= 1:
        return f"A fuller week than usual for you (your usual is about {usual})."
    if total <= median * 0.75 and median - total >= 1:
        return (
            f"A quieter week than your usual (about {usual}); quiet weeks are part of the rhythm."
        )
    return f"Right around your usual rhythm of about {usual} a week."


REFLECTIONS = (
    "Which of these moments would you like to have again?",
    "Who made you feel seen this week?",
    "Was there a moment that surprised you by how good it felt?",
    "Whose day might you brighten next week, with very little effort?",
    "What made it easy to reach out when you did?",
    "Who have you been thinking of lately without telling them?",
    "Where in your ordinary day is a smile most likely to be welcome?",
)

EMPTY_REFLECTIONS = (
    "Who crossed your mind this week, even briefly?",
    "Where in your ordinary day is a smile most likely to be welcome?",
    "Is there someone you would enjoy hearing from? They may feel the same.",
)

WELCOME = (
    "A quiet week — and that is perfectly fine. Every week is a fresh page, and this one is "
    "still yours."
)

SUGGESTIONS = (
    "Thank the next person who serves you, and mean it — it lands better than we expect.",
    "Send one short message to someone you thought of this week: “thinking of you”.",
    "Say hello to a neighbour or a colleague you usually pass in silence.",
    "Smile at the next person whose eyes you meet.",
    "Ask someone how they are really doing, and wait for the answer.",
)


def _pick(options: Sequence[str], week: Week) -> str:
    # The same week always gets the same line, and neighbouring weeks get different ones.
    return options[week.start.toordinal() // 7 % len(options)]


def streak_of(this_total: int, earlier: Sequence[int], *, in_progress: bool) -> tuple[int, bool]:
    """Weeks with at least one moment, counting back from this week (newest `earlier` last).

    A single quiet week rests the streak; two quiet weeks in a row end it. A week still in
    progress with no moment yet is not counted as quiet: it simply has not happened yet.
    `rested` is true when a quiet week sits between two active ones.
    """
    counts = [*earlier, this_total]
    if in_progress and this_total == 0:
        counts.pop()
    weeks = 0
    rested = False
    quiet_run = 0
    for count in reversed(counts):
        if count > 0:
            if quiet_run == 1 and weeks > 0:
                rested = True
            weeks += 1
            quiet_run = 0
        else:
            quiet_run += 1
            if quiet_run >= 2:
                break
    return weeks, rested


def streak_text(weeks: int, rested: bool) -> str:
    if weeks == 1:
        base = "1 week with at least one moment."
    else:
        base = f"{weeks} weeks in a row with at least one moment."
    if rested:
        base += " A quiet week in between simply gave it a rest."
    return base


def summarise(
    moments: Iterable[Moment],
    week: Week,
    settings: SummarySettings = DEFAULT_SETTINGS,
    history_counts: Sequence[int] = (),
    *,
    in_progress: bool = False,
) -> WeekSummary:
    """The summary of `week` from its moments.

    `moments` may hold moments outside the week (for example from a padded query); only those
    whose local day falls in the week count, and deleted ones never do. `history_counts` are the
    counts of the weeks before this one, oldest first, no earlier than the user's first week
    (the median uses the last eight; the streak may look further back). `in_progress` is true
    while the week is not over, so an empty current week is not counted as quiet yet.
    """
    rules = settings.rules
    per_day: dict[date, dict[str, int]] = {d: {} for d in week.days}
    by_kind_raw: dict[str, int] = {}
    people: dict[str, list[Any]] = {}  # key -> [name, count, latest time]
    feelings: list[int] = []
    kept: list[tuple[Moment, date]] = []
    for moment in moments:
        if moment.is_deleted:
            continue
        day = moment_day(moment, rules)
        if day not in per_day:
            continue
        kept.append((moment, day))
        per_day[day][moment.kind] = per_day[day].get(moment.kind, 0) + 1
        by_kind_raw[moment.kind] = by_kind_raw.get(moment.kind, 0) + 1
        if moment.feeling is not None:
            feelings.append(moment.feeling)
        for name in moment.people:
            entry = people.setdefault(person_key(name), [name, 0, moment.occurred_at])
            entry[1] += 1
            if moment.occurred_at >= entry[2]:
                entry[0], entry[2] = name, moment.occurred_at  # the latest spelling wins
    order = {k: i for i, k in enumerate(KIND_IDS)}

    def ordered(counts: dict[str, int]) -> dict[str, int]:
        return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], 99), kv[0])))

    total = len(kept)
    recent = list(history_counts)[-HISTORY_WEEKS:]
    median = _median(recent) if recent else None
    streak: Streak | None = None
    if settings.show_streak:
        weeks, rested = streak_of(total, history_counts, in_progress=in_progress)
        if weeks > 0:
            streak = Streak(weeks, rested, streak_text(weeks, rested))
    noted = [(m, d) for m, d in kept if m.note]
    noted.sort(key=lambda md: (-(md[0].feeling or 0), md[0].occurred_at))
    highlights = tuple(
        Highlight(m.note, m.kind, d, m.feeling, m.people) for m, d in noted[:HIGHLIGHTS]
    )
    return WeekSummary(
        week=week,
        total=total,
        by_day=tuple(DayCounts(d, ordered(per_day[d])) for d in week.days),
        by_kind=ordered(by_kind_raw),
        people=tuple(
            PersonCount(str(name), int(count))
            for name, count, _ in sorted(people.values(), key=lambda e: (-e[1], person_key(e[0])))
        ),
        average_feeling=round(sum(feelings) / len(feelings), 1) if feelings else None,
        highlights=highlights,
        median=median,
        comparison=comparison_text(total, median),
        streak=streak,
        reflection=_pick(EMPTY_REFLECTIONS if total == 0 else REFLECTIONS, week),
        welcome=WELCOME if total == 0 else None,
        suggestion=_pick(SUGGESTIONS, week) if total == 0 else None,
    )


def kind_label(kind: str) -> str:
    try:
        return kind_by_id(kind).label
    except KeyError:
        return kind
