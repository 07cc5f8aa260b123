"""The prompt deck: the shipped file is valid and varied; selection follows its rules."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from micromoments_tray.core.kinds import KIND_IDS
from micromoments_tray.core.prompts import (
    NO_REPEAT,
    PLACES,
    DeckError,
    Prompt,
    choose,
    load_deck,
    own_prompts,
    parse_deck,
    part_of_day,
)
from micromoments_tray.storage.paths import resources_dir


@pytest.fixture(scope="module")
def deck() -> tuple[Prompt, ...]:
    return load_deck(resources_dir() / "prompts")


def test_the_shipped_deck_is_valid_and_large_enough(deck: tuple[Prompt, ...]) -> None:
    assert len(deck) >= 60
    assert len({p.id for p in deck}) == len(deck)
    assert len({p.text for p in deck}) == len(deck)
    kinds = Counter(p.kind for p in deck)
    assert set(kinds) == set(KIND_IDS)
    assert min(kinds.values()) >= 5  # every kind has a few prompts
    levels = Counter(p.level for p in deck)
    assert levels[1] > levels[2] > levels[3] > 0  # easy first
    for place in PLACES:
        assert sum(place in p.where for p in deck) >= 10
    for part in ("morning", "afternoon", "evening"):
        assert sum(part in p.times for p in deck) >= 5
        # every part of the day has easy prompts to offer
        assert sum(p.level == 1 and (not p.times or part in p.times) for p in deck) >= 15


def test_shipped_texts_are_gentle(deck: tuple[Prompt, ...]) -> None:
    for prompt in deck:
        lowered = prompt.text.lower()
        for word in ("must", "should", "failed", "streak", "don't forget"):
            assert word not in lowered, (prompt.id, word)
        assert prompt.text[-1] in ".?!”", prompt.id


def entry(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "p",
        "text": "Smile at someone nice.",
        "kind": "smile",
        "where": ["out"],
        "level": 1,
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "hug"}, "kind must be"),
        ({"where": ["moon"]}, "where must"),
        ({"where": []}, "where must"),
        ({"time": ["noon"]}, "time must"),
        ({"level": 4}, "level must"),
        ({"level": True}, "level must"),
        ({"text": "short"}, "text must"),
        ({"id": ""}, "id must"),
        ({"id": "own-1"}, "id must"),
        ({"colour": "red"}, "unknown keys"),
    ],
)
def test_bad_entries_are_named(changes: dict[str, object], message: str) -> None:
    with pytest.raises(DeckError, match=message):
        parse_deck({"prompt": [entry(**changes)]}, "test.toml")


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(DeckError, match="used twice"):
        parse_deck({"prompt": [entry(), entry()]})


def test_a_broken_toml_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("[[prompt]\n")
    with pytest.raises(DeckError, match=r"a\.toml"):
        load_deck(tmp_path)


@pytest.mark.parametrize(
    ("hour", "part"),
    [
        (5, "morning"),
        (11, "morning"),
        (12, "afternoon"),
        (16, "afternoon"),
        (17, "evening"),
        (2, "evening"),
    ],
)
def test_part_of_day(hour: int, part: str) -> None:
    assert part_of_day(hour) == part


def test_no_repeats_among_the_last_fifteen(deck: tuple[Prompt, ...]) -> None:
    rng = random.Random(1)
    recent: list[str] = []
    for _ in range(300):
        prompt = choose(deck, hour=10, recent=recent, level=3, rng=rng)
        assert prompt is not None
        assert prompt.id not in recent[-NO_REPEAT:]
        recent.append(prompt.id)


def test_fits_the_time_of_day(deck: tuple[Prompt, ...]) -> None:
    rng = random.Random(2)
    for hour, part in ((8, "morning"), (14, "afternoon"), (19, "evening")):
        for _ in range(100):
            prompt = choose(deck, hour=hour, level=3, rng=rng)
            assert prompt is not None
            assert not prompt.times or part in prompt.times


def test_level_caps_difficulty_and_favours_the_chosen_level(deck: tuple[Prompt, ...]) -> None:
    rng = random.Random(3)
    easy = [choose(deck, hour=10, level=1, rng=rng) for _ in range(200)]
    assert all(p is not None and p.level == 1 for p in easy)
    bold = Counter(
        p.level
        for p in (choose(deck, hour=10, level=3, rng=rng) for _ in range(3000))
        if p is not None
    )
    # Level 3 has far fewer prompts, yet each is weighted double: it shows up clearly.
    assert bold[3] > 0.12 * 3000
    assert set(bold) == {1, 2, 3}


def test_favours_kinds_done_less_lately(deck: tuple[Prompt, ...]) -> None:
    rng = random.Random(4)
    counts = {kind: 8 for kind in KIND_IDS}
    counts["thanks"] = 0
    picks = Counter(
        p.kind
        for p in (choose(deck, hour=10, level=3, kind_counts=counts, rng=rng) for _ in range(2000))
        if p is not None
    )
    assert picks["thanks"] == max(picks.values())
    assert picks["thanks"] > 2.5 * picks["smile"]
    assert picks["smile"] > 0  # gently: the others still come up


def test_never_again_is_respected_and_an_empty_pool_gives_none(deck: tuple[Prompt, ...]) -> None:
    rng = random.Random(5)
    retired = {p.id for p in deck[:-1]}
    assert choose(deck, hour=10, never=retired, level=3, rng=rng) == deck[-1]
    assert choose(deck, hour=10, never={p.id for p in deck}, level=3, rng=rng) is None


def test_when_everything_is_recent_it_still_suggests_something() -> None:
    tiny = (Prompt("a", "Smile at someone.", "smile"), Prompt("b", "Say hello.", "greeting"))
    rng = random.Random(6)
    assert choose(tiny, hour=10, recent=["a", "b"], rng=rng) in tiny


def test_own_prompts_from_settings_text() -> None:
    text = (
        "thanks: Thank the person who made my coffee\n\n  Call  Grandma on Sunday \nhug: not a kind"
    )
    prompts = own_prompts(text)
    assert [(p.kind, p.text) for p in prompts] == [
        ("thanks", "Thank the person who made my coffee"),
        ("kindness", "Call Grandma on Sunday"),
        ("kindness", "hug: not a kind"),
    ]
    assert all(p.own and p.id.startswith("own-") for p in prompts)
    assert own_prompts(text)[0].id == prompts[0].id  # stable ids: "never again" sticks
    assert len(own_prompts("Same line\nsame   LINE")) == 1


def test_own_prompts_are_offered_at_any_level(deck: tuple[Prompt, ...]) -> None:
    mine = Prompt("own-1", "Bring biscuits to the team.", "kindness", PLACES, (), 3, own=True)
    rng = random.Random(7)
    picks = {choose((mine,), hour=10, level=1, rng=rng) for _ in range(5)}
    assert picks == {mine}
