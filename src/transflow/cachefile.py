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

from .atomic import write_bytes_if_changed
from .digests import content_digest
from .errors import TransflowError
from .fingerprint import code_fingerprint


def read_cache(path: Path | None, kind: str, key: str = "") -> object | None:
    """The payload written by ``write_cache`` for ``kind`` and ``key`` by this very code, or
    None. The key is compared in the first line, before the rest is read: a cache kept for
    other content (a source since edited) costs one line, not a parse."""
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            head = handle.readline()
            expected = f"{kind} {code_fingerprint()} {content_digest(key.encode('utf-8'))} "
            if not head.decode("ascii", "replace").startswith(expected):
                return None
            body = handle.read()
    except OSError:
        return None
    if head.decode("ascii", "replace") != f"{expected}{content_digest(body)}\n":
        return None
    try:
        payload: object = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return payload


def write_cache(path: Path | None, kind: str, payload: object, key: str = "") -> None:
    if path is None:
        return
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head = f"{kind} {code_fingerprint()} {content_digest(key.encode('utf-8'))} {content_digest(body)}\n"
    with contextlib.suppress(OSError, TransflowError):  # a cache that cannot be kept is only slower
        write_bytes_if_changed(path, head.encode("ascii"), body)
