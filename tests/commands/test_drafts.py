"""Machine drafts (`update --mt`): only empty units, always fuzzy, protected tokens, safe engines."""

from __future__ import annotations

import json
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transflow.cli import main
from transflow.mt import protect, restore

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
TEXT = (
    "The strike of 14/12/2015 was called by PAME.\n\n"
    "Read our [proposals](https://kke.gr/x) for the working class.\n\n"
    "Hands off the unions!\n"
)
# a fake engine: "translates" by putting each word in capitals, tokens left alone; a word
# DROP makes it lose the first token, as an engine that rewrites a figure would
FAKE = r"""
import re, sys
def translate(line):
    if "DROP" in line:
        line = re.sub(r"\{1\}", "", line, count=1)
    return re.sub(r"[^\W\d_]+", lambda m: m.group().upper(), line)
sys.stdout.write("\n".join(translate(line) for line in sys.stdin.read().split("\n")))
"""


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def _config(root: Path, engine: str, terms: str = "") -> None:
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write('[glossary]\nkeep = ["PAME"]\n[glossary.es]\n"working class" = "clase obrera"\n' + terms)
        handle.write(engine)


@pytest.fixture
def fake_project(make_project: Callable[..., Path], tmp_path: Path, runner: CliRunner) -> Path:
    root = make_project({"a.md": TEXT}, languages=("es",))
    script = tmp_path / "fake_engine.py"
    script.write_text(FAKE, encoding="utf-8")
    _config(
        root,
        f'[mt]\nengine = "command"\ncommand = [{json.dumps(sys.executable)}, "{script}"]\nname = "fake 1.0"\n',
    )
    assert invoke(runner, "update")[0] == 0
    return root


def _entries(root: Path) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(root / "locales" / "es" / "a.po"))}


def test_protected_tokens_come_back_or_the_draft_is_discarded() -> None:
    shielded = protect("On 14/12/2015 see <1>this</1> at https://kke.gr/ with KKE.", keep=["KKE"])
    assert shielded.text == "On {1} see {2}this{3} at {4} with {5}."
    assert restore("El {1} ver {2}esto{3} en {4} con {5}.", shielded) == (
        "El 14/12/2015 ver <1>esto</1> en https://kke.gr/ con KKE."
    )
    assert restore("El {1} ver {2}esto{3} en {4}.", shielded) is None  # a token lost
    assert restore("El {1} {1} ver {2}esto{3} en {4} con {5}.", shielded) is None  # repeated
    # the glossary's target term is what comes back, whatever the engine made of the token
    terms = protect("for the working class", terms=[("working class", "clase obrera")])
    assert restore("para la {1}", terms) == "para la clase obrera"
    # a figure inside a compound is the engine's to translate (Apertium mangles "{2}-hour")
    assert (
        protect("a **24-hour strike** in R-3, 5th of 12.5%.").text
        == "a {1}24-hour strike{2} in R-3, 5th of {3}."
    )


def test_only_empty_units_get_a_fuzzy_draft_with_its_note(fake_project: Path, runner: CliRunner) -> None:
    po_file = fake_project / "locales" / "es" / "a.po"
    po = polib.pofile(str(po_file))
    po.find("Hands off the unions!").msgstr = "¡Manos fuera de los sindicatos!"
    po.save()
    code, out, _ = invoke(runner, "update", "--mt")
    assert code == 0, out
    entries = _entries(fake_project)
    strike = entries["The strike of 14/12/2015 was called by PAME."]
    assert strike.msgstr == "THE STRIKE OF 14/12/2015 WAS CALLED BY PAME."  # figure and keep term intact
    assert "fuzzy" in strike.flags and strike.tcomment == "transflow: check machine translation (fake 1.0)"
    proposals = entries["Read our [proposals](https://kke.gr/x) for the working class."]
    assert proposals.msgstr == "READ OUR [PROPOSALS](https://kke.gr/x) FOR THE clase obrera."
    assert (
        entries["Hands off the unions!"].msgstr == "¡Manos fuera de los sindicatos!"
    )  # a person's: untouched
    assert "fuzzy" not in entries["Hands off the unions!"].flags
    assert "es (fake 1.0): 2 unit(s) got a fuzzy draft" in " ".join(out.split())
    # without --mt nothing is drafted, and a second --mt finds nothing left to draft
    assert invoke(runner, "update", "--mt", "--json")[0] == 0
    report = json.loads(invoke(runner, "update", "--mt", "--json")[1])
    assert report["machine_drafts"] == [
        {"language": "es", "engine": "fake 1.0", "drafted": 0, "discarded": 0, "unusable": 0, "written": []}
    ]


