"""The manifest, kits and review records are input too: nothing they say may delete outside the
build folder, inject a script on the board, drop an agency's work or raise a traceback."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import polib
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transflow.cli import main
from transflow.manifest import manifest_problem, read_manifest_file

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
TEXT = "Strike on 14/12/2015.\n\nHands off the unions!\n\nThe workers will not pay.\n"
FRENCH = {
    "Strike on 14/12/2015.": "Grève le 14/12/2015.",
    "Hands off the unions!": "Bas les pattes devant les syndicats !",
    "The workers will not pay.": "Les travailleurs ne paieront pas.",
}
EVIL = '<x-evil onload="alert(1)">&amp;"\'</x-evil><script>alert(2)</script>'
REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "docs" / "manifest.schema.json").read_text(encoding="utf-8"))


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run the CLI; any exception but a clean exit is a failure (a traceback a user would see)."""
    result = runner.invoke(main, list(args), env=ENV, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"transflow {' '.join(args)} raised {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


def translate(root: Path, answers: dict[str, str], language: str = "fr") -> None:
    po = polib.pofile(str(root / "locales" / language / "a.po"))
    for entry in po:
        entry.msgstr = answers.get(entry.msgid, entry.msgstr)
    po.save()


@pytest.fixture
def published(make_project: Callable[..., Path], runner: CliRunner) -> Path:
    """A project whose French output is built and published."""
    root = make_project({"a.txt": TEXT, "b.txt": "Another statement.\n"}, languages=("fr",))
    assert invoke(runner, "update")[0] == 0
    translate(root, FRENCH)
    assert invoke(runner, "build")[0] == 0
    assert (root / "build" / "fr" / "a.txt").is_file()
    return root


def _manifest(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))
    return data


def _write_manifest(root: Path, data: object) -> None:
    (root / "build" / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def _record(data: dict[str, Any], document: str) -> dict[str, Any]:
    (record,) = [item for item in data["documents"] if item["document"] == document]
    return record


# ---------------------------------------------------------------------------
# prune: only what transflow wrote, inside the build folder


@pytest.mark.parametrize(
    "output", ["../victim.txt", "source_texts/b.txt", "transflow.toml", "build/fr/b.txt"]
)
def test_prune_deletes_nothing_a_manifest_names_outside_what_transflow_wrote(
    published: Path, runner: CliRunner, output: str
) -> None:
    victim = published.parent / "victim.txt"
    victim.write_text("someone else's file\n", encoding="utf-8")
    (published / "build" / "fr" / "b.txt").write_text("published by hand\n", encoding="utf-8")
    data = _manifest(published)
    data["documents"].append(
        {
            "document": "gone.txt",
            "language": "fr",
            "status": "stale",
            "reason": "source removed",
            "preview": False,
            "percent": 100.0,
            "words": 3,
            "output": output,
            "sha256": {"output": None},
            "mode": "finished",
        }
    )
    _write_manifest(published, data)
    before = {path: path.read_bytes() for path in published.parent.rglob("*") if path.is_file()}
    code, _, err = invoke(runner, "build", "--prune")
    assert code == 0
    assert f"not pruned: {output}" in err
    for path, content in before.items():
        if path.name != "manifest.json":
            assert path.is_file() and path.read_bytes() == content, path


def test_prune_still_deletes_the_stale_output_transflow_wrote(published: Path, runner: CliRunner) -> None:
    (published / "source_texts" / "a.txt").unlink()
    assert invoke(runner, "build")[0] == 0
    assert _record(_manifest(published), "a.txt")["status"] == "stale"
    code, _, err = invoke(runner, "build", "--prune")
    assert code == 0 and err == ""
    assert not (published / "build" / "fr" / "a.txt").exists()


def test_prune_keeps_an_output_someone_changed_since_transflow_wrote_it(
    published: Path, runner: CliRunner
) -> None:
    (published / "source_texts" / "a.txt").unlink()
    invoke(runner, "build")
    output = published / "build" / "fr" / "a.txt"
    output.write_text("corrected by the web team\n", encoding="utf-8")
    _, _, err = invoke(runner, "build", "--prune")
    assert "not pruned: build/fr/a.txt is changed since transflow wrote it" in err
    assert output.read_text(encoding="utf-8") == "corrected by the web team\n"


# ---------------------------------------------------------------------------
# the manifest's types


@pytest.mark.hostile_manifest
@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("documents", 0, "sha256"), None),
        (("documents",), 5),
        (("documents", 0, "document"), ["a.txt"]),
        (("documents", 0, "stale_since"), "<script>alert(1)</script>"),
        (("documents", 0, "sha256", "output"), 7),
        (("build",), "3"),
        ((), []),
    ],
)
def test_a_manifest_of_the_wrong_types_is_one_warning_and_absent(
    published: Path, runner: CliRunner, path: tuple[str | int, ...], value: object
) -> None:
    data: Any = _manifest(published)
    if path:
        holder = data
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = value
    else:
        data = value
    _write_manifest(published, data)
    for command in (["status", "-l", "fr"], ["report", "--html", "board.html"]):
        code, _, err = invoke(runner, *command)
        assert code == 0, command
        assert err.count("\n") == 1 and err.startswith("warning: build/manifest.json: not a valid manifest")
    assert "<script>alert" not in (published / "board.html").read_text(encoding="utf-8")
    code, _, err = invoke(runner, "build")
    assert code == 0 and err.startswith("warning: build/manifest.json: not a valid manifest")
    assert manifest_problem(_manifest(published)) is None  # the build wrote a valid one
    assert invoke(runner, "build")[2] == ""


