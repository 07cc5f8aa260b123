"""The `micromoments` command: start the tray app, or log, list, export and import moments.

Exit status: 0 done, 1 something went wrong (message on stderr), 2 the command line is wrong.

This module must never import Qt: everything but `argparse` is imported when a command needs it,
so `micromoments log ...` starts about as fast as a plain Python script.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

if TYPE_CHECKING:
    from datetime import date, datetime

    from micromoments_tray.core.clock import Clock
    from micromoments_tray.core.moments import Moment
    from micromoments_tray.core.week import SummarySettings
    from micromoments_tray.storage.paths import AppPaths
    from micromoments_tray.storage.repository import MomentRepository
    from micromoments_tray.storage.transfer import Format

    # argparse's subparsers action has no public type name.
    _Subparsers: TypeAlias = "argparse._SubParsersAction[_Parser]"

PROG = "micromoments"
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
NOTIFY_TIMEOUT_S = 0.5


class UsageError(Exception):
    """A value on the command line is not acceptable (exit status 2)."""


class CommandError(Exception):
    """The command could not be done (exit status 1); the message says why and what to do."""


# -- the parser --------------------------------------------------------------------------------


def _kind_ids() -> tuple[str, ...]:
    from micromoments_tray.core.kinds import KIND_IDS

    return KIND_IDS


def _feeling(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 to 5") from None
    if not 1 <= value <= 5:
        raise argparse.ArgumentTypeError(f"{value} is outside 1 to 5")
    return value


def _day(text: str) -> date:
    from micromoments_tray.core.when import WhenError, parse_day

    try:
        return parse_day(text)
    except WhenError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _HelpFormatter(argparse.HelpFormatter):
    """Reads the terminal width itself (argparse would import shutil, slowing every command),
    once: argparse makes a formatter for every option it adds."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_help_width())


@functools.cache
def _help_width() -> int:
    try:
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = int(os.environ.get("COLUMNS", "80") or 80)
    return max(40, columns - 2)


class _Parser(argparse.ArgumentParser):
    """Every parser, subcommands included (argparse makes them of the parent's class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def _build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with `only` the one command about to run (builds faster)."""
    from micromoments_tray import __version__

    # The folder options are accepted before or after the command; SUPPRESS keeps a value given
    # before the command from being reset by the subcommand's own default.
    common = _Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder of the moments file (default: $MICROMOMENTS_DATA_DIR or the per-user "
        "data folder)",
    )
    common.add_argument(
        "--config-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder of the settings file (default: $MICROMOMENTS_CONFIG_DIR or the per-user "
        "config folder)",
    )

    parser = _Parser(
        prog=PROG,
        parents=[common],
        description="A calm tray companion for small moments of human connection. "
        "Without a command, starts the tray app.",
        epilog="Exit status: 0 done, 1 failed (see the message), 2 wrong command line.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _SUBPARSERS.items():
        if only is None or name == only:
            add(sub, common)
    return parser


def _parser_run(sub: _Subparsers, common: _Parser) -> None:
    run = sub.add_parser(
        "run",
        parents=[common],
        help="start the tray app (the default)",
        description=(
            "Start the tray app. If it is already running on this data folder, open its log "
            "dialog instead."
        ),
    )
    run.add_argument(
        "--smoke-test", action="store_true", help="start, check everything loads, and quit"
    )


def _parser_log(sub: _Subparsers, common: _Parser) -> None:
    kinds = _kind_ids()
    log = sub.add_parser(
        "log",
        parents=[common],
        help="log a moment and print its id",
        description="Log a moment that happened and print its id.",
    )
    log.add_argument("note", nargs="*", metavar="NOTE", help="what happened (optional)")
    log.add_argument(
        "--kind",
        choices=kinds,
        metavar="KIND",
        help=f"one of: {', '.join(kinds)}. Without it, the note is read like the quick-log "
        "line: 'thanked @Sam at the bakery +4' logs thanks with Sam, feeling 4 (a word like "
        "thanked, smiled, texted names the kind; else conversation when someone is named, "
        "else smile)",
    )
    log.add_argument(
        "--with",
        dest="people",
        action="append",
        default=[],
        metavar="NAME",
        help="a person who was part of it (repeat for several)",
    )
    log.add_argument("--feeling", type=_feeling, metavar="1-5", help="how it felt, 1 to 5")
    log.add_argument(
        "--at",
        metavar="WHEN",
        help="when it happened: HH:MM today, or an ISO date-time such as 2026-11-20T18:30 "
        "(default: now; the future is refused)",
    )


def _parser_list(sub: _Subparsers, common: _Parser) -> None:
    kinds = _kind_ids()
    lst = sub.add_parser(
        "list",
        parents=[common],
        help="show moments",
        description="Show logged moments, oldest first. Dates mean the day each moment had "
        "where it happened, so travel never moves one to another day.",
    )
    lst.add_argument("--since", type=_day, metavar="DATE", help="from this day on (YYYY-MM-DD)")
    lst.add_argument(
        "--until", type=_day, metavar="DATE", help="up to and including this day (YYYY-MM-DD)"
    )
    lst.add_argument("--kind", choices=kinds, metavar="KIND", help="only this kind")
    lst.add_argument("--with", dest="person", metavar="NAME", help="only moments with this person")
    lst.add_argument("--search", metavar="TEXT", help="only moments whose note or names hold TEXT")
    lst.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="(default: table)"
    )
    lst.add_argument(
        "--deleted", action="store_true", help="show only deleted moments (to restore one)"
    )