def test_a_machine_draft_is_never_published_or_bulk_approved(fake_project: Path, runner: CliRunner) -> None:
    invoke(runner, "update", "--mt")
    status = json.loads(invoke(runner, "status", "-l", "es", "--json")[1])
    assert status["rows"][0]["segments"]["fuzzy"] == 3 and status["rows"][0]["segments"]["translated"] == 0
    assert invoke(runner, "build")[0] == 0
    assert not (fake_project / "build" / "es" / "a.md").exists()
    out = invoke(runner, "review", "a.md", "-l", "es", "--approve", "--by", "Eleni")[1]
    assert out.count("a draft transflow made: a person must read it") == 3, out
    # a person reads the draft and clears the fuzzy flag: now a translation, the note goes
    po = polib.pofile(str(fake_project / "locales" / "es" / "a.po"))
    for entry in po:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save()
    invoke(runner, "update")
    entry = _entries(fake_project)["The strike of 14/12/2015 was called by PAME."]
    assert "fuzzy" not in entry.flags and "machine translation" not in entry.tcomment


def test_a_draft_that_loses_a_token_is_discarded_and_counted(
    make_project: Callable[..., Path], tmp_path: Path, runner: CliRunner
) -> None:
    root = make_project({"a.txt": "DROP the strike of 14/12/2015.\n\nHands off!\n"}, languages=("es",))
    script = tmp_path / "fake_engine.py"
    script.write_text(FAKE, encoding="utf-8")
    _config(root, f'[mt.es]\nengine = "command"\ncommand = [{json.dumps(sys.executable)}, "{script}"]\n')
    invoke(runner, "update")
    code, out, _ = invoke(runner, "update", "--mt")
    assert code == 0 and "1 discarded (a figure, link, placeholder or term did not come back)" in " ".join(
        out.split()
    )
    entries = {entry.msgid: entry for entry in polib.pofile(str(root / "locales" / "es" / "a.po"))}
    assert entries["DROP the strike of 14/12/2015."].msgstr == ""
    assert entries["Hands off!"].msgstr == "HANDS OFF!"


def test_engine_mistakes_are_one_line_each(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": "Hands off!\n"}, languages=("es",))
    invoke(runner, "update")
    code, _, err = invoke(runner, "update", "--mt")
    assert code == 2 and "no machine translation engine in the config" in err
    _config(root, '[mt]\nengine = "command"\ncommand = ["no-such-translator-xyz"]\n')
    code, _, err = invoke(runner, "update", "--mt")
    assert code == 1 and "engine is not installed: 'no-such-translator-xyz' not found" in err
    assert "Traceback" not in err and _read(root)["Hands off!"].msgstr == ""
    config = (root / "transflow.toml").read_text(encoding="utf-8")
    (root / "transflow.toml").write_text(
        config.replace(
            'command = ["no-such-translator-xyz"]',
            f'command = [{json.dumps(sys.executable)}, "-c", "import time; time.sleep(5)"]\ntimeout = 0.5',
        ),
        encoding="utf-8",
    )
    code, _, err = invoke(runner, "update", "--mt")
    assert code == 1 and "gave no answer in 0.5 s" in err
    (root / "transflow.toml").write_text(
        config.replace('engine = "command"', 'engine = "magic"'), encoding="utf-8"
    )
    code, _, err = invoke(runner, "update", "--mt")
    assert code == 2 and 'mt.engine must be "command" or "http"' in err


def _read(root: Path) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(root / "locales" / "es" / "a.po"))}


