"""Everything that answers forged mail and is not an MTA's bounce: auto-replies (out-of-office of many products,
in many languages), ticket and list acknowledgements, challenge-response requests, spam/virus filter notices,
DMARC failure reports (RFC 6591) and ARF abuse complaints (RFC 5965)."""
from __future__ import annotations

import random
from datetime import timedelta

from .bounces import Ctx, _alt, _common
from .mime import Notice, boundary, carried, multipart, text_part
from .net import hexid, rfc2822, token
from .spam import enc_subject

OOF_SUBJECT = {"en": "Automatic reply: ", "de": "Automatische Antwort: ", "fr": "Réponse automatique : ",
               "es": "Respuesta automática: ", "it": "Risposta automatica: ", "pt": "Resposta automática: ",
               "nl": "Automatisch antwoord: ", "pl": "Odpowiedź automatyczna: ", "ru": "Автоматический ответ: ",
               "ja": "自動応答: ", "sv": "Automatiskt svar: ", "cs": "Automatická odpověď: ", "tr": "Otomatik yanıt: ",
               "zh": "自动回复: "}
OOF_TEXT = {
    "en": ["I am out of the office until {date} with limited access to email. For urgent matters please contact {col}.",
           "Thank you for your email. I'm currently on annual leave and will return on {date}. Your message will not be "
           "forwarded.", "I'm away from my desk until {date}. I will reply as soon as possible after my return."],
    "de": ["Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich {date} nicht im Büro. Ihre E-Mail wird nicht "
           "weitergeleitet. In dringenden Fällen wenden Sie sich bitte an {col}.",
           "Ich bin bis zum {date} im Urlaub und habe keinen Zugriff auf meine E-Mails."],
    "fr": ["Je suis absent(e) du bureau jusqu'au {date}. Pour toute urgence, merci de contacter {col}.",
           "Bonjour, je suis actuellement en congés et serai de retour le {date}. Cordialement."],
    "es": ["Estaré fuera de la oficina hasta el {date}. Para asuntos urgentes contacte con {col}.",
           "Gracias por su mensaje. Me encuentro de vacaciones hasta el {date}."],
    "it": ["Sono fuori ufficio fino al {date}. Per urgenze contattare {col}.", "Grazie per la sua email, sarò di ritorno il {date}."],
    "pt": ["Estou fora do escritório até {date}. Em caso de urgência, contacte {col}.",
           "Obrigado pelo seu e-mail. Estarei de férias até {date}."],
    "nl": ["Ik ben afwezig tot en met {date}. Voor dringende zaken kunt u contact opnemen met {col}."],
    "pl": ["Jestem poza biurem do {date}. W pilnych sprawach proszę kontaktować się z {col}."],
    "ru": ["Я нахожусь в отпуске до {date}. По срочным вопросам обращайтесь к {col}."],
    "ja": ["{date}まで不在にしております。お急ぎの場合は{col}までご連絡ください。"],
    "sv": ["Jag är ledig till och med {date}. Vid brådskande ärenden kontakta {col}."],
    "cs": ["Do {date} jsem mimo kancelář. V naléhavých případech kontaktujte {col}."],
    "tr": ["{date} tarihine kadar ofis dışındayım. Acil durumlar için {col} ile iletişime geçiniz."],
    "zh": ["我将于{date}前休假，期间无法及时回复邮件。如有急事请联系{col}。"],
}
PERSON = {"en": ["Sarah Miller", "David Brown", "Karen White"], "de": ["Thomas Müller", "Sabine Weber", "Jürgen Schmidt"],
          "fr": ["Claire Dubois", "Julien Martin"], "es": ["Lucía García", "Javier López"], "it": ["Giulia Rossi", "Marco Bianchi"],
          "pt": ["João Silva", "Ana Souza"], "nl": ["Jan de Vries", "Femke Bakker"], "pl": ["Anna Kowalska", "Piotr Nowak"],
          "ru": ["Ольга Иванова", "Сергей Петров"], "ja": ["田中 博", "佐藤 明美"], "sv": ["Erik Andersson"], "cs": ["Petr Novák"],
          "tr": ["Ayşe Yılmaz"], "zh": ["王伟", "李娜"]}


def _oof_text(ctx: Ctx, lang: str) -> str:
    rng = ctx.rng
    back = (ctx.when + timedelta(days=rng.randint(2, 20)))
    date = back.strftime("%d.%m.%Y") if lang in ("de", "pl", "ru", "cs", "tr", "nl") else back.strftime("%d/%m/%Y") \
        if lang in ("fr", "es", "it", "pt") else back.strftime("%Y年%m月%d日") if lang in ("ja", "zh") else back.strftime("%B %d, %Y")
    col = f"{rng.choice(['info', 'office', 'support', 'vertretung', 'assistant'])}@{ctx.server.domain}"
    return rng.choice(OOF_TEXT.get(lang, OOF_TEXT["en"])).format(date=date, col=col)


def _user(ctx: Ctx) -> tuple[str, str]:
    """(display name, address) of the answering mailbox: the spam's recipient."""
    lang = ctx.server.lang if ctx.server.lang in PERSON else "en"
    return ctx.rng.choice(PERSON[lang]), ctx.rcpt


def _reply_headers(ctx: Ctx, frm: str, subject: str, ctype: str, extra: list[tuple[str, str]], msgid: str) -> list:
    h = _common(ctx, frm, subject, ctype, extra)
    h = [x for x in h if x[0] != "Message-ID"]
    h.insert(4, ("Message-ID", msgid))
    if ctx.rng.random() < 0.8:
        h.insert(5, ("In-Reply-To", ctx.orig.msgid))
        h.insert(6, ("References", ctx.orig.msgid))
    return h


