"""Delivery status notifications in the shapes the MTA families really write them.

Wording follows each product's documented or well-known default templates (Postfix's bounce(5)
template, Exim's "Mail delivery failed", sendmail's transcript, qmail-send's "Hi. This is the
qmail-send program", Exchange Online's modern NDR, Google's and Yahoo's DSNs, Domino, GroupWise,
MDaemon, hMailServer, MailEnable, CommuniGate, Haraka's outbound.bounce_message, Courier,
OpenSMTPD, Kerio Connect, SmarterMail, IceWarp, Axigen, Mercury/32). Localised Exchange NDRs
(de/fr/es/...) are included because real inboxes get them.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from .botnet import Spam
from .servers import Bouncer
from .world import (boundary, fold, hexid, lowhex, maybe_encode, multipart, part, postfix_queue_id, raw_part,
                    rfc2822, token)

# reason -> (RFC 3463 status, SMTP reply, the remote server's text)
REASONS = {
    "user_unknown": ("5.1.1", "550", ["5.1.1 <{r}>: Recipient address rejected: User unknown in virtual mailbox table",
                                     "5.1.1 The email account that you tried to reach does not exist.",
                                     "No such user here", "5.1.1 <{r}>... User unknown",
                                     "5.1.1 User unknown", "Requested action not taken: mailbox unavailable",
                                     "5.1.1 RESOLVER.ADR.RecipNotFound; not found"]),
    "mailbox_full": ("5.2.2", "552", ["5.2.2 <{r}>: user is over quota", "5.2.2 Mailbox full",
                                     "Quota exceeded (mailbox for user is full)"]),
    "mailbox_disabled": ("5.2.1", "550", ["5.2.1 The email account that you tried to reach is disabled.",
                                         "5.2.1 <{r}>: account disabled", "Mailbox disabled for this recipient"]),
    "spam_content": ("5.7.1", "550", ["5.7.1 Message rejected as spam by Content Filtering.",
                                     "5.7.1 Your message was rejected due to its content (SPAM score too high)",
                                     "5.7.1 Message content rejected"]),
    "blocklisted": ("5.7.1", "554", ["5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org",
                                    "5.7.1 Rejected: {ip} listed at bl.spamcop.net"]),
    "host_unknown": ("5.4.4", "550", ["Host or domain name not found. Name service error for name={d} type=A: Host not found"]),
    "expired": ("4.4.7", "451", ["4.4.7 Delivery time expired", "connection timed out"]),
    "delayed": ("4.4.1", "421", ["4.4.1 Connection timed out", "4.7.0 Temporary rejection, try again later"]),
    "too_large": ("5.3.4", "552", ["5.3.4 Message size exceeds fixed maximum message size"]),
}
REASON_WEIGHTS = {"user_unknown": 62, "mailbox_full": 10, "mailbox_disabled": 5, "spam_content": 8, "blocklisted": 3,
                  "host_unknown": 2, "expired": 4, "delayed": 5, "too_large": 1}


@dataclass
class Ctx:
    rng: random.Random
    b: Bouncer
    spam: Spam
    when: datetime
    reason: str
    original: str        # rfc822 | headers | inline | none
    inbound: list[str]   # the bouncer's own Received lines on the spam
    others: tuple = ()   # more failed recipients at the same site (the spam was sent to several)

    @property
    def rcpt(self) -> str:
        return self.spam.recipient

    @property
    def to(self) -> str:
        return self.spam.sender

    @property
    def status(self) -> str:
        return REASONS[self.reason][0]

    @property
    def code(self) -> str:
        return REASONS[self.reason][1]

    def text(self) -> str:
        ip = self.spam.connecting_ip
        return self.rng.choice(REASONS[self.reason][2]).format(r=self.rcpt, ip=ip, d=self.rcpt.split("@")[1])

    def date(self, offset: float | None = None) -> str:
        return rfc2822(self.when, offset if offset is not None else self.rng.choice((0, 1, 2, -4, -5, 3)))

    def full(self) -> str:
        return self.spam.full(self.inbound)

    def headers_only(self) -> str:
        return self.full().split("\n\n", 1)[0] + "\n"

    @property
    def permanent(self) -> bool:
        return not self.status.startswith("4")

    @property
    def delayed(self) -> bool:
        return self.reason == "delayed"


def _dsn(c: Ctx, mta: str, extra_msg: list[str] = (), extra_rcpt: list[str] = (), remote: str | None = None,
         arrival: bool = True) -> str:
    action = "delayed" if c.delayed else "failed"
    msg = [f"Reporting-MTA: dns; {mta}"] + list(extra_msg)
    if arrival:
        msg.append(f"Arrival-Date: {rfc2822(c.spam.sent + timedelta(seconds=c.rng.randint(1, 40)), 0)}")
    rc = [f"Final-Recipient: rfc822; {c.rcpt}", f"Original-Recipient: rfc822;{c.rcpt}", f"Action: {action}",
          f"Status: {c.status}"]
    if remote:
        rc.append(f"Remote-MTA: dns; {remote}")
    rc.append(f"Diagnostic-Code: smtp; {c.code} {c.text()}")
    if c.delayed:
        rc.append(f"Will-Retry-Until: {rfc2822(c.when + timedelta(days=4), 0)}")
    rc += list(extra_rcpt)
    blocks = ["\n".join(rc)] + ["\n".join(line.replace(c.rcpt, other) for line in rc) for other in c.others]
    return "\n".join(msg) + "\n\n" + "\n\n".join(blocks) + "\n"


def _attach(c: Ctx, parts: list[str]) -> list[str]:
    if c.original == "rfc822":
        parts.append("Content-Type: message/rfc822\nContent-Description: Undelivered Message\n\n" + c.full())
    elif c.original == "headers":
        parts.append("Content-Type: text/rfc822-headers\nContent-Description: Undelivered Message Headers\n\n"
                     + c.headers_only())
    return parts


def _report(c: Ctx, parts: list[str], style: str = "plain") -> tuple[str, str]:
    bnd = boundary(c.rng, style)
    return f"multipart/report; report-type=delivery-status;\n\tboundary=\"{bnd}\"", multipart(_attach(c, parts), bnd)


def _subject_of(c: Ctx) -> str:
    return c.spam.subject


# --- the families ------------------------------------------------------------------------------

# Postfix's bounce_template_file lets sites translate the failure text (German, Russian, Japanese ISPs do)
POSTFIX_LOCAL = {
    "de": ("utf-8", "Unzustellbare Nachricht", "Dies ist das Mailsystem auf dem Rechner {h}.\n\nLeider konnte Ihre Nachricht an einen "
           "oder mehrere Empf\u00e4nger nicht zugestellt werden. Sie ist unten angeh\u00e4ngt.\n\nBei Fragen wenden Sie sich bitte an "
           "postmaster.\n\n                   Das Mailsystem\n\n"),
    "ru": ("koi8-r", "\u041d\u0435\u0434\u043e\u0441\u0442\u0430\u0432\u043b\u0435\u043d\u043d\u043e\u0435 \u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435",
           "\u042d\u0442\u043e \u043f\u043e\u0447\u0442\u043e\u0432\u0430\u044f \u0441\u0438\u0441\u0442\u0435\u043c\u0430 "
           "\u0441\u0435\u0440\u0432\u0435\u0440\u0430 {h}.\n\n\u041a \u0441\u043e\u0436\u0430\u043b\u0435\u043d\u0438\u044e, "
           "\u0432\u0430\u0448\u0435 \u043f\u0438\u0441\u044c\u043c\u043e \u043d\u0435 \u0443\u0434\u0430\u043b\u043e\u0441\u044c "
           "\u0434\u043e\u0441\u0442\u0430\u0432\u0438\u0442\u044c. \u041e\u043d\u043e \u043f\u0440\u0438\u043b\u043e\u0436\u0435\u043d\u043e "
           "\u043d\u0438\u0436\u0435.\n\n"),
    "ja": ("iso-2022-jp", "\u914d\u9001\u4e0d\u80fd\u306e\u304a\u77e5\u3089\u305b",
           "\u3053\u306e\u30e1\u30fc\u30eb\u306f {h} \u306e\u30e1\u30fc\u30eb\u30b7\u30b9\u30c6\u30e0\u304b\u3089\u9001\u4fe1"
           "\u3055\u308c\u307e\u3057\u305f\u3002\n\n\u3042\u306a\u305f\u306e\u30e1\u30c3\u30bb\u30fc\u30b8\u3092\u914d\u9001"
           "\u3067\u304d\u307e\u305b\u3093\u3067\u3057\u305f\u3002\n\n"),
}


def postfix(c: Ctx) -> tuple[list, str]:
    qid = postfix_queue_id(c.rng)
    host = c.b.internal[0] if c.b.family == "zimbra" else c.b.mx_host
    if c.delayed:
        intro = (f"This is the mail system at host {host}.\n\n####################################################################\n"
                 "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
                 "####################################################################\n\n"
                 "Your message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n\n"
                 "For further assistance, please send mail to postmaster.\n\n"
                 "If you do so, please include this problem report. You can\ndelete your own text from the attached returned message.\n\n"
                 "                   The mail system\n\n"
                 f"<{c.rcpt}>: host {c.b.mx_host}[{c.b.mx_ip}] said: {c.code} {c.text()}\n")
        subject = "Delayed Mail (still being retried)"
    else:
        where = c.rng.choice(["local", "remote", "remote"])
        diag = (f"<{c.rcpt}>: host {c.rng.choice(['mx01', 'mail', 'store'])}.{c.rcpt.split('@')[1]}[10.{c.rng.randint(0, 255)}."
                f"{c.rng.randint(0, 255)}.{c.rng.randint(2, 250)}] said: {c.code} {c.text()} (in reply to RCPT TO command)"
                if where == "remote" else f"<{c.rcpt}>: {c.rng.choice(['unknown user: ' + chr(34) + c.rcpt.split('@')[0] + chr(34), 'mailbox full', 'delivery temporarily suspended: connect to 127.0.0.1[127.0.0.1]:10024: Connection refused' if c.reason == 'expired' else 'user unknown'])}")
        intro = (f"This is the mail system at host {host}.\n\nI'm sorry to have to inform you that your message could not\n"
                 "be delivered to one or more recipients. It's attached below.\n\n"
                 "For further assistance, please send mail to postmaster.\n\n"
                 "If you do so, please include this problem report. You can\n"
                 "delete your own text from the attached returned message.\n\n"
                 f"                   The mail system\n\n{fold(diag, 72)}\n"
                 + "".join(f"\n{fold(diag.replace(c.rcpt, o).replace(c.rcpt.split('@')[0], o.split('@')[0]), 72)}\n" for o in c.others))
        subject = "Undelivered Mail Returned to Sender"
    charset = "us-ascii"
    if c.b.language in POSTFIX_LOCAL and not c.delayed and c.b.family == "postfix" and c.b.legacy is False and \
            int(c.b.mx_ip.split(".")[-1]) % 2 == 0:  # half the sites of that language translated the template
        charset, subject, local = POSTFIX_LOCAL[c.b.language]
        intro = local.format(h=host) + intro.rsplit("The mail system\n\n", 1)[1]
    notif = part("text/plain", intro, charset, "7bit" if charset in ("us-ascii", "iso-2022-jp") else "8bit",
                 extra=[("Content-Description", "Notification")])
    status = "Content-Description: Delivery report\nContent-Type: message/delivery-status\n\n" + _dsn(
        c, host, [f"X-Postfix-Queue-ID: {qid}", f"X-Postfix-Sender: rfc822; {c.to}"],
        remote=c.b.mx_host if c.rng.random() < 0.5 else None)
    ctype, body = _report(c, [notif, status], "postfix")
    headers = [("Received", f"by {host} (Postfix)\n\tid {qid}; {c.date()}"),
               ("Date", c.date()), ("From", f"MAILER-DAEMON@{host} (Mail Delivery System)"),
               ("Subject", maybe_encode(c.rng, subject, charset if charset != "us-ascii" else "utf-8")), ("To", c.to),
               ("Auto-Submitted", "auto-replied"), ("MIME-Version", "1.0"), ("Content-Type", ctype), ("Content-Transfer-Encoding", "8bit"),
               ("Message-Id", f"<{c.rng.randint(10**11, 10**12)}.{qid}@{host}>")]
    return headers, body


def exim(c: Ctx) -> tuple[list, str]:
    eid = f"{token(c.rng, 6)}-{token(c.rng, 6)}-{token(c.rng, 2)}"
    host = c.b.mx_host
    local = c.rng.random() < 0.6  # cPanel's local delivery: "No Such User Here"
    if local:
        detail = f"  {c.rcpt}\n    {c.rng.choice(['No Such User Here', 'Mailbox quota exceeded', 'retry timeout exceeded'])}" \
            if c.reason in ("user_unknown", "mailbox_full", "expired") else f"  {c.rcpt}\n    {c.text()}"
    else:
        detail = (f"  {c.rcpt}\n    host {c.b.internal[0] if c.b.internal else 'mx.' + c.rcpt.split('@')[1]} "
                  f"[{c.rng.randint(11, 223)}.{c.rng.randint(0, 255)}.{c.rng.randint(0, 255)}.{c.rng.randint(1, 254)}]\n"
                  f"    SMTP error from remote mail server after RCPT TO:<{c.rcpt}>:\n    {c.code} {c.text()}")
    detail += "".join("\n" + detail.replace(c.rcpt, o) for o in c.others)
    if c.delayed:
        text = ("This message was created automatically by mail delivery software.\n"
                "A message that you sent has not yet been delivered to one or more of its\n"
                "recipients after more than 24 hours on the queue on " + host + ".\n\n"
                "The message identifier is:     " + eid + "\n" f"The subject of the message is: {c.spam.subject}\n\n"
                "The address to which the message has not yet been delivered is:\n\n" + detail + "\n\n"
                "No action is required on your part. Delivery attempts will continue for\nsome time, and this warning may be "
                "repeated at intervals if the message\nremains undelivered. Eventually the mail delivery software will give up,\n"
                "and when that happens, the message will be returned to you.\n")
        subject = "Warning: message " + eid + " delayed 24 hours"
    else:
        text = ("This message was created automatically by mail delivery software.\n\n"
                "A message that you sent could not be delivered to one or more of its\n"
                "recipients. This is a permanent error. The following address(es) failed:\n\n" + detail + "\n")
        subject = "Mail delivery failed: returning message to sender"
    headers = [("Return-path", "<>"), ("Envelope-to", c.to), ("Delivery-date", c.date(0)),
               ("Received", f"from mailnull by {host} with local (Exim 4.{c.rng.choice([94, 96, 97])})\n\tid {eid}\n\t"
                            f"for {c.to}; {c.date()}"),
               ("X-Failed-Recipients", ",\n  ".join((c.rcpt, *c.others))), ("Auto-Submitted", "auto-replied"),
               ("From", f"Mail Delivery System <Mailer-Daemon@{host}>"), ("To", c.to),
               ("References", c.spam.message_id), ("Content-Type", "text/plain; charset=us-ascii"),
               ("Subject", subject), ("Message-Id", f"<E{eid}@{host}>"), ("Date", c.date())]
    if c.original == "rfc822":  # Exim 4.9x with dsn_advertise / bounce_message_file in RFC 3464 form
        notif = part("text/plain", text, "us-ascii")
        status = "Content-Type: message/delivery-status\n\n" + _dsn(c, host, [f"X-Exim-Queue-Id: {eid}"])
        ctype, body = _report(c, [notif, status])
        headers = [h for h in headers if h[0] != "Content-Type"] + [("MIME-Version", "1.0"), ("Content-Type", ctype)]
        return headers, body
    if c.original == "inline":
        if len(c.spam.body_text) > 3000 or c.rng.random() < 0.25:
            text += "\n------ This is a copy of the message's headers. ------\n\n" + c.headers_only()
        else:
            text += "\n------ This is a copy of the message, including all the headers. ------\n\n" + c.full()
    return headers, text


def sendmail(c: Ctx) -> tuple[list, str]:
    host = c.b.mx_host
    qid = token(c.rng, 14)
    first = ("   ----- The following addresses had permanent fatal errors -----" if c.permanent else
             "   ----- Transcript of session is below -----")
    text = (f"The original message was received at {rfc2822(c.spam.sent, -5)}\nfrom {c.spam.connecting_host} [{c.spam.connecting_ip}]\n\n"
            f"{first}\n<{c.rcpt}>\n    (reason: {c.code} {c.text()})\n" + "".join(f"<{o}>\n    (reason: {c.code} User unknown)\n" for o in c.others)
            + "\n   ----- Transcript of session follows -----\n"
            f"... while talking to mail.{c.rcpt.split('@')[1]}.:\n>>> RCPT To:<{c.rcpt}>\n<<< {c.code} {c.text()}\n"
            f"{c.code} {c.status} <{c.rcpt}>... {'User unknown' if c.reason == 'user_unknown' else 'Service unavailable'}\n")
    if c.delayed:
        text = (f"The original message was received at {rfc2822(c.spam.sent, -5)}\nfrom {c.spam.connecting_host} [{c.spam.connecting_ip}]\n\n"
                "   **********************************************\n   **      THIS IS A WARNING MESSAGE ONLY      **\n"
                "   **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n   **********************************************\n\n"
                f"   ----- Transcript of session follows -----\n<{c.rcpt}>... Deferred: Connection timed out with mail.{c.rcpt.split('@')[1]}.\n"
                "Warning: message still undelivered after 4 hours\nWill keep trying until message is 5 days old\n")
    notif = part("text/plain", text, None)
    status = "Content-Type: message/delivery-status\n\n" + _dsn(c, host, [f"Received-From-MTA: DNS; {c.spam.connecting_host}"],
                                                                  remote=f"mail.{c.rcpt.split('@')[1]}")
    ctype, body = _report(c, [notif, status])
    subj = "Warning: could not send message for past 4 hours" if c.delayed else c.rng.choice(
        ["Returned mail: see transcript for details", "Returned mail: User unknown",
         "Returned mail: Service unavailable"])
    headers = [("Received", f"from localhost (localhost)\n\tby {host} (8.15.2/8.15.2) id {qid};\n\t{c.date()}"),
               ("Date", c.date()), ("From", f"Mail Delivery Subsystem <MAILER-DAEMON@{host}>"),
               ("Message-Id", f"<{c.when.strftime('%Y%m%d%H%M')}.{qid}@{host}>"), ("To", f"<{c.to}>"),
               ("MIME-Version", "1.0"), ("Content-Type", ctype), ("Subject", subj), ("Auto-Submitted", "auto-generated (failure)")]
    return headers, body


def qmail(c: Ctx) -> tuple[list, str]:
    host = c.b.mx_host
    plesk = c.rng.random() < 0.5
    reason = (f"Remote host said: {c.code} {c.text()}\nGiving up on {c.b.mx_ip}." if plesk else
              c.rng.choice(["Sorry, no mailbox here by that name. (#5.1.1)",
                            "The users mailfolder is over the allowed quota (size). (#5.2.2)",
                            "This address no longer accepts mail. (#5.1.1)"]))
    text = (f"Hi. This is the qmail-send program at {host}.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n"
            "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
            f"<{c.rcpt}>:\n{reason}\n\n" + "".join(f"<{o}>:\n{reason}\n\n" for o in c.others)
            + "--- Below this line is a copy of the message.\n\n" + c.full())
    pid = c.rng.randint(1000, 99999)
    headers = [("Received", f"(qmail {pid} invoked for bounce); {c.date(0)}"), ("Date", c.date(0)),
               ("From", f"MAILER-DAEMON@{host}"), ("To", c.to), ("Subject", "failure notice")]
    return headers, text


NDR_STRINGS = {
    "en": ("Undeliverable: ", "Delivery has failed to these recipients or groups:",
           "The email address you entered couldn't be found. Please check the recipient's email address and try to resend "
           "the message. If the problem continues, please contact your helpdesk.", "Diagnostic information for administrators:",
           "Generating server: ", "Original message headers:"),
    "de": ("Unzustellbar: ", "Die Zustellung an folgende Empf\u00e4nger oder Gruppen ist fehlgeschlagen:",
           "Die eingegebene E-Mail-Adresse wurde nicht gefunden. \u00dcberpr\u00fcfen Sie die E-Mail-Adresse des Empf\u00e4ngers, "
           "und versuchen Sie dann, die Nachricht erneut zu senden.", "Diagnoseinformationen f\u00fcr Administratoren:",
           "Generierender Server: ", "Urspr\u00fcngliche Nachrichtenkopfzeilen:"),
    "fr": ("Non remis\u00a0: ", "La remise aux destinataires ou groupes suivants a \u00e9chou\u00e9\u00a0:",
           "L'adresse de messagerie que vous avez entr\u00e9e est introuvable. V\u00e9rifiez l'adresse de messagerie du "
           "destinataire et essayez de renvoyer le message.", "Informations de diagnostic pour les administrateurs\u00a0:",
           "Serveur de g\u00e9n\u00e9ration\u00a0: ", "En-t\u00eates de message d'origine\u00a0:"),
    "es": ("No se puede entregar: ", "Error en la entrega a estos destinatarios o grupos:",
           "No se encontr\u00f3 la direcci\u00f3n de correo electr\u00f3nico que especific\u00f3. Compruebe la direcci\u00f3n "
           "de correo electr\u00f3nico del destinatario e intente reenviar el mensaje.",
           "Informaci\u00f3n de diagn\u00f3stico para administradores:", "Servidor de generaci\u00f3n: ",
           "Encabezados del mensaje original:"),
    "it": ("Non recapitabile: ", "Recapito non riuscito per questi destinatari o gruppi:",
           "Impossibile trovare l'indirizzo di posta elettronica immesso. Controllare l'indirizzo e provare a inviare di nuovo "
           "il messaggio.", "Informazioni di diagnostica per gli amministratori:", "Server di generazione: ",
           "Intestazioni messaggio originale:"),
    "nl": ("Onbestelbaar: ", "De bezorging is mislukt voor deze ontvangers of groepen:",
           "Het e-mailadres dat u hebt opgegeven, is niet gevonden. Controleer het e-mailadres van de ontvanger en probeer "
           "het bericht opnieuw te verzenden.", "Diagnostische gegevens voor beheerders:", "Server voor genereren: ",
           "Oorspronkelijke berichtkoppen:"),
    "pl": ("Niedostarczalne: ", "Dostarczanie do tych adresat\u00f3w lub grup nie powiod\u0142o si\u0119:",
           "Nie mo\u017cna znale\u017a\u0107 wprowadzonego adresu e-mail.", "Informacje diagnostyczne dla administrator\u00f3w:",
           "Serwer generuj\u0105cy: ", "Oryginalne nag\u0142\u00f3wki wiadomo\u015bci:"),
    "pt": ("N\u00e3o entreg\u00e1vel: ", "Falha na entrega para estes destinat\u00e1rios ou grupos:",
           "O endere\u00e7o de email que voc\u00ea inseriu n\u00e3o foi encontrado.", "Informa\u00e7\u00f5es de diagn\u00f3stico "
           "para administradores:", "Servidor de gera\u00e7\u00e3o: ", "Cabe\u00e7alhos da mensagem original:"),
}


def exchange(c: Ctx) -> tuple[list, str]:
    """Exchange 2010-2019 on premises: text + HTML, a delivery-status part, the original attached."""
    lang = c.b.language if c.b.language in NDR_STRINGS else "en"
    pre, failed, explain, diag, gen, orig = NDR_STRINGS[lang]
    server = c.b.internal[0]
    code = {"user_unknown": "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
            "mailbox_full": "#550 5.2.2 STOREDRV.Deliver; mailbox full ##",
            "mailbox_disabled": "#550 5.2.1 STOREDRV.Deliver; mailbox disabled ##",
            }.get(c.reason, f"#{c.code} {c.status} {c.text()} ##")
    text = (f"{failed}\n\n{c.rcpt}\n{explain}\n\n\n\n\n\n{diag}\n\n{gen}{server}\n\n{c.rcpt}\n{code}\n\n"
            f"{orig}\n\n" + c.headers_only())
    html = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>"
            f"<p><b><font color=\"#000066\" size=\"3\" face=\"Arial\">{failed}</font></b></p>"
            f"<font color=\"#000000\" size=\"2\" face=\"Tahoma\"><p><a href=\"mailto:{c.rcpt}\">{c.rcpt}</a><br>{explain}</p></font>"
            f"<p><font face=\"Tahoma\" size=\"2\"><b>{diag}</b></font></p><p><font face=\"Tahoma\" size=\"2\">{gen}{server}<br>"
            f"<br>{c.rcpt}<br>{code}</font></p></body></html>")
    alt_b = boundary(c.rng, "exchange")
    alt = f"Content-Type: multipart/alternative; differences=Content-Type;\n\tboundary=\"{alt_b}\"\n\n" + multipart(
        [part("text/plain", text, "utf-8", "base64"), part("text/html", html, "utf-8", "quoted-printable")], alt_b, "")
    status = "Content-Type: message/delivery-status\n\n" + _dsn(c, server, [], arrival=True)
    ctype, body = _report(c, [alt, status], "exchange")
    subject = pre + _subject_of(c)
    headers = [("Received", f"from {server} ({c.b.mx_ip}) by {c.b.mx_host} ({c.b.mx_ip}) with Microsoft SMTP Server id "
                            f"15.1.2507.{c.rng.randint(10, 40)}; {c.date()}"),
               ("From", f"postmaster@{c.b.domain}"), ("To", c.to), ("Date", c.date()),
               ("Content-Type", ctype), ("Content-Language", {"en": "en-US", "de": "de-DE", "fr": "fr-FR"}.get(lang, "en-US")),
               ("Message-ID", f"<{token(c.rng, 8)}-{lowhex(c.rng, 4)}-{lowhex(c.rng, 4)}-{lowhex(c.rng, 4)}-{lowhex(c.rng, 12)}@{server}>"),
               ("In-Reply-To", c.spam.message_id), ("References", c.spam.message_id),
               ("Thread-Topic", maybe_encode(c.rng, c.spam.subject)), ("Subject", maybe_encode(c.rng, subject)),
               ("Auto-Submitted", "auto-replied"), ("X-MS-Exchange-Message-Is-Ndr", ""),
               ("MIME-Version", "1.0"), ("X-MS-Exchange-Organization-SCL", "-1")]
    return headers, body


def exchange2003(c: Ctx) -> tuple[list, str]:
    """Exchange 2000/2003: "Your message did not reach some or all of the intended recipients." (original attached)."""
    server = c.b.internal[0] if c.b.internal else c.b.mx_host
    code = {"user_unknown": "5.1.1", "mailbox_full": "5.2.2"}.get(c.reason, c.status)
    text = (f"Your message did not reach some or all of the intended recipients.\n\n      Subject:\t{c.spam.subject}\n"
            f"      Sent:\t{c.spam.sent.strftime('%m/%d/%Y %I:%M %p')}\n\nThe following recipient(s) could not be reached:\n\n"
            f"      {c.rcpt} on {c.when.strftime('%m/%d/%Y %I:%M %p')}\n"
            "            The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message.\n"
            f"            <{server} #{code}>\n")
    status = "Content-Type: message/delivery-status\n\n" + _dsn(c, server, [f"Received-From-MTA: dns;{c.b.mx_host}"])
    ctype, body = _report(c, [part("text/plain", text, "iso-8859-1", "quoted-printable"), status])
    headers = [("Subject", maybe_encode(c.rng, "Undeliverable: " + c.spam.subject)), ("Date", c.date()),
               ("From", f"System Administrator <postmaster@{c.b.domain}>"), ("To", c.to),
               ("Message-ID", f"<{token(c.rng, 20)}@{server}>"), ("MIME-Version", "1.0"), ("Content-Type", ctype),
               ("X-MimeOLE", "Produced By Microsoft Exchange V6.5"), ("Content-class", "urn:content-classes:message")]
    return headers, body


def o365(c: Ctx) -> tuple[list, str]:
    """Exchange Online's modern NDR ("Your message to ... couldn't be delivered")."""
    server = c.b.internal[0]
    user, dom = c.rcpt.split("@")
    headline = {"user_unknown": f"{user} wasn't found at {dom}.", "mailbox_full": f"{user}'s mailbox is full.",
                "spam_content": "Your message was rejected as spam.",
                "mailbox_disabled": f"{user}'s mailbox is disabled."}.get(c.reason, "The recipient server rejected your message.")
    code = {"user_unknown": "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
            "mailbox_full": "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException",
            "spam_content": "550 5.7.1 Service unavailable, Client host [" + c.spam.connecting_ip + "] blocked using Spamhaus",
            }.get(c.reason, f"{c.code} {c.status} {c.text()}")
    status = "5.1.10" if c.reason == "user_unknown" else c.status
    text = (f"Your message to {c.rcpt} couldn't be delivered.\n{headline}\n{c.to.split('@')[0]}\nOffice 365\n{user}\n"
            f"Action Required\nRecipient\n\n\nUnknown To address\n\nHow to Fix It\nThe address may be misspelled or may not exist. "
            "Try one or more of the following:\n\n  *   Send the message again following these steps: ...\n\n"
            "Was this helpful? Send feedback to Microsoft<https://go.microsoft.com/fwlink/?LinkId=525921>.\n"
            "________________________________\n\nMore Info for Email Admins\nStatus code: " + status + "\n\n"
            f"This error occurs because the sender sent a message to an email address hosted by Office 365 but the address is "
            f"incorrect or doesn't exist at the destination domain.\n\nOriginal Message Details\nCreated Date:     "
            f"{c.spam.sent.strftime('%m/%d/%Y %I:%M:%S %p')}\nSender Address:    {c.to}\nRecipient Address:     {c.rcpt}\n"
            f"Subject:    {c.spam.subject}\n\nError Details\nReported error:  {code}\nDSN generated by:      {server}\n\n"
            "Message Hops\nHOP    TIME (UTC)    FROM    TO    WITH    RELAY TIME\n1    "
            f"{c.spam.sent.strftime('%m/%d/%Y %I:%M:%S %p')}    {c.spam.helo}    {server.split('.')[0]}.mail.protection.outlook.com    "
            "Microsoft SMTP Server    *\n\nOriginal Message Headers\n\n" + c.headers_only())
    html = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>"
            "<body><table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" style=\"font-family:'Segoe UI',Frutiger,Arial,sans-serif\">"
            f"<tr><td style=\"font-size:16px\">Your message to <span style=\"color:#0072C6\">{c.rcpt}</span> couldn't be delivered.</td></tr>"
            f"<tr><td style=\"font-size:24px;color:#000000\"><b>{headline}</b></td></tr>"
            "<tr><td><img src=\"https://products.office.com/en-us/CMSImages/Office365Logo_Orange.png?version=b8d100a9\" "
            "alt=\"Office 365\" width=\"100\"></td></tr>"
            f"<tr><td>Status code: <b>{status}</b></td></tr><tr><td><pre>{code}</pre></td></tr></table></body></html>")
    alt_b = boundary(c.rng, "exchange")
    alt = f"Content-Type: multipart/alternative; differences=Content-Type;\n\tboundary=\"{alt_b}\"\n\n" + multipart(
        [part("text/plain", text, "utf-8", "quoted-printable"), part("text/html", html, "utf-8", "quoted-printable")],
        alt_b, "")
    dsn = _dsn(c, server, [], extra_rcpt=[f"X-Display-Name: {user}"]).replace(f"Status: {c.status}", f"Status: {status}")
    dsn = dsn.replace(f"smtp; {c.code} {c.text()}", f"smtp;{code}") if c.reason in ("user_unknown", "mailbox_full") else dsn
    ctype, body = _report(c, [alt, "Content-Type: message/delivery-status\n\n" + dsn], "exchange")
    tenant = c.b.domain.split(".")[0].replace("-", "")
    headers = [("Received", f"from {server} (2603:10a6:{lowhex(c.rng, 3)}::{lowhex(c.rng, 2)}) by\n {server}\n "
                            f"(2603:10a6:{lowhex(c.rng, 3)}::{lowhex(c.rng, 2)}) with Microsoft SMTP Server (version=TLS1_2,\n "
                            f"cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.{c.rng.randint(7000, 8200)}.{c.rng.randint(10, 40)}; {c.date(0)}"),
               ("From", f"Microsoft Outlook\n <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{tenant}.onmicrosoft.com>"),
               ("To", f"<{c.to}>"), ("Date", c.date(0)), ("Content-Type", ctype),
               ("Content-Language", "en-US"),
               ("Message-ID", f"<{lowhex(c.rng, 8)}-{lowhex(c.rng, 4)}-{lowhex(c.rng, 4)}-{lowhex(c.rng, 4)}-{lowhex(c.rng, 12)}@{server}>"),
               ("In-Reply-To", c.spam.message_id), ("References", c.spam.message_id),
               ("Subject", maybe_encode(c.rng, "Undeliverable: " + c.spam.subject)), ("Auto-Submitted", "auto-replied"),
               ("X-MS-PublicTrafficType", "Email"), ("X-MS-Exchange-Message-Is-Ndr", ""),
               ("X-MS-TrafficTypeDiagnostic", f"{server.split('.')[0]}:EE_|{token(c.rng, 10, 'ABCDEFGHIJ0123456789')}:EE_"),
               ("X-MS-Exchange-CrossTenant-Network-Message-Id", f"{lowhex(c.rng, 8)}-{lowhex(c.rng, 4)}-{lowhex(c.rng, 4)}-{lowhex(c.rng, 4)}-{lowhex(c.rng, 12)}"),
               ("X-MS-Exchange-Transport-CrossTenantHeadersStamped", server.split(".")[0]),
               ("MIME-Version", "1.0")]
    return headers, body