class _LibreTranslate(BaseHTTPRequestHandler):
    """A LibreTranslate-style server on loopback: POST /translate {q, source, target}."""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        answer = json.dumps({"translatedText": f"[{body['target']}] {body['q']}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def libretranslate() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _LibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/translate"
    server.shutdown()


def test_an_http_engine_on_loopback_and_a_remote_one_refused(
    make_project: Callable[..., Path], runner: CliRunner, libretranslate: str
) -> None:
    root = make_project({"a.txt": "Hands off the unions on 14/12/2015!\n"}, languages=("es",))
    invoke(runner, "update")
    _config(root, f'[mt.es]\nengine = "http"\nurl = "{libretranslate}"\n')
    code, _, err = invoke(runner, "update", "--mt")
    assert code == 0, err
    assert (
        _read(root)["Hands off the unions on 14/12/2015!"].msgstr
        == "[es] Hands off the unions on 14/12/2015!"
    )
    config = (root / "transflow.toml").read_text(encoding="utf-8")
    (root / "transflow.toml").write_text(
        config.replace(libretranslate, "https://translate.example.com/translate")
    )
    po = polib.pofile(str(root / "locales" / "es" / "a.po"))
    po[0].msgstr = ""
    po[0].flags = []
    po.save()
    code, _, err = invoke(runner, "update", "--mt")
    assert code == 1 and "refusing to send statements to 'translate.example.com'" in err
    assert 'allow_hosts = ["translate.example.com"]' in err and _read(root)[po[0].msgid].msgstr == ""


@pytest.mark.skipif(
    shutil.which("apertium") is None, reason="Apertium is not installed (apt-get install apertium-eng-spa)"
)
def test_apertium_drafts_the_sample_statements_with_figures_links_and_terms(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    sample = Path(__file__).resolve().parents[2] / "source_texts" / "2025"
    sources = {
        name: (sample / name).read_text(encoding="utf-8")
        for name in ("housing-rally.html", "teachers-strike.md")
    }
    root = make_project(sources, languages=("es",))
    _config(
        root,
        '[mt.es]\nengine = "command"\ncommand = ["apertium", "-u", "eng-spa"]\n',
        terms='"Public housing" = "Vivienda social"\n',
    )
    invoke(runner, "update")
    code, _, err = invoke(runner, "update", "--mt")
    assert code == 0, err
    po = {entry.msgid: entry for entry in polib.pofile(str(root / "locales" / "es" / "housing-rally.po"))}
    rents = po["Rents in Athens rose by 12.5% in 2024, while wages rose by 3%."]
    assert (
        "fuzzy" in rents.flags and "12.5%" in rents.msgstr and "2024" in rents.msgstr and "3%" in rents.msgstr
    )
    assert "Atenas" in rents.msgstr  # a Spanish draft
    assert po["Read our <1>proposals</1> for a public housing programme."].msgstr.count("<1>") == 1
    # the glossary's term, not the engine's ("Alojamiento público")
    assert po["Public housing for young people"].msgstr.startswith("Vivienda social")
    md = {entry.msgid: entry for entry in polib.pofile(str(root / "locales" / "es" / "teachers-strike.po"))}
    contact = md["Contact the press office at `press@example.org` for interviews."]
    assert "`press@example.org`" in contact.msgstr
    # the drafts pass the checks that guard publication: figures, links, markup
    findings = json.loads(invoke(runner, "check", "--json")[1])["findings"]
    assert not [
        item
        for item in findings
        if item["check"] in ("figures", "urls", "markup") and item["severity"] == "error"
    ]


def test_status_the_board_and_analyze_show_machine_drafts_apart(
    fake_project: Path, runner: CliRunner
) -> None:
    invoke(runner, "update", "--mt")
    out = invoke(runner, "status")[1]
    assert "of the fuzzy segments, 3 are machine drafts nobody has read yet" in " ".join(out.split())
    report = json.loads(invoke(runner, "status", "--json")[1])
    assert report["rows"][0]["segments"]["machine_drafts"] == 3
    segments = invoke(runner, "status", "a.md", "-l", "es")[1]
    assert segments.count("machine draft") == 3
    rows = json.loads(invoke(runner, "status", "a.md", "-l", "es", "--json")[1])["rows"]
    assert [row["draft"] for row in rows] == ["machine draft"] * 3
    (row,) = json.loads(invoke(runner, "analyze", "--json")[1])["rows"]
    assert row["bands"]["machine draft"] == row["to_translate"] > 0  # not a 95-99% memory match
    assert row["bands"]["95-99%"] == 0
    table = invoke(runner, "analyze")[1]
    assert " MT " in table and "MT = machine drafts to read" in " ".join(table.split())
    assert invoke(runner, "report", "--html", "board.html")[0] == 0
    board = (fake_project / "board.html").read_text(encoding="utf-8")
    assert "<b>3</b> machine drafts to read" in board and "<small>machine draft</small>" in board


def test_an_approval_that_names_a_machine_draft_makes_it_a_translation(
    fake_project: Path, runner: CliRunner
) -> None:
    invoke(runner, "update", "--mt")
    rows = json.loads(invoke(runner, "status", "a.md", "-l", "es", "--json")[1])["rows"]
    strike = next(row for row in rows if row["source"].startswith("The strike"))
    code, out, _ = invoke(
        runner, "review", "a.md", "-l", "es", "--approve", "--unit", strike["ref"], "--by", "Eleni"
    )
    assert code == 0 and "1 approved by Eleni" in out
    entry = _entries(fake_project)["The strike of 14/12/2015 was called by PAME."]
    assert "fuzzy" not in entry.flags
    rows = json.loads(invoke(runner, "status", "a.md", "-l", "es", "--json")[1])["rows"]
    states = {row["source"][:10]: row["state"] for row in rows}
    assert states["The strike"] == "translated" and states["Hands off "] == "fuzzy"  # only the one named
