"""Hostile input and bad luck: each class of attack or fault, and what transflow does instead."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from transflow.cachefile import read_cache, write_cache
from transflow.cli import main
from transflow.commands.update import _LAYOUT_KIND, update_project
from transflow.config import load_config
from transflow.errors import TransflowError
from transflow.formats import Segmentation, parse_document
from transflow.po import LayoutMemo, format_string, parse_po_bytes, read_po
from transflow.project import discover_sources
from transflow.tempfiles import remove_stale_temp_files

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
TEXT = "A first sentence here. A second one follows.\n\nHands off!\n"


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def translate(po_file: Path, translations: dict[str, str]) -> None:
    """Fill entries the way a translator's tool would: by msgid, in the file."""
    text = po_file.read_text(encoding="utf-8")
    for msgid, msgstr in translations.items():
        quoted = json.dumps(msgid, ensure_ascii=False)
        text = text.replace(
            f'msgid {quoted}\nmsgstr ""', f"msgid {quoted}\nmsgstr {json.dumps(msgstr, ensure_ascii=False)}"
        )
    po_file.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "settings",
    [
        {"build_dir": "source_texts"},
        {"locales_dir": "source_texts"},
        {"source_dir": ".", "locales_dir": ".", "build_dir": "."},
        {"build_dir": "source_texts/out"},
        {"locales_dir": "build/locales"},
    ],
)
def test_overlapping_folders_are_a_configuration_error(
    settings: dict[str, str], make_project: Callable[..., Path], runner: CliRunner
) -> None:
    make_project({"a.txt": TEXT}, **settings)
    for command in ("update", "build", "status"):
        code, _, err = invoke(runner, command)
        assert code == 2 and "overlap" in err and err.count("\n") == 1


