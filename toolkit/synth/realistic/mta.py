"""Bounces as the MTAs write them, from their documented structure (all hosts and names invented)."""
from __future__ import annotations

import datetime as dt
import random

from ..mail import Mail, rfc_date, token
from .event import Event, date, dsn_fields, plain, report, subject

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _copy(ev: Event) -> str:
    if ev.include == "inline":
        return ev.original.text()
    if ev.include == "headers":
        return ev.original.header_text()
    return ""


def postfix(ev: Event, rng: random.Random) -> Mail:
    b, diag = ev.bouncer, ev.diagnostic()
    said = "\n\n".join(f"<{r}>: host {b.internal}[10.1.4.20] said: {diag.replace(ev.rcpt, r)} (in reply to RCPT "
                       "TO command)" if ev.reason != "expired" else f"<{r}>: {diag}" for r in ev.recipients)
    human = (f"This is the mail system at host {b.out_host}.\n\nI'm sorry to have to inform you that your message "
             "could not\nbe delivered to one or more recipients. It's attached below.\n\nFor further assistance, please "
             "send mail to postmaster.\n\nIf you do so, please include this problem report. You can\ndelete your own "
             f"text from the attached returned message.\n\n                   The mail system\n\n{said}")
    qid = token(rng, rng.choice([10, 11]), "0123456789ABCDEF")
    fields = dsn_fields(ev, b.out_host, diag, remote=None if ev.reason == "expired" else b.internal,
                        extra=f"X-Postfix-Queue-ID: {qid}\nX-Postfix-Sender: rfc822; {ev.notify_to}\n"
                              f"Arrival-Date: {rfc_date(ev.when - dt.timedelta(seconds=20))}")
    return report(ev, rng, top=[("Date", date(ev, rng)), ("From", f"MAILER-DAEMON@{b.out_host} (Mail Delivery System)"),
                                ("Subject", "Undelivered Mail Returned to Sender"), ("To", ev.notify_to),
                                ("Auto-Submitted", "auto-replied"),
                                ("Message-Id", f"<{rfc_date(ev.when)[5:16].replace(' ', '')}{qid}@{b.out_host}>")],
                  human=human, fields=fields)


def exim(ev: Event, rng: random.Random, cpanel: bool = False) -> Mail:
    b = ev.bouncer
    reason_line = ("No Such User Here" if cpanel and ev.reason == "userunknown" else
                   f"host {b.internal} [10.1.4.20]\n    SMTP error from remote mail server after RCPT TO:<{ev.rcpt}>:\n"
                   f"    {ev.diagnostic()}")
    if ev.reason == "expired":
        reason_line = "retry timeout exceeded"
    failed = "\n".join(f"  {r}\n    {reason_line.replace(ev.rcpt, r)}" for r in ev.recipients)
    body = ("This message was created automatically by mail delivery software.\n\nA message that you sent could not be "
            "delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:"
            f"\n\n{failed}\n\n")
    if ev.include == "inline":
        body += f"------ This is a copy of the message, including all the headers. ------\n\n{_copy(ev)}"
    elif ev.include == "headers":
        body += f"------ This is a copy of the message's headers. ------\n\n{_copy(ev)}"
    eid = f"1r{token(rng, 4, ALNUM + 'abcdefghij')}-{token(rng, 6, '0123456789ABCDEF')}-{token(rng, 2)}"
    return plain([("X-Failed-Recipients", ", ".join(ev.recipients)), ("Auto-Submitted", "auto-replied"),
                  ("From", f"Mail Delivery System <Mailer-Daemon@{b.out_host}>"), ("To", ev.notify_to),
                  ("Subject", "Mail delivery failed: returning message to sender"),
                  ("Message-Id", f"<E{eid}@{b.out_host}>"), ("Date", date(ev, rng))], body)


def cpanel_exim(ev: Event, rng: random.Random) -> Mail:
    return exim(ev, rng, cpanel=True)


