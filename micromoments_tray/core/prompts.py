"""The prompt deck: small suggestions, each tagged with a kind, places, time of day and level.

Selection is pure: it takes the deck, what was shown lately, what the user retired, the level
they chose, how often each kind was logged lately and a random source, and returns one prompt.
"""

import random
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from micromoments_tray.core.kinds import KIND_IDS, is_kind

PLACES: tuple[str, ...] = ("out", "work", "home", "online")
TIMES: tuple[str, ...] = ("morning", "afternoon", "evening")
LEVELS: tuple[int, ...] = (1, 2, 3)
NO_REPEAT = 15  # a prompt is not shown again while it is among the last 15 shown
CUSTOM_PREFIX = "own-"
CUSTOM_DEFAULT_KIND = "kindness"


class Prompt(NamedTuple):
    id: str
    text: str
    kind: str
    where: tuple[str, ...] = PLACES
    times: tuple[str, ...] = ()  # empty: any time of day
    level: int = 1
    own: bool = False  # written by the user in settings


class DeckError(ValueError):
    pass


def part_of_day(hour: int) -> str:
    """'morning' 05-12, 'afternoon' 12-17, 'evening' otherwise."""
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    return "evening"


def parse_deck(raw: object, source: str = "deck") -> tuple[Prompt, ...]:
    """Prompts from the parsed TOML (`[[prompt]]` tables); DeckError names the bad entry."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("prompt"), list):
        raise DeckError(f"{source}: expected [[prompt]] tables")
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw["prompt"], start=1):
        where = f"{source}: prompt {index}"
        if not isinstance(entry, Mapping):
            raise DeckError(f"{where}: not a table")
        unknown = set(entry) - {"id", "text", "kind", "where", "time", "level"}
        if unknown:
            raise DeckError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
        pid, text, kind = entry.get("id"), entry.get("text"), entry.get("kind")
        if not isinstance(pid, str) or not pid or pid.startswith(CUSTOM_PREFIX):
            raise DeckError(f"{where}: id must be a non-empty text not starting {CUSTOM_PREFIX!r}")
        if pid in seen:
            raise DeckError(f"{where}: id {pid!r} is used twice")
        seen.add(pid)
        if not isinstance(text, str) or not 10 <= len(text.strip()) <= 160:
            raise DeckError(f"{where} ({pid}): text must be 10 to 160 characters")
        if not isinstance(kind, str) or not is_kind(kind):
            raise DeckError(f"{where} ({pid}): kind must be one of {', '.join(KIND_IDS)}")
        places = entry.get("where")
        if (
            not isinstance(places, list)
            or not places
            or not all(isinstance(p, str) and p in PLACES for p in places)
        ):
            raise DeckError(f"{where} ({pid}): where must list some of {', '.join(PLACES)}")
        times = entry.get("time", [])
        if not isinstance(times, list) or not all(isinstance(t, str) and t in TIMES for t in times):
            raise DeckError(f"{where} ({pid}): time must list some of {', '.join(TIMES)}")
        level = entry.get("level")
        if isinstance(level, bool) or level not in LEVELS:
            raise DeckError(f"{where} ({pid}): level must be 1, 2 or 3")
        assert isinstance(level, int)
        prompts.append(
            Prompt(pid, " ".join(text.split()), kind, tuple(places), tuple(times), level)
        )
    return tuple(prompts)


def load_deck(folder: Path) -> tuple[Prompt, ...]:
    """Every `*.toml` file in `folder`, in name order."""
    import tomllib

    prompts: list[Prompt] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise DeckError(f"{path.name}: {exc}") from None
        prompts.extend(parse_deck(raw, path.name))
    ids = [p.id for p in prompts]
    if len(set(ids)) != len(ids):
        raise DeckError("the same prompt id appears in two files")
    return tuple(prompts)


def own_prompts(text: str) -> tuple[Prompt, ...]:
    """The user's prompts from settings: one per line, optionally starting with 'kind:'.

    'thanks: Thank the person who made your coffee' is a Thanks prompt; a line without a known
    kind in front is a Kindness one. The id follows the text, so an edited line is a new prompt.
    """
    import zlib

    prompts: list[Prompt] = []
    seen: set[str] = set()
    for line in text.splitlines():
        body = " ".join(line.split())
        if not body:
            continue
        kind = CUSTOM_DEFAULT_KIND
        head, sep, rest = body.partition(":")
        if sep and is_kind(head.strip().lower()) and rest.strip():
            kind, body = head.strip().lower(), rest.strip()
        pid = f"{CUSTOM_PREFIX}{zlib.crc32(body.casefold().encode('utf-8')):08x}"
        if pid in seen:
            continue
        seen.add(pid)
        prompts.append(Prompt(pid, body, kind, PLACES, (), 1, own=True))
    return tuple(prompts)


def choose(
    deck: Sequence[Prompt],
    *,
    hour: int,
    recent: Sequence[str] = (),
    never: Iterable[str] = (),
    level: int = 1,
    kind_counts: Mapping[str, int] | None = None,
    rng: random.Random,
) -> Prompt | None:
    """One prompt for now, or None when every prompt was retired.

    - never one of the last NO_REPEAT shown (relaxed only when nothing else is left);
    - fits the part of the day (relaxed when nothing fits);
    - no harder than `level`; the user's level gets more weight than the easier ones;
    - gently favours kinds the user logged less lately;
    - the user's own prompts are always eligible, whatever the level.
    """
    retired = set(never)
    pool = [p for p in deck if p.id not in retired and (p.own or p.level <= level)]
    if not pool:
        return None
    part = part_of_day(hour)
    recent_ids = set(list(recent)[-NO_REPEAT:])
    fresh = [p for p in pool if p.id not in recent_ids]
    timely = [p for p in fresh if not p.times or part in p.times]
    candidates = timely or fresh or [p for p in pool if not p.times or part in p.times] or pool
    counts = kind_counts or {}

    def weight(prompt: Prompt) -> float:
        w = 1.0 / (1.0 + 0.5 * counts.get(prompt.kind, 0))
        if not prompt.own and prompt.level < level:
            w *= 0.5
        if prompt.times:
            w *= 1.3  # written for this part of the day: a better fit than a general one
        return w

    weights = [weight(p) for p in candidates]
    return rng.choices(candidates, weights=weights, k=1)[0]


def find(deck: Sequence[Prompt], prompt_id: str | None) -> Prompt | None:
    if prompt_id is None:
        return None
    return next((p for p in deck if p.id == prompt_id), None)
