"""Rented botnets, the open relays and hijacked servers they abuse, and the spam campaigns that
forge the owner's domain: what the spam looked like when it reached the server that later bounced.

Real-world traits modelled: several botnets, each rented to several campaigns at once (the same
zombie sends for more than one run); campaigns overlap in time; subjects vary inside a run
(spintax, names, numbers, languages) while different runs share generic subjects; URL shorteners,
free hosts and HTML boilerplate are shared; some spam passes an open relay or a hijacked account;
some carries forged Received lines below the real ones.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .world import (Owner, boundary, encoded_word, fold, lowhex, multipart, part, rfc2822, token)

# country -> (first-octet prefixes of residential pools, reverse-DNS patterns; {a}.{b}.{c}.{d} = the octets)
ZOMBIE_POOLS = {
    "BR": (["177.{}", "179.{}", "187.{}", "189.{}", "201.{}"], ["{a}-{b}-{c}-{d}.user.veloxzone.com.br",
                                                              "{a}.{b}.{c}.{d}.dynamic.adsl.gvt.net.br",
                                                              "{d}-{c}-{b}-{a}.dsl.telesp.net.br", ""]),
    "IN": (["117.{}", "122.{}", "59.{}", "106.{}"], ["abts-north-dynamic-{d}.{c}.{b}.{a}.airtelbroadband.in", "", ""]),
    "VN": (["113.{}", "14.{}", "171.{}", "116.{}"], ["static.vnpt.vn", "", "localhost"]),
    "ID": (["36.{}", "114.{}", "180.{}"], ["{d}.subnet{c}.{b}.{a}.speedy.telkom.net.id", ""]),
    "CN": (["113.{}", "183.{}", "117.{}", "222.{}"], ["", ""]),
    "RU": (["95.{}", "178.{}", "46.{}", "92.{}"], ["broadband-{a}-{b}-{c}-{d}.ip.moscow.rt.ru",
                                                 "{a}x{b}x{c}x{d}.dynamic.ufa.ertelecom.ru", ""]),
    "TR": (["78.{}", "88.{}", "85.{}"], ["{a}.{b}.{c}.{d}.dynamic.ttnet.com.tr", ""]),
    "US": (["73.{}", "98.{}", "24.{}", "71.{}"], ["c-{a}-{b}-{c}-{d}.hsd1.fl.comcast.net",
                                                "cpe-{a}-{b}-{c}-{d}.nyc.res.rr.com",
                                                "pool-{a}-{b}-{c}-{d}.nwrknj.fios.verizon.net"]),
    "UA": (["93.{}", "176.{}"], ["{d}-{c}-{b}-{a}.pool.ukrtel.net", ""]),
    "AR": (["181.{}", "190.{}"], ["host{d}.{c}.{b}.{a}.telecom.net.ar", ""]),
    "MX": (["187.{}", "189.{}"], ["dsl-{a}-{b}-{c}-{d}-dyn.prod-infinitum.com.mx", ""]),
    "IR": (["5.{}", "151.{}"], ["", ""]),
    "TH": (["124.{}", "110.{}"], ["node-{x}.pool-{a}-{b}.dynamic.totinternet.net", "ppp-{a}-{b}-{c}-{d}.revip.asianet.co.th"]),
    "PK": (["39.{}", "119.{}"], [""]),
    "EG": (["41.{}", "197.{}"], ["host-{a}.{b}.{c}.{d}.tedata.net", ""]),
    "PL": (["83.{}", "89.{}"], ["{a}.{b}.{c}.{d}.ipv4.supernova.orange.pl", "host-{a}-{b}-{c}-{d}.dynamic.netia.pl"]),
    "IT": (["79.{}", "93.{}"], ["host{d}-{c}-dynamic.{b}-{a}-r.retail.telecomitalia.it"]),
    "DE": (["84.{}", "91.{}"], ["p{x}.dip0.t-ipconnect.de", "dslb-{a}-{b}-{c}-{d}.{a}.pools.vodafone-ip.de"]),
}
COUNTRY_WEIGHTS = {"BR": 9, "IN": 10, "VN": 9, "ID": 5, "CN": 6, "RU": 6, "TR": 4, "US": 7, "UA": 3, "AR": 3,
                   "MX": 3, "IR": 2, "TH": 3, "PK": 2, "EG": 2, "PL": 2, "IT": 2, "DE": 2}

HELO_PATTERNS = ["{owner_domain}", "mail.{owner_domain}", "[{ip}]", "User", "{rdns}", "{winname}", "localhost",
                 "{random}.com", "smtp.{random}.net"]
WINDOWS_NAMES = ["DESKTOP-{x}", "WIN-{x}", "PC-{x}", "USER-PC", "HOME-{x}", "LAPTOP-{x}", "ADMIN-PC"]


@dataclass
class Kit:
    """The spamware a botnet runs: it, not the campaign, decides the headers' shape."""
    mailer: str | None
    mid_style: int          # how Message-IDs are made
    forged_rate: float      # share of messages with forged Received lines below the real ones
    forge: str              # how the From/envelope is forged: random local parts, names, the owner's address
    clock_skews: tuple      # minutes the zombies' clocks are off
    split_from: float       # share where the header From differs from the envelope sender


