"""Spam runs: the backscatter of one spam campaign, found by what its spam says.

Botnets are rented, so one zombie sends for several campaigns at once; bouncers bounce for
all of them; HTML boilerplate, tracking pixels, URL shorteners and free hosts appear in
everyone's spam; subjects vary inside a run (spintax, names, numbers) and unrelated runs share
generic ones. Linking notifications on any shared key chains all of that into one run, so
(docs/runs.md has the why and the figures):

1. Keys. Each original yields `text` keys (its body's shingle sketch, toolkit/sketch.py),
   `links` keys (page = host+path, host, registered domain; shared services only by their
   page, boilerplate not at all), `subject` keys (its template without Re:/Fwd:/[SPAM]/
   auto-reply prefixes and numbers, the template's word pairs and long words) and `support`
   keys (zombie, bouncer), which never link anything on their own.
2. Weights. A body or link key weighs its rarity among the notifications that carry a body
   or links (an IDF); a shingle also how often two holders agree on everything else; a link
   also how few other registered domains it is sent next to (a pixel is sent next to all);
   both also how few unrelated payloads (groups of advertised domains) their holders advertise.
3. Cores. Candidate pairs come from key blocks (each holder and its next NEIGHBOURS holders
   in time, however far apart: no all-pairs work, and a campaign sending in waves days apart
   or a little every day for weeks is still one campaign); a pair is linked when its body and
   link keys, on squared weights, score LINK_SCORE, or FAR_LINK_SCORE when sent more than
   GAP_HOURS apart (time is weak evidence, not a wall). Linked groups are cores; a core whose
   members advertise several payload groups splits into one part per group (affiliates of one
   kit). Cores and parts of one campaign merge when their subject profiles agree and they sent
   their payloads at overlapping times; with different payloads only when they agree closely
   and do not look sent by different botnets.
4. Subjects. A subject key whose holders in cores are mostly in one run marks that run;
   a notification without a body joins the run its subject keys mark (attached). Templates no
   run knows (or only one run member holds) group by template whenever sent; groups alike in
   subjects merge.
5. Time. What is left (no original came back, or only a generic subject) joins the run
   busiest around its arrival, a shared zombie or bouncer tipping the balance (by_time).
"""
from __future__ import annotations

from typing import NamedTuple

import polars as pl

from .kinds import AUTOREPLY_SUBJECTS
from .schemas import ARRIVAL
from .slices import slices

GAP_HOURS = 24           # notifications further apart link on more content; runs further apart do not merge on subjects
NEIGHBOURS = 3           # each notification is paired with its next 3 holders of a key, in time
MIN_SUBJECT = 6          # shorter subject templates say too little to be a key
FAMILY_WEIGHT = {"subject": 1.0, "text": 1.5, "links": 1.0}
FAMILY_FLOOR = 1.0       # a family's score divides by at least one full key's weight: weak keys never score high
SUPPORT_WEIGHT = 0.15    # per shared zombie or bouncer, only on top of shared content
LINK_SCORE = 0.5         # one family in full agreement is not enough on its own with a generic key
FAR_LINK_SCORE = 0.8     # what two notifications sent more than GAP_HOURS apart must score to link
AGREE_SCORE = 0.5        # the other families' score at which two holders of a key "agree"
PRIOR_AGREEMENT = 0.7    # a key's agreement before evidence, and its weight (pseudo-pairs)
PRIOR_PAIRS = 2.0
CHANCE_AGREEMENT = 0.4   # agreement at or below this says nothing: weight 0, rising to 1 at full agreement
IDF_FULL = 2.0           # a key held by at most half of the notifications with its family keeps full rarity
RARITY_FLOOR = 0.25      # the weight left to a key every notification holds
SHARED_DOMAINS = 3       # a link key sent next to more registered domains than this loses weight
PAYLOAD_GROUPS = 3       # a shingle or link whose holders advertise more payload groups than this is boilerplate
PAYLOAD_HOLDERS = 2      # a payload group counts for a key when this many of the key's holders advertise it
AGREEMENT_ROUNDS = 2     # weights from rarity, then agreement measured with them, then again
BURST_SUPPORT = 2.0      # a shared zombie or bouncer weighs this many times more in a guess by time
BURST_DECAY_HOURS = 2.0  # a run's notifications count less the further they are from it
BURST_HOURS = 6          # a notification with nothing to compare joins the run busiest this close to it
ATTACH_SCORE = 0.5       # a lone notification joins the run its subject keys mark at least this well
MERGE_SIMILARITY = 0.15
PAYLOAD_MERGE_SIMILARITY = 0.4  # runs advertising different payloads are one campaign only with subjects this alike
SENDER_EVIDENCE = 3.0    # zombies two runs would share if sent from one pool; sharing none then means two senders
MAX_RUNS_PER_KEY = 50    # a subject key in more runs than this is too common to merge any two of them
CORE_MERGE_KEYS = 4      # two body-linked runs merge on subjects only when they share this many subject keys   # cosine of two cores' subject profiles at which they are one campaign
MARKER_EVIDENCE = 1.0    # subject evidence (sum of marker weights) that counts in full
MARKER_PURITY = 0.5      # a subject key shared this evenly between runs marks none of them
MAX_SUBJECT_WORDS = 12
MIN_WORD = 4             # subject words this long are keys of their own (shorter ones only in bigrams)
ATTACH_HOURS = 48        # a notification joins a run at most this long before or after it
SCORED_PAIRS = 50_000      # candidate pairs scored at a time (memory)
AGREEMENT_ROWS = 200_000   # (key, candidate pair) rows judged at a time for the keys' agreement (memory)
BY_TIME_PAIRS = 250_000    # lone notifications are placed by time in batches of about this many pairs (memory)
# Registered domains that serve everyone: their name links nothing (a shortener's or free host's
# path still does). Shorteners, free hosting/blogs, and HTML boilerplate (DTDs, fonts, CDNs, pixels).
SHARED_SERVICES = frozenset({
    "bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at",
    "tiny.cc", "rb.gy", "t.ly", "bitly.com", "lnkd.in", "s.id",
    "blogspot.com", "wordpress.com", "weebly.com", "wixsite.com", "000webhostapp.com", "github.io", "web.app",
    "firebaseapp.com", "appspot.com", "netlify.app", "herokuapp.com", "sites.google.com", "google.com",
    "docs.google.com", "dropbox.com", "drive.google.com", "azurewebsites.net", "windows.net", "amazonaws.com",
    "cloudfront.net", "godaddysites.com", "square.site", "webflow.io", "vercel.app", "pages.dev", "r2.dev",
    # anonymous publishing, page builders, link-in-bio pages, file and form hosts: every user gets a page
    # or a file there (telegra.ph pages and Google Forms are documented lures in phishing and scam runs)
    "telegra.ph", "graph.org", "medium.com", "tumblr.com", "livejournal.com", "blogger.com", "notion.site",
    "wix.com", "jimdosite.com", "strikingly.com", "mystrikingly.com", "carrd.co", "tilda.ws", "yolasite.com",
    "site123.me", "myshopify.com", "squarespace.com", "linktr.ee", "t.me", "forms.gle", "forms.office.com",
    "typeform.com", "jotform.com", "1drv.ms", "onedrive.live.com", "sharepoint.com", "box.com", "mega.nz",
    "mediafire.com", "wetransfer.com", "ipfs.io", "dweb.link", "glitch.me", "gitlab.io", "surge.sh",
    "digitaloceanspaces.com", "page.link",
})
BOILERPLATE = frozenset({
    "w3.org", "schema.org", "xmlsoap.org", "purl.org", "googleapis.com", "gstatic.com", "jquery.com",
    "bootstrapcdn.com", "jsdelivr.net", "cloudflare.com", "cdnjs.com", "fontawesome.com", "typekit.net",
    "google-analytics.com", "googletagmanager.com", "doubleclick.net", "facebook.com", "twitter.com",
    "instagram.com", "linkedin.com", "youtube.com", "apple.com", "microsoft.com", "mozilla.org",
})
_PREFIX = r"(?i)^\s*((re|aw|fw|fwd|wg|sv|tr|rv|antw)\s*(\[\d+\])?\s*:\s*)+"
_TAGS = r"(?i)^\s*(\*{1,5}\s*spam\s*\*{1,5}|\(spam\?*\))\s*"   # ***SPAM***, (SPAM?)
_BRACKETS = r"\[[^\[\]]{0,60}\]|【[^【】]{0,20}】"   # [SPAM], [Verify to deliver], 【重要】: added by filters and ratware
# "Out of Office: <their subject>" (kinds.AUTOREPLY_SUBJECTS, and German "Abwesend:")
_AUTOREPLY = r"(?i)^(\s*abwesend|" + AUTOREPLY_SUBJECTS.pattern.lstrip("^") + r")[^:：]{0,20}[:：]\s*"
# tokens with digits (counters, prices, hash-busters) in Latin script, random all-caps tokens (tickers)
_NOISE = r"[A-Za-z0-9$€£%#.,/+-]*\d[A-Za-z0-9$€£%#.,/+-]*|\b[A-Z]{3,6}\b"


