"""BLAKE2b and SHA-256 from CPython's own modules. ``import hashlib`` loads OpenSSL first
(about 4 MiB of resident memory and 4 ms per run) though these two need none of it: its
``blake2b`` is ``_blake2``'s, and the builtin SHA-256 gives the same digests."""

from __future__ import annotations

import io
from collections.abc import Callable

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the builtin module
    from hashlib import blake2b

__all__ = ["blake2b", "content_digest", "file_blake2b", "sha256_hex"]

_BLOCK = 1 << 20
_SHA256: list[Callable[[bytes], object]] = []  # the constructor, once looked up


def content_digest(data: bytes) -> str:
    """What transflow's caches and records know content by: BLAKE2b, 16 bytes, in hex."""
    return blake2b(data, digest_size=16).hexdigest()


def file_blake2b(handle: io.BufferedIOBase, digest_size: int) -> bytes:
    """The BLAKE2b digest of what is left in ``handle``, read a block at a time."""
    digest = blake2b(digest_size=digest_size)
    while block := handle.read(_BLOCK):
        digest.update(block)
    return digest.digest()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of ``data`` in hexadecimal."""
    if not _SHA256:
        _SHA256.append(_builtin_sha256())
    return str(_SHA256[0](data).hexdigest())  # type: ignore[attr-defined]


def _builtin_sha256() -> Callable[[bytes], object]:
    """The builtin module's constructor: ``_sha2`` from Python 3.12, ``_sha256`` before."""
    import importlib  # here: the replay entry point imports this module and needs no SHA-256

    for module in ("_sha2", "_sha256"):
        try:
            constructor: Callable[[bytes], object] = importlib.import_module(module).sha256
            return constructor
        except (ImportError, AttributeError):
            continue
    import hashlib  # pragma: no cover - a Python built without them

    return hashlib.sha256  # pragma: no cover
