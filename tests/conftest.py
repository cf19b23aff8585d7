"""Shared fixtures: sample projects on tmp_path, and the real GNU gettext tools."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "statement.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"

needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("msgcat") is None,
    reason="GNU gettext (msgfmt, msgcat) is not installed: apt-get install gettext",
)


def gettext_check(path: Path) -> None:
    """msgfmt -c accepts the file and msgcat rewrites it byte for byte."""
    checked = subprocess.run(
        ["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, f"msgfmt -c rejected {path}: {checked.stderr}"
    catted = subprocess.run(["msgcat", str(path)], capture_output=True)
    assert catted.returncode == 0, catted.stderr
    assert catted.stdout == path.read_bytes(), f"msgcat changed {path}"


@pytest.fixture
def seed_bytes() -> bytes:
    if not SEED.exists():
        pytest.skip(f"the shared seed statement is not beside the repository ({SEED})")
    return SEED.read_bytes()


@pytest.fixture
def make_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """A project folder with a config and the given sources; the cwd moves into it."""

    def make(
        sources: dict[str, bytes | str], languages: tuple[str, ...] = ("fr", "el"), **settings: str
    ) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        quoted = ", ".join(f'"{code}"' for code in languages)
        extra = "".join(f'{key} = "{value}"\n' for key, value in settings.items())
        (root / "transflow.toml").write_text(
            f'project = "test"\nsource_language = "en"\nlanguages = [{quoted}]\n{extra}', encoding="utf-8"
        )
        for name, content in sources.items():
            path = root / "source_texts" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        monkeypatch.chdir(root)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732000000")
        return root

    return make


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's sample project; the cwd moves into it."""
    root = tmp_path / "sample"
    root.mkdir()
    shutil.copy2(REPO / "transflow.toml", root / "transflow.toml")
    for name in ("source_texts", "locales"):
        shutil.copytree(REPO / name, root / name)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


MANIFEST_SCHEMA = REPO / "docs" / "manifest.schema.json"


@pytest.fixture(autouse=True)
def every_manifest_matches_its_schema(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[None]:
    """Every build/manifest.json a test leaves behind is valid against docs/manifest.schema.json
    (but those a hostile_manifest test writes on purpose)."""
    yield
    if request.node.get_closest_marker("hostile_manifest"):
        return
    manifests = sorted(tmp_path.rglob("manifest.json"))
    if not manifests:
        return
    import jsonschema  # a test extra

    validator = jsonschema.Draft202012Validator(json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8")))
    for path in manifests:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("schema") == "transflow.manifest/1":
            errors = sorted(validator.iter_errors(data), key=str)
            assert not errors, f"{path} does not match the manifest schema: {errors[0].message}"


@pytest.fixture(autouse=True, scope="session")
def a_cache_folder_of_the_tests_own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Kept help answers and locale facts go to the user's cache folder: the tests' own, never
    the real one."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous
