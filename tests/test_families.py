"""Table-driven: notices of MTA families that the shared corpora do not hold.

Each sample in tests/samples/families/ is written for these tests around the wording its
product documents (the source is named beside each row); the addresses, hosts and
originals are invented. A row gives what the analysis must yield: the kind, the failed
recipient, its status and reason, how the original came back and its subject (so that
backscatter verdicts and spam-run clustering see it), and the product that wrote it.
"""
from __future__ import annotations

from email.parser import BytesParser
from email.policy import compat32
from pathlib import Path

import pytest

from toolkit.messages import Parsed, normalize_eol
from toolkit.notices import analyse
from toolkit.sources import RawMessage

from test_kinds import analyse_text

SAMPLES = Path(__file__).parent / "samples" / "families"

# sample, kind, recipient, status, reason, orig_source, orig_subject, product
CASES = [
    # hMailServer: its default SEND_FAILED_NOTIFICATION server message ("Your message did not reach some or
    # all of the intended recipients." / "Sent:" / "Subject:" / "The following recipient(s) could not be
    # reached:" / signed "hMailServer"), subject "Message undeliverable: <subject>", and the per-recipient
    # "Error Type: SMTP / Remote server (<ip>) issued an error. / hMailServer sent: / Remote server replied:"
    # lines (hmailserver/hmailserver on GitHub: server messages, SMTPClientConnection.cpp). No copy attached.
    ("hmailserver.eml", "bounce", "sales.dept@dest.example", "5.1.1", "userunknown", "subject",
     "Cheap watches 80% off", "hmailserver"),
    # hMailServer's newer builds send the same text as the first part of a multipart/report, with a
    # message/delivery-status part and the original's headers as text/rfc822-headers (hmailserver forks on
    # GitHub: SMTPDeliverer::SubmitErrorLog_).
    ("hmailserver-report.eml", "bounce", "office@dest2.example", "5.7.1", "norelaying", "headers",
     "Cheap watches 80% off", "hmailserver"),
    # SmarterMail: "Could not deliver message to the following recipient(s):" / "Failed Recipient:" /
    # "Reason: Remote host said: ..." (a hosting provider's SmarterMail knowledge-base article on common
    # delivery errors, kb.indsoft.net a70). The product names itself nowhere in it: no product expected.
    ("smartermail.eml", "bounce", "j.doe@dest.example", "5.2.2", "mailboxfull", "rfc822",
     "Your invoice is ready", None),
    # MailEnable: "MailEnable: Message Delivery Failure." / "Reason: ME-E0193: [...MAI] Message Delivery
    # Failure." / "Your message addressed to the target domain (<domain>) could not be delivered because
    # the mail server responsible for this domain returned a permanent error." / "The server returned:"
    # (MailEnable knowledge base ME020517). It names the domain only: the recipient is the returned copy's To.
    ("mailenable.eml", "bounce", "buyer@dest.example", None, "badreputation", "rfc822",
     "Replica bags sale", "mailenable"),
    # CommuniGate Pro: "Failed to deliver to '<addr>'" / "SMTP module(domain <domain>) reports:" then the
    # remote host's reply; the module(queue) form is its documented routing notation (CommuniGate Pro
    # Guide, "Transfer": "module(queue)address").
    ("communigate.eml", "bounce", "v.petrov@dest.example", "5.1.1", "userunknown", "rfc822",
     "Your parcel is waiting", "communigate"),
    # Microsoft Exchange 2013/2016 on-premises NDR: "Delivery has failed to these recipients or groups:",
    # "Diagnostic information for administrators:", "Generating server:", "#550 5.1.1
    # RESOLVER.ADR.RecipNotFound; not found ##", "Original message headers:", sent by the Microsoft
    # Exchange recipient with X-MS-Exchange-Message-Is-Ndr (Microsoft Learn, "Email non-delivery reports
    # and SMTP errors in Exchange" / "DSNs and NDRs in Exchange Server"). The original's headers come back
    # as text/rfc822-headers.
    ("exchange2013.eml", "bounce", "pat.kim@corp.example", "5.1.1", "userunknown", "headers",
     "Re: your Xanax order", "exchange"),
    # Exchange 2010 as text only: the recipient as "Display Name (address)", the headers inline after
    # "Original message headers:" (same Microsoft documentation).
    ("exchange2010-text.eml", "bounce", "lena.fischer@corp2.example", "5.1.1", "userunknown", "inline",
     "Your account will be suspended", "exchange"),
    # Cisco IronPort / Secure Email (AsyncOS): an RFC 1894/3464 DSN with the original, or only its headers
    # when it is over 10k (AsyncOS user guide, "Delivery Status Notification Format"); its bounce reasons
    # are written "<status> - <description>", "5.1.0 - Unknown address error" (AsyncOS user guide, bounce
    # log examples).
    ("ironport.eml", "bounce", "r.lee@dest.example", "5.1.1", "userunknown", "headers",
     "Bitcoin doubler - last chance", "ironport"),
    ("ironport-unknown.eml", "bounce", "t.nguyen@dest.example", "5.1.0", "userunknown", "rfc822",
     "Bitcoin doubler - last chance", "ironport"),
    # the same explanation in a plain notice, the headers pasted after it
    ("ironport-plain.eml", "bounce", "m.ortiz@dest.example", "5.1.0", "userunknown", "inline",
     "Bitcoin doubler - last chance", "ironport"),
    # qmail with vpopmail: "Sorry, no mailbox here by that name. vpopmail (#5.1.1)" (vpopmail's
    # vdelivermail.c, the bounce-all branch) under qmail-send's QSBMF notice (draft-bernstein-qsbmf).
    ("vpopmail.eml", "bounce", "info@vp.example", "5.1.1", "userunknown", "inline",
     "Lose 10kg in a week", "qmail"),
    # Exim under cPanel: Exim's own notice and DSN with cPanel's "550 No Such User Here" refusal (cPanel's
    # Exim configuration; listed among cPanel hosts' documented 550 responses).
    ("cpanel-exim.eml", "bounce", "billing@shop.example", None, "userunknown", "rfc822",
     "Overdue invoice #4471", "exim"),
    # Lotus Domino R5: "DELIVERY FAILURE: User <u> (<addr>) not listed in public Name & Address Book",
    # "Your document: <subject> / was not delivered to: / because:" (IBM technote 1100477 quotes such a
    # Delivery Failure Report). No copy: the subject after "Your document:" names the original.
    ("domino-old.eml", "bounce", "kmueller@dom.example", None, "userunknown", "subject",
     "Cheap Rolex replicas", "domino"),
    # Haraka: its bounce template "Hi. This is the Haraka Mailer program at {me}." / "Intended Recipients:" /
    # "Failure Reason:", Received "(Haraka {pid} invoked for bounce)", subject "failure notice"
    # (haraka/Haraka: config/outbound.bounce_message), sent as a multipart/report with a
    # message/delivery-status part and the original's headers as text/rfc822-headers (outbound/hmail.js).
    ("haraka.eml", "bounce", "d.brown@dest3.example", "5.1.1", "userunknown", "headers",
     "Claim your prize", "haraka"),
    # Forcepoint (Websense) Email Security, a Postfix-based gateway: "This message is from the Forcepoint
    # email protection system, Forcepoint Email Security at host <host>." / "The attached email could not
    # be delivered to one or more recipients." (quoted on the linux-kernel list, 2019-10-29, from a
    # notice a contributor received), Postfix's DSN parts after it.
    ("forcepoint.eml", "bounce", "w.zhang@partner.example", "5.1.1", "userunknown", "rfc822",
     "Payment confirmation required", "forcepoint"),
    # Oracle Communications (Sun Java System) Messaging Server: "This report relates to a message you sent
    # with the following header fields:", "Your message cannot be delivered to the following recipients:",
    # "Recipient address:", "Reason:", "Diagnostic code:", "Remote system:" (its NOTARY report form).
    ("messagingserver-text.eml", "bounce", "a.kowalski@ms.ora.example", "5.1.1", "userunknown", "headers",
     "Cheap pills 50mg", "messagingserver"),
]


