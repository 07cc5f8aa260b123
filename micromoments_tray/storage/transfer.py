"""Export and import of moments as JSON or CSV. Pure functions over text; no files, no Qt.

Both formats carry the same record, with exactly these fields (see `FIELDS`):

- ``id``: the moment's UUID; importing the same id twice updates instead of duplicating.
- ``occurred_at``: ISO 8601 with the offset in force where it happened
  (``2026-11-26T18:30:00+01:00``).
- ``kind``, ``note``, ``people`` (a list of names), ``feeling`` (1 to 5 or null).
- ``created_at``, ``updated_at``: ISO 8601 in UTC.

In CSV, ``people`` is one cell with the names joined by ``"; "``; a ``;`` or ``\\`` inside a name
is written with a backslash before it (``Smith\\; Jones``), so any name survives the round trip.
An empty ``feeling`` cell means no feeling was given. Deleted moments are never exported.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Literal

from micromoments_tray.core.moments import (
    Moment,
    MomentError,
    validate_feeling,
    validate_id,
    validate_kind,
    validate_note,
    validate_occurred_at,
    validate_people,
)

Format = Literal["json", "csv"]
FIELDS: tuple[str, ...] = (
    "id",
    "occurred_at",
    "kind",
    "note",
    "people",
    "feeling",
    "created_at",
    "updated_at",
)
PEOPLE_SEPARATOR = "; "


class ImportProblem(ValueError):
    """The first thing wrong with an import; `index` is the 1-based record (None: whole file)."""

    def __init__(
        self, index: int | None, moment_id: str | None, field: str | None, message: str
    ) -> None:
        self.index = index
        self.moment_id = moment_id
        self.field = field
        self.message = message
        super().__init__(self._text())

    def _text(self) -> str:
        where = ""
        if self.index is not None:
            where = f"record {self.index}"
            if self.moment_id:
                where += f" (id {self.moment_id})"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


# -- export ------------------------------------------------------------------------------------


def _iso(value: datetime) -> str:
    return value.replace(microsecond=0).isoformat()


def moment_to_record(moment: Moment) -> dict[str, object]:
    return {
        "id": moment.id,
        "occurred_at": _iso(moment.occurred_at),
        "kind": moment.kind,
        "note": moment.note,
        "people": list(moment.people),
        "feeling": moment.feeling,
        "created_at": _iso(moment.created_at.astimezone(UTC)),
        "updated_at": _iso(moment.updated_at.astimezone(UTC)),
    }


def _live(moments: Iterable[Moment]) -> list[Moment]:
    return [m for m in moments if not m.is_deleted]


def export_json(moments: Iterable[Moment]) -> str:
    records = [moment_to_record(m) for m in _live(moments)]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def join_people(names: Iterable[str]) -> str:
    escaped = (n.replace("\\", "\\\\").replace(";", "\\;") for n in names)
    return PEOPLE_SEPARATOR.join(escaped)


def split_people(cell: str) -> list[str]:
    """The inverse of `join_people`: split on unescaped ';', undo the backslash escapes."""
    names: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == ";":
            names.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    names.append("".join(current).strip())
    return [n for n in names if n]


def export_csv(moments: Iterable[Moment]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for moment in _live(moments):
        record = moment_to_record(moment)
        record["people"] = join_people(moment.people)
        record["feeling"] = "" if moment.feeling is None else str(moment.feeling)
        writer.writerow([record[f] for f in FIELDS])
    return out.getvalue()


def export_text(moments: Iterable[Moment], fmt: Format) -> str:
    return export_csv(moments) if fmt == "csv" else export_json(moments)


# -- import ------------------------------------------------------------------------------------


def sniff_format(text: str, filename: str | None = None) -> Format:
    """JSON or CSV: by the file's extension when it has a known one, else by the first character."""
    if filename:
        lower = filename.lower()
        if lower.endswith(".json"):
            return "json"
        if lower.endswith(".csv"):
            return "csv"
    return "json" if text.lstrip("\ufeff \t\r\n")[:1] in ("[", "{") else "csv"


def parse_records(text: str, fmt: Format, *, now: datetime | None = None) -> list[Moment]:
    """Every record as a validated Moment, or ImportProblem for the first one that is wrong.

    `now` (aware) is when the import happens: a moment after it is refused, as `log` does.
    """
    when = now if now is not None else datetime.now(UTC)
    raw = _json_records(text) if fmt == "json" else _csv_records(text)
    moments: list[Moment] = []
    first_seen: dict[str, int] = {}
    for index, record in enumerate(raw, start=1):
        moment = _record_to_moment(index, record, when)
        if moment.id in first_seen:
            shown = record.get("id") if isinstance(record, dict) else moment.id
            raise ImportProblem(
                index, str(shown), "id", f"is also the id of record {first_seen[moment.id]}"
            )
        first_seen[moment.id] = index
        moments.append(moment)
    return moments


