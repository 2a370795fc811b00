"""A frame a bounded number of rows at a time: the corpus steps' large intermediates (a message's
checks, a pair's keys, a slice of Received lines) exist for one slice only, never for the mailbox."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

import polars as pl

Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


def slices(frame: Frame, rows: int) -> Iterator[Frame]:
    """``frame`` ``rows`` rows at a time, in order, of the frame's own kind (a lazy frame's slices are left
    for the caller to narrow and collect). An empty frame gives one empty slice, so that what is made of
    the slices and concatenated still has its columns."""
    height = frame.select(pl.len()).collect().item() if isinstance(frame, pl.LazyFrame) else frame.height
    for start in range(0, max(height, 1), rows):
        yield frame.slice(start, rows)
