"""A seven-day bar chart stacked by kind, drawn with QPainter in the palette's light or dark hues.

Colours come from the Okabe–Ito set (told apart with the common colour-vision differences), each
in a deeper tone for light windows and a softer one for dark windows. Every bar carries its
number, so no colour has to be read to get the count, and the chart describes itself in words
(`accessibleDescription`, `text_alternative`) for screen readers.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from micromoments_tray.core.kinds import KIND_IDS
from micromoments_tray.ui.palette import is_dark

# kind id -> (on light, on dark)
KIND_COLOURS: dict[str, tuple[str, str]] = {
    "smile": ("#d98c00", "#f2b84b"),
    "greeting": ("#3d9fd6", "#80c8f2"),
    "thanks": ("#00876a", "#46c9a0"),
    "check-in": ("#b8608f", "#e39ac4"),
    "message": ("#005f99", "#5aa7e0"),
    "kindness": ("#c45200", "#f08d52"),
    "conversation": ("#7a68b3", "#b5a7e6"),
}
_FALLBACK = ("#777777", "#aaaaaa")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def kind_colour(kind: str, palette: QPalette) -> QColor:
    light, dark = KIND_COLOURS.get(kind, _FALLBACK)
    return QColor(dark if is_dark(palette) else light)


class ChartDay:
    """One bar: the day and its counts by kind (kinds in display order)."""

    __slots__ = ("counts", "day")

    def __init__(self, day: date, counts: dict[str, int]) -> None:
        self.day = day
        self.counts = counts

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class WeekChart(QWidget):
    """Seven bars; `set_days` gives what to draw, with a label per kind for the legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("week-chart")
        self.setAccessibleName("Moments per day")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(170)
        self._days: list[ChartDay] = []
        self._labels: dict[str, str] = {}
        self._today: date | None = None

    def sizeHint(self) -> QSize:
        return QSize(460, 170)

    def set_days(
        self,
        days: Sequence[ChartDay],
        kind_labels: dict[str, str],
        today: date | None = None,
    ) -> None:
        self._days = list(days)
        self._labels = dict(kind_labels)
        self._today = today
        self.setAccessibleDescription(self.text_alternative())
        self.update()

    def kinds_shown(self) -> list[str]:
        present = {k for d in self._days for k, n in d.counts.items() if n}
        return [k for k in (*KIND_IDS, *sorted(present - set(KIND_IDS))) if k in present]

    def text_alternative(self) -> str:
        """'Monday 23: 2 (Smile 1, Thanks 1). Tuesday 24: none. …'"""
        parts = []
        for d in self._days:
            name = f"{_FULL_DAYS[d.day.weekday()]} {d.day.day}"
            if d.total == 0:
                parts.append(f"{name}: none")
            else:
                kinds = ", ".join(f"{self._labels.get(k, k)} {n}" for k, n in d.counts.items() if n)
                parts.append(f"{name}: {d.total} ({kinds})")
        return ". ".join(parts) + ("." if parts else "")

    def legend_html(self) -> str:
        """A wrapping legend for a QLabel: a coloured square and the label of each kind shown."""
        palette = self.palette()
        items = [
            f'<span style="color:{kind_colour(k, palette).name()}">&#9632;</span>&nbsp;'
            f"{html.escape(self._labels.get(k, k))}"
            for k in self.kinds_shown()
        ]
        return " &nbsp;&nbsp; ".join(items)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.update()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        grid = QColor(muted)
        grid.setAlphaF(0.35)
        metrics = self.fontMetrics()
        line = metrics.height()

        kinds = self.kinds_shown()
        top = line + 6  # room for the numbers over the bars
        bottom = self.height() - line - 8  # room for the day names
        left, right = 8.0, float(self.width() - 8)
        base = float(bottom)
        painter.setPen(QPen(grid, 1))
        painter.drawLine(int(left), int(base) + 1, int(right), int(base) + 1)

        slots = max(1, len(self._days))
        slot = (right - left) / slots
        bar_w = min(44.0, slot * 0.56)
        peak = max((d.total for d in self._days), default=0)
        scale = (base - top) / max(peak, 3)
        small = QFont(self.font())
        for i, d in enumerate(self._days):
            cx = left + slot * (i + 0.5)
            x = cx - bar_w / 2
            y = base
            for kind in kinds:
                n = d.counts.get(kind, 0)
                if not n:
                    continue
                h = n * scale
                painter.fillRect(QRectF(x, y - h, bar_w, h - 1.5), kind_colour(kind, palette))
                y -= h
            is_today = self._today == d.day
            painter.setPen(text if d.total else muted)
            if d.total:
                painter.drawText(
                    QRectF(cx - slot / 2, y - line - 2, slot, line),
                    Qt.AlignmentFlag.AlignCenter,
                    str(d.total),
                )
            font = QFont(small)
            font.setBold(is_today)
            painter.setFont(font)
            painter.setPen(text if is_today else muted)
            painter.drawText(
                QRectF(cx - slot / 2, base + 4, slot, line),
                Qt.AlignmentFlag.AlignCenter,
                f"{_DAYS[d.day.weekday()]} {d.day.day}",
            )
            painter.setFont(small)

        painter.end()
