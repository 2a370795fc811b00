"""Challenge-response requests: the recipient's system holds the message and asks the (forged)
sender to prove they are human. ChoiceMail, Boxbe, Spam Arrest, Bluebottle, Sendio, TMDA, cPanel
BoxTrapper, Mailinblack. Many quote or attach the held message's headers.
"""
from __future__ import annotations

import random

from .responders import Trigger
from .world import boundary, encode_body, lowhex, maybe_encode, multipart, part, rfc2822, token


def choicemail(rng, t: Trigger, host: str):
    text = (f"Hello,\n\nYou just sent me an email. I am using ChoiceMail, a program that blocks unwanted email. "
            "To have your email delivered to me please click the link below and fill out the short form.\n\n"
            f"Click here to verify your identity: http://{host}/ChoiceMail/register.aspx?id={token(rng, 24)}\n\n"
            f"Your message will be deleted in 4 days if you do not register.\n\nOriginal subject: {t.subject}\n\n{t.person_name}\n")
    h = [("From", f"{t.person_name} <{t.person}>"), ("To", t.sender), ("Date", rfc2822(t.when, -5)),
         ("Subject", maybe_encode(rng, f"{t.subject} [ChoiceMail registration request]")),
         ("Message-ID", f"<CM{token(rng, 16)}@{host}>"), ("X-ChoiceMail-Registration-Request", "Yes"),
         ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=us-ascii")]
    return h, text, "choicemail"


def boxbe(rng, t: Trigger, host: str):
    name = t.person_name
    text = (f"Hello,\n\nYour message about \"{t.subject}\" was waitlisted.\n\nPlease add yourself to my Guest List so your "
            f"messages will be delivered to my Inbox. Use the link below.\n\nClick to approve: "
            f"https://www.boxbe.com/anno?tc_serial={rng.randint(10**10, 10**11)}&tc_rand={rng.randint(10**9, 10**10)}&utm_source=stf\n\n"
            f"Thank you,\n{name}\n\nPowered by Boxbe -- \"Your Inbox is a Privilege\"\n")
    html = "<html><body><p>" + "<br>".join(text.splitlines()) + "</p><img src=\"https://www.boxbe.com/stfopen?tc_serial=1\"></body></html>"
    bnd = boundary(rng)
    body = multipart([part("text/plain", text, "utf-8", "quoted-printable"), part("text/html", html, "utf-8", "quoted-printable")], bnd, "")
    h = [("From", f"\"{name} (via Boxbe)\" <notify@boxbe.com>"), ("Reply-To", "notify@boxbe.com"), ("To", t.sender),
         ("Date", rfc2822(t.when, -8)), ("Subject", maybe_encode(rng, f"Request to join {name}'s Guest List (Action Required)")),
         ("Message-ID", f"<{rng.randint(10**8, 10**9)}.{rng.randint(10**5, 10**6)}.{int(t.when.timestamp() * 1000)}@boxbe.com>"),
         ("X-Boxbe-Trace", f"sid={lowhex(rng, 16)}"), ("Auto-Submitted", "auto-replied"),
         ("MIME-Version", "1.0"), ("Content-Type", f"multipart/alternative; boundary=\"{bnd}\"")]
    return h, body, "boxbe"


def spamarrest(rng, t: Trigger, host: str):
    text = (f"Hello {t.sender},\n\nIn an effort to control spam, I am now using Spam Arrest to verify all email sent to me. "
            "This is a one-time verification. Please click the link below to be added to my list of approved senders:\n\n"
            f"http://www.spamarrest.com/a2/{rng.randint(10**8, 10**9)}/{token(rng, 20)}\n\nThank you,\n{t.person}\n\n"
            f"Subject of your message: {t.subject}\n\n--\nPowered by Spam Arrest\n")
    h = [("From", f"{t.person_name} <{t.person}>"), ("Sender", "verify@spamarrest.com"), ("To", t.sender),
         ("Date", rfc2822(t.when, -8)), ("Subject", maybe_encode(rng, f"{t.subject} [Verify to deliver]")),
         ("Message-ID", f"<SA{rng.randint(10**9, 10**10)}.{token(rng, 8)}@spamarrest.com>"), ("Precedence", "bulk"),
         ("X-Spam-Arrest", "verify"), ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=us-ascii")]
    return h, text, "spamarrest"


def bluebottle(rng, t: Trigger, host: str):
    text = (f"The person you are trying to contact ({t.person}) uses Bluebottle to protect against spam.\n\n"
            f"Your message \"{t.subject}\" has been held. To deliver it, please verify yourself at:\n"
            f"http://www.bluebottle.com/verify.php?c={token(rng, 32)}\n\nThis verification is only required once.\n")
    h = [("From", f"Bluebottle <verification@bluebottle.com>"), ("To", t.sender), ("Date", rfc2822(t.when, 0)),
         ("Subject", maybe_encode(rng, f"Verification required: {t.subject}")),
         ("Message-ID", f"<{token(rng, 20)}@bluebottle.com>"), ("Auto-Submitted", "auto-replied"),
         ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=iso-8859-1")]
    return h, text, "bluebottle"


def sendio(rng, t: Trigger, host: str):
    text = (f"Please verify your email address.\n\nYou recently sent a message to {t.person}. To protect against spam, "
            "the recipient's organisation uses Sendio ICE. Click the link below to verify your address; you only need to "
            f"do this once.\n\nhttps://{host}/verify?t={token(rng, 40)}\n\nSubject: {t.subject}\n")
    h = [("From", f"\"{t.person_name}\" <{t.person}>"), ("To", t.sender), ("Date", rfc2822(t.when, -5)),
         ("Subject", maybe_encode(rng, "Please verify your email address")), ("X-Sendio-Verification", "1"),
         ("Message-ID", f"<sendio.{token(rng, 16)}@{host}>"), ("Auto-Submitted", "auto-replied"),
         ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8")]
    return h, text, "sendio"


def tmda(rng, t: Trigger, host: str, quoted_headers: str):
    cookie = f"{t.person.split('@')[0]}-confirm-{int(t.when.timestamp())}.{rng.randint(1000, 99999)}.{lowhex(rng, 6)}@{t.person.split('@')[1]}"
    text = (f"This message was created automatically by mail delivery software.\n\nYour message was not delivered to\n\n   {t.person}\n\n"
            "To complete delivery, reply to this message (a blank reply is fine) or send a message to\n\n"
            f"   {cookie}\n\nThis confirmation verifies that you are a real person and not a spammer.\n")
    bnd = boundary(rng)
    body = multipart([part("text/plain", text, "us-ascii"),
                      "Content-Type: message/rfc822\nContent-Description: Confirmation Request\n\n" + quoted_headers + "\n[message body suppressed]\n"], bnd)
    h = [("Date", rfc2822(t.when, -5)), ("From", f"{t.person_name} <{cookie}>"), ("To", t.sender),
         ("Subject", maybe_encode(rng, f"Please confirm your message ({t.subject})")),
         ("Message-ID", f"<{t.when.strftime('%Y%m%d%H%M%S')}.{rng.randint(1000, 99999)}.{rng.randint(100, 999)}.TMDA@{host}>"),
         ("In-Reply-To", t.message_id), ("X-Delivery-Agent", "TMDA/1.1.12 (Macallan)"), ("Auto-Submitted", "auto-replied"),
         ("Precedence", "bulk"), ("MIME-Version", "1.0"), ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\"")]
    return h, body, "tmda"


def boxtrapper(rng, t: Trigger, host: str, quoted_headers: str):
    key = lowhex(rng, 10)
    text = (f"The email account that you tried to reach requires verification before delivery.\n\n"
            f"To verify that you sent the message, reply to this email or click:\n"
            f"https://{host}:2096/cgi-sys/bxd.cgi?a={t.person}&m={key}\n\n"
            "The headers of the message sent from your address are shown below:\n\n" + quoted_headers)
    h = [("From", t.person), ("To", t.sender), ("Subject", f"verify#{key}"), ("Date", rfc2822(t.when, -5)),
         ("Message-Id", f"<E{token(rng, 6)}-{token(rng, 6)}-{token(rng, 2)}@{host}>"), ("Precedence", "bulk"),
         ("X-Boxtrapper", key), ("Auto-Submitted", "auto-replied"), ("MIME-Version", "1.0"),
         ("Content-Type", "text/plain; charset=us-ascii")]
    return h, text, "boxtrapper"


def mailinblack(rng, t: Trigger, host: str):
    text = (f"Bonjour,\n\nVous avez envoy\u00e9 un message \u00e0 {t.person}. Cette adresse est prot\u00e9g\u00e9e par "
            "Mailinblack. Afin que votre message soit d\u00e9livr\u00e9, merci de vous authentifier en cliquant sur le lien ci-dessous :\n\n"
            f"https://app.mailinblack.com/authentication?id={token(rng, 30)}\n\nObjet : {t.subject}\n")
    h = [("From", f"\"{t.person_name}\" <{t.person}>"), ("To", t.sender), ("Date", rfc2822(t.when, 1)),
         ("Subject", maybe_encode(rng, f"Authentification requise / Authentication required : {t.subject}")),
         ("Message-ID", f"<mib.{token(rng, 20)}@mailinblack.com>"), ("X-Mailinblack", "challenge"), ("Auto-Submitted", "auto-replied"),
         ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")]
    return h, encode_body(text, "utf-8", "quoted-printable"), "mailinblack"


SYSTEMS = {"choicemail": ("choicemail", 3), "boxbe": ("boxbe", 4), "spamarrest": ("spamarrest", 3), "bluebottle": ("bluebottle", 1),
           "sendio": ("sendio", 2), "tmda": ("tmda", 2), "boxtrapper": ("boxtrapper", 4), "mailinblack": ("mailinblack", 2)}


def challenge(rng: random.Random, system: str, t: Trigger, host: str, quoted_headers: str):
    if system == "tmda":
        return tmda(rng, t, host, quoted_headers)
    if system == "boxtrapper":
        return boxtrapper(rng, t, host, quoted_headers)
    return {"choicemail": choicemail, "boxbe": boxbe, "spamarrest": spamarrest, "bluebottle": bluebottle,
            "sendio": sendio, "mailinblack": mailinblack}[system](rng, t, host)


# which ones carry the original's headers
CARRIES = {"tmda": "rfc822", "boxtrapper": "inline"}
