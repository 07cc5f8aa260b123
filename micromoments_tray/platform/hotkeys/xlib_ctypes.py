"""The few libX11 calls a key grab needs, through ctypes.

Qt's xcb platform plugin has already loaded libX11 into the process, so this costs next to
nothing; python-xlib would add ~35 ms and several MB to every start for the same four requests.
"""

import ctypes
from collections.abc import Iterator
from typing import Any, NamedTuple

KEY_PRESS, KEY_RELEASE = 2, 3
GRAB_MODE_ASYNC = 1
BAD_ACCESS = 10


class KeyEvent(NamedTuple):
    type: int  # KEY_PRESS or KEY_RELEASE
    keycode: int
    state: int
    time: int


class _XKeyEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("root", ctypes.c_ulong),
        ("subwindow", ctypes.c_ulong),
        ("time", ctypes.c_ulong),
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("x_root", ctypes.c_int),
        ("y_root", ctypes.c_int),
        ("state", ctypes.c_uint),
        ("keycode", ctypes.c_uint),
        ("same_screen", ctypes.c_int),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xkey", _XKeyEvent), ("pad", ctypes.c_long * 24)]


class _XErrorEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("resourceid", ctypes.c_ulong),
        ("serial", ctypes.c_ulong),
        ("error_code", ctypes.c_ubyte),
        ("request_code", ctypes.c_ubyte),
        ("minor_code", ctypes.c_ubyte),
    ]


class _XModifierKeymap(ctypes.Structure):
    _fields_ = [("max_keypermod", ctypes.c_int), ("modifiermap", ctypes.POINTER(ctypes.c_ubyte))]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_XErrorEvent))


class XError(OSError):
    pass


class _Library:
    """libX11 with argument types declared, and one error handler for the whole process."""

    def __init__(self) -> None:
        try:
            lib = ctypes.CDLL("libX11.so.6")  # Qt's xcb plugin has loaded it already
        except OSError:
            # Elsewhere (BSDs, odd layouts) ask the system; ctypes.util imports subprocess.
            from ctypes.util import find_library

            lib = ctypes.CDLL(find_library("X11") or "libX11.so")
        vp, ul, ui, i = ctypes.c_void_p, ctypes.c_ulong, ctypes.c_uint, ctypes.c_int
        signatures: dict[str, tuple[Any, list[Any]]] = {
            "XOpenDisplay": (vp, [ctypes.c_char_p]),
            "XCloseDisplay": (i, [vp]),
            "XConnectionNumber": (i, [vp]),
            "XDefaultRootWindow": (ul, [vp]),
            "XKeysymToKeycode": (ctypes.c_ubyte, [vp, ul]),
            "XkbKeycodeToKeysym": (ul, [vp, ctypes.c_ubyte, i, i]),
            "XGetModifierMapping": (ctypes.POINTER(_XModifierKeymap), [vp]),
            "XFreeModifiermap": (i, [ctypes.POINTER(_XModifierKeymap)]),
            "XGrabKey": (i, [vp, i, ui, ul, i, i, i]),
            "XUngrabKey": (i, [vp, i, ui, ul]),
            "XSync": (i, [vp, i]),
            "XFlush": (i, [vp]),
            "XPending": (i, [vp]),
            "XNextEvent": (i, [vp, ctypes.POINTER(_XEvent)]),
            "XSetErrorHandler": (vp, [_ERROR_HANDLER]),
        }
        for fname, (restype, argtypes) in signatures.items():
            func = getattr(lib, fname)
            func.restype, func.argtypes = restype, argtypes
        self.lib = lib
        # Errors on our own connections are recorded per display, never fatal (Xlib's default
        # handler would exit the process); other connections' errors are left to be ignored.
        self.errors: dict[int, list[tuple[int, int]]] = {}
        self._handler = _ERROR_HANDLER(self._on_error)  # kept alive for the process
        lib.XSetErrorHandler(self._handler)

    def _on_error(self, display: int | None, event: Any) -> int:
        record = self.errors.get(display or 0)
        if record is not None:
            record.append((event.contents.error_code, event.contents.request_code))
        return 0


_library: _Library | None = None


def _lib() -> _Library:
    global _library  # one libX11 binding and error handler per process, made on first use
    if _library is None:
        _library = _Library()
    return _library


class XConnection:
    """A connection of our own to the X server, for passive key grabs on the root window."""

    def __init__(self, name: str | None) -> None:
        self._x = _lib()
        handle = self._x.lib.XOpenDisplay(name.encode() if name else None)
        if not handle:
            raise XError(f"cannot open the X display {name or '(default)'}")
        self._dpy: int | None = handle
        self._x.errors[handle] = []
        self._root = self._x.lib.XDefaultRootWindow(handle)

    def _handle(self) -> int:
        if self._dpy is None:
            raise XError("the X connection is closed")
        return self._dpy

    def fileno(self) -> int:
        return int(self._x.lib.XConnectionNumber(self._handle()))

    def keysym_to_keycode(self, keysym: int) -> int:
        return int(self._x.lib.XKeysymToKeycode(self._handle(), keysym))

    def modifier_keysyms(self) -> list[list[int]]:
        """The keysyms on each of the 8 rows of the server's modifier map."""
        dpy = self._handle()
        keymap = self._x.lib.XGetModifierMapping(dpy)
        try:
            per = keymap.contents.max_keypermod
            codes = keymap.contents.modifiermap
            return [
                [
                    int(self._x.lib.XkbKeycodeToKeysym(dpy, codes[row * per + n], 0, 0))
                    for n in range(per)
                    if codes[row * per + n]
                ]
                for row in range(8)
            ]
        finally:
            self._x.lib.XFreeModifiermap(keymap)

    def grab(self, keycode: int, masks: list[int]) -> list[int]:
        """Grab every mask; return those another client already holds (BadAccess)."""
        dpy = self._handle()
        taken: list[int] = []
        for mask in masks:
            self._x.errors[dpy] = []
            self._x.lib.XGrabKey(dpy, keycode, mask, self._root, 1, GRAB_MODE_ASYNC, 1)
            self._x.lib.XSync(dpy, 0)  # the server has answered this grab when this returns
            if any(code == BAD_ACCESS for code, _ in self._x.errors[dpy]):
                taken.append(mask)
        self._x.errors[dpy] = []
        return taken

    def ungrab(self, keycode: int, masks: list[int]) -> None:
        dpy = self._handle()
        for mask in masks:
            self._x.lib.XUngrabKey(dpy, keycode, mask, self._root)
        self._x.lib.XFlush(dpy)

    def key_events(self) -> Iterator[KeyEvent]:
        """The key events already sent to us (never waits)."""
        dpy = self._handle()
        event = _XEvent()
        while self._x.lib.XPending(dpy) > 0:
            self._x.lib.XNextEvent(dpy, ctypes.byref(event))
            if event.type in (KEY_PRESS, KEY_RELEASE):
                key = event.xkey
                yield KeyEvent(event.type, key.keycode, key.state, key.time)

    def close(self) -> None:
        if self._dpy is not None:
            self._x.errors.pop(self._dpy, None)
            self._x.lib.XCloseDisplay(self._dpy)
            self._dpy = None
