"""Moments in and out of SQLite. Takes and returns `Moment` values; knows nothing of Qt."""

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, NamedTuple

from micromoments_tray.core.moments import (
    Moment,
    MomentError,
    fold,
    normalise_name,
    person_key,
    validate_id,
    validate_people,
)
from micromoments_tray.storage.errors import AmbiguousId, MomentNotFound

if TYPE_CHECKING:
    from micromoments_tray.core.people import PersonStats
    from micromoments_tray.core.week import Week, WeekRules

# core.people and core.week are imported where needed: `micromoments log` only adds.

_UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def to_utc_text(value: datetime) -> str:
    return value.astimezone(UTC).strftime(_UTC_FORMAT)


def _naive_utc_text(value: datetime) -> str:
    """`value` (naive, read as UTC, whole seconds) as stored; isoformat is four times quicker
    than strftime and gives the same text for every year from 1000 on."""
    if value.year < 1000 or value.microsecond:
        return value.strftime(_UTC_FORMAT)
    return value.isoformat() + "Z"


_TWELVE_HOURS = timedelta(hours=12)  # UTC-12, the furthest offset west
_FOURTEEN_HOURS = timedelta(hours=14)  # UTC+14, the furthest offset east
_WEEKS_PER_STATEMENT = 100  # 8 parameters a week stay under SQLite's oldest limit of 999


def from_utc_text(text: str) -> datetime:
    return datetime.strptime(text, _UTC_FORMAT).replace(tzinfo=UTC)


class MomentQuery(NamedTuple):
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive
    # Calendar days as lived where each moment happened (its own stored offset), inclusive.
    since_day: date | None = None
    until_day: date | None = None
    kind: str | None = None
    person: str | None = None
    search: str | None = None
    include_deleted: bool = False
    newest_first: bool = False
    limit: int | None = None
    offset: int = 0
    order_by: str = "occurred"  # one of SORT_KEYS; ties are broken by time, then insertion


# History sorts: each is backed by an index or is cheap enough on 100,000 rows.
SORT_KEYS: dict[str, str] = {
    "occurred": "m.occurred_utc",
    "kind": "m.kind",
    "feeling": "coalesce(m.feeling, 0)",
    "note": "m.note",
    # The first person named (case-insensitive); moments with no one come first. A full sort
    # (~80 ms a page at 100,000 moments), like the note's: asked for only when the user clicks.
    "people": "(SELECT p.key FROM moment_people mp JOIN people p ON p.id = mp.person_id "
    "WHERE mp.moment_id = m.id ORDER BY mp.position LIMIT 1)",
}

ALL = MomentQuery()  # every live moment, oldest first


class ImportResult(NamedTuple):
    added: int
    updated: int
    unchanged: int


# The people of a moment come back in one column, joined by the unit separator: a name never
# holds one (normalise_name turns every kind of white space, this one too, into a space).
_NAME_SEPARATOR = "\x1f"
_SELECT = """
SELECT m.id, m.occurred_utc, m.utc_offset, m.kind, m.note, m.feeling,
       m.created_utc, m.updated_utc, m.deleted_utc,
       (SELECT group_concat(name, char(31)) FROM (
            SELECT p.name AS name FROM moment_people mp JOIN people p ON p.id = mp.person_id
            WHERE mp.moment_id = m.id ORDER BY mp.position)) AS people
FROM moments m
"""


def _row_to_moment(row: sqlite3.Row | tuple[object, ...]) -> Moment:
    (mid, occurred, offset, kind, note, feeling, created, updated, deleted, people) = row
    tz = timezone(timedelta(minutes=int(str(offset))))
    return Moment(
        id=str(mid),
        occurred_at=from_utc_text(str(occurred)).astimezone(tz),
        kind=str(kind),
        note=str(note),
        people=tuple(str(people).split(_NAME_SEPARATOR)) if people else (),
        feeling=None if feeling is None else int(str(feeling)),
        created_at=from_utc_text(str(created)),
        updated_at=from_utc_text(str(updated)),
        deleted_at=None if deleted is None else from_utc_text(str(deleted)),
    )