def mssmtp(c: Ctx) -> tuple[list, str]:
    text = ("This is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients failed.\n\n"
            f"       {c.rcpt}\n\n\n\n\n")
    status = "Content-Type: message/delivery-status\n\n" + _dsn(c, c.b.mx_host, [f"Received-From-MTA: dns;{c.spam.helo}"])
    ctype, body = _report(c, [part("text/plain", text, "unicode-1-1-utf-7"), status])
    headers = [("From", f"postmaster@{c.b.mx_host}"), ("To", c.to), ("Date", c.date()), ("MIME-Version", "1.0"),
               ("Content-Type", ctype), ("X-DSNContext", "7ce717b1 - 1386 - 00000002 - 00000000"),
               ("Message-ID", f"<{token(c.rng, 20)}@{c.b.mx_host}>"),
               ("Subject", "Delivery Status Notification (Failure)")]
    return headers, body


GMAIL_NOT_FOUND = {
    "fr": ("** Adresse introuvable **", "Votre message n'a pas \u00e9t\u00e9 distribu\u00e9 \u00e0 {r}, car l'adresse est introuvable "
           "ou ne peut pas recevoir d'e-mails."),
    "de": ("** Adresse nicht gefunden **", "Ihre Nachricht wurde nicht an {r} zugestellt, weil die Adresse nicht gefunden wurde "
           "oder keine E-Mails empfangen kann."),
    "es": ("** No se ha encontrado la direcci\u00f3n **", "Tu mensaje no se ha entregado a {r} porque no se ha encontrado la "
           "direcci\u00f3n o no puede recibir correo."),
    "pt": ("** Endere\u00e7o n\u00e3o encontrado **", "Sua mensagem n\u00e3o foi entregue a {r} porque o endere\u00e7o n\u00e3o foi "
           "encontrado ou n\u00e3o pode receber e-mails."),
}


