"""Score the bounce reader on the two other shared corpora of real mail.

    python benchmarks/corpora.py [--shared ../shared/corpora] [--show 20]

- crisp-email-bounce-parser: 109 real bounce BODIES (no header). Each is wrapped in
  a minimal message of our own (a MAILER-DAEMON From, a "Undelivered Mail" Subject,
  text/plain), as the corpus README suggests, then analysed like any message.
- bounce_email: 42 whole real messages, with is_bounce and some statuses from the
  gem's tests, and recipients from PHPMailer-BMH's tests as a second opinion.

Per corpus: bounce detection, recipient recall (every expected address among the
deliveries) and agreement (first delivery = first expected), status agreement, and
reason against the loose category mapping of each README. Every figure is measured
by running the toolkit; nothing is tuned per file.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from toolkit import messages, notices
from toolkit.sources import RawMessage

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared" / "corpora"
CRISP = "crisp-email-bounce-parser"
BOUNCE_EMAIL = "bounce_email"

# Our own envelope for a body-only bounce (the corpus README's suggestion); nothing of the corpus in it.
WRAPPER = (b"From: MAILER-DAEMON@mailer.wrapper.invalid (Mail Delivery System)\n"
           b"To: sender@wrapper.invalid\n"
           b"Subject: Undelivered Mail Returned to Sender\n"
           b"MIME-Version: 1.0\n"
           b"Content-Type: text/plain; charset=utf-8\n"
           b"Content-Transfer-Encoding: 8bit\n\n")

# The READMEs' loose mapping of each project's category word to Sisimai reasons.
CRISP_REASONS = {
    "no_such_recipient": {"userunknown", "rejected", "filtered"},
    "mailbox_full": {"mailboxfull"},
    "mailbox_over_quota": {"mailboxfull"},
    "spam_content": {"spamdetected", "blocked", "badreputation"},
    "ip_blocked_spam": {"blocked", "speeding", "ratelimited", "spamdetected"},
    "reputation": {"badreputation", "blocked"},
    "authentication_failure": {"authfailure"},
    "recipient_disabled_or_recipient_rate_limited": {"suspend", "userunknown"},
    "action_not_taken_mailbox_rate_limited": {"speeding", "ratelimited", "toomanyconn"},
    "server_timeout": {"networkerror", "expired"},
    "server_unknown": {"hostunknown"},
}
BMH_REASONS = {
    "unknown": {"userunknown"},
    "full": {"mailboxfull"},
    "dns_unknown": {"hostunknown"},
    "dns_loop": {"networkerror"},
    "content_reject": {"rejected", "notcompliantrfc"},
    "antispam": {"blocked", "spamdetected"},
    "delayed": {"expired"},
}
# A delay notice is a notification the gem counts as a bounce; an auto-reply is not.
BOUNCE_KINDS = ("bounce",)


@dataclass
class Row:
    file: str
    kind: str
    recipients: list[str]
    statuses: list[str | None]
    reasons: list[str | None]
    fmt: str | None


def analyse_bytes(name: str, data: bytes) -> Row:
    """One message through the same parse and analysis as ingest."""
    parsed = messages.parse(RawMessage(name, data), "corpus", "eml")
    notice = notices.analyse(parsed)
    return Row(name, notice.kind, [(d.recipient or "").lower() for d in notice.deliveries],
               [d.status for d in notice.deliveries], [d.reason for d in notice.deliveries],
               notice.bounce.format if notice.bounce else None)


def _expected(path: Path) -> dict[str, dict]:
    return {r["file"]: r for r in map(json.loads, path.read_text().splitlines()) if r}


def measure(corpus: Path, expected: dict[str, dict], wrap: bool, category_reasons: dict[str, set[str]],
            bmh: dict[str, dict] | None = None) -> pl.DataFrame:
    """One row per expected file: what we found next to what the corpus expects."""
    rows = []
    for name, want in sorted(expected.items()):
        data = (corpus / "messages" / name).read_bytes()
        got = analyse_bytes(name, WRAPPER + data if wrap else data)
        second = (bmh or {}).get(name, {})
        x_recipients = want.get("recipients") or second.get("recipients") or []
        category = want.get("category") if wrap else second.get("category")
        rows.append({
            "file": name, "x_bounce": want.get("is_bounce"), "bounce": got.kind in BOUNCE_KINDS,
            "kind": got.kind, "format": got.fmt,
            "x_recipient": x_recipients[0] if x_recipients else None,
            "recipient": got.recipients[0] if got.recipients else None,
            "recall": all(r in got.recipients for r in x_recipients) if x_recipients else None,
            "x_status": want.get("status"), "status": _status_for(got, x_recipients),
            "category": category, "reason": _reason_for(got, x_recipients),
            "reason_ok": (_reason_for(got, x_recipients) in category_reasons[category])
            if category in category_reasons else None,
        })
    return pl.DataFrame(rows, infer_schema_length=None)


def _index(got: Row, x_recipients: list[str]) -> int | None:
    """The delivery of the expected recipient, else the first."""
    if not got.recipients:
        return None
    for r in x_recipients:
        if r in got.recipients:
            return got.recipients.index(r)
    return 0


def _status_for(got: Row, x_recipients: list[str]) -> str | None:
    i = _index(got, x_recipients)
    return None if i is None else got.statuses[i]


def _reason_for(got: Row, x_recipients: list[str]) -> str | None:
    i = _index(got, x_recipients)
    return None if i is None else got.reasons[i]


def scores(frame: pl.DataFrame) -> dict[str, tuple[float, int]]:
    """(rate, judged rows) per measure; a measure no row judges is left out."""
    out = {}
    bounce = frame.filter(pl.col("x_bounce").is_not_null())
    if bounce.height:
        out["detection"] = (float((bounce["bounce"] == bounce["x_bounce"]).mean()), bounce.height)
    for name, column, judged in (
            ("recipient recall", "recall", pl.col("recall").is_not_null()),
            ("recipient agreement", None, pl.col("x_recipient").is_not_null()),
            ("status agreement", None, pl.col("x_status").is_not_null()),
            ("reason vs category", "reason_ok", pl.col("reason_ok").is_not_null())):
        part = frame.filter(judged)
        if not part.height:
            continue
        if column is None:
            field = "recipient" if name.startswith("recipient") else "status"
            ok = (part[field] == part[f"x_{field}"]).fill_null(False)
        else:
            ok = part[column]
        out[name] = (float(ok.mean()), part.height)
    return out


def crisp(shared: Path) -> pl.DataFrame:
    corpus = shared / CRISP
    return measure(corpus, _expected(corpus / "expected.jsonl"), True, CRISP_REASONS)


def bounce_email(shared: Path) -> pl.DataFrame:
    corpus = shared / BOUNCE_EMAIL
    return measure(corpus, _expected(corpus / "expected.jsonl"), False, BMH_REASONS,
                   _expected(corpus / "expected-phpmailer-bmh.jsonl"))


def report(name: str, frame: pl.DataFrame, show: int) -> None:
    print(f"{name}: {frame.height} messages")
    for measure_name, (value, n) in scores(frame).items():
        print(f"  {measure_name:20s} {value:.1%} of {n}")
    wrong = frame.filter((pl.col("bounce") != pl.col("x_bounce")).fill_null(False)
                         | (pl.col("recall") == False)  # noqa: E712 (a Polars expression)
                         | (pl.col("status") != pl.col("x_status")).fill_null(False)
                         | (pl.col("reason_ok") == False))  # noqa: E712
    if wrong.height and show:
        print("  disagreeing rows:")
        print(wrong.select("file", "kind", "format", "recipient", "x_recipient", "status", "x_status", "reason",
                           "category").head(show))


def main(shared: Path = DEFAULT_SHARED, show: int = 20) -> int:
    for name, run in ((CRISP, crisp), (BOUNCE_EMAIL, bounce_email)):
        if not (shared / name).is_dir():
            print(f"{name}: absent (looked in {shared})")
            continue
        report(name, run(shared), show)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--show", type=int, default=20, help="disagreeing rows to print per corpus")
    args = parser.parse_args()
    pl.Config.set_tbl_rows(args.show)
    pl.Config.set_fmt_str_lengths(50)
    pl.Config.set_tbl_width_chars(220)
    sys.exit(main(args.shared, args.show))
