"""Key sequences to each platform's key and modifier codes; Windows/macOS backends via fakes."""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from micromoments_tray.platform.hotkeys import choose_backend
from micromoments_tray.platform.hotkeys.base import BOUND, CONFLICT, UNAVAILABLE
from micromoments_tray.platform.hotkeys.keys import (
    MAC_CMD,
    MAC_CONTROL,
    MAC_OPTION,
    MAC_SHIFT,
    MOD_ALT,
    MOD_CONTROL,
    MOD_NOREPEAT,
    MOD_SHIFT,
    MOD_WIN,
    X_CONTROL,
    X_LOCK,
    X_MOD1,
    X_MOD4,
    X_SHIFT,
    XK_NUM_LOCK,
    XK_SCROLL_LOCK,
    XK_SUPER_L,
    HotkeyError,
    KeyCombo,
    XModifiers,
    mac_hotkey,
    parse_sequence,
    portal_trigger,
    windows_hotkey,
    x_ignored_mask,
    x_keysym,
    x_lock_variants,
    x_mask,
    x_modifiers,
)
from micromoments_tray.platform.hotkeys.macos import EVENT_HOTKEY_EXISTS, MacHotkeys
from micromoments_tray.platform.hotkeys.windows import (
    ERROR_HOTKEY_ALREADY_REGISTERED,
    HOTKEY_ID,
    MSG,
    WM_HOTKEY,
    WindowsHotkeys,
    is_hotkey_message,
)


@pytest.mark.parametrize(
    ("text", "modifiers", "key"),
    [
        ("Ctrl+Alt+M", {"ctrl", "alt"}, "M"),
        ("ctrl+alt+m", {"ctrl", "alt"}, "M"),
        ("Meta+Shift+F5", {"meta", "shift"}, "F5"),
        ("Ctrl+Alt+Space", {"ctrl", "alt"}, "Space"),
        ("Alt+Return", {"alt"}, "Return"),
        ("Super+1", {"meta"}, "1"),
        ("Ctrl+-", {"ctrl"}, "-"),
        ("Ctrl+Alt+PgDown", {"ctrl", "alt"}, "PgDown"),
        ("Control+Option+Escape", {"ctrl", "alt"}, "Esc"),
    ],
)
def test_parse_sequence(text: str, modifiers: set[str], key: str) -> None:
    combo = parse_sequence(text)
    assert combo == KeyCombo(frozenset(modifiers), key)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No shortcut is set"),
        ("M", "would take a key away from typing everywhere; add Ctrl, Alt or Meta"),
        ("Shift+M", "add Ctrl, Alt or Meta"),
        ("Ctrl+K, Ctrl+M", "several key presses in a row"),
        ("Hyper+M", "“Hyper” in “Hyper+M” is not Ctrl, Alt, Shift or Meta"),
        ("Ctrl+Alt", "ends with a modifier"),
        ("Ctrl+Alt+é", "The key “é” cannot be used"),
        ("Ctrl+F99", "The key “F99” cannot be used"),
    ],
)
def test_parse_sequence_explains_what_cannot_be_used(text: str, message: str) -> None:
    with pytest.raises(HotkeyError, match=re.escape(message)):
        parse_sequence(text)


def test_text_round_trips_in_qt_order() -> None:
    assert parse_sequence("alt+shift+ctrl+meta+k").text() == "Ctrl+Alt+Shift+Meta+K"


def test_x11_keysyms_and_masks() -> None:
    mods = XModifiers(num_lock=1 << 4, scroll_lock=1 << 5)
    combo = parse_sequence("Ctrl+Alt+M")
    assert x_keysym(combo) == ord("m")
    assert x_keysym(parse_sequence("Ctrl+F1")) == 0xFFBE
    assert x_keysym(parse_sequence("Ctrl+F12")) == 0xFFC9
    assert x_keysym(parse_sequence("Alt+Space")) == 0x20
    assert x_keysym(parse_sequence("Alt+Return")) == 0xFF0D
    assert x_mask(combo, mods) == X_CONTROL | X_MOD1
    assert x_mask(parse_sequence("Meta+Shift+M"), mods) == X_MOD4 | X_SHIFT
    assert x_ignored_mask(mods) == X_LOCK | (1 << 4) | (1 << 5)


