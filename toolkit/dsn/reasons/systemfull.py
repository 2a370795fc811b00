"""systemfull: the receiving system itself is out of disk or storage, for everyone.

Status codes (RFC 3463): X.3.1 mail system full, X.4.5 mail system congestion.
Reply codes: 452 insufficient system storage (RFC 5321).
"""

NAME = "systemfull"
PSEUDO = "931"  # Sisimai's pseudo status X.0.931 when the notice has no code
STATUS = ("3.1", "4.5")  # subject.detail of permanent codes that name it
REPLY = ("452",)  # RFC 5321 basic reply code, when nothing else speaks: 452 insufficient system storage
PHRASES = (
    r"disk (space|full)",  # Sendmail 452 4.4.5 "Insufficient disk space"
    r"insufficient (system )?storage",
    r"system (is )?full",
    r"file system full",
)
