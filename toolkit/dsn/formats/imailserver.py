"""Ipswitch IMail Server: "Unknown user: addr" style lines, then "Original message follows."."""
from ._plain import plain_format

NAME = "imailserver"
parse = plain_format(NAME, r"^Original message follows\.|^(Unknown user|Body of message generated response|"
                           r"Mailbox is full|Host unknown):")
REASONS = (
    ("userunknown", r"^\s*unknown user"),
)
