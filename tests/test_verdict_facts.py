"""The verdict's facts (issue 11) on mail written the way its real senders write it.

The owner has a vanity domain forwarded by an SRS forwarder into Gmail and exports a Google Takeout
mbox: every inbox message carries Gmail's own headers (X-GM-THRID, X-Gmail-Labels, Delivered-To the
Gmail address, Gmail's Received/ARC/Authentication-Results) above the forwarder's Received line, and
an envelope sender the forwarder rewrote with SRS (`SRS0=hash=tt=domain=user@forwarder`; a null
sender stays null). Each case is run end to end through `ingest` with an owner and a Sent folder,
and names the document its form comes from. Forms are written from the documents, never copied.
"""
from __future__ import annotations

import base64
import gzip
import io
import zipfile

import polars as pl
import pytest

from toolkit.ingest import ingest
from toolkit.verdict import Owner

ME = "alex@quillfeather.example"          # the vanity address
GMAIL = "alex.quill@gmail.com"            # the Gmail mailbox the forwarder delivers into
FORWARDER = "fwd.relaymail.example"       # the SRS forwarder's host
OWNER = Owner(addresses=(ME,))
DAY = "Tue, 05 Mar 2024"


def _srs(sender: str) -> str:
    """The forwarder's SRS0 rewrite of an envelope sender (Shevek's SRS: SRS0=HHH=TT=domain=local)."""
    if not sender:
        return ""
    local, domain = sender.split("@")
    return f"SRS0=Hx4q=KT={domain}={local}@{FORWARDER}"


def takeout(message: str, sender: str = "", rcpt: str = ME, labels: str = "Inbox,Unread",
            time: str = "10:13:05") -> str:
    """One message as a Google Takeout mbox holds it after the forwarder handed it to Gmail."""
    envelope = _srs(sender)
    return (f"From 1792044102230493847@xxx {DAY[:3]} Mar 05 {time} +0000 2024\n"
            "X-GM-THRID: 1792044102230493847\n"
            f"X-Gmail-Labels: {labels}\n"
            f"Delivered-To: {GMAIL}\n"
            "Received: by 2002:a05:6a10:8e4b:b0:5a1:2c3d:4e5f with SMTP id k11csp1234567pxb;\n"
            f"        {DAY} {time} -0800 (PST)\n"
            "ARC-Seal: i=2; a=rsa-sha256; t=1709633585; cv=pass; d=google.com; s=arc-20160816; b=Zm9v\n"
            "ARC-Message-Signature: i=2; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20160816;\n"
            "        h=to:subject:message-id:date:from:mime-version; bh=YmFy; b=YmF6\n"
            "ARC-Authentication-Results: i=2; mx.google.com;\n"
            f"       spf=pass (google.com: domain of {envelope or 'postmaster@' + FORWARDER} designates"
            " 203.0.113.9 as permitted sender)\n"
            f"Return-Path: <{envelope}>\n"
            f"Received: from mx1.relaymail.example (mx1.relaymail.example. [203.0.113.9])\n"
            f"        by mx.google.com with ESMTPS id a1-20020a05600c000100b0041234567sor123456wmb.5\n"
            f"        for <{GMAIL}>\n"
            "        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\n"
            f"        {DAY} {time} -0800 (PST)\n"
            "Received-SPF: pass (google.com: domain of designates 203.0.113.9 as permitted sender)"
            " client-ip=203.0.113.9;\n"
            "Authentication-Results: mx.google.com;\n"
            f"       arc=pass (i=1 spf=pass spfdomain={FORWARDER});\n"
            f"       spf=pass (google.com: domain of {envelope or 'postmaster@' + FORWARDER} designates"
            " 203.0.113.9 as permitted sender)\n"
            f"Received: from out.sender.example (out.sender.example [198.51.100.7])\n"
            f"        by {FORWARDER} (Haraka/3.0.2) with ESMTPS id 4F2A1B3C-8D7E\n"
            f"        envelope-from <{sender}>; {DAY} {time} +0000\n"
            f"X-Original-To: {rcpt}\n"
            f"{message.rstrip()}\n\n")


def sent(*messages: tuple[str, str, str, str]) -> str:
    """The owner's Sent mail, (to, date, Message-ID, subject) each, as Gmail's "Send mail as" the
    vanity address writes it (Takeout labels it Sent; Message-IDs @mail.gmail.com)."""
    out = []
    for to, date, mid, subject in messages:
        out.append(f"From 1792044102230400000@xxx Mon Mar 04 09:00:00 +0000 2024\n"
                   "X-GM-THRID: 1792044102230400000\nX-Gmail-Labels: Sent\n"
                   f"MIME-Version: 1.0\nDate: {date}\nMessage-ID: <{mid}>\nSubject: {subject}\n"
                   f"From: Alex Quill <{ME}>\nTo: {to}\nContent-Type: text/plain; charset=\"UTF-8\"\n\n"
                   "Hi, see you then.\nAlex\n\n")
    return "".join(out)


NOBODY = sent(("someone@elsewhere.example", "Sat, 02 Mar 2024 09:00:00 +0000", "CAx0-nobody@mail.gmail.com",
               "lunch"))


