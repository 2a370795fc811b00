"""Maildir (and Maildir++ subfolders): one message per file in cur/ and new/."""
from __future__ import annotations

from pathlib import Path

from .walk import Walk, is_dir

FORMAT = "maildir"


def matches(path: Path) -> bool:
    return is_dir(path) and (is_dir(path / "cur") or is_dir(path / "new"))


def folders(path: Path, walk: Walk) -> list[Path]:
    """The folder itself and its Maildir++ subfolders (``.Sent``, ``.Junk``, ...), each once."""
    subs = [path / name for name in walk.entries(path) if name.startswith(".") and name not in (".", "..")]
    return [path, *(p for p in subs if matches(p) and walk.enter(p))]


def list_files(path: Path, walk: Walk) -> tuple[str, ...]:
    files = []
    for sub in ("cur", "new"):
        folder = path / sub
        if is_dir(folder):
            files += [f"{sub}/{name}" for name in walk.entries(folder)
                      if not name.startswith(".") and walk.regular_file(folder / name)]
    return tuple(sorted(files))
