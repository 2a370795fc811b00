"""policyviolation: the receiver's local policy refused the message (header rules, protocol
violations, "denied by policy"), without saying spam, virus or sender.

Status codes: none of their own (X.7.0/X.7.1/X.7.9 with policy wording, Yahoo's 5.7.9 "Message not
accepted for policy reasons").
"""

NAME = "policyviolation"
PSEUDO = "972"  # Sisimai's pseudo status X.0.972 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
# Exchange Online 5.7.900-999: a mail flow (transport) rule configured to reject the message (Microsoft Learn,
# "Mail flow rule actions in Exchange Online").
STATUS_RANGES = (("5.7", 900, 999),)
PHRASES = (
    r"administrative prohibition",  # Exim's default ACL refusal text (Exim spec, "Access control lists")
    r"polic(y|ies)",
    r"header error",
    r"protocol violation",  # Gmail 451 4.5.0 "SMTP protocol violation"
    r"not accepted for policy",
    r"administratively (denied|prohibited|rejected)",  # "sorry, your mail was administratively denied. (#5.7.1)"
    # A site's attachment policy: Gmail 552 5.7.0 "Our system detected an illegal attachment on your message" and
    # "blocked because its content presents a potential security issue" (Gmail SMTP errors), Exim's documented
    # ACL example "This message has been rejected because it has a potentially executable attachment".
    r"(illegal|prohibited|forbidden|banned|executable|dangerous) attachment",
    r"attachment (type )?(is )?not (allowed|permitted)",
    r"content presents a potential security issue",
)
