"""MH folders: messages are files with numeric names, read in numeric order."""
from __future__ import annotations

from pathlib import Path

from .walk import Walk, is_dir


def _numbered(path: Path) -> list[str]:
    try:
        return [p.name for p in path.iterdir() if p.name.isdigit() and p.is_file()]
    except OSError:
        return []


FORMAT = "mh"


def matches(path: Path) -> bool:
    return is_dir(path) and ((path / ".mh_sequences").exists() or bool(_numbered(path)))


def list_files(path: Path, walk: Walk) -> tuple[str, ...]:
    names = [name for name in walk.entries(path) if name.isdigit() and walk.regular_file(path / name)]
    return tuple(sorted(names, key=int))
