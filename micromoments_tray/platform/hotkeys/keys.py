"""Key sequences as typed in settings ("Ctrl+Alt+M") and what each platform calls them.

Pure Python, no Qt, no platform calls: every backend maps the same parsed combination.
"""

from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import NamedTuple

MODIFIER_NAMES = {
    "ctrl": "ctrl",
    "control": "ctrl",
    "alt": "alt",
    "option": "alt",
    "shift": "shift",
    "meta": "meta",
    "super": "meta",
    "win": "meta",
    "logo": "meta",
}
MODIFIER_ORDER = ("ctrl", "alt", "shift", "meta")


class HotkeyError(ValueError):
    """The key sequence cannot be used as a global shortcut; the message says why."""


class KeyCombo(NamedTuple):
    modifiers: frozenset[str]  # of "ctrl", "alt", "shift", "meta"
    key: str  # canonical name: "M", "5", "F5", "Space", "-", …

    def text(self) -> str:
        """Qt's portable text, e.g. "Ctrl+Alt+M"."""
        names = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "meta": "Meta"}
        return "+".join([*(names[m] for m in MODIFIER_ORDER if m in self.modifiers), self.key])


# Named keys: canonical name -> (X11 keysym, Windows virtual key, macOS virtual key code).
_NAMED: dict[str, tuple[int, int, int]] = {
    "Space": (0x0020, 0x20, 0x31),
    "Return": (0xFF0D, 0x0D, 0x24),
    "Tab": (0xFF09, 0x09, 0x30),
    "Esc": (0xFF1B, 0x1B, 0x35),
    "Backspace": (0xFF08, 0x08, 0x33),
    "Del": (0xFFFF, 0x2E, 0x75),
    "Ins": (0xFF63, 0x2D, 0x72),
    "Home": (0xFF50, 0x24, 0x73),
    "End": (0xFF57, 0x23, 0x77),
    "PgUp": (0xFF55, 0x21, 0x74),
    "PgDown": (0xFF56, 0x22, 0x79),
    "Left": (0xFF51, 0x25, 0x7B),
    "Up": (0xFF52, 0x26, 0x7E),
    "Right": (0xFF53, 0x27, 0x7C),
    "Down": (0xFF54, 0x28, 0x7D),
    "Print": (0xFF61, 0x2C, 0x69),
    "Pause": (0xFF13, 0x13, 0x71),
}
_ALIASES = {
    "space": "Space",
    "return": "Return",
    "enter": "Return",
    "tab": "Tab",
    "esc": "Esc",
    "escape": "Esc",
    "backspace": "Backspace",
    "del": "Del",
    "delete": "Del",
    "ins": "Ins",
    "insert": "Ins",
    "home": "Home",
    "end": "End",
    "pgup": "PgUp",
    "pageup": "PgUp",
    "pgdown": "PgDown",
    "pagedown": "PgDown",
    "left": "Left",
    "up": "Up",
    "right": "Right",
    "down": "Down",
    "print": "Print",
    "pause": "Pause",
}
# Punctuation on a US layout: character -> (Windows OEM virtual key, macOS virtual key code).
_PUNCTUATION: dict[str, tuple[int, int]] = {
    "-": (0xBD, 0x1B),
    "=": (0xBB, 0x18),
    "[": (0xDB, 0x21),
    "]": (0xDD, 0x1E),
    ";": (0xBA, 0x29),
    "'": (0xDE, 0x27),
    ",": (0xBC, 0x2B),
    ".": (0xBE, 0x2F),
    "/": (0xBF, 0x2C),
    "\\": (0xDC, 0x2A),
    "`": (0xC0, 0x32),
}
# XKB keysym names for the portal's preferred_trigger (the XDG shortcuts format).
_XKB_NAMES = {
    "Space": "space",
    "Return": "Return",
    "Tab": "Tab",
    "Esc": "Escape",
    "Backspace": "BackSpace",
    "Del": "Delete",
    "Ins": "Insert",
    "Home": "Home",
    "End": "End",
    "PgUp": "Page_Up",
    "PgDown": "Page_Down",
    "Left": "Left",
    "Up": "Up",
    "Right": "Right",
    "Down": "Down",
    "Print": "Print",
    "Pause": "Pause",
    "-": "minus",
    "=": "equal",
    "[": "bracketleft",
    "]": "bracketright",
    ";": "semicolon",
    "'": "apostrophe",
    ",": "comma",
    ".": "period",
    "/": "slash",
    "\\": "backslash",
    "`": "grave",
}
_MAC_LETTERS = "ASDFHGZXCV_BQWERYT"  # kVK_ANSI_A = 0x00 … kVK_ANSI_T = 0x11 ("_" = 0x0A, none)
_MAC_MORE_LETTERS = {"O": 0x1F, "U": 0x20, "I": 0x22, "P": 0x23, "L": 0x25, "J": 0x26, "K": 0x28}
_MAC_MORE_LETTERS.update({"N": 0x2D, "M": 0x2E})
_MAC_DIGITS = {"1": 0x12, "2": 0x13, "3": 0x14, "4": 0x15, "6": 0x16, "5": 0x17, "9": 0x19}
_MAC_DIGITS.update({"7": 0x1A, "8": 0x1C, "0": 0x1D})
_MAC_F: tuple[int, ...] = (0x7A, 0x78, 0x63, 0x76, 0x60, 0x61, 0x62, 0x64, 0x65, 0x6D, 0x67, 0x6F)
_MAC_F += (0x69, 0x6B, 0x71, 0x6A, 0x40, 0x4F, 0x50, 0x5A)  # F13 … F20


