"""The owner's ordinary mail: friends and colleagues, their own Sent mail, newsletters, lists, service
notices, plain spam in the Spam label, phishing dressed as a bounce, mail ABOUT bounces, and the
genuine notices to what the owner really sent."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .spam import Spam
from .world import HEX, Owner, b64, encoded_word, ip_in, rfc2822, token

FRIENDS = [("Maya Olsen", "maya.olsen@gmail.com", "209.85.", "mail-sor-f69.google.com"),
           ("Jonas Weber", "j.weber@web.de", "212.227.15.", "mout.web.de"),
           ("Chloé Martin", "chloe.martin@orange.fr", "80.12.242.", "smtp05.smtpout.orange.fr"),
           ("Dev Patel", "dev@patel-consulting.co.uk", "40.107.", "mail-db8eur05on2100.outbound.protection.outlook.com"),
           ("Sara Lindgren", "sara.lindgren@outlook.com", "40.92.", "mail-vi1eur04olkn2050.outbound.protection.outlook.com"),
           ("Kenji Mori", "kenji.mori@icloud.com", "17.58.", "st43p00im-ztfb10061701.me.com"),
           ("Alex Romero", "alex@romero-design.es", "51.75.", "mail.romero-design.es")]
TOPICS = ["Dinner on Friday?", "Photos from the trip", "Re: invoice for the website work", "Contract draft v3",
          "Quick question about the logo", "Meeting notes", "Kaffee nächste Woche?", "Happy birthday!", "Flat viewing",
          "Re: Your quote", "Tickets for Saturday", "Draft for review", "Rendez-vous jeudi"]
NEWSLETTERS = [("The Verge", "newsletter@theverge.com", "sendgrid.net", "167.89."), ("Patagonia", "patagonia@email.patagonia.com", "mcsv.net", "198.2."),
               ("GitHub", "noreply@github.com", "github.com", "192.30.252."), ("Substack Weekly", "weekly@substack.com", "mailgun.net", "69.72."),
               ("Deutsche Bahn", "noreply@bahn.de", "bahn.de", "81.200."), ("Booking.com", "email.campaign@sg.booking.com", "booking.com", "5.57.")]
LISTS = [("python-dev", "python-dev.python.org", "mail.python.org", "188.166.95."),
         ("postfix-users", "postfix-users.postfix.org", "russian-caravan.cloud9.net", "168.100.3."),
         ("mailop", "mailop.mailop.org", "mail.mailop.org", "176.9.")]
PHISH = ["Mail delivery failed: 4 incoming messages pending", "Your mailbox is full - action required",
         "Undelivered messages: verify your account", "Security alert for your account"]


@dataclass
class Piece:
    """A message to put in the export: its text, how it arrived, its labels."""
    text: str
    when: datetime
    kind: str
    labels: list[str]
    sender: str = ""                   # envelope sender
    hand: tuple[str, str, str] | None = None    # (host, ip, helo) handing it to the forwarder; None: not forwarded
    rcpt: str = ""
    extra: dict = field(default_factory=dict)   # further label fields


def _msg(frm: str, to: str, subject: str, when: datetime, mid: str, body: str, ctype: str = "text/plain; charset=utf-8",
         extra: str = "") -> str:
    return (f"From: {frm}\nTo: {to}\nSubject: {encoded_word(subject)}\nDate: {rfc2822(when)}\nMessage-ID: {mid}\n{extra}"
            f"MIME-Version: 1.0\nContent-Type: {ctype}\n\n{body}")


def personal(rng: random.Random, owner: Owner, when: datetime) -> tuple[Piece, Piece | None, Spam | None]:
    """A friend's mail, and maybe the owner's reply (Sent) — with the reply as a Spam-like original for genuine notices."""
    name, addr, prefix, host = rng.choice(FRIENDS)
    subject = rng.choice(TOPICS)
    mid = f"<CA+{token(rng, 30)}@mail.gmail.com>" if "gmail" in addr else f"<{token(rng, 20, HEX)}@{addr.split('@')[1]}>"
    body = rng.choice(["Hi,\n\nare you free on Friday evening? Let me know.\n\nCheers\n", "Hallo,\n\nanbei die Unterlagen. Viele Grüße\n",
                       "Hey! Here are the photos, finally.\n", "Could you have a look at the attached draft before Monday?\n"])
    if rng.random() < 0.2:  # HTML-only, base64
        text = _msg(f"{encoded_word(name)} <{addr}>", owner.address, subject, when, mid, b64(f"<html><body><p>{body}</p></body></html>"),
                    "text/html; charset=utf-8\nContent-Transfer-Encoding: base64")
    else:
        text = _msg(f"{encoded_word(name)} <{addr}>", owner.address, subject, when, mid, body)
    inbound = Piece(text, when, "ham", ["Inbox", "Category Personal"] + (["Opened"] if rng.random() < 0.8 else []), addr,
                    (host, ip_in(rng, prefix), host), owner.address)
    if rng.random() < 0.55:
        t = when + timedelta(hours=rng.uniform(0.3, 30))
        rmid = f"<CA+{token(rng, 34)}@mail.gmail.com>"
        rsub = subject if subject.startswith("Re:") else f"Re: {subject}"
        target = addr if rng.random() > 0.12 else addr.replace("@", "x@") if rng.random() < 0.5 else addr.split("@")[0] + "@" + addr.split("@")[1].replace(".", "", 1)
        rtext = _msg(f"{owner.name} <{owner.address}>", target, rsub, t, rmid, "Sounds good, thanks!\n\n-- \n" + owner.name + "\n",
                     extra=f"In-Reply-To: {mid}\nReferences: {mid}\n")
        sent = Piece(rtext, t, "sent", ["Sent"], rcpt=target)
        head = (f"Received: by mail-sor-f41.google.com with SMTP id {token(rng, 10)}; {rfc2822(t)}\n"
                + rtext.split("\n\n", 1)[0] + "\n")
        original = Spam(None, head, "Sounds good, thanks!\n", "text/plain; charset=utf-8", rmid.strip("<>"), rsub, t, None, None, None,
                        0, owner.address, target, "none")
        return inbound, sent, original
    return inbound, None, None


def sent_new(rng: random.Random, owner: Owner, when: datetime) -> tuple[Piece, Spam]:
    """The owner writes first (to businesses, forms, people) — some of these bounce or get auto-replies."""
    who = rng.choice(["info@hotel-alpenblick.at", "kontakt@schreinerei-holz.de", "sales@printshop.co.uk", "j.doe@oldcompany.com",
                      "hello@studio-nine.io", "reservations@trattoria-da-mario.it", "support@webhost-example.net", "anna.k@gmx.de"])
    subject = rng.choice(["Booking request for March", "Anfrage Angebot", "Question about my order", "Catching up", "Portfolio link",
                          "Invoice 2026-014", "Reservation for 4 people"])
    mid = f"<CA+{token(rng, 34)}@mail.gmail.com>"
    text = _msg(f"{owner.name} <{owner.address}>", who, subject, when, mid, "Hello,\n\nplease see my question below.\n\nBest,\n" + owner.name + "\n")
    head = f"Received: by mail-sor-f41.google.com with SMTP id {token(rng, 10)}; {rfc2822(when)}\n" + text.split("\n\n", 1)[0] + "\n"
    return Piece(text, when, "sent", ["Sent"], rcpt=who), Spam(None, head, "Hello,\n", "text/plain; charset=utf-8", mid.strip("<>"),
                                                               subject, when, None, None, None, 0, owner.address, who, "none")


def newsletter(rng: random.Random, owner: Owner, when: datetime) -> Piece:
    name, addr, esp, prefix = rng.choice(NEWSLETTERS)
    mid = f"<{token(rng, 24)}@{esp}>"
    b = f"----={token(rng, 20)}"
    body = (f"--{b}\nContent-Type: text/plain; charset=utf-8\n\nThis week's highlights... View in browser.\n\nUnsubscribe: https://{esp}/u/{token(rng, 20)}\n"
            f"--{b}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n<html><body><table width=3D\"600\"><tr><td>Highlights</td></tr></table></body></html>\n--{b}--\n")
    extra = (f"List-Unsubscribe: <https://{esp}/u/{token(rng, 20)}>, <mailto:unsub-{token(rng, 10)}@{esp}>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
             f"Precedence: bulk\nFeedback-ID: {rng.randint(1000, 9999)}:{rng.randint(100, 999)}:{esp}\n"
             + ("Auto-Submitted: auto-generated\n" if name == "GitHub" else ""))
    text = _msg(f"{name} <{addr}>", owner.address, rng.choice(["Your weekly digest", "New arrivals", "[repo] Issue #12 closed", "Your trip is coming up",
                                                               "Ihre Buchungsbestätigung", "Security alert: new sign-in"]), when, mid, body,
                f"multipart/alternative; boundary=\"{b}\"", extra)
    host = f"o{rng.randint(1, 99)}.{esp}"
    return Piece(text, when, "ham", ["Inbox", rng.choice(["Category Promotions", "Category Updates"])], f"bounces+{token(rng, 8)}@{esp}",
                 (host, ip_in(rng, prefix), host), owner.address)


def mailing_list(rng: random.Random, owner: Owner, when: datetime) -> Piece:
    lname, lid, host, prefix = rng.choice(LISTS)
    domain = lid.split(".", 1)[1]
    poster = rng.choice(["Wietse Venema <wietse@porcupine.org>", "Someone <someone@example.org>", "Viktor <viktor@example.net>"])
    subject = rng.choice([f"[{lname}] Re: bounce handling question", f"[{lname}] backscatter from forged senders",
                          f"[{lname}] Re: SPF and forwarding", f"[{lname}] DSN format question"])
    text = _msg(poster, f"{lname}@{domain}", subject, when, f"<{token(rng, 16, HEX)}@{domain}>",
                "> Why do I get all these \"Undelivered Mail Returned to Sender\" for mail I never sent?\n\nThat is backscatter; reject at SMTP time instead.\n",
                extra=f"List-Id: <{lid}>\nList-Post: <mailto:{lname}@{domain}>\nPrecedence: list\nSender: \"{lname}\" <{lname}-bounces+owner={owner.domain}@{domain}>\n")
    return Piece(text, when, "ham", ["Inbox", "Category Forums"], f"{lname}-bounces+{owner.local}={owner.domain}@{domain}",
                 (host, ip_in(rng, prefix), host), owner.address)


def plain_spam(rng: random.Random, owner: Owner, when: datetime) -> Piece:
    """Spam TO the owner (not backscatter), some dressed as a bounce or quota warning."""
    ip = f"{rng.randint(31, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    phish = rng.random() < 0.35
    subject = rng.choice(PHISH) if phish else rng.choice(["You won!", "Cheap meds", "Business proposal", "Re: your invoice", "Hot singles"])
    frm = (f"\"Mail Delivery System\" <postmaster@{owner.domain}>" if phish and rng.random() < 0.5 else
           f"\"{rng.choice(['Admin', 'Support', 'Lisa'])}\" <{token(rng, 7, 'abcdefghijklmnopqrstuvwxyz')}@{rng.choice(['outlook.com', 'mail.ru', 'example-shop.xyz'])}>")
    body = (f"Dear {owner.address},\n\nMessage delivery failed for 4 incoming messages. Click below to release them:\nhttp://{token(rng, 8, 'abcdefghijklmnopqrstuvwxyz')}.web.app/release\n"
            if phish else "Best offer! http://spam.example.top/\n")
    text = _msg(frm, owner.address, subject, when, f"<{token(rng, 20)}@{token(rng, 6, 'abcdefghijklmnopqrstuvwxyz')}.com>", body)
    return Piece(text, when, "ham", ["Spam"], f"{token(rng, 6)}@{token(rng, 6, 'abcdefghijklmnopqrstuvwxyz')}.com", (f"unknown", ip, f"[{ip}]"), owner.address)


def about_bounces(rng: random.Random, owner: Owner, when: datetime, bounce_text: str | None) -> Piece:
    """A human writing about bounces: a friend forwarding one, or the forwarder's support answering a ticket."""
    name, addr, prefix, host = rng.choice(FRIENDS)
    if bounce_text and rng.random() < 0.6:
        b = f"000000000000{token(rng, 16, HEX)}"
        body = (f"--{b}\nContent-Type: text/plain; charset=UTF-8\n\nHi, I got this weird bounce mentioning your domain — did you send something to me? It looks like spam.\n\n"
                f"---------- Forwarded message ---------\n\n--{b}\nContent-Type: message/rfc822\nContent-Disposition: attachment\n\n{bounce_text}\n--{b}--\n")
        text = _msg(f"{name} <{addr}>", owner.address, "Fwd: Undelivered Mail Returned to Sender", when, f"<CA+{token(rng, 30)}@mail.gmail.com>",
                    body, f"multipart/mixed; boundary=\"{b}\"")
        style = "forwarded-bounce"
    else:
        text = _msg(f"Support <support@{owner.forwarder[0]}>", owner.address, f"Re: [#{rng.randint(10000, 99999)}] Lots of bounces for mail I did not send",
                    when, f"<{token(rng, 20)}@{owner.forwarder[0]}>",
                    "Hello,\n\nthe bounces you see are backscatter: spammers forge your domain. Publishing SPF with -all and a DMARC policy of "
                    "p=reject will make receiving servers reject forged mail instead of bouncing it.\n\nKind regards\n")
        style, addr, host = "ham-about-bounces", f"support@{owner.forwarder[0]}", owner.forwarder[2]
    return Piece(text, when, "ham", ["Inbox", "Important"], addr, (host, ip_in(rng, prefix), host), owner.address, {"style": style})


