"""Figures and tables for the notebooks: live in JupyterLab, static and offline in reports.

``show`` emits plotly's own MIME bundle (``application/vnd.plotly.v1+json``, drawn by JupyterLab's
plotly renderer: survives a browser reload, keeps a saved notebook small) in a live session, and
inline HTML with a ``Plotly.newPlot`` script only when a report is built (the report builder sets
``BACKSCATTER_REPORT=1`` for the kernel; the page loads plotly.js once, see ``toolkit.report``).
Every figure gets an explicit height: in JupyterLab an output has no height of its own for
plotly's autosize to fill.

Everything shown comes from mail and is hostile: table cells are HTML-escaped
here, and text handed to plotly (which understands a little HTML in labels)
is escaped too. A ``$`` becomes ``&#36;``, so neither plotly nor JupyterLab's MathJax reads a
spam subject such as "$5 ... $10" as LaTeX.
"""
from __future__ import annotations

import html
import json
import math
import os
from pathlib import Path

import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio
import polars as pl


# Text from mail is cut for display: a table cell or a plot label shows at most this many characters
# (a 1 MB subject must not make a report slow or huge; the parquet tables keep the whole value).
MAX_CELL_CHARS = 300
MAX_LABEL_CHARS = 80
ELLIPSIS = "\u2026"


def cut(value: str, limit: int = MAX_CELL_CHARS) -> str:
    """``value`` shortened to ``limit`` characters, an ellipsis marking the cut."""
    return value if len(value) <= limit else value[:limit - 1] + ELLIPSIS


# Set (to "1") by the report builder for the kernels it starts: figures become static HTML.
REPORT_ENV = "BACKSCATTER_REPORT"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
DEFAULT_HEIGHT = 420
CONFIG = {"displaylogo": False, "responsive": True}
# What a front end without plotly's renderer shows instead of a figure (e.g. GitHub, nbviewer).
NO_RENDERER = ("[plotly figure: open this notebook in JupyterLab and run it, or see the HTML report "
               "(`backscatter report`)]")


def for_report() -> bool:
    """True in a kernel started by ``backscatter report`` (static HTML), False in a live session."""
    return os.environ.get(REPORT_ENV) == "1"


def no_tex(value: str) -> str:
    """HTML-escaped text with ``$`` as an entity: shown as a dollar sign, never read as LaTeX."""
    return html.escape(value).replace("$", "&#36;")


def setup() -> None:
    """The look of every figure; in a report also the world map for the geo figures (offline)."""
    pio.templates.default = "plotly_white"
    if for_report():
        from IPython.display import HTML, display

        display(HTML(geo_assets_html()))


def setup_offline() -> None:
    """Kept for old notebooks: same as ``setup``."""
    setup()


