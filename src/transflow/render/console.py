"""Where a command's output goes: people read stdout and stderr, tests capture them."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console, RenderableType
from rich.text import Text

from ..errors import Notice, TransflowError


class Reporter:
    """The two consoles of a command, its one-line errors and its progress bar."""

    def __init__(self) -> None:
        self.out = Console(highlight=False, soft_wrap=False, emoji=False)
        self.err = Console(stderr=True, highlight=False, emoji=False)
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
        for problem in problems:
            self.error(problem)

    @contextmanager
    def progress(self, total: int, label: str) -> Iterator[Callable[[], None]]:
        """A progress bar on stderr for long work; silent when stderr is no terminal.

        The work runs with the cyclic garbage collector paused (see ``_collector_paused``).
        """
        if total < 2 or not self.err.is_terminal:
            with _collector_paused():
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
        with bar, _collector_paused():
            task = bar.add_task(label, total=total)
            yield lambda: bar.advance(task)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a command's bulk work.

    The work allocates hundreds of thousands of small objects that live until the end
    (PO entries, units), and each collection walks all of them again: about 15% of an
    update of a 1 MB document. Plain reference counting still frees everything that is
    not in a cycle, which is all of our data; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
