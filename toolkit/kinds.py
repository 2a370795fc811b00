"""What kind of message: one small rule per kind of notification, tried in order.

A rule sees the dsn Context and the parsed bounce (if any). Every rule but the
bounce rule asks for an automated sender first (a daemon, the null sender,
RFC 3834 headers or a known product), so that a person writing about a
bounce, a virus or an absence stays ham.
"""
from __future__ import annotations

import re
from typing import Callable

from .dsn import Bounce, Context
from .dsn.context import declares_report
from .folding import fold
from .headers import from_list
from .dsn.formats.arf import is_feedback
from .dsn.inline import split_inline, unquoted
from .dsn.localised import LOCALISED_FAILURE
from . import listnotice
from .headers import addresses
from .trace import org_domain
from .verdict import SRS, site
from .fingerprint import CHALLENGE, OUTLOOK_FURTHER_PREFIXES, challenge_headers, of_role
from .mdn import is_receipt

KINDS = ("bounce", "autoreply", "challenge", "virus_notice", "spam_notice", "feedback_report", "ham")

# Responders' subject prefixes. Exchange 5.5-2003's Out of Office Assistant wrote "Out of Office AutoReply:
# <subject>" with no RFC 3834 field (the prefix comes first so that its ":" counts); Czech Outlook/Exchange
# writes "Automatická odpověď:" (Microsoft's cs-cz Outlook help, "Automatické odpovědi").
AUTOREPLY_SUBJECTS = re.compile(
    r"^\s*(out of office autoreply|out of (the )?office|automatic reply|i am away|i'm away|auto[- ]?reply|auto[- ]?response|autoresponse|away from|"
    r"on vacation|vacation|auto ?respons|abwesenheit(snotiz)?|automatische antwort|r[ée]ponse automatique|absence|absent|"
    r"respuesta autom[áa]tica|fuera de la oficina|risposta automatica|fuori (ufficio|sede)|"
    r"resposta autom[áa]tica|ausente|automatisch antwoord|afwezig|autosvar|automatiskt? svar|fr[åa]nvaro|frav[æa]r|"
    r"automatyczna odpowied[źz]|odpowied[źz] automatyczna|nieobecno[śs][ćc]|automaattinen vastaus|poissa|"
    r"automatick[áa] odpov[ěe][ďd]|otomatik yan[ıi]t|автоответ|автоматический ответ|自動応答|自動返信|不在|"
    r"自动回复|자동 ?응답|αυτόματη απάντηση|"
    rf"{OUTLOOK_FURTHER_PREFIXES})", re.I)
_AUTO_HEADER_VALUES = re.compile(r"^auto-(replied|generated|notified)", re.I)
# A scanner's name for what it found, in ClamAV's documented form {platform}.{category}.{name}-{id}
# ("Html.Phishing.Bank-6965042", "Doc.Dropper.Agent-1234"; docs.clamav.net, "Signature Naming"), with
# one of its categories of malicious content; the numeric id keeps host names ("www.phishing.org") out.
MALWARE_SIGNATURE = (r"\b[a-z][a-z0-9]{1,11}\.(adware|backdoor|coinminer|downloader|dropper|exploit|infostealer|"
                     r"ircbot|keylogger|loader|macro|malware|phishing|ransomware|rootkit|spyware|trojan|virus|"
                     r"worm)\.\w+-\d")
# "Virus found/detected" in the languages filters localise their notices into: German "Virus gefunden",
# French "virus détecté", Spanish/Portuguese "virus detectado", Italian "virus rilevato", Russian
# "обнаружен вирус" / "вирус обнаружен" (Kaspersky's Russian notices) and "заражён" (infected).
LOCALISED_VIRUS_FOUND = (r"(virus|vírus|viren) (wurde |a été |ha sido |foi )?(gefunden|entdeckt|erkannt|d[ée]tect[ée]|"
                         r"detectado|rilevato|encontrado)|"
                         r"обнаружен[аоы]? (вирус|вредоносн)|обнаружил[аи]? (вирус|вредоносн)|вирус обнаружен|"
                         r"заражен|заражён")
