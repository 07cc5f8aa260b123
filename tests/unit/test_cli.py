"""The `micromoments` command, run in-process against a temporary data folder and a fake clock."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import types
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from micromoments_tray import __version__
from micromoments_tray.cli import main as cli
from micromoments_tray.core.clock import FakeClock
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.migrations import SCHEMA_VERSION
from micromoments_tray.storage.paths import AppPaths
from micromoments_tray.storage.repository import MomentQuery, MomentRepository
from micromoments_tray.storage.transfer import FIELDS

COMMANDS = ("run", "log", "list", "delete", "restore", "export", "import")


class Cli:
    """Runs `micromoments --data-dir D ...` in-process; returns (status, stdout, stderr)."""

    def __init__(self, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]):
        self.data_dir = data_dir
        self.clock = clock
        self._capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self._capsys.readouterr()
        status = cli.main(["--data-dir", str(self.data_dir), *args], clock=self.clock)
        out, err = self._capsys.readouterr()
        return status, out, err

    def ok(self, *args: str) -> str:
        status, out, err = self(*args)
        assert status == 0, err
        return out

    def log(self, *args: str) -> str:
        return self.ok("log", *args).strip()

    def moments(self, include_deleted: bool = False) -> list[object]:
        repo = MomentRepository(connect(self.data_dir / "moments.sqlite3"))
        try:
            return list(repo.query(MomentQuery(include_deleted=include_deleted)))
        finally:
            repo.close()


@pytest.fixture
def mm(app_paths: AppPaths, clock: FakeClock, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(app_paths.data_dir, clock, capsys)


@pytest.fixture
def db_file(app_paths: AppPaths) -> Path:
    return app_paths.database


def _repo(path: Path) -> MomentRepository:
    return MomentRepository(connect(path))


# -- the parser ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: micromoments {command}")
    assert "--data-dir DIR" in out


def test_main_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"micromoments {__version__}"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["dance"], "invalid choice: 'dance'"),
        (["log", "--loud"], "unrecognized arguments: --loud"),
        (["log", "--kind", "hug"], "argument --kind: invalid choice: 'hug'"),
        (["log", "--feeling", "7"], "argument --feeling: 7 is outside 1 to 5"),
        (["log", "--feeling", "lots"], "'lots' is not a whole number from 1 to 5"),
        (["list", "--since", "last week"], "'last week' is not a date; use YYYY-MM-DD"),
        (["list", "--format", "xml"], "invalid choice: 'xml'"),
        (["delete"], "the following arguments are required: ID"),
        (["export", "--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_usage_errors_exit_2(mm: Cli, argv: list[str], message: str) -> None:
    status, out, err = mm(*argv)
    assert status == 2
    assert message in err
    assert out == ""


# -- log -----------------------------------------------------------------------------------------


def test_log_prints_only_the_new_id_and_stores_the_moment(mm: Cli, db_file: Path) -> None:
    status, out, err = mm(
        "log", "thanked", "the", "barista", "--with", "Sam", "--with", "zoë", "--feeling", "5"
    )
    assert (status, err) == (0, "")
    assert out.count("\n") == 1
    moment_id = out.strip()
    assert str(uuid.UUID(moment_id)) == moment_id
    moment = _repo(db_file).get(moment_id)
    assert moment.note == "thanked the barista"
    assert moment.people == ("Sam", "zoë")
    assert moment.feeling == 5
    assert moment.kind == "thanks"  # without --kind the note is read: "thanked" names it
    assert moment.occurred_at == mm.clock.now()
    assert moment.occurred_at.utcoffset() == mm.clock.now().utcoffset()


def test_log_defaults_and_explicit_kind_and_time(mm: Cli, db_file: Path) -> None:
    plain = _repo(db_file).get(mm.log())
    assert (plain.kind, plain.note, plain.people, plain.feeling) == ("smile", "", (), None)
    assert _repo(db_file).get(mm.log("--with", "  ")).kind == "smile"  # a blank name is no one
    earlier = _repo(db_file).get(mm.log("--kind", "thanks", "--at", "07:05", "bus driver"))
    assert earlier.kind == "thanks"
    assert earlier.occurred_at.isoformat() == "2026-11-26T07:05:00+01:00"
    iso = _repo(db_file).get(mm.log("--at", "2026-11-20T18:30:00-05:00"))
    assert iso.occurred_at.isoformat() == "2026-11-20T18:30:00-05:00"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--at", "23:00"], "--at: '23:00' is in the future; log a moment once it has happened"),
        (["--at", "noonish"], "--at: 'noonish' is not a time; use HH:MM"),
        (["--at", "2026-11-20"], "--at: '2026-11-20' is a date; add a time"),
        (["x" * 1001], "note: is 1001 characters long; the most is 1000"),
        (["bell\x07"], "note: contains a control character (U+0007)"),
        (["--with", "N" * 81], "--with: the name 'NNNNNNNNNNNNNNNNNNNN'… is longer than 80"),
    ],
)
def test_log_refuses_bad_values_with_exit_2_and_stores_nothing(
    mm: Cli, argv: list[str], message: str
) -> None:
    status, out, err = mm("log", *argv)
    assert status == 2
    assert out == ""
    assert f"micromoments log: error: {message}" in err
    assert "Traceback" not in err
    assert mm.moments() == []


def test_data_dir_from_environment_and_option_after_the_command(
    tmp_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    env_dir, opt_dir = tmp_path / "from-env", tmp_path / "from-option"
    monkeypatch.setenv("MICROMOMENTS_DATA_DIR", str(env_dir))
    assert cli.main(["log", "one"], clock=clock) == 0
    assert cli.main(["log", "two", "--data-dir", str(opt_dir)], clock=clock) == 0
    assert cli.main(["--data-dir", str(opt_dir), "log", "three"], clock=clock) == 0
    capsys.readouterr()
    assert [m.note for m in _repo(env_dir / "moments.sqlite3").query()] == ["one"]
    assert [m.note for m in _repo(opt_dir / "moments.sqlite3").query()] == ["two", "three"]


# -- list ----------------------------------------------------------------------------------------


@pytest.fixture
def week(mm: Cli) -> dict[str, str]:
    """Moments on several days of the fake week (Thursday 26 November 2026, 18:30 Berlin)."""
    return {
        "mon": mm.log("--at", "2026-11-23T00:00", "--kind", "greeting", "--with", "Ann", "Monday"),
        "tue": mm.log("--at", "2026-11-24T23:59", "--kind", "thanks", "--with", "Zoë", "cake"),
        "wed": mm.log("--at", "2026-11-25T12:00", "--with", "ZOË", "--with", "Sam", "TEA WITH ZOË"),
        "thu": mm.log("--at", "08:15", "--feeling", "3", "line one\nline two"),
    }


def _ids(out: str) -> list[str]:
    return [r["id"] for r in json.loads(out)]


def test_list_table_is_aligned_with_short_ids(mm: Cli, week: dict[str, str]) -> None:
    out = mm.ok("list")
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "WHEN", "KIND", "PEOPLE", "FEEL", "NOTE"]
    assert len(lines) == 5
    for line, key in zip(lines[1:], ("mon", "tue", "wed", "thu"), strict=True):
        assert line.startswith(week[key][:8] + "  ")
        assert week[key] not in line  # only the short id
    kind_col = lines[0].index("KIND")
    assert {line[kind_col - 2 : kind_col] for line in lines} == {"  "}
    assert lines[1][kind_col:].startswith("greeting")
    assert "2026-11-24 23:59" in lines[2]
    assert "Zoë, Sam" in lines[3]  # one person record: the first spelling is kept
    assert lines[4].endswith("line one line two")  # one line per moment


def test_list_truncates_long_notes(mm: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    mm.log("word " * 100)
    line = mm.ok("list").splitlines()[1]
    assert line.endswith("…")
    assert len(line) <= 80


def test_list_filters(mm: Cli, week: dict[str, str]) -> None:
    def listed(*args: str) -> list[str]:
        return _ids(mm.ok("list", "--format", "json", *args))

    assert listed() == [week[d] for d in ("mon", "tue", "wed", "thu")]
    assert listed("--since", "2026-11-24") == [week[d] for d in ("tue", "wed", "thu")]
    assert listed("--until", "2026-11-24") == [week["mon"], week["tue"]]  # the whole day
    assert listed("--since", "2026-11-24", "--until", "2026-11-24") == [week["tue"]]
    assert listed("--kind", "thanks") == [week["tue"]]
    assert listed("--with", "zoë") == [week["tue"], week["wed"]]
    assert listed("--search", "zoë") == [week["tue"], week["wed"]]
    assert listed("--search", "LINE TWO") == [week["thu"]]
    assert listed("--with", "nobody") == []


def test_list_json_and_csv_use_the_export_record(mm: Cli, week: dict[str, str]) -> None:
    records = json.loads(mm.ok("list", "--format", "json", "--kind", "thanks"))
    assert [list(r) for r in records] == [list(FIELDS)]
    assert records[0]["occurred_at"] == "2026-11-24T23:59:00+01:00"
    assert records[0]["people"] == ["Zoë"]
    rows = list(csv.reader(io.StringIO(mm.ok("list", "--format", "csv", "--with", "sam"))))
    assert rows[0] == list(FIELDS)
    assert rows[1][FIELDS.index("people")] == "Zoë; Sam"


def test_list_with_nothing_to_show(mm: Cli) -> None:
    assert mm.ok("list") == "No moments found.\n"
    assert mm.ok("list", "--format", "json") == "[]\n"


def test_list_since_after_until_is_a_usage_error(mm: Cli) -> None:
    status, _, err = mm("list", "--since", "2026-11-25", "--until", "2026-11-24")
    assert status == 2
    assert "--since 2026-11-25 is after --until 2026-11-24" in err


# -- delete and restore --------------------------------------------------------------------------


def test_delete_by_short_id_then_restore(mm: Cli, week: dict[str, str]) -> None:
    target = week["tue"]
    out = mm.ok("delete", target[:8])
    assert out.splitlines() == [
        f"Deleted: {target[:8]}  2026-11-24 23:59  thanks  with Zoë  cake",
        f"Undo with: micromoments restore {target}",
    ]
    assert target not in _ids(mm.ok("list", "--format", "json"))
    assert _ids(mm.ok("list", "--format", "json", "--deleted")) == [target]
    assert mm.ok("delete", target).startswith(f"Moment {target} was already deleted")

    assert mm.ok("restore", target).startswith(f"Restored: {target[:8]}")
    assert target in _ids(mm.ok("list", "--format", "json"))
    assert _ids(mm.ok("list", "--format", "json", "--deleted")) == []
    assert mm.ok("restore", target) == f"Moment {target} is not deleted; nothing changed.\n"


@pytest.mark.parametrize("command", ["delete", "restore"])
def test_unknown_or_ambiguous_id_exits_1(mm: Cli, db_file: Path, command: str) -> None:
    from micromoments_tray.core.moments import make_moment

    repo = _repo(db_file)
    for moment_id in (
        "abcd1111-0000-4000-8000-000000000000",
        "abcd2222-0000-4000-8000-000000000000",
    ):
        now = mm.clock.now()
        repo.add(make_moment(kind="smile", occurred_at=now, now=now, moment_id=moment_id))
    repo.close()
    status, out, err = mm(command, "ffff0000")
    assert (status, out) == (1, "")
    assert err == "No moment has the id ffff0000.\n"
    status, out, err = mm(command, "abcd")
    assert status == 1
    assert err == "More than one moment has an id starting with abcd; give more of it.\n"


# -- export and import ---------------------------------------------------------------------------


def test_export_json_to_stdout_leaves_out_deleted(mm: Cli, week: dict[str, str]) -> None:
    mm.ok("delete", week["mon"])
    records = json.loads(mm.ok("export"))
    assert [r["id"] for r in records] == [week[d] for d in ("tue", "wed", "thu")]
    assert all(tuple(r) == FIELDS for r in records)
    assert records[2]["feeling"] == 3 and records[0]["feeling"] is None


def test_export_to_a_file_is_private_and_complete(
    mm: Cli, week: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "moments.json"
    target.parent.mkdir()
    target.write_text("old content")
    if os.name == "posix":
        target.chmod(0o644)
    status, out, err = mm("export", "-o", str(target))
    assert (status, out) == (0, "")
    assert err == f"Exported 4 moments to {target}.\n"
    assert len(json.loads(target.read_text())) == 4
    assert [p.name for p in target.parent.iterdir()] == ["moments.json"]  # no temp file left
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_format_follows_the_file_name(mm: Cli, week: dict[str, str], tmp_path: Path) -> None:
    mm.ok("export", "-o", str(tmp_path / "m.csv"))
    assert (tmp_path / "m.csv").read_text().startswith(",".join(FIELDS))
    mm.ok("export", "--format", "json", "-o", str(tmp_path / "m.csv.bak"))
    assert json.loads((tmp_path / "m.csv.bak").read_text())[0]["id"] == week["mon"]


@pytest.mark.parametrize("where", ["missing-folder/out.json", "."])
def test_export_to_an_impossible_place_exits_1(mm: Cli, tmp_path: Path, where: str) -> None:
    mm.log()
    status, out, err = mm("export", "-o", str(tmp_path / where))
    assert (status, out) == (1, "")
    assert "Traceback" not in err
    assert str(tmp_path) in err


@pytest.mark.parametrize("suffix", [".json", ".csv", ""])
def test_export_then_import_into_a_new_folder(
    mm: Cli,
    week: dict[str, str],
    tmp_path: Path,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
) -> None:
    fmt = "csv" if suffix != ".json" else "json"
    dump = tmp_path / f"dump{suffix}"
    mm.ok("export", "--format", fmt, "-o", str(dump))
    other = Cli(tmp_path / "other", clock, capsys)
    assert (
        other.ok("import", str(dump)) == "Imported 4 new moments, updated 0, 0 already present.\n"
    )
    assert (
        other.ok("import", str(dump)) == "Imported 0 new moments, updated 0, 4 already present.\n"
    )
    assert other.ok("export") == mm.ok("export")


def test_import_from_stdin(mm: Cli, monkeypatch: pytest.MonkeyPatch, week: dict[str, str]) -> None:
    text = mm.ok("export")
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(text.encode())))
    assert mm.ok("import", "-") == "Imported 0 new moments, updated 0, 4 already present.\n"


def test_import_with_a_bad_record_imports_nothing(mm: Cli, tmp_path: Path) -> None:
    good = {
        "occurred_at": "2026-11-26T09:00:00+01:00",
        "kind": "smile",
        "note": "",
        "people": [],
        "feeling": None,
        "created_at": "2026-11-26T08:00:00Z",
        "updated_at": "2026-11-26T08:00:00Z",
    }
    ids = [str(uuid.uuid4()) for _ in range(3)]
    records = [{"id": i, **good} for i in ids]
    records[2]["feeling"] = 7
    path = tmp_path / "moments.json"
    path.write_text(json.dumps(records))
    status, out, err = mm("import", str(path))
    assert (status, out) == (1, "")
    assert err == (
        f"{path}: record 3 (id {ids[2]}): feeling: 7 is outside 1 to 5\nNothing was imported.\n"
    )
    assert mm.moments() == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00garbage", "is not UTF-8 text (byte 0); nothing was imported"),
        (b"[{]", "is not valid JSON"),
        (b"", "is empty; a CSV export starts with a header"),
    ],
)
def test_import_of_unreadable_content_exits_1(
    mm: Cli, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "in.json" if content.startswith(b"[") else tmp_path / "in.csv"
    path.write_bytes(content)
    status, _, err = mm("import", str(path))
    assert status == 1
    assert err.startswith(f"{path}: ") and message in err


def test_import_of_a_missing_file_exits_1(mm: Cli, tmp_path: Path) -> None:
    status, _, err = mm("import", str(tmp_path / "nope.json"))
    assert status == 1
    assert err == f"Could not use the file {tmp_path / 'nope.json'}: No such file or directory.\n"


# -- storage failures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv", [["log", "hi"], ["list"], ["export"], ["delete", "abcd"], ["import", "-"]]
)
def test_damaged_database_exits_1_and_is_left_alone(
    mm: Cli, db_file: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file.parent.mkdir(parents=True)
    garbage = b"\x00not sqlite\x00" * 500
    db_file.write_bytes(garbage)
    # For import the file to read is valid; only the database is damaged.
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(b"[]")))
    status, out, err = mm(*argv)
    assert (status, out) == (1, "")
    assert err.startswith(f"The moments file {db_file} cannot be read")
    assert "It has not been changed" in err and "Traceback" not in err
    assert err.count("\n") == 1  # one paragraph
    assert db_file.read_bytes() == garbage


def test_newer_database_exits_1_and_is_left_alone(mm: Cli, db_file: Path) -> None:
    mm.log()
    with sqlite3.connect(db_file) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = db_file.read_bytes()
    status, _, err = mm("list")
    assert status == 1
    assert "was written by a newer MicroMoments" in err and str(db_file) in err
    assert db_file.read_bytes() == before


def test_sqlite_errors_become_messages_not_tracebacks() -> None:
    locked = cli._failure_message(sqlite3.OperationalError("database is locked"))
    assert locked is not None and "busy" in locked and "Nothing was changed" in locked
    other = cli._failure_message(sqlite3.DatabaseError("disk I/O error"))
    assert other is not None and "disk I/O error" in other
    assert cli._failure_message(RuntimeError("a bug")) is None  # real bugs are not hidden


# -- telling the running app ---------------------------------------------------------------------


@pytest.fixture
def listening_app(app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bytes]]:
    """A stand-in for the tray app's local socket; yields the messages it received."""
    runtime = tempfile.mkdtemp(prefix="mm-")  # socket paths must stay short
    monkeypatch.setenv("XDG_RUNTIME_DIR", runtime)
    address = app_paths.socket_path()
    assert address.startswith(runtime)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(address)
    server.listen(8)
    received: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                data = conn.recv(4096)
                if data == b"stop":
                    return
                received.append(data)
                conn.sendall(b'{"v": 1, "ok": true}\n')

    thread = threading.Thread(target=serve)
    thread.start()
    yield received
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stopper:
        stopper.connect(address)
        stopper.sendall(b"stop")
    thread.join(5)
    server.close()
    Path(address).unlink()
    Path(runtime).rmdir()


