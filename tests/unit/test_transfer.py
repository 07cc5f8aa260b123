"""Export and import: the record format, exact round trips, all-or-nothing validation."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.kinds import KIND_IDS
from micromoments_tray.core.moments import (
    NAME_MAX,
    Moment,
    MomentError,
    make_moment,
)
from micromoments_tray.storage.repository import MomentRepository
from micromoments_tray.storage.transfer import (
    FIELDS,
    ImportProblem,
    export_csv,
    export_json,
    join_people,
    moment_to_record,
    parse_records,
    sniff_format,
    split_people,
)

from .conftest import MakeMoment

NOW = datetime(2026, 11, 26, 18, 30, tzinfo=timezone(timedelta(hours=1)))
ID_1 = "1b2c3d4e-0000-4000-8000-000000000001"
ID_2 = "1b2c3d4e-0000-4000-8000-000000000002"
ID_3 = "1b2c3d4e-0000-4000-8000-000000000003"


def _record(moment_id: str = ID_1, **changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": moment_id,
        "occurred_at": "2026-11-26T18:30:00+01:00",
        "kind": "thanks",
        "note": "Thanked the bus driver",
        "people": ["Sam"],
        "feeling": 4,
        "created_at": "2026-11-26T17:31:00+00:00",
        "updated_at": "2026-11-26T17:31:00+00:00",
    }
    record.update(changes)
    return record


def _json(*records: object) -> str:
    return json.dumps(list(records))


def _problem(text: str, fmt: str = "json") -> ImportProblem:
    with pytest.raises(ImportProblem) as info:
        parse_records(text, fmt, now=NOW)  # type: ignore[arg-type]
    return info.value


# -- export ------------------------------------------------------------------------------------


def test_record_has_exactly_the_documented_fields(make: MakeMoment) -> None:
    moment = make(0, kind="thanks", note="hi", people=("Sam", "Zoë"), feeling=5)
    record = moment_to_record(moment)
    assert tuple(record) == FIELDS
    assert record == {
        "id": moment.id,
        "occurred_at": "2026-11-26T18:30:00+01:00",
        "kind": "thanks",
        "note": "hi",
        "people": ["Sam", "Zoë"],
        "feeling": 5,
        "created_at": "2026-11-26T17:30:00+00:00",
        "updated_at": "2026-11-26T17:30:00+00:00",
    }


def test_export_leaves_out_deleted_moments(make: MakeMoment) -> None:
    live, gone = make(2), make(1)
    both = [live, gone._replace(deleted_at=NOW)]
    assert [r["id"] for r in json.loads(export_json(both))] == [live.id]
    rows = list(csv.reader(io.StringIO(export_csv(both))))
    assert [r[0] for r in rows] == ["id", live.id]


def test_json_export_is_readable_unicode(make: MakeMoment) -> None:
    text = export_json([make(1, people=("Zoë",))])
    assert "Zoë" in text and text.endswith("\n")


@pytest.mark.parametrize(
    ("names", "cell"),
    [
        ((), ""),
        (("Sam",), "Sam"),
        (("Sam", "Zoë"), "Sam; Zoë"),
        (("Smith; Jones", "Ann"), "Smith\\; Jones; Ann"),
        (("back\\slash", "end\\"), "back\\\\slash; end\\\\"),
        (('Quote "Q" Lee', "Comma, Inc"), 'Quote "Q" Lee; Comma, Inc'),
    ],
)
def test_csv_people_cell_escapes_separator_and_backslash(names: tuple[str, ...], cell: str) -> None:
    assert join_people(names) == cell
    assert tuple(split_people(cell)) == names


def test_split_people_is_lenient_about_spacing() -> None:
    assert split_people(" Sam ;Zoë;; ") == ["Sam", "Zoë"]


# -- round trips ---------------------------------------------------------------------------------


def _tricky(make: MakeMoment) -> list[Moment]:
    return [
        make(50, kind="greeting"),
        make(
            30,
            kind="thanks",
            note='Said "thank you", twice;\nthen\ttea',
            people=("Smith; Jones", "back\\slash", "Zoë"),
            feeling=1,
        ),
        make(at=datetime(2026, 7, 1, 9, 15, tzinfo=timezone(timedelta(hours=-9, minutes=-30)))),
        make(at=datetime(2026, 3, 1, 23, 59, 59, tzinfo=timezone(timedelta(hours=14)))),
    ]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_round_trip_is_exact(make: MakeMoment, fmt: str) -> None:
    moments = _tricky(make)
    export = export_json if fmt == "json" else export_csv
    text = export(moments)
    back = parse_records(text, fmt, now=NOW)  # type: ignore[arg-type]
    assert back == moments
    assert [m.occurred_at.utcoffset() for m in back] == [m.occurred_at.utcoffset() for m in moments]
    assert export(back) == text


def test_import_twice_is_idempotent_and_newer_edits_win(
    repo: MomentRepository, make: MakeMoment
) -> None:
    moments = _tricky(make)
    text = export_json(moments)
    first = repo.import_moments(parse_records(text, "json", now=NOW))
    assert (first.added, first.updated, first.unchanged) == (4, 0, 0)
    second = repo.import_moments(parse_records(text, "json", now=NOW))
    assert (second.added, second.updated, second.unchanged) == (0, 0, 4)
    assert repo.count() == 4

    edited = json.loads(text)
    edited[0]["note"] = "edited elsewhere"
    edited[0]["updated_at"] = "2026-11-26T18:00:00+00:00"
    edited[1]["note"] = "older edit is ignored"
    edited[1]["updated_at"] = "2020-01-01T00:00:00+00:00"
    third = repo.import_moments(parse_records(json.dumps(edited), "json", now=NOW))
    assert (third.added, third.updated, third.unchanged) == (0, 1, 3)
    assert repo.get(moments[0].id).note == "edited elsewhere"
    assert repo.get(moments[1].id).note == moments[1].note
    assert repo.get(moments[1].id).people == moments[1].people


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029"),
    min_size=1,
    max_size=NAME_MAX,
)
notes = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n\t;\\\",'"),
    max_size=200,
)


@st.composite
def valid_moments(draw: st.DrawFn) -> Moment:
    offset = timedelta(minutes=draw(st.integers(-12 * 60, 14 * 60)))
    occurred = draw(
        st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2026, 11, 25))
    ).replace(tzinfo=timezone(offset))
    try:
        moment = make_moment(
            kind=draw(st.sampled_from(KIND_IDS)),
            occurred_at=occurred,
            now=NOW,
            note=draw(notes),
            people=draw(st.lists(names, max_size=4)),
            feeling=draw(st.none() | st.integers(1, 5)),
            moment_id=str(draw(st.uuids())),
        )
    except MomentError:
        # e.g. a name made only of spaces: skipped, or one over 80 characters once normalised
        return make_moment(kind="smile", occurred_at=occurred, now=NOW)
    return moment


@settings(max_examples=60, deadline=None)
@given(st.lists(valid_moments(), max_size=5, unique_by=lambda m: m.id))
def test_any_valid_moments_survive_both_formats(moments: list[Moment]) -> None:
    for export, fmt in ((export_json, "json"), (export_csv, "csv")):
        text = export(moments)
        back = parse_records(text, fmt, now=NOW)  # type: ignore[arg-type]
        assert [moment_to_record(m) for m in back] == [moment_to_record(m) for m in moments]
        assert back == moments


# -- validation ----------------------------------------------------------------------------------


def test_bad_record_names_its_index_id_and_field(repo: MomentRepository) -> None:
    text = _json(_record(ID_1), _record(ID_2), _record(ID_3, feeling=7))
    problem = _problem(text)
    assert str(problem) == f"record 3 (id {ID_3}): feeling: 7 is outside 1 to 5"
    assert (problem.index, problem.moment_id, problem.field) == (3, ID_3, "feeling")
    assert repo.count() == 0  # nothing was parsed into the database


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"feeling": "4"}, "feeling: '4' is not a whole number from 1 to 5"),
        ({"feeling": 4.0}, "feeling: 4.0 is not a whole number from 1 to 5"),
        ({"feeling": True}, "feeling: True is not a whole number from 1 to 5"),
        ({"kind": "hug"}, "kind: 'hug' is not a kind; choose one of:"),
        ({"kind": None}, "kind: None is not a kind"),
        ({"note": 5}, "note: 5 is not text"),
        ({"note": None}, "note: None is not text"),
        ({"note": "x" * 1001}, "note: is 1001 characters long; the most is 1000"),
        ({"people": "Sam"}, "people: 'Sam' is not a list of names"),
        ({"people": ["Sam", 3]}, "people: every name must be text"),
        ({"people": ["N" * 81]}, "people: the name"),
        ({"occurred_at": "2026-11-26T18:30"}, "occurred_at: '2026-11-26T18:30' has no UTC offset"),
        ({"occurred_at": "yesterday"}, "occurred_at: 'yesterday' is not an ISO 8601 date-time"),
        ({"occurred_at": 1764178200}, "occurred_at: 1764178200 is not an ISO 8601"),
        ({"occurred_at": "2026-11-27T09:00:00+01:00"}, "occurred_at: is in the future"),
        ({"created_at": "2026-11-26"}, "created_at: '2026-11-26' has no UTC offset"),
        ({"updated_at": None}, "updated_at: None is not an ISO 8601"),
    ],
)
def test_wrong_values_and_types_are_problems(change: dict[str, object], expected: str) -> None:
    problem = _problem(_json(_record(ID_1), _record(ID_2, **change)))
    assert str(problem).startswith(f"record 2 (id {ID_2}): {expected}")


def test_bad_id_is_a_problem() -> None:
    assert str(_problem(_json(_record("xyz")))) == "record 1 (id xyz): id: 'xyz' is not a UUID"
    assert str(_problem(_json(_record(7)))) == "record 1: id: 7 is not a UUID"  # type: ignore[arg-type]


def test_missing_and_extra_keys_are_problems() -> None:
    record = _record()
    del record["feeling"]
    assert str(_problem(_json(record))) == f"record 1 (id {ID_1}): feeling: is missing"
    extra = _record(mood="sunny")
    assert str(_problem(_json(extra))).startswith(
        f"record 1 (id {ID_1}): mood: is not a field of a moment (id, occurred_at,"
    )
    deleted = _record(deleted_at=None)
    assert _problem(_json(deleted)).field == "deleted_at"


def test_duplicate_ids_in_one_file_are_a_problem() -> None:
    problem = _problem(_json(_record(ID_1), _record(ID_2), _record(ID_1.upper())))
    assert str(problem) == f"record 3 (id {ID_1.upper()}): id: is also the id of record 1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is not valid JSON"),
        ("{", "is not valid JSON"),
        ('{"moments": []}', "must hold a JSON list of moments"),
        ("[1]", "record 1: is not an object with the fields of a moment"),
    ],
)
def test_malformed_json_files(text: str, message: str) -> None:
    assert str(_problem(text)).startswith(message)


def test_empty_json_list_is_fine() -> None:
    assert parse_records("[]", "json", now=NOW) == []


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def _csv_row(**changes: str) -> list[str]:
    record = _record(**changes)  # type: ignore[arg-type]
    values = {k: str(v) for k, v in record.items()}
    values["people"] = "Sam"
    values.update(changes)
    return [values[f] for f in FIELDS]


def test_csv_columns_may_come_in_any_order_and_a_bom_is_ignored() -> None:
    header = list(reversed(FIELDS))
    row = list(reversed(_csv_row()))
    [moment] = parse_records("\ufeff" + _csv([header, row]), "csv", now=NOW)
    assert (moment.id, moment.people, moment.feeling) == (ID_1, ("Sam",), 4)


def test_csv_empty_feeling_is_none_and_bad_feeling_is_a_problem() -> None:
    [moment] = parse_records(_csv([list(FIELDS), _csv_row(feeling="")]), "csv", now=NOW)
    assert moment.feeling is None
    problem = _problem(_csv([list(FIELDS), _csv_row(feeling="four")]), "csv")
    assert (
        str(problem) == f"record 1 (id {ID_1}): feeling: 'four' is not a whole number from 1 to 5"
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "is empty; a CSV export starts with a header"),
        ([["id", "kind"]], "the CSV header must name the columns id, occurred_at"),
        ([[*FIELDS, "mood"]], "unknown 'mood'"),
        ([[*FIELDS, "id"]], "a column appears twice"),
        ([list(FIELDS), [ID_1, "2026-11-26T18:30:00+01:00"]], "record 1 (id 1b2c3d4e-"),
    ],
)
def test_malformed_csv_files(rows: list[list[str]], message: str) -> None:
    assert message in str(_problem(_csv(rows), "csv"))


def test_sniffing_the_format() -> None:
    assert sniff_format("id,occurred_at", "moments.JSON") == "json"
    assert sniff_format("[]", "moments.csv") == "csv"
    assert sniff_format('\ufeff  [{"id": 1}]', "backup.txt") == "json"
    assert sniff_format("id,occurred_at,kind", None) == "csv"


def test_import_time_defaults_to_now() -> None:
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    with pytest.raises(ImportProblem, match="is in the future"):
        parse_records(_json(_record(occurred_at=future)), "json")
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    assert len(parse_records(_json(_record(occurred_at=past)), "json")) == 1


def test_clock_fixture_matches_the_fixed_now(clock: FakeClock) -> None:
    assert clock.now() == NOW  # the literal times above are written against this evening
