"""Backscatter or the owner's own mail? One explained verdict per notification.

Runs on the whole corpus after parsing, in Polars: it needs the Sent folder,
the other notifications of the same spam run and the time bursts. The rules
are documented in docs/verdict.md; in short, evidence that the owner sent the
original wins, and without it the backscatter evidence is combined
(noisy-or of the signals' weights) into a score; 0.5 and above is backscatter.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .slices import slices
from .sources import imap
from .trace import org_domain

SENT_NAMES = re.compile(r"^(sent|sent[ _-]?(items|mail|messages)?|outbox|gesendet(e (objekte|elemente))?|"
                        r"envoy[ée]s?|[ée]l[ée]ments envoy[ée]s|enviados?|elementos enviados|posta inviata|"
                        r"inviati|verzonden( items)?|skickat|sendt|l[äa]hetetyt|wys[łl]ane|отправленные|"
                        r"送信済み|已发送)(\.mbox|\.mbx)?$", re.I)

GENUINE = ("sent_folder_match", "in_reply_to_sent", "sent_to_recipient", "own_relay_in_original",
           "dkim_own_domain", "batv_valid", "replied_after_owner_wrote", "owner_was_recipient",
           "own_auto_reply_returned")
# Backscatter evidence and its weight in the noisy-or score.
WEIGHTS = {
    "original_from_forged": 0.35,
    "random_local_part": 0.45,
    "zombie_origin": 0.3,
    "spam_urls": 0.3,
    "burst": 0.4,
    "stranger_recipient": 0.4,
    "stranger_site": 0.4,
    "not_in_sent_folder": 0.5,
    "same_subject_run": 0.35,
    "virus_or_spam_notice": 0.45,
    "no_original": 0.2,
    "batv_missing": 0.6,
    "batv_stale": 0.6,
    "forged_feedback": 0.6,
}
# An auto-reply or a challenge answers within this time of the message it answers.
REPLY_WINDOW_DAYS = 7
SUBJECT_ADDRESS = r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"  # in a lower-cased subject
NOTICE_KINDS = ("bounce", "autoreply", "challenge", "virus_notice", "spam_notice", "feedback_report")
# BATV (prvs) signed envelope sender: prvs=K DDD HHHHHH=local@domain, DDD = days since 1970 mod 1000.
BATV = r"(?i)^prvs=(\d)(\d{3})[0-9a-f]{6}=(.+@.+)$"
BATV_DAYS = 7  # the validity BATV prescribes for a tag
THRESHOLD = 0.5
# Sender Rewriting Scheme as forwarders write envelope senders: SRS0=HHHH=TT=domain=local@forwarder, and
# SRS1=HHHH=first-forwarder==HHHH=TT=domain=local@forwarder (Shevek's SRS paper; libsrs2). The sender
# before the rewrite is local@domain.
SRS = r"(?i)^srs[01][=+-].*?[=+-][0-9a-z]{2}[=+-]([^=+@]+)[=+-]([^@]+)@[^@]+$"
# Messages checked at a time: a check's intermediates (a message's Received lines joined, lowercased)
# exist for a slice only, not for the whole mailbox at once.
JUDGED_ROWS = 25_000
# Public mailbox providers: an owner's address there (the Gmail mailbox a vanity domain is forwarded
# into, sent from with "Send mail as") does not make the provider's domain the owner's, so other users of
# it are neither forged senders nor random local parts. Only inferred domains; --my-domain is taken as given.
SHARED_PROVIDERS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com",
    "rocketmail.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "zoho.com",
    "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.ru", "yandex.ru", "yandex.com", "fastmail.com", "qq.com",
    "163.com", "126.com", "naver.com", "orange.fr", "free.fr", "libero.it", "t-online.de",
})
_DYNAMIC = (r"(?i)from \S*(\d{1,3}[-.]\d{1,3}[-.]\d{1,3}[-.]\d{1,3}|dynamic|pool|dsl|dyn|cable|ppp|cpe|dhcp|"
            r"broadband|customer|client|\bres\b)\S*\s|\(unknown \[|\(\[\d")
_SUBJECT_NOISE = r"(?i)^((re|aw|fw|fwd|wg|sv)\s*:\s*)+|\d+|[^\w\s]"
# What the verdict reads of `messages` and of `originals`, and the columns of `messages` it fills in.
MESSAGE_COLUMNS = ("msg_key", "source", "gmail_labels", "kind", "from_addr", "to_addrs", "cc_addrs", "delivered_to",
                   "subject", "message_id", "in_reply_to", "references", "date", "received_date", "return_path")
ORIGINAL_COLUMNS = ("msg_key", "orig_source", "orig_subject", "orig_from", "orig_to", "orig_message_id",
                    "orig_received", "orig_dkim_domains", "orig_url_domains", "orig_auto_submitted")
VERDICT_COLUMNS = ("mailbox_role", "is_backscatter", "backscatter_score", "signals")


@dataclass
class Owner:
    """Who the mailbox belongs to; what is not given is inferred from the corpus."""

    addresses: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    relays: tuple[str, ...] = ()
    sent_sources: tuple[str, ...] = field(default_factory=tuple)
    mx: tuple[str, ...] = ()
    batv: bool = False  # the owner's MTA signs envelope senders with BATV (inferred when bounces carry tags)


def mailbox_role(owner: Owner) -> pl.Expr:
    sent_paths = [str(imap.FolderURL.parse(p)) if imap.is_url(p) else str(Path(p).resolve())
                  for p in owner.sent_sources]
    name = pl.col("source").str.split("/").list.last()
    is_sent = (pl.col("source").is_in(sent_paths) | name.map_elements(lambda n: bool(SENT_NAMES.match(n)),
                                                                       return_dtype=pl.Boolean)
               | pl.col("gmail_labels").list.contains("Sent").fill_null(False))
    return pl.when(is_sent).then(pl.lit("sent")).otherwise(pl.lit("inbox"))


def owner_identity(messages: pl.DataFrame | pl.LazyFrame, owner: Owner) -> tuple[list[str], list[str]]:
    """The owner's addresses and domains: as given, else inferred (see docs/verdict.md). ``messages``
    may be a scan: only the columns read are streamed."""
    if "mailbox_role" not in messages.collect_schema().names():
        messages = messages.with_columns(mailbox_role=mailbox_role(owner))
    return _owner_identity(messages, owner)


def _slices(messages: pl.LazyFrame) -> Iterator[pl.DataFrame]:
    """``messages`` JUDGED_ROWS rows at a time, collected (one empty slice when there are none)."""
    return (part.collect() for part in slices(messages, JUDGED_ROWS))


def _most_frequent(counts: list[pl.DataFrame], n: int) -> list[str]:
    """The ``n`` values counted most often in ``counts`` (slices' counts: value, n), fewer counted first;
    a tie is broken by the value, so the answer does not depend on the slices' order."""
    total = pl.concat(counts).group_by("value").agg(pl.col("n").sum())
    return total.sort(["n", "value"], descending=[True, False]).head(n)["value"].to_list()


def _owner_identity(messages: pl.DataFrame | pl.LazyFrame, owner: Owner) -> tuple[list[str], list[str]]:
    addresses = [a.lower() for a in owner.addresses]
    if not addresses:  # counted a slice of messages at a time: the mailbox's addresses are never all in memory
        read = messages.lazy().select("mailbox_role", "from_addr", "delivered_to", "to_addrs")
        sent_from, rcpt = [], []
        for part in _slices(read):
            sent_from.append(part.filter(pl.col("mailbox_role") == "sent").drop_nulls("from_addr")
                             .group_by(value="from_addr").agg(n=pl.len()))
            rcpt.append(part.select(pl.concat_list("delivered_to", "to_addrs").alias("a")).explode("a")
                        .select(value=pl.col("a").str.replace(BATV, "${3}")).drop_nulls()
                        .group_by("value").agg(n=pl.len()))
        if sum(counted.height for counted in sent_from):
            addresses = _most_frequent(sent_from, 3)
        else:
            addresses = _most_frequent(rcpt, 1)
    domains = [d.lower() for d in owner.domains] or sorted({a.split("@")[-1] for a in addresses} - SHARED_PROVIDERS)
    return addresses, domains


def _recipients(deliveries: pl.DataFrame) -> pl.DataFrame:
    """msg_key -> failed: the recipients a notification reports on."""
    return deliveries.group_by("msg_key").agg(failed=pl.col("recipient").drop_nulls())


# What _notification_facts reads of `messages` (the last three: the envelope sender and the arrival time).
FACT_COLUMNS = ("msg_key", "kind", "mailbox_role", "in_reply_to", "references", "delivered_to", "to_addrs", "from_addr",
                "subject", "return_path", "received_date", "date")


def _notification_facts(messages: pl.DataFrame, recipients: pl.DataFrame, originals: pl.DataFrame) -> pl.DataFrame:
    """One row per message with what the verdict looks at (``recipients``: _recipients). `failed` is the
    other party: the recipients a bounce is about, or whoever sent the auto-reply or the challenge."""
    return (messages.select(*FACT_COLUMNS[:-3], envelope_from=envelope_sender(pl.col("return_path")),
                            arrival=pl.coalesce("received_date", "date"))
            .join(recipients, on="msg_key", how="left")
            .with_columns(failed=pl.when(pl.col("kind") == "challenge")
                          .then(pl.concat_list(pl.col("failed").fill_null([]), "from_addr").list.drop_nulls())
                          .otherwise(pl.col("failed")))
            .join(originals, on="msg_key", how="left"))


def _signals(messages: pl.LazyFrame, recipients: pl.DataFrame, originals: pl.LazyFrame, owner: Owner) -> pl.DataFrame:
    """msg_key and the verdict's columns. ``messages``: a lazy frame (a scan): the corpus-wide counts are
    streamed from the few columns they read; each message's facts (_notification_facts) and checks are
    made a slice of messages at a time, so the messages' addresses and subjects are never all in memory."""
    addresses, domains = _owner_identity(messages, owner)
    notice = pl.col("kind").is_in(NOTICE_KINDS) & (pl.col("mailbox_role") == "inbox")
    tagged = pl.concat_list(pl.col("delivered_to").fill_null([]), pl.col("to_addrs").fill_null([])) \
        .list.eval(pl.element().filter(pl.element().str.contains(BATV))).list.first()
    tag_owner = tagged.str.extract(BATV, 3).str.to_lowercase().is_in(addresses)
    read = _CorpusRead.of(messages, notice, notice & tagged.is_not_null() & tag_owner)
    sent = read.sent
    sent_ids = sent["message_id"].drop_nulls().unique().to_list()
    sent_rcpts = sent.select(pl.concat_list("to_addrs", "cc_addrs").alias("a")).explode("a")["a"] \
        .drop_nulls().unique().to_list()
    relays = [r.lower() for r in owner.relays]
    sent_sites = _sites(sent_rcpts)
    own_sites = set(domains) | _sites(addresses) | SHARED_PROVIDERS
    from_sites = _site_of(read.bounce_senders)  # stranger_site reads bounces' senders
    received = (pl.col("orig_received").list.eval(pl.element().str.replace_all(r"\s+", " "))  # unfolded lines
                .list.join("\n").fill_null("").str.to_lowercase())
    domain_alt = "|".join(re.escape(d) for d in domains) or "no-owner-domain\\.invalid"
    address_alt = "|".join(re.escape(a.lower()) for a in addresses) or "no-owner@no-owner-domain\\.invalid"
    # A submission the owner made: authenticated at a server of the owner's domain, or as the owner's address.
    # Anyone's "Authenticated sender" is no proof: spam goes out through stolen accounts at third parties.
    own_relay = received.str.contains(
        rf"by \S*({domain_alt})\b[^\n]*with e?smtps?a\b"
        rf"|authenticated sender:? <?({address_alt})\b"
        rf"|authenticated sender[^\n]*\bby \S*({domain_alt})\b")
    if relays:
        own_relay = own_relay | pl.any_horizontal(received.str.contains(re.escape(r), literal=False) for r in relays)
    # The address the notice was sent to: the one at the owner's domain when a forwarder (SRS, Gmail's
    # Delivered-To) recorded several, else the first recorded.
    recorded = pl.concat_list(pl.col("delivered_to").fill_null([]), pl.col("to_addrs").fill_null([])) \
        .list.eval(pl.element().str.replace(BATV, "${3}"))
    at_owner_domain = recorded.list.eval(pl.element().filter(
        pl.element().str.split("@").list.last().is_in(domains))).list.first()
    notified = pl.coalesce(at_owner_domain, recorded.list.first())
    tag_age = (pl.col("arrival").dt.epoch("d") - tagged.str.extract(BATV, 2).cast(pl.Int64) + 1000) % 1000
    tag_fresh = (tag_age <= BATV_DAYS) | (tag_age == 999)  # a day of clock skew
    uses_batv = owner.batv or read.batv_tagged
    originals = _received_checks(originals, {
        "orig_own_relay": own_relay,
        "orig_zombie": pl.col("orig_received").list.len().gt(0)
        & pl.col("orig_received").list.last().str.contains(_DYNAMIC),
    })
    subject_key = pl.col("orig_subject").fill_null("").str.replace_all(_SUBJECT_NOISE, "").str.to_lowercase() \
        .str.replace_all(r"\s+", " ").str.strip_chars()
    hour = pl.col("arrival").dt.truncate("1h")
    hourly = read.hourly
    busy = max(5.0, 4 * float(hourly["n_hour"].median() or 0)) if hourly.height else 5.0
    noticed = read.notices.join(
        originals.select("msg_key", "orig_subject", "orig_url_domains"), on="msg_key", how="left")
    by_subject = noticed.select(subject_key=subject_key).filter(pl.col("subject_key").str.len_chars() > 3) \
        .group_by("subject_key").agg(n_subject=pl.len())
    url_counts = noticed.select("msg_key", "orig_url_domains").explode("orig_url_domains") \
        .drop_nulls().group_by("orig_url_domains").agg(n_url=pl.len())
    del noticed
    url_shared = originals.select("msg_key", "orig_url_domains").join(
        read.keys, on="msg_key", how="semi").explode("orig_url_domains") \
        .join(url_counts, on="orig_url_domains").group_by("msg_key").agg(n_url=pl.col("n_url").max())
    answered = _answered_correspondents(  # which reads only orig_to of the originals
        _notification_facts(read.replies, recipients, originals.select("msg_key", "orig_to")), sent)
    del read
    checks = {
        "sent_folder_match": pl.col("orig_message_id").is_in(sent_ids),
        "in_reply_to_sent": pl.col("in_reply_to").is_in(sent_ids)
        | pl.col("references").list.eval(pl.element().is_in(sent_ids)).list.any(),
        # Only when there is no Message-ID to check: names recur, Message-IDs do not.
        # Replies and challenges are matched by time too (replied_after_owner_wrote).
        "sent_to_recipient": pl.col("orig_message_id").is_null() & ~pl.col("kind").is_in(["autoreply", "challenge"])
        & pl.col("failed").list.eval(pl.element().is_in(sent_rcpts)).list.any(),
        "own_relay_in_original": pl.col("orig_own_relay"),
        "dkim_own_domain": pl.col("orig_dkim_domains").list.eval(pl.element().is_in(domains)).list.any(),
        "original_from_forged": pl.col("orig_from").str.split("@").list.last().is_in(domains)
        & ~pl.col("orig_message_id").is_in(sent_ids).fill_null(False),
        "random_local_part": notified.str.split("@").list.last().is_in(domains) & ~notified.is_in(addresses),
        "zombie_origin": pl.col("orig_zombie"),
        "spam_urls": pl.col("n_url").fill_null(0) >= 3,
        "burst": pl.col("n_hour").fill_null(0) >= busy,
        "same_subject_run": pl.col("n_subject").fill_null(0) >= 3,
        "virus_or_spam_notice": pl.col("kind").is_in(["virus_notice", "spam_notice"]),
        "not_in_sent_folder": pl.lit(bool(sent_ids)) & pl.col("orig_message_id").is_not_null()
        & ~pl.col("orig_message_id").is_in(sent_ids),
        "stranger_recipient": pl.lit(bool(sent_rcpts)) & pl.col("failed").list.len().gt(0)
        & ~pl.col("failed").list.eval(pl.element().is_in(sent_rcpts)).list.any(),
        # A bounce naming no recipient and carrying nothing of the original, from a site (the registered
        # domain of its sender) the owner never wrote to: the owner's mail bounces from the sites it went
        # to, or from the owner's own or provider's system (excluded).
        "stranger_site": pl.lit(bool(sent_sites)) & (pl.col("kind") == "bounce") & pl.col("failed").fill_null([]).list.len().eq(0)
        & pl.col("orig_source").is_null()
        & ~pl.col("from_addr").str.to_lowercase().replace_strict(from_sites, default=None)
        .is_in(list(sent_sites | own_sites)).fill_null(True),
        "no_original": pl.col("orig_source").is_null() | pl.col("orig_source").is_in(["subject", "report"]),
        "batv_valid": tagged.is_not_null() & tag_owner & tag_fresh,
        "batv_stale": tagged.is_not_null() & tag_owner & ~tag_fresh,
        # Bounces go to the envelope sender, which a BATV-signing owner never sends untagged.
        "batv_missing": pl.lit(uses_batv) & (pl.col("kind") == "bounce") & tagged.is_null()
        & notified.is_in(addresses),
        # An auto-reply or challenge from someone the owner wrote to just before, about no other message.
        "replied_after_owner_wrote": pl.col("kind").is_in(["autoreply", "challenge"])
        & pl.col("wrote_before").fill_null(False)
        & (pl.col("orig_message_id").is_null() | pl.col("orig_message_id").is_in(sent_ids)),
        # The notice is about mail TO the owner (a forwarder's own delivery report), not mail from them:
        # its failed recipient is an owner's address or the mailbox this very notice was delivered to
        # (an SRS forwarder's report names the Gmail address it could not hand the owner's mail to).
        "owner_was_recipient": (pl.col("kind") == "bounce")
        & pl.col("failed").list.eval(pl.element().is_in(addresses)).list.any()
        .or_(pl.col("failed").list.set_intersection(pl.col("delivered_to").fill_null([])).list.len() > 0)
        & ~pl.col("orig_from").fill_null("").is_in(addresses),
        # The returned message is an automatic one from the owner's own address (RFC 3834: an auto-reply
        # carries Auto-Submitted with a value other than "no"; Gmail's vacation responder writes
        # auto-replied, Exchange's out-of-office auto-generated): the owner's responder answered a spam
        # and its answer bounced. The owner's system sent it, although no copy is in Sent.
        "own_auto_reply_returned": pl.col("orig_from").is_in(addresses)
        & pl.col("orig_auto_submitted").str.strip_chars().str.to_lowercase().str.starts_with("auto-"),
        # A DMARC failure report or complaint about a message in the owner's name the owner never sent.
        "forged_feedback": (pl.col("kind") == "feedback_report")
        & (pl.col("orig_from").str.split("@").list.last().is_in(domains)
           | pl.col("subject").str.to_lowercase().str.contains(domain_alt))
        & ~pl.col("orig_message_id").is_in(sent_ids).fill_null(False),
    }
    names = list(checks)
    signals = pl.concat_list(pl.when(pl.col(n)).then(pl.lit(n)).otherwise(None) for n in names).list.drop_nulls()
    keep = pl.lit(1.0)
    for name, weight in WEIGHTS.items():
        keep = keep * pl.when(pl.col(name)).then(1 - weight).otherwise(1.0)
    # Writing to the same person proves little when the notice went to an address the owner never uses.
    genuine = pl.any_horizontal(pl.col(n) for n in GENUINE if n != "sent_to_recipient") \
        | (pl.col("sent_to_recipient") & ~pl.col("random_local_part"))
    score = pl.when(genuine).then(pl.lit(0.0)).otherwise(1 - keep)
    verdict = {"signals": signals, "backscatter_score": pl.when(notice).then(score.round(3)).otherwise(pl.lit(0.0)),
               "is_backscatter": pl.when(pl.col("mailbox_role") == "sent").then(None)
               .otherwise(notice & (score >= THRESHOLD))}

    def judged(part: pl.DataFrame) -> pl.DataFrame:  # the checks look at one message each: a slice at a time
        return (_notification_facts(part, recipients, originals).with_columns(hour=hour, subject_key=subject_key)
                .join(hourly, on="hour", how="left").join(by_subject, on="subject_key", how="left")
                .join(url_shared, on="msg_key", how="left").join(answered, on="msg_key", how="left")
                .with_columns(**{k: v.fill_null(False) & notice for k, v in checks.items()})
                .select("msg_key", **verdict))

    return pl.concat([judged(part) for part in _slices(messages)])


def _received_checks(originals: pl.LazyFrame, checks: dict[str, pl.Expr]) -> pl.DataFrame:
    """``originals`` without their Received lines (the largest column: 31 of 52 MB at 200,000 messages) and
    with the ``checks`` made of those lines instead, read JUDGED_ROWS originals at a time."""
    made = pl.concat([part.select(**checks) for part in _slices(originals.select("orig_received"))])
    return originals.drop("orig_received").collect().with_columns(made)  # the same rows in the same order


@dataclass
class _CorpusRead:
    """What the verdict counts over the whole mailbox, read in one pass a slice of messages at a time."""

    sent: pl.DataFrame  # the owner's sent messages
    replies: pl.DataFrame  # the auto-replies and challenges
    notices: pl.DataFrame  # msg_key of the notifications
    keys: pl.DataFrame  # msg_key of every message
    hourly: pl.DataFrame  # hour, n_hour: the notifications that arrived in each hour
    bounce_senders: pl.Series  # the bounces' distinct senders
    batv_tagged: bool  # a notification came back to a BATV-tagged address of the owner

    @classmethod
    def of(cls, messages: pl.LazyFrame, notice: pl.Expr, batv_tagged: pl.Expr) -> _CorpusRead:
        sent, replies, notices, keys, hours, senders, tagged = [], [], [], [], [], [], False
        for part in _slices(messages):
            sent.append(part.filter(pl.col("mailbox_role") == "sent"))
            replies.append(part.filter(pl.col("kind").is_in(["autoreply", "challenge"])).select(FACT_COLUMNS))
            notices.append(part.filter(notice).select("msg_key"))
            keys.append(part.select("msg_key"))
            hours.append(part.filter(notice).group_by(hour=pl.coalesce("received_date", "date").dt.truncate("1h"))
                         .agg(n_hour=pl.len()))
            senders.append(part.filter(pl.col("kind") == "bounce").select(pl.col("from_addr").unique()))
            tagged = tagged or bool(part.select(batv_tagged.any()).item())
        return cls(sent=pl.concat(sent), replies=pl.concat(replies), notices=pl.concat(notices),
                   keys=pl.concat(keys), hourly=pl.concat(hours).group_by("hour").agg(pl.col("n_hour").sum()),
                   bounce_senders=pl.concat(senders)["from_addr"].unique(), batv_tagged=tagged)


def envelope_sender(return_path: pl.Expr) -> pl.Expr:
    """The envelope sender before a forwarder's SRS rewrite (as it is when not rewritten; null when null).
    A challenge service sends as its member (Boxbe: the member's address), an auto-reply as its
    responder: behind an SRS forwarder that address is only in the rewritten Return-Path."""
    path = return_path.str.strip_chars(" <>").str.to_lowercase()
    decoded = path.str.extract(SRS, 2) + "@" + path.str.extract(SRS, 1)
    return pl.when(path.str.contains(SRS)).then(decoded).when(path.str.contains("@")).then(path).otherwise(None)


def site(address: str | None) -> str | None:
    """The registered domain of an address's domain (lower-cased), or None."""
    return org_domain(address.rsplit("@", 1)[-1].lower()) if address and "@" in address else None


def _sites(addresses: list[str]) -> set[str]:
    """The registered domains of addresses."""
    return {d for d in map(site, addresses) if d}


def _site_of(addresses: pl.Series) -> dict[str, str | None]:
    """Each (lower-cased) address -> its registered domain."""
    return {a: site(a) for a in addresses.drop_nulls().str.to_lowercase().unique().to_list()}


def _answered_correspondents(facts: pl.DataFrame, sent: pl.DataFrame) -> pl.DataFrame:
    """msg_key -> wrote_before: the owner wrote to the replying party (the auto-replier, the challenged
    recipient, the original's addressee, or the person a challenge service names in its subject:
    "Please verify your message to X") within REPLY_WINDOW_DAYS before the reply arrived."""
    written = (sent.select(sent_at=pl.coalesce("date", "received_date"),
                           party=pl.concat_list(pl.col("to_addrs").fill_null([]), pl.col("cc_addrs").fill_null([])))
               .explode("party").drop_nulls())
    parties = (facts.filter(pl.col("kind").is_in(["autoreply", "challenge"]))
               .select("msg_key", "arrival",
                       party=pl.concat_list(pl.col("failed").fill_null([]), pl.col("from_addr"),
                                            pl.col("envelope_from"),
                                            pl.col("orig_to").fill_null([]),
                                            pl.col("subject").fill_null("").str.to_lowercase()
                                            .str.extract_all(SUBJECT_ADDRESS)))
               .explode("party").drop_nulls())
    window = pl.duration(days=REPLY_WINDOW_DAYS)
    return (parties.join(written, on="party")
            .filter((pl.col("sent_at") <= pl.col("arrival") + pl.duration(hours=1))
                    & (pl.col("sent_at") >= pl.col("arrival") - window))
            .select("msg_key").unique().with_columns(wrote_before=pl.lit(True)))


def verdicts(messages: pl.DataFrame | pl.LazyFrame, deliveries: pl.DataFrame, originals: pl.DataFrame | pl.LazyFrame,
             owner: Owner) -> pl.DataFrame:
    """msg_key and the VERDICT_COLUMNS of every message, in the order of ``messages``.

    Reads only MESSAGE_COLUMNS of ``messages``, ORIGINAL_COLUMNS of ``originals`` and the recipients
    of ``deliveries``: the corpus step then holds those, not every header of every message. ``messages``
    may be a scan (of the parsed rows): it is then read in slices and streamed, never held whole."""
    messages = messages.lazy().select(MESSAGE_COLUMNS)
    roles = messages.select("msg_key", mailbox_role=mailbox_role(owner)).collect()  # its Python test once
    found = _signals(pl.concat([messages, roles.select("mailbox_role").lazy()], how="horizontal"),
                     _recipients(deliveries.select("msg_key", "recipient")),
                     originals.lazy().select(ORIGINAL_COLUMNS), owner)
    return roles.join(found, on="msg_key", how="left", maintain_order="left").select("msg_key", *VERDICT_COLUMNS)


def apply(messages: pl.DataFrame, deliveries: pl.DataFrame, originals: pl.DataFrame, owner: Owner) -> pl.DataFrame:
    """`messages` with mailbox_role, is_backscatter, backscatter_score and signals filled in."""
    found = verdicts(messages, deliveries, originals, owner)  # one row per message, in their order
    # put in place, not joined: a join would copy every other column of every message
    return messages.with_columns(found.get_column(name) for name in VERDICT_COLUMNS)
