"""Where the files live: folder precedence and the local socket's address."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from micromoments_tray.storage.paths import AppPaths, resolve_paths

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX socket paths")


def _paths(tmp_path: Path) -> AppPaths:
    return resolve_paths({}, data_dir=str(tmp_path / "data"), config_dir=str(tmp_path / "cfg"))


def test_options_win_over_environment_which_wins_over_defaults(tmp_path: Path) -> None:
    env = {
        "MICROMOMENTS_DATA_DIR": str(tmp_path / "env-data"),
        "MICROMOMENTS_CONFIG_DIR": str(tmp_path / "env-cfg"),
    }
    from_env = resolve_paths(env)
    assert from_env.data_dir == tmp_path / "env-data"
    assert from_env.config_dir == tmp_path / "env-cfg"
    chosen = resolve_paths(env, data_dir=str(tmp_path / "opt"))
    assert chosen.data_dir == tmp_path / "opt"
    assert chosen.config_dir == tmp_path / "env-cfg"


def test_socket_lives_in_the_runtime_folder_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime, temp = tmp_path / "run", tmp_path / "tmp"
    runtime.mkdir()
    temp.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("TMPDIR", str(temp))
    address = Path(_paths(tmp_path).socket_path())
    assert address.parent == runtime
    assert address.name.startswith("micromoments-") and address.suffix == ".sock"


@pytest.mark.parametrize("variable", ["TMPDIR", "TEMP", "TMP"])
def test_socket_falls_back_to_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    for name in ("XDG_RUNTIME_DIR", "TMPDIR", "TEMP", "TMP"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))  # not a folder: skipped
    monkeypatch.setenv(variable, str(tmp_path))
    assert Path(_paths(tmp_path).socket_path()).parent == tmp_path


def test_socket_falls_back_to_slash_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("XDG_RUNTIME_DIR", "TMPDIR", "TEMP", "TMP"):
        monkeypatch.delenv(name, raising=False)
    assert Path(_paths(tmp_path).socket_path()).parent == Path("/tmp")


def test_each_data_folder_gets_its_own_socket(tmp_path: Path) -> None:
    one = resolve_paths({}, data_dir=str(tmp_path / "one"), config_dir=str(tmp_path / "c"))
    two = resolve_paths({}, data_dir=str(tmp_path / "two"), config_dir=str(tmp_path / "c"))
    assert one.socket_path() != two.socket_path()
    assert one.socket_path() == resolve_paths({}, data_dir=str(tmp_path / "one")).socket_path()