# A filter's notice whose reason field names a virus or malware ("Reason: Virus Mal/DrodZp-A"): what it
# stopped the message for, whatever else the notice says about blocking and quarantine.
# MailMarshal's notices name the rule that stopped the message ("Rule: Virus Scanning: ..."). McAfee names what it
# finds "<platform>/<name>" ("W32/Netsky.p@MM", "HTML/Phishing.Agent", "JS/Downloader"; McAfee's virus naming
# conventions), given as the reason in McAfee Email Gateway's notices ("Reason: HTML/Phishing.Agent.ZZ").
MCAFEE_PLATFORMS = r"(w32|w64|w97m|x97m|o97m|wm|vbs|js|html|pdf|exploit|linux|osx|android|bat|mac)"
REASON_IS_MALWARE = (r"\b(reason|cause|threat|verdict|rule)\s?: ((virus|malware|infected|trojan|worm|ransomware)\b|"
                     + MCAFEE_PLATFORMS + r"/\w)")
_VIRUS = re.compile(REASON_IS_MALWARE + r"|(?<!anti-)(?<!anti)\bvirus\b|\bmalware\b|\binfected\b|\bW32/|\bworm[_.]|\btroj(an)?[_.]|"
                    r"VIRUS \(|detected a virus|virus (was )?(found|detected)|contains a (computer )?virus|"
                    r"(?<!анти-)\bвирус|" + MALWARE_SIGNATURE + "|" + LOCALISED_VIRUS_FOUND, re.I)
# A filter saying it found a virus, as opposed to naming itself an anti-virus and anti-spam gateway.
_VIRUS_FOUND = re.compile(r"detected an? (virus|malware)|(virus|malware) (was |has been )?(found|detected|identified)|"
                          r"contain(s|ed)? an? (computer )?virus|\binfected (with|by)\b|\bW32/|\bworm[_.]|\btroj(an)?[_.]|"
                          r"VIRUS \(|" + REASON_IS_MALWARE + "|" + MALWARE_SIGNATURE + "|" + LOCALISED_VIRUS_FOUND, re.I)
# Mimecast's verdicts on a message's content in its own notices to the sender: the reasons a moderator picks when
# rejecting a held message with a notification to the sender (Mimecast API hold-reject reasonType, as wrapped by
# PSMimecast's New-HeldMessageRejectAction: MESSAGE CONTAINS UNDESIRABLE CONTENT, MESSAGE CONTAINS CONFIDENTIAL
# INFORMATION, REVIEWER DISAPPROVES OF CONTENT, INAPPROPRIATE COMMUNICATION, MESSAGE GOES AGAINST EMAIL POLICIES), and
# a message held for review or stopped by its content policies (Mimecast's Gateway Policy Types: Hold for Review,
# Content Examination, Spam Scanning). Its delivery failures (an unknown recipient) say none of these: bounces.
MIMECAST_VERDICTS = (r"message contains (undesirable content|confidential information)|reviewer disapproves of content|"
                     r"inappropriate communication|message goes against (the )?e-?mail polic(y|ies)|"
                     r"(held|placed on hold) for review|(rejected|held|blocked) by (the |a )?(content examination|"
                     r"spam scanning) polic(y|ies)")
# Sophos names what its engines find in its own words, whatever form the detection's name takes (Sophos's own
# "Troj/Agent-ABC", "Mal/DrodZp-A", another vendor's or a neutral "EICAR-AV-Test"): PureMessage for Microsoft
# Exchange alerts senders on "suspicious mail processed" (Sophos KB 11360, "PureMessage for Microsoft Exchange:
# alerts"), PureMessage's policy test "Message contains a virus" sets %%VIRUS_IDS%%, the engine's identification code
# (PureMessage docs, "Template Variables", "Uncleanable Attachments"), Sophos Email's anti-malware scan acts on
# "messages that contain known malware or viruses", and its notices speak of a threat. A notice in Sophos's name
# saying it found one is a virus notice; the name after it need not look like any scanner's.
SOPHOS_WRITER = r"\bsophos\b|\bpuremessage\b"
SOPHOS_THREAT_FOUND = (r"suspicious (mail|message|e-?mail|attachment)|contain(s|ed)? (a |an )?(known )?(threat|virus|"
                       r"malware)|(?<!no )(threat|virus|malware) (was |has been )?(found|detected|identified)|"
                       r"\b(threat|virus)( name| id)?s?: (?!spam\b|junk\b|bulk\b|none\b|clean\b|no\b)\S")