def parse_sequence(text: str) -> KeyCombo:
    """Read "Ctrl+Alt+M" (Qt's portable text). Needs Ctrl, Alt or Meta, and exactly one key."""
    raw = text.strip()
    if not raw:
        raise HotkeyError("No shortcut is set")
    if "," in raw.replace("+,", "+\0"):
        raise HotkeyError(f"“{raw}” is several key presses in a row; use one combination")
    if raw.endswith("++"):
        parts, key_text = raw[:-2].split("+"), "+"
    else:
        *parts, key_text = raw.split("+")
    modifiers: set[str] = set()
    for part in parts:
        name = MODIFIER_NAMES.get(part.strip().lower())
        if name is None:
            raise HotkeyError(f"“{part.strip()}” in “{raw}” is not Ctrl, Alt, Shift or Meta")
        modifiers.add(name)
    key = _canonical_key(key_text.strip(), raw)
    if not modifiers & {"ctrl", "alt", "meta"}:
        raise HotkeyError(
            f"“{raw}” would take a key away from typing everywhere; add Ctrl, Alt or Meta"
        )
    return KeyCombo(frozenset(modifiers), key)


def _canonical_key(key: str, raw: str) -> str:
    if not key:
        raise HotkeyError(f"“{raw}” has no key after its modifiers")
    if len(key) == 1:
        if key.isascii() and key.isalnum():
            return key.upper()
        if key in _PUNCTUATION:
            return key
        raise HotkeyError(f"The key “{key}” cannot be used for a global shortcut here")
    lower = key.lower()
    if lower in MODIFIER_NAMES:
        raise HotkeyError(f"“{raw}” ends with a modifier; add a letter or another key")
    if lower.startswith("f") and lower[1:].isdigit() and 1 <= int(lower[1:]) <= 24:
        return f"F{int(lower[1:])}"
    if lower in _ALIASES:
        return _ALIASES[lower]
    raise HotkeyError(f"The key “{key}” cannot be used for a global shortcut here")


# -- X11 -----------------------------------------------------------------------------------------

X_SHIFT, X_LOCK, X_CONTROL, X_MOD1, X_MOD4 = 1 << 0, 1 << 1, 1 << 2, 1 << 3, 1 << 6
XK_NUM_LOCK, XK_SCROLL_LOCK = 0xFF7F, 0xFF14
XK_ALT_L, XK_ALT_R, XK_META_L, XK_SUPER_L, XK_SUPER_R = 0xFFE9, 0xFFEA, 0xFFE7, 0xFFEB, 0xFFEC


class XModifiers(NamedTuple):
    """Where this X server keeps Alt, Super, NumLock and ScrollLock (read from its modifier map)."""

    alt: int = X_MOD1
    meta: int = X_MOD4
    num_lock: int = 0
    scroll_lock: int = 0


def x_modifiers(modmap_keysyms: Sequence[Iterable[int]]) -> XModifiers:
    """Masks from the modifier map, given as the keysyms on each of its 8 rows."""
    found: dict[str, int] = {}
    wanted = {
        XK_NUM_LOCK: "num_lock",
        XK_SCROLL_LOCK: "scroll_lock",
        XK_ALT_L: "alt",
        XK_ALT_R: "alt",
        XK_META_L: "alt",
        XK_SUPER_L: "meta",
        XK_SUPER_R: "meta",
    }
    for index, keysyms in enumerate(modmap_keysyms):
        if index < 3:
            continue  # Shift, Lock and Control rows are fixed
        for keysym in keysyms:
            name = wanted.get(keysym)
            if name is not None and name not in found:
                found[name] = 1 << index
    return XModifiers(
        alt=found.get("alt", X_MOD1),
        meta=found.get("meta", X_MOD4),
        num_lock=found.get("num_lock", 0),
        scroll_lock=found.get("scroll_lock", 0),
    )