@dataclass
class Zombie:
    ip: str
    country: str
    rdns: str
    helo: str
    botnet: str
    kit: Kit | None = None


@dataclass
class Relay:
    ip: str
    host: str
    software: str  # postfix | exim | exchange | sendmail
    country: str
    hijacked: bool  # an authenticated account abused (ESMTPA), else an open relay


def _ip(rng: random.Random, prefix: str) -> tuple[str, list[int]]:
    first = int(prefix.split(".")[0])
    octs = [first, rng.randint(1, 254), rng.randint(0, 255), rng.randint(1, 254)]
    return ".".join(map(str, octs)), octs


def make_botnets(rng: random.Random, names: list[str], sizes: list[int], owner_domain: str) -> dict[str, list[Zombie]]:
    nets = {}
    countries = list(COUNTRY_WEIGHTS)
    for name, size in zip(names, sizes):
        kit = Kit(rng.choice(MAILERS), rng.randrange(4), rng.choice((0.0, 0.1, 0.5, 0.9)),
                  rng.choice(("random", "random", "names", "owner")),
                  rng.choice(((0,), (0, 0, -3, 7), (0, -600, 1440), (-60, 0, 60, 120))), rng.choice((0.0, 0.3, 0.9)))
        # each botnet leans on a few countries (where its loader spread), with a long tail
        lean = rng.sample(countries, 4)
        weights = [COUNTRY_WEIGHTS[c] * (6 if c in lean else 1) for c in countries]
        zombies = []
        for _ in range(size):
            country = rng.choices(countries, weights)[0]
            prefixes, rdnss = ZOMBIE_POOLS[country]
            ip, octs = _ip(rng, rng.choice(prefixes))
            a, b, c, d = octs
            rdns = rng.choice(rdnss).format(a=a, b=b, c=c, d=d, x=lowhex(rng, 8))
            winname = rng.choice(WINDOWS_NAMES).format(x=token(rng, 7, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"))
            helo = rng.choice(HELO_PATTERNS).format(owner_domain=owner_domain, ip=ip, rdns=rdns or ip, winname=winname,
                                                    random=token(rng, rng.randint(5, 9), "abcdefghijklmnopqrstuvwxyz"))
            zombies.append(Zombie(ip, country, rdns, helo, name, kit))
        nets[name] = zombies
    return nets


RELAY_SITES = [("mail.gruppo-ferretti.it", "IT", "postfix"), ("smtp.ticaret-insaat.com.tr", "TR", "exim"),
               ("mx.colegiosanjose.edu.co", "CO", "exchange"), ("mail.hotel-bellavista.gr", "GR", "postfix"),
               ("server.dentalclinic-kiev.com.ua", "UA", "exim"), ("mail.inmobiliaria-sur.com.ar", "AR", "sendmail"),
               ("correo.municipalidad-x.gob.pe", "PE", "exchange"), ("mail.autohaus-brandt.de", "DE", "postfix"),
               ("host.webhosting-cpanel.in", "IN", "exim"), ("mail.pt-sinarjaya.co.id", "ID", "exim"),
               ("mail.kancelaria-nowak.pl", "PL", "postfix"), ("vps-4412.hostingvps.com.br", "BR", "exim")]


def make_relays(rng: random.Random) -> list[Relay]:
    relays = []
    for host, country, software in RELAY_SITES:
        ip = f"{rng.choice([62, 80, 185, 195, 200, 212, 103])}.{rng.randint(1, 254)}.{rng.randint(0, 255)}.{rng.randint(2, 250)}"
        relays.append(Relay(ip, host, software, country, hijacked=software == "exim" or rng.random() < 0.4))
    return relays


# --- campaigns -----------------------------------------------------------------------------

SHORTENERS = ["bit.ly/{t}", "tinyurl.com/{t}", "t.co/{t}", "cutt.ly/{t}", "rb.gy/{t}", "is.gd/{t}", "ow.ly/{t}"]
FREE_HOSTS = ["sites.google.com/view/{t}", "storage.googleapis.com/{t}/index.html", "{t}.web.app",
              "{t}.blogspot.com", "{t}.weebly.com", "{t}.wixsite.com/home", "{t}.github.io", "pub-{t}.r2.dev",
              "{t}.pages.dev", "firebasestorage.googleapis.com/v0/b/{t}.appspot.com/o/i.html"]
BOILERPLATE_HEAD = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
                    '<html xmlns="http://www.w3.org/1999/xhtml"><head>\n'
                    '<meta http-equiv="Content-Type" content="text/html; charset={charset}" />\n'
                    '<link href="https://fonts.googleapis.com/css?family=Open+Sans:400,700" rel="stylesheet" />\n'
                    '<style>body{{font-family:Arial,Helvetica,sans-serif}}</style></head><body>\n')
GENERIC_SUBJECTS = ["Hello", "Hi", "Re:", "Important", "(no subject)", "Your order", "Invoice", "Re: Hello",
                    "Good news", "Urgent", "Fw: Important information", "Hey"]
NAMES = ["Anna", "Olga", "Maria", "Jessica", "Kate", "Svetlana", "Linda", "Natalie", "Irina", "Emily", "Sophie",
         "Elena", "Tatiana", "Julia", "Vika", "Daria"]
MAILERS = ["Microsoft Outlook Express 6.00.2900.5512", "Microsoft Office Outlook 12.0", "The Bat! (v4.0.24) Professional",
           "Mozilla/5.0 (Windows NT 6.1; rv:52.0) Gecko/20100101 Thunderbird/52.9.1", "Microsoft Outlook 16.0",
           "PHPMailer 5.2.28 (https://github.com/PHPMailer/PHPMailer)", "iPhone Mail (16B92)", None, None]


def spin(rng: random.Random, template: str) -> str:
    """Resolve {a|b|c} spintax (no nesting) and the {NAME} / {N} / {NN} slots."""
    out, i = [], 0
    while i < len(template):
        ch = template[i]
        if ch == "{":
            j = template.index("}", i)
            inner = template[i + 1:j]
            if inner == "NAME":
                out.append(rng.choice(NAMES))
            elif inner == "N":
                out.append(str(rng.randint(2, 95)))
            elif inner == "NN":
                out.append(str(rng.randint(1000, 99999)))
            else:
                out.append(rng.choice(inner.split("|")))
            i = j + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


@dataclass
class Theme:
    name: str
    subjects: list[str]
    body: str
    charset: str = "utf-8"
    cte: str = "quoted-printable"
    attachment: str | None = None  # a file name: malware runs carry one (virus notices follow)
    language: str = "en"


THEMES = [
    Theme("pharma", ["{Cheap|Discount|Generic} {V1agra|Viagra|Cialis|Levitra} - {save|up to} {N}% {off|today}",
                     "{Men's|Male} {health|power} {shop|store}: {NN} {pills|tabs} shipped",
                     "Re: your {prescription|refill} #{NN}"],
          "Best prices on {men's health|ED} meds. {No prescription needed|Discreet shipping worldwide}.\n"
          "Order today and get {N} free pills.\n{URL}\n"),
    Theme("replica", ["{Rolex|Omega|Cartier|Breitling} {replica|copies} from ${N}", "{Luxury|Swiss} watches {N}% off",
                      "{Best|Top} gift for {him|her} - {Rolex|Patek} {NN}", "Montres de luxe \u00e0 {N}0 \u20ac",
                      "Orologi di lusso: {N}0% di sconto"],
          "Swiss-made look, {fraction|tenth} of the price. {Free shipping|Express delivery}. \u2013 \u201cQuality\u201d guaranteed.\n{URL}\n",
          charset="windows-1252"),
    Theme("dating", ["{NAME} {wants to meet you|sent you a message|liked your photo}", "I saw your profile {yesterday|today}",
                     "{NAME} m\u00f6chte dich kennenlernen", "{NAME} veut te rencontrer", "{NAME} quiere conocerte",
                     "{Hi|Hello|Hey} dear, {this is|it's} {NAME}", "{NAME} ({N}) is {online|waiting} near you"],
          "Hello my dear! My name is {NAME}, I am {N} years old. I found your address and I want to know you better.\n"
          "Write to me here: {URL}\nKisses, {NAME}\n"),
    Theme("crypto", ["{Bitcoin|BTC|Crypto} {profit|earnings} {report|update}: +${NN}",
                     "Your {wallet|account} received {0.|1.|2.}{N} BTC", "{Elon|Experts} {reveal|explain} {new|secret} {crypto|AI} system"],
          "Our {AI trading|quantum} platform made ${NN} for members this week.\n{Register|Start now}: {URL}\n"),
    Theme("loan", ["{Pre-approved|Approved}: ${NN} {loan|credit line}", "{Refinance|Lower} your {mortgage|payments} now",
                   "{Bad credit|Low score}? {Get|Receive} ${NN} today"],
          "You qualify for up to ${NN}. {No credit check|Same-day decision}.\nApply: {URL}\n"),
    Theme("invoice-malware", ["{Invoice|INV}-{NN} {attached|due}", "{Payment|Remittance} {advice|confirmation} {NN}",
                              "Re: {overdue|unpaid} invoice {NN}", "Invoice"],
          "{Dear customer|Hello},\n\nPlease find attached the invoice {NN} for your {records|payment}.\n\n"
          "Kind regards,\nAccounts\n", attachment="Invoice_{NN}.zip"),
    Theme("parcel-phish", ["{DHL|FedEx|UPS} {delivery|shipment} {failed|on hold}: {NN}", "Your {parcel|package} is waiting",
                           "{Action required|Reschedule}: {parcel|package} {NN}"],
          "We could not deliver your package #{NN}. {Confirm your address|Pay the $1.99 fee} here: {URL}\n"),
    Theme("stock", ["{STRONG BUY|Hot pick}: {ZXRT|QMKB|LPTV} {up|rising} {N}%", "{This|One} stock {could|will} {explode|soar}",
                    "Market {alert|update} {NN}"],
          "{Ticker|Symbol}: {ZXRT|QMKB}\nTarget: ${N}.{N}\nThis company is about to announce {big|huge} news.\n{URL}\n"),
    Theme("seo", ["{Rank|Get} your {website|site} on {Google|the} first page", "{SEO|Website} {proposal|audit} for your {site|business}",
                  "{Increase|Boost} {traffic|sales} {N}x"],
          "Hi,\n\nI was checking your website and noticed a few {errors|issues} that hurt your ranking.\n"
          "We can fix them for ${N}9 a month. Reply with 'yes' or see {URL}\n\nRegards,\n{NAME}\n"),
    Theme("casino-de", ["{Ihr|Dein} {Bonus|Willkommensbonus} von {N}0 \u20ac wartet", "{Gratis|Kostenlose} Freispiele: {N}",
                        "Gl\u00fcckwunsch! Sie haben gewonnen"],
          "Sichern Sie sich jetzt {N}0 Freispiele und {N}00 \u20ac Bonus. Nur heute!\n{URL}\n",
          charset="iso-8859-1", language="de"),
    Theme("business-ru", ["\u0411\u0430\u0437\u044b \u0434\u0430\u043d\u043d\u044b\u0445 \u043a\u043b\u0438\u0435\u043d\u0442\u043e\u0432 {2026|\u043d\u0430 \u0437\u0430\u043a\u0430\u0437}",
                          "\u0420\u0430\u0441\u0441\u044b\u043b\u043a\u0430 \u043f\u043e {N}00 000 \u0430\u0434\u0440\u0435\u0441\u0430\u043c",
                          "\u0411\u0443\u0445\u0433\u0430\u043b\u0442\u0435\u0440\u0438\u044f: {\u0441\u0435\u043c\u0438\u043d\u0430\u0440|\u043a\u0443\u0440\u0441\u044b} {N} \u043c\u0430\u044f"],
          "\u0417\u0434\u0440\u0430\u0432\u0441\u0442\u0432\u0443\u0439\u0442\u0435! \u041f\u0440\u0435\u0434\u043b\u0430\u0433\u0430\u0435\u043c "
          "\u0440\u0430\u0441\u0441\u044b\u043b\u043a\u0438 \u0438 \u0431\u0430\u0437\u044b. \u0422\u0435\u043b. +7 9{NN}{NN}\n{URL}\n",
          charset="koi8-r", cte="8bit", language="ru"),
    Theme("dating-ja", ["\u3053\u3093\u306b\u3061\u306f\u3001{NAME}\u3067\u3059", "\u304a\u8fd4\u4e8b\u304f\u3060\u3055\u3044",
                        "\u4eca\u591c\u4f1a\u3048\u307e\u3059\u304b\uff1f"],
          "\u306f\u3058\u3081\u307e\u3057\u3066\u3002\u30d7\u30ed\u30d5\u30a3\u30fc\u30eb\u3092\u898b\u3066\u304f\u3060\u3055\u3044\u3002\n{URL}\n",
          charset="iso-2022-jp", cte="7bit", language="ja"),
    Theme("job-mule", ["{Remote|Home-based} {assistant|position} - ${N}00/week", "Job offer: {payment|finance} {agent|coordinator}",
                       "{Part-time|Flexible} {job|work} {opportunity|offer}"],
          "We are an international company looking for a {payment processing|regional} agent.\n"
          "{N} hours a week, ${N}00 weekly. Reply with your CV.\n{NAME}, HR Department\n"),
    Theme("lottery-419", ["{Congratulations|Attention}: {your email won|winning notification} {NN}",
                          "{URGENT|Confidential} {business proposal|reply needed}", "{Compensation|Inheritance} fund release"],
          "Your email address has been selected for the sum of $1,{NN},000.00 USD.\n"
          "Contact our claims agent {NAME} with your full name and phone number.\n"),
    Theme("scan-malware", ["{Scan|Scanned image|Document} {from|of} {Xerox|HP|Canon} {NN}", "{Fax|Voice message} {received|from} {NN}",
                           "Your document {NN}"],
          "Please open the attached document.\n\nSent with {Xerox WorkCentre|HP Digital Sending}\n",
          attachment="Scan_{NN}.{zip|html|img}"),
]


@dataclass
class Campaign:
    id: str
    theme: Theme
    botnets: list[str]
    start: datetime
    bursts: list[tuple[datetime, float]]  # burst start, hours
    volume: int
    domains: list[str]
    forge: str          # how From is forged: random local parts, the owner's own address, names
    forged_hops_rate: float
    relay_rate: float
    generic_rate: float
    mailer: str | None
    targets: list = field(default_factory=list)  # the bouncers this list reaches (filled by the world)
    hashbust: bool = False   # random words in subject and body against checksum filters
    personal: bool = False   # the recipient's name in the subject

    def when(self, rng: random.Random) -> datetime:
        start, hours = rng.choice(self.bursts)
        return start + timedelta(hours=rng.random() * hours)


SPAM_TLDS = ["ru", "top", "xyz", "shop", "online", "site", "icu", "cn", "info", "biz", "click", "store"]


SCHEDULES = ("burst", "burst", "waves", "continuous")


def _bursts(rng: random.Random, begin: datetime, days: int) -> list[tuple[datetime, float]]:
    """When a run sends: a few bursts, waves across the month, or every day for weeks at a low rate."""
    kind = rng.choice(SCHEDULES)
    start = begin + timedelta(hours=rng.uniform(-30, days * 24 - 30))
    if kind == "burst":
        span = rng.choice((8, 30, 72, 120, 240))
        return [(start + timedelta(hours=rng.uniform(0, span)), rng.uniform(1, 14)) for _ in range(rng.randint(1, 5))]
    if kind == "waves":
        return [(begin + timedelta(hours=rng.uniform(-24, days * 24)), rng.uniform(2, 20)) for _ in range(rng.randint(4, 9))]
    first = begin + timedelta(days=rng.uniform(-5, days / 2))
    length = rng.randint(10, days + 5)
    return [(first + timedelta(days=d, hours=rng.uniform(0, 10)), rng.uniform(6, 16)) for d in range(length)]


def make_campaigns(rng: random.Random, begin: datetime, days: int, total: int, botnet_names: list[str]) -> list[Campaign]:
    themes = THEMES[:]
    rng.shuffle(themes)
    weights = sorted((rng.paretovariate(1.2) for _ in themes), reverse=True)
    scale = total / sum(weights)
    campaigns = []
    for i, (theme, w) in enumerate(zip(themes, weights)):
        nets = rng.sample(botnet_names, rng.choice((1, 1, 2)))
        bursts = _bursts(rng, begin, days)
        # link domains rotate (fresh registrations, compromised sites) far more than one or two names
        pool = rng.choice((2, 8, 30, 60))
        domains = [f"{token(rng, rng.randint(5, 10), 'abcdefghijklmnopqrstuvwxyz')}.{rng.choice(SPAM_TLDS)}" for _ in range(pool)]
        if rng.random() < 0.4:
            domains += [f"www.{rng.choice(['bakery', 'yoga', 'auto', 'dental', 'photo'])}{token(rng, 4, 'abcdefghijklmnopqrstuvwxyz')}."
                        f"{rng.choice(['com', 'de', 'com.br', 'it'])}/wp-content/uploads/{rng.randint(2019, 2025)}" for _ in range(pool)]
        campaigns.append(Campaign(f"run-{i + 1:02d}", theme, nets, bursts[0][0], bursts, max(8, int(w * scale)), domains,
                                  rng.choice(("random", "random", "owner", "names")), rng.choice((0, 0, 0.3, 0.8)),
                                  rng.choice((0, 0, 0, 0.15, 0.5)), rng.choice((0.02, 0.08, 0.2, 0.35)), rng.choice(MAILERS)))
        campaigns[-1].hashbust = rng.random() < 0.4
        campaigns[-1].personal = rng.random() < 0.3
    return campaigns


def _url(rng: random.Random, c: Campaign) -> str:
    t = token(rng, rng.randint(5, 9), "abcdefghijklmnopqrstuvwxyz0123456789")
    roll = rng.random()
    if roll < 0.3:
        return "https://" + rng.choice(SHORTENERS).format(t=t)
    if roll < 0.55:
        return "https://" + rng.choice(FREE_HOSTS).format(t=t)
    return f"http://{rng.choice(c.domains)}/{t}"


@dataclass
class Spam:
    """One spam message as it arrived at the target's server (the bouncer adds its own line on top)."""
    campaign: Campaign
    zombie: Zombie
    relay: Relay | None
    sent: datetime
    sender: str
    recipient: str
    subject: str
    message_id: str
    received_below: list[str]  # the relay's line (if any) then the forged lines, top to bottom
    forged_hops: int
    headers_text: str          # all headers below the bouncer's own Received line
    body_text: str             # the body as carried
    from_addr: str = ""        # the header From (auto-replies answer it; bounces go to the envelope sender)

    @property
    def connecting_ip(self) -> str:
        return self.relay.ip if self.relay else self.zombie.ip

    @property
    def connecting_host(self) -> str:
        return self.relay.host if self.relay else (self.zombie.rdns or "unknown")

    @property
    def helo(self) -> str:
        return self.relay.host if self.relay else self.zombie.helo

    def full(self, top_received: list[str]) -> str:
        return "\n".join(f"Received: {r}" for r in top_received) + "\n" + self.headers_text + "\n\n" + self.body_text


def _forged_sender(rng: random.Random, forge: str, owner: Owner) -> tuple[str, str]:
    if forge == "owner":
        return owner.address, rng.choice([owner.display, rng.choice(NAMES), ""])
    name = rng.choice(NAMES)
    if forge == "names":
        local = f"{name.lower()}{rng.choice(['', '.', '_'])}{rng.choice(['', str(rng.randint(1, 99))])}"
        return f"{local}@{owner.domain}", name
    return f"{token(rng, rng.randint(4, 10), 'abcdefghijklmnopqrstuvwxyz0123456789')}@{owner.domain}", \
        rng.choice([name, "", name + " " + rng.choice(["Smith", "Miller", "Brown", "Garcia"])])


def _forged_received(rng: random.Random, owner: Owner, sent: datetime, zombie: Zombie) -> str:
    kind = rng.randrange(4)
    earlier = sent - timedelta(minutes=rng.randint(1, 3000))
    if kind == 0:
        return (f"from [192.168.{rng.randint(0, 9)}.{rng.randint(2, 250)}] by mail.{owner.domain} with SMTP id "
                f"{token(rng, 8)}; {rfc2822(earlier, rng.choice((0, -5, 3)))}")
    if kind == 1:
        return f"from unknown (HELO localhost) (127.0.0.1) by smtp.{owner.domain} with SMTP; {rfc2822(earlier)}"
    if kind == 2:
        fake = f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        return (f"from mail.{owner.domain} ([{fake}]) by mx.{owner.domain} (8.14.4/8.14.4) with ESMTP id "
                f"{token(rng, 14)} for <{token(rng, 6).lower()}@{owner.domain}>; {rfc2822(earlier, -7)}")
    return f"from User ([10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}]) by {zombie.helo} with " \
           f"MailEnable ESMTP; {rfc2822(earlier + timedelta(days=rng.choice((0, 400))))}"


def _relay_received(rng: random.Random, relay: Relay, zombie: Zombie, sent: datetime, recipient: str) -> str:
    rd = zombie.rdns or "unknown"
    if relay.software == "exim":
        auth = f" with esmtpsa  (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n\t(Exim 4.96.2)\n\t(envelope-from <x>)" \
            if relay.hijacked else " with esmtp (Exim 4.95)"
        line = f"from [{zombie.ip}] (port={rng.randint(1025, 65000)} helo={zombie.helo})\n\tby {relay.host}{auth}\n\tid " \
               f"{token(rng, 6)}-{token(rng, 6)}-{token(rng, 2)}\n\tfor {recipient}; {rfc2822(sent, 5.5)}"
        return line.replace("<x>", "<info@" + relay.host.split(".", 1)[1] + ">")
    if relay.software == "exchange":
        return (f"from {zombie.helo} ({zombie.ip}) by {relay.host} ({relay.ip}) with Microsoft SMTP Server "
                f"(TLS) id 14.3.{rng.randint(100, 500)}.0; {rfc2822(sent, -5)}")
    if relay.software == "sendmail":
        return (f"from {zombie.helo} ({rd} [{zombie.ip}])\n\tby {relay.host} (8.15.2/8.15.2) with ESMTP id "
                f"{token(rng, 14)}\n\tfor <{recipient}>; {rfc2822(sent, -3)}")
    proto = "ESMTPA" if relay.hijacked else "ESMTP"
    return (f"from {zombie.helo} ({rd} [{zombie.ip}])\n\tby {relay.host} (Postfix) with {proto} id "
            f"{token(rng, 10, '0123456789ABCDEF')}\n\tfor <{recipient}>; {rfc2822(sent, 1)}")


def _html(rng: random.Random, text: str, url: str, charset: str) -> str:
    pixel = f"https://{rng.choice(['i.imgur.com', 'cdn.jsdelivr.net/gh/x', 'ci3.googleusercontent.com/proxy'])}/{token(rng, 10)}.gif"
    paras = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line)
    return (BOILERPLATE_HEAD.format(charset=charset) + f'<table width="600" align="center"><tr><td>\n{paras}'
            f'<p><a href="{url}" style="color:#1a73e8">{url}</a></p>\n'
            f'<img src="{pixel}" width="1" height="1" alt="" />\n'
            '<p style="font-size:10px;color:#999">To unsubscribe click <a href="' + url + '?u=1">here</a>.</p>\n'
            "</td></tr></table></body></html>\n")


