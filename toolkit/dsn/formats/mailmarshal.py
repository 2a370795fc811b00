"""Trustwave MailMarshal: "The following recipients were affected"."""
from ._plain import plain_format

NAME = "mailmarshal"
parse = plain_format(NAME, r"The following recipients were affected|Could not be delivered because of")