def exim_dsn(ev: Event, rng: random.Random) -> Mail:
    b, diag = ev.bouncer, ev.diagnostic()
    human = ("This message was created automatically by mail delivery software.\n\nA message that you sent could not be "
             "delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:"
             "\n\n" + "\n".join(f"  {r}\n    host {b.internal} [10.1.4.20]\n    SMTP error from remote mail server "
                                 f"after RCPT TO:<{r}>:\n    {diag.replace(ev.rcpt, r)}" for r in ev.recipients))
    fields = dsn_fields(ev, b.out_host, diag, remote=b.internal)
    return report(ev, rng, top=[("From", f"Mail Delivery System <Mailer-Daemon@{b.out_host}>"), ("To", ev.notify_to),
                                ("References", ev.original.get("Message-ID")), ("Content-Description", None),
                                ("Subject", "Mail delivery failed: returning message to sender"),
                                ("Message-Id", f"<E1r{token(rng, 4)}-{token(rng, 6, '0123456789ABCDEF')}-"
                                               f"{token(rng, 2)}@{b.out_host}>"),
                                ("Date", date(ev, rng)), ("X-Failed-Recipients", ", ".join(ev.recipients)),
                                ("Auto-Submitted", "auto-replied")], human=human, fields=fields)


def sendmail(ev: Event, rng: random.Random) -> Mail:
    b, diag = ev.bouncer, ev.diagnostic()
    sid = f"{token(rng, 8, 'abcdefghijklmnopqrstuvwxyz0123456789')}{rng.randrange(10**6):06d}"
    human = (f"The original message was received at {rfc_date(ev.when - dt.timedelta(seconds=40))}\nfrom "
             f"{b.mx_host} [{b.mx_ip}]\n\n   ----- The following addresses had permanent fatal errors -----\n<{ev.rcpt}>\n"
             f"    (reason: {diag.split(' ', 2)[-1]})\n\n   ----- Transcript of session follows -----\n... while talking to "
             f"{b.internal}.:\n>>> DATA\n<<< {diag}\n{ev.code or '550'} {ev.status} <{ev.rcpt}>... "
             f"{diag.split(' ', 2)[-1]}")
    fields = dsn_fields(ev, b.out_host, diag, remote=b.internal,
                        extra=f"Received-From-MTA: DNS; {b.mx_host}\nArrival-Date: {rfc_date(ev.when)}")
    return report(ev, rng, top=[("Date", date(ev, rng)), ("From", f"Mail Delivery Subsystem <MAILER-DAEMON@{b.out_host}>"),
                                ("Message-Id", f"<2024{sid}@{b.out_host}>"), ("To", f"<{ev.notify_to}>"),
                                ("Subject", "Returned mail: see transcript for details"),
                                ("Auto-Submitted", "auto-generated (failure)")], human=human, fields=fields)


def qmail(ev: Event, rng: random.Random) -> Mail:
    b = ev.bouncer
    diag = {"userunknown": "Sorry, no mailbox here by that name. (#5.1.1)",
            "mailboxfull": "The users mailbox is full. (#5.2.2)",
            "expired": "I'm not going to try again; this message has been in the queue too long."}.get(
        ev.reason, f"Remote host said: {ev.diagnostic()}")
    body = (f"Hi. This is the qmail-send program at {b.out_host}.\nI'm afraid I wasn't able to deliver your message to "
            "the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n"
            + "".join(f"<{r}>:\n{diag}\n\n" for r in ev.recipients))
    if ev.include in ("inline", "headers"):
        body += f"--- Below this line is a copy of the message.\n\n{_copy(ev)}"
    return plain([("Date", date(ev, rng)), ("From", f"MAILER-DAEMON@{b.out_host}"), ("To", ev.notify_to),
                  ("Subject", "failure notice"), ("Message-ID", None)], body)


EXCHANGE_GUID = "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e"  # the fixed sender of Exchange 2010+ NDRs


# Exchange 2010+ NDRs in the server's language: subject prefix, first line, diagnostic heading, server label
EXCHANGE_NDR = {
    "en-US": ("Undeliverable: ", "Delivery has failed to these recipients or groups:",
              "Diagnostic information for administrators:", "Generating server:"),
    "de-DE": ("Unzustellbar: ", "Fehler bei der Zustellung an folgende Empfänger oder Gruppen:",
              "Diagnoseinformationen für Administratoren:", "Generierender Server:"),
    "fr-FR": ("Non remis : ", "La remise a échoué pour les destinataires ou groupes suivants :",
              "Informations de diagnostic pour les administrateurs :", "Serveur de génération :"),
    "es-ES": ("No se puede entregar: ", "Error en la entrega a estos destinatarios o grupos:",
              "Información de diagnóstico para administradores:", "Servidor de generación:"),
    "nl-NL": ("Onbestelbaar: ", "De bezorging is mislukt voor deze geadresseerden of groepen:",
              "Diagnostische gegevens voor beheerders:", "Server genereren:"),
    "it-IT": ("Non recapitabile: ", "Recapito non riuscito per i seguenti destinatari o gruppi:",
              "Informazioni di diagnostica per gli amministratori:", "Server di generazione:"),
    "sv-SE": ("Olevererbart: ", "Det gick inte att leverera till följande mottagare eller grupper:",
              "Diagnostikinformation för administratörer:", "Genererande server:"),
}


