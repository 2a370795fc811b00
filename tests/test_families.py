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

import polars as pl

from toolkit import fingerprint
from toolkit.ingest import ingest
from toolkit.messages import Parsed, normalize_eol
from toolkit.notices import analyse
from toolkit.products import PRODUCTS
from toolkit.sources import RawMessage
from toolkit.verdict import Owner

from helpers import mbox, message
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
    # "Reason: Remote host said: ..." (hosting providers' knowledge-base articles on common delivery errors,
    # kb.indsoft.net a70, and support.rackteam.com a136, which calls these "SmarterMail System Administrator
    # Delivery Failure messages"). The template is SmarterMail's own: it names the product.
    ("smartermail.eml", "bounce", "j.doe@dest.example", "5.2.2", "mailboxfull", "rfc822",
     "Your invoice is ready", "smartermail"),
    # MDaemon's current notice: "The attached message had PERMANENT fatal delivery errors!" / "... removed from
    # the MDaemon mail queue on this server ..." / "YOUR MESSAGE WAS NOT DELIVERED TO ONE OR MORE RECIPIENTS" /
    # "Failed address: <addr>" (quoted in full from a notice received, gitlab.com stavros/Spamnesty issue 100);
    # the message attached. It gives no cause: no status, the reason undetermined.
    ("mdaemon-current.eml", "bounce", "b.lee@dest.example", None, "onhold", "rfc822",
     "Your invoice is ready", "mdaemon"),
    # Exchange Online's NDR as text: "Your message to <addr> couldn't be delivered." / "<local> wasn't found at
    # <domain>." / "More Info for Email Admins" / "Status code: 550 5.1.10" / "Original Message Details" /
    # "Reported error: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; ..." (Microsoft Learn, "Email non-delivery
    # reports and SMTP errors in Exchange Online": what's included in an NDR). No copy: the subject is named.
    ("exchange-online-text.eml", "bounce", "pat.kim@corp.example", "5.1.10", "userunknown", "subject",
     "Your invoice is ready", "exchange"),
    # Zoho Mail: from mailer-daemon@mail.zoho.com in Exim's words ("This message was created automatically by mail
    # delivery software."), each recipient as "<addr> Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 ...", the
    # original's header fields pasted as "Field:value" with no space (Sisimai's Lhost::Zoho and its samples).
    ("zoho.eml", "bounce", "r.silva@dest.example", "5.1.1", "userunknown", "inline", "Your invoice is ready", "zoho"),
    # Gmail's current bounce as text: "** Address not found **" / "Your message wasn't delivered to <addr>
    # because the address couldn't be found, or is unable to receive mail." / "Learn more here:
    # https://support.google.com/mail/?p=NoSuchUser" / "The response from the remote server was:" (quoted
    # verbatim from Gmail notices in public repositories' tests and in a linux-scsi mail), from
    # mailer-daemon@googlemail.com, the original below "----- Original message -----".
    ("gmail-address-not-found.eml", "bounce", "jane.roe@dest.example", "5.1.1", "userunknown", "inline",
     "Your invoice is ready", "gmail"),
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


# Groupware servers name themselves in the Received lines their SMTP service writes (public mailing-list
# archives' headers; SpamAssassin's t/rcvd_parser.t; pyreceived's tests). line, product it names (None: none)
RECEIVED_STAMPS = [
    ("from [192.168.0.106] ([212.37.87.11]) by mail.k.example (Kerio Connect 9.2.12 patch 1) with ESMTPA; "
     "Sat, 9 May 2020 14:41:38 +0200", "kerio"),
    ("from [192.168.0.106] ([212.37.87.11]) by icewarp.k.example (IceWarp 11.2.1.1 RHEL6 x64) with ASMTP (SSL) "
     "id 202001172348481734; Fri, 17 Jan 2020 23:48:48 +0100", "icewarp"),
    ("from PRODWEB02LA by dns03.k.example (Merak 8.0.3) with SMTP id ACM38534; Fri, 19 May 2006 14:50:48 -0700",
     "icewarp"),
    ("from [192.168.0.101] (1.2.3.4) by mx1 (Axigen) with ESMTPA id 0FB2FB; Sat, 28 Dec 2013 16:04:57 +0100",
     "axigen"),
    ("from ul1.k.example (195.234.4.24) by smtp-1.k.example (Mercury/32 v4.52) with ESMTP ID MG005D22; "
     "18 Nov 2021 17:21:19 +0200", "mercury"),
    ("from spooler by localhost (Mercury/32 v4.62); 19 Oct 2020 12:29:03 -0700", "mercury"),
    ("from web01.k.example by list.k.example (MDaemon PRO v9.0.1) with ESMTP id md50000050056.msg; "
     "Mon, 19 Jun 2006 11:50:20 -0400", "mdaemon"),
    ("from [1.2.3.4] by mail.k.example (CommuniGate Pro SMTP 5.2.3) with ESMTPA id 960713191; "
     "Mon, 14 Oct 2013 21:43:21 -0600", "communigate"),
    # the names in prose, or a host named after a product, are no stamp of it
    ("from kerio.k.example (kerio.k.example [1.2.3.4]) by mx.k.example with ESMTP id 1; "
     "Mon, 14 Oct 2013 21:43:21 -0600", None),
    ("from axigen-test.k.example ([1.2.3.4]) by mercury.k.example with SMTP; Mon, 14 Oct 2013 21:43:21 -0600", None),
]


