"""``transflow build`` end to end: init, update, translate, build, edit, update, build."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transflow.cli import main

from ..conftest import REPO

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1732000000"}
STATEMENT = (
    "\ufeffProtest at the Embassy\r\n\r\n"
    "On 14/12/2015 a delegation of the CC carried out a protest. It handed over a letter.\r\n\r\n\r\n"
    "Hands off the communists!\r\n\r\n\r\n"
    "The Press Office"
)
FRENCH = {
    "Protest at the Embassy": "Manifestation devant l’ambassade",
    "On 14/12/2015 a delegation of the CC carried out a protest.": "Le 14/12/2015, une délégation du CC a manifesté.",
    "It handed over a letter.": "Elle a remis une lettre.",
    "Hands off the communists!": "Bas les pattes devant les communistes !",
    "The Press Office": "Le service de presse",
}


def invoke(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(main, list(args), env=ENV)
    return result.exit_code, result.output


def translate(po_file: Path, translations: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    po = polib.pofile(str(po_file))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if entry.msgid in fuzzy:
                entry.flags.append("fuzzy")
    po.save()


def manifest(root: Path) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    data = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))
    assert data["schema"] == "transflow.manifest/1"
    return {(item["document"], item["language"]): item for item in data["documents"]}


def test_the_whole_cycle(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "init", "-l", "fr,de")[0] == 0
    (tmp_path / "source_texts" / "2015").mkdir(parents=True)
    source = tmp_path / "source_texts" / "2015" / "embassy.txt"
    source.write_bytes(STATEMENT.encode("utf-8"))
    assert invoke(runner, "update")[0] == 0

    # 1. nothing translated: nothing built, every skip explained
    code, output = invoke(runner, "build")
    assert code == 0
    assert not (tmp_path / "build" / "fr").exists()
    records = manifest(tmp_path)
    assert records[("2015/embassy.txt", "fr")]["status"] == "skipped"
    assert records[("2015/embassy.txt", "fr")]["reason"] == "5 untranslated"
    assert invoke(runner, "build", "--strict")[0] == 1

    # 2. French finished, German partial: only French is built, skeleton intact
    translate(tmp_path / "locales" / "fr" / "2015" / "embassy.po", FRENCH)
    translate(
        tmp_path / "locales" / "de" / "2015" / "embassy.po",
        {"The Press Office": "Die Pressestelle"},
        fuzzy=("The Press Office",),
    )
    code, output = invoke(runner, "build")
    assert code == 0
    french = tmp_path / "build" / "fr" / "2015" / "embassy.txt"
    assert french.read_bytes() == (
        "\ufeffManifestation devant l’ambassade\r\n\r\n"
        "Le 14/12/2015, une délégation du CC a manifesté. Elle a remis une lettre.\r\n\r\n\r\n"
        "Bas les pattes devant les communistes !\r\n\r\n\r\n"
        "Le service de presse"
    ).encode("utf-8")
    records = manifest(tmp_path)
    fr = records[("2015/embassy.txt", "fr")]
    assert fr["status"] == "built" and fr["percent"] == 100.0 and fr["output"] == "build/fr/2015/embassy.txt"
    assert set(fr["sha256"]) == {"output", "source", "po", "config"}
    assert records[("2015/embassy.txt", "de")]["reason"] == "1 fuzzy, 4 untranslated"
    assert not (tmp_path / "build" / "de").exists()

    # 3. nothing changed: nothing rewritten, not even the manifest
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "build").rglob("*") if p.is_file()}
    code, output = invoke(runner, "build")
    assert code == 0 and "0 output(s) written, 0 removed; manifest.json unchanged" in output
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps

    # 4. the source is edited: the published French output stays, reported stale
    published = french.read_bytes()
    source.write_bytes(
        STATEMENT.replace("It handed over a letter.", "It handed over a letter of protest.").encode("utf-8")
    )
    code, output = invoke(runner, "build")
    assert code == 0
    assert french.read_bytes() == published
    fr = manifest(tmp_path)[("2015/embassy.txt", "fr")]
    assert fr["status"] == "stale"
    assert fr["reason"].startswith("PO is older than source: run transflow update")
    assert "stale" in output
    status = json.loads(runner.invoke(main, ["status", "-l", "fr", "--json"], env=ENV).stdout)
    assert status["rows"][0]["build"] == "stale"

    # 5. update: the edited sentence is fuzzy (old translation, previous text), still stale
    assert invoke(runner, "update")[0] == 0
    invoke(runner, "build")
    assert french.read_bytes() == published
    assert manifest(tmp_path)[("2015/embassy.txt", "fr")]["reason"].startswith("1 fuzzy")

    # 6. reviewed: rebuilt
    po_file = tmp_path / "locales" / "fr" / "2015" / "embassy.po"
    po = polib.pofile(str(po_file))
    entry = po.find("It handed over a letter of protest.")
    assert entry is not None and entry.previous_msgid == "It handed over a letter."
    entry.msgstr = "Elle a remis une lettre de protestation."
    entry.flags.remove("fuzzy")
    po.save()
    invoke(runner, "build")
    assert "Elle a remis une lettre de protestation." in french.read_text(encoding="utf-8")
    assert manifest(tmp_path)[("2015/embassy.txt", "fr")]["status"] == "built"


def test_preview_without_translations_equals_the_sources(
    make_project: Callable[..., Path], runner: CliRunner, seed_bytes: bytes
) -> None:
    sources = {
        "seed.txt": seed_bytes,
        "crlf.txt": STATEMENT.replace("\ufeff", "").encode("utf-8"),
        "bom.txt": STATEMENT.encode("utf-8"),
    }
    for path in (REPO / "source_texts").rglob("*"):
        if path.is_file():
            sources[path.name] = path.read_bytes()
    root = make_project(sources, languages=("ar",))
    invoke(runner, "update")
    code, _ = invoke(runner, "build", "--preview")
    assert code == 0
    for name, raw in sources.items():
        assert (root / "build" / "ar" / name).read_bytes() == raw, name
    assert all(item["preview"] for item in manifest(root).values())
    code, _ = invoke(runner, "build", "--preview", "--mark", "--out", "preview")
    assert code == 0
    assert "⟦Hands off the communists!⟧" in (root / "preview" / "ar" / "crlf.txt").read_text(encoding="utf-8")
    assert (root / "preview" / "manifest.json").exists()


def test_min_percent_prune_and_json(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": STATEMENT, "b.txt": "One sentence here.\n"}, languages=("fr",))
    invoke(runner, "update")
    almost = {k: v for k, v in FRENCH.items() if k != "The Press Office"}
    translate(root / "locales" / "fr" / "a.po", almost)
    assert invoke(runner, "build", "--min-percent", "99")[0] == 0
    assert manifest(root)[("a.txt", "fr")]["status"] == "skipped"
    result = runner.invoke(main, ["build", "--min-percent", "80", "--json"], env=ENV)
    payload = json.loads(result.stdout)
    assert payload["schema"] == "transflow.build/1"
    assert payload["summary"]["fr"]["built"] == 1 and payload["summary"]["fr"]["skipped"] == 1
    output = (root / "build" / "fr" / "a.txt").read_text(encoding="utf-8")
    assert output.endswith("The Press Office")  # filled from the source
    assert payload["documents"][0]["reason"] == "1 untranslated"
    # the now-published a.txt falls back below the default gate: stale, kept, until --prune
    assert invoke(runner, "build")[0] == 0
    assert manifest(root)[("a.txt", "fr")]["status"] == "stale"
    assert (root / "build" / "fr" / "a.txt").exists()
    assert invoke(runner, "build", "--prune")[0] == 0
    assert not (root / "build" / "fr" / "a.txt").exists()
    assert manifest(root)[("a.txt", "fr")]["status"] == "skipped"


def test_removed_source_keeps_its_output_until_prune(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": "Hands off the communists!\n", "b.txt": "Other text.\n"}, languages=("fr",))
    invoke(runner, "update")
    translate(root / "locales" / "fr" / "a.po", FRENCH)
    invoke(runner, "build")
    (root / "source_texts" / "a.txt").unlink()
    invoke(runner, "build")
    assert manifest(root)[("a.txt", "fr")]["status"] == "stale"
    assert manifest(root)[("a.txt", "fr")]["reason"] == "source removed"
    assert (root / "build" / "fr" / "a.txt").exists()
    invoke(runner, "build", "--prune")
    assert not (root / "build" / "fr" / "a.txt").exists()
    assert ("a.txt", "fr") not in manifest(root)


def test_sample_project_builds_what_is_finished(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "sample"
    shutil.copytree(REPO / "source_texts", root / "source_texts")
    shutil.copytree(REPO / "locales", root / "locales")
    shutil.copy2(REPO / "transflow.toml", root / "transflow.toml")
    monkeypatch.chdir(root)
    code, output = invoke(runner, "build")
    assert code == 0
    assert "skipped  de" not in output and "not finished (skipped or preview): -v says why" in output
    code, output = invoke(runner, "build", "-v")
    assert "skipped  de 2025/fishermen-quotas.txt: 1 fuzzy, 7 untranslated" in output
    built = sorted(
        p.relative_to(root / "build").as_posix() for p in (root / "build").rglob("*") if p.is_file()
    )
    assert built == [
        "de/2024/piraeus-dockers-strike.txt",
        "el/2025/fishermen-quotas.txt",
        "fr/2024/nikaia-hospital-letter.txt",
        "fr/2024/piraeus-dockers-strike.txt",
        "fr/2025/fishermen-quotas.txt",
        "fr/2025/housing-rally.html",
        "fr/2025/teachers-strike.md",
        "manifest.json",
    ]
    html = (root / "build" / "fr" / "2025" / "housing-rally.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "<h1>Rassemblement pour un logement abordable</h1>" in html
    records = manifest(root)
    assert records[("2025/fishermen-quotas.txt", "de")]["reason"] == "1 fuzzy, 7 untranslated"
    assert all(record["reason"] for record in records.values() if record["status"] == "skipped")


def test_malformed_po_is_an_error_and_others_build(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": "Hands off the communists!\n", "b.txt": "Other text.\n"}, languages=("fr",))
    invoke(runner, "update")
    translate(root / "locales" / "fr" / "b.po", {"Other text.": "Autre texte."})
    (root / "locales" / "fr" / "a.po").write_text('msgid "x"\n', encoding="utf-8")
    code, output = invoke(runner, "build")
    assert code == 1
    assert "locales/fr/a.po:1: malformed PO" in output and "Traceback" not in output
    assert (root / "build" / "fr" / "b.txt").read_text(encoding="utf-8") == "Autre texte.\n"


def test_hashes_do_not_depend_on_the_interpreter_run(make_project: Callable[..., Path]) -> None:
    """Settings with several abbreviations once hashed differently in every process (set order)."""
    import os
    import subprocess
    import sys

    root = make_project({"a.txt": "Hands off the communists!\n"}, languages=("fr",))
    with (root / "transflow.toml").open("a", encoding="utf-8") as config:
        config.write('\n[abbreviations]\nen = ["Art.", "Ch.", "No.", "approx."]\n')
    manifests = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "transflow", "build"], cwd=root, env=env, check=True, capture_output=True
        )
        manifests.append((root / "build" / "manifest.json").read_bytes())
    assert manifests[0] == manifests[1] == manifests[2]


def test_out_folder_outside_the_project(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    make_project({"a.txt": "Hands off the communists!\n"}, languages=("fr",))
    invoke(runner, "update")
    outside = tmp_path / "elsewhere"
    code, output = invoke(runner, "build", "--preview", "--out", str(outside))
    assert code == 0, output
    assert (outside / "fr" / "a.txt").read_text(encoding="utf-8") == "Hands off the communists!\n"
    manifest_text = (outside / "manifest.json").read_text(encoding="utf-8")
    assert str(outside / "fr" / "a.txt") in manifest_text