def run(tmp_path, inbox: str, sent_box: str, owner: Owner = OWNER) -> dict:
    (tmp_path / "Takeout").mkdir()
    (tmp_path / "Takeout" / "Inbox.mbox").write_text(inbox)
    (tmp_path / "Takeout" / "Sent.mbox").write_text(sent_box)
    ingest([tmp_path / "Takeout"], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False, owner=owner)
    frame = pl.read_parquet(tmp_path / "out" / "messages.parquet")
    assert frame.height == inbox.count("\nX-GM-THRID") + inbox.startswith("X-GM") + sent_box.count("X-GM-THRID")
    return frame.filter(pl.col("mailbox_role") == "inbox").row(0, named=True)


# --- DMARC failure reports (RFC 6591 auth-failure, RFC 7489 section 7.3) ------------------------------

def _opendmarc(orig_from: str, mid: str | None, rcpt: str, subject: str = "Cheap meds online") -> str:
    """OpenDMARC's failure report: text/plain, message/feedback-report with `User-Agent:
    OpenDMARC-Filter/x`, `Auth-Failure: dmarc`, and the original's headers as text/rfc822-headers
    (OpenDMARC's opendmarc.c; the fields as in mail-auth's resources/arf/004 of a real report)."""
    mid_line = f"Message-ID: <{mid}>\n" if mid else ""
    return (f"From: OpenDMARC Filter <postmaster@mx.receiver.example>\nTo: dmarc-ruf@quillfeather.example\n"
            f"Subject: FW: {subject}\nDate: {DAY} 10:13:00 +0000\nMIME-Version: 1.0\n"
            "Message-ID: <opendmarc-9921@mx.receiver.example>\n"
            'Content-Type: multipart/report; report-type=feedback-report; boundary="odm1"\n\n'
            "--odm1\nContent-Type: text/plain\n\n"
            "This is an authentication failure report for an email message received from IP\n"
            f"81.12.33.4 on {DAY} 10:12:40 +0000.\n\n"
            "--odm1\nContent-Type: message/feedback-report\n\n"
            "Feedback-Type: auth-failure\nVersion: 1\nUser-Agent: OpenDMARC-Filter/1.4.2\n"
            f"Auth-Failure: dmarc\nAuthentication-Results: mx.receiver.example; dmarc=fail header.from=quillfeather.example\n"
            f"Original-Envelope-Id: 4TqKx12Yz\nOriginal-Mail-From: {orig_from}\nSource-IP: 81.12.33.4\n"
            "Reported-Domain: quillfeather.example\n\n"
            "--odm1\nContent-Type: text/rfc822-headers\n\n"
            "Received: from [81.12.33.4] (unknown [81.12.33.4])\n\tby mx.receiver.example (Postfix) with ESMTP id 4TqKx12Yz\n"
            f"\tfor <{rcpt}>; {DAY} 10:12:40 +0000\n"
            f"From: {orig_from}\nTo: {rcpt}\nSubject: {subject}\n{mid_line}Date: {DAY} 10:12:39 +0000\n\n"
            "--odm1--\n")


def _rfc6591_full(orig_from: str, mid: str, rcpt: str) -> str:
    """RFC 6591 appendix B's form: a DKIM/DMARC filter's report carrying the whole message as
    message/rfc822, `Auth-Failure: bodyhash`, Delivery-Result, Original-Rcpt-To."""
    return (f"From: dmarc-noreply@mail.receiver.example\nTo: {ME}\nSubject: FW: Spring sale\n"
            f"Date: {DAY} 10:13:00 +0000\nMIME-Version: 1.0\nMessage-ID: <rep-77@mail.receiver.example>\n"
            'Content-Type: multipart/report; report-type=feedback-report; boundary="b6591"\n\n'
            "--b6591\nContent-Type: text/plain\n\nThis is an authentication failure report for an email message"
            " received from IP 192.0.2.1.\n\n"
            "--b6591\nContent-Type: message/feedback-report\n\n"
            "Feedback-Type: auth-failure\nUser-Agent: SomeDKIMFilter/1.0\nVersion: 1\n"
            f"Original-Mail-From: <{orig_from}>\nOriginal-Rcpt-To: <{rcpt}>\n"
            f"Arrival-Date: {DAY} 10:12:40 +0000\nSource-IP: 192.0.2.1\n"
            "Authentication-Results: mail.receiver.example; dkim=fail header.d=quillfeather.example\n"
            "Reported-Domain: quillfeather.example\nAuth-Failure: bodyhash\nDelivery-Result: reject\n"
            "DKIM-Domain: quillfeather.example\nDKIM-Selector: s1\n\n"
            "--b6591\nContent-Type: message/rfc822\n\n"
            f"From: {orig_from}\nTo: {rcpt}\nSubject: Spring sale\nMessage-ID: <{mid}>\n"
            f"Date: {DAY} 10:12:39 +0000\nDKIM-Signature: v=1; a=rsa-sha256; d=quillfeather.example; s=s1; b=abc\n\n"
            "Hello, see http://spring-sale.example/x\n\n--b6591--\n")


# --- DMARC aggregate reports (RFC 7489 section 7.2) ----------------------------------------------------

