"""Spam campaigns as they are really run: rented botnets, overlapping in time, varied subjects, shared boilerplate.

Several spammers rent the same botnets, so one zombie sends for several
campaigns and one bouncer bounces for several. Subjects vary inside a campaign
(spintax, names, numbers, prefixes, languages) and generic subjects recur across
campaigns. Bodies share HTML boilerplate (DOCTYPE from w3.org, web fonts, CDNs,
tracking pixels), URL shorteners and free hosts; each campaign keeps its own
template and its own spamvertised paths, except affiliates of one program, who
send the same kit (template, subjects) with domains of their own. Part of the
spam goes zombie -> hijacked or open relay -> bouncer; some ratware writes
forged Received lines below the real ones.
"""
from __future__ import annotations

import base64
import datetime as dt
import random
from dataclasses import dataclass

from ..mail import Mail, rfc_date, token
from . import cast
from .cast import Botnet, Bouncer, Relay, Zombie
from .hops import received

LOWER = "abcdefghijklmnopqrstuvwxyz"
GENERIC_SUBJECTS = ("Re: hello", "Your order", "hi", "Re:", "Important", "Invoice", "Re: your message", "Hello dear",
                    "Fwd: documents", "Payment confirmation", "(no subject)", "Hi there", "Re: info", "Urgent")
SHORTENERS = ("bit.ly/{t}", "tinyurl.com/{t}", "t.co/{t}", "is.gd/{t}", "cutt.ly/{t}", "rb.gy/{t}", "ow.ly/{t}")
FREE_HOSTS = ("sites.google.com/view/{t}", "{t}.blogspot.com", "{t}.weebly.com", "storage.googleapis.com/{t}/index.html",
              "{t}.wixsite.com/home", "{t}.web.app", "docs.google.com/presentation/d/{t}/pub", "{t}.github.io")
BOILERPLATE = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
               '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n'
               '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
               '<link href="https://fonts.googleapis.com/css?family={font}" rel="stylesheet" type="text/css" />\n'
               '<script src="https://cdnjs.cloudflare.com/ajax/libs/jquery/3.6.0/jquery.min.js"></script></head>\n')
FONTS = ("Open+Sans", "Roboto", "Lato", "Montserrat")
PIXELS = ("https://www.google-analytics.com/collect?v=1&tid=UA-{n}-1&t=event", "https://pixel.wp.com/g.gif?blog={n}",
          "https://ad.doubleclick.net/ddm/activity/src={n};type=open")
RATWARE_MAILERS = ("Microsoft Outlook Express 6.00.2900.5512", "Microsoft Office Outlook 12.0",
                   "Microsoft Outlook 16.0", "The Bat! (v4.0.24) Professional", "Foxmail 7.2.23.116[cn]",
                   "PHPMailer 5.2.22 (https://github.com/PHPMailer/PHPMailer)", None, None)


@dataclass(frozen=True)
class Theme:
    name: str
    language: str
    subjects: tuple[str, ...]     # spintax: {a|b|c}; fields {n} {name} {brand} {drug}
    body: str                     # the campaign's own sentence template
    stems: tuple[str, ...]        # spamvertised domain stems
    tlds: tuple[str, ...]
    path: str                     # the campaign's URL path pattern


