"""Score the analysis against the sample generator's labels, on any of its worlds.

    python benchmarks/evaluate.py [--world realistic|classic|blind|blind2|blind3] [--seed N] [--days D] [--scale S]
                                  [--me ADDR] [--my-domain DOMAIN]

The default seed differs from the one the rules were developed on (config.SAMPLE_SEED),
so the figures measure generalisation, not tuning. Prints, for both worlds, the same
measures: rows out = messages in, the kind confusion matrix and accuracy, precision /
recall / F1 of the backscatter verdict, origin IP (direct, through a relay, with forged
lines), bouncer IP, the notifying product (per product, vocabulary of toolkit/products.py)
and the adjusted Rand index of the spam runs.

``--world blind`` scores against benchmarks/blind, a second-opinion generator written without
reading the rules (a vanity domain forwarded into Gmail, exported with Google Takeout). Its corpus
is ingested with the owner's flags, as a user would run `backscatter ingest --me ... --my-domain
...`: the world's own owner.json unless --me / --my-domain are given. ``--world blind2`` does the same
with benchmarks/blind2, a third opinion written without reading the rules or the other generators;
``--world blind3`` with benchmarks/blind3, a fourth written the same way.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import polars as pl

from toolkit.ingest import ingest
from toolkit.synth import WORLDS, generate
from toolkit.verdict import Owner

ROOT = Path(__file__).resolve().parents[1]

BLIND = "blind"
BLIND2 = "blind2"
BLIND3 = "blind3"

KIND_OF_LABEL = {"sent": "ham"}
CARRIED = ["rfc822", "headers", "inline"]


def owner_of(raw: Path, me: list[str], my_domain: list[str]) -> Owner | None:
    """The owner flags for ingest: as given, else the generated world's owner.json (the blind world writes one)."""
    flags = raw / "owner.json"
    if not me and not my_domain and flags.is_file():
        given = json.loads(flags.read_text(encoding="utf-8"))
        me, my_domain = given.get("addresses", []), given.get("domains", [])
    return Owner(addresses=tuple(me), domains=tuple(my_domain)) if me or my_domain else None


def labelled(work: Path, seed: int, days: int | None, scale: float, world: str, me: list[str] = (),
             my_domain: list[str] = ()) -> tuple[pl.DataFrame, int]:
    """The analysis' messages joined with the labels; also the number of labelled messages (messages in)."""
    if world in (BLIND, BLIND2, BLIND3):
        if str(ROOT) not in sys.path:  # run as a script: the project root is not on the path
            sys.path.insert(0, str(ROOT))
        if world == BLIND:
            from benchmarks.blind import generate as generate_blind
        elif world == BLIND2:
            from benchmarks.blind2 import generate as generate_blind
        else:
            from benchmarks.blind3 import generate as generate_blind
        generate_blind(work / "raw", seed=seed, days=days or 30, scale=scale)
    else:
        generate(work / "raw", seed=seed, days=days, scale=scale, world=world)
    ingest([work / "raw" / "mail"], work / "tables", cache_dir=work / "cache", progress=False,
           owner=owner_of(work / "raw", list(me), list(my_domain)))
    messages = pl.read_parquet(work / "tables" / "messages.parquet").with_columns(
        mailbox=pl.col("source").str.split("/").list.last())
    originals = pl.read_parquet(work / "tables" / "originals.parquet").select(
        "msg_key", found_origin_ip="origin_ip", found_forged_hops="forged_hops")
    labels = pl.read_ndjson(work / "raw" / "labels.jsonl", infer_schema_length=None)
    labels = labels.rename({c: f"{c}_label" for c in labels.columns if c in messages.columns
                            and c not in ("mailbox", "position")})
    joined = messages.join(labels, on=["mailbox", "position"], how="inner").join(originals, on="msg_key", how="left")
    found = "product" if "product" in messages.columns else "bouncer_software"
    return joined.with_columns(kind_truth=pl.col("kind_label").replace(KIND_OF_LABEL),
                               found_product=pl.col(found)), labels.height


def _same(a: pl.Series, b: pl.Series) -> pl.Series:
    return (a == b).fill_null(False)


def _share(frame: pl.DataFrame, found: str, truth: str) -> tuple[float, int]:
    return (float(_same(frame[found], frame[truth]).mean()) if frame.height else float("nan")), frame.height


def tracing(frame: pl.DataFrame) -> dict[str, tuple[float, int]]:
    """Origin IP where the original's headers came back (all, direct, relayed, forged), bouncer IP."""
    carried = frame.filter(pl.col("original").is_in(CARRIED) & pl.col("is_backscatter_label").fill_null(False))
    relayed = carried.filter(pl.col("relay_ip").is_not_null()) if "relay_ip" in carried.columns else carried.head(0)
    return {
        "origin": _share(carried, "found_origin_ip", "origin_ip"),
        "origin through an open relay": _share(relayed, "found_origin_ip", "origin_ip"),
        "origin with forged lines": _share(carried.filter(pl.col("forged_hops") > 0), "found_origin_ip", "origin_ip"),
        "forged-line count exact": _share(carried, "found_forged_hops", "forged_hops"),
        "bouncer IP": _share(frame.filter(pl.col("bouncer_ip_label").is_not_null()), "bouncer_ip", "bouncer_ip_label"),
    }


