"""The notebooks' set-up and the analysis they show: corpus and labels found, numbers computed in
toolkit (not in cells), figures emitted for where they are shown."""
from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from toolkit import config, notebook, overview, plots
from toolkit.errors import ToolkitError
from toolkit.store import Tables

UTC = dt.timezone.utc


def _t(hour: int, day: int = 4) -> dt.datetime:
    return dt.datetime(2024, 3, day, hour, tzinfo=UTC)


@pytest.mark.parametrize("said,truth,expected", [
    ([True, True, False, False], [True, False, False, True], {"precision": 0.5, "recall": 0.5, "false_positives": 1}),
    ([True, True], [True, True], {"precision": 1.0, "recall": 1.0, "f1": 1.0}),
    ([False, False], [False, False], {"precision": 1.0, "recall": 1.0, "true_positives": 0}),
])
def test_verdict_scores_against_labels(said, truth, expected):
    labelled = pl.DataFrame({"mailbox_role": ["inbox"] * len(said), "is_backscatter": said,
                             "is_backscatter_label": truth})
    scores = overview.verdict_scores(labelled)
    assert {k: scores[k] for k in expected} == expected


def test_sender_rankings_leave_out_the_owner():
    messages = pl.DataFrame({"from_addr": ["Me@Owner.example", "me@owner.example", "mailer-daemon@a.example",
                                           "mailer-daemon@a.example", "x@b.example", None],
                             "mailbox_role": ["inbox", "sent", "inbox", "inbox", "sent", "inbox"]})
    senders = overview.top_senders(messages, owner=["me@owner.example"])
    assert senders.rows() == [("mailer-daemon@a.example", 2), ("(none)", 1)]
    assert overview.top_sender_domains(messages, owner=["me@owner.example"])["domain"].to_list() == ["a.example", "(none)"]


def test_runs_keep_single_notifications_apart():
    messages = pl.DataFrame({"msg_key": list("abcd"), "campaign_id": ["r1", "r1", "r2", None],
                             "received_date": [_t(1), _t(5), _t(9), _t(10)], "date": [None] * 4})
    campaigns = pl.DataFrame({"campaign_id": ["r1", "r2", "r3"], "messages": [2, 1, 4]})  # r3 is out of range
    runs = overview.runs_of(messages, campaigns)
    assert runs.select("campaign_id", "in_range", "single", "start", "end").rows() == [
        ("r1", 2, False, _t(1), _t(5)), ("r2", 1, True, _t(9), _t(9))]
    days = overview.run_days(messages, runs.filter(~pl.col("single")))
    assert days.rows() == [("r1", _t(0), 2)]


def test_zombies_and_networks_of_a_range():
    messages = pl.DataFrame({"msg_key": ["a", "b"]})
    originals = pl.DataFrame({"msg_key": ["a", "b", "c"], "origin_ip": ["1.1.1.1", None, "3.3.3.3"]})
    zombies = pl.DataFrame({"origin_ip": ["1.1.1.1", "3.3.3.3", "4.4.4.4"], "asn": [1, 1, 2],
                            "as_org": ["Net A", "Net A", "Net B"], "country": ["X", "X", "Y"], "backscatter": [5, 7, 9]})
    mine = overview.zombies_of(messages, originals, zombies)
    assert mine["origin_ip"].to_list() == ["1.1.1.1"]
    assert overview.networks(zombies).rows() == [(1, "Net A", "X", 2, 12), (2, "Net B", "Y", 1, 9)]


def test_bouncers_by_ip_are_labelled_by_host_and_organisation():
    messages = pl.DataFrame({"msg_key": ["a", "b", "c"], "bouncer_ip": ["1.2.3.4", "1.2.3.4", "5.6.7.8"],
                             "is_backscatter": [True, True, True], "kind": ["bounce"] * 3,
                             "bouncer_software": ["postfix"] * 3, "bouncer_domain": ["a.example", "a.example", None],
                             "received_date": [_t(1), _t(2), _t(3)], "date": [None] * 3})
    originals = pl.DataFrame({"msg_key": ["a"], "has_body": [True]})
    bouncers = pl.DataFrame({"bouncer_ip": ["1.2.3.4", "5.6.7.8"], "bouncer_host": ["mx.a.example", None],
                             "bouncer_software": ["postfix", "postfix"], "bouncer_domain": ["a.example", None],
                             "asn": [1, None], "as_org": ["Org A", None], "country_iso": ["DE", None]})
    ranked = overview.ranked_bouncers(messages, originals, bouncers, by="ip")
    assert ranked["label"].to_list() == ["mx.a.example (Org A)", "5.6.7.8"]


