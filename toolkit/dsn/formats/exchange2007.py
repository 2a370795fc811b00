"""Exchange 2007+ and Office 365 notices in text: "Delivery has failed to these recipients or groups"."""
from ._plain import plain_format

NAME = "exchange2007"
parse = plain_format(NAME, r"Delivery has failed to these recipients or groups|"
                           r"Your message (couldn't|wasn't) be delivered|Diagnostic information for administrators")
REASONS = (
    ("userunknown", r"RecipientNotFound|wasn.t found at the destination domain|returned unknown recipient"),
)
