"""undefined: the notice gives no diagnostic at all.
"""

NAME = "undefined"
PSEUDO = "900"  # Sisimai's pseudo status X.0.900 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = ()
