"""Everything in the inbox that is NOT backscatter, and the owner's own sent mail.

The owner's Sent mail (Gmail "send mail as" the vanity address); friends' replies; newsletters and
notifications built on the same HTML boilerplate and shorteners as the spam; mailing lists (one
discussing bounce handling); plain spam addressed to the owner (some from the same botnets, some
with the same generic subjects as the runs); genuine notifications about the owner's real mail
(a typo'd address bounces, a colleague is out of office, a recipient's challenge system asks);
a friend forwarding a bounce they got; the forwarding provider's own reports; DMARC aggregate
reports.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from . import botnet, bounces, feedback, responders, servers
from .responders import Trigger
from .world import (Mail, Owner, boundary, encode_body, label, maybe_encode, msgid, multipart, part, rfc2822, token)

PROVIDER_OUT = {
    "gmail.com": ("mail-{x}.google.com", "209.85.{a}.{b}"), "yahoo.com": ("sonic{n}-{m}.consmr.mail.ne1.yahoo.com", "66.163.{a}.{b}"),
    "outlook.com": ("mail-{x}.outbound.protection.outlook.com", "40.92.{a}.{b}"),
    "hotmail.com": ("mail-{x}.outbound.protection.outlook.com", "40.92.{a}.{b}"),
    "gmx.de": ("mout.gmx.net", "212.227.17.{b}"), "web.de": ("mout.web.de", "212.227.15.{b}"),
    "icloud.com": ("qs51p00im-qukt01071501.me.com", "17.57.{a}.{b}"), "proton.me": ("mail-{x}.protonmail.ch", "185.70.{a}.{b}"),
    "fastmail.com": ("fout-{x}.smtp.messagingengine.com", "103.168.172.{b}"),
}
ESPS = [("mcsv.net", "mail{n}.atl{m}.mcsv.net", "198.2.{a}.{b}", "Mailchimp"),
        ("sendgrid.net", "o{n}.ptr{m}.sendgrid.net", "167.89.{a}.{b}", "SendGrid"),
        ("amazonses.com", "a{n}-{m}.smtp-out.amazonses.com", "54.240.{a}.{b}", "Amazon SES"),
        ("sparkpostmail.com", "mta-{n}-{m}.sparkpostmail.com", "192.174.{a}.{b}", "SparkPost")]
NEWSLETTERS = [("The Weekly Digest", "news@weeklydigest-news.com"), ("Bookshop Deals", "offers@bookhaven-store.com"),
               ("City Runners Club", "info@cityrunners.org"), ("Travel Ideas", "newsletter@travel-ideas.eu"),
               ("Hardware Store", "deals@toolworks-shop.com"), ("Airline Miles", "miles@skyways-air.com"),
               ("Local Theatre", "tickets@stadttheater-nord.de"), ("Tech Briefing", "briefing@techdaily-brief.com")]
NOTIFIERS = [("GitHub", "notifications@github.com", "[{r}] {t} (#{n})"), ("Bank", "alerts@northbank-online.com", "Your statement is ready"),
             ("Amazon.de", "versandbestaetigung@amazon.de", "Ihre Bestellung wurde versandt"),
             ("Google Calendar", "calendar-notification@google.com", "Reminder: {t} @ {h}:00"),
             ("LinkedIn", "messages-noreply@linkedin.com", "You appeared in {n} searches this week"),
             ("PayPal", "service@paypal.de", "Sie haben eine Zahlung gesendet")]
LISTS = [("debian-user", "lists.debian.org", "mailman"), ("photo-club", "groups.io", "groupsio"),
         ("postfix-users", "postfix.org", "mailman3")]
TOPICS = ["dinner on Saturday", "the photos from last week", "invoice for March", "your CV", "flat viewing",
          "quick question", "the kids' school trip", "conference travel", "bike repair", "birthday plans",
          "contract draft", "meeting notes", "book recommendation", "tax documents"]


def _ip(rng, pattern: str) -> str:
    return pattern.format(a=rng.randint(1, 254), b=rng.randint(1, 254))


def provider_out(rng, address: str) -> tuple[str, str]:
    dom = address.split("@")[1]
    host, ip = PROVIDER_OUT.get(dom, (f"mail.{dom}", f"{80 + sum(map(ord, dom)) % 100}.{{a}}.44.{{b}}"))
    return host.format(x=token(rng, 6).lower(), n=rng.randint(100, 400), m=rng.randint(1, 40)), _ip(rng, ip)


def _ham_label(kind="ham", **kw) -> dict:
    return label(kind=kind, is_backscatter=False if kind != "sent" else None, **kw)


def _text_mail(rng, frm, to, subject, text, when, extra=(), charset="utf-8", cte=None, mid_host="mail.gmail.com") -> Mail:
    cte = cte or rng.choice(["7bit" if text.isascii() else "quoted-printable", "quoted-printable", "base64"])
    headers = [("From", frm), ("To", to), ("Subject", maybe_encode(rng, subject)), ("Date", rfc2822(when, rng.choice((0, 1, 2, -5, -8)))),
               ("Message-ID", msgid(rng, mid_host, "gmail" if "gmail" in mid_host else "plain")), ("MIME-Version", "1.0"),
               *extra, ("Content-Type", f"text/plain; charset=\"{charset}\""), ("Content-Transfer-Encoding", cte)]
    return Mail(headers, encode_body(text, charset, cte))


class HamMaker:
    def __init__(self, rng: random.Random, owner: Owner, begin: datetime, days: int, scale: float):
        self.rng, self.owner, self.begin, self.days, self.scale = rng, owner, begin, days, scale
        self.mails: list[Mail] = []

    def when(self) -> datetime:
        return self.begin + timedelta(seconds=self.rng.uniform(0, self.days * 86400))

    def n(self, per_month: int) -> int:
        return max(1, round(per_month * self.scale * self.days / 30))

    def add(self, mail: Mail, arrived: datetime, labels: str, sender_ip=None, sender_host=None, env_from="",
            via=True, **lab):
        mail.arrived, mail.gmail_labels, mail.via_forwarder = arrived, labels, via
        mail.sender_ip, mail.sender_host, mail.envelope_from = sender_ip, sender_host, env_from
        mid = mail.header("Message-ID") or mail.header("Message-Id")
        mail.label = {**_ham_label(**lab), "message_id": mid}
        self.mails.append(mail)
        return mail

    # --- the owner's own conversations -----------------------------------------------------
    def conversations(self) -> list[tuple[Mail, str, str]]:
        """Sent mail, the friends' answers; returns (sent mail, recipient, subject) for genuine notices."""
        rng, o = self.rng, self.owner
        sent = []
        for _ in range(self.n(120)):
            name, addr = rng.choice(o.friends + [("Office", f"office@{rng.choice(['kanzlei-roth.de', 'acme-engineering.co.uk'])}")])
            topic = rng.choice(TOPICS)
            when = self.when()
            subject = rng.choice(["", "Re: ", "Fwd: "]) + topic[0].upper() + topic[1:]
            text = f"Hi {name.split()[0]},\n\nabout {topic}: {rng.choice(['sounds good', 'let me check', 'see attached', 'thanks!'])}.\n\n{o.first}\n"
            m = _text_mail(rng, f"{o.display} <{o.address}>", f"{name} <{addr}>", subject, text, when)
            thread = rng.randint(10**18, 2 * 10**18)
            m.thread = thread
            self.add(m, when, rng.choice(["Sent", "Sent", "Opened,Sent"]), kind="sent", via=False)
            sent.append((m, addr, subject))
            if rng.random() < 0.75:  # the answer
                back = when + timedelta(minutes=rng.randint(5, 3000))
                rtext = (f"Hi {o.first},\n\n{rng.choice(['Great, thanks.', 'Will do.', 'See you then!', 'Attached.'])}\n\n{name.split()[0]}\n\n"
                         f"On {rfc2822(when)}, {o.display} <{o.address}> wrote:\n> " + text.replace("\n", "\n> "))
                r = _text_mail(rng, f"{name} <{addr}>", f"{o.display} <{o.address}>", "Re: " + subject.removeprefix("Re: "), rtext, back,
                               extra=[("In-Reply-To", m.header("Message-ID")), ("References", m.header("Message-ID"))])
                r.thread = thread
                host, ip = provider_out(rng, addr)
                self.add(r, back + timedelta(seconds=rng.randint(2, 30)), rng.choice(["Inbox,Opened", "Inbox,Opened,Important"]),
                         ip, host, addr)
        return sent

    def genuine_notices(self, sent: list[tuple[Mail, str, str]], pool: list[servers.Bouncer]) -> None:
        """Bounces, out-of-office replies and challenges caused by mail the owner really sent."""
        rng, o = self.rng, self.owner
        picks = rng.sample(sent, min(len(sent), self.n(18)))
        for i, (m, addr, subject) in enumerate(picks):
            when = m.arrived + timedelta(seconds=rng.randint(3, 900))
            trigger_id = m.header("Message-ID")
            role = i % 6
            if role in (0, 1):  # Gmail's own DSN: sent through Gmail, the typo'd address does not exist
                typo = addr.split("@")[0] + rng.choice(["x", "", "1"]) + "@" + addr.split("@")[1].replace("o", "oo", 1)
                spam_like = _fake_spam_obj(rng, o, typo, subject, trigger_id, m, when)
                b = servers.make_bouncer(rng, "gmail", set())
                ctx = bounces.Ctx(rng, b, spam_like, when, "host_unknown" if role else "user_unknown", "rfc822", [])
                h, body = bounces.gmail(ctx)
                h = [(k, v.replace(spam_like.sender, o.gmail) if k == "To" else v) for k, v in h]
                mail = Mail(h, body, thread=m.thread)
                self.add(mail, when, "Inbox", None, None, "", via=False, kind="bounce", style="gmail-own-dsn", product="gmail",
                         reason=ctx.reason, status=ctx.status, recipient=typo, original="rfc822", orig_message_id=trigger_id,
                         orig_subject=subject)
            elif role == 2:  # a remote Postfix/Exchange bounce to the vanity address (the envelope was the vanity address)
                b = rng.choice([x for x in pool if x.family in ("postfix", "o365", "exim")])
                rcpt = f"{addr.split('@')[0]}@{b.domain}"
                spam_like = _fake_spam_obj(rng, o, rcpt, subject, trigger_id, m, when)
                ctx = bounces.Ctx(rng, b, spam_like, when, "mailbox_full", b.original if b.original != "none" else "headers",
                                  [f"from mail-{token(rng, 5).lower()}.google.com (mail-{token(rng, 5).lower()}.google.com [209.85.{rng.randint(128, 255)}.{rng.randint(1, 254)}])\n\tby {b.mx_host} (Postfix) with ESMTPS id {token(rng, 10, '0123456789ABCDEF')}\n\tfor <{rcpt}>; {rfc2822(when)}"])
                h, body, style = bounces.render(ctx)
                out_host, out_ip = b.sender(rng)
                self.add(Mail(h, body, thread=m.thread), when, "Inbox", out_ip, out_host, "", kind="bounce", style=style + "-own",
                         product=b.product, reason=ctx.reason, status=ctx.status, recipient=rcpt,
                         original=bounces.carried(b.family, ctx.original, ctx.reason), orig_message_id=trigger_id, orig_subject=subject,
                         bouncer_ip=out_ip, bouncer_host=out_host, bouncer_domain=b.domain, bouncer_org=b.org)
            elif role in (3, 4):  # an out-of-office from the person the owner wrote to
                name = next((n for n, a in o.friends if a == addr), "Office")
                t = Trigger(o.address, subject, trigger_id, addr, name, when)
                kind = rng.choice(["exchange", "gmail", "dovecot-sieve", "zimbra"])
                h, body, style = responders.reply(rng, kind, t, f"mail.{addr.split('@')[1]}", rng.choice(["en", "de", "fr"]))
                host, ip = provider_out(rng, addr)
                self.add(Mail(h, body, thread=m.thread), when, "Inbox", ip, host, addr, kind="autoreply", style=style + "-own",
                         product=responders.PRODUCT_OF[kind], recipient=addr, original="none", orig_message_id=trigger_id,
                         orig_subject=subject, bouncer_ip=ip, bouncer_host=host, bouncer_domain=addr.split("@")[1])
            else:  # a recipient's challenge-response system
                from . import challenges
                name = next((n for n, a in o.friends if a == addr), "Office")
                t = Trigger(o.address, subject, trigger_id, addr, name, when)
                system = rng.choice(["boxbe", "spamarrest", "boxtrapper"])
                h, body, style = challenges.challenge(rng, system, t, f"mail.{addr.split('@')[1]}",
                                                      "\n".join(f"{k}: {v}" for k, v in m.headers[:6]) + "\n")
                host, ip = provider_out(rng, addr)
                self.add(Mail(h, body, thread=m.thread), when, "Inbox", ip, host, addr, kind="challenge", style=style + "-own",
                         product=system, recipient=addr, original=challenges.CARRIES.get(system, "none"),
                         orig_message_id=trigger_id, orig_subject=subject, bouncer_ip=ip, bouncer_host=host,
                         bouncer_domain=addr.split("@")[1])

    # --- inbound ham -------------------------------------------------------------------------
    def newsletters(self) -> None:
        rng, o = self.rng, self.owner
        for _ in range(self.n(260)):
            name, addr = rng.choice(NEWSLETTERS)
            esp = rng.choice(ESPS)
            when = self.when()
            url = "https://" + rng.choice(botnet.SHORTENERS).format(t=token(rng, 7)) if rng.random() < 0.3 else \
                f"https://{addr.split('@')[1]}/p/{token(rng, 8)}"
            text = f"This week at {name}: {rng.choice(['new arrivals', 'our top picks', 'members only offers', 'event calendar'])}.\n{url}\n"
            html = botnet._html(rng, text, url, "utf-8")
            bnd = boundary(rng)
            body = multipart([part("text/plain", text, "utf-8", "quoted-printable"), part("text/html", html, "utf-8", "quoted-printable")],
                             bnd, "")
            bounce_addr = f"bounce-{token(rng, 10).lower()}@{esp[0]}"
            headers = [("From", f"{name} <{addr}>"), ("To", o.address), ("Subject", maybe_encode(rng, rng.choice(
                ["Your weekly update", "Don't miss out!", "New this week", f"{rng.randint(10, 70)}% off this weekend", "Hello"]))),
                ("Date", rfc2822(when, -5)), ("Message-ID", f"<{token(rng, 20)}@{esp[0]}>"),
                ("List-Unsubscribe", f"<mailto:unsub-{token(rng, 12)}@{esp[0]}>, <https://{esp[0]}/u/{token(rng, 16)}>"),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), ("Precedence", "bulk"), ("Feedback-ID", f"{rng.randint(1, 999)}:{esp[3]}"),
                ("MIME-Version", "1.0"), ("Content-Type", f"multipart/alternative; boundary=\"{bnd}\"")]
            self.add(Mail(headers, body), when, rng.choice(["Inbox,Category Promotions", "Category Promotions,Unread", "Category Updates"]),
                     _ip(rng, esp[2]), esp[1].format(n=rng.randint(1, 300), m=rng.randint(1, 40)), bounce_addr, style="newsletter")

    def notifications(self) -> None:
        rng, o = self.rng, self.owner
        for _ in range(self.n(150)):
            name, addr, subj = rng.choice(NOTIFIERS)
            when = self.when()
            subject = subj.format(r="photo-tools", t=rng.choice(TOPICS), n=rng.randint(2, 400), h=rng.randint(8, 18))
            m = _text_mail(rng, f"{name} <{addr}>", o.address, subject, f"{subject}\n\nhttps://{addr.split('@')[1]}/n/{token(rng, 10)}\n", when,
                           extra=[("Auto-Submitted", "auto-generated")] if rng.random() < 0.4 else [], mid_host=addr.split("@")[1])
            esp = rng.choice(ESPS)
            self.add(m, when, rng.choice(["Inbox,Category Updates", "Category Updates,Opened"]), _ip(rng, esp[2]),
                     esp[1].format(n=rng.randint(1, 300), m=rng.randint(1, 40)), f"bounces+{token(rng, 8)}@{addr.split('@')[1]}",
                     style="notification")

    def mailing_lists(self) -> None:
        rng, o = self.rng, self.owner
        topics = ["Postfix bounces with 550 5.1.1 for a valid user", "Backscatter from a forged sender: how to stop it",
                  "Sieve vacation replies to mailing lists", "Dovecot quota warning", "Camera recommendations",
                  "Meeting on Thursday", "SPF and SRS with a forwarder", "Re: undelivered mail returned to sender"]
        for _ in range(self.n(150)):
            lname, ldom, kind = rng.choice(LISTS)
            when = self.when()
            topic = rng.choice(topics)
            person = rng.choice(["Wietse", "Viktor", "Ralf", "Jane", "Ahmed", "Noriko", "Bill"]) 
            text = (f"{person} wrote:\n> {rng.choice(['I keep getting Undelivered Mail Returned to Sender', 'the DSN says Status: 5.1.1', 'my server sends MAILER-DAEMON notices'])}\n\n"
                    f"{rng.choice(['Check your reject_unverified_recipient settings.', 'That is backscatter; reject at SMTP time instead.', 'Looks fine here.'])}\n\n"
                    f"-- \n{lname} mailing list\n{lname}@{ldom}\nhttps://{ldom}/mailman/listinfo/{lname}\n")
            frm = f"{person} <{person.lower()}@{rng.choice(['example-isp.net', 'porcupine.org', 'uni-bonn.de', 'gmail.com'])}>"
            m = _text_mail(rng, frm, f"{lname}@{ldom}", f"[{lname}] {topic}" if kind != "mailman3" else topic, text, when,
                           extra=[("List-Id", f"<{lname}.{ldom}>"), ("List-Post", f"<mailto:{lname}@{ldom}>"),
                                  ("Precedence", "list"), ("Sender", f"{lname}-bounces@{ldom}")])
            self.add(m, when, rng.choice(["Inbox,Opened", "Category Forums", "Category Forums,Unread"]),
                     f"{rng.choice([168, 82, 194])}.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}",
                     f"lists.{ldom}" if not ldom.startswith("lists") else ldom, f"{lname}-bounces@{ldom}", style=f"list-{kind}")

    def plain_spam(self, campaigns: list, nets: dict) -> None:
        """Spam addressed to the owner, some from the same botnets and with the runs' subjects."""
        rng, o = self.rng, self.owner
        for _ in range(self.n(230)):
            c = rng.choice(campaigns)
            zombie = rng.choice(nets[rng.choice(c.botnets)])
            when = self.when()
            rcpt = rng.choice([o.address, f"{token(rng, 6).lower()}@{o.domain}", f"info@{o.domain}", o.gmail])
            s = botnet.make_spam(rng, c, zombie, None, when, rcpt, o)
            # spam to the owner comes From other forged domains, not the owner's
            hdr = s.headers_text.replace(f"@{o.domain}>", f"@{rng.choice(['mail.ru', 'outlook.com', 'yandex.ru', 'qq.com'])}>")
            head_lines = hdr.split("\n")
            headers = []
            for line in head_lines:
                if line[:1] in (" ", "\t") and headers:
                    headers[-1] = (headers[-1][0], headers[-1][1] + "\n" + line)
                elif ":" in line:
                    k, v = line.split(":", 1)
                    headers.append((k, v.strip()))
            m = Mail(headers, s.body_text)
            self.add(m, when + timedelta(seconds=rng.randint(1, 60)), rng.choice(["Spam", "Spam", "Spam,Unread", "Inbox,Unread"]),
                     zombie.ip, zombie.rdns or None, s.sender.replace(o.domain, "mail.ru"), via=not rcpt.endswith("gmail.com"),
                     style="plain-spam", orig_subject=s.subject)

    def forwarded_bounces_and_talk(self, pool: list[servers.Bouncer]) -> None:
        """A friend forwards a bounce they received; people write about bounces."""
        rng, o = self.rng, self.owner
        for _ in range(self.n(4)):
            name, addr = rng.choice(o.friends)
            when = self.when()
            quoted = ("---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@mail.example-isp.net>\n"
                      f"Date: {rfc2822(when - timedelta(hours=2))}\nSubject: Undelivered Mail Returned to Sender\nTo: <{addr}>\n\n\n"
                      "This is the mail system at host mail.example-isp.net.\n\nI'm sorry to have to inform you that your message could not\n"
                      f"be delivered to one or more recipients. It's attached below.\n\n<{o.first.lower()}@{o.domain.replace('.net', '.com')}>: "
                      "host mx.registrar-parking.com[198.51.100.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)\n")
            text = f"Hi {o.first},\n\nmy mail to you bounced, see below. Which address should I use?\n\n{name.split()[0]}\n\n{quoted}"
            m = _text_mail(rng, f"{name} <{addr}>", o.address, "Fwd: Undelivered Mail Returned to Sender", text, when)
            host, ip = provider_out(rng, addr)
            self.add(m, when, "Inbox,Opened", ip, host, addr, style="friend-forwarded-bounce")
        for _ in range(self.n(5)):
            name, addr = rng.choice(o.friends)
            when = self.when()
            text = (f"Hey {o.first},\n\nI'm getting lots of 'Mail delivery failed: returning message to sender' notices at work, "
                    "all saying 550 5.1.1 No Such User Here for mail I never sent. Is someone spoofing my address? "
                    "Your domain had the same problem last year, right?\n\nCheers\n")
            m = _text_mail(rng, f"{name} <{addr}>", o.address, rng.choice(["Bounce messages?", "weird mailer-daemon mails", "Re: backscatter"]), text, when)
            host, ip = provider_out(rng, addr)
            self.add(m, when, "Inbox,Opened", ip, host, addr, style="ham-about-bounces")

    def forwarder_reports(self) -> None:
        rng, o = self.rng, self.owner
        name, mxs, ips, srsdom, org = o.forwarder
        for week in range(max(1, self.days // 7)):
            when = self.begin + timedelta(days=7 * week + 6, hours=rng.randint(1, 5))
            text = (f"Weekly report for {o.domain}\n\nReceived: {rng.randint(400, 1200)} emails\nForwarded: {rng.randint(300, 900)}\n"
                    f"Rejected as spam: {rng.randint(20, 300)}\nBounced by destination: {rng.randint(0, 12)}\n\n"
                    f"Some messages could not be forwarded to {o.gmail} because Gmail rated them as spam (421-4.7.28).\n\n-- {org}\n")
            m = _text_mail(rng, f"{org} <noreply@{srsdom}>", o.address, f"[{org}] Weekly report for {o.domain}", text, when, mid_host=srsdom)
            self.add(m, when, "Inbox,Category Updates", ips[0], mxs[0], f"noreply@{srsdom}", style="forwarder-report")
        # the forwarder could not pass one message on (Gmail deferred it): its own delivery report
        when = self.when()
        text = (f"We were unable to forward a message for {o.address} to {o.gmail} after several attempts.\n\n"
                f"Reason: 421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your SPF domain.\n\n"
                f"The message was from <{rng.choice(NEWSLETTERS)[1]}>. No action is needed from you.\n\n-- {org}\n")
        m = _text_mail(rng, f"{org} Delivery <delivery@{srsdom}>", o.address, "Forwarding delayed", text, when, mid_host=srsdom)
        self.add(m, when, "Inbox", ips[0], mxs[0], f"delivery@{srsdom}", style="forwarder-delivery-report")

    def dmarc_aggregates(self, sources_by_day: dict) -> None:
        rng, o = self.rng, self.owner
        for day in range(self.days):
            d0 = (self.begin + timedelta(days=day)).replace(hour=0, minute=0, second=0, microsecond=0)
            for org, dom in (("Google", "google.com"), ("Microsoft", "outlook.com")):
                if dom == "outlook.com" and rng.random() < 0.5:
                    continue
                src = sources_by_day.get(day, [])[:12] or [(f"209.85.{rng.randint(128, 255)}.{rng.randint(1, 254)}", 3)]
                h, body, style = feedback.aggregate_report(rng, org, dom, o.domain, d0, src)
                arrived = d0 + timedelta(days=1, hours=rng.randint(0, 12))
                self.add(Mail(h, body), arrived, "Inbox,Category Updates", "209.85.220.69" if dom == "google.com" else "40.107.22.70",
                         "mail-sor-f69.google.com" if dom == "google.com" else "mail-he1eur04on2070.outbound.protection.outlook.com",
                         f"noreply-dmarc-support@{dom}", style=style)


class _FakeSpam:
    """The owner's own message in the shape bounces.Ctx expects for a genuine bounce."""
    def __init__(self, **kw):
        self.__dict__.update(kw)

    def full(self, top):
        return "\n".join(f"Received: {r}" for r in top) + ("\n" if top else "") + self.headers_text + "\n\n" + self.body_text


def _fake_spam_obj(rng, o: Owner, rcpt: str, subject: str, mid: str, m: Mail, when: datetime):
    headers_text = "\n".join(f"{k}: {v}" for k, v in m.headers)
    return _FakeSpam(recipient=rcpt, sender=o.address, subject=subject or "(no subject)", message_id=mid, sent=m.arrived,
                     connecting_ip=f"209.85.{rng.randint(128, 255)}.{rng.randint(1, 254)}", connecting_host="mail-wr1-f41.google.com",
                     helo="mail-wr1-f41.google.com", headers_text=headers_text, body_text=m.body)
