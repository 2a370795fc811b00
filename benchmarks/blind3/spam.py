"""Spam operations that forge the owner's domain: affiliate kits, the operators who send them, their schedules,
and the forged message as it reached one answering server (its Received chain, forged lines included).

A *campaign* here is one operator pushing one offer: one kit (body, subject spintax, landing pages), the
operator's own pool of landing domains rotated during the run, its own rented sending capacity and schedule.
Two operators who received the same kit from one affiliate program are two campaigns; one operator rotating
thirty domains is one campaign; one operator sending two offers at once is two campaigns. See README.md."""
from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .net import Botnet, Relay, Zombie, hexid, received, rfc2822, token

SPIN = re.compile(r"\{([^{}]*)\}")

# shared infrastructure that several operators use: URL shorteners, free hosts, the bulk mailer's footer
SHORTENERS = ["https://bit.ly/{t}", "https://tinyurl.com/{t}", "https://cutt.ly/{t}", "https://is.gd/{t}",
              "https://rebrand.ly/{t}", "https://t.ly/{t}"]
FREE_HOSTS = ["https://sites.google.com/view/{t}/home", "https://{t}.blogspot.com/", "https://storage.googleapis.com/{t}/index.html",
              "https://{t}.web.app/", "https://{t}.weebly.com/", "https://telegra.ph/{t}-11-02", "https://{t}.000webhostapp.com/",
              "https://firebasestorage.googleapis.com/v0/b/{t}.appspot.com/o/index.html?alt=media"]
FOOTERS = [
    "<p style=\"font-size:10px;color:#999\">If you no longer wish to receive these emails, <a href=\"{u}\">click here"
    "</a> to unsubscribe.<br>This message was sent to {rcpt}.</p>",
    "<p><font size=\"1\">To stop receiving our offers reply with REMOVE in the subject line or visit <a href=\"{u}\">"
    "this page</a>.</font></p>",
]
GENERIC_SUBJECTS = ["Hello", "Hi", "Re:", "Re: Hi", "Important", "Hello dear", "Good news", "", "Re: Your request",
                    "Fw:", "Information", "Hi there"]
NAMES = ["Anna", "Elena", "Natasha", "Olga", "Maria", "Julia", "Svetlana", "Irina", "Kate", "Linda", "Sophie", "Alina",
         "Daria", "Viktoria", "Jessica", "Emily"]
CITIES = ["Kiev", "Minsk", "Odessa", "Kharkov", "Moscow", "Riga", "Chisinau"]
COMPANIES = ["Global Logistics Ltd", "Meyer GmbH", "Costa & Filhos", "ACME Supplies", "Nordic Trade AB", "Delta Parts Inc"]
TICKERS = ["AXIH", "PWRV", "GNRX", "QMTL", "BIOZ"]


def spin(rng: random.Random, text: str) -> str:
    """Resolve {a|b|c} spintax (innermost first) and the {n}/{N}/{name}/{city}/{co} slots."""
    slots = {"n": lambda: str(rng.randint(2, 98)), "N": lambda: str(rng.randint(10000, 999999)),
             "name": lambda: rng.choice(NAMES), "city": lambda: rng.choice(CITIES), "co": lambda: rng.choice(COMPANIES),
             "tick": lambda: rng.choice(TICKERS)}
    while True:
        m = SPIN.search(text)
        if not m:
            return text
        inner = m.group(1)
        value = slots[inner]() if inner in slots else rng.choice(inner.split("|"))
        text = text[:m.start()] + value + text[m.end():]


@dataclass
class Kit:
    """What an affiliate program hands its spammers: subjects, body, where the links point, what is attached."""
    name: str
    lang: str
    subjects: list[str]
    body: str                      # HTML or text with {url} {rcpt} {name} slots
    html: bool = True
    attachment: str | None = None  # a malware archive name template
    links: str = "own"             # own | shortener | freehost | none


