"""Mimecast: "An email that you attempted to send to the following address could not be delivered"."""
from ._plain import plain_format

NAME = "mimecast"
parse = plain_format(NAME, r"An email that you attempted to send to the following address|This is an automated alert notification")
