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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from .. import config
from ..errors import MissingPathError, UnknownFormatError
from ..safetext import fs_name
from . import emldir, imap, maildir, mbox, mh
from .raw import RawMessage
from .stream import READ_ERRORS, StreamStop, oversized_header_only
from .walk import Walk, is_dir, why

FOLDER_FORMATS = {m.FORMAT: m for m in (maildir, mh, emldir, imap)}
_REFUSED_SUFFIXES = {
    ".pst": "Outlook .pst files are not supported: export the folder to mbox or .eml first",
    ".ost": "Outlook .ost files are not supported: export the folder to mbox or .eml first",
    ".msg": "Outlook .msg files are not supported: save the message as .eml first",
}


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
                out.append((rel, *_size_and_mtime(self.path / rel)))
            return out
        return [("", *_size_and_mtime(self.path))]

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
        chunks = [self.files[i:i + step] for i in range(0, len(self.files), step)] or [()]  # empty: empty tables
        return [Task(src, self.format, i, sum(sizes[f] for f in chunk), files=chunk)
                for i, chunk in enumerate(chunks)]


def _size_and_mtime(path: Path) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:  # gone or unreadable since it was listed: read_task reports it
        return -1, 0
    return st.st_size, st.st_mtime_ns


def read_task(task: Task, warnings: list[str] | None = None) -> Iterator[RawMessage]:
    """The raw messages of one task, in order; what cannot be read is appended to ``warnings``.

    A file of a folder format that cannot be read still yields its message, with
    ``read_error`` set; an mbox that cannot be opened yields nothing.
    """
    warnings = [] if warnings is None else warnings
    if task.format == imap.FORMAT:  # the mirror's files, each named by its RFC 5092 URL
        mirror = imap.mirror_dir(task.source)
        for rel, url in imap.locations(task.source, task.files):
            yield replace(read_file(mirror, rel, warnings), location=url)
        return
    if task.format == "mbox":
        try:
            yield from mbox.read(Path(task.source), task.start, task.end, warnings)
        except READ_ERRORS as exc:  # damage met while reading is handled inside; this is at opening
            warnings.append(f"{task.source}: mailbox skipped, it cannot be read ({_why(exc)})")
        return
    root = Path(task.source).parent if task.format == "eml" else Path(task.source)
    for rel in task.files:
        yield read_file(root, rel, warnings)


def _why(exc: BaseException) -> str:
    return why(exc) if isinstance(exc, OSError) and exc.errno else f"{type(exc).__name__}: {exc}"


def read_file(root: Path, rel: str, warnings: list[str]) -> RawMessage:
    """One message file: whole, or its header section alone when it is larger than the limit."""
    path = root / rel
    try:
        with open(path, "rb") as handle:
            data = handle.read(config.MAX_MESSAGE_BYTES + 1)
            if len(data) <= config.MAX_MESSAGE_BYTES:
                return RawMessage(rel, data)
            size = os.fstat(handle.fileno()).st_size
            handle.seek(0)
            stop = StreamStop()
            buffer = oversized_header_only(handle, str(path), stop)
            if stop.reason:
                warnings.append(stop.reason)
            return RawMessage(rel, buffer.data(), buffer.defects, size=max(size, buffer.size))
    except READ_ERRORS as exc:
        reason = _why(exc)
        warnings.append(f"{path}: cannot be read ({reason}): kept as a row with a parse_error")
        return RawMessage(rel, b"", ["UnreadableFile"], size=0, read_error=f"cannot read the file: {reason}")


def _readable(path: Path, walk: Walk) -> bool:
    try:
        with open(path, "rb"):
            return True
    except OSError as exc:
        walk.warnings.append(f"{path}: skipped, it cannot be read ({why(exc)})")
        return False


def _detect_file(path: Path, walk: Walk) -> Source | None:
    suffix = path.suffix.lower()
    if suffix in _REFUSED_SUFFIXES:
        raise UnknownFormatError(f"{path}: {_REFUSED_SUFFIXES[suffix]}")
    if not walk.regular_file(path):
        if not os.path.isfile(path):
            raise UnknownFormatError(f"{path}: not a regular file")
        return None  # the same file as one already found
    if not _readable(path, walk):
        return None
    if suffix == ".eml":
        return Source(path, "eml")
    if mbox.matches(path):
        return Source(path, "mbox")
    if emldir.looks_like_message(path):
        return Source(path, "eml")
    raise UnknownFormatError(f"{path}: not a mailbox or a message (expected mbox, .eml, Maildir or MH)")