def test_x11_grabs_every_lock_variant() -> None:
    mods = XModifiers(num_lock=1 << 4, scroll_lock=1 << 5)
    variants = x_lock_variants(X_CONTROL | X_MOD1, mods)
    assert len(variants) == 8 and len(set(variants)) == 8
    assert variants[0] == X_CONTROL | X_MOD1
    assert X_CONTROL | X_MOD1 | X_LOCK | (1 << 4) | (1 << 5) in variants
    # Without ScrollLock on the modifier map: CapsLock x NumLock only.
    assert len(x_lock_variants(X_CONTROL, XModifiers(num_lock=1 << 4))) == 4


def test_modifier_map_says_where_numlock_and_super_are() -> None:
    # Rows: Shift, Lock, Control, Mod1 … Mod5 (keysyms on each row).
    modmap = [[0xFFE1], [0xFFE5], [0xFFE3], [0xFFE9], [XK_NUM_LOCK], [], [XK_SUPER_L], []]
    assert x_modifiers(modmap) == XModifiers(alt=X_MOD1, meta=X_MOD4, num_lock=1 << 4)
    unusual = [[], [], [], [XK_NUM_LOCK], [0xFFE9], [XK_SCROLL_LOCK], [], [XK_SUPER_L]]
    assert x_modifiers(unusual) == XModifiers(
        alt=1 << 4, meta=1 << 7, num_lock=1 << 3, scroll_lock=1 << 5
    )


def test_windows_virtual_keys_and_modifiers() -> None:
    assert windows_hotkey(parse_sequence("Ctrl+Alt+M")) == (
        MOD_NOREPEAT | MOD_CONTROL | MOD_ALT,
        0x4D,
    )
    assert windows_hotkey(parse_sequence("Meta+Shift+F5")) == (
        MOD_NOREPEAT | MOD_WIN | MOD_SHIFT,
        0x74,
    )
    assert windows_hotkey(parse_sequence("Ctrl+Alt+7"))[1] == 0x37
    assert windows_hotkey(parse_sequence("Ctrl+Alt+Space"))[1] == 0x20
    assert windows_hotkey(parse_sequence("Ctrl+Alt+-"))[1] == 0xBD
    assert windows_hotkey(parse_sequence("Ctrl+Alt+Del"))[1] == 0x2E


