"""expired: the sender's MTA gave up after retrying for its queue lifetime.

Status codes (RFC 3463): X.4.1 no answer from host (transient), X.4.7 delivery time expired.
Phrases: Postfix ("delivery temporarily suspended", "message ... too long in the queue"), Exim ("retry
timeout exceeded", "have been failing for a long time"), Sendmail ("Cannot send message for 5 days"),
Exchange ("could not be delivered within"), Gmail ("Delivery incomplete").
"""

NAME = "expired"
PSEUDO = "947"  # Sisimai's pseudo status X.0.947 when the notice has no code
STATUS = ("4.1", "4.7")  # subject.detail of permanent codes that name it
PHRASES = (
    r"expired",
    r"queue too long",
    r"retry time(out)? (exceeded|reached)",
    r"giving up",
    r"timed? ?out",
    r"(could not be|was not) delivered (with)?in",  # Exchange "could not be delivered within the time limit"
    r"delivery time",
    r"too long in (the )?queue",
    r"have been failing for a long time",  # Exim retry rules "all hosts have been failing for a long time"
    r"retry timeout exceeded",
    r"delayed beyond",
    r"retried for",
    r"did not accept our requests to connect",
    r"failed \d+ attempts",  # Ipswitch IMail (SMTP32) "Delivery failed N attempts"
    r"not reachable",
    r"still undelivered",
    r"delivery attempts? (has|have) failed",
    r"unable to connect",
)
