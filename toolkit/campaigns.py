"""Spam runs: the backscatter of one spam campaign, found by what its spam says.

Botnets are rented, so one zombie sends for several campaigns at once; bouncers bounce
for all of them; HTML boilerplate, URL shorteners and free hosts appear in everyone's spam;
subjects vary inside a run (spintax, names, numbers) and unrelated runs share generic ones.
Linking notifications on any shared key chains all of that into one run, so here:

1. Each notification's original yields content keys in three families: `subject` (its
   template, numbers and Re:/Fwd:/[SPAM] gone, and its words), `text` (the body's shingle
   sketch, toolkit/sketch.py) and `links` (URL host+path, host, registered domain; known
   shared services only count by their path). Zombie and bouncer are `support` keys.
2. Candidate pairs come from blocks: in each key's block, sorted by time, each notification
   is paired with its next NEIGHBOURS within GAP_HOURS (no all-pairs work).
3. A key's weight is how SPECIFIC it is: how often two notifications that share it also agree
   on the other families (a generic subject's holders disagree on text and links; a run's
   template holders agree), smoothed towards a prior.
4. A pair's score adds, per family, the weighted share of the smaller side's keys it shares,
   times the family's weight; support keys add a little, only to a pair that shares content.
   Pairs scoring LINK_SCORE or more are linked; linked groups are the runs. A single shared
   key of one family never reaches it, so no zombie, bouncer, domain or subject links alone.
4. Notifications linked to nothing join the run whose content profile they match best in
   the time around them (never merging two runs); the rest are single-message runs.
"""
from __future__ import annotations

import polars as pl

from .schemas import ARRIVAL

GAP_HOURS = 24           # time neighbours further apart than this are not paired
NEIGHBOURS = 3           # each notification is paired with its next 3 holders of a key, in time
MIN_SUBJECT = 6          # shorter subject templates say too little to be a key
FAMILY_WEIGHT = {"subject": 1.0, "text": 1.5, "links": 1.0}
SUPPORT_WEIGHT = 0.15    # per shared zombie or bouncer, only on top of shared content
LINK_SCORE = 0.5         # one family in full agreement is not enough on its own with a generic key
AGREE_SCORE = 0.5        # the other families' score at which two holders of a key "agree"
PRIOR_AGREEMENT = 0.7    # a key's agreement before evidence, and its weight (pseudo-pairs)
PRIOR_PAIRS = 2.0
CHANCE_AGREEMENT = 0.4   # agreement at or below this says nothing: weight 0, rising to 1 at full agreement
IDF_FULL = 4.0           # a key held by at most 1/4 of the notifications with that family keeps full weight
BURST_HOURS = 6          # a notification with nothing to compare joins the run busiest this close to it
ATTACH_SCORE = 0.6       # a lone notification joins a run whose profile it matches at least this well
MAX_SUBJECT_WORDS = 12
# Registered domains that serve everyone: their name links nothing (a shortener's or free host's
# path still does). Shorteners, free hosting/blogs, and HTML boilerplate (DTDs, fonts, CDNs, pixels).
SHARED_SERVICES = frozenset({
    "bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at",
    "tiny.cc", "rb.gy", "t.ly", "bitly.com", "lnkd.in", "s.id",
    "blogspot.com", "wordpress.com", "weebly.com", "wixsite.com", "000webhostapp.com", "github.io", "web.app",
    "firebaseapp.com", "appspot.com", "netlify.app", "herokuapp.com", "sites.google.com", "google.com",
    "docs.google.com", "dropbox.com", "drive.google.com", "azurewebsites.net", "windows.net", "amazonaws.com",
    "cloudfront.net", "godaddysites.com", "square.site", "webflow.io", "vercel.app", "pages.dev", "r2.dev",
})
BOILERPLATE = frozenset({
    "w3.org", "schema.org", "xmlsoap.org", "purl.org", "googleapis.com", "gstatic.com", "jquery.com",
    "bootstrapcdn.com", "jsdelivr.net", "cloudflare.com", "cdnjs.com", "fontawesome.com", "typekit.net",
    "google-analytics.com", "googletagmanager.com", "doubleclick.net", "facebook.com", "twitter.com",
    "instagram.com", "linkedin.com", "youtube.com", "apple.com", "microsoft.com", "mozilla.org",
})
_PREFIX = r"(?i)^\s*((re|aw|fw|fwd|wg|sv|tr|rv|antw)\s*(\[\d+\])?\s*:\s*)+"
_TAGS = r"(?i)^\s*(\[[^\[\]]{0,40}\]|\*{1,5}\s*spam\s*\*{1,5}|\(spam\?*\))\s*"   # [SPAM], ***SPAM***, (SPAM?)
_NOISE = r"\S*\d\S*|\b[A-Z]{3,6}\b"           # tokens with digits (counters, prices), random all-caps tokens


