"""One analysis per message: its kind, its deliveries, its original. Feeds three tables."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import dsn, kinds, originals
from .dsn import Bounce, Context, Delivery
from .messages import Parsed


@dataclass
class Notice:
    kind: str = "ham"
    bounce: Bounce | None = None
    original: dict | None = None
    deliveries: list[Delivery] = field(default_factory=list)


def _autoreply_bounce(ctx: Context) -> Bounce:
    """Sisimai reports an auto-reply as one delivery: its sender, reason vacation."""
    text = " ".join(ctx.text.split())[:300]
    return Bounce("rfc3834", [Delivery(ctx.from_addr or None, reason="vacation", diagnostic=text)])


def analyse(p: Parsed) -> Notice:
    if p.msg is None:
        return Notice()
    ctx = Context.of(p.msg)
    bounce = dsn.parse(p.msg, ctx)
    kind = kinds.classify(ctx, bounce)
    if kind == "autoreply" and bounce is None:
        bounce = _autoreply_bounce(ctx)
    if kind == "ham":
        bounce = None
    return Notice(kind, bounce, originals.row(p.msg_key, ctx, bounce, kind),
                  bounce.deliveries if bounce else [])


def delivery_rows(p: Parsed, notice: Notice) -> list[dict]:
    fmt = notice.bounce.format if notice.bounce else None
    return [{"msg_key": p.msg_key, "index": i, "recipient": d.recipient, "action": d.action, "status": d.status,
             "reply_code": d.reply_code, "diagnostic": d.diagnostic, "reason": d.reason,
             "reporting_mta": d.reporting_mta, "remote_mta": d.remote_mta, "format": fmt}
            for i, d in enumerate(notice.deliveries, 1)]