def gmail(c: Ctx) -> tuple[list, str]:
    head = {"user_unknown": "** Address not found **", "mailbox_full": "** Recipient inbox full **"}.get(c.reason, "** Message not delivered **")
    sentence = f"Your message wasn't delivered to {c.rcpt} because the address couldn't be found, or is unable to receive mail."
    if c.reason == "user_unknown" and c.b.language in GMAIL_NOT_FOUND:
        head, sentence = GMAIL_NOT_FOUND[c.b.language]
        sentence = sentence.format(r=c.rcpt)
    text = (f"\n{head}\n\n{sentence}\n\nLearn more here: https://support.google.com/mail/?p=NoSuchUser\n\nThe response was:\n\n"
            f"{c.code} {c.status} The email account that you tried to reach does not exist. Please try double-checking the "
            "recipient's email address for typos or unnecessary spaces. For more information, go to "
            f"https://support.google.com/mail/?p=NoSuchUser {token(c.rng, 20)}.{c.rng.randint(100, 999)} - gsmtp\n")
    if c.reason != "user_unknown":
        text = (f"\n{head}\n\nThere was a problem delivering your message to {c.rcpt}. See the technical details below.\n\n"
                f"The response was:\n\n{c.code} {c.status} {c.text()} {token(c.rng, 20)} - gsmtp\n")
    html = ("<html><head></head><body><table cellpadding=\"0\" cellspacing=\"0\" class=\"email-wrapper\" "
            "style=\"padding-top:32px;background-color:#ffffff\"><tbody><tr><td>"
            "<img src=\"https://www.gstatic.com/images/branding/productlogos/gmail_2020q4/v8/web-96dp/logo_gmail_2020q4_color_2x_web_96dp.png\" "
            f"width=\"24\"></td><td style=\"font-family:Google Sans,Roboto,sans-serif\">{head.strip('* ')}</td></tr>"
            f"<tr><td>Your message wasn't delivered to <a style=\"color:#212121\">{c.rcpt}</a></td></tr></tbody></table></body></html>")
    alt_b = boundary(c.rng, "gmail")
    alt = f"Content-Type: multipart/alternative; boundary=\"{alt_b}\"\n\n" + multipart(
        [part("text/plain", text, "UTF-8", "7bit" if text.isascii() else "quoted-printable"),
         part("text/html", html, "UTF-8", "7bit" if html.isascii() else "quoted-printable")], alt_b, "")
    status = "Content-Type: message/delivery-status\n\n" + _dsn(c, "googlemail.com", [f"Received-From-MTA: dns; {c.b.domain}"],
                                                                  remote=f"mx.{c.rcpt.split('@')[1]}.")
    ctype, body = _report(c, [alt, status], "gmail")
    headers = [("Received", f"by 2002:a05:{lowhex(c.rng, 4)}:{lowhex(c.rng, 4)}:: with SMTP id {token(c.rng, 8)}; {rfc2822(c.when, -8, 'PST')}"),
               ("Return-Path", "<>"), ("Date", c.date(-8)), ("From", "Mail Delivery Subsystem <mailer-daemon@googlemail.com>"),
               ("To", c.to), ("Auto-Submitted", "auto-replied"), ("Message-ID", f"<{lowhex(c.rng, 8)}.{lowhex(c.rng, 8)}.{lowhex(c.rng, 4)}@mx.google.com>"),
               ("Subject", "Delivery Status Notification (Delay)" if c.delayed else "Delivery Status Notification (Failure)"),
               ("References", c.spam.message_id), ("In-Reply-To", c.spam.message_id), ("X-Failed-Recipients", c.rcpt),
               ("MIME-Version", "1.0"), ("Content-Type", ctype)]
    return headers, body