THEMES = (
    Theme("pharma", "en", ("{Cheap|Discount|Generic} {drug} {without prescription|no Rx|online}", "{drug} {n}mg - {80|75|70}% OFF",
                           "Re: your {drug} order #{n}"), "Best {drug} prices, {worldwide|fast} shipping.",
          ("rxpills", "medstore", "pharmacare"), (".ru", ".su"), "/catalog/{drug}?aff={n}"),
    Theme("replica", "en", ("{Replica|Luxury|Swiss} watches from ${n}", "{brand} {for only|at} {n}$", "Re: {brand} copy"),
          "Perfect {brand} replicas, same day dispatch.", ("swisscopy", "timeluxe", "watchvault"), (".cn", ".top"),
          "/r/{brand}/{n}.html"),
    Theme("stock", "en", ("{Hot|Urgent} stock alert: {tick}", "{tick} {set to soar|breaking news|about to explode}"),
          "Our analysts expect {tick} to triple this week.", ("pennymove", "tradeflash"), (".info", ".biz"), "/alert/{tick}"),
    Theme("casino", "en", ("{n} free spins {waiting for you|inside}", "Your {casino |}bonus of {n} EUR", "{name}, you won!"),
          "Claim your welcome bonus today.", ("luckyspin", "royalslot"), (".bet", ".com"), "/promo/{n}/welcome"),
    Theme("loan", "en", ("{Pre-approved|Approved}: ${n} {loan|credit line}", "{name}, your credit {decision|offer}"),
          "Get cash in 24h, bad credit OK.", ("quickcred", "loanpro"), (".xyz", ".online"), "/apply?ref={n}"),
    Theme("dating", "en", ("{name} sent you {a message|2 photos}", "{name} ({n}) wants to {chat|meet}", "Re: hello"),
          "I saw your profile and want to know you better.", ("meetlocal", "hotmatch"), (".click", ".life"), "/u/{name}{n}"),
    Theme("phish-mailbox", "en", ("Your mailbox is {almost full|over quota} ({n}%)", "Action required: {verify|confirm} your account"),
          "Your email storage will be suspended. Verify now to keep your messages.", ("mail-verify", "webmail-upgrade"),
          (".com", ".support"), "/owa/auth/{n}/logon.php"),
    Theme("invoice-malware", "en", ("Invoice #{n}", "Payment {confirmation|receipt} {n}", "Your order"),
          "Please find the attached invoice. Open the link to download.", ("docs-share", "invoice-portal"), (".com", ".net"),
          "/download/INV-{n}.zip"),
    Theme("seo", "en", ("{SEO|Website} {proposal|audit} for your site", "Re: {ranking|traffic} for your website"),
          "We can bring your website to page 1 of Google.", ("rankboost", "seo-agency"), (".in", ".co"), "/offer/{n}"),
    Theme("de-lotto", "de", ("{Gewinnbenachrichtigung|Ihr Gewinn} Nr. {n}", "Herzlichen Glückwunsch, {name}!"),
          "Sie haben {n}.000 EUR gewonnen. Bitte bestätigen Sie Ihre Daten.", ("lotto-gewinn", "euro-preis"), (".de", ".eu"),
          "/gewinn/{n}"),
    Theme("es-credito", "es", ("{Crédito|Préstamo} aprobado: {n}€", "Re: su solicitud {n}"),
          "Su préstamo ha sido aprobado, confirme sus datos.", ("credito-rapido", "prestamo-ya"), (".es", ".com"),
          "/solicitud/{n}"),
    Theme("ru-reklama", "ru", ("{Рассылка|Реклама} по базам {n}", "Клиенты для вашего бизнеса"),
          "Базы данных и рассылки, {n} контактов.", ("baza-kontaktov", "rassylka"), (".ru",), "/price/{n}"),
    Theme("jp-deai", "ja", ("{name}さんからメッセージ", "【重要】{n}円が当選しました"),
          "今すぐ確認してください。", ("deai-navi", "kaiin-site"), (".jp", ".net"), "/m/{n}"),
    Theme("crypto", "en", ("{Bitcoin|BTC|Crypto} {profit|income} ${n}/day", "{name} made ${n} {yesterday|this week}"),
          "Automated trading bot, start with $250.", ("coinbot", "btc-profit"), (".io", ".app"), "/start?u={n}"),
    Theme("sextortion", "en", ("{Security|Privacy} notice: {your account|your device} was hacked", "{n} BTC payment required"),
          "I have access to your device. Pay to the wallet below within 48 hours.", ("pay-wallet",), (".com",), "/w/{n}"),
    Theme("parcel", "en", ("{Your|Ihr} {parcel|package} {n} {is on hold|could not be delivered}", "Delivery failed: {n}"),
          "A customs fee of 1.99 is due. Pay now to release your parcel.", ("parcel-track", "delivery-fee"),
          (".top", ".info"), "/track/{n}"),
)
NAMES = ("Natasha", "Olga", "Anna", "Kate", "Linda", "Maria", "John", "David", "Elena", "Yuki")
DRUGS = ("Viagra", "Cialis", "Levitra", "Tramadol", "Xanax")
BRANDS = ("Rolex", "Omega", "Breitling", "Cartier", "Hublot")
PREFIXES = ("", "", "", "Re: ", "RE: ", "Fwd: ", "FW: ", "AW: ")
# Affiliate programs hand one kit (template, subjects) to many spammers, each advertising their own
# domains: this share of campaigns reuses an earlier campaign's kit with domains of its own.
AFFILIATE_SHARE = 0.2


