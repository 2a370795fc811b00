"""The network the world lives on: zombies of rented botnets, open relays and hijacked servers, the answering
servers (their platform decides what they write), the forwarding provider and the Received lines each writes."""
from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

UTC = timezone.utc


def rfc2822(when: datetime, offset_h: int = 0) -> str:
    """An RFC 5322 date in the server's own zone."""
    local = when.astimezone(timezone(timedelta(hours=offset_h)))
    sign = "+" if offset_h >= 0 else "-"
    return local.strftime("%a, %d %b %Y %H:%M:%S ") + f"{sign}{abs(offset_h):02d}00"


def token(rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def hexid(rng: random.Random, n: int) -> str:
    return token(rng, n, "0123456789ABCDEF")


# --- residential access networks: (country, first octets, reverse-DNS pattern or None for no PTR) -------------
ACCESS = [
    ("BR", (177, 179, 187, 189, 201), "{a}-{b}-{c}-{d}.dsl.telesp.net.br"),
    ("BR", (186, 191), "{a}{b}{c}{d}.virtua.com.br"),
    ("IN", (59, 122, 117), "abts-kk-dynamic-{d}.{c}.{b}.{a}.airtelbroadband.in"),
    ("VN", (113, 14, 171), "static.vnpt.vn"),
    ("VN", (27, 42), None),
    ("TR", (78, 88, 85), "{a}.{b}.{c}.{d}.dynamic.ttnet.com.tr"),
    ("CN", (36, 58, 112, 183, 222), None),
    ("RU", (95, 176, 178), "broadband-{a}-{b}-{c}-{d}.ip.moscow.rt.ru"),
    ("UA", (46, 93), "{d}-{c}-{b}-{a}.pool.ukrtel.net"),
    ("US", (73, 76, 98), "c-{a}-{b}-{c}-{d}.hsd1.ca.comcast.net"),
    ("US", (71, 72, 108), "pool-{a}-{b}-{c}-{d}.nycmny.fios.verizon.net"),
    ("IT", (79, 87, 151), "host{d}-{c}-dynamic.{b}-{a}-r.retail.telecomitalia.it"),
    ("ES", (80, 83, 88), "{d}.red-{a}-{b}-{c}.dynamicip.rima-tde.net"),
    ("MX", (187, 189), "dsl-{a}-{b}-{c}-{d}-dyn.prod-infinitum.com.mx"),
    ("ID", (36, 110, 180), None),
    ("EG", (41, 156, 197), "host-{a}.{b}.{c}.{d}.tedata.net"),
    ("TH", (1, 49, 171), "node-{x}.pool-{a}-{b}.dynamic.totinternet.net"),
    ("AR", (181, 186, 190), "host{d}.{a}-{b}-{c}.telecom.net.ar"),
    ("PK", (39, 119, 182), None),
    ("CO", (181, 186, 191), "dynamic-ip-{a}{b}{c}{d}.cable.net.co"),
    ("PL", (31, 83, 89), "apn-{a}-{b}-{c}-{d}.dynamic.gprs.plus.pl"),
    ("RO", (5, 79, 86), "{a}-{b}-{c}-{d}.rdsnet.ro"),
    ("KR", (175, 211, 121), None),
    ("PH", (112, 49, 120), "{d}.{c}.{b}.{a}.pldt.net"),
]
# hosting networks where cheap VPSes and hacked web servers sit
HOSTING = [
    ("DE", (5, 78, 88, 136, 144, 148), "static.{d}.{c}.{b}.{a}.clients.your-server.de"),
    ("FR", (51, 54, 145, 147), "vps-{h}.vps.ovh.net"),
    ("US", (45, 104, 107, 192), "{a}.{b}.{c}.{d}.vultrusercontent.com"),
    ("US", (3, 18, 34, 52), "ec2-{a}-{b}-{c}-{d}.compute-1.amazonaws.com"),
    ("NL", (37, 185, 194), None),
    ("RU", (31, 185, 194), "vm{x}.firstbyte.ru"),
    ("SG", (139, 159, 167), None),
]


def public_ip(rng: random.Random, octets: tuple[int, ...]) -> str:
    return f"{rng.choice(octets)}.{rng.randint(1, 254)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ptr(rng: random.Random, ip: str, pattern: str | None) -> str | None:
    if pattern is None:
        return None
    a, b, c, d = ip.split(".")
    return pattern.format(a=a, b=b, c=c, d=d, x=rng.randint(1000, 99999), h=token(rng, 8, "0123456789abcdef"))


@dataclass
class Zombie:
    ip: str
    host: str | None
    country: str
    helo: str
    mailer: str


WIN_MAILERS = ["Microsoft Outlook Express 6.00.2900.5512", "Microsoft Office Outlook 12.0", "Microsoft Outlook 16.0",
               "The Bat! (v3.85.03) Professional", "Microsoft Windows Live Mail 16.4.3528.331", None, None,
               "Foxmail 7.2.23.116[cn]", "iPhone Mail (18E199)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:91.0) "
               "Gecko/20100101 Thunderbird/91.3.0", "PHPMailer 6.5.0 (https://github.com/PHPMailer/PHPMailer)"]


def zombie(rng: random.Random, hosting: bool = False) -> Zombie:
    country, octets, pattern = rng.choice(HOSTING if hosting else ACCESS)
    ip = public_ip(rng, octets)
    host = ptr(rng, ip, pattern)
    helo = rng.choice([
        host or f"[{ip}]", "User-PC", f"WIN-{token(rng, 11, string.ascii_uppercase + string.digits)}",
        f"DESKTOP-{token(rng, 7, string.ascii_uppercase + string.digits)}", f"[{ip}]", "localhost",
        f"{token(rng, 6, string.ascii_lowercase)}.com"])
    return Zombie(ip, host, country, helo, rng.choice(WIN_MAILERS))


@dataclass
class Botnet:
    """A rented botnet: its operator sells sends from the same pool of zombies to several customers at once."""
    name: str
    zombies: list[Zombie]


def botnet(rng: random.Random, name: str, size: int, hosting: bool = False) -> Botnet:
    return Botnet(name, [zombie(rng, hosting) for _ in range(size)])


@dataclass
class Relay:
    """An open relay, a hijacked server (stolen SMTP credentials) or a compromised webmail."""
    ip: str
    host: str
    how: str            # open | auth | webmail
    software: str       # received-line style of the relay
    platform: str       # what it writes when it bounces


RELAY_HOSTS = ["mail.{w}-{x}.com", "smtp.{w}{x}.net", "mx.{w}.co.za", "mail.{w}.com.br", "srv{n}.{w}hosting.net",
               "webmail.{w}.es", "mail.{w}-group.it", "host{n}.{w}.pl", "mail.{w}.org", "ns{n}.{w}.in"]
WORDS = ["acme", "lakeside", "nordic", "sunrise", "golden", "atlas", "metro", "pioneer", "delta", "vista", "summit",
         "harbor", "orchid", "falcon", "cedar", "ember", "quartz", "zenith", "coral", "maple", "opal", "bravo",
         "kappa", "lumen", "terra", "nova", "omega", "prime", "rapid", "sierra", "union", "vertex", "willow"]


def relay(rng: random.Random) -> Relay:
    how = rng.choices(["open", "auth", "webmail"], [4, 4, 2])[0]
    country, octets, _ = rng.choice(HOSTING + ACCESS[:6])
    ip = public_ip(rng, octets)
    host = rng.choice(RELAY_HOSTS).format(w=rng.choice(WORDS), x=rng.choice(WORDS), n=rng.randint(1, 60))
    if how == "open":
        software, platform = rng.choice([("sendmail", "sendmail"), ("mssmtp", "iis"), ("postfix", "postfix"),
                                         ("exim", "exim"), ("qmail", "qmail"), ("mdaemon", "mdaemon"),
                                         ("imail", "imail"), ("mercury", "mercury")])
    elif how == "auth":
        software, platform = rng.choice([("exim", "cpanel"), ("postfix", "postfix"), ("qmail", "plesk"),
                                         ("exim", "cpanel"), ("kerio", "kerio"), ("smartermail", "smartermail")])
    else:
        software, platform = rng.choice([("postfix", "postfix"), ("exim", "cpanel"), ("postfix", "zimbra")])
    return Relay(ip, host, how, software, platform)


# --- the answering servers -----------------------------------------------------------------------------------
@dataclass
class Server:
    """A server that answers forged mail. Its platform decides the MTA's bounce and the responders' replies."""
    ip: str
    host: str
    domain: str
    platform: str
    lang: str
    tz: int
    weight: float
    internal: list[tuple[str, str]] = field(default_factory=list)   # (host, private IP) hops inside the site
    users: list[str] = field(default_factory=list)


# platform -> weight among the answering servers
PLATFORMS = {
    "postfix": 22, "cpanel": 20, "exchange": 24, "exchange_online": 10, "exchange2003": 3, "iis": 2, "sendmail": 8,
    "qmail": 8, "plesk": 6, "zimbra": 5, "cyrus": 2, "domino": 4, "groupwise": 2, "mdaemon": 4, "hmailserver": 4,
    "mailenable": 3, "communigate": 2, "kerio": 3, "icewarp": 2, "axigen": 2, "mercury": 2, "smartermail": 3,
    "courier": 2, "haraka": 1, "opensmtpd": 1, "messagingserver": 2, "imail": 1,
    # filtering gateways in front of a mail store
    "barracuda": 6, "proofpoint": 4, "messagelabs": 4, "sophos": 3, "spamtitan": 2, "mailmarshal": 2,
    "trendmicro": 2, "ironport": 3, "mcafee": 1, "forcepoint": 1, "mimecast": 4, "surfcontrol": 1,
    "mailscanner": 3, "amavis": 3,
}
LANGS = {"en": 40, "de": 12, "fr": 8, "es": 7, "it": 5, "pt": 5, "nl": 4, "pl": 3, "ru": 4, "ja": 2, "sv": 2,
         "cs": 1, "tr": 2, "zh": 2}
TLD_OF = {"en": [".com", ".co.uk", ".com.au", ".org", ".ca", ".net"], "de": [".de", ".at", ".ch"], "fr": [".fr", ".be"],
          "es": [".es", ".com.mx", ".com.ar", ".cl"], "it": [".it"], "pt": [".com.br", ".pt"], "nl": [".nl", ".be"],
          "pl": [".pl"], "ru": [".ru", ".com.ua", ".by"], "ja": [".co.jp", ".jp"], "sv": [".se"], "cs": [".cz"],
          "tr": [".com.tr"], "zh": [".com.cn", ".com.tw"]}
TZ_OF = {"en": [-5, -8, 0, 10, -6], "de": [1], "fr": [1], "es": [1, -6, -3], "it": [1], "pt": [-3, 0], "nl": [1],
         "pl": [1], "ru": [3], "ja": [9], "sv": [1], "cs": [1], "tr": [3], "zh": [8]}
HOST_FORMS = {"exchange": ["mail.{d}", "owa.{d}", "exch01.{d}", "mx.{d}"], "exchange_online": [],
              "cpanel": ["server{n}.{w}host.com", "{w}{n}.websitewelcome.com", "box{n}.bluehost.com",
                         "ns{n}.{w}-hosting.net", "vps{n}.{w}.net"]}
FIRST_NAMES = ["anna", "peter", "maria", "john", "info", "sales", "office", "kontakt", "contact", "admin", "j.smith",
               "m.rossi", "sandra", "thomas", "buchhaltung", "compras", "ventas", "support", "hr", "marketing",
               "laura", "david", "eva", "paul", "sophie", "jan", "rezeption", "secretaria", "info2", "k.nowak"]


def server(rng: random.Random, platform: str) -> Server:
    lang = rng.choices(list(LANGS), list(LANGS.values()))[0]
    domain = rng.choice(WORDS) + rng.choice(["", "-", ""]) + rng.choice(WORDS + ["tech", "law", "med", "bau", "mode"]) \
        + rng.choice(TLD_OF[lang])
    country, octets, _ = rng.choice(HOSTING + ACCESS)
    ip = public_ip(rng, octets)
    if platform == "exchange_online":
        ip = f"40.107.{rng.randint(1, 255)}.{rng.randint(1, 254)}"
        region = rng.choice(["EUR05-AM6", "NAM12-DM6", "EUR03-DB5", "APC01-SG2", "NAM04-BN8", "EUR01-VE1"])
        host = f"mail-{region.split('-')[1].lower()}{region.split('-')[0][-2:].lower()}on2{rng.randint(100, 139)}" \
               f".outbound.protection.outlook.com"
    elif platform == "mimecast":
        ip = f"{rng.choice(['207.211.30', '205.139.110', '185.58.85', '185.58.86'])}.{rng.randint(1, 254)}"
        host = f"{rng.choice(['us-smtp-delivery', 'eu-smtp-delivery', 'uk-smtp-delivery'])}-{rng.randint(1, 200)}.mimecast.com"
    elif platform == "messagelabs":
        ip = f"{rng.choice(['85.158.142', '195.245.230', '67.219.250', '216.82.242'])}.{rng.randint(1, 254)}"
        host = f"mail{rng.randint(1, 9)}.bemta{rng.randint(1, 30)}.messagelabs.com"
    elif platform == "proofpoint":
        ip = f"{rng.choice(['148.163.156', '148.163.158', '67.231.149', '205.220.165'])}.{rng.randint(1, 254)}"
        host = f"mx0{rng.choice('ab')}-00{rng.randint(100000, 399999)}.pphosted.com"
    elif platform == "ironport":
        ip = f"{rng.choice(['68.232.137', '216.71.154', '139.138.35'])}.{rng.randint(1, 254)}"
        host = f"esa{rng.randint(1, 9)}.{domain.split('.')[0]}.iphmx.com"
    elif platform in HOST_FORMS and HOST_FORMS[platform]:
        host = rng.choice(HOST_FORMS[platform]).format(d=domain, w=rng.choice(WORDS), n=rng.randint(1, 400))
    else:
        host = rng.choice(["mail", "mx", "mx1", "smtp", "mail2", "relay", "gw", "mailgw"]) + "." + domain
    internal = []
    if platform in ("exchange", "exchange2003") or (platform in ("barracuda", "sophos", "spamtitan", "mailmarshal",
                                                                   "trendmicro", "mcafee", "forcepoint", "surfcontrol",
                                                                   "mimecast", "proofpoint", "messagelabs", "ironport")):
        internal = [(rng.choice(["EXCH01", "EX2016", "SRV-MAIL", "MBX02", "EXCHANGE"]) + "." + domain.split(".")[0] +
                     ".local", f"10.{rng.randint(0, 40)}.{rng.randint(0, 255)}.{rng.randint(2, 250)}")]
    users = [rng.choice(FIRST_NAMES) for _ in range(rng.randint(2, 6))]
    return Server(ip, host, domain, platform, lang, rng.choice(TZ_OF[lang]), min(25.0, rng.paretovariate(1.2)), internal,
                  sorted(set(users)))


# --- providers hosting end users (their auto-replies and challenge services) ----------------------------------
PROVIDERS = {
    "gmail": ("gmail.com", "mail-sor-f{n}.google.com", "209.85.220.{n}", "gmail"),
    "yahoo": ("yahoo.com", "sonic{n}-21.consmr.mail.ne1.yahoo.com", "66.163.191.{n}", "yahoo"),
    "aol": ("aol.com", "sonic{n}-2.consmr.mail.bf2.yahoo.com", "74.6.128.{n}", "yahoo"),
    "outlook": ("outlook.com", "mail-db8eur05olkn20{n}.outbound.protection.outlook.com", "40.92.89.{n}", "exchange"),
    "hotmail": ("hotmail.com", "mail-bn8nam12olkn20{n}.outbound.protection.outlook.com", "40.92.22.{n}", "exchange"),
    "icloud": ("icloud.com", "st43p00im-ztfb10071701.me.com", "17.58.63.{n}", None),
    "gmx": ("gmx.de", "mout.gmx.net", "212.227.15.{n}", None),
    "webde": ("web.de", "mout.web.de", "212.227.17.{n}", None),
    "mailru": ("mail.ru", "f{n}.i.mail.ru", "94.100.180.{n}", None),
    "yandex": ("yandex.ru", "forward{n}b.mail.yandex.net", "178.154.239.{n}", None),
    "zoho": ("zoho.com", "sender4-of-o{n}.zoho.com", "136.143.188.{n}", "zoho"),
    "orange": ("orange.fr", "smtp-{n}.smtpout.orange.fr", "80.12.242.{n}", None),
    "libero": ("libero.it", "libero.it", "213.209.10.{n}", None),
    "seznam": ("seznam.cz", "mxf{n}.seznam.cz", "77.75.78.{n}", None),
}
CHALLENGERS = {
    "boxbe": ("boxbe.com", "mail{n}.boxbe.com", "208.83.137.{n}"),
    "spamarrest": ("spamarrest.com", "smtp{n}.spamarrest.com", "66.150.161.{n}"),
    "bluebottle": ("bluebottle.com", "mail{n}.bluebottle.com", "67.228.12.{n}"),
    "mailinblack": ("mailinblack.com", "out{n}.mailinblack.com", "91.208.43.{n}"),
    "0spam": ("0spam.com", "mail{n}.0spam.com", "64.27.70.{n}"),
    "qurb": ("qurb.com", "mx{n}.qurb.com", "69.44.153.{n}"),
}


def fixed(rng: random.Random, table: dict, key: str) -> tuple[str, str, str]:
    """One sending machine of a provider: (domain, host, ip)."""
    entry = table[key]
    n = rng.randint(10, 99)
    return entry[0], entry[1].format(n=n), entry[2].format(n=n)


# --- Received lines, as each receiving software writes them ----------------------------------------------------
def _from(helo: str, host: str | None, ip: str) -> str:
    return f"from {helo} ({host or 'unknown'} [{ip}])"


def received(rng: random.Random, software: str, helo: str, host: str | None, ip: str, by: str, rcpt: str,
             when: datetime, tz: int = 0, sender: str = "") -> str:
    """The line `by` writes when it takes mail from (helo, host, ip) for rcpt."""
    date = rfc2822(when, tz)
    if software in ("postfix", "zimbra", "cyrus", "sophos", "spamtitan", "trendmicro", "forcepoint", "amavis",
                    "mailscanner"):
        return f"{_from(helo, host, ip)}\n\tby {by} (Postfix) with ESMTP id {token(rng, 10, string.ascii_uppercase + string.digits)}\n" \
               f"\tfor <{rcpt}>; {date}"
    if software in ("exim", "cpanel"):
        return f"from {host or '[' + ip + ']'} ([{ip}]:{rng.randint(1025, 65000)} helo={helo})\n\tby {by} with esmtp " \
               f"(Exim 4.9{rng.randint(4, 7)})\n\t(envelope-from <{sender}>)\n\tid 1{token(rng, 5)}-000{token(rng, 3)}-{token(rng, 2)}\n" \
               f"\tfor {rcpt}; {date}"
    if software in ("sendmail", "iis_sendmail"):
        return f"{_from(helo, host, ip)}\n\tby {by} (8.15.2/8.15.2) with ESMTP id {token(rng, 14)}\n\tfor <{rcpt}>; {date}"
    if software in ("qmail", "plesk"):
        return f"from {host or 'unknown'} (HELO {helo}) ({ip})\n  by {by} with SMTP; {date}"
    if software in ("exchange", "exchange2003", "iis", "mssmtp"):
        version = {"exchange2003": "6.0.3790.4675", "iis": "6.0.3790.4675", "mssmtp": "6.0.3790.4675"}.get(
            software, f"15.{rng.randint(0, 2)}.{rng.randint(1000, 2600)}.{rng.randint(1, 40)}")
        return f"from {helo} ({ip}) by {by} ({rng.choice(['10.1.1.5', '10.0.0.12', '192.168.1.20'])})\n with " \
               f"Microsoft SMTP Server id {version}; {date}"
    if software == "exchange_online":
        return f"from {helo} ({ip}) by {by}\n (10.167.{rng.randint(0, 255)}.{rng.randint(1, 254)}) with Microsoft SMTP " \
               f"Server (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.{rng.randint(6000, 8000)}." \
               f"{rng.randint(10, 40)} via Frontend Transport; {date}"
    if software == "domino":
        return f"from {helo} ([{ip}]) by {by}\n (Lotus Domino Release 9.0.1FP10) with ESMTP id 202{rng.randint(10000, 99999)}" \
               f"{rng.randint(100000, 999999)}; {date}"
    if software == "mdaemon":
        return f"from {helo} ([{ip}]) by {by} ({by}) (MDaemon PRO v{rng.choice(['19.5.3', '21.0.2', '22.5.1'])})\n\twith ESMTP id " \
               f"md5000{rng.randint(1000000, 9999999)}.msg\n\tfor <{rcpt}>; {date}"
    if software == "hmailserver":
        return f"from {helo} ([{ip}])\n\tby {by} with hMailServer\n\t; {date}"
    if software == "mailenable":
        return f"from {helo} ([{ip}]) by {by} with MailEnable ESMTP; {date}"
    if software == "communigate":
        return f"from [{ip}] (HELO {helo})\n  by {by} (CommuniGate Pro SMTP 6.3.{rng.randint(1, 9)})\n  with ESMTP id " \
               f"{rng.randint(10000000, 99999999)} for {rcpt}; {date}"
    if software == "kerio":
        return f"from {helo} ([{ip}])\n\tby {by} (Kerio Connect 9.{rng.randint(2, 4)}.{rng.randint(1, 12)}) with ESMTP\n" \
               f"\tfor {rcpt};\n\t{date}"
    if software == "icewarp":
        return f"from {helo} ([{ip}])\n\tby {by} (IceWarp 12.{rng.randint(0, 4)}.{rng.randint(0, 3)}.1 RHEL7 x64) with ESMTP id " \
               f"{when.strftime('%Y%m%d%H%M%S')}{rng.randint(10, 99)}\n\tfor <{rcpt}>; {date}"
    if software == "axigen":
        return f"from {helo} ([{ip}])\n\tby {by} (Axigen) with ESMTP id {hexid(rng, 6)}\n\tfor {rcpt}; {date}"
    if software == "mercury":
        return f"from {helo} ({ip}) by {by} (Mercury/32 v4.{rng.choice(['62', '72', '80'])}) with ESMTP ID " \
               f"MG{rng.randint(100000, 999999)};\n   {date}"
    if software == "smartermail":
        return f"from {helo} ([{ip}]) by {by} with SMTP;\n\t{date}"
    if software == "courier":
        return f"{_from(helo, host, '::ffff:' + ip)}\n  by {by} with ESMTP; {date}\n  id {hexid(rng, 8)}.{hexid(rng, 8)}.{hexid(rng, 8)}"
    if software == "haraka":
        return f"{_from(helo, host, ip)}\n\tby {by} (Haraka/2.8.{rng.randint(20, 28)}) with ESMTP id " \
               f"{hexid(rng, 8)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 12)}.1\n\tenvelope-from <{sender}>;\n\t{date}"
    if software == "opensmtpd":
        return f"{_from(helo, host, ip)}\n\tby {by} (OpenSMTPD) with ESMTP id {token(rng, 8, '0123456789abcdef')}\n" \
               f"\tfor <{rcpt}>;\n\t{date}"
    if software == "groupwise":
        return f"from {helo} ([{ip}])\n\tby {by} with ESMTP (NOT encrypted); {date}"
    if software == "messagingserver":
        return f"from {helo} ([{ip}])\n by {by} (Oracle Communications Messaging Server 8.0.2.3.20180426 64bit " \
               f"(built Apr 26 2018))\n with ESMTP id <0P{token(rng, 8, string.ascii_uppercase + string.digits)}00@{by}> " \
               f"for {rcpt}; {date}"
    if software == "imail":
        return f"from {helo} [{ip}] by {by}\n  (SMTPD32-8.15) id A{hexid(rng, 9)}; {date}"
    if software == "barracuda":
        return f"{_from(helo, host, ip)} by {by} with ESMTP id {token(rng, 16)} for <{rcpt}>;\n {date}"
    if software == "proofpoint":
        return f"{_from(helo, host, ip)}\n\tby {by} (PPS) with ESMTP id 3{token(rng, 9, string.ascii_lowercase + string.digits)}-1\n" \
               f"\tfor <{rcpt}>; {date}"
    if software == "messagelabs":
        return f"from [{ip}] (using TLSv1.2 with cipher DHE-RSA-AES256-GCM-SHA384 (256 bits))\n\tby " \
               f"server-{rng.randint(1, 40)}.tower-{rng.randint(200, 800)}.messagelabs.com id {hexid(rng, 2)}/{hexid(rng, 2)}-" \
               f"{rng.randint(10000, 99999)}-{hexid(rng, 8)}; {date}"
    if software == "mimecast":
        return f"{_from(helo, host, ip)} by relay.mimecast.com with ESMTP id\n {rng.choice(['us', 'eu', 'uk'])}-mta-" \
               f"{rng.randint(1, 600)}-{token(rng, 22)}-1; {date}"
    if software == "ironport":
        return f"from {host or 'unknown'} (HELO {helo}) ([{ip}])\n  by {by} with ESMTP; {date}"
    if software in ("mailmarshal", "mcafee", "surfcontrol"):
        return f"from {helo} ([{ip}]) by {by}\n with ESMTP id {hexid(rng, 12)}; {date}"
    raise ValueError(software)


# which Received style a platform's inbound MX uses
MX_STYLE = {"cpanel": "exim", "plesk": "qmail", "zimbra": "postfix", "cyrus": "postfix", "exchange2003": "exchange2003",
            "iis": "mssmtp", "sophos": "postfix", "spamtitan": "postfix", "trendmicro": "postfix", "forcepoint": "postfix",
            "amavis": "postfix", "mailscanner": "postfix"}


def mx_style(platform: str) -> str:
    """The Received style of a platform's inbound MX (hosted services and lists: Postfix)."""
    return "postfix" if ":" in platform else MX_STYLE.get(platform, platform)


# --- the forwarding provider between the vanity domain and Gmail ----------------------------------------------
@dataclass
class Forwarder:
    name: str
    mx: list[tuple[str, str]]    # (host, ip)
    srs_domain: str
    software: str


FORWARDERS = [
    Forwarder("ImprovMX", [("mx1.improvmx.com", "35.157.212.44"), ("mx2.improvmx.com", "3.121.96.72")],
              "improvmx.com", "postfix"),
    Forwarder("Forward Email", [("mx1.forwardemail.net", "138.197.213.185"), ("mx2.forwardemail.net", "104.248.224.170")],
              "forwardemail.net", "forwardemail"),
    Forwarder("Namecheap Email Forwarding", [("eforward1.registrar-servers.com", "162.255.118.51"),
                                             ("eforward3.registrar-servers.com", "162.255.118.61")],
              "registrar-servers.com", "postfix"),
    Forwarder("Pobox", [("mx-1.pobox.com", "64.147.108.50"), ("mx-3.pobox.com", "173.228.157.52")],
              "pobox.com", "postfix"),
]


def srs(rng: random.Random, fwd: Forwarder, sender: str, when: datetime) -> str:
    """SRS0 rewriting of a non-null envelope sender (RFC-less but de facto: SRS0=HHHH=TT=domain=local@fwd)."""
    if not sender or "@" not in sender:
        return ""
    local, domain = sender.rsplit("@", 1)
    tt = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[(when.toordinal()) % 32] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[when.toordinal() // 32 % 32]
    return f"SRS0={token(rng, 4)}={tt}={domain}={local}@{fwd.srs_domain}"


def forwarder_line(rng: random.Random, fwd: Forwarder, mx: tuple[str, str], helo: str, host: str | None, ip: str,
                   rcpt: str, when: datetime) -> str:
    if fwd.software == "forwardemail":
        return f"{_from(helo, host, ip)}\n\tby {mx[0]} with ESMTPS id {token(rng, 16)}\n\tfor <{rcpt}>;\n\t{rfc2822(when)}"
    return f"{_from(helo, host, ip)}\n\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))\n" \
           f"\t(No client certificate requested)\n\tby {mx[0]} (Postfix) with ESMTPS id {token(rng, 12, string.ascii_uppercase + string.digits)}\n" \
           f"\tfor <{rcpt}>; {rfc2822(when)}"
