"""qmail and its descendants (netqmail, vpopmail, Yahoo! Japan's qmail) and clones that keep qmail-remote's
words under an opening of their own ("This is the mail delivery agent at", "Unfortunately, your mail was not
delivered to the following address:", Sisimai's Lhost::X4): `<addr>:` then the reason."""
from ._plain import plain_format

NAME = "qmail"
# qmail-remote.c's own sentences ("<host> does not like recipient.", "Giving up on <host>.") and
# qmail-send.c's expiry ("I'm not going to try again; this message has been in the queue too long.").
_QMAIL_REMOTE = r"does not like recipient\.|^giving up on [^\n ]{1,80}\.$|this message has been in the queue too long"
parse = plain_format(NAME, r"This is the qmail-send program|qmail-send program at|"
                           r"I'm afraid I wasn't able to deliver your message|invoked (for|from) bounce|" + _QMAIL_REMOTE,
                     original=r"^-+ ?Below this line is a copy of the message")
REASONS = (
    ("blocked", r"my name was rejected"),
    ("notaccept", r"couldn.t find a mail exchanger"),
)