KITS = {
    "pharma": Kit("pharma", "en", ["{Buy|Order|Get} {V1agra|Viagra|VIAGRA|Vi@gra|C1alis|Cialis} {online|now|today} - {50|60|70|80}% "
                                   "{off|discount|savings}", "{name}, {your|the} {pills|meds|order} #{N} {is ready|shipped}",
                                   "{Canadian|Certified} {Pharmacy|Drugstore}: {top|best} {prices|offers} {this week|today}",
                                   "RE: {Your|The} {prescription|refill} #{N}"],
                "<html><body><table width=\"600\"><tr><td><h2>{brand} - Licensed Online Drugstore</h2><p>Viagra from $0.{n} "
                "per pill<br>Cialis from $1.{n} per pill<br>Levitra, Propecia, Tramadol</p><p><a href=\"{url}\">"
                "ENTER OUR STORE</a></p><p>Free Airmail shipping. Worldwide delivery. No prescription needed.</p>"
                "</td></tr></table>{footer}</body></html>"),
    "watches": Kit("watches", "en", ["{Rolex|Omega|Breitling|Cartier} {replica|copy|copies} {from|only} ${n}",
                                     "{Luxury|Swiss} watches {at|for} {replica|discount} prices", "{Watches|Bags} {sale|clearance} {n}% off"],
                   "<html><body><p>Swiss-made replica watches. Rolex, Omega, Patek Philippe.</p><p>Prices from ${n}.</p>"
                   "<p><a href=\"{url}\">{url}</a></p>{footer}</body></html>"),
    "dating": Kit("dating", "en", ["{name} {wants to meet you|sent you a message|is online now}", "Hi, I am {name} from {city}",
                                   "{name} ({n}) {liked your photo|wants to chat}", "{Hello|Hi} {dear|sweetheart}, it's {name}"],
                  "Hello my dear friend!\n\nMy name is {name}, I am {n} years old and I live in {city}. I saw your profile "
                  "and I want to know you better. Here are my photos: {url}\n\nWrite me soon,\n{name}\n", html=False,
                  links="freehost"),
    "pump": Kit("pump", "en", ["{tick} {is about to explode|set to soar|breaking news}", "{Hot|Urgent} stock alert: {tick}",
                               "{tick}: {n}00% {gain|upside} {expected|this week}"],
                "STOCK ALERT\n\nSymbol: {tick}\nCurrent: $0.{n}\nTarget: $3.{n}\n\nMajor news release expected this week. "
                "Get in before the crowd!\n", html=False, links="none"),
    "fraud419": Kit("fraud419", "en", ["{URGENT|CONFIDENTIAL} {BUSINESS PROPOSAL|ASSISTANCE NEEDED}", "From {Mrs.|Barrister|Dr.} {name}",
                                       "Re: {Compensation|Inheritance} {fund|payment} {of|worth} US${n},{n}00,000.00"],
                    "Dear Friend,\n\nI am {name}, a banker with the Bank of Africa. I have a business proposal worth US${n}.5 "
                    "million dollars which will be of mutual benefit to us. Reply to my private email for details.\n\n"
                    "Regards,\n{name}\n", html=False, links="none"),
    "mailbox": Kit("mailbox", "en", ["{Mailbox|Email} {quota|storage} {warning|alert}: {9n}% {full|used}",
                                     "{Action required|Final notice}: {verify|confirm} your {mailbox|account}",
                                     "{rcpt} - {n} {incoming|pending} messages {on hold|not delivered}"],
                   "<html><body><p>Dear {rcpt},</p><p>Your mailbox has exceeded its storage limit. {n} incoming messages "
                   "are on hold. To release them, verify your account below within 24 hours.</p><p><a href=\"{url}\">"
                   "Release pending messages</a></p><p>Mail Administrator</p></body></html>", links="freehost"),
    "crypto": Kit("crypto", "pt", ["Ganhe R$ {N} por {dia|semana} com {Bitcoin|cripto}",
                                   "{name}, {sua|a sua} conta {Bitcoin|de investimento} {foi ativada|está pronta}",
                                   "Gana {n}00 € al día con {Bitcoin|cripto}", "{Invest|Investir} {agora|hoje} e {lucre|ganhe} {n}%"],
                  "<html><body><p>O novo sistema automático de negociação de Bitcoin já pagou milhões a brasileiros.</p>"
                  "<p><a href=\"{url}\">Cadastre-se grátis</a></p>{footer}</body></html>", links="freehost"),
    "casino": Kit("casino", "de", ["{name}, {200|300|500}% Bonus {wartet auf Sie|für Sie}", "{Ihre|Deine} {n} Freispiele {sind da|warten}",
                                   "{Gewinnen Sie|Gewinne} bis zu {N} €"],
                  "<html><body><h1>Willkommensbonus!</h1><p>Melden Sie sich heute an und erhalten Sie {n}0 Freispiele "
                  "ohne Einzahlung.</p><p><a href=\"{url}\">Jetzt spielen</a></p>{footer}</body></html>"),
    "invoice": Kit("invoice", "en", ["Invoice {INV-|#|}{N} {from|for} {co}", "Rechnung {N} vom {n}.11.2026", "Facture n°{N}",
                                     "{Payment|Remittance} advice {N}", "Fattura n. {N}"],
                   "Hello,\n\nplease find attached the invoice for your recent order. Kindly confirm receipt.\n\nBest regards\n"
                   "Accounts Department\n{co}\n", html=False, attachment="{kind}_{N}.{ext}", links="none"),
    "seo": Kit("seo", "en", ["{SEO|Website ranking} {proposal|services} for {rdomain}", "{rdomain} - {first page|page 1} "
                             "{on|of} Google", "Re: {rdomain} {website|site} {redesign|improvement}"],
               "Hello,\n\nI was checking your website {rdomain} and noticed it is not ranking on Google for important "
               "keywords. We can bring it to the first page within {n} days. Shall I send you a quote?\n\nThanks,\n{name}\n"
               "SEO Consultant\n", html=False, links="none"),
    "ru_bases": Kit("ru_bases", "ru", ["Базы данных {клиентов|компаний} {для рассылок|2026}", "{Клиентские базы|Базы} {N} {компаний|контактов}",
                                       "{Рассылки|Email-рассылки} {по вашим клиентам|под ключ}"],
                    "Здравствуйте!\n\nПродаём базы данных компаний и клиентов для рассылок. {N} контактов. Подробности: "
                    "{url}\n", html=False),
    "zh_invoice": Kit("zh_invoice", "zh", ["代开{发票|各类发票}{N}", "{公司|企业}{培训|发票}通知 {N}", "您好，{财务|发票}事宜"],
                      "您好！本公司可代开各类发票，税点优惠。联系电话：1{N}{n}。详情：{url}\n", html=False),
    "loan": Kit("loan", "en", ["{Approved|Pre-approved}: ${N} {loan|credit line} {for you|today}",
                               "{name}, your {loan|cash} {application|request} {was approved|is ready}", "Get ${n},000 {fast|today}"],
                "<html><body><p>Congratulations! You have been pre-approved for a personal loan of up to ${N}.</p>"
                "<p><a href=\"{url}\">Claim your funds</a></p>{footer}</body></html>", links="shortener"),
    "diploma": Kit("diploma", "en", ["{Get|Obtain} {a|your} {Bachelor|Master|MBA|PhD} {degree|diploma} {in|within} {2|4|6} weeks",
                                     "{University|College} {diplomas|degrees} {available|without exams}"],
                   "UNIVERSITY DIPLOMAS\n\nObtain a prosperous future, money earning power, and the admiration of all.\n"
                   "Diplomas from prestigious non-accredited universities based on your present knowledge and life "
                   "experience. Call 1-{N}-{n} 24 hours a day.\n", html=False, links="none"),
    "parcel": Kit("parcel", "en", ["{DHL|USPS|Royal Mail|DPD}: {your|the} {parcel|package|shipment} #{N} {is on hold|could not be "
                                   "delivered}", "{Delivery|Zustellung} {failed|fehlgeschlagen} #{N}",
                                   "{Colis|Votre colis} en attente #{N}"],
                  "<html><body><p>We attempted to deliver your parcel #{N} but no one was available. A redelivery fee of "
                  "1.{n} EUR is required.</p><p><a href=\"{url}\">Schedule redelivery</a></p></body></html>",
                  links="shortener"),
}


