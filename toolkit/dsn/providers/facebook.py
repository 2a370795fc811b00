"""Facebook's @facebook.com mail (2010-2014): its servers answered with a response code of their own beside
the SMTP reply ("550 5.1.1 RCP-P1 http://postmaster.facebook.com/response_codes ..."), each documented on
postmaster.facebook.com/response_codes (as Sisimai's Lhost::Facebook lists them). The code says more than
the reply: RCP-P2 comes with a 5.x.x of a missing user but means the recipient's preferences refused it."""
DOMAINS = ("facebook.com", "mx.facebook.com")
RULES = (
    # the address (or group address) does not exist
    ("userunknown", r"\b(RCP-P1|INT-P1|INT-P3|INT-P4)\b"),
    # the recipient's preferences or privacy settings refused the message
    ("filtered", r"\b(RCP-P2|RCP-P3)\b"),
    ("mesgtoobig", r"\b(MSG-P1|INT-P2)\b"),
    # an attachment type, repeated header fields, a blocked URL or the abuse policy
    ("contenterror", r"\b(MSG-P2|MSG-P3|POL-P6|POL-P7)\b"),
    # listed on the Spamhaus PBL, a server no longer accepted, a virus
    ("securityerror", r"\b(POL-P1|POL-P2|POL-P5)\b"),
    ("notaccept", r"\b(POL-P3|POL-P4|POL-T1|POL-T2|POL-T3)\b"),
    # the sender's MAIL FROM domain or the server's reverse DNS does not resolve
    ("rejected", r"\b(DNS-P1|DNS-P2|DNS-P3|DNS-T1|DNS-T2)\b"),
    ("toomanyconn", r"\bCON-T3\b"),
    ("systemerror", r"\b(CON-T1|INT-T\d)\b"),
    # the address is deactivated for now
    ("suspend", r"\bRCP-T4\b"),
)
