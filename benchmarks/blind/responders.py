"""Auto-replies as the responders write them: Exchange/Outlook out-of-office (many languages, also
relayed by a Mimecast gateway), the cPanel autoresponder under Exim, Dovecot Pigeonhole and Cyrus
Sieve vacation, the Unix vacation(1) program, Zimbra, Gmail's and Yahoo's vacation responders, and
helpdesk "we received your request" replies (a product outside the vocabulary).

The same functions answer spam that forged the owner (backscatter) and the owner's own mail
(genuine replies): only the trigger differs.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from .world import (boundary, encode_body, lowhex, maybe_encode, msgid, multipart, part, rfc2822, token)


@dataclass
class Trigger:
    """The message a responder answers."""
    sender: str          # where the reply goes (the forged or the real sender)
    subject: str
    message_id: str
    person: str          # the address that answers
    person_name: str
    when: datetime       # when the reply is written
    quoted: str | None = None  # the trigger's text, for responders that quote it


OOF_PREFIX = {"en": "Automatic reply: ", "de": "Automatische Antwort: ", "fr": "R\u00e9ponse automatique\u00a0: ",
              "es": "Respuesta autom\u00e1tica: ", "it": "Risposta automatica: ", "nl": "Automatisch antwoord: ",
              "pt": "Resposta autom\u00e1tica: ", "pl": "Automatyczna odpowied\u017a: ", "ru": "\u0410\u0432\u0442\u043e\u043c\u0430\u0442\u0438\u0447\u0435\u0441\u043a\u0438\u0439 \u043e\u0442\u0432\u0435\u0442: ",
              "ja": "\u81ea\u52d5\u5fdc\u7b54: ", "cs": "Automatick\u00e1 odpov\u011b\u010f: ", "sv": "Autosvar: "}
OOF_TEXT = {
    "en": "Thank you for your email. I am out of the office until {d} with limited access to email. For urgent matters "
          "please contact {c}.\n\nBest regards,\n{n}",
    "de": "Vielen Dank f\u00fcr Ihre Nachricht. Ich bin bis einschlie\u00dflich {d} nicht im B\u00fcro und habe nur "
          "eingeschr\u00e4nkten Zugriff auf meine E-Mails. In dringenden F\u00e4llen wenden Sie sich bitte an {c}.\n\n"
          "Mit freundlichen Gr\u00fc\u00dfen\n{n}",
    "fr": "Bonjour,\n\nJe suis absent(e) jusqu'au {d} inclus. Pour toute demande urgente, merci de contacter {c}.\n\n"
          "Cordialement,\n{n}",
    "es": "Gracias por su mensaje. Estar\u00e9 fuera de la oficina hasta el {d}. Para asuntos urgentes contacte con {c}.\n\n"
          "Saludos,\n{n}",
    "it": "Grazie per la sua email. Sar\u00f2 fuori ufficio fino al {d}. Per urgenze contattare {c}.\n\nCordiali saluti,\n{n}",
    "nl": "Bedankt voor uw bericht. Ik ben tot en met {d} afwezig. Voor dringende zaken kunt u contact opnemen met {c}.\n\n"
          "Met vriendelijke groet,\n{n}",
    "pt": "Obrigado pelo seu e-mail. Estarei ausente at\u00e9 {d}. Para assuntos urgentes, contate {c}.\n\nAtenciosamente,\n{n}",
    "pl": "Dzi\u0119kuj\u0119 za wiadomo\u015b\u0107. Jestem poza biurem do {d}. W pilnych sprawach prosz\u0119 o kontakt z {c}.\n\n"
          "Pozdrawiam,\n{n}",
    "ru": "\u0417\u0434\u0440\u0430\u0432\u0441\u0442\u0432\u0443\u0439\u0442\u0435! \u042f \u0432 \u043e\u0442\u043f\u0443\u0441\u043a\u0435 "
          "\u0434\u043e {d}. \u041f\u043e \u0441\u0440\u043e\u0447\u043d\u044b\u043c \u0432\u043e\u043f\u0440\u043e\u0441\u0430\u043c: {c}.\n\n{n}",
    "ja": "\u304a\u4e16\u8a71\u306b\u306a\u3063\u3066\u304a\u308a\u307e\u3059\u3002{d}\u307e\u3067\u4e0d\u5728\u306b\u3057\u3066\u304a\u308a\u307e\u3059\u3002"
          "\u6025\u304e\u306e\u3054\u7528\u4ef6\u306f{c}\u307e\u3067\u3054\u9023\u7d61\u304f\u3060\u3055\u3044\u3002\n\n{n}",
    "cs": "D\u011bkuji za zpr\u00e1vu. Do {d} jsem mimo kancel\u00e1\u0159. V nal\u00e9hav\u00fdch p\u0159\u00edpadech kontaktujte {c}.\n\n{n}",
    "sv": "Tack f\u00f6r ditt mejl. Jag \u00e4r ledig till och med {d}. Vid br\u00e5dskande \u00e4renden kontakta {c}.\n\n{n}",
}
PERSONAL_SUBJECTS = ["Out of office", "Away until {d}", "On vacation", "Abwesenheitsnotiz", "Absence",
                     "I'm away", "Out of Office: {s}", "Re: {s}", "Auto: {s}", "Urlaub"]


def _body(rng: random.Random, lang: str, t: Trigger) -> str:
    back = (t.when + timedelta(days=rng.randint(2, 20))).strftime("%d.%m.%Y" if lang in ("de", "pl", "cs", "ru") else "%B %d, %Y")
    contact = f"{rng.choice(['office', 'info', 'support', 'sales', 'kontakt'])}@{t.person.split('@')[1]}"
    return OOF_TEXT.get(lang, OOF_TEXT["en"]).format(d=back, c=contact, n=t.person_name)


def exchange_oof(rng: random.Random, t: Trigger, lang: str, mimecast: bool = False) -> tuple[list, str, str]:
    text = _body(rng, lang, t)
    html = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>"
            "<div style=\"font-family:Calibri,Arial,Helvetica,sans-serif; font-size:12pt; color:rgb(0,0,0)\">"
            + "<br>".join(text.splitlines()) + "</div></body></html>")
    bnd = boundary(rng, "exchange")
    body = multipart([part("text/plain", text, "utf-8", rng.choice(["base64", "quoted-printable"])),
                      part("text/html", html, "utf-8", "quoted-printable")], bnd, "")
    server = f"{rng.choice(['AM', 'DB', 'VI', 'PA', 'BN'])}{rng.randint(0, 9)}PR{rng.randint(10, 99)}MB{rng.randint(1000, 9999)}.eurprd0{rng.randint(1, 9)}.prod.outlook.com"
    headers = [("From", f"{maybe_encode(rng, t.person_name)} <{t.person}>"), ("To", f"<{t.sender}>"),
               ("Subject", maybe_encode(rng, OOF_PREFIX[lang] + t.subject)),
               ("Thread-Topic", maybe_encode(rng, t.subject)),
               ("Thread-Index", "A" + token(rng, 26) + "=="), ("Date", rfc2822(t.when, 0)),
               ("Message-ID", msgid(rng, server, "outlook")), ("In-Reply-To", t.message_id), ("References", t.message_id),
               ("Accept-Language", "en-US, de-DE"), ("Content-Language", {"en": "en-US", "de": "de-DE"}.get(lang, lang)),
               ("X-MS-Has-Attach", ""), ("X-MS-Exchange-Organization-SCL", "-1"), ("X-MS-TNEF-Correlator", ""),
               ("auto-submitted", "auto-generated"), ("x-ms-exchange-transport-fromentityheader", "Hosted"),
               ("X-Auto-Response-Suppress", "All"), ("Content-Type", f"multipart/alternative;\n\tboundary=\"{bnd}\""),
               ("MIME-Version", "1.0")]
    if mimecast:
        headers += [("X-Mimecast-Spam-Score", str(rng.randint(0, 3))), ("X-MC-Unique", f"{token(rng, 22)}-{rng.randint(1, 9)}"),
                    ("X-Mimecast-MFC-AGG-ID", "1"), ("X-Mimecast-Originator", t.person.split("@")[1])]
    return headers, body, f"exchange-oof-{lang}{'-mimecast' if mimecast else ''}"


def exchange2003_oof(rng: random.Random, t: Trigger) -> tuple[list, str, str]:
    """Outlook/Exchange 2003 out-of-office: no Auto-Submitted, "Out of Office AutoReply:" subject."""
    text = _body(rng, "en", t)
    headers = [("Content-class", "urn:content-classes:message"), ("Subject", maybe_encode(rng, "Out of Office AutoReply: " + t.subject)),
               ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=\"iso-8859-1\""), ("Content-Transfer-Encoding", "quoted-printable"),
               ("Date", rfc2822(t.when, -5)), ("X-MimeOLE", "Produced By Microsoft Exchange V6.5"),
               ("Message-ID", f"<{token(rng, 40, 'ABCDEF0123456789')}@{t.person.split('@')[1]}>"),
               ("X-MS-Has-Attach", ""), ("X-MS-TNEF-Correlator", ""), ("Thread-Topic", maybe_encode(rng, t.subject)),
               ("Thread-Index", "A" + token(rng, 26) + "=="), ("From", f"\"{t.person_name}\" <{t.person}>"), ("To", f"<{t.sender}>")]
    return headers, encode_body(text, "iso-8859-1", "quoted-printable"), "exchange2003-oof"


def cpanel(rng: random.Random, t: Trigger, host: str) -> tuple[list, str, str]:
    subj = rng.choice(["Re: {s}", "Autoreply: {s}", "Out of Office", "Thank you for your email", "Auto Response"])
    text = rng.choice([
        "Thank you for contacting us. We have received your message and will respond within 24 hours.\n",
        "I am currently out of the office and will reply to your email when I return.\n",
        "Obrigado pelo seu contato! Responderemos em breve.\n",
        "Gracias por escribirnos. Le responderemos a la brevedad.\n"])
    eid = f"{token(rng, 6)}-{token(rng, 6)}-{token(rng, 2)}"
    dom = t.person.split("@")[1]
    headers = [("Received", f"from {dom.split('.')[0]}{rng.randint(1, 9)} by {host} with local (Exim 4.96.2)\n\t(envelope-from <{t.person}>)\n\t"
                            f"id {eid}\n\tfor {t.sender};\n\t{rfc2822(t.when, rng.choice((-5, -3, 1)))}"),
               ("To", t.sender), ("Subject", maybe_encode(rng, subj.format(s=t.subject))),
               ("X-Autorespond", maybe_encode(rng, t.subject)), ("Precedence", "auto_reply"), ("X-Precedence", "auto_reply"),
               ("From", f"{t.person}"), ("Message-Id", f"<E{eid}@{host}>"), ("Date", rfc2822(t.when, -5)),
               ("X-AntiAbuse", "This header was added to track abuse, please include it with any abuse report"),
               ("X-AntiAbuse", f"Primary Hostname - {host}"), ("X-AntiAbuse", f"Original Domain - {t.sender.split('@')[1]}"),
               ("X-AntiAbuse", f"Originator/Caller UID/GID - [{rng.randint(500, 2000)} 991] / [47 12]"),
               ("X-AntiAbuse", f"Sender Address Domain - {dom}"),
               ("X-Get-Message-Sender-Via", f"{host}: authenticated_id: {t.person.split('@')[0]}/from_h"),
               ("X-Authenticated-Sender", f"{host}: {t.person}"),
               ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=\"utf-8\""), ("Content-Transfer-Encoding", "8bit")]
    return headers, text, "cpanel-autorespond"


def dovecot_sieve(rng: random.Random, t: Trigger, host: str) -> tuple[list, str, str]:
    subj = rng.choice(["Auto: {s}", "Auto: {s}", "Out of office", "Urlaub / Vacation"]).format(s=t.subject)
    secs = int(t.when.timestamp())
    text = _body(rng, rng.choice(["en", "de", "fr"]), t)
    headers = [("Message-ID", f"<dovecot-sieve-{secs}-{rng.randint(100000, 999999)}-0@{host}>"), ("Date", rfc2822(t.when, 1)),
               ("X-Sieve", "Pigeonhole Sieve 0.5.21 (f6cd4b8e)"), ("From", f"{t.person_name} <{t.person}>"),
               ("To", f"<{t.sender}>"), ("Subject", maybe_encode(rng, subj)), ("Auto-Submitted", "auto-replied (vacation)"),
               ("Precedence", "bulk"), ("In-Reply-To", t.message_id), ("References", t.message_id),
               ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")]
    return headers, encode_body(text, "utf-8", "quoted-printable"), "dovecot-sieve-vacation"


def cyrus_sieve(rng: random.Random, t: Trigger, host: str) -> tuple[list, str, str]:
    text = _body(rng, "en", t)
    headers = [("Message-ID", f"<cmu-sieve-{rng.randint(1000, 99999)}-{int(t.when.timestamp())}-0@{host}>"),
               ("Date", rfc2822(t.when, -5)), ("X-Sieve", "CMU Sieve 3.0"), ("From", f"<{t.person}>"), ("To", f"<{t.sender}>"),
               ("Subject", maybe_encode(rng, "Re: " + t.subject)), ("Auto-Submitted", "auto-replied (vacation)"),
               ("In-Reply-To", t.message_id), ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"),
               ("Content-Transfer-Encoding", "8bit")]
    return headers, text, "cyrus-sieve-vacation"


def unix_vacation(rng: random.Random, t: Trigger, host: str) -> tuple[list, str, str]:
    text = (f"I am away until {(t.when + timedelta(days=rng.randint(3, 14))).strftime('%B %d')} and will read your mail "
            f"about \"{t.subject}\" when I return.\n\n-- \n{t.person_name}\n")
    headers = [("Received", f"by {host} (Postfix, from userid {rng.randint(1000, 1200)})\n\tid {token(rng, 10, '0123456789ABCDEF')}; {rfc2822(t.when, -5)}"),
               ("From", f"{t.person_name} <{t.person}>"), ("Subject", maybe_encode(rng, "Re: " + t.subject)),
               ("Precedence", rng.choice(["junk", "bulk"])), ("Delivered-By-The-Graces-Of", "The Vacation program"),
               ("Auto-Submitted", "auto-replied"), ("To", t.sender), ("Message-Id", f"<{t.when.strftime('%Y%m%d%H%M%S')}.{token(rng, 8)}@{host}>"),
               ("Date", rfc2822(t.when, -5))]
    return headers, text, "unix-vacation"


def zimbra(rng: random.Random, t: Trigger, host: str) -> tuple[list, str, str]:
    text = _body(rng, rng.choice(["en", "fr", "it", "es"]), t)
    headers = [("Date", rfc2822(t.when, 1)), ("From", f"{maybe_encode(rng, t.person_name)} <{t.person}>"), ("To", t.sender),
               ("Message-ID", f"<{rng.randint(10**8, 10**9)}.{rng.randint(10**6, 10**7)}.{int(t.when.timestamp() * 1000)}.JavaMail.zimbra@{t.person.split('@')[1]}>"),
               ("In-Reply-To", t.message_id), ("Subject", maybe_encode(rng, rng.choice(["Out of Office: " + t.subject, "Re: " + t.subject, "Absence"]))),
               ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "7bit" if text.isascii() else "8bit"),
               ("Auto-Submitted", "auto-replied (zimbra; vacation)"), ("X-Mailer", "Zimbra 9.0.0_GA_4583 (zclient/9.0.0_GA_4583)"),
               ("Thread-Topic", maybe_encode(rng, t.subject))]
    return headers, text, "zimbra-ooo"


def gmail_vacation(rng: random.Random, t: Trigger) -> tuple[list, str, str]:
    text = _body(rng, rng.choice(["en", "en", "es", "pt", "de"]), t)
    bnd = boundary(rng, "gmail")
    body = multipart([part("text/plain", text, "UTF-8", "quoted-printable"),
                      part("text/html", "<div dir=\"ltr\">" + "<br>".join(text.splitlines()) + "</div>", "UTF-8", "quoted-printable")],
                     bnd, "")
    subj = rng.choice(["Out of office", "Re: {s}", "Vacation reply", "Ausente", "Away"]).format(s=t.subject)
    headers = [("MIME-Version", "1.0"), ("From", f"{t.person_name} <{t.person}>"), ("Date", rfc2822(t.when, -8)),
               ("Message-ID", msgid(rng, "mail.gmail.com", "gmail")), ("Subject", maybe_encode(rng, subj)), ("To", t.sender),
               ("In-Reply-To", t.message_id), ("References", t.message_id), ("Auto-Submitted", "auto-replied"),
               ("Content-Type", f"multipart/alternative; boundary=\"{bnd}\"")]
    return headers, body, "gmail-vacation"


def yahoo_vacation(rng: random.Random, t: Trigger) -> tuple[list, str, str]:
    text = "I'm away on vacation. I will reply when I get back.\n"
    headers = [("Date", rfc2822(t.when, 0)), ("From", f"{t.person_name} <{t.person}>"), ("To", t.sender),
               ("Message-ID", f"<{rng.randint(10**8, 10**10)}.{rng.randint(10**6, 10**7)}.{int(t.when.timestamp() * 1000)}@mail.yahoo.com>"),
               ("Subject", maybe_encode(rng, "Auto Response: " + t.subject)), ("Auto-Submitted", "auto-replied"),
               ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "7bit"),
               ("X-Mailer", "WebService/1.1.22005 YMailNorrin")]
    return headers, text, "yahoo-vacation"


def helpdesk(rng: random.Random, t: Trigger) -> tuple[list, str, str]:
    n = rng.randint(10000, 999999)
    dom = t.person.split("@")[1]
    text = (f"##- Please type your reply above this line -##\n\nYour request ({n}) has been received and is being reviewed by "
            f"our support staff.\n\nTo add additional comments, reply to this email.\n\n{t.subject}\n")
    headers = [("Date", rfc2822(t.when, 0)), ("From", f"{dom.split('.')[0].title()} Support <support@{dom}>"), ("Reply-To", f"support+id{n}@{dom}"),
               ("To", t.sender), ("Message-ID", f"<{token(rng, 12)}_{lowhex(rng, 8)}_sprut@zendesk.com>"),
               ("In-Reply-To", t.message_id), ("Subject", maybe_encode(rng, f"[Request received] {t.subject}")),
               ("Auto-Submitted", "auto-generated"), ("X-Mailer", "Zendesk Mailer"), ("X-Zendesk-From-Account-Id", lowhex(rng, 7)),
               ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")]
    return headers, encode_body(text, "utf-8", "quoted-printable"), "helpdesk-ticket"


# family of the answering system -> the responders it can run, with product names
RESPONDERS = {
    "exchange": [("exchange", 0.75), ("exchange2003", 0.25)], "o365": [("exchange", 0.85), ("exchange-mimecast", 0.15)],
    "exim": [("cpanel", 0.9), ("helpdesk", 0.1)], "postfix": [("dovecot-sieve", 0.6), ("vacation", 0.2), ("cyrus-sieve", 0.2)],
    "zimbra": [("zimbra", 1.0)], "gmail": [("gmail", 0.85), ("helpdesk", 0.15)], "yahoo": [("yahoo", 1.0)],
    "sendmail": [("vacation", 1.0)], "qmail": [("vacation", 1.0)],
}
# responders that answer the header From (the others answer the envelope sender, as RFC 3834 asks)
ANSWERS_HEADER_FROM = {"cpanel", "helpdesk", "gmail", "yahoo"}
PRODUCT_OF = {"exchange": "exchange", "exchange2003": "exchange", "exchange-mimecast": "exchange", "cpanel": "cpanel", "dovecot-sieve": "dovecot-sieve",
              "vacation": "vacation", "cyrus-sieve": "cyrus-sieve", "zimbra": "zimbra", "gmail": "gmail", "yahoo": "yahoo",
              "helpdesk": None}


def reply(rng: random.Random, responder: str, t: Trigger, host: str, lang: str) -> tuple[list, str, str]:
    if responder in ("exchange", "exchange-mimecast"):
        return exchange_oof(rng, t, lang if lang in OOF_PREFIX else "en", responder == "exchange-mimecast")
    return {"exchange2003": lambda: exchange2003_oof(rng, t), "cpanel": lambda: cpanel(rng, t, host), "dovecot-sieve": lambda: dovecot_sieve(rng, t, host),
            "cyrus-sieve": lambda: cyrus_sieve(rng, t, host), "vacation": lambda: unix_vacation(rng, t, host),
            "zimbra": lambda: zimbra(rng, t, host), "gmail": lambda: gmail_vacation(rng, t),
            "yahoo": lambda: yahoo_vacation(rng, t), "helpdesk": lambda: helpdesk(rng, t)}[responder]()