def _exchange_diag(ev: Event) -> str:
    return {"userunknown": "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
            "mailboxfull": "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded",
            "suspend": "550 5.2.1 RESOLVER.ADR.RecipientDisabled; mailbox disabled",
            "expired": "400 4.4.7 Message delayed beyond the expiration time"}.get(
        ev.reason, f"550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized ({ev.diagnostic()})")


def exchange(ev: Event, rng: random.Random, online: bool = False) -> Mail:
    b = ev.bouncer
    diag = _exchange_diag(ev)
    server = (f"{rng.choice(['AM6', 'DB8', 'VI1', 'PA4', 'BN8', 'SN6'])}PR0{rng.randrange(1, 9)}MB{rng.randrange(1000, 9999)}."
              f"{rng.choice(['eurprd04', 'namprd12', 'eurprd08'])}.prod.outlook.com" if online else b.internal.upper())
    if online:
        human = (f"Your message to {ev.rcpt} couldn't be delivered.\n\n{ev.rcpt.split('@')[0]} wasn't found at "
                 f"{ev.rcpt.split('@')[1]}.\n\n{ev.notify_to.split('@')[0]}    Office 365    {ev.rcpt.split('@')[0]}\n"
                 "Action Required                           Recipient\n\nUnknown To address\n\nHow to Fix It\n"
                 "The address may be misspelled or may not exist.\n\n\n"
                 f"Diagnostic information for administrators:\n\nGenerating server: {server}\n\n{ev.rcpt}\n"
                 f"Remote Server returned '{diag}'\n\nOriginal message headers:\n\n{ev.original.header_text()}")
    else:
        lang = rng.choice(sorted(EXCHANGE_NDR))
        prefix, failed, diagnostic, generating = EXCHANGE_NDR[lang]
        human = (f"{failed}\n\n{ev.rcpt}\n\n\n{diagnostic}\n\n{generating} {server}\n\n{ev.rcpt}\n"
                 f"#{diag} ##\n\nOriginal message headers:\n\n{ev.original.header_text()}")
    if ev.include != "rfc822":
        ev.include = "headers"
    fields = dsn_fields(ev, server.lower(), diag, extra=f"Received-From-MTA: dns;{b.mx_host}\n"
                                                       f"Arrival-Date: {rfc_date(ev.when)}")
    orig = ev.orig_subject
    prefix = "Undeliverable: " if online else prefix
    return report(ev, rng, top=[("From", f"{'Microsoft Outlook' if online else 'Microsoft Exchange'} <"
                                         f"{EXCHANGE_GUID if not online or rng.random() < 0.5 else 'postmaster'}@{b.domain}>"),
                                ("To", f"<{ev.notify_to}>"), ("Date", date(ev, rng)),
                                ("Subject", subject(prefix + orig)),
                                ("Content-Language", "en-US" if online else lang),
                                ("Message-ID", f"<{token(rng, 8, '0123456789abcdef')}-{token(rng, 4, '0123456789abcdef')}"
                                               f"-{token(rng, 4, '0123456789abcdef')}@{server.lower()}>"),
                                ("In-Reply-To", ev.original.get("Message-ID")), ("Thread-Topic", subject(orig[:80])),
                                ("X-MS-Has-Attach", "yes" if ev.include == "rfc822" else ""),
                                ("X-MS-Exchange-Message-Is-Ndr", ""), ("X-MS-TNEF-Correlator", ""),
                                ("Auto-Submitted", "auto-replied")],
                  human=human, fields=fields)


def office365(ev: Event, rng: random.Random) -> Mail:
    return exchange(ev, rng, online=True)


