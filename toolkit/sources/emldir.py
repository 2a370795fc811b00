"""A folder tree of .eml files (one message each), read in sorted path order.

Symlinked folders are followed; ``Walk`` makes sure a loop or a second link to
a folder or file does not read anything twice.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .walk import Walk, is_dir

FORMAT = "emldir"
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")


def _is_eml(name: str) -> bool:
    return name.lower().endswith(".eml")


def matches(path: Path) -> bool:
    """A folder holding .eml files at any depth (symlinked folders are not searched for this)."""
    if not is_dir(path):
        return False
    pending = [path]
    while pending:  # a stack: no recursion limit on deep trees, and symlinks not followed: no loops
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
                    elif _is_eml(entry.name) and entry.is_file():
                        return True
        except OSError:
            continue
    return False


def list_files(path: Path, walk: Walk) -> tuple[str, ...]:
    """The .eml files under ``path`` (already entered by ``walk``), relative to it."""
    found: list[str] = []
    pending = [path]
    while pending:  # a stack, not recursion: a hostile tree may be thousands of folders deep
        folder = pending.pop()
        for name in walk.entries(folder):
            child = folder / name
            if is_dir(child):
                if walk.enter(child):
                    pending.append(child)
            elif _is_eml(name) and walk.regular_file(child):
                found.append(child.relative_to(path).as_posix())
    return tuple(sorted(found))


def looks_like_message(path: Path) -> bool:
    """A file without a telling name whose first line is a header field."""
    with open(path, "rb") as handle:
        return bool(_HEADER_LINE.match(handle.read(1000).lstrip(b"\r\n")))
