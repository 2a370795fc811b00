"""Sendmail's plain-text notices (and old V5 sendmail): addresses under "had permanent fatal errors"."""
from ._plain import plain_format

NAME = "sendmail"
parse = plain_format(NAME, r"(?<!-)-+ ?The following addresses had (permanent fatal|delivery|transient non-fatal) errors|"
                           r"(?<!-)-+ ?Transcript of session follows|(?<!-)-+ ?The following addresses had delivery problems",
                     original=r"^[ \t]*-+ ?(Unsent message follows|Original message follows|Returned message|"
                              r"Message header follows|Below this line is a copy)")