# A scanner's stamp that it found nothing ("No virus found in this message", AVG's certification line under mail it
# checked; "no threats detected"): the word virus in it reports no virus.
_CLEAN_VERDICT = re.compile(r"\bno (virus(es)?|malware|threats?) (was |were )?(found|detected)")
_SOPHOS_WRITER = re.compile(SOPHOS_WRITER, re.I)
_SOPHOS_THREAT_FOUND = re.compile(SOPHOS_THREAT_FOUND, re.I)
# A filter's notice whose reason field names spam ("was blocked. Reason: Spam", McAfee Email Gateway's notice; "was
# blocked: spam"), and a filter saying it detected spam ("InterScan Messaging Security detected a spam message in the
# message you sent", Trend Micro IMSS's policy notification), as it says it detected a virus.
REASON_IS_SPAM = r"\b(reason|cause|verdict)\s?: (spam|junk|bulk)\b|\bblocked: (spam|junk|bulk)\b|\bdetected an? (spam|junk)\b"
_SPAM_NOTICE = re.compile(MIMECAST_VERDICTS + "|" + REASON_IS_SPAM + "|"
                          r"blocked by (our|the) (bulk e?mail|spam|content) filter|bulk email filter|"
                          r"spam firewall|unsolicited bulk e?mail|considered (as )?(spam|unsolicited)|"
                          r"(identified|classified|detected|flagged|marked) as (spam|junk)|"
                          r"(quarantined|blocked) (as|because of|due to) (spam|junk)|message (was|has been) "
                          r"(quarantined|blocked)|has (stopped|blocked|quarantined) (a|the|your|this) (following )?"
                          r"(e-?mail message|message|e-?mail)\b|spam quarantine|quarantine (summary|digest|notification|report)|"
                          r"(above|exceed(ed|s|ing)?) the spam (threshold|score)|"
                          r"(has been|was) (blocked|rejected|quarantined) by (spamtitan|barracuda|proofpoint|sophos|"
                          r"mailmarshal|symantec|messagelabs|mimecast|ironport|trend ?micro|spam ?assassin|surfcontrol|"
                          r"websense|forcepoint|mcafee|interscan)", re.I)
_CHALLENGE_HEADERS = ("X-Challenge", "X-Boxbe-Verification", "X-Spam-Arrest",
                      "X-Mailinblack", "X-BoxTrapper", "X-0spam", "X-TMDA-Confirm-Done")
# What challenge-response systems put in their subjects (ChoiceMail, Spam Arrest, Boxbe); cPanel's
# BoxTrapper verify template must keep "Subject: verify#%msgid%" (cPanel UAPI BoxTrapper::save_email_template),
# %msgid% being the id Exim gave the held message ("1UwJVy-000JND-sl": base-62 parts joined by hyphens).
_CHALLENGE_SUBJECT = re.compile(r"\[choicemail registration request\]|\[verify to deliver\]|"
                                r"request to join [^\n]{0,80} guest list|^\s*verify#[\w-]+\s*$", re.I)
_CHALLENGE = re.compile(r"verify (that )?you are (a )?(human|real person|not a (robot|spammer))|"
                        r"(please )?(verify|confirm|validate) (your )?(e-?mail( address)?|message|identity|address)|"
                        r"approved senders|(allowed|approved|white) ?list|challenge[- ]response|"
                        r"(waiting|pending) (for )?(your )?(approval|verification|confirmation)", re.I)
# (A challenge system's bare name is not a request: an auto-reply may say "my ChoiceMail filter is off".)
_CHALLENGE_PRODUCT = re.compile("|".join(f"(?:{p.words})" for p in of_role(CHALLENGE) if p.words), re.I)
_CHALLENGE_SENDER = re.compile("|".join(f"(?:{p.sender})" for p in of_role(CHALLENGE) if p.sender), re.I)
FAILURE_OPENING = 1500
# A delivery failure stated in a mail system's own words (RFC 3463 class 5, the usual phrasings, and
# their Chinese, Japanese, Korean and Russian forms: dsn/localised.py).
_FAILURE = re.compile(LOCALISED_FAILURE + r"|\b5\.\d{1,3}\.\d{1,3}\b|not a valid (user|recipient|mailbox|address)|no such (user|mailbox|"
                      r"recipient|address)|user unknown|unknown user|(could|can) ?not be delivered|undeliverable|"
                      r"delivery (has )?failed|failed to deliver|unable to deliver|returned to sender|"
                      r"(was|were|has been|have been) not delivered|fatal (delivery )?errors?|"
                      r"does not exist|mailbox (is )?(unavailable|full|disabled)|permanent (error|failure)", re.I)
