"""The servers that receive the spam and write back: their names, addresses, organisations, the
software they run, and the Received line each software writes when it accepts mail.

A real inbox sees a long tail: hosting boxes (cPanel/Exim, Plesk/qmail or Postfix), company
Exchange servers and Office 365 tenants, ISPs and universities on Postfix or Sendmail, and the odd
Kerio, SmarterMail, IceWarp, Axigen, MDaemon, Domino, GroupWise, Mercury, CommuniGate, Haraka.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .world import lowhex, rfc2822, token

# family -> (product in toolkit/products.py vocabulary or None, weight among bouncers, how the original comes back)
FAMILIES = {
    "postfix": ("postfix", 60, {"rfc822": 0.75, "headers": 0.2, "none": 0.05}),
    "exim": ("exim", 45, {"inline": 0.8, "rfc822": 0.15, "none": 0.05}),
    "sendmail": ("sendmail", 14, {"rfc822": 0.6, "headers": 0.4}),
    "qmail": ("qmail", 14, {"inline": 1.0}),
    "exchange": ("exchange", 18, {"rfc822": 0.8, "headers": 0.2}),       # on-premises 2010-2019
    "o365": ("exchange", 22, {"headers": 0.85, "rfc822": 0.15}),         # Exchange Online modern NDR
    "mssmtp": ("mssmtp", 3, {"rfc822": 1.0}),
    "gmail": ("gmail", 6, {"rfc822": 0.6, "headers": 0.4}),
    "yahoo": ("yahoo", 3, {"inline": 1.0}),
    "zimbra": ("postfix", 6, {"rfc822": 0.9, "headers": 0.1}),
    "kerio": ("kerio", 5, {"headers": 0.6, "rfc822": 0.4}),
    "smartermail": ("smartermail", 6, {"none": 0.5, "inline": 0.5}),
    "icewarp": ("icewarp", 4, {"rfc822": 1.0}),
    "axigen": ("axigen", 3, {"rfc822": 0.7, "headers": 0.3}),
    "mdaemon": ("mdaemon", 5, {"rfc822": 1.0}),
    "hmailserver": ("hmailserver", 5, {"none": 1.0}),
    "mailenable": ("mailenable", 4, {"rfc822": 0.7, "none": 0.3}),
    "domino": ("domino", 4, {"headers": 0.6, "none": 0.4}),
    "groupwise": ("groupwise", 3, {"inline": 1.0}),
    "mercury": ("mercury", 2, {"inline": 1.0}),
    "communigate": ("communigate", 3, {"rfc822": 1.0}),
    "haraka": ("haraka", 2, {"none": 1.0}),
    "courier": ("courier", 3, {"rfc822": 1.0}),
    "opensmtpd": ("opensmtpd", 2, {"inline": 1.0}),
}

COUNTRY_TLDS = [("de", "DE"), ("com", "US"), ("co.uk", "GB"), ("fr", "FR"), ("it", "IT"), ("es", "ES"), ("nl", "NL"),
                ("pl", "PL"), ("com.br", "BR"), ("ru", "RU"), ("cz", "CZ"), ("com.au", "AU"), ("ca", "CA"), ("jp", "JP"),
                ("at", "AT"), ("ch", "CH"), ("se", "SE"), ("com.mx", "MX"), ("co.za", "ZA"), ("net", "US"), ("org", "US"),
                ("edu", "US"), ("gr", "GR"), ("ro", "RO"), ("com.tr", "TR"), ("in", "IN"), ("co.kr", "KR"), ("be", "BE")]
ORG_WORDS = ["alpha", "nord", "sun", "metal", "agro", "tech", "logistik", "consult", "medic", "bau", "studio", "legal",
             "travel", "foods", "textil", "auto", "energy", "immo", "print", "pharma", "hotel", "dental", "school", "city",
             "parts", "trade", "solar", "marine", "fabrik", "design", "group", "systems", "kliniken", "muni", "farm"]
ORG_SUFFIX = {"de": "GmbH", "at": "GmbH", "ch": "AG", "fr": "SARL", "it": "S.r.l.", "es": "S.L.", "nl": "B.V.",
              "pl": "Sp. z o.o.", "com.br": "Ltda", "co.uk": "Ltd", "ru": "OOO", "jp": "K.K.", "cz": "s.r.o."}
HOSTERS = [("OVH SAS", "ovh.net", "51.{}"), ("Hetzner Online GmbH", "your-server.de", "88.{}"),
           ("Unified Layer", "unifiedlayer.com", "162.{}"), ("GoDaddy.com, LLC", "secureserver.net", "132.{}"),
           ("A2 Hosting, Inc.", "a2hosting.com", "209.{}"), ("IONOS SE", "kundenserver.de", "217.{}"),
           ("Aruba S.p.A.", "aruba.it", "62.{}"), ("Locaweb", "locaweb.com.br", "186.{}"),
           ("Namecheap, Inc.", "web-hosting.com", "198.{}"), ("Contabo GmbH", "contaboserver.net", "161.{}")]


@dataclass
class Bouncer:
    """One mail system that receives the spam and notifies the forged sender."""
    family: str
    product: str | None
    domain: str              # the target domain (recipients live here)
    org: str
    country: str
    mx_host: str             # where the spam came in
    mx_ip: str
    out_host: str            # who hands the notification to the forwarder
    out_ip: str
    original: str
    internal: list[str] = field(default_factory=list)  # internal hop host names (for Exchange, Zimbra, ...)
    language: str = "en"
    out_pool: list[tuple[str, str]] = field(default_factory=list)  # big providers send from many outbound hosts
    gateway: tuple[str, str, str] | None = None  # a cloud filter in front: (host, ip, software)
    legacy: bool = False     # an old release (Exchange 2003) that writes its own older templates

    def sender(self, rng: random.Random) -> tuple[str, str]:
        return rng.choice(self.out_pool) if self.out_pool else (self.out_host, self.out_ip)


def _public_ip(rng: random.Random, first: int | None = None) -> str:
    first = first or rng.choice([31, 37, 46, 62, 77, 78, 80, 81, 82, 85, 87, 91, 94, 95, 109, 141, 185, 188, 193, 194,
                                 195, 199, 203, 204, 207, 208, 212, 213, 216, 64, 66, 69, 74, 96, 104, 128, 129, 130])
    return f"{first}.{rng.randint(1, 254)}.{rng.randint(0, 255)}.{rng.randint(2, 253)}"


def _pick_original(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), list(table.values()))[0]


LANG_OF_TLD = {"de": "de", "at": "de", "ch": "de", "fr": "fr", "be": "fr", "it": "it", "es": "es", "com.mx": "es",
               "nl": "nl", "pl": "pl", "com.br": "pt", "ru": "ru", "jp": "ja", "cz": "cs", "se": "sv"}


def _domain(rng: random.Random, used: set[str]) -> tuple[str, str, str, str]:
    while True:
        tld, country = rng.choice(COUNTRY_TLDS)
        name = rng.choice(ORG_WORDS) + rng.choice(["", "-", ""]) + rng.choice(ORG_WORDS)
        if tld == "edu":
            name = "univ-" + rng.choice(ORG_WORDS)
        domain = f"{name}.{tld}"
        if domain not in used:
            used.add(domain)
            suffix = ORG_SUFFIX.get(tld, "Inc.")
            org = f"{name.replace('-', ' ').title()} {suffix}" if tld != "edu" else f"University of {name[5:].title()}"
            return domain, org, country, tld


def make_bouncer(rng: random.Random, family: str, used: set[str]) -> Bouncer:
    product, _, originals = FAMILIES[family]
    domain, org, country, tld = _domain(rng, used)
    lang = LANG_OF_TLD.get(tld, "en") if rng.random() < 0.7 else "en"
    original = _pick_original(rng, originals)
    if family == "o365":
        tenant = domain.split(".")[0].replace("-", "")
        region = rng.choice(["EUR01", "EUR02", "EUR03", "EUR04", "EUR05", "NAM02", "NAM04", "NAM10", "NAM11", "APC01"])
        mx = f"{domain.replace('.', '-')}.mail.protection.outlook.com"
        pool = []
        for _ in range(6):
            prefix = {"E": "eur", "N": "nam", "A": "apc"}[region[0]]
            host = f"mail-{rng.choice(['am', 'db', 'he', 'vi', 'bn', 'dm', 'co', 'sg'])}{rng.randint(1, 8)}" \
                   f"{prefix}{rng.randint(1, 5):02d}on{rng.randint(2000, 2100)}.outbound.protection.outlook.com"
            pool.append((host, f"40.107.{rng.randint(1, 255)}.{rng.randint(1, 254)}"))
        internal = [f"{rng.choice(['AM', 'DB', 'VI', 'PA', 'BN', 'CH', 'SN', 'SY'])}{rng.randint(0, 9)}PR{rng.randint(10, 99)}MB"
                    f"{rng.randint(1000, 9999)}.{region.lower()}.prod.outlook.com"]
        return Bouncer(family, product, domain, org, country, mx, f"52.101.{rng.randint(1, 200)}.{rng.randint(1, 254)}",
                       pool[0][0], pool[0][1], original, internal, lang, pool)
    if family == "gmail":  # a Google Workspace domain: Google's outbound pool writes the DSN
        pool = [(f"mail-{rng.choice(['wr1', 'wm1', 'ej1', 'lf1', 'pl1', 'qt1', 'yb1'])}-f{rng.randint(41, 230)}.google.com",
                 f"209.85.{rng.randint(128, 255)}.{rng.randint(1, 254)}") for _ in range(8)]
        return Bouncer(family, product, domain, org, country, "aspmx.l.google.com", "142.250.27.26", pool[0][0],
                       pool[0][1], original, [], lang, pool)
    if family == "yahoo":
        pool = [(f"sonic{rng.randint(300, 320)}-{rng.randint(1, 40)}.consmr.mail.{rng.choice(['bf2', 'gq1', 'ne1'])}.yahoo.com",
                 f"98.137.{rng.randint(64, 69)}.{rng.randint(1, 254)}") for _ in range(5)]
        domain = rng.choice(["yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com", "yahoo.com.br"])
        return Bouncer(family, product, domain, "Yahoo Inc.", "US", "mta7.am0.yahoodns.net", "67.195.204.72",
                       pool[0][0], pool[0][1], original, [], "en", pool)
    hosted = family in ("exim", "qmail") or (family == "postfix" and rng.random() < 0.3)
    if hosted:
        hoster, hdomain, prefix = rng.choice(HOSTERS)
        ip = _public_ip(rng, int(prefix.split(".")[0]))
        host = rng.choice([f"server{rng.randint(10, 9999)}.{hdomain}", f"vps{rng.randint(1000, 99999)}.{hdomain}",
                           f"{rng.choice(['box', 'srv', 'cp', 'web'])}{rng.randint(1, 999)}.{hdomain}",
                           f"ns{rng.randint(1000, 5999)}.{hdomain}"])
        return Bouncer(family, product, domain, hoster, country, host, ip, host, ip, original, [], lang)
    ip = _public_ip(rng)
    mx = rng.choice([f"mail.{domain}", f"mx.{domain}", f"mx1.{domain}", f"smtp.{domain}", f"mail2.{domain}",
                     f"{rng.choice(['exch', 'srv', 'gw', 'post'])}{rng.randint(1, 9)}.{domain}"])
    internal = []
    if family == "exchange":
        internal = [f"{rng.choice(['EXCH', 'EX', 'SRV-EX', 'MAIL'])}{rng.randint(1, 3):02d}.{domain.split('.')[0]}.local"]
    elif family == "zimbra":
        internal = [f"zimbra.{domain}"]
    out_host, out_ip = mx, ip
    if rng.random() < 0.15:  # outbound through a second box of the same organisation
        out_host, out_ip = f"smtp-out.{domain}", _public_ip(rng, int(ip.split(".")[0]))
    return Bouncer(family, product, domain, org, country, mx, ip, out_host, out_ip, original, internal, lang,
                   legacy=family == "exchange" and rng.random() < 0.2)


GATEWAYS = [("mx{n}.spamexperts.com", "185.201.{a}.{b}", "SpamExperts"), ("mx{n}.hornetsecurity.com", "94.100.{a}.{b}", "Hornetsecurity"),
            ("mx{n}-us1.ppe-hosted.com", "67.231.{a}.{b}", "Proofpoint Essentials"),
            ("eu-smtp-inbound-{n}.mimecast.com", "185.58.{a}.{b}", "Mimecast"), ("mx{n}.mailroute.net", "199.89.{a}.{b}", "MailRoute"),
            ("mx{n}.antispamcloud.com", "95.211.{a}.{b}", "SpamExperts")]
MAILCHANNELS = [("{x}.relay.mailchannels.net", "23.83.{a}.{b}")]
GATEWAY_RATE = 0.15
SMARTHOST_RATE = 0.25


def _with_front_and_back(rng: random.Random, b: Bouncer) -> Bouncer:
    """Some servers sit behind a cloud filter; some hosting boxes send out through MailChannels."""
    if b.family in ("postfix", "exim", "exchange", "sendmail", "zimbra", "kerio", "mdaemon", "smartermail", "icewarp",
                    "domino", "qmail") and rng.random() < GATEWAY_RATE:
        host, ip, name = rng.choice(GATEWAYS)
        b.gateway = (host.format(n=rng.randint(1, 4)), ip.format(a=rng.randint(1, 254), b=rng.randint(1, 254)), name)
    if b.family == "exim" and rng.random() < SMARTHOST_RATE:
        b.out_pool = [(MAILCHANNELS[0][0].format(x=token(rng, 12).lower()),
                       MAILCHANNELS[0][1].format(a=rng.choice((209, 210, 212, 214, 218)), b=rng.randint(1, 254))) for _ in range(4)]
        b.out_host, b.out_ip = b.out_pool[0]
    return b


def make_bouncers(rng: random.Random, n: int) -> list[Bouncer]:
    used: set[str] = set()
    fams = list(FAMILIES)
    weights = [FAMILIES[f][1] for f in fams]
    out = [make_bouncer(rng, f, used) for f in fams]  # every family at least once
    out += [make_bouncer(rng, rng.choices(fams, weights)[0], used) for _ in range(max(0, n - len(out)))]
    return [_with_front_and_back(rng, b) for b in out]


# --- the Received line each software writes when it takes the spam in ------------------------

def inbound_received(rng: random.Random, b: Bouncer, helo: str, rdns: str, ip: str, rcpt: str, sender: str,
                     when: datetime) -> list[str]:
    """The bouncer's own Received lines on the spam, top first (internal hops above the MX's line)."""
    if b.gateway:
        gw_host, gw_ip, gw_name = b.gateway
        front = (f"from {helo} ({rdns or 'unknown'} [{ip}])\n\tby {gw_host} ({gw_name}) with ESMTPS id "
                 f"{token(rng, 16)}\n\tfor <{rcpt}>; {rfc2822(when - timedelta(seconds=rng.randint(1, 20)), 0)}")
        inner = Bouncer(**{**b.__dict__, "gateway": None})
        return inbound_received(rng, inner, gw_host, gw_host, gw_ip, rcpt, sender, when) + [front]
    d = rfc2822(when, rng.choice((0, 1, 2, -5)))
    rd = rdns or "unknown"
    f = b.family
    if f in ("postfix", "zimbra", "haraka", "opensmtpd"):
        if f == "haraka":
            return [f"from {helo} ({rd} [{ip}])\n\tby {b.mx_host} (Haraka/3.0.3) with ESMTP id "
                    f"{lowhex(rng, 8).upper()}-{lowhex(rng, 4).upper()}-{lowhex(rng, 4).upper()}.1\n\tenvelope-from <{sender}>; {d}"]
        if f == "opensmtpd":
            return [f"from {helo} ({rd} [{ip}])\n\tby {b.mx_host} (OpenSMTPD) with ESMTP id {lowhex(rng, 8)}\n\tfor <{rcpt}>;\n\t{d}"]
        lines = [f"from {helo} ({rd} [{ip}])\n\tby {b.mx_host} (Postfix) with ESMTP id {token(rng, 10, '0123456789ABCDEF')}\n\t"
                 f"for <{rcpt}>; {d}"]
        if f == "zimbra" or rng.random() < 0.3:
            lines.insert(0, f"from localhost (localhost [127.0.0.1])\n\tby {b.internal[0] if b.internal else b.mx_host} "
                            f"(Postfix) with ESMTP id {token(rng, 10, '0123456789ABCDEF')}\n\tfor <{rcpt}>; {d}")
        return lines
    if f == "exim":
        who = f"{rdns} ([{ip}]:{rng.randint(1025, 65000)} helo={helo})" if rdns else f"[{ip}] (port={rng.randint(1025, 65000)} helo={helo})"
        return [f"from {who}\n\tby {b.mx_host} with esmtp (Exim 4.{rng.choice([93, 95, 96, 97])})\n\t(envelope-from <{sender}>)\n\t"
                f"id {token(rng, 6)}-{token(rng, 6)}-{token(rng, 2)}\n\tfor {rcpt}; {d}"]
    if f == "sendmail":
        who = f"{rdns} [{ip}]" if rdns else f"[{ip}] (may be forged)"
        return [f"from {helo} ({who})\n\tby {b.mx_host} (8.{rng.choice(['14.7', '15.2', '16.1'])}/8.15.2) with ESMTP id "
                f"{token(rng, 14)}\n\tfor <{rcpt}>; {d}"]
    if f == "qmail":
        return [f"(qmail {rng.randint(1000, 99999)} invoked by uid {rng.randint(89, 110)}); {d}",
                f"from {rd} (HELO {helo}) ({ip})\n  by {b.mx_host} with SMTP; {d}"]
    if f == "exchange":
        return [f"from {b.mx_host} ({b.mx_ip}) by {b.internal[0]} (10.{rng.randint(0, 9)}.{rng.randint(0, 9)}.{rng.randint(2, 40)}) "
                f"with Microsoft SMTP Server (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id "
                f"15.1.2507.{rng.randint(10, 40)}; {d}",
                f"from {helo} ({ip}) by {b.mx_host} ({b.mx_ip}) with Microsoft SMTP Server id 15.1.2507.{rng.randint(10, 40)} "
                f"via Frontend Transport; {d}"]
    if f == "o365":
        fe = f"{rng.choice(['AM', 'DB', 'HE', 'BN', 'CO'])}{rng.randint(1, 9)}PEPF{token(rng, 8, '0123456789ABCDEF')}" \
             f".{b.internal[0].split('.')[1]}.prod.outlook.com"
        return [f"from {fe} (2603:10a6:{lowhex(rng, 3)}:{rng.randint(1, 99)}::{lowhex(rng, 2)}) by {b.internal[0]}\n"
                f" (2603:10a6:{lowhex(rng, 3)}:{lowhex(rng, 3)}::{rng.randint(1, 20)}) with Microsoft SMTP Server (version=TLS1_2,\n"
                f" cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.{rng.randint(7000, 8200)}.{rng.randint(10, 40)}; {d}",
                f"from {helo} ({ip}) by\n {fe} (10.{rng.randint(160, 170)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}) "
                f"with Microsoft SMTP Server id 15.20.{rng.randint(7000, 8200)}.{rng.randint(10, 40)} via Frontend Transport; {d}"]
    if f == "gmail":
        return [f"from {helo} ({rd}. [{ip}])\n        by mx.google.com with ESMTP id "
                f"{token(rng, 20)}.{rng.randint(100, 999)}.2026.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}.{rng.randint(10, 99)}\n"
                f"        for <{rcpt}>; {rfc2822(when, -8, 'PST')}"]
    if f == "yahoo":
        return [f"from {ip} (EHLO {helo})\n  by {b.mx_host} with SMTP; {d}"]
    software = {"kerio": "Kerio Connect 10.0.2", "icewarp": "IceWarp 13.0.2.6", "axigen": "Axigen",
                "mdaemon": "MDaemon PRO v23.0.2", "domino": "Lotus Domino Release 9.0.1FP10 HF383",
                "communigate": "CommuniGate Pro SMTP 6.3.12", "mercury": "Mercury/32 v4.80.41",
                "courier": "Courier 1.1.2", "smartermail": "SmarterMail 100.0.8664", "mailenable": "MailEnable ESMTP",
                "hmailserver": "hMailServer", "groupwise": "GWIA", "mssmtp": "Microsoft SMTPSVC(6.0.3790.4675)"}[f]
    if f == "mdaemon":
        return [f"from {helo} ({rd} [{ip}]) by {b.mx_host} ({software}) with ESMTP id md5000{rng.randint(1000000, 9999999)}.msg\n\t"
                f"for <{rcpt}>; {d}"]
    if f == "mssmtp":
        return [f"from {helo} ([{ip}]) by {b.mx_host} with {software};\n\t {d}"]
    if f == "courier":
        return [f"from {helo} ({rd} [::ffff:{ip}])\n  by {b.mx_host} with ESMTP; {d}\n  id {lowhex(rng, 8).upper()}."
                f"{lowhex(rng, 8).upper()}.{lowhex(rng, 8).upper()}"]
    if f == "communigate":
        return [f"from [{ip}] (HELO {helo})\n  by {b.mx_host} ({software})\n  with ESMTP id {rng.randint(10000000, 99999999)} "
                f"for {rcpt}; {d}"]
    return [f"from {helo} ([{ip}]) by {b.mx_host} ({software}) with ESMTP id {token(rng, 12)};\n\t{d}"]
