"""Mimecast: "An email that you attempted to send to the following address could not be delivered", each
part of the notice on a "-- " line: the address, Mimecast's own summary, then the remote server's reply."""
from ._plain import plain_format

NAME = "mimecast"
parse = plain_format(NAME, r"An email that you attempted to send to the following address|"
                           r"This is an automated alert notification|"
                           r"This is a delivery failure notification message indicating that")
REASONS = (
    ("norelaying", r"unable to relay"),
    ("userunknown", r"recipient email address is possibly incorrect"),
)