def _parser_delete(sub: _Subparsers, common: _Parser) -> None:
    delete = sub.add_parser(
        "delete",
        parents=[common],
        help="delete a moment (it can be restored)",
        description="Delete a moment. It stays restorable with `micromoments restore ID`.",
    )
    delete.add_argument("id", metavar="ID", help="the moment's id, or its first characters")


def _parser_restore(sub: _Subparsers, common: _Parser) -> None:
    restore = sub.add_parser(
        "restore",
        parents=[common],
        help="bring back a deleted moment",
        description="Bring back a deleted moment.",
    )
    restore.add_argument("id", metavar="ID", help="the moment's id, or its first characters")


def _parser_export(sub: _Subparsers, common: _Parser) -> None:
    export = sub.add_parser(
        "export",
        parents=[common],
        help="write all moments as JSON or CSV",
        description="Write all moments (not deleted ones) as JSON or CSV. In CSV the people "
        "are joined with '; ' and a ';' or '\\' inside a name has a '\\' before it.",
    )
    export.add_argument(
        "--format",
        choices=("json", "csv"),
        help="(default: csv when FILE ends in .csv, else json)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (replaced in one step, readable only by you) instead of the screen",
    )


def _parser_import(sub: _Subparsers, common: _Parser) -> None:
    imp = sub.add_parser(
        "import",
        parents=[common],
        help="read moments from a JSON or CSV export",
        description="Read moments written by `micromoments export`. Moments already present "
        "(same id) are updated only if the file has a newer edit. If any record is wrong, "
        "nothing is imported.",
    )
    imp.add_argument("file", metavar="FILE", help="the file to read, or - for standard input")
    imp.add_argument(
        "--format", choices=("json", "csv"), help="(default: from the file name or its content)"
    )


def _parser_install_desktop_entry(sub: _Subparsers, common: _Parser) -> None:
    install = sub.add_parser(
        "install-desktop-entry",
        parents=[common],
        help="add MicroMoments to your desktop's app menu (Linux)",
        description="Install the desktop file and icons for you alone, under $XDG_DATA_HOME "
        "(~/.local/share), so MicroMoments appears in your app menu. For pip and pipx "
        "installs; a system package does this itself.",
    )
    install.add_argument(
        "--uninstall",
        action="store_true",
        help="remove exactly the files an earlier install-desktop-entry added",
    )


def _parser_suggest(sub: _Subparsers, common: _Parser) -> None:
    sub.add_parser(
        "suggest",
        parents=[common],
        help="show a small suggestion now",
        description="Show a suggestion in the running tray app now; when it is not running, "
        "print one here.",
    )


