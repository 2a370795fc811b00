"""Microsoft's SMTP service (IIS SMTP, Exchange 2000/2003 routing, Hotmail/MSN of the 2000s):
"This is an automatically generated Delivery Status Notification." then "Delivery to the
following recipients failed." and the recipients indented one per line. The report's
message/delivery-status part often carries no per-recipient block: the list is the record."""
from ._plain import plain_format

NAME = "mssmtp"
parse = plain_format(NAME, r"^\s*Delivery to the following recipients? (failed|was delayed|(has|have) been delayed)"
                           r"\.?\s*$")
