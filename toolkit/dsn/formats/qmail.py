"""qmail and its descendants (netqmail, vpopmail, Yahoo! Japan's qmail): `<addr>:` then the reason."""
from ._plain import plain_format

NAME = "qmail"
parse = plain_format(NAME, r"This is the qmail-send program|qmail-send program at|"
                           r"I'm afraid I wasn't able to deliver your message|invoked (for|from) bounce",
                     original=r"^-+ ?Below this line is a copy of the message")
REASONS = (
    ("blocked", r"my name was rejected"),
    ("notaccept", r"couldn.t find a mail exchanger"),
)
