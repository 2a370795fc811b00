"""networkerror: routing failed: DNS lookups failed, a loop, too many hops, no route.

Status codes (RFC 3463): X.4.0 other network/routing status, X.4.2 bad connection, X.4.4 unable to route
(a DNS or routing failure; a domain that does not exist is hostunknown only when the words say so), X.4.6
routing loop detected, X.4.8 (RFC 3886). Phrases: Postfix ("Name service error ... try again",
"mail for ... loops back to myself"), Exim ("all relevant MX records point to non-existent hosts"),
Gmail ("DNS Error").
"""

NAME = "networkerror"
PSEUDO = "944"  # Sisimai's pseudo status X.0.944 when the notice has no code
STATUS = ("4.0", "4.2", "4.4", "4.6", "4.8")  # subject.detail of permanent codes that name it
TRANSIENT = ("4.4",)  # ... of transient (4.X.X) codes
PHRASES = (
    r"dns error",
    r"routing loop",  # RFC 3463 X.4.6 "Routing loop detected"
    r"hop count exceeded",
    r"too many hops",
    r"network (is )?unreachable",
    r"lookup of .{0,80} responded",
    r"dns (lookup )?failure",  # DragonFly dma "DNS lookup failure"
    r"host not found, try again",
    r"malformed or unexpected name server reply",  # Postfix: the DNS server's answer could not be used
    r"loops? back to myself",  # Postfix "mail for X loops back to myself"
    r"lost connection",
    r"dns query failed",  # Exchange Online 5.4.312 "DNS query failed"
    r"no route to host",
    r"connection refused",  # TCP's refusal (Postfix "connect to host[ip]:25: Connection refused"): nothing listens
    r"establish an smtp connection",  # qmail-remote "Sorry, I wasn't able to establish an SMTP connection"
    r"name lookup failure",
    r"exceeded \d+ hops",  # Gmail 554 5.4.6 / 5.6.0 "Message exceeded 50 hops, this may indicate a mail loop"
    r"\bmail loop\b",  # Exchange 5.4.6 / 5.4.14 "Hop count exceeded - possible mail loop"
    r"all relevant mx records point to non-existent hosts",  # Exim's router text: the MX names do not resolve
)