def gmail(ev: Event, rng: random.Random) -> Mail:
    diag = {"userunknown": "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking "
                           "the recipient's email address for typos or unnecessary spaces. For more information, go to "
                           "https://support.google.com/mail/?p=NoSuchUser",
            "mailboxfull": "552 5.2.2 The recipient's inbox is out of storage space. Please direct the recipient to "
                           "https://support.google.com/mail/?p=OverQuotaPerm"}.get(ev.reason, ev.diagnostic())
    headline = "Address not found" if ev.reason == "userunknown" else "Message not delivered"
    human = (f"** {headline} **\n\nYour message wasn't delivered to {ev.rcpt} because the address couldn't be found, or "
             "is unable to receive mail.\n\nLearn more here: https://support.google.com/mail/?p=NoSuchUser\n\n"
             f"The response from the remote server was:\n{diag}\n")
    fields = dsn_fields(ev, "googlemail.com", diag, remote="gmail-smtp-in.l.google.com",
                        extra=f"Received-From-MTA: dns; {ev.bouncer.out_host}\nArrival-Date: {rfc_date(ev.when)}")
    return report(ev, rng, top=[("From", "Mail Delivery Subsystem <mailer-daemon@googlemail.com>"),
                                ("To", ev.notify_to), ("X-Failed-Recipients", ev.rcpt), ("Auto-Submitted", "auto-replied"),
                                ("Subject", "Delivery Status Notification (Failure)"),
                                ("References", ev.original.get("Message-ID")),
                                ("In-Reply-To", ev.original.get("Message-ID")),
                                ("Message-ID", f"<{token(rng, 24, 'abcdef0123456789')}.{token(rng, 4)}@mx.google.com>"),
                                ("Date", rfc_date(ev.when, -8))], human=human, fields=fields)


def yahoo(ev: Event, rng: random.Random) -> Mail:
    what = {"userunknown": f"554 delivery error: dd This user doesn't have a yahoo.com account ({ev.rcpt}) [0]",
            "mailboxfull": "554 delivery error: dd Sorry your message to this user cannot be delivered. "
                           "This account is over quota. [-5]"}.get(ev.reason, f"554 delivery error: {ev.diagnostic()}")
    body = ("Sorry, we were unable to deliver your message to the following address.\n\n"
            f"<{ev.rcpt}>:\n{what} - mta{rng.randrange(1000, 9999)}.mail.bf1.yahoo.com\n\n")
    if ev.include in ("inline", "headers"):
        body += f"--- Below this line is a copy of the message.\n\n{_copy(ev)}"
    return plain([("From", "MAILER-DAEMON@yahoo.com"), ("To", ev.notify_to), ("Subject", "Failure Notice"),
                  ("Date", date(ev, rng)), ("Message-ID", None)], body)


def courier(ev: Event, rng: random.Random) -> Mail:
    b, diag = ev.bouncer, ev.diagnostic()
    human = (f"This is a delivery status notification from {b.out_host},\nrunning the Courier mail server, version 1.1.8."
             f"\n\nThe original message was received on {rfc_date(ev.when - dt.timedelta(seconds=30))}\nfrom "
             f"[{b.mx_ip}]\n\n{'-' * 75}\n\n                           UNDELIVERABLE MAIL\n\nYour message to the "
             f"following recipients cannot be delivered:\n\n<{ev.rcpt}>:\n    {b.internal} [10.1.4.20]:\n"
             f">>> RCPT TO:<{ev.rcpt}>\n<<< {diag}\n\n{'-' * 75}\n\nIf your message was also sent to additional "
             "recipients, their delivery status is not included in this report.")
    fields = dsn_fields(ev, b.out_host, diag, remote=b.internal, extra=f"Arrival-Date: {rfc_date(ev.when)}")
    return report(ev, rng, top=[("From", f"Courier mail server at {b.out_host} <@>"), ("To", ev.notify_to),
                                ("Subject", "NOTICE: mail delivery status."), ("Date", date(ev, rng)),
                                ("Message-ID", f"<courier.{token(rng, 16, '0123456789ABCDEF')}.{token(rng, 8, '0123456789ABCDEF')}"
                                               f"@{b.out_host}>")], human=human, fields=fields)