def x_keysym(combo: KeyCombo) -> int:
    key = combo.key
    if key in _NAMED:
        return _NAMED[key][0]
    if key.startswith("F") and key[1:].isdigit():
        return 0xFFBE + int(key[1:]) - 1
    return ord(key.lower())  # Latin-1 keysyms equal their character codes


def x_mask(combo: KeyCombo, mods: XModifiers) -> int:
    masks = {"ctrl": X_CONTROL, "shift": X_SHIFT, "alt": mods.alt, "meta": mods.meta}
    mask = 0
    for name in combo.modifiers:
        mask |= masks[name]
    return mask


def x_lock_variants(mask: int, mods: XModifiers) -> list[int]:
    """The mask with every combination of CapsLock, NumLock and ScrollLock added (base first)."""
    locks = [m for m in (X_LOCK, mods.num_lock, mods.scroll_lock) if m and not m & mask]
    locks = list(dict.fromkeys(locks))
    variants = []
    for count in range(len(locks) + 1):
        for chosen in combinations(locks, count):
            extra = 0
            for lock in chosen:
                extra |= lock
            variants.append(mask | extra)
    return variants


def x_ignored_mask(mods: XModifiers) -> int:
    """The lock bits a key event's state may carry without changing which shortcut it is."""
    return X_LOCK | mods.num_lock | mods.scroll_lock


# -- Windows -------------------------------------------------------------------------------------

MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000


def windows_hotkey(combo: KeyCombo) -> tuple[int, int]:
    """(modifiers for RegisterHotKey, with MOD_NOREPEAT; virtual-key code)."""
    masks = {"alt": MOD_ALT, "ctrl": MOD_CONTROL, "shift": MOD_SHIFT, "meta": MOD_WIN}
    mods = MOD_NOREPEAT
    for name in combo.modifiers:
        mods |= masks[name]
    key = combo.key
    if key in _NAMED:
        vk = _NAMED[key][1]
    elif key in _PUNCTUATION:
        vk = _PUNCTUATION[key][0]
    elif key.startswith("F") and key[1:].isdigit():
        vk = 0x70 + int(key[1:]) - 1
    else:
        vk = ord(key)  # VK_A … VK_Z and VK_0 … VK_9 are the upper-case ASCII codes
    return mods, vk


# -- macOS ---------------------------------------------------------------------------------------

MAC_CMD, MAC_SHIFT, MAC_OPTION, MAC_CONTROL = 0x100, 0x200, 0x800, 0x1000


def mac_hotkey(combo: KeyCombo) -> tuple[int, int]:
    """(Carbon modifiers, virtual key code). Qt's "Ctrl" is the Command key on a Mac and its
    "Meta" the Control key, so "Ctrl+Alt+M" becomes Command-Option-M there."""
    masks = {"ctrl": MAC_CMD, "shift": MAC_SHIFT, "alt": MAC_OPTION, "meta": MAC_CONTROL}
    mods = 0
    for name in combo.modifiers:
        mods |= masks[name]
    key = combo.key
    if key in _NAMED:
        code = _NAMED[key][2]
    elif key in _PUNCTUATION:
        code = _PUNCTUATION[key][1]
    elif key.startswith("F") and key[1:].isdigit():
        number = int(key[1:])
        if number > len(_MAC_F):
            raise HotkeyError(f"A Mac keyboard has no {key} key")
        code = _MAC_F[number - 1]
    elif key in _MAC_DIGITS:
        code = _MAC_DIGITS[key]
    elif key in _MAC_MORE_LETTERS:
        code = _MAC_MORE_LETTERS[key]
    else:
        code = _MAC_LETTERS.index(key)
    return mods, code


# -- the GlobalShortcuts portal ------------------------------------------------------------------


def portal_trigger(combo: KeyCombo) -> str:
    """The XDG shortcuts format the portal's preferred_trigger takes, e.g. "CTRL+ALT+m"."""
    names = {"ctrl": "CTRL", "alt": "ALT", "shift": "SHIFT", "meta": "LOGO"}
    key = combo.key
    if key in _XKB_NAMES:
        keysym = _XKB_NAMES[key]
    elif len(key) == 1 and key.isalpha():
        keysym = key.lower()
    else:
        keysym = key
    return "+".join([*(names[m] for m in MODIFIER_ORDER if m in combo.modifiers), keysym])
