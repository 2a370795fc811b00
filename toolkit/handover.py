"""Who handed each notification to the owner's mail system: the bouncer.

Walks the notification's own Received chain from the top past the owner's
infrastructure (the owner's MX, forwarders, the webmail provider). That
infrastructure is given (``--my-mx``, ``--my-relay``) or inferred: the
receiving domains found in the chains of most messages that came in (SHARE), ham included.
The first hop from outside it is the bouncer.
"""
from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from .fingerprint import received_rank, ranked_mta
from .received import is_public
from .slices import slices
from .trace import org_domain

# A receiving domain in this share of the messages that came in (those with a Received chain: not the owner's
# own sent mail) is the owner's. Not all of them: mail sent straight to the mailbox provider's address (the
# Gmail address behind a forwarded vanity domain) skips the forwarder, and so does the provider's own mail.
SHARE = 0.75
MIN_MESSAGES = 5  # below this many messages nothing is inferred
MESSAGE_COLUMNS = ("msg_key", "kind", "from_addr")  # what identify reads of `messages`
MESSAGE_KEY = r"^[0-9a-f]{16}$"  # messages.message_key's form: 8 bytes in hex
HOP_ROWS = 100_000  # hops read at a time by the bouncer search (the Received lines of about 25,000 messages)


def is_notice() -> pl.Expr:
    """The messages identify looks for a bouncer of."""
    return pl.col("kind") != "ham"


def _domains(hosts: pl.Series) -> dict[str, str | None]:
    return {h: org_domain(h) for h in hosts.drop_nulls().unique().to_list()}


def _message_number() -> pl.Expr:
    """msg_key as the number its 16 hex digits spell (messages.message_key: an 8-byte digest): a UInt64 is
    a twentieth of the string to hash and count. Null for a key of another form (hand-made frames)."""
    key = pl.col("msg_key")
    return pl.when(key.str.contains(MESSAGE_KEY)).then(key.str.to_integer(base=16, dtype=pl.UInt64, strict=False))


def _chain_slices(hops: pl.LazyFrame, columns: list[pl.Expr]) -> Iterator[pl.DataFrame]:
    """``columns`` of the messages' own hops (part "message"), HOP_ROWS hops of ``hops`` at a time."""
    for part in slices(hops, HOP_ROWS):  # one (empty) slice of no hops
        yield part.filter(pl.col("part") == "message").select(columns).collect()


def _lines_per_host(hops: pl.LazyFrame, key: pl.Expr) -> tuple[pl.DataFrame, int] | None:
    """by_host and its Received lines (lines); and the number of messages with a chain, told apart by
    ``key``. None when ``key`` is null for some message (a key not of message_key's form)."""
    lines, keys = [], []
    for chains in _chain_slices(hops, [key.alias("key"), pl.col("by_host")]):
        if chains["key"].null_count():
            return None
        lines.append(chains.group_by("by_host").agg(lines=pl.len()))
        keys.append(chains.select(pl.col("key").unique()))
    return pl.concat(lines).group_by("by_host").agg(pl.col("lines").sum()), pl.concat(keys)["key"].n_unique()


def owner_infrastructure(hops: pl.DataFrame | pl.LazyFrame, n_messages: int, given: tuple[str, ...] = ()) -> set[str]:
    """Registered domains (and given hosts/IPs) of the owner's own mail system (``hops``: a scan will do;
    only the chains' msg_key and by_host are read, HOP_ROWS hops at a time: the chains are never all in
    memory, and a message is counted by its key's number, not its key string)."""
    infra = {g.lower() for g in given} | {d for d in (org_domain(g.lower()) for g in given) if d}
    if n_messages < MIN_MESSAGES:
        return infra
    hops = hops.lazy()
    # The receiving hosts and their Received lines counted in one pass; a domain in fewer lines than SHARE
    # of the messages cannot have received SHARE of them: only the few candidates' messages are then told apart.
    key = _message_number()
    counted = _lines_per_host(hops, key)
    if counted is None:  # exact either way: one number per key, or the keys themselves
        key = pl.col("msg_key")
        counted = _lines_per_host(hops, key)
    per_host, chained = counted  # chained: the messages that came in (a Sent folder has no chains)
    n_messages = min(n_messages, chained)
    mapping = _domains(per_host["by_host"])
    per_host = per_host.with_columns(domain=pl.col("by_host").replace_strict(mapping, default=None,
                                                                           return_dtype=pl.String))
    by_domain = per_host.drop_nulls("domain").group_by("domain").agg(pl.col("lines").sum())
    candidates = by_domain.filter(pl.col("lines") >= SHARE * n_messages)["domain"]
    hosts = per_host.filter(pl.col("domain").is_in(candidates.implode()))
    host_domain = dict(zip(hosts["by_host"].to_list(), hosts["domain"].to_list()))
    seen = [chains.filter(pl.col("by_host").is_in(list(host_domain)))
            .select("key", domain=pl.col("by_host").replace_strict(host_domain, return_dtype=pl.String)).unique()
            for chains in _chain_slices(hops, [key.alias("key"), pl.col("by_host")])] if host_domain else []
    if seen:
        per_domain = pl.concat(seen).group_by("domain").agg(n=pl.col("key").n_unique())
        infra |= set(per_domain.filter(pl.col("n") >= SHARE * n_messages)["domain"].to_list())
    return infra


