"""au by KDDI (ezweb.ne.jp, au.com): its reception filter answers "550 : User unknown", a missing user
"550 <addr>: User unknown" (au's own support pages)."""
DOMAINS = ("ezweb.ne.jp", "au.com", "biz.ezweb.ne.jp")
RULES = (
    ("filtered", r"550 : user unknown"),
    ("userunknown", r">: user unknown"),
)