@dataclass
class Campaign:
    cid: str
    kit: Kit
    operator: str
    botnets: list[Botnet]
    zombies: list[Zombie]
    relays: list[Relay]
    relay_share: float
    forged_lines: int               # how many fake Received lines its ratware writes (0: none)
    domains: list[str]              # its own landing domains, rotated
    windows: list[tuple[datetime, float]]    # (start, hours) of its sending waves
    volume: int
    local_parts: str                # random | words | role
    generic_share: float
    brand: str = ""
    servers: list = field(default_factory=list)   # the harvested list's domains' servers it hits

    def send_time(self, rng: random.Random) -> datetime:
        start, hours = rng.choice(self.windows)
        return start + timedelta(hours=rng.random() * hours)


def landing(rng: random.Random, c: Campaign) -> str:
    """One link of the campaign: its own rotated domain, or shared infrastructure."""
    mode = c.kit.links
    if mode == "shortener" or (mode == "own" and rng.random() < 0.15):
        return rng.choice(SHORTENERS).format(t=token(rng, 7))
    if mode == "freehost":
        return rng.choice(FREE_HOSTS).format(t=token(rng, 9, string.ascii_lowercase + string.digits))
    domain = rng.choice(c.domains)
    return f"http://{rng.choice(['', 'www.', token(rng, 5, string.ascii_lowercase) + '.'])}{domain}/" \
           f"{rng.choice(['', '?id=', 'r/', 'go/'])}{token(rng, 8, string.ascii_lowercase + string.digits)}"


