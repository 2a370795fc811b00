"""badreputation: the receiving provider refuses the sending IP or domain for its reputation
(complaint rate, sending history), not for a block list entry.

Status codes: none of their own; Gmail answers 4.7.0/5.7.1 ("Our system has detected an unusual rate of
unsolicited mail", "very low reputation of the sending domain"), Microsoft 5.7.x/4.7.650 with "IP reputation".
Phrases: Gmail's SMTP error reference ("low reputation"), Microsoft's Outlook.com postmaster texts.
"""

NAME = "badreputation"
PSEUDO = "975"  # Sisimai's pseudo status X.0.975 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = (
    r"due to (ip|domain|sender) reputation",  # Microsoft 4.7.650 "rate limited due to IP reputation"
    r"user complaints",
    r"(poor|bad|low) reputation",
    r"reputation (is )?too low",
)
