"""Save the README's screenshot: the Troops pane at 100x30, as an SVG.

python docs/screenshot.py
"""

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import ready  # noqa: E402

from tui.app import NokoApp  # noqa: E402
from tui.claims.atomic import write_file  # noqa: E402


async def main() -> None:
    app = NokoApp(str(ROOT / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        svg = app.export_screenshot().encode("utf-8")
    write_file(ROOT / "docs" / "troops.svg", svg, overwrite=True)


if __name__ == "__main__":
    asyncio.run(main())
