"""Novell (Micro Focus) GroupWise Internet Agent: "Message status - undeliverable", then
"The message that you sent was undeliverable to the following:" and one indented address per line,
often with the cause in parentheses."""
from ._plain import plain_format

NAME = "groupwise"
parse = plain_format(NAME, r"The message that you sent was undeliverable to the following|"
                           r"^Message status - undeliverable")
REASONS = (
    ("userunknown", r"^\(?user not found\b|\(user not found\)"),
    ("mailboxfull", r"^\(?mailbox full\b|mailbox is full"),
)
