"""Pieces every view shares: language labels, progress bars, counts as JSON."""

from __future__ import annotations

from rich.text import Text

from ..languages import LanguageLabel
from ..tally import Counts

MAX_LISTED = 20
BAR_WIDTH = 8


def percent_bar(percent: float, width: int = BAR_WIDTH) -> Text:
    """A bar that reads without colour too: full blocks done, light shade to do (width 0: no bar)."""
    done = int(percent * width / 100)
    bar = Text("█" * done, style="green")
    bar.append("░" * (width - done), style="dim")
    bar.append(f"{' ' if width else ''}{percent:5.1f}%")
    return bar


def language_label(code: str, isolate: bool = True) -> str:
    """ "el — Greek — Ελληνικά"; a right-to-left name is isolated so it cannot reorder the row
    (not in pipes and files, where the isolates would show as characters)."""
    label = LanguageLabel.of(code)
    native = f"\u2068{label.native}\u2069" if label.rtl and isolate else label.native
    return f"{code} — {label.english} — {native}"


def language_json(code: str) -> dict[str, str]:
    label = LanguageLabel.of(code)
    return {
        "code": code,
        "name": label.english,
        "native_name": label.native,
        "direction": "rtl" if label.rtl else "ltr",
    }


def counts_json(counts: Counts) -> dict[str, object]:
    return {
        # unreadable: documents whose catalog or source could not be read (never finished)
        "documents": {
            "finished": counts.finished,
            "total": counts.documents,
            "unreadable": counts.unreadable,
        },
        "segments": {
            "translated": counts.translated,
            "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated,
            "new": counts.new,
            "total": counts.segments,
            "obsolete": counts.obsolete,
            "errors": counts.errors,  # segments whose translation fails an error check
            "reviewed": counts.reviewed,
            "machine_drafts": counts.machine,  # fuzzy: an engine's drafts nobody has read yet
        },
        "words": {
            "translated": counts.translated_words,
            "fuzzy": counts.fuzzy_words,
            "untranslated": counts.untranslated_words,
            "total": counts.words,
            "repetitions": counts.repetition_words,
            "reviewed": counts.reviewed_words,
        },
        "percent": round(counts.percent, 2),
    }
