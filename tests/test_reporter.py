"""The reporter's long-work context: a progress bar on terminals only."""

from __future__ import annotations

import io

from rich.console import Console

from transflow.render.console import Reporter


def test_progress_bar_on_a_terminal() -> None:
    reporter = Reporter()
    stream = io.StringIO()
    reporter.err = Console(file=stream, force_terminal=True, width=80)
    with reporter.progress(3, "update") as advance:
        for _ in range(3):
            advance()
    assert "update" in stream.getvalue()


def test_no_bar_without_a_terminal_even_after_an_error() -> None:
    reporter = Reporter()
    stream = io.StringIO()
    reporter.err = Console(file=stream, force_terminal=False)
    try:
        with reporter.progress(3, "status") as advance:
            advance()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert stream.getvalue() == ""