# How people say they are away, at the opening of an auto-reply; and in the languages out-of-office replies are
# most often written in beside English: Dutch "Ik ben afwezig", German "Ich bin nicht im Büro", French "Je suis
# absent(e)", Spanish "Estoy fuera de la oficina", Italian "Sono fuori ufficio" (the stock openings of the
# localised out-of-office templates of Outlook, GroupWise and webmail).
LOCALISED_ABSENCE = (r"\bik ben (momenteel |helaas )?(afwezig|niet aanwezig|met vakantie)\b|"
                     r"\bich bin (derzeit |zurzeit |momentan |leider )?(nicht im b(ü|ue)ro|abwesend|im urlaub)\b|"
                     r"\bje suis (actuellement )?(absente?|en cong[ée]s?|en vacances)\b|"
                     r"\bestoy (actualmente )?(fuera de la oficina|de vacaciones|ausente)\b|"
                     r"\bsono (attualmente )?(fuori (ufficio|sede)|in ferie|assente)\b")
ABSENCE_OPENING = 600
_ABSENCE = re.compile(r"\b(i am|i'm|i will be) (currently )?(away|out of (the )?office|on (vacation|holiday|leave)|"
                      r"at a conference|travel+ing|not in the office)|\bout of (the )?office (until|till|from)\b|"
                      r"\b(limited|no) access to (my )?e-?mail\b|\bnot (be )?reading (my )?(e-?)?mail\b|"
                      r"\bwill (be back|return) (on|in|after)\b|" + LOCALISED_ABSENCE, re.I)
# A help desk's receipt for a new ticket. Zendesk's default trigger "Notify requester of received request":
# subject "[Request received] {{ticket.title}}", text "Your request ({{ticket.id}}) has been received and is
# being reviewed by our support staff." (its triggers API); its older "Your email was received: <subject>".
# osTicket's ticket.autoresp template (include/i18n/en_US/templates/email/ticket.autoresp.yaml): "Support Ticket
# Opened [#%{ticket.number}]", "A request for support has been created and assigned #%{ticket.number}." Freshdesk's
# "New Ticket Created" requester notification (its seed templates): "We would like to acknowledge that we have
# received your request and a ticket has been created."
_FRESHDESK_TEXT = r"\breceived your request and a ticket has been created\b"  # its default requester text
# The same acknowledgement in the first person ("We have received your request", the wording of Freshdesk's and
# most help desks' default receipts), and Zendesk's "[Request received]" subject tag also written with a colon; both
# only in an automated message (``automated``: RFC 3834 fields, a daemon or the null sender), never in a person's.
_TICKET_RECEIVED = re.compile(r"^\s*\[request received\]|^\s*request received\s*:|"
                              r"\byour (request|ticket|e-?mail|message|inquiry|enquiry) "
                              r"(\(#?\w{1,20}\) )?(has been|was) received\b|^\s*support ticket opened \[#\w{1,20}\]|"
                              r"\bwe(?: have|'ve)? received your (request|ticket|e-?mail|message|inquiry|enquiry)\b|"
                              r"\ba request for support has been created\b|" + _FRESHDESK_TEXT, re.I)
# Freshdesk's default requester subject "Ticket Received - {{ticket.subject}}" beside its default words: the
# template itself, whatever headers the help desk puts on it.
_FRESHDESK_SUBJECT = re.compile(r"^\s*ticket received - ", re.I)
_FRESHDESK_WORDS = re.compile(_FRESHDESK_TEXT, re.I)
# OTRS/Znuny/OTOBO send their auto responses with Loop set (Kernel/System/Email.pm: X-Loop: yes, Precedence: bulk,
# and Auto-Submitted: auto-generated since OTRS 6) under the ticket hook, "[Ticket#<number>] <subject>" by default
# (Ticket::Hook "Ticket#"); agents' answers carry neither loop field.
_OTRS_TICKET_HOOK = re.compile(r"\[ticket#\s?\d{4,}\]", re.I)
# A reply saying the address it answers for is read by no one any more ("This mailbox is no longer monitored",
# "this address is no longer in use"): an automatic reply, whatever headers its sender's server puts on it.
ABANDONED_OPENING = 300
_ABANDONED = re.compile(r"\b(mailbox|inbox|e-?mail( address)?|address|account) (is )?no longer (being )?"
                        r"(monitored|in use|active|checked|read|maintained|valid)\b", re.I)
_PRODUCT_SENDER = re.compile(r"interscan|mailscanner|symantec|mcafee|sophos|puremessage|barracuda|content[- ]filter|"
                             r"antivirus|anti-virus|virus|postmaster|ironport|messagelabs|mimecast|trend ?micro|"
                             r"amavis|spam ?filter|clamav|kaspersky|eset|proofpoint|spamtitan|mailmarshal|pphosted", re.I)