def subject_template(subject: pl.Expr) -> pl.Expr:
    """A subject without Re:/Fwd:/[SPAM] prefixes, numbers, random tokens, case and punctuation."""
    bare = subject.fill_null("")
    for _ in range(2):  # "[SPAM] Re: ..." and "Re: [SPAM] ..."
        bare = bare.str.replace(_TAGS, "").str.replace(_PREFIX, "")
    return (bare.str.replace_all(_NOISE, " ").str.to_lowercase().str.replace_all(r"[^\w\s]|_", " ")
            .str.replace_all(r"\s+", " ").str.strip_chars())


subject_key = subject_template  # the name earlier callers used


def _nodes(messages: pl.DataFrame, originals: pl.DataFrame) -> pl.DataFrame:
    cols = ["msg_key", "orig_subject", "orig_urls", "orig_url_domains", "origin_ip"]
    sketch = "orig_body_sketch" if "orig_body_sketch" in originals.columns else None
    return (messages.filter(pl.col("is_backscatter").fill_null(False))
            .select("msg_key", "bouncer_ip", sent=ARRIVAL)
            .join(originals.select(cols + ([sketch] if sketch else [])), on="msg_key", how="left")
            .with_columns(template=subject_template(pl.col("orig_subject")),
                          orig_body_sketch=pl.col(sketch) if sketch else pl.lit([], pl.List(pl.Int64)))
            .sort("sent", "msg_key")
            .with_row_index("node"))


def _link_keys(nodes: pl.DataFrame) -> pl.DataFrame:
    """node, family links, key: host+path, host and registered domain of each URL."""
    url = pl.col("url").str.to_lowercase().str.replace(r"^[a-z]+://", "").str.replace(r"^www\.", "")
    urls = (nodes.select("node", url="orig_urls").explode("url").drop_nulls()
            .with_columns(host=url.str.extract(r"^([^/?#:]+)"),
                          path=url.str.extract(r"^[^/?#]*(/[^?#]*)").fill_null("")
                          .str.replace_all(r"[0-9]+", "#").str.strip_chars_end("/")))
    urls = urls.with_columns(domain=pl.col("host").map_elements(_registered, return_dtype=pl.String))
    boiler = pl.col("domain").is_in(list(BOILERPLATE))
    shared = pl.col("domain").is_in(list(SHARED_SERVICES)) | pl.col("host").is_in(list(SHARED_SERVICES))
    urls = urls.filter(~boiler & pl.col("host").is_not_null())
    paths = urls.filter(pl.col("path") != "").select("node", key="u:" + pl.col("host") + pl.col("path"))
    hosts = urls.filter(~(shared & (pl.col("host") == pl.col("domain")))).select("node", key="h:" + pl.col("host"))
    domains = urls.filter(~shared & pl.col("domain").is_not_null()).select("node", key="d:" + pl.col("domain"))
    return pl.concat([paths, hosts, domains]).unique().with_columns(family=pl.lit("links"))


def _registered(host: str) -> str | None:
    from .originals import registered_domain

    return registered_domain(host)


