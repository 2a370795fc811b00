"""PowerMTA (bulk senders): RFC 3464 notices with X-PowerMTA-* fields; its own bounce category
(X-PowerMTA-BounceCategory) is read by the RFC 3464 reader and decides the reason."""
from .rfc3464 import product

NAME = "powermta"
parse = product(NAME)
