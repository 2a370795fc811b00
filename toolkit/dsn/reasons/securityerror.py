"""securityerror: a security requirement was not met: authentication required, TLS or certificate
problems, cryptographic failures.

Status codes (RFC 3463 / RFC 4954 / RFC 5248): X.7.2 mailing list expansion prohibited ... X.7.19, except
those other modules name (X.7.13 suspend, X.7.16 mesgtoobig, X.7.17/18 hasmoved): X.7.3 security
conversion, X.7.4 security features not supported, X.7.5 cryptographic failure, X.7.6 algorithm not
supported, X.7.7 message integrity failure, X.7.8 credentials invalid, X.7.9 mechanism too weak, X.7.10/11
encryption needed, X.7.12 password transition, X.7.14 trust relationship, X.7.15 priority too low, X.7.19
RRVS. X.7.0 ("other security status") and X.7.1 ("delivery not authorized") are too general: the
words decide, and securityerror is their last resort.
"""

NAME = "securityerror"
PSEUDO = "970"  # Sisimai's pseudo status X.0.970 when the notice has no code
STATUS = ("7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9", "7.10", "7.11", "7.12", "7.14", "7.15", "7.19")  # subject.detail of permanent codes that name it
PHRASES = (
    r"authentication required",  # RFC 4954 530 5.7.0 "Authentication required"
    r"unauthenticated",
    r"not authori[sz]ed",
    r"senders? not allowed",
    r"authrequired",  # Exchange RESOLVER.RST.AuthRequired
    r"security",
    r"certificate",
)
