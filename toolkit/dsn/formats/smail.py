"""Smail 3 and Deutsche Telekom's (t-online.de) fork of it: subject "mail failed, returning to sender"
(smail notify.c), the notice in ruled sections, "|---- Message log follows: ----|", "|---- Failed addresses
follow: ----|" with " <addr>" and the refusal indented below it (Telekom) or " addr ... failed: reason"
(Smail), then the original after "|---- Message header follows: ----|" or "|---- Message text follows: ----|"
(Sisimai's Lhost::DeutscheTelekom)."""
from ._plain import plain_format

NAME = "smail"
_RULE = r"^\|-{3,}[ \t]*"
parse = plain_format(NAME, _RULE + r"failed addresses follow:",
                     original=_RULE + r"message (header|text|body) follows:")
