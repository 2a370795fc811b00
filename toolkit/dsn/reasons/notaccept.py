"""notaccept: the destination does not accept mail at all (null MX, no MX and no address).

Status codes: X.1.10 recipient address has null MX (RFC 7505), X.3.2 system not accepting network
messages (RFC 3463), X.7.27 sender address has null MX (RFC 7505). Reply codes: 556 domain does not accept
mail (RFC 7504), 521. Phrases: qmail ("couldn't find a mail exchanger"), Gmail ("doesn't receive
email").
"""

NAME = "notaccept"
PSEUDO = "932"  # Sisimai's pseudo status X.0.932 when the notice has no code
STATUS = ("1.10", "3.2", "7.27")  # subject.detail of permanent codes that name it
REPLY = ("521", "556")  # RFC 5321 basic reply code, when nothing else speaks: 521 / 556 domain does not accept mail, RFC 7504
PHRASES = (
    r"no mx",  # OpenSMTPD "No MX found for domain"
    r"does not accept (e?-?mail|messages)",
    r"null mx",
    r"no smtp service",
    r"couldn't find a mail exchanger",  # qmail-remote "Sorry, I couldn't find a mail exchanger or IP address"
    r"doesn't (receive|accept) (e?-?mail|mail)",
    r"not accepting mail",
    r"mail is not accepted",
)