def mdaemon(ev: Event, rng: random.Random) -> Mail:
    b = ev.bouncer
    body = ("The attached message had PERMANENT fatal delivery errors!\n\nAfter one or more unsuccessful delivery "
            "attempts the attached message has been removed from the mail queue on this server.  The number and "
            "frequency of delivery attempts are determined by local configuration parameters.\n\n"
            "YOUR MESSAGE WAS NOT DELIVERED TO ONE OR MORE RECIPIENTS!\n\n--- Session Transcript ---\n"
            f" {rfc_date(ev.when)} Session {rng.randrange(10**4)}; child 0001\n Attempting SMTP connection to "
            f"[{b.internal}]\n Sending <{ev.rcpt}>\n {ev.diagnostic()}\n--- End Transcript ---\n")
    if ev.include == "inline":
        body += f"\n: Message contains [1] file attachments\n\n{_copy(ev)}"
    return plain([("From", f"MDaemon@{b.out_host}"), ("To", ev.notify_to), ("Subject", "Permanent Delivery Failure"),
                  ("Date", date(ev, rng)), ("X-MDDSN-Message", "Yes"), ("X-MDaemon-Deliver-To", ev.notify_to),
                  ("Message-ID", f"<mdaemon-{token(rng, 10, '0123456789')}@{b.out_host}>")], body)


def domino(ev: Event, rng: random.Random) -> Mail:
    b = ev.bouncer
    local = ev.rcpt.split("@")[0]
    why = {"userunknown": f"User {local} ({ev.rcpt}) not listed in Domino Directory",
           "mailboxfull": "Unable to deliver message: recipient's mail file is full"}.get(ev.reason, ev.diagnostic())
    body = (f"Your message\n\n  Subject: {ev.orig_subject}\n\nwas not delivered to:\n\n  {ev.rcpt}\n\nbecause:\n\n"
            f"  {why}\n")
    if ev.include == "inline":
        body += f"\n{_copy(ev)}"
    return plain([("From", f"Postmaster@{b.domain}"), ("To", ev.notify_to), ("Date", date(ev, rng)),
                  ("Subject", subject(f"DELIVERY FAILURE: {why}")), ("X-Mailer", "Lotus Domino Release 9.0.1FP10"),
                  ("Message-ID", f"<OF{token(rng, 8, '0123456789ABCDEF')}.{token(rng, 8, '0123456789ABCDEF')}-ON"
                                 f"{token(rng, 8, '0123456789ABCDEF')}@{b.domain}>")], body)


def groupwise(ev: Event, rng: random.Random) -> Mail:
    b = ev.bouncer
    why = {"userunknown": "User not found", "mailboxfull": "Mailbox is full"}.get(ev.reason, "Undeliverable")
    body = (f"The message that you sent was undeliverable to the following:\n\t{ev.rcpt.split('@')[0]} ({why})\n\n"
            "Possibly truncated original message follows:\n\n")
    body += _copy(ev) if ev.include == "inline" else ""
    return plain([("From", f"postmaster@{b.domain}"), ("To", ev.notify_to), ("Date", date(ev, rng)),
                  ("Subject", "Message status - undeliverable"), ("X-Mailer", "GroupWise Internet Agent 18.3.1"),
                  ("Message-ID", f"<{token(rng, 8, '0123456789ABCDEF')}.{b.domain.split('.')[0].upper()}."
                                 f"GWIA@{b.out_host}>")], body)


# style -> (renderer, ways of carrying the original)
BOUNCES = {
    "postfix": (postfix, ("rfc822", "rfc822", "headers", "none")),
    "exim": (exim, ("inline", "inline", "headers", "none")),
    "cpanel_exim": (cpanel_exim, ("inline", "inline", "none")),
    "exim_dsn": (exim_dsn, ("rfc822", "headers")),
    "sendmail": (sendmail, ("rfc822", "headers")),
    "qmail": (qmail, ("inline", "inline", "none")),
    "exchange": (exchange, ("headers", "rfc822")),
    "office365": (office365, ("headers", "rfc822")),
    "gmail": (gmail, ("rfc822", "headers")),
    "yahoo": (yahoo, ("inline", "none")),
    "courier": (courier, ("rfc822", "headers")),
    "mdaemon": (mdaemon, ("inline", "none")),
    "domino": (domino, ("inline", "none")),
    "groupwise": (groupwise, ("inline", "none")),
}
