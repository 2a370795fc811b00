"""speeding: the sender is sending too fast or to too many recipients per time unit.

Status codes: none of their own (Gmail 4.7.28/4.7.0 rate limits, GoDaddy IB607). Phrases: Gmail
("receiving mail at a rate that prevents additional messages"), GoDaddy ("sent to too many recipients
this hour").
"""

NAME = "speeding"
PSEUDO = "946"  # Sisimai's pseudo status X.0.946 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = (
    r"receiving mail too quickly",  # Gmail 450 4.2.1 (Google Workspace SMTP errors), Yahoo 450
    r"peak smtp relay limit exceeded",  # Gmail 450 4.2.1
    r"receiving mail at a rate",
    r"sent to too many recipients",  # GoDaddy IB607
    r"sending (rate|too fast)",
)