def _xml(org: str) -> bytes:
    """An aggregate report's feedback document (RFC 7489 appendix C): counts per source IP for a period."""
    return (f"<?xml version=\"1.0\"?><feedback><report_metadata><org_name>{org}</org_name>"
            "<email>noreply@reporter.example</email><report_id>1234</report_id><date_range><begin>1709596800"
            "</begin><end>1709683199</end></date_range></report_metadata><policy_published><domain>"
            "quillfeather.example</domain><p>reject</p></policy_published><record><row><source_ip>81.12.33.4"
            "</source_ip><count>37</count><policy_evaluated><disposition>reject</disposition><dkim>fail</dkim>"
            "<spf>fail</spf></policy_evaluated></row><identifiers><header_from>quillfeather.example</header_from>"
            "</identifiers></record></feedback>").encode()


def _zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def _aggregate(sender: str, submitter: str, org: str, mime: str, filename: str, payload: bytes,
               text: str | None) -> str:
    """RFC 7489 7.2.1.1: Subject "Report Domain: D Submitter: S Report-ID: <id>", the report as an
    attachment named receiver!policy-domain!begin!end.xml[.gz|.zip], optionally a text part."""
    body = base64.encodebytes(payload).decode()
    text_part = f"--agg1\nContent-Type: text/plain; charset=us-ascii\n\n{text}\n\n" if text else ""
    return (f"From: {sender}\nTo: dmarc-rua@quillfeather.example\n"
            f"Subject: Report Domain: quillfeather.example Submitter: {submitter} Report-ID: <{org}-1709683199>\n"
            f"Date: {DAY} 10:13:00 +0000\nMIME-Version: 1.0\nMessage-ID: <agg-{org}@{submitter}>\n"
            'Content-Type: multipart/mixed; boundary="agg1"\n\n'
            f"{text_part}--agg1\nContent-Type: {mime}; name=\"{filename}\"\n"
            f"Content-Disposition: attachment; filename=\"{filename}\"\nContent-Transfer-Encoding: base64\n\n"
            f"{body}\n--agg1--\n")


FILE = "!quillfeather.example!1709596800!1709683199"
AGGREGATES = [
    # Google: noreply-dmarc-support@google.com, a zip, and a one-line text (Google's DMARC report mail)
    _aggregate("noreply-dmarc-support@google.com", "google.com", "google", "application/zip", f"google.com{FILE}.zip",
               _zipped(f"google.com{FILE}.xml", _xml("google.com")), None),
    # Yahoo: a gzip'ed XML (Yahoo sends .xml.gz)
    _aggregate("Yahoo DMARC Report <noreply@dmarc.yahoo.com>", "Yahoo", "yahoo", "application/gzip",
               f"yahoo.com{FILE}.xml.gz", gzip.compress(_xml("Yahoo")), None),
    # Microsoft: "Report Domain: ... Submitter: enterprise.protection.outlook.com", a text part, .xml.gz
    _aggregate("DMARC Aggregate Report <dmarcreport@microsoft.com>", "enterprise.protection.outlook.com",
               "microsoft", "application/gzip", f"enterprise.protection.outlook.com{FILE}.xml.gz",
               gzip.compress(_xml("Enterprise Outlook")),
               "This is a DMARC aggregate report from Microsoft Corporation. For Email delivery issues, please visit"
               " https://aka.ms/dmarcreports."),
]


# --- ARF complaints from feedback loops (RFC 5965, Feedback-Type: abuse) ----------------------------

def _arf(sender: str, subject: str, agent: str, orig_from: str, mid: str, rcpt: str, redacted: bool = False) -> str:
    """A feedback loop's complaint: text part, message/feedback-report (Feedback-Type: abuse, the FBL's
    User-Agent, Source-IP), the complained-about message attached as message/rfc822. Microsoft's
    JMRP and Yahoo's CFL redact the complaining recipient (RFC 6590)."""
    to = "redacted@fbl.example" if redacted else rcpt
    rcpt_line = "" if redacted else f"Original-Rcpt-To: {rcpt}\n"
    return (f"From: {sender}\nTo: abuse@quillfeather.example\nSubject: {subject}\nDate: {DAY} 10:13:00 +0000\n"
            f"MIME-Version: 1.0\nMessage-ID: <fbl-{abs(hash(sender))}@fbl.example>\n"
            'Content-Type: multipart/report; report-type=feedback-report; boundary="arf1"\n\n'
            "--arf1\nContent-Type: text/plain\n\nThis is an email abuse report for an email message received from"
            f" IP 81.12.33.4 on {DAY} 10:12:40 +0000.\n\n"
            "--arf1\nContent-Type: message/feedback-report\n\n"
            f"Feedback-Type: abuse\nUser-Agent: {agent}\nVersion: 1\nOriginal-Mail-From: <{orig_from}>\n"
            f"{rcpt_line}Arrival-Date: {DAY} 10:12:40 +0000\nSource-IP: 81.12.33.4\n"
            "Reported-Domain: quillfeather.example\n\n"
            "--arf1\nContent-Type: message/rfc822\nContent-Disposition: inline\n\n"
            "Received: from [81.12.33.4] by mta1.fbl.example; " f"{DAY} 10:12:40 +0000\n"
            f"From: {orig_from}\nTo: {to}\nSubject: Replica watches\nMessage-ID: <{mid}>\n"
            f"Date: {DAY} 10:12:39 +0000\n\nBuy now http://watches.example/\n\n--arf1--\n")