def automated(ctx: Context) -> bool:
    """Sent by software on its own: a daemon, the null sender, RFC 3834 headers, a responder's or a
    challenge system's own header, a filter product. Not X-Auto-Response-Suppress: that asks OTHERS
    not to answer (MS-OXCMAIL 2.1.3.2.20), and newsletters and people's Outlook mail carry it too."""
    msg = ctx.msg
    if ctx.from_daemon or ctx.null_sender:
        return True
    if _AUTO_HEADER_VALUES.match(str(msg.get("Auto-Submitted", ""))):
        return True
    if any(msg.get(name) for name in ("X-Autoreply", "X-Autorespond", *_CHALLENGE_HEADERS)) or _vacation_program(ctx):
        return True
    if str(msg.get("Precedence", "")).lower() in ("auto_reply", "junk"):
        return True
    return bool(_PRODUCT_SENDER.search(str(msg.get("From", ""))))


_QUOTED_REPLY = re.compile(r"\b[245]\d\d\b|\b[245]\.\d{1,3}\.\d{1,3}\b|^\s*(<<<|>>>)|said:")
TOP_CHARS = 2000  # the opening of a notice read for the notifier's own words


def _own_words(text: str) -> str:
    """The notice less what it quotes: the returned original (its X-Virus-Status and X-Spam-Status
    headers are the original's), and each remote server's SMTP reply with the indented lines it
    wraps onto ("said: 550 5.7.1" then "    Message contains spam or virus")."""
    notice, _ = split_inline(text)
    own: list[str] = []
    in_reply = False
    for line in notice[:TOP_CHARS].split("\n"):
        if _QUOTED_REPLY.search(line):
            in_reply = True
            continue
        if in_reply and line[:1] in (" ", "\t") and line.strip():
            continue
        in_reply = False
        own.append(line)
    return " ".join(own)


def _top(ctx: Context) -> str:
    """The subject and the opening of the notice: what the notifier itself wrote.

    A bounce that relays "550 5.7.1 rejected as spam" from a remote server, or returns an
    original that a filter stamped "No virus found", reports a failed delivery: it is a bounce,
    not a filter's own notice that it stopped a message. Lower-cased, made once per message
    (speed: the rules search it with caseless twins, see _FOLDED below).
    """
    if "kinds_top" not in ctx.memo:
        ctx.memo["kinds_top"] = " ".join(f"{ctx.subject}\n{_own_words(ctx.text)}".split()).lower()  # wrapped lines read as one
    return ctx.memo["kinds_top"]


# Speed (toolkit/folding.py): the patterns searched in _top(), as caseless twins for its lower-cased text.
_VIRUS, _VIRUS_FOUND, _SPAM_NOTICE, _CHALLENGE, _CHALLENGE_PRODUCT, _SOPHOS_WRITER, _SOPHOS_THREAT_FOUND = _FOLDED = \
    tuple(fold(p) for p in (_VIRUS, _VIRUS_FOUND, _SPAM_NOTICE, _CHALLENGE, _CHALLENGE_PRODUCT, _SOPHOS_WRITER,
                            _SOPHOS_THREAT_FOUND))


def feedback_report(ctx: Context, bounce: Bounce | None) -> bool:
    return is_feedback(ctx)


def virus_notice(ctx: Context, bounce: Bounce | None) -> bool:
    """A filter reporting a virus it found; a spam filter's notice that merely calls the filter
    "anti-virus and anti-spam" is a spam notice."""
    if not automated(ctx) or _is_reply_to_person(ctx):
        return False
    top = _CLEAN_VERDICT.sub(" ", _top(ctx))
    if _sophos_found_a_threat(ctx, top):
        return True
    if not _VIRUS.search(top):
        return False
    return bool(_VIRUS_FOUND.search(top)) or not _SPAM_NOTICE.search(top)


def _sophos_found_a_threat(ctx: Context, top: str) -> bool:
    """Sophos's own notice (its name in the notice's own words or its sender) saying, in Sophos's wording, that it
    found a threat."""
    if not _SOPHOS_THREAT_FOUND.search(top):
        return False
    return bool(_SOPHOS_WRITER.search(top)) or bool(_SOPHOS_WRITER.search(str(ctx.msg.get("From", "")).lower()))


def spam_notice(ctx: Context, bounce: Bounce | None) -> bool:
    return automated(ctx) and bool(_SPAM_NOTICE.search(_top(ctx)))


