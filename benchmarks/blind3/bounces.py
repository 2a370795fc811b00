"""Delivery status notifications, in each MTA family's default words (written from their documented defaults
and from memory of what they send, not from any corpus), in the server's language where the product localises."""
from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from .mime import Notice, boundary, carried, dsn_part, multipart, text_part
from .net import Server, hexid, rfc2822, token
from .spam import Original, enc_subject


@dataclass
class Ctx:
    rng: random.Random
    server: Server
    orig: Original
    reason: str
    when: datetime          # when the notice was written
    mode: str               # how the original comes back: rfc822 | headers | inline | subject | none
    delayed: bool = False
    remote: str | None = None       # the remote MX the server tried (relays, smarthosts), else None: local failure

    @property
    def rcpt(self) -> str:
        return self.orig.rcpt

    @property
    def to(self) -> str:
        return self.orig.sender

    def date(self) -> str:
        return rfc2822(self.when, self.server.tz)

    @property
    def client(self):
        """The machine the writer took the original from: the relay, unless the writer is the relay itself."""
        relay = self.orig.relay
        return relay if relay is not None and relay.ip != self.server.ip else self.orig.zombie


# reason -> (status, reply code, local diagnostics, remote diagnostics by provider)
REASONS = {
    "userunknown": ("5.1.1", "550", ["5.1.1 <{r}>: Recipient address rejected: User unknown in virtual mailbox table",
                                     "5.1.1 <{r}>... User unknown", "No such user here", "5.1.1 {r}: Mailbox does not exist",
                                     "unknown user account"],
                    ["550-5.1.1 The email account that you tried to reach does not exist. Please try\n 550-5.1.1 "
                     "double-checking the recipient's email address for typos or\n 550 5.1.1 unnecessary spaces. "
                     "https://support.google.com/mail/?p=NoSuchUser {g} - gsmtp",
                     "554 delivery error: dd This user doesn't have a yahoo.com account ({r}) [0] - mta{n}.mail.bf1.yahoo.com",
                     "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [{h}]",
                     "550 Message was not accepted -- invalid mailbox.  Local mailbox {r} is unavailable: user not found",
                     "550 5.7.1 No such user!", "550 Mailbox not found or access denied"]),
    "mailboxfull": ("5.2.2", "552", ["5.2.2 <{r}>: Mailbox full", "Disk quota exceeded", "mailbox is full (MTA-imposed quota "
                                     "exceeded while writing to file /var/mail/{l})", "The user's mailbox is over quota"],
                    ["552-5.2.2 The recipient's inbox is out of storage space. Please direct the\n 552-5.2.2 recipient to\n"
                     " 552 5.2.2  https://support.google.com/mail/?p=OverQuotaTemp {g} - gsmtp",
                     "552 1 Requested mail action aborted, mailbox not found"]),
    "spamdetected": ("5.7.1", "550", ["5.7.1 Message rejected as spam by Content Filtering.", "5.7.1 Spam message rejected",
                                      "Message content rejected, UBE"],
                     ["550-5.7.1 [{ip}] Our system has detected that this message is likely\n 550-5.7.1 unsolicited mail. "
                      "To reduce the amount of spam sent to Gmail, this\n 550 5.7.1 message has been blocked. {g} - gsmtp",
                      "554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes",
                      "550 5.7.1 Unfortunately, messages from [{ip}] weren't sent. Please contact your Internet service "
                      "provider since part of their network is on our block list (S3150)."]),
    "blocked": ("5.7.1", "554", ["5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org",
                                 "5.7.1 Rejected: listed at bl.spamcop.net"],
                ["554 5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/{ip}",
                 "550 5.7.606 Access denied, banned sending IP [{ip}]. To request removal from this list please visit "
                 "https://sender.office.com/ and follow the directions."]),
    "suspend": ("5.2.1", "550", ["5.2.1 <{r}>: account disabled", "This account has been disabled or discontinued"],
                ["550 5.2.1 The email account that you tried to reach is disabled. {g} - gsmtp"]),
    "hostunknown": ("5.1.2", None, ["Host or domain name not found. Name service error for name={d} type=MX: Host not found, "
                                    "try again"], []),
    "expired": ("4.4.7", "451", ["connect to {d}[{ip2}]:25: Connection timed out", "4.4.1 Connection timed out"], []),
}


def diag(ctx: Ctx) -> tuple[str, str | None, str]:
    """(status, reply code, diagnostic text) for this failure."""
    status, code, local, remote = REASONS[ctx.reason]
    rng = ctx.rng
    text = rng.choice(remote) if ctx.remote and remote else rng.choice(local)
    relay_ip = ctx.orig.relay.ip if ctx.orig.relay else ctx.server.ip
    text = text.format(r=ctx.rcpt, l=ctx.rcpt.split("@")[0], d=ctx.rcpt.split("@")[1], ip=relay_ip, h=ctx.server.host,
                       g=token(rng, 10) + "." + str(rng.randint(100, 999)), n=rng.randint(1, 300),
                       ip2=f"{rng.randint(20, 200)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}")
    if ctx.delayed:
        status, code = "4.4.1", "451"
    if code and not text.startswith(code) and not text[:3].isdigit():
        text = f"{code} {text}"
    return status, code, text


def _subject_of(ctx: Ctx) -> str:
    return ctx.orig.subject