def _parser_pause(sub: _Subparsers, common: _Parser) -> None:
    pause = sub.add_parser(
        "pause",
        parents=[common],
        help="pause reminders for a while",
        description="Pause the suggestions for a while. Works whether or not the tray app "
        "is running (it remembers).",
    )
    pause.add_argument(
        "duration",
        metavar="DURATION",
        help="30m, 1h, 90m, 3h, 1h30m…; 'tomorrow' (until midnight); or 'indefinitely' "
        "(until `micromoments resume`)",
    )


def _parser_resume(sub: _Subparsers, common: _Parser) -> None:
    sub.add_parser(
        "resume",
        parents=[common],
        help="resume paused reminders",
        description="End a pause: the next suggestion comes a full interval from now.",
    )


def _parser_status(sub: _Subparsers, common: _Parser) -> None:
    sub.add_parser(
        "status",
        parents=[common],
        help="is the tray app running, are reminders paused, when is the next one",
        description="Say whether the tray app is running, whether reminders are paused and "
        "until when, and when the next suggestion is due.",
    )


def _parser_summary(sub: _Subparsers, common: _Parser) -> None:
    summary = sub.add_parser(
        "summary",
        parents=[common],
        help="show a week's summary",
        description="Show the summary of a week: how many moments, by day and kind, the people, "
        "how connected it felt, highlights. 'this' and 'last' follow your week start setting; "
        "YYYY-Www names an ISO week (Monday to Sunday), such as 2026-W48.",
    )
    summary.add_argument(
        "--week",
        default="this",
        metavar="WEEK",
        help="this, last or YYYY-Www (default: this)",
    )
    summary.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="(default: text)",
    )


def _parser_people(sub: _Subparsers, common: _Parser) -> None:
    people = sub.add_parser(
        "people",
        parents=[common],
        help="show the people in your moments",
        description="Show the people in your moments: how many moments, when you last "
        "connected, and your keep-in-touch rhythm.",
    )
    people.add_argument(
        "--due",
        action="store_true",
        help="only those whose keep-in-touch rhythm has come round",
    )
    people.add_argument("--format", choices=("table", "json"), default="table")


_SUBPARSERS: dict[str, Callable[[_Subparsers, _Parser], None]] = {
    "run": _parser_run,
    "log": _parser_log,
    "list": _parser_list,
    "delete": _parser_delete,
    "restore": _parser_restore,
    "export": _parser_export,
    "import": _parser_import,
    "summary": _parser_summary,
    "people": _parser_people,
    "suggest": _parser_suggest,
    "pause": _parser_pause,
    "resume": _parser_resume,
    "status": _parser_status,
    "install-desktop-entry": _parser_install_desktop_entry,
    "quick-log": lambda sub, common: _quick_cli().add_quick_log_parser(sub, common),
    "hotkey-help": lambda sub, common: _quick_cli().add_hotkey_help_parser(sub, common),
}


