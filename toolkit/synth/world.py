"""The cast of the sample corpus: the owner, the zombies' networks, the bouncing organisations.

Addresses of zombies and bouncers lie in public ranges that registries assign to
the named countries; the owner's own infrastructure uses documentation ranges.
Names are invented; nothing here is a real person or a real mail server.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

OWNER_NAME = "Jordan Ellis"
OWNER_DOMAIN = "quietmeadow.net"
OWNER_ADDR = f"jordan@{OWNER_DOMAIN}"
OWNER_MX = [("mx1.quietmeadow.net", "203.0.113.10"), ("mx2.quietmeadow.net", "203.0.113.11")]
OWNER_STORE = "mail.quietmeadow.net"
OWNER_RELAY = ("smtp.quietmeadow.net", "203.0.113.25")
OWNER_HOME = ("c-73-162-41-9.hsd1.ca.comcast.net", "73.162.41.9")

# country -> (ISP rDNS domain, public /16 prefixes of access networks there)
ACCESS_NETWORKS = {
    "BR": ("virtua.com.br", ["177.32", "187.10", "189.62", "201.53"]),
    "CN": ("163data.com.cn", ["58.48", "113.65", "117.88", "222.184"]),
    "IN": ("bsnl.in", ["117.199", "59.94", "122.167"]),
    "RU": ("dynamic.rt.ru", ["95.25", "178.66", "188.17"]),
    "VN": ("vnpt.vn", ["113.172", "14.177", "171.249"]),
    "TR": ("ttnet.com.tr", ["78.174", "85.105", "88.241"]),
    "US": ("res.rr.com", ["24.160", "71.178", "98.154"]),
    "UA": ("dynamic.kyivstar.net", ["93.72", "178.92"]),
    "AR": ("fibertel.com.ar", ["181.46", "190.192"]),
    "ID": ("telkom.net.id", ["36.72", "180.245"]),
    "PK": ("ptcl.net.pk", ["39.32", "119.152"]),
    "KR": ("kornet.net", ["211.36", "121.133"]),
    "TH": ("totbb.net", ["110.168", "171.97"]),
    "CO": ("une.net.co", ["181.49", "190.248"]),
    "EG": ("tedata.net", ["41.233", "197.35"]),
    "PH": ("pldt.net", ["112.198", "49.145"]),
    "RO": ("rdsnet.ro", ["79.115", "86.120"]),
    "PL": ("dynamic.chello.pl", ["83.25", "89.64"]),
    "IT": ("dyn.telecomitalia.it", ["79.42", "93.36"]),
    "ES": ("dynamic.jazztel.es", ["79.148", "88.13"]),
    "NG": ("dyn.mtnnigeria.net", ["105.112", "197.210"]),
    "MX": ("prod-infinitum.com.mx", ["187.190", "189.203"]),
}

_DYNAMIC_STYLES = (
    "{a}-{b}-{c}-{d}.dynamic.{isp}",
    "dsl-{d}-{c}.{isp}",
    "{d}.{c}.pool.{isp}",
    "ppp-{a}-{b}-{c}-{d}.{isp}",
    "host{d}-{c}-{b}-{a}.cable.{isp}",
    "cpe-{a}-{b}-{c}-{d}.{isp}",
    "dyn-{a}.{b}.{c}.{d}.{isp}",
)


@dataclass(frozen=True)
class Zombie:
    ip: str
    country: str
    rdns: str | None  # None: no reverse DNS, recorded as "unknown"
    helo: str


def make_zombie(rng: random.Random, country: str) -> Zombie:
    isp, prefixes = ACCESS_NETWORKS[country]
    a, b = rng.choice(prefixes).split(".")
    c, d = rng.randrange(0, 256), rng.randrange(1, 255)
    ip = f"{a}.{b}.{c}.{d}"
    rdns = None if rng.random() < 0.15 else rng.choice(_DYNAMIC_STYLES).format(a=a, b=b, c=c, d=d, isp=isp)
    helo_kind = rng.random()
    if helo_kind < 0.4:
        helo = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(5, 9)))
    elif helo_kind < 0.7:
        helo = f"[{ip}]"
    else:
        helo = rdns or "localhost"
    return Zombie(ip, country, rdns, helo)


@dataclass(frozen=True)
class Bouncer:
    """An organisation whose mail system sends notifications to forged senders."""

    org: str
    domain: str
    country: str
    mx_host: str
    mx_ip: str
    out_host: str
    out_ip: str
    style: str          # the notification style module that renders its bounces
    internal: tuple[str, ...] = field(default_factory=tuple)  # internal relays (host names)


# (org, domain, country, style, public /24 of its servers, outbound differs from MX)
_BOUNCERS = (
    ("Brightwater Logistics", "brightwater-logistics.com", "US", "postfix", "64.71.160", False),
    ("Kessler Maschinenbau", "kessler-mb.de", "DE", "postfix", "85.214.76", True),
    ("Universidad del Valle Norte", "uvn.edu.co", "CO", "postfix", "200.13.224", False),
    ("Hanwa Trading", "hanwa-trading.co.jp", "JP", "sendmail", "210.172.131", False),
    ("Ostrava Steel", "ostrava-steel.cz", "CZ", "sendmail", "82.208.40", True),
    ("Pinecrest School District", "pinecrest.k12.or.us", "US", "exchange", "199.104.120", True),
    ("Meridian Insurance", "meridian-ins.co.uk", "GB", "exchange", "81.144.210", True),
    ("Grupo Ferreira", "grupoferreira.com.br", "BR", "exchange", "200.155.76", False),
    ("Sunbird Hosting", "sunbirdhost.net", "CA", "exim_dsn", "142.4.208", False),
    ("Rivertown Web Services", "rivertown.net.au", "AU", "exim", "203.59.9", False),
    ("Valkyrie ISP", "valkyrie.no", "NO", "exim", "84.208.13", True),
    ("Old Mill Internet", "oldmill.net", "US", "qmail", "66.135.40", False),
    ("Telemar Provedor", "telemar-provedor.com.br", "BR", "qmail", "200.198.12", False),
    ("Lakeside Credit Union", "lakesidecu.org", "US", "barracuda", "12.157.228", True),
    ("Atlas Shipping", "atlas-shipping.gr", "GR", "barracuda", "62.103.148", True),
    ("Cobalt Manufacturing", "cobaltmfg.com", "US", "interscan", "209.92.80", True),
    ("Istanbul Tekstil", "ist-tekstil.com.tr", "TR", "interscan", "212.156.64", True),
    ("Nordlicht Verlag", "nordlicht-verlag.de", "DE", "amavis", "188.40.112", False),
    ("Ministerio Regional", "minregional.gob.ar", "AR", "sendmail", "200.51.90", True),
    ("Baltic Amber", "balticamber.lt", "LT", "postfix", "78.56.32", False),
    ("Maple Leaf Realty", "mapleleafrealty.ca", "CA", "vacation", "99.229.40", True),
    ("Studio Rossi", "studiorossi.it", "IT", "vacation", "151.1.210", True),
    ("Cabinet Laurent", "cabinet-laurent.fr", "FR", "vacation", "212.27.40", True),
    ("Dutch Dairy Coop", "dutchdairy.nl", "NL", "vacation", "194.109.6", True),
    ("Hirsch Consulting", "hirsch-consulting.de", "DE", "vacation", "217.160.0", True),
    ("Casa Andina", "casandina.com.pe", "PE", "vacation", "190.41.173", True),
    ("Verifymail Users", "verifymail-users.com", "US", "challenge", "208.70.128", True),
    ("Boxguard Customers", "boxguard-mail.net", "US", "challenge", "69.25.136", True),
)


def bouncers(rng: random.Random) -> list[Bouncer]:
    out = []
    for org, domain, country, style, net, split in _BOUNCERS:
        mx_ip = f"{net}.{rng.randrange(2, 60)}"
        mx_host = f"{rng.choice(['mx', 'mx1', 'mail', 'smtp', 'mailgw'])}.{domain}"
        out_ip = f"{net}.{rng.randrange(61, 250)}" if split else mx_ip
        out_host = f"{rng.choice(['out', 'relay', 'smtp-out', 'mta2'])}.{domain}" if split else mx_host
        internal = (f"{rng.choice(['mailstore', 'exch01', 'mbox', 'imap'])}.{domain}",)
        out.append(Bouncer(org, domain, country, mx_host, mx_ip, out_host, out_ip, style, internal))
    return out


# Where the owner's genuine correspondents live.
FRIEND_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "gmx.de", "proton.me", "fastmail.com",
                  "orange.fr", "web.de", "icloud.com", "comcast.net")
FIRST_NAMES = ("alex", "sam", "maria", "li", "peter", "anna", "omar", "yuki", "carlos", "eva", "nina",
               "tom", "sofia", "raj", "lena", "jonas", "chloe", "ivan", "mei", "pablo")
LAST_NAMES = ("smith", "nguyen", "mueller", "garcia", "kowalski", "rossi", "tanaka", "silva", "dubois",
              "jansen", "novak", "kim", "oconnor", "haddad", "berg", "lopez", "petrov", "ali")
