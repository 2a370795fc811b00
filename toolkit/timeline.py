"""Notifications over time, and when a new spam run starts.

"Email bounces arrive practically in real time from spam runs": a run shows as a
jump of the hourly rate over its recent baseline. The detector marks the first
hour of each such jump.
"""
from __future__ import annotations

import polars as pl

from .schemas import ARRIVAL

NOTICES = ("bounce", "autoreply", "challenge", "virus_notice", "spam_notice", "feedback_report")


def counts(messages: pl.DataFrame, every: str = "1h", by: str = "kind") -> pl.DataFrame:
    """Notifications per time bucket (`every`: 1h, 1d, ...) and per kind or campaign_id."""
    return (messages.filter(pl.col("kind").is_in(NOTICES) & (pl.col("mailbox_role") == "inbox"))
            .with_columns(bucket=ARRIVAL.dt.truncate(every))
            .group_by("bucket", by).agg(notifications=pl.len()).sort("bucket", by))


def run_starts(messages: pl.DataFrame, window_hours: int = 24, factor: float = 4.0, floor: int = 5) -> pl.DataFrame:
    """Hourly backscatter with a rolling baseline (median of the previous `window_hours` hours, empty
    hours counted as zero); `run_start` marks an hour at `factor` times the baseline and at least
    `floor` notices, when the hour before was not one."""
    hourly = (messages.filter(pl.col("is_backscatter").fill_null(False))
              .with_columns(hour=ARRIVAL.dt.truncate("1h")).group_by("hour").agg(notifications=pl.len()))
    if hourly.is_empty():
        return hourly.with_columns(baseline=pl.lit(None, pl.Float64), burst=pl.lit(False), run_start=pl.lit(False))
    grid = pl.DataFrame({"hour": pl.datetime_range(hourly["hour"].min(), hourly["hour"].max(), "1h", eager=True)})
    full = grid.join(hourly, on="hour", how="left").with_columns(pl.col("notifications").fill_null(0))
    full = full.with_columns(baseline=pl.col("notifications").shift(1)
                             .rolling_median(window_size=window_hours, min_samples=1).fill_null(0))
    burst = (pl.col("notifications") >= floor) & (pl.col("notifications") >= factor * pl.max_horizontal("baseline", 1))
    return (full.with_columns(burst=burst)
            .with_columns(run_start=pl.col("burst") & ~pl.col("burst").shift(1).fill_null(False)))
