"""Reading one line typed in the quick-log palette (or after `micromoments log`).

    yesterday 18:30: thanked @Sam at the bakery +4

- an optional time at the very start: `14:05`, `14:05:`, `yesterday 18:30:`, `today 9:10`,
  or `yesterday` alone (the same time of day, one day back);
- `@name` or `@"two words"` for each person;
- `+1` … `+5` for how connected it felt;
- a word that implies a kind (thanked → thanks, texted → message, …): the first one wins;
- everything else is the note. Names stay in the note as plain words (without the `@`), and so
  do kind words: "thanked Sam at the bakery" reads like what happened. Only the time prefix and
  the `+N` feeling leave the note, because they are saved in their own fields. Nothing typed is
  silently dropped: what cannot be read raises ParseError with a message saying what to change.

Pure Python: no Qt, no clock of its own (the caller passes one).
"""

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from functools import cache
from typing import NamedTuple, Protocol

from micromoments_tray.core.kinds import default_kind, kind_by_id
from micromoments_tray.core.moments import (
    MomentDraft,
    MomentError,
    validate_note,
    validate_people,
)


class _Clock(Protocol):
    def now(self) -> datetime: ...

    def localize(self, naive: datetime) -> datetime: ...


class ParseError(ValueError):
    """The line cannot be read as typed. `message` says what to change; `start`/`end` where.

    `field` is "time", "person", "feeling", "note" or "people" (as MomentError names them).
    """

    def __init__(
        self, field: str, message: str, start: int = 0, end: int = 0, detail: str = ""
    ) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.start = start
        self.end = end
        self.detail = detail or message  # for "field: detail" on the command line


class Chip(NamedTuple):
    """One recognised piece of the line: what it means and where it was typed."""

    field: str  # "time", "kind", "person" or "feeling"
    label: str  # what the palette shows, e.g. "Thanks", "Sam", "Feeling 4/5", "Yesterday 18:30"
    start: int
    end: int


class QuickEntry(NamedTuple):
    kind: str | None  # None: no word implies one (the caller picks the default)
    people: tuple[str, ...]
    feeling: int | None
    occurred_at: datetime | None  # None: now
    note: str
    chips: tuple[Chip, ...]

    @property
    def resolved_kind(self) -> str:
        """The kind that will be saved: the implied one, else the usual default."""
        return self.kind if self.kind is not None else default_kind(self.people)

    def draft(self) -> MomentDraft:
        return MomentDraft(
            kind=self.resolved_kind,
            note=self.note,
            people=self.people,
            feeling=self.feeling,
            occurred_at=self.occurred_at,
        )

    def is_empty(self) -> bool:
        return not (self.note or self.people or self.feeling is not None or self.kind)


# -- the words that imply a kind ----------------------------------------------------------------

# Longer phrases first, so "said thanks" is thanks and "said hi" a greeting, not just "said".
KIND_PHRASES: tuple[tuple[str, str], ...] = (
    (
        "thanks",
        r"said\s+thanks|said\s+thank\s+you|thank(?:ed|ing)(?:\s+you)?|thank\s+you|"
        r"thanks(?!\s+to\b)|thank",
    ),
    ("smile", r"smil(?:ed|ing|es|e)|grinned"),
    (
        "message",
        r"text(?:ed|ing)?|messag(?:ed|ing)|dm'?d|emailed|wrote\s+to|"
        r"sent\s+(?:a\s+)?(?:message|text|note|card|postcard|letter)",
    ),
    (
        "greeting",
        r"greet(?:ed|ing)?|said\s+(?:hi|hello|hey|good\s+morning|good\s+night|good\s+evening)|"
        r"waved(?:\s+(?:at|to))?|wished\s+\S+\s+good\s+morning",
    ),
    ("check-in", r"asked\s+how|checked\s+(?:in|on)|asked\s+after"),
    (
        "kindness",
        r"held\s+(?:the|a)\s+door|help(?:ed|ing)|carried|gave\s+up\s+(?:my|a)\s+seat|"
        r"lent|shared\s+my",
    ),
    (
        "conversation",
        r"chat(?:ted|ting|s)?|talk(?:ed|ing|s)?|spoke\s+(?:with|to)|caught\s+up|"
        r"conversations?",
    ),
)
# Every phrase above starts with one of these. An ASCII line holding none of them cannot match,
# which spares a short command-line note compiling the large pattern (~1.5 ms).
KIND_STEMS: tuple[str, ...] = (
    "said", "thank", "smil", "grinned", "text", "messag", "dm", "emailed", "wrote", "sent",
    "greet", "waved", "wished", "asked", "checked", "held", "help", "carried", "gave", "lent",
    "shared", "chat", "talk", "spoke", "caught", "conversation",
)  # fmt: skip

