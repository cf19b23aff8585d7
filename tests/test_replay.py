"""A run with nothing to do answers from its last answer: kept only for a still tree, given
back only while no path changed, and the full run whenever anything did."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from transflow import record, replay

SOURCE = "Hands off the communists! The strike goes on.\n"


# the racy window in these tests: a change time cannot be set back as a modification time can,
# so the tests shorten the window and wait it out instead of git's two seconds
TEST_RACY_NS = 300_000_000


def age(root: Path, seconds: int = 60) -> None:
    """Every path of the tree modified a minute ago, and changed (ctime) past the racy window."""
    then = time.time_ns() - seconds * 1_000_000_000
    for folder, folders, files in os.walk(root):
        for name in files + folders:
            os.utime(os.path.join(folder, name), ns=(then, then), follow_symlinks=False)
    os.utime(root, ns=(then, then))
    time.sleep(TEST_RACY_NS * 1.2 / 1e9)


@pytest.fixture
def still_project(make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A project with its .transflow folder, every path aged; transflow's own code and
    libraries left out of the record (a developer may have just saved a file there)."""
    root = make_project({"statement.txt": SOURCE})
    (root / ".transflow").mkdir()
    (root / "locales" / "fr").mkdir(parents=True)
    (root / "locales" / "fr" / "statement.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    monkeypatch.setattr(record, "_outside_paths", lambda root: iter(()))
    monkeypatch.setattr(replay, "RACY_NS", TEST_RACY_NS)
    age(root)
    yield root


def keep(root: Path, key: str = "key", code: int = 0) -> bool:
    started = time.time_ns()
    return record.keep(str(root), key, b"the table\n", b"a warning\n", code, started)


def test_an_answer_kept_for_a_still_tree_is_given_back(still_project: Path) -> None:
    assert keep(still_project, code=3)
    assert replay.replayed(str(still_project), "key") == (b"the table\n", b"a warning\n", 3)
    assert replay.replayed(str(still_project), "another key") is None


@pytest.mark.parametrize(
    "change",
    [
        "edit a PO file",
        "add a source",
        "remove a source",
        "edit the config",
        "add a folder",
    ],
)
def test_any_change_in_the_tree_means_a_full_run(still_project: Path, change: str) -> None:
    assert keep(still_project)
    po = still_project / "locales" / "fr" / "statement.po"
    if change == "edit a PO file":
        po.write_text('msgid ""\nmsgstr "x"\n', encoding="utf-8")
        age(still_project)  # the same times again: the change time and size still differ
    elif change == "add a source":
        (still_project / "source_texts" / "new.txt").write_text("New.\n", encoding="utf-8")
    elif change == "remove a source":
        (still_project / "source_texts" / "statement.txt").unlink()
    elif change == "edit the config":
        with (still_project / "transflow.toml").open("a", encoding="utf-8") as handle:
            handle.write('unit = "paragraph"\n')
    elif change == "add a folder":
        (still_project / "locales" / "de").mkdir()
    assert replay.replayed(str(still_project), "key") is None


def test_a_same_size_edit_with_the_old_mtime_is_seen(still_project: Path) -> None:
    """Restoring size and mtime does not hide an edit: the change time moves on."""
    source = still_project / "source_texts" / "statement.txt"
    before = source.stat()
    assert keep(still_project)
    time.sleep(0.01)
    source.write_text(SOURCE.replace("goes", "rises"), encoding="utf-8")  # not the same size...
    source.write_text(SOURCE.replace("goes", "GOES"), encoding="utf-8")  # ...then the same size
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert source.stat().st_size == before.st_size and source.stat().st_mtime_ns == before.st_mtime_ns
    assert replay.replayed(str(still_project), "key") is None


def test_nothing_is_kept_while_a_path_is_racy(still_project: Path) -> None:
    (still_project / "source_texts" / "statement.txt").write_text(SOURCE, encoding="utf-8")  # just now
    assert not keep(still_project)
    assert replay.replayed(str(still_project), "key") is None


def test_a_damaged_record_or_answer_is_ignored(still_project: Path) -> None:
    assert keep(still_project)
    state = still_project / ".transflow"
    answer = next(state.glob("replay-*"))
    answer.write_bytes(answer.read_bytes()[:-3])  # cut short
    assert replay.replayed(str(still_project), "key") is None
    assert keep(still_project)
    damaged = bytearray((state / "replay").read_bytes())
    damaged[-2] ^= 1
    (state / "replay").write_bytes(bytes(damaged))
    assert replay.replayed(str(still_project), "key") is None


def test_no_record_outside_a_project(tmp_path: Path) -> None:
    assert replay.project_root(str(tmp_path)) in (None, *[str(p) for p in tmp_path.parents])
    assert not record.keep(str(tmp_path), "key", b"", b"", 0, time.time_ns())


def test_the_key_holds_arguments_folder_and_colour_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    plain = replay.run_key(["status"], "/p")
    assert replay.run_key(["status"], "/p") == plain
    assert replay.run_key(["status", "--json"], "/p") != plain
    assert replay.run_key(["status"], "/q") != plain
    monkeypatch.setenv("NO_COLOR", "1")
    assert replay.run_key(["status"], "/p") != plain


def test_a_code_change_is_a_change_for_kept_answers_as_for_every_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from transflow import fingerprint

    plain = replay.run_key(["status"], "/p")
    monkeypatch.setattr(fingerprint, "_CODE", ["another transflow, library or Python"])
    assert replay.run_key(["status"], "/p") != plain


def _transflow(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point, as a user runs it, with the modules it imports listed."""
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "transflow", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if key != "TRANSFLOW_NO_REPLAY"},
    )


def _ran_in_full(result: subprocess.CompletedProcess[str]) -> bool:
    return "transflow.cli" in result.stderr


def test_the_command_line_replays_an_unchanged_status_and_runs_a_changed_one(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({"statement.txt": SOURCE})
    assert _transflow(root, "update").returncode == 0
    age(root)
    # the real window is two seconds of change times, which cannot be set back: wait it out for
    # the tree, transflow's code and its libraries (a developer may have just saved a file)
    newest = max(
        max(status.st_mtime_ns, status.st_ctime_ns)
        for status in (os.lstat(os.path.join(root, path)) for path in record.tree_paths(str(root)))
    )
    time.sleep(max(0.0, (newest + 2_200_000_000 - time.time_ns()) / 1e9))
    first = _transflow(root, "status", "--json")  # the tree is still: this answer is kept
    again = _transflow(root, "status", "--json")
    assert _ran_in_full(first)
    assert not _ran_in_full(again)
    assert (again.stdout, again.returncode) == (first.stdout, first.returncode)
    # a translator translates a unit: the next status runs in full and counts it
    po = root / "locales" / "fr" / "statement.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace(
            'msgid "Hands off the communists!"\nmsgstr ""',
            'msgid "Hands off the communists!"\nmsgstr "Bas les pattes !"',
        ),
        encoding="utf-8",
    )
    changed = _transflow(root, "status", "--json")
    assert _ran_in_full(changed)
    assert changed.stdout != first.stdout
    assert changed.stdout == _transflow(root, "status", "--json").stdout  # and the same again


def test_answers_kept_for_another_tree_are_removed(still_project: Path) -> None:
    assert keep(still_project, key="a") and keep(still_project, key="b")
    state = still_project / ".transflow"
    assert len(list(state.glob("replay-*"))) == 2
    (still_project / "source_texts" / "new.txt").write_text("New.\n", encoding="utf-8")
    age(still_project)
    assert keep(still_project, key="c")
    assert [path.name for path in state.glob("replay-*")] == ["replay-c"]
    assert replay.replayed(str(still_project), "c") is not None


def test_version_is_what_click_prints(runner: CliRunner) -> None:
    from transflow.cli import main

    clicks = runner.invoke(main, ["--version"])
    ours = subprocess.run([sys.executable, "-m", "transflow", "--version"], capture_output=True, text=True)
    assert ours.returncode == clicks.exit_code == 0
    assert ours.stdout == clicks.output
    assert "transflow.cli" not in _transflow(Path.cwd(), "--version").stderr  # click is not imported


def test_help_is_answered_from_its_kept_answer(tmp_path: Path) -> None:
    folder = Path(replay.help_folder())
    first = _transflow(tmp_path, "status", "--help")
    assert first.returncode == 0 and "Usage:" in first.stdout
    # the help folder was just made: once its times are two seconds old, the answer is kept
    time.sleep(max(0.0, (folder.stat().st_mtime_ns + 2_200_000_000 - time.time_ns()) / 1e9))
    kept = _transflow(tmp_path, "status", "--help")
    again = _transflow(tmp_path, "status", "--help")
    assert _ran_in_full(first) and not _ran_in_full(again)
    assert again.stdout == kept.stdout == first.stdout
    other = _transflow(tmp_path, "build", "--help")  # another question: its own answer
    assert _ran_in_full(other) and other.stdout != first.stdout


def test_help_is_not_kept_without_a_home_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.delenv("TRANSFLOW_NO_REPLAY", raising=False)
    assert replay.replay_for(["--help"], "/p") is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    kept = replay.replay_for(["status", "--help"], "/p")
    assert kept is not None and kept.root == "/somewhere/cache/transflow/help"


def test_only_a_help_text_is_kept_as_the_answer_to_a_help_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A "-h" may be an option's value (build --mark -h): a run that did work is never replayed."""

    def worked() -> int:
        print("1 output(s) written")
        return 0

    def helped() -> int:
        print("Usage: transflow build [OPTIONS]")
        return 0

    folder = tmp_path / "help"
    assert record.recorded(replay.Replay(str(folder), "key", help_only=True), worked) == 0
    assert not (folder / ".transflow").exists()
    assert record.recorded(replay.Replay(str(folder), "key", help_only=True), helped) == 0
    assert (folder / ".transflow").is_dir()
    capsys.readouterr()