def exchange_oof(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    lang = s.lang if s.lang in OOF_SUBJECT else "en"
    name, addr = _user(ctx)
    text = _oof_text(ctx, lang)
    prefix = OOF_SUBJECT[lang] if s.platform != "exchange2003" else "Out of Office: "
    if rng.random() < 0.1:
        prefix = "Out of Office: " if lang == "en" else prefix
    html = f"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body><div " \
           f"style=\"font-family:Calibri\"><p>{text}</p></div></body></html>"
    ctype, body = multipart("alternative", [text_part(rng, text + "\n"), text_part(rng, html, "html")], boundary(rng, "exchange"))
    gen = s.internal[0][0] if s.internal else s.host
    extra = [("Thread-Topic", enc_subject(o.subject)), ("Thread-Index", token(rng, 30) + "=="),
             ("X-MS-Has-Attach", ""), ("X-MS-TNEF-Correlator", ""), ("X-MS-Exchange-Inbox-Rules-Loop", addr),
             ("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"),
             ("Content-Language", {"en": "en-US", "de": "de-DE", "fr": "fr-FR"}.get(lang, lang))]
    msgid = f"<{hexid(rng, 8).lower()}{hexid(rng, 24).lower()}@{gen.lower()}>"
    h = _reply_headers(ctx, f"{name} <{addr}>", prefix + o.subject, ctype, extra, msgid)
    return Notice(h, body, "", "exchange", f"exchange-oof-{lang}", "subject", "autoreply")


def provider_reply(ctx: Ctx, provider: str) -> Notice:
    """Vacation replies of webmail providers, sent from the user's mailbox at the provider."""
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    name, addr = _user(ctx)
    lang = s.lang
    text = _oof_text(ctx, lang if lang in OOF_TEXT else "en")
    if provider in ("outlook", "hotmail"):
        return exchange_oof(ctx)
    product = {"gmail": "gmail", "yahoo": "yahoo", "aol": "yahoo", "zoho": "zoho"}.get(provider)
    subjects = {"gmail": [o.subject and "Re: " + o.subject, "Out of office", "Away until further notice"],
                "yahoo": ["Auto Response", "Re: " + o.subject, "Vacation"], "aol": ["Auto Response"],
                "icloud": ["Re: " + o.subject, "Away"], "gmx": ["Abwesenheitsnotiz", "Automatische Antwort"],
                "webde": ["Abwesenheitsnotiz"], "mailru": ["Автоответ: " + o.subject, "Re: " + o.subject],
                "yandex": ["Автоответ", "Re: " + o.subject], "zoho": ["Out of Office: " + o.subject, "Re: " + o.subject],
                "orange": ["Absence", "Réponse automatique"], "libero": ["Risposta automatica"], "seznam": ["Re: " + o.subject]}
    subject = rng.choice(subjects[provider])
    extra = [("Auto-Submitted", "auto-replied")]
    if provider == "gmail":
        msgid = f"<CA{token(rng, 44)}@mail.gmail.com>"
        env = addr
    elif provider in ("yahoo", "aol"):
        msgid = f"<{rng.randint(10 ** 8, 10 ** 9)}.{rng.randint(10 ** 6, 10 ** 7)}.{rng.randint(10 ** 12, 10 ** 13)}@mail.yahoo.com>"
        extra.append(("X-Mailer", "WebService/1.1.21952 YMailNorrin"))
        env = addr
    elif provider == "zoho":
        msgid = f"<{hexid(rng, 14).lower()}.{rng.randint(10 ** 12, 10 ** 13)}@zoho.com>"
        extra += [("User-Agent", "Zoho Mail"), ("X-Mailer", "Zoho Mail"), ("Feedback-ID", f"rr{token(rng, 20)}:zu0801{token(rng, 12)}:ZohoMail")]
        env = addr
    else:
        msgid = f"<{token(rng, 20)}@{s.host}>"
        env = "" if rng.random() < 0.5 else addr
        if provider in ("gmx", "webde"):
            extra.append(("X-UI-Out-Filterresults", "notjunk:1;"))
    ctype = "text/plain; charset=UTF-8"
    h = _reply_headers(ctx, f"{name} <{addr}>", subject, ctype, extra, msgid)
    body = text + "\n"
    mode = "subject" if o.subject and o.subject in subject else "none"
    return Notice(h, body, env, product, f"{provider}-vacation", mode, "autoreply")


def sieve(ctx: Ctx, flavour: str) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    name, addr = _user(ctx)
    text = _oof_text(ctx, s.lang if s.lang in OOF_TEXT else "en")
    t = int(ctx.when.timestamp())
    if flavour == "dovecot":
        default = "Auto: " + o.subject
        msgid = f"<dovecot-sieve-{t}-{rng.randint(100000, 999999)}-0@{s.host}>"
        extra = [("X-Sieve", "Pigeonhole Sieve 0.5.19 (b7a53a41)")]
        product = "dovecot-sieve"
    else:
        default = "Re: " + o.subject
        msgid = f"<cmu-sieve-{rng.randint(1000, 60000)}-{t}-0@{s.host}>"
        extra = [("X-Sieve", "CMU Sieve 3.0")]
        product = "cyrus-sieve"
    subject = default if rng.random() < 0.5 else rng.choice(["Out of office", "Abwesend", "Vacation reply", "Absent", "Ausente"])
    extra += [("Auto-Submitted", "auto-replied (vacation)"), ("Precedence", "bulk")]
    h = _reply_headers(ctx, f"{name} <{addr}>", subject, "text/plain; charset=utf-8", extra, msgid)
    h.append(("Content-Transfer-Encoding", "8bit"))
    mode = "subject" if o.subject and subject.endswith(o.subject) else "none"
    return Notice(h, text + "\n", "", product, f"{flavour}-sieve-vacation", mode, "autoreply",
                  own_received=[f"by {s.host} (Postfix)\n\tid {token(rng, 10)}; {ctx.date()}"])


def cpanel(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    name, addr = _user(ctx)
    text = _oof_text(ctx, s.lang if s.lang in OOF_TEXT else "en")
    subject = rng.choice(["Out of office: " + o.subject, "Re: " + o.subject, "Thank you for your email", "Auto-Reply"])
    extra = [("X-Autorespond", enc_subject(o.subject)), ("Precedence", "auto_reply"), ("Auto-Submitted", "auto-replied"),
             ("X-AntiAbuse", "This header was added to track abuse, please include it with any abuse report"),
             ("X-AntiAbuse", f"Primary Hostname - {s.host}"), ("X-AntiAbuse", f"Original Domain - {s.domain}"),
             ("X-AntiAbuse", "Originator/Caller UID/GID - [47 12] / [47 12]"), ("X-AntiAbuse", f"Sender Address Domain - {s.domain}"),
             ("X-Get-Message-Sender-Via", f"{s.host}: authenticated_id: {addr.split('@')[0]}@{s.domain}")]
    h = _reply_headers(ctx, f"\"{name}\" <{addr}>", subject, "text/plain; charset=\"utf-8\"", extra,
                       f"<{token(rng, 20)}@{s.host}>")
    mode = "subject" if o.subject and o.subject in subject else "none"
    return Notice(h, text + "\n", addr, "cpanel", "cpanel-autorespond", mode, "autoreply",
                  own_received=[f"from {s.domain.split('.')[0]} by {s.host} with local (Exim 4.96)\n\t(envelope-from <{addr}>)\n"
                                f"\tid 1{token(rng, 5)}-000{token(rng, 3)}-{token(rng, 2)}\n\tfor {ctx.to}; {ctx.date()}"])


def vacation1(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    name, addr = _user(ctx)
    subject = rng.choice(["Re: " + o.subject, "I am on vacation", "away from my mail"])
    extra = [("Precedence", "bulk")]
    if rng.random() < 0.6:
        extra.append(("Delivered-By-The-Graces-Of", "The Vacation program"))
    h = _reply_headers(ctx, f"{name} <{addr}>", subject, "text/plain", extra, f"<{token(rng, 16)}@{s.host}>")
    body = f"I will not be reading my mail for a while.\nYour mail concerning \"{o.subject}\"\nwill be read when I'm back.\n"
    return Notice(h, body, addr, "vacation", "vacation1", "subject", "autoreply",
                  own_received=[f"(from {addr.split('@')[0]}@localhost)\n\tby {s.host} (8.15.2/8.15.2/Submit) id {token(rng, 14)};\n\t{ctx.date()}"])


def product_oof(ctx: Ctx, product: str) -> Notice:
    """Out-of-office replies of groupware servers that write their own (Zimbra, Domino, MDaemon, Kerio, ...)."""
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    name, addr = _user(ctx)
    text = _oof_text(ctx, s.lang if s.lang in OOF_TEXT else "en")
    extra: list[tuple[str, str]] = []
    subject = "Re: " + o.subject
    env = ""
    if product == "zimbra":
        extra = [("Auto-Submitted", "auto-replied (zimbra; vacation)"), ("X-Mailer", "Zimbra 8.8.15_GA_4059 (zclient/8.8.15_GA_4059)")]
        subject = rng.choice(["Re: " + o.subject, "Out of Office"])
        msgid = f"<{rng.randint(10 ** 8, 10 ** 9)}.{rng.randint(1000, 99999)}.{int(ctx.when.timestamp() * 1000)}.JavaMail.zimbra@{s.domain}>"
    elif product == "domino":
        subject = f"{name} is out of the office." if s.lang != "de" else f"{name} ist außer Haus."
        text = f"I will be out of the office starting {ctx.when.strftime('%m/%d/%Y')} and will not return until " \
               f"{(ctx.when + timedelta(days=9)).strftime('%m/%d/%Y')}.\n\n{text}"
        extra = [("Auto-Submitted", "auto-generated"), ("X-Mailer", "Lotus Domino Release 9.0.1FP10 January 10, 2018"),
                 ("X-MIMETrack", f"Serialize by Router on {s.host.split('.')[0].upper()}/{s.domain.split('.')[0].upper()}(Release 9.0.1FP10)")]
        msgid = f"<OF{hexid(rng, 8)}.{hexid(rng, 8)}-ON{hexid(rng, 8)}.{hexid(rng, 8)}@{s.domain.split('.')[0].upper()}>"
    elif product == "mdaemon":
        subject = "Auto Response: " + o.subject if rng.random() < 0.5 else "Out of office"
        extra = [("X-MDaemon-Deliver-To", ctx.to), ("Auto-Submitted", "auto-replied"), ("X-Autoresponder", "MDaemon Auto Responder")]
        msgid = f"<mdaemon-{hexid(rng, 10)}@{s.host}>"
    elif product == "hmailserver":
        subject = rng.choice(["Re: " + o.subject, "Out of office"])
        extra = [("Auto-Submitted", "auto-replied")]
        msgid = f"<{hexid(rng, 32)}@{s.host}>"
    elif product == "kerio":
        extra = [("Auto-Submitted", "auto-replied"), ("X-Mailer", "Kerio Connect 9.2.12 patch 1")]
        msgid = f"<auto-{rng.randint(10 ** 8, 10 ** 9)}@{s.host}>"
    elif product == "icewarp":
        extra = [("X-Autoresponder", "IceWarp Server"), ("Auto-Submitted", "auto-replied")]
        msgid = f"<{hexid(rng, 24).lower()}@{s.host}>"
    elif product == "axigen":
        extra = [("Auto-Submitted", "auto-replied"), ("X-Mailer", "Axigen Mail Server")]
        msgid = f"<{hexid(rng, 16)}.axigen@{s.host}>"
    elif product == "mercury":
        extra = [("X-Autoreply", "yes"), ("X-Mailer", "Mercury/32 v4.72")]
        msgid = f"<{hexid(rng, 8)}.{rng.randint(100, 999)}@{s.host}>"
    elif product == "smartermail":
        subject = "Automatic reply: " + o.subject
        extra = [("Auto-Submitted", "auto-replied"), ("X-SmarterMail-Autoresponder", "true")]
        msgid = f"<{hexid(rng, 32).lower()}@{s.host}>"
    elif product == "communigate":
        extra = [("Auto-Submitted", "auto-replied"), ("X-Mailer", "CommuniGate Pro CLI Autoresponder")]
        msgid = f"<auto-{rng.randint(10 ** 8, 10 ** 9)}@{s.domain}>"
    elif product == "groupwise":
        subject = "Re: " + o.subject
        extra = [("X-Mailer", "GroupWise Internet Agent 18.2.1")]
        msgid = f"<{hexid(rng, 8)}.{rng.randint(10, 99)}@{s.host}>"
    elif product == "mailenable":
        extra = [("X-Autoreply", "yes"), ("X-Mailer", "MailEnable")]
        msgid = f"<ME{hexid(rng, 14)}@{s.host}>"
    elif product == "messagingserver":
        extra = [("Auto-Submitted", "auto-replied (vacation)")]
        msgid = f"<0P{token(rng, 10)}00@{s.host}>"
    elif product == "imail":
        extra = [("X-Autoreply", "yes"), ("X-Mailer", "IMail v12")]
        msgid = f"<{rng.randint(10 ** 8, 10 ** 9)}@{s.host}>"
    else:  # qmail-autoresponder, Courier mailbot, Plesk: nothing names the writer
        extra = [("Precedence", "bulk"), ("Auto-Submitted", "auto-replied")] if rng.random() < 0.7 else [("X-Autoreply", "yes")]
        msgid = f"<{rng.randint(10 ** 9, 10 ** 10)}.{rng.randint(1000, 60000)}.qmail@{s.host}>"
        env = addr
        product = None
    h = _reply_headers(ctx, f"{name} <{addr}>", subject, "text/plain; charset=utf-8", extra, msgid)
    mode = "subject" if o.subject and o.subject in subject else "none"
    return Notice(h, text + "\n", env, product, f"{product or 'unnamed'}-oof", mode, "autoreply")


def ticket(ctx: Ctx, desk: str) -> Notice:
    """Helpdesk acknowledgements: a request number for the forged sender."""
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    n = rng.randint(10000, 999999)
    if desk == "zendesk":
        subject = f"[{s.domain.split('.')[0].title()} Support] Re: {o.subject}"
        body = ("##- Please type your reply above this line -##\n\nYour request ({n}) has been received and is being reviewed by "
                "our support staff.\n\nTo add additional comments, reply to this email.\n").format(n=n)
        frm = f"{s.domain.split('.')[0].title()} Support <support@{s.domain.split('.')[0]}.zendesk.com>"
        extra = [("X-Mailer", "Zendesk Mailer"), ("Auto-Submitted", "auto-generated")]
    elif desk == "otrs":
        subject = f"[Ticket#{ctx.when.strftime('%Y%m%d')}{n:08d}] RE: {o.subject}"
        body = "This is an automatically generated reply. Your request has been received and will be processed.\n"
        frm = f"Support <support@{s.domain}>"
        extra = [("X-Loop", "yes"), ("X-Mailer", "OTRS Mail Service"), ("Auto-Submitted", "auto-replied")]
    else:
        subject = f"Request received: {o.subject}"
        body = f"Dear customer,\n\nWe have received your request and will get back to you shortly. Ticket ID: #{n}\n"
        frm = f"{s.domain.split('.')[0].title()} <support@{s.domain}>"
        extra = [("Auto-Submitted", "auto-generated")]
    h = _reply_headers(ctx, frm, subject, "text/plain; charset=utf-8", extra, f"<{token(rng, 18)}_{n}@{s.host}>")
    return Notice(h, body, f"support@{s.domain}", None, f"{desk}-ticket", "subject", "autoreply")


def list_reply(ctx: Ctx, manager: str) -> Notice:
    """A list manager refusing or holding a post from a non-member."""
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    lst = ctx.rcpt.split("@")[0]
    if manager == "mailman":
        subject = f"Your message to {lst.title()} awaits moderator approval"
        body = (f"Your mail to '{lst.title()}' with the subject\n\n    {o.subject}\n\nIs being held until the list moderator "
                "can review it for approval.\n\nThe reason it is being held:\n\n    Post by non-member to a members-only "
                "list\n\nEither the message will get posted to the list, or you will receive notification\nof the "
                "moderator's decision.\n")
        frm = f"{lst}-bounces@{s.domain}"
        extra = [("X-Mailman-Version", "2.1.39"), ("Precedence", "bulk"), ("X-BeenThere", ctx.rcpt), ("List-Id", f"<{lst}.{s.domain}>")]
        product, mode = None, "subject"
    elif manager == "fml":
        subject = f"Subject: {lst} ML: you are not a member"
        body = f"You are not a member of this mailing list <{ctx.rcpt}>.\n\nIf you know the general guide of this list, " \
               f"please send mail with the mail body\n\n\thelp\n\nto the address\n\n\t{lst}-ctl@{s.domain}\n\n" \
               f"--{ctx.rcpt}, Be Seeing You!\n\n" + o.full()
        frm = f"{lst}-admin@{s.domain}"
        extra = [("X-MLServer", "fml [fml 4.0.3 release (20011202/4.0.3)]"), ("X-ML-Name", lst), ("Precedence", "bulk")]
        product, mode = "fml", "inline"
    else:
        subject = "Message distribution rejected" if rng.random() < 0.5 else "Votre message a été rejeté"
        body = f"Your message to list {lst}@{s.domain} has been rejected because you are not allowed to send to this list.\n"
        frm = f"sympa@{s.domain}"
        extra = [("X-Loop", f"sympa@{s.domain}"), ("Auto-Submitted", "auto-replied")]
        product, mode = None, "none"
    h = _common(ctx, frm, subject, "text/plain; charset=us-ascii", extra)
    return Notice(h, body, frm if manager != "sympa" else "", product, f"{manager}-list", mode, "autoreply")


# --- challenge-response ---------------------------------------------------------------------------------------
def challenge(ctx: Ctx, system: str) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    name, addr = _user(ctx)
    code = token(rng, 24)
    mode, env, extra = "subject", "", []
    ctype = "text/plain; charset=utf-8"
    if system == "boxbe":
        frm = "Boxbe <notify@boxbe.com>"
        subject = f"{o.subject} (Action Required)" if rng.random() < 0.5 else f"Request to join {name}'s Guest List"
        body = (f"Hello {o.sender},\n\nYou will not receive any more courtesy notices from our members for two days. Messages "
                f"you have sent will remain in a lower priority mailbox for our member to review at their leisure.\n\n"
                f"Future messages will be more likely to be viewed if you are on our member's priority Guest List.\n\n"
                f"Thank you,\n{addr}\n\nAbout this Notice\nBoxbe prioritizes and screens email using a personal guest list "
                f"and social network.\n\nRequest to join {name}'s Guest List:\nhttps://www.boxbe.com/anno?tc={code}\n")
        env = "notify@boxbe.com"
        extra = [("X-Boxbe-Notify", "true")]
    elif system == "spamarrest":
        frm = f"{name} <{addr}>"
        subject = f"Re: {o.subject} [Verify to deliver]"
        body = (f"Hello,\n\nI received your email, but I am using Spam Arrest to protect myself against unsolicited email.\n"
                f"Please click the link below to complete the verification process. You will have to do this only once.\n\n"
                f"http://www.spamarrest.com/a2?{code}\n\n---------------------------------------------------------------------\n"
                f"Spam Arrest - Take control of your inbox!\n")
        env = f"verify@spamarrest.com"
    elif system == "bluebottle":
        frm = f"{addr} <verification@bluebottle.com>"
        subject = f"Please confirm your message to {addr}"
        body = (f"The message you sent to {addr} requires a verification.\n\nTo have your email delivered please click on the "
                f"link below:\nhttps://www.bluebottle.com/verify?c={code}\n\nThe subject of your message was: {o.subject}\n")
        env = "verification@bluebottle.com"
    elif system == "mailinblack":
        frm = f"{addr} <{addr}>"
        subject = f"[Mailinblack] Votre message n'a pas encore été délivré / Your message has not been delivered yet"
        body = (f"Bonjour,\n\nJe suis protégé(e) par Mailinblack. Votre message «{o.subject}» est en attente.\n"
                f"Cliquez ici pour confirmer que vous êtes bien un humain : https://mailinblack.com/v/{code}\n")
        extra = [("X-Mailinblack", f"{code[:10]}")]
        env = f"no-reply@mailinblack.com"
    elif system == "0spam":
        frm = f"0spam.com <noreply@0spam.com>"
        subject = f"0spam.com: Please verify your address"
        body = f"{addr} uses 0spam to filter unsolicited email. Please visit https://0spam.com/verify/{code} to be allowed.\n"
        extra = [("X-0spam", "verify")]
        env, mode = "noreply@0spam.com", "none"
    elif system == "qurb":
        frm = f"{addr} <confirm@qurb.com>"
        subject = f"Re: {o.subject} (authorization required)"
        body = f"Your message to {addr} is held pending confirmation. Click http://qurb.com/c/{code} to deliver it.\n"
        env = "confirm@qurb.com"
    elif system == "choicemail":
        frm = f"{name} <{addr}>"
        subject = f"Re: {o.subject} [ChoiceMail registration request]"
        body = (f"I apologize for this automatic reply to your email.\n\nTo control spam, I now allow incoming messages only "
                f"from senders I have approved beforehand.\n\nIf you would like to be added to my list of approved senders, "
                f"please fill out the short request form (see link below). Once I approve you, I will receive your original "
                f"message in my inbox. You do not need to resend your message. I apologize for this one-time inconvenience.\n\n"
                f"Click the link below to fill out the request:\nhttps://www.digiportal.com/cgi-bin/cmeval.pl?{code}\n")
        env = addr
        extra = [("X-ChoiceMail-Registration-Request", "true")]
    elif system == "sendio":
        frm = f"{addr} <{addr}>"
        subject = f"Please verify your email address ({o.subject})"
        body = (f"Hello,\n\nYou recently sent an email to {addr}. To ensure that your message is delivered, please verify "
                f"your email address by clicking the link below. You will only need to do this once.\n\n"
                f"https://{s.host}/verify?{code}\n\nThis email is being sent by a Sendio I.C.E. Box on behalf of {addr}.\n")
        env = ""
        extra = [("X-Sendio-Verification", "1")]
    elif system == "tmda":
        frm = f"{name} <{addr.split('@')[0]}-confirm-{rng.randint(10 ** 9, 10 ** 10)}.{code[:6]}@{s.domain}>"
        subject = f"Please confirm your message"
        human = (f"This message was created automatically by mail delivery software.\n\nA message that you sent has not yet "
                 f"been delivered to the recipient because the recipient only accepts mail from known senders. Reply to this "
                 f"confirmation request to release your message.\n\nYour original message is attached below.\n")
        parts = [text_part(rng, human), "Content-Type: text/plain; name=\"Confirmation Request\"\n\n" + human,
                 carried(o.full(), o.header_block(), "headers")]
        ctype, body = multipart("mixed", parts, boundary(rng))
        extra = [("X-Delivery-Agent", "TMDA/1.1.12 (Macallan)"), ("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")]
        mode, env = "headers", ""
        msgid = f"<{ctx.when.strftime('%Y%m%d%H%M%S')}.{rng.randint(1000, 60000)}.{rng.randint(100, 999)}.TMDA@{s.host}>"
        h = _reply_headers(ctx, frm, subject, ctype, extra, msgid)
        return Notice(h, body, env, "tmda", "tmda-confirm", mode, "challenge")
    elif system == "boxtrapper":
        frm = f"{addr} <{addr}>"
        subject = f"verify#{token(rng, 6)}-{token(rng, 6)}-{token(rng, 2)}"
        body = (f"The user {addr} is using a personal email filtering system known as BoxTrapper. Only known senders are "
                f"accepted by this system.\n\nIf you would like your email to be delivered, simply reply to this message "
                f"without changing the subject. BoxTrapper will then process your reply and deliver your message.\n\n"
                f"The headers of the message sent from your address are shown below:\n\n{o.header_block()}")
        env, mode = addr, "inline"
        extra = [("Precedence", "bulk"), ("X-AntiAbuse", f"Primary Hostname - {s.host}")]
    else:
        raise ValueError(system)
    h = _reply_headers(ctx, frm, subject, ctype, extra, f"<{token(rng, 20)}@{s.host}>")
    return Notice(h, body, env, system, f"{system}-challenge", mode, "challenge")


# --- filter notices --------------------------------------------------------------------------------------------
VIRUSES = ["Trojan.Win32.Agent.xyz", "W32/Emotet.AQ!tr", "Mal/DrodZp-A", "Troj/Qakbot-AF", "HTML/Phishing.Agent.ZZ",
           "JS/Nemucod.A!tr.dldr", "Heur.Invoice.1"]


def filter_notice(ctx: Ctx, product: str, virus: bool) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    v = rng.choice(VIRUSES[4:5] if o.campaign.kit.name == "mailbox" else VIRUSES)
    kind = "virus_notice" if virus else "spam_notice"
    mode, ctype, extra = "subject", "text/plain; charset=us-ascii", []
    frm = f"postmaster@{s.domain}"
    own: list[str] = []
    if product == "barracuda":
        subject = "Message you sent blocked by our bulk email filter" if not virus else f"Virus found in message you sent: {o.subject}"
        body = (f"Your message to: {ctx.rcpt}\nwas blocked by our Spam Firewall. The email you sent with the following "
                f"subject has NOT BEEN DELIVERED:\n\nSubject: {o.subject}\n\nReason: "
                f"{'Virus: ' + v if virus else 'Score exceeded threshold (' + str(round(rng.uniform(5, 30), 2)) + ')'}\n")
        frm = f"Barracuda Spam Firewall <barracuda@{s.domain}>"
        extra = [("X-Barracuda-Connect", f"{s.host}[{s.ip}]"), ("X-Barracuda-Start-Time", str(int(ctx.when.timestamp())))]
    elif product == "proofpoint":
        subject = f"Message blocked: {o.subject}"
        body = (f"The following message was blocked by the Proofpoint Protection Server because it was identified as "
                f"{'containing a virus (' + v + ')' if virus else 'spam'}:\n\n  From: {o.sender}\n  To: {ctx.rcpt}\n"
                f"  Subject: {o.subject}\n\nIf you believe this message was blocked in error, contact {s.domain} support.\n")
        extra = [("X-Proofpoint-Spam-Details", "rule=notspam policy=default score=0")]
    elif product == "messagelabs":
        subject = f"Symantec Email Security.cloud notification: {'virus detected' if virus else 'message blocked'}"
        body = (f"Your email was not delivered to {ctx.rcpt} because it {'contains a virus: ' + v if virus else 'was identified as spam'}.\n\n"
                f"Subject: {o.subject}\n\nThis email has been scanned by the Symantec Email Security.cloud service.\n"
                f"For more information please visit http://www.symanteccloud.com\n")
        frm = f"MessageLabs <postmaster@messagelabs.com>"
        extra = [("X-Msg-Ref", f"server-{rng.randint(1, 40)}.tower-{rng.randint(200, 800)}.messagelabs.com!{int(ctx.when.timestamp())}"
                                f"!{rng.randint(10 ** 5, 10 ** 6)}!1"), ("X-StarScan-Received", ""),
                 ("X-VirusChecked", "Checked")]
    elif product == "sophos":
        subject = f"Message blocked: {o.subject}" if not virus else f"Virus detected: {o.subject}"
        body = (f"A message you sent to {ctx.rcpt} was blocked by the Sophos Email Appliance.\n\nSubject: {o.subject}\n"
                f"Reason: {v if virus else 'Message classified as spam'}\n")
        extra = [("X-SEA-Spam", "Gauge=XXXXXXXX, Probability=80%")]
    elif product == "spamtitan":
        subject = f"SpamTitan: message blocked - {o.subject}"
        body = (f"This message was blocked by SpamTitan at {s.host}.\n\nSender: {o.sender}\nRecipient: {ctx.rcpt}\n"
                f"Subject: {o.subject}\nReason: {'Virus ' + v if virus else 'Spam score above threshold'}\n")
        frm = f"SpamTitan <spamtitan@{s.domain}>"
    elif product == "mailmarshal":
        subject = f"Message blocked: {o.subject}"
        body = (f"MailMarshal has stopped a message from you.\n\nRecipient: {ctx.rcpt}\nSubject: {o.subject}\n"
                f"Rule: {'Virus Scanning: ' + v if virus else 'Spam Censor: score exceeded threshold'}\n\n"
                "This message was blocked by Trustwave MailMarshal.\n")
        frm = f"MailMarshal <mailmarshal@{s.domain}>"
    elif product == "trendmicro":
        subject = f"[IMSS] Message blocked: {o.subject}"
        body = (f"InterScan Messaging Security detected a {'virus (' + v + ')' if virus else 'spam message'} in the message "
                f"you sent to {ctx.rcpt}.\n\nSubject: {o.subject}\nAction taken: Deleted\n")
    elif product == "ironport":
        subject = f"Cisco Secure Email: message not delivered - {o.subject}"
        body = (f"Your message to {ctx.rcpt} was not delivered. It was {'found to contain a virus (' + v + ')' if virus else 'classified as spam'} "
                f"by the Cisco IronPort Email Security Appliance.\n\nSubject: {o.subject}\n")
    elif product == "mcafee":
        subject = f"McAfee Email Gateway: message blocked"
        body = f"The message with subject '{o.subject}' was blocked. Reason: {v if virus else 'Spam'}.\n"
        extra = [("X-NAI-Header", "Modified by McAfee Email Gateway (" + s.host + ")")]
    elif product == "forcepoint":
        subject = f"Message blocked: {o.subject}"
        body = (f"This message is from the Forcepoint email protection system, Forcepoint Email Security at host {s.host}.\n\n"
                f"Your message to {ctx.rcpt} was blocked: {'virus ' + v if virus else 'spam'}.\n")
    elif product == "surfcontrol":
        subject = "SurfControl E-mail Filter: message blocked"
        body = f"The message you sent to {ctx.rcpt} (subject: {o.subject}) was blocked by SurfControl E-mail Filter.\n"
    elif product == "mimecast":
        subject = f"Message rejected: {o.subject}"
        body = (f"Your message to {ctx.rcpt} was rejected by Mimecast. Reason: "
                f"{'Virus Detected - ' + v if virus else 'Spam Signature Detection'}\n\nSubject: {o.subject}\n")
        frm = f"Mimecast <postmaster@{s.domain}>"
        extra = [("X-Mimecast-Spam-Score", "0")]
    elif product == "mailscanner":
        subject = ("Warning: E-mail viruses detected" if virus else f"{{Spam?}} {o.subject}")
        body = (f"Our virus detector has just been triggered by a message you sent:-\n  To: {ctx.rcpt}\n  Subject: {o.subject}\n"
                f"  Date: {rfc2822(o.sent)}\nAny infected parts of the message ({v}) have not been delivered.\n\n"
                "This message is simply to warn you that your computer may be infected with a computer virus.\n\n"
                "-- \nMailScanner\nEmail Virus Scanner\nwww.mailscanner.info\n") if virus else \
            (f"A message you sent to {ctx.rcpt} was considered spam by MailScanner and was not delivered.\n"
             f"  Subject: {o.subject}\n  Date: {rfc2822(o.sent)}\n")
        frm = f"MailScanner <postmaster@{s.domain}>"
        extra = [(f"X-{s.domain.split('.')[0].title()}-MailScanner", "Found to be infected" if virus else "Spam")]
    elif product == "amavis":
        subject = f"VIRUS ({v}) IN MAIL FROM YOU" if virus else "Considered UNSOLICITED BULK EMAIL, apparently from you"
        human = (f"{'A virus was found: ' + v if virus else 'A message from <' + o.sender + '>'}\n\n"
                 f"{'Our content checker found' if virus else ''}\n  to: {ctx.rcpt}\n\n"
                 f"{'was blocked.' if virus else 'was considered unsolicited bulk e-mail (UBE).'}\n\n"
                 f"Our internal reference code for your message is {token(rng, 5)}-{token(rng, 6)}\n\n"
                 f"First upstream SMTP client IP address: [{ctx.client.ip}] {ctx.client.host or ''}\n\n"
                 f"Received trace: {', '.join('[' + x.ip + ']' for x in ([o.relay] if o.relay else []) + [o.zombie])}\n\n"
                 f"Return-Path: <{o.sender}>\nMessage-ID: {o.msgid}\nSubject: {o.subject}\n")
        from .mime import dsn_part
        parts = [text_part(rng, human), dsn_part(s.host, rfc2822(o.sent, s.tz), [{"rcpt": ctx.rcpt, "action": "failed",
                                                                               "status": "5.7.0" if not virus else "5.7.1",
                                                                               "diag": f"554 5.7.0 Reject, id={token(rng, 5)}-{token(rng, 2)} - "
                                                                                       + ('INFECTED: ' + v if virus else 'SPAM')}]),
                 carried(o.full(), o.header_block(), "headers")]
        ctype, body = multipart("report", parts, boundary(rng), " report-type=delivery-status;")
        frm = f"Content-filter at {s.host} <postmaster@{s.domain}>"
        mode = "headers"
    else:
        raise ValueError(product)
    h = _common(ctx, frm, subject, ctype, extra + [("Auto-Submitted", "auto-generated")] if rng.random() < 0.6 else extra)
    return Notice(h, body, "", product, f"{product}-{kind}", mode, kind, "virusdetected" if virus else "spamdetected", own)


# --- feedback reports ------------------------------------------------------------------------------------------
def dmarc_failure(ctx: Ctx, vanity: str, opendmarc: bool) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    src = (o.relay or o.zombie).ip
    human = (f"This is an authentication failure report for an email message received from IP\n{src} on "
             f"{rfc2822(o.sent, s.tz)}.\n")
    fields = ["Feedback-Type: auth-failure", "Version: 1"]
    fields.append(f"User-Agent: {'OpenDMARC-Filter/1.4.2' if opendmarc else rng.choice(['Mail.Ru DMARC reporter', 'dmarc-ruf/2.1'])}")
    fields += [f"Original-Mail-From: {o.sender}", f"Original-Rcpt-To: {ctx.rcpt}", f"Arrival-Date: {rfc2822(o.sent, s.tz)}",
               f"Source-IP: {src}", f"Reported-Domain: {vanity}", "Auth-Failure: dmarc",
               f"Authentication-Results: {s.host}; dmarc=fail (p=reject dis=none) header.from={vanity}",
               "Delivery-Result: reject"]
    mode = "headers" if rng.random() < 0.6 else "rfc822"
    parts = [text_part(rng, human), "Content-Type: message/feedback-report\n\n" + "\n".join(fields) + "\n",
             carried(o.full(), o.header_block(), mode)]
    ctype, body = multipart("report", parts, boundary(rng), " report-type=feedback-report;")
    subject = f"FAILURE REPORT for {vanity} re: {o.subject}" if opendmarc else f"DMARC Failure Report for {vanity} - {src}"
    frm = f"{'OpenDMARC Filter' if opendmarc else 'DMARC Reporting'} <dmarc-noreply@{s.domain}>"
    h = _common(ctx, frm, subject, ctype)
    h = [(k, f"dmarc-failures@{vanity}" if k == "To" else v) for k, v in h]
    return Notice(h, body, "", "opendmarc" if opendmarc else None, f"dmarc-ruf-{'opendmarc' if opendmarc else 'other'}",
                  mode, "feedback_report", "feedback")


def arf_complaint(ctx: Ctx, vanity: str) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    src = (o.relay or o.zombie).ip
    human = (f"This is an email abuse report for an email message received from IP {src} on {rfc2822(o.sent, s.tz)}.\n"
             f"The message appears to come from your domain {vanity}. For more information about this format please see "
             f"http://tools.ietf.org/html/rfc5965.\n")
    fields = ["Feedback-Type: abuse", f"User-Agent: {rng.choice(['SpamReporter/3.1', 'AbuseDesk-ARF/1.0', 'ReportSpam/2.4'])}",
              "Version: 1", f"Original-Mail-From: <{o.sender}>", f"Original-Rcpt-To: <{ctx.rcpt}>",
              f"Arrival-Date: {rfc2822(o.sent, s.tz)}", f"Reporting-MTA: dns; {s.host}", f"Source-IP: {src}",
              f"Reported-Domain: {vanity}"]
    parts = [text_part(rng, human), "Content-Type: message/feedback-report\n\n" + "\n".join(fields) + "\n",
             carried(o.full(), o.header_block(), "rfc822")]
    ctype, body = multipart("report", parts, boundary(rng), " report-type=feedback-report;")
    h = _common(ctx, f"Abuse Desk <abuse@{s.domain}>", f"Abuse report for {vanity}: {o.subject}", ctype)
    h = [(k, f"abuse@{vanity}" if k == "To" else v) for k, v in h]
    return Notice(h, body, "", "arf", "arf-abuse", "rfc822", "feedback_report", "feedback")


AUTOREPLY_OF_PLATFORM = {
    "exchange": "exchange", "exchange_online": "exchange", "exchange2003": "exchange", "postfix": "dovecot",
    "haraka": "dovecot", "amavis": "dovecot", "mailscanner": "dovecot", "cyrus": "cyrus", "sendmail": "vacation",
    "opensmtpd": "vacation", "cpanel": "cpanel", "zimbra": "zimbra", "domino": "domino", "mdaemon": "mdaemon",
    "hmailserver": "hmailserver", "kerio": "kerio", "icewarp": "icewarp", "axigen": "axigen", "mercury": "mercury",
    "smartermail": "smartermail", "communigate": "communigate", "groupwise": "groupwise", "mailenable": "mailenable",
    "messagingserver": "messagingserver", "imail": "imail", "qmail": "unnamed", "plesk": "unnamed", "courier": "unnamed",
}


def autoreply(ctx: Ctx) -> Notice:
    writer = AUTOREPLY_OF_PLATFORM.get(ctx.server.platform, "exchange")   # gateways: the Exchange store behind them
    if writer == "exchange":
        return exchange_oof(ctx)
    if writer in ("dovecot", "cyrus"):
        return sieve(ctx, writer)
    if writer == "cpanel":
        return cpanel(ctx)
    if writer == "vacation":
        return vacation1(ctx)
    return product_oof(ctx, writer if writer != "unnamed" else "")