@pytest.mark.parametrize("line,product", RECEIVED_STAMPS, ids=[str(i) for i in range(len(RECEIVED_STAMPS))])
def test_received_stamp_names_the_server(line, product):
    frame = pl.DataFrame({"raw": [line]})
    assert frame.select(fingerprint.from_received(pl.col("raw"))).item() == product
    assert product is None or product in PRODUCTS


def test_a_groupware_stamp_outranks_the_relay_of_its_own_network():
    """Kerio behind a Postfix relay of the same network: the groupware server wrote the notice."""
    lines = ["from mail.k.example (mail.k.example [10.0.0.5]) by relay.k.example (Postfix) with ESMTP id A1",
             "from localhost by mail.k.example (Kerio Connect 10.0.2 patch 1) with ESMTP"]
    ranks = pl.DataFrame({"raw": lines}).select(rank=fingerprint.received_rank(pl.col("raw")))
    best = ranks.select(fingerprint.ranked_mta(pl.col("rank").min()))
    assert best.item() == "kerio"


# A notice whose own words name no product (a plain RFC 3464 DSN, an auto-reply with only RFC 3834's header)
# sent by a groupware server: the product is the stamp in the Received line the server wrote below the hop
# that handed it to the owner's MX. server stamp, kind of notice, product
GROUPWARE_NOTICES = [
    ("Kerio Connect 10.0.2 patch 1", "bounce", "kerio"),
    ("IceWarp 11.3.0.4 RHEL6 x64", "autoreply", "icewarp"),
    ("Axigen", "bounce", "axigen"),
    ("Mercury/32 v4.62", "autoreply", "mercury"),
]


def _groupware_notice(index: int, stamp: str, kind: str) -> str:
    host, ip = f"mail.gw{index}.example", f"185.23.{10 + index}.20"
    head = (f"Received: from {host} ({host} [{ip}]) by mx.example.org (Postfix) with ESMTPS id 4Tv{index}Q; "
            f"Tue, 12 Mar 2024 08:20:0{index} +0000\n"
            f"Received: from localhost (127.0.0.1) by {host} ({stamp}) with ESMTP id {index}A2B; "
            f"Tue, 12 Mar 2024 08:20:0{index} +0000\n")
    if kind == "autoreply":
        return head + message("Re: Your invoice is ready", "I am out of the office until Monday.\n",
                              From=f"Dana Fox <dana@gw{index}.example>", To="owner@example.org",
                              Auto_Submitted="auto-replied", Message_ID=f"<r{index}@{host}>")
    report = (f"Reporting-MTA: dns; {host}\n\nFinal-Recipient: rfc822; sales@gw{index}.example\nAction: failed\n"
              f"Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown user\n")
    return head + (f"Return-Path: <>\nFrom: postmaster@{host}\nTo: owner@example.org\nSubject: Delivery Failure\n"
                   f"Date: Tue, 12 Mar 2024 08:20:00 +0000\nMessage-ID: <n{index}@{host}>\nMIME-Version: 1.0\n"
                   f"Content-Type: multipart/report; report-type=delivery-status; boundary=b{index}\n\n"
                   f"--b{index}\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
                   f"--b{index}\nContent-Type: message/delivery-status\n\n{report}\n--b{index}--\n")


