"""Confinement: nothing is read or written through a symbolic link that leads outside the
project (a cloned repository can carry such links)."""

from __future__ import annotations

from pathlib import Path

from .errors import TransflowError


class Confinement:
    """Answers whether a path stays inside a folder once symbolic links are followed.

    A cloned repository can carry links; nothing is read or written through one that
    leads outside the project. Resolved folders are remembered: a run asks about many
    files in few folders.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._folders: dict[Path, bool] = {}
        self._named: dict[str, bool] = {}

    def _inside(self, resolved: Path) -> bool:
        return resolved == self.root or resolved.is_relative_to(self.root)

    def allows(self, path: Path) -> bool:
        folder = path.parent
        inside = self._folders.get(folder)
        if inside is None:
            inside = self._folders[folder] = self._inside(folder.resolve())
        if not inside:
            return False
        return not path.is_symlink() or self._inside(path.resolve())

    def folder_allows(self, folder: str) -> bool:
        """The folder (a plain string path) resolves inside: cached, for hot loops."""
        inside = self._named.get(folder)
        if inside is None:
            inside = self._named[folder] = self._inside(Path(folder).resolve())
        return inside

    def check(self, path: Path, shown_path: Path | str) -> None:
        """Raise when ``path`` leads outside; the error names it as ``shown_path``."""
        if not self.allows(path):
            raise TransflowError(
                "leads outside the project through a symbolic link: not read or written",
                path=shown_path,
                hint="replace the link with a real folder or file inside the project",
            )