class _Places:
    """Each sending host's registered domain and each IP's publicness, looked up once per distinct value as
    the slices of hops meet them (the same answers as a lookup of every host of the mailbox at once)."""

    def __init__(self) -> None:
        self.domains: dict[str, str | None] = {}
        self.public: dict[str, bool] = {}

    def located(self, chains: pl.DataFrame) -> pl.DataFrame:
        """``chains`` from a public IP, with the registered domain of the host (else the HELO name)."""
        hosts = pl.concat([chains["from_host"], chains["from_helo"]]).drop_nulls().unique().to_list()
        self.domains.update((h, org_domain(h)) for h in hosts if h not in self.domains)
        ips = chains["from_ip"].drop_nulls().unique().to_list()
        self.public.update((ip, is_public(ip)) for ip in ips if ip not in self.public)
        mapping = {h: self.domains[h] for h in hosts}
        return chains.with_columns(
            domain=pl.coalesce(pl.col("from_host").replace_strict(mapping, default=None, return_dtype=pl.String),
                               pl.col("from_helo").replace_strict(mapping, default=None, return_dtype=pl.String)),
            public=pl.col("from_ip").replace_strict({ip: self.public[ip] for ip in ips}, default=False,
                                                    return_dtype=pl.Boolean),
        ).filter(pl.col("public"))


SENDING = ("msg_key", "hop", "from_helo", "from_host", "from_ip")  # what identify reads of a hop (and raw)


def identify(messages: pl.DataFrame, hops: pl.DataFrame | pl.LazyFrame, given: tuple[str, ...] = ()) -> pl.DataFrame:
    """bouncer_ip, bouncer_host, bouncer_domain for every notification (msg_key), and the MTA named
    in the Received lines the bouncer's own hosts wrote (received_software).

    ``hops`` may be a scan: it is read HOP_ROWS hops at a time, twice (the bouncer's hop of each
    notification, then that hop's row and the lines below it), so a large mailbox's chains and their
    raw Received lines are never all in memory; a message's chain may span two slices (min and max
    over the slices' minima and maxima are those of the whole chain)."""
    hops = hops.lazy()
    infra = list(owner_infrastructure(hops, messages.height, given))
    notices = messages.filter(is_notice()).select("msg_key", "from_addr")
    keys = notices.select("msg_key")
    places = _Places()
    outside = (~pl.col("domain").is_in(infra).fill_null(False) & ~pl.col("from_ip").is_in(infra)
               & ~pl.col("from_host").is_in(infra).fill_null(False))
    # The bouncer's hop: the first from outside the owner's system; when a notice was sent from inside the
    # owner's own provider (a Gmail user's notice to a Gmail mailbox) no hop is, and it is the first public
    # host the message entered by, the deepest hop.
    extremes = pl.concat([
        places.located(chains.join(keys, on="msg_key", how="semi"))
        .with_columns(out_hop=pl.when(outside).then(pl.col("hop")))
        .group_by("msg_key").agg(pl.col("out_hop").min(), in_hop=pl.col("hop").max())
        for chains in _chain_slices(hops, [pl.col(c) for c in SENDING])])
    bouncer_hop = (extremes.group_by("msg_key").agg(pl.col("out_hop").min(), pl.col("in_hop").max())
                   .select("msg_key", hop=pl.coalesce("out_hop", "in_hop")))
    del extremes
    found, own = [], []
    for chains in _chain_slices(hops, [pl.col(c) for c in (*SENDING, "raw")]):
        # the bouncer's hop itself, located (a public hop: the first pass chose it among located ones)
        found.append(places.located(chains.drop("raw").join(bouncer_hop, on=["msg_key", "hop"]))
                     .select("msg_key", "hop", bouncer_ip="from_ip", bouncer_host=pl.coalesce("from_host", "from_helo"),
                             host_domain="domain"))
        # the lines below the bouncer's hop (its own hosts' lines; hop 0 is above every bouncer), ranked
        own.append(chains.select("msg_key", "hop", "raw").join(bouncer_hop.rename({"hop": "bouncer_hop"}), on="msg_key")
                   .filter(pl.col("hop") > pl.col("bouncer_hop"))
                   .select("msg_key", rank=received_rank(pl.col("raw"))).drop_nulls("rank")
                   .group_by("msg_key").agg(pl.col("rank").min()))
    found = pl.concat(found)
    own_lines = (pl.concat(own).group_by("msg_key").agg(pl.col("rank").min())
                 .select("msg_key", received_software=ranked_mta(pl.col("rank"))))
    sender_domain = notices.with_columns(
        from_domain=pl.col("from_addr").str.split("@").list.last()
        .replace_strict(_domains(notices["from_addr"].str.split("@").list.last()), default=None))
    return (sender_domain.join(found, on="msg_key", how="left").join(own_lines, on="msg_key", how="left")
            .select("msg_key", "bouncer_ip", "bouncer_host", "received_software",
                    bouncer_domain=pl.coalesce("host_domain", "from_domain")))