def yahoo(c: Ctx) -> tuple[list, str]:
    text = ("Sorry, we were unable to deliver your message to the following address.\n\n"
            f"<{c.rcpt}>:\n{c.code}: delivery error: dd {'This user doesn' + chr(39) + 't have a ' + c.b.domain + ' account' if c.reason == 'user_unknown' else 'Requested mail action aborted'} "
            f"({c.rcpt}) [0] - {c.b.out_host.split('.')[0]}.mail.{c.rng.choice(['bf2', 'gq1', 'ne1'])}.yahoo.com\n\n"
            "--- Below this line is a copy of the message.\n\n" + c.full())
    headers = [("Date", c.date(0)), ("From", f"MAILER-DAEMON@{c.b.out_host}"), ("To", c.to), ("Subject", "Failure Notice"),
               ("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit")]
    return headers, text


def kerio(c: Ctx) -> tuple[list, str]:
    text = (f"Your message did not reach some or all of the intended recipients.\n\n   Subject: {c.spam.subject}\n"
            f"   Sent: {c.spam.sent.strftime('%d/%m/%Y %H:%M')}\n\nThe following recipient(s) could not be reached:\n\n"
            f"{c.rcpt}\n    Error Type: SMTP\n    Remote server replied: {c.code} {c.text()}\n\n"
            f"-- \nKerio Connect {c.rng.choice(['9.4.1', '10.0.2', '10.0.5'])}\n")
    status = "Content-Type: message/delivery-status\n\n" + _dsn(c, c.b.mx_host, [])
    ctype, body = _report(c, [part("text/plain", text, "utf-8", "quoted-printable"), status])
    headers = [("From", f"\"Mail Delivery System\" <MAILER-DAEMON@{c.b.mx_host}>"), ("To", c.to), ("Date", c.date()),
               ("Subject", maybe_encode(c.rng, "Undelivered: " + c.spam.subject)), ("X-Mailer", "Kerio Connect"),
               ("Message-ID", f"<kerio-{token(c.rng, 16)}@{c.b.mx_host}>"), ("Auto-Submitted", "auto-replied"),
               ("MIME-Version", "1.0"), ("Content-Type", ctype)]
    return headers, body


