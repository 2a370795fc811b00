"""Reading and writing the tables of an ingested corpus, atomically and all together.

A corpus folder ``OUT`` written by ``backscatter ingest`` looks like this::

    OUT/.runs/<UTC time>-<pid>/   the tables and manifest.json of one run
    OUT/current -> .runs/<id>     the run readers see (a symlink, switched with one rename)
    OUT/messages.parquet -> current/messages.parquet   (and every other table, manifest.json)
    OUT/.lock                     held (flock) by the run that is writing

A run writes into a new folder under ``.runs`` and then switches ``current`` to it in one
atomic rename, so a reader never sees the tables of two runs mixed, and an interrupted run
(Ctrl-C, SIGTERM, kill -9) leaves the previous run's tables in place. ``load`` resolves
``current`` once and reads every table from that one folder; the per-table links let any
other program read ``OUT/<table>.parquet`` as before. The run before the current one is
kept, so a reader that resolved it just before a switch can finish.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import polars as pl

from .errors import ToolkitError
from .schemas import RESULTS, TABLES

RUNS = ".runs"
CURRENT = "current"
LOCK = ".lock"
MANIFEST = "manifest.json"


# Small row groups let later streaming reads hold one group at a time, not a whole table.
ROW_GROUP_ROWS = 10_000


class Tables(dict):
    """The tables of a corpus folder by name; also reachable as attributes (``t.messages``).

    ``dir()`` lists the tables (so they tab-complete in JupyterLab) and the repr is a short summary:
    a dict's repr would print every frame (tens of thousands of characters).
    """

    folder: Path | None = None

    def __getattr__(self, name: str) -> pl.DataFrame:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"no table {name!r}; have {sorted(self)}") from None

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self.keys()})

    def date_range(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """First and last arrival of the messages (None when there are none)."""
        from .schemas import ARRIVAL

        if "messages" not in self or self["messages"].is_empty():
            return None, None
        span = self["messages"].select(first=ARRIVAL.min(), last=ARRIVAL.max())
        return span["first"][0], span["last"][0]

    def __repr__(self) -> str:
        first, last = self.date_range()
        when = f", {first:%Y-%m-%d} to {last:%Y-%m-%d}" if first is not None and last is not None else ""
        rows = ", ".join(f"{name} {frame.height:,}" for name, frame in self.items())
        where = f" from {self.folder.name}" if self.folder is not None else ""
        return f"<Tables{where}: {rows or 'none'}{when}>"

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython's display uses this, not __repr__
        printer.text(repr(self))


def _temp_beside(path: Path) -> Path:
    """A temp file in the target's folder (so the rename is atomic), readable like a normal file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    return Path(tmp)


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temp file beside ``path`` to write; renamed over ``path`` once written, removed if writing fails:
    a crash leaves the old file intact."""
    tmp = _temp_beside(path)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(frame: pl.DataFrame | pl.LazyFrame, path: Path) -> None:
    """Write parquet through a temp file and a rename: a crash leaves the old file intact."""
    with _replacing(path) as tmp:
        if isinstance(frame, pl.LazyFrame):
            frame.sink_parquet(tmp, row_group_size=ROW_GROUP_ROWS)
        else:
            frame.write_parquet(tmp, row_group_size=ROW_GROUP_ROWS)


def copy_atomic(source: Path, path: Path) -> None:
    """Copy a file through a temp file and a rename, as write_atomic writes one."""
    with _replacing(path) as tmp:
        shutil.copyfile(source, tmp)


def write_text_atomic(text: str, path: Path) -> None:
    with _replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def snapshot(directory: str | Path) -> Path:
    """The folder holding the tables a reader should use now: ``current`` resolved once, else the folder."""
    directory = Path(directory)
    current = directory / CURRENT
    if current.is_symlink():
        return Path(os.path.realpath(current))
    return directory


def corpus_folder(path: str | Path) -> Path:
    """The corpus folder a snapshot belongs to (for display): ``OUT`` for ``OUT/.runs/<id>``."""
    path = Path(path)
    return path.parent.parent if path.parent.name == RUNS else path


def load(directory: str | Path) -> Tables:
    """Every known table of a corpus folder written by ``backscatter ingest``, all from the same run."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: no such corpus folder (run `backscatter ingest ... --out {directory}`)")
    directory = snapshot(directory)
    tables = Tables()
    tables.folder = corpus_folder(directory)
    for name in (*TABLES, *RESULTS):
        path = directory / f"{name}.parquet"
        if path.exists():
            tables[name] = pl.read_parquet(path)
    return tables


def read_manifest(directory: str | Path) -> dict:
    """What the last ingest into a corpus folder read (sources, skipped files, counts)."""
    path = snapshot(directory) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@contextlib.contextmanager
def locked(out: str | Path) -> Iterator[None]:
    """Hold ``OUT/.lock`` while a run writes: a second run into the same folder fails at once, clearly."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise ToolkitError(f"{out}: another `backscatter ingest` (pid {holder}) is writing there; wait for it "
                               "to finish or give another --out") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _replace_symlink(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` in one rename (readers see the old or the new target, nothing between)."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


@contextlib.contextmanager
def publishing(out: str | Path) -> Iterator[Path]:
    """A new run folder to write every table into; published as ``current`` only if the block completes.

    Call inside ``locked(out)``. On any exception (KeyboardInterrupt too) the new folder is removed
    and the previous tables stay as they were.
    """
    out = Path(out)
    runs = out / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    stage = runs / f"{stamp}-{os.getpid()}"
    stage.mkdir()
    previous = snapshot(out) if (out / CURRENT).is_symlink() else None
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _replace_symlink(out / CURRENT, f"{RUNS}/{stage.name}")
    for name in sorted(p.name for p in stage.iterdir()):
        link = out / name
        if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
            _replace_symlink(link, f"{CURRENT}/{name}")  # once per folder: replaces an older layout's file
    keep = {stage.name, previous.name if previous else None}
    for old in runs.iterdir():
        if old.name not in keep:  # the previous run stays for readers that resolved it just now
            shutil.rmtree(old, ignore_errors=True)
