"""MH folders: messages are files with numeric names, read in numeric order."""
from __future__ import annotations

from pathlib import Path

FORMAT = "mh"


def _numbered(path: Path) -> list[Path]:
    return [p for p in path.iterdir() if p.is_file() and p.name.isdigit()]


def matches(path: Path) -> bool:
    return path.is_dir() and ((path / ".mh_sequences").exists() or bool(_numbered(path)))


def list_files(path: Path) -> tuple[str, ...]:
    return tuple(p.name for p in sorted(_numbered(path), key=lambda p: int(p.name)))