def test_macos_key_codes_and_modifiers() -> None:
    # Qt's Ctrl is Command on a Mac, and its Meta the Control key.
    assert mac_hotkey(parse_sequence("Ctrl+Alt+M")) == (MAC_CMD | MAC_OPTION, 0x2E)
    assert mac_hotkey(parse_sequence("Meta+Shift+A")) == (MAC_CONTROL | MAC_SHIFT, 0x00)
    assert mac_hotkey(parse_sequence("Ctrl+T"))[1] == 0x11
    assert mac_hotkey(parse_sequence("Ctrl+K"))[1] == 0x28
    assert mac_hotkey(parse_sequence("Ctrl+5"))[1] == 0x17
    assert mac_hotkey(parse_sequence("Ctrl+F5"))[1] == 0x60
    assert mac_hotkey(parse_sequence("Ctrl+Space"))[1] == 0x31
    letters = {mac_hotkey(parse_sequence(f"Ctrl+{c}"))[1] for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    assert len(letters) == 26
    with pytest.raises(HotkeyError, match="no F21 key"):
        mac_hotkey(parse_sequence("Ctrl+F21"))


def test_portal_trigger_uses_the_xdg_shortcut_names() -> None:
    assert portal_trigger(parse_sequence("Ctrl+Alt+M")) == "CTRL+ALT+m"
    assert portal_trigger(parse_sequence("Meta+Shift+Space")) == "SHIFT+LOGO+space"
    assert portal_trigger(parse_sequence("Ctrl+F5")) == "CTRL+F5"


@pytest.mark.parametrize(
    ("platform", "env", "system", "expected"),
    [
        ("xcb", {}, "linux", "x11"),
        ("wayland", {}, "linux", "portal"),
        ("offscreen", {"WAYLAND_DISPLAY": "wayland-0"}, "linux", "portal"),
        ("offscreen", {}, "linux", "none"),
        ("windows", {}, "win32", "windows"),
        ("cocoa", {}, "darwin", "macos"),
        ("xcb", {"MICROMOMENTS_HOTKEY_BACKEND": "none"}, "linux", "none"),
    ],
)
def test_backend_choice(platform: str, env: dict[str, str], system: str, expected: str) -> None:
    assert choose_backend(platform, env, system) == expected


# -- the Windows and macOS backends, with their platform calls faked ------------------------------


class FakeUser32:
    def __init__(self, answer: int = 0) -> None:
        self.answer = answer
        self.calls: list[tuple[str, int, int, int]] = []

    def register(self, hotkey_id: int, modifiers: int, vk: int) -> int:
        self.calls.append(("register", hotkey_id, modifiers, vk))
        return self.answer

    def unregister(self, hotkey_id: int) -> None:
        self.calls.append(("unregister", hotkey_id, 0, 0))


def test_windows_backend_registers_with_norepeat_and_reacts_to_wm_hotkey(qtbot: QtBot) -> None:
    api = FakeUser32()
    backend = WindowsHotkeys(api)
    backend.bind("Ctrl+Alt+M")
    assert backend.status().state == BOUND
    assert api.calls == [("register", HOTKEY_ID, MOD_NOREPEAT | MOD_CONTROL | MOD_ALT, 0x4D)]
    message = MSG(None, WM_HOTKEY, HOTKEY_ID, 0)
    address = ctypes.addressof(message)
    assert is_hotkey_message(address, HOTKEY_ID)
    with qtbot.waitSignal(backend.activated, timeout=100):
        assert backend.filter.nativeEventFilter(b"windows_generic_MSG", address) == (True, 0)
    other = MSG(None, 0x0100, HOTKEY_ID, 0)  # WM_KEYDOWN
    assert backend.filter.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(other)) == (
        False,
        0,
    )
    backend.bind("Ctrl+Alt+J")  # re-binding frees the old one first
    assert api.calls[1] == ("unregister", HOTKEY_ID, 0, 0)


def test_windows_backend_reports_a_conflict() -> None:
    backend = WindowsHotkeys(FakeUser32(ERROR_HOTKEY_ALREADY_REGISTERED))
    backend.bind("Ctrl+Alt+M")
    assert backend.status().state == CONFLICT
    assert backend.status().message == "Ctrl+Alt+M is used by another program — see Settings."


class FakeCarbon:
    def __init__(self, answer: int = 0) -> None:
        self.answer = answer
        self.registered: list[tuple[int, int]] = []
        self.pressed: Callable[[], None] | None = None

    def register(self, keycode: int, modifiers: int, on_pressed: Callable[[], None]) -> int:
        self.registered.append((keycode, modifiers))
        self.pressed = on_pressed
        return self.answer

    def unregister(self) -> None:
        self.registered.clear()


def test_macos_backend_registers_and_forwards_presses(qtbot: QtBot) -> None:
    api = FakeCarbon()
    backend = MacHotkeys(api)
    backend.bind("Ctrl+Alt+M")
    assert backend.status().state == BOUND
    assert api.registered == [(0x2E, MAC_CMD | MAC_OPTION)]
    assert api.pressed is not None
    with qtbot.waitSignal(backend.activated, timeout=100):
        api.pressed()


def test_macos_backend_reports_a_conflict_and_bad_keys() -> None:
    backend = MacHotkeys(FakeCarbon(EVENT_HOTKEY_EXISTS))
    backend.bind("Ctrl+Alt+M")
    assert backend.status().state == CONFLICT
    backend.bind("Ctrl+F22")
    assert backend.status().state == UNAVAILABLE
    assert "no F22 key" in backend.status().message
