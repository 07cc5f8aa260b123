"""The log dialog: one click logs; details are optional; nothing is lost on a mistake."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from micromoments_tray.core.kinds import KINDS
from micromoments_tray.core.moments import NOTE_MAX, MomentDraft
from micromoments_tray.ui.log_dialog import LogDialog, split_people
from micromoments_tray.ui.wording import plain


def shown(qtbot: QtBot, dialog: LogDialog) -> LogDialog:
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_title_and_one_button_per_kind_in_order(log_dialog: LogDialog) -> None:
    assert log_dialog.windowTitle() == "Log a moment — MicroMoments"
    assert list(log_dialog.kind_buttons) == [k.id for k in KINDS]
    for kind in KINDS:
        button = log_dialog.kind_buttons[kind.id]
        assert plain(button.text()) == kind.label
        assert button.toolTip() == kind.description
        assert button.accessibleDescription() == kind.description


def test_one_click_on_a_kind_emits_a_draft_and_closes(qtbot: QtBot, log_dialog: LogDialog) -> None:
    shown(qtbot, log_dialog)
    with qtbot.waitSignal(log_dialog.submitted) as blocker:
        qtbot.mouseClick(log_dialog.kind_buttons["thanks"], Qt.MouseButton.LeftButton)
    assert blocker.args == [MomentDraft(kind="thanks")]
    assert not log_dialog.isVisible()
    assert log_dialog.result() == LogDialog.DialogCode.Accepted


def test_details_go_into_the_draft(qtbot: QtBot, log_dialog: LogDialog) -> None:
    log_dialog.who_edit.setText(" Sam ,  Lee  Park, , sam")
    log_dialog.note_edit.setPlainText("  Coffee on the stairs\nwith the new neighbours  ")
    log_dialog.feeling_buttons[4].click()
    with qtbot.waitSignal(log_dialog.submitted) as blocker:
        log_dialog.kind_buttons["greeting"].click()
    draft = blocker.args[0]
    assert isinstance(draft, MomentDraft)
    assert draft.kind == "greeting"
    assert draft.people == ("Sam", "Lee Park")  # blanks dropped, one Sam kept
    assert draft.note == "Coffee on the stairs\nwith the new neighbours"
    assert draft.feeling == 4
    assert draft.occurred_at is None


def test_split_people() -> None:
    assert split_people("") == []
    assert split_people("Ana,  Bo ,,") == ["Ana", "Bo"]


def test_feeling_is_one_of_five_and_a_second_click_clears_it(log_dialog: LogDialog) -> None:
    buttons = log_dialog.feeling_buttons
    assert log_dialog.feeling() is None
    buttons[2].click()
    assert log_dialog.feeling() == 2
    buttons[5].click()
    assert log_dialog.feeling() == 5
    assert not buttons[2].isChecked()
    buttons[5].click()
    assert log_dialog.feeling() is None


def test_default_kind_follows_who(qtbot: QtBot, log_dialog: LogDialog) -> None:
    assert log_dialog.default_kind() == "smile"
    assert log_dialog.kind_buttons["smile"].isDefault()
    assert "Smile" in log_dialog.hint_label.text()
    qtbot.keyClicks(log_dialog.who_edit, "Sam")
    assert log_dialog.default_kind() == "conversation"
    assert log_dialog.kind_buttons["conversation"].isDefault()
    assert not log_dialog.kind_buttons["smile"].isDefault()
    assert log_dialog.kind_buttons["conversation"].font().bold()
    assert "Conversation" in log_dialog.hint_label.text()
    log_dialog.who_edit.clear()
    assert log_dialog.kind_buttons["smile"].isDefault()


def test_a_kind_given_to_prepare_is_the_default(log_dialog: LogDialog, now: datetime) -> None:
    log_dialog.prepare(now, [], kind="thanks")
    log_dialog.who_edit.setText("Sam")
    assert log_dialog.default_kind() == "thanks"
    assert log_dialog.kind_buttons["thanks"].isDefault()


def test_enter_logs_the_default_kind(qtbot: QtBot, log_dialog: LogDialog) -> None:
    shown(qtbot, log_dialog)
    qtbot.keyClicks(log_dialog.who_edit, "Ana")
    with qtbot.waitSignal(log_dialog.submitted) as blocker:
        qtbot.keyClick(log_dialog.who_edit, Qt.Key.Key_Return)
    assert blocker.args == [MomentDraft(kind="conversation", people=("Ana",))]
    assert not log_dialog.isVisible()


def test_ctrl_enter_in_the_note_logs(qtbot: QtBot, log_dialog: LogDialog) -> None:
    shown(qtbot, log_dialog)
    qtbot.keyClicks(log_dialog.note_edit, "A wave from the bus driver")
    qtbot.keyClick(log_dialog.note_edit, Qt.Key.Key_Return)  # a plain Enter is a new line
    assert log_dialog.isVisible()
    with qtbot.waitSignal(log_dialog.submitted) as blocker:
        qtbot.keyClick(log_dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [MomentDraft(kind="smile", note="A wave from the bus driver")]


def mnemonic(text: str) -> str | None:
    text = text.replace("&&", "")
    index = text.find("&")
    return text[index + 1].casefold() if index != -1 else None


def test_every_kind_and_field_has_its_own_alt_letter(log_dialog: LogDialog) -> None:
    texts = [b.text() for b in log_dialog.findChildren(QAbstractButton) if b.text()]
    texts += [label.text() for label in log_dialog.findChildren(QLabel) if label.buddy()]
    letters = [mnemonic(t) for t in texts if not t.isdigit()]
    assert None not in letters, texts
    assert len(set(letters)) == len(letters), texts
    assert all(mnemonic(b.text()) for b in log_dialog.kind_buttons.values())


def test_escape_closes_without_saving(qtbot: QtBot, log_dialog: LogDialog) -> None:
    shown(qtbot, log_dialog)
    log_dialog.who_edit.setText("Sam")
    with qtbot.assertNotEmitted(log_dialog.submitted):
        qtbot.keyClick(log_dialog, Qt.Key.Key_Escape)
    assert not log_dialog.isVisible()
    assert log_dialog.result() == LogDialog.DialogCode.Rejected


def test_cancel_closes_without_saving(qtbot: QtBot, log_dialog: LogDialog) -> None:
    shown(qtbot, log_dialog)
    with qtbot.assertNotEmitted(log_dialog.submitted):
        log_dialog.cancel_button.click()
    assert not log_dialog.isVisible()


def test_an_invalid_note_shows_an_error_and_keeps_everything(
    qtbot: QtBot, log_dialog: LogDialog
) -> None:
    shown(qtbot, log_dialog)
    log_dialog.who_edit.setText("Sam")
    log_dialog.note_edit.setPlainText("bell \x07 ringing")
    log_dialog.feeling_buttons[3].click()
    with qtbot.assertNotEmitted(log_dialog.submitted):
        log_dialog.kind_buttons["thanks"].click()
    assert log_dialog.isVisible()
    assert log_dialog.error_label.isVisibleTo(log_dialog)
    assert "Note" in log_dialog.error_label.text()
    assert "control character" in log_dialog.error_label.text()
    assert log_dialog.who_edit.text() == "Sam"
    assert log_dialog.note_edit.toPlainText() == "bell \x07 ringing"
    assert log_dialog.feeling() == 3
    # Fixing it and trying again works, and the error goes away.
    log_dialog.note_edit.setPlainText("bell ringing")
    with qtbot.waitSignal(log_dialog.submitted) as blocker:
        log_dialog.kind_buttons["thanks"].click()
    assert blocker.args[0].note == "bell ringing"
    assert not log_dialog.error_label.isVisibleTo(log_dialog)


def test_a_too_long_note_is_refused_and_the_counter_says_so(
    qtbot: QtBot, log_dialog: LogDialog
) -> None:
    assert "Ctrl+Enter" in log_dialog.note_counter.text()
    log_dialog.note_edit.setPlainText("a" * (NOTE_MAX - 50))
    assert log_dialog.note_counter.text().startswith(f"{NOTE_MAX - 50} / {NOTE_MAX}")
    log_dialog.note_edit.setPlainText("a" * (NOTE_MAX + 3))
    assert "3 too many" in log_dialog.note_counter.text()
    with qtbot.assertNotEmitted(log_dialog.submitted):
        log_dialog.kind_buttons["smile"].click()
    assert log_dialog.error_label.text().startswith("Note:")


def test_an_overlong_name_is_refused(qtbot: QtBot, log_dialog: LogDialog) -> None:
    log_dialog.who_edit.setText("x" * 200)
    with qtbot.assertNotEmitted(log_dialog.submitted):
        log_dialog.kind_buttons["smile"].click()
    assert log_dialog.error_label.text().startswith("Who:")


def test_prepare_resets_every_field(log_dialog: LogDialog, now: datetime) -> None:
    log_dialog.who_edit.setText("Sam")
    log_dialog.note_edit.setPlainText("note")
    log_dialog.feeling_buttons[1].click()
    log_dialog.when_edit.setDateTime(log_dialog.when_edit.dateTime().addSecs(-600))
    log_dialog.show_error("something")
    log_dialog.prepare(now, ["Jo"])
    assert log_dialog.who_edit.text() == ""
    assert log_dialog.note_edit.toPlainText() == ""
    assert log_dialog.feeling() is None
    assert not log_dialog.error_label.isVisibleTo(log_dialog)
    assert log_dialog.people() == ["Jo"]
    assert log_dialog.draft("smile").occurred_at is None


def test_completion_covers_known_people(log_dialog: LogDialog) -> None:
    assert log_dialog.people() == ["Sam", "Samira", "Lee"]
    assert log_dialog.who_edit.completer() is log_dialog.completer
    log_dialog.set_people(["Ana"])
    assert log_dialog.people() == ["Ana"]


def test_completion_works_on_the_name_after_the_last_comma(log_dialog: LogDialog) -> None:
    completer = log_dialog.completer
    assert completer.splitPath("Sam, Le") == ["Le"]
    assert completer.splitPath("Sa") == ["Sa"]
    log_dialog.who_edit.setText("Sam, le")
    completer.setCompletionPrefix("Sam, le")
    assert completer.currentCompletion() == "Sam, Lee"  # the names before the comma stay
    index = log_dialog.people_model.index(2, 0)
    assert completer.pathFromIndex(index) == "Sam, Lee"
    log_dialog.who_edit.setText("Le")
    assert completer.pathFromIndex(index) == "Lee"


def test_when_defaults_to_now_and_cannot_be_in_the_future(
    log_dialog: LogDialog, now: datetime
) -> None:
    shown_at = log_dialog.when_edit.dateTime().toPython()
    assert isinstance(shown_at, datetime)
    assert shown_at.astimezone() == now.replace(microsecond=0)
    log_dialog.when_edit.setDateTime(log_dialog.when_edit.dateTime().addDays(1))
    assert log_dialog.when_edit.dateTime() == log_dialog.when_edit.maximumDateTime()


def test_occurred_at_is_none_unless_when_was_changed(
    qtbot: QtBot, log_dialog: LogDialog, now: datetime
) -> None:
    assert log_dialog.draft("smile").occurred_at is None
    earlier = log_dialog.when_edit.dateTime().addSecs(-90 * 60)
    log_dialog.when_edit.setDateTime(earlier)
    with qtbot.waitSignal(log_dialog.submitted) as blocker:
        log_dialog.kind_buttons["smile"].click()
    occurred_at = blocker.args[0].occurred_at
    assert isinstance(occurred_at, datetime)
    assert occurred_at.tzinfo is not None
    assert occurred_at == now.replace(microsecond=0) - timedelta(minutes=90)


def test_when_is_shown_in_a_readable_format(log_dialog: LogDialog) -> None:
    text = log_dialog.when_edit.text()
    assert "2026" in text or "26" in text
    assert QDateTime.fromString(text, log_dialog.when_edit.displayFormat()).isValid()


def interactive_widgets(root: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox | QLineEdit):
            continue  # the editor's own inner parts speak through it
        if isinstance(
            widget, QAbstractButton | QLineEdit | QPlainTextEdit | QAbstractSpinBox | QComboBox
        ):
            found.append(widget)
    return found


def test_every_control_has_an_accessible_name(log_dialog: LogDialog) -> None:
    widgets = interactive_widgets(log_dialog)
    assert len(widgets) >= len(KINDS) + 5 + 4
    unnamed = [w.objectName() or repr(w) for w in widgets if not w.accessibleName().strip()]
    assert unnamed == []


def test_tab_reaches_every_kind_button_then_the_details(
    qtbot: QtBot, log_dialog: LogDialog
) -> None:
    shown(qtbot, log_dialog)
    log_dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    first = log_dialog.kind_buttons[KINDS[0].id]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    visited: list[QWidget] = [first]
    # QDateTimeEdit moves through its date and time parts with Tab before moving on.
    for _ in range(len(KINDS) + 30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget is first:
            break
        visited.append(widget)
    kind_buttons = list(log_dialog.kind_buttons.values())
    assert visited[: len(kind_buttons)] == kind_buttons
    rest = visited[len(kind_buttons) :]
    assert rest[:2] == [log_dialog.who_edit, log_dialog.note_edit]
    for button in log_dialog.feeling_buttons.values():
        assert button in rest
    assert log_dialog.cancel_button in rest
    assert any(w is log_dialog.when_edit or log_dialog.when_edit.isAncestorOf(w) for w in rest)


def test_focus_starts_on_the_default_kind_or_on_who(
    qtbot: QtBot, log_dialog: LogDialog, now: datetime
) -> None:
    shown(qtbot, log_dialog)
    log_dialog.activateWindow()
    qtbot.waitUntil(lambda: log_dialog.kind_buttons["smile"].hasFocus())
    log_dialog.prepare(now, [], kind="thanks")
    qtbot.waitUntil(log_dialog.who_edit.hasFocus)