def analysed(name: str):
    data = (SAMPLES / name).read_bytes()
    msg = BytesParser(policy=compat32).parsebytes(normalize_eol(data))
    return analyse(Parsed("k", "/s", "eml", RawMessage(name, data), msg))


@pytest.mark.parametrize("sample,kind,recipient,status,reason,source,subject,product", CASES,
                         ids=[c[0] for c in CASES])
def test_family_sample_yields_its_fields(sample, kind, recipient, status, reason, source, subject, product):
    notice = analysed(sample)
    assert notice.kind == kind
    assert [d.recipient for d in notice.deliveries] == [recipient]
    first = notice.deliveries[0]
    if status is not None:
        assert first.status == status
    assert first.reason == reason
    assert notice.original["orig_source"] == source
    assert notice.original["orig_subject"] == subject
    assert notice.software == product


@pytest.mark.parametrize("sample", [c[0] for c in CASES if c[5] in ("rfc822", "headers", "inline")])
def test_the_returned_original_leads_to_the_spammer(sample):
    """Every copy that comes back carries the spam's first Received line: the origin trace reads it."""
    assert analysed(sample).original["origin_ip"] == "185.23.1.77"


def _without(sample: str, field: str) -> str:
    """The sample as text with one header field left out."""
    lines = (SAMPLES / sample).read_text().split("\n")
    return "\n".join(line for line in lines if not line.lower().startswith(field.lower() + ":"))