def test_a_source_linked_outside_the_project_is_never_read(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is hunter2.\n", encoding="utf-8")
    root = make_project({"a.txt": TEXT})
    (root / "source_texts" / "leak.txt").symlink_to(secret)
    (root / "source_texts" / "inside.txt").symlink_to(root / "source_texts" / "a.txt")  # inside: fine
    code, _, err = invoke(runner, "update")
    assert code == 1 and "leak.txt: a symbolic link to a file outside the project, skipped" in err
    assert not (root / "locales" / "templates" / "leak.pot").exists()
    assert (root / "locales" / "templates" / "inside.pot").exists()
    assert all("hunter2" not in path.read_text(encoding="utf-8") for path in root.rglob("*.po*"))


def test_a_review_record_linked_outside_the_project_is_never_read(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.review"
    secret.write_text("hunter2\n", encoding="utf-8")
    root = make_project({"a.txt": TEXT})
    assert invoke(runner, "update")[0] == 0
    (root / "locales" / "fr" / "a.review").symlink_to(secret)
    opened: list[Path] = []
    read_bytes = Path.read_bytes

    def recording(path: Path) -> bytes:
        opened.append(path.resolve())
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", recording)
    code, _, err = invoke(runner, "build", "--preview")
    assert code == 1 and "locales/fr/a.review" in err and "outside the project" in err
    assert secret.resolve() not in opened
    assert (root / "build" / "el" / "a.txt").exists()  # the other language goes on


def test_linked_output_folders_are_refused(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    root = make_project({"a.txt": TEXT})
    (root / "locales").mkdir()
    (root / "locales" / "fr").symlink_to(outside, target_is_directory=True)
    code, _, err = invoke(runner, "update")
    assert code == 1 and "locales/fr/a.po: leads outside the project" in err
    assert list(outside.iterdir()) == []
    assert (root / "locales" / "el" / "a.po").exists()  # the other language goes on
    code, _, err = invoke(runner, "status")
    assert code == 1 and "leads outside the project" in err
    (root / "build").mkdir()
    (root / "build" / "el").symlink_to(outside, target_is_directory=True)
    code, _, err = invoke(runner, "build", "--preview")
    assert code == 1 and "build/el/a.txt: leads outside the project" in err
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    "translation",
    [
        "Un [lien](javascript:alert(1)) ici.",
        "Un <javascript:alert(1)> ici.",
        "Une ![image](javascript:alert(1)) ici.",
        "Un [lien](&#106;avascript:alert(1)) ici.",
        "Un [lien](JaVaScRiPt:alert(1)) ici.",
        "Un [lien](vbscript:msgbox) ici.",
        "Un [lien](data:text/html;base64,PHNjcmlwdD4=) ici.",
        "Voir www.evil.example ici.",
        "Voir https://evil.example/x ici.",
        "Un <script>alert(1)</script> ici.",
    ],
)
def test_a_markdown_translation_cannot_add_a_script_or_link(
    translation: str, make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.md": "A plain sentence here.\n"}, languages=("fr",))
    invoke(runner, "update")
    translate(root / "locales" / "fr" / "a.po", {"A plain sentence here.": translation})
    code, _, err = invoke(runner, "build")
    assert code == 1 and "a.po: segment 1: the translation" in err
    assert not (root / "build" / "fr" / "a.md").exists()


def test_front_matter_gets_the_markup_check_and_stays_yaml(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML (a test extra) checks the front matter")
    source = "---\ntitle: A plain title\ndescription: Plain value\n---\n\nBody.\n"
    root = make_project({"a.md": source}, languages=("fr",))
    invoke(runner, "update")
    po_file = root / "locales" / "fr" / "a.po"
    original = po_file.read_text(encoding="utf-8")
    translate(po_file, {"A plain title": "<script>alert(1)</script>", "Plain value": "V", "Body.": "Corps."})
    invoke(runner, "build")
    assert not (root / "build" / "fr" / "a.md").exists()
    for title in ('Un titre : "cité" # pas un commentaire', "- liste? non", "'apostrophe' & *étoile*"):
        po_file.write_text(original, encoding="utf-8")
        translate(
            po_file,
            {"A plain title": title.replace("*étoile*", "étoile"), "Plain value": "V", "Body.": "Corps."},
        )
        assert invoke(runner, "build")[0] == 0
        output = (root / "build" / "fr" / "a.md").read_text(encoding="utf-8")
        front = yaml.safe_load(output.split("---\n")[1])
        assert front["title"] == title.replace("*étoile*", "étoile")


def test_a_damaged_layout_cache_that_loads_is_not_trusted(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": TEXT * 3})
    invoke(runner, "update")
    cache = root / ".transflow" / "po-layouts.json"
    layouts = read_cache(cache, _LAYOUT_KIND)
    assert isinstance(layouts, list)
    for item in layouts:  # every layout now spells another text, behind a valid checksum
        item[3] = item[3].replace("sentence", "sentinel")
    write_cache(cache, _LAYOUT_KIND, layouts)
    template = root / "locales" / "templates" / "a.pot"
    expected = template.read_bytes()
    template.unlink()
    code, out, _ = invoke(runner, "update")
    assert code == 0 and template.read_bytes() == expected
    assert "po-layouts.json did not match the strings it lays out; rebuilt" in out


def test_layout_check_catches_every_kind_of_lie() -> None:
    memo = LayoutMemo({("msgid", "Hello", ""): 'msgid "Hallo"\n', ("msgid", "Two", ""): 'msgstr "Two"\n'})
    assert memo.get("msgid", "Hello", "") == 'msgid "Hello"\n' and memo.rejected == 1
    good = format_string("msgid", "A long text that wraps " * 8, "#~ ")
    assert (
        LayoutMemo({("msgid", "A long text that wraps " * 8, "#~ "): good}).get(
            "msgid", "A long text that wraps " * 8, "#~ "
        )
        == good
    )


@pytest.mark.parametrize(
    "content", ["null", "[]", "[" * 100000 + "]" * 100000, '{"format": 2, "counts": 5}', "\x00"]
)
def test_a_strange_status_cache_is_rebuilt_silently(
    content: str, make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": TEXT})
    invoke(runner, "update")
    expected = invoke(runner, "status", "--json")[1]
    (root / ".transflow" / "status-cache.json").write_text(content, encoding="utf-8")
    code, out, err = invoke(runner, "status", "--json")
    assert (code, out, err) == (0, expected, "")


def test_status_cache_counts_that_were_tampered_with_are_not_reported(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": TEXT})
    invoke(runner, "update")
    expected = invoke(runner, "status", "--json")[1]
    cache = root / ".transflow" / "status-cache.json"
    head, _, body = cache.read_text(encoding="utf-8").partition("\n")
    counts = json.loads(body)
    for values in counts.values():
        values[0], values[2] = values[2], 0  # everything "translated", finished stays 0
    tampered = json.dumps(counts, separators=(",", ":"))
    cache.write_text(f"{head}\n{tampered}", encoding="utf-8")  # the checksum no longer matches
    assert invoke(runner, "status", "--json")[1] == expected
    # a forger who recomputes the checksum still meets the arithmetic check of each entry
    kind, version, key, _ = head.split()
    check = hashlib.blake2b(tampered.encode("utf-8"), digest_size=16).hexdigest()
    cache.write_text(f"{kind} {version} {key} {check}\n{tampered}", encoding="utf-8")
    assert invoke(runner, "status", "--json")[1] == expected


def test_deeply_nested_config_is_a_one_line_error(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": TEXT})
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write("deep = " + "[" * 100000 + "]" * 100000 + "\n")
    code, _, err = invoke(runner, "status")
    assert code == 2 and "transflow.toml" in err and err.count("\n") == 1


def test_control_characters_in_names_and_nul_bytes_are_refused(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": TEXT, "bad\nname.txt": TEXT, "nul.txt": "Line one.\n\nTwo\x00three.\n"})
    code, _, err = invoke(runner, "update")
    assert code == 1
    assert "'source_texts/bad\\nname.txt': the file name holds a control character" in err
    assert "nul.txt:3: a NUL character" in err
    assert sorted(p.name for p in (root / "locales" / "templates").iterdir()) == ["a.pot"]
    po_file = root / "locales" / "fr" / "a.po"
    po_file.write_bytes(
        po_file.read_bytes().replace(
            b'msgid "Hands off!"\nmsgstr ""', b'msgid "Hands off!"\nmsgstr "Bas\x00les"'
        )
    )
    code, _, err = invoke(runner, "status")
    assert code == 1 and "a NUL byte" in err and "locales/fr/a.po:" in err


def test_msgfmt_c_line_break_rule_applies_to_translations(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": "Hands off!\n"}, languages=("fr",))
    invoke(runner, "update")
    translate(root / "locales" / "fr" / "a.po", {"Hands off!": "Bas les pattes !\n"})
    code, _, err = invoke(runner, "build")
    assert code == 1 and "line break at its end" in err
    assert not (root / "build" / "fr" / "a.txt").exists()


def test_cr_only_line_endings_are_named(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": TEXT})
    invoke(runner, "update")
    po_file = root / "locales" / "fr" / "a.po"
    po_file.write_bytes(po_file.read_bytes().replace(b"\n", b"\r"))
    code, _, err = invoke(runner, "status")
    assert code == 1 and "CR-only line endings" in err
    po_file.write_bytes(b"")
    code, _, err = invoke(runner, "status")
    assert code == 1 and "empty PO file" in err


def test_stale_temp_files_are_removed_and_fresh_ones_kept(tmp_path: Path) -> None:
    folder = tmp_path / "locales" / "fr"
    folder.mkdir(parents=True)
    stale = folder / ".a.po.ab12cd_9.tmp"
    fresh = folder / ".b.po.xyz12345.tmp"
    theirs = folder / "notes.tmp"
    for path in (stale, fresh, theirs):
        path.write_text("x", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(theirs, (old, old))
    assert remove_stale_temp_files(tmp_path / "locales") == 1
    assert not stale.exists() and fresh.exists() and theirs.exists()


def test_a_translator_saving_during_update_is_merged_not_overwritten(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({"a.txt": TEXT}, languages=("fr",))
    config = load_config(root)
    sources, _ = discover_sources(config)
    update_project(config, sources)
    (root / "source_texts" / "a.txt").write_text(TEXT + "\nOne more line.\n", encoding="utf-8")
    po_file = root / "locales" / "fr" / "a.po"

    saves = []

    def translator_saves(path: Path) -> None:
        if path == po_file and not saves:  # one save, just before update replaces the file
            translate(path, {"Hands off!": "Bas les pattes !"})
            saves.append(path)

    outcomes = update_project(config, sources, before_replace=translator_saves)
    assert outcomes[0].languages[0].error is None
    entries = {entry.msgid: entry for entry in read_po(po_file).entries}
    assert entries["Hands off!"].msgstr == "Bas les pattes !"  # the translator's save survived
    assert "One more line." in entries  # and the update happened

    def keeps_saving(path: Path) -> None:
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))

    (root / "source_texts" / "a.txt").write_text(TEXT + "\nAnother line.\n", encoding="utf-8")
    outcomes = update_project(config, sources, before_replace=keeps_saving)
    error = outcomes[0].languages[0].error
    assert error is not None and "changed again while update ran" in str(error)


# ---------------------------------------------------------------------------
# Bounded loops and a fuzz target: what held in the attack, kept held.


WORDS = "strike workers union port hospital rally wages the a of and 14/12/2015 3.5% KKE".split()


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 7))).capitalize() + rng.choice(".!?")


def _all_translations(root: Path) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for po_file in (root / "locales").rglob("*.po"):
        for entry in read_po(po_file).entries:
            if entry.msgstr:
                found.add((entry.msgid, entry.msgstr))
    return found


def test_random_edits_and_translators_lose_nothing(make_project: Callable[..., Path]) -> None:
    rng = random.Random(20261129)
    paragraphs = {name: [_sentence(rng) for _ in range(6)] for name in ("a.txt", "b.md", "c.txt")}
    root = make_project({name: "\n\n".join(text) + "\n" for name, text in paragraphs.items()})
    config = load_config(root)
    typed: set[tuple[str, str]] = set()
    for _ in range(40):
        for name, text in paragraphs.items():  # the coordinator edits sources
            action = rng.choice(("edit", "insert", "delete", "move", "none"))
            index = rng.randrange(len(text))
            if action == "edit":
                text[index] = _sentence(rng)
            elif action == "insert":
                text.insert(index, _sentence(rng))
            elif action == "delete" and len(text) > 2:
                del text[index]
            elif action == "move":
                text.append(text.pop(index))
            (root / "source_texts" / name).write_text("\n\n".join(text) + "\n", encoding="utf-8")
        sources, _ = discover_sources(config)
        update_project(config, sources)
        for po_file in sorted((root / "locales").rglob("*.po")):  # translators type
            open_ids = [
                e.msgid for e in read_po(po_file).entries if not e.obsolete and e.msgid and not e.msgstr
            ]
            chosen = rng.sample(open_ids, k=min(len(open_ids), rng.randint(0, 3)))
            words = {msgid: f"«{rng.randrange(10**6)}» {msgid.lower()}" for msgid in chosen}
            translate(po_file, words)
            typed |= {(msgid, text) for msgid, text in words.items()}
    sources, _ = discover_sources(config)
    update_project(config, sources)
    assert typed and typed <= _all_translations(root)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_kill_during_update_leaves_no_truncated_or_lost_file(make_project: Callable[..., Path]) -> None:
    rng = random.Random(7)
    root = make_project(
        {f"d{index:03}.txt": "\n\n".join(_sentence(rng) for _ in range(30)) + "\n" for index in range(150)}
    )
    config = load_config(root)
    sources, _ = discover_sources(config)
    update_project(config, sources)
    for po_file in (root / "locales").rglob("*.po"):
        translate(
            po_file,
            {entry.msgid: "traduit " + entry.msgid for entry in read_po(po_file).entries[:3] if entry.msgid},
        )
    typed = _all_translations(root)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}

    def edited_and_started(cycle: int) -> subprocess.Popen[bytes]:
        for source in rng.sample(sources, 10):  # something to do
            path = root / "source_texts" / source.path
            path.write_text(
                path.read_text(encoding="utf-8") + f"\nAdded in cycle {cycle}.\n", encoding="utf-8"
            )
        return subprocess.Popen(
            [sys.executable, "-m", "transflow", "update"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    started = time.monotonic()
    assert edited_and_started(-1).wait() == 0
    whole_run = time.monotonic() - started  # how long such an update takes on this machine
    killed = 0
    for cycle in range(12):
        if killed == 6:
            break
        process = edited_and_started(cycle)
        # late in the run, where it writes (the first tenth is Python starting)
        time.sleep(rng.uniform(0.35, 0.8) * whole_run)
        if process.poll() is not None:
            continue  # it ended first on this machine: that cycle killed nothing
        process.send_signal(signal.SIGKILL)
        killed += 1
        process.wait()
        for po_file in (root / "locales").rglob("*.po*"):
            if not po_file.name.startswith("."):  # a killed write's temporary file is not the PO
                read_po(po_file)  # whole and valid, never truncated
        assert typed <= _all_translations(root)
    assert killed == 6, "the updates ended before they were killed: nothing was tested"
    sources, _ = discover_sources(config)
    update_project(config, sources)  # a later run finishes the work and leaves no litter
    assert typed <= _all_translations(root)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["x.txt", "x.md", "x.html"]))
def test_fuzz_any_source_bytes_segment_or_give_a_named_error(raw: bytes, name: str) -> None:
    try:
        document = parse_document(raw, name, Segmentation())
    except TransflowError as error:
        assert error.path == name
        return
    assert all("\x00" not in unit.msgid for unit in document.units)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                'msgid ""',
                'msgstr ""',
                '"x\\n"',
                'msgid "a"',
                'msgstr "b"',
                "#, fuzzy",
                "#~ msgid",
                "",
                '"\\q"',
                "msgid_plural",
                'msgstr[0] "c"',
                "\r",
                "\x00",
                '#| msgid "d"',
                "\ufeff",
            ]
        ),
        max_size=12,
    ).map(lambda lines: "\n".join(lines).encode("utf-8"))
)
def test_fuzz_any_po_bytes_parse_or_give_a_named_error(raw: bytes) -> None:
    try:
        parse_po_bytes(raw, "x.po")
    except TransflowError as error:
        assert error.path == "x.po"


def test_an_html_translation_cannot_add_a_tag_or_link() -> None:
    from transflow.formats import restore_unit

    document = parse_document(b'<p>Write to <a href="/contact">us</a> today.</p>\n', "x.html", Segmentation())
    unit = document.units[0]
    assert unit.msgid == "Write to <1>us</1> today."
    out = restore_unit(
        unit, 'Écrivez-<1>nous</1> <a href="javascript:alert(1)">ici</a> <img src=x onerror=alert(1)>.'
    )
    assert '<a href="/contact">nous</a>' in out
    assert '<a href="javascript' not in out and "<img" not in out and "&lt;a href=" in out