def escape_labels(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Escape text columns that plotly would otherwise read as markup or LaTeX, cut to MAX_LABEL_CHARS."""
    return frame.with_columns(
        pl.col(c).cast(pl.String).fill_null("(none)").str.slice(0, 4 * MAX_LABEL_CHARS)
        .map_elements(lambda v: no_tex(cut(v, MAX_LABEL_CHARS)), return_dtype=pl.String)
        for c in columns)


TABLE_STYLE = ("<style>table.bs-table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0}"
               "table.bs-table th,table.bs-table td{text-align:left !important;vertical-align:top;padding:2px 8px;"
               "max-width:28em;overflow-wrap:anywhere}"
               "table.bs-table caption{text-align:left;font-weight:bold;padding:4px 0}"
               "table.bs-table tbody tr:nth-child(odd){background:#f5f5f5}</style>")


def html_table(frame: pl.DataFrame, max_rows: int = 50, caption: str | None = None) -> str:
    """A plain HTML table with every cell escaped and cut to MAX_CELL_CHARS (lists joined by semicolons)."""
    shown = frame.head(max_rows)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    rows = []
    for record in shown.iter_rows():
        cells = []
        for value in record:
            if isinstance(value, list):
                value = "; ".join(map(str, value))
            elif isinstance(value, float):
                value = f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
            cells.append(f"<td>{no_tex(cut('' if value is None else str(value)))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    more = f"<p><small>{frame.height - max_rows} more rows not shown.</small></p>" if frame.height > max_rows else ""
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    # the classes tell MathJax (JupyterLab's, classic notebook's) to leave the mail's text alone
    return (f"{TABLE_STYLE}<table class=\"bs-table tex2jax_ignore mathjax_ignore\">{cap}<thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}")


def show_table(frame: pl.DataFrame, max_rows: int = 50, caption: str | None = None) -> None:
    from IPython.display import HTML, display

    display(HTML(html_table(frame, max_rows, caption)))


def messages_per_month(counts: pl.DataFrame) -> go.Figure:
    """Bars of messages per month and source (input: toolkit.overview.per_month)."""
    data = escape_labels(counts, "source_name").with_columns(pl.col("month").dt.strftime("%Y-%m"))
    fig = px.bar(data, x="month", y="messages", color="source_name",
                 title="Messages per month", labels={"month": "month", "messages": "messages",
                                                     "source_name": "mailbox"})
    fig.update_layout(barmode="stack", xaxis_type="category")
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


# --- offline maps -------------------------------------------------------------------------------

WORLD_TOPOJSON = Path(__file__).parent / "assets" / "world_110m.json"


def geo_assets_html() -> str:
    """A script that hands plotly.js the world map, so geo figures draw with no network.

    plotly.js looks in window.PlotlyGeoAssets.topojson before fetching from its CDN. The map is
    plotly.js 2.x's dist/topojson/world_110m.json (MIT, see assets/world_110m.LICENSE).
    """
    topo = WORLD_TOPOJSON.read_text(encoding="utf-8").replace("</", "<\\/")
    return ("<script>window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};"
            "window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};"
            f"window.PlotlyGeoAssets.topojson['world_110m'] = {topo};</script>")


def setup_report() -> None:
    """Kept for old notebooks: same as ``setup``."""
    setup()


def _iso3(frame: pl.DataFrame, column: str = "country_iso") -> pl.DataFrame:
    from .geo import country_iso3

    mapping = {c: country_iso3(c) for c in frame[column].drop_nulls().unique().to_list()}
    return frame.with_columns(iso3=pl.col(column).replace_strict(mapping, default=None))


def _world(fig: go.Figure, title: str) -> go.Figure:
    fig.update_geos(projection_type="natural earth", projection_rotation_lon=0, showcountries=True,
                    showcoastlines=True, showland=True, landcolor="#f0f0f0", resolution=110)
    fig.update_layout(title=title, margin=dict(l=10, r=10, t=50, b=10), height=480)
    return fig


def zombie_bubbles(zombies: pl.DataFrame) -> go.Figure:
    """Bubbles per country: how many zombies, how much backscatter they caused."""
    data = _iso3(zombies.group_by("country_iso", "country").agg(zombies=pl.len(), backscatter=pl.col("backscatter").sum()))
    data = escape_labels(data.drop_nulls("iso3"), "country")
    fig = go.Figure(go.Scattergeo(
        locations=data["iso3"].to_list(), locationmode="ISO-3", text=data["country"].to_list(),
        marker=dict(size=data["zombies"].to_list(), sizemode="area",
                    sizeref=2.0 * max(data["zombies"].max() or 1, 1) / 40 ** 2, color="#d62728", opacity=0.7),
        customdata=data.select("zombies", "backscatter").rows(),
        hovertemplate="%{text}<br>%{customdata[0]} zombies, %{customdata[1]} notifications<extra></extra>"))
    return _world(fig, "Where the spam came from: zombies per country")


def backscatter_choropleth(zombies: pl.DataFrame) -> go.Figure:
    data = _iso3(zombies.group_by("country_iso", "country").agg(backscatter=pl.col("backscatter").sum()))
    data = escape_labels(data.drop_nulls("iso3"), "country")
    fig = go.Figure(go.Choropleth(locations=data["iso3"].to_list(), locationmode="ISO-3",
                                  z=data["backscatter"].to_list(), text=data["country"].to_list(),
                                  colorscale="Reds", colorbar_title="notifications"))
    return _world(fig, "Backscatter caused, by the zombie's country")


# --- classification ------------------------------------------------------------------------------

def kinds_bar(kinds: pl.DataFrame) -> go.Figure:
    """Messages per kind, split into backscatter and genuine (input: overview.kinds)."""
    long = kinds.with_columns(other=pl.col("messages") - pl.col("backscatter") - pl.col("genuine")) \
        .unpivot(index="kind", on=["backscatter", "genuine", "other"], variable_name="verdict", value_name="n")
    fig = px.bar(long, x="kind", y="n", color="verdict", title="What is in the mailbox",
                 color_discrete_map={"backscatter": "#d62728", "genuine": "#2ca02c", "other": "#7f7f7f"})
    fig.update_layout(barmode="stack", yaxis_title="messages", xaxis_title=None)
    return fig


def score_histogram(messages: pl.DataFrame) -> go.Figure:
    notices = messages.filter(pl.col("kind") != "ham").with_columns(
        verdict=pl.when(pl.col("is_backscatter")).then(pl.lit("backscatter")).otherwise(pl.lit("genuine")))
    fig = px.histogram(notices, x="backscatter_score", color="verdict", nbins=20,
                       title="Backscatter score of the notifications",
                       color_discrete_map={"backscatter": "#d62728", "genuine": "#2ca02c"})
    fig.update_layout(barmode="overlay", xaxis_title="score (0.5 and above: backscatter)")
    return fig


def confusion_heatmap(table: pl.DataFrame, truth: str, found: str, title: str) -> go.Figure:
    counts = table.group_by(truth, found).len()
    rows = sorted(counts[truth].unique().to_list())
    cols = sorted(counts[found].unique().to_list())
    lookup = {(r[truth], r[found]): r["len"] for r in counts.iter_rows(named=True)}
    z = [[lookup.get((r, c), 0) for c in cols] for r in rows]
    fig = go.Figure(go.Heatmap(z=z, x=[html.escape(str(c)) for c in cols], y=[html.escape(str(r)) for r in rows],
                               colorscale="Blues", text=z, texttemplate="%{text}"))
    fig.update_layout(title=title, xaxis_title="found", yaxis_title="label", height=420)
    return fig


# --- tracing ------------------------------------------------------------------------------------

def hop_path(hops: pl.DataFrame, title: str) -> go.Figure:
    """A message's journey, oldest hop left: who handed it to whom (input: hops of one chain)."""
    ordered = escape_labels(hops.sort("hop", descending=True), "from_host", "from_ip", "by_host", "role")
    labels = [f"{h or '?'}<br>{ip or ''}" for h, ip in zip(ordered["from_host"].to_list(), ordered["from_ip"].to_list())]
    colors = {"forged": "#7f7f7f", "origin": "#d62728", "trusted": "#1f77b4"}
    fig = go.Figure()
    x = list(range(len(labels)))
    fig.add_trace(go.Scatter(x=x, y=[0] * len(x), mode="lines+markers+text", text=labels, textposition="top center",
                             marker=dict(size=16, color=[colors.get(r, "#1f77b4") for r in ordered["role"].to_list()]),
                             line=dict(color="#bbbbbb"), hovertext=ordered["by_host"].to_list(), showlegend=False))
    fig.update_layout(title=title, height=300, yaxis_visible=False, xaxis_visible=False,
                      margin=dict(l=40, r=40, t=60, b=20))
    return fig


# --- bouncers and runs ----------------------------------------------------------------------------

SCORE_TITLE = "score: weighted backscatter notifications (docs/ranking.md)"


def ranking_bar(ranked: pl.DataFrame, key: str, title: str, n: int = 15) -> go.Figure:
    """The best-scored bouncers as horizontal bars, labelled by ``key`` (by IP: ``label``, host and organisation)."""
    hover = [c for c in ("bouncer_ip", "backscatter", "virus_spam", "with_original", "days_active") if c in ranked.columns]
    data = escape_labels(ranked.head(n), key).reverse()
    fig = px.bar(data, x="score", y=key, orientation="h", title=title, hover_data=hover)
    fig.update_layout(height=max(300, 24 * data.height + 120), yaxis_title=None, xaxis_title=SCORE_TITLE)
    return fig


def runs_timeline(runs: pl.DataFrame, days: pl.DataFrame, starts: pl.DataFrame | None = None) -> go.Figure:
    """One lane per spam run: a bar from its first to its last notification, and a dot per day
    sized and coloured by that day's notifications (inputs: overview.runs_of without the single
    runs, overview.run_days, optionally timeline.run_starts)."""
    runs = runs.sort("start", "campaign_id")
    subject = (pl.col("top_subjects").list.first() if "top_subjects" in runs.columns else pl.lit(None, pl.String))
    lanes = escape_labels(runs.with_columns(subject=subject), "subject", "campaign_id")
    names = {cid: f"{cid}: {subj}" if subj != "(none)" else cid
             for cid, subj in zip(runs["campaign_id"].to_list(), lanes["subject"].to_list())}
    label = lambda ids: [cut(names[i], MAX_LABEL_CHARS) for i in ids]  # noqa: E731
    fig = go.Figure()
    span_ms = ((lanes["end"] - lanes["start"]).dt.total_milliseconds()).to_list()
    fig.add_trace(go.Bar(
        y=label(runs["campaign_id"].to_list()), x=[max(ms, 3_600_000) for ms in span_ms], base=lanes["start"].to_list(),
        orientation="h", marker=dict(color="rgba(31,119,180,0.25)", line=dict(color="#1f77b4", width=1)),
        customdata=list(zip(lanes["start"].dt.strftime("%Y-%m-%d %H:%M").to_list(),
                            lanes["end"].dt.strftime("%Y-%m-%d %H:%M").to_list(), runs["in_range"].to_list())),
        hovertemplate="%{y}<br>from %{customdata[0]} to %{customdata[1]} UTC<br>%{customdata[2]} notifications"
                      "<extra></extra>", name="run: first to last notification", showlegend=True))
    days = days.join(runs.select("campaign_id"), on="campaign_id", how="semi")
    peak = max(days["notifications"].max() or 1, 1)
    fig.add_trace(go.Scatter(
        y=label(days["campaign_id"].to_list()), x=days.select(pl.col("day") + pl.duration(hours=12)).to_series().to_list(), mode="markers",
        marker=dict(size=[6 + 24 * math.sqrt(n / peak) for n in days["notifications"].to_list()],
                    color=days["notifications"].to_list(), colorscale="Reds", cmin=0, cmax=peak,
                    line=dict(color="#333333", width=0.5), colorbar=dict(title="per day", thickness=12)),
        customdata=days.select(pl.col("day").dt.strftime("%Y-%m-%d"), "notifications").rows(),
        hovertemplate="%{y}<br>%{customdata[0]}: %{customdata[1]} notifications<extra></extra>",
        name="notifications that day", showlegend=True))
    if starts is not None and "run_start" in starts.columns:
        onsets = starts.filter(pl.col("run_start"))["hour"].to_list()
        for when in onsets:
            fig.add_vline(x=when, line_dash="dot", line_color="#999999", line_width=1)
    fig.update_yaxes(autorange="reversed", type="category", title=None)
    fig.update_xaxes(type="date")  # bars are durations from a base time: plotly must not guess "linear"
    fig.update_layout(title="Spam runs: one lane per run (first to last notification, daily volume)",
                      height=max(320, 34 * runs.height + 170), barmode="overlay", xaxis_title=None,
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), margin=dict(l=10, r=10, t=90, b=40))
    return fig


