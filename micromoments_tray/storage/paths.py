"""Where MicroMoments keeps its files. Nothing is computed or created at import time."""

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from micromoments_tray import APP_NAME

DATA_ENV = "MICROMOMENTS_DATA_DIR"
CONFIG_ENV = "MICROMOMENTS_CONFIG_DIR"
LOG_ENV = "MICROMOMENTS_LOG_DIR"
DB_FILENAME = "moments.sqlite3"
SETTINGS_FILENAME = "settings.json"


class AppPaths(NamedTuple):
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def settings(self) -> Path:
        return self.config_dir / SETTINGS_FILENAME

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "micromoments.lock"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "micromoments.log"

    def instance_key(self) -> str:
        """A short key that names one data directory, for its lock and its local socket."""
        import zlib  # not hashlib: loading OpenSSL would cost `micromoments log` its start-up time

        name = os.fsencode(self.data_dir.resolve())
        # Two CRC-32s with different seeds: 64 bits, ample to tell one user's folders apart.
        return f"{zlib.crc32(name):08x}{zlib.crc32(name, 0x5BD1E995):08x}"

    def socket_path(self) -> str:
        """The local socket of the app running on this data directory.

        On POSIX a short absolute path in the per-user runtime directory (socket paths are limited
        to ~100 bytes, so the data directory itself cannot host it); on Windows a pipe name.
        """
        key = self.instance_key()
        if sys.platform == "win32":
            return f"micromoments-{key}"
        uid = os.getuid() if hasattr(os, "getuid") else 0
        return os.path.join(_socket_folder(), f"micromoments-{uid}-{key}.sock")  # noqa: PTH118


def _socket_folder() -> str:
    """The per-user runtime folder, else the temporary folder tempfile would pick.

    Looked up by hand: importing tempfile (and the random and shutil it pulls in) costs every
    `micromoments log` a few milliseconds on systems without XDG_RUNTIME_DIR.
    """
    for name in ("XDG_RUNTIME_DIR", "TMPDIR", "TEMP", "TMP"):
        folder = os.environ.get(name)
        if folder and os.path.isdir(folder):  # noqa: PTH112 - os.path is enough here
            return folder
    return "/tmp"


def resolve_paths(
    env: Mapping[str, str],
    data_dir: str | None = None,
    config_dir: str | None = None,
) -> AppPaths:
    """Command-line options win over environment variables, which win over platform defaults."""

    def pick(option: str | None, var: str, default: Callable[[], str]) -> Path:
        # Defaults are asked of platformdirs only when needed: importing it costs start-up time.
        chosen = option or env.get(var) or default()
        return Path(chosen).expanduser().absolute()

    def platform_dir(kind: str) -> Callable[[], str]:
        def ask() -> str:
            import platformdirs

            return str(getattr(platformdirs, kind)(APP_NAME, appauthor=False))

        return ask

    data = pick(data_dir, DATA_ENV, platform_dir("user_data_dir"))
    config = pick(config_dir, CONFIG_ENV, platform_dir("user_config_dir"))
    # With a custom data dir, logs live beside the data so test instances stay separate.
    custom_data = bool(data_dir or env.get(DATA_ENV))
    log = pick(
        None, LOG_ENV, (lambda: str(data / "logs")) if custom_data else platform_dir("user_log_dir")
    )
    return AppPaths(data_dir=data, config_dir=config, log_dir=log)


def ensure_private_dir(path: Path) -> Path:
    """Create the folder (and parents) if needed, readable by the user only on POSIX.

    An existing folder the user chose keeps its permissions: it may be shared on purpose.
    """
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            path.chmod(0o700)
    return path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
