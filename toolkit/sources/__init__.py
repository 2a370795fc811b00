"""Mailbox readers: find the mailboxes under a path and stream their raw messages.

Each format is one small module exposing ``FORMAT``, ``matches(path)`` and, for
folder formats, ``list_files(path)``; mbox streams a file. ``detect`` turns a
user's path into ``Source`` objects, ``Source.tasks`` cuts a source into units
of work that a process pool can run, and ``read_task`` streams the raw
messages of one unit. Sources are only ever opened read-only.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .. import config
from ..errors import MissingPathError, UnknownFormatError
from . import emldir, maildir, mbox, mh

FOLDER_FORMATS = {m.FORMAT: m for m in (maildir, mh, emldir)}
_REFUSED_SUFFIXES = {
    ".pst": "Outlook .pst files are not supported: export the folder to mbox or .eml first",
    ".ost": "Outlook .ost files are not supported: export the folder to mbox or .eml first",
    ".msg": "Outlook .msg files are not supported: save the message as .eml first",
}


@dataclass
class RawMessage:
    """One message as stored, with what the reader noticed about it."""

    location: str
    data: bytes
    defects: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Task:
    """A unit of work: a byte range of an mbox, or a slice of a folder's files."""

    source: str
    format: str
    index: int
    weight: int
    start: int = 0
    end: int | None = None
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    path: Path
    format: str
    files: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return hashlib.blake2b(str(self.path).encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()

    def _stats(self) -> list[tuple[str, int, int]]:
        if self.format in FOLDER_FORMATS:
            out = []
            for rel in self.files:
                st = os.stat(self.path / rel)
                out.append((rel, st.st_size, st.st_mtime_ns))
            return out
        st = os.stat(self.path)
        return [("", st.st_size, st.st_mtime_ns)]

    def fingerprint(self) -> str:
        """Changes whenever a file of the source changes size or mtime, or files come and go."""
        digest = hashlib.blake2b(digest_size=16)
        for rel, size, mtime in self._stats():
            digest.update(f"{rel}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def tasks(self) -> list[Task]:
        """Units of work, each weighed in bytes (for the progress bar); every file is stat'ed once."""
        src = str(self.path)
        sizes = {rel: size for rel, size, _ in self._stats()}
        if self.format == "mbox":
            ranges = mbox.chunk_ranges(self.path, config.MBOX_CHUNK_BYTES)
            return [Task(src, "mbox", i, (end or sizes[""]) - start, start, end)
                    for i, (start, end) in enumerate(ranges)]
        if self.format == "eml":
            return [Task(src, "eml", 0, sizes[""], files=(self.path.name,))]
        step = config.FILES_PER_TASK
        chunks = [self.files[i:i + step] for i in range(0, len(self.files), step)]
        return [Task(src, self.format, i, sum(sizes[f] for f in chunk), files=chunk)
                for i, chunk in enumerate(chunks)]


def read_task(task: Task) -> Iterator[RawMessage]:
    if task.format == "mbox":
        for location, data, defects in mbox.read(Path(task.source), task.start, task.end):
            yield RawMessage(location, data, defects)
        return
    root = Path(task.source).parent if task.format == "eml" else Path(task.source)
    for rel in task.files:
        with open(root / rel, "rb") as handle:
            yield RawMessage(rel, handle.read())


def _detect_file(path: Path) -> Source:
    suffix = path.suffix.lower()
    if suffix in _REFUSED_SUFFIXES:
        raise UnknownFormatError(f"{path}: {_REFUSED_SUFFIXES[suffix]}")
    if suffix == ".eml":
        return Source(path, "eml")
    if mbox.matches(path):
        return Source(path, "mbox")
    if emldir.looks_like_message(path):
        return Source(path, "eml")
    raise UnknownFormatError(f"{path}: not a mailbox or a message (expected mbox, .eml, Maildir or MH)")


def _detect_dir(path: Path, skipped: list[Path]) -> list[Source]:
    if maildir.matches(path):
        return [Source(p, "maildir", maildir.list_files(p)) for p in maildir.folders(path)]
    for module in (emldir, mh):
        if module.matches(path):
            return [Source(path, module.FORMAT, module.list_files(path))]
    found: list[Source] = []
    for child in sorted(path.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            found += _detect_dir(child, skipped)
        elif mbox.matches(child):
            found.append(Source(child, "mbox"))
        else:
            skipped.append(child)
    return found


def detect(paths: list[str | Path]) -> tuple[list[Source], list[Path]]:
    """The sources under the user's paths, and the files passed over as not mail.

    Raises a one-line error for a missing path or one holding no mailbox.
    """
    sources: list[Source] = []
    skipped: list[Path] = []
    for given in paths:
        path = Path(given).expanduser()
        if not path.exists():
            raise MissingPathError(f"{given}: no such file or folder")
        path = path.resolve()
        if path.is_dir():
            found = _detect_dir(path, skipped)
            if not found:
                raise UnknownFormatError(
                    f"{given}: no mailbox found (expected mbox files, a Maildir with cur/ and new/, "
                    "an MH folder or .eml files)")
            sources += found
        else:
            sources.append(_detect_file(path))
    unique = list(dict.fromkeys(sources))
    return unique, skipped


def read_raw(source: str, source_format: str, location: str) -> bytes:
    """The stored bytes of one message again, exactly as in the mailbox (for evidence and reports)."""
    path = Path(source)
    if source_format == "mbox":
        start = int(location.split(":", 1)[1])
        for _, data, _ in mbox.read(path, start=start):
            return data
        raise FileNotFoundError(f"{source}: no message at {location}")
    root = path.parent if source_format == "eml" else path
    with open(root / location, "rb") as handle:
        return handle.read()