FBLS = {  # sender, subject, User-Agent as each feedback loop documents or is known to write them
    "yahoo": ("feedback@arf.mail.yahoo.com", "FW: Replica watches", "Yahoo!-Mail-Feedback/2.0"),
    "aol": ("scomp@aol.net", "Email Feedback Report for IP 81.12.33.4", "AOL SComp"),
    "jmrp": ("staff@hotmail.com", "complaint about message from 81.12.33.4", "Hotmail FBL"),
    "comcast": ("feedbackloop@comcastfbl.example", "Comcast feedback loop report", "ReturnPathFBL/2.0"),
}


# --- forwarders' own reports, Gmail's notices, people and lists talking about bounces ----------------

GMAIL_DSN = f"""From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: {ME}
Subject: Delivery Status Notification (Failure)
Date: {DAY} 10:13:00 -0800
Message-ID: <65e6f1a4.050a0220.gmaildsn@mx.google.com>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; boundary="gds1"; report-type=delivery-status

--gds1
Content-Type: multipart/related; boundary="gds2"

--gds2
Content-Type: text/html; charset="UTF-8"

<html><body><h2>Address not found</h2><p>Your message wasn't delivered to <b>karl@brenner-family.example</b>
because the address couldn't be found, or is unable to receive mail.</p></body></html>

--gds2--

--gds1
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; {ME}
Arrival-Date: {DAY} 02:12:58 -0800 (PST)
X-Original-Message-ID: <CAx0-mine-42@mail.gmail.com>

Final-Recipient: rfc822; karl@brenner-family.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.brenner-family.example. (203.0.113.50, the server for the domain brenner-family.example.)
Diagnostic-Code: smtp; 550 5.1.1 <karl@brenner-family.example>: Recipient address rejected: User unknown
Last-Attempt-Date: {DAY} 02:13:00 -0800 (PST)

--gds1
Content-Type: message/rfc822

DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601; h=to:subject:from; bh=x; b=y
From: Alex Quill <{ME}>
Date: {DAY} 11:12:58 +0100
Message-ID: <CAx0-mine-42@mail.gmail.com>
Subject: dinner on Friday
To: karl@brenner-family.example

See you there.

--gds1--
"""
GMAIL_DSN_SENT = sent(("karl@brenner-family.example", f"{DAY} 11:12:58 +0100", "CAx0-mine-42@mail.gmail.com",
                       "dinner on Friday"))

# Gmail's forwarding verification (Google Workspace help "Verify forwarding addresses"): a request to
# confirm that another account may forward to this one; a Google service mail, no notification.
GMAIL_CONFIRMATION = f"""From: Gmail Team <forwarding-noreply@google.com>
To: {ME}
Subject: (#123456789) Gmail Forwarding Confirmation - Receive Mail from alex.work@gmail.com
Date: {DAY} 10:13:00 -0800
Message-ID: <000000000000a1b2c3d4e5f6@google.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"

alex.work@gmail.com has requested to automatically forward mail to your email
address {ME}.
Confirmation code: 123456789

To allow alex.work@gmail.com to automatically forward mail to your address,
please click the link below to confirm the request:

https://mail-settings.google.com/mail/vf-abc123

If you click the link and it appears to be broken, please copy and paste it
into a new browser window. If you aren't able to access the link, you can send
the confirmation code 123456789 to alex.work@gmail.com.

Thanks for using Gmail!

Sincerely,

The Gmail Team

If you do not approve of this request, no further action is required.
"""

# An SRS forwarder's own report about mail TO the owner: Gmail refused the forwarded message
# (Postfix's bounce(8) template as forwarders running Postfix send it; Gmail's 550-5.7.1 wording).
FORWARDER_REPORT = f"""From: Mail Delivery System <MAILER-DAEMON@{FORWARDER}>
To: {ME}
Subject: Undelivered Mail Returned to Sender
Date: {DAY} 10:13:00 +0000
Auto-Submitted: auto-replied
Message-ID: <20240305101300.7A1B2@{FORWARDER}>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="fwd1"

--fwd1
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host {FORWARDER}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<{GMAIL}> (expanded from <{ME}>): host gmail-smtp-in.l.google.com[142.250.27.26]
    said: 550-5.7.1 Gmail has detected that this message is likely unsolicited mail.
    550 5.7.1 To reduce the amount of spam sent to Gmail, this message has been blocked. (in reply to end of DATA command)

--fwd1
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; {FORWARDER}
X-Postfix-Queue-ID: 7A1B2
Arrival-Date: {DAY} 10:12:50 +0000

Final-Recipient: rfc822; {GMAIL}
Original-Recipient: rfc822;{ME}
Action: failed
Status: 5.7.1
Remote-MTA: dns; gmail-smtp-in.l.google.com
Diagnostic-Code: smtp; 550-5.7.1 Gmail has detected that this message is likely unsolicited mail.

--fwd1
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: Winner Notice <prize@lottery-winner.example>
To: {ME}
Subject: You have won
Message-ID: <lotto-8812@lottery-winner.example>
Date: {DAY} 10:12:49 +0000

--fwd1--
"""