def make_spam(rng: random.Random, c: Campaign, zombie: Zombie, relay: Relay | None, sent: datetime,
              recipient: str, owner: Owner) -> Spam:
    theme = c.theme
    subject = rng.choice(GENERIC_SUBJECTS) if rng.random() < c.generic_rate else spin(rng, rng.choice(theme.subjects))
    if c.personal and rng.random() < 0.5:  # the recipient's own name in the subject
        who = recipient.split("@")[0].split(".")[0].title()
        subject = rng.choice([f"{who}, {subject[0].lower()}{subject[1:]}", f"{subject} - {who}", f"Re: {who}"])
    if c.hashbust:  # random words or numbers to defeat checksums
        subject += rng.choice([f" {token(rng, 5, 'abcdefghijklmnopqrstuvwxyz')}", f" #{rng.randint(100, 99999)}",
                               f" [{token(rng, 3, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}]", ""])
    kit = zombie.kit or Kit(c.mailer, rng.randrange(4), c.forged_hops_rate, c.forge, (0,), 0.0)
    sender, display = _forged_sender(rng, kit.forge, owner)
    from_addr = sender
    if rng.random() < kit.split_from:  # the envelope and the header From are forged separately
        from_addr, display = _forged_sender(rng, "random" if kit.forge == "owner" else kit.forge, owner)
    url = _url(rng, c)
    text = spin(rng, theme.body).replace("{URL}", url)
    if c.hashbust:
        text += "\n" + " ".join(token(rng, rng.randint(3, 9), "abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(8, 30))) + "\n"
    charset = theme.charset
    subj_header = subject
    try:
        subject.encode("ascii")
    except UnicodeEncodeError:
        subj_header = encoded_word(subject, charset if charset != "iso-8859-1" else "iso-8859-1", "B")
    sender_host = owner.domain if rng.random() < 0.5 else (zombie.helo if "." in zombie.helo else owner.domain)
    mid_style = kit.mid_style
    if mid_style == 0:
        message_id = f"<{sent.strftime('%Y%m%d%H%M%S')}.{token(rng, 5).upper()}@{sender_host}>"
    elif mid_style == 1:
        message_id = f"<{lowhex(rng, 8)}${lowhex(rng, 8)}${lowhex(rng, 8)}@{sender_host}>"
    elif mid_style == 2:
        message_id = f"<{token(rng, 20)}@{owner.domain}>"
    else:
        message_id = f"<000{rng.randint(1, 9)}01d{lowhex(rng, 3)}${lowhex(rng, 8)}${lowhex(rng, 8)}@{rng.choice(NAMES)}PC>"
    forged = [_forged_received(rng, owner, sent, zombie) for _ in range(
        rng.choice((1, 1, 2, 3)) if rng.random() < kit.forged_rate else 0)]
    below = ([_relay_received(rng, relay, zombie, sent, recipient)] if relay else []) + forged
    clock = sent + timedelta(minutes=rng.choice(kit.clock_skews))
    from_value = f"\"{display}\" <{from_addr}>" if display else from_addr
    headers = [f"Received: {r}" for r in below] + [
        f"Message-ID: {message_id}",
        f"From: {maybe_encoded_display(rng, from_value)}",
        f"To: {recipient if rng.random() < 0.7 else '<' + recipient + '>'}",
        f"Subject: {subj_header}",
        f"Date: {rfc2822(clock, rng.choice((0, 1, 3, 5.5, 7, 8, -3, -5)))}",
        "MIME-Version: 1.0",
    ]
    if kit.mailer:
        headers.append(f"X-Mailer: {kit.mailer}")
    if rng.random() < 0.4:
        headers.append("X-Priority: 3")
    bnd = boundary(rng)
    if theme.attachment:
        name = spin(rng, theme.attachment)
        payload = token(rng, 2400, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        payload = "\n".join(payload[i:i + 76] for i in range(0, len(payload), 76))
        body = multipart([part("text/plain", text, charset, c.theme.cte),
                          f"Content-Type: application/{'zip' if name.endswith('zip') else 'octet-stream'}; name=\"{name}\"\n"
                          f"Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"{name}\"\n\n{payload}\n"],
                         bnd)
        headers.append(f"Content-Type: multipart/mixed; boundary=\"{bnd}\"")
    elif theme.language in ("ru", "ja") or rng.random() < 0.25:
        body = part("text/plain", text, charset, theme.cte).split("\n\n", 1)
        headers += body[0].split("\n")
        body = body[1]
    else:
        body = multipart([part("text/plain", text, charset, theme.cte),
                          part("text/html", _html(rng, text, url, charset), charset, theme.cte)], bnd, preamble="")
        headers.append(f"Content-Type: multipart/alternative; boundary=\"{bnd}\"")
    return Spam(c, zombie, relay, sent, sender, recipient, subject, message_id, below, len(forged),
                "\n".join(headers), body, from_addr)


def maybe_encoded_display(rng: random.Random, value: str) -> str:
    return fold(value) if len(value) > 70 else value
