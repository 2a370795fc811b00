"""Automatic replies: out-of-office of mail clients and webmailers, server-side vacation programs,
helpdesk/CRM ticket acknowledgements, 'no longer monitored' and 'address changed' notices.

They answer the From: of what they got, so forged spam makes them write to the owner's domain.
"""
from __future__ import annotations

import random
from datetime import datetime

from .bounces import Notice
from .spam import Spam
from .world import b64, encoded_word, token

OOF_SUBJECT = {"en": "Automatic reply: ", "de": "Automatische Antwort: ", "fr": "Réponse automatique : ",
               "es": "Respuesta automática: ", "pt": "Resposta automática: ", "ru": "Автоответ: ", "ja": "自動応答: "}
OOF_TEXT = {"en": "I am out of the office until {d} with limited access to email. For urgent matters please contact {o}.",
            "de": "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich {d} nicht im Büro. In dringenden Fällen wenden Sie sich bitte an {o}.",
            "fr": "Je suis absent(e) jusqu'au {d} inclus. Pour toute urgence, merci de contacter {o}.",
            "es": "Estaré fuera de la oficina hasta el {d}. Para asuntos urgentes, contacte con {o}.",
            "pt": "Estou ausente até {d}. Para assuntos urgentes, entre em contato com {o}.",
            "ru": "Я в отпуске до {d}. По срочным вопросам обращайтесь к {o}.",
            "ja": "{d}まで不在にしております。お急ぎの場合は{o}までご連絡ください。"}
# style -> product (None: a real product outside the vocabulary)
PRODUCT = {"outlook-oof": "exchange", "outlook-oof-tnef": "exchange", "gmail-vacation": "gmail", "yahoo-vacation": "yahoo", "cpanel": "cpanel",
           "dovecot-sieve": "dovecot-sieve", "cyrus-sieve": "cyrus-sieve", "zimbra": "zimbra", "vacation": "vacation",
           "zendesk": None, "freshdesk": None, "jira-sm": None, "osticket": None, "otrs": None,
           "no-longer-monitored": None, "address-changed": None, "html-only-oof": None, "zoho-oof": "zoho",
           "mdn-read": "exchange", "mdn-not-read": "exchange", "gmx-oof": None, "mailru-oof": None}
WEIGHTS = {"outlook-oof": 30, "gmail-vacation": 6, "yahoo-vacation": 2, "cpanel": 10, "dovecot-sieve": 8, "cyrus-sieve": 2,
           "zimbra": 4, "vacation": 2, "zendesk": 6, "freshdesk": 4, "jira-sm": 3, "osticket": 3, "otrs": 3,
           "no-longer-monitored": 5, "address-changed": 3, "html-only-oof": 3, "zoho-oof": 2,
           "mdn-read": 4, "mdn-not-read": 2, "gmx-oof": 3, "mailru-oof": 2}


def _refs(spam: Spam) -> list[tuple[str, str]]:
    return [("In-Reply-To", f"<{spam.message_id}>"), ("References", f"<{spam.message_id}>")]


