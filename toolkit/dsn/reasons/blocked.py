"""blocked: the server refused the sending HOST: its IP is on a DNS block list, or the client was
refused at connection or HELO.

Status codes: transient X.7.1 (RFC 3463 "delivery not authorized", as 4.7.1 answers at connection are)
and X.7.2. Reply codes: 421/554 at connection, 550 "Client host rejected" (Postfix
check_client_access), Sendmail "Access denied". Phrases: Spamhaus, SpamCop, SORBS, Barracuda Central,
Microsoft 5.7.606-649 ("banned sending IP", "on our block list (S3140)").
"""

NAME = "blocked"
PSEUDO = "971"  # Sisimai's pseudo status X.0.971 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
TRANSIENT = ("7.1", "7.2")  # ... of transient (4.X.X) codes
PHRASES = (
    r"traffic not accepted from this ip",  # Exchange Online 5.7.708 "Access denied, traffic not accepted from this IP"
    r"\binvalid ip\b",  # Coremail (163.com, 126.com) "Requested mail action not taken: Invalid IP"
    r"blocked using",
    r"\bblack ?list",
    r"\bblock ?list",
    r"\bdnsbl\b",
    r"\brbl\b",  # DNS block list (Postfix reject_rbl_client)
    r"spamhaus",
    r"spamcop",
    r"sorbs",
    r"barracudacentral",
    r"banned sending ip",
    r"ip .{0,80} (is )?(blocked|banned)",
    r"refused to talk to me",
    r"service refuse",
    r"my name was rejected",  # qmail-remote "Connected to ... but my name was rejected"
    r"messages from \S+ weren.t sent",
    r"smtp server of your isp",
    r"your (ip|host|server) .{0,80} (listed|blocked|rejected)",
    r"has been blocked",
    r"client host (\S+ )?rejected",  # Postfix check_client_access / reject_rbl_client
    r"connection (refused|rejected)",
    r"rejected (by|due to) .{0,80} reputation",
    r"poor reputation",
    r"\blisted\b.{0,80}\bat\b",
)