def _folder_sources(path: Path, walk: Walk, eml_possible: bool = True) -> list[Source] | None:
    """The sources of a folder that is itself a mailbox (Maildir, .eml tree, MH); None for any other.

    ``eml_possible`` False: the folder lies in a tree already searched for .eml files in vain.
    """
    if maildir.matches(path):
        return [Source(p, "maildir", maildir.list_files(p, walk)) for p in maildir.folders(path, walk)]
    for module in (emldir, mh):
        if (module is not emldir or eml_possible) and module.matches(path):
            return [Source(path, module.FORMAT, module.list_files(path, walk))]
    return None


def _detect_dir(root: Path, skipped: list[Path], walk: Walk) -> list[Source]:
    """The sources in a folder ``walk`` has just entered, in sorted path order, each folder and file once.

    A stack of folders being listed, not recursion: a hostile tree may be thousands of folders deep.
    """
    own = _folder_sources(root, walk)
    if own is not None:
        return own
    found: list[Source] = []
    stack = [(root, iter(walk.entries(root)))]
    while stack:
        folder, names = stack[-1]
        name = next(names, None)
        if name is None:
            stack.pop()
            continue
        if name.startswith("."):
            continue
        child = folder / name
        if is_dir(child):
            if walk.enter(child):
                # emldir.matches searched this tree already, but not behind symlinks: a search
                # per level would cost depth squared
                own = _folder_sources(child, walk, eml_possible=child.is_symlink())
                if own is not None:
                    found += own
                else:
                    stack.append((child, iter(walk.entries(child))))
        elif walk.regular_file(child) and _readable(child, walk):
            if mbox.matches(child):
                found.append(Source(child, "mbox"))
            else:
                skipped.append(child)
    return found


def detect(paths: list[str | Path], warnings: list[str] | None = None,
           progress: bool = True) -> tuple[list[Source], list[Path]]:
    """The sources under the user's paths, and the files passed over as not mail.

    Raises a one-line error for a missing path or one holding no mailbox. Folders and
    files are read once each however many links lead to them; what cannot be read is
    appended to ``warnings``. An ``imap[s]://`` URL is synced into its local mirror
    first (see ``imap``).
    """
    walk = Walk([] if warnings is None else warnings)
    sources: list[Source] = []
    skipped: list[Path] = []
    for given in paths:
        if imap.is_url(given):
            folder, synced = imap.sync(given, progress=progress)
            walk.warnings += synced.warnings
            sources.append(Source(folder, imap.FORMAT, imap.list_files(folder)))
            continue
        path = Path(given).expanduser()
        if not path.exists():
            raise MissingPathError(f"{given}: no such file or folder")
        try:
            path = path.resolve()
        except (OSError, RuntimeError) as exc:
            raise MissingPathError(f"{given}: cannot be resolved ({exc})") from None
        if is_dir(path):
            if not walk.enter(path):
                continue  # given twice, or inside a folder given before
            found = _detect_dir(path, skipped, walk)
            if not found:
                raise UnknownFormatError(
                    f"{given}: no mailbox found (expected mbox files, a Maildir with cur/ and new/, "
                    "an MH folder or .eml files)")
            sources += found
        else:
            source = _detect_file(path, walk)
            if source is not None:
                sources.append(source)
    unique = list(dict.fromkeys(sources))
    return unique, skipped


def read_raw(source: str, source_format: str, location: str) -> bytes:
    """The stored bytes of one message again, as the reader gave them (for evidence and reports).

    ``source`` and ``location`` are as stored in the tables, where undecodable bytes of
    a file name are written ``\\xNN`` (see ``safetext.fs_text``).
    """
    if source_format == imap.FORMAT:
        return read_file(*imap.mirror_file(source, location), []).data
    path = Path(source)
    if not path.exists() and Path(fs_name(source)).exists():
        path = Path(fs_name(source))
    if source_format == "mbox":
        start = int(location.split(":", 1)[1])
        for raw in mbox.read(path, start=start):
            return raw.data
        raise FileNotFoundError(f"{source}: no message at {location}")
    root = path.parent if source_format == "eml" else path
    if not (root / location).exists():
        location = fs_name(location)
    return read_file(root, location, []).data