# language -> the charsets its spam is written in (ratware rarely uses UTF-8 for Cyrillic or Japanese)
CHARSETS = {"ru": ("windows-1251", "koi8-r", "utf-8"), "ja": ("iso-2022-jp", "shift_jis", "utf-8"),
            "de": ("iso-8859-1", "utf-8"), "es": ("iso-8859-1", "utf-8"), "en": ("us-ascii", "utf-8", "utf-8")}


def _encoded_word(text: str, charset: str) -> str:
    """The subject as ratware writes it: plain when ASCII, else one RFC 2047 B-encoded word in its charset."""
    if text.isascii():
        return text
    if charset == "us-ascii":
        charset = "utf-8"
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset, errors='replace')).decode('ascii')}?="


def spin(rng: random.Random, template: str) -> str:
    """Resolve spintax {a|b} choices and fill {n} {name} {drug} {brand} {tick}."""
    out, i = [], 0
    while i < len(template):
        if template[i] == "{":
            end = template.index("}", i)
            inner = template[i + 1:end]
            if "|" in inner:
                out.append(rng.choice(inner.split("|")))
            else:
                out.append({"n": str(rng.randrange(10, 9999)), "name": rng.choice(NAMES), "drug": rng.choice(DRUGS),
                            "brand": rng.choice(BRANDS), "tick": token(rng, 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                            }.get(inner, inner))
            i = end + 1
        else:
            out.append(template[i])
            i += 1
    return "".join(out)


@dataclass
class Campaign:
    ident: str
    theme: Theme
    botnets: list[Botnet]
    start: dt.datetime
    hours: float
    size: int
    domains: list[str]
    relay_rate: float
    forged_rate: float
    html: bool
    generic_rate: float


def campaigns(rng: random.Random, nets: list[Botnet], epoch: dt.datetime, days: int, count: int,
              total: int) -> list[Campaign]:
    """``count`` campaigns whose sizes are heavy-tailed and add up to about ``total`` spams that bounce."""
    weights = [rng.paretovariate(1.1) for _ in range(count)]
    themes = rng.sample(THEMES, min(count, len(THEMES))) + [rng.choice(THEMES) for _ in range(count - len(THEMES))]
    out = []
    for i, (theme, w) in enumerate(zip(themes, weights)):
        size = max(15, int(total * w / sum(weights)))
        hours = rng.choice([10, 24, 48, 72, 120, 168, 240])
        start = epoch + dt.timedelta(hours=rng.uniform(0, max(1, days * 24 - hours)))
        if i and rng.random() < AFFILIATE_SHARE:  # another affiliate of an earlier campaign's program
            theme = out[rng.randrange(i)].theme
            domains = [token(rng, rng.randint(5, 9), LOWER) + token(rng, 2, "0123456789") + rng.choice(theme.tlds)
                       for _ in range(rng.randint(1, 3))]
        else:
            domains = [rng.choice(theme.stems) + token(rng, 2, "0123456789") + rng.choice(theme.tlds)
                       for _ in range(rng.randint(1, 3))]
        out.append(Campaign(f"c{i + 1:02d}-{theme.name}", theme, rng.sample(nets, rng.choice([1, 1, 2])), start, hours,
                            size, domains, relay_rate=rng.choice([0.0, 0.0, 0.1, 0.3]),
                            forged_rate=rng.choice([0.0, 0.2, 0.5]), html=rng.random() < 0.7,
                            generic_rate=rng.choice([0.05, 0.15, 0.3])))
    return out


@dataclass
class Spam:
    mail: Mail                    # as the bouncer's MX received it
    campaign: Campaign
    zombie: Zombie
    relay: Relay | None
    forged_from: str
    victim: str
    subject: str
    forged_hops: int
    sent: dt.datetime
    also: tuple[str, ...] = ()   # further recipients at the same bouncer in the same SMTP transaction


def forged_sender(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return cast.OWNER_ADDR
    if roll < 0.2:
        return rng.choice(cast.OWNER_ALIASES)
    if roll < 0.35:
        first, last = cast.person(rng)[1].split(".")
        return f"{rng.choice([first, first + last, first[0] + last, last + str(rng.randrange(10, 99))])}@{cast.OWNER_DOMAIN}"
    return f"{token(rng, rng.randint(4, 10), LOWER)}@{cast.OWNER_DOMAIN}"


def victim_address(rng: random.Random, b: Bouncer) -> str:
    name = cast.person(rng)[1]
    local = rng.choice([name, name.replace(".", ""), name.split(".")[0] + str(rng.randrange(1, 99)),
                        token(rng, rng.randint(5, 8), LOWER), rng.choice(["info", "sales", "office", "contact", "admin"])])
    return f"{local}@{b.domain}"


def _url(rng: random.Random, c: Campaign) -> str:
    roll = rng.random()
    path = spin(rng, c.theme.path.replace("{drug}", rng.choice(DRUGS).lower()))
    if roll < 0.3:
        return "https://" + rng.choice(SHORTENERS).format(t=token(rng, 7, LOWER + "0123456789"))
    if roll < 0.5:
        return "https://" + rng.choice(FREE_HOSTS).format(t=token(rng, 9, LOWER))
    return f"http://{rng.choice(['www.', '', token(rng, 3, LOWER) + '.'])}{rng.choice(c.domains)}{path}"


def _subject(rng: random.Random, c: Campaign) -> str:
    if rng.random() < c.generic_rate:
        return rng.choice(GENERIC_SUBJECTS)
    return rng.choice(PREFIXES) + spin(rng, rng.choice(c.theme.subjects))


def _body(rng: random.Random, c: Campaign, subject: str, urls: list[str]) -> tuple[str, str]:
    text = spin(rng, c.theme.body)
    if not c.html:
        return "text/plain; charset=utf-8", f"{text}\n\n{urls[0]}\n\n{token(rng, 50, LOWER + '  ')}\n"
    pixel = rng.choice(PIXELS).format(n=rng.randrange(10**6, 10**7))
    html = (BOILERPLATE.replace("{font}", rng.choice(FONTS)) +
            f'<body><table width="600"><tr><td style="font-family:Arial"><h2>{subject}</h2>\n<p>{text}</p>\n'
            f'<p><a href="{urls[0]}">{urls[0] if rng.random() < 0.3 else "Click here"}</a></p>\n'
            + "".join(f'<p><a href="{u}">{token(rng, 6, LOWER)}</a></p>\n' for u in urls[1:]) +
            f'<img src="{pixel}" width="1" height="1" /></td></tr></table>\n'
            f'<p style="font-size:9px">To unsubscribe <a href="{_url(rng, c)}">click here</a>.</p></body></html>\n')
    return "text/html; charset=utf-8", html


def _forged_received(rng: random.Random, sent: dt.datetime) -> str:
    earlier = sent - dt.timedelta(minutes=rng.randint(2, 400))
    ip = f"{rng.randrange(1, 223)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    return rng.choice((
        f"from {token(rng, 7, LOWER)}.com ([{ip}]) by {token(rng, 6, LOWER)}.net with SMTP; {rfc_date(earlier)}",
        f"from [192.168.{rng.randrange(256)}.{rng.randrange(2, 255)}] by {token(rng, 5, LOWER)}.mail.ru with HTTP; "
        f"{rfc_date(earlier, 3)}",
        f"from User ([{ip}]) by mail{rng.randrange(9)}.{rng.choice(['yahoo.com', 'hotmail.com', 'aol.com'])} "
        f"with Microsoft SMTPSVC(6.0.3790.4675); {rfc_date(earlier, -5)}",
        f"from 127.0.0.1 (localhost [127.0.0.1]) by {token(rng, 6, LOWER)}.local (Postfix) with ESMTP id "
        f"{token(rng, 10, '0123456789ABCDEF')}; {rfc_date(earlier)}"))


