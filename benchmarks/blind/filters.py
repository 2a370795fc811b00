"""Spam and virus notices written by filtering gateways to the (forged) sender: MailMarshal,
Barracuda, Proofpoint, Symantec/MessageLabs, Sophos, SpamTitan, amavisd-new, Trend Micro InterScan,
Mimecast, MailScanner. The spam runs with attachments draw the virus notices.
"""
from __future__ import annotations

import random

from .world import boundary, lowhex, maybe_encode, multipart, part, rfc2822, token

VIRUS_NAMES = ["Trojan.GenericKD.{n}", "HTML/Phishing.Agent.{n}", "W32/Emotet.AB!tr", "Troj/DocDl-{x}", "JS:Trojan.Cryxos.{n}",
               "Heuristics.Phishing.Email.SpoofedDomain", "Win.Trojan.Agent-{n}", "Mal/DrodZp-A", "Exploit.CVE-2017-11882.Gen"]


def virus_name(rng: random.Random) -> str:
    return rng.choice(VIRUS_NAMES).format(n=rng.randint(10000, 9999999), x=token(rng, 4).upper())


def notice(rng: random.Random, product: str, virus: bool, sender: str, rcpt: str, subject: str, when, host: str,
           domain: str, headers_text: str, full_text: str) -> tuple[list, str, str, str]:
    """(headers, body, style, how the original is carried)."""
    vname = virus_name(rng) if virus else None
    subj_in = subject
    if product == "mailmarshal":
        text = (f"MailMarshal (an automated content monitoring gateway) has stopped the following e-mail for the following reason:\n\n"
                f"It was believed to contain {'a virus' if virus else 'SPAM'}\n\nMessage: B{lowhex(rng, 8)}.00000001.mml\n"
                f"From:    {sender}\nTo:      {rcpt}\nSubject: {subj_in}\n\n" +
                (f"Virus: {vname}\n" if virus else "Rule: Spam - Suspect (score 9)\n"))
        h = [("From", f"MailMarshal <mailmarshal@{domain}>"), ("To", sender), ("Date", rfc2822(when, 10)),
             ("Subject", maybe_encode(rng, f"MailMarshal has stopped a message: {subj_in}" if rng.random() < 0.5 else
                                      f"Message stopped: {subj_in}")), ("Message-ID", f"<MM{token(rng, 16)}@{host}>"),
             ("X-Mailer", "Trustwave SEG"), ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=us-ascii")]
        return h, text, "mailmarshal-stop", "none"
    if product == "barracuda":
        text = (f"Your message to: {rcpt}\nwas blocked by our Spam Firewall. The email you sent with the following subject has "
                f"NOT BEEN DELIVERED:\n\nSubject: {subj_in}\n\n" + (f"Reason: virus {vname} detected\n" if virus else
                "Reason: blocked by our bulk email filter (BULK score exceeded)\n"))
        h = [("From", f"Barracuda Spam Firewall <barracuda@{domain}>"), ("To", sender), ("Date", rfc2822(when, -5)),
             ("Subject", "Message you sent blocked by our bulk email filter" if not virus else "Virus found in message you sent"),
             ("Message-ID", f"<{token(rng, 12)}.{rng.randint(1000, 9999)}@{host}>"), ("X-Barracuda-Connect", host),
             ("X-Barracuda-Start-Time", str(int(when.timestamp()))), ("X-ASG-Orig-Subj", maybe_encode(rng, subj_in)),
             ("MIME-Version", "1.0"), ("Content-Type", "text/plain")]
        return h, text, "barracuda-block", "none"
    if product == "proofpoint":
        text = (f"The following message was blocked by the Proofpoint Protection Server at {domain}:\n\n"
                f"From: {sender}\nTo: {rcpt}\nSubject: {subj_in}\nReason: {'Virus ' + vname if virus else 'Spam, probability 100%'}\n\n"
                "If you believe this message was blocked in error, contact the recipient by other means.\n")
        h = [("From", f"Proofpoint Protection <postmaster@{domain}>"), ("To", sender), ("Date", rfc2822(when, -8)),
             ("Subject", maybe_encode(rng, f"Message blocked: {subj_in}")), ("Message-ID", f"<{lowhex(rng, 20)}@{host}>"),
             ("X-Proofpoint-Spam-Details", "rule=notspam policy=default score=0"), ("MIME-Version", "1.0"),
             ("Content-Type", "text/plain; charset=utf-8")]
        return h, text, "proofpoint-block", "none"
    if product == "messagelabs":
        bnd = boundary(rng)
        text = ("This is an email from the Symantec Email Security.cloud service.\n\n"
                + (f"WARNING: The email you sent to {rcpt} contained a virus ({vname}) and was not delivered.\n" if virus else
                   f"Your email to {rcpt} was identified as spam and has not been delivered.\n")
                + f"\nSubject: {subj_in}\nDate: {rfc2822(when, 0)}\n\nFor more information please visit https://support.broadcom.com\n")
        body = multipart([part("text/plain", text, "us-ascii"),
                          "Content-Type: text/rfc822-headers\n\n" + headers_text], bnd)
        h = [("From", "MAILER-DAEMON@messagelabs.com"), ("To", sender), ("Date", rfc2822(when, 0)),
             ("Subject", "WARNING. You sent a potentially infected email" if virus else "Email not delivered: identified as spam"),
             ("Message-ID", f"<{rng.randint(10**9, 10**10)}.{rng.randint(1000, 9999)}.{token(rng, 6)}@server-{rng.randint(1, 30)}.tower-{rng.randint(100, 700)}.messagelabs.com>"),
             ("X-Msg-Ref", f"server-{rng.randint(1, 30)}.tower-{rng.randint(100, 700)}.messagelabs.com!{int(when.timestamp())}!{rng.randint(10**5, 10**6)}!1"),
             ("MIME-Version", "1.0"), ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\"")]
        return h, body, "messagelabs-notice", "headers"
    if product == "sophos":
        text = (f"Message blocked\n\nThe message you sent to {rcpt} was blocked by Sophos Email.\n\nSubject: {subj_in}\n"
                f"Reason: {'Virus detected: ' + vname if virus else 'Spam'}\n\n-- Sophos Email Appliance on {host}\n")
        h = [("From", f"Sophos Email Appliance <postmaster@{domain}>"), ("To", sender), ("Date", rfc2822(when, 1)),
             ("Subject", maybe_encode(rng, f"Message blocked: {subj_in}")), ("Message-ID", f"<sophos.{token(rng, 14)}@{host}>"),
             ("X-Sophos-SenderHistory", "ip=" + "0"), ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8")]
        return h, text, "sophos-block", "none"
    if product == "spamtitan":
        text = (f"SpamTitan has blocked a message you sent.\n\nRecipient: {rcpt}\nSubject: {subj_in}\n"
                f"Reason: {'Virus ' + vname if virus else 'Spam score exceeded'}\n\nThis message has been quarantined.\n")
        h = [("From", f"SpamTitan <spamtitan@{domain}>"), ("To", sender), ("Date", rfc2822(when, 0)),
             ("Subject", maybe_encode(rng, f"Message Blocked: {subj_in}")), ("Message-ID", f"<st.{token(rng, 14)}@{host}>"),
             ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=us-ascii")]
        return h, text, "spamtitan-block", "none"
    if product == "trendmicro":
        text = (f"Trend Micro InterScan Messaging Security Suite has detected a virus in the message you sent.\n\n"
                f"Recipient: {rcpt}\nSubject: {subj_in}\nVirus: {vname or 'HEUR_PDFEXP.B'}\nAction: The attachment was deleted.\n")
        h = [("From", f"InterScan MSS <imss@{domain}>"), ("To", sender), ("Date", rfc2822(when, 8)),
             ("Subject", "Virus found in sent message"), ("Message-ID", f"<imss.{token(rng, 14)}@{host}>"),
             ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=us-ascii")]
        return h, text, "interscan-virus", "none"
    if product == "mailscanner":
        text = (f"Our virus detector has just been triggered by a message you sent:-\n  To: {rcpt}\n  Subject: {subj_in}\n"
                f"  Date: {rfc2822(when, 0)}\nAny infected parts of the message have not been delivered.\n\n"
                f"MailScanner found: {vname or 'Spam'}\n\n-- \nMailScanner\nEmail Virus Scanner\nwww.mailscanner.info\n")
        h = [("From", f"MailScanner <postmaster@{domain}>"), ("To", sender), ("Date", rfc2822(when, 0)),
             ("Subject", "{Virus?} Warning: E-mail viruses detected"), ("X-" + domain.split(".")[0].title() + "-MailScanner", "Found to be infected"),
             ("Message-ID", f"<ms.{token(rng, 14)}@{host}>"), ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=us-ascii")]
        return h, text, "mailscanner-virus", "none"
    if product == "mimecast":
        text = (f"Your message couldn't be delivered to {rcpt}.\n\nThe message was rejected by the recipient's Mimecast policy: "
                f"{'Message contains a malicious attachment' if virus else 'Message is spam'}.\n\nSubject: {subj_in}\n")
        h = [("From", f"Mimecast Postmaster <postmaster@{domain}>"), ("To", sender), ("Date", rfc2822(when, 0)),
             ("Subject", maybe_encode(rng, f"Message rejected: {subj_in}")), ("X-Mimecast-Spam-Score", "-1"),
             ("X-MC-Unique", f"{token(rng, 22)}-1"), ("Message-ID", f"<mimecast.{token(rng, 16)}@{host}>"),
             ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8")]
        return h, text, "mimecast-reject", "none"
    # amavisd-new
    bnd = boundary(rng)
    if virus:
        text = (f"BAD CONTENT DETECTED\n\nOur content checker found\n    virus: {vname}\n\nin an email to you from you:\n  <{sender}>\n"
                f"\nContent type: Virus\nInternal reference code for the message is {token(rng, 5)}-{token(rng, 6)}\n\n"
                f"First upstream SMTP client IP address: [{host}]\n\nAccording to a 'Received:' trace,\nthe message apparently "
                "originated at:\n\n Return-Path: <" + sender + f">\n From: {sender}\n Subject: {subj_in}\n Delivery of the email was stopped!\n")
        subj = f"VIRUS ({vname}) IN MAIL FROM YOU"
    else:
        text = (f"Considered UNSOLICITED BULK EMAIL, apparently from you\n\nA message from <{sender}>\nto: {rcpt}\n\n"
                "was considered unsolicited bulk e-mail (UBE).\n\nOur internal reference code for your message is "
                f"{token(rng, 5)}-{token(rng, 6)}\n\nThe message carried your return address, so it was either a genuine mail "
                "from you, or a sender address was faked and your e-mail address abused by third party, in which case we "
                "apologize for undesired notification.\n\nDelivery of the email was stopped!\n")
        subj = "Considered UNSOLICITED BULK EMAIL, apparently from you"
    status = ("Content-Type: message/delivery-status\n\n" f"Reporting-MTA: dns; {host}\n\nFinal-Recipient: rfc822; {rcpt}\n"
              f"Action: failed\nStatus: 5.7.0\nDiagnostic-Code: smtp; 554 5.7.0 Reject, id={token(rng, 5)}-{token(rng, 6)} - "
              f"{'INFECTED: ' + vname if virus else 'SPAM'}\n")
    body = multipart([part("text/plain", text, "us-ascii"), status, "Content-Type: text/rfc822-headers\n\n" + headers_text], bnd)
    h = [("From", f"Content-filter at {host} <postmaster@{domain}>"), ("To", sender), ("Date", rfc2822(when, 1)),
         ("Subject", subj), ("Message-ID", f"<VR{token(rng, 10)}@{host}>"), ("Auto-Submitted", "auto-replied"),
         ("MIME-Version", "1.0"), ("Content-Type", f"multipart/report; report-type=delivery-status;\n boundary=\"{bnd}\"")]
    return h, body, "amavis-virus" if virus else "amavis-ube", "headers"


FILTERS = {"mailmarshal": 3, "barracuda": 5, "proofpoint": 3, "messagelabs": 3, "sophos": 2, "spamtitan": 2, "amavis": 5,
           "trendmicro": 2, "mimecast": 2, "mailscanner": 2}
