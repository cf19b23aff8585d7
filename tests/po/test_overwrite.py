"""Translators' files: an update changes only the entries that changed, in the file's own layout."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from transflow.cli import main
from transflow.po import PAGE_WIDTH, detect_style, parse_po
from transflow.po.write import UNLIMITED

from ..conftest import gettext_check, needs_gettext

LONG = "The dockers of Piraeus went on strike on 14/12/2015 against the privatisation of the port, " * 2
SOURCE = f"Statement\n\n{LONG.strip()}\n\nHands off the unions!\n\nThe Press Office\n"


def _polib_save(path: Path) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = "FR " + entry.msgid
    po.save()


def _msgcat(*options: str) -> Callable[[Path], None]:
    def save(path: Path) -> None:
        _polib_save(path)
        path.write_bytes(
            subprocess.run(["msgcat", *options, str(path)], capture_output=True, check=True).stdout
        )

    return save


def _crlf(path: Path) -> None:
    _polib_save(path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def _poedit(path: Path) -> None:
    _polib_save(path)
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition('msgstr ""\n')
    poedit = (
        '"Last-Translator: Marie D. <marie@example.org>\\n"\n"Language-Team: French\\n"\n'
        '"X-Generator: Poedit 3.4.2\\n"\n"X-Poedit-SourceCharset: UTF-8\\n"\n'
    )
    path.write_text(
        "# Marie D. <marie@example.org>, 2025.\n" + head + 'msgstr ""\n' + poedit + rest, encoding="utf-8"
    )


SAVERS = {
    "polib": _polib_save,
    "msgcat-no-wrap": _msgcat("--no-wrap"),
    "msgcat-w200": _msgcat("-w", "200"),
    "crlf": _crlf,
    "poedit": _poedit,
}


@needs_gettext
@pytest.mark.parametrize("saver", sorted(SAVERS))
def test_an_update_leaves_a_translators_file_alone_and_then_changes_only_what_changed(
    saver: str, make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": SOURCE}, languages=("fr",))
    assert runner.invoke(main, ["update"]).exit_code == 0
    po_file = root / "locales" / "fr" / "a.po"
    SAVERS[saver](po_file)
    saved = po_file.read_bytes()
    old_time = po_file.stat().st_mtime_ns - 10**9
    os.utime(po_file, ns=(old_time, old_time))
    assert runner.invoke(main, ["update"]).exit_code == 0
    assert po_file.read_bytes() == saved and po_file.stat().st_mtime_ns == old_time  # not written at all
    # one sentence changes: only its entry (and the header) differ, in the file's own style
    long_line = "A closing line that is new, and long enough to need wrapping at the width of the page."
    (root / "source_texts" / "a.txt").write_text(
        SOURCE.replace("Hands off the unions!", "Hands off the workers!").replace(
            "The Press Office", long_line
        ),
        encoding="utf-8",
    )
    assert runner.invoke(main, ["update"]).exit_code == 0
    after = po_file.read_bytes().decode("utf-8")
    before = saved.decode("utf-8")
    newline = "\r\n" if saver == "crlf" else "\n"
    old_chunks = before.split(newline * 2)
    new_chunks = after.split(newline * 2)
    untouched = [c for c in old_chunks[1:] if "Hands off the unions" not in c and "The Press Office" not in c]
    assert untouched and all(chunk in new_chunks for chunk in untouched), "unchanged entries keep their lines"
    changed = [chunk for chunk in new_chunks if chunk not in old_chunks]
    assert any("Hands off the workers" in chunk for chunk in changed)
    assert len(changed) <= 4  # the header, the two new texts (and obsolete entries for the old ones)
    assert ("\r\n" in after) == (saver == "crlf") and after.count("\n") == after.count(newline)
    style = detect_style(before)
    new_entry = next(chunk for chunk in changed if "closing line" in chunk and "#~" not in chunk)
    if saver == "msgcat-no-wrap":
        assert style.page_width > 1000 and f'msgid "{long_line}"' in new_entry
    elif saver == "msgcat-w200":
        # a wide page (no string of this file was long enough to show 200 or no wrapping at all)
        assert style.page_width > 79 and f'msgid "{long_line}"' in new_entry
    else:
        assert f'msgid "{long_line}"' not in new_entry  # wrapped, as the file wraps
        assert all(len(line) <= max(style.page_width, 79) for line in new_entry.split(newline))
    parse_po(after)  # and the whole stays valid
    checked = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po_file)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


@needs_gettext
def test_our_own_layout_still_equals_msgcat(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": SOURCE}, languages=("fr",))
    runner.invoke(main, ["update"])
    (root / "source_texts" / "a.txt").write_text(SOURCE + "\nOne more line.\n", encoding="utf-8")
    runner.invoke(main, ["update"])
    gettext_check(root / "locales" / "fr" / "a.po")


def test_style_detection() -> None:
    wrapped = 'msgid ""\n"' + "word " * 30 + '"\n"' + "more " * 5 + '"\nmsgstr ""\n'
    # a file wrapped wider than gettext: its own widest string line is its page width
    assert detect_style(wrapped).page_width == len('"' + "word " * 30 + '"')
    assert detect_style('msgid "' + "x" * 120 + '"\r\nmsgstr ""\r\n').page_width > 10**6
    assert detect_style('msgid "a"\r\nmsgstr "b"\r\n').newline == "\r\n"
    assert detect_style('msgid "a"\nmsgstr "b"\n').page_width == 79


_LINE_STARTS = [
    '"',
    'msgid "',
    'msgstr "',
    'msgstr[1] "',
    '#~ msgid "',
    '#~ "',
    '#~| msgid "',
    '#| msgid "',
    "#. ",
    "#: ",
    "#, ",
    "# ",
]


@given(
    st.lists(
        st.tuples(st.sampled_from(_LINE_STARTS), st.integers(min_value=60, max_value=90)),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_style_detection_reads_the_widest_string_line_whatever_starts_it(
    lines: list[tuple[str, int]], newline: str
) -> None:
    # the page width is the widest string line (not comment line) once one is wider than
    # gettext's page, whether it opens the file or follows a line break
    text = newline.join(start + "x" * (width - len(start) - 1) + '"' for start, width in lines) + newline
    widest = max((width for start, width in lines if '"' in start), default=0)
    # every line ends with a quote: one that a string line continues makes the file wrapped
    wrapped = any(start in ('"', '#~ "') for start, _ in lines[1:])
    style = detect_style(text)
    assert style.newline == newline
    if widest <= PAGE_WIDTH:
        assert style.page_width == PAGE_WIDTH
    else:
        assert style.page_width == (widest if wrapped else UNLIMITED)
