"""Which product wrote a notification, in the vocabulary of toolkit/products.py (one name per product).

The writer, not the carrier: for an auto-reply or a challenge, the responder or challenge
system that composed it (its own headers, Message-ID form, sending domain, then its words);
for the other notices, appliance and filter signatures first (they wrap an MTA), then the
bounce format module that parsed it, then the MTA named by the Reporting-MTA. Failing all of
these, the product names in the Received lines that the bouncer's own hosts wrote (below the
handover, see handover.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from .dsn import Bounce, Context
from .dsn.inline import split_inline
from .folding import fold
from . import listnotice
from .headers import from_list
from .mdn import is_receipt, reporting_ua

AUTORESPONDER, CHALLENGE, FILTER, MTA, PROVIDER, FEEDBACK = \
    "autoresponder", "challenge", "filter", "mta", "provider", "feedback"


@dataclass(frozen=True)
class Marks:
    """What a product documents or always writes about itself.

    `headers`: (field name, value pattern) pairs; "" means the field's presence. `message_id`: the
    form of the Message-IDs it makes. `sender`: its From/Return-Path domain or address. `words`:
    how it names itself in the subject or the notice's own text. `platform`: headers the product's
    MTA puts on ALL mail it sends (cPanel's X-AntiAbuse): they name the carrier, so they name the
    writer only when no responder's own mark or words did (the weakest mark). `reply_headers`: headers
    the product also puts on its users' own mail: a mark only on a message auto-submitted as a reply.
    """

    name: str
    role: str
    headers: tuple[tuple[str, str], ...] = ()
    message_id: str | None = None
    sender: str | None = None
    words: str | None = None
    platform: tuple[tuple[str, str], ...] = ()
    reply_headers: tuple[tuple[str, str], ...] = ()


# Outlook's "Automatic reply" in further languages (Hungarian, Romanian, Croatian/Serbian/Bosnian, Slovenian,
# Slovak, Ukrainian, Bulgarian, Lithuanian, Latvian, Estonian, Icelandic, Catalan, Vietnamese, Indonesian/Malay,
# Thai, Traditional Chinese, Korean, Hebrew, Arabic): an auto-reply's subject (kinds.py) and Exchange's mark.
OUTLOOK_FURTHER_PREFIXES = (
    r"automatikus v[áa]lasz|r[ăa]spuns automat|automatski odgovor|samodejni odgovor|automatick[áa] odpove[ďd]|"
    r"автоматична відповідь|автоматичен отговор|automatinis atsakymas|autom[āa]tisk[āa] atbilde|"
    r"automaatne vastus|sj[áa]lfvirkt svar|resposta autom[àa]tica|tr[ảa] l[ờo]i t[ựu] [đd][ộo]ng|"
    r"balasan otomatis|balasan automatik|ตอบกลับอัตโนมัติ|自動回覆|자동 회신|תשובה אוטומטית|رد تلقائي")

# Responders and challenge systems first (an auto-reply is named after them, not the MTA under
# them), then filters and appliances, which wrap an MTA. Names are those of toolkit/products.py.
MARKS: tuple[Marks, ...] = (
    Marks("choicemail", CHALLENGE, sender=r"choicemail|digiportal\.com",
          words=r"\bchoice ?mail\b|digiportal"),
    Marks("boxbe", CHALLENGE,
          headers=(("X-Boxbe-Verification", ""), ("X-Boxbe-Cc", ""), ("X-Boxbe-Data", ""), ("X-Boxbe-Type", "")),
          sender=r"@(\w+\.)*boxbe\.com", words=r"\bboxbe\b|request to join [^\n]{0,80} guest list"),
    Marks("spamarrest", CHALLENGE, headers=(("X-Spam-Arrest", ""),), sender=r"@(\w+\.)*spamarrest\.com",
          words=r"spam ?arrest|\[verify to deliver\]"),
    Marks("bluebottle", CHALLENGE, sender=r"@(\w+\.)*bluebottle\.com", words=r"\bbluebottle\b"),
    Marks("sendio", CHALLENGE, sender=r"@(\w+\.)*sendio\.(com|net)", words=r"\bsendio\b"),
    Marks("mailinblack", CHALLENGE, headers=(("X-Mailinblack", ""),), sender=r"@(\w+\.)*mailinblack\.com",
          words=r"mailinblack"),
    # cPanel's BoxTrapper verify template must keep "Subject: verify#%msgid%" (cPanel UAPI
    # BoxTrapper::save_email_template): the sender's reply with that subject releases the message.
    Marks("boxtrapper", CHALLENGE, headers=(("X-BoxTrapper", ""),), words=r"boxtrapper|^verify#\w+"),
    # TMDA stamps X-Delivery-Agent: TMDA/<version> on ALL mail of its users (tmda-inject, tmda-sendmail), so
    # the header alone names no challenge; its own responses (TMDA/AutoResponse.py) carry a Message-ID of
    # TMDA/Util.make_msgid, <YYYYmmddHHMMSS.pid[.rand].TMDA@host>, and the confirmation's "(TMDA)" wording.
    # Its stock confirm_request template opens "This message was created automatically by mail delivery
    # software (TMDA)."
    Marks("tmda", CHALLENGE, headers=(("X-TMDA-Confirm-Done", ""),), message_id=r"\.TMDA@",
          words=r"delivery software \(tmda\)", reply_headers=(("X-Delivery-Agent", r"^\s*TMDA\b"),)),
    Marks("0spam", CHALLENGE, headers=(("X-0spam", ""),), sender=r"@(\w+\.)*0spam\.com", words=r"\b0spam\b"),
    Marks("qurb", CHALLENGE, sender=r"@(\w+\.)*qurb\.com", words=r"\bqurb\b"),
    # Pigeonhole's vacation action (src/lib-sieve/plugins/vacation/cmd-vacation.c): X-Sieve:
    # SIEVE_IMPLEMENTATION ("Pigeonhole Sieve 0.5.x"), a Message-ID of sieve_message_get_new_id,
    # <dovecot-sieve-SECONDS-USECONDS-COUNT@host>, Auto-Submitted: auto-replied (vacation), Precedence:
    # bulk, and "Auto: <their subject>" when the script sets no :subject.
    Marks("dovecot-sieve", AUTORESPONDER, headers=(("X-Sieve", r"pigeonhole|dovecot"),),
          message_id=r"^<?dovecot-sieve-\d+-\d+-\d+@", words=r"pigeonhole|^auto: "),
    # Cyrus lmtpd's send_response (imap/lmtp_sieve.c): X-Sieve: SIEVE_VERSION ("CMU Sieve 2.x/3.0"), a
    # Message-ID <cmu-sieve-PID-TIME-COUNT@host>, "Re: <their subject>" when no :subject is set.
    Marks("cyrus-sieve", AUTORESPONDER, headers=(("X-Sieve", r"cmu|cyrus"),), message_id=r"^<?cmu-sieve-"),
    Marks("zimbra", AUTORESPONDER, headers=(("Auto-Submitted", r"zimbra"), ("X-Mailer", r"zimbra")),
          words=r"\bzimbra\b"),
    # vacation(1) sends ~/.vacation.msg as the user wrote it; its manual's example message carries
    # "Delivered-By-The-Graces-Of: The Vacation program" and "Precedence: bulk" (BSD usr.bin/vacation/vacation.1).
    Marks("vacation", AUTORESPONDER,
          headers=(("Delivered-By-The-Graces-Of", r"vacation"), ("X-Mailer", r"^vacation\b"),
                   ("User-Agent", r"^vacation\b")),
          words=r"\bthe vacation program\b"),
    # Exchange (Online) and Outlook write Thread-Topic beside Thread-Index on what they send, their
    # automatic replies included (MS-OXCMAIL: PidTagConversationTopic / PidTagConversationIndex).
    Marks("exchange", AUTORESPONDER,
          headers=(("X-MS-Exchange-Inbox-Rules-Loop", ""), ("X-MS-Exchange-Generated-Message-Source", ""),
                   ("X-MS-Exchange-Organization-AutoResponse", ""), ("Thread-Index", ""), ("Thread-Topic", ""),
                   ("X-MS-Has-Attach", ""), ("X-MS-TNEF-Correlator", "")),
          # The prefix Exchange/Outlook puts before the original subject, in the mailbox's language.
          words=r"^(automatic reply|out of office autoreply|out of office|automatische antwort|abwesenheitsnotiz|r[ée]ponse automatique|"
                r"respuesta autom[áa]tica|risposta automatica|automatiskt svar|autosvar|automatisch antwoord|"
                r"resposta autom[áa]tica|automaattinen vastaus|automatyczna odpowied[źz]|odpowied[źz] automatyczna|"
                r"automatick[áa] odpov[ěe][ďd]|автоматический ответ|自動応答|自动回复|자동 회신|otomatik yan[ıi]t|"
                rf"αυτόματη απάντηση|{OUTLOOK_FURTHER_PREFIXES})\s*:"),

    # cPanel's autoresponder (/usr/local/cpanel/bin/autorespond, piped from Exim): X-Autorespond. cPanel's
    # Exim stamps X-AntiAbuse on all mail the server sends, replies of its users' mail clients included: a
    # platform mark, tried after every responder's words.
    Marks("cpanel", AUTORESPONDER, headers=(("X-Autorespond", ""),), words=r"\bcpanel\b",
          platform=(("X-AntiAbuse", r"^Primary Hostname"),)),
    Marks("gmail", PROVIDER, message_id=r"@mail\.gmail\.com>?$", sender=r"@(gmail|googlemail)\.com|@google\.com"),
    # A mailbox at Yahoo Mail answers with Yahoo's vacation responder: its own addresses. AOL Mail runs on Yahoo's
    # platform: its webmail writes "X-Mailer: WebService/1.1.N AolMailNorrin" beside Yahoo's "YMailNorrin", Message-IDs
    # @mail.yahoo.com and hands mail to Yahoo's sonic*.consmr.mail.*.yahoo.com hosts (aol.com users' mail in public
    # list archives), so an aol.com mailbox's vacation response is Yahoo's responder too. Those two stamps are on all
    # the webmail's mail: platform marks.
    Marks("yahoo", PROVIDER, sender=r"@((yahoo|ymail|rocketmail)\.(com|co\.[a-z]{2}|[a-z]{2})|aol\.com|aim\.com)\b",
          platform=(("X-Mailer", r"\b(ymail|aolmail)norrin\b"), ("Message-ID", r"@mail\.yahoo\.com>?\s*$"))),
    # Zoho Mail stamps "User-Agent: Zoho Mail" / "X-Mailer: Zoho Mail" and a Feedback-ID ending ":ZohoMail" on what
    # its servers send, its own notices included (Sisimai's Lhost::Zoho samples; headers of Zoho users' mail in
    # public list archives): a platform mark, naming its out-of-office reply when no responder's own mark did.
    Marks("zoho", PROVIDER, platform=(("X-Mailer", r"^\s*zoho mail\b"), ("User-Agent", r"^\s*zoho mail\b"),
                                      ("Feedback-ID", r":zohomail\s*$"))),
    # Mimecast's X-Mimecast-*/X-MC-Unique headers are put on all mail through its gateway: they name
    # the carrier; Mimecast wrote the notice only when nothing above (a responder's or a challenge
    # system's own mark) did.
    Marks("mimecast", FILTER, words=r"mimecast"),
    Marks("barracuda", FILTER, words=r"barracuda"),
    # AsyncOS writes its bounce reasons as "<status> - <description>" ("5.1.0 - Unknown address error",
    # "5.1.2 - Bad destination host": the bounce log examples of the AsyncOS user guide). The sample
    # searched has its dotted numbers taken out with the host names, so the status is not required.
    Marks("ironport", FILTER, words=r"ironport|cisco secure email|\s- (unknown address error|bad destination host)\b"),
    Marks("messagelabs", FILTER, words=r"messagelabs|symantec"),
    Marks("trendmicro", FILTER, words=r"interscan|trend ?micro|\bimss\b"),
    Marks("mcafee", FILTER, words=r"mcafee|mxlogic"),
    Marks("sophos", FILTER, words=r"sophos|puremessage"),  # PureMessage: Sophos's mail filter (UNIX and Exchange)
    Marks("proofpoint", FILTER, words=r"proofpoint|pphosted"),
    Marks("mailmarshal", FILTER, words=r"mailmarshal|mail marshal"),
    Marks("spamtitan", FILTER, words=r"spamtitan"),
    Marks("surfcontrol", FILTER, words=r"surfcontrol"),
    Marks("forcepoint", FILTER, words=r"from the forcepoint email protection system"),  # its bounces' opening
    Marks("amavis", FILTER, words=r"amavis|content-filter at"),
    Marks("mailscanner", FILTER, words=r"mailscanner"),
    Marks("domino", MTA, words=r"lotus|domino"),
    Marks("groupwise", MTA, words=r"groupwise"),
    Marks("mdaemon", MTA, words=r"mdaemon"),
    Marks("imail", MTA, words=r"imail|smtpd32"),
    # The marks below are phrases of the notices' own wording, not bare product names: a name alone also
    # stands in the Received lines of an original quoted inline ("by mx (hMailServer)", "(MailEnable)",
    # "CommuniGate Pro SMTP", "Haraka/3.0"), which would name the quoting MTA after the one that relayed the spam.
    # hMailServer signs its default SEND_FAILED_NOTIFICATION "hMailServer" and writes "hMailServer sent:"
    # before the refused command (hmailserver/hmailserver: server messages, SMTPClientConnection).
    Marks("hmailserver", MTA, words=r"hmailserver sent:|(^|\n)hmailserver[ \t]*(\n|$)"),
    Marks("mailenable", MTA, words=r"\bmailenable: message delivery failure"),  # MailEnable KB ME020517
    # Haraka's bounce template: "Hi. This is the Haraka Mailer program at {me}." (haraka/Haraka,
    # config/outbound.bounce_message).
    Marks("haraka", MTA, words=r"this is the haraka mailer program"),
    # CommuniGate Pro names the module and queue that failed: "SMTP module(domain example.com) reports:",
    # "LOCAL module(account name) reports:", its documented module(queue)address routing form (the LOCAL
    # ones quoted in bounce handlers' rule tables, e.g. PHPMailer-BMH).
    Marks("communigate", MTA, words=r"\b(smtp|local) module\((domain|account)\b"),
    # SmarterMail's delivery failure: "Could not deliver message to the following recipient(s):", then
    # "Failed Recipient: <addr>" and "Reason: ..." (hosting providers' SmarterMail knowledge bases, e.g.
    # support.rackteam.com kb a136, "SmarterMail System Administrator Delivery Failure messages").
    Marks("smartermail", MTA, words=r"could not deliver message to the following recipient\(s\):[ \t]*\n"
                                    r"(?:[ \t]*\n)?[ \t]*failed recipient:"),
)
# MTAs named from their bounce format, Reporting-MTA or Received lines when nothing above says more.
MTAS: tuple[tuple[str, str], ...] = (
    ("exchange", r"microsoft smtp server|x-ms-exchange|microsoft exchange|exchange server"),
    ("postfix", r"\(postfix\)|postfix"),
    ("exim", r"\bexim\b"),
    ("qmail", r"qmail"),
    ("sendmail", r"sendmail|\(\d+\.\d+\.\d+/\d+\.\d+\.\d+\)"),
    ("courier", r"courier"),
    ("opensmtpd", r"opensmtpd"),
    ("gmail", r"google\.com|gmail"),
)
# Groupware servers that stamp their product in the Received lines their SMTP service writes, in the form
# "by <host> (<product> <version>) with ...": Kerio Connect "(Kerio Connect 9.2.12 patch 1) with ESMTPA",
# IceWarp "(IceWarp 11.2.1.1 RHEL6 x64) with ASMTP (SSL)", Mercury/32 "(Mercury/32 v4.52) with ESMTP ID MG005D22"
# (all three in headers of public mailing-list archives), Merak (IceWarp's former name) "(Merak 8.0.3) with SMTP",
# MDaemon "(MDaemon PRO v9.0.1) with ESMTP id md50000050056.msg" (SpamAssassin's t/rcvd_parser.t),
# Axigen "(Axigen) with ESMTPA" (pyreceived's tests), CommuniGate "(CommuniGate Pro SMTP 5.2.3)" (both). Only
# the parenthesised stamp counts: the product's name in prose is no Received line. These name the writer from the
# bouncer's own Received lines (handover.py) before the generic MTAs: a groupware server behind a Postfix or
# Exim relay of its own network wrote the notice, the relay only carried it.
RECEIVED_STAMPS: tuple[tuple[str, str], ...] = (
    ("kerio", r"\(kerio (connect|mailserver) \d"),
    ("icewarp", r"\((icewarp|merak) \d"),
    ("axigen", r"\(axigen\)"),
    ("mercury", r"\(mercury/32\b"),
    ("mdaemon", r"\(mdaemon (pro |standard )?v?\d"),
    ("communigate", r"\(communigate pro smtp\b"),
)
# Providers' mail systems named by the address their notices come from, whatever format their text copies:
# Zoho Mail's bounces come from mailer-daemon@mail.zoho.com in Exim's words (Sisimai's Lhost::Zoho).
# Facebook's @facebook.com mail bounced from "Facebook <mailer-daemon@mx.facebook.com>" (Sisimai's Lhost::Facebook).
DAEMON_SENDERS: tuple[tuple[str, str], ...] = (("zoho", r"^mailer-daemon@(mail\.)?zoho(mail)?\.[a-z.]{2,10}$"),
                                               ("facebook", r"^mailer-daemon@mx\.facebook\.com$"))
_DAEMON_SENDERS = [(name, re.compile(p, re.I)) for name, p in DAEMON_SENDERS]
# Gateways that stamp their own notices with a header of theirs (the notice's own header, not the returned
# original's): Active!hunter's X-AHMailID (Sisimai's Lhost::Activehunter), MailFoundry's Received stamp
# "by <host> (MAILFOUNDRY) id <id>" on the notice it sends (Sisimai's Lhost::MailFoundry).
NOTICE_HEADERS: tuple[tuple[str, str, str], ...] = (
    ("activehunter", "X-AHMailID", ""),
    ("mailfoundry", "Received", r"\(mailfoundry\) id\b"),
)
# Feedback reports name their reporter in the User-Agent field ARF requires (RFC 5965 section 3.1).
FEEDBACK_AGENTS: tuple[tuple[str, str], ...] = (("opendmarc", r"opendmarc"),)
FEEDBACK_DEFAULT = "arf"


def of_role(*roles: str) -> tuple[Marks, ...]:
    return tuple(m for m in MARKS if m.role in roles)


def _compiled(pattern: str | None) -> re.Pattern | None:
    return re.compile(pattern, re.I) if pattern else None


# Bounce format modules whose name is not the product's (others are named as their product).
FORMAT_TO_PRODUCT = {"exchange2003": "exchange", "exchange2007": "exchange", "rfc3834": None, "arf": None,
                     "plaintext": None, "rfc3464": None, "googlegroups": "gmail", "notes": "domino",
                     "receivingses": "amazonses", "imailserver": "imail"}
# Which products may have written a notice of each kind, in the order they are tried.
CHALLENGERS = of_role(CHALLENGE)
RESPONDERS = of_role(AUTORESPONDER, PROVIDER)
WRAPPERS = of_role(FILTER, MTA)
SELF_TEXT = 3000  # characters of the notice's own text looked at for a product's words
_MTA = [(name, re.compile(p, re.I)) for name, p in MTAS]
_NOTICE_HEADERS = [(name, [(field, _compiled(value))]) for name, field, value in NOTICE_HEADERS]


class _Compiled:
    """A product's patterns, compiled once."""

    def __init__(self, product: Marks):
        self.name = product.name
        self.headers = [(field, _compiled(value)) for field, value in product.headers]
        self.message_id = _compiled(product.message_id)
        self.sender = _compiled(product.sender)
        self.words = _compiled(product.words)
        self.platform = [(field, _compiled(value)) for field, value in product.platform]
        self.reply_headers = [(field, _compiled(value)) for field, value in product.reply_headers]

    def by_platform(self, ctx: Context) -> bool:
        return _has_header(ctx, self.platform)

    def by_writer_stamp(self, ctx: Context) -> bool:
        """Its platform mark in the fields that name the program that wrote the message (X-Mailer, User-Agent)."""
        return _has_header(ctx, [(field, value) for field, value in self.platform if field in WRITER_FIELDS])

    def by_own_headers(self, ctx: Context) -> bool:
        """Its headers or Message-ID form (not its sending domain)."""
        msg = ctx.msg
        if _has_header(ctx, self.headers):
            return True
        if self.reply_headers and _AUTO_REPLIED.match(str(msg.get("Auto-Submitted", ""))) \
                and _has_header(ctx, self.reply_headers):
            return True
        message_id = str(msg.get("Message-ID", "")).strip()
        return bool(self.message_id and message_id and self.message_id.search(message_id))

    def by_headers(self, ctx: Context) -> bool:
        if self.by_own_headers(ctx):
            return True
        senders = f"{ctx.from_addr} {ctx.return_path or ''}"
        return bool(self.sender and self.sender.search(senders))

    def by_words(self, sample: str) -> bool:
        return bool(self.words and self.words.search(sample))


_AUTO_REPLIED = re.compile(r"^\s*auto-replied", re.I)
# The fields in which a mail program names itself as the message's writer (RFC 9110's User-Agent, X-Mailer).
WRITER_FIELDS = ("X-Mailer", "User-Agent")


def _has_header(ctx: Context, fields: list) -> bool:
    """One of the (field, compiled value pattern or None) pairs is in the message's own header."""
    for field, value in fields:
        for found in ctx.msg.get_all(field, []):
            if value is None or value.search(str(found)):
                return True
    return False


_CHALLENGERS = [_Compiled(p) for p in CHALLENGERS]
_RESPONDERS = [_Compiled(p) for p in RESPONDERS]
_WRAPPERS = [_Compiled(p) for p in WRAPPERS]
_ANY_WRAPPER = re.compile("|".join(f"(?:{p.words})" for p in WRAPPERS if p.words), re.I)
_ANY_WRAPPER_FOLDED = fold(_ANY_WRAPPER)  # speed: over the sample lower-cased once (toolkit/folding.py)
_MTA_FOLDED = [(name, fold(pattern)) for name, pattern in _MTA]


_HOST_OR_DOMAIN = re.compile(r"@?\b[\w-]+(?:\.[\w-]+)+\b")  # a mailbox's local part stays: "MDaemon@host"


SELF_FIELDS = ("From", "Subject", "X-Mailer", "User-Agent", "Organization")


def _own_sample(ctx: Context) -> str:
    """What the notice says about its writer: its sender's name, subject, mailer and the opening of its
    own text, without host names and addresses. A filter names itself in words ("blocked by
    Proofpoint", From: MailMarshal); a host name (mx0b.pphosted.com) or a gateway's stamp on all mail
    it carries (X-Proofpoint-*, X-Mimecast-*) only says whose network the writing MTA is on. Only the
    notice's own text counts, not the original it quotes: the spam's Received lines name the gateways
    it passed ("by eu-smtp-inbound-2.mimecast.com (Mimecast)"), not who wrote the notice."""
    own = "\n".join(str(ctx.msg.get(name, "")) for name in SELF_FIELDS)
    return _HOST_OR_DOMAIN.sub(" ", f"{own}\n{_own_text(ctx)}")


def _own_text(ctx: Context) -> str:
    """The opening of the notice's own text, above any original it quotes inline."""
    return split_inline(ctx.text)[0][:SELF_TEXT]


def challenge_headers(ctx: Context) -> bool:
    """A challenge system's own header or Message-ID form is on the message."""
    return any(marks.by_own_headers(ctx) for marks in _CHALLENGERS)


def responder(ctx: Context, kind: str = "challenge") -> str | None:
    """The autoresponder or challenge system that wrote an auto-reply or a challenge.

    For a challenge, a challenge system's marks come first, words included (a ChoiceMail request sent
    through an Outlook client and a Mimecast gateway is ChoiceMail's); then responders' own headers,
    then their words. For an auto-reply, the responders' headers come first (its user's words may
    name a challenge system). Words are read in the notice's own text, not in the original it
    quotes (a spam quoted below an auto-reply may name anything).
    """
    sample = f"{ctx.subject}\n{_own_text(ctx)}"
    if kind == "autoreply":  # a responder's own header outweighs a challenge system named in the user's words
        order = [(_RESPONDERS, "headers"), (_CHALLENGERS, "headers"), (_RESPONDERS, "words"), (_CHALLENGERS, "words")]
    else:
        order = [(_CHALLENGERS, "headers"), (_CHALLENGERS, "words"), (_RESPONDERS, "headers"), (_RESPONDERS, "words")]
    for products, mark in order:
        if kind == "autoreply" and mark == "words":
            # a webmail's own writer stamp ("X-Mailer: Zoho Mail") names the program that wrote the reply before
            # a subject prefix that several responders share ("Out of Office:")
            for marks in _RESPONDERS:
                if marks.by_writer_stamp(ctx):
                    return marks.name
        for marks in products:
            if marks.by_headers(ctx) if mark == "headers" else marks.by_words(sample):
                return marks.name
    if _classic_vacation(ctx):
        return VACATION
    if kind == "autoreply" and is_receipt(ctx):  # a receipt names its writer in Reporting-UA (RFC 8098 3.2.1)
        agent = reporting_ua(ctx)
        for name, pattern in _MTA:
            if pattern.search(agent):
                return name
    for marks in _RESPONDERS:
        if marks.by_platform(ctx):
            return marks.name
    return None


VACATION = "vacation"


def _classic_vacation(ctx: Context) -> bool:
    """The Unix vacation(1) program sends the user's ~/.vacation.msg as written, adding only
    `Precedence: junk` (or bulk): no RFC 3834 header, no responder's own mark."""
    msg = ctx.msg
    return str(msg.get("Precedence", "")).strip().lower() in ("junk", "bulk") and not msg.get("Auto-Submitted") \
        and not msg.get("X-Autoreply") and not msg.get("X-Autorespond") \
        and not from_list(msg)


# Microsoft's SMTP service (IIS SMTP; Exchange 2000/2003 routed mail through it and let it write the DSNs) opens its
# delivery status notifications "This is an automatically generated Delivery Status Notification." (products.py;
# dsn/formats/mssmtp.py); Exchange 2007 and later write their own NDR text. A "Microsoft SMTP Server" stamp in a
# Received line names either: the notice's own opening tells them apart.
_MSSMTP_OPENING = re.compile(r"this is an automatically generated delivery status notification", re.I)
MSSMTP = "mssmtp"


def microsoft_writer(ctx: Context, named: str | None) -> str | None:
    """mssmtp for a notice named exchange from a Microsoft SMTP Server stamp whose text is the SMTP service's."""
    if named == "exchange" and _MSSMTP_OPENING.search(_own_text(ctx)):
        return MSSMTP
    return named


def reporter(ctx: Context) -> str:
    """The software that wrote a feedback report, from its User-Agent field."""
    agents = []
    for part in ctx.parts_of("message/feedback-report"):
        payload = part.get_payload()
        text = "\n".join(p.as_string() for p in payload) if isinstance(payload, list) else str(payload)
        agents += [line for line in text.split("\n") if line.lower().startswith("user-agent:")]
    agent = " ".join(agents)
    for name, pattern in FEEDBACK_AGENTS:
        if re.search(pattern, agent, re.I):
            return name
    return FEEDBACK_DEFAULT


def software(ctx: Context, bounce: Bounce | None, kind: str | None = None) -> str | None:
    if kind == "feedback_report":
        return reporter(ctx)
    if kind == "autoreply" and listnotice.to_poster(ctx):  # a list manager's notice: fml, or none in the vocabulary
        return listnotice.writer(ctx)
    if kind in ("autoreply", "challenge"):
        found = responder(ctx, kind)
        if found:
            return found
    sample = _own_sample(ctx)
    if _ANY_WRAPPER_FOLDED.search(sample.lower()):
        for marks in _WRAPPERS:
            if marks.by_words(sample):
                return marks.name
    for name, sender in _DAEMON_SENDERS:
        if sender.search(ctx.from_addr or ""):
            return name
    for name, fields in _NOTICE_HEADERS:
        if _has_header(ctx, fields):
            return name
    if bounce is not None:
        product = FORMAT_TO_PRODUCT.get(bounce.format, bounce.format)
        if product:
            return product
        reporting = " ".join(d.reporting_mta or "" for d in bounce.deliveries).lower()
        text = _own_text(ctx).lower()
        for name, pattern in _MTA_FOLDED:
            if pattern.search(reporting) or pattern.search(text):
                return name
    return None


# What a Received line may name, most specific first: the groupware servers' own stamps, then the MTAs.
_RECEIVED_NAMES = RECEIVED_STAMPS + MTAS


def received_rank(raw: pl.Expr) -> pl.Expr:
    """The position in RECEIVED_STAMPS + MTAS of the first product named in one Received line (null:
    none). The smallest rank over a bouncer's own lines names the same product as from_received over
    those lines joined (no pattern spans a line end), and needs no line kept: a mailbox's lines are
    never all in memory."""
    expr = pl.lit(None, dtype=pl.UInt8)
    for rank, (_, pattern) in reversed(list(enumerate(_RECEIVED_NAMES))):
        expr = pl.when(raw.str.contains(f"(?i){pattern}")).then(pl.lit(rank, pl.UInt8)).otherwise(expr)
    return expr


def ranked_mta(rank: pl.Expr) -> pl.Expr:
    """The product name of a received_rank."""
    return rank.replace_strict(dict(enumerate(name for name, _ in _RECEIVED_NAMES)), default=None,
                               return_dtype=pl.String)


_RECEIVED_NAMES_COMPILED = [(name, re.compile(pattern, re.I)) for name, pattern in _RECEIVED_NAMES]


def stamped_at_receipt(lines: list[tuple[str | None, str]], own_domains: set[str]) -> str | None:
    """The product stamped in the line where the bouncer's own server received the original
    (``lines``: by-host's registered domain and raw text, topmost first): "by srv1.example.co.za
    (Mercury/32 v4.80.41) with ESMTP". The site that received the spam is the one that bounced it, so
    when the notice itself names no writer, its server's stamp does. Lines other servers wrote (a
    filtering gateway in front: "by eu-smtp-inbound-2.mimecast.com (Mimecast)") name nothing."""
    for domain, raw in lines:
        if domain not in own_domains:
            continue
        for name, pattern in _RECEIVED_NAMES_COMPILED:
            if pattern.search(raw):
                return name
        return None
    return None


def from_received(raw: pl.Expr) -> pl.Expr:
    """A Polars expression naming the MTA in Received lines the bouncer's own hosts wrote (the first
    of MTAS they name)."""
    return ranked_mta(received_rank(raw))