_BOUNCE_TEXT = """This is the mail system at host mx.brenner-family.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<karl@brenner-family.example>: host mailbox.brenner-family.example said: 550 5.1.1
    User unknown (in reply to RCPT TO command)
"""

# A friend forwarding the bounce they got, inline (Gmail's "---------- Forwarded message ---------")
FRIEND_FWD_INLINE = f"""From: Nora Pine <nora@pinecone.example>
To: {ME}
Subject: Fwd: Undelivered Mail Returned to Sender
Date: {DAY} 10:13:00 +0000
Message-ID: <CAnora-1@mail.gmail.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"

Alex, Karl's address seems dead, did he change it?

---------- Forwarded message ---------
From: Mail Delivery System <MAILER-DAEMON@mx.brenner-family.example>
Date: Tue, Mar 5, 2024 at 9:01 AM
Subject: Undelivered Mail Returned to Sender
To: <nora@pinecone.example>

{_BOUNCE_TEXT}
"""

# ... and as an attachment (Thunderbird's "Forward As Attachment": the bounce as message/rfc822)
FRIEND_FWD_ATTACHED = f"""From: Nora Pine <nora@pinecone.example>
To: {ME}
Subject: Fwd: Undelivered Mail Returned to Sender
Date: {DAY} 10:13:00 +0000
Message-ID: <f1e2d3c4-nora@pinecone.example>
User-Agent: Mozilla Thunderbird
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="tb1"

--tb1
Content-Type: text/plain; charset=UTF-8

Alex, this came back, see attached.

--tb1
Content-Type: message/rfc822; name="Undelivered Mail Returned to Sender.eml"
Content-Disposition: attachment; filename="Undelivered Mail Returned to Sender.eml"

Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.brenner-family.example>
To: nora@pinecone.example
Subject: Undelivered Mail Returned to Sender
Date: {DAY} 09:01:00 +0000

{_BOUNCE_TEXT}
--tb1--
"""

HAM_ABOUT_BOUNCES = f"""From: Sam Okafor <sam@okafor.example>
To: {ME}
Subject: Re: your mails keep bouncing
Date: {DAY} 10:13:00 +0000
Message-ID: <sam-3@okafor.example>
In-Reply-To: <CAx0-nobody@mail.gmail.com>

I keep getting "Undelivered Mail Returned to Sender" and "550 5.1.1 User unknown" when I write to
your old address; the delivery failed three times. Is the mailbox full or was it deleted?
Sam
"""

# A Mailman 2 MIME digest (multipart/digest of message/rfc822) in which a member quotes a bounce.
LIST_DIGEST = f"""From: postfix-users-request@lists.mailer.example
To: postfix-users@lists.mailer.example
Subject: Postfix-users Digest, Vol 212, Issue 5
Date: {DAY} 10:13:00 +0000
Message-ID: <mailman.1.1709633580.2718.postfix-users@lists.mailer.example>
List-Id: Postfix users <postfix-users.lists.mailer.example>
List-Unsubscribe: <mailto:postfix-users-request@lists.mailer.example?subject=unsubscribe>
Precedence: list
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="===============digest=="

--===============digest==
Content-Type: text/plain; charset="us-ascii"
Content-Description: Postfix-users Digest, Vol 212, Issue 5

Today's Topics:

   1. bounce with 550 5.1.1 (Lee)

--===============digest==
Content-Type: multipart/digest; boundary="===============inner=="

--===============inner==
Content-Type: message/rfc822

From: Lee <lee@example.net>
To: postfix-users@lists.mailer.example
Subject: bounce with 550 5.1.1
Date: {DAY} 08:00:00 +0000
Message-ID: <lee-1@example.net>

My users get this back, why?

> This is the mail system at host mail.example.net.
> I'm sorry to have to inform you that your message could not
> be delivered to one or more recipients.
> <bob@example.com>: host mx.example.com said: 550 5.1.1 User unknown

--===============inner==--

--===============digest==--
"""


# --- challenges and auto-replies -------------------------------------------------------------------

def _boxbe(to_person: str) -> str:
    """Boxbe's Guest List request (its X-Boxbe-* headers and "Request to join ... Guest List" subject)."""
    return (f"From: Boxbe <notify@boxbe.com>\nTo: {ME}\nSubject: Request to join {to_person} Guest List\n"
            f"Date: {DAY} 10:13:00 +0000\nMessage-ID: <boxbe-55@boxbe.com>\nX-Boxbe-Verification: 1\n"
            "Auto-Submitted: auto-replied\n\n"
            f"Hello, {to_person} is using Boxbe to manage email. Your message will be delivered once you\n"
            "add yourself to the Guest List: https://www.boxbe.com/anno?tc=1\n")