@dataclass
class Original:
    """One forged message as it left the zombie (and, after path(), as the answering server holds it)."""
    campaign: Campaign
    zombie: Zombie
    relay: Relay | None
    sender: str
    rcpt: str
    subject: str
    sent: datetime
    msgid: str
    headers: list[tuple[str, str]]
    ctype: str
    body: str
    forged: list[str]
    chain: list[str] = field(default_factory=list)

    def header_block(self) -> str:
        lines = [f"Received: {r}" for r in self.chain] + [f"{k}: {v}" for k, v in self.headers]
        return "\n".join(lines) + "\n"

    def full(self) -> str:
        return self.header_block() + "\n" + self.body


def local_part(rng: random.Random, style: str) -> str:
    if style == "random":
        return token(rng, rng.randint(5, 9), string.ascii_lowercase) + rng.choice(["", str(rng.randint(1, 99))])
    if style == "role":
        return rng.choice(["info", "sales", "noreply", "admin", "support", "office", "billing", "service", "news"])
    return rng.choice(["john", "mary", "peter", "lisa", "mark", "susan", "tom", "anna", "james", "kelly"]) + \
        rng.choice([".", "_", ""]) + rng.choice(["smith", "brown", "lee", "walker", "king", "" + str(rng.randint(1, 999))])


def enc_subject(s: str) -> str:
    from email.header import Header
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        return Header(s, "utf-8").encode()


