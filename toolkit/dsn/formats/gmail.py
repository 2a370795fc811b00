"""Gmail and Google Groups: "Delivery to the following recipient failed permanently"."""
from ._plain import plain_format

NAME = "gmail"
parse = plain_format(NAME, r"Delivery to the following recipients? (failed|has been delayed)|"
                           r"Google tried to deliver your message|Technical details of (permanent|temporary) failure|"
                           r"Google Groups|groups\.google\.com")
