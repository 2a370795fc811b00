"""Delivery failure and delay notices as the MTAs and mail providers write them.

Each template returns a Notice: the headers and body the bouncer wrote, and the facts a postmaster
would record (style, reason, status, recipient, how much of the original came back).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .servers import Server
from .spam import Spam
from .world import b64, encoded_word, rfc2822, token

# (reason, status, reply text) of failures that happen after the MX accepted the mail
FAILURES = [
    ("userunknown", "5.1.1", "550 5.1.1 <{r}>: Recipient address rejected: User unknown in virtual mailbox table", 40),
    ("userunknown", "5.1.1", "550 5.1.1 User unknown", 15),
    ("mailboxfull", "5.2.2", "552 5.2.2 Mailbox full: quota exceeded", 10),
    ("suspend", "5.2.1", "550 5.2.1 The email account that you tried to reach is disabled", 5),
    ("hostunknown", "5.4.4", "Host or domain name not found. Name service error for name={d} type=MX", 4),
    ("spamdetected", "5.7.1", "550 5.7.1 Message rejected as spam by Content Filtering", 8),
    ("authfailure", "5.7.26", "550 5.7.26 Unauthenticated email from {o} is not accepted due to domain's DMARC policy", 7),
    ("blocked", "5.7.1", "554 5.7.1 Service unavailable; Client host blocked using zen.spamhaus.org", 6),
    ("expired", "4.4.7", "Connection timed out", 5),
]
DELAYS = [("networkerror", "4.4.1", "connect to {d}[{ip}]:25: Connection timed out"),
          ("blocked", "4.7.1", "451 4.7.1 Greylisting in action, please come back later"),
          ("mailboxfull", "4.2.2", "452 4.2.2 Mailbox full")]


@dataclass
class Notice:
    from_addr: str
    subject: str
    content_type: str
    body: str
    style: str
    reason: str
    status: str
    recipient: str
    original: str                       # rfc822 | headers | inline | none
    extra: list[tuple[str, str]] = field(default_factory=list)
    auto_submitted: bool = True


def pick_failure(rng: random.Random, spam: Spam, server: Server) -> tuple[str, str, str]:
    reason, status, text, _ = rng.choices(FAILURES, weights=[f[3] for f in FAILURES])[0]
    return reason, status, text.format(r=spam.target, d=spam.target.split("@")[1], o=spam.from_addr.split("@")[1])


def _boundary(rng: random.Random, host: str = "") -> str:
    return f"{token(rng, 10, '0123456789ABCDEF')}.{rng.randint(1000000000, 1999999999)}/{host}" if host else f"_{token(rng, 24)}_"


def _report(rng: random.Random, b: str, text: str, status_part: str, spam: Spam, carry: str,
            text_headers: str = "Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n") -> tuple[str, str]:
    parts = [f"--{b}\n{text_headers}\n{text}\n", f"--{b}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n{status_part}\n"]
    if carry == "rfc822":
        parts.append(f"--{b}\nContent-Description: Undelivered Message\nContent-Type: message/rfc822\n\n{spam.raw}\n")
    elif carry == "headers":
        parts.append(f"--{b}\nContent-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n\n{spam.headers}\n")
    body = "This is a MIME-encapsulated message.\n\n" + "".join(parts) + f"--{b}--\n"
    return f"multipart/report; report-type=delivery-status;\n\tboundary=\"{b}\"", body


def _dsn_fields(reporting: str, spam: Spam, recipients: list[tuple[str, str, str, str]], when: datetime,
                extra: str = "") -> str:
    """message/delivery-status: per-message fields, then one block per (recipient, action, status, diagnostic)."""
    head = f"Reporting-MTA: dns; {reporting}\n{extra}Arrival-Date: {rfc2822(spam.sent)}\n"
    blocks = []
    for rcpt, action, status, diag in recipients:
        block = f"Final-Recipient: rfc822; {rcpt}\nOriginal-Recipient: rfc822;{rcpt}\nAction: {action}\nStatus: {status}\n"
        if reporting.endswith((".local", ".prod.outlook.com")):   # Exchange writes "Final-recipient", "RFC822;"
            block = block.replace("Final-Recipient: rfc822; ", "Final-recipient: RFC822;").replace("Original-Recipient", "Original-recipient")
        if diag:
            block += f"Diagnostic-Code: smtp; {diag}\n"
        if action == "delayed":
            block += f"Will-Retry-Until: {rfc2822(when + timedelta(days=4))}\n"
        blocks.append(block)
    return head + "\n" + "\n".join(blocks)


def _others(rng: random.Random, spam: Spam, n: int) -> list[str]:
    domain = spam.target.split("@")[1]
    return [f"{rng.choice(['info', 'office', 'sales', 'h.meyer', 'accounts', 'admin', 'team'])}{i or ''}@{domain}" for i in range(n)]


def postfix(rng, server: Server, spam: Spam, when: datetime, delay: bool = False, lang: str = "en") -> Notice:
    b = _boundary(rng, server.host)
    queue = token(rng, 10, "0123456789ABCDEF")
    if delay:
        reason, status, diag = rng.choice(DELAYS)
        diag = diag.format(d=spam.target.split("@")[1], ip=f"10.{rng.randint(0, 9)}.0.{rng.randint(2, 50)}")
        text = ("####################################################################\n"
                "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
                "####################################################################\n\n"
                f"This is the mail system at host {server.host}.\n\nYour message could not be delivered for "
                f"{rng.choice(['0.5', '4.0', '4.2'])} hours.\nIt will be retried until it is 5.0 days old.\n\n"
                "For further assistance, please send mail to postmaster.\n\n"
                "If you do so, please include this problem report. You can\ndelete your own text from the attached returned message.\n\n"
                f"                   The mail system\n\n<{spam.target}>: {diag}\n")
        fields = _dsn_fields(server.host, spam, [(spam.target, "delayed", status, diag)], when,
                             f"X-Postfix-Queue-ID: {queue}\nX-Postfix-Sender: rfc822; {spam.from_addr}\n")
        ctype, body = _report(rng, b, text, fields, spam, "headers")
        return Notice(f"MAILER-DAEMON@{server.host} (Mail Delivery System)", "Delayed Mail (still being retried)",
                      ctype, body, "postfix-delay", reason, status, spam.target, "headers")
    reason, status, diag = pick_failure(rng, spam, server)
    recipients = [(spam.target, "failed", status, diag)]
    if rng.random() < 0.15:  # the spam went to several addresses here; one notice lists them all, actions mixed
        for other in _others(rng, spam, rng.randint(1, 3)):
            recipients.append(rng.choice([(other, "failed", "5.1.1", "550 5.1.1 User unknown"),
                                          (other, "delayed", "4.2.2", "452 4.2.2 Mailbox full")]))
    lines = "\n".join(f"<{r}>: host {server.mx}[127.0.0.1] said: {d} (in reply to RCPT TO command)"
                      if rng.random() < 0.3 else f"<{r}>: {d}" for r, a, s, d in recipients if a == "failed")
    if lang == "de":
        text = (f"Dies ist das Mailsystem auf dem Rechner {server.host}.\n\nLeider konnte Ihre Nachricht nicht an einen oder "
                "mehrere Empfänger zugestellt werden. Sie ist unten angehängt.\n\nFür weitere Unterstützung senden Sie bitte "
                f"eine Mail an postmaster.\n\n                   Das Mailsystem\n\n{lines}\n")
        subject, th = "Unzustellbare Nachricht", "Content-Description: Benachrichtigung\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n"
    else:
        text = (f"This is the mail system at host {server.host}.\n\nI'm sorry to have to inform you that your message could not\n"
                "be delivered to one or more recipients. It's attached below.\n\nFor further assistance, please send mail to postmaster.\n\n"
                "If you do so, please include this problem report. You can\ndelete your own text from the attached returned message.\n\n"
                f"                   The mail system\n\n{lines}\n")
        subject, th = "Undelivered Mail Returned to Sender", "Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n"
    carry = rng.choice(["rfc822", "rfc822", "rfc822", "headers"])
    fields = _dsn_fields(server.host, spam, recipients, when, f"X-Postfix-Queue-ID: {queue}\nX-Postfix-Sender: rfc822; {spam.from_addr}\n")
    ctype, body = _report(rng, b, text, fields, spam, carry, th)
    return Notice(f"MAILER-DAEMON@{server.host} (Mail Delivery System)", subject, ctype, body,
                  "postfix-de" if lang == "de" else ("postfix-multi" if len(recipients) > 1 else "postfix"),
                  reason, status, spam.target, carry)


def exim(rng, server: Server, spam: Spam, when: datetime, delay: bool = False, cpanel: bool = False) -> Notice:
    frm = f"Mail Delivery System <Mailer-Daemon@{server.host}>"
    if delay:
        reason, status, diag = DELAYS[1]
        mid = f"1{token(rng, 5)}-{token(rng, 6)}-{token(rng, 2)}"
        body = ("This message was created automatically by mail delivery software.\n"
                f"A message that you sent has not yet been delivered to one or more of its\nrecipients after more than 24 hours on the queue on {server.host}.\n\n"
                f"The message identifier is:     {mid}\nThe subject of the message is: {spam.subject}\nThe date of the message is:    {rfc2822(spam.sent)}\n\n"
                f"The address to which the message has not yet been delivered is:\n\n  {spam.target}\n"
                f"    Delay reason: SMTP error from remote mail server after RCPT TO:<{spam.target}>:\n    {diag}\n\n"
                "No action is required on your part. Delivery attempts will continue for\nsome time, and this warning may be repeated at intervals if the message\n"
                "remains undelivered. Eventually the mail delivery software will give up,\nand when that happens, the message will be returned to you.\n")
        return Notice(frm, f"Warning: message {mid} delayed 24 hours", "text/plain; charset=us-ascii", body, "exim-delay",
                      reason, status, spam.target, "none", [("X-Failed-Recipients", spam.target)])
    reason, status, diag = pick_failure(rng, spam, server)
    if cpanel and reason == "userunknown":
        diag = "No Such User Here"
    elif cpanel and reason == "mailboxfull":
        diag = "mailbox is full: retry timeout exceeded"
    text = ("This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\n"
            f"recipients. This is a permanent error. The following address(es) failed:\n\n  {spam.target}\n    {diag}\n")
    style = "exim-cpanel" if cpanel else "exim"
    extra = [("X-Failed-Recipients", spam.target)]
    if cpanel:
        extra.append(("X-AntiAbuse", "This header was added to track abuse, please include it with any abuse report"))
    if rng.random() < 0.5:  # Exim 4.9x: a multipart/report with the message attached
        b = _boundary(rng)
        fields = _dsn_fields(server.host, spam, [(spam.target, "failed", status, diag)], when)
        ctype, body = _report(rng, b, text, fields, spam, "rfc822")
        return Notice(frm, "Mail delivery failed: returning message to sender", ctype, body, style + "-report",
                      reason, status, spam.target, "rfc822", extra)
    body = text + "\n------ This is a copy of the message, including all the headers. ------\n\n" + spam.raw
    return Notice(frm, "Mail delivery failed: returning message to sender", "text/plain; charset=us-ascii", body, style,
                  reason, status, spam.target, "inline", extra)


def sendmail(rng, server: Server, spam: Spam, when: datetime, delay: bool = False) -> Notice:
    b = _boundary(rng, server.host)
    mta = f"{server.mx} [{'.'.join(spam.headers.split('[', 1)[1].split(']')[0].split('.'))}]" if "[" in spam.headers else server.mx
    if delay:
        text = ("    **********************************************\n    **      THIS IS A WARNING MESSAGE ONLY      **\n"
                "    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n    **********************************************\n\n"
                f"The original message was received at {rfc2822(spam.sent)}\nfrom {mta}\n\n"
                f"   ----- Transcript of session follows -----\n<{spam.target}>... Deferred: Connection timed out with mail.{spam.target.split('@')[1]}.\n"
                "Warning: message still undelivered after 4 hours\nWill keep trying until message is 5 days old\n")
        fields = _dsn_fields(server.host, spam, [(spam.target, "delayed", "4.4.1", "")], when)
        ctype, body = _report(rng, b, text, fields, spam, "headers", "")
        return Notice(f"Mail Delivery Subsystem <MAILER-DAEMON@{server.host}>", "Warning: could not send message for past 4 hours",
                      ctype, body, "sendmail-delay", "networkerror", "4.4.1", spam.target, "headers")
    reason, status, diag = pick_failure(rng, spam, server)
    text = (f"The original message was received at {rfc2822(spam.sent)}\nfrom {mta}\n\n"
            f"   ----- The following addresses had permanent fatal errors -----\n<{spam.target}>\n    (reason: {diag})\n\n"
            f"   ----- Transcript of session follows -----\n... while talking to mail.{spam.target.split('@')[1]}.:\n>>> DATA\n<<< {diag}\n{diag[:3]} <{spam.target}>... {diag[4:]}\n")
    carry = rng.choice(["rfc822", "headers"])
    fields = _dsn_fields(server.host, spam, [(spam.target, "failed", status, diag)], when, f"Received-From-MTA: DNS; {server.mx}\n")
    ctype, body = _report(rng, b, text, fields, spam, carry, "")
    return Notice(f"Mail Delivery Subsystem <MAILER-DAEMON@{server.host}>", "Returned mail: see transcript for details",
                  ctype, body, "sendmail", reason, status, spam.target, carry)


def sendmail_ja(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    """A Japanese ISP's sendmail: the standard DSN with a Japanese preface, in ISO-2022-JP."""
    n = sendmail(rng, server, spam, when)
    preface = ("このメールは送信されたメールが配送できなかったことをお知らせするものです。\n"
               "宛先のメールアドレスが存在しないか、受信できない状態です。\n\n")
    encoded = preface.encode("iso-2022-jp").decode("ascii")
    n.body = n.body.replace("\n\nThe original message was received at",
                            f"\nContent-Type: text/plain; charset=ISO-2022-JP\n\n{encoded}The original message was received at", 1)
    n.subject = "=?ISO-2022-JP?B?" + __import__("base64").b64encode("配送エラー".encode("iso-2022-jp")).decode() + "?= Returned mail: User unknown"
    n.style = "sendmail-ja"
    return n