def _oof(person: str, subject: str, in_reply_to: str | None = None) -> str:
    """Outlook/Exchange's automatic reply: "Automatic reply: <subject>", Auto-Submitted: auto-generated,
    X-Auto-Response-Suppress: All, In-Reply-To/Thread-Topic of the message answered (MS-OXCMAIL)."""
    irt = f"In-Reply-To: <{in_reply_to}>\nReferences: <{in_reply_to}>\n" if in_reply_to else ""
    return (f"From: {person}\nTo: {ME}\nSubject: Automatic reply: {subject}\nDate: {DAY} 10:13:00 +0000\n"
            f"Message-ID: <oof-{abs(hash(person + subject))}@exch.example>\n{irt}Thread-Topic: {subject}\n"
            "Auto-Submitted: auto-generated\nX-Auto-Response-Suppress: All\nX-MS-Exchange-Inbox-Rules-Loop: x\n"
            "Content-Type: text/plain; charset=us-ascii\n\n"
            "I am out of the office until 12 March with limited access to email.\n")


WROTE_KARL = sent(("Karl Brenner <Karl@Brenner-Family.example>", "Tue, 05 Mar 2024 08:00:00 +0000",
                   "CAx0-karl-1@mail.gmail.com", "quarterly figures"))
WROTE_NORA = sent(("nora@pinecone.example", "Mon, 04 Mar 2024 16:00:00 +0000", "CAx0-nora-1@mail.gmail.com",
                   "lunch"))


def _boxtrapper(person: str, subject: str, mid: str | None = None) -> str:
    """cPanel BoxTrapper's verify request, sent from the protected account itself; its template must keep
    "Subject: verify#%msgid%" and quotes the message's headers (%headers%) as the account's Exim received
    them (cPanel UAPI BoxTrapper::save_email_template)."""
    return (f"From: {person}\nTo: {ME}\nSubject: verify#a1b2c3d4e5\nDate: {DAY} 10:13:00 +0000\n"
            f"Message-ID: <bt-1@{person.split('@')[1]}>\n\n"
            f"The message you sent to {person} requires that you verify that you\n"
            "are a real live human being and not a spam source.\n\n"
            "To complete this verification, simply reply to this message and leave\n"
            f"the subject line intact.\n\nThe headers of the message sent from your address are shown below:\n\n"
            f"Received: from mail-wr1-f41.google.com ([209.85.221.41]) by {person.split('@')[1]} with esmtps"
            f" id 1rhX2c-0004Kq-2T; {DAY} 08:00:02 +0000\n"
            f"From: {ME}\nTo: {person}\nSubject: {subject}\n"
            + (f"Message-ID: <{mid}>\nDate: {DAY} 08:00:00 +0000\n" if mid else ""))


def _dmarc_spf_only(mid: str, rcpt: str) -> str:
    """A failure report under fo=1 (RFC 7489 6.3: report when any mechanism fails to give an aligned
    pass): SPF failed behind a forwarder, the reporter's own Authentication-Results says the owner's
    DKIM signature passed: the owner's own mail."""
    return (_opendmarc(ME, mid, rcpt, "minutes").replace("Auth-Failure: dmarc", "Auth-Failure: spf")
            .replace("dmarc=fail header.from=quillfeather.example",
                     "dkim=pass header.d=quillfeather.example header.s=s1;\n spf=fail smtp.mailfrom=quillfeather.example")
            .replace("Date: Tue, 05 Mar 2024 10:12:39", "DKIM-Signature: v=1; a=rsa-sha256; d=quillfeather.example;"
                     " s=s1; b=abc\nDate: Tue, 05 Mar 2024 10:12:39"))


