"""French grammar through Grammalecte, where it is installed: an optional check.

Grammalecte is pure Python; Debian ships it as ``python3-grammalecte`` for the system's
Python, so where it cannot be imported it is loaded from the system's ``dist-packages``.
Its own spelling findings are left out (the spelling check speaks for words).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

_SYSTEM_PLACES = (Path("/usr/lib/python3/dist-packages"), Path("/usr/share/grammalecte"))
_PLACEHOLDER = re.compile(r"</?\d+/?>")


@lru_cache(maxsize=1)
def _checker() -> Any | None:
    try:
        import grammalecte  # type: ignore[import-not-found]
    except ImportError:
        grammalecte = _from_system()
        if grammalecte is None:
            return None
    return grammalecte.GrammarChecker("fr")


def _from_system() -> Any | None:
    for place in _SYSTEM_PLACES:
        init = place / "grammalecte" / "__init__.py"
        if not init.is_file():
            continue
        spec = importlib.util.spec_from_file_location(
            "grammalecte", init, submodule_search_locations=[str(init.parent)]
        )
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        sys.modules["grammalecte"] = module
        try:
            spec.loader.exec_module(module)
        except Exception:
            del sys.modules["grammalecte"]
            continue
        return module
    return None


def available() -> bool:
    return _checker() is not None


def grammar_findings(translation: str) -> list[str]:
    """Grammalecte's grammar and typography findings on a French text, a message each."""
    checker = _checker()
    if checker is None:
        return []
    text = _PLACEHOLDER.sub("", translation)
    grammar, _spelling = checker.getParagraphErrors(text, bSpellSugg=False)
    messages = []
    for error in sorted(grammar, key=lambda found: (found["nStart"], found["nEnd"])):
        quoted = text[error["nStart"] : error["nEnd"]]
        suggestions = [suggestion for suggestion in error.get("aSuggestions", [])[:3] if suggestion != quoted]
        tail = f" (→ {' / '.join(_visible(s) for s in suggestions)})" if suggestions else ""
        messages.append(f"«{quoted}»: {' '.join(str(error['sMessage']).split())}{tail}")
    return messages


def _visible(text: str) -> str:
    """A suggestion whose spaces can be told apart: no-break spaces named."""
    return "“" + text.replace("\u202f", "[narrow no-break space]").replace("\xa0", "[no-break space]") + "”"
