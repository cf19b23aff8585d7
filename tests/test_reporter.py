"""The reporter's long-work context: a progress bar on terminals, the collector paused."""

from __future__ import annotations

import gc
import io

from rich.console import Console

from transflow.render.console import Reporter


def test_progress_bar_on_a_terminal_and_collector_paused_during_the_work() -> None:
    reporter = Reporter()
    stream = io.StringIO()
    reporter.err = Console(file=stream, force_terminal=True, width=80)
    assert gc.isenabled()
    with reporter.progress(3, "update") as advance:
        assert not gc.isenabled()
        for _ in range(3):
            advance()
    assert gc.isenabled()
    assert "update" in stream.getvalue()


def test_no_bar_without_a_terminal_and_the_collector_back_after_an_error() -> None:
    reporter = Reporter()
    stream = io.StringIO()
    reporter.err = Console(file=stream, force_terminal=False)
    try:
        with reporter.progress(3, "status") as advance:
            advance()
            assert not gc.isenabled()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.isenabled()
    assert stream.getvalue() == ""
