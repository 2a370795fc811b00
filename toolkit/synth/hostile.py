"""Hostile messages for the regression tests and benchmarks/redos.py: a spammer controls a
notification's bytes, so every shape of message (ham, plain bounce, DSN) carries a long run of one
character where the text patterns read (the notice, a diagnostic, the returned original, a header).
"""
from __future__ import annotations

_HEAD = ("From: {sender}\nTo: owner@example.net\nSubject: {subject}\nDate: Tue, 05 Mar 2024 10:00:00 +0100\n"
         "Message-ID: <hostile.1@example.org>\nReturn-Path: {return_path}\n")
_DAEMON = dict(sender="MAILER-DAEMON@mx.example.com (Mail Delivery System)", return_path="<>")


def ham(run: str) -> str:
    """A person's mail whose body is the run."""
    head = _HEAD.format(sender="Alice <alice@example.org>", subject="hello", return_path="<alice@example.org>")
    return f"{head}\nHi,\n{run}\nAlice\n"


def bounce(run: str) -> str:
    """A Postfix-style plain-text bounce with the run in the diagnostic, the notice (on its own, and
    between a keyword and an address) and the original."""
    head = _HEAD.format(subject="Undelivered Mail Returned to Sender", **_DAEMON)
    return (f"{head}\nThis is the mail system at host mx.example.com.\n\n"
            f"I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
            f"<user@example.com>: host mx.example.com said: 550 5.1.1 {run} User unknown\n\n{run}\n"
            f"Delivery failed {run}; last reply from mx.example.com for <user@example.com>: 550\n\n"
            f"--- Below this line is a copy of the message.\n\n"
            f"From: owner@example.net\nTo: user@example.com\nSubject: hi\n\n{run}\n")


def dsn(run: str) -> str:
    """A multipart/report DSN with the run in every part and in the original's Received line."""
    head = _HEAD.format(subject="Delivery Status Notification (Failure)", **_DAEMON)
    b = "hostile-boundary"
    return (f'{head}MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="{b}"\n\n'
            f"--{b}\nContent-Type: text/plain\n\nDelivery to user@example.com failed.\n{run}\n\n"
            f"--{b}\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com {run}\n\n"
            f"Final-Recipient: rfc822; user@example.com\nAction: failed\nStatus: 5.1.1\n"
            f"Diagnostic-Code: smtp; 550 {run} no such user\n\n"
            f"--{b}\nContent-Type: message/rfc822\n\nFrom: owner@example.net\nTo: user@example.com\n"
            f"Received: from x {run} by y; Tue, 05 Mar 2024 10:00:00 +0100\nSubject: hi\n\n{run}\n--{b}--\n")


def html(run: str) -> str:
    """A bounce whose only text is HTML, the run inside it."""
    head = _HEAD.format(subject="Undeliverable: hi", **_DAEMON)
    return f"{head}Content-Type: text/html\n\n<p>Delivery to user@example.com failed.</p><p>{run}</p>\n"


SHAPES = {"ham": ham, "bounce": bounce, "dsn": dsn, "html": html}
# The characters a spammer would repeat: rulers, blanks, address and markup punctuation, line breaks.
RUN_UNITS = ("-", " ", "\t", "=", "*", ".", "a", "<", "@", "0", "\n", " \n", "\r\n", "a@", "a.", "{", "}")


def run_of(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]
