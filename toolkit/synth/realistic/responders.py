"""Auto-replies as the real responders write them (headers from their documentation and source)."""
from __future__ import annotations

import datetime as dt
import random

from ..mail import Mail, rfc_date, token
from .event import Event, date, display, headers, plain, subject

# Outlook/Exchange out-of-office subject prefixes in the language of the mailbox
OOF_PREFIX = {"en": "Automatic reply: ", "en-old": "Out of Office: ", "sv": "Automatiskt svar: ",
              "de": "Automatische Antwort: ", "de-old": "Abwesenheitsnotiz: ", "es": "Respuesta automática: ",
              "it": "Risposta automatica: ", "fr": "Réponse automatique : ", "nl": "Automatisch antwoord: ",
              "pt": "Resposta automática: ", "da": "Autosvar: ", "fi": "Automaattinen vastaus: ",
              "pl": "Odpowiedź automatyczna: ", "ru": "Автоматический ответ: ", "ja": "自動応答: ", "zh": "自动回复: "}
OOF_TEXT = {"en": "Thank you for your email. I am out of the office until {d} with limited access to email.",
            "sv": "Tack för ditt mejl. Jag är på semester till och med {d}.",
            "de": "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich {d} nicht im Büro.",
            "es": "Gracias por su mensaje. Estaré fuera de la oficina hasta el {d}.",
            "it": "Grazie per il messaggio. Sarò fuori ufficio fino al {d}.",
            "fr": "Merci pour votre message. Je suis absent jusqu'au {d}.",
            "nl": "Bedankt voor uw bericht. Ik ben afwezig tot en met {d}.",
            "pt": "Obrigado pela sua mensagem. Estarei ausente até {d}.", "da": "Tak for din mail. Jeg er væk til {d}.",
            "fi": "Kiitos viestistäsi. Olen lomalla {d} asti.", "pl": "Dziękuję za wiadomość. Jestem nieobecny do {d}.",
            "ru": "Спасибо за письмо. Я в отпуске до {d}.", "ja": "メールありがとうございます。{d}まで不在にしております。",
            "zh": "感谢您的来信。我将于{d}返回办公室。"}
WEBMAIL_PREFIX = ("AutoRespons: ", "Auto Reply: ", "Autoreply: ", "Away: ", "AUTO: ")


def _until(ev: Event, rng: random.Random) -> str:
    return (ev.when + dt.timedelta(days=rng.randint(2, 21))).strftime(rng.choice(["%d.%m.%Y", "%m/%d/%Y", "%Y-%m-%d"]))


def _reply_headers(ev: Event) -> list:
    mid = ev.original.get("Message-ID")
    return [("In-Reply-To", mid), ("References", mid)]


def exchange_oof(ev: Event, rng: random.Random) -> Mail:
    lang = rng.choice(sorted(OOF_PREFIX))
    text = OOF_TEXT.get(lang.split("-")[0], OOF_TEXT["en"]).format(d=_until(ev, rng))
    b = rng.choice(["_000_" + token(rng, 30) + "_", f"_{token(rng, 40)}_"])
    name = display(ev.rcpt)
    server = ev.bouncer.internal.upper()
    m = headers(Mail(), [("From", f"{name} <{ev.rcpt}>"), ("To", ev.notify_to),
                         ("Subject", subject(OOF_PREFIX[lang] + ev.orig_subject)),
                         ("Thread-Topic", subject(ev.orig_subject)), ("Thread-Index", token(rng, 30) + "=="),
                         ("Date", date(ev, rng)), ("Message-ID", f"<{token(rng, 32, '0123456789abcdef')}@{server}>"),
                         *_reply_headers(ev), ("Accept-Language", "en-US"),
                         ("Content-Language", lang.split("-")[0]), ("X-MS-Has-Attach", ""),
                         ("X-MS-Exchange-Organization-SCL", "-1"), ("X-MS-TNEF-Correlator", ""),
                         ("X-Auto-Response-Suppress", "All"), ("Auto-Submitted", "auto-generated"),
                         ("MIME-Version", "1.0"),
                         ("Content-Type", f'multipart/alternative;\n\tboundary="{b}"')])
    m.body = (f"--{b}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{text}\n\n{name}\n\n"
              f"--{b}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n<html><body><p>{text}"
              f"</p><p>{name}</p></body></html>\n\n--{b}--\n")
    return m


def cpanel(ev: Event, rng: random.Random) -> Mail:
    """cPanel's autoresponder: an Exim autoreply transport with cPanel's headers."""
    chosen = rng.choice([f"Re: {ev.orig_subject}", "Auto Reply", "Out of office", f"Autoreply: {ev.orig_subject}",
                         "Thank you for contacting us"])
    body = rng.choice(["Thank you for your email. We will get back to you as soon as possible.",
                       "I am currently out of the office. I will reply on my return.",
                       "Gracias por su correo. Le responderemos a la brevedad."])
    host = ev.bouncer.out_host
    return plain([("Message-Id", f"<E1r{token(rng, 4)}-{token(rng, 6, '0123456789ABCDEF')}-{token(rng, 2)}@{host}>"),
                  ("To", ev.notify_to), ("Subject", subject(chosen)),
                  ("From", f'"{display(ev.rcpt)}" <{ev.rcpt}>'), ("X-Autorespond", subject(ev.orig_subject)),
                  ("Precedence", "auto_reply"), ("X-Precedence", "auto_reply"), ("Auto-Submitted", "auto-replied"),
                  ("Date", date(ev, rng))], body + "\n")