def compose(rng: random.Random, c: Campaign, vanity: str, rcpt: str, when: datetime) -> Original:
    """The forged message: From and envelope at the owner's domain, sent by one of the campaign's zombies."""
    z = rng.choice(c.zombies)
    relay = rng.choice(c.relays) if c.relays and rng.random() < c.relay_share else None
    sender = f"{local_part(rng, c.local_parts)}@{vanity}"
    rdomain = rcpt.split("@")[1]
    if rng.random() < c.generic_share:
        subject = rng.choice(GENERIC_SUBJECTS)
    else:
        subject = spin(rng, rng.choice(c.kit.subjects).replace("{9n}", "9{n}").replace("{rcpt}", rcpt)
                       .replace("{rdomain}", rdomain))
        if rng.random() < 0.12:
            subject = rng.choice(["Re: ", "RE: ", "Fwd: ", "FW: ", "[SPAM] ", "*** "]) + subject
    url = landing(rng, c)
    body = spin(rng, c.kit.body.replace("{url}", url).replace("{rcpt}", rcpt).replace("{rdomain}", rdomain)
                .replace("{brand}", c.brand or "Canadian Pharmacy")
                .replace("{footer}", c.kit.body and rng.choice(FOOTERS).replace("{u}", landing(rng, c)).replace("{rcpt}", rcpt)))
    msgid = rng.choice([f"<{token(rng, 12)}.{hexid(rng, 8)}@{vanity}>", f"<{hexid(rng, 20)}@{z.helo.strip('[]')}>",
                        f"<{when.strftime('%Y%m%d%H%M%S')}.{token(rng, 6)}@{vanity}>"])
    display = rng.choice(["", spin(rng, "{name}") + " ", c.brand + " " if c.brand else "", "Customer Service "]).strip()
    headers = [("From", f"\"{display}\" <{sender}>" if display else sender), ("To", rcpt),
               ("Subject", enc_subject(subject)), ("Date", rfc2822(when - timedelta(minutes=rng.randint(0, 90)),
                                                                    rng.choice([0, -5, 3, 8, 1])))]
    headers.append(("Message-ID", msgid))
    if z.mailer:
        headers.append(("X-Mailer", z.mailer))
    headers.append(("MIME-Version", "1.0"))
    charset = {"ru": "koi8-r", "zh": "gb2312"}.get(c.kit.lang, rng.choice(["us-ascii", "iso-8859-1", "utf-8", "windows-1252"]))
    forged = forged_lines(rng, c, z, vanity, when)
    if c.kit.attachment:
        name = spin(rng, c.kit.attachment.replace("{kind}", rng.choice(["Invoice", "Rechnung", "Facture", "Payment"]))
                    .replace("{ext}", rng.choice(["zip", "zip", "rar", "doc", "xlsm", "html", "iso"])))
        boundary = f"----=_NextPart_000_{hexid(rng, 4)}_{hexid(rng, 8)}.{hexid(rng, 8)}"
        ctype = f"multipart/mixed; boundary=\"{boundary}\""
        body = (f"This is a multi-part message in MIME format.\n\n--{boundary}\nContent-Type: text/plain; charset=\"utf-8\"\n"
                f"Content-Transfer-Encoding: 7bit\n\n{body}\n--{boundary}\nContent-Type: application/octet-stream; "
                f"name=\"{name}\"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"{name}\"\n\n"
                + "\n".join(token(rng, 76, string.ascii_letters + string.digits + "+/") for _ in range(6))
                + f"\n\n--{boundary}--\n")
    else:
        ctype = f"text/{'html' if c.kit.html else 'plain'}; charset=\"{charset}\""
        if charset in ("koi8-r", "gb2312", "utf-8", "iso-8859-1", "windows-1252") and not body.isascii():
            import base64
            try:
                raw = body.encode(charset)
            except UnicodeEncodeError:
                raw, ctype = body.encode("utf-8"), ctype.replace(charset, "utf-8")
            body = base64.encodebytes(raw).decode("ascii")
            headers.append(("Content-Transfer-Encoding", "base64"))
    headers.append(("Content-Type", ctype))
    return Original(c, z, relay, sender, rcpt, subject, when, msgid, headers, ctype, body, forged)