# Latency bins per factor of ten: 1, 1.8, 3.2, 5.6, 10, ... minutes.
LATENCY_BINS_PER_DECADE = 4
LATENCY_FLOOR_MINUTES = 0.1  # 6 s; 0 would sit at minus infinity on a log axis


def latency_histogram(latency: pl.DataFrame) -> go.Figure:
    """Minutes from spam to bounce on a log scale (a median of minutes and a tail of days both show),
    with the median marked."""
    minutes = latency["minutes"].drop_nulls().clip(LATENCY_FLOOR_MINUTES)
    fig = go.Figure()
    if minutes.len():
        low, high = math.log10(minutes.min()), math.log10(minutes.max())
        size = 1 / LATENCY_BINS_PER_DECADE
        fig.add_trace(go.Histogram(x=minutes.log10().to_list(), xbins=dict(start=math.floor(low / size) * size,
                                                                          end=high + size, size=size),
                                   marker_color="#1f77b4", name="notifications",
                                   hovertemplate="%{y} notifications<extra></extra>"))
        median = float(minutes.median())
        fig.add_vline(x=math.log10(median), line_dash="dash", line_color="#d62728",
                      annotation_text=f"median {_duration(median)}", annotation_position="top right")
    ticks = [0.1, 1, 10, 60, 600, 1440, 10080]
    fig.update_xaxes(tickvals=[math.log10(t) for t in ticks], ticktext=[_duration(t) for t in ticks],
                     title="from the spam's Date to the notification's arrival (log scale)")
    fig.update_layout(title="From spam to bounce", yaxis_title="notifications", height=380, bargap=0.05,
                      showlegend=False)
    return fig


