"""Shared fixtures: paths, a private cache per test, and CLI runners."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
BAD = TESTS / "bad"
VALID = TESTS / "data" / "valid"


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own parse cache, never the user's."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("NOKO_TUI_CACHE_DIR", str(cache))
    # ... and its own memory of the revisions seen (`claims.seen`).
    monkeypatch.setenv("NOKO_TUI_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.delenv("NOKO_TUI_DATA", raising=False)
    return cache


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    """Run `python -m tui ARGS` as a user would, capturing its output."""
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *([full_env["PYTHONPATH"]] if full_env.get("PYTHONPATH") else [])]
    )
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


MARKUP = TESTS / "data" / "markup"
EMBEDDED = ROOT / "data"
SNAPSHOT = TESTS / "data" / "snapshot"


async def settle(app) -> None:
    """Wait for the app's workers; a worker cancelled by a newer one (a filter
    replaced while it ran) is normal, not a failure."""
    from textual.worker import WorkerCancelled

    for _ in range(20):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def ready(pilot) -> None:
    """Wait until the data is loaded, the filter applied and the screen drawn."""
    app = pilot.app
    for _ in range(400):
        if app.dashboard.state.filtered is not None or app.return_code is not None:
            break
        await pilot.pause(0.02)
    await settle(app)
    await pilot.pause()
    await pilot.pause()


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blinking cursors make snapshots depend on timing."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the claim files the loader parses from now on."""
    from tui.claims import load as load_module

    parsed: list[str] = []
    real = load_module.read_claim_file

    def spy(data, display, use_libyaml=True):
        parsed.append(os.path.basename(display))
        return real(data, display, use_libyaml)

    monkeypatch.setattr(load_module, "read_claim_file", spy)
    return parsed
