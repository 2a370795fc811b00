"""GoDaddy (secureserver.net): a sender over its hourly recipient limit gets a 5.1.1 that is not a missing
user ("IB607 ... has sent to too many recipients this hour")."""
DOMAINS = ("secureserver.net",)
RULES = (
    ("speeding", r"sent to too many recipients"),
)