# inbox (Takeout-wrapped), Sent, kind, signals that must be there, is_backscatter
CASES = {
    "dmarc-spf-fail-dkim-pass": (takeout(_dmarc_spf_only("list-relayed-5@quillfeather.example", "members@club.example"),
                                         "postmaster@mx.receiver.example"),
                                 NOBODY, "feedback_report", {"dkim_own_domain"}, False),
    # BoxTrapper asking the owner to verify a message the owner did write to the person (no copy of it)
    "boxtrapper-written-to": (takeout(_boxtrapper("karl@brenner-family.example", "quarterly figures"),
                                      "karl@brenner-family.example"),
                              WROTE_KARL, "challenge", {"replied_after_owner_wrote"}, False),
    # ... quoting the headers of the owner's message (its Message-ID in Sent)
    "boxtrapper-copy-sent": (takeout(_boxtrapper("karl@brenner-family.example", "quarterly figures",
                                                 "CAx0-karl-1@mail.gmail.com"), "karl@brenner-family.example"),
                             WROTE_KARL, "challenge", {"sent_folder_match"}, False),
    # ... from the same correspondent, quoting a message in the owner's name that is not in Sent: forged
    "boxtrapper-copy-forged": (takeout(_boxtrapper("karl@brenner-family.example", "Replica watches",
                                                   "forged-77@quillfeather.example"), "karl@brenner-family.example"),
                               WROTE_KARL, "challenge", {"not_in_sent_folder"}, True),
    # ... from a stranger, about a message in the owner's name the owner never wrote
    "boxtrapper-stranger": (takeout(_boxtrapper("lee@strangers.example", "Replica watches"), "lee@strangers.example"),
                            NOBODY, "challenge", {"stranger_recipient"}, True),
    # RFC 6591 / OpenDMARC: a failure report about mail forged in the owner's domain -> backscatter evidence
    "dmarc-opendmarc-forged": (takeout(_opendmarc("x7kq@quillfeather.example", "forged-3003@quillfeather.example",
                                                  "buyer@receiver.example"), "postmaster@mx.receiver.example"),
                               NOBODY, "feedback_report", {"forged_feedback"}, True),
    # ... about a message the owner sent (its Message-ID is in Sent: a forwarder broke its DKIM)
    "dmarc-opendmarc-owner-sent": (takeout(_opendmarc(ME, "CAx0-karl-1@mail.gmail.com", "karl@brenner-family.example",
                                                      "quarterly figures"), "postmaster@mx.receiver.example"),
                                   WROTE_KARL, "feedback_report", {"sent_folder_match"}, False),
    # ... about an owner-sent message whose headers came without Message-ID: recipient and time match
    "dmarc-opendmarc-owner-sent-no-id": (takeout(_opendmarc(ME, None, "Karl@Brenner-Family.example",
                                                            "quarterly figures"), "postmaster@mx.receiver.example"),
                                         WROTE_KARL, "feedback_report", {"sent_to_recipient"}, False),
    # RFC 6591 appendix B form, the whole message attached, forged From at the owner's domain
    "dmarc-rfc6591-forged": (takeout(_rfc6591_full("sales@quillfeather.example", "spring-1@quillfeather.example",
                                                   "joe@receiver.example"), "dmarc-noreply@mail.receiver.example"),
                             NOBODY, "feedback_report", {"forged_feedback", "not_in_sent_folder"}, True),
    # ARF complaints (RFC 5965) from feedback loops about spam forged in the owner's name
    **{f"arf-{name}-forged": (takeout(_arf(*FBLS[name], f"{name}9@quillfeather.example", f"spam-{name}@quillfeather.example",
                                           "victim@fbl.example", redacted=name in ("yahoo", "jmrp")), FBLS[name][0]),
                              NOBODY, "feedback_report", {"forged_feedback"}, True) for name in FBLS},
    # ... and a complaint about a message the owner did send (in Sent): genuine
    **{f"arf-{name}-owner-sent": (takeout(_arf(*FBLS[name], ME, "CAx0-karl-1@mail.gmail.com",
                                               "karl@brenner-family.example", redacted=name in ("yahoo", "jmrp")),
                                          FBLS[name][0]),
                                  WROTE_KARL, "feedback_report", {"sent_folder_match"}, False) for name in FBLS},
    # Gmail's own DSN about the owner's real mail (Gmail "Send mail as"; the original is in Sent)
    "gmail-dsn-owner-mail": (takeout(GMAIL_DSN, ""), GMAIL_DSN_SENT, "bounce", {"sent_folder_match"}, False),
    # the forwarder's own report about mail TO the owner that Gmail refused
    "forwarder-report": (takeout(FORWARDER_REPORT, ""), NOBODY, "bounce", {"owner_was_recipient"}, False),
    # Gmail's forwarding confirmation: a service mail, not a challenge
    "gmail-forwarding-confirmation": (takeout(GMAIL_CONFIRMATION, "forwarding-noreply@google.com"), NOBODY,
                                      "ham", set(), False),
    "friend-forwards-bounce-inline": (takeout(FRIEND_FWD_INLINE, "nora@pinecone.example"), NOBODY, "ham", set(), False),
    "friend-forwards-bounce-attached": (takeout(FRIEND_FWD_ATTACHED, "nora@pinecone.example"), NOBODY, "ham", set(),
                                       False),
    "ham-about-bounces": (takeout(HAM_ABOUT_BOUNCES, "sam@okafor.example"), NOBODY, "ham", set(), False),
    "list-digest-quoting-bounce": (takeout(LIST_DIGEST, "postfix-users-bounces@lists.mailer.example"), NOBODY,
                                   "ham", set(), False),
    # an auto-reply from someone the owner wrote to this morning (address in another case), no copy
    "oof-written-to-no-copy": (takeout(_oof("karl@brenner-family.example", "quarterly figures"),
                                       "karl@brenner-family.example"),
                               WROTE_KARL, "autoreply", {"replied_after_owner_wrote"}, False),
    # ... naming the message it answers (In-Reply-To a sent Message-ID)
    "oof-written-to-in-reply-to": (takeout(_oof("karl@brenner-family.example", "quarterly figures",
                                                "CAx0-karl-1@mail.gmail.com"), "karl@brenner-family.example"),
                                   WROTE_KARL, "autoreply", {"in_reply_to_sent"}, False),
    # ... the same auto-reply from a stranger, about a subject the owner never wrote
    "oof-stranger": (takeout(_oof("m.rossi@studiorossi.example", "Replica watches", "forged-9@quillfeather.example"),
                             "m.rossi@studiorossi.example", rcpt="x7kq@quillfeather.example"),
                     NOBODY, "autoreply", {"stranger_recipient"}, True),
    # a challenge service writing for someone the owner wrote to yesterday, no copy of the original
    "boxbe-written-to": (takeout(_boxbe("nora@pinecone.example"), "notify@boxbe.com"), WROTE_NORA,
                         "challenge", {"replied_after_owner_wrote"}, False),
    # ... naming the member only by display name: Boxbe sends as its member, so the member's address is
    # the envelope sender, which the forwarder's SRS rewrite keeps (SRS0=...=pinecone.example=nora@...)
    "boxbe-written-to-by-name": (takeout(_boxbe("Nora Pine's"), "nora@pinecone.example"), WROTE_NORA,
                                 "challenge", {"replied_after_owner_wrote"}, False),
    # ... and for a stranger
    "boxbe-stranger": (takeout(_boxbe("lee@strangers.example"), "notify@boxbe.com", rcpt="x7kq@quillfeather.example"),
                       NOBODY, "challenge", {"stranger_recipient"}, True),
}



