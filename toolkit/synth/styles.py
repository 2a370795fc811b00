"""How each kind of bouncing system words its notification.

One renderer per style, registered in ``STYLES``: each turns an ``Incident`` (a
message that could not be delivered, or that triggered an auto-reply) into the
notification as it left the bouncer. Templates are written from the public
descriptions of these products' output, not copied from any corpus.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .mail import Mail, encode_subject, message_id, rfc_date, token
from .world import Bouncer

# reason -> (status, reply code, diagnostic per style family)
REASONS = {
    "userunknown": ("5.1.1", "550", {
        "postfix": "550 5.1.1 <{r}>: Recipient address rejected: User unknown in local recipient table",
        "sendmail": "550 5.1.1 <{r}>... User unknown",
        "exim": "550 5.1.1 <{r}>: unknown user",
        "exchange": "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
        "qmail": "Sorry, no mailbox here by that name. (#5.1.1)"}),
    "mailboxfull": ("5.2.2", "552", {
        "postfix": "552 5.2.2 <{r}>: Mailbox full: user is over quota",
        "sendmail": "552 5.2.2 <{r}>... Mailbox full",
        "exim": "552 5.2.2 mailbox is full (MTA-imposed quota exceeded)",
        "exchange": "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException",
        "qmail": "The users mailbox is full. (#5.2.2)"}),
    "spamdetected": ("5.7.1", "550", {
        "postfix": "550 5.7.1 Message rejected as spam by Content Filtering",
        "sendmail": "550 5.7.1 <{r}>... Message rejected: detected as spam",
        "exim": "550 5.7.1 Rejected: message classified as spam",
        "exchange": "550 5.7.1 Message rejected as spam by Content Filtering.",
        "qmail": "Message rejected: spam detected (#5.7.1)"}),
    "expired": ("4.4.7", "", {
        "postfix": "connect to {internal}[10.0.3.7]:25: Connection timed out",
        "sendmail": "Deferred: Connection timed out with {internal}.",
        "exim": "retry timeout exceeded",
        "exchange": "400 4.4.7 Message delayed beyond the expiration time",
        "qmail": "I'm not going to try again; this message has been in the queue too long. (#4.4.7)"}),
}


@dataclass
class Incident:
    original: Mail       # the message as the bouncer's system received it
    orig_subject: str
    rcpt: str            # the recipient the notification is about
    notify_to: str       # where the notification is sent (the real or forged sender)
    when: dt.datetime
    reason: str
    include: str         # rfc822 | headers | inline | none

    @property
    def status(self) -> str:
        return REASONS[self.reason][0] if self.reason in REASONS else ""

    @property
    def code(self) -> str:
        return REASONS[self.reason][1] if self.reason in REASONS else ""

    def diagnostic(self, family: str, b: Bouncer) -> str:
        return REASONS[self.reason][2][family].format(r=self.rcpt, internal=b.internal[0])


def _boundary(rng: random.Random, host: str) -> str:
    return f"{token(rng, 12, '0123456789ABCDEF')}.{rng.randrange(10**9)}/{host}"


def _original_part(inc: Incident, boundary: str, description: bool = True) -> str:
    if inc.include == "rfc822":
        desc = "Content-Description: Undelivered Message\n" if description else ""
        return f"--{boundary}\n{desc}Content-Type: message/rfc822\n\n{inc.original.text()}\n"
    if inc.include == "headers":
        desc = "Content-Description: Undelivered Message Headers\n" if description else ""
        return f"--{boundary}\n{desc}Content-Type: text/rfc822-headers\n\n{inc.original.header_text()}\n"
    return ""


def _report(b: Bouncer, inc: Incident, rng: random.Random, *, sender: str, subject: str, human: str,
            status_fields: str, extra_headers: tuple[tuple[str, str], ...] = ()) -> Mail:
    """A multipart/report; report-type=delivery-status message (RFC 3464)."""
    boundary = _boundary(rng, b.out_host)
    mail = Mail()
    for name, value in (("Date", rfc_date(inc.when, rng.choice([0, -5, 1, 2]))), ("From", sender),
                        ("Subject", encode_subject(subject)), ("To", inc.notify_to),
                        ("Auto-Submitted", "auto-replied"), *extra_headers,
                        ("MIME-Version", "1.0"),
                        ("Content-Type", f'multipart/report; report-type=delivery-status;\n\tboundary="{boundary}"'),
                        ("Message-Id", message_id(rng, b.out_host, inc.when))):
        mail.add(name, value)
    mail.body = (f"This is a MIME-encapsulated message.\n\n--{boundary}\nContent-Description: Notification\n"
                 f"Content-Type: text/plain; charset=us-ascii\n\n{human}\n\n"
                 f"--{boundary}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
                 f"{status_fields}\n{_original_part(inc, boundary)}--{boundary}--\n")
    return mail


def _recipient_fields(inc: Incident, b: Bouncer, diagnostic: str, remote: str | None = None) -> str:
    lines = [f"Final-Recipient: rfc822; {inc.rcpt}", f"Original-Recipient: rfc822;{inc.rcpt}",
             "Action: failed", f"Status: {inc.status}"]
    if remote:
        lines.append(f"Remote-MTA: dns; {remote}")
    lines.append(f"Diagnostic-Code: smtp; {diagnostic}")
    return "\n".join(lines) + "\n"


def postfix(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    diag = inc.diagnostic("postfix", b)
    said = (f"<{inc.rcpt}>: host {b.internal[0]}[10.0.3.7] said: {diag} (in reply to RCPT TO command)"
            if inc.reason != "expired" else f"<{inc.rcpt}>: {diag}")
    human = (f"This is the mail system at host {b.out_host}.\n\n"
             "I'm sorry to have to inform you that your message could not\n"
             "be delivered to one or more recipients. It's attached below.\n\n"
             "For further assistance, please send mail to postmaster.\n\n"
             "If you do so, please include this problem report. You can\n"
             "delete your own text from the attached returned message.\n\n"
             f"                   The mail system\n\n{said}")
    fields = (f"Reporting-MTA: dns; {b.out_host}\nX-Postfix-Queue-ID: {token(rng, 10, '0123456789ABCDEF')}\n"
              f"X-Postfix-Sender: rfc822; {inc.notify_to}\nArrival-Date: {rfc_date(inc.when)}\n\n"
              + _recipient_fields(inc, b, diag, None if inc.reason == "expired" else b.internal[0]))
    return _report(b, inc, rng, sender=f"MAILER-DAEMON@{b.out_host} (Mail Delivery System)",
                   subject="Undelivered Mail Returned to Sender", human=human, status_fields=fields)


def sendmail(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    diag = inc.diagnostic("sendmail", b)
    human = (f"The original message was received at {rfc_date(inc.when - dt.timedelta(seconds=30))}\n"
             f"from [{b.mx_ip}]\n\n   ----- The following addresses had permanent fatal errors -----\n"
             f"<{inc.rcpt}>\n    (reason: {diag})\n\n   ----- Transcript of session follows -----\n"
             f"... while talking to {b.internal[0]}.:\n>>> RCPT To:<{inc.rcpt}>\n<<< {diag}\n"
             f"{diag.split(' ', 1)[0]} {inc.status} <{inc.rcpt}>... {diag.split('... ')[-1]}")
    fields = (f"Reporting-MTA: dns; {b.out_host}\nReceived-From-MTA: DNS; {b.mx_host}\n"
              f"Arrival-Date: {rfc_date(inc.when)}\n\n" + _recipient_fields(inc, b, diag, b.internal[0])
              + f"Last-Attempt-Date: {rfc_date(inc.when)}\n")
    return _report(b, inc, rng, sender=f"Mail Delivery Subsystem <MAILER-DAEMON@{b.out_host}>",
                   subject="Returned mail: see transcript for details", human=human, status_fields=fields)


def exchange(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    diag = inc.diagnostic("exchange", b)
    server = b.internal[0].upper()
    human = (f"Delivery has failed to these recipients or groups:\n\n{inc.rcpt}\n"
             "The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and "
             "try to resend the message. If the problem continues, please contact your helpdesk.\n\n\n\n\n\n"
             f"Diagnostic information for administrators:\n\nGenerating server: {server}\n\n{inc.rcpt}\n"
             f"#{diag} ##\n")
    if inc.include == "headers":
        human += f"\nOriginal message headers:\n\n{inc.original.header_text()}"
        inc = Incident(inc.original, inc.orig_subject, inc.rcpt, inc.notify_to, inc.when, inc.reason, "none")
    fields = (f"Reporting-MTA: dns;{server}\nReceived-From-MTA: dns;{b.mx_host}\n"
              f"Arrival-Date: {rfc_date(inc.when)}\n\n" + _recipient_fields(inc, b, diag, None))
    return _report(b, inc, rng, sender=f"postmaster@{b.domain}", subject=f"Undeliverable: {inc.orig_subject}",
                   human=human, status_fields=fields,
                   extra_headers=(("X-MS-Exchange-Message-Is-Ndr", ""), ("Thread-Topic", inc.orig_subject[:60])))


def exim_dsn(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    diag = inc.diagnostic("exim", b)
    human = ("This message was created automatically by mail delivery software.\n\n"
             "A message that you sent could not be delivered to one or more of its\n"
             f"recipients. This is a permanent error. The following address(es) failed:\n\n  {inc.rcpt}\n"
             f"    host {b.internal[0]} [10.0.3.7]\n    SMTP error from remote mail server after RCPT TO:<{inc.rcpt}>:\n"
             f"    {diag}")
    fields = (f"Reporting-MTA: dns; {b.out_host}\n\nAction: failed\nFinal-Recipient: rfc822;{inc.rcpt}\n"
              f"Status: {inc.status}\nRemote-MTA: dns; {b.internal[0]}\nDiagnostic-Code: smtp; {diag}\n")
    return _report(b, inc, rng, sender=f"Mail Delivery System <Mailer-Daemon@{b.out_host}>",
                   subject="Mail delivery failed: returning message to sender", human=human, status_fields=fields,
                   extra_headers=(("X-Failed-Recipients", inc.rcpt),))


def _plain(b: Bouncer, inc: Incident, rng: random.Random, *, sender: str, subject: str, body: str,
           extra: tuple[tuple[str, str], ...] = ()) -> Mail:
    mail = Mail()
    for name, value in (("Date", rfc_date(inc.when, rng.choice([0, 1, -3]))), ("From", sender),
                        ("To", inc.notify_to), ("Subject", encode_subject(subject)), *extra,
                        ("Message-ID", message_id(rng, b.out_host, inc.when))):
        mail.add(name, value)
    mail.body = body
    return mail


def exim(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    diag = inc.diagnostic("exim", b)
    body = ("This message was created automatically by mail delivery software.\n\n"
            "A message that you sent could not be delivered to one or more of its\n"
            f"recipients. This is a permanent error. The following address(es) failed:\n\n  {inc.rcpt}\n"
            f"    SMTP error from remote mail server after RCPT TO:<{inc.rcpt}>:\n"
            f"    host {b.internal[0]} [10.0.3.7]: {diag}\n\n")
    if inc.include == "inline":
        body += f"------ This is a copy of the message, including all the headers. ------\n\n{inc.original.text()}"
    elif inc.include == "headers":
        body += f"------ This is a copy of the message's headers. ------\n\n{inc.original.header_text()}"
    return _plain(b, inc, rng, sender=f"Mail Delivery System <Mailer-Daemon@{b.out_host}>",
                  subject="Mail delivery failed: returning message to sender", body=body,
                  extra=(("X-Failed-Recipients", inc.rcpt), ("Auto-Submitted", "auto-replied")))


def qmail(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    diag = inc.diagnostic("qmail", b)
    permanent = ("This is a permanent error; I've given up. Sorry it didn't work out."
                 if inc.status.startswith("5") else "I'm not going to try again; this message has been in the queue too long.")
    body = (f"Hi. This is the qmail-send program at {b.out_host}.\n"
            "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
            f"{permanent}\n\n<{inc.rcpt}>:\n{diag}\n\n")
    if inc.include in ("inline", "headers"):
        copy = inc.original.text() if inc.include == "inline" else inc.original.header_text()
        body += f"--- Below this line is a copy of the message.\n\n{copy}"
    return _plain(b, inc, rng, sender=f"MAILER-DAEMON@{b.out_host}", subject="failure notice", body=body)


def barracuda(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    diag = f"550 5.7.1 Message content rejected, UBE, id={rng.randrange(10**4):05d}-{rng.randrange(10):02d}-{rng.randrange(10**4)}"
    human = (f"Your message to: {inc.rcpt}\nwas blocked by our Spam Firewall. The email you sent with the following "
             f"subject has NOT BEEN DELIVERED:\n\nSubject: {inc.orig_subject}\n")
    fields = (f"Reporting-MTA: dns; {b.mx_host}\nArrival-Date: {rfc_date(inc.when)}\n\n"
              + _recipient_fields(inc, b, diag, None))
    return _report(b, inc, rng, sender=f"MAILER-DAEMON@{b.mx_host}",
                   subject="**Message you sent blocked by our bulk email filter**", human=human, status_fields=fields)


def interscan(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    virus = rng.choice(["WORM_NETSKY.P", "TROJ_ZBOT.SMEQ", "WORM_MYDOOM.M", "HTML_IFRAME.SM"])
    body = ("Trend Micro InterScan Messaging Security Suite has detected a virus in a message you sent.\n\n"
            f"Date: {inc.original.get('Date')}\nSender: {inc.notify_to}\nRecipient: {inc.rcpt}\n"
            f"Subject: {inc.orig_subject}\nVirus: {virus}\n"
            "Action: The message was quarantined.\n\nPlease scan your computer for viruses.\n")
    return _plain(b, inc, rng, sender=f'"InterScan MSS" <postmaster@{b.domain}>',
                  subject=f"Virus found in sent message \"{inc.orig_subject}\"", body=body)


def amavis(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    if inc.reason == "virusdetected":
        virus = rng.choice(["W32/Mydoom.O@mm", "Trojan.Downloader-4521", "Worm.Bagle.Gen-zippwd-1"])
        subject, what = f"VIRUS ({virus}) IN MAIL FROM YOU", f"contains a computer virus or other malware ({virus})"
        diag = f"554 5.7.0 Reject, id=09{token(rng, 6, '0123456789')}-01 - INFECTED: {virus}"
    else:
        subject, what = "Considered UNSOLICITED BULK EMAIL, apparently from you", "was considered unsolicited bulk e-mail (UBE)"
        diag = f"554 5.7.0 Reject, id=09{token(rng, 6, '0123456789')}-01 - spam"
    human = (f"A message from <{inc.notify_to}> to:\n  -> {inc.rcpt}\n\n{what}.\n\n"
             f"Our internal reference code for your message is 09{token(rng, 6, '0123456789')}-01/{token(rng, 12)}\n\n"
             f"Subject: {inc.orig_subject}\n")
    fields = (f"Reporting-MTA: dns; {b.out_host}\nArrival-Date: {rfc_date(inc.when)}\n\n"
              f"Original-Recipient: rfc822;{inc.rcpt}\nFinal-Recipient: rfc822;{inc.rcpt}\nAction: failed\n"
              f"Status: 5.7.0\nDiagnostic-Code: smtp; {diag}\n")
    return _report(b, inc, rng, sender=f"Content-filter at {b.out_host} <postmaster@{b.out_host}>",
                   subject=subject, human=human, status_fields=fields)


VACATION = {  # language -> (subject prefix, body)
    "en": ("Out of Office: ", "Thank you for your email. I am out of the office until {d} with limited access to email.\n"
                              "For urgent matters please contact my colleague.\n"),
    "de": ("Abwesenheitsnotiz: ", "Vielen Dank für Ihre Nachricht. Ich bin bis zum {d} nicht im Büro.\n"
                                  "In dringenden Fällen wenden Sie sich bitte an meine Kollegin.\n"),
    "fr": ("Réponse automatique : ", "Merci pour votre message. Je suis absent du bureau jusqu'au {d}.\n"
                                     "Pour toute urgence, veuillez contacter mon collègue.\n"),
    "es": ("Respuesta automática: ", "Gracias por su mensaje. Estoy fuera de la oficina hasta el {d}.\n"),
    "it": ("Risposta automatica: ", "Grazie per il messaggio. Sono fuori ufficio fino al {d}.\n"),
    "pt": ("Resposta automática: ", "Obrigado pela sua mensagem. Estarei ausente até {d}.\n"),
    "nl": ("Automatisch antwoord: ", "Bedankt voor uw bericht. Ik ben afwezig tot en met {d}.\n"),
    "ja": ("自動応答: ", "メールありがとうございます。{d}まで不在にしております。\n"),
}


def vacation(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    lang = rng.choice(sorted(VACATION))
    prefix, text = VACATION[lang]
    body = text.format(d=(inc.when + dt.timedelta(days=rng.randint(3, 20))).strftime("%d.%m.%Y"))
    system = rng.randrange(3)
    extra: tuple[tuple[str, str], ...]
    if system == 0:    # Exchange / Outlook
        extra = (("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"),
                 ("Thread-Topic", inc.orig_subject[:60]))
    elif system == 1:  # Sieve vacation (Dovecot, Zimbra)
        extra = (("Auto-Submitted", "auto-replied (vacation)"), ("Precedence", "bulk"))
    else:              # old vacation(1) and webmail responders
        extra = (("X-Autoreply", "yes"), ("Precedence", "junk"))
    name = inc.rcpt.split("@")[0].replace(".", " ").title()
    mail = _plain(b, inc, rng, sender=f'"{name}" <{inc.rcpt}>', subject=prefix + inc.orig_subject, body="",
                  extra=(*extra, ("In-Reply-To", inc.original.get("Message-ID") or ""),
                         ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"),
                         ("Content-Transfer-Encoding", "8bit"), ("Content-Language", lang)))
    mail.body = body
    return mail


def challenge(b: Bouncer, inc: Incident, rng: random.Random) -> Mail:
    service = rng.choice(["tmda", "verifymail", "boxguard"])
    link = f"http://verify.{b.domain}/c/{token(rng, 24)}"
    if service == "tmda":
        subject = f"Re: {inc.orig_subject}"
        body = (f"Hello,\n\nI apologize for this automatic reply to your email.\n\nTo control spam, I now allow "
                f"incoming messages only from senders I have approved beforehand.\n\nIf you would like to be added "
                f"to my list of approved senders, please reply to this message or visit:\n{link}\n\n"
                f"--- Enclosed is a copy of your message.\n\n{inc.original.text()}")
        extra = (("X-Delivery-Agent", "TMDA/1.1.12 (Macallan)"), ("Auto-Submitted", "auto-replied"),
                 ("Precedence", "bulk"))
    else:
        inc.include = "none"
        subject = "Please verify your email address"
        body = (f"Your message to {inc.rcpt} about \"{inc.orig_subject}\" is waiting for approval.\n\n"
                f"{b.org} uses a challenge-response system to stop spam. Please verify you are human by "
                f"clicking the link below; you only need to do this once.\n\n{link}\n\n"
                "If you did not send this message, please ignore this notice.\n")
        extra = (("X-Challenge", f"{service}; id={token(rng, 10)}"), ("Auto-Submitted", "auto-replied"))
    return _plain(b, inc, rng, sender=f'"{service.upper()} Verification" <confirm-{token(rng, 8).lower()}@{b.domain}>',
                  subject=subject, body=body, extra=extra)


# style -> (renderer, kind of notification, how the original may be carried)
STYLES = {
    "postfix": (postfix, "bounce", ("rfc822", "rfc822", "headers", "none")),
    "sendmail": (sendmail, "bounce", ("rfc822", "headers")),
    "exchange": (exchange, "bounce", ("headers", "rfc822", "none")),
    "exim_dsn": (exim_dsn, "bounce", ("rfc822", "headers")),
    "exim": (exim, "bounce", ("inline", "inline", "headers")),
    "qmail": (qmail, "bounce", ("inline", "inline", "none")),
    "barracuda": (barracuda, "spam_notice", ("headers",)),
    "interscan": (interscan, "virus_notice", ("none",)),
    "amavis": (amavis, "virus_notice", ("headers",)),
    "vacation": (vacation, "autoreply", ("none",)),
    "challenge": (challenge, "challenge", ("inline",)),
}