# Bulk ratware puts several recipients of one domain in one transaction; these MTAs list them all in one bounce.
MULTI_RECIPIENT_STYLES = ("postfix", "exim", "exim_dsn", "cpanel_exim", "qmail")
MULTI_RECIPIENT_SHARE = 0.2
HIJACKED_SHARE = 0.4  # of relayed spam, sent through a stolen account (authenticated) rather than an open relay


def _hijacked(rng: random.Random, line: str, relay: Relay) -> str:
    """The relay's Received line when the zombie logged in with a stolen account (SMTP AUTH)."""
    user = f"{rng.choice(['info', 'office', 'admin', 'reception', 'sales'])}@{relay.host.split('.', 1)[1]}"
    if relay.mta == "postfix":
        return line.replace(" (Postfix) with ESMTP", " (Postfix) with ESMTPSA", 1).replace(
            "])\n\tby", f"])\n\t(Authenticated sender: {user})\n\tby", 1)
    if relay.mta == "exim":
        return line.replace("with esmtp (Exim 4.96)", f"with esmtpsa (TLS1.2) (Exim 4.96)\n\t(envelope-from <{user}>)", 1)
    return line


def make_spam(rng: random.Random, c: Campaign, b: Bouncer, relays: list[Relay], sent: dt.datetime) -> Spam:
    zombie = rng.choice(rng.choice(c.botnets).zombies)
    forged_from = forged_sender(rng)
    victim = victim_address(rng, b)
    subject = _subject(rng, c)
    urls = [_url(rng, c) for _ in range(rng.randint(1, 3))]
    mail = Mail()
    arrive = sent + dt.timedelta(seconds=rng.randint(1, 30))
    relay = rng.choice(relays) if rng.random() < c.relay_rate else None
    if relay:
        at_relay = sent + dt.timedelta(seconds=rng.randint(0, 5))
        mail.add("Received", received(b.mta, rng, helo=relay.host, rdns=relay.host, ip=relay.ip, by=b.mx_host,
                                      when=arrive, rcpt=victim))
        line = received(relay.mta, rng, helo=zombie.helo, rdns=zombie.rdns, ip=zombie.ip, by=relay.host,
                        when=at_relay, rcpt=victim)
        mail.add("Received", _hijacked(rng, line, relay) if rng.random() < HIJACKED_SHARE else line)
    else:
        mail.add("Received", received(b.mta, rng, helo=zombie.helo, rdns=zombie.rdns, ip=zombie.ip, by=b.mx_host,
                                      when=arrive, rcpt=victim))
    if rng.random() < 0.4:
        mail.prepend("Received", received("postfix", rng, helo=b.mx_host, rdns=b.mx_host,
                                          ip=f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(2, 250)}",
                                          by=b.internal, when=arrive + dt.timedelta(seconds=1), rcpt=victim))
    forged_hops = rng.randint(1, 3) if rng.random() < c.forged_rate else 0
    for _ in range(forged_hops):
        mail.add("Received", _forged_received(rng, sent))
    mailer = rng.choice(RATWARE_MAILERS)
    domain = rng.choice([cast.OWNER_DOMAIN, zombie.helo.strip("[]"), token(rng, 6, LOWER) + ".com"])
    mail.add("Message-ID", f"<{token(rng, rng.choice([12, 20, 32]), LOWER + '0123456789')}@{domain}>")
    display = rng.choice(["", f'"{rng.choice(NAMES)}" ', f'"{forged_from.split("@")[0]}" '])
    mail.add("From", f"{display}<{forged_from}>")
    mail.add("To", rng.choice([f"<{victim}>", victim, f'"{victim.split("@")[0]}" <{victim}>']))
    charset = rng.choice(CHARSETS.get(c.theme.language, ("utf-8",)))
    mail.add("Subject", _encoded_word(subject, charset))
    mail.add("Date", rfc_date(sent - dt.timedelta(minutes=rng.choice([0, 0, 1, 7, 300])), rng.choice([-8, -5, 0, 1, 3, 7, 8])))
    mail.add("MIME-Version", "1.0")
    content_type, body = _body(rng, c, subject, urls)
    if charset == "utf-8" or (charset == "us-ascii" and body.isascii()):
        mail.add("Content-Type", content_type.replace("utf-8", charset))
        mail.add("Content-Transfer-Encoding", "8bit" if charset == "utf-8" else "7bit")
    else:
        mail.add("Content-Type", content_type.replace("utf-8", charset))
        mail.add("Content-Transfer-Encoding", "base64")
        body = base64.encodebytes(body.encode(charset, errors="replace")).decode("ascii")
    if mailer:
        mail.add("X-Mailer", mailer)
    mail.body = body
    also = tuple(victim_address(rng, b) for _ in range(rng.randint(1, 2))) \
        if b.style in MULTI_RECIPIENT_STYLES and rng.random() < MULTI_RECIPIENT_SHARE else ()
    return Spam(mail, c, zombie, relay, forged_from, victim, subject, forged_hops, sent, tuple(sorted(set(also) - {victim})))
