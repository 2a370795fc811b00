"""Postfix's notice text, when it comes without a delivery-status part: `<addr>: host ... said: ...`."""
from ._plain import plain_format

NAME = "postfix"
parse = plain_format(NAME, r"This is the (Postfix program|mail system) at host")