def reply(rng: random.Random, style: str, host: str, spam: Spam, when: datetime, lang: str = "en") -> Notice:
    """The automatic answer of software `style` at `host` to spam."""
    person = spam.target
    until = f"{(when.day % 27) + 1:02d}.{when.month:02d}.{when.year}"
    colleague = f"office@{person.split('@')[1]}"
    text = OOF_TEXT[lang].format(d=until, o=colleague)
    fields = _refs(spam)
    if style == "outlook-oof":
        b = f"_000_{token(rng, 30)}_"
        body = (f"--{b}\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: base64\n\n{b64(text)}\n"
                f"--{b}\nContent-Type: text/html; charset=\"utf-8\"\nContent-Transfer-Encoding: base64\n\n"
                f"{b64('<html><body><p>' + text + '</p></body></html>')}\n--{b}--\n")
        fields += [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"),
                   ("X-MS-Exchange-Inbox-Rules-Loop", person), ("Thread-Topic", encoded_word(spam.subject)),
                   ("X-MS-Has-Attach", ""), ("X-MS-TNEF-Correlator", ""), ("Content-Language", {"ja": "ja-JP", "de": "de-DE"}.get(lang, "en-US"))]
        ctype = f"multipart/alternative;\n\tboundary=\"{b}\""
        if rng.random() < 0.08:  # sent in Outlook's rich-text format: the text plus winmail.dat (TNEF)
            m = f"_{token(rng, 28)}_"
            tnef = "eJ8+IgEAAQaQCAAEAAAAAAABAAEAAQeQBgAIAAAA5AQAAAAAAADoAAEIgAcAGAAAAElQTS5NaWNyb3NvZnQgTWFpbC5Ob3RlADEI" + token(rng, 200)
            body = (f"--{m}\nContent-Type: {ctype}\n\n{body}\n--{m}\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\n"
                    f"Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"winmail.dat\"\n\n{tnef}\n--{m}--\n")
            ctype, style = f"multipart/mixed;\n\tboundary=\"{m}\"", "outlook-oof-tnef"
        return Notice(person, encoded_word(OOF_SUBJECT[lang] + spam.subject), ctype, body,
                      style, "vacation", None, person, "none", fields, auto_submitted=False)
    if style == "html-only-oof":
        html = f"<html><body style=\"font-family:Arial\"><div><b>Out of office</b></div><div>{text}</div><img src=\"cid:logo\"></body></html>"
        return Notice(person, "Out of Office", "text/html; charset=utf-8\nContent-Transfer-Encoding: base64", b64(html), style,
                      "vacation", None, person, "none", fields + [("X-Autoreply", "yes")], auto_submitted=False)
    if style == "gmail-vacation":
        return Notice(person, rng.choice(["Out of office", "Vacation", f"Re: {spam.subject}"]), "text/plain; charset=\"UTF-8\"",
                      text + "\n", style, "vacation", None, person, "none", fields, auto_submitted=True)
    if style == "yahoo-vacation":
        return Notice(person, f"Auto Response", "text/plain; charset=UTF-8", text + "\n", style, "vacation", None, person, "none",
                      fields + [("X-Mailer", "WebService/1.1.21952 YMailNorrin")], auto_submitted=False)
    if style == "cpanel":
        return Notice(person, f"Re: {spam.subject}" if rng.random() < 0.5 else "Autoreply", "text/plain; charset=utf-8",
                      text + "\n", style, "vacation", None, person, "none",
                      fields + [("X-Autorespond", f"{spam.subject}"), ("Precedence", "auto_reply"),
                                ("X-Precedence", "auto_reply")], auto_submitted=False)
    if style == "dovecot-sieve":
        return Notice(person, f"Auto: {spam.subject}", "text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit", text + "\n",
                      style, "vacation", None, person, "none", fields + [("Precedence", "bulk"),
                      ("Auto-Submitted", "auto-replied (vacation)")] + ([("X-Sieve", "Pigeonhole Sieve 0.5.21")] if rng.random() < 0.5 else []),
                      auto_submitted=False)
    if style == "cyrus-sieve":
        return Notice(person, f"Re: {spam.subject}", "text/plain; charset=utf-8", text + "\n", style, "vacation", None, person,
                      "none", fields + [("X-Sieve", "CMU Sieve 3.0"), ("Auto-Submitted", "auto-replied (vacation)")], auto_submitted=False)
    if style == "zimbra":
        return Notice(person, "Out of Office", "text/plain; charset=utf-8", text + "\n", style, "vacation", None, person, "none",
                      fields + [("Auto-Submitted", "auto-replied (zimbra; vacation)"), ("Precedence", "bulk")], auto_submitted=False)
    if style == "zoho-oof":
        return Notice(person, f"Re: {spam.subject}", "text/html; charset=UTF-8", f"<div>{text}</div>\n", style, "vacation", None,
                      person, "none", fields + [("User-Agent", "Zoho Mail"), ("Auto-Submitted", "auto-replied")], auto_submitted=False)
    if style.startswith("mdn-"):
        return _receipt(rng, style, host, spam, when)
    if style == "gmx-oof":
        return Notice(person, encoded_word(f"Abwesenheitsnotiz: {spam.subject}"), "text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable",
                      text.replace("ü", "=C3=BC").replace("ß", "=C3=9F") + "\n", style, "vacation", None, person, "none",
                      fields + [("Auto-Submitted", "auto-replied"), ("X-UI-Out-Filterresults", "notjunk:1")], auto_submitted=False)
    if style == "mailru-oof":
        return Notice(person, encoded_word(f"Автоответ: {spam.subject}"), "text/html; charset=utf-8\nContent-Transfer-Encoding: base64",
                      b64(f"<div>{OOF_TEXT['ru'].format(d=until, o=colleague)}</div>"), style, "vacation", None, person, "none",
                      fields + [("X-Mailru-Autoreply", "1"), ("Auto-Submitted", "auto-replied")], auto_submitted=False)
    if style == "vacation":
        return Notice(person, f"Re: {spam.subject}", "text/plain", text + "\n", style, "vacation", None, person, "none",
                      fields + [("Precedence", "junk"), ("Delivered-By-The-Graces-Of", "The Vacation program")], auto_submitted=False)
    return _helpdesk(rng, style, host, spam, person, fields)


