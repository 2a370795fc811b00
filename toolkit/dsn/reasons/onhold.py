"""onhold: the notice gives a diagnostic, but no rule recognises a reason in it. The LAST resort.
"""

NAME = "onhold"
PSEUDO = "901"  # Sisimai's pseudo status X.0.901 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
PHRASES = ()
