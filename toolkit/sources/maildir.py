"""Maildir (and Maildir++ subfolders): one message per file in cur/ and new/."""
from __future__ import annotations

from pathlib import Path

FORMAT = "maildir"


def matches(path: Path) -> bool:
    return path.is_dir() and ((path / "cur").is_dir() or (path / "new").is_dir())


def folders(path: Path) -> list[Path]:
    """The folder itself and its Maildir++ subfolders (``.Sent``, ``.Junk``, ...)."""
    subs = sorted(p for p in path.iterdir() if p.name.startswith(".") and matches(p))
    return [path, *subs]


def list_files(path: Path) -> tuple[str, ...]:
    files = []
    for sub in ("cur", "new"):
        folder = path / sub
        if folder.is_dir():
            files += [f"{sub}/{p.name}" for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")]
    return tuple(sorted(files))