# -- entry point -------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run one command; returns the exit status. `clock` is injected by tests."""
    arguments = list(argv) if argv is not None else sys.argv[1:]
    parser = _build_parser(only=_command_in(arguments))
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    command: str = args.command or "run"
    handler = _COMMANDS[command]
    try:
        return handler(args, _Context(args, clock))
    except UsageError as exc:
        prog = f"{PROG} {command}"
        print(f"{prog}: error: {exc}", file=sys.stderr)
        print(f"Try '{prog} --help' for more information.", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = _failure_message(exc)
        if message is None:
            raise
        print(message, file=sys.stderr)
        return EXIT_ERROR


def console_main() -> int:
    """The `micromoments` program: `main` in a process that exits when the command is done.

    A command such as `log` lives for a few dozen milliseconds and makes almost no reference
    cycles, so the cyclic garbage collector only costs it time: it stays off for every command
    but `run` (the tray app, which runs for days), and the objects left at exit are frozen so
    the interpreter's last collection skips them (~4 ms of every `micromoments log`).
    """
    import gc

    arguments = sys.argv[1:]
    if _command_in(arguments) != "run":
        gc.disable()
    try:
        return main(arguments)
    finally:
        gc.freeze()


def _command_in(arguments: list[str]) -> str | None:
    """The command named in `arguments` when it is clear; None asks for the whole parser."""
    expects_value = False
    for token in arguments:
        if expects_value:
            expects_value = False
        elif token in ("--data-dir", "--config-dir"):
            expects_value = True
        elif token.startswith("-"):
            if token in ("-h", "--help", "--version"):
                return None
        else:
            return token if token in _SUBPARSERS else None
    return "run"


def _failure_message(exc: Exception) -> str | None:
    """A one-paragraph message for a failure a person can act on; None for a real bug."""
    import sqlite3

    from micromoments_tray.storage.errors import StorageError

    if isinstance(exc, CommandError | StorageError):
        return str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return (
            "The moments file is busy: another program kept it locked for too long. "
            "Nothing was changed; try again in a moment."
        )
    if isinstance(exc, sqlite3.Error):
        return (
            f"The moments file could not be used ({exc}). Nothing was changed by this command; "
            "if this keeps happening, restore the file from a backup."
        )
    if isinstance(exc, OSError):
        name = f" {exc.filename}" if exc.filename else ""
        return f"Could not use the file{name}: {exc.strerror or exc}."
    return None


class _Context:
    """What every command needs, made when first asked for."""

    def __init__(self, args: argparse.Namespace, clock: Clock | None) -> None:
        self._args = args
        self._clock = clock
        self._paths: AppPaths | None = None

    @property
    def paths(self) -> AppPaths:
        if self._paths is None:
            from micromoments_tray.storage.paths import resolve_paths

            self._paths = resolve_paths(
                os.environ,
                data_dir=getattr(self._args, "data_dir", None),
                config_dir=getattr(self._args, "config_dir", None),
            )
        return self._paths

    @property
    def clock(self) -> Clock:
        if self._clock is None:
            from micromoments_tray.core.clock import SystemClock

            self._clock = SystemClock()
        return self._clock

    def open_repository(self) -> MomentRepository:
        from micromoments_tray.storage.db import connect
        from micromoments_tray.storage.repository import MomentRepository

        return MomentRepository(connect(self.paths.database))

    def notify_app(self) -> None:
        """Tell a tray app running on this data folder to reload; fine if none is running."""
        from micromoments_tray.platform import ipc

        ipc.send(self.paths.socket_path(), "data-changed", timeout=NOTIFY_TIMEOUT_S)


# -- commands ----------------------------------------------------------------------------------


def _cmd_run(args: argparse.Namespace, ctx: _Context) -> int:
    try:
        from micromoments_tray.app.root import run_app
    except ModuleNotFoundError as exc:
        if exc.name and (
            exc.name == "micromoments_tray.app.root" or exc.name.startswith("PySide6")
        ):
            raise CommandError(
                f"The tray app cannot start: {exc.name} is not installed. The command-line "
                f"commands (log, list, export, import) still work; see `{PROG} --help`."
            ) from None
        raise
    return run_app(ctx.paths, smoke_test=bool(getattr(args, "smoke_test", False)))


def _cmd_log(args: argparse.Namespace, ctx: _Context) -> int:
    from micromoments_tray.core.kinds import default_kind
    from micromoments_tray.core.moments import MomentError, make_moment
    from micromoments_tray.core.when import WhenError, parse_when

    now = ctx.clock.now()
    try:
        occurred = parse_when(args.at, ctx.clock) if args.at is not None else now
    except WhenError as exc:
        raise UsageError(f"--at: {exc}") from None
    note = " ".join(args.note)
    kind, people, feeling = args.kind, list(args.people), args.feeling
    if kind is None:  # read the note as the quick-log line: "thanked @Sam +4"
        from micromoments_tray.core.quick_entry import ParseError, parse_quick_entry

        try:
            entry = parse_quick_entry(note, ctx.clock)
        except ParseError as exc:
            raise UsageError(f"{exc.field}: {exc.detail}") from None
        note, people = entry.note, [*entry.people, *people]
        if entry.feeling is not None:
            if feeling is not None and feeling != entry.feeling:
                raise UsageError(f"--feeling {feeling} and +{entry.feeling} disagree; keep one")
            feeling = entry.feeling
        if entry.occurred_at is not None:
            if args.at is not None:
                raise UsageError("--at and the time at the start of the note disagree; keep one")
            occurred = entry.occurred_at
        kind = entry.kind
    try:
        moment = make_moment(
            kind=kind or default_kind([p for p in people if p.strip()]),
            occurred_at=occurred,
            now=now,
            note=note,
            people=people,
            feeling=feeling,
        )
    except MomentError as exc:
        option = {"people": "--with", "feeling": "--feeling", "occurred_at": "--at"}
        raise UsageError(f"{option.get(exc.field, exc.field)}: {exc.message}") from None
    repo = ctx.open_repository()
    try:
        repo.add(moment)
    finally:
        repo.close()
    print(moment.id)
    ctx.notify_app()
    return EXIT_OK


def _quick_cli() -> Any:
    import micromoments_tray.cli.quick_log as module

    return module


def _cmd_quick_log(args: argparse.Namespace, ctx: _Context) -> int:
    problem = _quick_cli().quick_log(args, ctx.paths.socket_path(), ctx.paths.lock_file)
    if problem is not None:
        raise CommandError(problem)
    return EXIT_OK


def _cmd_hotkey_help(args: argparse.Namespace, ctx: _Context) -> int:
    from micromoments_tray.storage.settings import SettingsStore

    shortcut = str(SettingsStore(ctx.paths.settings).load()["quick_log_hotkey"]) or "Ctrl+Alt+M"
    print(_quick_cli().hotkey_help(args, shortcut), end="")
    return EXIT_OK


def _cmd_list(args: argparse.Namespace, ctx: _Context) -> int:
    from micromoments_tray.storage.repository import MomentQuery

    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until}")
    query = MomentQuery(  # days as lived where each moment happened (its own offset)
        since_day=args.since,
        until_day=args.until,
        kind=args.kind,
        person=args.person,
        search=args.search,
        include_deleted=args.deleted,
    )
    repo = ctx.open_repository()
    try:
        moments = repo.query(query)
    finally:
        repo.close()
    if args.deleted:
        moments = [m for m in moments if m.is_deleted]
    if args.format == "table":
        _print_table(moments, sys.stdout)
    else:
        _write_records(moments, args.format, sys.stdout)
    return EXIT_OK


