"""The owner's ordinary mail: friends, the owner's own Sent mail and the genuine notices it causes, newsletters to
per-site aliases of the catch-all, plain spam, mail *about* bounces, the forwarder's own reports, DMARC aggregate
reports; and a little damage."""
from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import bounces, net, replies, spam
from .bounces import Ctx
from .net import Server, Zombie, hexid, rfc2822, token
from .spam import enc_subject
from .takeout import Item

GIVEN = ["Martin", "Claire", "Jonas", "Helen", "Ravi", "Ingrid", "Tomas", "Maya", "Felix", "Nora"]
FAMILY = ["Keller", "Lindqvist", "Okafor", "Brandt", "Moreau", "Hale", "Varga", "Sato", "Quint", "Ashby"]
FRIENDS = ["anna.berg", "mike.tanaka", "lou.perez", "sam.okoye", "jo.richter", "dani.costa", "pat.nguyen", "kim.olsen",
           "alex.romano", "chris.weber", "robin.moss", "eli.fischer"]
FRIEND_DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "gmx.de", "icloud.com", "proton.me", "web.de", "fastmail.com"]
TOPICS = ["Dinner on Saturday?", "Photos from the trip", "Re: the flat", "Book club", "Your bike", "Quick question",
          "Birthday plans", "Tax forms", "Running on Sunday", "Holiday dates", "Concert tickets", "Garden", "Moving boxes"]
SERVICES = [("amazon", "Amazon.de", "versandbestaetigung@amazon.de", "Ihre Bestellung wurde versandt"),
            ("github", "GitHub", "noreply@github.com", "[GitHub] A new SSH key was added to your account"),
            ("bank", "Sparkasse", "service@sparkasse.de", "Neue Nachricht in Ihrem Postfach"),
            ("news", "The Guardian", "newsletters@theguardian.com", "The Guardian Today"),
            ("shop", "IKEA", "news@ikea.com", "Neu im November"), ("airline", "Lufthansa", "newsletter@lufthansa.com", "Your next trip"),
            ("substack", "Platformer", "platformer@substack.com", "The week in tech"),
            ("strava", "Strava", "no-reply@strava.com", "Your weekly summary"),
            ("kickstarter", "Kickstarter", "no-reply@kickstarter.com", "Projects we love"),
            ("mailop", "mailop", "mailop@mailop.org", "[mailop] digest")]
ESPS = [("mail{n}.sendgrid.net", "167.89.{n}.{m}", "sendgrid.net"), ("mail{n}.mcsv.net", "198.2.{n}.{m}", "mcsv.net"),
        ("a{n}-{m}.smtp-out.amazonses.com", "54.240.{n}.{m}", "amazonses.com"), ("mail-{n}.mta.substack.com", "50.31.{n}.{m}", "substack.com")]


@dataclass
class Owner:
    name: str
    address: str
    gmail: str
    domain: str


def make_owner(rng: random.Random) -> Owner:
    first, last = rng.choice(GIVEN), rng.choice(FAMILY)
    domain = f"{last.lower()}{rng.choice(['haus', 'web', 'mail', 'net', '-family', 'land'])}.{rng.choice(['net', 'org', 'eu', 'de', 'me'])}"
    return Owner(f"{first} {last}", f"{first.lower()}@{domain}", f"{first.lower()}.{last.lower()}{rng.randint(10, 99)}@gmail.com",
                 domain)


def thread_id(rng: random.Random) -> int:
    return rng.randint(1_790_000_000_000_000_000, 1_849_999_999_999_999_999)


def _ham_label(style: str, kind: str = "ham", **extra) -> dict:
    return {"kind": kind, "is_backscatter": False, "campaign": None, "origin_ip": None, "relay_ip": None, "forged_hops": 0,
            "bouncer_ip": None, "product": None, "original": "none", "style": style, "reason": None, "recipient": None,
            **extra}


def _text_mail(rng, frm, to, subject, when, body, msgid=None, extra=(), tz=1):
    h = [("From", frm), ("To", to), ("Subject", enc_subject(subject)), ("Date", rfc2822(when, tz)),
         ("Message-ID", msgid or f"<{token(rng, 20)}@{frm.split('@')[-1].rstrip('>')}>"), *extra,
         ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "8bit")]
    return h, body


