"""One module per command: a function that takes the loaded project and typed options and
returns a result dataclass. Nothing here prints or exits; ``cli`` renders the result."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

Advance = Callable[[], None]
# A context for long work: (total steps, label) -> a function to call after each step.
Progress = Callable[[int, str], AbstractContextManager[Advance]]


@contextmanager
def no_progress(total: int, label: str) -> Iterator[Advance]:
    """The progress context of a caller that shows none (tests, library use)."""
    yield lambda: None
