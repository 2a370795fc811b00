"""Text from mail made safe for the files an export writes: CSV cells and ARF/X-ARF text parts.

A bouncer's HELO or host name is written by a stranger. In a CSV cell, ``=HYPERLINK(...)``,
``+cmd|...`` or ``@SUM(...)`` is run as a formula by spreadsheet programs (CSV injection): such
cells are prefixed with ``'`` (the OWASP rule: cells starting with = + - @ tab or CR). Terminal
escape sequences and other control or bidi characters are dropped everywhere, so a report read
in a terminal or a mail client shows what it says. All patterns here are Rust-regex (Polars) or
single character classes: linear time on any input.

Single strings are stripped by ``toolkit.safetext.strip_controls``, the one rule the console
output uses too; ``csv_frame`` applies the same idea as Polars expressions over whole columns.
"""
from __future__ import annotations

import re

import polars as pl

from ..safetext import strip_controls

# CSI (ESC [ params intermediates final) and other two-character ESC sequences, then single controls:
# C0 but tab and newline, DEL, C1, bidi embeddings/overrides/isolates and marks, line/paragraph separators.
ESCAPE_SEQUENCE = r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]"
# The control and bidi characters safetext strips, as one class for Polars (Rust regex escapes; tab and newline stay).
CONTROL_CLASS = (r"[\x00-\x08\x0b-\x1f\x7f-\x{9f}\x{61c}\x{200e}\x{200f}\x{202a}-\x{202e}\x{2066}-\x{2069}"
                 r"\x{2028}\x{2029}]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")
# The first characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_PATTERN = r"^[=+\-@\t\r]"


def header_value(text: str | None) -> str:
    """A value for one header or ``Field: value`` line: no controls and no line breaks (no injected fields)."""
    return _LINE_BREAKS.sub(" ", strip_controls(text or "")).strip()


def csv_cell(text: str | None) -> str | None:
    """One CSV cell: controls stripped, a formula start defused with a leading ``'``."""
    if text is None:
        return None
    text = strip_controls(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text column of ``frame`` made CSV-safe (numbers, dates and the like are left as they are)."""
    exprs = []
    for name, dtype in frame.schema.items():
        if dtype != pl.String:
            continue
        clean = pl.col(name).str.replace_all(ESCAPE_SEQUENCE, "").str.replace_all(CONTROL_CLASS, "")
        exprs.append(pl.when(clean.str.contains(FORMULA_PATTERN)).then(pl.lit("'") + clean).otherwise(clean)
                     .alias(name))
    return frame.with_columns(exprs) if exprs else frame
