"""Table-driven: auto-replies and challenges as the products that WRITE them document or code them.

Each sample in tests/samples/responders/ is written for these tests around the marks its product's
documentation, manual or source code gives (named beside each row); the people, hosts, wording and
the spam they answer are invented. What real installs vary is varied: the user's own subject and
words in several languages, HTML-only bodies, with and without the original, and the MTA under the
responder adding its own headers (cPanel's X-AntiAbuse, Exchange's X-MS-Exchange-*). A row gives what
the analysis must yield: the kind, the product that wrote it, how the original is known and its subject
(spam-run clustering keys on it; None when the auto-reply names it nowhere), and the party that answered.
"""
from __future__ import annotations

from email.parser import BytesParser
from email.policy import compat32
from pathlib import Path

import polars as pl
import pytest

from toolkit.ingest import ingest
from toolkit.messages import Parsed, normalize_eol
from toolkit.notices import analyse
from toolkit.products import PRODUCTS
from toolkit.sources import RawMessage
from toolkit.verdict import Owner

from helpers import mbox, message

SAMPLES = Path(__file__).parent / "samples" / "responders"
SPAM = "Cheap meds online - 80% off"

# sample, kind, product, orig_source, orig_subject, the party that answered
CASES = [
    # cPanel autoresponder (cPanel docs "Autoresponders": the user sets From, Subject and Body, with the
    # %subject%/%from%/%email% tags, HTML optional; Exim pipes to /usr/local/cpanel/bin/autorespond):
    # X-Autorespond, Precedence: auto_reply; cPanel's Exim adds X-AntiAbuse to all mail it sends.
    ("cpanel-html.eml", "autoreply", "cpanel", "subject", SPAM, "dana@shop-whitfield.example"),
    # ... with a subject of the user's own in Spanish: it names no original.
    ("cpanel-es.eml", "autoreply", "cpanel", None, None, "ventas@ferreteria-luz.example"),
    # Dovecot Pigeonhole vacation, script without :subject (src/lib-sieve/plugins/vacation/cmd-vacation.c):
    # X-Sieve: Pigeonhole Sieve, Message-ID <dovecot-sieve-SEC-USEC-N@host>, Subject "Auto: <theirs>",
    # Auto-Submitted: auto-replied (vacation), Precedence: bulk.
    ("dovecot-default.eml", "autoreply", "dovecot-sieve", "subject", SPAM, "a.kowalczyk@kowalczyk-law.example"),
    # ... written by Roundcube's managesieve plugin (a sieve script; the reply is Pigeonhole's) with a German
    # subject of the user's and an HTML alternative, on a cPanel server (X-AntiAbuse names the carrier only).
    ("dovecot-roundcube.eml", "autoreply", "dovecot-sieve", None, None, "j.bauer@bauer-tischlerei.example"),
    # Cyrus IMAP lmtpd's send_response (imap/lmtp_sieve.c, sieve/bc_eval.c): Message-ID <cmu-sieve-PID-TIME-N@host>,
    # X-Sieve: CMU Sieve 3.0, default subject "Re: <theirs>".
    ("cyrus.eml", "autoreply", "cyrus-sieve", "subject", SPAM, "h.larsen@uni-nord.example"),
    # vacation(1) sends ~/.vacation.msg as written; the manual's example carries "Delivered-By-The-Graces-Of:
    # The Vacation program" and "Precedence: bulk" (BSD usr.bin/vacation/vacation.1). Subject of the user's own.
    ("vacation-manpage.eml", "autoreply", "vacation", None, None, "mwong@cs.lakeside.example"),
    # ... a .vacation.msg with "Subject: Re: $SUBJECT" and Precedence: junk, Dutch words, nothing else added.
    ("vacation-subject.eml", "autoreply", "vacation", "subject", SPAM, "pieter@vandam-bouw.example"),
    # Exchange on-premises OOF in German ("Automatische Antwort:"), Thread-Topic, X-MS-Exchange-Inbox-Rules-Loop,
    # X-Auto-Response-Suppress: All and Auto-Submitted: auto-generated (MS-OXCMAIL 2.1.3.2.20 for the former).
    ("exchange-oof-de.eml", "autoreply", "exchange", "subject", SPAM, "k.mueller@mueller-gmbh.example"),
    # Outlook.com (Exchange Online) in French, HTML only, "Réponse automatique :" with a no-break space.
    ("outlookcom-fr.eml", "autoreply", "exchange", "subject", SPAM, "camille.roux@outlook.fr"),
    # Exchange Online's automatic reply in Hungarian ("Automatikus válasz:", Outlook's prefix in that language),
    # with none of the X-MS-Exchange-* fields (a relay stripped them): the prefix and Thread-Topic, which Exchange
    # and Outlook write beside the subject (MS-OXCMAIL: PidTagConversationTopic), name the writer.
    ("exchange-online-oof-hu.eml", "autoreply", "exchange", "subject", SPAM, "a.kovacs@kovacs-kft.example"),
    # Outlook's client-side rule on a POP account, sent through a cPanel server: Outlook wrote it, not cPanel.
    ("outlook-client-cpanel.eml", "autoreply", "exchange", "subject", SPAM, "info@bakkerij-smit.example"),
    # Zimbra's Notification.java: "Re: <subject>", Auto-Submitted: auto-replied (zimbra; vacation), Precedence: bulk.
    ("zimbra.eml", "autoreply", "zimbra", "subject", SPAM, "s.devries@gemeente-oost.example"),
    # Gmail's vacation responder: Auto-Submitted: auto-replied, Message-ID @mail.gmail.com, "Re:" by default.
    ("gmail.eml", "autoreply", "gmail", "subject", SPAM, "ravi.menon1987@gmail.com"),
    # ... Google Workspace on the user's own domain, a Japanese subject of the user's ("不在のお知らせ").
    ("gmail-workspace-ja.eml", "autoreply", "gmail", None, None, "t.sato@sato-shoten.example"),
    # Zoho Mail's out-of-office reply on the user's own domain, in Portuguese with a subject of the user's: no
    # responder's own mark, only the stamps Zoho's servers put on what they send (User-Agent/X-Mailer: Zoho Mail,
    # a Feedback-ID ending ":ZohoMail": Sisimai's Lhost::Zoho samples, Zoho users' mail in public list archives).
    ("zoho.eml", "autoreply", "zoho", None, None, "l.fernandes@fernandes-arq.example"),
    # Yahoo Mail's vacation response from a yahoo.com mailbox.
    ("yahoo.eml", "autoreply", "yahoo", "subject", SPAM, "gail_h1962@yahoo.com"),
    # DirectAdmin's autoresponder is Exim's autoreply transport with DirectAdmin's "Autoreply: <subject>"; no
    # documented mark of DirectAdmin's own: the kind and the original's subject, no product.
    ("directadmin.eml", "autoreply", None, "subject", SPAM, "info@fietsenmaker-jansen.example"),
    # TMDA's confirmation request (TMDA/AutoResponse.py): multipart/mixed with a "Confirmation Request" part and
    # the original attached, X-Delivery-Agent: TMDA/<version>, Auto-Submitted: auto-replied, Precedence: bulk,
    # Message-ID <YYYYmmddHHMMSS.pid.rand.TMDA@host> (TMDA/Util.py make_msgid); the user's own template words.
    ("tmda.eml", "challenge", "tmda", "rfc822", SPAM, "nils-confirm-1709632699.3121.9f3a2c@hillside-hackers.example"),
    # cPanel BoxTrapper's verify message: "Subject: verify#%msgid%" is required in its template (cPanel UAPI
    # BoxTrapper::save_email_template), %headers% puts the original's headers below the text.
    ("boxtrapper.eml", "challenge", "boxtrapper", "inline", SPAM, "r.okafor@okafor-consult.example"),
    # ChoiceMail One's registration request (DigiPortal's online help, "Messages customization": the user's own
    # words, the registration link "Click here to verify your identity", deletion after %d days), German HTML.
    ("choicemail.eml", "challenge", "choicemail", "subject", SPAM, "helga.brandt@brandt-reisen.example"),
    # Boxbe's waitlist notice as a multipart/report with Action: delayed, Status: 4.7.0, from notify@boxbe.com.
    ("boxbe-report.eml", "challenge", "boxbe", "headers", SPAM, "notify@boxbe.com"),
    # Spam Arrest's request sent for its user by spamarrest.com ("[Verify to deliver]").
    ("spamarrest.eml", "challenge", "spamarrest", "subject", SPAM, "wkessler@kessler-farms.example"),
]