def _common(ctx: Ctx, from_: str, subject: str, ctype: str, extra: list[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    rng = ctx.rng
    h = [("Date", ctx.date()), ("From", from_), ("Subject", enc_subject(subject)), ("To", ctx.to)]
    h.append(("Message-ID", f"<{token(rng, 14)}.{rng.randint(1000, 99999)}@{ctx.server.host}>"))
    h.extend(extra)
    h.extend([("MIME-Version", "1.0"), ("Content-Type", ctype)])
    return h


def _report(ctx: Ctx, human: str, reporting: str, action: str, status: str, diagtext: str, bnd: str = "",
            human_html: str | None = None, arrival: bool = True) -> tuple[str, str]:
    rng, o = ctx.rng, ctx.orig
    parts = [text_part(rng, human, "plain") if human_html is None else _alt(rng, human, human_html)]
    parts.append(dsn_part(reporting, rfc2822(o.sent + timedelta(seconds=3), ctx.server.tz) if arrival else None,
                          [{"rcpt": ctx.rcpt, "action": action, "status": status, "remote": ctx.remote,
                            "diag": diagtext, "original": rng.random() < 0.3,
                            "last": ctx.date() if rng.random() < 0.5 else None}]))
    if ctx.mode in ("rfc822", "headers"):
        parts.append(carried(o.full(), o.header_block(), ctx.mode))
    return multipart("report", parts, bnd or boundary(rng), " report-type=delivery-status;")


def _alt(rng: random.Random, plain: str, html: str) -> str:
    ctype, body = multipart("alternative", [text_part(rng, plain), text_part(rng, html, "html")], boundary(rng, "exchange"))
    return f"Content-Type: {ctype}\n\n{body}"


def _own_postfix(ctx: Ctx) -> list[str]:
    return [f"by {ctx.server.host} (Postfix)\n\tid {token(ctx.rng, 10, string.ascii_uppercase + string.digits)}; {ctx.date()}"]


# ---------------------------------------------------------------------------------------------------------------
def postfix(ctx: Ctx, banner: str = "") -> Notice:
    rng, s = ctx.rng, ctx.server
    if ctx.mode == "inline":   # Postfix always attaches (message/rfc822 or text/rfc822-headers), never quotes
        ctx.mode = "rfc822"
    status, code, text = diag(ctx)
    where = f"host {ctx.remote}[{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}] said: " \
            f"{text} (in reply to RCPT TO command)" if ctx.remote else text
    intro = banner or f"This is the mail system at host {s.host}."
    if ctx.delayed:
        human = (f"{intro}\n\n####################################################################\n"
                 "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
                 "####################################################################\n\n"
                 f"Your message could not be delivered for {rng.choice(['4.0 hours', '1.0 days', '2.0 days'])}.\n"
                 "It will be retried until it is 5.0 days old.\n\nFor further assistance, please send mail to postmaster.\n\n"
                 "If you do so, please include this problem report. You can\ndelete your own text from the attached "
                 f"returned message.\n\n                   The mail system\n\n<{ctx.rcpt}>: {where}\n")
        subject, action = "Delayed Mail (still being retried)", "delayed"
    else:
        human = (f"{intro}\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more "
                 "recipients. It's attached below.\n\nFor further assistance, please send mail to postmaster.\n\n"
                 "If you do so, please include this problem report. You can\ndelete your own text from the attached "
                 f"returned message.\n\n                   The mail system\n\n<{ctx.rcpt}>: {where}\n")
        subject, action = "Undelivered Mail Returned to Sender", "failed"
    ctype, body = _report(ctx, human, s.host, action, status, text, boundary(rng, "postfix"))
    h = _common(ctx, f"MAILER-DAEMON@{s.host} (Mail Delivery System)", subject, ctype,
                [("Auto-Submitted", "auto-replied")])
    product = {"forcepoint": "forcepoint"}.get(s.platform, "postfix")
    return Notice(h, body, "", product, f"{s.platform}-dsn", ctx.mode, "bounce", ctx.reason, _own_postfix(ctx))


def forcepoint(ctx: Ctx) -> Notice:
    return postfix(ctx, f"This message is from the Forcepoint email protection system, Forcepoint Email Security\nat host {ctx.server.host}.")


def exim(ctx: Ctx) -> Notice:
    rng, s = ctx.rng, ctx.server
    status, code, text = diag(ctx)
    if ctx.delayed:
        subject = f"Warning: message 1{token(rng, 5)}-000{token(rng, 3)}-{token(rng, 2)} delayed {rng.choice([4, 24, 48])} hours"
        human = (f"This message was created automatically by mail delivery software.\nA message that you sent has not yet "
                 f"been delivered to one or more of its\nrecipients after more than 24 hours on the queue on {s.host}.\n\n"
                 f"The message identifier is:     1{token(rng, 5)}-000{token(rng, 3)}-{token(rng, 2)}\n"
                 f"The subject of the message is: {ctx.orig.subject}\nThe date of the message is:    {rfc2822(ctx.orig.sent)}\n\n"
                 f"The address to which the message has not yet been delivered is:\n\n  {ctx.rcpt}\n"
                 f"    host {ctx.remote or ctx.rcpt.split('@')[1]}\n    Delay reason: {text}\n\n"
                 "No action is required on your part. Delivery attempts will continue for\nsome time, and this warning may "
                 "be repeated at intervals if the message\nremains undelivered. Eventually the mail delivery software will "
                 "give up,\nand when that happens, the message will be returned to you.\n")
        action = "delayed"
    else:
        subject = "Mail delivery failed: returning message to sender"
        where = (f"    host {ctx.remote} [{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}]\n"
                 f"    SMTP error from remote mail server after RCPT TO:<{ctx.rcpt}>:\n    {text}") if ctx.remote else \
            f"    {text}"
        human = ("This message was created automatically by mail delivery software.\n\nA message that you sent could not "
                 "be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) "
                 f"failed:\n\n  {ctx.rcpt}\n{where}\n")
        action = "failed"
    extra = [("X-Failed-Recipients", ctx.rcpt), ("Auto-Submitted", "auto-replied")]
    if s.platform == "cpanel":
        extra += [("X-AntiAbuse", "This header was added to track abuse, please include it with any abuse report"),
                  ("X-AntiAbuse", f"Primary Hostname - {s.host}"), ("X-AntiAbuse", "Original Domain - " + ctx.to.split("@")[1]),
                  ("X-AntiAbuse", "Originator/Caller UID/GID - [47 12] / [47 12]"),
                  ("X-AntiAbuse", f"Sender Address Domain - {s.host}")]
    if ctx.mode == "inline" or rng.random() < 0.35 and ctx.mode in ("rfc822",):
        # the classic single-part layout
        body = human + ("\n------ This is a copy of the message, including all the headers. ------\n\n" + ctx.orig.full()
                        if ctx.mode in ("inline", "rfc822") else "")
        mode = "inline" if ctx.mode in ("inline", "rfc822") else ctx.mode
        h = _common(ctx, f"Mail Delivery System <Mailer-Daemon@{s.host}>", subject, "text/plain; charset=us-ascii", extra)
    else:
        ctype, body = _report(ctx, human, s.host, action, status, text)
        mode = ctx.mode
        h = _common(ctx, f"Mail Delivery System <Mailer-Daemon@{s.host}>", subject, ctype, extra)
    own = [f"from mailnull by {s.host} with local (Exim 4.96)\n\tid 1{token(rng, 5)}-000{token(rng, 3)}-{token(rng, 2)}\n"
           f"\tfor {ctx.to}; {ctx.date()}"]
    return Notice(h, body, "", "exim", f"{s.platform}-dsn", mode, "bounce", ctx.reason, own)


def sendmail(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    status, code, text = diag(ctx)
    qid = token(rng, 14)
    src = ctx.client
    src_host = src.host or f"[{src.ip}]"
    if ctx.delayed:
        subject = "Warning: could not send message for past 4 hours"
        human = ("    **********************************************\n    **      THIS IS A WARNING MESSAGE ONLY      **\n"
                 "    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n    **********************************************\n\n"
                 f"The original message was received at {rfc2822(o.sent, s.tz)}\nfrom {src_host} [{src.ip}]\n\n"
                 "   ----- Transcript of session follows -----\n"
                 f"{text}\nWarning: message still undelivered after 4 hours\nWill keep trying until message is 5 days old\n")
        action = "delayed"
    else:
        subject = rng.choice(["Returned mail: see transcript for details", "Returned mail: User unknown",
                              "Returned mail: Service unavailable"])
        human = (f"The original message was received at {rfc2822(o.sent, s.tz)}\nfrom {src_host} [{src.ip}]\n\n"
                 f"   ----- The following addresses had permanent fatal errors -----\n<{ctx.rcpt}>\n    (reason: {text.splitlines()[0]})\n\n"
                 "   ----- Transcript of session follows -----\n"
                 + (f"... while talking to {ctx.remote}.:\n>>> RCPT To:<{ctx.rcpt}>\n<<< {text}\n" if ctx.remote else "")
                 + f"{code or '550'} {status} <{ctx.rcpt}>... {'User unknown' if ctx.reason == 'userunknown' else 'Service unavailable'}\n")
        action = "failed"
    if ctx.mode == "inline":
        body = human + "\n   ----- Original message follows -----\n\n" + o.full()
        h = _common(ctx, f"Mail Delivery Subsystem <MAILER-DAEMON@{s.host}>", subject, "text/plain")
    else:
        ctype, body = _report(ctx, human, s.host, action, status, text)
        body = "This is a MIME-encapsulated message\n\n" + body
        h = _common(ctx, f"Mail Delivery Subsystem <MAILER-DAEMON@{s.host}>", subject, ctype, [("Auto-Submitted", "auto-generated (failure)")])
    own = [f"from localhost (localhost)\n\tby {s.host} (8.15.2/8.15.2) id {qid};\n\t{ctx.date()}"]
    return Notice(h, body, "", "sendmail", f"{s.platform}-dsn", ctx.mode, "bounce", ctx.reason, own)


def qmail(ctx: Ctx) -> Notice:
    rng, s = ctx.rng, ctx.server
    status, code, text = diag(ctx)
    local = {"userunknown": "Sorry, no mailbox here by that name. (#5.1.1)",
             "mailboxfull": "user is over quota",
             "suspend": "This mailbox has been disabled. (#5.2.1)"}.get(ctx.reason, f"{text} (#{status})")
    if s.platform == "plesk" and ctx.reason == "userunknown":
        local = "This address no longer accepts mail."
    if ctx.remote:
        local = f"Connected to {rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)} but " \
                f"sender was rejected.\nRemote host said: {text}" if rng.random() < 0.3 else \
            f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)} does not like recipient.\n" \
            f"Remote host said: {text}\nGiving up on {rng.randint(20, 220)}.1.2.3."
    body = (f"Hi. This is the qmail-send program at {s.host}.\nI'm afraid I wasn't able to deliver your message to the "
            "following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n"
            f"<{ctx.rcpt}>:\n{local}\n\n")
    mode = ctx.mode
    if mode in ("inline", "rfc822", "headers"):
        body += "--- Below this line is a copy of the message.\n\n" + ctx.orig.full()
        mode = "inline"
    else:
        body += "--- Below this line is a copy of the message.\n\n"
    h = _common(ctx, f"MAILER-DAEMON@{s.host}", "failure notice", "text/plain; charset=us-ascii")
    return Notice(h, body, "", "qmail", f"{s.platform}-dsn", mode, "bounce", ctx.reason,
                  [f"(qmail {rng.randint(1000, 32000)} invoked for bounce); {ctx.date()}"])


EXCHANGE_WORDS = {
    "en": ("Undeliverable: ", "Delivery has failed to these recipients or groups:",
           "The email address you entered couldn't be found. Please check the recipient's email address and try to send the "
           "message again. If the problem continues, please contact your helpdesk.",
           "Diagnostic information for administrators:", "Generating server:", "Original message headers:",
           "Delivery Delayed: ", "Delivery is delayed to these recipients or groups:"),
    "de": ("Unzustellbar: ", "Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:",
           "Die eingegebene E-Mail-Adresse wurde nicht gefunden. Überprüfen Sie die E-Mail-Adresse des Empfängers, und "
           "versuchen Sie, die Nachricht erneut zu senden. Falls das Problem weiterhin besteht, wenden Sie sich an Ihr "
           "Helpdesk.", "Diagnoseinformationen für Administratoren:", "Generierender Server:",
           "Ursprüngliche Nachrichtenkopfzeilen:", "Übermittlung verzögert: ",
           "Die Zustellung an folgende Empfänger oder Gruppen verzögert sich:"),
    "fr": ("Non remis : ", "La remise à ces destinataires ou groupes a échoué :",
           "Impossible de trouver l'adresse de messagerie que vous avez entrée. Vérifiez l'adresse de messagerie du "
           "destinataire et renvoyez le message. Si le problème persiste, contactez votre support technique.",
           "Informations de diagnostic pour les administrateurs :", "Serveur de génération :",
           "En-têtes de message d'origine :", "Remise différée : ", "La remise à ces destinataires ou groupes est différée :"),
    "es": ("No se puede entregar: ", "Error en la entrega a estos destinatarios o grupos:",
           "No se encontró la dirección de correo electrónico que escribió. Compruebe la dirección de correo electrónico "
           "del destinatario e intente enviar el mensaje de nuevo. Si el problema continúa, póngase en contacto con el "
           "departamento de soporte técnico.", "Información de diagnóstico para administradores:",
           "Servidor de generación:", "Encabezados originales del mensaje:", "Entrega retrasada: ",
           "La entrega a estos destinatarios o grupos se ha retrasado:"),
    "it": ("Non recapitabile: ", "Recapito non riuscito per i destinatari o i gruppi seguenti:",
           "Impossibile trovare l'indirizzo di posta elettronica immesso. Verificare l'indirizzo del destinatario e provare "
           "a inviare nuovamente il messaggio.", "Informazioni di diagnostica per gli amministratori:",
           "Server di generazione:", "Intestazioni messaggio originale:", "Recapito ritardato: ",
           "Il recapito ai destinatari o gruppi seguenti è stato ritardato:"),
    "pt": ("Não é possível entregar: ", "Falha na entrega para estes destinatários ou grupos:",
           "O endereço de email que você digitou não foi encontrado. Verifique o endereço de email do destinatário e "
           "tente enviar a mensagem novamente.", "Informações de diagnóstico para administradores:",
           "Gerando servidor:", "Cabeçalhos da mensagem original:", "Entrega Atrasada: ",
           "A entrega está atrasada para estes destinatários ou grupos:"),
    "nl": ("Onbestelbaar: ", "De bezorging is mislukt voor deze ontvangers of groepen:",
           "Het opgegeven e-mailadres is niet gevonden. Controleer het e-mailadres van de ontvanger en probeer het bericht "
           "opnieuw te verzenden.", "Diagnostische gegevens voor beheerders:", "Genererende server:",
           "Oorspronkelijke berichtkoppen:", "Bezorging vertraagd: ", "De bezorging is vertraagd voor deze ontvangers of groepen:"),
    "pl": ("Niedostarczalne: ", "Dostarczenie do tych adresatów lub grup nie powiodło się:",
           "Nie można odnaleźć wprowadzonego adresu e-mail. Sprawdź adres e-mail adresata i spróbuj ponownie wysłać "
           "wiadomość.", "Informacje diagnostyczne dla administratorów:", "Serwer generujący:",
           "Oryginalne nagłówki wiadomości:", "Opóźnione dostarczenie: ", "Dostarczenie do tych adresatów lub grup jest opóźnione:"),
    "ru": ("Не удается доставить: ", "Не удалось доставить сообщение следующим получателям или группам:",
           "Не удалось найти указанный адрес электронной почты. Проверьте адрес получателя и попробуйте отправить "
           "сообщение еще раз.", "Диагностические сведения для администраторов:", "Создающий сервер:",
           "Исходные заголовки сообщения:", "Задержка доставки: ", "Задерживается доставка следующим получателям или группам:"),
    "ja": ("配信不能: ", "次の受信者またはグループへの配信に失敗しました:",
           "入力したメール アドレスが見つかりませんでした。受信者のメール アドレスを確認して、メッセージを再送信してください。",
           "管理者向けの診断情報:", "生成サーバー:", "元のメッセージ ヘッダー:", "配信の遅延: ", "次の受信者またはグループへの配信が遅延しています:"),
    "sv": ("Olevererbart: ", "Det gick inte att leverera till följande mottagare eller grupper:",
           "Det gick inte att hitta e-postadressen du angav. Kontrollera mottagarens e-postadress och försök skicka "
           "meddelandet igen.", "Diagnostisk information för administratörer:", "Genererande server:",
           "Ursprungliga meddelandehuvuden:", "Fördröjd leverans: ", "Leveransen till följande mottagare eller grupper är fördröjd:"),
    "cs": ("Nedoručitelné: ", "Doručení těmto příjemcům nebo skupinám se nezdařilo:",
           "Zadanou e-mailovou adresu se nepodařilo najít. Zkontrolujte e-mailovou adresu příjemce a zkuste zprávu "
           "odeslat znovu.", "Diagnostické informace pro správce:", "Generující server:", "Původní záhlaví zprávy:",
           "Zpožděné doručení: ", "Doručení těmto příjemcům nebo skupinám je zpožděno:"),
    "tr": ("Teslim Edilemedi: ", "Bu alıcılara veya gruplara teslim başarısız oldu:",
           "Girdiğiniz e-posta adresi bulunamadı. Alıcının e-posta adresini denetleyip iletiyi yeniden göndermeyi "
           "deneyin.", "Yöneticiler için tanılama bilgileri:", "Oluşturan sunucu:", "Özgün ileti üst bilgileri:",
           "Teslim Gecikti: ", "Bu alıcılara veya gruplara teslim gecikti:"),
    "zh": ("无法投递: ", "无法传递到以下收件人或组:", "找不到你输入的电子邮件地址。请检查收件人的电子邮件地址，然后尝试重新发送邮件。",
           "管理员的诊断信息:", "生成服务器:", "原始邮件头:", "传递延迟: ", "传递到以下收件人或组的邮件延迟:"),
}
EXCHANGE_CODES = {"userunknown": "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
                  "mailboxfull": "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded",
                  "suspend": "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
                  "spamdetected": "550 5.7.1 Message rejected as spam by Content Filtering.",
                  "blocked": "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized",
                  "hostunknown": "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain",
                  "expired": "451 4.4.0 DNS query failed. The error was: SMTPSEND.DNS.MxLoopback"}


def exchange(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    lang = s.lang if s.lang in EXCHANGE_WORDS else "en"
    w = EXCHANGE_WORDS[lang]
    code = EXCHANGE_CODES.get(ctx.reason, "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup")
    gen = (s.internal[0][0] if s.internal else s.host).upper()
    if ctx.delayed:
        subject = w[6] + o.subject
        human = f"{w[7]}\n\n{ctx.rcpt}\n\n{w[3]}\n\n{w[4]} {gen}\n\n{ctx.rcpt}\n#{code} ##\n\n{w[5]}\n\n{o.header_block()}"
        action, status = "delayed", "4.4.7"
    else:
        subject = w[0] + o.subject
        human = (f"{w[1]}\n\n{ctx.rcpt}<mailto:{ctx.rcpt}>\n{w[2]}\n\n\n\n\n\n{w[3]}\n\n{w[4]} {gen}\n\n{ctx.rcpt}\n"
                 f"Remote Server returned '{code}'\n\n{w[5]}\n\n{o.header_block()}")
        action, status = "failed", code.split()[1]
    html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>" + \
        human.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>\n") + "</body></html>"
    parts = [_alt(rng, human, html),
             dsn_part(gen, rfc2822(o.sent, s.tz), [{"rcpt": ctx.rcpt, "action": action, "status": status,
                                                    "diag": code, "original": True}]).replace(
                 "Reporting-MTA: dns; ", "Reporting-MTA: dns;")]
    mode = ctx.mode if ctx.mode in ("rfc822", "headers") else "headers"
    parts.append(carried(o.full(), o.header_block(), mode))
    ctype, body = multipart("report", parts, boundary(rng, "exchange"), " report-type=delivery-status;")
    sender = rng.choice([f"postmaster@{s.domain}", f"MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{s.domain}"])
    h = _common(ctx, f"{'Microsoft Outlook' if 'Microsoft' in sender else 'Postmaster'} <{sender}>", subject, ctype,
                [("Content-Language", {"en": "en-US"}.get(lang, lang)), ("X-MS-Exchange-Message-Is-Ndr", ""),
                 ("X-MS-Has-Attach", "yes"), ("X-MS-TNEF-Correlator", ""), ("Auto-Submitted", "auto-replied")])
    h = [x for x in h if x[0] != "Message-ID"] + [("Message-ID", f"<{token(rng, 8)}-{hexid(rng, 4)}-{hexid(rng, 4)}@{gen.lower()}>")]
    own = [f"from {gen.lower()} ({s.internal[0][1] if s.internal else '10.0.0.5'}) by {s.host}\n ({'10.0.0.4'}) with Microsoft SMTP Server "
           f"(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384) id 15.1.2507.{rng.randint(6, 39)}; {ctx.date()}"] \
        if s.internal else []
    return Notice(h, body, "", "exchange", f"{s.platform}-ndr-{lang}", mode, "bounce", ctx.reason, own)


def exchange_online(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    if s.lang != "en" and rng.random() < 0.6:
        return exchange(ctx)
    local, domain = ctx.rcpt.split("@")
    code = EXCHANGE_CODES.get(ctx.reason, EXCHANGE_CODES["userunknown"])
    gen = f"{rng.choice(['AM6PR', 'DM6PR', 'DB7PR', 'SG2PR', 'BN8PR'])}{rng.randint(1, 9)}{rng.randint(1, 9)}MB{rng.randint(1000, 9999)}." \
          f"{rng.choice(['eurprd05', 'namprd12', 'apcprd01'])}.prod.outlook.com"
    human = (f"Your message to {ctx.rcpt} couldn't be delivered.\n{local} wasn't found at {domain}.\n\n"
             f"{ctx.to.split('@')[0]}    Office 365    {local}\nAction Required                Recipient\n\n"
             "Unknown To address\n\nHow to Fix It\nThe address may be misspelled or may not exist. Try one or more of the "
             "following:\n\n  *   Retype the recipient's address, then resend the message.\n\n"
             "  *   If you're using Outlook, open this message in Outlook, then resend it.\n\n"
             f"Was this helpful? Send feedback to Microsoft<https://go.microsoft.com/fwlink/?LinkId=525920>.\n"
             f"________________________________\n\nMore Info for Email Admins\nStatus code: {code.split()[1]}\n\n"
             f"Original Message Details\nCreated Date:    {rfc2822(o.sent)}\nSender Address:    {o.sender}\n"
             f"Recipient Address:    {ctx.rcpt}\nSubject:    {o.subject}\n\nError Details\nReported error:    {code}\n"
             f"DSN generated by:    {gen}\n\nOriginal Message Headers\n\n{o.header_block()}")
    html = "<html><body>" + human.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>\n") + "</body></html>"
    parts = [_alt(rng, human, html), dsn_part(gen, rfc2822(o.sent), [{"rcpt": ctx.rcpt, "action": "failed",
                                                                      "status": code.split()[1], "diag": code,
                                                                      "remote": gen}])]
    mode = ctx.mode if ctx.mode in ("rfc822", "headers") else "rfc822"
    parts.append(carried(o.full(), o.header_block(), mode))
    ctype, body = multipart("report", parts, boundary(rng, "exchange"), " report-type=delivery-status;")
    h = _common(ctx, f"Microsoft Outlook <postmaster@{s.domain.split('.')[0]}.onmicrosoft.com>", "Undeliverable: " + o.subject,
                ctype, [("X-MS-Exchange-Message-Is-Ndr", ""), ("X-MS-PublicTrafficType", "Email"),
                        ("X-MS-Exchange-Organization-SCL", "-1"), ("Auto-Submitted", "auto-replied")])
    own = [f"from {gen}\n ([fe80::{hexid(rng, 4).lower()}:{hexid(rng, 4).lower()}]) by {gen} ([fe80::{hexid(rng, 4).lower()}]) with mapi id "
           f"15.20.{rng.randint(6000, 8000)}.{rng.randint(10, 40)}; {ctx.date()}"]
    return Notice(h, body, "", "exchange", "exchange_online-ndr", mode, "bounce", ctx.reason, own)


def exchange2003(ctx: Ctx) -> Notice:
    """Exchange 2000/2003: the famous 'Your message did not reach some or all of the intended recipients.'"""
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    text = {"userunknown": "The e-mail account does not exist at the organization this message was sent to.  Check the "
                           "e-mail address, or contact the recipient directly to find out the correct address.",
            "mailboxfull": "The recipient's mailbox is full and can't accept messages now.  Please try resending this "
                           "message later, or contact the recipient directly."}.get(
        ctx.reason, "A problem occurred during the delivery of this message to this e-mail address.  Try sending this "
                    "message again.")
    human = (f"Your message did not reach some or all of the intended recipients.\n\n      Subject:\t{o.subject}\n"
             f"      Sent:\t{o.sent.strftime('%m/%d/%Y %I:%M %p')}\n\nThe following recipient(s) cannot be reached:\n\n"
             f"      {ctx.rcpt} on {ctx.when.strftime('%m/%d/%Y %I:%M %p')}\n            {text}\n"
             f"            <{s.host} #{REASONS[ctx.reason][0]} smtp;{REASONS[ctx.reason][1] or '550'} {REASONS[ctx.reason][0]} "
             f"{'User unknown' if ctx.reason == 'userunknown' else 'Requested action not taken'}>\n")
    parts = [text_part(rng, human, "plain", "iso-8859-1"),
             dsn_part(s.host, rfc2822(o.sent, s.tz), [{"rcpt": ctx.rcpt, "action": "failed", "status": REASONS[ctx.reason][0],
                                                      "original": True}]).replace("Reporting-MTA: dns; ", "Reporting-MTA: dns;"),
             carried(o.full(), o.header_block(), "rfc822")]
    ctype, body = multipart("report", parts, f"----_=_NextPart_001_01{hexid(rng, 6)}.{hexid(rng, 8)}", " report-type=delivery-status;")
    h = _common(ctx, f"System Administrator <postmaster@{s.domain}>", "Undeliverable: " + o.subject, ctype,
                [("X-MimeOLE", "Produced By Microsoft Exchange V6.5"), ("Thread-Topic", enc_subject(o.subject))])
    return Notice(h, "This is a multi-part message in MIME format.\n\n" + body, "", "exchange", "exchange2003-ndr", "rfc822",
                  "bounce", ctx.reason, [])


def mssmtp(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    human = ("This is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients "
             f"failed.\n\n       {ctx.rcpt}\n\n\n\n\n")
    status = REASONS[ctx.reason][0]
    parts = [text_part(rng, human, "plain", "unicode-1-1-utf-7" if rng.random() < 0.3 else "us-ascii"),
             dsn_part(s.host, rfc2822(o.sent, s.tz), [{"rcpt": ctx.rcpt, "action": "failed", "status": status,
                                                      "original": True}]).replace("Reporting-MTA: dns; ", "Reporting-MTA: dns;"),
             carried(o.full(), o.header_block(), "rfc822" if ctx.mode != "headers" else "headers")]
    ctype, body = multipart("report", parts, f"9B095B5ADSN={rng.randint(10 ** 9, 10 ** 10)}{hexid(rng, 4)}{rng.randint(1000, 9999)}{s.host}",
                            " report-type=delivery-status;")
    h = _common(ctx, f"postmaster@{s.host}", "Delivery Status Notification (Failure)", ctype)
    return Notice(h, "This is a MIME-formatted message.  \nPortions of this message may be unreadable without a MIME-capable "
                     "mail program.\n\n" + body, "", "mssmtp", "iis-dsn", "rfc822" if ctx.mode != "headers" else "headers",
                  "bounce", ctx.reason, [f"from mail pickup service by {s.host} with Microsoft SMTPSVC;\n\t {ctx.date()}"])


DOMINO_WORDS = {"en": ("DELIVERY FAILURE: ", "Your message", "was not delivered to:", "because:", "User {u} ({r}) not listed in Domino Directory"),
                "de": ("DELIVERY FAILURE: ", "Ihre Nachricht", "wurde nicht zugestellt an:", "weil:",
                       "User {u} ({r}) not listed in Domino Directory")}


def domino(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    w = DOMINO_WORDS.get(s.lang, DOMINO_WORDS["en"])
    user = ctx.rcpt.split("@")[0]
    why = w[4].format(u=user, r=ctx.rcpt) if ctx.reason == "userunknown" else \
        "Unable to deliver message; mail file quota exceeded" if ctx.reason == "mailboxfull" else "Router: No route found to domain"
    human = f"{w[1]}\n\n  Subject:  {o.subject}\n\n{w[2]}\n\n  {ctx.rcpt}\n\n{w[3]}\n\n  {why}\n"
    parts = [text_part(rng, human), dsn_part(s.host, rfc2822(o.sent, s.tz), [{"rcpt": ctx.rcpt, "action": "failed",
                                                                           "status": REASONS[ctx.reason][0]}]),
             carried(o.full(), o.header_block(), "headers" if ctx.mode == "headers" else "rfc822")]
    ctype, body = multipart("report", parts, f"=_related {hexid(rng, 8)}_=", " report-type=delivery-status;")
    h = _common(ctx, f"Postmaster@{s.domain}", w[0] + why[:60], ctype,
                [("X-MIMETrack", f"Serialize by Router on {s.host.split('.')[0].upper()}/{s.domain.split('.')[0].upper()}"
                                 f"(Release 9.0.1FP10|January 10, 2018) at {ctx.when.strftime('%m/%d/%Y %I:%M:%S %p')}")])
    return Notice(h, body, "", "domino", "domino-dsn", "headers" if ctx.mode == "headers" else "rfc822", "bounce",
                  ctx.reason, [])


def groupwise(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    why = {"userunknown": "user or post office not found", "mailboxfull": "mailbox full"}.get(ctx.reason, "undeliverable")
    human = (f"The message that you sent was undeliverable to the following:\n\t{ctx.rcpt.split('@')[0]} ({why})\n\n"
             "Possible causes:\n\tThe recipient's user ID or the post office name may have been misspelled.\n\n"
             "Original message header:\n\n" + o.header_block())
    h = _common(ctx, f"Mail Delivery System <postmaster@{s.domain}>", "Message status - undeliverable", "text/plain; charset=UTF-8",
                [("X-Mailer", "GroupWise Internet Agent 18.2.1")])
    return Notice(h, human, "", "groupwise", "groupwise-dsn", "inline", "bounce", ctx.reason, [])


def mdaemon(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    status, code, text = diag(ctx)
    human = ("The attached message had PERMANENT fatal delivery errors!\n\nAfter one or more unsuccessful delivery attempts "
             "the attached message has been removed from the MDaemon mail queue on this server.  The number and frequency "
             "of delivery attempts are determined by local configuration parameters.\n\nYOU SHOULD NOT RE-SEND THE MESSAGE "
             "WITHOUT FIRST CORRECTING THE ERRORS BELOW.\n\n"
             f"Failed address: {ctx.rcpt}\n\n--- Session Transcript ---\n"
             f" {ctx.date()} Session {rng.randint(1000, 99999)}; child 0001\n"
             f" Attempting to send message to smtp server(s) [{ctx.remote or ctx.rcpt.split('@')[1]}]\n"
             f" >>> RCPT TO:<{ctx.rcpt}>\n <<< {text}\n--- End Transcript ---\n")
    parts = [text_part(rng, human), carried(o.full(), o.header_block(), "rfc822")]
    ctype, body = multipart("mixed", parts, boundary(rng))
    h = _common(ctx, f"MDaemon@{s.host}", "Permanent Delivery Failure", ctype,
                [("X-MDaemon-Deliver-To", ctx.to), ("X-Return-Path", "<>"), ("X-MDRcpt-To", ctx.to)])
    return Notice(h, body, "", "mdaemon", "mdaemon-dsn", "rfc822", "bounce", ctx.reason,
                  [f"from {s.host} by {s.host} (MDaemon PRO v21.0.2)\n\twith ESMTP id md5000{rng.randint(10 ** 6, 10 ** 7)}.msg\n"
                   f"\tfor <{ctx.to}>; {ctx.date()}"])


def hmailserver(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    status, code, text = diag(ctx)
    remote_ip = f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    human = (f"Your message did not reach some or all of the intended recipients.\n\n   Sent: {rfc2822(o.sent, s.tz)}\n"
             f"   Subject: {o.subject}\n\nThe following recipient(s) could not be reached:\n\n{ctx.rcpt}\n"
             f"   Error Type: SMTP\n   Remote server ({remote_ip}) issued an error.\n   hMailServer sent: RCPT TO:<{ctx.rcpt}>\n"
             f"   Remote server replied: {text.splitlines()[0]}\n\nhMailServer\n")
    h = _common(ctx, f"mailer-daemon@{s.domain}", f"Message undeliverable: {o.subject}", "text/plain; charset=\"utf-8\"")
    return Notice(h, human, "", "hmailserver", "hmailserver-dsn", "subject", "bounce", ctx.reason, [])


def mailenable(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    status, code, text = diag(ctx)
    human = (f"This message was created automatically by mail delivery software.\n\nMailEnable: Message Delivery Failure.\n\n"
             f"The following recipient(s) could not be reached:\n\n\tRecipient: [SMTP:{ctx.rcpt}]\n\tReason: "
             f"{'The message could not be delivered because the user was not found. (ME-E0193)' if ctx.reason == 'userunknown' else 'Remote SMTP Server Returned: ' + text.splitlines()[0]}\n\n")
    parts = [text_part(rng, human), carried(o.full(), o.header_block(), "rfc822")]
    ctype, body = multipart("mixed", parts, f"NextPart_{hexid(rng, 8)}.{hexid(rng, 8)}")
    h = _common(ctx, f"POSTMASTER@{s.domain}", "Message Delivery Failure", ctype)
    return Notice(h, body, "", "mailenable", "mailenable-dsn", "rfc822", "bounce", ctx.reason, [])


def communigate(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    status, code, text = diag(ctx)
    human = (f"Failed to deliver to '<{ctx.rcpt}>'\nSMTP module(domain {ctx.rcpt.split('@')[1]}) reports:\n"
             f" {ctx.remote or s.host}: {text.splitlines()[0]}\n")
    parts = [text_part(rng, human), carried(o.full(), o.header_block(), "headers" if ctx.mode == "headers" else "rfc822")]
    ctype, body = multipart("mixed", parts, f"_===={rng.randint(10 ** 7, 10 ** 8)}===={s.host}===_")
    h = _common(ctx, f"MAILER-DAEMON@{s.domain}", f"Undeliverable mail: {o.subject}", ctype,
                [("X-Mailer", "CommuniGate Pro SMTP Module")])
    return Notice(h, body, "", "communigate", "communigate-dsn", "headers" if ctx.mode == "headers" else "rfc822", "bounce",
                  ctx.reason, [])


def smartermail(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    status, code, text = diag(ctx)
    human = (f"Could not deliver message to the following recipient(s):\n\nFailed Recipient: {ctx.rcpt}\nReason: "
             f"Remote host said: {text.splitlines()[0]}\n\n   -- The header and top 20 lines of the message follows --\n\n"
             + o.header_block() + "\n" + "\n".join(o.body.splitlines()[:20]) + "\n")
    h = _common(ctx, f"postmaster@{s.domain}", "Undeliverable Mail", "text/plain; charset=utf-8",
                [("X-SmarterMail-Spam", "SpamAssassin 0 [raw: 0]")])
    return Notice(h, human, "", "smartermail", "smartermail-dsn", "inline", "bounce", ctx.reason, [])


def generic_groupware(ctx: Ctx) -> Notice:
    """Kerio, IceWarp, Axigen, Mercury, Messaging Server, IMail: RFC 3464 reports, each with its own cover text."""
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    status, code, text = diag(ctx)
    p = s.platform
    cover = {
        "kerio": ("Undeliverable message", f"Your message did not reach some or all of the intended recipients.\n\n"
                  f"   Subject: {o.subject}\n   Sent: {rfc2822(o.sent, s.tz)}\n\nThe following recipient(s) could not be "
                  f"reached:\n\n{ctx.rcpt}\n   Error: {text.splitlines()[0]}\n"),
        "icewarp": ("Undeliverable message", f"The following message could not be delivered to the recipient(s):\n\n"
                    f"{ctx.rcpt}: {text.splitlines()[0]}\n\nOriginal message headers follow.\n"),
        "axigen": ("Delivery Status Notification (Failure)", f"This is an automatically generated Delivery Status "
                   f"Notification.\n\nDelivery to the following recipients failed permanently:\n\n    {ctx.rcpt}\n\n"
                   f"Technical details of permanent failure:\n{text.splitlines()[0]}\n"),
        "mercury": ("Delivery failure", f"This message is from the Mercury mail system at {s.host}.\n\nThe following "
                    f"message could not be delivered:\n\n  {ctx.rcpt}: {text.splitlines()[0]}\n\n--- Original message follows.\n"),
        "messagingserver": ("Delivery Notification: Delivery has failed", f"This report relates to a message you sent "
                            f"with the following header fields:\n\n  Message-id: {o.msgid}\n  Date: {rfc2822(o.sent)}\n"
                            f"  From: {o.sender}\n  To: {ctx.rcpt}\n  Subject: {o.subject}\n\nYour message cannot be "
                            f"delivered to the following recipients:\n\n  Recipient address: {ctx.rcpt}\n  Reason: "
                            f"Remote SMTP server has rejected address\n  Diagnostic code: smtp;{text.splitlines()[0]}\n"),
        "imail": ("Undeliverable Mail", f"Unknown user: {ctx.rcpt}\n\nOriginal message follows.\n"),
        "courier": ("NOTICE: mail delivery status.", f"This is a delivery status notification from {s.host},\nrunning the "
                    f"Courier mail server, version 1.1.{rng.randint(1, 9)}.\n\nThe original message was received on "
                    f"{rfc2822(o.sent, s.tz)}\nfrom [{ctx.client.ip}]\n\n" + "-" * 75 + "\n\n"
                    "                           UNDELIVERABLE MAIL\n\nYour message to the following recipients cannot "
                    f"be delivered:\n\n<{ctx.rcpt}>:\n    {ctx.remote or s.host}:\n>>> RCPT TO:<{ctx.rcpt}>\n<<< {text.splitlines()[0]}\n"),
        "haraka": ("Mail delivery failed: returning message to sender", f"Hi. This is the Haraka Mailer program at "
                   f"{s.host}.\n\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a "
                   f"permanent error; I've given up. Sorry it didn't work out.\n\n<{ctx.rcpt}>: {text.splitlines()[0]}\n"),
        "opensmtpd": ("Delivery status notification: error", "Hi!\n\nThis is the MAILER-DAEMON, please DO NOT REPLY to this "
                      "e-mail.\n\nAn error has occurred while attempting to deliver a message for\nthe following list of "
                      f"recipients:\n\n{ctx.rcpt}: {text.splitlines()[0]}\n\nBelow is a copy of the original message:\n"),
    }[p]
    product = p
    if p == "imail":
        body = cover[1] + "\n" + o.full()
        h = _common(ctx, f"postmaster@{s.domain}", cover[0], "text/plain")
        return Notice(h, body, "", "imail", "imail-dsn", "inline", "bounce", ctx.reason,
                      [f"from {s.host} by {s.host} (SMTPD32-8.15) id A{hexid(rng, 9)}; {ctx.date()}"])
    mode = ctx.mode if ctx.mode in ("rfc822", "headers") else "rfc822"
    parts = [text_part(rng, cover[1]), dsn_part(s.host, rfc2822(o.sent, s.tz), [{"rcpt": ctx.rcpt, "action": "failed",
                                                                              "status": status, "diag": text.splitlines()[0],
                                                                              "remote": ctx.remote}]),
             carried(o.full(), o.header_block(), mode)]
    ctype, body = multipart("report", parts, boundary(rng), " report-type=delivery-status;")
    sender = {"haraka": f"MAILER-DAEMON@{s.host}", "opensmtpd": f"Mailer Daemon <MAILER-DAEMON@{s.host}>",
              "courier": f"Courier mail server at {s.host} <@>"}.get(p, f"MAILER-DAEMON@{s.domain}")
    h = _common(ctx, sender, cover[0], ctype)
    stamp = {"kerio": f"from localhost by {s.host} (Kerio Connect 9.2.12 patch 1);\n\t{ctx.date()}",
             "icewarp": f"from localhost ([127.0.0.1])\n\tby {s.host} (IceWarp 12.0.3.1 RHEL7 x64) with ASMTP id "
                        f"{ctx.when.strftime('%Y%m%d%H%M%S')}{rng.randint(10, 99)}\n\tfor <{ctx.to}>; {ctx.date()}",
             "axigen": f"by {s.host} (Axigen)\n\tid {hexid(rng, 6)}; {ctx.date()}",
             "mercury": f"from spooler by {s.host} (Mercury/32 v4.72); {ctx.date()}",
             "haraka": f"(Haraka {rng.randint(1000, 30000)} invoked for bounce); {ctx.date()}",
             "courier": f"from Courier mail server by {s.host}\n\tfor <{ctx.to}>; {ctx.date()}"}.get(p)
    return Notice(h, body, "", product, f"{p}-dsn", mode, "bounce", ctx.reason, [stamp] if stamp else [])


def mimecast(ctx: Ctx) -> Notice:
    rng, s, o = ctx.rng, ctx.server, ctx.orig
    human = (f"Your message couldn't be delivered to the recipients shown below.\n\n{ctx.rcpt}\n\n"
             f"The recipient address could not be found. Please check the address and try again.\n\n"
             f"Reporting-MTA: {s.host}\nFinal-Recipient: {ctx.rcpt}\nDiagnostic-Code: 550 Invalid Recipient - "
             f"https://community.mimecast.com/docs/DOC-1369#550 [{token(rng, 22)}.{s.host.split('-')[0]}{rng.randint(100, 999)}]\n")
    parts = [_alt(rng, human, "<html><body>" + human.replace("\n", "<br>") + "</body></html>"),
             carried(o.full(), o.header_block(), "headers")]
    ctype, body = multipart("mixed", parts, boundary(rng))
    h = _common(ctx, f"Mimecast <postmaster@{s.domain}>", f"Undeliverable: {o.subject}", ctype,
                [("X-Mimecast-Spam-Score", "0"), ("X-MC-Unique", f"{token(rng, 22)}-1")])
    return Notice(h, body, "", "mimecast", "mimecast-ndr", "headers", "bounce", ctx.reason, [])


BOUNCE_WRITERS = {
    "postfix": postfix, "zimbra": postfix, "cyrus": postfix, "amavis": postfix, "mailscanner": postfix,
    "sophos": postfix, "spamtitan": postfix, "trendmicro": postfix, "forcepoint": forcepoint,
    "cpanel": exim, "exim": exim, "sendmail": sendmail, "qmail": qmail, "plesk": qmail,
    "exchange": exchange, "exchange_online": exchange_online, "exchange2003": exchange2003, "iis": mssmtp,
    "domino": domino, "groupwise": groupwise, "mdaemon": mdaemon, "hmailserver": hmailserver, "mailenable": mailenable,
    "communigate": communigate, "smartermail": smartermail, "kerio": generic_groupware, "icewarp": generic_groupware,
    "axigen": generic_groupware, "mercury": generic_groupware, "messagingserver": generic_groupware,
    "imail": generic_groupware, "courier": generic_groupware, "haraka": generic_groupware, "opensmtpd": generic_groupware,
    "mimecast": mimecast,
    # other gateways: the mail store behind them (Exchange) writes the bounce
    "barracuda": exchange, "proofpoint": exchange, "messagelabs": exchange, "ironport": exchange, "mcafee": exchange,
    "mailmarshal": exchange, "surfcontrol": exchange,
}
DELAY_CAPABLE = {"postfix", "exim", "cpanel", "sendmail", "exchange", "zimbra", "cyrus"}


def bounce(ctx: Ctx) -> Notice:
    return BOUNCE_WRITERS[ctx.server.platform](ctx)
