"""One analysis per message: its kind, its deliveries, its original. Feeds three tables."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import dsn, fingerprint, headers, kinds, originals, received, trace
from .timing import stage
from .dsn import Bounce, Context, Delivery
from .messages import Parsed


@dataclass
class Notice:
    kind: str = "ham"
    bounce: Bounce | None = None
    original: dict | None = None
    deliveries: list[Delivery] = field(default_factory=list)
    software: str | None = None
    original_hops: list = field(default_factory=list)  # the original's Received lines, parsed once
    own_host: str | None = None  # the qmail host the message itself was made on, when it says


def _autoreply_bounce(ctx: Context) -> Bounce:
    """Sisimai reports an auto-reply as one delivery: its sender, reason vacation."""
    text = " ".join(ctx.text.split())[:300]
    return Bounce("rfc3834", [Delivery(ctx.from_addr or None, reason="vacation", diagnostic=text)])


def analyse(p: Parsed) -> Notice:
    if p.msg is None:
        return Notice()
    ctx = Context.of(p.msg)
    with stage("analyse: bounce formats (DSN)"):
        bounce = dsn.parse(p.msg, ctx)
    with stage("analyse: kind"):
        kind = kinds.classify(ctx, bounce)
        if kind == "autoreply" and bounce is None:
            bounce = _autoreply_bounce(ctx)
        if kind == "ham":
            bounce = None
    with stage("analyse: originals"):
        original = originals.row(p.msg_key, ctx, bounce, kind)
    with stage("analyse: Received"):
        hops = received.chain((original or {}).get("orig_received") or [],
                              received.qmail_host((original or {}).get("orig_message_id")))
        own_domains = _own_domains(ctx, bounce) if kind != "ham" else set()  # ham has no original
        if original is not None:
            original.update(_origin(hops, own_domains))
    with stage("analyse: software"):
        software = fingerprint.software(ctx, bounce, kind) if kind != "ham" else None
        if software is None and kind != "ham" and hops:
            software = fingerprint.stamped_at_receipt([(trace.org_domain(h.by_host), h.raw) for h in hops],
                                                      own_domains)
        software = fingerprint.microsoft_writer(ctx, software)
    with stage("analyse: Received"):
        own_host = received.qmail_host(headers.msg_id(p.msg.get("Message-ID")), ctx.text)
    return Notice(kind, bounce, original, bounce.deliveries if bounce else [], software, hops, own_host)


def _own_domains(ctx: Context, bounce: Bounce | None) -> set[str]:
    """The bouncer's own registered domains: its From's, its Reporting-MTA's."""
    receivers = {trace.org_domain(ctx.from_addr.split("@")[-1]) if ctx.from_addr else None}
    if bounce and bounce.deliveries:
        receivers.add(trace.org_domain(bounce.deliveries[0].reporting_mta))
    return {r for r in receivers if r}


def _origin(chain: list, own_domains: set[str]) -> dict:
    """The original's origin; the bouncer's own domains (_own_domains: its From, its Reporting-MTA) are trusted."""
    found = trace.origin(chain, own_domains)
    return {"origin_ip": found.ip, "origin_host": found.host, "origin_helo": found.helo, "origin_hop": found.hop,
            "forged_hops": found.forged_hops if found.ip else None, "origin_dynamic": found.dynamic}


def hop_rows(p: Parsed, notice: Notice) -> list[dict]:
    """Every Received line of the message and of the original it carries."""
    if p.msg is None:
        return []
    own = received.chain([headers.raw_text(v) for v in p.msg.get_all("Received", [])], notice.own_host)
    chains = [("message", own),
              ("original", notice.original_hops)]
    rows = []
    for part, hops in chains:
        for index, hop in enumerate(hops):
            below = hops[index + 1].timestamp if index + 1 < len(hops) else None
            delay = (hop.timestamp - below).total_seconds() if hop.timestamp and below else None
            rows.append({"msg_key": p.msg_key, "part": part, "hop": index, "from_helo": hop.from_helo,
                         "from_host": hop.from_host, "from_ip": hop.from_ip, "by_host": hop.by_host,
                         "protocol": hop.protocol, "smtp_id": hop.smtp_id, "envelope_for": hop.envelope_for,
                         "timestamp": hop.timestamp, "delay_s": delay, "auth": hop.auth, "raw": hop.raw[:2000],
                         "parse_ok": hop.parse_ok, "by_inferred": hop.by_inferred})
    return rows


def delivery_rows(p: Parsed, notice: Notice) -> list[dict]:
    fmt = notice.bounce.format if notice.bounce else None
    return [{"msg_key": p.msg_key, "index": i, "recipient": d.recipient, "action": d.action, "status": d.status,
             "reply_code": d.reply_code, "diagnostic": d.diagnostic, "reason": d.reason,
             "reporting_mta": d.reporting_mta, "remote_mta": d.remote_mta, "format": fmt}
            for i, d in enumerate(notice.deliveries, 1)]
