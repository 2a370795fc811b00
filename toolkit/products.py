"""The one vocabulary for the software that WROTE a notification.

A bounce is written by the MTA that gave up (``postfix``, ``exim``, ...); an
auto-reply by the responder (``cpanel``, ``dovecot-sieve``, ``vacation``, ...),
not by the MTA that carried it; a challenge by the challenge-response system; a
spam or virus notice by the filter; a feedback report by the reporter. The
sample generator labels every notification with one of these names and the
analysis names the product it recognises with the same words, so the two can be
compared (``benchmarks/evaluate.py`` reports accuracy per product).
"""
from __future__ import annotations

from typing import NamedTuple


class Product(NamedTuple):
    family: str        # mta | autoresponder | challenge | filter | feedback
    title: str         # how the vendor calls it
    note: str          # how to recognise what it writes (documentation, not a rule)


PRODUCTS: dict[str, Product] = {
    # MTAs writing delivery status notifications
    "postfix": Product("mta", "Postfix", "\"This is the mail system at host\", X-Postfix-Queue-ID in the DSN"),
    "exim": Product("mta", "Exim (also under cPanel)", "\"This message was created automatically by mail delivery "
                    "software\", X-Failed-Recipients"),
    "sendmail": Product("mta", "Sendmail", "\"Returned mail: ...\", \"----- Transcript of session follows -----\""),
    "qmail": Product("mta", "qmail / netqmail", "\"Hi. This is the qmail-send program at\", subject failure notice"),
    "exchange": Product("mta", "Microsoft Exchange / Exchange Online / Outlook",
                        "NDRs \"Undeliverable:\" with X-MS-Exchange headers; also Outlook's out-of-office replies"),
    "gmail": Product("mta", "Gmail", "mailer-daemon@googlemail.com \"Delivery Status Notification (Failure)\"; also "
                     "Gmail's vacation responder"),
    "yahoo": Product("mta", "Yahoo Mail", "\"Sorry, we were unable to deliver your message\", mailer-daemon@yahoo.com; "
                     "also Yahoo's vacation response from a yahoo.com/ymail.com/rocketmail.com mailbox and from an aol.com one "
                     "(AOL Mail runs on Yahoo's platform)"),
    "courier": Product("mta", "Courier MTA", "\"This is a delivery status notification from\", courier-mta"),
    "mdaemon": Product("mta", "MDaemon",
                       "\"MDaemon Notification -- Attachment Removed\"/\"Permanent Delivery Failure\", \"The attached "
                       "message had PERMANENT fatal delivery errors!\" ... \"removed from the MDaemon mail queue\" ... "
                       "\"Failed address:\"; Received \"(MDaemon PRO v9.0.1) with ESMTP id md5....msg\""),
    "domino": Product("mta", "IBM/HCL Domino", "\"DELIVERY FAILURE:\" / \"Delivery Failure Report\""),
    "groupwise": Product("mta", "Novell/Micro Focus GroupWise", "\"Message status - undeliverable\""),
    "imail": Product("mta", "Ipswitch IMail Server", "\"Original message follows.\", smtpd32 in Received"),
    "opensmtpd": Product("mta", "OpenSMTPD", "\"Hi! This is the MAILER-DAEMON\", then `addr: reason` lines"),
    "dragonfly": Product("mta", "DragonFly Mail Agent (dma)", "\"There was an error delivering your mail to\""),
    "messagingserver": Product("mta", "Oracle/Sun Java System (iPlanet) Messaging Server",
                               "RFC 3464 \"This report relates to a message you sent\""),
    "netscape": Product("mta", "Netscape Messaging Server", "\"This Message was undeliverable due to the following "
                        "reason:\""),
    "mssmtp": Product("mta", "Microsoft SMTP Service (IIS SMTP, Exchange 2000/2003 routing)",
                      "\"This is an automatically generated Delivery Status Notification.\""),
    "powermta": Product("mta", "Port25 PowerMTA (bulk senders)", "RFC 3464 with X-PowerMTA-* fields"),
    "amazonses": Product("mta", "Amazon SES", "SES/SNS bounce notifications (JSON bouncedRecipients), "
                         "amazonses.com in Message-ID and Received"),
    "zoho": Product("mta", "Zoho Mail",
                    "bounces from mailer-daemon@mail.zoho.com in Exim's words, the original's fields pasted as "
                    "\"Field:value\" (Sisimai's Lhost::Zoho); User-Agent/X-Mailer: Zoho Mail and a Feedback-ID ending "
                    "\":ZohoMail\" on what its servers send, its out-of-office replies included"),
    "aol": Product("mta", "AOL Mail", "\"Your mail to the following recipients could not be delivered\", "
                   "bare screen names"),
    "hmailserver": Product("mta", "hMailServer", "subject \"Message undeliverable: <subject>\", its default notice "
                           "signed \"hMailServer\" with \"hMailServer sent:\" / \"Remote server replied:\" lines"),
    "mailenable": Product("mta", "MailEnable", "\"MailEnable: Message Delivery Failure.\", \"ME-E0193\"-style reason codes"),
    "communigate": Product("mta", "CommuniGate Pro", "\"Failed to deliver to '<addr>'\" then \"SMTP module(domain <d>) "
                           "reports:\" (its module(queue)address routing form)"),
    "haraka": Product("mta", "Haraka", "\"Hi. This is the Haraka Mailer program at\" (config/outbound.bounce_message), "
                      "Received \"(Haraka <pid> invoked for bounce)\""),
    # Groupware servers named by the product stamp their SMTP service writes in its Received lines (seen in
    # public mail archives and Received-parser test tables); their notices' own wording is not documented here.
    "kerio": Product("mta", "Kerio Connect (formerly Kerio MailServer), with its own auto-reply",
                     "Received \"by <host> (Kerio Connect 9.2.12 patch 1) with ESMTPA\""),
    "icewarp": Product("mta", "IceWarp Mail Server (formerly Merak), with its own auto-responder",
                       "Received \"by <host> (IceWarp 11.2.1.1 RHEL6 x64) with ASMTP (SSL) id <14 digits>\", "
                       "older \"(Merak 8.0.3) with SMTP id\""),
    "axigen": Product("mta", "Axigen Mail Server, with its own auto-responder",
                      "Received \"by <host> (Axigen) with ESMTPA id <hex>\""),
    "mercury": Product("mta", "Mercury/32 (Pegasus Mail's Mercury Mail Transport System)",
                       "Received \"by <host> (Mercury/32 v4.62) with ESMTP ID MG000001\" and \"from spooler by "
                       "<host> (Mercury/32 v4.62)\""),
    "smartermail": Product("mta", "SmarterTools SmarterMail",
                           "its delivery failure \"Could not deliver message to the following recipient(s):\" / "
                           "\"Failed Recipient:\" / \"Reason:\""),
    "smail": Product("mta", "Smail 3 (also Deutsche Telekom's t-online.de fork)",
                     "subject \"mail failed, returning to sender\" (smail notify.c), ruled sections \"|---- Failed "
                     "addresses follow: ----|\" and \"|---- Message header follows: ----|\" (Sisimai's Lhost::DeutscheTelekom)"),
    "facebook": Product("mta", "Facebook's @facebook.com mail (2010-2014)",
                        "from \"Facebook <mailer-daemon@mx.facebook.com>\", subject \"Sorry, your message could not be "
                        "delivered\", \"This message was created automatically by Facebook.\", response codes RCP-P1 ... "
                        "(postmaster.facebook.com/response_codes; Sisimai's Lhost::Facebook)"),
    "fml": Product("mta", "fml mailing-list manager", "the list refuses the poster: \"you are not a member\", "
                   "loop alerts"),
    # auto-responders (the program that wrote the reply, not the MTA under it)
    "cpanel": Product("autoresponder", "cPanel autoresponder (/usr/local/cpanel/bin/autorespond, piped from Exim)",
                      "X-Autorespond, Precedence: auto_reply; the user's own From/Subject/Body with %subject% tags; "
                      "X-AntiAbuse (on all mail of a cPanel server) only when nothing else names the writer"),
    "dovecot-sieve": Product("autoresponder", "Dovecot Pigeonhole Sieve vacation",
                             "X-Sieve: Pigeonhole Sieve, Message-ID <dovecot-sieve-SEC-USEC-N@host>, Auto-Submitted: "
                             "auto-replied (vacation), default Subject \"Auto: <theirs>\" (cmd-vacation.c); also what "
                             "Roundcube's managesieve vacation form makes on Dovecot"),
    "cyrus-sieve": Product("autoresponder", "Cyrus IMAP Sieve vacation", "Message-ID <cmu-sieve-PID-TIME-N@host>, "
                           "X-Sieve: CMU Sieve, default Subject \"Re: <theirs>\" (imap/lmtp_sieve.c)"),
    "vacation": Product("autoresponder", "the Unix vacation(1) program", "sends ~/.vacation.msg as written: its manual's "
                        "\"Delivered-By-The-Graces-Of: The Vacation program\", Precedence: bulk or junk, \"Re: $SUBJECT\""),
    "zimbra": Product("autoresponder", "Zimbra out-of-office", "Auto-Submitted: auto-replied (zimbra; vacation)"),
    # challenge-response systems
    "choicemail": Product("challenge", "DigiPortal ChoiceMail", "[ChoiceMail registration request]"),
    "boxbe": Product("challenge", "Boxbe", "\"Request to join ... Guest List\", notify@boxbe.com"),
    "spamarrest": Product("challenge", "Spam Arrest", "[Verify to deliver], spamarrest.com verification link"),
    "bluebottle": Product("challenge", "Bluebottle", "verification request from bluebottle.com"),
    "sendio": Product("challenge", "Sendio ICE box", "\"Please verify your email address\", sendio verification"),
    "tmda": Product("challenge", "TMDA", "X-Delivery-Agent: TMDA (on all its users' mail) with Auto-Submitted: "
                    "auto-replied, Message-ID <YYYYmmddHHMMSS.pid.rand.TMDA@host>, a \"Confirmation Request\" part"),
    "mailinblack": Product("challenge", "Mailinblack", "X-Mailinblack header, mailinblack.com sender"),
    "boxtrapper": Product("challenge", "cPanel BoxTrapper", "its verify template's required Subject: verify#<msgid> "
                          "(cPanel UAPI BoxTrapper::save_email_template), the original's headers below"),
    "0spam": Product("challenge", "0spam", "X-0spam header, 0spam.com sender"),
    "qurb": Product("challenge", "Qurb", "qurb.com sender"),
    # spam and virus filters writing their own notices
    "barracuda": Product("filter", "Barracuda Spam Firewall", "\"blocked by our bulk email filter\""),
    "proofpoint": Product("filter", "Proofpoint Protection Server", "pphosted.com, \"Message blocked\""),
    "messagelabs": Product("filter", "Symantec/Broadcom Email Security.cloud (MessageLabs)", "messagelabs.com; its own "
                           "bounces from MAILER-DAEMON@messagelabs.com, subject \"Mail Delivery Failure\" (Sisimai's "
                           "Lhost::MessageLabs); its X-Msg-Ref is on all mail it scans"),
    "sophos": Product("filter", "Sophos Email Appliance / PureMessage", "\"Message blocked\" by Sophos; its virus "
                      "notices say \"suspicious mail\" / \"contains a virus\" / \"Threat: <name>\" in Sophos's or "
                      "PureMessage's name"),
    "spamtitan": Product("filter", "SpamTitan", "\"SpamTitan\" quarantine/blocked notices"),
    "mailmarshal": Product("filter", "Trustwave MailMarshal", "\"MailMarshal has stopped a message\""),
    "trendmicro": Product("filter", "Trend Micro InterScan", "\"InterScan Messaging Security\""),
    "mimecast": Product("filter", "Mimecast", "X-Mimecast-* headers; its own alert notices (\"This is an automated "
                        "alert notification\"): delivery failures, and verdicts on content with its hold-reject reasons "
                        "(\"Message contains undesirable content\", ...); as a gateway it relays what others write"),
    "ironport": Product("filter", "Cisco IronPort / Secure Email Gateway", "\"IronPort\", \"Cisco Secure Email\" in "
                        "its notices"),
    "mcafee": Product("filter", "McAfee Email Gateway (MX Logic)", "X-NAI-Header, mxlogic.net"),
    "forcepoint": Product("filter", "Forcepoint (Websense) Email Security", "its Postfix-based bounces open \"This "
                          "message is from the Forcepoint email protection system, Forcepoint Email Security at host\""),
    "activehunter": Product("filter", "TransWARE Active!hunter mail gateway",
                            "X-AHMailID on its notices, subject \"FAILURE NOTICE :\", sendmail-like \"----- The following "
                            "addresses had permanent fatal errors -----\" (Sisimai's Lhost::Activehunter)"),
    "mailfoundry": Product("filter", "MailFoundry gateway appliance",
                           "subject \"Message delivery has failed\", its Received stamp \"(MAILFOUNDRY) id\", \"Unable to "
                           "deliver message to: <addr>\" (Sisimai's Lhost::MailFoundry)"),
    "surfcontrol": Product("filter", "Websense SurfControl E-mail Filter", "\"SurfControl\" in its notices"),
    "mailscanner": Product("filter", "MailScanner", "\"MailScanner\" warnings, X-*-MailScanner headers"),
    "amavis": Product("filter", "amavisd-new", "\"Considered UNSOLICITED BULK EMAIL\", \"VIRUS (...) IN MAIL FROM YOU\""),
    # feedback reports about mail that used the owner's domain
    "opendmarc": Product("feedback", "OpenDMARC", "RFC 6591 failure reports, Feedback-Type: auth-failure"),
    "arf": Product("feedback", "a provider's feedback loop (RFC 5965)", "Feedback-Type: abuse"),
}

FAMILIES = ("mta", "autoresponder", "challenge", "filter", "feedback")


def names(family: str | None = None) -> list[str]:
    """The product names, all or of one family, in vocabulary order."""
    return [name for name, p in PRODUCTS.items() if family is None or p.family == family]
