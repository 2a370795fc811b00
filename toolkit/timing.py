"""Per-stage timing of ingest, for the benchmark: off unless $BACKSCATTER_STAGE_TIMES names a file.

With it set, every process of a run (the main one and the pool's workers) adds
CPU-time spans (``time.process_time``: on a shared machine wall time mostly measures
the neighbours) per stage name; workers write their sums beside
their part files, the main process adds them up and writes one JSON object
``{stage: seconds}`` to that file. Off, ``stage()`` costs one attribute lookup.
"""
from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path

STAGE_TIMES_ENV = "BACKSCATTER_STAGE_TIMES"

_SECONDS: dict[str, float] = defaultdict(float)


def enabled() -> bool:
    return bool(os.environ.get(STAGE_TIMES_ENV))


class _Span:
    __slots__ = ("name", "start")

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        self.start = time.process_time()

    def __exit__(self, *exc) -> None:
        _SECONDS[self.name] += time.process_time() - self.start


class _Off:
    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc) -> None:
        return None


_OFF = _Off()
_ON = enabled()


def stage(name: str):
    """``with stage("parse"): ...`` adds the block's CPU time to ``name`` when timing is on."""
    return _Span(name) if _ON else _OFF


def add(name: str, seconds: float) -> None:
    if _ON:
        _SECONDS[name] += seconds


def take() -> dict[str, float]:
    """This process's sums so far, reset to zero."""
    out = dict(_SECONDS)
    _SECONDS.clear()
    return out


def dump_part(path: Path) -> None:
    """A worker's sums for one task, beside its part files (nothing when timing is off)."""
    if _ON:
        path.write_text(json.dumps(take()))


def merge_parts(folder: Path) -> None:
    """Add the sums the workers wrote into ``folder`` to this process's."""
    if not _ON:
        return
    for path in Path(folder).glob("*.timing.json"):
        for name, seconds in json.loads(path.read_text()).items():
            _SECONDS[name] += seconds


def write_report() -> None:
    """The run's sums, slowest first, to $BACKSCATTER_STAGE_TIMES."""
    if not _ON:
        return
    ordered = dict(sorted(take().items(), key=lambda kv: -kv[1]))
    Path(os.environ[STAGE_TIMES_ENV]).write_text(json.dumps(ordered, indent=1))
