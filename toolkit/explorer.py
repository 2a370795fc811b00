"""An ipywidgets explorer for live JupyterLab use: filter notifications, see their signals.

Widgets need a live kernel (and require.js from a CDN in exported HTML), so the reports never
use this; the notebooks call it only when `interactive = True`.
"""
from __future__ import annotations

import polars as pl

from .schemas import ARRIVAL

COLUMNS = ("arrival", "kind", "is_backscatter", "backscatter_score", "subject", "bouncer_host", "campaign_id",
           "signals")


def _options(messages: pl.DataFrame, column: str) -> list[str]:
    return ["(all)", *sorted(messages[column].drop_nulls().unique().to_list())]


def filtered(messages: pl.DataFrame, start=None, end=None, run="(all)", bouncer="(all)", kind="(all)") -> pl.DataFrame:
    out = messages.with_columns(arrival=ARRIVAL)
    if start is not None:
        out = out.filter(pl.col("arrival").dt.date() >= start)
    if end is not None:
        out = out.filter(pl.col("arrival").dt.date() <= end)
    for column, value in (("campaign_id", run), ("bouncer_ip", bouncer), ("kind", kind)):
        if value != "(all)":
            out = out.filter(pl.col(column) == value)
    return out.select(COLUMNS).sort("arrival")


def show(messages: pl.DataFrame, redactor, rows: int = 50) -> None:
    import ipywidgets as w
    from IPython.display import HTML, display

    from .plots import html_table

    controls = {
        "start": w.DatePicker(description="from"),
        "end": w.DatePicker(description="until"),
        "run": w.Dropdown(options=_options(messages, "campaign_id"), description="run"),
        "bouncer": w.Dropdown(options=_options(messages, "bouncer_ip"), description="bouncer"),
        "kind": w.Dropdown(options=_options(messages, "kind"), description="kind"),
    }
    output = w.Output()

    def refresh(_=None):
        table = filtered(messages, **{name: c.value for name, c in controls.items()})
        with output:
            output.clear_output()
            display(HTML(f"<p>{table.height} messages</p>" + html_table(redactor.frame(table), rows)))

    for control in controls.values():
        control.observe(refresh, names="value")
    display(w.VBox([w.HBox(list(controls.values())[:2]), w.HBox(list(controls.values())[2:]), output]))
    refresh()
