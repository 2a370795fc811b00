"""Walking the user's folders so that each folder and each physical file is met once.

Symlinks are followed, but a folder or file already met (same device and inode:
a symlink loop, a link to a sibling, a hard link, a folder given twice) is not
read again. What cannot be entered or read (a symlink loop, a broken link, a
folder without permission) becomes a warning, never an exception.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_WHY = {errno.ELOOP: "a symlink loop", errno.ENOENT: "a broken symlink", errno.EACCES: "permission denied",
        errno.ENAMETOOLONG: "path too long"}


def why(exc: OSError) -> str:
    """A short reason for an OSError met while walking or reading."""
    return _WHY.get(exc.errno, exc.strerror or type(exc).__name__)


class Walk:
    """The folders and files met so far, and the warnings about what was passed over."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings
        self._dirs: dict[tuple[int, int], Path] = {}
        self._files: dict[tuple[int, int], Path] = {}

    def _stat(self, path: Path, what: str) -> os.stat_result | None:
        try:
            return os.stat(path)
        except OSError as exc:
            self.warnings.append(f"{path}: {what} skipped ({why(exc)})")
            return None

    def _first_time(self, seen: dict, st: os.stat_result, path: Path, what: str) -> bool:
        key = (st.st_dev, st.st_ino)
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = path
            return True
        if earlier != path:
            self.warnings.append(f"{path}: the same {what} as {earlier} (a link): read once")
        return False

    def enter(self, folder: Path) -> bool:
        """True the first time a folder is met; a folder met again is skipped (a warning if by another path)."""
        st = self._stat(folder, "folder")
        if st is None or not stat.S_ISDIR(st.st_mode):
            return False
        return self._first_time(self._dirs, st, folder, "folder")

    def regular_file(self, path: Path) -> bool:
        """True the first time a regular file (through symlinks) is met."""
        st = self._stat(path, "file")
        if st is None:
            return False
        if not stat.S_ISREG(st.st_mode):
            if not stat.S_ISDIR(st.st_mode):  # a FIFO or a device would block or never end
                self.warnings.append(f"{path}: skipped, not a regular file")
            return False
        return self._first_time(self._files, st, path, "file")

    def entries(self, folder: Path) -> list[str]:
        """The names in a folder, sorted; a folder that cannot be listed gives a warning and none."""
        try:
            return sorted(os.listdir(folder))
        except OSError as exc:
            self.warnings.append(f"{folder}: folder skipped ({why(exc)})")
            return []


def is_dir(path: Path) -> bool:
    """A folder, through symlinks; False for anything that cannot be stat'ed."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False
