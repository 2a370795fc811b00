"""Courier mail server: RFC 3464 notices, "This is a delivery status notification from <host>,
running the Courier mail server"."""
from .rfc3464 import product

NAME = "courier"
parse = product(NAME)
