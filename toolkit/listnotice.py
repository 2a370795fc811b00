"""A mailing-list manager's notice to a poster about the post it got: an automatic response.

RFC 3834 section 2 keeps a list's own posts out of automatic responses, but a list manager writing to the
(forged) sender of a post it received -- holding it for the moderator, refusing a non-member -- is a
service responding on its own to a message, sent to that message's sender: backscatter, an auto-reply.
Each product is known by its own template, not by the list headers it shares with every post.
"""
from __future__ import annotations

import re

from .dsn import Context

# Mailman 2 (Mailman/Handlers/Hold.py: "Your message to %(listname)s awaits moderator approval", text
# templates/en/postheld.txt: "Your mail to '%(listname)s' with the subject ... Is being held until the list
# moderator can review it for approval.") and Mailman 3 (chains/hold.py: "Your message to $mlist.fqdn_listname
# awaits moderator approval", template list:user:notice:hold with the same sentence).
MAILMAN_HELD_SUBJECT = re.compile(r"^\s*your message to \S[^\n]{0,120} awaits moderator approval\b", re.I)
MAILMAN_HELD_TEXT = re.compile(r"\bis being held until the list moderator can review it for approval\b", re.I)
HELD_TEXT_OPENING = 800
# fml refuses a post from a non-member in its own notice, "You are not a member of this mailing list", with its
# X-MLServer: fml header (Sisimai's Lhost::FML reads the same notice; fml's $NOT_MEMBER handling).
FML_SERVER = re.compile(r"\bfml\b", re.I)
FML_NOT_MEMBER = re.compile(r"\byou are not a member\b", re.I)
FML = "fml"


def held_for_moderator(ctx: Context) -> bool:
    """Mailman's notice that the post waits for the list moderator."""
    if MAILMAN_HELD_SUBJECT.match(ctx.subject):
        return True
    return bool(MAILMAN_HELD_TEXT.search(" ".join(ctx.text[:HELD_TEXT_OPENING].split())))


def fml_refusal(ctx: Context) -> bool:
    """fml refusing a post from a non-member (its subject or its text says so)."""
    if not FML_SERVER.search(str(ctx.msg.get("X-MLServer", ""))):
        return False
    return bool(FML_NOT_MEMBER.search(f"{ctx.subject}\n{ctx.text[:HELD_TEXT_OPENING]}"))


def to_poster(ctx: Context) -> bool:
    """A list manager's own notice to the sender of a post it received."""
    return held_for_moderator(ctx) or fml_refusal(ctx)


def writer(ctx: Context) -> str | None:
    """The product vocabulary's name for the list manager that wrote it (fml), else None (Mailman is not in it)."""
    return FML if fml_refusal(ctx) else None