def dovecot_sieve(ev: Event, rng: random.Random) -> Mail:
    """Pigeonhole's vacation action: Subject "Auto: ..." unless the script sets one."""
    host = ev.bouncer.internal
    chosen = rng.choice([f"Auto: {ev.orig_subject}", f"Auto: {ev.orig_subject}", "Out of office",
                         f"Abwesend: {ev.orig_subject}"])
    mid = f"<dovecot-sieve-{int(ev.when.timestamp())}-{rng.randrange(10**6)}-{rng.randrange(3)}@{host}>"
    body = rng.choice(["I'm on vacation until {d}. I'll read your message when I'm back.",
                       "Ich bin bis zum {d} nicht erreichbar.", "Je suis en congés jusqu'au {d}."]).format(d=_until(ev, rng))
    return plain([("Message-ID", mid), ("Date", date(ev, rng)), ("X-Sieve", "Pigeonhole Sieve 0.5.21"),
                  ("From", f"<{ev.rcpt}>"), ("To", f"<{ev.notify_to}>"), ("Subject", subject(chosen)),
                  *_reply_headers(ev), ("Auto-Submitted", "auto-replied (vacation)"), ("Precedence", "bulk")],
                 body + "\n")


def vacation(ev: Event, rng: random.Random) -> Mail:
    """The Unix vacation(1) program: ~/.vacation.msg with $SUBJECT filled in, sent through the local MTA."""
    login = ev.rcpt.split("@")[0]
    text = rng.choice([f'I will not be reading my mail for a while. Your mail concerning "{ev.orig_subject}"\n'
                       "will be read when I'm back.",
                       f"I am away until {_until(ev, rng)} and will answer your mail about\n\"{ev.orig_subject}\" then."])
    m = plain([("Date", date(ev, rng)), ("From", f"{login}@{ev.bouncer.domain} ({display(ev.rcpt)})"),
               ("To", ev.notify_to), ("Subject", rng.choice(["away from my mail", "I am away", "vacation"])),
               ("Precedence", "junk"), ("Message-Id", f"<{rfc_date(ev.when)[5:16].replace(' ', '')}"
                                                     f"{token(rng, 10, '0123456789ABCDEF')}@{ev.bouncer.internal}>")],
              text + "\n", "text/plain; charset=us-ascii" if text.isascii() else "text/plain; charset=utf-8")
    m.prepend("Received", f"by {ev.bouncer.internal} (Postfix, from userid {rng.randrange(1000, 1500)})\n\tid "
                          f"{token(rng, 10, '0123456789ABCDEF')}; {rfc_date(ev.when)}")
    return m


def zimbra(ev: Event, rng: random.Random) -> Mail:
    chosen = rng.choice([f"Re: {ev.orig_subject}", "Out of Office", "Fuera de la oficina"])
    return plain([("Date", date(ev, rng)), ("From", f"{display(ev.rcpt)} <{ev.rcpt}>"), ("To", ev.notify_to),
                  ("Message-ID", f"<{rng.randrange(10**8)}.{rng.randrange(10**4)}.{int(ev.when.timestamp() * 1000)}."
                                 f"JavaMail.zimbra@{ev.bouncer.domain}>"),
                  ("Subject", subject(chosen)), *_reply_headers(ev),
                  ("Auto-Submitted", "auto-replied (zimbra; vacation)"), ("Precedence", "bulk"),
                  ("X-Mailer", "Zimbra 8.8.15_GA_4508")],
                 f"I am out of the office until {_until(ev, rng)}.\n")


def gmail_vacation(ev: Event, rng: random.Random) -> Mail:
    chosen = rng.choice([f"Re: {ev.orig_subject}", rng.choice(WEBMAIL_PREFIX) + ev.orig_subject, "On holiday"])
    return plain([("MIME-Version", None), ("From", f"{display(ev.rcpt)} <{ev.rcpt}>"), ("Date", date(ev, rng)),
                  ("Message-ID", f"<CA{token(rng, 10)}+{token(rng, 30)}@mail.gmail.com>"), ("Subject", subject(chosen)),
                  ("To", ev.notify_to), *_reply_headers(ev), ("Auto-Submitted", "auto-replied")],
                 f"Hi, I'm travelling until {_until(ev, rng)} with limited access to email.\n")


AUTOREPLIES = {
    "exchange_oof": exchange_oof, "cpanel": cpanel, "dovecot_sieve": dovecot_sieve, "vacation": vacation,
    "zimbra": zimbra, "gmail_vacation": gmail_vacation,
}