def products(frame: pl.DataFrame) -> pl.DataFrame:
    """Per labelled product: how many notifications, how many the analysis named right."""
    truth = "product_label" if "product_label" in frame.columns else "product"
    if truth not in frame.columns:
        return pl.DataFrame({"product": [], "n": [], "right": [], "accuracy": []})
    return (frame.filter(pl.col(truth).is_not_null())
            .group_by(product=pl.col(truth))
            .agg(n=pl.len(), right=(pl.col("found_product") == pl.col(truth)).fill_null(False).sum(),
                 found=pl.col("found_product").drop_nulls().mode().first())
            .with_columns(accuracy=(pl.col("right") / pl.col("n")).round(3)).sort("n", descending=True))


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


def campaign_ari(frame: pl.DataFrame) -> tuple[float, int, int]:
    """ARI over the backscatter the analysis also calls backscatter; and how many found runs mix campaigns."""
    runs = frame.filter(pl.col("is_backscatter_label").fill_null(False) & pl.col("is_backscatter").fill_null(False))
    found = runs["campaign_id"].fill_null(pl.Series(["none-" + k for k in runs["msg_key"]]))
    truth = runs["campaign_label"] if "campaign_label" in runs.columns else runs["campaign"]
    mixed = (pl.DataFrame({"t": truth, "f": runs["campaign_id"]}).drop_nulls().group_by("f")
             .agg(pl.col("t").n_unique()).filter(pl.col("t") > 1).height)
    return adjusted_rand_index(truth, found), runs.height, mixed


def confusion(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.pivot(on="kind", index="kind_truth", values="msg_key", aggregate_function="len",
                       sort_columns=True).fill_null(0).sort("kind_truth")


def scores(frame: pl.DataFrame) -> dict[str, float]:
    inbox = frame.filter(pl.col("mailbox_role") == "inbox")
    truth, guess = inbox["is_backscatter_label"].fill_null(False), inbox["is_backscatter"].fill_null(False)
    tp = int((truth & guess).sum())
    fp = int((~truth & guess).sum())
    fn = int((truth & ~guess).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def report(frame: pl.DataFrame, messages_in: int, world: str, seed: int) -> None:
    pl.Config.set_tbl_cols(24)
    pl.Config.set_tbl_rows(60)
    pl.Config.set_tbl_width_chars(200)
    print(f"world {world}, seed {seed}: rows out {frame.height} = messages in {messages_in}: "
          f"{'yes' if frame.height == messages_in else 'NO'}")
    print("kind: rows = truth, columns = predicted")
    print(confusion(frame))
    print(f"kind accuracy: {(frame['kind'] == frame['kind_truth']).mean():.4f}")
    s = scores(frame)
    print(f"backscatter: precision {s['precision']:.4f}, recall {s['recall']:.4f}, F1 {s['f1']:.4f} "
          f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    for name, (value, n) in tracing(frame).items():
        print(f"{name}: {value:.4f} of {n}")
    table = products(frame)
    if table.height:
        print(f"product: {table['right'].sum() / table['n'].sum():.4f} of {table['n'].sum()} notifications")
        print(table)
    ari, n_runs, mixed = campaign_ari(frame)
    truth = "campaign_label" if "campaign_label" in frame.columns else "campaign"
    labelled_runs = frame.filter(pl.col("is_backscatter_label").fill_null(False))[truth].drop_nulls().n_unique()
    print(f"spam runs: adjusted Rand index {ari:.4f} over {n_runs} backscatter notifications "
          f"({labelled_runs} labelled campaigns, {frame['campaign_id'].drop_nulls().n_unique()} found, "
          f"{mixed} found runs mixing campaigns)")
    wrong = frame.filter((pl.col("is_backscatter").fill_null(False) != pl.col("is_backscatter_label").fill_null(False))
                         & (pl.col("mailbox_role") == "inbox"))
    if wrong.height:
        print("misjudged (first 15):")
        print(wrong.select("kind", "style", "original", "is_backscatter_label", "backscatter_score", "signals").head(15))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", choices=[*WORLDS, BLIND, BLIND2, BLIND3], default="realistic")
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--days", type=int, default=None, help="default: the world's own period")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--me", action="append", default=[], metavar="ADDR",
                        help="the owner's address, as `backscatter ingest --me` (default: the world's owner.json, if any)")
    parser.add_argument("--my-domain", action="append", default=[], metavar="DOMAIN",
                        help="the owner's domain, as `backscatter ingest --my-domain`")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        frame, messages_in = labelled(Path(tmp), args.seed, args.days, args.scale, args.world, args.me, args.my_domain)
    report(frame, messages_in, args.world, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
