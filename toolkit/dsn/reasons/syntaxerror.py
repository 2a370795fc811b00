"""syntaxerror: the server did not understand the command (RFC 5321 500-504) or its syntax.

Status codes (RFC 3463): X.5.2 syntax error, X.5.6 authentication exchange line too long (RFC 4954).
Reply codes: 500 syntax error / command unrecognised, 501 syntax error in parameters, 502 command not
implemented, 503 bad sequence of commands, 504 parameter not implemented.
"""

NAME = "syntaxerror"
PSEUDO = "902"  # Sisimai's pseudo status X.0.902 when the notice has no code
STATUS = ("5.2", "5.6")  # subject.detail of permanent codes that name it
PHRASES = ()