def _write_records(moments: list[Moment], fmt: Format, out: TextIO) -> None:

    from micromoments_tray.storage.transfer import export_text

    # The export format leaves deleted moments out; `list --deleted` asks for them on purpose.
    out.write(export_text([m._replace(deleted_at=None) for m in moments], fmt))


def _cmd_delete(args: argparse.Namespace, ctx: _Context) -> int:
    repo = ctx.open_repository()
    try:
        moment_id = repo.resolve_id(args.id)
        before = repo.get(moment_id)
        if before.is_deleted:
            print(f"Moment {moment_id} was already deleted; nothing changed.")
            print(f"Restore it with: {PROG} restore {moment_id}")
            return EXIT_OK
        moment = repo.delete(moment_id, ctx.clock.now())
    finally:
        repo.close()
    print(f"Deleted: {_summary_line(moment)}")
    print(f"Undo with: {PROG} restore {moment.id}")
    ctx.notify_app()
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace, ctx: _Context) -> int:
    repo = ctx.open_repository()
    try:
        moment_id = repo.resolve_id(args.id)
        if not repo.get(moment_id).is_deleted:
            print(f"Moment {moment_id} is not deleted; nothing changed.")
            return EXIT_OK
        moment = repo.restore(moment_id, ctx.clock.now())
    finally:
        repo.close()
    print(f"Restored: {_summary_line(moment)}")
    ctx.notify_app()
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, ctx: _Context) -> int:
    from micromoments_tray.storage.repository import MomentQuery
    from micromoments_tray.storage.transfer import export_text

    fmt: Format = args.format or (
        "csv" if args.output and args.output.lower().endswith(".csv") else "json"
    )
    repo = ctx.open_repository()
    try:
        moments = repo.query(MomentQuery())
    finally:
        repo.close()
    text = export_text(moments, fmt)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    _write_private_atomically(args.output, text)
    plural = "" if len(moments) == 1 else "s"
    print(f"Exported {len(moments)} moment{plural} to {args.output}.", file=sys.stderr)
    return EXIT_OK


