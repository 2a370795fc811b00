"""Challenge-response systems: they hold mail from unknown senders and ask the (forged) sender to prove itself."""
from __future__ import annotations

import random
from datetime import datetime

from .bounces import Notice
from .spam import Spam
from .world import token

PRODUCT = {"boxbe": "boxbe", "spamarrest": "spamarrest", "choicemail": "choicemail", "boxtrapper": "boxtrapper",
           "mailinblack": "mailinblack", "tmda": "tmda"}


def challenge(rng: random.Random, style: str, host: str, spam: Spam, when: datetime) -> Notice:
    person = spam.target
    refs = [("In-Reply-To", f"<{spam.message_id}>")]
    if style == "boxbe":
        body = (f"Hello {spam.from_addr},\n\nYou will not receive any more courtesy notices from our members for two days. Messages you have sent will remain in a lower priority mailbox for our member to review at their leisure.\n\n"
                f"Future messages will be more likely to be viewed if you are on our member's priority Guest List.\n\nThank you,\n{person}\n\n"
                f"Powered by Boxbe -- \"End Email Overload\"\nVisit http://www.boxbe.com/how-it-works?tc={token(rng, 10, '0123456789')}\n")
        return Notice("notify@boxbe.com", f"Request to join {person.split('@')[0]}'s Guest List", "text/plain; charset=utf-8", body, style,
                      "vacation", None, person, "none", refs + [("X-Boxbe-Notification", "true")])
    if style == "spamarrest":
        body = (f"Hello,\n\nI apologize for this automatic reply to your email.\n\nTo control spam, I now allow incoming messages only from senders I have approved beforehand.\n\n"
                f"If you would like to be added to my list of approved senders, please fill out the short request form (see link below). Once I approve you, I will receive your original message in my inbox. You do not need to resend your message. I apologize for this one-time inconvenience.\n\n"
                f"Click the link below to fill out the request:\n\nhttps://www.spamarrest.com/a2?{token(rng, 40)}\n")
        return Notice(f"{person} <{person}>", f"Re: {spam.subject} [Verify to deliver]", "text/plain; charset=utf-8", body, style,
                      "vacation", None, person, "none", refs + [("X-SpamArrest-Response", "true")], auto_submitted=False)
    if style == "choicemail":
        body = (f"I apologize for this automatic reply to your email.\n\nTo control spam, I now allow incoming messages only from senders I have approved beforehand.\n\n"
                f"If you would like to be added to my list of approved senders, please fill out the short request form (see link below).\n\n"
                f"http://{host}/ChoiceMail/register?{token(rng, 30)}\n\nChoiceMail One - DigiPortal Software\n")
        return Notice(person, f"Re: {spam.subject} [ChoiceMail registration request]", "text/plain", body, style, "vacation", None,
                      person, "none", refs, auto_submitted=False)
    if style == "boxtrapper":
        body = (f"The message you sent requires that you verify that you are a real live human being and not a spam source.\n\n"
                f"To complete this verification, simply reply to this message and leave the subject line intact or click the link below:\n\n"
                f"https://{host}:2096/cgi-sys/bxd.cgi?a={person}&verify={token(rng, 40)}\n\n"
                f"The headers of the message sent from your address are shown below:\n\n{spam.headers}")
        return Notice(person, f"verify#{token(rng, 40, '0123456789abcdef')}", "text/plain", body, style, "vacation", None, person, "inline",
                      refs, auto_submitted=False)
    if style == "mailinblack":
        body = (f"Bonjour,\n\nVotre message à destination de {person} est en attente. Pour le délivrer, merci de confirmer que vous n'êtes pas un robot en cliquant sur le lien ci-dessous :\n"
                f"https://auth.mailinblack.com/?id={token(rng, 32)}\n\nHello, your message to {person} is pending. Please confirm you are human by clicking the link above.\n")
        return Notice(f"Mailinblack <noreply@mailinblack.com>", "Validez votre message / Please validate your message", "text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit",
                      body, style, "vacation", None, person, "none", refs + [("X-Mailinblack", "challenge")])
    body = (f"Your message to {person} has been held because your address is not on the recipient's whitelist.\n\n"
            f"To release your message for delivery, please reply to this confirmation request.\n\n--- Enclosed is a copy of the request I received.\n\n{spam.headers}")
    return Notice(f"{person.split('@')[0]}-confirm+{token(rng, 20, '0123456789abcdef')}@{person.split('@')[1]}",
                  f"Please confirm your message: {spam.subject}", "text/plain", body, "tmda", "vacation", None, person, "inline",
                  refs + [("X-Delivery-Agent", "TMDA/1.1.12 (Macallan)")])