def test_writes_tell_the_running_app(mm: Cli, listening_app: list[bytes], tmp_path: Path) -> None:
    moment_id = mm.log("hi")
    mm.ok("list")
    mm.ok("export", "-o", str(tmp_path / "x.json"))
    assert listening_app == [b'{"v":1,"cmd":"data-changed"}\n']  # reads say nothing
    mm.ok("delete", moment_id)
    mm.ok("restore", moment_id)
    (tmp_path / "y.json").write_text(mm.ok("export").replace(moment_id, str(uuid.uuid4())))
    mm.ok("import", str(tmp_path / "y.json"))
    assert len(listening_app) == 4


def test_log_works_when_no_app_is_running(mm: Cli) -> None:
    assert uuid.UUID(mm.log("nobody listening"))


# -- run -----------------------------------------------------------------------------------------


def test_no_command_and_run_start_the_app(
    mm: Cli, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[AppPaths, bool]] = []

    def run_app(paths: AppPaths, *, smoke_test: bool = False) -> int:
        calls.append((paths, smoke_test))
        return 3

    fake = types.ModuleType("micromoments_tray.app.root")
    fake.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "micromoments_tray.app.root", fake)
    assert mm()[0] == 3
    assert mm("run", "--smoke-test")[0] == 3
    assert [c[1] for c in calls] == [False, True]
    assert calls[0][0].data_dir == app_paths.data_dir


