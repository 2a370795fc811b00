"""virusdetected: a virus scanner found malware in the message.

Status codes: none of their own (X.7.1 or X.6.0 with virus wording). Phrases: amavisd-new ("INFECTED"),
Exim's malware ACL ("This message contains a virus"), Gmail ("detected a virus").
"""

NAME = "virusdetected"
PSEUDO = "981"  # Sisimai's pseudo status X.0.981 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = (
    r"\bvirus",
    r"\bmalware\b",
    r"\binfected\b",
    r"\bworm\b",
    r"\btrojan\b",
)
