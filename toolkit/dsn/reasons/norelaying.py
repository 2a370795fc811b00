"""norelaying: the server will not relay for the sender: the recipient's domain is not one it serves.

Status codes: X.7.1 with "relaying denied" wording (RFC 3463: "delivery not authorized"), Microsoft
5.7.54 / 5.7.64 ("unable to relay"). Reply codes: 550/554 (Postfix "Relay access denied", Sendmail
"Relaying denied", Exchange "Unable to relay").
"""

NAME = "norelaying"
PSEUDO = "909"  # Sisimai's pseudo status X.0.909 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = (
    r"relay(ing)? (access )?(denied|not permitted|prohibited)",
    r"not permitted to relay",
    r"unable to relay",  # Exchange Online 5.7.54 "Unable to relay recipient in non-accepted domain"
    r"relay not permitted",
    r"we do not relay",
    r"email address is not verified",  # Amazon SES "Email address is not verified" (sandbox)
    r"relaying denied",
)