def _write_private_atomically(filename: str, text: str) -> None:
    """Write a whole new file readable only by the user, then move it over `filename`."""
    from pathlib import Path

    from micromoments_tray.storage.files import write_private_atomically

    target = Path(filename).expanduser()
    if target.is_dir():
        raise CommandError(f"{filename} is a folder; give a file name to write the export to.")
    write_private_atomically(target, text)


def _cmd_import(args: argparse.Namespace, ctx: _Context) -> int:
    from pathlib import Path

    from micromoments_tray.storage.transfer import ImportProblem, parse_records, sniff_format

    name = args.file
    data = sys.stdin.buffer.read() if name == "-" else Path(name).expanduser().read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"{name}: is not UTF-8 text (byte {exc.start}); nothing was imported. "
            "Save it as UTF-8 and try again."
        ) from None
    fmt: Format = args.format or sniff_format(text, None if name == "-" else name)
    try:
        moments = parse_records(text, fmt, now=ctx.clock.now())
    except ImportProblem as exc:
        raise CommandError(f"{name}: {exc}\nNothing was imported.") from None
    repo = ctx.open_repository()
    try:
        result = repo.import_moments(moments)
    finally:
        repo.close()
    new = "moment" if result.added == 1 else "moments"
    print(
        f"Imported {result.added} new {new}, updated {result.updated}, "
        f"{result.unchanged} already present."
    )
    if result.added or result.updated:
        ctx.notify_app()
    return EXIT_OK


def _cmd_install_desktop_entry(args: argparse.Namespace, ctx: _Context) -> int:
    from micromoments_tray.platform.desktop_entry import (
        DesktopEntryInstaller,
        InstallError,
        launch_command,
        xdg_home,
    )
    from micromoments_tray.storage.paths import resources_dir

    if sys.platform in ("win32", "darwin"):
        raise CommandError(
            "install-desktop-entry is for Linux and other freedesktop.org desktops; on this "
            "system, use the MicroMoments app bundle instead."
        )
    installer = DesktopEntryInstaller(
        xdg_home(os.environ, "XDG_DATA_HOME", ".local/share"), resources_dir(), launch_command()
    )
    try:
        changed = installer.uninstall() if args.uninstall else installer.install()
    except InstallError as exc:
        raise CommandError(str(exc)) from None
    if args.uninstall:
        if not changed:
            print("Nothing to remove: install-desktop-entry has not added anything here.")
        else:
            print(f"Removed {len(changed)} files and folders added by install-desktop-entry.")
        return EXIT_OK
    print(f"MicroMoments is in your app menu now ({installer.data_home / 'applications'}).")
    print(f"To take it out again: {PROG} install-desktop-entry --uninstall")
    return EXIT_OK


def _ask_app(ctx: _Context, cmd: str, **args: Any) -> dict[str, Any] | None:
    """The running app's reply to `cmd`; None when no app runs on this data folder."""
    from micromoments_tray.platform import ipc

    return ipc.send(ctx.paths.socket_path(), cmd, **args)


def _reminder_store(ctx: _Context) -> Any:
    from micromoments_tray.storage.reminder_state import ReminderStateStore, state_path

    return ReminderStateStore(state_path(ctx.paths.data_dir))


