"""Figures and tables for the notebooks, safe to export as static, offline HTML.

Everything shown comes from mail and is hostile: table cells are HTML-escaped
here, and text handed to plotly (which understands a little HTML in labels)
is escaped too.
"""
from __future__ import annotations

import html

import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio
import polars as pl


def setup_offline() -> None:
    """Inline plotly.js in every figure so exported reports work with no network."""
    pio.renderers.default = "notebook"
    pio.templates.default = "plotly_white"


def escape_labels(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Escape text columns that plotly would otherwise read as markup."""
    return frame.with_columns(
        pl.col(c).cast(pl.String).fill_null("(none)").map_elements(html.escape, return_dtype=pl.String)
        for c in columns)


def html_table(frame: pl.DataFrame, max_rows: int = 50, caption: str | None = None) -> str:
    """A plain HTML table with every cell escaped (lists joined by commas)."""
    shown = frame.head(max_rows)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    rows = []
    for record in shown.iter_rows():
        cells = []
        for value in record:
            if isinstance(value, list):
                value = ", ".join(map(str, value))
            cells.append(f"<td>{html.escape('' if value is None else str(value))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    more = f"<p><small>{frame.height - max_rows} more rows not shown.</small></p>" if frame.height > max_rows else ""
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f'<table class="bs-table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f"{more}")


def show_table(frame: pl.DataFrame, max_rows: int = 50, caption: str | None = None) -> None:
    from IPython.display import HTML, display

    display(HTML(html_table(frame, max_rows, caption)))


def messages_per_month(counts: pl.DataFrame) -> go.Figure:
    """Bars of messages per month and source (input: toolkit.overview.per_month)."""
    fig = px.bar(escape_labels(counts, "source_name"), x="month", y="messages", color="source_name",
                 title="Messages per month", labels={"month": "month", "messages": "messages",
                                                     "source_name": "mailbox"})
    fig.update_layout(barmode="stack", xaxis_tickformat="%b %Y")
    return fig


def messages_per_day(counts: pl.DataFrame) -> go.Figure:
    fig = px.bar(escape_labels(counts, "source_name"), x="day", y="messages", color="source_name",
                 title="Messages per day (by arrival time)", labels={"source_name": "mailbox"})
    fig.update_layout(barmode="stack")
    return fig


def top_senders(counts: pl.DataFrame) -> go.Figure:
    """Horizontal bars of the most frequent senders (input: toolkit.overview.top_senders)."""
    data = escape_labels(counts, "sender").reverse()
    fig = px.bar(data, x="messages", y="sender", orientation="h", title="Most frequent senders")
    fig.update_layout(height=max(300, 22 * data.height + 120), yaxis_title=None)
    return fig
