"""Exchange 2007+ and Office 365 notices in text: "Delivery has failed to these recipients or groups".

Exchange 2013+ and Exchange Online open with "Your message to <addr> couldn't be delivered." and name
their sections "More Info for Email Admins" / "Original Message Details" (Microsoft Learn, "Email
non-delivery reports and SMTP errors in Exchange Online": what's included in an NDR)."""
from ._plain import plain_format

NAME = "exchange2007"
parse = plain_format(NAME, r"Delivery has failed to these recipients or groups|"
                           r"Your message (couldn't|wasn't) be delivered|Diagnostic information for administrators|"
                           r"Your message to [^\s]{1,254} couldn[\u2019']t be delivered|"
                           r"^More Info for Email Admins|^Original Message Details")
REASONS = (
    ("userunknown", r"RecipientNotFound|wasn.t found at the destination domain|returned unknown recipient"),
)
