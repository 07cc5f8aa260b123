"""The week's summary window. It shows a `WeekSummary` it is given and emits navigation requests.

Nothing here computes the summary or reads the database: `core.summary` decides what to say,
the app fetches the week asked for. Copy as text (Markdown) and Save as image (PNG) work on what
is shown.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from micromoments_tray.core.summary import (
    WeekSummary,
    day_counts_text,
    day_label,
    feeling_text,
    kind_label,
    kinds_text,
    people_text,
)
from micromoments_tray.ui.charts import ChartDay, WeekChart
from micromoments_tray.ui.palette import make_caption, make_heading
from micromoments_tray.ui.wording import APP_TITLE

WINDOW_TITLE = f"Your Week — {APP_TITLE}"


def _label(name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Section(QWidget):
    """A small title over a body text; hidden as a whole when there is nothing to say."""

    def __init__(self, name: str, title: str) -> None:
        super().__init__()
        self.setObjectName(f"{name}-section")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.title = QLabel(title)
        self.title.setObjectName(f"{name}-title")
        make_caption(self.title)
        self.body = _label(name)
        self.body.setAccessibleName(title)
        layout.addWidget(self.title)
        layout.addWidget(self.body)

    def set_text(self, text: str | None) -> None:
        self.body.setText(text or "")
        self.setVisible(bool(text))


class SummaryWindow(QWidget):
    """Week navigation, the count with a kind comparison, a chart, kinds, people, feeling,
    highlights, the (hideable) streak and one question; a welcome for an empty week."""

    previous_requested = Signal()
    this_week_requested = Signal()
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("summary-window")
        self.setWindowTitle(WINDOW_TITLE)
        self._summary: WeekSummary | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(10)

        nav = QHBoxLayout()
        self.previous_button = QPushButton("‹ &Previous")
        self.previous_button.setObjectName("previous")
        self.previous_button.setAccessibleName("Previous week")
        self.previous_button.clicked.connect(self.previous_requested)
        self.this_week_button = QPushButton("&This week")
        self.this_week_button.setObjectName("this-week")
        self.this_week_button.clicked.connect(self.this_week_requested)
        self.next_button = QPushButton("&Next ›")
        self.next_button.setObjectName("next")
        self.next_button.setAccessibleName("Next week")
        self.next_button.clicked.connect(self.next_requested)
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.this_week_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        outer.addLayout(nav)

        self.content = QFrame()
        self.content.setObjectName("summary-content")
        self.content.setAutoFillBackground(True)
        body = QVBoxLayout(self.content)
        body.setContentsMargins(18, 14, 18, 18)
        body.setSpacing(12)

        self.heading = _label("heading")
        make_heading(self.heading, 1.35)
        self.week_caption = _label("week-id")
        make_caption(self.week_caption)
        head = QVBoxLayout()
        head.setSpacing(0)
        head.addWidget(self.heading)
        head.addWidget(self.week_caption)
        body.addLayout(head)

        self.count_label = _label("count")
        make_heading(self.count_label, 1.1)
        self.comparison_label = _label("comparison")
        self.welcome_label = _label("welcome")
        make_heading(self.welcome_label, 1.05)
        self.welcome_label.setFont(self.welcome_label.font())
        self.suggestion = _Section("suggestion", "One easy idea")
        body.addWidget(self.count_label)
        body.addWidget(self.comparison_label)
        body.addWidget(self.welcome_label)
        body.addWidget(self.suggestion)

        self.chart = WeekChart()
        body.addWidget(self.chart)
        self.legend = _label("legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName("Colours of the kinds")
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.addWidget(self.legend)
        self.table_toggle = QToolButton()
        self.table_toggle.setObjectName("table-toggle")
        self.table_toggle.setText("Show the days as text")
        self.table_toggle.setCheckable(True)
        self.table_toggle.toggled.connect(self._toggle_table)
        self.day_table = _label("day-table")
        self.day_table.setAccessibleName("Moments per day, as text")
        self.day_table.hide()
        body.addWidget(self.table_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.day_table)

        self.kinds = _Section("kinds", "Kinds")
        self.people = _Section("people", "People you connected with")
        self.feeling = _Section("feeling", "How connected it felt, on average")
        self.highlights = _Section("highlights", "Highlights")
        self.streak = _Section("streak", "Your rhythm")
        self.reflection = _Section("reflection", "To think about")
        font = self.reflection.body.font()
        font.setItalic(True)
        self.reflection.body.setFont(font)
        for section in (
            self.kinds,
            self.people,
            self.feeling,
            self.highlights,
            self.streak,
            self.reflection,
        ):
            body.addWidget(section)
        body.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("summary-scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.content)
        outer.addWidget(self.scroll_area, 1)

        buttons = QHBoxLayout()
        self.copy_button = QPushButton("&Copy as text")
        self.copy_button.setObjectName("copy")
        self.copy_button.setToolTip("Copy this week's summary as Markdown text")
        self.copy_button.clicked.connect(self.copy_as_text)
        self.save_button = QPushButton("&Save as image…")
        self.save_button.setObjectName("save")
        self.save_button.setToolTip("Save this week's summary as a PNG picture")
        self.save_button.clicked.connect(self.ask_save_image)
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.close)
        self.status_label = _label("status", wrap=False)
        make_caption(self.status_label)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.resize(QSize(560, 760))

    # -- showing -----

    @property
    def summary(self) -> WeekSummary | None:
        return self._summary

    def show_summary(
        self, summary: WeekSummary, *, is_current: bool, today: date | None = None
    ) -> None:
        """Show `summary`; `is_current` disables Next and This week (no future weeks)."""
        self._summary = summary
        self.status_label.clear()
        week = summary.week
        self.heading.setText(week.heading())
        number = int(summary.week_id.split("W")[1])
        self.week_caption.setText(f"This week · week {number}" if is_current else f"Week {number}")
        self.setWindowTitle(f"Your Week, {week.heading()} — {APP_TITLE}")
        self.next_button.setEnabled(not is_current)
        self.this_week_button.setEnabled(not is_current)

        empty = summary.is_empty
        self.count_label.setVisible(not empty)
        self.comparison_label.setVisible(not empty and bool(summary.comparison))
        self.welcome_label.setVisible(empty)
        self.suggestion.set_text(summary.suggestion if empty else None)
        if empty:
            self.welcome_label.setText(summary.welcome or "")
        else:
            headline = summary.headline
            self.count_label.setText(headline[0].upper() + headline[1:])
            self.comparison_label.setText(summary.comparison or "")

        labels = {k: kind_label(k) for d in summary.by_day for k in d.counts}
        self.chart.set_days(
            [ChartDay(d.day, d.counts) for d in summary.by_day],
            labels,
            today if is_current else None,
        )
        self.chart.setVisible(not empty)
        self.legend.setText(self.chart.legend_html())
        self.legend.setVisible(not empty)
        self.table_toggle.setVisible(not empty)
        self.day_table.setText(
            "\n".join(f"{day_label(d.day)}: {day_counts_text(d) or 'none'}" for d in summary.by_day)
        )
        self.day_table.setVisible(not empty and self.table_toggle.isChecked())

        self.kinds.set_text(kinds_text(summary.by_kind) if summary.by_kind else None)
        self.people.set_text(people_text(summary.people) if summary.people else None)
        self.feeling.set_text(
            None if summary.average_feeling is None else feeling_text(summary.average_feeling)
        )
        self.highlights.set_text(
            "\n".join(
                f"• {' '.join(h.note.split())}  ({day_label(h.day)})" for h in summary.highlights
            )
            if summary.highlights
            else None
        )
        self.streak.set_text(summary.streak.text if summary.streak else None)
        self.reflection.set_text(summary.reflection)
        self.content.setAccessibleDescription(summary.to_text())

    def _toggle_table(self, on: bool) -> None:
        self.day_table.setVisible(on)
        self.table_toggle.setText("Hide the days as text" if on else "Show the days as text")

    def present(self, *, activate: bool) -> None:
        """Show; take the focus only when the user asked for the window (a click, a command)."""
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, not activate)
        self.show()
        self.raise_()
        if activate:
            self.activateWindow()

    # -- sharing -----

    def markdown(self) -> str:
        return "" if self._summary is None else self._summary.to_markdown()

    def copy_as_text(self) -> None:
        text = self.markdown()
        if not text:
            return
        QGuiApplication.clipboard().setText(text)
        self.status_label.setText("Copied as text.")

    def save_image(self, path: Path) -> bool:
        """Write what the summary shows as a PNG at `path`; False (and a note) if it failed."""
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        pixmap = self.content.grab()
        ok = pixmap.save(str(path), "PNG")
        self.status_label.setText(f"Saved {path.name}." if ok else f"Could not save {path.name}.")
        return ok

    def suggested_file_name(self) -> str:
        week = "week" if self._summary is None else self._summary.week_id
        return f"micromoments-{week}.png"

    def ask_save_image(self) -> None:
        start = str(Path.home() / self.suggested_file_name())
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the summary as an image", start, "PNG image (*.png)"
        )
        if name:
            self.save_image(Path(name))
