"""One notification to write: what was received, by whom, about whom, why, and how the original comes back."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ..mail import Mail, encode_subject, rfc_date, token
from .cast import Bouncer

# reason -> (status, SMTP reply, what the remote server said), written from RFC 3463 and the MTAs' documented texts
REASONS = {
    "userunknown": ("5.1.1", "550", "550 5.1.1 <{r}>: Recipient address rejected: User unknown in virtual mailbox table"),
    "mailboxfull": ("5.2.2", "552", "552 5.2.2 <{r}>: Mailbox full: quota exceeded"),
    "blocked": ("5.7.1", "554", "554 5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org"),
    "spamdetected": ("5.7.1", "550", "550 5.7.1 Message rejected as spam by content filter"),
    "authfailure": ("5.7.26", "550", "550 5.7.26 Unauthenticated email from {d} is not accepted due to domain's "
                                     "DMARC policy"),
    "suspend": ("5.2.1", "550", "550 5.2.1 <{r}>: mailbox disabled, not accepting messages"),
    "expired": ("4.4.7", "", "delivery temporarily suspended: connect to {internal}[10.1.4.20]:25: Connection timed out"),
}
DSN_REASONS = (("userunknown", 60), ("mailboxfull", 9), ("blocked", 9), ("spamdetected", 8), ("authfailure", 6),
               ("suspend", 4), ("expired", 4))
OWNER_DSN_REASONS = (("userunknown", 55), ("mailboxfull", 20), ("suspend", 10), ("expired", 15))


@dataclass
class Event:
    original: Mail        # the message as the bouncer's MX received it
    orig_subject: str
    rcpt: str             # whom the notification is about
    notify_to: str        # where it goes (the forged or the real sender)
    when: dt.datetime
    reason: str
    include: str          # rfc822 | headers | inline | none
    bouncer: Bouncer
    origin_ip: str = ""
    reported_status: str | None = None   # the Status a DSN part states, when the notice has one
    also: tuple[str, ...] = ()           # further recipients at the same bouncer the same spam failed for

    @property
    def recipients(self) -> tuple[str, ...]:
        return (self.rcpt, *self.also)

    @property
    def status(self) -> str | None:
        return REASONS[self.reason][0] if self.reason in REASONS else None

    @property
    def code(self) -> str:
        return REASONS[self.reason][1] if self.reason in REASONS else ""

    def diagnostic(self) -> str:
        domain = self.notify_to.rsplit("@", 1)[-1]
        return REASONS[self.reason][2].format(r=self.rcpt, ip=self.origin_ip or "192.0.2.1", d=domain,
                                              internal=self.bouncer.internal)


def boundary(rng: random.Random) -> str:
    return rng.choice([f"{token(rng, 10, '0123456789ABCDEF')}.{rng.randrange(10**9)}/mail",
                       f"----=_Part_{rng.randrange(10**6)}_{rng.randrange(10**9)}.{rng.randrange(10**12)}",
                       f"_000_{token(rng, 40)}_", f"000000000000{token(rng, 16, '0123456789abcdef')}"])


def attachment(ev: Event, b: str) -> str:
    """The original as a MIME part, as the notice's style carries it."""
    if ev.include == "rfc822":
        return f"--{b}\nContent-Type: message/rfc822\nContent-Disposition: inline\n\n{ev.original.text()}\n"
    if ev.include == "headers":
        return f"--{b}\nContent-Type: text/rfc822-headers\n\n{ev.original.header_text()}\n"
    return ""


def dsn_fields(ev: Event, reporting: str, diag: str, *, remote: str | None = None, action: str = "failed",
               status: str | None = None, extra: str = "") -> str:
    """The message/delivery-status body (RFC 3464): per-message fields, a blank line, per-recipient fields."""
    if status:
        ev.reported_status = status
    per_message = [f"Reporting-MTA: dns; {reporting}"] + ([extra] if extra else [])
    blocks = []
    for rcpt in ev.recipients:
        block = [f"Final-Recipient: rfc822; {rcpt}", f"Action: {action}", f"Status: {status or ev.status}"]
        if remote:
            block.append(f"Remote-MTA: dns; {remote}")
        if diag:
            block.append(f"Diagnostic-Code: smtp; {diag.replace(ev.rcpt, rcpt)}")
        blocks.append("\n".join(block))
    return "\n".join(per_message) + "\n\n" + "\n\n".join(blocks) + "\n"


def headers(m: Mail, pairs) -> Mail:
    for name, value in pairs:
        if value is not None:
            m.add(name, value)
    return m


def report(ev: Event, rng: random.Random, *, top: list, human: str, fields: str, human_type: str = "text/plain",
           report_type: str = "delivery-status", status_type: str = "message/delivery-status") -> Mail:
    """A multipart/report (RFC 6522) with a human part, a machine part and the original when carried."""
    b = boundary(rng)
    m = headers(Mail(), [*top, ("MIME-Version", "1.0"),
                         ("Content-Type", f'multipart/report; report-type={report_type};\n\tboundary="{b}"')])
    m.body = (f"This is a MIME-encapsulated message.\n\n--{b}\nContent-Type: {human_type}; charset=utf-8\n"
              f"Content-Transfer-Encoding: 8bit\n\n{human}\n\n--{b}\nContent-Type: {status_type}\n\n{fields}\n"
              f"{attachment(ev, b)}--{b}--\n")
    return m


def plain(top: list, body: str, content_type: str = "text/plain; charset=utf-8") -> Mail:
    m = headers(Mail(), [*top, ("MIME-Version", "1.0"), ("Content-Type", content_type),
                         ("Content-Transfer-Encoding", "8bit")])
    m.body = body
    return m


def date(ev: Event, rng: random.Random) -> str:
    return rfc_date(ev.when, rng.choice([0, 0, 1, 2, -5, -4, 9, 10]))


def subject(text: str) -> str:
    return encode_subject(text)


def display(address: str) -> str:
    local = address.split("@")[0]
    return " ".join(p.title() for p in local.replace("_", ".").split(".") if p.isalpha()) or local
