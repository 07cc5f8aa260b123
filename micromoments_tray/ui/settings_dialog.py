"""The settings dialog, built from the declared settings: one editor per Setting, by its type."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from micromoments_tray.storage.settings import Setting, Settings, Value
from micromoments_tray.ui.palette import AlertLabel, make_caption
from micromoments_tray.ui.wording import APP_TITLE

Editor = QCheckBox | QSpinBox | QComboBox | QLineEdit | QPlainTextEdit | QKeySequenceEdit


class SettingsDialog(QDialog):
    """Edit the settings; on OK `applied` carries the changed values only (maybe none).

    It never writes the settings file: the receiver of `applied` does.
    """

    applied = Signal(dict)

    def __init__(
        self, specs: Sequence[Setting], settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Settings — {APP_TITLE}")
        self.setObjectName("settings-dialog")
        self._specs = tuple(specs)
        self._settings = settings
        self.editors: dict[str, Editor] = {}
        self.status_notes: dict[str, AlertLabel] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 16)
        outer.setSpacing(14)

        pages: dict[str, list[Setting]] = {}
        for spec in self._specs:
            pages.setdefault(spec.page, []).append(spec)
        self.tabs: QTabWidget | None = None
        if len(pages) > 1:
            self.tabs = QTabWidget()
            self.tabs.setObjectName("pages")
            for title, page_specs in pages.items():
                # '&' would turn into a mnemonic marker: "Week & history" must read as written.
                self.tabs.addTab(self._page(page_specs), title.replace("&", "&&"))
            outer.addWidget(self.tabs)
        else:
            for page_specs in pages.values():
                outer.addWidget(self._page(page_specs))
        outer.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.setObjectName("buttons")
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        restore = self.restore_button()
        restore.clicked.connect(self.restore_defaults)
        restore.setToolTip("Put every setting back to how MicroMoments starts out")
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        outer.addWidget(self.buttons)
        self.set_values(self.current())
        self.resize(self.sizeHint().expandedTo(QSize(540, 0)))

    def _page(self, specs: Sequence[Setting]) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(4, 4, 4, 4)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for index, spec in enumerate(specs):
            if index:
                form.addRow(_spacer_row())
            editor = self._editor(spec)
            editor.setObjectName(spec.name)
            editor.setAccessibleName(spec.label)
            if spec.help:
                editor.setToolTip(spec.help)
                editor.setAccessibleDescription(spec.help)
            self.editors[spec.name] = editor
            if isinstance(editor, QCheckBox):
                form.addRow(editor)
            else:
                label = QLabel(f"{spec.label}:")
                label.setBuddy(editor)
                form.addRow(label, editor)
            if spec.help:
                caption = QLabel(spec.help)
                caption.setObjectName(f"{spec.name}-help")
                caption.setWordWrap(True)
                make_caption(caption)
                if isinstance(editor, QCheckBox):
                    # Line the caption up with the check box's text, not its box.
                    caption.setIndent(editor.iconSize().width() + 8)
                form.addRow(caption)
            if spec.editor == "key-sequence":
                # Said plainly when another program holds the shortcut (set_status_note).
                note = AlertLabel()
                note.setObjectName(f"{spec.name}-status")
                note.setAccessibleName(f"{spec.label}: problem")
                note.hide()
                self.status_notes[spec.name] = note
                form.addRow(note)
        return page

    def set_status_note(self, name: str, text: str) -> None:
        """Show (or with "" hide) a line about a setting's state, e.g. a shortcut conflict."""
        note = self.status_notes.get(name)
        if note is not None:
            note.setText(text)
            note.setVisible(bool(text))

    @staticmethod
    def _editor(spec: Setting) -> Editor:
        default = spec.default
        if isinstance(default, bool):
            return QCheckBox(spec.label)
        if isinstance(default, int):
            spin = QSpinBox()
            spin.setRange(
                spec.minimum if spec.minimum is not None else -(2**31),
                spec.maximum if spec.maximum is not None else 2**31 - 1,
            )
            if spec.name.endswith("_seconds"):
                spin.setSuffix(" s")
            spin.setMinimumWidth(90)
            return spin
        if spec.choices:
            combo = QComboBox()
            for value, label in spec.choices:
                combo.addItem(label, value)
            return combo
        if spec.editor == "key-sequence":
            keys = QKeySequenceEdit()
            keys.setMaximumSequenceLength(1)
            keys.setClearButtonEnabled(True)
            return keys
        if spec.multiline:
            lines = QPlainTextEdit()
            lines.setTabChangesFocus(True)
            lines.setMinimumHeight(90)
            return lines
        return QLineEdit()

    # --- values --------------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        """Every setting's value as edited so far."""
        result: dict[str, object] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                result[name] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                result[name] = editor.value()
            elif isinstance(editor, QComboBox):
                result[name] = editor.currentData()
            elif isinstance(editor, QPlainTextEdit):
                result[name] = editor.toPlainText()
            elif isinstance(editor, QKeySequenceEdit):
                sequence = editor.keySequence()
                result[name] = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            else:
                result[name] = editor.text()
        return result

    def set_values(self, values: dict[str, Value]) -> None:
        for name, value in values.items():
            editor = self.editors.get(name)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QSpinBox) and isinstance(value, int):
                editor.setValue(value)
            elif isinstance(editor, QComboBox):
                index = editor.findData(value)
                if index >= 0:
                    editor.setCurrentIndex(index)
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(str(value))
            elif isinstance(editor, QKeySequenceEdit):
                editor.setKeySequence(QKeySequence(str(value)))
            elif isinstance(editor, QLineEdit):
                editor.setText(str(value))

    def current(self) -> dict[str, Value]:
        """The values the dialog was opened with (a spec's default where none is set)."""
        return {s.name: self._settings.values.get(s.name, s.default) for s in self._specs}

    def changes(self) -> dict[str, object]:
        """The edited values that differ from the settings the dialog was opened with."""
        current = self.current()
        return {name: value for name, value in self.values().items() if value != current[name]}

    def restore_defaults(self) -> None:
        """Show the defaults in every editor; nothing is applied until OK."""
        self.set_values({spec.name: spec.default for spec in self._specs})

    def restore_button(self) -> QAbstractButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        assert button is not None
        return button

    def _on_ok(self) -> None:
        self.applied.emit(self.changes())
        self.accept()


def _spacer_row() -> QWidget:
    spacer = QWidget()
    spacer.setFixedHeight(8)
    return spacer