RUA_REPORTERS = [("noreply-dmarc-support@google.com", "google.com", "mail-sor-f73.google.com", "209.85.", "application/zip", "zip"),
                 ("dmarcreport@microsoft.com", "Enterprise Outlook", "mail-dm6nam12on2041.outbound.protection.outlook.com", "40.107.", "application/gzip", "xml.gz"),
                 ("dmarc_support@corp.mail.ru", "Mail.Ru", "f{n}.i.mail.ru", "94.100.", "application/gzip", "xml.gz")]


def dmarc_aggregate(rng: random.Random, owner: Owner, when: datetime) -> Piece:
    """A DMARC aggregate report the owner asked for (rua): solicited, periodic, not about one message — ham."""
    addr, org, host, prefix, ctype, ext = rng.choice(RUA_REPORTERS)
    start = int(when.timestamp()) // 86400 * 86400 - 86400
    rid = str(rng.randint(10 ** 18, 10 ** 19))
    name = f"{addr.split('@')[1]}!{owner.domain}!{start}!{start + 86399}.{ext}"
    b = f"{token(rng, 28, HEX)}"
    body = (f"--{b}\nContent-Type: text/plain; charset=utf-8\n\nThis is an aggregate report from {org}.\n\n"
            f"--{b}\nContent-Type: {ctype}; name=\"{name}\"\nContent-Disposition: attachment; filename=\"{name}\"\nContent-Transfer-Encoding: base64\n\n"
            f"{b64(token(rng, 300))}\n--{b}--\n")
    text = _msg(addr, f"dmarc@{owner.domain}", f"Report domain: {owner.domain} Submitter: {addr.split('@')[1]} Report-ID: {rid}", when,
                f"<{rid}@{addr.split('@')[1]}>", body, f"multipart/mixed; boundary=\"{b}\"")
    h = host.format(n=rng.randint(10, 99))
    return Piece(text, when, "ham", ["Inbox", "Category Updates"], addr, (h, ip_in(rng, prefix), h), f"dmarc@{owner.domain}",
                 {"style": "dmarc-aggregate"})