def _challenge_system(ctx: Context) -> bool:
    """A challenge-response system's own mark: its headers, its sending domain or its subject.

    Holds even when the challenge is dressed as a delivery report (Boxbe sends some as
    multipart/report with a 4.7.0 status): nothing failed, the sender is asked to act.
    """
    # fingerprint.py: each system's own headers and Message-ID form; TMDA's X-Delivery-Agent, on all
    # its users' mail, only on an auto-replied message (its requests: TMDA/AutoResponse.py)
    if any(ctx.msg.get(name) for name in _CHALLENGE_HEADERS) or challenge_headers(ctx):
        return True
    if _is_forward_by_person(ctx):
        return False
    if _CHALLENGE_SENDER.search(f"{ctx.from_addr} {ctx.return_path or ''}"):
        return True
    if _CHALLENGE_SUBJECT.search(ctx.subject):
        return True
    top = _top(ctx)  # a challenge system naming itself while asking to verify ("protected by Sendio")
    return automated(ctx) and bool(_CHALLENGE_PRODUCT.search(top)) and bool(_CHALLENGE.search(top))


def challenge(ctx: Context, bounce: Bounce | None) -> bool:
    """A challenge system's own mark; or an automated mail, no bounce, asking the sender to verify
    or get approved, that is not a filter's spam or virus notice (quarantine digests also speak of
    approving and allow lists)."""
    if _challenge_system(ctx):
        return True
    if not automated(ctx) or bounce is not None:
        return False
    top = _top(ctx)
    return bool(_CHALLENGE.search(top)) and not _SPAM_NOTICE.search(top) and not _VIRUS.search(top)


def bounce(ctx: Context, parsed: Bounce | None) -> bool:
    """A registered format parsed it; or a mail system's own notice states a delivery failure in a
    form no format reads yet (the kind holds even when the recipients cannot be read). Not a message
    that only poses as one (poses_as_mail_system)."""
    if parsed is not None:
        stated = parsed.format not in ("rfc3834", "arf") and not forwards_attached_report(ctx)
    else:
        stated = failure_notice(ctx) or declared_dsn(ctx)
    return stated and not poses_as_mail_system(ctx, parsed)


_REPORT_PARTS = ("message/delivery-status", "message/global-delivery-status", "multipart/report")
# What a notice may carry of the message it is about (RFC 3464's returned content, RFC 6522's report parts).
_CARRIED_PARTS = ("message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers", *_REPORT_PARTS)


def poses_as_mail_system(ctx: Context, parsed: Bounce | None) -> bool:
    """A failure notice in a mail system's name sent with a recorded envelope sender that is not the null
    one, naming no failed recipient and carrying nothing of a returned message: a phish dressed as a bounce
    ("Mail delivery failed: 4 incoming messages pending", "Your mailbox is full"). RFC 5321 section 4.5.5
    sends every non-delivery notification with the null reverse-path, and RFC 3464 section 2 has a DSN
    report, to its sender, on a message that was sent (its recipients, its returned content).

    The envelope is a person's, or a mail system's at the very domain the notice is addressed to: a domain's
    own mail system writes to its own user only about mail that user sent, and then names that mail's failed
    recipient or returns it. A mail system of another domain that gets the envelope wrong (MAILER-DAEMON@ as
    the reverse-path) is read as the bounce it claims to be; so is any bounce that names a recipient or
    returns the message (forwarders record what they were given), and one whose envelope was not recorded."""
    if not ctx.return_path:
        return False
    if not ctx.person_envelope and not _daemon_of_addressee_domain(ctx):
        return False
    if parsed is not None and (parsed.original is not None or parsed.original_text
                               or any(d.recipient for d in parsed.deliveries)):
        return False
    return not ctx.parts_of(*_CARRIED_PARTS) and split_inline(ctx.text)[1] is None


_SRS = re.compile(SRS)
# Where the notice was addressed: its To, and the envelope recipient forwarders and Gmail record.
ADDRESSEE_FIELDS = ("To", "Delivered-To", "X-Original-To")


def _envelope_domain(return_path: str) -> str | None:
    """The registered domain of the envelope sender, before a forwarder's SRS rewrite (verdict.SRS)."""
    srs = _SRS.match(return_path)
    return org_domain(srs.group(1) if srs else return_path.rpartition("@")[2])


def _daemon_of_addressee_domain(ctx: Context) -> bool:
    """The envelope sender's registered domain is that of an address the notice was sent to."""
    domain = _envelope_domain(ctx.return_path or "")
    return bool(domain) and any(site(a) == domain for a in addresses(ctx.msg, *ADDRESSEE_FIELDS))