def test_a_relative_corpus_is_taken_from_the_project_root(tmp_path, monkeypatch):
    (tmp_path / "data" / "processed" / "mine").mkdir(parents=True)
    (tmp_path / "data" / "processed" / "mine" / "messages.parquet").write_bytes(b"")
    monkeypatch.setattr(config, "ROOT", tmp_path)
    monkeypatch.chdir(tmp_path / "data")  # the kernel runs elsewhere (notebooks/)
    assert notebook.resolve_corpus("data/processed/mine") == tmp_path / "data" / "processed" / "mine"
    monkeypatch.setenv(notebook.CORPUS_ENV, "data/processed/mine")
    assert notebook.resolve_corpus(None) == tmp_path / "data" / "processed" / "mine"
    with pytest.raises(ToolkitError, match="backscatter ingest"):
        notebook.resolve_corpus("data/processed/none")


def test_labels_are_found_above_the_mailboxes(tmp_path):
    (tmp_path / "raw" / "mail").mkdir(parents=True)
    (tmp_path / "raw" / "labels.jsonl").write_text("{}\n")
    manifest = {"sources": [{"path": str(tmp_path / "raw" / "mail" / "Inbox.mbox")}]}
    assert notebook.find_labels(tmp_path / "tables", manifest) == tmp_path / "raw" / "labels.jsonl"
    assert notebook.find_labels(tmp_path / "tables", {"sources": []}) is None


def test_tables_complete_in_dir_and_print_short():
    frame = pl.DataFrame({"received_date": [_t(1), _t(2, day=9)], "date": [None, None], "x": ["y" * 10_000] * 2})
    tables = Tables(messages=frame, hops=pl.DataFrame({"a": range(30_000)}))
    assert {"messages", "hops"} <= set(dir(tables))
    assert repr(tables) == "<Tables: messages 2, hops 30,000, 2024-03-04 to 2024-03-09>"


@pytest.mark.parametrize("text", ["Save $50 now, only $10", "<b>$x$</b>"])
def test_mail_text_is_never_latex_nor_markup(text):
    shown = plots.no_tex(text)
    assert "$" not in shown and "<" not in shown
    assert "$" not in plots.html_table(pl.DataFrame({"subject": [text]}))


def test_a_figure_is_plotly_mime_live_and_static_html_in_a_report(monkeypatch):
    displayed = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: displayed.append((obj, kw)))
    fig = plots.kinds_bar(pl.DataFrame({"kind": ["bounce"], "messages": [3], "backscatter": [2], "genuine": [1]}))
    monkeypatch.delenv(plots.REPORT_ENV, raising=False)
    plots.show(fig)
    bundle, options = displayed[-1]
    assert options == {"raw": True} and plots.PLOTLY_MIME in bundle and "text/html" not in bundle
    assert bundle[plots.PLOTLY_MIME]["layout"]["height"] > 100
    assert len(json.dumps(bundle)) < 50_000  # no plotly.js in the notebook
    monkeypatch.setenv(plots.REPORT_ENV, "1")
    plots.show(fig)
    page = displayed[-1][0].data
    assert "Plotly.newPlot" in page and len(page) < 50_000  # plotly.js comes once from the page


def test_latency_is_drawn_on_a_log_scale_with_its_median():
    fig = plots.latency_histogram(pl.DataFrame({"minutes": [0.0, 5.0, 11.5, 12.0, 3000.0]}))
    assert fig.layout.xaxis.ticktext[0] == "6 s" and "1 h" in fig.layout.xaxis.ticktext
    assert any("median 11.5 min" in (a.text or "") for a in fig.layout.annotations)
