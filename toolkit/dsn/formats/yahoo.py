"""Yahoo! Mail: "Sorry, we were unable to deliver your message to the following address"."""
from ._plain import plain_format

NAME = "yahoo"
parse = plain_format(NAME, r"Sorry, we were unable to deliver your message|Message from [ \t]*[\w.-]+\.[ \t]*\n\s*Unable to deliver message")