def forwards_attached_report(ctx: Context) -> bool:
    """A person's message that carries a delivery report only inside an attached message (a friend
    forwarding a bounce as an attachment, "Fwd: Undelivered Mail Returned to Sender"): RFC 3464 section 2
    has the reporting MTA send a DSN to the envelope sender in its own name; what a person attaches is
    theirs to show, and the message's kind follows its own writer, as a quoted bounce does."""
    if automated(ctx) or ctx.from_system:
        return False
    reports = ctx.parts_of(*_REPORT_PARTS)
    if not reports:
        return False
    attached = {id(inner) for part in ctx.parts_of("message/rfc822") for inner in part.walk() if inner is not part}
    return all(id(report) in attached for report in reports)


def declared_dsn(ctx: Context) -> bool:
    """A mail system's message that declares itself a delivery status notification (RFC 6522's
    multipart/report with report-type=delivery-status, RFC 3464) though no part of it could be read:
    a truncated or damaged DSN is still a DSN."""
    return (ctx.null_sender or ctx.from_daemon) and declares_report(ctx.msg, "delivery-status")


def failure_notice(ctx: Context) -> bool:
    """A mail system's notice (null sender or daemon) that states a delivery failure in its own
    text (not in a subject, which may quote the original's: "Auto: Delivery failed", nor in a
    subject its text quotes: 'Your mail concerning "Undeliverable mail" will be read ...')."""
    return (ctx.null_sender or ctx.from_daemon) and bool(_FAILURE.search(unquoted(ctx.text[:FAILURE_OPENING])))


def autoreply(ctx: Context, parsed: Bounce | None) -> bool:
    msg = ctx.msg
    if ctx.from_daemon or failure_notice(ctx):  # a mail system's own notice is no one's absence
        return False
    if is_receipt(ctx):  # a read / not-read receipt (RFC 8098): sent on its own to whoever asked for it
        return True
    value = str(msg.get("Auto-Submitted", "")).lower()
    if value.startswith("auto-replied"):
        return True
    if msg.get("X-Autoreply") or msg.get("X-Autorespond") or str(msg.get("Precedence", "")).lower() == "auto_reply":
        return True
    if from_list(ctx.msg):  # RFC 3834 section 2: a list's own mail is no one's reply, whatever its subject says
        return False
    if _vacation_program(ctx) or _vacation_reply(ctx) or _vacation_default_message(ctx):
        return True
    match = AUTOREPLY_SUBJECTS.match(ctx.subject)
    if not match:
        return _absence_notice(ctx, parsed) or _ticket_acknowledgement(ctx, parsed) or _abandoned_mailbox(ctx, parsed)
    prefixed = ctx.subject[match.end():].lstrip().startswith(":")  # "Automatic reply: <their subject>"
    return automated(ctx) or prefixed or _titled_reply(ctx)


_FORWARD = re.compile(r"^\s*(fw|fwd|wg|tr|rv|i|vb|pd)\s*:", re.I)
_REPLY = re.compile(r"^\s*(re|aw|sv|antw|r|rif)\s*:", re.I)
# The header vacation(1)'s manual puts in its example ~/.vacation.msg (BSD usr.bin/vacation/vacation.1).
_GRACES = re.compile(r"vacation", re.I)


# A responder's stock title standing alone as the subject ("Auto Response", Yahoo Mail's vacation response).
_RESPONDER_TITLE = re.compile(r"^\s*(auto[- ]?(reply|response)|automatic (reply|response)|autoresponse|"
                              r"out of (the )?office( autoreply)?)\s*$", re.I)


def _titled_reply(ctx: Context) -> bool:
    """A reply (In-Reply-To) whose whole subject is a responder's title: people title their answers after what
    they answer, responders that set no RFC 3834 field (webmail vacation responses) after themselves."""
    return bool(ctx.msg.get("In-Reply-To")) and bool(_RESPONDER_TITLE.match(ctx.subject))


def _vacation_program(ctx: Context) -> bool:
    """vacation(1)'s own header, copied from its manual into ~/.vacation.msg by its users."""
    return any(_GRACES.search(str(value)) for name in ("Delivered-By-The-Graces-Of", "X-Delivered-By-The-Graces-Of")
               for value in ctx.msg.get_all(name, []))


def _vacation_reply(ctx: Context) -> bool:
    """vacation(1) adds nothing to the user's ~/.vacation.msg: a reply ("Re: $SUBJECT") marked
    `Precedence: junk`, not from a list, is such a reply (mail clients never write that field)."""
    return str(ctx.msg.get("Precedence", "")).strip().lower() == "junk" and bool(_REPLY.match(ctx.subject))


