"""mailererror: a local delivery program (procmail, a pipe, an X-Unix mailer) failed, not an SMTP server.

Status codes: none of its own; Sendmail reports the program's exit code (EX_* of sysexits.h) in an
X-Unix Diagnostic-Code. Phrases: Sendmail's "mailer error", "command died with status", procmail's and
pipe transports' own messages.
"""

NAME = "mailererror"
PSEUDO = "939"  # Sisimai's pseudo status X.0.939 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = (
    r"procmail",
    r"x-unix",
    r"mailer error",  # Sendmail "unknown mailer error"
    r"operating system error",  # Sendmail, EX_OSERR of sysexits.h
    r"command (died|failed)",
    r"pipe to \|",
)
