"""Oracle Communications (Sun Java System, iPlanet) Messaging Server: RFC 3464 notices that begin
"This report relates to a message you sent"."""
from .rfc3464 import product

NAME = "messagingserver"
parse = product(NAME)