def _cmd_suggest(args: argparse.Namespace, ctx: _Context) -> int:
    import random

    from micromoments_tray.core.prompts import choose, load_deck, own_prompts
    from micromoments_tray.storage.paths import resources_dir
    from micromoments_tray.storage.settings import SettingsStore

    if _ask_app(ctx, "suggest") is not None:
        print("A suggestion is on your screen now.")
        return EXIT_OK
    settings = SettingsStore(ctx.paths.settings).load()
    own = settings["own_prompts"]
    level = settings["reminder_level"]
    deck = load_deck(resources_dir() / "prompts") + own_prompts(own if isinstance(own, str) else "")
    state = _reminder_store(ctx).load()
    prompt = choose(
        deck,
        hour=ctx.clock.now().hour,
        recent=state.recent_prompts,
        never=state.never_again,
        level=level if isinstance(level, int) else 1,
        rng=random.Random(),
    )
    if prompt is None:
        raise CommandError("Every suggestion has been set aside; add your own in Settings.")
    print(prompt.text)
    return EXIT_OK


def _cmd_pause(args: argparse.Namespace, ctx: _Context) -> int:
    from micromoments_tray.core import schedule

    choice = args.duration.strip().lower()
    forever = choice in ("indefinitely", "resumed", "until-resumed")
    try:
        until = None if forever else schedule.pause_end(ctx.clock, choice)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if forever:
        said = "until you resume them (micromoments resume)"
    else:
        assert until is not None
        said = f"until {schedule.when_text(until, ctx.clock)}"
    reply = _ask_app(ctx, "pause", until="resumed" if until is None else until.isoformat())
    if reply is not None:
        if not reply.get("ok"):
            raise CommandError(f"The tray app refused: {reply.get('error', 'no reason given')}")
        print(f"Reminders paused {said}.")
        return EXIT_OK
    store = _reminder_store(ctx)
    store.save(schedule.paused(store.load(), until))
    print(f"MicroMoments is not running; its reminders stay paused {said}.")
    return EXIT_OK


def _cmd_resume(args: argparse.Namespace, ctx: _Context) -> int:
    from micromoments_tray.core import schedule

    if _ask_app(ctx, "resume") is not None:
        print("Reminders are back on.")
        return EXIT_OK
    store = _reminder_store(ctx)
    store.save(schedule.resumed(store.load(), ctx.clock))
    print("MicroMoments is not running; its reminders are back on for when it starts.")
    return EXIT_OK


def _cmd_status(args: argparse.Namespace, ctx: _Context) -> int:
    from micromoments_tray.core import schedule

    reply = _ask_app(ctx, "status")
    if reply is not None and "text" in reply:
        print("MicroMoments is running.")
        print(f"{reply['text']}.")
        return EXIT_OK
    print("MicroMoments is not running.")
    state = _reminder_store(ctx).load()
    if schedule.pause_active(state, ctx.clock):
        print(f"{schedule.status_text(state, None, ctx.clock)}.")
    return EXIT_OK


def _week_settings(ctx: _Context) -> SummarySettings:
    from micromoments_tray.core.week import locale_first_weekday
    from micromoments_tray.storage.settings import SettingsStore
    from micromoments_tray.storage.week_settings import summary_settings

    settings = SettingsStore(ctx.paths.settings).load()
    return summary_settings(settings, locale_first_weekday())


def _cmd_summary(args: argparse.Namespace, ctx: _Context) -> int:
    from micromoments_tray.core.week import WeekError, parse_week
    from micromoments_tray.storage.week_report import build_summary

    settings = _week_settings(ctx)
    now = ctx.clock.now()
    try:
        week = parse_week(args.week, now, settings.rules)
    except WeekError as exc:
        raise UsageError(f"--week: {exc}") from None
    repo = ctx.open_repository()
    try:
        summary = build_summary(repo, week, settings, now)
    finally:
        repo.close()
    if args.format == "json":
        sys.stdout.write(summary.to_json())
    elif args.format == "markdown":
        sys.stdout.write(summary.to_markdown())
    else:
        sys.stdout.write(summary.to_text())
    return EXIT_OK


