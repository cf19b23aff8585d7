"""The one exception family users see: a message naming the file, the line and a fix."""

from __future__ import annotations

from pathlib import Path


class TransflowError(Exception):
    """An error the user can act on; the CLI prints it as one line, no traceback.

    ``exit_code`` is what the command exits with when this error stops it.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class Notice(TransflowError):
    """Worth a line to the user, but the command goes on and does not fail for it."""

    exit_code = 0


class ConfigError(TransflowError):
    """The project configuration is missing or invalid."""

    exit_code = 2


class UsageError(TransflowError):
    """The command line names something the project does not have."""

    exit_code = 2


class SourceError(TransflowError):
    """A source document cannot be read or segmented."""


class PoSyntaxError(TransflowError):
    """A PO file cannot be parsed."""


class MarkupError(TransflowError):
    """A translation drops, adds or breaks the markup its source has."""


def decode_utf8(raw: bytes, path: Path | str, error: type[TransflowError], what: str, hint: str) -> str:
    """``raw`` as UTF-8, or ``error`` naming the file, the line and the offending byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = raw.count(b"\n", 0, problem.start) + 1
        subject = f"{what} " if what else ""
        raise error(
            f"{subject}not UTF-8: byte 0x{raw[problem.start]:02x} at offset {problem.start}",
            path=path,
            line=line,
            hint=hint,
        ) from None