def _helpdesk(rng: random.Random, style: str, host: str, spam: Spam, person: str, fields: list) -> Notice:
    ticket = rng.randint(10000, 999999)
    company = person.split("@")[1].split(".")[0].title()
    if style == "zendesk":
        body = (f"##- Please type your reply above this line -##\n\nYour request ({ticket}) has been received and is being reviewed by our support staff.\n\n"
                f"To add additional comments, reply to this email.\n\n{spam.subject}\n")
        return Notice(f"{company} Support <support@{company.lower()}.zendesk.com>", f"[{company}] Re: {spam.subject}",
                      "text/plain; charset=UTF-8", body, style, "vacation", None, person, "none",
                      fields + [("X-Mailer", "Zendesk Mailer"), ("X-Zendesk-From-Account-Id", token(rng, 7, "0123456789abcdef")),
                                ("Auto-Submitted", "auto-generated")], auto_submitted=False)
    if style == "freshdesk":
        body = ("<div>Dear Customer,<br><br>We would like to acknowledge that we have received your request and a ticket has been created.<br>"
                "A support representative will be reviewing your request and will send you a personal response (usually within 24 hours).<br><br>"
                f"To view the status of the ticket or add comments, please visit<br>https://{company.lower()}.freshdesk.com/helpdesk/tickets/{ticket}<br><br>Thank you for your patience.</div>")
        return Notice(f"{company} <support@{company.lower()}.freshdesk.com>", f"Ticket Received - {spam.subject}", "text/html; charset=UTF-8",
                      body, style, "vacation", None, person, "none", fields, auto_submitted=False)
    if style == "jira-sm":
        body = (f"—-—-—-—\nReply above this line.\n\nYour request has been received: SD-{ticket % 9000}\n\n{spam.subject}\n\n"
                f"View request · Turn off this request's notifications\nThis is shared with {spam.from_addr}.\n")
        return Notice(f"{company} Service Desk <jira@{company.lower()}.atlassian.net>", f"[JIRA] (SD-{ticket % 9000}) {spam.subject}",
                      "text/plain; charset=UTF-8", body, style, "vacation", None, person, "none",
                      fields + [("Auto-Submitted", "auto-generated"), ("X-JIRA-FingerPrint", token(rng, 32, "0123456789abcdef"))], auto_submitted=False)
    if style == "osticket":
        body = (f"Dear customer,\n\nA request for support has been created and assigned #{ticket}. A representative will follow-up with you as soon as possible.\n\n"
                "If you wish to provide additional comments or information regarding the issue, please reply to this email.\n")
        return Notice(f"{company} Support <support@{person.split('@')[1]}>", f"Support Ticket Opened [#{ticket}]", "text/plain; charset=utf-8",
                      body, style, "vacation", None, person, "none", fields + [("X-Mailer", "osTicket Mailer"), ("Precedence", "auto_reply")],
                      auto_submitted=False)
    if style == "otrs":
        tn = f"2026{rng.randint(10000000, 99999999)}"
        body = (f"This is an automatically generated message. Your inquiry has been received and ticket [Ticket#{tn}] was opened.\n"
                "Please keep the ticket number in the subject of your replies.\n\nYour OTRS Support Team\n")
        return Notice(f"{company} Service <service@{person.split('@')[1]}>", f"[Ticket#{tn}] RE: {spam.subject}", "text/plain; charset=utf-8",
                      body, style, "vacation", None, person, "none", fields + [("X-Loop", "yes"), ("X-OTRS-Loop", "yes"), ("Precedence", "bulk")],
                      auto_submitted=False)
    if style == "no-longer-monitored":
        body = ("This mailbox is no longer monitored. Your email has not been read.\n\n"
                f"Please contact us at info@{person.split('@')[1]} or visit our website.\n")
        return Notice(person, f"Re: {spam.subject}" if rng.random() < 0.5 else "This mailbox is no longer monitored",
                      "text/plain; charset=utf-8", body, style, "vacation", None, person, "none", fields, auto_submitted=rng.random() < 0.5)
    body = (f"Bitte beachten Sie: meine E-Mail-Adresse hat sich geändert. Bitte schreiben Sie mir künftig an {person.split('@')[0]}@new-{person.split('@')[1]}.\n\n"
            f"Please note: my email address has changed to {person.split('@')[0]}@new-{person.split('@')[1]}. Please update your address book.\n")
    return Notice(person, encoded_word("Adressänderung / Address change"), "text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit", body,
                  "address-changed", "hasmoved", None, person, "none", fields, auto_submitted=True)