def subject_template(subject: pl.Expr) -> pl.Expr:
    """A subject without Re:/Fwd:/[SPAM] prefixes, numbers, random tokens, case and punctuation."""
    bare = subject.fill_null("").str.replace_all(_BRACKETS, " ")
    for _ in range(3):  # "Abwesend: AW: Re: ...", "***SPAM*** Re: ..."
        bare = bare.str.replace(_AUTOREPLY, "").str.replace(_TAGS, "") \
            .str.replace(_PREFIX, "")
    return (bare.str.replace_all(_NOISE, " ").str.to_lowercase().str.replace_all(r"[^\w\s]|_", " ")
            .str.replace_all(r"([a-z])([\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}])", "$1 $2")  # "yukiさん"
            .str.replace_all(r"\s+", " ").str.strip_chars())



# What runs() and table() read of `messages` and of `originals` (ingest loads only these).
MESSAGE_COLUMNS = ("msg_key", "is_backscatter", "bouncer_ip", "campaign_id", "date", "received_date")
ORIGINAL_COLUMNS = ("msg_key", "orig_subject", "orig_urls", "orig_url_domains", "origin_ip", "orig_body_sketch",
                    "orig_date")
TABLE_ORIGINAL_COLUMNS = ("msg_key", "orig_subject", "orig_url_domains", "origin_ip", "orig_date")  # table()'s, given runs()


