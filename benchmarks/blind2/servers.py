"""The mail systems that answer forged mail: big providers with their own wording, and the long tail of
company and hosting servers running a stock MTA (often localised), with filters and responders in front.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from .world import ip_in, token

# provider: (domain, outbound host pattern, IP prefix, organisation, country, bounce style, product or None)
PROVIDERS = [
    ("gmail.com", "mail-sor-f{n}.google.com", "209.85.", "Google LLC", "US", "gmail", "gmail"),
    ("outlook.com", "{r}.outbound.protection.outlook.com", "40.92.", "Microsoft Corporation", "US", "outlookcom", "exchange"),
    ("hotmail.com", "{r}.outbound.protection.outlook.com", "40.92.", "Microsoft Corporation", "US", "outlookcom", "exchange"),
    ("yahoo.com", "sonic{n}-2.consmr.mail.ne1.yahoo.com", "66.163.", "Yahoo Inc.", "US", "yahoo", "yahoo"),
    ("aol.com", "sonic{n}-1.consmr.mail.bf2.yahoo.com", "74.6.", "Yahoo Inc.", "US", "yahoo", "yahoo"),
    ("icloud.com", "mr85p00im-zteg{n}.me.com", "17.58.", "Apple Inc.", "US", "icloud", None),
    ("gmx.de", "mout.gmx.net", "212.227.17.", "1&1 Mail & Media GmbH", "DE", "gmx", None),
    ("web.de", "mout.web.de", "212.227.15.", "1&1 Mail & Media GmbH", "DE", "gmx", None),
    ("mail.ru", "f{n}.i.mail.ru", "94.100.", "VK LLC", "RU", "mailru", None),
    ("yandex.ru", "forward{n}.mail.yandex.net", "77.88.28.", "YANDEX LLC", "RU", "yandex", None),
    ("orange.fr", "smtp{n}.smtpout.orange.fr", "80.12.242.", "Orange S.A.", "FR", "orange", None),
    ("libero.it", "smtp-{n}.libero.it", "213.209.10.", "Italiaonline S.p.A.", "IT", "libero", None),
    ("qq.com", "out203-205-221-{n}.mail.qq.com", "203.205.221.", "Tencent", "CN", "qq", None),
    ("163.com", "m{n}-12.163.com", "220.181.12.", "NetEase", "CN", "coremail", None),
]
# stock MTAs on company/hosting servers: style -> (product, weight)
MTA_STYLES = {
    "postfix": ("postfix", 22), "postfix-de": ("postfix", 5), "exim": ("exim", 16), "exim-cpanel": ("exim", 8),
    "sendmail": ("sendmail", 6), "qmail": ("qmail", 5), "exchange": ("exchange", 14), "exchange-de": ("exchange", 4),
    "exchange-fr": ("exchange", 3), "exchange-es": ("exchange", 2), "exchange-pt": ("exchange", 2),
    "exchange-ru": ("exchange", 2), "exchange-ja": ("exchange", 2), "o365": ("exchange", 10), "domino": ("domino", 3),
    "mdaemon": ("mdaemon", 2), "courier": ("courier", 2), "smartermail": ("smartermail", 2),
    "hmailserver": ("hmailserver", 2), "communigate": ("communigate", 1), "mailenable": ("mailenable", 1),
    "opensmtpd": ("opensmtpd", 1), "zimbra-postfix": ("postfix", 2), "sendmail-ja": ("sendmail", 3), "br-isp": (None, 3),
}
COUNTRIES = {  # country: (TLDs, IP prefixes of hosting/business ranges, word stems)
    "DE": (["de"], ["85.13.", "81.169.", "78.46.", "5.9.", "217.160."], ["mueller", "technik", "bau", "praxis", "kanzlei"]),
    "FR": (["fr"], ["51.75.", "91.121.", "62.210.", "164.132."], ["cabinet", "immo", "groupe", "atelier"]),
    "ES": (["es"], ["80.58.", "213.0.", "185.166."], ["gestoria", "clinica", "talleres", "asesores"]),
    "BR": (["com.br"], ["177.70.", "187.45.", "200.147."], ["contabil", "imoveis", "advocacia", "distribuidora"]),
    "RU": (["ru"], ["95.163.", "185.65.", "87.236."], ["stroy", "torg", "servis", "grupp"]),
    "JP": (["co.jp", "jp"], ["210.172.", "202.248.", "61.215."], ["shoji", "sangyo", "kogyo", "denki"]),
    "IT": (["it"], ["62.149.", "94.32.", "217.64."], ["studio", "ferramenta", "edilizia", "servizi"]),
    "US": (["com", "us", "org"], ["66.96.", "208.91.", "173.201.", "50.63."], ["dental", "realty", "law", "supply"]),
    "GB": (["co.uk"], ["81.27.", "109.228.", "212.48."], ["joinery", "lettings", "solicitors", "motors"]),
    "NL": (["nl"], ["185.182.", "91.195.", "141.138."], ["bouw", "advies", "installatie"]),
    "PL": (["pl"], ["188.128.", "46.242.", "213.189."], ["budownictwo", "serwis", "biuro"]),
    "CN": (["cn", "com.cn"], ["115.29.", "120.24.", "101.37."], ["keji", "maoyi", "jixie"]),
}
ORGS = {"DE": "Hetzner Online GmbH", "FR": "OVH SAS", "ES": "Telefonica de Espana", "BR": "Locaweb Servicos de Internet",
        "RU": "JSC Timeweb", "JP": "NTT Communications", "IT": "Aruba S.p.A.", "US": "Unified Layer",
        "GB": "Fasthosts Internet Ltd", "NL": "TransIP B.V.", "PL": "home.pl S.A.", "CN": "Aliyun Computing Co."}
LANG_OF_STYLE = {"postfix-de": "DE", "exchange-de": "DE", "exchange-fr": "FR", "exchange-es": "ES",
                 "exchange-pt": "BR", "exchange-ru": "RU", "exchange-ja": "JP", "sendmail-ja": "JP", "br-isp": "BR"}


@dataclass
class Server:
    host: str          # the host that hands the notice on (reverse DNS)
    ip: str
    domain: str        # the recipient domain it serves
    org: str
    country: str
    style: str         # which template writes its bounces
    product: str | None
    mx: str            # its inbound MX, as named in the spam's top Received line
    provider: bool = False


def _provider(rng: random.Random, entry: tuple) -> Server:
    domain, pattern, prefix, org, country, style, product = entry
    region = f"{rng.choice(['EUR05', 'NAM12', 'APC01', 'EUR03'])}-{rng.choice(['AM6', 'DB8', 'BN8', 'VE1'])}-obe"
    host = pattern.format(n=rng.randint(10, 250), r=region)
    return Server(host, ip_in(rng, prefix), domain, org, country, style, product,
                  f"mx{rng.randint(1, 4)}.{domain}" if style != "gmail" else "mx.google.com", provider=True)


def _company(rng: random.Random) -> Server:
    styles = list(MTA_STYLES)
    style = rng.choices(styles, weights=[MTA_STYLES[s][1] for s in styles])[0]
    country = LANG_OF_STYLE.get(style) or rng.choice(list(COUNTRIES))
    tlds, prefixes, stems = COUNTRIES[country]
    domain = f"{rng.choice(stems)}-{token(rng, rng.randint(4, 7), 'abcdefghiklmnoprstuvz')}.{rng.choice(tlds)}"
    product = MTA_STYLES[style][0]
    if style == "o365":
        tenant = domain.replace(".", "-")
        return Server(f"{rng.choice(['EUR01', 'NAM04', 'APC01'])}-{rng.choice(['HE1', 'DM6', 'SG2'])}-obe.outbound"
                      f".protection.outlook.com", ip_in(rng, rng.choice(["40.107.", "52.100.", "104.47."])), domain,
                      "Microsoft Corporation", "US", style, product, f"{tenant}.mail.protection.outlook.com")
    host = rng.choice(["mail", "mx", "smtp", "mx1", "mail2", "srv01", "exch01"]) + "." + domain
    if style == "exim-cpanel":
        host = f"{rng.choice(['server', 'host', 'cp'])}{rng.randint(10, 999)}.{rng.choice(['hostgator.com', 'a2hosting.com', 'webhostbox.net', 'hostinger.com'])}"
    return Server(host, ip_in(rng, rng.choice(prefixes)), domain, ORGS[country], country, style, product, host)


def make_servers(rng: random.Random, n: int) -> list[Server]:
    """n distinct bouncing servers; providers first (they see a large share of any spam list)."""
    servers = [_provider(rng, p) for p in PROVIDERS]
    seen = {s.ip for s in servers}
    while len(servers) < n:
        s = _company(rng)
        if s.ip not in seen:
            seen.add(s.ip)
            servers.append(s)
    return servers


def server_weight(s: Server) -> float:
    return 12.0 if s.provider else 1.0
