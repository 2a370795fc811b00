"""authfailure: the message failed the receiver's sender authentication (SPF, DKIM, DMARC, ARC).

Status codes: X.7.20 no passing DKIM signature, X.7.21 no acceptable DKIM signature, X.7.22 no valid
author-matched DKIM signature (RFC 7372), X.7.23 SPF validation failed, X.7.24 SPF validation error
(RFC 7372), X.7.26 multiple authentication checks failed (RFC 7372), X.7.29 ARC validation failure (RFC 8617).
Phrases: Gmail's 5.7.26 ("unauthenticated email ... DMARC"), Microsoft's 5.7.509/5.7.515, Yahoo's
"not accepted due to domain's DMARC policy".
"""

NAME = "authfailure"
PSEUDO = "976"  # Sisimai's pseudo status X.0.976 when the notice has no code
STATUS = ("7.20", "7.21", "7.22", "7.23", "7.24", "7.26", "7.29")  # subject.detail of permanent codes that name it
PHRASES = (
    r"\bdmarc\b",
    r"unauthenticated email",
    r"authentication information",  # Gmail 5.7.1 "does not have authentication information" (Gmail SMTP errors)
    r"\bspf\b.{0,80}\b(fail|record|check)",
    r"\bdkim\b.{0,80}\b(fail|invalid|check)",
    r"sender is unauthenticated",  # Gmail 5.7.26 (Gmail SMTP errors)
    r"does not pass .{0,80}(dmarc|spf|dkim)",
    r"authentication (check )?fail",
    # Gmail 421 4.7.26/4.7.27/4.7.30, 550 5.7.26/5.7.30 "Gmail requires all senders to authenticate with either SPF
    # or DKIM" / "... bulk email senders to authenticate their email with SPF" (Gmail SMTP errors), and 4.7.32
    # "the From: header isn't aligned with either the authenticated SPF or DKIM organizational domain".
    r"senders to authenticate",
    r"aligned with either the authenticated",
    r"blocked for failing both spf and dkim",  # iCloud 554 5.7.1 [HME1] (Apple, "Postmaster information for iCloud Mail")
)
