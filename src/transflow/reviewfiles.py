"""Review records on disk: read (confined, decoded) and written atomically."""

from __future__ import annotations

from collections.abc import Sequence

from .atomic import write_if_changed
from .config import Config
from .confine import Confinement
from .errors import decode_utf8
from .paths import Source, review_path, shown
from .review import ReviewError, ReviewRecord, parse_review, render_review


def read_review(config: Config, language: str, source: Source) -> list[ReviewRecord]:
    """The document's review record in ``language`` ([] when there is none)."""
    path = review_path(config, language, source)
    name = shown(config, path)
    try:
        Confinement(config.root).check(path, name)
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise ReviewError(f"cannot read: {error.strerror}", path=name) from None
    return review_records(raw, name)


def review_records(raw: bytes, name: str) -> list[ReviewRecord]:
    """A review record's lines from its bytes (already read, and confined, by the caller)."""
    return parse_review(decode_utf8(raw, name, ReviewError, "review record", "save it as UTF-8"), name)


def write_review(config: Config, language: str, source: Source, records: Sequence[ReviewRecord]) -> bool:
    """Write the record atomically (an empty record removes the file)."""
    path = review_path(config, language, source)
    Confinement(config.root).check(path, shown(config, path))
    text = render_review(records)
    if not text:
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed
    return write_if_changed(path, text)
