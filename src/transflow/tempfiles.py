"""Cleaning up after a killed run: the atomic writer's temporary files it left behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

from .atomic import OUR_TEMP_FILE

STALE_TEMP_SECONDS = 600  # a write takes milliseconds; older ones were left by a killed run


def remove_stale_temp_files(folder: Path, now: float | None = None) -> int:
    """Delete the temporary files a killed run left under ``folder``; how many went.

    Only files named as ours and untouched for ten minutes: a run going on beside this
    one keeps its own.
    """
    if not folder.is_dir():
        return 0
    moment = time.time() if now is None else now
    removed = 0
    for place, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".tmp") and OUR_TEMP_FILE.match(name):
                path = Path(place) / name
                try:
                    if moment - path.lstat().st_mtime > STALE_TEMP_SECONDS:
                        path.unlink()
                        removed += 1
                except OSError:
                    continue
    return removed