def _receipt(rng: random.Random, style: str, host: str, spam: Spam, when: datetime) -> Notice:
    """Outlook's read / not-read receipt (RFC 8098 MDN): the spam asked for one with Disposition-Notification-To."""
    read = style == "mdn-read"
    person = spam.target
    text = (f"Your message\n\n  To: {person}\n  Subject: {spam.subject}\n  Sent: {spam.sent.strftime('%A, %B %d, %Y %H:%M:%S (UTC)')}\n\n"
            + (f"was read on {when.strftime('%A, %B %d, %Y %H:%M:%S (UTC)')}.\n" if read else
               f"was deleted without being read on {when.strftime('%A, %B %d, %Y %H:%M:%S (UTC)')}.\n"))
    b = f"_{token(rng, 3)}_{token(rng, 30)}_"
    mdn = (f"Reporting-UA: {host}; Microsoft Exchange Server\nFinal-Recipient: rfc822;{person}\nOriginal-Message-ID: <{spam.message_id}>\n"
           f"Disposition: {'manual-action/MDN-sent-manually; displayed' if read else 'automatic-action/MDN-sent-automatically; deleted'}\n")
    body = (f"--{b}\nContent-Type: text/plain; charset=\"us-ascii\"\n\n{text}\n--{b}\nContent-Type: message/disposition-notification\n\n{mdn}\n--{b}--\n")
    return Notice(person, f"{'Read' if read else 'Not read'}: {spam.subject}",
                  f"multipart/report; report-type=disposition-notification;\n\tboundary=\"{b}\"", body, style, "vacation", None, person,
                  "none", [("In-Reply-To", f"<{spam.message_id}>"), ("X-MS-Exchange-Organization-SCL", "-1")], auto_submitted=False)
