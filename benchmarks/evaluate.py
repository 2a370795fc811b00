"""Score `kind` and `is_backscatter` against the sample generator's labels.

    python benchmarks/evaluate.py [--seed N] [--days D] [--scale S]

The default seed differs from the one the rules were developed on
(config.SAMPLE_SEED), so the figures measure generalisation, not tuning.
Prints the kind confusion matrix, then precision, recall and F1 of the verdict.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import polars as pl

from toolkit.ingest import ingest
from toolkit.synth import generate

KIND_OF_LABEL = {"sent": "ham"}


SOFTWARE_OF_STYLE = {"exim_dsn": "exim", "interscan": "trendmicro", "vacation": None, "challenge": None,
                     "tricky": None}


def labelled(work: Path, seed: int, days: int, scale: float) -> pl.DataFrame:
    generate(work / "raw", seed=seed, days=days, scale=scale)
    ingest([work / "raw" / "mail"], work / "tables", cache_dir=work / "cache", progress=False)
    messages = pl.read_parquet(work / "tables" / "messages.parquet").with_columns(
        mailbox=pl.col("source").str.split("/").list.last())
    originals = pl.read_parquet(work / "tables" / "originals.parquet").select(
        "msg_key", found_origin_ip="origin_ip", found_forged_hops="forged_hops")
    labels = pl.read_ndjson(work / "raw" / "labels.jsonl", infer_schema_length=None)
    joined = messages.join(labels, on=["mailbox", "position"], how="inner", suffix="_label") \
        .join(originals, on="msg_key", how="left")
    assert joined.height == messages.height == labels.height, "every message must have its label"
    return joined.with_columns(pl.col("kind_label").replace(KIND_OF_LABEL).alias("kind_truth"))


def tracing(frame: pl.DataFrame) -> dict[str, float]:
    """Origin IP accuracy where the original's headers came back, and bouncer IP accuracy."""
    carried = frame.filter(pl.col("original").is_in(["rfc822", "headers", "inline"]))
    notices = frame.filter(pl.col("bouncer_ip_label").is_not_null())
    forged = carried.filter(pl.col("forged_hops") > 0)
    software = notices.with_columns(expected=pl.col("style").replace(SOFTWARE_OF_STYLE)) \
        .filter(pl.col("expected").is_not_null())

    def same(a: pl.Series, b: pl.Series) -> pl.Series:
        return (a == b).fill_null(False)

    return {
        "origin": float(same(carried["found_origin_ip"], carried["origin_ip"]).mean()), "origin_n": carried.height,
        "origin_forged": float(same(forged["found_origin_ip"], forged["origin_ip"]).mean()), "forged_n": forged.height,
        "forged_hops": float(same(carried["found_forged_hops"], carried["forged_hops"]).mean()),
        "bouncer": float(same(notices["bouncer_ip"], notices["bouncer_ip_label"]).mean()), "bouncer_n": notices.height,
        "software": float(same(software["bouncer_software"], software["expected"]).mean()),
        "software_n": software.height,
    }


def _pairs(counts: pl.Series) -> float:
    return float((counts.cast(pl.Float64) * (counts.cast(pl.Float64) - 1) / 2).sum())


def adjusted_rand_index(truth: pl.Series, found: pl.Series) -> float:
    """Hubert and Arabie's ARI from the contingency table (no scikit-learn needed)."""
    table = pl.DataFrame({"t": truth, "f": found}).group_by("t", "f").len()
    together = _pairs(table["len"])
    by_truth = _pairs(table.group_by("t").agg(pl.col("len").sum())["len"])
    by_found = _pairs(table.group_by("f").agg(pl.col("len").sum())["len"])
    n = float(len(truth))
    expected = by_truth * by_found / (n * (n - 1) / 2) if n > 1 else 0.0
    top = (by_truth + by_found) / 2
    return 1.0 if top == expected else (together - expected) / (top - expected)


def campaign_ari(frame: pl.DataFrame) -> tuple[float, int]:
    runs = frame.filter(pl.col("is_backscatter_label") & pl.col("is_backscatter").fill_null(False))
    found = runs["campaign_id"].fill_null(pl.Series(["none-" + k for k in runs["msg_key"]]))
    return adjusted_rand_index(runs["campaign"], found), runs.height


def confusion(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.pivot(on="kind", index="kind_truth", values="msg_key", aggregate_function="len",
                       sort_columns=True).fill_null(0).sort("kind_truth")


def scores(frame: pl.DataFrame) -> dict[str, float]:
    inbox = frame.filter(pl.col("mailbox_role") == "inbox")
    truth, guess = inbox["is_backscatter_label"], inbox["is_backscatter"].fill_null(False)
    tp = int((truth & guess).sum())
    fp = int((~truth & guess).sum())
    fn = int((truth & ~guess).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--days", type=int, default=63)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        frame = labelled(Path(tmp), args.seed, args.days, args.scale)
    pl.Config.set_tbl_cols(20)
    pl.Config.set_tbl_width_chars(200)
    print(f"seed {args.seed}: {frame.height} messages")
    print("kind: rows = truth, columns = predicted")
    print(confusion(frame))
    kind_accuracy = (frame["kind"] == frame["kind_truth"]).mean()
    print(f"kind accuracy: {kind_accuracy:.4f}")
    s = scores(frame)
    print(f"backscatter: precision {s['precision']:.4f}, recall {s['recall']:.4f}, F1 {s['f1']:.4f} "
          f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    t = tracing(frame)
    print(f"origin IP accuracy: {t['origin']:.4f} of {t['origin_n']} notifications carrying the original's headers "
          f"({t['origin_forged']:.4f} of the {t['forged_n']} with forged Received lines); "
          f"forged-line count exact: {t['forged_hops']:.4f}")
    print(f"bouncer IP accuracy: {t['bouncer']:.4f} of {t['bouncer_n']} notifications; "
          f"bouncer software: {t['software']:.4f} of {t['software_n']}")
    ari, n_runs = campaign_ari(frame)
    print(f"spam runs: adjusted Rand index {ari:.4f} over {n_runs} backscatter notifications "
          f"({frame['campaign'].drop_nulls().n_unique()} labelled runs, {frame['campaign_id'].drop_nulls().n_unique()} found)")
    wrong = frame.filter(pl.col("is_backscatter").fill_null(False) != pl.col("is_backscatter_label")
                         & (pl.col("mailbox_role") == "inbox"))
    if wrong.height:
        print("misjudged (first 15):")
        print(wrong.select("kind", "style", "original", "is_backscatter_label", "backscatter_score", "signals").head(15))
    return 0


if __name__ == "__main__":
    sys.exit(main())