def test_groupware_notice_named_by_its_servers_received_stamp(tmp_path):
    notices = [_groupware_notice(i, stamp, kind) for i, (stamp, kind, _) in enumerate(GROUPWARE_NOTICES)]
    ham = [("Received: from pals.example (pals.example [185.23.9.9]) by mx.example.org (Postfix) with ESMTPS id "
            f"H{i}; Tue, 12 Mar 2024 09:00:00 +0000\n" + message(f"lunch {i}", From="friend@pals.example",
                                                               To="owner@example.org")) for i in range(3)]
    (tmp_path / "Inbox.mbox").write_text(mbox(*notices, *ham))
    ingest([tmp_path / "Inbox.mbox"], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False,
           owner=Owner(addresses=("owner@example.org",), mx=("mx.example.org",)))
    frame = pl.read_parquet(tmp_path / "out" / "messages.parquet").sort("msg_key")
    assert frame.height == len(notices) + len(ham)  # rows out = messages in
    named = frame.filter(pl.col("kind") != "ham").select("kind", "bouncer_software", "from_addr")
    expected = {f"{'dana@gw' if k == 'autoreply' else 'postmaster@mail.gw'}{i}.example": (k, p)
                for i, (_, k, p) in enumerate(GROUPWARE_NOTICES)}
    got = {row["from_addr"]: (row["kind"], row["bouncer_software"]) for row in named.iter_rows(named=True)}
    assert got == expected


def test_a_gateway_named_in_the_inline_original_is_not_the_writer():
    """A qmail bounce quoting, inline, a spam that passed a Mimecast gateway on its way in: the gateway's
    Received stamp "(Mimecast)" is the original's, not the notice's own words. qmail wrote it."""
    text = (SAMPLES / "vpopmail.eml").read_text().replace(
        "Received: (qmail 8807 invoked from network)",
        "Received: from USER-PC (95.192.22.154) by eu-smtp-inbound-2.mimecast.com (Mimecast) with ESMTPS id "
        "38hByfg0; 12 Mar 2024 12:19:56 -0000\nReceived: (qmail 8807 invoked from network)")
    notice = analyse_text(text)
    assert notice.kind == "bounce" and notice.software == "qmail"


# The line where the bouncer's own server received the original (by a host of the bouncer's domain),
# topmost first, and the product the notice is then credited with when its own words name none.
# lines (by-host's registered domain, raw), the bouncer's own domains, product
RECEIPT_STAMPS = [
    ([("farm-nord.co.za", "from mail.example.net ([91.1.2.3]) by srv1.farm-nord.co.za (Mercury/32 v4.80.41) "
                          "with ESMTP id sNtf; Wed, 07 Jan 2026 16:41:09 +0100")], {"farm-nord.co.za"}, "mercury"),
    # a gateway in front wrote its own stamp; the bouncer's own receipt line below names its MTA
    ([("corp.example", "from eu-smtp-inbound-2.mimecast.com (185.58.201.68) by mail.corp.example (Postfix) "
                       "with ESMTPS id 4Tv"),
      ("mimecast.com", "from USER-PC (95.192.22.154) by eu-smtp-inbound-2.mimecast.com (Mimecast) with ESMTPS")],
     {"corp.example"}, "postfix"),
    # only the gateway's line, not the bouncer's: nothing is named
    ([("mimecast.com", "from USER-PC (95.192.22.154) by eu-smtp-inbound-2.mimecast.com (Mimecast) with ESMTPS")],
     {"corp.example"}, None),
    # the bouncer's receipt line bears no stamp: nothing is named, lines further down are other servers'
    ([("corp.example", "from relay.isp.example ([198.51.100.7]) by mx.corp.example with SMTP id 77"),
      ("isp.example", "from pc ([95.1.2.3]) by relay.isp.example (Postfix) with ESMTP id 9")], {"corp.example"}, None),
]


@pytest.mark.parametrize("lines,own,product", RECEIPT_STAMPS, ids=[str(i) for i in range(len(RECEIPT_STAMPS))])
def test_the_bouncers_receipt_stamp_names_it(lines, own, product):
    assert fingerprint.stamped_at_receipt(lines, own) == product


def test_a_notice_naming_nobody_is_credited_to_its_servers_receipt_stamp():
    """A plain bounce from the Mercury/32 server that received the spam: the product is its stamp on the
    original's receipt line."""
    notice = analyse_text(
        "Return-Path: <>\nFrom: postmaster@srv1.farm-nord.example\nTo: owner@example.org\n"
        "Subject: Delivery failure\nDate: Wed, 07 Jan 2026 10:41:47 -0500\nMessage-ID: <1@srv1.farm-nord.example>\n"
        "\nThe message was not delivered to the following address:\n\n   ktkh@farm-nord.example\n\n"
        "Reason: No such user\n\n----- Original message follows -----\n\n"
        "Received: from mail.example.org ([91.168.217.147]) by srv1.farm-nord.example (Mercury/32 v4.80.41) "
        "with ESMTP id sNtf; Wed, 07 Jan 2026 16:41:09 +0100\nMessage-ID: <2@example.org>\n"
        "From: owner@example.org\nTo: ktkh@farm-nord.example\nSubject: payment confirmation\n"
        "Date: Wed, 07 Jan 2026 16:40:29 +0100\n\nPay now\n")
    assert notice.kind == "bounce" and notice.original is not None
    assert notice.software == "mercury"


