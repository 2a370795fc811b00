"""Reading and writing the tables of an ingested corpus, atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import polars as pl

from .schemas import RESULTS, TABLES


# Small row groups let later streaming reads hold one group at a time, not a whole table.
ROW_GROUP_ROWS = 10_000


class Tables(dict):
    """The tables of a corpus folder by name; also reachable as attributes (``t.messages``)."""

    def __getattr__(self, name: str) -> pl.DataFrame:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"no table {name!r}; have {sorted(self)}") from None


def _temp_beside(path: Path) -> Path:
    """A temp file in the target's folder (so the rename is atomic), readable like a normal file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    return Path(tmp)


def write_atomic(frame: pl.DataFrame | pl.LazyFrame, path: Path) -> None:
    """Write parquet through a temp file and a rename: a crash leaves the old file intact."""
    tmp = _temp_beside(path)
    try:
        if isinstance(frame, pl.LazyFrame):
            frame.sink_parquet(tmp, row_group_size=ROW_GROUP_ROWS)
        else:
            frame.write_parquet(tmp, row_group_size=ROW_GROUP_ROWS)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(text: str, path: Path) -> None:
    tmp = _temp_beside(path)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def load(directory: str | Path) -> Tables:
    """Every known table present in a corpus folder written by ``backscatter ingest``."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: no such corpus folder (run `backscatter ingest ... --out {directory}`)")
    tables = Tables()
    for name in (*TABLES, *RESULTS):
        path = directory / f"{name}.parquet"
        if path.exists():
            tables[name] = pl.read_parquet(path)
    return tables


def read_manifest(directory: str | Path) -> dict:
    """What the last ingest into a corpus folder read (sources, skipped files, counts)."""
    path = Path(directory) / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