def uol(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    """A Brazilian ISP's bounce in Portuguese, the original as an attachment."""
    text = ("Esta é uma mensagem automática do servidor de e-mail.\n\nNão foi possível entregar sua mensagem para os seguintes destinatários:\n\n"
            f"{spam.target}\n    Motivo: 550 5.1.1 Usuário desconhecido / caixa postal inexistente\n\nA mensagem original segue anexa.\n")
    b = f"UOL_{token(rng, 16)}"
    body = (f"--{b}\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: base64\n\n{b64(text, 'iso-8859-1')}\n"
            f"--{b}\nContent-Type: message/rfc822\n\n{spam.raw}\n--{b}--\n")
    return Notice(f"Servidor de E-mail <mailer-daemon@{server.domain}>", encoded_word("Mensagem não entregue", "iso-8859-1"),
                  f"multipart/mixed; boundary=\"{b}\"", body, "br-isp", "userunknown", "5.1.1", spam.target, "rfc822")


def qmail(rng, server: Server, spam: Spam, when: datetime, yahoo: bool = False) -> Notice:
    reason, status, diag = pick_failure(rng, spam, server)
    if yahoo:
        reason, status = "userunknown", "5.0.0"
        body = ("Sorry, we were unable to deliver your message to the following address.\n\n"
                f"<{spam.target}>:\n554: delivery error: dd This user doesn't have a {server.domain} account ({spam.target}) [0] - "
                f"mta{rng.randint(1000, 9999)}.mail.ne1.yahoo.com\n\n--- Below this line is a copy of the message.\n\n{spam.raw}")
        return Notice(f"MAILER-DAEMON@{server.domain}", "Failure Notice", "text/plain; charset=us-ascii", body, "yahoo",
                      reason, status, spam.target, "inline")
    if reason == "userunknown":
        diag = "Sorry, no mailbox here by that name. (#5.1.1)"
    body = (f"Hi. This is the qmail-send program at {server.host}.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n"
            f"This is a permanent error; I've given up. Sorry it didn't work out.\n\n<{spam.target}>:\n{diag}\n\n"
            f"--- Below this line is a copy of the message.\n\n{spam.raw}")
    return Notice(f"MAILER-DAEMON@{server.host}", "failure notice", "text/plain; charset=us-ascii", body, "qmail",
                  reason, status, spam.target, "inline", auto_submitted=False)


EXCHANGE_WORDS = {  # lang: (subject prefix, failed-to, not found, diagnostics, generating server, original headers, charset)
    "en": ("Undeliverable: ", "Delivery has failed to these recipients or groups:",
           "The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message. If the problem continues, please contact your helpdesk.",
           "Diagnostic information for administrators:", "Generating server:", "Original message headers:"),
    "de": ("Unzustellbar: ", "Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:",
           "Die eingegebene E-Mail-Adresse wurde nicht gefunden. Überprüfen Sie die E-Mail-Adresse des Empfängers, und senden Sie die Nachricht erneut.",
           "Diagnoseinformationen für Administratoren:", "Generierender Server:", "Ursprüngliche Nachrichtenkopfzeilen:"),
    "fr": ("Non remis : ", "La remise à ces destinataires ou groupes a échoué :",
           "L'adresse de messagerie que vous avez entrée est introuvable. Vérifiez l'adresse du destinataire, puis renvoyez le message.",
           "Informations de diagnostic pour les administrateurs :", "Serveur de génération :", "En-têtes de message d'origine :"),
    "es": ("No se puede entregar: ", "Error en la entrega a estos destinatarios o grupos:",
           "No se encontró la dirección de correo electrónico que escribió. Compruebe la dirección del destinatario e intente volver a enviar el mensaje.",
           "Información de diagnóstico para administradores:", "Servidor de generación:", "Encabezados originales del mensaje:"),
    "pt": ("Não entregue: ", "Falha na entrega a estes destinatários ou grupos:",
           "O endereço de email que você inseriu não pôde ser encontrado. Verifique o endereço de email do destinatário e tente reenviar a mensagem.",
           "Informações de diagnóstico para administradores:", "Servidor de geração:", "Cabeçalhos da mensagem original:"),
    "ru": ("Недоставляемое сообщение: ", "Не удалось доставить сообщение следующим получателям или группам:",
           "Указанный адрес электронной почты не найден. Проверьте адрес получателя и попробуйте отправить сообщение еще раз.",
           "Диагностические сведения для администраторов:", "Создающий сервер:", "Заголовки исходного сообщения:"),
    "ja": ("配信不能: ", "次の受信者またはグループへの配信に失敗しました:",
           "入力したメール アドレスが見つかりませんでした。受信者のメール アドレスを確認して、メッセージを再送信してください。",
           "管理者向けの診断情報:", "生成サーバー:", "元のメッセージ ヘッダー:"),
}


def exchange(rng, server: Server, spam: Spam, when: datetime, delay: bool = False, lang: str = "en",
             o365: bool = False, outlookcom: bool = False) -> Notice:
    words = EXCHANGE_WORDS[lang]
    internal = f"{rng.choice(['EXCH', 'MBX', 'SRV-EX'])}{rng.randint(1, 9):02d}.{server.domain.split('.')[0]}.local"
    if o365 or outlookcom:
        internal = f"{rng.choice(['AM6PR', 'DB8PR', 'BN8PR', 'VI1PR'])}0{rng.randint(1, 9)}MB{rng.randint(1000, 9999)}.{rng.choice(['eurprd05', 'namprd12'])}.prod.outlook.com"
    extra = [("X-MS-Exchange-Message-Is-Ndr", ""), ("Content-Language", {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "pt": "pt-BR", "ru": "ru-RU", "ja": "ja-JP"}[lang]),
             ("X-MS-Has-Attach", "yes"), ("X-MS-Exchange-Organization-SCL", "-1"), ("Thread-Topic", encoded_word(spam.subject))]
    frm = (f"Microsoft Outlook <MAILER-DAEMON@{server.domain}>" if o365 else
           f"postmaster@{server.domain}" if outlookcom else f"{encoded_word('Microsoft Outlook')} <postmaster@{server.domain}>")
    if delay:
        reason, status, diag = "networkerror", "4.4.7", "400 4.4.7 Message delayed"
        text = (f"Delivery is delayed to these recipients or groups:\n\n{spam.target}\n\nSubject: {spam.subject}\n\n"
                "This message hasn't been delivered yet. Delivery will continue to be attempted.\n\n"
                "The server will keep trying to deliver this message for the next 1 days, 19 hours and 54 minutes. You'll be notified if the message can't be delivered by that time.\n\n"
                f"{words[3]}\n\n{words[4]} {internal}\nReceiving server: {server.mx}\n\n{spam.target}\nRemote Server returned '{diag}'\n")
        subject, style, action = "Delivery delayed:" + encoded_word(spam.subject), "exchange-delay", "delayed"
    else:
        reason, status, diag = pick_failure(rng, spam, server)
        if reason == "userunknown":
            status, diag = "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"
        if o365 and rng.random() < 0.3:
            reason, status, diag = "securityerror", "5.7.520", "550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your administrator for further assistance. AS(7555)"
        if o365:
            text = (f"Your message to {spam.target} couldn't be delivered.\n\n{spam.target.split('@')[0]} wasn't found at {server.domain}.\n\n"
                    f"Action Required\t\t\tRecipient\nUnknown To address\n\nHow to Fix It\nThe address may be misspelled or may not exist.\n\n"
                    f"More Info for Email Admins\nStatus code: {status}\n\n{words[3]}\n\n{words[4]} {internal}\n{spam.target}\nRemote Server returned '{diag}'\n\n{words[5]}\n\n{spam.headers}")
        else:
            text = (f"{words[1]}\n\n{spam.target}\n{words[2]}\n\n{words[3]}\n\n{words[4]} {internal}\n\n{spam.target}\n"
                    f"Remote Server returned '{diag}'\n\n{words[5]}\n\n{spam.headers}")
        subject, style, action = words[0] + spam.subject, ("o365" if o365 else "outlookcom" if outlookcom else f"exchange-{lang}"), "failed"
    b = f"_{token(rng, 3)}_{token(rng, 30)}_"
    alt = f"_{token(rng, 3)}_{token(rng, 30)}_"
    html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>" + \
        "".join(f"<p>{line}</p>" for line in text.split("\n\n")[:8]) + "</body></html>"
    first = (f"Content-Type: multipart/alternative;\n\tboundary=\"{alt}\"\n\n--{alt}\nContent-Type: text/plain; charset=\"utf-8\"\n"
             f"Content-Transfer-Encoding: base64\n\n{b64(text)}\n--{alt}\nContent-Type: text/html; charset=\"utf-8\"\n"
             f"Content-Transfer-Encoding: base64\n\n{b64(html)}\n--{alt}--\n")
    carry = "headers" if delay or o365 or rng.random() < 0.4 else "rfc822"
    fields = _dsn_fields(internal, spam, [(spam.target, action, status, diag)], when, f"Received-From-MTA: dns;{server.mx}\n")
    parts = [f"--{b}\n{first}", f"--{b}\nContent-Type: message/delivery-status\n\n{fields}\n"]
    parts.append(f"--{b}\nContent-Type: message/rfc822\n\n{spam.raw}\n" if carry == "rfc822"
                 else f"--{b}\nContent-Type: text/rfc822-headers\n\n{spam.headers}\n")
    body = "".join(parts) + f"--{b}--\n"
    return Notice(frm, encoded_word(subject) if not subject.startswith("Delivery delayed") else subject,
                  f"multipart/report; report-type=delivery-status;\n\tboundary=\"{b}\"", body, style, reason, status,
                  spam.target, carry, extra, auto_submitted=False)


def gmail(rng, server: Server, spam: Spam, when: datetime, delay: bool = False) -> Notice:
    b = f"{token(rng, 28, '0123456789abcdef')}"
    if delay:
        text = (f"** Message not delivered yet **\n\nThere was a temporary problem delivering your message to {spam.target}. "
                "Gmail will retry for 45 more hours. You'll be notified if delivery fails permanently.\n\n"
                "The response from the remote server was:\n451 4.3.0 Temporary server error. Please try again later.\n")
        reason, status, diag, action, subject = "systemerror", "4.3.0", "451 4.3.0 Temporary server error", "delayed", "Delivery Status Notification (Delay)"
    else:
        reason, status, diag = pick_failure(rng, spam, server)
        text = (f"** Address not found **\n\nYour message wasn't delivered to {spam.target} because the address couldn't be found, "
                "or is unable to receive mail.\n\nLearn more here: https://support.google.com/mail/?p=NoSuchUser\n\n"
                f"The response from the remote server was:\n{diag}\n") if reason == "userunknown" else (
                f"** Message blocked **\n\nYour message to {spam.target} has been blocked. See technical details below for more information.\n\n"
                f"The response from the remote server was:\n{diag}\n")
        action, subject = "failed", "Delivery Status Notification (Failure)"
    fields = _dsn_fields("googlemail.com", spam, [(spam.target, action, status, diag)], when,
                         f"Received-From-MTA: dns; {server.host}\n")
    carry = "headers" if delay else rng.choice(["rfc822", "headers"])
    ctype, body = _report(rng, b, text, fields, spam, carry, "Content-Type: text/plain; charset=\"UTF-8\"\n")
    return Notice(f"Mail Delivery Subsystem <mailer-daemon@googlemail.com>", subject, ctype, body,
                  "gmail-delay" if delay else "gmail", reason, status, spam.target, carry,
                  [("X-Failed-Recipients", spam.target)] if not delay else [])


def domino(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    user = spam.target.split("@")[0]
    why = f"User {user} ({spam.target}) not listed in Domino Directory"
    text = f"Your message\n\n  Subject: {spam.subject}\n\nwas not delivered to:\n\n  {spam.target}\n\nbecause:\n\n  {why}\n"
    b = f"=_mixed {token(rng, 8, '0123456789ABCDEF')}_="
    ctype, body = _report(rng, b, text, _dsn_fields(server.host, spam, [(spam.target, "failed", "5.0.0", "")], when), spam, "rfc822")
    return Notice(f"Postmaster@{server.domain}", f"DELIVERY FAILURE: {why}", ctype, body, "domino", "userunknown", "5.1.1",
                  spam.target, "rfc822", auto_submitted=False)


def mdaemon(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    text = ("The attached message had PERMANENT fatal delivery errors!\n\nAfter one or more unsuccessful delivery attempts the attached message has been removed from the MDaemon mail queue on this server.  The number and frequency of delivery attempts are determined by local configuration parameters.\n\n"
            "YOU DO NOT NEED TO RESEND THE MESSAGE.  MDaemon has already made multiple attempts to deliver this message.\n\n"
            f"--- Session Transcript ---\n Attempting SMTP connection to [{server.mx}]\n Waiting for protocol to start...\n"
            f" <-- 550 5.1.1 <{spam.target}>... User unknown\n--- End Transcript ---\n\nFailed address: {spam.target}\n")
    b = f"{token(rng, 8)}-MDaemon"
    body = f"--{b}\nContent-Type: text/plain\n\n{text}\n--{b}\nContent-Type: message/rfc822\n\n{spam.raw}\n--{b}--\n"
    return Notice(f"MDaemon@{server.host}", "Permanent Delivery Failure", f"multipart/mixed; boundary=\"{b}\"", body, "mdaemon",
                  "userunknown", "5.1.1", spam.target, "rfc822", [("X-MDDSN-Message", "Yes")])


def courier(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    text = (f"This is a delivery status notification from {server.host},\nrunning the Courier mail server, version 1.1.8.\n\n"
            f"The original message was received on {rfc2822(spam.sent)}\nfrom {server.mx}\n\n"
            "---------------------------------------------------------------------------\n\n                           UNDELIVERABLE MAIL\n\n"
            f"Your message to the following recipients cannot be delivered:\n\n<{spam.target}>:\n    {server.mx}:\n"
            f">>> RCPT TO:<{spam.target}>\n<<< 550 5.1.1 User unknown\n")
    ctype, body = _report(rng, f"={server.host}-{token(rng, 10, '0123456789')}", text,
                          _dsn_fields(server.host, spam, [(spam.target, "failed", "5.1.1", "550 5.1.1 User unknown")], when), spam, "headers")
    return Notice(f"Courier mail server at {server.host} <@>", "NOTICE: mail delivery status.", ctype, body, "courier",
                  "userunknown", "5.1.1", spam.target, "headers")


def smartermail(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    body = (f"<{server.host}>\nCould not deliver message to the following recipient(s):\n\nFailed Recipient: {spam.target}\n"
            f"Reason: Remote host said: 550 5.2.2 Mailbox full\n\n   -- The header and top 20 lines of the message follows --\n\n{spam.raw[:3000]}")
    return Notice(f"postmaster@{server.domain}", "Undeliverable Mail", "text/plain; charset=utf-8", body, "smartermail",
                  "mailboxfull", "5.2.2", spam.target, "inline", auto_submitted=False)


def hmailserver(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    body = (f"Your message did not reach some or all of the intended recipients.\n\n   Sent: {rfc2822(spam.sent)}\n   Subject: {spam.subject}\n\n"
            f"The following recipient(s) could not be reached:\n\n{spam.target}\n   Error Type: SMTP\n   Remote server (10.0.0.{rng.randint(2, 99)}) issued an error.\n"
            f"   hMailServer sent: RCPT TO:<{spam.target}>\n   Remote server replied: 550 5.1.1 User unknown\n\nhMailServer\n")
    return Notice(f"mailer-daemon@{server.domain}", f"Message undeliverable: {spam.subject}", "text/plain; charset=utf-8",
                  body, "hmailserver", "userunknown", "5.1.1", spam.target, "none", auto_submitted=False)


def communigate(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    b = f"_===={token(rng, 8, '0123456789')}====={server.host}===_"
    text = (f"Failed to deliver to '<{spam.target}>'\nLOCAL module(account {spam.target.split('@')[0]}) reports:\n account is full (quota exceeded)\n")
    body = f"--{b}\nContent-Type: text/plain; charset=us-ascii\n\n{text}\n--{b}\nContent-Type: text/rfc822-headers\n\n{spam.headers}\n--{b}--\n"
    return Notice(f"MAILER-DAEMON@{server.host}", f"Undeliverable mail: {spam.subject}", f"multipart/mixed; boundary=\"{b}\"",
                  body, "communigate", "mailboxfull", "5.2.2", spam.target, "headers")


def mailenable(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    b = f"MEBOUNDARY{token(rng, 12, '0123456789')}"
    text = (f"MailEnable: Message Delivery Failure.\n\nThe following recipient(s) could not be reached:\n\n\tRecipient: [SMTP:{spam.target}]\n"
            "\tReason: The message could not be delivered because the recipient's mailbox does not exist.\n")
    body = f"--{b}\nContent-Type: text/plain\n\n{text}\n--{b}\nContent-Type: message/rfc822\n\n{spam.raw}\n--{b}--\n"
    return Notice(f"POSTMASTER@{server.domain}", "Message Delivery Failure", f"multipart/mixed; boundary=\"{b}\"", body,
                  "mailenable", "userunknown", "5.1.1", spam.target, "rfc822", auto_submitted=False)


def opensmtpd(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    body = ("Hi!\n\nThis is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\nAn error has occurred while attempting to deliver a message for\n"
            f"the following list of recipients:\n\n{spam.target}: 550 5.1.1 Invalid recipient\n\nBelow is a copy of the original message:\n\n{spam.raw}")
    return Notice(f"Mailer Daemon <MAILER-DAEMON@{server.host}>", "Delivery status notification: error", "text/plain; charset=us-ascii",
                  body, "opensmtpd", "userunknown", "5.1.1", spam.target, "inline")


# Providers with their own wording (no product of the vocabulary: labelled product null)
def gmx(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    body = ("This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\n"
            f"its recipients. This is a permanent error. The following address(es)\nfailed:\n\n{spam.target}:\n"
            f"SMTP error from remote server for RCPT TO command, host: mx00.{rng.choice(['t-online.de', 'freenet.de'])} ({ '194.25.134.' + str(rng.randint(8, 9))}) "
            "reason: 550 5.1.1 Recipient address rejected: mailbox unavailable\n\n\n--- The header of the original message is following. ---\n\n" + spam.headers)
    return Notice(f"\"Mail Delivery System\" <mailer-daemon@{server.domain.replace('.de', '.net') if 'gmx' in server.domain else server.domain}>",
                  "Mail delivery failed: returning message to sender", "text/plain; charset=utf-8", body, "gmx", "userunknown", "5.1.1",
                  spam.target, "inline")


def mailru(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    body = ("This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\n"
            f"recipients. This is a permanent error. The following address(es) failed:\n\n  {spam.target}\n    SMTP error from remote mail server after end of data:\n"
            f"    host mxs.mail.ru [94.100.180.31]: 550 Message was not accepted -- invalid mailbox.  Local mailbox {spam.target} is unavailable: account is disabled\n\n"
            f"------ This is a copy of the message, including all the headers. ------\n\n{spam.raw}")
    return Notice("Mail Delivery System <MAILER-DAEMON@corp.mail.ru>", "Mail failure.", "text/plain; charset=utf-8", body, "mailru",
                  "suspend", "5.2.1", spam.target, "inline", [("X-Failed-Recipients", spam.target)])


def yandex(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    b = _boundary(rng, server.host)
    text = (f"Это письмо отправлено почтовой системой на {server.host}.\n\nК сожалению, ваше письмо не может быть доставлено одному или нескольким "
            "получателям. Оно прилагается ниже.\n\n"
            f"This is the mail system at host {server.host}.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
            f"<{spam.target}>: host mx.{spam.target.split('@')[1]} said: 552 5.2.2 Mailbox size limit exceeded\n")
    th = "Content-Description: Notification\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n"
    parts = f"--{b}\n{th}\n{b64(text)}\n"
    fields = _dsn_fields(server.host, spam, [(spam.target, "failed", "5.2.2", "smtp; 552 5.2.2 Mailbox size limit exceeded")], when)
    body = (parts + f"--{b}\nContent-Type: message/delivery-status\n\n{fields}\n--{b}\nContent-Type: text/rfc822-headers\n\n{spam.headers}\n--{b}--\n")
    return Notice("mailer-daemon@yandex.ru", encoded_word("Недоставленное сообщение"), f"multipart/report; report-type=delivery-status;\n\tboundary=\"{b}\"",
                  body, "yandex", "mailboxfull", "5.2.2", spam.target, "headers")


def orange(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    text = ("Ce message a été généré automatiquement par le serveur de messagerie.\n\nVotre message n'a pas pu être remis aux destinataires suivants :\n\n"
            f"{spam.target}\n    Raison : 550 5.1.1 Adresse destinataire inconnue / Unknown recipient\n\n"
            f"--- Voici une copie des en-têtes du message d'origine ---\n\n{spam.headers}")
    return Notice(f"Mail Delivery Subsystem <MAILER-DAEMON@{server.host}>", encoded_word("Échec de la remise du message", "iso-8859-1"),
                  "text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit", text, "orange", "userunknown", "5.1.1", spam.target, "inline")


def libero(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    text = ("Il messaggio che hai inviato non è stato recapitato ai seguenti destinatari:\n\n"
            f"{spam.target}\n  Motivo: 552 casella piena / mailbox full\n\nIl messaggio originale è allegato.\n")
    b = f"----=_{token(rng, 16)}"
    body = (f"--{b}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
            f"{text.replace('è', '=C3=A8')}\n--{b}\nContent-Type: message/rfc822\n\n{spam.raw}\n--{b}--\n")
    return Notice(f"Mail Delivery System <postmaster@{server.domain}>", "Messaggio non recapitato", f"multipart/mixed; boundary=\"{b}\"",
                  body, "libero", "mailboxfull", "5.2.2", spam.target, "rfc822")


def chinese(rng, server: Server, spam: Spam, when: datetime, qq: bool = True) -> Notice:
    """QQ Mail's and NetEase/Coremail's HTML-only bounces."""
    html = ("<html><body><div>很抱歉您发送的邮件被退回，以下是该邮件的相关信息：</div><table>"
            f"<tr><td>被退回的邮件</td><td>主　题：{spam.subject}<br>时　间：{rfc2822(spam.sent)}</td></tr>"
            f"<tr><td>无法到达的收件人</td><td>{spam.target}</td></tr>"
            "<tr><td>退信原因</td><td>收件人邮箱不存在 (550 Mailbox not found or access denied)</td></tr></table></body></html>") if qq else (
            f"<html><body><p>抱歉，您的邮件被退回来了……</p><p>原邮件信息：<br>时　间：{rfc2822(spam.sent)}<br>主　题：{spam.subject}<br>收件人：{spam.target}</p>"
            "<p>退信原因：对方邮箱地址不存在。User not found (550 5.1.1)</p><p>您可以用以下方法重新发送或寻求帮助……</p></body></html>")
    style = "qq" if qq else "coremail"
    return Notice(f"{encoded_word('系统退信') if qq else 'Postmaster'} <{'MAILER-DAEMON@qq.com' if qq else 'postmaster@' + server.domain}>",
                  encoded_word("系统退信" if qq else "系统退信/Systematic bounce"), "text/html; charset=\"utf-8\"\nContent-Transfer-Encoding: base64",
                  b64(html), style, "userunknown", "5.1.1", spam.target, "none", auto_submitted=False)


def icloud(rng, server: Server, spam: Spam, when: datetime) -> Notice:
    b = _boundary(rng)
    text = (f"Your message could not be delivered to the following recipient:\n\n{spam.target}\n\nReason: 552 5.2.2 <{spam.target}>: user is over quota\n")
    ctype, body = _report(rng, b, text, _dsn_fields(server.host, spam, [(spam.target, "failed", "5.2.2", "552 5.2.2 user is over quota")], when), spam, "headers")
    return Notice(f"Mail Delivery System <MAILER-DAEMON@{server.host}>", "Undelivered Mail Returned to Sender", ctype, body, "icloud",
                  "mailboxfull", "5.2.2", spam.target, "headers")


def write(rng: random.Random, server: Server, spam: Spam, when: datetime, delay: bool = False) -> Notice:
    """The notice this server's software writes about this spam (a delay warning when delay)."""
    s = server.style
    if s.startswith("postfix") or s == "zimbra-postfix":
        return postfix(rng, server, spam, when, delay, "de" if s == "postfix-de" else "en")
    if s.startswith("exim"):
        return exim(rng, server, spam, when, delay, cpanel=s == "exim-cpanel")
    if s == "sendmail":
        return sendmail(rng, server, spam, when, delay)
    if s.startswith("exchange") or s in ("o365", "outlookcom"):
        lang = s.split("-")[1] if "-" in s else "en"
        return exchange(rng, server, spam, when, delay, lang, o365=s == "o365", outlookcom=s == "outlookcom")
    if s == "gmail":
        return gmail(rng, server, spam, when, delay)
    one_shot = {"sendmail-ja": lambda: sendmail_ja(rng, server, spam, when), "br-isp": lambda: uol(rng, server, spam, when),
                "qmail": lambda: qmail(rng, server, spam, when), "yahoo": lambda: qmail(rng, server, spam, when, yahoo=True),
                "domino": lambda: domino(rng, server, spam, when), "mdaemon": lambda: mdaemon(rng, server, spam, when),
                "courier": lambda: courier(rng, server, spam, when), "smartermail": lambda: smartermail(rng, server, spam, when),
                "hmailserver": lambda: hmailserver(rng, server, spam, when), "communigate": lambda: communigate(rng, server, spam, when),
                "mailenable": lambda: mailenable(rng, server, spam, when), "opensmtpd": lambda: opensmtpd(rng, server, spam, when),
                "gmx": lambda: gmx(rng, server, spam, when), "mailru": lambda: mailru(rng, server, spam, when),
                "yandex": lambda: yandex(rng, server, spam, when), "orange": lambda: orange(rng, server, spam, when),
                "libero": lambda: libero(rng, server, spam, when), "qq": lambda: chinese(rng, server, spam, when, True),
                "coremail": lambda: chinese(rng, server, spam, when, False), "icloud": lambda: icloud(rng, server, spam, when)}
    return one_shot[s]()


DELAY_CAPABLE = ("postfix", "postfix-de", "zimbra-postfix", "exim", "exim-cpanel", "sendmail", "exchange", "exchange-de",
                 "exchange-fr", "o365", "gmail")
