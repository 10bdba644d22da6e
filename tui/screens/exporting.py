"""Taking work out of the app: `e` exports the claims on screen, and the
palette saves a chart as SVG.

The analyst confirms the path (the extension picks the format from the one
registry, `claims.formats`); an existing file is replaced only after a
second question; the file is written in a worker, atomically, and a toast
says where it went or why it could not be written.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import TYPE_CHECKING

from ..safe import clean
from .prompt import ConfirmDialog, PromptDialog

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from textual.screen import Screen

    from ..widgets.charts import Chart


def slug(what: str) -> str:
    """'Troops, under the filter' -> 'troops'; for default file names."""
    words = re.findall(r"[a-z0-9]+", what.split(",")[0].lower().replace("_", " "))
    return "-".join(words[:4]) or "claims"


def free_name(directory: str, stem: str, extension: str) -> str:
    """`stem.ext` in `directory`, or `stem-2.ext`, `stem-3.ext` ... the first
    name not taken."""
    path = os.path.join(directory, f"{stem}{extension}")
    n = 2
    while os.path.lexists(path):
        path = os.path.join(directory, f"{stem}-{n}{extension}")
        n += 1
    return path


def ask_export(screen: Screen, claims: pd.DataFrame, order: np.ndarray | None, what: str,
               name: str = "claims") -> None:  # fmt: skip
    """Ask where to write the rows of `claims` at `order` (None: all), then
    write them (asking before replacing)."""
    from ..claims.formats import FORMATS, format_for

    app = screen.app
    n = len(claims) if order is None else len(order)
    if n == 0:
        app.notify("Nothing to export: no claims on screen.", title="Export", markup=False)
        return
    stem = f"noko-{slug(name)}-{_dt.date.today().isoformat()}"
    default = free_name(os.getcwd(), stem, ".csv")
    extensions = " ".join(f.extension for f in FORMATS.values())
    noun = "claim" if n == 1 else "claims"

    def chosen(answer: str | None) -> None:
        if not answer:
            return
        path = os.path.abspath(os.path.expanduser(answer))
        try:
            fmt = format_for(None, path)
        except ValueError as error:
            app.notify(clean(str(error)), title="Export", severity="error", markup=False)
            return
        if not os.path.isdir(os.path.dirname(path)):
            app.notify(f"No such directory: {clean(os.path.dirname(path))}", title="Export",
                       severity="error", markup=False)  # fmt: skip
            return
        if os.path.isdir(path):
            app.notify(f"{clean(path)} is a directory: name a file in it.", title="Export",
                       severity="error", markup=False)  # fmt: skip
            return
        if os.path.lexists(path):
            def replace(yes: bool | None) -> None:
                if yes:
                    _write(screen, claims, order, path, fmt.name, overwrite=True)

            app.push_screen(ConfirmDialog(f"{clean(path)} exists. Replace it?"), replace)
            return
        _write(screen, claims, order, path, fmt.name, overwrite=False)

    app.push_screen(PromptDialog(
        f"Export {n:,} {noun} ({clean(what)}) with their citations to which file? "
        f"The extension picks the format: {extensions}", default), chosen)  # fmt: skip


def _write(screen: Screen, claims: pd.DataFrame, order: np.ndarray | None, path: str, fmt: str,
           *, overwrite: bool) -> None:  # fmt: skip
    app = screen.app

    def work() -> None:
        from ..claims import formats
        from ..claims.export import export_frame

        rows = claims if order is None else claims.take(order)  # here, not on the UI thread
        try:
            written = formats.write_file(
                path, formats.writer(export_frame(rows), formats.FORMATS[fmt]),
                overwrite=overwrite)  # fmt: skip
        except FileExistsError:
            app.call_from_thread(app.notify, f"{clean(path)} appeared meanwhile: not replaced.",
                                 title="Export", severity="error", markup=False)  # fmt: skip
            return
        except OSError as error:
            app.call_from_thread(app.notify,
                                 f"Could not write {clean(path)}: {clean(error.strerror or error)}",
                                 title="Export", severity="error", markup=False)  # fmt: skip
            return
        except Exception as error:  # noqa: BLE001  (a bug must not end the session)
            app.call_from_thread(app.notify, f"Could not export: {clean(error)}", title="Export",
                                 severity="error", markup=False)  # fmt: skip
            return
        n = len(rows)
        app.call_from_thread(app.notify,
                             f"Wrote {n:,} claim{'' if n == 1 else 's'} as {fmt} to "
                             f"{clean(written)}", title="Exported", markup=False)  # fmt: skip

    screen.run_worker(work, thread=True, group="export", name="export")


def ask_save_chart(screen: Screen, chart: Chart, what: str) -> None:
    """Ask for a directory that exists, then save the chart there as SVG."""
    app = screen.app
    svg = chart.svg(f"noko-tui: {clean(what)}")
    if svg is None:
        app.notify("No chart is on screen (z shows it).", title="Chart", markup=False)
        return

    def chosen(answer: str | None) -> None:
        if not answer:
            return
        directory = os.path.abspath(os.path.expanduser(answer))
        if not os.path.isdir(directory):
            app.notify(f"No such directory: {clean(directory)}", title="Chart",
                       severity="error", markup=False)  # fmt: skip
            return
        from ..claims.formats import write_file

        stem = f"noko-{slug(what)}-{_dt.datetime.now().strftime('%Y-%m-%d-%H%M%S')}"
        try:
            written = write_file(free_name(directory, stem, ".svg"), svg.encode("utf-8"))
        except OSError as error:
            app.notify(f"Could not save the chart in {clean(directory)}: "
                       f"{clean(error.strerror or error)}", title="Chart", severity="error",
                       markup=False)  # fmt: skip
            return
        app.notify(f"Saved {clean(written)}", title="Chart saved", markup=False)

    app.push_screen(PromptDialog(f"Save the chart ({clean(what)}) as SVG in which directory?",
                                 os.getcwd()), chosen)  # fmt: skip