def smartermail(c: Ctx) -> tuple[list, str]:
    reason = {"user_unknown": f"Remote host said: 550 No such user ({c.rcpt})", "mailbox_full": "The mailbox is full"}.get(
        c.reason, f"Remote host said: {c.code} {c.text()}")
    text = (f"Could not deliver message to the following recipient(s):\n\nFailed Recipient: {c.rcpt}\nReason: {reason}\n\n")
    if c.original == "inline":
        text += "   -- The header and top 20 lines of the message follows --\n\n" + "\n".join(c.full().splitlines()[:60]) + "\n"
    headers = [("From", f"System Administrator <postmaster@{c.b.domain}>"), ("To", c.to), ("Date", c.date()),
               ("Subject", maybe_encode(c.rng, "Undeliverable Mail")), ("Message-ID", f"<{token(c.rng, 24)}@{c.b.mx_host}>"),
               ("X-SmarterMail-Spam", "Not spam"), ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"),
               ("Content-Transfer-Encoding", "quoted-printable")]
    from .world import encode_body
    return headers, encode_body(text, "utf-8", "quoted-printable")


def icewarp(c: Ctx) -> tuple[list, str]:
    text = (f"Message could not be delivered to the following recipients:\n\n{c.rcpt}\n\n"
            f"Reason: {c.code} {c.text()}\n\nThis message has been generated by IceWarp Mail Server on {c.b.mx_host}.\n")
    status = "Content-Type: message/delivery-status\n\n" + _dsn(c, c.b.mx_host, [])
    ctype, body = _report(c, [part("text/plain", text, "utf-8"), status])
    headers = [("From", f"Postmaster <postmaster@{c.b.domain}>"), ("To", c.to), ("Date", c.date()),
               ("Subject", "Undeliverable message"), ("Message-ID", f"<{token(c.rng, 10)}.{c.rng.randint(10**6, 10**7)}@{c.b.mx_host}>"),
               ("X-Mailer", "IceWarp Mailer 13.0.2.6"), ("MIME-Version", "1.0"), ("Content-Type", ctype)]
    return headers, body