# sample, kind, product: what must NOT be read as an auto-reply or a challenge, or named after one
NOT_RESPONDERS = [
    # a Postfix bounce returning an auto-reply whose headers carry every responder's mark
    ("bounce-of-autoreply.eml", "bounce", "postfix"),
    # a newsletter with Precedence: bulk, List-Id, X-Auto-Response-Suppress and an "Out of office?" subject
    ("newsletter.eml", "ham", None),
    # a person's reply from a cPanel server that mentions ChoiceMail and being away
    ("person-reply.eml", "ham", None),
    # a TMDA user's ordinary reply: tmda-sendmail stamps X-Delivery-Agent: TMDA on all of it
    ("tmda-user-reply.eml", "ham", None),
]


def analysed(name: str, text: str | None = None):
    data = text.encode() if text is not None else (SAMPLES / name).read_bytes()
    msg = BytesParser(policy=compat32).parsebytes(normalize_eol(data))
    return analyse(Parsed("k", "/s", "eml", RawMessage(name, data), msg))


@pytest.mark.parametrize("sample,kind,product,source,subject,party", CASES, ids=[c[0] for c in CASES])
def test_responder_sample_yields_its_fields(sample, kind, product, source, subject, party):
    notice = analysed(sample)
    assert notice.kind == kind
    assert notice.software == product
    assert product is None or product in PRODUCTS
    original = notice.original or {}
    assert original.get("orig_source") == source
    assert original.get("orig_subject") == subject
    if kind == "autoreply":  # the verdict's other party: who answered
        assert [d.recipient for d in notice.deliveries] == [party]


