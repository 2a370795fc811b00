"""Challenge-response systems asking the (forged) sender to prove they are human."""
from __future__ import annotations

import random

from ..mail import Mail, token
from .event import Event, date, display, dsn_fields, plain, report, subject

ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


def choicemail(ev: Event, rng: random.Random) -> Mail:
    """ChoiceMail (DigiPortal): a registration request from the protected mailbox."""
    chosen = rng.choice([f"Re: {ev.orig_subject} [ChoiceMail registration request]", "[ChoiceMail registration request]",
                         f"[ChoiceMail registration request] Re: {ev.orig_subject}"])
    link = f"http://{rng.choice(['register', 'cm'])}.{ev.bouncer.domain}/ChoiceMail/Register.aspx?id={token(rng, 32, ALNUM)}"
    body = (f"Hi,\n\nI'm protecting myself from receiving junk mail. Just this once, click the link below so I can "
            f"receive your email.\n\nClick here to verify your identity:\n{link}\n\nYou won't have to do this again.\n\n"
            f"Your message about \"{ev.orig_subject}\" will be deleted in 4 days if you do not register.\n\n"
            f"This request was sent by ChoiceMail on behalf of {ev.rcpt}.\n")
    return plain([("From", f"{display(ev.rcpt)} <{ev.rcpt}>"), ("To", ev.notify_to), ("Subject", subject(chosen)),
                  ("Date", date(ev, rng)), ("X-Mailer", "ChoiceMail Enterprise 6.1"),
                  ("Message-ID", f"<CM{token(rng, 16, '0123456789ABCDEF')}@{ev.bouncer.domain}>"),
                  ("Auto-Submitted", "auto-replied" if rng.random() < 0.5 else None)], body)


def boxbe(ev: Event, rng: random.Random) -> Mail:
    """Boxbe: the sender is asked to join the recipient's Guest List; some arrive as a delayed DSN (4.7.0)."""
    name = display(ev.rcpt)
    link = f"https://www.boxbe.com/anno?tc={rng.randrange(10**11)}_{rng.randrange(10**9)}&z={token(rng, 40, ALNUM)}"
    human = (f"Hello {ev.notify_to},\n\nYou will not receive any more courtesy notices from our members for two days. "
             f"Messages you have sent will remain in a lower priority mailbox for our member to review at their "
             f"leisure.\n\nYour message about \"{ev.orig_subject}\" to {name} has been waitlisted.\n\n"
             f"Please add yourself to my Guest List so your messages will be delivered to my Inbox. Use the link below.\n"
             f"\nClick to be added to my Guest List\n{link}\n\nThanks,\n{name}\n\nPowered by Boxbe -- \"End Email Overload\"\n")
    top = [("From", f"{name} <{'notify@boxbe.com' if rng.random() < 0.6 else ev.rcpt}>"),
           ("Reply-To", "notify@boxbe.com"), ("To", ev.notify_to),
           ("Subject", subject(f"Request to join {name}'s Guest List")), ("Date", date(ev, rng)),
           ("Message-ID", f"<{rng.randrange(10**9)}.{rng.randrange(10**6)}.{int(ev.when.timestamp() * 1000)}.JavaMail."
                          f"boxbe@boxbe.com>"), ("X-Boxbe-Notify", "true"), ("Auto-Submitted", "auto-replied")]
    if rng.random() < 0.35:
        ev.include = "headers"
        fields = dsn_fields(ev, "boxbe.com", "", action="delayed", status="4.7.0")
        return report(ev, rng, top=top, human=human, fields=fields)
    ev.include = "none"
    return plain(top, human)


def spamarrest(ev: Event, rng: random.Random) -> Mail:
    link = f"https://www.spamarrest.com/a2?{token(rng, 48, ALNUM)}"
    body = (f"Greetings,\n\nYou just sent an email to my Spam Arrest account.\n\nI'm using Spam Arrest to protect my "
            f"inbox from spam. Please click the link below to complete the verification process. You will only have "
            f"to do this once.\n\n{link}\n\nYour message to {ev.rcpt} with subject \"{ev.orig_subject}\" will not be "
            f"delivered until you verify.\n")
    chosen = rng.choice([f"{ev.orig_subject} [Verify to deliver]", f"Re: {ev.orig_subject} [Verify to deliver]",
                         "[Verify to deliver]"])
    return plain([("From", f"{display(ev.rcpt)} <{ev.rcpt}>"), ("Sender", "verify@spamarrest.com"),
                  ("To", ev.notify_to), ("Subject", subject(chosen)), ("Date", date(ev, rng)),
                  ("Message-ID", f"<{token(rng, 20, ALNUM)}@spamarrest.com>"), ("X-Spam-Arrest", "challenge"),
                  ("Auto-Submitted", "auto-replied")], body)


def bluebottle(ev: Event, rng: random.Random) -> Mail:
    link = f"https://www.bluebottle.com/verify.php?m={token(rng, 24, ALNUM)}"
    body = (f"Hello,\n\nThis is an automated reply from the Bluebottle email service on behalf of {ev.rcpt}.\n\n"
            f"Your message \"{ev.orig_subject}\" has been held because you are not on the recipient's list of trusted "
            f"senders. To confirm that you are a person and not a spammer, please visit:\n\n{link}\n")
    return plain([("From", "Bluebottle Verification <verify@bluebottle.com>"), ("To", ev.notify_to),
                  ("Subject", subject(f"Please verify your message to {ev.rcpt}")), ("Date", date(ev, rng)),
                  ("Message-ID", f"<bb-{token(rng, 20, ALNUM)}@bluebottle.com>"), ("Auto-Submitted", "auto-replied")], body)


def sendio(ev: Event, rng: random.Random) -> Mail:
    link = f"https://{ev.bouncer.out_host}/sendio/verify?t={token(rng, 32, ALNUM)}"
    body = (f"Hello,\n\n{ev.rcpt} is protected by Sendio. Your message has been held until you verify your email "
            f"address. This is a one-time process.\n\nTo verify, please click:\n{link}\n\nSubject: {ev.orig_subject}\n")
    return plain([("From", f"{display(ev.rcpt)} <{ev.rcpt}>"), ("To", ev.notify_to),
                  ("Subject", subject(f"Please verify your email address ({ev.orig_subject})")), ("Date", date(ev, rng)),
                  ("X-Sendio", "verification request"),
                  ("Message-ID", f"<sendio.{token(rng, 16, ALNUM)}@{ev.bouncer.out_host}>"),
                  ("Auto-Submitted", "auto-replied")], body)


CHALLENGES = {"choicemail": choicemail, "boxbe": boxbe, "spamarrest": spamarrest, "bluebottle": bluebottle,
              "sendio": sendio}
