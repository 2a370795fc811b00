"""Reports about mail that used the owner's domain: DMARC failure reports (RFC 6591, to the ruf address)
and abuse complaints in ARF (RFC 5965) sent to abuse@ of the domain the spam claimed to be from."""
from __future__ import annotations

import random
from datetime import datetime

from .bounces import Notice
from .servers import Server
from .spam import Spam
from .world import rfc2822, token

PRODUCT = {"opendmarc": "opendmarc", "dmarc-provider": None, "arf-fbl": "arf", "arf-reporter": "arf"}


def report(rng: random.Random, style: str, server: Server, spam: Spam, when: datetime, owner_domain: str) -> Notice:
    b = f"{token(rng, 20, '0123456789ABCDEF')}.{rng.randint(1000, 9999)}/{server.host}"
    if style in ("opendmarc", "dmarc-provider"):
        agent = "OpenDMARC-Filter/1.4.2" if style == "opendmarc" else "DMARC-Failure-Reporter/1.0"
        text = f"This is an authentication failure report for an email message received from IP\n{spam.origin_ip} on {rfc2822(spam.sent)}.\n"
        fb = (f"Feedback-Type: auth-failure\nVersion: 1\nUser-Agent: {agent}\nAuth-Failure: dmarc\n"
              f"Authentication-Results: {server.host}; dmarc=fail (p=quarantine dis=none) header.from={owner_domain}\n"
              f"Original-Envelope-Id: {token(rng, 12)}\nOriginal-Mail-From: {spam.from_addr}\nSource-IP: {spam.relay_ip or spam.origin_ip}\n"
              f"Reported-Domain: {owner_domain}\n")
        subject = f"FW: {spam.subject}" if style == "opendmarc" else f"DMARC Failure Report for {owner_domain} - {token(rng, 8, '0123456789')}"
        frm = f"{'OpenDMARC Filter' if style == 'opendmarc' else 'DMARC Reports'} <{'opendmarc' if style == 'opendmarc' else 'noreply-dmarc'}@{server.host if style == 'opendmarc' else server.domain}>"
    else:
        text = (f"This is an email abuse report for an email message received from IP {spam.relay_ip or spam.origin_ip} on {rfc2822(spam.sent)}.\n"
                "For more information about this format please see http://tools.ietf.org/html/rfc5965.\n")
        fb = (f"Feedback-Type: abuse\nUser-Agent: {'ReturnPathFBL/2.0' if style == 'arf-fbl' else 'SpamReporter/3.1'}\nVersion: 1\n"
              f"Original-Mail-From: <{spam.from_addr}>\nOriginal-Rcpt-To: <{spam.target}>\nArrival-Date: {rfc2822(spam.sent)}\n"
              f"Reporting-MTA: dns; {server.host}\nSource-IP: {spam.relay_ip or spam.origin_ip}\nReported-Domain: {owner_domain}\n")
        subject = f"Abuse report: {spam.subject}" if style == "arf-reporter" else "complaint about message from " + (spam.relay_ip or spam.origin_ip)
        frm = f"Feedback Loop <fbl@{server.domain}>" if style == "arf-fbl" else f"Abuse Desk <abuse@{server.domain}>"
    body = (f"This is a multi-part message in MIME format.\n\n--{b}\nContent-Type: text/plain; charset=us-ascii\n\n{text}\n"
            f"--{b}\nContent-Type: message/feedback-report\n\n{fb}\n--{b}\nContent-Type: text/rfc822-headers\n\n{spam.headers}\n--{b}--\n")
    return Notice(frm, subject, f"multipart/report; report-type=feedback-report;\n\tboundary=\"{b}\"", body, style, "feedback", None,
                  spam.target, "headers", auto_submitted=False)
