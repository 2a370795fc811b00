"""Novell (Micro Focus) GroupWise Internet Agent: "Message status - undeliverable", then
"The message that you sent was undeliverable to the following:" and one indented address per line,
often with the cause in parentheses. GroupWise 5/6 wrote "The attached file had the following
undeliverable recipient(s):" instead, with "Transfer Status:" under the list."""
from ._plain import plain_format

NAME = "groupwise"
parse = plain_format(NAME, r"The message that you sent was undeliverable to the following|"
                           r"^Message status - undeliverable|"
                           r"had the following undeliverable recipient")
REASONS = (
    ("userunknown", r"^\(?user not found\b|\(user not found\)"),
    ("mailboxfull", r"^\(?mailbox full\b|mailbox is full"),
)
