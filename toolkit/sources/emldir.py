"""A folder tree of .eml files (one message each), read in sorted path order."""
from __future__ import annotations

import re
from pathlib import Path

FORMAT = "emldir"
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")


def _eml_files(path: Path):
    return (p for p in path.rglob("*") if p.suffix.lower() == ".eml" and p.is_file())


def matches(path: Path) -> bool:
    return path.is_dir() and next(_eml_files(path), None) is not None


def list_files(path: Path) -> tuple[str, ...]:
    return tuple(sorted(p.relative_to(path).as_posix() for p in _eml_files(path)))


def looks_like_message(path: Path) -> bool:
    """A file without a telling name whose first line is a header field."""
    with open(path, "rb") as handle:
        return bool(_HEADER_LINE.match(handle.read(1000).lstrip(b"\r\n")))