def _bare_bounce(site: str) -> str:
    """A bounce that names no recipient and returns nothing of the original (a terse MTA notice: RFC 3464
    asks for a report, not every MTA sends one), from the postmaster of the site that refused the mail."""
    return (f"From: Mail Delivery System <MAILER-DAEMON@mx.{site}>\nTo: {ME}\nSubject: Undeliverable message\n"
            f"Date: {DAY} 10:12:59 +0000\nMessage-ID: <bare-1@mx.{site}>\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=us-ascii\n\n"
            "Your message could not be delivered to one or more recipients.\n"
            "The mail system of the destination rejected it permanently.\n")


# Bounces with nothing to compare but the site they come from: a site the owner never wrote to is evidence.
CASES.update({
    "bare-bounce-stranger-site": (takeout(_bare_bounce("strangers.example"), ""), NOBODY, "bounce",
                                  {"stranger_site", "no_original"}, True),
    # ... from the site of someone the owner wrote to: no evidence either way, so not called backscatter
    "bare-bounce-written-site": (takeout(_bare_bounce("brenner-family.example"), ""), WROTE_KARL, "bounce",
                                 {"no_original"}, False),
})

@pytest.mark.parametrize("name", list(CASES))
def test_fact(tmp_path, name):
    inbox, sent_box, kind, signals, backscatter = CASES[name]
    row = run(tmp_path, inbox, sent_box)
    assert row["kind"] == kind, (row["kind"], row["signals"])
    assert signals <= set(row["signals"]), row["signals"]
    assert row["is_backscatter"] is backscatter, (row["signals"], row["backscatter_score"])


@pytest.mark.parametrize("index", range(len(AGGREGATES)))
def test_dmarc_aggregate_reports_are_never_backscatter(tmp_path, index):
    """RFC 7489 7.2: an aggregate report counts all the domain's traffic a receiver saw in a period
    (forged and genuine alike), sent on a schedule, triggered by no message: no notification about
    a message the owner is said to have sent, so `ham`, never backscatter, however many forgeries
    it counts. Its compressed attachment must not break the run."""
    row = run(tmp_path, takeout(AGGREGATES[index], "noreply@reporter.example"), NOBODY)
    assert row["kind"] == "ham", row["signals"]
    assert row["is_backscatter"] is False and row["parse_error"] is None


INFERRED = sent(("karl@brenner-family.example", "Tue, 05 Mar 2024 08:00:00 +0000", "CAx0-karl-1@mail.gmail.com",
                 "quarterly figures"),
                ("mum@family.example", "Mon, 04 Mar 2024 08:00:00 +0000", "CAx0-mum-1@mail.gmail.com", "sunday")
                ).replace(f"From: Alex Quill <{ME}>\nTo: mum@", f"From: Alex Quill <{GMAIL}>\nTo: mum@")


@pytest.mark.parametrize("name", ["dmarc-opendmarc-forged", "gmail-dsn-owner-mail", "forwarder-report",
                                  "oof-written-to-no-copy", "oof-stranger", "friend-forwards-bounce-attached"])
def test_fact_with_the_owner_inferred(tmp_path, name):
    """No --me: the owner is read from the Sent folder, which sends as the vanity address and as the Gmail
    address. A shared provider's domain (gmail.com) is then an address of the owner's, not a domain the
    owner holds: mail from other Gmail users is not forged in the owner's name."""
    inbox, sent_box, kind, signals, backscatter = CASES[name]
    row = run(tmp_path, inbox, INFERRED + sent_box, Owner())
    assert row["kind"] == kind, (row["kind"], row["signals"])
    assert signals <= set(row["signals"]), row["signals"]
    assert row["is_backscatter"] is backscatter, (row["signals"], row["backscatter_score"])


def test_a_gmail_stranger_is_not_the_owner_when_the_owner_is_inferred(tmp_path):
    """An auto-reply returning the message of another Gmail user (a stranger) is not the owner's."""
    oof = _oof("m.rossi@studiorossi.example", "hello").replace(
        "Content-Type: text/plain; charset=us-ascii\n\n", 'Content-Type: multipart/mixed; boundary="o1"\n\n--o1\n'
        "Content-Type: text/plain\n\nI am out of the office until 12 March.\n\n--o1\nContent-Type: message/rfc822\n\n"
        "From: someone.else@gmail.com\nTo: m.rossi@studiorossi.example\nSubject: hello\n"
        "Message-ID: <CAother-1@mail.gmail.com>\n\nhi\n\n--o1--\n").split("I am out of the office until 12 March with")[0]
    row = run(tmp_path, takeout(oof, "m.rossi@studiorossi.example", rcpt="someone.else@gmail.com"), INFERRED, Owner())
    assert "original_from_forged" not in row["signals"] and "random_local_part" not in row["signals"], row["signals"]