# The patterns are compiled when first used: `micromoments log` pays only for those it needs.


@cache
def _kind_re() -> re.Pattern[str]:
    return re.compile(
        "|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(KIND_PHRASES)),
        re.IGNORECASE,
    )


@cache
def _word_char() -> re.Pattern[str]:
    """A kind phrase counts as a whole word: not inside "thankful" or "contexts"."""
    return re.compile(r"[\w'’]")


# -- the other markers --------------------------------------------------------------------------


@cache
def _time_prefix() -> re.Pattern[str]:
    return re.compile(
        r"^\s*(?:(?P<day>yesterday|today)\b[ \t]*)?"
        r"(?:(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d))?"
        r"(?P<colon>[ \t]*:)?",
        re.IGNORECASE,
    )


@cache
def _mention_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """@"quoted names", @words, and a possessive 's after a name."""
    return (
        re.compile(r'@"([^"\n]*)("?)'),
        re.compile(r"@([^\W_][\w'’.\-]*)"),
        re.compile(r"['’]s$", re.IGNORECASE),
    )


@cache
def _feeling_re() -> re.Pattern[str]:
    return re.compile(r"(?<!\S)\+(\d)(?!\d)(?=$|[\s.,;:!?)])")


def parse_quick_entry(text: str, clock: _Clock) -> QuickEntry:
    """Read a quick-log line. Raises ParseError (and nothing else) when it cannot be read."""
    if not isinstance(text, str):
        raise ParseError("note", "expected a line of text")
    now = clock.now()
    chips: list[Chip] = []
    # Each edit replaces text[start:end] in the note with `replacement`.
    edits: list[tuple[int, int, str]] = []
    masked = list(text)  # what kind words are searched in: markers blanked out

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            masked[i] = " "

    occurred_at, body_start = _read_time(text, now, clock, chips)
    if body_start:
        edits.append((0, body_start, ""))
        blank(0, body_start)

    people = _read_people(text, body_start, chips, edits, blank)

    feeling: int | None = None
    for match in _feeling_re().finditer(text, body_start) if "+" in text else ():
        value = int(match.group(1))
        if not 1 <= value <= 5:
            raise ParseError(
                "feeling",
                f"+{value} is not a feeling: use +1 (a little) to +5 (deeply connected)",
                match.start(),
                match.end(),
            )
        if feeling is not None:
            raise ParseError(
                "feeling",
                f"Two feelings, +{feeling} and +{value}: keep the one that fits",
                match.start(),
                match.end(),
            )
        feeling = value
        chips.append(Chip("feeling", f"Feeling {value}/5", match.start(), match.end()))
        edits.append(_with_space(text, match.start(), match.end()))
        blank(match.start(), match.end())

    kind = _read_kind("".join(masked), chips)

    note = _assemble_note(text, edits)
    try:
        note = validate_note(note)
        validated = validate_people(people)
    except MomentError as exc:
        sentence = exc.message if exc.field == "people" else f"the note {exc.message}"
        message = sentence[:1].upper() + sentence[1:]
        raise ParseError(exc.field, message, detail=exc.message) from None
    chips.sort(key=lambda chip: chip.start)
    return QuickEntry(kind, validated, feeling, occurred_at, note, tuple(chips))


