"""Calling machine translation engines: a local program, or a JSON server on this machine.

A ``command`` engine reads source text on stdin and writes the translation on stdout, a
line each (Apertium, gettext's msgpre, a site's own script), within a time limit. An
``http`` engine is a LibreTranslate, Apertium-APy or ollama server; statements under embargo
stay in the building: only loopback addresses are reached unless the config allow-lists a host.
No engine is downloaded or installed by transflow.
"""

from __future__ import annotations

import ipaddress
import json
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence

from .errors import TransflowError
from .mt import Engine


class EngineError(TransflowError):
    """An engine that is not there, fails, or may not be reached."""

    exit_code = 1


def translate(engine: Engine, texts: Sequence[str], source_language: str, language: str) -> list[str]:
    """The engine's translation of each text, in order."""
    if not texts:
        return []
    if engine.kind == "command":
        return _by_command(engine, texts)
    _refuse_remote(engine)
    return [_by_http(engine, text, source_language, language) for text in texts]


def _by_command(engine: Engine, texts: Sequence[str]) -> list[str]:
    """With ``batch``, every text in one call, a blank line between two: a line-based tool
    passes blank lines through, and Apertium treats one as the end of a paragraph (with a
    single newline it reorders words across two units: "in Athens" + "Rally" -> "Rally de
    Atenas"). When the answer does not split into as many texts, one call per text."""
    if engine.batch and len(texts) > 1:
        answer = _run(engine, "\n\n".join(texts) + "\n").strip("\n")
        parts = answer.split("\n\n")
        if len(parts) == len(texts):
            return parts
    return [_run(engine, text + "\n").strip("\n") for text in texts]


def _run(engine: Engine, text: str) -> str:
    try:
        done = subprocess.run(
            list(engine.command),
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=engine.timeout,
            check=False,
        )
    except FileNotFoundError:
        raise EngineError(
            f"the machine translation engine is not installed: {engine.command[0]!r} not found",
            hint="install it (Apertium English-Spanish: apt-get install apertium-eng-spa) or fix the command",
        ) from None
    except subprocess.TimeoutExpired:
        raise EngineError(
            f"{engine.label} gave no answer in {engine.timeout:g} s",
            hint="raise [mt] timeout or check the engine",
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise EngineError(
            f"{engine.label} failed (exit {done.returncode})" + (f": {said[-1]}" if said else ""),
            hint="run the command by hand to see why",
        )
    return done.stdout.decode("utf-8", "replace")


def _refuse_remote(engine: Engine) -> None:
    host = urllib.parse.urlsplit(engine.url).hostname or ""
    if host in engine.allow_hosts or host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise EngineError(
        f"refusing to send statements to {host or engine.url!r}: engines are reached on this machine only",
        hint=f'allow the host explicitly with [mt] allow_hosts = ["{host}"]',
    )


def _by_http(engine: Engine, text: str, source_language: str, language: str) -> str:
    source, target = source_language.split("_")[0], language.split("_")[0]
    if engine.api == "apertium-apy":
        query = urllib.parse.urlencode({"langpair": f"{source}|{target}", "q": text})
        request = urllib.request.Request(f"{engine.url}?{query}")
    else:
        if engine.api == "ollama":
            body: dict[str, object] = {
                "model": engine.model,
                "stream": False,
                "prompt": (
                    f"Translate this text from {source} to {target}. Keep every token such as {{1}} "
                    f"exactly as it is. Reply with the translation only.\n\n{text}"
                ),
            }
        else:
            body = {"q": text, "source": source, "target": target, "format": "text"}
        request = urllib.request.Request(
            engine.url, data=json.dumps(body).encode("utf-8"), headers={"Content-Type": "application/json"}
        )
    try:
        with urllib.request.urlopen(request, timeout=engine.timeout) as response:
            answer = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as problem:
        raise EngineError(f"{engine.label} at {engine.url} did not answer: {problem}") from None
    try:
        if engine.api == "apertium-apy":
            return str(answer["responseData"]["translatedText"])
        if engine.api == "ollama":
            return str(answer["response"]).strip()
        return str(answer["translatedText"])
    except (KeyError, TypeError):
        raise EngineError(
            f"{engine.label} at {engine.url} answered something else than a translation"
        ) from None
