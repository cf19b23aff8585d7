"""The console entry point: the command line as a user runs it.

Three steps. A ``status`` or ``update`` whose project, code and settings did not change since
its last run answers from that run's kept answer (``replay.py``: stat calls, no import of the
rest), and so does a request for help (kept in the user's cache folder); ``--version`` is
printed at once. Otherwise the process is tuned for a batch run and the CLI runs, its answer kept for
next time when it is a replayable command (``record.py``).

The process-wide tuning lives here and nowhere else, so that a program calling transflow's
functions gets Python's plain behaviour:

- the cyclic garbage collector is off for the run: a command allocates hundreds of thousands
  of small objects that live until it ends (PO entries, units), none in a cycle that matters,
  and each collection walks all of them again (about 15% of an update of a 1 MB document);
  plain reference counting still frees everything else;
- glibc's mmap threshold is fixed (``heap.py``), so that the large texts of an update are
  handed back to the system as soon as they are freed;
- at exit the objects still alive are frozen out of the collector's sight, so that Python's
  final collection does not walk them (tens of milliseconds after a large update).
"""

from __future__ import annotations

import gc
import os
import sys

from .replay import replay_for

TYPE_CHECKING = False  # typing and collections.abc are not imported for a replayed answer
if TYPE_CHECKING:
    from collections.abc import Callable


def run() -> None:
    """``transflow``: the kept answer when nothing changed, else the full CLI."""
    if sys.argv[1:] == ["--version"]:  # what click's version option prints, without click
        from . import __version__

        print(f"transflow, version {__version__}")
        raise SystemExit(0)
    replay = replay_for(sys.argv[1:], os.getcwd())
    if replay is not None:
        kept = replay.answer()
        if kept is not None:
            out, err, code = kept
            sys.stdout.flush()
            sys.stdout.buffer.write(out)
            sys.stdout.flush()
            sys.stderr.buffer.write(err)
            sys.stderr.flush()
            raise SystemExit(code)
    tune_process()
    from .cli import main

    def cli() -> int:
        return exit_code(main)

    try:
        if replay is None:
            code = cli()
        else:
            from .record import recorded

            code = recorded(replay, cli)
    finally:
        gc.freeze()
    raise SystemExit(code)


def tune_process() -> None:
    """The batch run's settings (see the module's docstring)."""
    from .heap import return_large_blocks

    gc.disable()
    return_large_blocks()


def exit_code(command: Callable[[], object]) -> int:
    """Run a click command in its standalone mode; the exit code it ends with."""
    try:
        command()
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            return done.code or 0
        print(done.code, file=sys.stderr)
        return 1
    return 0
