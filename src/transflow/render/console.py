"""Where a command's output goes: people read stdout and stderr, tests capture them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType, RenderHook, RenderResult
from rich.segment import Segment
from rich.text import Text

from ..errors import Notice, TransflowError

# C0 controls but line feed and tab, DEL and the C1 controls (U+009B is a CSI on its own)
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """``text`` without the control characters that would make a terminal act on it: an ESC
    that clears the screen, sets the title or writes the clipboard (OSC 52) is dropped and the
    rest of its sequence shows as the plain characters it is."""
    return TERMINAL_CONTROLS.sub("", text)


class _Inert:
    """A renderable whose text (PO entries, git authors, file names...) reaches the terminal
    without control characters; the console's own styles and cursor moves stay."""

    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control or not TERMINAL_CONTROLS.search(segment.text):
                yield segment
            else:
                yield Segment(inert(segment.text), segment.style)


class _InertHook(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Inert(renderable) for renderable in renderables]


def _console(**settings: object) -> Console:
    """A console that never reads data as markup (a path may hold ``[/quote]``) nor passes on a
    terminal control sequence from it."""
    console = Console(highlight=False, emoji=False, markup=False, **settings)  # type: ignore[arg-type]
    console.push_render_hook(_InertHook())
    return console


def inert_json(text: str) -> str:
    """JSON text with DEL and the C1 controls escaped too (json escapes only C0 ones)."""
    return re.sub("[\x7f-\x9f]", lambda match: f"\\u{ord(match.group()):04x}", text)


class Reporter:
    """The two consoles of a command, its one-line errors and its progress bar."""

    def __init__(self) -> None:
        self.out = _console(soft_wrap=False)
        self.err = _console(stderr=True)
        self.failed = False

    def error(self, problem: TransflowError | str) -> None:
        """One line on stderr; a Notice is a warning and does not fail the command."""
        if isinstance(problem, Notice):
            line = Text("warning: ", style="yellow")
        else:
            self.failed = True
            line = Text("error: ", style="bold red")
        line.append(str(problem))
        self.err.print(line, soft_wrap=True)

    @property
    def width(self) -> int:
        return self.out.width

    @property
    def plain(self) -> bool:
        """Output goes to a pipe or a file, not a person's terminal."""
        return not self.out.is_terminal

    def show(self, renderable: RenderableType) -> None:
        """Print for people; in a pipe or file, without the spaces rich pads lines with."""
        if not self.plain:
            self.out.print(renderable)
            return
        with self.out.capture() as captured:
            self.out.print(renderable)
        self.out.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))

    def errors(self, problems: list[TransflowError]) -> None:
        """Each problem once: a source that cannot be read fails in every language alike."""
        said: set[str] = set()
        for problem in problems:
            if str(problem) not in said:
                said.add(str(problem))
                self.error(problem)

    @contextmanager
    def progress(self, total: int, label: str) -> Iterator[Callable[[], None]]:
        """A progress bar on stderr for long work; silent when stderr is no terminal."""
        if total < 2 or not self.err.is_terminal:
            yield lambda: None
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.err,
            transient=True,
        )
        with bar:
            task = bar.add_task(label, total=total)
            yield lambda: bar.advance(task)
