"""undefined: the notice gives no diagnostic at all, or only its own boilerplate.

A "diagnostic" that is the opening sentence of a notice template says nothing about the failure: Postfix's
bounce(5) default template ("This is the mail system at host ..."), Gmail's DSN ("This is an automatically
generated Delivery Status Notification"), Exim's ("This message was created automatically by mail
delivery software"), qmail's ("Hi. This is the qmail-send program").
"""

NAME = "undefined"
PSEUDO = "900"  # Sisimai's pseudo status X.0.900 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = (
    r"^this is the mail system at host",
    r"^this is an automatically generated delivery status notification",
    r"^this message was created automatically by mail delivery software",
    r"^hi\. this is the qmail-send program",
)
