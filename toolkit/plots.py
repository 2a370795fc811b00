"""Figures and tables for the notebooks, safe to export as static, offline HTML.

Everything shown comes from mail and is hostile: table cells are HTML-escaped
here, and text handed to plotly (which understands a little HTML in labels)
is escaped too.
"""
from __future__ import annotations

import html
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


def setup_offline() -> None:
    """Inline plotly.js in every figure so exported reports work with no network."""
    pio.renderers.default = "notebook"
    pio.templates.default = "plotly_white"


def escape_labels(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Escape text columns that plotly would otherwise read as markup, cut to MAX_LABEL_CHARS."""
    return frame.with_columns(
        pl.col(c).cast(pl.String).fill_null("(none)").str.slice(0, 4 * MAX_LABEL_CHARS)
        .map_elements(lambda v: html.escape(cut(v, MAX_LABEL_CHARS)), return_dtype=pl.String)
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
            cells.append(f"<td>{html.escape(cut('' if value is None else str(value)))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    more = f"<p><small>{frame.height - max_rows} more rows not shown.</small></p>" if frame.height > max_rows else ""
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f"{TABLE_STYLE}<table class=\"bs-table\">{cap}<thead><tr>{head}</tr></thead>"
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
    """Offline plotly and the world map, for a notebook that becomes a static report."""
    from IPython.display import HTML, display

    setup_offline()
    display(HTML(geo_assets_html()))


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

def ranking_bar(ranked: pl.DataFrame, key: str, title: str, n: int = 15) -> go.Figure:
    data = escape_labels(ranked.head(n), key).reverse()
    fig = px.bar(data, x="score", y=key, orientation="h", title=title, hover_data=["backscatter", "days_active"])
    fig.update_layout(height=max(300, 24 * data.height + 120), yaxis_title=None)
    return fig


def runs_timeline(hourly: pl.DataFrame, starts: pl.DataFrame) -> go.Figure:
    """Notifications per hour by spam run, with the detected run starts."""
    data = escape_labels(hourly.with_columns(pl.col("campaign_id").fill_null("(none)")), "campaign_id")
    fig = px.bar(data, x="bucket", y="notifications", color="campaign_id", title="Spam runs over time")
    for when in starts.filter(pl.col("run_start"))["hour"].to_list():
        fig.add_vline(x=when, line_dash="dot", line_color="#333333")
    fig.update_layout(barmode="stack", xaxis_title=None, legend_title="run", height=450)
    return fig


def latency_histogram(latency: pl.DataFrame) -> go.Figure:
    fig = px.histogram(latency, x="minutes", nbins=40, title="From spam to bounce: minutes between the original's "
                                                              "Date and the notification")
    fig.update_layout(xaxis_title="minutes", yaxis_title="notifications")
    return fig


_PLOTLYJS_SENT = False


def show(fig: go.Figure) -> None:
    """Display a figure as self-contained HTML: plotly.js inlined once per notebook, no MathJax or
    require.js from a CDN (plotly's own notebook renderer links MathJax from a CDN)."""
    global _PLOTLYJS_SENT
    from IPython.display import HTML, display

    page = pio.to_html(fig, include_plotlyjs=not _PLOTLYJS_SENT, include_mathjax=False, full_html=False,
                       config={"displaylogo": False}, default_width="100%")
    _PLOTLYJS_SENT = True
    display(HTML(page))
