"""Feedback about mail that used the owner's domain: DMARC failure reports (RFC 6591) and ARF complaints (RFC 5965)."""
from __future__ import annotations

import random

from ..mail import Mail, rfc_date, token
from . import cast
from .event import Event, date, report, subject


def dmarc_failure(ev: Event, rng: random.Random) -> Mail:
    """An OpenDMARC failure report (afrf) sent to the domain's ruf= address."""
    b = ev.bouncer
    human = (f"This is an authentication failure report for an email message received from IP\n{ev.origin_ip} on "
             f"{rfc_date(ev.when)}.\n")
    fields = (f"Feedback-Type: auth-failure\nVersion: 1\nUser-Agent: OpenDMARC-Filter/1.4.2\nAuth-Failure: dmarc\n"
              f"Authentication-Results: {b.mx_host}; dmarc=fail (p=reject dis=none) header.from={cast.OWNER_DOMAIN}\n"
              f"Original-Envelope-Id: {token(rng, 11, '0123456789ABCDEF')}\nOriginal-Mail-From: {ev.original.get('From')}\n"
              f"Source-IP: {ev.origin_ip} ({ev.origin_ip})\nReported-Domain: {cast.OWNER_DOMAIN}\n"
              f"Arrival-Date: {rfc_date(ev.when)}\nDelivery-Result: reject\n")
    ev.include = "headers"
    return report(ev, rng, top=[("From", f"OpenDMARC Filter <opendmarc@{b.out_host}>"), ("To", ev.notify_to),
                                ("Subject", subject(f"FW: {ev.orig_subject}")), ("Date", date(ev, rng)),
                                ("Message-ID", f"<{token(rng, 16)}.opendmarc@{b.out_host}>")],
                  human=human, fields=fields, report_type="feedback-report", status_type="message/feedback-report")


def arf_complaint(ev: Event, rng: random.Random) -> Mail:
    """An abuse complaint in ARF, sent to the abuse address of the domain in From."""
    b = ev.bouncer
    human = (f"This is an email abuse report for an email message received from IP {ev.origin_ip} on "
             f"{rfc_date(ev.when)}.\nFor more information about this format please see "
             "http://www.mipassoc.org/arf/.\n")
    fields = (f"Feedback-Type: abuse\nUser-Agent: {b.org.replace(' ', '')}-FBL/1.0\nVersion: 1\n"
              f"Original-Mail-From: <{ev.original.get('From')}>\nOriginal-Rcpt-To: <{ev.rcpt}>\n"
              f"Arrival-Date: {rfc_date(ev.when)}\nReporting-MTA: dns; {b.out_host}\nSource-IP: {ev.origin_ip}\n"
              f"Reported-Domain: {cast.OWNER_DOMAIN}\n")
    ev.include = "rfc822"
    return report(ev, rng, top=[("From", f"abuse-report@{b.domain}"), ("To", ev.notify_to),
                                ("Subject", subject(f"Abuse report: {ev.orig_subject}")), ("Date", date(ev, rng)),
                                ("Message-ID", f"<arf.{token(rng, 16)}@{b.domain}>")],
                  human=human, fields=fields, report_type="feedback-report", status_type="message/feedback-report")
