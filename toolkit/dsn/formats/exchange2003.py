"""Exchange 2000/2003: "did not reach the following recipient(s)", then `addr on DATE` and the reason."""
from ._plain import plain_format

NAME = "exchange2003"
parse = plain_format(NAME, r"did not reach the following recipient\(s\)|The following recipient\(s\) could not be reached")
REASONS = (
    ("userunknown", r"recipient name is not recognized|e-?mail account does not exist at the organi[sz]ation"),
)
