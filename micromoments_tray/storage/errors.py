"""Storage failures, each with a message a person can act on."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Base class: the message names the file and what to do."""


class DatabaseDamaged(StorageError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"The moments file {path} cannot be read ({detail}). It has not been changed. "
            f"Restore it from a backup, or move it aside to start a fresh one "
            f"(the tray app offers to do that for you)."
        )
        self.path = path
        self.detail = detail


class DatabaseTooNew(StorageError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"The moments file {path} was written by a newer MicroMoments (schema {found}; this "
            f"version knows up to {supported}). Update MicroMoments to open it; the file has not "
            f"been changed."
        )
        self.path = path
        self.found = found
        self.supported = supported


class MomentNotFound(StorageError):
    def __init__(self, moment_id: str) -> None:
        super().__init__(f"No moment has the id {moment_id}.")
        self.moment_id = moment_id


class AmbiguousId(MomentNotFound):
    """A short id that starts more than one moment's id."""

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix)
        self.args = (f"More than one moment has an id starting with {prefix}; give more of it.",)