def _read_time(
    text: str, now: datetime, clock: _Clock, chips: list[Chip]
) -> tuple[datetime | None, int]:
    """The time at the start of the line (or None) and where the rest of the line begins."""
    match = _time_prefix().match(text)
    if match is None or not (match.group("day") or match.group("hour")):
        return None, 0
    day_word = (match.group("day") or "").lower()
    hour_text, minute_text = match.group("hour"), match.group("minute")
    end = match.end()
    rest = text[end:]
    if hour_text is None:
        # "yesterday" alone reads as a time only when something follows it as the moment.
        if not match.group("colon") and not rest[:1].isspace():
            return None, 0
        if day_word == "today":
            return None, 0  # "today I smiled…": just a word of the note
    elif not match.group("colon") and rest and not rest[:1].isspace():
        return None, 0  # "14:05pm" or "14:05h": not our format, leave it in the note
    day = now.date() - timedelta(days=1) if day_word == "yesterday" else now.date()
    if hour_text is None:
        naive = datetime.combine(day, now.replace(tzinfo=None).time().replace(microsecond=0))
        label = "Yesterday"
    else:
        hour, minute = int(hour_text), int(minute_text)
        if hour > 23 or minute > 59:
            raise ParseError(
                "time",
                f"{hour_text}:{minute_text} is not a time of day: use 00:00 to 23:59",
                match.start("hour"),
                match.end("minute"),
            )
        naive = datetime.combine(day, time(hour, minute))
        label = f"{'Yesterday' if day_word == 'yesterday' else 'Today'} {hour:02d}:{minute:02d}"
    when = clock.localize(naive)
    if when > now + timedelta(minutes=1):
        hhmm = f"{naive:%H:%M}"
        raise ParseError(
            "time",
            f"{hhmm} today is still to come (it is {now:%H:%M} now); "
            f"for last night write “yesterday {hhmm}”",
            match.start("hour"),
            match.end("minute"),
        )
    chip_start = len(text) - len(text.lstrip())
    chip_end = match.end("minute") if hour_text is not None else match.end("day")
    chips.append(Chip("time", label, chip_start, chip_end))
    body = end + (len(rest) - len(rest.lstrip()))
    return when, body


def _read_people(
    text: str,
    start: int,
    chips: list[Chip],
    edits: list[tuple[int, int, str]],
    blank: Callable[[int, int], None],
) -> list[str]:
    people: list[str] = []
    if "@" not in text:
        return people
    mention_quoted, mention_word, possessive_end = _mention_patterns()
    index = start
    while True:
        at = text.find("@", index)
        if at == -1:
            return people
        index = at + 1
        if at > 0 and not (text[at - 1].isspace() or text[at - 1] in "([{,;/"):
            continue  # an e-mail address or a handle inside a word: part of the note
        quoted = mention_quoted.match(text, at)
        if quoted is not None:
            if not quoted.group(2):
                raise ParseError(
                    "person",
                    f'The name after @" has no closing quote: write @"{quoted.group(1).strip()}"',
                    at,
                    quoted.end(),
                )
            name = " ".join(quoted.group(1).split())
            if not name:
                raise ParseError(
                    "person", '@"" names no one: put the name between the quotes', at, quoted.end()
                )
            people.append(name)
            chips.append(Chip("person", name, at, quoted.end()))
            edits.append((at, quoted.end(), name))
            blank(at, quoted.end())
            index = quoted.end()
            continue
        word = mention_word.match(text, at)
        if word is None:
            continue  # "@ the bakery": a plain @, kept in the note
        raw = word.group(1)
        name = raw.rstrip(".-'’")
        possessive = possessive_end.search(name)
        if possessive is not None and len(name) > 2:
            name = name[: possessive.start()]
        end = at + 1 + len(raw.rstrip(".-'’"))
        name_end = at + 1 + len(name)
        people.append(name)
        chips.append(Chip("person", name, at, name_end))
        edits.append((at, at + 1, ""))  # keep the name in the note, drop only the @
        blank(at, end)
        index = end


def _read_kind(masked: str, chips: list[Chip]) -> str | None:
    if masked.isascii():
        lowered = masked.lower()
        if not any(stem in lowered for stem in KIND_STEMS):
            return None
    word_char = _word_char()
    for match in _kind_re().finditer(masked):
        start, end = match.span()
        if start > 0 and word_char.match(masked, start - 1):
            continue
        if end < len(masked) and word_char.match(masked, end):
            continue
        group = match.lastgroup
        assert group is not None
        kind = KIND_PHRASES[int(group[1:])][0]
        chips.append(Chip("kind", kind_by_id(kind).label, start, end))
        return kind
    return None


def _with_space(text: str, start: int, end: int) -> tuple[int, int, str]:
    """A removal of text[start:end] with the blank before it (or after it, at a line start)."""
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if before > 0 and text[before - 1] != "\n":
        return before, end, ""
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    return start, after, ""


def _assemble_note(text: str, edits: list[tuple[int, int, str]]) -> str:
    parts: list[str] = []
    position = 0
    for start, end, replacement in sorted(edits):
        if start < position:
            start = position
        parts.append(text[position:start])
        parts.append(replacement)
        position = max(position, end)
    parts.append(text[position:])
    return "".join(parts)