def _json_records(text: str) -> list[object]:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError as exc:
        raise ImportProblem(None, None, None, f"is not valid JSON ({exc})") from None
    if not isinstance(data, list):
        raise ImportProblem(None, None, None, "must hold a JSON list of moments")
    return data


def _csv_records(text: str) -> list[object]:
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    try:
        header = next(rows, None)
        if header is None:
            raise ImportProblem(None, None, None, "is empty; a CSV export starts with a header")
        header = [h.strip() for h in header]
        missing = [f for f in FIELDS if f not in header]
        unknown = [h for h in header if h not in FIELDS]
        if missing or unknown or len(set(header)) != len(header):
            detail = []
            if missing:
                detail.append(f"missing {', '.join(missing)}")
            if unknown:
                detail.append(f"unknown {', '.join(repr(u) for u in unknown)}")
            if not detail:
                detail.append("a column appears twice")
            raise ImportProblem(
                None,
                None,
                None,
                f"the CSV header must name the columns {', '.join(FIELDS)} ({'; '.join(detail)})",
            )
        records: list[object] = []
        for index, row in enumerate(rows, start=1):
            if not row:
                continue  # a blank line
            if len(row) != len(header):
                rid = row[header.index("id")] if len(row) > header.index("id") else None
                raise ImportProblem(
                    index, rid, None, f"has {len(row)} cells; the header names {len(header)}"
                )
            cells = dict(zip(header, row, strict=True))
            record: dict[str, object] = dict(cells)
            record["people"] = split_people(cells["people"])
            record["feeling"] = _csv_feeling(index, cells)
            records.append(record)
    except csv.Error as exc:
        raise ImportProblem(None, None, None, f"is not valid CSV ({exc})") from None
    return records


def _csv_feeling(index: int, cells: Mapping[str, str]) -> int | None:
    text = cells["feeling"].strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        raise ImportProblem(
            index, cells["id"] or None, "feeling", f"{text!r} is not a whole number from 1 to 5"
        )
    return int(text)


def _aware_time(value: object, field: str) -> datetime:
    if not isinstance(value, str):
        raise MomentError(field, f"{value!r} is not an ISO 8601 date-time text")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise MomentError(
            field, f"{value!r} is not an ISO 8601 date-time, such as 2026-11-26T18:30:00+01:00"
        ) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise MomentError(field, f"{value!r} has no UTC offset, such as +01:00 or Z")
    return parsed


def _record_to_moment(index: int, record: object, now: datetime) -> Moment:
    if not isinstance(record, dict):
        raise ImportProblem(index, None, None, "is not an object with the fields of a moment")
    raw_id = record.get("id")
    shown_id = raw_id[:40] if isinstance(raw_id, str) and raw_id else None
    for name in FIELDS:
        if name not in record:
            raise ImportProblem(index, shown_id, name, "is missing")
    for name in record:
        if name not in FIELDS:
            raise ImportProblem(
                index, shown_id, str(name), f"is not a field of a moment ({', '.join(FIELDS)})"
            )
    try:
        if not isinstance(raw_id, str):
            raise MomentError("id", f"{raw_id!r} is not a UUID")
        note = record["note"]
        if not isinstance(note, str):
            raise MomentError("note", f"{note!r} is not text")
        people = record["people"]
        if not isinstance(people, list):
            raise MomentError("people", f"{people!r} is not a list of names")
        return Moment(
            id=validate_id(raw_id),
            occurred_at=validate_occurred_at(
                _aware_time(record["occurred_at"], "occurred_at"), now
            ),
            kind=validate_kind(record["kind"]),
            note=validate_note(note),
            people=validate_people(people),
            feeling=validate_feeling(record["feeling"]),
            created_at=_aware_time(record["created_at"], "created_at")
            .astimezone(UTC)
            .replace(microsecond=0),
            updated_at=_aware_time(record["updated_at"], "updated_at")
            .astimezone(UTC)
            .replace(microsecond=0),
        )
    except MomentError as exc:
        raise ImportProblem(index, shown_id, exc.field, exc.message) from None