def axigen(c: Ctx) -> tuple[list, str]:
    text = (f"This is an automatically generated Delivery Status Notification.\n\nYour message could not be delivered to "
            f"the following recipients:\n\n  <{c.rcpt}>: {c.code} {c.text()}\n\nThis message was generated by Axigen Mail Server.\n")
    status = "Content-Type: message/delivery-status\n\n" + _dsn(c, c.b.mx_host, [])
    ctype, body = _report(c, [part("text/plain", text, "us-ascii"), status])
    headers = [("From", f"\"Mail Delivery System\" <mailer-daemon@{c.b.domain}>"), ("To", c.to), ("Date", c.date()),
               ("Subject", "Delivery Status Notification (Failure)"), ("Message-ID", f"<AXIGEN-{token(c.rng, 12)}@{c.b.mx_host}>"),
               ("MIME-Version", "1.0"), ("Content-Type", ctype)]
    return headers, body


def mdaemon(c: Ctx) -> tuple[list, str]:
    text = ("The attached message had PERMANENT fatal delivery errors!\n\n"
            "After one or more unsuccessful delivery attempts the attached message has been removed from the mail queue on this "
            "server.  The number and frequency of delivery attempts are determined by local configuration parameters.\n\n"
            "YOUR MESSAGE WAS NOT DELIVERED TO ONE OR MORE RECIPIENTS!\n\n"
            f"--- Session Transcript ---\n Attempting SMTP connection to [mail.{c.rcpt.split('@')[1]} : 25]\n"
            f" Waiting for protocol to start...\n RCPT TO:<{c.rcpt}>\n {c.code} {c.text()}\n--- End Transcript ---\n")
    if c.reason == "user_unknown" and c.rng.random() < 0.5:
        text = (f"The attached message was addressed to an unknown or disabled user account.\n\n{c.rcpt} - unknown user\n")
    bnd = boundary(c.rng)
    body = multipart(_attach(c, [part("text/plain", text, "us-ascii")]), bnd)
    headers = [("From", f"MDaemon@{c.b.mx_host}"), ("To", c.to), ("Date", c.date()),
               ("Subject", "Permanent Delivery Failure" if c.reason != "user_unknown" else "Message delivery failure: unknown user"),
               ("Message-ID", f"<MDAEMON-F{c.when.strftime('%Y%m%d%H%M')}.AA{c.rng.randint(1000, 9999)}md50000{c.rng.randint(100, 999)}@{c.b.mx_host}>"),
               ("X-MDDSN-Message", "Yes"), ("X-MDaemon-Deliver-To", c.to), ("X-Return-Path", "<>"),
               ("MIME-Version", "1.0"), ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\"")]
    return headers, body