def _keys(nodes: pl.DataFrame) -> pl.DataFrame:
    """node, family, key for every notification; keys held by one notification are dropped."""
    templates = nodes.filter(pl.col("template").str.len_chars() >= MIN_SUBJECT).select(
        "node", key="t:" + pl.col("template"), family=pl.lit("subject"))
    words = (nodes.select("node", word=pl.col("template").str.extract_all(r"[^\W\d_]{3,}").list.head(MAX_SUBJECT_WORDS))
             .explode("word").drop_nulls().unique()
             .select("node", key="s:" + pl.col("word"), family=pl.lit("subject")))
    text = (nodes.select("node", h="orig_body_sketch").explode("h").drop_nulls()
            .select("node", key="c:" + pl.col("h").cast(pl.String), family=pl.lit("text")))
    zombies = nodes.drop_nulls("origin_ip").select("node", key="z:" + pl.col("origin_ip"), family=pl.lit("support"))
    bouncers = nodes.drop_nulls("bouncer_ip").select("node", key="b:" + pl.col("bouncer_ip"), family=pl.lit("support"))
    keys = pl.concat([templates, words, text, _link_keys(nodes), zombies, bouncers])
    return keys.filter(pl.len().over("key") >= 2)


def _candidates(nodes: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """(key, a, b): each holder of a content key and its next NEIGHBOURS holders within GAP_HOURS."""
    block = (keys.filter(pl.col("family") != "support").join(nodes.select("node", "sent"), on="node")
             .sort("key", "sent", "node"))
    pairs = []
    for step in range(1, NEIGHBOURS + 1):
        pairs.append(block.with_columns(b=pl.col("node").shift(-step).over("key"),
                                        b_sent=pl.col("sent").shift(-step).over("key"))
                     .filter(pl.col("b").is_not_null()
                             & ((pl.col("b_sent") - pl.col("sent")).dt.total_hours() <= GAP_HOURS))
                     .select("key", "family", a=pl.min_horizontal("node", "b"), b=pl.max_horizontal("node", "b")))
    return pl.concat(pairs).filter(pl.col("a") != pl.col("b"))


def _family_scores(pairs: pl.DataFrame, keys: pl.DataFrame, weights: pl.DataFrame,
                   unknown: float = 0.0) -> pl.DataFrame:
    """(a, b, family, score): the weighted share of the smaller side's keys of a family both hold."""
    weighted = keys.join(weights.select("key", "weight"), on="key", how="left").with_columns(
        pl.col("weight").fill_null(unknown))
    held = weighted.group_by("node", "family").agg(held=pl.len())
    shared = (pairs.join(weighted, left_on="a", right_on="node")
              .join(keys.select("node", "key"), left_on=["b", "key"], right_on=["node", "key"], how="semi")
              .group_by("a", "b", "family").agg(shared=pl.col("weight").sum(), n=pl.len()))
    return (shared.join(held, left_on=["a", "family"], right_on=["node", "family"])
            .join(held, left_on=["b", "family"], right_on=["node", "family"], suffix="_b")
            .with_columns(score=pl.when(pl.col("family") == "support")
                          .then(pl.col("n") * SUPPORT_WEIGHT)
                          .otherwise(pl.col("shared") / pl.min_horizontal("held", "held_b")
                                     * pl.col("family").replace_strict(FAMILY_WEIGHT, default=0.0)))
            .select("a", "b", "family", "score"))


_BIT = {"subject": 1, "text": 2, "links": 4}


def _specificity(generated: pl.DataFrame, scores: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """key -> weight: how often two holders of the key agree on the other content families.

    Only pairs that both hold some other content family can agree or disagree (two headers-only
    copies of a subject tell nothing); the share is smoothed towards PRIOR_AGREEMENT."""
    held = (keys.filter(pl.col("family") != "support").select("node", bit=pl.col("family").replace_strict(_BIT))
            .unique().group_by("node").agg(mask=pl.col("bit").sum()))
    other = (generated.join(scores.filter(pl.col("family") != "support").rename({"family": "scored"}),
                            on=["a", "b"], how="left")
             .group_by("key", "family", "a", "b")
             .agg(other=pl.col("score").filter(pl.col("scored") != pl.col("family")).sum()))
    informative = (other.join(held, left_on="a", right_on="node").join(held, left_on="b", right_on="node", suffix="_b")
                   .filter((pl.col("mask") & pl.col("mask_b") & ~pl.col("family").replace_strict(_BIT)) > 0))
    agreement = informative.group_by("key").agg(agree=(pl.col("other") >= AGREE_SCORE).sum(), pairs=pl.len())
    counted = keys.filter(pl.col("family") != "support").with_columns(
        holders=pl.col("node").n_unique().over("family")).group_by("key").agg(df=pl.len(), holders=pl.first("holders"))
    rate = ((pl.col("agree").fill_null(0) + PRIOR_AGREEMENT * PRIOR_PAIRS) / (pl.col("pairs").fill_null(0) + PRIOR_PAIRS))
    idf = (pl.col("holders") / pl.col("df")).log() / pl.lit(IDF_FULL).log()
    return (counted.join(agreement, on="key", how="left")
            .select("key", agreement=rate,
                    weight=((rate - CHANCE_AGREEMENT) / (1 - CHANCE_AGREEMENT)).clip(0, 1) * idf.clip(0, 1)))


def _link_scores(pairs: pl.DataFrame, keys: pl.DataFrame, weights: pl.DataFrame) -> pl.DataFrame:
    """(a, b, score): content families' scores, plus support when some content is shared."""
    scores = _family_scores(pairs, keys, weights)
    return (scores.group_by("a", "b").agg(
        content=pl.col("score").filter(pl.col("family") != "support").sum(),
        support=pl.col("score").filter(pl.col("family") == "support").sum())
        .filter(pl.col("content") > 0)
        .with_columns(score=pl.col("content") + pl.col("support")))


def _components(nodes: pl.DataFrame, edges: pl.DataFrame) -> pl.DataFrame:
    """node -> label, the smallest node linked to it (min-label propagation with pointer jumping)."""
    both = pl.concat([edges.select("a", "b"), edges.select(a="b", b="a")])
    labels = nodes.select("node", label=pl.col("node"))
    while True:
        via = both.join(labels, left_on="b", right_on="node").group_by("a").agg(via=pl.col("label").min())
        stepped = (labels.join(via, left_on="node", right_on="a", how="left")
                   .select("node", label=pl.min_horizontal("label", pl.col("via").fill_null(pl.col("label")))))
        jumped = stepped.join(stepped.rename({"node": "parent", "label": "grand"}), left_on="label",
                              right_on="parent").select("node", label=pl.min_horizontal("label", "grand"))
        if jumped.sort("node")["label"].equals(labels.sort("node")["label"]):
            return labels
        labels = jumped


def _weights(nodes: pl.DataFrame, keys: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Candidate pairs and every key's specificity weight."""
    generated = _candidates(nodes, keys)
    pairs = generated.select("a", "b").unique()
    first = _family_scores(pairs, keys, pl.DataFrame(schema={"key": pl.String, "weight": pl.Float64}), unknown=1.0)
    return pairs, _specificity(generated, first, keys)


def _attach(nodes: pl.DataFrame, keys: pl.DataFrame, weights: pl.DataFrame, labels: pl.DataFrame) -> pl.DataFrame:
    """node -> label for notifications linked to nothing: the run whose profile they match best,
    in time with them, scoring ATTACH_SCORE or more."""
    sized = labels.with_columns(size=pl.len().over("label"))
    lone = sized.filter(pl.col("size") == 1).select("node")
    runs = sized.filter(pl.col("size") > 1).join(nodes.select("node", "sent"), on="node")
    if lone.is_empty() or runs.is_empty():
        return labels.head(0)
    spans = runs.group_by("label").agg(start=pl.col("sent").min(), end=pl.col("sent").max(), size=pl.len())
    profile = (runs.join(keys, on="node").group_by("label", "key", "family")
               .agg(share=pl.len()).join(spans.select("label", "size"), on="label")
               .with_columns(share=pl.when(pl.col("family") == "support").then(1.0)
                             .otherwise(pl.col("share") / pl.col("size"))))
    weighted = keys.join(lone, on="node").join(weights.select("key", "weight"), on="key", how="left") \
        .with_columns(pl.col("weight").fill_null(0.0))
    held = weighted.group_by("node", "family").agg(held=pl.len())
    margin = pl.duration(hours=GAP_HOURS)
    matched = (weighted.join(profile.select("label", "key", "share"), on="key")
               .join(nodes.select("node", "sent"), on="node").join(spans, on="label")
               .filter(pl.col("sent").is_between(pl.col("start") - margin, pl.col("end") + margin))
               .group_by("node", "label", "family").agg(got=(pl.col("weight") * pl.col("share")).sum(), n=pl.len())
               .join(held, on=["node", "family"])
               .with_columns(score=pl.when(pl.col("family") == "support")
                             .then(pl.col("n") * SUPPORT_WEIGHT)
                             .otherwise(pl.col("got") / pl.col("held")
                                        * pl.col("family").replace_strict(FAMILY_WEIGHT, default=0.0)))
               .group_by("node", "label").agg(
                   content=pl.col("score").filter(pl.col("family") != "support").sum(),
                   support=pl.col("score").filter(pl.col("family") == "support").sum())
               .filter(pl.col("content") > 0)
               .with_columns(score=pl.col("content") + pl.col("support")))
    return (matched.filter(pl.col("score") >= ATTACH_SCORE).sort("score", "label", descending=[True, False])
            .group_by("node", maintain_order=True).first().select("node", "label"))


def _by_time(nodes: pl.DataFrame, keys: pl.DataFrame, labels: pl.DataFrame) -> pl.DataFrame:
    """node -> label for notifications without any content key (nothing of the original came back):
    the run with the most notifications within BURST_HOURS of it, if any. A guess, flagged as such."""
    content = keys.filter(pl.col("family") != "support").select("node").unique()
    sized = labels.with_columns(size=pl.len().over("label"))
    blind = sized.filter(pl.col("size") == 1).join(content, on="node", how="anti").join(nodes.select("node", "sent"),
                                                                                          on="node")
    runs = sized.filter(pl.col("size") > 1).join(nodes.select("node", "sent"), on="node").sort("sent")
    if blind.is_empty() or runs.is_empty():
        return labels.head(0)
    window = pl.duration(hours=BURST_HOURS)
    near = (blind.select("node", lo=pl.col("sent") - window, hi=pl.col("sent") + window).join_where(
        runs.select("label", "sent"), pl.col("sent") >= pl.col("lo"), pl.col("sent") <= pl.col("hi")))
    return (near.group_by("node", "label").agg(n=pl.len()).sort("n", "label", descending=[True, False])
            .group_by("node", maintain_order=True).first().select("node", "label"))


def cluster(nodes: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(labels: node, label, how), the key weights, and the links (a, b, score, keys)."""
    keys = _keys(nodes)
    pairs, weights = _weights(nodes, keys)
    links = _link_scores(pairs, keys, weights).filter(pl.col("score") >= LINK_SCORE)
    labels = _components(nodes, links)
    attached = _attach(nodes, keys, weights, labels)
    timed = _by_time(nodes, keys, labels)
    labels = (labels.join(attached.rename({"label": "run"}), on="node", how="left")
              .join(timed.rename({"label": "burst"}), on="node", how="left")
              .select("node", label=pl.coalesce("run", "burst", "label"),
                      how=pl.when(pl.col("run").is_not_null()).then(pl.lit("attached"))
                      .when(pl.col("burst").is_not_null()).then(pl.lit("by_time"))))
    sizes = labels.group_by("label").agg(size=pl.len())
    labels = labels.join(sizes, on="label").with_columns(
        how=pl.coalesce("how", pl.when(pl.col("size") > 1).then(pl.lit("linked")).otherwise(pl.lit("alone"))))
    return labels.drop("size"), weights, links


def assign(messages: pl.DataFrame, originals: pl.DataFrame) -> pl.DataFrame:
    """msg_key -> campaign_id for every backscatter notification."""
    nodes = _nodes(messages, originals)
    if nodes.is_empty():
        return pl.DataFrame(schema={"msg_key": pl.String, "campaign_id": pl.String})
    labels, _, _ = cluster(nodes)
    members = nodes.select("node", "msg_key", "sent").join(labels, on="node")
    order = (members.group_by("label").agg(first=pl.col("sent").min(), key=pl.col("msg_key").min())
             .sort("first", "key").with_row_index("n", offset=1)
             .with_columns(campaign_id=pl.format("run-{}-{}", pl.col("first").dt.strftime("%Y%m%d"),
                                                 pl.col("n").cast(pl.String).str.zfill(3))))
    return members.join(order.select("label", "campaign_id"), on="label").select("msg_key", "campaign_id")
def table(messages: pl.DataFrame, originals: pl.DataFrame, zombies: pl.DataFrame) -> pl.DataFrame:
    """One row per spam run (see schemas.CAMPAIGNS)."""
    from .schemas import CAMPAIGNS

    facts = (messages.filter(pl.col("campaign_id").is_not_null())
             .select("msg_key", "campaign_id", "bouncer_ip", arrival=ARRIVAL)
             .join(originals.select("msg_key", "orig_subject", "orig_url_domains", "origin_ip", "orig_date"),
                   on="msg_key", how="left")
             .join(zombies.select("origin_ip", "country_iso", "asn"), on="origin_ip", how="left")
             .with_columns(latency_s=(pl.col("arrival") - pl.col("orig_date")).dt.total_seconds(),
                           hour=pl.col("arrival").dt.truncate("1h")))
    if facts.is_empty():
        return CAMPAIGNS.empty()
    hourly = facts.group_by("campaign_id", "hour").agg(n=pl.len()).group_by("campaign_id").agg(
        peak_hourly=pl.col("n").max())
    domains = facts.select("campaign_id", "orig_url_domains").explode("orig_url_domains").drop_nulls() \
        .group_by("campaign_id", "orig_url_domains").agg(n=pl.len()) \
        .sort("n", "orig_url_domains", descending=[True, False]) \
        .group_by("campaign_id", maintain_order=True).agg(top_url_domains=pl.col("orig_url_domains").head(5))
    subjects = facts.drop_nulls("orig_subject").group_by("campaign_id", "orig_subject").agg(n=pl.len()) \
        .sort("n", "orig_subject", descending=[True, False]) \
        .group_by("campaign_id", maintain_order=True).agg(top_subjects=pl.col("orig_subject").head(5))
    runs = facts.group_by("campaign_id").agg(
        first_seen=pl.col("arrival").min(), last_seen=pl.col("arrival").max(),
        messages=pl.len(),
        zombies=pl.col("origin_ip").drop_nulls().n_unique(),
        countries=pl.col("country_iso").drop_nulls().n_unique(),
        asns=pl.col("asn").drop_nulls().n_unique(),
        bouncers=pl.col("bouncer_ip").drop_nulls().n_unique(),
        latency_median_s=pl.col("latency_s").filter(pl.col("latency_s") >= 0).median(),
        spam_first_sent=pl.col("orig_date").min(),
    )
    out = (runs.join(hourly, on="campaign_id", how="left").join(subjects, on="campaign_id", how="left")
           .join(domains, on="campaign_id", how="left")
           .with_columns(duration_h=((pl.col("last_seen") - pl.col("first_seen")).dt.total_seconds() / 3600).round(2),
                         start_estimate=pl.coalesce(
                             "spam_first_sent",
                             pl.col("first_seen") - pl.duration(seconds=pl.col("latency_median_s").fill_null(0))))
           .sort("first_seen"))
    return out.select([pl.col(name).cast(dtype) for name, dtype in CAMPAIGNS.schema.items()])
