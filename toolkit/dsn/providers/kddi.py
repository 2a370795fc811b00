"""au by KDDI (ezweb.ne.jp, au.com): its reception filter answers "550 : User unknown", a missing user
"550 <addr>: User unknown" (au's own support pages). Its own plain notice "Each of the following
recipients was rejected by a remote mail server" is the reception (domain designation) filter
refusing the sender: au's servers are the recipient's own, so nothing remote judged the address."""
DOMAINS = ("ezweb.ne.jp", "au.com", "biz.ezweb.ne.jp")
RULES = (
    ("filtered", r"550 : user unknown"),
    ("userunknown", r">: user unknown"),
    ("filtered", r"recipients was rejected by a remote mail server"),
)