def hmailserver(c: Ctx) -> tuple[list, str]:
    text = (f"Your message did not reach some or all of the intended recipients.\n\n   Sent: {c.spam.sent.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n"
            f"   Subject: {c.spam.subject}\n\nThe following recipient(s) could not be reached:\n\n{c.rcpt}\n"
            f"   Error Type: SMTP\n   Remote server ({c.rng.randint(11, 223)}.{c.rng.randint(0, 255)}.{c.rng.randint(0, 255)}.{c.rng.randint(1, 254)}) issued an error.\n"
            f"   hMailServer sent: RCPT TO:<{c.rcpt}>\n   Remote server replied: {c.code} {c.text()}\n\n\nhMailServer\n")
    headers = [("From", f"mailer-daemon@{c.b.mx_host}"), ("To", c.to), ("Date", c.date()),
               ("Subject", maybe_encode(c.rng, "Message undeliverable: " + c.spam.subject)),
               ("Message-ID", f"<{lowhex(c.rng, 8).upper()}-{lowhex(c.rng, 4).upper()}@{c.b.mx_host}>"),
               ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=\"utf-8\""), ("Content-Transfer-Encoding", "8bit")]
    return headers, text


def mailenable(c: Ctx) -> tuple[list, str]:
    text = ("MailEnable: Message Delivery Failure.\n\nThe following recipient(s) could not be reached:\n\n"
            f"\tRecipient: [SMTP:{c.rcpt}]\n\tReason: {'The message could not be delivered because the domain name was not found.' if c.reason == 'host_unknown' else 'Remote SMTP Server Returned: ' + c.code + ' ' + c.text()}\n\n")
    bnd = boundary(c.rng)
    body = multipart(_attach(c, [part("text/plain", text, "us-ascii")]), bnd)
    headers = [("From", f"POSTMASTER@{c.b.domain}"), ("To", c.to), ("Date", c.date()), ("Subject", "Message Delivery Failure"),
               ("Message-ID", f"<{token(c.rng, 16)}@{c.b.mx_host}>"), ("X-Mailer", "MailEnable"),
               ("MIME-Version", "1.0"), ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\"")]
    return headers, body


def domino(c: Ctx) -> tuple[list, str]:
    user = c.rcpt.split("@")[0]
    why = f"User {user} ({c.rcpt}) not listed in Domino Directory" if c.reason == "user_unknown" else \
        f"{c.code} {c.text()}"
    text = (f"Your message\n\n  Subject: {c.spam.subject}\n\nwas not delivered to:\n\n  {c.rcpt}\n\nbecause:\n\n  {why}\n")
    status = "Content-Type: message/delivery-status\n\n" + _dsn(c, c.b.mx_host, [])
    ctype, body = _report(c, [part("text/plain", text, "US-ASCII"), status])
    headers = [("Subject", maybe_encode(c.rng, f"DELIVERY FAILURE: {why}")), ("From", f"Postmaster@{c.b.domain}"),
               ("To", c.to), ("Date", c.date()), ("Message-ID", f"<OF{hexid(c.rng, 8)}.{hexid(c.rng, 8)}-ON{hexid(c.rng, 8)}@{c.b.domain.split('.')[0].upper()}>"),
               ("X-MIMETrack", f"Itemize by SMTP Server on {c.b.mx_host.split('.')[0].upper()}/{c.b.domain.split('.')[0].upper()}(Release 9.0.1FP10|"
                               f"{c.when.strftime('%B %d, %Y')}) at {c.when.strftime('%d/%m/%Y %H:%M:%S')}"),
               ("Auto-Submitted", "auto-generated (failure)"), ("MIME-Version", "1.0"), ("Content-Type", ctype)]
    return headers, body


def groupwise(c: Ctx) -> tuple[list, str]:
    text = (f"The message that you sent was undeliverable to the following:\n\t{c.rcpt} "
            f"({'user not found' if c.reason == 'user_unknown' else 'mailbox full' if c.reason == 'mailbox_full' else 'undeliverable'})\n\n"
            "Possibly truncated original message follows:\n\n" + c.full()[:2500])
    headers = [("Date", c.date()), ("From", f"Mail Delivery System <Postmaster@{c.b.domain}>"), ("To", c.to),
               ("Subject", "Message status - undeliverable"), ("Message-ID", f"<{hexid(c.rng, 8)}.{c.rng.randint(100, 999)}@{c.b.mx_host}>"),
               ("X-Mailer", "GroupWise Internet Agent 18.3.1"), ("MIME-Version", "1.0"),
               ("Content-Type", "text/plain"), ("Content-Disposition", "inline")]
    return headers, text