# DSNs in RFC 3464 form named by the header their writer puts on them (their wording alone is copied by
# other servers): the SMTP service of IIS and Exchange 2000/2003 writes X-DSNContext and, as real ones did,
# its text part in charset unicode-1-1-utf-7 (Python's utf-7); Exchange 2003 writes "X-MimeOLE: Produced By
# Microsoft Exchange V6.5"; Domino "X-MIMETrack: Itemize by SMTP Server on <server>(Release ...)".
REPORT_DSN = """From: postmaster@mail.dest.example
To: owner@example.org
Subject: {subject}
{fields}MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain; charset="{charset}"
Content-Transfer-Encoding: 7bit

{text}

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.dest.example

Final-Recipient: rfc822; nobody@dest.example
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 user unknown

--b1
Content-Type: text/rfc822-headers

From: owner@example.org
To: nobody@dest.example
Subject: Cheap pills 50mg

--b1--
"""
# CommuniGate Pro: "Failed to deliver to '<addr>'" then "<MODULE> module(<queue>) reports:" (its documented
# module(queue)address routing form; the LOCAL form as bounce handlers' rule tables quote it).
COMMUNIGATE_LOCAL = """From: MAILER-DAEMON@dest.example
To: owner@example.org
Subject: Undeliverable mail: Cheap pills 50mg
Message-ID: <receipt-12345678@dest.example>

Failed to deliver to '<nobody@dest.example>'
LOCAL module(account nobody) reports:
 account is full (quota exceeded)
"""


@pytest.mark.parametrize("text,recipient,product", [
    (REPORT_DSN.format(subject="Delivery Status Notification (Failure)", charset="unicode-1-1-utf-7",
                       fields="X-DSNContext: 7ce717b1 - 1386 - 00000002 - 00000000\n",
                       text="This is an automatically generated Delivery Status Notification.\n\nDelivery to the "
                            "following recipients failed.\n\n       nobody+AEA-dest.example"),
     "nobody@dest.example", "mssmtp"),
    (REPORT_DSN.format(subject="Undeliverable: Cheap pills 50mg", charset="iso-8859-1",
                       fields="X-MimeOLE: Produced By Microsoft Exchange V6.5\n",
                       text="Your message did not reach some or all of the intended recipients.\n\nThe following "
                            "recipient(s) could not be reached:\n\n      nobody@dest.example on 1/6/2026 12:04 AM"),
     "nobody@dest.example", "exchange"),
    (REPORT_DSN.format(subject="DELIVERY FAILURE: User nobody not listed in public Name & Address Book", charset="us-ascii",
                       fields="X-MIMETrack: Itemize by SMTP Server on MAIL01/DEST(Release 9.0.1FP10|January 8, 2026)"
                              " at 08/01/2026 23:01:51\n",
                       text="Your message\n\n  Subject: Cheap pills 50mg\n\nwas not delivered to:\n\n  "
                            "nobody@dest.example\n\nbecause:\n\n  550 5.1.1 user unknown"),
     "nobody@dest.example", "domino"),
    (COMMUNIGATE_LOCAL, "nobody@dest.example", "communigate"),
], ids=["iis-smtp-utf7", "exchange2003-report", "domino-report", "communigate-local"])
def test_a_dsns_writer_is_named_by_its_own_mark(text, recipient, product):
    notice = analyse_text(text)
    assert notice.kind == "bounce"
    assert [d.recipient for d in notice.deliveries] == [recipient]
    assert notice.software == product


def test_a_unicode_1_1_utf_7_text_part_is_decoded():
    from email import message_from_string
    from toolkit.dsn import Context
    text = REPORT_DSN.format(subject="Delivery Status Notification (Failure)", charset="unicode-1-1-utf-7", fields="",
                             text="Delivery to the following recipients failed.\n\n       nobody+AEA-dest.example")
    assert "nobody@dest.example" in Context.of(message_from_string(text)).text
