"""blocked: the server refused the sending HOST: its IP is on a DNS block list, or the client was
refused at connection or HELO.

Status codes: transient X.7.1 (RFC 3463 "delivery not authorized", as 4.7.1 answers at connection are)
and X.7.2. Reply codes: 421/554 at connection, 550 "Client host rejected" (Postfix
check_client_access), Sendmail "Access denied". Phrases: Spamhaus, SpamCop, SORBS, Barracuda Central,
Microsoft 5.7.606-649 ("banned sending IP", "on our block list (S3140)").
"""

from ._base import Fact, phrase_table

# Words that make the sending IP, not the message, the thing refused: Gmail 421 4.7.0 / 4.7.28 / 550 5.7.1
# "Our system has detected an unusual rate of unsolicited mail originating from your IP address ... mail sent from
# your IP address has been temporarily blocked" (Gmail SMTP errors). spamdetected leaves these to blocked.
SENDING_IP = (
    r"originating from your ip",
    r"mail sent from your ip address has been",
)

# Postfix's frame for a server that refused the session at its greeting ("host X refused to talk to me: <reply>"):
# a refusal of the client, unless the quoted reply's status names a cause of its own (421 4.4.2 "timeout exceeded"
# is a bad connection, RFC 3463 X.4.2; 421 4.3.2 a system not accepting mail).
GREETING = (r"refused to talk to me",)
# Status names too general to say more than the greeting refusal does.
GENERAL = {"", "undefined", "onhold", "blocked", "securityerror", "syntaxerror"}

NAME = "blocked"
PSEUDO = "971"  # Sisimai's pseudo status X.0.971 when the notice has no code
STATUS = ()  # subject.detail of permanent codes that name it
TRANSIENT = ("7.1", "7.2")  # ... of transient (4.X.X) codes
# Exchange Online's three-digit codes (Microsoft Learn, "Email non-delivery reports and SMTP errors in Exchange
# Online"): 5.7.506 bad HELO, 5.7.507 rejected by recipient, 5.7.508 over the IP's permitted limits, 5.7.510 no
# mail over IPv6, 5.7.511 banned sender IP, 5.7.513 the recipient's own block list, 5.7.606-649 banned sending IP;
# 4.7.500-699 and 4.7.850-899 "Access denied, please try again later" / "Server busy" (the IP throttled).
STATUS_RANGES = (("5.7", 506, 508), ("5.7", 510, 511), ("5.7", 513, 513), ("5.7", 606, 649),
                 ("4.7", 500, 699), ("4.7", 850, 899))
PHRASES = (
    r"traffic not accepted from this ip",  # Exchange Online 5.7.708 "Access denied, traffic not accepted from this IP"
    r"\binvalid ip\b",  # Coremail (163.com, 126.com) "Requested mail action not taken: Invalid IP"
    r"blocked using",
    r"\bblack ?list",
    r"\bblock ?list",
    r"\bdnsbls?\b",  # also Comcast's "found on one or more DNSBLs" (Comcast postmaster, BL000001)
    r"\brbl\b",  # DNS block list (Postfix reject_rbl_client)
    r"spamhaus",
    r"spamcop",
    r"sorbs",
    r"barracudacentral",
    r"banned sending ip",
    r"ip .{0,80} (is )?(blocked|banned)",
    r"service refuse",
    r"my name was rejected",  # qmail-remote "Connected to ... but my name was rejected"
    r"messages from \S+ weren.t sent",
    r"smtp server of your isp",
    r"your (ip|host|server) .{0,80} (listed|blocked|rejected)",
    r"(rejected|blocked|refused) your (ip|host|server|connection)",  # Cox "cox.net rejected your IP <ip>"
    r"(?<!message )has been blocked",  # the host or sender; "this message has been blocked" judges the message
    r"client host (\S+ )?rejected",  # Postfix check_client_access / reject_rbl_client
    r"connection rejected",  # a server refusing the client's session ("Connection refused" is TCP's: networkerror/expired)
    r"rejected (by|due to) .{0,80} reputation",
    r"poor reputation",
    r"\blisted\b.{0,80}\bat\b",
    r"ip not in whitelist",  # Gmail 421 4.7.0 "IP not in whitelist for RCPT domain" (Gmail SMTP errors)
    r"bad helo",
    r"not allowed to connect",  # "Your host is not allowed to connect to this server" (an access list's refusal)  # Exchange Online 5.7.506 "Access Denied, Bad HELO"
    r"helo command rejected",  # Postfix smtpd reject_*_helo_hostname: the client's HELO name refused
    r"rejected by recipient",  # Exchange Online 5.7.507 "Access denied, rejected by recipient" (the sending IP)
    r"does not accept email over ipv6",  # Exchange Online 5.7.510
    r"will be permanently deferred",  # Yahoo [TSS09]/[TS03] "All messages from <IP> will be permanently deferred"
    # Outlook.com's postmaster codes (Outlook.com "Troubleshooting": SC-001..SC-004 policy blocks, DY-001/DY-002
    # dynamic or compromised IP, OU-001/OU-002 blocked IP): refusals of the sending IP.
    r"\b(sc|dy|ou)-00\d\b",
    r"ipcheck\.proofpoint\.com",  # Proofpoint's IP reputation refusal links the sending IP's lookup page
    r"\bdt:rbl\b",  # NetEase (163.com) bounce code DT:RBL: the sending IP is on a block list (NetEase mail help)
    *SENDING_IP,
)

_GREETING = phrase_table(GREETING)


def holds(f: Fact) -> bool:
    """The status or blocking words; a refused greeting only when its status names nothing more precise."""
    if f.name == NAME or f.says(NAME):
        return True
    return f.name in GENERAL and _GREETING.occurs(f.folded)