def test_exchange_ndr_without_null_return_path_is_still_a_bounce():
    """An export may lose the envelope's Return-Path: <>. The Microsoft Exchange recipient that sends
    Exchange's NDRs (MicrosoftExchange<32 hex digits>@domain) is a mail system all the same."""
    notice = analyse_text(_without("exchange2010-text.eml", "Return-Path"))
    assert notice.kind == "bounce" and [d.recipient for d in notice.deliveries] == ["lena.fischer@corp2.example"]


def test_a_person_named_like_exchange_is_no_mail_system():
    text = ("From: Microsoft Exchange fan <microsoftexchangefan@example.net>\nTo: owner@example.org\n"
            "Subject: Undeliverable: lunch\n\nHa, your lunch invitation was undeliverable to my stomach.\n")
    assert analyse_text(text).kind == "ham"


# Domino R5 writes the subject on the line after "Your document:" (IBM technote 1100477).
DOMINO_R5_NEXT_LINE = """Return-Path: <>
From: Postmaster@dom.example
To: owner@example.org
Subject: DELIVERY FAILURE: User jdoe (jdoe@dom.example) not listed in public Name & Address Book

Delivery Failure Report

Your document:

   Replica watches

was not delivered to:

   jdoe@dom.example

because:

   User jdoe (jdoe@dom.example) not listed in public Name & Address Book
"""


def test_domino_r5_subject_on_the_next_line():
    notice = analyse_text(DOMINO_R5_NEXT_LINE)
    assert notice.kind == "bounce" and [d.recipient for d in notice.deliveries] == ["jdoe@dom.example"]
    assert notice.original["orig_source"] == "subject" and notice.original["orig_subject"] == "Replica watches"


def test_a_product_named_in_the_quoted_original_is_not_the_writer():
    """A qmail bounce quoting an original that an hMailServer, a MailEnable and a Haraka relayed names
    qmail: the products' marks are phrases of their own notices, not their names in Received lines."""
    text = (SAMPLES / "vpopmail.eml").read_text().replace(
        "Received: (qmail 8807 invoked from network)",
        "Received: from relay1 by relay2 (hMailServer) with ESMTP; 12 Mar 2024 12:19:58 -0000\n"
        "Received: from relay0 by relay1 (MailEnable) with ESMTP; 12 Mar 2024 12:19:57 -0000\n"
        "Received: from pc by relay0 (Haraka/3.0.3) with ESMTP; 12 Mar 2024 12:19:56 -0000\n"
        "Received: (qmail 8807 invoked from network)")
    notice = analyse_text(text)
    assert notice.kind == "bounce" and notice.software == "qmail"