def _cmd_people(args: argparse.Namespace, ctx: _Context) -> int:
    import json

    from micromoments_tray.core.people import due_people

    rules = _week_settings(ctx).rules
    now = ctx.clock.now()
    repo = ctx.open_repository()
    try:
        people = repo.people_stats()
    finally:
        repo.close()
    due = {d.person.key: d for d in due_people(people, now, rules)}
    if args.due:
        people = [d.person for d in due.values()]
    if args.format == "json":
        records = [
            {
                "name": p.name,
                "moments": p.moments,
                "last": None if p.last_at is None else p.last_at.isoformat(),
                "days_since": p.days_since(now, rules),
                "keep_in_touch_days": p.keep_in_touch_days,
                "due": p.key in due,
            }
            for p in people
        ]
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not people:
        print("Nobody is due right now." if args.due else "No people in your moments yet.")
        return EXIT_OK
    rows = [("NAME", "MOMENTS", "LAST", "KEEP IN TOUCH")]
    for p in people:
        since = p.days_since(now, rules)
        last = "-" if since is None else ("today" if since == 0 else f"{since} days ago")
        every = "-" if p.keep_in_touch_days is None else f"every {p.keep_in_touch_days} days"
        rows.append((p.name, str(p.moments), last, every + (" (due)" if p.key in due else "")))
    widths = [max(_display_width(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(_fit(cell, widths[i]) for i, cell in enumerate(row)).rstrip())
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, _Context], int]] = {
    "run": _cmd_run,
    "log": _cmd_log,
    "list": _cmd_list,
    "delete": _cmd_delete,
    "restore": _cmd_restore,
    "export": _cmd_export,
    "import": _cmd_import,
    "summary": _cmd_summary,
    "people": _cmd_people,
    "suggest": _cmd_suggest,
    "pause": _cmd_pause,
    "resume": _cmd_resume,
    "status": _cmd_status,
    "install-desktop-entry": _cmd_install_desktop_entry,
    "quick-log": lambda args, ctx: _cmd_quick_log(args, ctx),
    "hotkey-help": lambda args, ctx: _cmd_hotkey_help(args, ctx),
}


# -- the table ---------------------------------------------------------------------------------


def _display_width(text: str) -> int:
    import unicodedata

    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _fit(text: str, width: int) -> str:
    """`text` on one line, cut with '…' to at most `width` columns, padded to exactly that."""
    line = " ".join(text.split())
    if _display_width(line) > width:
        cut = ""
        for ch in line:
            if _display_width(cut + ch) > width - 1:
                break
            cut += ch
        line = cut + "…"
    return line + " " * (width - _display_width(line))


def _when_text(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def _summary_line(moment: Moment) -> str:
    parts = [moment.id[:8], _when_text(moment.occurred_at), moment.kind]
    if moment.people:
        parts.append("with " + ", ".join(moment.people))
    if moment.feeling is not None:
        parts.append(f"feeling {moment.feeling}/5")
    if moment.note:
        parts.append(_fit(moment.note, 50).rstrip())
    return "  ".join(parts)


def _print_table(moments: list[Moment], out: TextIO) -> None:
    import shutil

    if not moments:
        print("No moments found.", file=out)
        return
    header = ("ID", "WHEN", "KIND", "PEOPLE", "FEEL", "NOTE")
    rows = [
        (
            m.id[:8],
            _when_text(m.occurred_at),
            m.kind,
            ", ".join(m.people),
            "" if m.feeling is None else str(m.feeling),
            m.note,
        )
        for m in moments
    ]
    widths = [
        max(_display_width(h), *(_display_width(r[i]) for r in rows)) for i, h in enumerate(header)
    ]
    widths[3] = min(widths[3], 24)  # people
    total = shutil.get_terminal_size((100, 24)).columns
    used = sum(widths[:5]) + 2 * 5
    widths[5] = max(20, min(widths[5], total - used))
    for row in (header, *rows):
        cells = [_fit(cell, widths[i]) for i, cell in enumerate(row)]
        print("  ".join(cells).rstrip(), file=out)
