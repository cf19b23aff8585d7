"""Cache files under ``.transflow/``: JSON behind a checksum line, so damage is found by
hashing the bytes once (C speed) instead of re-serialising what was loaded.

A cache never decides anything alone: a file that fails its checksum, does not parse or
was written by other code (another transflow, a changed module, another library
version: ``fingerprint.code_fingerprint``) reads as nothing, and the run only does more work.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from .atomic import write_if_changed
from .digests import content_digest
from .errors import TransflowError
from .fingerprint import code_fingerprint


def read_cache(path: Path | None, kind: str) -> object | None:
    """The payload written by ``write_cache`` for ``kind`` by this very code, or None."""
    if path is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head, _, body = raw.partition(b"\n")
    if head.decode("ascii", "replace") != f"{kind} {code_fingerprint()} {content_digest(body)}":
        return None
    try:
        payload: object = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return payload


def write_cache(path: Path | None, kind: str, payload: object) -> None:
    if path is None:
        return
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    text = f"{kind} {code_fingerprint()} {content_digest(body)}\n".encode("ascii") + body
    with contextlib.suppress(OSError, TransflowError):  # a cache that cannot be kept is only slower
        write_if_changed(path, text.decode("utf-8"))
