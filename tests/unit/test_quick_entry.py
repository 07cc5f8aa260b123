"""The quick-log line parser: a table of real-looking lines, the errors, and any string at all."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.moments import MomentDraft
from micromoments_tray.core.quick_entry import ParseError, parse_quick_entry

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 18, 30, tzinfo=BERLIN)
YESTERDAY_1830 = "2026-11-25T18:30:00+01:00"

# line, kind (None: no word implies one), people, feeling, occurred_at (None: now), note
TABLE: list[tuple[str, str | None, tuple[str, ...], int | None, str | None, str]] = [
    ("thanked @Sam at the bakery +4", "thanks", ("Sam",), 4, None, "thanked Sam at the bakery"),
    ("smiled at the bus driver", "smile", (), None, None, "smiled at the bus driver"),
    ("texted @Mum just to say hi +5", "message", ("Mum",), 5, None, "texted Mum just to say hi"),
    (
        "messaged @Priya about her new job",
        "message",
        ("Priya",),
        None,
        None,
        "messaged Priya about her new job",
    ),
    ("greeted the new neighbour", "greeting", (), None, None, "greeted the new neighbour"),
    (
        "said hi to @Grace in the lift",
        "greeting",
        ("Grace",),
        None,
        None,
        "said hi to Grace in the lift",
    ),
    ("asked how @Tom's exam went +3", "check-in", ("Tom",), 3, None, "asked how Tom's exam went"),
    (
        "asked how the cashier's day was going",
        "check-in",
        (),
        None,
        None,
        "asked how the cashier's day was going",
    ),
    (
        "held the door for a man with a pram",
        "kindness",
        (),
        None,
        None,
        "held the door for a man with a pram",
    ),
    (
        "helped @Ana carry her shopping +4",
        "kindness",
        ("Ana",),
        4,
        None,
        "helped Ana carry her shopping",
    ),
    (
        "chatted with @Lee at the coffee machine",
        "conversation",
        ("Lee",),
        None,
        None,
        "chatted with Lee at the coffee machine",
    ),
    (
        'talked to @"Mrs Okafor" about her roses +5',
        "conversation",
        ("Mrs Okafor",),
        5,
        None,
        "talked to Mrs Okafor about her roses",
    ),
    (
        "14:05 thanked the barista",
        "thanks",
        (),
        None,
        "2026-11-26T14:05:00+01:00",
        "thanked the barista",
    ),
    (
        "14:05: thanked the barista",
        "thanks",
        (),
        None,
        "2026-11-26T14:05:00+01:00",
        "thanked the barista",
    ),
    (
        'yesterday 18:30: smiled at @"Ana Lu" on the tram',
        "smile",
        ("Ana Lu",),
        None,
        YESTERDAY_1830,
        "smiled at Ana Lu on the tram",
    ),
    (
        "Yesterday 21:15 texted @Sam goodnight",
        "message",
        ("Sam",),
        None,
        "2026-11-25T21:15:00+01:00",
        "texted Sam goodnight",
    ),
    (
        "yesterday: waved at the postman",
        "greeting",
        (),
        None,
        YESTERDAY_1830,
        "waved at the postman",
    ),
    (
        "today 9:10 said hello to the crossing guard",
        "greeting",
        (),
        None,
        "2026-11-26T09:10:00+01:00",
        "said hello to the crossing guard",
    ),
    (
        "7:45 grinned at a toddler on the bus +2",
        "smile",
        (),
        2,
        "2026-11-26T07:45:00+01:00",
        "grinned at a toddler on the bus",
    ),
    (
        "18:30 lovely chat with @Jo",
        "conversation",
        ("Jo",),
        None,
        "2026-11-26T18:30:00+01:00",
        "lovely chat with Jo",
    ),
    (
        "+3 lovely chat with @Lee's dad",
        "conversation",
        ("Lee",),
        3,
        None,
        "lovely chat with Lee's dad",
    ),
    ("@Sam", None, ("Sam",), None, None, "Sam"),
    ("coffee with @Sam and @Zoë +4", None, ("Sam", "Zoë"), 4, None, "coffee with Sam and Zoë"),
    ("coffee with @sam and @SAM", None, ("sam",), None, None, "coffee with sam and SAM"),
    ("walked the dog with @Ravi", None, ("Ravi",), None, None, "walked the dog with Ravi"),
    ("+5", None, (), 5, None, ""),
    ("", None, (), None, None, ""),
    ("   ", None, (), None, None, ""),
    ("smiled, then thanked @Sam", "smile", ("Sam",), None, None, "smiled, then thanked Sam"),
    (
        "thanks to the rain we stayed in and talked",
        "conversation",
        (),
        None,
        None,
        "thanks to the rain we stayed in and talked",
    ),
    ("said thanks to the driver +4!", "thanks", (), 4, None, "said thanks to the driver!"),
    ("feeling thankful today", None, (), None, None, "feeling thankful today"),
    ("wrote to @Grandpa +5", "message", ("Grandpa",), 5, None, "wrote to Grandpa"),
    (
        'sent a postcard to @"Aunt May"',
        "message",
        ("Aunt May",),
        None,
        None,
        "sent a postcard to Aunt May",
    ),
    (
        "checked in on @Mo after the surgery",
        "check-in",
        ("Mo",),
        None,
        None,
        "checked in on Mo after the surgery",
    ),
    ("gave up my seat on the train", "kindness", (), None, None, "gave up my seat on the train"),
    (
        "emailed me@example.org the photos",
        "message",
        (),
        None,
        None,
        "emailed me@example.org the photos",
    ),
    ("met @ the bakery", None, (), None, None, "met @ the bakery"),
    ("spoke with @Ann. +2", "conversation", ("Ann",), 2, None, "spoke with Ann."),
    (
        "called +44 20 7946 0000 to say thanks",
        "thanks",
        (),
        None,
        None,
        "called +44 20 7946 0000 to say thanks",
    ),
    ("12:30-ish lunch with @Kim", None, ("Kim",), None, None, "12:30-ish lunch with Kim"),
    (
        "met at 14:05 in the park, smiled",
        "smile",
        (),
        None,
        None,
        "met at 14:05 in the park, smiled",
    ),
    ("THANKED the nurse +5", "thanks", (), 5, None, "THANKED the nurse"),
    (
        'caught up with @"Old  Friend" +4\nso good',
        "conversation",
        ("Old Friend",),
        4,
        None,
        "caught up with Old Friend\nso good",
    ),
    ("(@Ben) waved back", "greeting", ("Ben",), None, None, "(Ben) waved back"),
    ("+2 smiled at myself in the mirror", "smile", (), 2, None, "smiled at myself in the mirror"),
]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.mark.parametrize(("line", "kind", "people", "feeling", "when", "note"), TABLE)
def test_table(
    clock: FakeClock,
    line: str,
    kind: str | None,
    people: tuple[str, ...],
    feeling: int | None,
    when: str | None,
    note: str,
) -> None:
    entry = parse_quick_entry(line, clock)
    got_when = entry.occurred_at.isoformat() if entry.occurred_at else None
    assert (entry.kind, entry.people, entry.feeling, got_when, entry.note) == (
        kind,
        people,
        feeling,
        when,
        note,
    )


def test_table_is_big_enough() -> None:
    assert len(TABLE) >= 40


def test_chips_show_what_was_recognised_where_it_was_typed(clock: FakeClock) -> None:
    line = "yesterday 18:30: thanked @Sam at the bakery +4"
    entry = parse_quick_entry(line, clock)
    assert [(c.field, c.label, line[c.start : c.end]) for c in entry.chips] == [
        ("time", "Yesterday 18:30", "yesterday 18:30"),
        ("kind", "Thanks", "thanked"),
        ("person", "Sam", "@Sam"),
        ("feeling", "Feeling 4/5", "+4"),
    ]


def test_draft_uses_the_implied_kind_or_the_usual_default(clock: FakeClock) -> None:
    assert parse_quick_entry("thanked @Sam +4", clock).draft() == MomentDraft(
        kind="thanks", note="thanked Sam", people=("Sam",), feeling=4
    )
    assert parse_quick_entry("tea with @Sam", clock).draft().kind == "conversation"
    assert parse_quick_entry("a quiet walk", clock).draft().kind == "smile"
    assert parse_quick_entry("", clock).is_empty()
    assert not parse_quick_entry("+3", clock).is_empty()


def test_time_follows_the_clock_across_midnight() -> None:
    clock = FakeClock(datetime(2026, 11, 27, 0, 10, tzinfo=BERLIN))
    entry = parse_quick_entry("yesterday 23:50: texted @Sam goodnight", clock)
    assert entry.occurred_at == datetime(2026, 11, 26, 23, 50, tzinfo=BERLIN)
    clock.advance(timedelta(hours=12))
    assert parse_quick_entry("00:05 smiled", clock).occurred_at == datetime(
        2026, 11, 27, 0, 5, tzinfo=BERLIN
    )


@pytest.mark.parametrize(
    ("line", "field", "message", "marked"),
    [
        (
            "19:00 waved",
            "time",
            "19:00 today is still to come (it is 18:30 now); "
            "for last night write “yesterday 19:00”",
            "19:00",
        ),
        ("25:10 smiled", "time", "25:10 is not a time of day: use 00:00 to 23:59", "25:10"),
        ("+6 nice", "feeling", "+6 is not a feeling: use +1 (a little) to +5", "+6"),
        ("+0 meh", "feeling", "+0 is not a feeling", "+0"),
        ("smiled +3 no, +4", "feeling", "Two feelings, +3 and +4: keep the one that fits", "+4"),
        (
            'thanked @"Sam Lee',
            "person",
            'The name after @" has no closing quote: write @"Sam Lee"',
            '@"Sam Lee',
        ),
        ('hi @"" there', "person", '@"" names no one', '@""'),
        ("x" * 1001, "note", "is 1001 characters long; the most is 1000", ""),
        ("bell\x07", "note", "contains a control character (U+0007)", ""),
        ("@" + "a" * 81, "people", "is longer than 80 characters", ""),
    ],
)
def test_errors_say_what_to_change_and_where(
    clock: FakeClock, line: str, field: str, message: str, marked: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_quick_entry(line, clock)
    assert caught.value.field == field
    assert message in caught.value.message
    assert line[caught.value.start : caught.value.end] == marked


_MARKERS = st.sampled_from(
    [
        "@",
        '@"',
        '"',
        "+",
        "+4",
        "+9",
        ":",
        "yesterday",
        "today",
        "14:05",
        "99:99",
        " ",
        "\n",
        "thanked",
        "said hi",
        "asked how",
        "held the door",
        "'s",
        "@Sam",
        "é",
        "İ",
        "\x00",
        "\u0301",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_MARKERS, st.text(max_size=12)), max_size=12).map("".join))
def test_any_line_parses_or_gets_a_clear_message(text: str) -> None:
    clock = FakeClock(NOW)
    try:
        entry = parse_quick_entry(text, clock)
    except ParseError as exc:
        assert exc.message[:1].isupper() or exc.message[:1] in ("+", "@", *"0123456789")
        assert 0 <= exc.start <= exc.end <= len(text)
        return
    # Whatever parsed makes a valid moment: nothing is lost on the way to the database.
    moment = entry.draft().to_moment(clock.now())
    assert moment.kind == entry.resolved_kind
    for chip in entry.chips:
        assert 0 <= chip.start < chip.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=60))
def test_plain_words_are_never_dropped(text: str) -> None:
    """Without markers the note is the line itself (trimmed, NFC)."""
    clean = text.replace("@", "").replace("+", "").replace(":", "")
    assume(not clean.strip().lower().startswith(("yesterday", "today")))
    entry = parse_quick_entry(clean, FakeClock(NOW))
    assert entry.note == unicodedata.normalize("NFC", clean.strip())


def _top_level_branches(pattern: str) -> list[str]:
    branches, depth, current = [], 0, ""
    for char in pattern:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "|" and depth == 0:
            branches.append(current)
            current = ""
        else:
            current += char
    return [*branches, current]


def test_every_kind_phrase_starts_with_a_stem() -> None:
    """The ASCII shortcut skips the kind pattern when no stem is in the line: it must be safe."""
    from micromoments_tray.core.quick_entry import KIND_PHRASES, KIND_STEMS

    for _, pattern in KIND_PHRASES:
        for branch in _top_level_branches(pattern):
            literal = re.match(r"[a-z']*", branch)
            assert literal is not None
            assert any(literal.group().startswith(stem) for stem in KIND_STEMS), branch


_WORDS = [
    "sai",
    "said",
    "thank",
    "than",
    "thanked",
    "smil",
    "smile",
    "grin",
    "grinned",
    "tex",
    "text",
    "texted",
    "dm",
    "dm'd",
    "wrote",
    "sent",
    "a",
    "greet",
    "waved",
    "wish",
    "wished",
    "ask",
    "asked",
    "check",
    "checked",
    "held",
    "the",
    "door",
    "help",
    "helped",
    "car",
    "carried",
    "gave",
    "lent",
    "shar",
    "shared",
    "chat",
    "chatted",
    "talk",
    "spoke",
    "caught",
    "up",
    "conversation",
    "coffee",
    "with",
    "Sam",
]


@given(st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join))
def test_the_ascii_shortcut_never_hides_a_kind(text: str) -> None:
    from micromoments_tray.core.quick_entry import KIND_STEMS, _kind_re

    if not any(stem in text.lower() for stem in KIND_STEMS):
        assert _kind_re().search(text) is None