def forged_lines(rng: random.Random, c: Campaign, z: Zombie, vanity: str, when: datetime) -> list[str]:
    """Fake Received lines the ratware writes below the real ones, to make the mail look relayed by the forged domain."""
    lines = []
    for i in range(c.forged_lines):
        back = when - timedelta(minutes=rng.randint(5, 600) * (i + 1))
        kind = rng.choice(["private", "vanity", "bigmail", "reversed"])
        if kind == "private":
            lines.append(f"from [192.168.{rng.randint(0, 5)}.{rng.randint(2, 254)}] by mail.{vanity} with SMTP id "
                         f"{token(rng, 10)}; {rfc2822(back)}")
        elif kind == "vanity":
            lines.append(f"from {vanity} ([{rng.randint(10, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}]) "
                         f"by smtp.{vanity} (8.13.8/8.13.8) with ESMTP id {token(rng, 12)}; {rfc2822(back, -5)}")
        elif kind == "bigmail":
            lines.append(f"from mtaout-{token(rng, 3, 'abcd')}{rng.randint(1, 9)}.mx.aol.com ([64.12.{rng.randint(0, 255)}."
                         f"{rng.randint(1, 254)}]) by {z.helo.strip('[]')} with Microsoft SMTPSVC(6.0.3790.4675); {rfc2822(back, -5)}")
        else:  # a line dated after the real one
            lines.append(f"from unknown (HELO {vanity}) (10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}) "
                         f"by {vanity} with SMTP; {rfc2822(when + timedelta(hours=rng.randint(3, 30)))}")
    return lines


def path(rng: random.Random, o: Original, mx_software: str, mx_host: str, tz: int, internal: list[tuple[str, str]],
         relay_is_bouncer: bool = False) -> None:
    """The Received chain of the original as the answering server holds it (topmost first)."""
    z, r = o.zombie, o.relay
    t = o.sent
    chain: list[str] = []
    if r is not None:
        if r.how == "webmail":
            below = [f"from [{z.ip}] by {r.host}\n with HTTP (HTTP/1.1 POST); {rfc2822(t)}",
                     f"from {r.host} (localhost [127.0.0.1])\n\tby {r.host} (Postfix) with ESMTPA id "
                     f"{token(rng, 10, string.ascii_uppercase + string.digits)}\n\tfor <{o.rcpt}>; {rfc2822(t + timedelta(seconds=1))}"]
            below.reverse()
        elif r.how == "auth":
            line = received(rng, r.software, z.helo, z.host, z.ip, r.host, o.rcpt, t, 0, o.sender)
            if r.software == "postfix":
                line = line.replace("with ESMTP id", "with ESMTPA id", 1).replace(f"[{z.ip}])", f"[{z.ip}])\n\t(Authenticated sender: "
                                                                                                f"{local_part(rng, 'words')}@{r.host.split('.', 1)[1]})", 1)
            elif r.software == "exim":
                line = line.replace("with esmtp", "with esmtpsa", 1)
            else:
                line = line.replace("ESMTP", "ESMTPA", 1).replace("with SMTP", "with ESMTPA", 1)
            below = [line]
        else:
            below = [received(rng, r.software, z.helo, z.host, z.ip, r.host, o.rcpt, t, 0, o.sender)]
        if relay_is_bouncer:
            chain = below
        else:
            chain = [received(rng, mx_software, r.host, r.host, r.ip, mx_host, o.rcpt, t + timedelta(seconds=rng.randint(2, 40)),
                              tz, o.sender)] + below
    else:
        chain = [received(rng, mx_software, z.helo, z.host, z.ip, mx_host, o.rcpt, t + timedelta(seconds=rng.randint(1, 5)),
                          tz, o.sender)]
    for host, ip in internal:
        chain.insert(0, f"from {mx_host} ({internal_ip(rng)}) by {host}\n ({ip}) with Microsoft SMTP Server (TLS) id "
                        f"15.1.{rng.randint(2000, 2600)}.{rng.randint(1, 40)}; {rfc2822(t + timedelta(seconds=rng.randint(6, 60)), tz)}")
    o.chain = chain + o.forged


def internal_ip(rng: random.Random) -> str:
    return f"10.{rng.randint(0, 40)}.{rng.randint(0, 255)}.{rng.randint(2, 250)}"
