"""Work on both cores: a forked child computes one part while this process does the other.

The child inherits everything it needs (no arguments to send), returns its result pickled
through a pipe and leaves with ``os._exit`` (no cleanup of the parent's state, no flush of
its buffers). A child that fails is simply redone here. Only where ``os.fork`` exists and
more than one core is free; ``TRANSFLOW_WORKERS=1`` keeps everything in one process.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Generic, TypeVar

Result = TypeVar("Result")


def cores() -> int:
    """How many processes work may be split into."""
    wanted = os.environ.get("TRANSFLOW_WORKERS", "")
    if wanted.isdigit() and int(wanted) >= 1:
        return int(wanted)
    if not hasattr(os, "fork"):
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Forked(Generic[Result]):
    """``work()`` running in a forked child from the moment this is made; ``result()``
    waits for it (or, if the child failed, runs ``work()`` here)."""

    def __init__(self, work: Callable[[], Result]) -> None:
        self.work = work
        reader, writer = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child
            os.close(reader)
            code = 0
            try:
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                data, code = b"", 1
            try:
                with os.fdopen(writer, "wb") as pipe:
                    pipe.write(data)
            finally:
                os._exit(code)
        os.close(writer)
        self.reader = reader

    def result(self) -> Result:
        with os.fdopen(self.reader, "rb") as pipe:
            data = pipe.read()  # read to the end first: a full pipe would stall the child
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not data:
            return self.work()
        result: Result = pickle.loads(data)
        return result