# ---------------------------------------------------------------------------
# the board escapes whatever comes from a file


class _Tags(HTMLParser):
    """Every tag and attribute name the page really has."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def _board_is_inert(page: str) -> None:
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "x-evil" not in parser.tags
    assert not any(name.startswith("on") for name in parser.attributes)
    assert "<x-evil" not in page and "<script" not in page


def test_hostile_values_everywhere_stay_text_on_the_board(published: Path, runner: CliRunner) -> None:
    # a manifest whose every string field is hostile (and valid: strings are strings)
    (published / "source_texts" / "a.txt").write_text(TEXT + "\nA new line.\n", encoding="utf-8")
    invoke(runner, "update")
    invoke(runner, "build")
    data = _manifest(published)
    for record in data["documents"]:
        for name in ("reason", "mode", "tag", "language_name", "native_name", "title", "output"):
            record[name] = EVIL
        record["reviewers"] = [EVIL]
        record["problems"] = [EVIL]
    data["documents"].append({**data["documents"][0], "document": EVIL, "language": EVIL, "status": "stale"})
    _write_manifest(published, data)
    # PO header, translations, review record, git author and commit message
    po_file = published / "locales" / "fr" / "a.po"
    po = polib.pofile(str(po_file))
    po.metadata["Last-Translator"] = EVIL
    po.metadata["Language-Team"] = EVIL
    po.find("Hands off the unions!").msgstr = EVIL
    po.find("A new line.").msgstr = EVIL
    po.save()
    source_hash = "0" * 12
    (published / "locales" / "fr" / "a.review").write_text(
        f"u00000000\tapproved\t{source_hash}\t{source_hash}\t{EVIL}\t2026-11-29\t{EVIL}\n", encoding="utf-8"
    )
    git = ["git", "-c", f"user.name={EVIL}", "-c", "user.email=e@x.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=published, check=True)
    subprocess.run([*git, "add", "-A"], cwd=published, check=True)
    subprocess.run([*git, "commit", "-qm", EVIL], cwd=published, check=True)
    invoke(runner, "report", "--html", "board.html")
    page = (published / "board.html").read_text(encoding="utf-8")
    _board_is_inert(page)
    assert "&lt;x-evil" in page  # shown, as text


# ---------------------------------------------------------------------------
# import never calls "applied" what it did not write


def test_a_unit_exported_before_update_is_not_applied_but_named(published: Path, runner: CliRunner) -> None:
    (published / "source_texts" / "a.txt").write_text(TEXT + "\nA line added since.\n", encoding="utf-8")
    assert invoke(runner, "export", "-l", "fr", "--format", "csv")[0] == 0  # before update
    kit = published / "kits" / "transflow-fr.csv"
    rows = list(csv.DictReader(io.StringIO(kit.read_text(encoding="utf-8"))))
    for row in rows:
        if row["source"] == "A line added since.":
            row["target"] = "Une ligne ajoutée depuis."
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    kit.write_text(out.getvalue(), encoding="utf-8")
    code, out_text, _ = invoke(runner, "import", str(kit))
    out_text = " ".join(out_text.split())
    assert code == 1
    assert "not in the PO: a.txt" in out_text and "run transflow update, then import again" in out_text
    assert "0 applied" not in out_text and "applied" not in out_text.replace("not applied", "")
    # after update, the same kit goes in
    invoke(runner, "update")
    code, out_text, _ = invoke(runner, "import", str(kit))
    assert code == 0 and "1 applied" in out_text
    assert polib.pofile(str(published / "locales" / "fr" / "a.po")).find("A line added since.").msgstr == (
        "Une ligne ajoutée depuis."
    )


# ---------------------------------------------------------------------------
# fuzz: random JSON in every manifest field, kit attribute and review field

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)
RECORD_FIELDS = sorted(SCHEMA["$defs"]["record"]["properties"])


def test_our_manifest_check_agrees_with_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (a test extra) validates manifests")
    validator = jsonschema.Draft202012Validator(SCHEMA)
    base = {
        "document": "a.txt",
        "language": "fr",
        "status": "built",
        "reason": None,
        "preview": False,
        "percent": 100.0,
        "words": 3,
        "output": "build/fr/a.txt",
        "sha256": {"output": "0" * 64, "source": None},
        "mode": "finished",
    }

    @settings(max_examples=400, deadline=None)
    @given(st.sampled_from(["", "build", *RECORD_FIELDS, "sha256.output", "extra"]), JSON_VALUES)
    def agrees(field: str, value: object) -> None:
        record: dict[str, Any] = {**base, "sha256": dict(base["sha256"])}
        data: dict[str, Any] = {"schema": "transflow.manifest/1", "build": 1, "documents": [record]}
        if field == "build":
            data["build"] = value
        elif field == "sha256.output":
            record["sha256"]["output"] = value
        elif field:
            record[field] = value
        else:
            data["documents"] = value
        assert (manifest_problem(data) is None) == validator.is_valid(data), (field, value)

    agrees()


@pytest.mark.hostile_manifest
def test_fuzz_manifest_fields_never_traceback_write_outside_or_inject(
    published: Path, runner: CliRunner
) -> None:
    po = polib.pofile(str(published / "locales" / "fr" / "b.po"))
    po[0].msgstr = "Une autre déclaration."
    po.save()
    invoke(runner, "build")
    (published / "source_texts" / "b.txt").unlink()
    invoke(runner, "build")  # b.txt is a stale record now
    pristine = _manifest(published)
    assert [record["status"] for record in pristine["documents"]] == ["built", "stale"]
    victim = published.parent / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    sources = (published / "source_texts" / "a.txt").read_bytes()

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(RECORD_FIELDS), st.sampled_from([0, 1]), JSON_VALUES | st.just(EVIL))
    def attack(field: str, which: int, value: object) -> None:
        data = json.loads(json.dumps(pristine))
        data["documents"][which][field] = value
        _write_manifest(published, data)
        for command in (["status", "-l", "fr"], ["report", "--html", "board.html"], ["build", "--prune"]):
            invoke(runner, *command)
            _write_manifest(published, data)
        _board_is_inert((published / "board.html").read_text(encoding="utf-8"))
        assert victim.read_text(encoding="utf-8") == "keep me\n"
        assert (published / "source_texts" / "a.txt").read_bytes() == sources
        # whatever it says, what transflow reads as a manifest is one by its schema too
        read = read_manifest_file(published / "build" / "manifest.json")
        if read.invalid is None:
            jsonschema = pytest.importorskip(
                "jsonschema", reason="jsonschema (a test extra) validates manifests"
            )
            assert jsonschema.Draft202012Validator(SCHEMA).is_valid(data)

    attack()


XLIFF_ATTRIBUTE = re.compile(r'(\s[\w:-]+=")([^"]*)(")')
ATTRIBUTE_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"&<'), max_size=12
)


@pytest.mark.parametrize("kind", ["xliff", "xliff12", "po", "csv"])
def test_fuzz_kit_attributes_never_traceback_or_write_outside(
    published: Path, runner: CliRunner, kind: str
) -> None:
    assert invoke(runner, "export", "-l", "fr", "--format", kind)[0] == 0
    kit = next(path for path in (published / "kits").rglob("*") if path.is_file())
    exported = kit.read_text(encoding="utf-8")
    outside = {path: path.stat().st_mtime_ns for path in published.parent.iterdir() if path.is_file()}
    po_file = published / "locales" / "fr" / "a.po"

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def attack(data: st.DataObject) -> None:
        if kind in ("xliff", "xliff12"):
            places = list(XLIFF_ATTRIBUTE.finditer(exported))
            place = places[data.draw(st.integers(0, len(places) - 1))]
            value = data.draw(ATTRIBUTE_TEXT)
            text = exported[: place.start(2)] + value + exported[place.end(2) :]
        elif kind == "csv":
            rows = list(csv.reader(io.StringIO(exported)))
            row = data.draw(st.integers(0, len(rows) - 1))
            column = data.draw(st.integers(0, len(rows[row]) - 1))
            rows[row][column] = data.draw(st.text(max_size=12) | st.just(EVIL))
            out = io.StringIO()
            csv.writer(out).writerows(rows)
            text = out.getvalue()
        else:
            lines = exported.splitlines(keepends=True)
            number = data.draw(st.integers(0, len(lines) - 1))
            lines[number] = data.draw(st.sampled_from(['"Language: ', "#: ", "msgctxt ", '"X-Unit: ']))
            lines[number] += json.dumps(data.draw(st.text(max_size=12)))[1:-1] + '"\n'
            text = "".join(lines)
        kit.write_text(text, encoding="utf-8")
        invoke(runner, "import", str(kit), "--dry-run")
        invoke(runner, "import", str(kit))
        polib.pofile(str(po_file))  # still a PO file
        assert {p: p.stat().st_mtime_ns for p in published.parent.iterdir() if p.is_file()} == outside

    attack()


REVIEW_FIELD = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n\r"), max_size=16
)


def test_fuzz_review_record_fields_never_traceback(published: Path, runner: CliRunner) -> None:
    review_file = published / "locales" / "fr" / "a.review"
    invoke(runner, "review", "a.txt", "-l", "fr", "--approve", "--by", "Maria")
    good = review_file.read_text(encoding="utf-8").splitlines()[-1].split("\t")

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.integers(0, 6), REVIEW_FIELD | st.just(EVIL))
    def attack(field: int, value: str) -> None:
        fields = [*good, ""][:7]
        fields[field] = value
        review_file.write_text("\t".join(fields) + "\n", encoding="utf-8")
        for command in (
            ["status", "a.txt", "-l", "fr"],
            ["build", "--require-review"],
            ["log", "a.txt", "-l", "fr"],
            ["report", "--html", "board.html"],
        ):
            invoke(runner, *command)
        _board_is_inert((published / "board.html").read_text(encoding="utf-8"))

    attack()


def test_a_review_date_that_is_no_date_is_an_error_not_a_manifest_field(
    published: Path, runner: CliRunner
) -> None:
    review_file = published / "locales" / "fr" / "a.review"
    invoke(runner, "review", "a.txt", "-l", "fr", "--approve", "--by", "Maria")
    lines = review_file.read_text(encoding="utf-8").splitlines()
    fields = lines[-1].split("\t")
    fields[5] = "<b>yesterday</b>"
    review_file.write_text("\n".join([*lines[:-1], "\t".join(fields)]) + "\n", encoding="utf-8")
    code, _, err = invoke(runner, "build", "--require-review")
    assert code == 1 and "the date of a review line is not YYYY-MM-DD" in err
    record = _record(_manifest(published), "a.txt")
    assert record["status"] == "error" and record.get("reviewed") is None
    assert manifest_problem(_manifest(published)) is None
