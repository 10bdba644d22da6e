"""A seeded random-key soak: thousands of keys from the app's own bindings,
across panes, the detail, the palette, help and the dialogs, at 80x24 and at
a tiny size, with toasts and workers allowed to finish. Any exception fails
the test, and so does a HANG: keys after which the app does not become idle
(every key handled, every message processed, workers done) within `HANG`
seconds, whether the event loop is busy elsewhere or blocked outright. Each
failure names its seed and the last keys pressed, so the run can be replayed:

    NOKO_SOAK_SEED=1234 python -m pytest tests/test_soak.py

Now and then the soak steers to a chart pane shown chart only (`z`), as a
user would, and types on there; each run asserts it typed in that state.
`NOKO_SOAK_DATA=tests/data/hostile` runs it on another data directory.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import time
import unicodedata
from dataclasses import dataclass

import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from conftest import SNAPSHOT, ready, settle

from tui.app import NokoApp
from tui.panes import PANES
from tui.panes.base import ClaimsPane

#: Keys an analyst presses: every binding of the app and its screens, and a
#: few letters to type into the search line, the palette and the dialogs.
#: `q` and `ctrl+q` are left out: they end the run (tested elsewhere).
KEYS = (
    [pane.key for pane in PANES]
    + list("jkgGhlsyozcfnuwe?/vvmdr")
    + ["enter", "escape", "tab", "shift+tab", "space", "backspace", "ctrl+p", "ctrl+s",
       "ctrl+r", "up", "down", "left", "right", "pageup", "pagedown", "home", "end",
       "question_mark", "slash", "ctrl+b", "ctrl+f", "left_square_bracket",
       "right_square_bracket", "left_square_bracket"]
    + list("aJCSN2F") + ["equals_sign"]
)  # fmt: skip

#: (size, keys): CI runs these within a minute and a half on a 2-core machine.
RUNS = [((80, 24), 1300), ((34, 10), 900)]

#: Seconds the app may take to become idle after a burst of keys before it
#: counts as hung: the slowest step seen on a loaded 2-core machine (the first
#: load, importing pandas and plotext) takes about 3 s.
HANG = 15.0
#: ... and to start and load the data.
STARTING = 30.0
#: A burst starts with steering to a pane shown chart only this often.
STEER = 0.04


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


class Hang(AssertionError):
    """The app did not become idle within the bound."""


class Watchdog:
    """Waits for the app within `seconds`: `asyncio.timeout` while the event
    loop runs (a handler awaiting something that never comes), and an alarm
    signal a little later when a handler blocks the loop itself (a sync call
    that never returns), which raises where the loop is stuck."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired: str | None = None
        self._previous = None
        self._armed = seconds

    def __enter__(self) -> Watchdog:
        self._previous = signal.signal(signal.SIGALRM, self._alarm)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)

    def _alarm(self, signum: int, frame: object) -> None:
        self.fired = f"the event loop was blocked for more than {self._armed:.0f} s"
        raise Hang(self.fired)

    def arm(self, seconds: float | None = None) -> None:
        """Let the alarm end a wait that blocks the loop (a start, a shutdown)."""
        seconds = seconds or self.seconds
        self._armed = seconds + min(seconds, 5)  # after asyncio's timeout had its chance
        signal.setitimer(signal.ITIMER_REAL, self._armed)

    async def wait(self, awaitable, what: str, seconds: float | None = None) -> object:
        """Await `awaitable` within `seconds` (else the watchdog's bound)."""
        seconds = seconds or self.seconds
        self.arm(seconds)
        started = time.monotonic()
        try:
            async with asyncio.timeout(seconds):  # in this task: Textual's context stays
                result = await awaitable
        except TimeoutError:
            self.fired = self.fired or f"not idle within {seconds:.0f} s {what}"
            raise Hang(self.fired) from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if self.fired is None and time.monotonic() - started > seconds:
            self.fired = f"idle only after {time.monotonic() - started:.0f} s {what}"
        if self.fired is not None:  # the alarm went off inside the app, which caught it
            raise Hang(self.fired)
        return result


@dataclass
class Report:
    keys: int = 0
    #: Bursts typed while the pane on screen showed its chart only.
    chart_only_bursts: int = 0
    chart_only_keys: int = 0
    apps: int = 0


def _chart_only(app: NokoApp) -> bool:
    """The dashboard is on top and its pane shows its chart only."""
    if app.screen is not app.dashboard:
        return False
    pane = app.dashboard.active_pane()
    return isinstance(pane, ClaimsPane) and pane.view == "chart"


async def _steer_to_chart_only(pilot, rng: random.Random) -> None:
    """Back to the dashboard (escape), a pane with a chart, `z` until it shows
    its chart only: pressed as a user would, each key waited for."""
    app = pilot.app
    for _ in range(4):
        if app.screen is app.dashboard or app.return_code is not None:
            break
        await pilot.press("escape")
    if app.screen is not app.dashboard or app.return_code is not None:
        return
    await pilot.press(rng.choice("1234"))
    for _ in range(3):
        if _chart_only(app) or app.screen is not app.dashboard:
            return
        await pilot.press("z")