def mercury(c: Ctx) -> tuple[list, str]:
    text = (f"This message is a failure report from the Mercury/32 Mail Transport System at {c.b.mx_host}.\n\n"
            f"The message was not delivered to the following address:\n\n   {c.rcpt}\n\nReason: "
            f"{'No such user' if c.reason == 'user_unknown' else c.text()}\n\n"
            "----- Original message follows -----\n\n" + c.full())
    headers = [("From", f"\"Mercury/32 Mail Server\" <Maiser@{c.b.mx_host}>"), ("To", c.to), ("Date", c.date()),
               ("Subject", "Delivery failure"), ("Message-ID", f"<{c.rng.randint(10**6, 10**7)}.{token(c.rng, 6)}@{c.b.mx_host}>"),
               ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=US-ASCII")]
    return headers, text


def communigate(c: Ctx) -> tuple[list, str]:
    local = c.reason == "user_unknown"
    text = (f"Failed to deliver to '<{c.rcpt}>'\n" + (f"LOCAL module(account {c.rcpt.split('@')[0]}) reports:\n account is not local\n"
                                                     if local else f"SMTP module(domain {c.rcpt.split('@')[1]}) reports:\n "
                                                     f"{c.b.mx_host} says: {c.code} {c.text()}\n"))
    bnd = boundary(c.rng)
    body = multipart(_attach(c, [part("text/plain", text, "us-ascii")]), bnd)
    headers = [("From", f"MAILER-DAEMON@{c.b.domain}"), ("To", c.to), ("Date", c.date()),
               ("Subject", maybe_encode(c.rng, "Undeliverable mail: " + c.spam.subject)),
               ("Message-ID", f"<auto-{c.rng.randint(10**8, 10**9):09d}@{c.b.mx_host}>"), ("X-Autogenerated", "Reply"),
               ("MIME-Version", "1.0"), ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\"")]
    return headers, body


def haraka(c: Ctx) -> tuple[list, str]:
    text = (f"Hi. This is the Haraka Mailer program at {c.b.mx_host}.\nI'm afraid I wasn't able to deliver your message\n"
            f"    \"{c.spam.subject}\"\nto the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n"
            f"Intended Recipients: {c.rcpt}\nFailure Reason: {c.code} {c.text()}\n")
    headers = [("Received", f"(Haraka {c.rng.randint(1000, 99999)} invoked for bounce); {c.date()}"), ("Date", c.date()),
               ("From", f"mailer-daemon@{c.b.domain}"), ("To", c.to), ("Auto-Submitted", "auto-replied"),
               ("Subject", "failure notice"), ("Message-Id", f"<{lowhex(c.rng, 8).upper()}-{lowhex(c.rng, 4).upper()}@{c.b.mx_host}>")]
    return headers, text


def courier(c: Ctx) -> tuple[list, str]:
    text = (f"This is a delivery status notification from {c.b.mx_host},\nrunning the Courier mail server, version 1.1.2.\n\n"
            f"The original message was received on {rfc2822(c.spam.sent, 0)}\nfrom {c.spam.connecting_host} "
            f"[::ffff:{c.spam.connecting_ip}]\n\n---------------------------------------------------------------------------\n\n"
            f"                           UNDELIVERABLE MAIL\n\nYour message to the following recipients cannot be delivered:\n\n"
            f"<{c.rcpt}>:\n    {c.b.mx_host} [{c.b.mx_ip}]:\n>>> RCPT TO:<{c.rcpt}>\n<<< {c.code} {c.text()}\n")
    status = "Content-Type: message/delivery-status\n\n" + _dsn(c, c.b.mx_host, [f"Received-From-MTA: dns; {c.spam.helo}"])
    ctype, body = _report(c, [part("text/plain", text, "us-ascii"), status])
    headers = [("From", f"\"Courier mail server at {c.b.mx_host}\" <@>"), ("To", c.to), ("Date", c.date()),
               ("Subject", "NOTICE: mail delivery status."), ("Message-ID", f"<courier.{hexid(c.rng, 8)}.{hexid(c.rng, 8)}@{c.b.mx_host}>"),
               ("MIME-Version", "1.0"), ("Content-Type", ctype), ("Content-Transfer-Encoding", "7bit")]
    return headers, body


def opensmtpd(c: Ctx) -> tuple[list, str]:
    text = ("Hi!\n\nThis is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
            "An error has occurred while attempting to deliver a message for\nthe following list of recipients:\n\n"
            f"{c.rcpt}: {c.code} {c.text()}\n\nBelow is a copy of the original message:\n\n" + c.full())
    headers = [("Received", f"from {c.b.mx_host} (localhost [127.0.0.1])\n\tby {c.b.mx_host} (OpenSMTPD) with ESMTPSA id {lowhex(c.rng, 8)};\n\t{c.date()}"),
               ("Date", c.date()), ("From", f"Mailer Daemon <MAILER-DAEMON@{c.b.mx_host}>"), ("To", c.to),
               ("Subject", "Delivery status notification: error"), ("Message-ID", f"<{lowhex(c.rng, 8)}@{c.b.mx_host}>"),
               ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=us-ascii")]
    return headers, text


TEMPLATES = {"postfix": postfix, "zimbra": postfix, "exim": exim, "sendmail": sendmail, "qmail": qmail,
             "exchange": exchange, "o365": o365, "mssmtp": mssmtp, "gmail": gmail, "yahoo": yahoo, "kerio": kerio,
             "smartermail": smartermail, "icewarp": icewarp, "axigen": axigen, "mdaemon": mdaemon,
             "hmailserver": hmailserver, "mailenable": mailenable, "domino": domino, "groupwise": groupwise,
             "mercury": mercury, "communigate": communigate, "haraka": haraka, "courier": courier, "opensmtpd": opensmtpd}
# families whose one notification lists every failed recipient of the site
LISTS_ALL = {"postfix", "zimbra", "exim", "sendmail", "qmail"}
# families that can write a delay warning; the others only give up
WARNS = {"postfix", "zimbra", "exim", "sendmail", "gmail"}


def render(c: Ctx) -> tuple[list, str, str]:
    """The notification's headers and body, and the style name (family plus the variant)."""
    if c.b.family == "exchange" and c.b.legacy:
        headers, body = exchange2003(c)
        return headers, body, "exchange2003"
    headers, body = TEMPLATES[c.b.family](c)
    lang = f"-{c.b.language}" if c.b.family == "exchange" and c.b.language in NDR_STRINGS and c.b.language != "en" else ""
    if c.b.family == "postfix" and any(k == "Subject" and v.startswith("=?") for k, v in headers):
        lang = f"-{c.b.language}"
    return headers, body, f"{c.b.family}{lang}{'-delay' if c.delayed else ''}"


def pick_reason(rng: random.Random, family: str) -> str:
    reasons = [r for r in REASON_WEIGHTS if r != "delayed" or family in WARNS]
    return rng.choices(reasons, [REASON_WEIGHTS[r] for r in reasons])[0]


def carried(family: str, original: str, reason: str) -> str:
    """What actually comes back: some templates never attach the original."""
    if family in ("qmail", "yahoo", "groupwise", "mercury", "opensmtpd"):
        return "inline"
    if family in ("hmailserver", "haraka"):
        return "none"
    if family == "exim" and original == "headers":
        return "inline"
    if family in ("o365", "exchange") and original == "inline":
        return "headers"
    return original


def raw(headers: list, body: str) -> str:
    return raw_part(headers, body)