def _duration(minutes: float) -> str:
    if minutes < 1:
        return f"{minutes * 60:.0f} s"
    if minutes < 60:
        return f"{minutes:.3g} min"
    if minutes < 1440:
        return f"{minutes / 60:.3g} h"
    return f"{minutes / 1440:.3g} d"


def mime_bundle(fig: go.Figure) -> dict:
    """plotly's own MIME bundle, with a plain-text hint for front ends that cannot draw it."""
    spec = json.loads(pio.to_json(fig, validate=False))
    spec["config"] = CONFIG
    return {PLOTLY_MIME: spec, "text/plain": NO_RENDERER}


def sized(fig: go.Figure) -> go.Figure:
    """The figure with an explicit height (JupyterLab gives an output no height to autosize into)."""
    if fig.layout.height is None:
        fig.update_layout(height=DEFAULT_HEIGHT)
    return fig


def _has_geo(fig: go.Figure) -> bool:
    return any(getattr(trace, "type", "") in ("scattergeo", "choropleth") for trace in fig.data)


def show(fig: go.Figure) -> None:
    """Display a figure: plotly's MIME bundle live, static HTML in a report (plotly.js comes from the page).

    A map also hands plotly.js the world map (no CDN): live, with every map, since a reloaded page
    has lost what an earlier cell set.
    """
    from IPython.display import HTML, display

    fig = sized(fig)
    if for_report():
        display(HTML(pio.to_html(fig, include_plotlyjs=False, include_mathjax=False, full_html=False,
                                 config=CONFIG, default_width="100%")))
        return
    if _has_geo(fig):
        display(HTML(geo_assets_html()))
    display(mime_bundle(fig), raw=True)
