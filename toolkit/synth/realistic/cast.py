"""Who is in the realistic world: the owner and her forwarding, the rented botnets, hijacked relays, bouncers.

The owner has a vanity domain whose mail a forwarding provider rewrites with SRS
and hands to her Gmail account. Zombies are residential machines on dynamic
addresses of many countries, grouped in botnets that several spammers rent at
once. Bouncers are ordinary organisations, each running one product that writes
its notifications. All names are invented; addresses of zombies and bouncers
lie in public ranges assigned to the named countries (as in the classic world).
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from ..mail import token
from ..world import ACCESS_NETWORKS, FIRST_NAMES, LAST_NAMES

OWNER_NAME = "Maren Lindqvist"
OWNER_DOMAIN = "lindqvist-studio.net"
OWNER_ADDR = f"maren@{OWNER_DOMAIN}"
OWNER_ALIASES = (f"hello@{OWNER_DOMAIN}", f"shop@{OWNER_DOMAIN}")
GMAIL_ADDR = "maren.lindqvist.studio@gmail.com"
DMARC_RUF = f"dmarc-reports@{OWNER_DOMAIN}"
FORWARDER_DOMAIN = "relayforward.net"
FORWARDER_MX = (("mx1.relayforward.net", "46.105.44.17"), ("mx2.relayforward.net", "46.105.44.18"))
GMAIL_OUT_PREFIX = "209.85.{a}.{b}"

# More access networks than the classic world uses: botnets span dozens of countries.
EXTRA_NETWORKS = {
    "IR": ("dyn.tci.ir", ["5.119", "151.232"]), "MA": ("adsl.iam.net.ma", ["105.155", "196.206"]),
    "DZ": ("dynamic.djaweb.dz", ["41.107", "105.98"]), "SA": ("dsl.stc.com.sa", ["37.106", "94.96"]),
    "VE": ("dyn.cantv.net", ["186.92", "190.198"]), "PE": ("dynamic.telefonica.pe", ["179.7", "190.236"]),
    "CL": ("dyn.vtr.net", ["181.43", "190.160"]), "KZ": ("dsl.kazakhtelecom.kz", ["2.132", "95.56"]),
    "BY": ("dynamic.mtsby.by", ["178.120", "93.84"]), "BD": ("pool.bdcom.net", ["103.4", "114.130"]),
    "NP": ("dsl.ntc.net.np", ["27.34", "110.44"]), "MY": ("dynamic.tm.net.my", ["115.132", "175.139"]),
    "TW": ("dynamic.hinet.net", ["1.163", "36.224"]), "JP": ("ppp.ocn.ne.jp", ["114.148", "153.164"]),
    "DE": ("dip0.t-ipconnect.de", ["79.192", "91.40"]), "FR": ("abo.wanadoo.fr", ["86.210", "90.45"]),
    "GB": ("dynamic.dsl.as9105.com", ["81.129", "86.130"]), "ZA": ("dsl.telkomsa.net", ["41.13", "105.224"]),
    "KE": ("dyn.safaricom.co.ke", ["41.90", "105.160"]), "GE": ("dsl.magticom.ge", ["31.146", "188.169"]),
}
NETWORKS = {**ACCESS_NETWORKS, **EXTRA_NETWORKS}

# Reverse DNS of consumer access lines, as ISPs name them.
DYNAMIC_RDNS = (
    "dyn-{a}-{b}-{c}-{d}.{isp}", "{a}-{b}-{c}-{d}.dynamic.{isp}", "{d}.{c}.pool.{isp}",
    "dsl-{a}-{b}-{c}-{d}.{isp}", "ppp{a}{b}{c}{d}.{isp}", "{a}.{b}.{c}.{d}.dsl.{isp}",
    "host-{a}-{b}-{c}-{d}.{isp}", "cpe-{a}-{b}-{c}-{d}.{isp}", "adsl-{d}-{c}.pool.{isp}",
    "{d}-{c}-{b}-{a}.dhcp.{isp}",
)


@dataclass(frozen=True)
class Zombie:
    ip: str
    country: str
    rdns: str | None   # None: no PTR record
    helo: str


@dataclass
class Botnet:
    name: str
    zombies: list[Zombie]


def _zombie(rng: random.Random, country: str) -> Zombie:
    isp, prefixes = NETWORKS[country]
    a, b = rng.choice(prefixes).split(".")
    c, d = rng.randrange(0, 256), rng.randrange(1, 255)
    ip = f"{a}.{b}.{c}.{d}"
    rdns = None if rng.random() < 0.3 else rng.choice(DYNAMIC_RDNS).format(a=a, b=b, c=c, d=d, isp=isp)
    roll = rng.random()
    if roll < 0.35:   # a Windows machine name or a random word
        helo = rng.choice(["DESKTOP-", "WIN-", "USER-PC", "PC-"]) + token(rng, rng.randint(4, 7))
    elif roll < 0.6:
        helo = f"[{ip}]"
    elif roll < 0.8:  # pretends to be a big provider
        helo = rng.choice(["mail.ru", "yahoo.com", "hotmail.com", "gmail.com", "outlook.com", "aol.com"])
    else:
        helo = rdns or token(rng, 8, "abcdefghijklmnopqrstuvwxyz")
    return Zombie(ip, country, rdns, helo)


def botnets(rng: random.Random, count: int = 4) -> list[Botnet]:
    """Each botnet spans many countries, with a few where most of its bots live."""
    out = []
    countries = sorted(NETWORKS)
    for i in range(count):
        home = rng.sample(countries, 4)
        spread = rng.sample(countries, rng.randint(15, 30))
        size = rng.randint(250, 700)
        zombies = [_zombie(rng, rng.choice(home) if rng.random() < 0.5 else rng.choice(spread)) for _ in range(size)]
        out.append(Botnet(f"botnet-{chr(ord('a') + i)}", zombies))
    return out


@dataclass(frozen=True)
class Relay:
    """A legitimate server that relays for anyone (open relay) or whose account was hijacked."""

    host: str
    ip: str
    mta: str          # postfix | exim | sendmail | exchange
    country: str


RELAYS = (
    ("mail.hvac-partners.com", "postfix", "US", "67.225.148"), ("smtp.escola-aurora.pt", "exim", "PT", "85.138.20"),
    ("mx.clinica-salud.com.mx", "sendmail", "MX", "201.131.44"), ("mail.taller-ruiz.es", "exchange", "ES", "88.26.214"),
    ("srv01.kancelaria-nowak.pl", "postfix", "PL", "83.19.110"), ("mail.dongsan-tech.co.kr", "sendmail", "KR", "211.43.210"),
    ("exch.pinehurst-dental.com", "exchange", "US", "12.180.66"), ("mail.agro-export.com.ua", "exim", "UA", "91.202.130"),
    ("smtp.hotel-belvedere.it", "postfix", "IT", "151.11.48"), ("mail.tanaka-seiko.co.jp", "sendmail", "JP", "210.150.92"),
    ("mail.saigon-print.vn", "exim", "VN", "113.161.72"), ("relay.cooperativa-sul.com.br", "postfix", "BR", "200.225.196"),
)


def relays(rng: random.Random) -> list[Relay]:
    return [Relay(host, f"{net}.{rng.randrange(2, 250)}", mta, country) for host, mta, country, net in RELAYS]


# --- bouncers ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bouncer:
    """An organisation (or a hosted service) whose system writes notifications to the forged sender."""

    org: str
    domain: str
    country: str
    product: str      # the vocabulary of toolkit/products.py: what writes its notices
    style: str        # the renderer (several styles may share a product)
    mta: str          # the MTA under the product: how its Received lines look
    mx_host: str
    mx_ip: str
    out_host: str
    out_ip: str
    internal: str     # an internal mailbox server
    weight: float     # how much of the spam reaches it (a few receive a lot)
    gateway: str | None = None  # an outbound security gateway its mail leaves through (mimecast, proofpoint)


_WORDS = ("north", "blue", "river", "stone", "oak", "silver", "green", "summit", "harbor", "lake", "prime", "alpha",
          "union", "metro", "nova", "delta", "sun", "pine", "eagle", "coral", "iron", "maple", "orbit", "crown")
_NOUNS = ("logistics", "dental", "law", "print", "tech", "media", "realty", "foods", "motors", "clinic", "design",
          "energy", "travel", "school", "farm", "textil", "bau", "consult", "labs", "hotel", "sport", "optik")
# country -> (top-level domain, public /16 prefixes of hosting or business lines there)
_BOUNCER_NETS = {
    "US": (".com", ["64.71", "66.135", "199.104", "12.157", "208.70"]), "DE": (".de", ["85.214", "188.40", "217.160"]),
    "GB": (".co.uk", ["81.144", "212.58"]), "FR": (".fr", ["212.27", "62.210"]), "IT": (".it", ["151.1", "212.25"]),
    "ES": (".es", ["80.58", "212.170"]), "BR": (".com.br", ["200.155", "200.198"]), "NL": (".nl", ["194.109", "83.96"]),
    "CA": (".ca", ["142.4", "99.229"]), "AU": (".com.au", ["203.59", "110.232"]), "JP": (".co.jp", ["210.172", "202.229"]),
    "PL": (".pl", ["83.12", "91.223"]), "SE": (".se", ["194.14", "213.115"]), "CZ": (".cz", ["82.208", "81.95"]),
    "AR": (".com.ar", ["200.51", "190.210"]), "TR": (".com.tr", ["212.156", "85.111"]), "IN": (".in", ["103.21", "202.54"]),
    "MX": (".com.mx", ["201.131", "187.141"]), "ZA": (".co.za", ["196.22", "41.185"]), "RU": (".ru", ["91.206", "95.163"]),
}

# product -> (style renderers, MTA under it, share of bouncer organisations)
PRODUCT_MIX = {
    "postfix": (("postfix",), "postfix", 16), "exim": (("exim", "exim_dsn", "cpanel_exim"), "exim", 16),
    "sendmail": (("sendmail",), "sendmail", 5), "qmail": (("qmail",), "qmail", 4),
    "exchange": (("exchange", "office365", "exchange_oof"), "exchange", 14), "gmail": (("gmail", "gmail_vacation"), "gmail", 3),
    "yahoo": (("yahoo",), "yahoo", 1), "courier": (("courier",), "courier", 2), "mdaemon": (("mdaemon",), "mdaemon", 2),
    "domino": (("domino",), "domino", 2), "groupwise": (("groupwise",), "groupwise", 1),
    "cpanel": (("cpanel",), "exim", 5), "dovecot-sieve": (("dovecot_sieve",), "postfix", 3),
    "vacation": (("vacation",), "sendmail", 2), "zimbra": (("zimbra",), "postfix", 1),
    "choicemail": (("choicemail",), "exchange", 4), "boxbe": (("boxbe",), "postfix", 4),
    "spamarrest": (("spamarrest",), "postfix", 2), "bluebottle": (("bluebottle",), "postfix", 1),
    "sendio": (("sendio",), "postfix", 1), "barracuda": (("barracuda",), "postfix", 3),
    "proofpoint": (("proofpoint",), "postfix", 2), "messagelabs": (("messagelabs",), "postfix", 2),
    "sophos": (("sophos",), "postfix", 1), "spamtitan": (("spamtitan",), "postfix", 1),
    "mailmarshal": (("mailmarshal",), "exchange", 2), "mimecast": (("mimecast",), "postfix", 1),
    "trendmicro": (("interscan",), "postfix", 1), "amavis": (("amavis",), "postfix", 1),
}
# Hosted services: one operator's servers send for all of its customers.
HOSTED = {
    "gmail": ("Google", "googlemail.com", "mail-sor-f{n}.google.com", "209.85.220.{n}"),
    "yahoo": ("Yahoo", "yahoo.com", "sonic{n}-22.consmr.mail.bf2.yahoo.com", "74.6.128.{n}"),
    "boxbe": ("Boxbe", "boxbe.com", "mail{n}.boxbe.com", "208.70.128.{n}"),
    "spamarrest": ("Spam Arrest", "spamarrest.com", "mx{n}.spamarrest.com", "66.150.100.{n}"),
    "bluebottle": ("Bluebottle", "bluebottle.com", "out{n}.bluebottle.com", "208.43.232.{n}"),
    "messagelabs": ("MessageLabs", "messagelabs.com", "mail{n}.bemta{n}.messagelabs.com", "85.158.136.{n}"),
    "proofpoint": ("Proofpoint", "pphosted.com", "mx0b-00{n}2301.pphosted.com", "148.163.156.{n}"),
    "mimecast": ("Mimecast", "mimecast.com", "eu-smtp-delivery-{n}.mimecast.com", "185.58.85.{n}"),
    "office365": ("Microsoft", "outlook.com", "mail-am6eur05on20{n}.outbound.protection.outlook.com", "40.107.22.{n}"),
}


# Organisations whose outbound mail leaves through a security gateway: the gateway relays, the product writes.
GATEWAYS = {"mimecast": ("X-MC-Unique", "X-Mimecast-Spam-Score"), "proofpoint": ("X-Proofpoint-GUID",
                                                                                 "X-Proofpoint-Spam-Details")}
GATEWAYED = ("exchange", "exchange_oof", "postfix", "dovecot_sieve", "choicemail", "mailmarshal", "sendmail")


def _domain(rng: random.Random, tld: str, taken: set[str]) -> str:
    while True:
        name = rng.choice([f"{rng.choice(_WORDS)}{rng.choice(_NOUNS)}", f"{rng.choice(_WORDS)}-{rng.choice(_NOUNS)}",
                           f"{rng.choice(LAST_NAMES)}-{rng.choice(_NOUNS)}", f"{rng.choice(_NOUNS)}{rng.randrange(2, 99)}"])
        domain = name + tld
        if domain not in taken:
            taken.add(domain)
            return domain


WEIGHT_CAP = 25.0  # the busiest bouncer gets at most this many times the spam of the quietest


def bouncers(rng: random.Random, count: int = 300) -> list[Bouncer]:
    products = list(PRODUCT_MIX)
    shares = [PRODUCT_MIX[p][2] for p in products]
    taken: set[str] = set()
    out = []
    for _ in range(count):
        product = rng.choices(products, shares)[0]
        styles, mta, _ = PRODUCT_MIX[product]
        style = rng.choice(styles)
        country = rng.choice(sorted(_BOUNCER_NETS))
        tld, nets = _BOUNCER_NETS[country]
        domain = _domain(rng, tld, taken)
        org = domain.split(".")[0].replace("-", " ").title()
        net = rng.choice(nets)
        mx_ip = f"{net}.{rng.randrange(0, 256)}.{rng.randrange(2, 250)}"
        mx_host = f"{rng.choice(['mx', 'mail', 'mx1', 'smtp', 'mailgw'])}.{domain}"
        if style == "cpanel_exim" or product == "cpanel":
            mx_host = f"{rng.choice(['server', 'vps', 'host', 'srv'])}{rng.randrange(10, 999)}." \
                      f"{rng.choice(['hostwarepro.com', 'webnodex.net', 'cloudpanel-host.com', 'sitebox.co'])}"
        out_host, out_ip = mx_host, mx_ip
        if rng.random() < 0.35:
            out_host, out_ip = f"{rng.choice(['out', 'relay', 'smtp-out', 'mta2'])}.{domain}", \
                               f"{net}.{rng.randrange(0, 256)}.{rng.randrange(2, 250)}"
        hosted = HOSTED.get("office365" if style == "office365" else product)
        if hosted:
            host_org, _, host_fmt, ip_fmt = hosted
            n = rng.randrange(10, 99)
            out_host, out_ip = host_fmt.format(n=n), ip_fmt.format(n=n)
            if product == "yahoo" or (product == "gmail" and rng.random() < 0.5):
                org, domain = host_org, f"{product}.com"
        internal = f"{rng.choice(['mailstore', 'exch01', 'mbox', 'imap', 'dag02'])}.{domain}"
        weight = min(rng.paretovariate(1.6), WEIGHT_CAP)
        gateway = None
        if not hosted and style in GATEWAYED and rng.random() < 0.3:
            gateway = rng.choice(sorted(GATEWAYS))
            _, _, host_fmt, ip_fmt = HOSTED[gateway]
            n = rng.randrange(10, 99)
            out_host, out_ip = host_fmt.format(n=n), ip_fmt.format(n=n)
        out.append(Bouncer(org, domain, country, product, style, mta, mx_host, mx_ip, out_host, out_ip, internal,
                           weight, gateway))
    return out


def person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return f"{first.title()} {last.title()}", f"{first}.{last}"


def reporters(rng: random.Random) -> list[Bouncer]:
    """Receivers that send DMARC failure reports (OpenDMARC) or ARF complaints about mail using the owner's domain."""
    out = []
    taken: set[str] = set()
    for i in range(8):
        country = rng.choice(sorted(_BOUNCER_NETS))
        tld, nets = _BOUNCER_NETS[country]
        domain = _domain(rng, tld, taken)
        ip = f"{rng.choice(nets)}.{rng.randrange(256)}.{rng.randrange(2, 250)}"
        host = f"mail.{domain}"
        style = "dmarc" if i < 6 else "arf"
        out.append(Bouncer(domain.split(".")[0].title(), domain, country, "opendmarc" if style == "dmarc" else "arf",
                           style, "postfix", host, ip, host, ip, f"mbox.{domain}", 1.0))
    return out