async def soak(size: tuple[int, int], count: int, seed: int, *, keys: list[str] = KEYS,
               hang: float = HANG, steer: float = STEER) -> Report:  # fmt: skip
    """Type `count` random keys (from `keys`) into the app; raises on a crash
    or a hang, naming the seed and the last keys pressed."""
    rng = random.Random(seed)
    pressed: list[str] = []
    report = Report()
    data = os.environ.get("NOKO_SOAK_DATA") or str(SNAPSHOT)
    with Watchdog(hang) as watchdog:
        try:
            while report.keys < count:
                app = NokoApp(data)
                report.apps += 1
                # `async with`, unrolled: after a hang the app's shutdown may
                # never end, and the failure must not wait for it.
                running = app.run_test(size=size)
                watchdog.arm(STARTING)
                pilot = await running.__aenter__()
                try:
                    await watchdog.wait(ready(pilot), "after starting", STARTING)
                    await _session(app, pilot, rng, count, keys, steer, pressed, report, watchdog)
                except BaseException:
                    watchdog.arm(min(hang, 5))  # a hung app may never shut down
                    with contextlib.suppress(BaseException):
                        async with asyncio.timeout(min(hang, 5)):
                            await running.__aexit__(None, None, None)
                    raise
                await watchdog.wait(running.__aexit__(None, None, None), "shutting down")
                assert app.return_code in (None, 0), f"exit status {app.return_code}"
        except BaseException as error:
            what = f"HANG ({watchdog.fired})" if watchdog.fired else "soak failed"
            raise AssertionError(
                f"{what} with NOKO_SOAK_SEED={seed} at {size}, after keys "
                f"{pressed[-20:]}: {error!r}"
            ) from error
    return report


async def _session(app: NokoApp, pilot, rng: random.Random, count: int, keys: list[str],
                   steer: float, pressed: list[str], report: Report,
                   watchdog: Watchdog) -> None:  # fmt: skip
    """One app's share of the keys, until they are all sent or it quits."""
    while report.keys < count and app.return_code is None:
        if rng.random() < steer:
            pressed.append("<to chart only>")
            await watchdog.wait(_steer_to_chart_only(pilot, rng), "steering to chart only")
        burst = [rng.choice(keys) for _ in range(rng.randint(1, 8))]
        if _chart_only(app):
            report.chart_only_bursts += 1
            report.chart_only_keys += len(burst)
        pressed.extend(burst)
        report.keys += len(burst)
        await _type(app, burst)
        await watchdog.wait(pilot.pause(rng.choice((0, 0, 0.01, 0.05))), "after the keys")
        if rng.random() < 0.04:  # let toasts, timers and workers finish now and then
            await watchdog.wait(_finish(app, pilot), "finishing workers")
    if app.return_code is None:
        await watchdog.wait(_finish(app, pilot), "finishing workers")


async def _finish(app: NokoApp, pilot) -> None:
    await pilot.pause(0.2)
    await settle(app)


@pytest.mark.parametrize(("size", "count"), RUNS, ids=lambda v: str(v))
async def test_random_keys_never_crash_or_hang(size: tuple[int, int], count: int, tmp_path,
                                               monkeypatch) -> None:  # fmt: skip
    """A clean quit (the palette's "Quit" chosen by chance) starts a new app;
    anything else that ends the app fails the test, as does a hang. Exports
    and screenshots pressed by chance land in a temporary directory."""
    monkeypatch.chdir(tmp_path)
    seed = _seed()
    report = await soak(size, count, seed)
    print(f"soak seed={seed} {size}: {report}")
    assert report.chart_only_bursts, (
        f"NOKO_SOAK_SEED={seed} at {size} never typed on a pane shown chart only: {report}"
    )


def _blocks_the_loop(self) -> None:
    time.sleep(120)


async def _never_returns(self) -> None:
    await asyncio.Event().wait()


@pytest.mark.parametrize("stuck", [_blocks_the_loop, _never_returns],
                         ids=["loop blocked", "handler never returns"])  # fmt: skip
async def test_a_hang_fails_the_soak_with_its_seed_and_keys(stuck, monkeypatch) -> None:
    """The soak's own check: an action that never ends (here `c`) is reported
    as a HANG within the bound, with the seed and the keys, not waited on."""
    from tui.screens.dashboard import Dashboard

    monkeypatch.setattr(Dashboard, "action_clear_filter", stuck)
    started = time.monotonic()
    with pytest.raises(AssertionError) as failure:
        await soak((80, 24), 40, 1234, keys=["j", "c"], hang=1.0, steer=0.0)
    message = str(failure.value)
    assert message.startswith("HANG") and "NOKO_SOAK_SEED=1234" in message
    assert "'c'" in message and ("blocked" in message) == (stuck is _blocks_the_loop)
    assert time.monotonic() - started < 30
