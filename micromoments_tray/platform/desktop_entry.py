"""The desktop file and icons for pip/pipx installs: `micromoments install-desktop-entry`.

Installs `<id>.desktop` under $XDG_DATA_HOME/applications and the hicolor icons under
$XDG_DATA_HOME/icons/hicolor for the current user, and writes a small manifest of exactly the
files and folders it added, so `--uninstall` removes those and nothing else. Pure Python: the
command line uses it and must not load Qt.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from micromoments_tray import APP_ID, APP_NAME

DESKTOP_FILE = f"{APP_ID}.desktop"
MANIFEST_NAME = "desktop-entry-manifest.json"
# Characters that make the Desktop Entry spec's Exec key want an argument quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def launch_command(
    *,
    frozen: bool | None = None,
    executable: str | None = None,
    platform: str | None = None,
    is_file: Callable[[Path], bool] = Path.is_file,
) -> list[str]:
    """The command that starts this installation of MicroMoments, with absolute paths.

    A bundle starts itself; a pip/pipx install its `micromoments` script beside the Python
    that runs us (not whatever `micromoments` is first on PATH); on Windows `pythonw -m` so no
    console window opens at login.
    """
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    exe = Path(executable or sys.executable).absolute()  # not resolve(): keep the venv's link
    platform = platform or sys.platform
    if frozen:
        return [str(exe)]
    if platform == "win32":
        windowless = exe.with_name("pythonw.exe")
        return [str(windowless if is_file(windowless) else exe), "-m", "micromoments_tray"]
    script = exe.with_name(APP_NAME)
    if is_file(script):
        return [str(script)]
    return [str(exe), "-m", "micromoments_tray"]


def exec_line(argv: Sequence[str]) -> str:
    """`argv` as the value of a desktop file's Exec key (quoting and escaping per the spec)."""
    parts = []
    for arg in argv:
        if arg and not (_RESERVED & set(arg)):
            parts.append(arg.replace("%", "%%"))
            continue
        inner = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
        inner = inner.replace("$", "\\$")
        # The string escape (\\ for a backslash) applies on top of the quoting rule.
        parts.append('"' + inner.replace("\\", "\\\\").replace("%", "%%") + '"')
    return " ".join(parts)


def entry_text(template: str, argv: Sequence[str], extra: Mapping[str, str] | None = None) -> str:
    """The desktop file `template` with its Exec set to `argv` and `extra` keys added."""
    extra = extra or {}
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_line(argv)
        elif line.split("=", 1)[0] in extra:
            continue  # replaced below
        lines.append(line)
    lines += [f"{key}={value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def xdg_home(env: Mapping[str, str], var: str, fallback: str) -> Path:
    """$XDG_DATA_HOME and friends: an absolute path from the environment, else ~/<fallback>."""
    value = env.get(var, "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / fallback


class Manifest:
    """What `install` added: files, and folders that did not exist before (deepest last)."""

    # A plain class: the tray app imports this module at start, and dataclasses costs ~1 MB.
    def __init__(self, files: list[str] | None = None, folders: list[str] | None = None) -> None:
        self.files: list[str] = [] if files is None else files
        self.folders: list[str] = [] if folders is None else folders

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Manifest):
            return NotImplemented
        return (self.files, self.folders) == (other.files, other.folders)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Manifest(files={self.files!r}, folders={self.folders!r})"

    @classmethod
    def load(cls, path: Path) -> Manifest:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise InstallError(f"{path} cannot be read ({exc}); remove it by hand.") from None
        files, folders = raw.get("files", []), raw.get("folders", [])
        if not all(isinstance(p, str) for p in [*files, *folders]):
            raise InstallError(f"{path} is not a MicroMoments manifest; remove it by hand.")
        return cls(list(files), list(folders))

    def save(self, path: Path) -> None:
        data = {"files": self.files, "folders": self.folders}
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)


class InstallError(Exception):
    """The desktop entry could not be installed or removed; the message says why."""


class DesktopEntryInstaller:
    def __init__(self, data_home: Path, resources: Path, argv: Sequence[str]) -> None:
        self.data_home = data_home
        self.resources = resources
        self.argv = list(argv)

    @property
    def manifest_path(self) -> Path:
        return self.data_home / APP_NAME / MANIFEST_NAME

    def planned(self) -> dict[Path, bytes]:
        """Every file to install (target path → content)."""
        template = self.resources / DESKTOP_FILE
        try:
            text = template.read_text(encoding="utf-8")
        except OSError as exc:
            raise InstallError(
                f"{template} is missing ({exc.strerror}); reinstall MicroMoments."
            ) from None
        files = {
            self.data_home / "applications" / DESKTOP_FILE: entry_text(text, self.argv).encode()
        }
        hicolor = self.resources / "icons" / "hicolor"
        for icon in sorted(hicolor.glob("*/apps/*")):
            files[self.data_home / "icons" / "hicolor" / icon.relative_to(hicolor)] = (
                icon.read_bytes()
            )
        return files

    def install(self) -> list[Path]:
        """Write the desktop file and icons; returns the files written."""
        manifest = Manifest.load(self.manifest_path)
        files = self.planned()
        for target in [self.manifest_path, *files]:
            self._make_folders(target.parent, manifest)
        for target, content in files.items():
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(content)
            os.replace(tmp, target)
            if str(target) not in manifest.files:
                manifest.files.append(str(target))
        manifest.save(self.manifest_path)
        return list(files)

    def _make_folders(self, folder: Path, manifest: Manifest) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for new in reversed(missing):
            new.mkdir()
            manifest.folders.append(str(new))

    def uninstall(self) -> list[Path]:
        """Remove what `install` added (per its manifest); returns what was removed."""
        if not self.manifest_path.exists():
            return []
        manifest = Manifest.load(self.manifest_path)
        removed: list[Path] = []
        for name in manifest.files:
            path = Path(name)
            if path.is_file() or path.is_symlink():
                path.unlink()
                removed.append(path)
        self.manifest_path.unlink()
        for name in reversed(manifest.folders):
            path = Path(name)
            try:
                path.rmdir()  # only when empty: something of the user's may live there now
            except OSError:
                continue
            removed.append(path)
        return removed