def _nodes(messages: pl.DataFrame, originals: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """One row per backscatter notification, in time order, with what clustering reads of its original
    (``originals`` may be a scan: only the notifications' rows of these columns are then read, streamed).
    The notifications are ordered before their originals are put beside them: the wide rows are made once."""
    cols = ["msg_key", "orig_subject", "orig_urls", "origin_ip"]
    sketch = "orig_body_sketch" if "orig_body_sketch" in originals.collect_schema().names() else None
    return (messages.lazy().filter(pl.col("is_backscatter").fill_null(False))
            .select("msg_key", "bouncer_ip", sent=ARRIVAL).sort("sent", "msg_key")
            .join(originals.lazy().select(cols + ([sketch] if sketch else [])), on="msg_key", how="left",
                  maintain_order="left")
            .collect(engine="streaming")
            .with_columns(template=subject_template(pl.col("orig_subject")),
                          orig_body_sketch=pl.col(sketch) if sketch else pl.lit([], pl.List(pl.Int64)))
            .drop("orig_subject")  # its template is what is compared
            .with_row_index("node"))


def _link_keys(nodes: pl.DataFrame) -> pl.DataFrame:
    """node, family links, key: page (host+path), host and registered domain of each URL; shared
    services count only by their page, boilerplate not at all."""
    url = pl.col("url").str.to_lowercase().str.replace(r"^[a-z]+://", "").str.replace(r"^www\.", "")
    urls = (nodes.select("node", url="orig_urls").explode("url").drop_nulls()
            .with_columns(host=url.str.extract(r"^([^/?#:]+)"),
                          path=url.str.extract(r"^[^/?#]*(/[^?#]*)").fill_null("")
                          .str.replace_all(r"[0-9]+", "#").str.strip_chars_end("/")))
    hosts = urls.select("host").unique().drop_nulls()  # the public-suffix lookup once per host
    urls = urls.join(hosts.with_columns(domain=pl.col("host").map_elements(_registered, return_dtype=pl.String)),
                     on="host", how="left")
    boiler = pl.col("domain").is_in(list(BOILERPLATE))
    shared = pl.col("domain").is_in(list(SHARED_SERVICES)) | pl.col("host").is_in(list(SHARED_SERVICES))
    urls = urls.filter(~boiler & pl.col("host").is_not_null())
    # a page: host (numbered domain series alike: rxdeals12.ru, rxdeals37.ru) and path, digits as #
    paths = urls.filter(pl.col("path") != "").select(
        "node", key="u:" + pl.col("host").str.replace_all(r"[0-9]+", "#") + pl.col("path"))
    service_host = pl.col("host").is_in(list(SHARED_SERVICES)) | (shared & (pl.col("host") == pl.col("domain")))
    hosts = urls.filter(~service_host).select("node", key="h:" + pl.col("host"))
    domains = urls.filter(~shared & pl.col("domain").is_not_null()).select("node", key="d:" + pl.col("domain"))
    return pl.concat([paths, hosts, domains]).unique().with_columns(family=pl.lit("links"))


def _registered(host: str) -> str | None:
    from .originals import registered_domain

    return registered_domain(host)


def _keys(nodes: pl.DataFrame) -> pl.DataFrame:
    """node, family, key for every notification; keys held by one notification are dropped."""
    templates = nodes.filter(pl.col("template").str.len_chars() >= MIN_SUBJECT).select(
        "node", key="t:" + pl.col("template"), family=pl.lit("subject"))
    words = pl.col("template").str.extract_all(r"[^\W\d_]{2,}").list.head(MAX_SUBJECT_WORDS)
    bigrams = (nodes.select("node", words=words).with_row_index("row").explode("words").drop_nulls()
               .with_columns(next=pl.col("words").shift(-1).over("row"))
               .drop_nulls("next").select("node", key="p:" + pl.col("words") + " " + pl.col("next"),
                                          family=pl.lit("subject")).unique())
    text = (nodes.select("node", h="orig_body_sketch").explode("h").drop_nulls()
            .filter(pl.len().over("h") >= 2)  # on the integers: the strings made only of shared shingles
            .select("node", key="c:" + pl.col("h").cast(pl.String), family=pl.lit("text")))
    zombies = nodes.drop_nulls("origin_ip").select("node", key="z:" + pl.col("origin_ip"), family=pl.lit("support"))
    bouncers = nodes.drop_nulls("bouncer_ip").select("node", key="b:" + pl.col("bouncer_ip"), family=pl.lit("support"))
    long_words = (nodes.select("node", word=words).explode("word").drop_nulls()
                  .filter(pl.col("word").str.len_chars() >= MIN_WORD).unique()
                  .select("node", key="w:" + pl.col("word"), family=pl.lit("subject")))
    # each part's keys have their own prefixes: a key held twice is held twice within its part, and the
    # parts filtered one at a time hash a fraction of the strings at once
    parts = (templates, bigrams, long_words, text, _link_keys(nodes), zombies, bouncers)
    return pl.concat([part.filter(pl.len().over("key") >= 2) for part in parts])


def _candidates(nodes: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """(key, a, b): each holder of a content key and its next NEIGHBOURS holders in time, however far
    apart: a campaign that sends the same body or pages in waves days apart, or a little every day for
    weeks, is one campaign (the key's weight, not the time gap, says whether holders belong together).
    The holders are sorted by key, so a holder's next ones are the rows after it while the key is the
    same: plain shifts, not a window per key (which hashes every row of the keys once per step)."""
    block = (keys.filter(pl.col("family") != "support").join(nodes.select("node", "sent"), on="node")
             .sort("key", "sent", "node").drop("sent"))
    pairs = []
    for step in range(1, NEIGHBOURS + 1):
        later = pl.when(pl.col("key").shift(-step) == pl.col("key")).then(pl.col("node").shift(-step))
        pairs.append(block.with_columns(b=later).filter(pl.col("b").is_not_null())
                     .select("key", "family", a=pl.min_horizontal("node", "b"), b=pl.max_horizontal("node", "b")))
    return pl.concat(pairs).filter(pl.col("a") != pl.col("b"))


def _streamed(query: pl.LazyFrame) -> pl.DataFrame:
    """A query of the clustering run by Polars' streaming engine: its joins and group_bys over millions of
    (notification, key) rows build a fraction of the in-memory engine's tables (a group_by on node and
    family of 1.1 million rows: 17 MB above its input against 94 MB)."""
    return query.collect(engine="streaming")


def _pair(a: str = "a", b: str = "b") -> pl.Expr:
    """A pair of notifications as one number (a packed UInt64): unique and membership on one integer
    column take a fraction of the memory of the same on two."""
    return pl.col(a).cast(pl.UInt64) * (1 << 32) + pl.col(b).cast(pl.UInt64)


def _unpacked(packed: pl.Series) -> pl.DataFrame:
    """(a, b) of packed pairs (see _pair)."""
    return pl.DataFrame({"a": (packed // (1 << 32)).cast(pl.UInt32), "b": (packed % (1 << 32)).cast(pl.UInt32)})


def _family_scores(pairs: pl.DataFrame, keys: pl.DataFrame, weights: pl.DataFrame,
                   unknown: float = 0.0) -> pl.DataFrame:
    """(a, b, family, score, per_weight, overlap, overlap_per_weight): the weighted share of the smaller
    side's keys of a family both hold (at least FAMILY_FLOOR of weight: weak keys never score high),
    times the family's weight; overlap is the same share without the floor (how far they agree);
    per_weight is what one unit of key weight adds."""
    weighted = keys.join(weights.select("key", "weight"), on="key", how="left").with_columns(
        pl.col("weight").fill_null(unknown))
    # one family at a time: the same rows per group in the same order, smaller grouping tables at once
    held = pl.concat([part.group_by("node", "family").agg(held=pl.col("weight").sum())
                      for part in weighted.partition_by("family", maintain_order=True) or [weighted]])
    pairs_held = keys.select(_held_pair("node"))["node"].implode()
    # a slice of the pairs at a time: their keys (pairs x keys per notification) are the largest frame of
    # the clustering; a pair's sums are all in its slice, so the answer is the same
    shared = pl.concat([
        part.join(weighted, left_on="a", right_on="node").filter(_held_pair("b").is_in(pairs_held))
        .group_by("a", "b", "family").agg(shared=pl.col("weight").sum(), n=pl.len())
        for part in slices(pairs, SCORED_PAIRS)])
    # joined by the streaming engine (no sums: the same values; the rows' order is free, see _split_by_payload)
    return _streamed(shared.lazy().join(held.lazy(), left_on=["a", "family"], right_on=["node", "family"])
            .join(held.lazy(), left_on=["b", "family"], right_on=["node", "family"], suffix="_b")
            .with_columns(family_weight=pl.col("family").replace_strict(FAMILY_WEIGHT, default=0.0),
                          smaller=pl.min_horizontal("held", "held_b"))
            .with_columns(per_weight=pl.col("family_weight") / pl.max_horizontal("smaller", FAMILY_FLOOR),
                          overlap_per_weight=pl.col("family_weight") / pl.max_horizontal("smaller", 1e-9))
            .with_columns(score=pl.when(pl.col("family") == "support").then(pl.col("n") * SUPPORT_WEIGHT)
                          .otherwise(pl.col("shared") * pl.col("per_weight")),
                          overlap=pl.col("shared") * pl.col("overlap_per_weight"))
            .select("a", "b", "family", "score", "per_weight", "overlap", "overlap_per_weight"))


_BIT = {"subject": 1, "text": 2, "links": 4}


def _specificity(generated: pl.DataFrame, keys: pl.DataFrame, scores: pl.DataFrame, weights: pl.DataFrame,
                 rarity: pl.DataFrame) -> pl.DataFrame:
    """key -> weight: how often two holders of the key agree on everything else they hold.

    A key is judged on the families other than its own when both holders hold one with some weight
    (shingles of one boilerplate paragraph must not vouch for each other); a shingle whose holders
    share nothing else is judged on the other shingles; a subject or link alone tells nothing.
    The share of agreeing pairs is smoothed towards PRIOR_AGREEMENT, mapped to 0 at
    CHANCE_AGREEMENT and times the key's rarity."""
    content = scores.lazy().filter(pl.col("family") != "support")
    # a pair's content families are text and links (body keys; no subject, support left out): a sum of two,
    # the same in any order, so the streaming engine's is the in-memory one's to the last bit
    totals = _streamed(content.group_by("a", "b").agg(total=pl.col("overlap").sum())).lazy()
    # families each notification holds with some weight: generic keys (weight 0) say nothing
    held = _streamed(keys.lazy().filter(pl.col("family") != "support")
                     .join(weights.lazy().filter(pl.col("weight") > 0), on="key")
                     .select("node", bit=pl.col("family").replace_strict(_BIT)).unique()
                     .group_by("node").agg(mask=pl.col("bit").sum())).lazy()
    overlaps = content.select("a", "b", "family", "overlap", "overlap_per_weight")

    def agreeing(part: pl.DataFrame) -> pl.DataFrame:  # key, agree, pairs over a slice of the holders' pairs
        judged = (part.lazy().join(weights.lazy().select("key", "weight"), on="key", how="left")
                  .join(overlaps, on=["a", "b", "family"]).join(totals, on=["a", "b"])
                  .join(held, left_on="a", right_on="node", how="left").join(held, left_on="b", right_on="node",
                                                                              how="left", suffix="_b")
                  .with_columns(elsewhere=(pl.col("mask").fill_null(0) & pl.col("mask_b").fill_null(0)
                                           & ~pl.col("family").replace_strict(_BIT)) > 0))
        # judged on the other families when both hold one; a shingle, else, on the other shingles
        informative = (judged.filter(pl.col("elsewhere") | (pl.col("family") == "text"))
                       .with_columns(other=pl.col("total") - pl.when(pl.col("elsewhere")).then(pl.col("overlap"))
                                     .otherwise(pl.col("weight").fill_null(0.0) * pl.col("overlap_per_weight"))))
        return _streamed(informative.group_by("key").agg(agree=(pl.col("other") >= AGREE_SCORE).sum(),
                                                         pairs=pl.len()))

    # counts, so the sums over slices are exact
    agreement = (pl.concat([agreeing(part) for part in slices(generated, AGREEMENT_ROWS)])
                 .group_by("key").agg(pl.col("agree").sum(), pl.col("pairs").sum()))
    return (rarity.join(agreement, on="key", how="left")
            .with_columns(agreement=(pl.col("agree").fill_null(0) + PRIOR_AGREEMENT * PRIOR_PAIRS)
                          / (pl.col("pairs").fill_null(0) + PRIOR_PAIRS))
            .select("key", "agreement", "rarity",
                    weight=((pl.col("agreement") - CHANCE_AGREEMENT) / (1 - CHANCE_AGREEMENT)).clip(0, 1)
                    * pl.col("rarity")))


def _rarity(keys: pl.DataFrame) -> pl.DataFrame:
    """key -> rarity: 1 for a key held by at most 1/IDF_FULL of the notifications that carry a body or
    links, falling to RARITY_FLOOR for one they all hold (an IDF, scaled): boilerplate all carry weighs
    little, yet a corpus of one campaign, where everything is in every message, still holds together."""
    content = keys.filter(pl.col("family") != "support")
    holders = content.filter(pl.col("family") != "subject")["node"].n_unique()
    return (content.group_by("key").agg(df=pl.len())
            .select("key", rarity=((pl.lit(max(holders, 1)) / pl.col("df")).log() / pl.lit(IDF_FULL).log())
                    .clip(RARITY_FLOOR, 1)))


def _link_scores(pairs: pl.DataFrame, keys: pl.DataFrame, weights: pl.DataFrame) -> pl.DataFrame:
    """(a, b, score): content families' scores, plus support when some content is shared."""
    scores = _family_scores(pairs, keys, weights)
    # content: text and links, a sum of two; support: one row. The same in any order, so streamed.
    return _streamed(scores.lazy().group_by("a", "b").agg(
        content=pl.col("score").filter(pl.col("family") != "support").sum(),
        support=pl.col("score").filter(pl.col("family") == "support").sum())
        .filter(pl.col("content") > 0)
        .with_columns(score=pl.col("content") + pl.col("support")))


def _linked(nodes: pl.DataFrame, scores: pl.DataFrame) -> pl.DataFrame:
    """The scored pairs that link: LINK_SCORE when sent within GAP_HOURS of each other, FAR_LINK_SCORE
    when further apart. Time is weak evidence: a campaign's waves days apart link on what they send,
    but a body that shares little more than boilerplate with another sent on another day does not."""
    sent = nodes.select("node", "sent")
    apart = (pl.col("sent") - pl.col("sent_b")).dt.total_hours().abs() > GAP_HOURS
    return (scores.join(sent, left_on="a", right_on="node").join(sent, left_on="b", right_on="node", suffix="_b")
            .filter(pl.col("score") >= pl.when(apart).then(FAR_LINK_SCORE).otherwise(LINK_SCORE))
            .drop("sent", "sent_b"))


def _supported(links: pl.DataFrame) -> pl.DataFrame:
    """The links a third notification vouches for: a link between two notifications that each have
    other links but no linked notification in common is dropped. One campaign's notifications link
    to one another densely (each to the next holders of its keys), so its links close triangles; one
    phrase or one page two campaigns happen to share links two members that share no neighbour, and
    would chain both campaigns into one run. A pair linked to nothing else (a campaign of two) stays."""
    if links.is_empty():
        return links
    both = pl.concat([links.select("a", "b"), links.select(a="b", b="a")])
    degree = both.group_by("a").agg(degree=pl.len())
    ends = (links.join(degree, on="a").join(degree.rename({"a": "b", "degree": "degree_b"}), on="b")
            .with_columns(isolated=(pl.col("degree") < 2) | (pl.col("degree_b") < 2)))
    judged = ends.filter(~pl.col("isolated")).select("a", "b")
    neighbours = both.rename({"b": "n"})
    common = pl.concat([  # a slice of the links at a time: links x neighbours is the large intermediate
        part.join(neighbours, on="a").join(neighbours.rename({"a": "b"}), on=["b", "n"], how="semi")
        .select("a", "b").unique()
        for part in slices(judged, SCORED_PAIRS)])
    kept = pl.concat([ends.filter(pl.col("isolated")).select("a", "b"), common])
    return links.join(kept, on=["a", "b"], how="semi")


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


def _weights(nodes: pl.DataFrame, keys: pl.DataFrame,
             names: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Candidate pairs, every key's specificity weight and each notification's payload groups."""
    generated = _candidates(nodes, keys)
    pairs = _unpacked(generated.select(pair=_pair())["pair"].unique())
    rarity = _rarity(keys)
    domains = _prefixed(names, "d:")
    links = _link_specificity(keys, domains)
    groups = _payload_groups(keys, links, domains)
    payload = _payload_spread(keys, groups)
    spread = pl.concat([links, payload]).group_by("key").agg(pl.col("spread").min())
    weights = rarity.join(spread, on="key", how="left").select(
        "key", weight=pl.col("rarity") * pl.col("spread").fill_null(1.0))
    text = keys.filter(pl.col("family") == "text").select("key").unique()
    # a link key keeps its rarity and spread (a page its holders' numbered domains never repeat
    # included: rxdeals12.ru/shop, rxdeals37.ru/shop); only shingles are weighed by agreement
    link_weights = weights.join(text, on="key", how="anti")
    for _ in range(AGREEMENT_ROUNDS):  # a shingle's agreement measured with the weights of the round before
        agreed = _specificity(generated, keys, _family_scores(pairs, keys, weights), weights, rarity)
        agreed = agreed.join(text, on="key").join(payload, on="key", how="left").with_columns(
            pl.col("weight") * pl.col("spread").fill_null(1.0)).drop("spread")
        weights = pl.concat([agreed, link_weights], how="diagonal")
    return pairs, weights, groups


def _payload_groups(keys: pl.DataFrame, links: pl.DataFrame, domains: pl.Series) -> pl.DataFrame:
    """node, group: the payload a notification advertises. Its registered domains (no shared service,
    no boilerplate, none sent next to many others) grouped where one original names several of them:
    one campaign's set of domains is one group, another campaign's domains another."""
    domains = (keys.filter(pl.col("key").is_in(domains.implode())).join(links, on="key", how="left")
               .filter(pl.col("spread").fill_null(1.0) >= 1).select("node", "key"))
    ids = domains.select("key").unique().sort("key").with_row_index("id")
    held = domains.join(ids, on="key")
    first = held.group_by("node").agg(root=pl.col("id").min())
    edges = held.join(first, on="node").filter(pl.col("id") != pl.col("root")).select(a="root", b="id")
    groups = _components(ids.select(node="id"), edges)
    return held.join(groups, left_on="id", right_on="node").select("node", group="label").unique()


def _payload_spread(keys: pl.DataFrame, groups: pl.DataFrame) -> pl.DataFrame:
    """key -> spread for shingles and links: a key whose holders advertise many unrelated payloads
    (PAYLOAD_HOLDERS of them each) is boilerplate, whatever its wording: 1 up to PAYLOAD_GROUPS of
    them, then PAYLOAD_GROUPS / their number. One campaign's text and pages go with its own payload."""
    content = keys.filter(pl.col("family").is_in(["text", "links"])).select("node", "key")
    return (content.join(groups, on="node").group_by("key", "group").agg(n=pl.len())
            .filter(pl.col("n") >= PAYLOAD_HOLDERS).group_by("key").agg(groups=pl.len())
            .select("key", spread=(pl.lit(PAYLOAD_GROUPS) / pl.col("groups").cast(pl.Float64)).clip(0, 1)))


def _link_specificity(keys: pl.DataFrame, domains: pl.Series) -> pl.DataFrame:
    """key -> spread for link keys: a page, host or domain sent next to many other registered domains
    serves many senders (tracking pixels, fonts, CDNs, shorteners): 1 up to SHARED_DOMAINS of them,
    then SHARED_DOMAINS / their number."""
    links = keys.filter(pl.col("family") == "links")
    domains = links.filter(pl.col("key").is_in(domains.implode())).select("node", domain="key")
    return (links.select("node", "key").join(domains, on="node").group_by("key")
            .agg(others=pl.col("domain").n_unique().cast(pl.Float64) - 1)  # less its own
            .select("key", spread=(pl.lit(SHARED_DOMAINS) / pl.col("others")).clip(0, 1)))


def _profiles(labels: pl.DataFrame, subject: pl.DataFrame) -> pl.DataFrame:
    """label, key, share: the subject keys of each core and the share of its members holding them."""
    cores = labels.filter(pl.len().over("label") > 1).with_columns(size=pl.len().over("label"))
    return (cores.join(subject, on="node").group_by("label", "key")
            .agg(share=pl.len() / pl.first("size")))


def _merge_runs(nodes: pl.DataFrame, labels: pl.DataFrame, subject: pl.DataFrame, linked: pl.DataFrame,
                groups: pl.DataFrame) -> pl.DataFrame:
    """Runs found apart (a template no body tied to the rest, notifications attached to another core)
    still send the same subjects: runs whose subject profiles have a cosine of MERGE_SIMILARITY or
    more, keys weighted by how few runs hold them, and that overlap in time, become one. Two runs
    each held together by its own body merge only when they share CORE_MERGE_KEYS subject keys or
    more (different campaigns share a generic subject or two; their bodies told them apart). Two runs
    that both advertise payloads, none of them the same, merge only with a cosine of
    PAYLOAD_MERGE_SIMILARITY (a campaign rotating its domains sends the same subjects; two campaigns
    that share generic subjects do not), and not when they look sent by different senders
    (_different_senders: two affiliates of one program send its kit from their own botnets)."""
    profile = _profiles(labels, subject)
    if profile.is_empty():
        return labels
    cored = linked.select("node").join(labels, on="node").select("label").unique().with_columns(cored=pl.lit(True))
    cores = profile["label"].n_unique()
    profile = profile.filter(pl.col("label").n_unique().over("key") <= MAX_RUNS_PER_KEY)  # bounds the pairs
    weighted = profile.with_columns(
        value=pl.col("share") * (1 + pl.lit(cores) / pl.col("label").n_unique().over("key")).log())
    norms = weighted.group_by("label").agg(norm=(pl.col("value") ** 2).sum().sqrt())
    spans = _spans(nodes, labels, groups)
    similar = (weighted.join(weighted, on="key", suffix="_b").filter(pl.col("label") < pl.col("label_b"))
               .group_by("label", "label_b").agg(dot=(pl.col("value") * pl.col("value_b")).sum(), shared=pl.len())
               .join(norms, on="label").join(norms, left_on="label_b", right_on="label", suffix="_b")
               .with_columns(cosine=pl.col("dot") / (pl.col("norm") * pl.col("norm_b")))
               .filter(pl.col("cosine") >= MERGE_SIMILARITY)
               .join(spans, on="label").join(spans, left_on="label_b", right_on="label", suffix="_b")
               .filter((pl.col("start") <= pl.col("end_b")) & (pl.col("start_b") <= pl.col("end")))
               .join(cored, on="label", how="left").join(cored, left_on="label_b", right_on="label", how="left",
                                                         suffix="_b")
               .filter(~(pl.col("cored").fill_null(False) & pl.col("cored_b").fill_null(False))
                       | (pl.col("shared") >= CORE_MERGE_KEYS))
               .select("cosine", a="label", b="label_b"))
    different = _different_payloads(similar.select("a", "b"), labels, groups)
    apart = pl.concat([different.join(similar.filter(pl.col("cosine") < PAYLOAD_MERGE_SIMILARITY), on=["a", "b"],
                                      how="semi"),
                       _different_senders(different, labels, nodes)])
    similar = similar.join(apart, on=["a", "b"], how="anti")
    if similar.is_empty():
        return labels
    merged = _components(labels.select(node="label").unique(), similar).rename({"node": "old", "label": "new"})
    return labels.join(merged, left_on="label", right_on="old", how="left").select(
        "node", label=pl.coalesce("new", "label"))


def _spans(nodes: pl.DataFrame, labels: pl.DataFrame, groups: pl.DataFrame) -> pl.DataFrame:
    """label, start, end: when each run sent, widened by GAP_HOURS at the start. A run that advertises
    payloads is timed by the members that advertise them: a member without one may have joined it by a
    template other campaigns send too (an affiliate's copy weeks later must not stretch the run)."""
    advertised = _advertised(labels, groups).select("label", "group")
    paying = labels.join(groups, on="node").join(advertised, on=["label", "group"], how="semi").select("node")
    timed = labels.join(nodes.select("node", "sent"), on="node")
    timed = pl.concat([timed.join(advertised, on="label", how="anti"), timed.join(paying.unique(), on="node")])
    return timed.group_by("label").agg(start=pl.col("sent").min() - pl.duration(hours=GAP_HOURS),
                                       end=pl.col("sent").max())


def _split_by_payload(labels: pl.DataFrame, links: pl.DataFrame, groups: pl.DataFrame) -> pl.DataFrame:
    """Cores whose members advertise several payload groups (PAYLOAD_HOLDERS members each), split into
    one part per group: one template may be sent by several spammers (an affiliate kit), each with its
    own domains. A member without a payload joins the part it is most strongly linked to (else the
    largest). _merge_runs puts the parts of one campaign back together by their subjects."""
    several = _advertised(labels, groups).filter(pl.len().over("label") > 1)
    if several.is_empty():
        return labels
    part = (labels.join(groups, on="node").join(several, on=["label", "group"])
            .select("node", part=pl.col("group").min().over("node")))  # one part per member (groups are disjoint)
    split = labels.join(several.select("label").unique(), on="label", how="semi")
    loose = split.join(part, on="node", how="anti")
    both = pl.concat([links.select("a", "b", "score"), links.select(a="b", b="a", score="score")])
    pulled = (loose.join(both, left_on="node", right_on="a").join(part, left_on="b", right_on="node")
              .sort("node", "b")  # each node's links in one order, whatever order the links came in
              .group_by("node", "part").agg(pull=pl.col("score").sum())
              .sort("pull", "part", descending=[True, False]).group_by("node", maintain_order=True).first())
    largest = (several.sort("n", "group", descending=[True, False]).group_by("label", maintain_order=True).first()
               .select("label", fallback="group"))
    loose = (loose.join(pulled.select("node", "part"), on="node", how="left").join(largest, on="label")
             .select("node", part=pl.coalesce("part", "fallback")))
    parts = pl.concat([part, loose]).join(split, on="node").with_columns(
        new=pl.col("node").min().over("label", "part"))
    return labels.join(parts.select("node", "new"), on="node", how="left").select(
        "node", label=pl.coalesce("new", "label"))


def _different_senders(pairs: pl.DataFrame, labels: pl.DataFrame, nodes: pl.DataFrame) -> pl.DataFrame:
    """The (a, b) pairs of runs that share no zombie although, sent from one pool, they would share
    SENDER_EVIDENCE or more: |zombies of a| x |zombies of b| / all zombies seen (the pool is at most
    what the whole mailbox saw, so a large botnet seen sparsely never says "different")."""
    seen = nodes.drop_nulls("origin_ip").select("node", "origin_ip")
    total = max(seen["origin_ip"].n_unique(), 1)
    held = labels.join(seen, on="node").select("label", "origin_ip").unique()
    counts = held.group_by("label").agg(n=pl.len())
    return (pairs.join(_sharing(pairs, held, "origin_ip"), on=["a", "b"], how="anti")
            .join(counts.rename({"label": "a"}), on="a").join(counts.rename({"label": "b", "n": "n_b"}), on="b")
            .filter(pl.col("n") * pl.col("n_b") / total >= SENDER_EVIDENCE).select("a", "b"))


def _different_payloads(pairs: pl.DataFrame, labels: pl.DataFrame, groups: pl.DataFrame) -> pl.DataFrame:
    """The (a, b) pairs of runs that each advertise a payload group (PAYLOAD_HOLDERS members or more)
    and share none: one campaign rotating its domains, or two sending one kit (_merge_runs decides)."""
    held = _advertised(labels, groups).select("label", "group")
    both = (pairs.join(held.select(a="label").unique(), on="a", how="semi")
            .join(held.select(b="label").unique(), on="b", how="semi"))
    return both.join(_sharing(both, held, "group"), on=["a", "b"], how="anti")


def _advertised(labels: pl.DataFrame, groups: pl.DataFrame) -> pl.DataFrame:
    """label, group, n: the payload groups a run advertises (PAYLOAD_HOLDERS of its members or more)."""
    return (labels.join(groups, on="node").group_by("label", "group").agg(n=pl.len())
            .filter(pl.col("n") >= PAYLOAD_HOLDERS))


def _sharing(pairs: pl.DataFrame, held: pl.DataFrame, item: str) -> pl.DataFrame:
    """The (a, b) pairs of runs that both hold one same ``item`` (``held``: label, item)."""
    return (pairs.join(held.rename({"label": "a"}), on="a")
            .join(held.rename({"label": "b"}), on=["b", item], how="semi").select("a", "b").unique())


def _markers(labels: pl.DataFrame, subject: pl.DataFrame) -> pl.DataFrame:
    """key -> owner, weight, total: a subject key whose holders inside runs (total of them) are mostly
    in one run marks it. weight rises from 0 at MARKER_PURITY of its holders in that run to 1 when all are."""
    inside = labels.filter(pl.len().over("label") > 1).join(subject, on="node")
    counts = inside.group_by("key", "label").agg(n=pl.len())
    return (counts.with_columns(total=pl.col("n").sum().over("key"))
            .sort("n", "label", descending=[True, False]).group_by("key", maintain_order=True).first()
            .with_columns(purity=pl.col("n") / (pl.col("total") + 1))
            .select("key", "total", owner="label",
                    weight=((pl.col("purity") - MARKER_PURITY) / (1 - MARKER_PURITY)).clip(0, 1)))


def _attach(nodes: pl.DataFrame, keys: pl.DataFrame, labels: pl.DataFrame,
            markers: pl.DataFrame) -> pl.DataFrame:
    """node -> label for notifications outside every run: the run its subject keys mark, weighted,
    over the keys of its subject that runs know; support keys shared with the run add a little."""
    lone = labels.filter(pl.len().over("label") == 1).select("node")
    spans = labels.filter(pl.len().over("label") > 1).join(nodes.select("node", "sent"), on="node") \
        .group_by("label").agg(start=pl.col("sent").min() - pl.duration(hours=ATTACH_HOURS),
                               end=pl.col("sent").max() + pl.duration(hours=ATTACH_HOURS))
    held = keys.filter(pl.col("family") == "subject").join(lone, on="node").join(markers, on="key")
    evidence = held.group_by("node").agg(evidence=pl.col("weight").sum()).filter(pl.col("evidence") > 0)
    # the share of its weighted subject evidence that points to the run, less when there is little of it
    votes = (held.group_by("node", label="owner").agg(content=pl.col("weight").sum())
             .join(evidence, on="node")
             .with_columns(content=pl.col("content") / pl.col("evidence")
                           * pl.min_horizontal(pl.col("evidence") / MARKER_EVIDENCE, 1.0))
             .join(nodes.select("node", "sent"), on="node").join(spans, on="label")
             .filter(pl.col("sent").is_between(pl.col("start"), pl.col("end"))))
    in_runs = (keys.filter(pl.col("family") == "support").join(labels, on="node")
               .filter(pl.len().over("label") > 1).select("key", "label").unique())
    support = (votes.select("node", "label").join(keys.filter(pl.col("family") == "support"), on="node")
               .join(in_runs, on=["key", "label"], how="semi")  # only for runs the subject already names
               .group_by("node", "label").agg(support=pl.len() * SUPPORT_WEIGHT))
    return (votes.join(support, on=["node", "label"], how="left")
            .with_columns(score=pl.col("content") + pl.col("support").fill_null(0.0))
            .filter(pl.col("score") >= ATTACH_SCORE).sort("score", "label", descending=[True, False])
            .group_by("node", maintain_order=True).first().select("node", "label"))


def _by_subject(nodes: pl.DataFrame, labels: pl.DataFrame, markers: pl.DataFrame, names: pl.DataFrame) -> pl.DataFrame:
    """node -> label for notifications still alone whose subject template no run knows: one run per
    template, whenever it was sent (the same words, nothing against). A template is known once two run
    members hold it (its marker then says which run it marks, or that it marks none); one member's
    template marks nothing yet, so its lone holders group here and merge with that run by subjects."""
    lone = labels.filter(pl.len().over("label") == 1).select("node")
    known = (markers.join(names, on="key").filter(pl.col("name").str.starts_with("t:") & (pl.col("total") > 1))
             .select(template=pl.col("name").str.slice(2)))
    rows = (nodes.join(lone, on="node").filter(pl.col("template").str.len_chars() >= MIN_SUBJECT)
            .join(known, on="template", how="anti"))
    return (rows.with_columns(label=pl.col("node").min().over("template"))
            .filter(pl.len().over("label") > 1).select("node", "label"))


def _by_time(lone: pl.DataFrame, runs: pl.DataFrame, keys: pl.DataFrame, held: pl.Series,
             holders: pl.DataFrame) -> pl.DataFrame:
    """node -> label for notifications still alone (nothing of the original came back, or only a
    generic subject): among the runs with notifications within BURST_HOURS of it (those that sent
    its most specific subject key, if any did), the one with the largest share of them, plus
    SUPPORT_WEIGHT per zombie or bouncer it shares with that run's notifications in that window (a
    botnet sends for several runs, so this only tips the balance).
    A guess, flagged as such. ``lone``: node, sent of the notifications alone; ``runs``: label, sent,
    member of the runs' notifications; ``keys``: node, key, family of the lone ones' zombie, bouncer
    and subject keys; ``held``: the runs' notifications' keys as _held_pair numbers; ``holders``: key,
    df, how many notifications hold each subject key."""
    if lone.is_empty() or runs.is_empty():
        return lone.select("node", label=pl.col("node")).head(0)
    window = pl.duration(hours=BURST_HOURS)
    near = (lone.select("node", at="sent", lo=pl.col("sent") - window, hi=pl.col("sent") + window).join_where(
        runs, pl.col("sent") >= pl.col("lo"), pl.col("sent") <= pl.col("hi"))
        .drop("lo", "hi"))
    shared = (_sharing_keys(near, keys.filter(pl.col("family") == "support"), held)
              .select("node", "label", "key").unique().group_by("node", "label").agg(support=pl.len()))
    sent = _sharing_keys(near, keys.filter(pl.col("family") == "subject"), held)
    near = near.join(_sent_its_rarest(near, sent, holders), on=["node", "label"], how="semi")
    closeness = (-(pl.col("at") - pl.col("sent")).dt.total_seconds().abs() / 3600 / BURST_DECAY_HOURS).exp()
    return (near.with_columns(closeness=closeness).group_by("node", "label").agg(n=pl.col("closeness").sum())
            .with_columns(share=pl.col("n") / pl.col("n").sum().over("node"))
            .join(shared, on=["node", "label"], how="left")
            .with_columns(score=pl.col("share") + pl.col("support").fill_null(0) * SUPPORT_WEIGHT * BURST_SUPPORT)
            .sort("score", "label", descending=[True, False])
            .group_by("node", maintain_order=True).first().select("node", "label"))


def _sent_its_rarest(near: pl.DataFrame, shared: pl.DataFrame, holders: pl.DataFrame) -> pl.DataFrame:
    """(node, label): the candidate runs a lone notification's subject narrows it to. A subject key
    that runs near it also sent narrows the choice to them; the rarest such key (fewest holders in
    the mailbox) decides, so "xanax" outweighs "your" in "Re: your Xanax order". No key shared:
    every run near it stays a candidate. ``shared``: node, label, key of the subject keys a lone
    notification shares with a run member near it; ``holders``: key, df (how many hold it)."""
    sent = (shared.select("node", "label", "key").unique().join(holders, on="key")
            .group_by("node", "label").agg(df=pl.col("df").min())
            .filter(pl.col("df") == pl.col("df").min().over("node")).select("node", "label"))
    unnarrowed = near.select("node", "label").unique().join(sent, on="node", how="anti")
    return pl.concat([sent, unnarrowed])


def _held_pair(node: str) -> pl.Expr:
    """A notification and one of its keys as one number: a membership test on one integer column
    needs a fraction of the memory of a join on two."""
    return pl.col(node).cast(pl.UInt64) * (1 << 32) + pl.col("key").cast(pl.UInt64)


def _sharing_keys(near: pl.DataFrame, keys: pl.DataFrame, held: pl.Series) -> pl.DataFrame:
    """node, label, key: the keys a lone notification shares with a run member near it (``near``:
    node, label, member; ``keys``: the lone notifications'; ``held``: the members', see _by_time)."""
    return (near.select("node", "label", "member").join(keys.select("node", "key"), on="node")
            .filter(_held_pair("member").is_in(held.implode())))


def _by_time_in_batches(nodes: pl.DataFrame, keys: pl.DataFrame, labels: pl.DataFrame) -> pl.DataFrame:
    """_by_time, for a batch of the lone notifications at a time (every run each time).

    _by_time compares each lone notification with every run member within BURST_HOURS of it: pairs
    that grow with the square of the mailbox (13 million rows, 3 GB, at 50,000 messages). A batch
    holds about BY_TIME_PAIRS of them. The answer is the same as one call's, as _by_time places
    each lone notification on its own (it must keep doing so). What does not depend on the batch
    (the runs' members, their keys, the keys' holders) is made once."""
    sized = (labels.with_columns(alone=pl.len().over("label") == 1)
             .join(nodes.select("node", "sent"), on="node", how="left", maintain_order="left"))
    members, lone = sized.filter(~pl.col("alone")), sized.filter(pl.col("alone"))
    if members.is_empty() or lone.is_empty():
        return labels.head(0)
    times = members["sent"].drop_nulls().sort()
    window = pl.duration(hours=BURST_HOURS)
    reach = lone.select(lo=pl.col("sent") - window, hi=pl.col("sent") + window)
    pairs = (times.search_sorted(reach["hi"], side="right").cast(pl.Int64)
             - times.search_sorted(reach["lo"], side="left").cast(pl.Int64))
    batches = lone.select("node", "sent").with_columns(
        batch=(pairs.fill_null(0).cum_sum() // BY_TIME_PAIRS)).partition_by("batch", include_key=False)
    compared = keys.filter(pl.col("family").is_in(["support", "subject"]))  # only these are compared
    held = compared.join(members.select("node"), on="node", how="semi").select(_held_pair("node"))["node"]
    lone_keys = compared.join(lone.select("node"), on="node", how="semi")
    holders = compared.filter(pl.col("family") == "subject").group_by("key").agg(df=pl.len())
    runs = members.select("label", "sent", member="node")
    return pl.concat([_by_time(batch, runs, lone_keys, held, holders) for batch in batches])


class Clustering(NamedTuple):
    """What cluster() found: labels (node, label, how), every key's weight (key, weight), the keys
    (node, key, family) and their names (key -> name, see _encoded)."""

    labels: pl.DataFrame
    weights: pl.DataFrame
    keys: pl.DataFrame
    names: pl.DataFrame


def cluster(nodes: pl.DataFrame, coded: tuple[pl.DataFrame, pl.DataFrame] | None = None) -> Clustering:
    """The notifications' runs, and the keys and weights they were found with (``coded``: the nodes'
    keys and names as _encoded gives them, when made already; ``nodes`` then needs CLUSTERED_NODES only)."""
    keys, names = coded if coded is not None else _encoded(_keys(nodes))
    body = keys.filter(pl.col("family") != "subject")
    subject = keys.filter(pl.col("family") == "subject").select("node", "key")
    pairs, weights, groups = _weights(nodes, body, names)
    # squared weights: many weak keys (a shared HTML template, a tracking pixel) never add up to a link
    sharp = weights.with_columns(pl.col("weight") ** 2)
    links = _supported(_linked(nodes, _link_scores(pairs, body, sharp)))
    labels = _split_by_payload(_components(nodes, links), links, groups)
    cores = labels.filter(pl.len().over("label") > 1)
    labels = _merge_runs(nodes, labels, subject, cores, groups)  # one campaign's bodies differ, its subjects not
    markers = _markers(labels, subject)
    steps = [("linked", labels.filter(pl.len().over("label") > 1))]
    for how, place in (("attached", lambda: _attach(nodes, keys, labels, markers)),
                       ("subject", lambda: _by_subject(nodes, labels, markers, names)),
                       ("merged", lambda: _merge_runs(nodes, labels, subject, cores, groups)),
                       ("by_time", lambda: _by_time_in_batches(nodes, keys, labels))):
        found = place()
        if how == "merged":  # parts of one campaign found apart; guesses by time must not steer it
            labels = found
            continue
        steps.append((how, found))
        labels = (labels.join(found.rename({"label": "to"}), on="node", how="left")
                  .select("node", label=pl.coalesce("to", "label")))
    how = pl.concat([found.select("node", how=pl.lit(name)) for name, found in steps]).unique("node", keep="first")
    labels = labels.join(how, on="node", how="left").with_columns(pl.col("how").fill_null("alone"))
    weights = pl.concat([weights.select("key", "weight"), markers.select("key", "weight")])
    return Clustering(labels, weights, keys, names)


FAMILIES = pl.Enum(["subject", "text", "links", "support"])


def _encoded(keys: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """keys with each key an integer, its rank among the keys' strings (so sorting by it and ties
    between keys are as with the strings), and family an Enum; and names: key -> name, the string.
    The clustering's frames hold a key per (notification, key) and per (pair, key): integers keep
    them a fraction of the size and their joins cheap."""
    # the distinct strings (a few per cent of the rows) sorted once: a key's rank is its place among them
    distinct = keys["key"].unique().sort()
    names = pl.DataFrame({"key": pl.int_range(1, distinct.len() + 1, dtype=pl.UInt32, eager=True), "name": distinct})
    coded = keys.with_columns(pl.col("key").replace_strict(names["name"], names["key"]),
                              pl.col("family").cast(FAMILIES)).cast({"key": pl.UInt32})  # (none: String)
    return coded, names


def _prefixed(names: pl.DataFrame, prefix: str) -> pl.Series:
    """The integer keys whose string starts with ``prefix`` (names: see _encoded)."""
    return names.filter(pl.col("name").str.starts_with(prefix))["key"]


class Runs(NamedTuple):
    """What runs() found: msg_key -> campaign_id (assigned), and the clustering behind it, which
    table() explains the runs with (clustering twice costs the time and the memory twice); of the
    nodes only what _explanations reads (EXPLAINED_NODES)."""

    assigned: pl.DataFrame
    nodes: pl.DataFrame
    clustering: Clustering | None = None


EXPLAINED_NODES = ("node", "msg_key", "template", "orig_urls")
CLUSTERED_NODES = ("node", "sent", "template", "origin_ip")  # what cluster() reads of the nodes once they have keys


def assign(messages: pl.DataFrame, originals: pl.DataFrame) -> pl.DataFrame:
    """msg_key -> campaign_id for every backscatter notification."""
    return runs(messages, originals).assigned


def runs(messages: pl.DataFrame, originals: pl.DataFrame) -> Runs:
    """The spam runs of the backscatter notifications: their campaign_id and how they were clustered."""
    nodes = _nodes(messages, originals)
    if nodes.is_empty():
        return Runs(pl.DataFrame(schema={"msg_key": pl.String, "campaign_id": pl.String}), nodes)
    explained, coded = nodes.select(EXPLAINED_NODES), _encoded(_keys(nodes))
    nodes = nodes.select("msg_key", *CLUSTERED_NODES)  # the originals' subjects, URLs and sketches are keys now
    clustering = cluster(nodes, coded)
    members = nodes.select("node", "msg_key", "sent").join(clustering.labels, on="node")
    order = (members.group_by("label").agg(first=pl.col("sent").min(), key=pl.col("msg_key").min())
             .sort("first", "key").with_row_index("n", offset=1)
             .with_columns(campaign_id=pl.format("run-{}-{}", pl.col("first").dt.strftime("%Y%m%d"),
                                                 pl.col("n").cast(pl.String).str.zfill(3))))
    assigned = members.join(order.select("label", "campaign_id"), on="label").select("msg_key", "campaign_id")
    return Runs(assigned, explained, clustering)


EXPLAIN_KEYS = 6          # keys listed per run in `link_keys`
EXPLAIN_SHARE = 0.2       # a key held by fewer of a run's members does not explain it


def _explanations(messages: pl.DataFrame, originals: pl.DataFrame, found: Runs | None = None) -> pl.DataFrame:
    """campaign_id -> how its members joined and the weighted keys that hold it together (``found``:
    the clustering that assigned ``messages``' campaign_id, else clustered again)."""
    if found is None or found.clustering is None:
        nodes = _nodes(messages.filter(pl.col("campaign_id").is_not_null()), originals)
        labels, weights, keys, names = cluster(nodes)
    else:
        nodes, (labels, weights, keys, names) = found.nodes, found.clustering
    members = nodes.select("node", "template").join(labels, on="node").join(
        messages.select("msg_key", "campaign_id").join(nodes.select("msg_key", "node"), on="msg_key"), on="node")
    how = members.group_by("campaign_id").agg(
        linked=(pl.col("how") == "linked").sum(), attached=(pl.col("how") == "attached").sum(),
        by_subject=(pl.col("how") == "subject").sum(), by_time=(pl.col("how") == "by_time").sum())
    templates = (members.filter(pl.col("template") != "").group_by("campaign_id", "template").agg(n=pl.len())
                 .sort("n", "template", descending=[True, False])
                 .group_by("campaign_id", maintain_order=True).agg(subject_templates=pl.col("template").head(5)))
    # runs numbered (dense ranks of campaign_id): a key per (member, key) row, not a string
    runs = members.select("node", "campaign_id", run=pl.col("campaign_id").rank("dense").cast(pl.UInt32))
    keys = keys.join(runs.select("node", "run", size=pl.len().over("run")), on="node")
    pages = _link_keys(nodes).join(members.select("node", "campaign_id"), on="node")
    paths = (pages.filter(pl.col("key").str.starts_with("u:")).group_by("campaign_id", "key").agg(n=pl.len())
             .sort("n", "key", descending=[True, False]).group_by("campaign_id", maintain_order=True)
             .agg(url_paths=pl.col("key").str.slice(2).head(5)))
    held = (keys.group_by(pair=pl.col("run").cast(pl.UInt64) * (1 << 32) + pl.col("key"))  # one integer: less memory
            .agg(n=pl.len(), size=pl.first("size"), family=pl.first("family"))  # a key is of one family
            .with_columns(run=(pl.col("pair") // (1 << 32)).cast(pl.UInt32),
                          key=(pl.col("pair") % (1 << 32)).cast(pl.UInt32))
            .join(weights.select("key", "weight"), on="key", how="left")
            .with_columns(share=pl.col("n") / pl.col("size"),
                          weight=pl.when(pl.col("family") == "support").then(SUPPORT_WEIGHT)
                          .otherwise(pl.col("weight").fill_null(0.0)))
            .filter((pl.col("n") >= 2) & (pl.col("share") >= EXPLAIN_SHARE) & (pl.col("weight") > 0))
            .join(names, on="key")
            .sort(pl.col("weight") * pl.col("share"), "key", descending=[True, False])  # key: in the names' order
            .group_by("run", maintain_order=True)
            .agg(link_keys=pl.format("{} (weight {}, {}% of members)", "name", pl.col("weight").round(2),
                                     (pl.col("share") * 100).round(0).cast(pl.Int64)).head(EXPLAIN_KEYS))
            .join(runs.select("run", "campaign_id").unique(), on="run").drop("run"))
    return (how.join(templates, on="campaign_id", how="left").join(paths, on="campaign_id", how="left")
            .join(held, on="campaign_id", how="left"))


def table(messages: pl.DataFrame, originals: pl.DataFrame, zombies: pl.DataFrame,
          found: Runs | None = None) -> pl.DataFrame:
    """One row per spam run (see schemas.CAMPAIGNS); ``found``: what runs() returned for ``messages``,
    whose campaign_id it assigned (else the runs are clustered again to explain them)."""
    from .schemas import CAMPAIGNS

    facts = (messages.filter(pl.col("campaign_id").is_not_null())
             .select("msg_key", "campaign_id", "bouncer_ip", arrival=ARRIVAL)
             .join(originals.select(TABLE_ORIGINAL_COLUMNS), on="msg_key", how="left")
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
           .join(domains, on="campaign_id", how="left").join(_explanations(messages, originals, found), on="campaign_id",
                                                              how="left")
           .with_columns(is_run=pl.col("messages") > 1)
           .with_columns(duration_h=((pl.col("last_seen") - pl.col("first_seen")).dt.total_seconds() / 3600).round(2),
                         start_estimate=pl.coalesce(
                             "spam_first_sent",
                             pl.col("first_seen") - pl.duration(seconds=pl.col("latency_median_s").fill_null(0))))
           .sort("first_seen", "campaign_id"))  # ties in a fixed order: the group_bys' order is not
    return out.select([pl.col(name).cast(dtype) for name, dtype in CAMPAIGNS.schema.items()])