class Ordinary:
    def __init__(self, world):
        self.w = world
        self.rng = world.rng
        self.o = world.owner
        n = world.scale * world.days / 30
        self.n = lambda k: max(1, round(k * n))

    def when(self) -> datetime:
        return self.w.start + timedelta(seconds=self.rng.uniform(0, self.w.days * 86400))

    def friend(self) -> tuple[str, str, str]:
        """(address, display name, sending ip/host)."""
        local = self.rng.choice(FRIENDS)
        domain = self.rng.choice(FRIEND_DOMAINS)
        return f"{local}@{domain}", local.replace(".", " ").title(), domain

    def add(self, when, headers, body, label, labels, envelope, rcpt, via=True, peer=None, thread=None, own=()):
        self.w.items.append(Item(when, headers, body, label, labels, envelope, rcpt, via, peer, list(own),
                                 thread or thread_id(self.rng)))

    def peer_of(self, domain: str) -> tuple[str, str, str]:
        rng = self.rng
        ip = f"{rng.choice([209, 40, 74, 212, 17, 185])}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        host = f"mail-{token(rng, 6, string.ascii_lowercase)}.{domain}"
        return host, host, ip

    # --- friends and the owner's Sent mail ---------------------------------------------------------------------
    def personal(self) -> None:
        rng, o = self.rng, self.o
        for _ in range(self.n(230)):
            addr, name, dom = self.friend()
            t = self.when()
            to_vanity = rng.random() < 0.8
            subject = rng.choice(TOPICS)
            h, body = _text_mail(rng, f"{name} <{addr}>", o.address if to_vanity else o.gmail, subject, t,
                                 f"Hi {o.name.split()[0]},\n\n{rng.choice(['how are you?', 'see below.', 'any news?', 'are you free?'])}\n\n{name.split()[0]}\n")
            thread = thread_id(rng)
            self.add(t, h, body, _ham_label("ham-personal"), rng.choice([["Inbox", "Opened", "Category Personal"], ["Inbox", "Important", "Opened"]]),
                     addr, o.address if to_vanity else o.gmail, to_vanity, self.peer_of(dom), thread)
            if rng.random() < 0.5:
                msgid = next(v for k, v in h if k == "Message-ID")
                self.sent(addr, "Re: " + subject, t + timedelta(hours=rng.uniform(0.2, 30)), thread, reply_to=msgid)

    def sent(self, to: str, subject: str, t: datetime, thread: int | None = None, reply_to: str | None = None) -> tuple:
        rng, o = self.rng, self.o
        msgid = f"<CA{token(rng, 44)}@mail.gmail.com>"
        extra = [("In-Reply-To", reply_to), ("References", reply_to)] if reply_to else []
        h, body = _text_mail(rng, f"{o.name} <{o.address}>", to, subject, t,
                             f"{rng.choice(['Thanks!', 'Sounds good.', 'See you then.', 'Attached as promised.', 'Let me check.'])}\n\n"
                             f"{o.name.split()[0]}\n", msgid, extra, tz=1)
        thread = thread or thread_id(rng)
        self.add(t, h, body, _ham_label("sent", kind="sent"), ["Sent"] if rng.random() < 0.8 else ["Sent", "Opened"],
                 None, "", False, None, thread)
        return msgid, h, body, thread

    def sent_new(self) -> None:
        """Mail the owner writes; some of it bounces (typos, dead addresses) or meets an out-of-office, genuinely."""
        rng, o = self.rng, self.o
        for _ in range(self.n(90)):
            t = self.when()
            r = rng.random()
            if r < 0.12:
                good = rng.choice(FRIENDS) + "@" + rng.choice(["exmaple.com", "gmial.com", "oldcompany.de", "uni-alt.de", "hotmial.com"])
                msgid, h, body, thread = self.sent(good, rng.choice(TOPICS), t)
                self.genuine_bounce(good, msgid, h, body, thread, t)
            else:
                to = rng.choice(FRIENDS) + "@" + rng.choice(FRIEND_DOMAINS + ["firma-" + rng.choice(net.WORDS) + ".de"])
                msgid, h, body, thread = self.sent(to, rng.choice(TOPICS + ["Invoice question", "Meeting next week"]), t)
                if r < 0.24:
                    self.genuine_reply(to, msgid, h, body, thread, t)
                elif r < 0.25:
                    self.genuine_challenge(to, msgid, h, body, thread, t)

    def _owner_original(self, to: str, msgid: str, h: list, body: str, t: datetime, s: Server) -> spam.Original:
        rng = self.rng
        gm = Zombie(f"209.85.220.{rng.randint(10, 90)}", f"mail-sor-f{rng.randint(10, 90)}.google.com", "US",
                    f"mail-sor-f{rng.randint(10, 90)}.google.com", None)
        subject = next(v for k, v in h if k == "Subject")
        dummy = spam.Campaign("owner", spam.KITS["seo"], "owner", [], [gm], [], 0, 0, [], [(t, 1)], 0, "words", 0)
        orig = spam.Original(dummy, gm, None, self.o.address, to, subject, t, msgid, h, "text/plain", body, [])
        spam.path(rng, orig, net.mx_style(s.platform), s.host, s.tz, s.internal)
        return orig

    def genuine_bounce(self, to, msgid, h, body, thread, t) -> None:
        rng, o = self.rng, self.o
        if rng.random() < 0.5:
            # Gmail itself could not deliver (send-as through Gmail): its DSN lands in the account directly
            text = (f"** Address not found **\n\nYour message wasn't delivered to {to} because the address couldn't be "
                    f"found, or is unable to receive mail.\n\nLearn more here: https://support.google.com/mail/answer/6596\n\n"
                    f"The response from the remote server was:\n550 5.1.1 <{to}>: Recipient address rejected: User unknown\n")
            bnd = f"000000000000{hexid(rng, 16).lower()}"
            parts = [f"Content-Type: text/plain; charset=\"UTF-8\"\n\n{text}",
                     f"Content-Type: message/delivery-status\n\nReporting-MTA: dns; googlemail.com\nArrival-Date: {rfc2822(t)}\n\n"
                     f"Final-Recipient: rfc822; {to}\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.{to.split('@')[1]}\n"
                     f"Diagnostic-Code: smtp; 550 5.1.1 <{to}>: Recipient address rejected: User unknown\n",
                     "Content-Type: message/rfc822\n\n" + "".join(f"{k}: {v}\n" for k, v in h) + "\n" + body]
            ctype = f"multipart/report; boundary=\"{bnd}\"; report-type=delivery-status"
            nb = "".join(f"--{bnd}\n{p}\n" for p in parts) + f"--{bnd}--\n"
            when = t + timedelta(seconds=rng.uniform(3, 120))
            hh = [("From", "Mail Delivery Subsystem <mailer-daemon@googlemail.com>"), ("To", o.address),
                  ("Subject", "Delivery Status Notification (Failure)"), ("Date", rfc2822(when, -8)),
                  ("Message-ID", f"<{token(rng, 20)}.{rng.randint(10 ** 5, 10 ** 6)}@mx.google.com>"),
                  ("References", msgid), ("In-Reply-To", msgid), ("X-Failed-Recipients", to), ("Auto-Submitted", "auto-replied"),
                  ("MIME-Version", "1.0"), ("Content-Type", ctype)]
            label = _ham_label("genuine-gmail-dsn", kind="bounce", product="gmail", original="rfc822", reason="userunknown",
                               recipient=o.address)
            self.add(when, hh, nb, label, ["Inbox", "Opened"], "", o.gmail, False, None, thread)
            return
        s = net.server(rng, rng.choice(["postfix", "exchange", "exim", "cpanel", "qmail"]))
        s.domain = to.split("@")[1]
        orig = self._owner_original(to, msgid, h, body, t, s)
        ctx = Ctx(rng, s, orig, "userunknown", t + timedelta(seconds=rng.uniform(2, 600)), "rfc822")
        n = bounces.bounce(ctx)
        label = _ham_label("genuine-" + n.style, kind="bounce", product=n.product, original=n.original,
                           bouncer_ip=s.ip, reason="userunknown", recipient=o.address)
        self.add(ctx.when + timedelta(seconds=5), n.headers, n.body, label, ["Inbox", "Opened"], n.envelope, o.address, True,
                 (s.host, s.host, s.ip), thread, n.own_received)

    def genuine_reply(self, to, msgid, h, body, thread, t) -> None:
        rng, o = self.rng, self.o
        s = net.server(rng, rng.choice(["exchange", "exchange", "postfix", "cpanel", "zimbra", "exchange_online"]))
        s.domain = to.split("@")[1]
        orig = self._owner_original(to, msgid, h, body, t, s)
        ctx = Ctx(rng, s, orig, "vacation", t + timedelta(seconds=rng.uniform(2, 300)), "none")
        n = replies.autoreply(ctx)
        n.headers = [(k, v) for k, v in n.headers if k not in ("In-Reply-To", "References")] + [("In-Reply-To", msgid), ("References", msgid)]
        label = _ham_label("genuine-" + n.style, kind="autoreply", product=n.product, original=n.original, bouncer_ip=s.ip,
                           recipient=o.address)
        self.add(ctx.when + timedelta(seconds=4), n.headers, n.body, label, ["Inbox", "Opened"], n.envelope, o.address, True,
                 (s.host, s.host, s.ip), thread, n.own_received)

    def genuine_challenge(self, to, msgid, h, body, thread, t) -> None:
        rng, o = self.rng, self.o
        system = rng.choice(["spamarrest", "boxbe"])
        domain, host, ip = net.fixed(rng, net.CHALLENGERS, system)
        s = Server(ip, host, domain, "challenge:" + system, "en", 0, 1)
        orig = self._owner_original(to, msgid, h, body, t, s)
        ctx = Ctx(rng, s, orig, "challenge", t + timedelta(seconds=rng.uniform(5, 300)), "none")
        n = replies.challenge(ctx, system)
        label = _ham_label("genuine-" + n.style, kind="challenge", product=n.product, original=n.original, bouncer_ip=s.ip,
                           recipient=o.address)
        self.add(ctx.when + timedelta(seconds=4), n.headers, n.body, label, ["Inbox", "Opened"], n.envelope, o.address, True,
                 (s.host, s.host, s.ip), thread, n.own_received)

    # --- bulk mail -----------------------------------------------------------------------------------------------
    def newsletters(self) -> None:
        rng, o = self.rng, self.o
        for _ in range(self.n(320)):
            alias, brand, frm, subject = rng.choice(SERVICES)
            t = self.when()
            host, ip, espdom = rng.choice(ESPS)
            n_, m = rng.randint(1, 250), rng.randint(1, 254)
            host, ip = host.format(n=n_, m=m), ip.format(n=n_, m=m)
            to = f"{alias}@{o.domain}" if rng.random() < 0.75 else o.gmail
            bnd = boundary = f"_----{token(rng, 20)}"
            body = (f"--{bnd}\nContent-Type: text/plain; charset=utf-8\n\n{subject}\n\nRead online: https://{frm.split('@')[1]}/n/{token(rng, 8)}\n"
                    f"Unsubscribe: https://{frm.split('@')[1]}/u/{token(rng, 12)}\n\n--{bnd}\nContent-Type: text/html; charset=utf-8\n\n"
                    f"<html><body><h1>{subject}</h1><p><a href=\"https://{frm.split('@')[1]}/n/{token(rng, 8)}\">Read more</a></p>"
                    f"</body></html>\n\n--{bnd}--\n")
            env = f"bounces+{rng.randint(10 ** 5, 10 ** 6)}-{token(rng, 4)}={to.replace('@', '=')}@{espdom}"
            h = [("From", f"{brand} <{frm}>"), ("To", to), ("Subject", enc_subject(subject)), ("Date", rfc2822(t, 0)),
                 ("Message-ID", f"<{token(rng, 22)}@{espdom}>"), ("List-Unsubscribe", f"<https://{frm.split('@')[1]}/u/{token(rng, 12)}>"),
                 ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), ("Precedence", "bulk"),
                 ("Feedback-ID", f"{rng.randint(100, 999)}:{alias}:{espdom}"), ("MIME-Version", "1.0"),
                 ("Content-Type", f"multipart/alternative; boundary=\"{boundary}\"")]
            if alias == "mailop":
                h.append(("List-Id", "<mailop.mailop.org>"))
            self.add(t, h, body, _ham_label("ham-newsletter"), rng.choice([["Inbox", "Category Promotions", "Unread"],
                                                                            ["Inbox", "Category Updates", "Opened"], ["Archived", "Unread"]]),
                     env, to, to != o.gmail, (host, host, ip))

    def plain_spam(self) -> None:
        rng, o = self.rng, self.o
        for i in range(self.n(250)):
            t = self.when()
            z = net.zombie(rng)
            to = rng.choice([o.address, o.gmail, f"{token(rng, 6, string.ascii_lowercase)}@{o.domain}", f"info@{o.domain}"])
            kind = rng.random()
            if kind < 0.08:
                # phishing dressed as a bounce: to the owner, not caused by anything the owner sent
                subject = rng.choice(["Mail delivery failed: returning message to sender", "Undelivered Mail Returned to Sender",
                                      "Message Delivery Failure - 3 messages on hold"])
                body = (f"Dear {to},\n\nWe were unable to deliver 3 incoming messages to your mailbox due to a server error. "
                        f"Click below to release your pending messages:\n\nhttps://{token(rng, 8, string.ascii_lowercase)}.web.app/release\n\n"
                        f"Mail Delivery System\n")
                frm = f"Mail Delivery System <mailer-daemon@{to.split('@')[1]}>"
                style = "spam-fake-bounce"
            elif kind < 0.2:
                # the campaigns' own spam reaching the catch-all (forged From at the owner's domain)
                c = rng.choice(self.w.campaigns)
                orig = spam.compose(rng, c, o.domain, to, t)
                h = [(k, v) for k, v in orig.headers]
                self.add(t, h, orig.body, _ham_label("spam-campaign-direct", spam_campaign=c.cid), ["Spam"], orig.sender, to,
                         to != o.gmail, (z.helo, z.host, z.ip))
                continue
            else:
                subject = spam.spin(rng, rng.choice(["{Congratulations|Attention}! You {won|have been selected}",
                                                     "{Lose|Burn} {10|15|20} {lbs|kg} {fast|in 30 days}",
                                                     "Your {account|Netflix|PayPal} {is suspended|needs verification}",
                                                     "{Hot|Lonely} singles in your area", "Re: {invoice|payment} {N}"]))
                body = f"{subject}\n\nhttps://{token(rng, 9, string.ascii_lowercase)}.{rng.choice(['top', 'xyz', 'click'])}/{token(rng, 6)}\n"
                frm = f"{spam.local_part(rng, 'words')}@{rng.choice(net.WORDS)}{rng.randint(1, 99)}.{rng.choice(['com', 'net', 'info'])}"
                style = "spam-plain"
            h, b = _text_mail(rng, frm, to, subject, t, body)
            self.add(t, h, b, _ham_label(style), ["Spam"] if rng.random() < 0.85 else ["Inbox", "Unread"],
                     frm.split("<")[-1].rstrip(">"), to, to != o.gmail, (z.helo, z.host, z.ip))

    # --- mail about bounces, the forwarder's reports, DMARC aggregates --------------------------------------------
    def about_bounces(self) -> None:
        rng, o = self.rng, self.o
        for _ in range(self.n(5)):
            addr, name, dom = self.friend()
            t = self.when()
            c = rng.choice(self.w.campaigns)
            forged = spam.compose(rng, c, o.domain, addr, t - timedelta(hours=2))
            inner = forged.header_block() + "\n" + forged.body
            bnd = f"000000000000{hexid(rng, 16).lower()}"
            body = (f"--{bnd}\nContent-Type: text/plain; charset=\"UTF-8\"\n\nHi {o.name.split()[0]}, I got this from your domain - "
                    f"did you send it? Looks like spam. Maybe your account was hacked?\n\n--{bnd}\nContent-Type: message/rfc822\n\n"
                    f"{inner}\n--{bnd}--\n")
            h = [("From", f"{name} <{addr}>"), ("To", o.address), ("Subject", "Fwd: " + forged.subject),
                 ("Date", rfc2822(t, 1)), ("Message-ID", f"<CA{token(rng, 40)}@mail.gmail.com>"), ("MIME-Version", "1.0"),
                 ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\"")]
            self.add(t, h, body, _ham_label("ham-friend-forwards-forged-spam"), ["Inbox", "Opened", "Important"], addr, o.address,
                     True, self.peer_of(dom))
        for _ in range(self.n(4)):
            # a friend forwards a bounce *they* received for their own mail to the owner's old address
            addr, name, dom = self.friend()
            t = self.when()
            dead = f"{o.name.split()[0].lower()}@{o.name.split()[1].lower()}-old.de"
            s = net.server(rng, "postfix")
            inner_h, inner_b = _text_mail(rng, f"{name} <{addr}>", dead, "Hello!", t - timedelta(hours=1), "Hi there\n")
            fake = spam.Original(None, Zombie("209.85.220.41", "mail-sor-f41.google.com", "US", "mail-sor-f41.google.com", None),
                                 None, addr, dead, "Hello!", t - timedelta(hours=1), "<x@y>", inner_h, "text/plain", inner_b, [])
            spam.path(rng, fake, "postfix", s.host, 0, [])
            n = bounces.postfix(Ctx(rng, s, fake, "userunknown", t - timedelta(minutes=50), "rfc822"))
            inner = "".join(f"{k}: {v}\n" for k, v in n.headers) + "\n" + n.body
            bnd = f"000000000000{hexid(rng, 16).lower()}"
            body = (f"--{bnd}\nContent-Type: text/plain; charset=\"UTF-8\"\n\nYour old address bounces, see below. Which one "
                    f"should I use now?\n\n--{bnd}\nContent-Type: message/rfc822\n\n{inner}\n--{bnd}--\n")
            h = [("From", f"{name} <{addr}>"), ("To", o.address), ("Subject", "Fwd: Undelivered Mail Returned to Sender"),
                 ("Date", rfc2822(t, 1)), ("Message-ID", f"<CA{token(rng, 40)}@mail.gmail.com>"), ("MIME-Version", "1.0"),
                 ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\"")]
            self.add(t, h, body, _ham_label("ham-friend-forwards-bounce"), ["Inbox", "Opened"], addr, o.address, True,
                     self.peer_of(dom))
        for _ in range(self.n(6)):
            t = self.when()
            subject = rng.choice(["[mailop] Backscatter from forged envelope senders", "[mailop] Undelivered Mail Returned to "
                                  "Sender floods after SPF change", "Re: [mailop] Should I publish p=reject to stop bounces?"])
            body = ("> I'm getting hundreds of 'Mail delivery failed: returning message to sender' and\n> 'Undeliverable:' "
                    "messages for mail I never sent. They all say\n>   550 5.1.1 User unknown\n\nThat's backscatter: someone "
                    "forges your domain as the envelope sender. Publish SPF -all and DMARC p=reject, and ask the bouncing "
                    "sites to reject at SMTP time instead of accepting and bouncing later.\n\n-- \nmailop mailing list\n"
                    "mailop@mailop.org\nhttps://list.mailop.org/listinfo/mailop\n")
            h, b = _text_mail(rng, f"{rng.choice(['Bill', 'Laura', 'Grant'])} <{rng.choice(FRIENDS)}@{rng.choice(['isp.example.net', 'kundenserver.de', 'mailhost.org'])}>",
                              "mailop@mailop.org", subject, t, body,
                              extra=[("List-Id", "<mailop.mailop.org>"), ("Precedence", "list"), ("Sender", "\"mailop\" <mailop-bounces@mailop.org>")])
            self.add(t, h, b, _ham_label("ham-list-about-bounces"), ["Inbox", "Unread"], "mailop-bounces@mailop.org",
                     f"mailop@{o.domain}", True, ("list.mailop.org", "list.mailop.org", "46.4.64.186"))
        fwd = self.w.fwd
        for i in range(self.n(4)):
            t = self.when()
            body = (f"Hello {o.name.split()[0]},\n\nHere is your weekly summary for {o.domain}:\n\n  Forwarded: {rng.randint(300, 900)}\n"
                    f"  Rejected as spam: {rng.randint(50, 400)}\n  Bounces received for addresses you never use: "
                    f"{rng.randint(100, 700)}\n\nTip: disable the catch-all alias to stop receiving delivery failures for "
                    f"mail you did not send.\n\nThe {fwd.name} team\n")
            h, b = _text_mail(rng, f"{fwd.name} <noreply@{fwd.srs_domain}>", o.address, f"Your weekly {fwd.name} report", t, body)
            self.add(t, h, b, _ham_label("ham-forwarder-report"), ["Inbox", "Category Updates", "Opened"], f"noreply@{fwd.srs_domain}",
                     o.address, False, (fwd.mx[0][0], fwd.mx[0][0], fwd.mx[0][1]))
        # DMARC aggregate reports (rua): daily, about all mail claiming the domain; not about one message
        for d in range(self.n(30)):
            t = self.w.start + timedelta(days=d % self.w.days, hours=rng.uniform(0, 10))
            rid = str(rng.randint(10 ** 18, 10 ** 19))
            reporter = rng.choice([("google.com", "noreply-dmarc-support@google.com"), ("yahoo.com", "dmarchelp@yahooinc.com"),
                                   ("Outlook.com", "dmarcreport@microsoft.com")])
            bnd = f"000000000000{hexid(rng, 16).lower()}"
            fname = f"{reporter[0].lower()}!{o.domain}!{int(t.timestamp()) - 86400}!{int(t.timestamp())}.zip"
            body = (f"--{bnd}\nContent-Type: application/zip; name=\"{fname}\"\nContent-Disposition: attachment; filename=\"{fname}\"\n"
                    f"Content-Transfer-Encoding: base64\n\n" + "\n".join(token(rng, 76, string.ascii_letters + string.digits + "+/")
                                                                         for _ in range(4)) + f"\n--{bnd}--\n")
            h = [("From", reporter[1]), ("To", f"dmarc@{o.domain}"),
                 ("Subject", f"Report domain: {o.domain} Submitter: {reporter[0]} Report-ID: {rid}"), ("Date", rfc2822(t, 0)),
                 ("Message-ID", f"<{rid}@{reporter[0].lower()}>"), ("MIME-Version", "1.0"),
                 ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\"")]
            self.add(t, h, body, _ham_label("ham-dmarc-aggregate"), ["Inbox", "Category Updates", "Unread"], reporter[1],
                     f"dmarc@{o.domain}", True, self.peer_of(reporter[0].lower()))


