"""Week summary and history window with 1,000 and with 100,000 stored moments.

The shown week always holds the same 40 moments; the rest of the history lies in the years
before. Work should grow with the week shown, not with the whole history (target: ≤ 2×).

Run: .venv/bin/python tests/perf/bench_history.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.kinds import KIND_IDS, KINDS
from micromoments_tray.core.week import SummarySettings, this_week
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.repository import (
    MomentRepository,
    to_utc_text,
)
from micromoments_tray.storage.week_report import build_summary

NOW = datetime(2026, 11, 26, 18, 30, tzinfo=timezone(timedelta(hours=1)))
WEEK_MOMENTS = 40
NAMES = ["Sam", "Ana", "Noor", "Lee", "Grandma", "Kim", "Jo", "Ravi"]


def fill(path: Path, total: int) -> MomentRepository:
    """`total` moments: 40 in this week, the rest spread over the ten years before it."""
    repo = MomentRepository(connect(path))
    conn = repo.connection
    rng = random.Random(total)
    week_start = datetime(2026, 11, 23, 8, tzinfo=NOW.tzinfo)
    rows = []
    links = []
    for i in range(total):
        if i < WEEK_MOMENTS:
            when = week_start + timedelta(hours=i * 2.5)
        else:
            when = week_start - timedelta(minutes=rng.randint(9 * 60, 10 * 365 * 24 * 60))
        mid = f"{i:08x}-0000-4000-8000-{rng.getrandbits(48):012x}"
        stamp = to_utc_text(when)
        rows.append(
            (mid, stamp, 60, rng.choice(KIND_IDS), f"note {i}", rng.randint(1, 5), stamp, stamp)
        )
        if i % 3 == 0:
            links.append((mid, rng.randrange(len(NAMES)) + 1, 0))
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO people (name, key) VALUES (?, ?)", [(n, n.lower()) for n in NAMES]
    )
    conn.executemany(
        "INSERT INTO moments (id, occurred_utc, utc_offset, kind, note, feeling, created_utc, "
        "updated_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany("INSERT INTO moment_people VALUES (?, ?, ?)", links)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    return repo


def median_ms(action: object, repeat: int) -> float:
    assert callable(action)
    action()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from micromoments_tray.app.week_views import RepositoryHistorySource
    from micromoments_tray.ui.history_model import HistoryFilter
    from micromoments_tray.ui.history_window import HistoryWindow

    qt_app = QApplication.instance() or QApplication([])
    clock = FakeClock(NOW)
    settings = SummarySettings()
    week = this_week(NOW, settings.rules)
    results: dict[int, tuple[float, float, float, float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for total in (1_000, 100_000):
            repo = fill(Path(tmp) / f"m{total}.sqlite3", total)
            summary = build_summary(repo, week, settings, NOW)
            assert summary.total == WEEK_MOMENTS, summary.total

            def compute(repo: MomentRepository = repo) -> None:
                build_summary(repo, week, settings, NOW)

            def open_history(repo: MomentRepository = repo) -> None:
                # Shown and painted with its first page; the total for the count label is read
                # just after (a zero timer) and measured on its own below.
                window = HistoryWindow(RepositoryHistorySource(repo, clock), KINDS)
                window.show()
                window.count_timer.stop()
                qt_app.processEvents()
                assert window.model.rowCount() > 0
                window.close()
                window.deleteLater()
                qt_app.processEvents()

            def compute_no_streak(repo: MomentRepository = repo) -> None:
                build_summary(repo, week, settings._replace(show_streak=False), NOW)

            def count_label(repo: MomentRepository = repo) -> None:
                RepositoryHistorySource(repo, clock).count(HistoryFilter())

            def scroll_far(repo: MomentRepository = repo) -> None:
                window = HistoryWindow(RepositoryHistorySource(repo, clock), KINDS)
                window.show()
                window.count_timer.stop()
                qt_app.processEvents()
                while window.model.rowCount() < 1000:  # five pages down: all of the small file
                    window.table.scrollToBottom()
                    qt_app.processEvents()
                window.close()
                window.deleteLater()
                qt_app.processEvents()

            results[total] = (
                median_ms(compute, args.repeat),
                median_ms(open_history, args.repeat),
                median_ms(scroll_far, max(3, args.repeat // 3)),
                median_ms(count_label, args.repeat),
                median_ms(compute_no_streak, args.repeat),
            )
            repo.close()
    small, large = results[1_000], results[100_000]
    print(f"{'':32}{'1,000':>10}{'100,000':>10}{'ratio':>8}")
    for i, name in enumerate(
        (
            "week summary (ms)",
            "open history window (ms)",
            "open + scroll to row 1,000 (ms)",
            "count label, after open (ms)",
            "week summary, streak hidden (ms)",
        )
    ):
        print(f"{name:32}{small[i]:10.2f}{large[i]:10.2f}{large[i] / small[i]:8.2f}")
    ok = all(large[i] / small[i] <= 2.0 for i in range(2))
    print("target ≤ 2× for summary and opening:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