def _offset_minutes(value: datetime) -> int:
    offset = value.utcoffset()
    assert offset is not None, "moments carry aware times"
    return int(offset.total_seconds() // 60)


class MomentRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so concurrent writers queue on the busy
        # timeout instead of failing on a read-to-write upgrade.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- writing -------------------------------------------------------------------------------

    def add(self, moment: Moment) -> Moment:
        with self._write() as conn:
            self._insert(conn, moment)
        return moment

    def update(self, moment: Moment, now: datetime) -> Moment:
        """Replace every field of an existing moment; returns it with the new updated time."""
        updated = moment._replace(updated_at=now.astimezone(UTC).replace(microsecond=0))
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE moments SET occurred_utc=?, utc_offset=?, kind=?, note=?, feeling=?, "
                "updated_utc=?, deleted_utc=? WHERE id=?",
                (
                    to_utc_text(updated.occurred_at),
                    _offset_minutes(updated.occurred_at),
                    updated.kind,
                    updated.note,
                    updated.feeling,
                    to_utc_text(updated.updated_at),
                    None if updated.deleted_at is None else to_utc_text(updated.deleted_at),
                    updated.id,
                ),
            )
            if cur.rowcount == 0:
                raise MomentNotFound(updated.id)
            self._set_people(conn, updated.id, updated.people)
        return updated

    def delete(self, moment_id: str, now: datetime) -> Moment:
        """Soft delete: the moment stays in the file and `restore` brings it back."""
        return self._mark_deleted(moment_id, now, deleted=True)

    def restore(self, moment_id: str, now: datetime) -> Moment:
        return self._mark_deleted(moment_id, now, deleted=False)

    def _mark_deleted(self, moment_id: str, now: datetime, *, deleted: bool) -> Moment:
        stamp = to_utc_text(now)
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE moments SET deleted_utc=?, updated_utc=? WHERE id=?",
                (stamp if deleted else None, stamp, moment_id),
            )
            if cur.rowcount == 0:
                raise MomentNotFound(moment_id)
        return self.get(moment_id)

    def import_moments(self, moments: Sequence[Moment]) -> ImportResult:
        """All or nothing, idempotent by id; an existing moment is replaced only by a newer edit."""
        added = updated = unchanged = 0
        with self._write() as conn:
            for moment in moments:
                row = conn.execute(
                    "SELECT updated_utc FROM moments WHERE id=?", (moment.id,)
                ).fetchone()
                if row is None:
                    self._insert(conn, moment)
                    added += 1
                elif from_utc_text(str(row[0])) < moment.updated_at.replace(microsecond=0):
                    conn.execute("DELETE FROM moments WHERE id=?", (moment.id,))
                    self._insert(conn, moment)
                    updated += 1
                else:
                    unchanged += 1
        return ImportResult(added, updated, unchanged)

    def _insert(self, conn: sqlite3.Connection, moment: Moment) -> None:
        conn.execute(
            "INSERT INTO moments (id, occurred_utc, utc_offset, kind, note, feeling, "
            "created_utc, updated_utc, deleted_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                moment.id,
                to_utc_text(moment.occurred_at),
                _offset_minutes(moment.occurred_at),
                moment.kind,
                moment.note,
                moment.feeling,
                to_utc_text(moment.created_at),
                to_utc_text(moment.updated_at),
                None if moment.deleted_at is None else to_utc_text(moment.deleted_at),
            ),
        )
        self._set_people(conn, moment.id, moment.people)

    def _set_people(self, conn: sqlite3.Connection, moment_id: str, names: Iterable[str]) -> None:
        conn.execute("DELETE FROM moment_people WHERE moment_id=?", (moment_id,))
        for position, name in enumerate(names):
            key = person_key(name)
            conn.execute(
                "INSERT INTO people (name, key) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                (name, key),
            )
            conn.execute(
                "INSERT OR IGNORE INTO moment_people (moment_id, person_id, position) "
                "SELECT ?, id, ? FROM people WHERE key=?",
                (moment_id, position, key),
            )

    def delete_many(self, moment_ids: Sequence[str], now: datetime) -> list[str]:
        """Soft-delete several moments in one step; returns the ids that were live before."""
        return self._mark_many(moment_ids, now, deleted=True)

    def restore_many(self, moment_ids: Sequence[str], now: datetime) -> list[str]:
        """Bring several deleted moments back in one step; returns the ids restored."""
        return self._mark_many(moment_ids, now, deleted=False)

    def _mark_many(self, moment_ids: Sequence[str], now: datetime, *, deleted: bool) -> list[str]:
        stamp = to_utc_text(now)
        changed: list[str] = []
        with self._write() as conn:
            for moment_id in moment_ids:
                cur = conn.execute(
                    "UPDATE moments SET deleted_utc=?, updated_utc=? WHERE id=? AND "
                    + ("deleted_utc IS NULL" if deleted else "deleted_utc IS NOT NULL"),
                    (stamp if deleted else None, stamp, moment_id),
                )
                if cur.rowcount:
                    changed.append(moment_id)
        return changed

    # -- people ----------------------------------------------------------------------------------

    def set_keep_in_touch(self, name: str, days: int | None) -> None:
        """Keep in touch with `name` about every `days` days (None: no rhythm)."""
        from micromoments_tray.core.people import validate_keep_in_touch

        days = validate_keep_in_touch(days)
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE people SET keep_in_touch_days=? WHERE key=?", (days, person_key(name))
            )
            if cur.rowcount == 0:
                raise MomentError("people", f"nobody called {name!r} is in your moments yet")

    def rename_person(self, old: str, new: str) -> str:
        """Rename a person everywhere; a new name that already belongs to someone merges the two.

        Every moment is kept. Returns the name now used.
        """
        (name,) = validate_people([new]) or ("",)
        if not name:
            raise MomentError("people", "a name cannot be empty")
        old_key, new_key = person_key(old), person_key(name)
        with self._write() as conn:
            source = self._person_id(conn, old_key, old)
            target_row = conn.execute("SELECT id FROM people WHERE key=?", (new_key,)).fetchone()
            if target_row is None or int(target_row[0]) == source:
                conn.execute("UPDATE people SET name=?, key=? WHERE id=?", (name, new_key, source))
            else:
                target = int(target_row[0])
                self._merge(conn, source, target)
                conn.execute("UPDATE people SET name=? WHERE id=?", (name, target))
        return name

    def merge_people(self, source: str, target: str) -> str:
        """Move every moment of `source` to `target` (two spellings of one friend).

        A moment that names both keeps one. `target` keeps its name and its keep-in-touch rhythm
        (or takes the source's when it had none). Returns the target's name.
        """
        with self._write() as conn:
            source_id = self._person_id(conn, person_key(source), source)
            target_id = self._person_id(conn, person_key(target), target)
            if source_id == target_id:
                raise MomentError("people", f"{source!r} and {target!r} are already one person")
            self._merge(conn, source_id, target_id)
            return str(
                conn.execute("SELECT name FROM people WHERE id=?", (target_id,)).fetchone()[0]
            )

    @staticmethod
    def _person_id(conn: sqlite3.Connection, key: str, shown: str) -> int:
        row = conn.execute("SELECT id FROM people WHERE key=?", (key,)).fetchone()
        if row is None:
            raise MomentError("people", f"nobody called {normalise_name(shown)!r} is known")
        return int(row[0])

    @staticmethod
    def _merge(conn: sqlite3.Connection, source: int, target: int) -> None:
        conn.execute(
            "DELETE FROM moment_people WHERE person_id=? AND moment_id IN "
            "(SELECT moment_id FROM moment_people WHERE person_id=?)",
            (source, target),
        )
        conn.execute("UPDATE moment_people SET person_id=? WHERE person_id=?", (target, source))
        conn.execute(
            "UPDATE people SET keep_in_touch_days = coalesce(keep_in_touch_days, "
            "(SELECT keep_in_touch_days FROM people WHERE id=?)) WHERE id=?",
            (source, target),
        )
        conn.execute("DELETE FROM people WHERE id=?", (source,))

    def people_stats(self) -> list["PersonStats"]:
        """Everyone in a live moment (or with a rhythm): count and last moment, latest first."""
        from micromoments_tray.core.people import PersonStats

        rows = self._conn.execute(
            "SELECT p.name, p.key, p.keep_in_touch_days, count(m.id), max(m.occurred_utc), "
            "m.utc_offset FROM people p "
            "LEFT JOIN moment_people mp ON mp.person_id = p.id "
            "LEFT JOIN moments m ON m.id = mp.moment_id AND m.deleted_utc IS NULL "
            "GROUP BY p.id HAVING count(m.id) > 0 OR p.keep_in_touch_days IS NOT NULL "
            "ORDER BY max(m.occurred_utc) IS NULL, max(m.occurred_utc) DESC, p.key"
        ).fetchall()
        stats: list[PersonStats] = []
        for name, key, every, count, last, offset in rows:
            last_at = None
            if last is not None:
                tz = timezone(timedelta(minutes=int(offset)))
                last_at = from_utc_text(str(last)).astimezone(tz)
            stats.append(
                PersonStats(
                    name=str(name),
                    key=str(key),
                    moments=int(count),
                    last_at=last_at,
                    keep_in_touch_days=None if every is None else int(every),
                )
            )
        return stats

    # -- weeks -----------------------------------------------------------------------------------

    @staticmethod
    def _local_days(first: date, last: date, rules: "WeekRules") -> tuple[str, list[object]]:
        """A WHERE clause for live moments whose local day (own offset, day end) is in range.

        The padded UTC range lets SQLite use the time index; the date() test is exact.
        """
        from micromoments_tray.core.week import Week, utc_bounds

        begin, _ = utc_bounds(Week(first), rules)
        _, end = utc_bounds(Week(last - timedelta(days=6)), rules)
        shift = rules.day_end_hour * 60
        where = (
            "m.deleted_utc IS NULL AND m.occurred_utc >= ? AND m.occurred_utc < ? AND "
            "date(m.occurred_utc, printf('%+d minutes', m.utc_offset - ?)) BETWEEN ? AND ?"
        )
        params: list[object] = [
            begin.strftime(_UTC_FORMAT),
            end.strftime(_UTC_FORMAT),
            shift,
            first.isoformat(),
            last.isoformat(),
        ]
        return where, params

    def week_moments(self, week: "Week", rules: "WeekRules") -> list[Moment]:
        """The live moments of `week`, grouped by their own local day; oldest first."""
        where, params = self._local_days(week.start, week.end, rules)
        sql = f"{_SELECT} WHERE {where} ORDER BY m.occurred_utc, m.rowid"
        return [_row_to_moment(r) for r in self._conn.execute(sql, params)]

    @staticmethod
    def _week_ranges(week: "Week", rules: "WeekRules") -> tuple[str, str, str, str]:
        """UTC texts low ≤ sure_from < sure_to ≤ high of the week.

        [low, high) holds every moment of the week whatever its offset; every moment in
        [sure_from, sure_to) belongs to the week whatever its offset (UTC-12 … UTC+14), so only
        the two edges of 26 hours need each moment's own local day.
        """
        wall_begin, wall_end = week.wall_range(rules)  # utc_bounds, without a second call
        return (
            _naive_utc_text(wall_begin - _FOURTEEN_HOURS),
            _naive_utc_text(wall_begin + _TWELVE_HOURS),
            _naive_utc_text(wall_end - _FOURTEEN_HOURS),
            _naive_utc_text(wall_end + _TWELVE_HOURS),
        )

    def _week_parts(
        self, week: "Week", rules: "WeekRules", select: str
    ) -> list[tuple[str, list[object]]]:
        """The week as three index ranges: a middle every moment in it belongs to whatever its
        offset (no per-row work), and two edges of 26 hours checked by each moment's own day."""
        low, sure_from, sure_to, high = self._week_ranges(week, rules)
        live = "m.deleted_utc IS NULL AND m.occurred_utc >= ? AND m.occurred_utc < ?"
        exact = "date(m.occurred_utc, printf('%+d minutes', m.utc_offset - ?)) BETWEEN ? AND ?"
        day_params: list[object] = [
            rules.day_end_hour * 60,
            week.start.isoformat(),
            week.end.isoformat(),
        ]
        return [
            (f"{select} WHERE {live}", [sure_from, sure_to]),
            (f"{select} WHERE {live} AND {exact}", [low, sure_from, *day_params]),
            (f"{select} WHERE {live} AND {exact}", [sure_to, high, *day_params]),
        ]

    def week_count(self, week: "Week", rules: "WeekRules") -> int:
        """Live moments of `week` by their own local day; cost grows with the week, not the file."""
        return sum(
            int(self._conn.execute(sql, params).fetchone()[0])
            for sql, params in self._week_parts(week, rules, "SELECT count(*) FROM moments m")
        )

    def week_counts(self, weeks: Sequence["Week"], rules: "WeekRules") -> list[int]:
        return [self.week_count(w, rules) for w in weeks]

    def week_has_moments(self, week: "Week", rules: "WeekRules") -> bool:
        """Whether the week holds at least one live moment (stops at the first one found)."""
        for sql, params in self._week_parts(week, rules, "SELECT 1 FROM moments m"):
            if self._conn.execute(sql + " LIMIT 1", params).fetchone() is not None:
                return True
        return False

    def weeks_with_moments(self, weeks: Sequence["Week"], rules: "WeekRules") -> list[bool]:
        """`week_has_moments` for each of `weeks`, in their order, one SQL statement per
        `_WEEKS_PER_STATEMENT` weeks.

        Each week is a row of a VALUES list; per row, the sure middle range is tried first on
        the live-time index, then the two edges by each moment's own local day. CASE stops at
        the first range that holds a moment, so a busy week costs one index seek.
        """
        answers: list[bool] = []
        for at in range(0, len(weeks), _WEEKS_PER_STATEMENT):
            answers += self._weeks_with_moments(weeks[at : at + _WEEKS_PER_STATEMENT], rules)
        return answers

    def _weeks_with_moments(self, weeks: Sequence["Week"], rules: "WeekRules") -> list[bool]:
        params: list[object] = []
        for index, week in enumerate(weeks):
            params += [
                index,
                *self._week_ranges(week, rules),
                rules.day_end_hour * 60,
                week.start.isoformat(),
                week.end.isoformat(),
            ]
        rows = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?)"] * len(weeks))
        live = (
            "SELECT 1 FROM moments m WHERE m.deleted_utc IS NULL "
            "AND m.occurred_utc >= {} AND m.occurred_utc < {}"
        )
        exact = (
            " AND date(m.occurred_utc, printf('%+d minutes', m.utc_offset - w.shift)) "
            "BETWEEN w.first_day AND w.last_day"
        )
        sql = (
            "WITH w(i, low, sure_from, sure_to, high, shift, first_day, last_day) AS "
            f"(VALUES {rows}) "
            "SELECT CASE "
            f"WHEN EXISTS ({live.format('w.sure_from', 'w.sure_to')}) THEN 1 "
            f"WHEN EXISTS ({live.format('w.low', 'w.sure_from')}{exact}) THEN 1 "
            f"WHEN EXISTS ({live.format('w.sure_to', 'w.high')}{exact}) THEN 1 "
            "ELSE 0 END FROM w ORDER BY w.i"
        )
        return [bool(row[0]) for row in self._conn.execute(sql, params)]

    def first_moment_day(self, rules: "WeekRules") -> date | None:
        """The local day of the earliest live moment (for 'since you started' histories)."""
        row = self._conn.execute(
            "SELECT date(m.occurred_utc, printf('%+d minutes', m.utc_offset - ?)) FROM moments m "
            "WHERE m.deleted_utc IS NULL ORDER BY m.occurred_utc LIMIT 1",
            (rules.day_end_hour * 60,),
        ).fetchone()
        return None if row is None else date.fromisoformat(str(row[0]))

    # -- reading -------------------------------------------------------------------------------

    def get(self, moment_id: str) -> Moment:
        row = self._conn.execute(_SELECT + " WHERE m.id=?", (moment_id,)).fetchone()
        if row is None:
            raise MomentNotFound(moment_id)
        return _row_to_moment(row)

    def resolve_id(self, text: str) -> str:
        """A full id, or a unique prefix of at least 4 characters (as `list` shows them)."""
        value = text.strip().lower()
        if len(value) == 36:
            try:
                return validate_id(value)
            except MomentError:
                raise MomentNotFound(text) from None
        if len(value) < 4 or any(c not in "0123456789abcdef-" for c in value):
            raise MomentNotFound(text)
        rows = self._conn.execute(
            "SELECT id FROM moments WHERE substr(id, 1, ?) = ? LIMIT 2", (len(value), value)
        ).fetchall()
        if len(rows) > 1:
            raise AmbiguousId(text)
        if not rows:
            raise MomentNotFound(text)
        return str(rows[0][0])

    def query(self, q: MomentQuery = ALL) -> list[Moment]:
        where, params = self._where(q)
        order = "DESC" if q.newest_first else "ASC"
        key = SORT_KEYS.get(q.order_by)
        if key is None:
            raise ValueError(f"cannot sort by {q.order_by!r}; choose one of {', '.join(SORT_KEYS)}")
        ties = "" if key == "m.occurred_utc" else f"m.occurred_utc {order}, "
        sql = f"{_SELECT} {where} ORDER BY {key} {order}, {ties}m.rowid {order}"
        if q.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [q.limit, q.offset]
        return [_row_to_moment(r) for r in self._conn.execute(sql, params)]

    def count(self, q: MomentQuery = ALL) -> int:
        where, params = self._where(q)
        return int(
            self._conn.execute(f"SELECT count(*) FROM moments m {where}", params).fetchone()[0]
        )

    def people_names(self) -> list[str]:
        """Names of people in live moments, most recently seen first (for completion)."""
        rows = self._conn.execute(
            "SELECT p.name FROM people p JOIN moment_people mp ON mp.person_id = p.id "
            "JOIN moments m ON m.id = mp.moment_id WHERE m.deleted_utc IS NULL "
            "GROUP BY p.id ORDER BY max(m.occurred_utc) DESC"
        )
        return [str(r[0]) for r in rows]

    @staticmethod
    def _where(q: MomentQuery) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if not q.include_deleted:
            clauses.append("m.deleted_utc IS NULL")
        if q.since is not None:
            clauses.append("m.occurred_utc >= ?")
            params.append(to_utc_text(q.since))
        if q.until is not None:
            clauses.append("m.occurred_utc < ?")
            params.append(to_utc_text(q.until))
        # A day's moments lie within 14 h before and 12 h after its UTC span (offsets run from
        # -12:00 to +14:00): the index narrows to that, each row's own local date decides.
        own_day = "date(m.occurred_utc, printf('%+d minutes', m.utc_offset))"
        if q.since_day is not None:
            first = datetime.combine(q.since_day, time(0), UTC) - timedelta(hours=14)
            clauses += ["m.occurred_utc >= ?", f"{own_day} >= ?"]
            params += [to_utc_text(first), q.since_day.isoformat()]
        if q.until_day is not None:
            last = datetime.combine(q.until_day + timedelta(days=1), time(0), UTC)
            clauses += ["m.occurred_utc < ?", f"{own_day} <= ?"]
            params += [to_utc_text(last + timedelta(hours=12)), q.until_day.isoformat()]
        if q.kind is not None:
            clauses.append("m.kind = ?")
            params.append(q.kind)
        if q.person is not None:
            clauses.append(
                "EXISTS (SELECT 1 FROM moment_people mp JOIN people p ON p.id = mp.person_id "
                "WHERE mp.moment_id = m.id AND p.key = ?)"
            )
            params.append(person_key(q.person))
        if q.search:
            clauses.append(
                "(instr(mm_fold(m.note), ?) > 0 OR EXISTS (SELECT 1 FROM moment_people mp "
                "JOIN people p ON p.id = mp.person_id WHERE mp.moment_id = m.id "
                "AND instr(p.key, ?) > 0))"
            )
            needle = fold(q.search)
            params += [needle, needle]
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params