def test_run_without_the_app_installed_explains(mm: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "micromoments_tray.app.root", None)
    status, _, err = mm("run")
    assert status == 1
    assert "The tray app cannot start" in err and "log, list, export, import" in err


# -- as a real process ---------------------------------------------------------------------------


def _run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "micromoments_tray", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_exit_codes_of_the_real_command(tmp_path: Path) -> None:
    ok = _run("log", "from a shell", data_dir=tmp_path)
    assert ok.returncode == 0 and uuid.UUID(ok.stdout.strip())
    assert _run("log", "--feeling", "9", data_dir=tmp_path).returncode == 2
    assert _run("delete", "ffffffff", data_dir=tmp_path).returncode == 1
    assert _run("list", "--help", data_dir=tmp_path).returncode == 0


def test_log_never_imports_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from micromoments_tray.cli import main as cli\n"
        f"status = cli.main(['--data-dir', {str(tmp_path)!r}, 'log', 'no Qt here'])\n"
        "cli.main(['--data-dir', " + repr(str(tmp_path)) + ", 'list'])\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print('QT', qt, 'STATUS', status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "QT [] STATUS 0" in result.stdout


def test_log_loads_only_what_it_needs(tmp_path: Path) -> None:
    """`micromoments log` should start like a plain script: none of these heavier modules.

    (With the folders given, platformdirs is not needed either; in the default folders it is.)
    """
    folders = ["--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path / "config")]
    code = (
        "import sys\n"
        "from micromoments_tray.cli import main as cli\n"
        f"status = cli.main([*{folders!r}, 'log', 'tea with @Sam +4'])\n"
        "heavy = ('json', 'tempfile', 'shutil', 'socket', 'random', 'hashlib', 'dataclasses',\n"
        "         'platformdirs', 'logging', 'uuid', 'micromoments_tray.core.week',\n"
        "         'micromoments_tray.core.people', 'micromoments_tray.core.summary')\n"
        "print('LOADED', sorted(set(heavy) & set(sys.modules)), 'STATUS', status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "LOADED [] STATUS 0" in result.stdout


@pytest.mark.parametrize(
    ("argv", "collector_on"),
    [(["log", "x"], False), (["list"], False), (["run"], True), ([], True)],
)
def test_console_main_runs_short_commands_without_the_cycle_collector(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], collector_on: bool
) -> None:
    import gc

    seen: list[tuple[list[str], bool]] = []

    def fake_main(arguments: list[str]) -> int:
        seen.append((arguments, gc.isenabled()))
        return 7

    monkeypatch.setattr(sys, "argv", ["micromoments", *argv])
    monkeypatch.setattr(cli, "main", fake_main)
    try:
        assert cli.console_main() == 7
        assert seen == [(argv, collector_on)]
        assert gc.get_freeze_count() > 0  # what is left at exit is not walked again
    finally:
        gc.unfreeze()
        gc.enable()