# The message the Linux vacation program (Debian's vacation package, vacation 1.2.x) writes to ~/.vacation.msg
# when its user has written none: "Subject: away from my mail", "I will not be reading my mail for a while.
# Your mail concerning "$SUBJECT" will be read when I'm back." It sends it with "Precedence: bulk".
VACATION_DEFAULT_TEXT = re.compile(r"\bi will not be reading my mail for a while\b|"
                                   r"\byour mail concerning [^\n]{0,300} will be read when i'?m back\b", re.I)
_BULK_OR_JUNK = ("bulk", "junk")


def _vacation_default_message(ctx: Context) -> bool:
    """vacation(1)'s default message, with the precedence it sends it under."""
    if str(ctx.msg.get("Precedence", "")).strip().lower() not in _BULK_OR_JUNK:
        return False
    return bool(VACATION_DEFAULT_TEXT.search(" ".join(ctx.text[:ABSENCE_OPENING].split())))


def _absence_notice(ctx: Context, parsed: Bounce | None) -> bool:
    """An automated reply, not from a list, whose opening says its writer is away (vacation(1)
    sends the user's own words under any subject, marked only by `Precedence: junk`)."""
    if parsed is not None or not automated(ctx) or from_list(ctx.msg):
        return False
    return bool(_ABSENCE.search(" ".join(ctx.text[:ABSENCE_OPENING].split())))


def _ticket_acknowledgement(ctx: Context, parsed: Bounce | None) -> bool:
    """A help desk acknowledging the ticket a message opened: an automated reply to that message (to the
    forged sender, when spam opened it), whatever RFC 3834 value it carries. Zendesk marks ALL its mail,
    its agents' answers too, `Auto-Submitted: auto-generated`: the acknowledgement's own words tell it apart."""
    if parsed is not None or from_list(ctx.msg):
        return False
    opening = " ".join(ctx.text[:ABSENCE_OPENING].split())
    if _help_desk_template(ctx, opening):
        return True
    return automated(ctx) and bool(_TICKET_RECEIVED.search(f"{ctx.subject}\n{opening}"))


def _help_desk_template(ctx: Context, opening: str) -> bool:
    """A help desk's own acknowledgement by its documented marks, with or without RFC 3834 fields: Freshdesk's
    default subject with its default words; an OTRS auto response (its loop fields under its ticket hook)."""
    if _FRESHDESK_SUBJECT.match(ctx.subject) and _FRESHDESK_WORDS.search(opening):
        return True
    msg = ctx.msg
    return bool(msg.get("X-Loop")) and str(msg.get("Precedence", "")).strip().lower() == "bulk" \
        and bool(_OTRS_TICKET_HOOK.search(ctx.subject))


def _abandoned_mailbox(ctx: Context, parsed: Bounce | None) -> bool:
    """A reply (In-Reply-To, or a "Re:" subject) opening with the news that the address it answers for is no
    longer read: no person wrote it to this sender, the server sends it to all."""
    if parsed is not None or from_list(ctx.msg):
        return False
    if not (ctx.msg.get("In-Reply-To") or _REPLY.match(ctx.subject)):
        return False
    return bool(_ABANDONED.search(" ".join(ctx.text[:ABANDONED_OPENING].split())))


def _is_forward_by_person(ctx: Context) -> bool:
    """A person forwarding a notice ("Fwd: Undelivered Mail Returned to Sender") to the owner."""
    return bool(_FORWARD.match(ctx.subject)) and not automated(ctx)


def _is_reply_to_person(ctx: Context) -> bool:
    return bool(re.match(r"^\s*(re|aw|sv|fw|fwd|wg)\s*:", ctx.subject, re.I)) and not ctx.null_sender \
        and not ctx.from_daemon


def list_notice(ctx: Context, parsed: Bounce | None) -> bool:
    """A list manager's own notice to the sender of a post it got (listnotice.py): an automatic response, not
    the list's own post and not a delivery failure (the list received the message), before any rule that
    would read its held-for-approval or not-a-member words as a filter's or a mail system's. A person
    forwarding or answering one quotes its words: their mail is theirs (ham), as with any notice."""
    if _is_forward_by_person(ctx) or _is_reply_to_person(ctx):
        return False
    return listnotice.to_poster(ctx)


RULES: list[tuple[str, Callable[[Context, Bounce | None], bool]]] = [
    ("feedback_report", feedback_report),
    ("autoreply", list_notice),
    ("challenge", challenge),
    ("virus_notice", virus_notice),
    ("spam_notice", spam_notice),
    ("bounce", bounce),
    ("autoreply", autoreply),
]


def classify(ctx: Context, parsed: Bounce | None) -> str:
    for kind, rule in RULES:
        if rule(ctx, parsed):
            return kind
    return "ham"