@pytest.mark.parametrize("sample,kind,product", NOT_RESPONDERS, ids=[c[0] for c in NOT_RESPONDERS])
def test_not_a_responder(sample, kind, product):
    notice = analysed(sample)
    assert notice.kind == kind and notice.software == product


@pytest.mark.parametrize("sample", [c[0] for c in CASES if c[3] in ("rfc822", "headers", "inline")])
def test_a_carried_original_leads_to_the_spammer(sample):
    assert analysed(sample).original["origin_ip"] == "185.23.1.77"


def _edited(sample: str, old: str, new: str) -> str:
    text = (SAMPLES / sample).read_text()
    assert old in text
    return text.replace(old, new)


# A responder's variants: the mark that remains must still name it.
VARIANTS = [
    # Exchange's reply under a prefix not Exchange's own: Thread-Topic alone still names the writer
    ("exchange-online-oof-hu.eml", "=?utf-8?B?QXV0b21hdGlrdXMgdsOhbGFzejogQ2hlYXAgbWVkcyBvbmxpbmUgLSA4MCUgb2Zm?=",
     "Auto-Reply: Cheap meds online - 80% off", "exchange"),
    # Pigeonhole with a :subject of the user's own, and no X-Sieve line (stripped by a relay): the Message-ID form
    ("dovecot-default.eml", "X-Sieve: Pigeonhole Sieve 0.5.21\n", "", "dovecot-sieve"),
    # Cyrus without X-Sieve: its Message-ID
    ("cyrus.eml", "X-Sieve: CMU Sieve 3.0\n", "", "cyrus-sieve"),
    # TMDA's request with a Message-ID rewritten by a relay: X-Delivery-Agent with Auto-Submitted still holds
    ("tmda.eml", "<20240305100459.3121.48213.TMDA@penguin.hillside-hackers.example>", "<abc123@relay.example>", "tmda"),
    # a Gmail vacation reply whose user quotes TMDA's, ChoiceMail's and cPanel's names in the text
    ("gmail.eml", "Travelling till 12th March", "My spam filter (ChoiceMail, TMDA, cPanel BoxTrapper) is off;"
     " travelling till 12th March", "gmail"),
]


@pytest.mark.parametrize("sample,old,new,product", VARIANTS, ids=[f"{v[0]}-{i}" for i, v in enumerate(VARIANTS)])
def test_variants_keep_their_writer(sample, old, new, product):
    notice = analysed(sample, _edited(sample, old, new))
    assert notice.kind in ("autoreply", "challenge") and notice.software == product


def test_a_quoted_original_names_no_product():
    """An auto-reply quoting the spam below its own words is named after its own marks, not after a
    challenge system the quoted spam happens to name."""
    quoted = ("\n-----Original Message-----\nFrom: Pharmacy Deals <owner@example.org>\nSent: Tuesday, March 5, 2024\n"
              "To: Ravi Menon\nSubject: Cheap meds online - 80% off\n\nProtected by Spam Arrest, Boxbe and Qurb.\n")
    text = _edited("yahoo.eml", "won't be checking email until the 15th.\n",
                   "won't be checking email until the 15th.\n" + quoted)
    notice = analysed("yahoo.eml", text)
    assert notice.kind == "autoreply" and notice.software == "yahoo"


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    """All the samples in one inbox of owner@example.org, whose Sent folder holds unrelated mail."""
    folder = tmp_path_factory.mktemp("responders")
    names = [c[0] for c in CASES]
    (folder / "Inbox.mbox").write_text(mbox(*((SAMPLES / n).read_text() for n in names)))
    (folder / "Sent.mbox").write_text(mbox(message("lunch", From="owner@example.org", To="friend@pals.example",
                                                   Message_ID="<mine-1@example.org>")))
    ingest([folder / "Inbox.mbox", folder / "Sent.mbox"], folder / "out", cache_dir=folder / "cache",
           progress=False, owner=Owner(addresses=("owner@example.org",)))
    frame = pl.read_parquet(folder / "out" / "messages.parquet").filter(pl.col("mailbox_role") == "inbox")
    assert frame.height == len(names)  # rows out = messages in
    return frame


