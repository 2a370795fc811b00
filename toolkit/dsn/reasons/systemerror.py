"""systemerror: the receiving mail system failed for a reason of its own (configuration, a directory
lookup, a loop it detected, an internal error), not because of the message or the recipient.

Status codes (RFC 3463): X.1.9 message relayed to non-compliant mailer (RFC 3886), X.3.0 other mail system
status, X.3.3 system not capable of selected features, X.3.5 system incorrectly configured, X.4.3 directory
server failure, X.5.4 invalid command arguments, X.5.5 wrong protocol version.
Reply codes (RFC 5321): 451 local error in processing, 421 service not available.
"""

NAME = "systemerror"
PSEUDO = "930"  # Sisimai's pseudo status X.0.930 when the notice has no code
STATUS = ("1.9", "3.0", "3.3", "3.5", "4.3", "5.4", "5.5")  # subject.detail of permanent codes that name it
REPLY = ("451",)  # RFC 5321 basic reply code, when nothing else speaks: 451 requested action aborted: local error in processing
PHRASES = (
    r"ldap server",  # qmail-ldap "Unable to contact LDAP server"
    r"system error",
    r"temporary system problem",  # Gmail 421 4.3.0 / 4.7.0 "Temporary System Problem. Try again later"
    r"loop alert",  # fml "Loop Alert: Duplicated Message-ID"
    r"duplicated message-id",  # fml "Loop Alert: Duplicated Message-ID"
    r"transaction failed",
    r"ldap",
    r"internal (server )?error",
    r"local error",
    r"(does not|doesn.t) support (tls|starttls)",  # Gmail "Remote server does not support TLS"
    r"service (is )?(currently )?(unavailable|not available|refused)",  # RFC 5321 421 "Service not available"
    r"configuration error",  # Postfix "mail system configuration error", Exim "configuration error"
)
