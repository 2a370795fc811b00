"""requireptr: the sending IP has no reverse DNS (PTR) record, or it does not match its HELO name.

Status codes: X.7.25 reverse DNS validation failed (RFC 7372).
Reply codes: 450/550 (Postfix reject_unknown_client_hostname "cannot find your hostname",
reject_unknown_reverse_client_hostname). Phrases: Postfix, Gmail ("does not have a PTR record"),
Microsoft ("reverse DNS").
"""

NAME = "requireptr"
PSEUDO = "973"  # Sisimai's pseudo status X.0.973 when the notice has no code
STATUS = ("7.25",)  # subject.detail of permanent codes that name it
PHRASES = (
    r"ip name lookup failed",  # the name (PTR) of the client IP could not be looked up
    r"reverse dns",
    r"\bptr\b",
    r"reverse (lookup|address|hostname)",
    r"\brdns\b",
    r"cannot find your hostname",
    r"hostname (lookup|verification) failed",
    r"client host .{0,80} (ptr|reverse)",
    r"unresolvable (ip|host)",
    r"ip address sending this message does not have",  # Gmail 5.7.25 (Gmail SMTP errors)
    r"connection refused by reverse",
    r"mismatches client ip",
)
