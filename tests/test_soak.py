"""A seeded random-key soak: thousands of keys from the app's own bindings,
across panes, the detail, the palette, help and the dialogs, at 80x24 and at
a tiny size, with toasts and workers allowed to finish. Any exception fails
the test, which names its seed so the run can be replayed:

    NOKO_SOAK_SEED=1234 python -m pytest tests/test_soak.py

`NOKO_SOAK_DATA=tests/data/hostile` runs it on another data directory.
"""

from __future__ import annotations

import asyncio
import os
import random
import unicodedata

import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from conftest import SNAPSHOT, ready, settle

from tui.app import NokoApp

#: Keys an analyst presses: every binding of the app and its screens, and a
#: few letters to type into the search line, the palette and the dialogs.
#: `q` and `ctrl+q` are left out: they end the run (tested elsewhere).
KEYS = (
    [str(n) for n in range(1, 7)]
    + list("jkgGhlsyozcfnuwe?/vvmdr")
    + ["enter", "escape", "tab", "shift+tab", "space", "backspace", "ctrl+p", "ctrl+s",
       "ctrl+r", "up", "down", "left", "right", "pageup", "pagedown", "home", "end",
       "question_mark", "slash", "ctrl+b", "ctrl+f", "left_square_bracket",
       "right_square_bracket", "left_square_bracket"]
    + list("aJCSN2F") + ["equals_sign"]
)  # fmt: skip

#: (size, keys): CI runs these within a minute on a 2-core machine.
RUNS = [((80, 24), 1300), ((34, 10), 900)]


def _key_event(key: str) -> events.Key:
    """The event a terminal sends for `key` (as Textual's pilot makes it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def _type(app, keys: list[str]) -> None:
    """Send keys as fast as a terminal would: no waiting for the app between
    them (the pilot's `press` waits for idle after each key, far too slowly
    for thousands, and never finds the races a quick typist does)."""
    for key in keys:
        event = _key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)
        await asyncio.sleep(0)


def _seed() -> int:
    return int(os.environ.get("NOKO_SOAK_SEED") or random.SystemRandom().randrange(10**6))


@pytest.mark.parametrize(("size", "count"), RUNS, ids=lambda v: str(v))
async def test_random_keys_never_crash(size: tuple[int, int], count: int, tmp_path,
                                      monkeypatch) -> None:  # fmt: skip
    """A clean quit (the palette's "Quit" chosen by chance) starts a new app;
    anything else that ends the app fails the test. Exports and screenshots
    pressed by chance land in a temporary directory."""
    monkeypatch.chdir(tmp_path)
    seed = _seed()
    rng = random.Random(seed)
    pressed: list[str] = []
    sent = 0
    try:
        while sent < count:
            app = NokoApp(os.environ.get("NOKO_SOAK_DATA") or str(SNAPSHOT))
            async with app.run_test(size=size) as pilot:
                await ready(pilot)
                while sent < count and app.return_code is None:
                    burst = [rng.choice(KEYS) for _ in range(rng.randint(1, 8))]
                    pressed.extend(burst)
                    sent += len(burst)
                    await _type(app, burst)
                    await pilot.pause(rng.choice((0, 0, 0.01, 0.05)))
                    if rng.random() < 0.04:  # let toasts, timers and workers finish now and then
                        await pilot.pause(0.2)
                        await settle(app)
                if app.return_code is None:
                    await pilot.pause(0.2)
                    await settle(app)
            assert app.return_code in (None, 0), f"exit status {app.return_code}"
    except BaseException as error:
        raise AssertionError(
            f"soak failed with NOKO_SOAK_SEED={seed} at {size}, after keys "
            f"{pressed[-20:]}: {error!r}"
        ) from error