def add_ordinary(world) -> None:
    o = Ordinary(world)
    o.personal()
    o.sent_new()
    o.newsletters()
    o.plain_spam()
    o.about_bounces()


DAMAGE = ["nodate", "raw8bit", "longline", "lostboundary", "nodate", "longline", "lostboundary", "raw8bit"]


def damage(world) -> None:
    """A few messages come out of the export damaged; their labels do not change."""
    rng = world.rng
    picks = rng.sample(range(len(world.items)), min(len(world.items), max(2, round(len(DAMAGE) * world.scale))))
    for kind, i in zip(DAMAGE, picks):
        it = world.items[i]
        if kind == "nodate":
            it.headers = [(k, v) for k, v in it.headers if k != "Date"]
        elif kind == "raw8bit":
            it.headers = [(k, "@@RAW@@ " + v if k == "Subject" else v) for k, v in it.headers]
        elif kind == "longline":
            it.body = it.body.rstrip("\n") + "\n" + "x" * 3000 + " " + "=" * 4000 + "\n"
        elif kind == "lostboundary":
            ct = next((v for k, v in it.headers if k == "Content-Type"), "")
            if "boundary=" not in ct:
                it.body = it.body[: len(it.body) // 2]
                kind = "truncated"
            else:
                it.headers = [(k, v.replace("boundary=\"", "boundary=\"lost") if k == "Content-Type" else v) for k, v in it.headers]
        it.damage = kind
