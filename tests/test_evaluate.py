"""The one evaluation of every unit, and the seams between commands that read it.

Each test here failed before the evaluation (``evaluate.py``) and the one fingerprint
(``fingerprint.py``) replaced five compositions of the same facts and six cache keys.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from transflow import cachefile, fingerprint
from transflow.checks import CHECKS, Check, Pair
from transflow.checksettings import CheckSettings
from transflow.cli import main
from transflow.evaluate import Language, evaluate
from transflow.formats import Segmentation, parse_document
from transflow.po import PoEntry
from transflow.review import ReviewRecord, text_hash

from .conftest import needs_gettext

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TRANSFLOW_NO_REPLAY": "1"}
TEXT = "Strike today.\n\nHands off the unions!\n\nThe workers will not pay.\n"
FRENCH = {
    "Strike today.": "Grève aujourd’hui.",
    "Hands off the unions!": "Bas les pattes devant les syndicats !",
    "The workers will not pay.": "Les travailleurs ne paieront pas.",
}


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def translate(po_file: Path, translations: dict[str, str], fuzzy: frozenset[str] = frozenset()) -> None:
    po = polib.pofile(str(po_file))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            entry.flags = ["fuzzy"] if entry.msgid in fuzzy else []
    po.save()


@pytest.fixture
def project(make_project: Callable[..., Path], runner: CliRunner) -> Path:
    root = make_project({"a.txt": TEXT}, languages=("fr", "de"))
    assert invoke(runner, "update")[0] == 0
    translate(root / "locales" / "fr" / "a.po", FRENCH)
    return root


@pytest.fixture
def workers_check() -> Iterator[str]:
    """A new error check, registered as a contributor would: no precondition, no gate to tell."""

    def run(pair: Pair) -> list[str]:
        return ["the workers are named"] if "travailleurs" in pair.translation else []

    CHECKS["workers"] = Check("workers", "error", "unit", "Test check.", run)
    yield "workers"
    del CHECKS["workers"]


def test_a_new_error_check_reaches_check_status_and_build_alike(
    project: Path, runner: CliRunner, workers_check: str
) -> None:
    """Plain-text units (no figure, address or markup) were skipped by status and build."""
    checked = json.loads(invoke(runner, "check", "--json")[1])
    failing = {item["unit"] for item in checked["findings"] if item["check"] == workers_check}
    assert len(failing) == 1
    segments = json.loads(invoke(runner, "status", "a", "-l", "fr", "--json")[1])["rows"]
    assert {row["ref"] for row in segments if row["errors"]} == failing
    out = invoke(runner, "build", "--json")[1]
    record = next(r for r in json.loads(out)["documents"] if r["language"] == "fr")
    assert (
        record["status"] == "skipped" and f"{workers_check} (unit {next(iter(failing))})" in record["reason"]
    )


def units_and_entries() -> st.SearchStrategy[tuple[str, dict[str, str]]]:
    sentence = st.sampled_from(
        [
            "Strike on 14/12/2015.",
            "See https://kke.gr now.",
            "Hands off!",
            "We pay 3.5% more.",
            "Write to a@b.org.",
        ]
    )
    return st.lists(sentence, min_size=1, max_size=5, unique=True).flatmap(
        lambda sources: st.tuples(
            st.just("\n\n".join(sources) + "\n"),
            st.fixed_dictionaries(
                {
                    source: st.sampled_from([source, source.replace("1", "2"), "Rien.", "See https://x.gr"])
                    for source in sources
                }
            ),
        )
    )


@settings(max_examples=60, deadline=None)
@given(units_and_entries())
def test_every_check_agrees_with_itself_run_alone(case: tuple[str, dict[str, str]]) -> None:
    """For every registered check: a unit fails it in the evaluation exactly when the
    check, run alone on that unit, finds something (preconditions never hide a finding)."""
    text, translations = case
    document = parse_document(text.encode("utf-8"), "a.txt", Segmentation())
    entries = [PoEntry(msgid=source, msgstr=target) for source, target in translations.items()]
    every_check = CheckSettings(disabled=frozenset())  # the optional ones (grammar) too
    language = Language("en", "fr", every_check)
    evaluation = evaluate(document.units, entries, (), language, depth="all")
    for index, unit in enumerate(document.units):
        pair = Pair(unit, translations[unit.msgid], "en", "fr", every_check)
        for check in CHECKS.values():
            if check.run is None:
                continue
            alone = bool(check.run(pair))
            found = any(f.check == check.name for f in evaluation.findings.get(index, ()))
            assert found == alone, (check.name, unit.msgid, pair.translation)


def test_bulk_approval_leaves_fuzzy_rejected_and_failing_units_alone(
    project: Path, runner: CliRunner
) -> None:
    from transflow.commands.review import ReviewSession
    from transflow.project import load_project

    po_file = project / "locales" / "fr" / "a.po"
    translate(po_file, FRENCH, fuzzy=frozenset({"Strike today."}))
    session = ReviewSession.open(load_project(project), "a", "fr", "Rita")
    rejected = next(item for item in session.items if item.source == "The workers will not pay.")
    session.reject(rejected, "too literal")
    # the translator clears fuzzy without changing a word: still the rejected translation
    translate(po_file, {"The workers will not pay.": FRENCH["The workers will not pay."]})
    code, out, _ = invoke(runner, "review", "a", "-l", "fr", "--approve", "--by", "Ann")
    assert code == 0
    assert "1 approved by Ann" in out  # only the translated, unrejected, clean unit
    assert f"skipped {rejected.unit_id}: rejected by a reviewer" in out
    assert ": fuzzy: needs a translator" in out
    assert "#, fuzzy" in po_file.read_text(encoding="utf-8")
    # named explicitly, the rejected unit is approved, and the remark goes with the rejection
    assert (
        invoke(runner, "review", "a", "-l", "fr", "--approve", "--unit", rejected.unit_id, "--by", "Ann")[0]
        == 0
    )
    assert "# review: too literal" not in po_file.read_text(encoding="utf-8")


def test_a_kit_goes_only_into_its_own_language(project: Path, runner: CliRunner) -> None:
    assert invoke(runner, "export", "-l", "fr", "--format", "xliff")[0] == 0
    kit = project / "kits" / "transflow-fr.xlf"
    text = kit.read_text(encoding="utf-8")
    kit.write_text(text.replace("Bas les pattes", "À bas les pattes"), encoding="utf-8")
    german = project / "locales" / "de" / "a.po"
    before = german.read_bytes()
    code, _, err = invoke(runner, "import", str(kit), "-l", "de")
    assert code == 2 and "the kit is in fr, not de" in err and german.read_bytes() == before
    code, out, _ = invoke(runner, "import", str(kit), "--dry-run", "--json")
    dry = json.loads(out)
    assert code == 0
    assert dry["written"] == ["locales/fr/a.po"]  # what the real run writes
    assert invoke(runner, "import", str(kit))[0] == 0  # the kit says its language: no -l
    assert "À bas les pattes" in (project / "locales" / "fr" / "a.po").read_text(encoding="utf-8")


def test_a_csv_kit_carries_its_language(project: Path, runner: CliRunner) -> None:
    assert invoke(runner, "export", "-l", "fr", "--format", "csv")[0] == 0
    kit = project / "kits" / "transflow-fr.csv"
    assert kit.read_text(encoding="utf-8").splitlines()[0].endswith(",language")
    assert invoke(runner, "import", str(kit), "-l", "de")[0] == 2
    assert invoke(runner, "import", str(kit))[0] == 0


def test_an_unreadable_catalog_is_never_done(project: Path, runner: CliRunner) -> None:
    before = json.loads(invoke(runner, "status", "--json")[1])
    assert next(r for r in before["rows"] if r["language"]["code"] == "fr")["percent"] == 100.0
    (project / "locales" / "fr" / "a.po").write_text("junk\n", encoding="utf-8")
    code, out, _ = invoke(runner, "status", "--json")
    row = next(r for r in json.loads(out)["rows"] if r["language"]["code"] == "fr")
    assert code == 1 and row["percent"] == 0.0 and row["documents"]["unreadable"] == 1
    assert invoke(runner, "status", "-l", "fr", "--fail-under", "50")[0] == 1
    invoke(runner, "report", "--badges", "badges")
    badge = (project / "badges" / "fr.svg").read_text(encoding="utf-8")
    assert "fr 0%" in badge or ">0%<" in badge


@pytest.mark.parametrize(
    ("sources", "languages"),
    [({}, ("fr",)), ({"a.txt": TEXT}, ())],
    ids=["no source folder", "no languages"],
)
def test_nothing_to_measure_is_not_done(
    make_project: Callable[..., Path], runner: CliRunner, sources: dict[str, str], languages: tuple[str, ...]
) -> None:
    make_project(sources, languages=languages)
    if not languages:  # a project with nothing to translate into is a configuration error
        code, _, err = invoke(runner, "status")
        assert code == 2 and "transflow.toml:3: 'languages' is empty" in err
        return
    payload = json.loads(invoke(runner, "status", "--json")[1])
    assert payload["totals"]["percent"] == 0.0
    assert invoke(runner, "status", "--fail-under", "10")[0] == 1


def test_a_rebuild_with_unchanged_inputs_gives_the_same_verdict(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.html": "<p>Read <b>our</b> proposals.</p>\n"}, languages=("fr",))
    assert invoke(runner, "update")[0] == 0
    translate(root / "locales" / "fr" / "a.po", {"Read <1>our</1> proposals.": "Lisez <1>nos propositions."})
    first = invoke(runner, "build")
    again = invoke(runner, "build")
    assert first[0] == again[0] == 1
    assert "is never closed" in first[2] and first[2] == again[2]


def test_one_text_with_different_markup_keeps_each_places_tags(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project(
        {"a.html": '<p>Read <b>this</b> now.</p>\n<p>Read <i>this</i> now.</p>\n<img alt="Say &quot;no&quot;">\n'
         '<p>Say "no"</p>\n'},
        languages=("fr",),
    )  # fmt: skip
    assert invoke(runner, "update")[0] == 0
    translate(
        root / "locales" / "fr" / "a.po",
        {"Read <1>this</1> now.": "Lisez <1>ceci</1> maintenant.", 'Say "no"': 'Dites "non"'},
    )
    assert invoke(runner, "build")[0] == 0
    built = (root / "build" / "fr" / "a.html").read_text(encoding="utf-8")
    assert "<p>Lisez <b>ceci</b> maintenant.</p>\n<p>Lisez <i>ceci</i> maintenant.</p>" in built
    assert 'alt="Dites &quot;non&quot;"' in built and '<p>Dites "non"</p>' in built


def test_no_cache_survives_a_code_change(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke(runner, "status")[0] == 0
    cache = project / ".transflow" / "status-cache.json"
    from dataclasses import fields

    from transflow.survey import CACHE_FORMAT
    from transflow.tally import Counts

    kind = f"status-cache/{CACHE_FORMAT}"
    stored = cachefile.read_cache(cache, kind)
    assert isinstance(stored, dict) and stored
    names = [field.name for field in fields(Counts)]
    poisoned = {key: [0] * len(values) for key, values in stored.items()}
    for values in poisoned.values():  # the counts of an empty, finished document
        values[names.index("documents")] = values[names.index("finished")] = 1
    cachefile.write_cache(cache, kind, poisoned)
    fr = json.loads(invoke(runner, "status", "--json")[1])["rows"][0]
    assert fr["words"]["total"] == 0  # the cache answers while the code is the same
    monkeypatch.setattr(fingerprint, "code_fingerprint", lambda: "another build of transflow")
    monkeypatch.setattr(cachefile, "code_fingerprint", lambda: "another build of transflow")
    fr = json.loads(invoke(runner, "status", "--json")[1])["rows"][0]
    assert fr["words"]["total"] > 0 and fr["percent"] == 100.0


def test_memory_fills_entries_that_already_exist_untranslated(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": TEXT, "b.md": TEXT}, languages=("fr",))
    assert invoke(runner, "update")[0] == 0
    translate(root / "locales" / "fr" / "a.po", FRENCH)
    assert invoke(runner, "update", "--no-memory")[0] == 0
    assert not any(entry.msgstr for entry in polib.pofile(str(root / "locales" / "fr" / "b.po")))
    assert invoke(runner, "update")[0] == 0
    filled = polib.pofile(str(root / "locales" / "fr" / "b.po"))
    assert {entry.msgid: entry.msgstr for entry in filled} == FRENCH
    assert all("translation from memory (locales/fr/a.po)" in entry.tcomment for entry in filled)
    assert not any(entry.fuzzy for entry in filled)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_log_shows_every_verdict_in_the_history(project: Path, runner: CliRunner) -> None:
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    review = project / "locales" / "fr" / "a.review"
    source, translation = "Hands off the unions!", FRENCH["Hands off the unions!"]
    from transflow.review import render_review

    unit = next(e for e in polib.pofile(str(project / "locales" / "fr" / "a.po")) if e.msgid == source)
    unit_id = unit.occurrences[0][0].split(":")[1]
    hashes = (text_hash(source), text_hash(translation))
    review.write_text(render_review([ReviewRecord(unit_id, "rejected", *hashes, "Rita", "2026-11-01", "no")]))
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "rejected"], cwd=project, check=True)
    review.write_text(render_review([ReviewRecord(unit_id, "approved", *hashes, "Ann", "2026-11-02")]))
    code, out, _ = invoke(runner, "log", "a", "-l", "fr", "--unit", unit_id)
    assert code == 0 and "rejected" in out and "approved" in out


@needs_gettext
def test_msgmerge_changes_nothing_transflow_wrote(project: Path, runner: CliRunner, tmp_path: Path) -> None:
    (project / "transflow.toml").write_text(
        (project / "transflow.toml").read_text(encoding="utf-8") + 'report_bugs_to = "press@example.org"\n'
    )
    assert invoke(runner, "update")[0] == 0
    for language in ("fr", "de"):
        po_file = project / "locales" / language / "a.po"
        merged = tmp_path / f"{language}.po"
        subprocess.run(
            ["msgmerge", "-q", "--previous", str(po_file), str(project / "locales" / "templates" / "a.pot"),
             "-o", str(merged)],
            check=True,
        )  # fmt: skip
        assert merged.read_bytes() == po_file.read_bytes()
