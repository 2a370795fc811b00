"""Yahoo (yahoo.com, ymail.com, ...): "This user doesn't have a yahoo.com account" is a missing user,
whichever SMTP stage the relay that reported it names."""
DOMAINS = ("yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "rocketmail.com", "yahoodns.net")
RULES = (
    ("userunknown", r"this user doesn.t have a \S+ account"),
)