def test_every_reply_to_the_forged_spam_is_backscatter(judged):
    """Each answers a spam run in the owner's name the owner never sent: a notification the verdict
    judges backscatter, the replies that name the spam's subject seen as one run."""
    assert set(judged["kind"]) <= {"autoreply", "challenge"}
    assert judged["is_backscatter"].all(), judged.filter(~pl.col("is_backscatter")).select("subject", "signals")
    runs = judged.filter(pl.col("signals").list.contains("same_subject_run"))
    assert runs.height == sum(1 for c in CASES if c[4] == SPAM)


# Read / not-read receipts (RFC 8098): Exchange's, as its multipart/report with the message/disposition-notification
# part naming the message answered (Original-Message-ID, 3.2.5) and the writer (Reporting-UA, 3.2.1). One answers a
# spam that asked for a receipt at the forged address, one the owner's own mail (in the Sent folder): only the
# receipt's field links the latter to it (no In-Reply-To), and the verdict must find it there.
RECEIPT = """Return-Path: <>
From: {reader}
To: owner@example.org
Subject: {prefix}: {subject}
Date: Tue, 05 Mar 2024 12:00:00 +0000
Message-ID: <{key}@mail.firm.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification;
\tboundary="R1"

--R1
Content-Type: text/plain; charset="us-ascii"

Your message

  To: {reader}
  Subject: {subject}

was {outcome}.

--R1
Content-Type: message/disposition-notification

Reporting-UA: mail.firm.example; Microsoft Exchange Server
Final-Recipient: rfc822;{reader}
Original-Message-ID: <{original}>
Disposition: {disposition}

--R1--
"""
READ = {"prefix": "Read", "outcome": "read on Tuesday, March 5, 2024", "disposition": "manual-action/MDN-sent-manually; displayed"}
NOT_READ = {"prefix": "Not read", "outcome": "deleted without being read",
            "disposition": "automatic-action/MDN-sent-automatically; deleted"}

# reader, subject, original, wording, in the owner's Sent folder
RECEIPTS = [
    ("k.mueller@mueller-gmbh.example", SPAM, "spam-77@owner.example.org", READ, False),
    ("a.kovacs@kovacs-kft.example", SPAM, "spam-78@owner.example.org", NOT_READ, False),
    ("friend@pals.example", "Quarterly figures", "mine-2@example.org", READ, True),
]


@pytest.mark.parametrize("reader,subject,original,wording,sent", RECEIPTS, ids=["read", "not-read", "genuine"])
def test_a_read_receipt_is_an_exchange_autoreply_naming_its_original(reader, subject, original, wording, sent):
    text = RECEIPT.format(reader=reader, subject=subject, original=original, key=original.split("@")[0], **wording)
    notice = analysed("receipt.eml", text)
    assert (notice.kind, notice.software) == ("autoreply", "exchange")
    assert notice.original["orig_source"] == "report"
    assert (notice.original["orig_message_id"], notice.original["orig_subject"]) == (original, subject)


def test_a_receipt_for_the_owners_own_mail_is_found_in_the_sent_folder(tmp_path):
    receipts = [RECEIPT.format(reader=r, subject=s, original=o, key=o.split("@")[0], **w) for r, s, o, w, _ in RECEIPTS]
    (tmp_path / "Inbox.mbox").write_text(mbox(*receipts))
    (tmp_path / "Sent.mbox").write_text(mbox(message("Quarterly figures", From="owner@example.org",
                                                     To="friend@pals.example", Message_ID="<mine-2@example.org>")))
    ingest([tmp_path / "Inbox.mbox", tmp_path / "Sent.mbox"], tmp_path / "out", cache_dir=tmp_path / "cache",
           progress=False, owner=Owner(addresses=("owner@example.org",)))
    frame = pl.read_parquet(tmp_path / "out" / "messages.parquet").filter(pl.col("mailbox_role") == "inbox")
    assert frame.height == len(RECEIPTS)
    for (_, subject, _, _, sent) in RECEIPTS:
        row = frame.filter(pl.col("subject").str.ends_with(subject)).row(0, named=True) if not sent else \
            frame.filter(pl.col("subject") == f"Read: {subject}").row(0, named=True)
        assert ("sent_folder_match" in row["signals"]) == sent
        if sent:
            assert not row["is_backscatter"]
