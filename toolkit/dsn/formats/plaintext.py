"""The last resort: a notice from a mail system that no format module claimed.

Only for messages that come from a daemon or the null sender and read like a
delivery failure, so that ordinary mail about bounces stays ham. The recipients
are the items under a failure sentence, else the addresses the text engine
finds, else the returned original's To. A notice that states a failure and names
nobody ("Sorry, that's not a valid user here.") is still a bounce: its recipient
is the person it comes from when that is not a mail system, else unknown.
"""
from __future__ import annotations

import re

from ..context import Context, caseless
from ... import headers as h
from ..model import Bounce, Delivery
from ..inline import split_inline, unquoted
from ..localised import LOCALISED_FAILURE
from ..text import deliveries_from_text
from ._list import failed_list
from ._plain import not_recipients, returned_original

NAME = "plaintext"
# Searched in lower-cased text (caseless): the matches of re.I, faster.
_FAILURE = caseless(r"(could not|couldn't|can ?not|unable to|was not|wasn't|failed to|failure|undeliver|"
                      r"not (be )?delivered|delivery (has )?failed|returned|rejected|error|non-?delivery|"
                      r"permanent|user unknown|not exist|virus|quarantin|blocked)")
_SUBJECT = caseless(LOCALISED_FAILURE + r"|(undeliver|returned mail|delivery (status|fail|problem|notification)|failure notice|"
                      r"mail delivery|non.?delivery|delivery report|error|bounce|failed|mail failure)")
# A delivery failure stated in so many words (RFC 5321/3463 codes, the usual phrases): enough for a
# notice from a mail system that names no address.
_STATED_FAILURE = caseless(
    LOCALISED_FAILURE + r"|not an? (valid|known|existing) (user|recipient|address|mailbox|account)|"
    r"no (such|valid) (user|mailbox|address|account|recipient)|user unknown|unknown (user|recipient|mailbox)|"
    r"(does not|doesn't|did not|didn't) exist|(could not|couldn't|cannot|can't) be delivered|undeliverable|"
    r"delivery (has )?failed|failed to deliver|mailbox (is )?(full|unavailable|disabled)|over ?quota|"
    r"(message|mail) (was |has been )?(rejected|refused|returned)|"
    r"^[ \t]*5\d\d[ -]|\b5\.\d{1,3}\.\d{1,3}\b", re.M)
# A challenge (verify you are a person, be added to an allowed list) is no failure, whatever it says.
_ASKS_TO_VERIFY = caseless(r"verify (that )?you|confirm (that )?you|real person|\bhuman\b|approved senders|"
                             r"white ?list|allowed (senders|list)|challenge|click (here|the|this|on)")
_NOTICE_HEAD = 3000


def parse(ctx: Context) -> Bounce | None:
    if not ctx.from_system:
        return None
    head = ctx.text[:_NOTICE_HEAD].lower()
    bounce_subject = bool(_SUBJECT.search(ctx.subject.lower()))
    stated = bool(_STATED_FAILURE.search(head))
    # A service's report from noreply@ that counts bounces and rejections is no bounce: from a no-reply
    # address (KDDI's au bounces come from one), a bounce subject or a failure stated as such.
    if ctx.only_no_reply and not (bounce_subject or stated):
        return None
    if not (bounce_subject or _FAILURE.search(head) or stated):
        return None
    notice, copy = split_inline(ctx.text)
    original = returned_original(ctx, copy)
    exclude = not_recipients(ctx, original)
    deliveries = failed_list(ctx, notice, exclude, original) or deliveries_from_text(notice, exclude)
    if not deliveries and (_FAILURE.search(head) or _STATED_FAILURE.search(head)):
        text = " ".join(notice.split())[:500]
        named = [a for a in h.addresses(original, "To") if "@" in a and a.lower() not in exclude] \
            if original is not None else []
        # "Delivery report unavailable": the notice names nobody, the returned message does
        if named:
            deliveries = [Delivery(a, "failed", None, None, text) for a in named]
        elif (ctx.null_sender or ctx.from_daemon) and _STATED_FAILURE.search(unquoted(head)) \
                and not _ASKS_TO_VERIFY.search(head):  # stated in its own words, not in a subject it quotes
            deliveries = [Delivery(_refusing_mailbox(ctx, exclude), "failed", None, None, text)]
    if not deliveries:
        return None
    return Bounce(NAME, deliveries, original, copy)


def _refusing_mailbox(ctx: Context, exclude: set[str]) -> str | None:
    """A notice sent from a person's own address (null sender) speaks for that mailbox; one from
    a daemon or postmaster does not say which mailbox refused."""
    address = (ctx.from_addr or "").lower()
    if not address or "@" not in address or ctx.from_daemon or address in exclude:
        return None
    return address
