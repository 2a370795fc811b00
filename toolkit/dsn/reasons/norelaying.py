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
    r"list of allowed rcpthosts",  # qmail-smtpd 553 "sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"
    r"mail relay denied",  # Gmail 550 5.7.0 "Mail relay denied" (Workspace SMTP relay service errors)
    r"invalid credentials for relay",  # Gmail 550 5.7.1 (Workspace SMTP relay service errors)
    # Gmail 550 5.7.1 "The IP you're using to send mail is not authorized to send email directly to our servers.
    # Please use the SMTP relay at your service provider instead" (Gmail SMTP errors): mail that must go through a relay.
    r"not authori[sz]ed to send e?-?mail directly to our servers",
)
