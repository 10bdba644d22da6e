"""The Textual application: a thin shell around the dashboard.

The app holds what outlives a screen (the data directory, the problems to
print after exit), the keys that work everywhere (quit, help, the palette),
and hands every intent that reaches it (from the detail, the palette, help)
to the dashboard, which has a handler for each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from .messages import Intent
from .resources import stylesheet
from .screens.dashboard import Dashboard

if TYPE_CHECKING:
    from .claims import Problem


class NokoApp(App[None]):
    """noko-tui: claims about North Korea's military support to Russia."""

    TITLE = "noko-tui"
    CSS_PATH = str(stylesheet())
    #: Nothing is focused until the data is shown (the dashboard's keys work
    #: without focus): each focus change makes the footer rebuild.
    AUTO_FOCUS = None
    COMMANDS: ClassVar = App.COMMANDS | {lambda: _commands()}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, data_dir: str, origin: str = "given", *, use_cache: bool = True) -> None:
        super().__init__()
        self.data_dir = data_dir
        #: Where the data directory came from, as the status line says it.
        self.origin = origin
        self.use_cache = use_cache
        #: Problems in the data, if it could not be loaded; `run` prints them.
        self.problems: list[Problem] = []
        self.dashboard = Dashboard(data_dir, use_cache=use_cache)

    def get_default_screen(self) -> Screen:
        return self.dashboard

    @on(Intent)
    def _forward(self, message: Intent) -> None:
        """Intents from screens above the dashboard: the dashboard handles them."""
        self.dashboard.post_message(message)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        """The palette, guarded against keys that arrive after it closed."""
        from textual.command import CommandPalette

        from .commands import NokoPalette

        # Not by id: a palette closing (still in the DOM) and a new one must not clash.
        if self.use_command_palette and not any(
            isinstance(screen, CommandPalette) for screen in self.screen_stack
        ):
            self.push_screen(NokoPalette())

    def search_themes(self) -> None:
        """Textual's theme picker, in the guarded palette (paging its list
        before it is laid out once ended the app)."""
        from textual.theme import ThemeProvider

        from .commands import NokoPalette

        self.push_screen(NokoPalette(providers=[ThemeProvider], placeholder="Search for themes\u2026"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Only what applies to an analyst: screenshots, theme, quit."""
        import os

        yield SystemCommand(
            "Screenshot: save here", f"an SVG of the screen, in {os.getcwd()}", self.screenshot
        )
        yield SystemCommand(
            "Screenshot: save in a directory\u2026", "asks which directory", self.ask_screenshot
        )
        yield SystemCommand("Theme", "Change the colours", self.action_change_theme)
        # Last: enter twice on an empty palette must not end the session.
        yield SystemCommand("Quit", "Quit noko-tui", self.action_quit)

    def ask_screenshot(self) -> None:
        import os

        from .screens.prompt import PromptDialog

        def chosen(directory: str | None) -> None:
            if directory:
                self.screenshot(os.path.expanduser(directory))

        self.push_screen(
            PromptDialog("Save the screenshot in which directory?", os.getcwd()), chosen
        )

    def screenshot(self, directory: str | None = None) -> str | None:
        """Save an SVG of the screen to `directory` (default: the current one),
        which must exist; say where it went, or why it could not."""
        import os

        from textual._files import generate_datetime_filename

        where = os.path.abspath(directory or os.getcwd())
        name = generate_datetime_filename(self.title, ".svg")
        path = os.path.join(where, name)
        try:
            from .claims.atomic import write_file

            write_file(path, self.export_screenshot().encode("utf-8"), overwrite=True)
        except OSError as error:
            self.notify(f"Could not save the screenshot in {where}: {error.strerror}",
                        title="Screenshot", severity="error", markup=False)  # fmt: skip
            return None
        self.notify(f"Saved {path}", title="Screenshot", markup=False)
        return path


def _commands() -> type:
    """The palette's provider, imported when the palette first opens."""
    from .commands import NokoCommands

    return NokoCommands


def run(data_dir: str, origin: str = "given", *, use_cache: bool = True) -> int:
    app = NokoApp(data_dir, origin, use_cache=use_cache)
    app.run()
    from .claims.safetext import clean

    for problem in app.problems:  # plain, inert text: never markup, no escapes
        print(clean(str(problem)))
    return app.return_code or 0
