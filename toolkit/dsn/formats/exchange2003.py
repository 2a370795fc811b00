"""Exchange 5.5/2000/2003: "Your message did not reach some or all of the intended recipients" /
"did not reach the following recipient(s)", then `addr on DATE` (or, from Exchange 5.5's X.400 side,
a display name on DATE that the returned original's To resolves) and the reason."""
from ._plain import plain_format

NAME = "exchange2003"
parse = plain_format(NAME, r"did not reach the following recipient\(s\)|The following recipient\(s\) could not be reached|"
                           r"did not reach some or all of the intended recipients")
