"""The origin of a returned spam, read from Received chains written the way real MTAs write them.

Each case is a returned original's Received chain (topmost first), the bouncer's own domains,
the origin IP the trust walk must yield, the fact it covers and where the line format comes
from. The formats follow each product's own source or documentation, or the shape of lines it
writes in public mailing-list archives; the names and addresses are made up (the zombies'
reverse DNS in the style of residential ISPs). The team that wrote the trace did not write these
formats (unlike toolkit/synth), so they check it against mail as it is.

Sources (format of the line the MTA adds):
  POSTFIX   smtpd.c: "from HELO (NAME [ADDR])" with "unknown" for an unverified client name,
            "(using TLS...)", "(Authenticated sender: USER)", "by HOST (Postfix) with PROTO id QID"
  SENDMAIL  cf/m4/proto.m4 HReceived: "from HELO (NAME [ADDR] (may be forged))",
            "(authenticated bits=N)", "by HOST (8.x/8.x) with PROTO id QID for <RCPT>"
  EXIM      spec, received_header_text and $sender_rcvhost: "from NAME ([ADDR]:PORT helo=HELO)"
            or "from [ADDR] (port=PORT helo=HELO)", "by HOST with esmtp(s)(a) (Exim x.y) id ID";
            cPanel's Exim is the same with esmtpsa for its mailbox users
  QMAIL     qmail-smtpd received.c: "from NAME (HELO HELO) (INFO@ADDR) by HOST with SMTP",
            qmail-queue's "(qmail PID invoked from network)" / "(qmail PID invoked by uid UID)"
  EXCHANGE  Exchange 2010-2019 / Exchange Online: "from HELO (ADDR) by HOST (ADDR) with Microsoft
            SMTP Server (version=TLS1_2, cipher=...) id 15.x [via Frontend Transport]", internal
            "with mapi id"; no reverse DNS is recorded (Microsoft message-header analyser docs,
            and lines in public list archives)
  IIS       "from HELO ([ADDR]) by HOST with Microsoft SMTPSVC(6.0.3790.x)" (Windows SMTP service)
  MDAEMON   "from HELO ([ADDR]) by HOST (ADDR) (MDaemon PRO vN) with ESMTP(S)(A) id mdN.msg",
            IPv6 client written "[IPV6:...]"
  DOMINO    "from HELO ([ADDR]) by HOST (Lotus Domino Release 8.5.3FP6) with ESMTP id N ; DATE"
  IMAIL     Ipswitch IMail: "from HELO [ADDR] by HOST (SMTPD32-8.15) id ID; DATE" (no "with" after HELO;
            "with ESMTP (SMTPD-8.20)" after EHLO), the client's name as it announced it, no reverse DNS
  MAILENABLE "from HELO ([ADDR]) by HOST with MailEnable ESMTP; DATE"
  ICEWARP   "from HELO ([ADDR]) by HOST (IceWarp 12.x x64) with ASMTP (SSL) id ID" (ASMTP: authenticated)
  EXCH2003  Exchange 2003 / IIS: "from HELO ([ADDR]) by HOST with Microsoft SMTPSVC(6.0.3790.x)" and
            "from HELO (ADDR) by HOST (LAN-ADDR) with Microsoft SMTP Server id 6.0.3790.x"
  RATWARE   lines spam software writes under its own hop: private addresses, a fake hop from a
            provider's outbound server "by" the zombie's own HELO (SpamAssassin's FORGED_*_RCVD family)
  COURIER   "from HELO (NAME [::ffff:ADDR]) (AUTH: LOGIN user, TLS: ...) by HOST with ESMTPA; DATE
            id ID" (couriertcpd reports IPv4 clients as IPv4-mapped IPv6, the id follows the date)
  KERIO     "from HELO ([ADDR]) (authenticated user USER) by HOST (Kerio Connect 9.x) with ESMTPA"
  HARAKA    "from NAME (HELO HELO) (ADDR) by HOST (Haraka/3.0.1) with ESMTPSA"
  ZIMBRA    Postfix with amavisd-new: "from HOST ([127.0.0.1]) by localhost (HOST [127.0.0.1])
            (amavisd-new, port 10032) with ESMTP id ID" between two Postfix localhost hops, LMTP to
            the mailbox server "from HOST (LHLO HOST) (ADDR) by MBOX with LMTP"
  IRONPORT  AsyncOS: "from NAME (HELO HELO) ([ADDR]) by esaN.ORG.iphmx.com with ESMTP/TLS/CIPHER"
  PROOFPOINT "from HELO (NAME [ADDR]) by mx0a-N.pphosted.com (PPS) with ESMTPS id ID" and its
            filter hop "from pps.filterd (mN.ppops.net [127.0.0.1]) by mx0a-N.pphosted.com"
  MIMECAST  "from HELO (NAME [ADDR]) by relay.mimecast.com with ESMTP with STARTTLS (...) id
            us-mta-N-ID"; Mimecast hands over as usN-smtp-inbound-N.mimecast.com
  GMAIL     "from HELO (NAME. [ADDR]) by mx.google.com with ESMTPS id ID for <RCPT>";
            submission "from HELO (NAME. [ADDR]) by smtp.gmail.com with ESMTPSA id ID (version=...)"
            under "by mail-xxN-fN.google.com with SMTP id ID" (no from: the same host's handover)
  WEBMAIL   Roundcube "from NAME ([ADDR]) by HOST with HTTP (HTTP/1.1 POST)", SquirrelMail "from ADDR
            (SquirrelMail authenticated user USER) by HOST with HTTP" (lines in public list archives)
  OUTLOOK   Exchange Online Protection: "from NAME.outbound.protection.outlook.com (ADDR) by
            NAME.mail.protection.outlook.com (ADDR) with Microsoft SMTP Server ... via Frontend
            Transport", client submission "from [LAN] (ADDR) by NAME.prod.exchangelabs.com"
"""
from __future__ import annotations

from typing import NamedTuple

import pytest

from toolkit.received import chain
from toolkit.trace import origin


class Case(NamedTuple):
    name: str
    chain: list[str]
    expected: str | None
    fact: str
    source: str
    receivers: frozenset = frozenset({"bouncer.example"})
    forged: int | None = None  # the lines below the origin that the sender wrote, where the case counts them


# The bouncer (the spam's recipient whose notification came back) and its times: the MX edge
# received at 10:00:05 UTC; relays handed over a few seconds before.
MX_TIME = "Tue, 05 Mar 2024 10:00:05 +0000"
INNER_TIME = "Tue, 05 Mar 2024 10:00:07 +0000"
RELAY_TIME = "Tue, 05 Mar 2024 09:59:58 +0000"
RELAY_TIME_CET = "Tue, 5 Mar 2024 10:59:58 +0100"
SUBMIT_TIME = "Tue, 05 Mar 2024 09:59:51 +0000"

# Zombies (residential rDNS, none, IPv6) and the relays they used.
Z_DSL = ("dsl-187-156-12-34.prod-infinitum.com.mx", "187.156.12.34")
Z_DYN = ("host-95-24-1-2.dynamic.example.ru", "95.24.1.2")
Z_PPP = ("ppp-91-76-4-9.pppoe.example.net", "91.76.4.9")
Z_BARE = "41.203.18.77"
Z_V6 = "2a02:2f0e:1234:5600::17"
RELAY = ("mail.opencorp.example", "62.75.180.20")
RELAY2 = ("gw.hijacked.example", "91.198.174.33")

INTERNAL = (f"from mx1.bouncer.example (mx1.bouncer.example [10.1.0.5]) by mbox.bouncer.example (Postfix) "
            f"with ESMTP id 4TqA1; {INNER_TIME}")


def mx_postfix(helo: str, name: str, ip: str) -> str:
    """The bouncer's Postfix MX receiving from a client."""
    return f"from {helo} ({name} [{ip}]) by mx1.bouncer.example (Postfix) with ESMTP id 4Tq9Z; {MX_TIME}"


def mx_from_relay(relay=RELAY) -> str:
    return mx_postfix(relay[0], relay[0], relay[1])


# 1. direct to the MX from a zombie ---------------------------------------------------------
DIRECT = [
    Case("postfix-dsl", [INTERNAL, mx_postfix("pc17", *Z_DSL)], Z_DSL[1], "direct, residential rDNS", "POSTFIX"),
    Case("postfix-unknown", [INTERNAL, mx_postfix("qwerty", "unknown", Z_BARE)], Z_BARE,
         "direct, no verified rDNS", "POSTFIX"),
    Case("postfix-ipv6", [INTERNAL, mx_postfix("pc17", "unknown", "IPv6:" + Z_V6)], Z_V6, "direct, IPv6", "POSTFIX"),
    Case("exim-dynamic", [f"from {Z_DYN[0]} ([{Z_DYN[1]}]:50433 helo=user) by mx1.bouncer.example with esmtp "
                          f"(Exim 4.96) (envelope-from <jo@forged.example>) id 1rhXyZ-000aBc-3Q "
                          f"for victim@bouncer.example; {MX_TIME}"],
         Z_DYN[1], "direct, dynamic rDNS", "EXIM"),
    Case("exim-no-rdns", [f"from [{Z_BARE}] (port=50433 helo=qwerty) by mx1.bouncer.example with esmtp (Exim 4.96) "
                          f"id 1rhXyZ-000aBc-3Q; {MX_TIME}"], Z_BARE, "direct, no rDNS", "EXIM"),
    Case("sendmail-forged-rdns", [f"from pc17 ({Z_PPP[0]} [{Z_PPP[1]}] (may be forged)) by mx1.bouncer.example "
                                  f"(8.15.2/8.15.2) with SMTP id 425A0x1p012345 for <v@bouncer.example>; {MX_TIME}"],
         Z_PPP[1], "direct, ppp rDNS", "SENDMAIL"),
    Case("sendmail-no-rdns", [f"from pc17 ([{Z_BARE}]) by mx1.bouncer.example (8.15.2/8.15.2) with SMTP "
                              f"id 425A0x1p012345; {MX_TIME}"], Z_BARE, "direct, no rDNS", "SENDMAIL"),
    Case("qmail-unknown", ["(qmail 21084 invoked from network); 5 Mar 2024 10:00:05 -0000",
                           f"from unknown (HELO qwerty) ({Z_BARE}) by mx1.bouncer.example with SMTP; "
                           "5 Mar 2024 10:00:05 -0000"], Z_BARE, "direct, qmail, no rDNS", "QMAIL"),
    Case("exchange-edge", [f"from EX01.bouncer.example ([fe80::5d1:2c3b:a9e:11%12]) by EX01.bouncer.example "
                           f"([fe80::5d1:2c3b:a9e:11%12]) with mapi id 15.01.2507.035; {INNER_TIME}",
                           f"from pc17 ({Z_DSL[1]}) by EX01.bouncer.example (10.1.0.7) with Microsoft SMTP Server "
                           f"id 15.1.2507.35 via Frontend Transport; {MX_TIME}"],
         Z_DSL[1], "direct to an Exchange 2016 frontend (no rDNS recorded)", "EXCHANGE"),
    Case("ironport-mx", [f"from unknown (HELO pc17) ([{Z_BARE}]) by esa1.bouncer.iphmx.com with "
                         "ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384; 05 Mar 2024 10:00:05 +0000"],
         Z_BARE, "direct to an IronPort edge", "IRONPORT"),
    Case("courier-mapped", [f"from pc17 ({Z_DSL[0]} [::ffff:{Z_DSL[1]}]) by mx1.bouncer.example with ESMTP; "
                            f"{MX_TIME} id 000A1B2C.65E6EC3E.00004D2F"],
         Z_DSL[1], "direct, Courier's IPv4-mapped address", "COURIER"),
    Case("mdaemon-ipv6", [f"from [IPV6:{Z_V6}] by mx1.bouncer.example (IPv6:2001:470:1f07:f77::25) "
                          f"(MDaemon PRO v23.5.1) with ESMTP id md5001003764615.msg; {MX_TIME}"],
         Z_V6, "direct, MDaemon's IPv6 literal", "MDAEMON"),
    Case("gmail-mx", ["by 2002:a05:6000:1a8d:b0:33e:1234:5678 with SMTP id x13csp123456wrq; "
                      "Tue, 5 Mar 2024 02:00:06 -0800 (PST)",
                      f"from pc17 ({Z_DSL[0]}. [{Z_DSL[1]}]) by mx.google.com with ESMTP id "
                      "a1si1234567wrx.123.2024.03.05.02.00.05 for <victim@gmail.com>; "
                      "Tue, 05 Mar 2024 02:00:05 -0800 (PST)"],
         Z_DSL[1], "direct to Gmail's MX", "GMAIL", frozenset({"googlemail.com"})),
    Case("outlook-mx", ["from AM0PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:208:16b::12) by "
                        "AM9PR04MB5678.eurprd04.prod.outlook.com with HTTPS; Tue, 5 Mar 2024 10:00:09 +0000",
                        "from AM4PEPF00027A5F.eurprd04.prod.outlook.com (2603:10a6:20b:2a8:cafe::5) by "
                        "AM0PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:208:16b::12) with Microsoft SMTP Server "
                        "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7362.19; "
                        "Tue, 5 Mar 2024 10:00:07 +0000",
                        f"from pc17 ({Z_DSL[1]}) by AM4PEPF00027A5F.eurprd04.prod.outlook.com (10.167.16.73) with "
                        "Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id "
                        f"15.20.7362.9 via Frontend Transport; {MX_TIME}"],
         Z_DSL[1], "direct to Exchange Online Protection (public IPv6 between Microsoft's own hosts)",
         "OUTLOOK", frozenset({"outlook.com"})),
]

# 2. through an open relay / a hijacked server of each MTA family -----------------------------
RELAYED = [
    Case("postfix-relay", [INTERNAL, mx_from_relay(),
                           f"from pc17 ({Z_DSL[0]} [{Z_DSL[1]}]) by {RELAY[0]} (Postfix) with ESMTP id 9F1C2; "
                           f"{RELAY_TIME}"], Z_DSL[1], "open relay (Postfix)", "POSTFIX"),
    Case("sendmail-relay", [INTERNAL, mx_from_relay(),
                            f"from pc17 ({Z_PPP[0]} [{Z_PPP[1]}] (may be forged)) by {RELAY[0]} (8.14.4/8.14.4) "
                            f"with SMTP id 425A0x1p012345 for <v@bouncer.example>; {RELAY_TIME}"],
         Z_PPP[1], "open relay (Sendmail)", "SENDMAIL"),
    Case("exim-relay", [INTERNAL, mx_from_relay(),
                        f"from [{Z_BARE}] (port=50433 helo=qwerty) by {RELAY[0]} with esmtp (Exim 4.92) "
                        f"(envelope-from <x@forged.example>) id 1rhXyZ-000aBc-3Q for v@bouncer.example; {RELAY_TIME}"],
         Z_BARE, "open relay (Exim, no rDNS)", "EXIM"),
    Case("qmail-relay", [INTERNAL, mx_from_relay(),
                         "(qmail 4321 invoked from network); 5 Mar 2024 09:59:58 -0000",
                         f"from {Z_DSL[0]} (HELO pc17) ({Z_DSL[1]}) by {RELAY[0]} with SMTP; "
                         "5 Mar 2024 09:59:58 -0000"], Z_DSL[1], "open relay (qmail)", "QMAIL"),
    Case("exchange2010-relay", [INTERNAL, mx_from_relay(),
                                f"from pc17 ({Z_BARE}) by {RELAY[0]} ({RELAY[1]}) with Microsoft SMTP Server id "
                                f"14.3.468.0; {RELAY_TIME}"], Z_BARE, "open relay (Exchange 2010)", "EXCHANGE"),
    Case("exchange2016-internal-name", [
        INTERNAL, mx_from_relay(),
        f"from EX01.opencorp.local (10.0.0.5) by EX01.opencorp.local (10.0.0.5) with Microsoft SMTP Server "
        f"(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.1.2507.35; {RELAY_TIME}",
        f"from pc17 ({Z_BARE}) by EX01.opencorp.local (10.0.0.5) with Microsoft SMTP Server id 15.1.2507.35 "
        f"via Frontend Transport; {RELAY_TIME}"],
        Z_BARE, "hijacked Exchange 2016 known inside by its Active Directory name (.local)", "EXCHANGE"),
    Case("exchange-by-address", [
        INTERNAL, mx_from_relay(),
        f"from pc17 ({Z_BARE}) by EXCH02.corp.opencorp-intl.example ({RELAY[1]}) with Microsoft SMTP Server "
        f"(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1118.20; {RELAY_TIME}"],
        Z_BARE, "Exchange names itself differently but records the address the MX saw", "EXCHANGE"),
    Case("iis-relay", [INTERNAL, mx_from_relay(),
                       f"from pc17 ([{Z_DSL[1]}]) by {RELAY[0]} with Microsoft SMTPSVC(6.0.3790.4675); "
                       f"{RELAY_TIME}"], Z_DSL[1], "open relay (IIS SMTP service)", "IIS"),
    Case("mdaemon-relay", [INTERNAL, mx_from_relay(),
                           f"from pc17 ([{Z_DSL[1]}]) by {RELAY[0]} ({RELAY[0]}) (MDaemon PRO v21.5.2) with ESMTP "
                           f"id md50001234567.msg for <v@bouncer.example>; {RELAY_TIME}"],
         Z_DSL[1], "open relay (MDaemon)", "MDAEMON"),
    Case("domino-relay", [INTERNAL, mx_from_relay(),
                          f"from pc17 ([{Z_DSL[1]}]) by {RELAY[0]} (Lotus Domino Release 8.5.3FP6) with ESMTP id "
                          f"2024030509595812-12345 ; {RELAY_TIME}"], Z_DSL[1], "open relay (Domino)", "DOMINO"),
    Case("courier-relay", [INTERNAL, mx_from_relay(),
                           f"from pc17 ({Z_DSL[0]} [::ffff:{Z_DSL[1]}]) by {RELAY[0]} with ESMTP; {RELAY_TIME} "
                           "id 000A1B2C.65E6EC3E.00004D2F"], Z_DSL[1], "open relay (Courier)", "COURIER"),
    Case("kerio-relay", [INTERNAL, mx_from_relay(),
                         f"from pc17 ([{Z_DSL[1]}]) by {RELAY[0]} (Kerio Connect 9.4.2) with ESMTP; {RELAY_TIME_CET}"],
         Z_DSL[1], "open relay (Kerio Connect)", "KERIO"),
    Case("haraka-relay", [INTERNAL, mx_from_relay(),
                          f"from {Z_DSL[0]} (HELO pc17) ({Z_DSL[1]}) by {RELAY[0]} (Haraka/3.0.1) with ESMTP; "
                          f"{RELAY_TIME_CET}"], Z_DSL[1], "open relay (Haraka)", "HARAKA"),
    Case("zimbra-relay", [
        INTERNAL, mx_from_relay(),
        f"from {RELAY[0]} (localhost [127.0.0.1]) by {RELAY[0]} (Postfix) with ESMTP id A1B2C; {RELAY_TIME}",
        f"from {RELAY[0]} ([127.0.0.1]) by localhost ({RELAY[0]} [127.0.0.1]) (amavisd-new, port 10032) "
        f"with ESMTP id xKq1; {RELAY_TIME}",
        f"from localhost (localhost [127.0.0.1]) by {RELAY[0]} (Postfix) with ESMTP id 9F1C2; {RELAY_TIME}",
        f"from pc17 ({Z_DSL[0]} [{Z_DSL[1]}]) by {RELAY[0]} (Postfix) with ESMTP id 8E0B1; {RELAY_TIME}"],
        Z_DSL[1], "hijacked Zimbra: amavis and localhost hops inside the relay", "ZIMBRA"),
    Case("proofpoint-outbound-relay", [
        INTERNAL, mx_postfix("mx0a-00123401.pphosted.com", "mx0a-00123401.pphosted.com", "148.163.156.1"),
        "from pps.filterd (m0123456.ppops.net [127.0.0.1]) by mx0a-00123401.pphosted.com (8.17.1.19/8.17.1.19) "
        f"with ESMTP id 425A0x1p012345; {RELAY_TIME}",
        f"from pc17 ({Z_DSL[0]} [{Z_DSL[1]}]) by mx0a-00123401.pphosted.com (PPS) with ESMTPS id 3wh1abc-1 "
        f"(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT); {RELAY_TIME}"],
        Z_DSL[1], "relayed through a hosted gateway with its filter hop", "PROOFPOINT"),
    Case("two-relays", [INTERNAL, mx_from_relay(),
                        f"from {RELAY2[0]} ({RELAY2[0]} [{RELAY2[1]}]) by {RELAY[0]} (Postfix) with ESMTP id 7A; "
                        f"{RELAY_TIME}",
                        f"from pc17 ({Z_DYN[0]} [{Z_DYN[1]}]) by {RELAY2[0]} (8.14.4/8.14.4) with SMTP id r1; "
                        "Tue, 05 Mar 2024 09:59:50 +0000"], Z_DYN[1], "two relays in a row", "POSTFIX,SENDMAIL"),
    Case("qmail-webscript", [INTERNAL, mx_from_relay(),
                             "(qmail 4321 invoked by uid 48); 5 Mar 2024 09:59:58 -0000"],
         RELAY[1], "spam from a hijacked web script: the server itself is the origin", "QMAIL"),
]

RELAY_LINE = f"from pc17 ({Z_DSL[0]} [{Z_DSL[1]}]) by {RELAY[0]} (Postfix) with ESMTP id 9F1C2; {RELAY_TIME}"
RELAYED += [
    Case("exchange-mx-names-relay", [f"from {RELAY[0]} ({RELAY[1]}) by EX01.bouncer.example (10.1.0.7) with Microsoft "
                                     f"SMTP Server id 15.1.2507.35; {MX_TIME}", RELAY_LINE],
         Z_DSL[1], "an Exchange MX records the relay's announced name and address", "EXCHANGE,POSTFIX"),
    Case("ironport-mx-names-relay", [f"from {RELAY[0]} (HELO {RELAY[0]}) ([{RELAY[1]}]) by esa1.bouncer.iphmx.com "
                                     "with ESMTP; 05 Mar 2024 10:00:05 +0000", RELAY_LINE],
         Z_DSL[1], "an IronPort MX names the relay", "IRONPORT,POSTFIX"),
    Case("hosting-rdns-relay", [INTERNAL, mx_postfix(RELAY[0], "static.20.180.75.62.clients.your-server.example",
                                                     RELAY[1]), RELAY_LINE],
         Z_DSL[1], "a rented server whose reverse DNS spells its address, its own line under its host name",
         "POSTFIX"),
    Case("rdns-of-another-domain", [INTERNAL, mx_postfix(RELAY[0], "vps12345.hoster.example", RELAY[1]), RELAY_LINE],
         Z_DSL[1], "reverse DNS in the hoster's domain, the relay's line under the name it announced", "POSTFIX"),
]

RELAYED += [
    Case("exchange-zombie-claims-relay-name", [
        INTERNAL, mx_from_relay(),
        f"from mail.opencorp.example ({Z_BARE}) by {RELAY[0]} ({RELAY[1]}) with Microsoft SMTP Server id 15.1.2507.35 "
        f"via Frontend Transport; {RELAY_TIME}",
        f"from [10.0.0.3] by {RELAY[0]} with SMTP; {RELAY_TIME}"],
        Z_BARE, "a zombie announcing the relay's own name to an Exchange relay (which records no rDNS)", "EXCHANGE"),
    Case("exchange-zombie-claims-relay-name-last", [
        INTERNAL, mx_from_relay(),
        f"from mail.opencorp.example ({Z_BARE}) by {RELAY[0]} ({RELAY[1]}) with Microsoft SMTP Server id 15.1.2507.35 "
        f"via Frontend Transport; {RELAY_TIME}"],
        Z_BARE, "the same, with nothing below", "EXCHANGE"),
]

RELAYED += [
    Case("iis-netbios-name", [INTERNAL, mx_postfix("web01.opencorp.example", "web01.opencorp.example", RELAY[1]),
                              f"from pc17 ([{Z_DSL[1]}]) by WEB01 with Microsoft SMTPSVC(6.0.3790.4675); {RELAY_TIME}"],
         Z_DSL[1], "a Windows SMTP service writing its bare computer name", "IIS"),
    Case("by-address-literal", [INTERNAL, mx_from_relay(),
                                f"from pc17 ({Z_DSL[0]} [{Z_DSL[1]}]) by [{RELAY[1]}] (8.14.4/8.14.4) with SMTP id r1; "
                                f"{RELAY_TIME}"],
         Z_DSL[1], "a relay without a host name writes its address literal (RFC 5321 4.4 By-domain)", "SENDMAIL"),
]

# 3. authenticated submission on a hijacked account -------------------------------------------
SUBMITTED = [
    Case("postfix-esmtpsa", [INTERNAL, mx_from_relay(),
                             f"from [192.168.1.20] ({Z_DSL[0]} [{Z_DSL[1]}]) (using TLSv1.3 with cipher "
                             "TLS_AES_256_GCM_SHA384 (256/256 bits)) (Authenticated sender: jo) "
                             f"by {RELAY[0]} (Postfix) with ESMTPSA id 4TqB7; {SUBMIT_TIME}"],
         Z_DSL[1], "hijacked mailbox, Postfix submission", "POSTFIX"),
    Case("sendmail-authenticated", [INTERNAL, mx_from_relay(),
                                    f"from [192.168.1.20] ({Z_PPP[0]} [{Z_PPP[1]}]) (authenticated bits=0) by "
                                    f"{RELAY[0]} (8.15.2/8.15.2) with ESMTP id 425A0x1p0; {SUBMIT_TIME}"],
         Z_PPP[1], "hijacked mailbox, Sendmail submission", "SENDMAIL"),
    Case("cpanel-esmtpsa", [INTERNAL, mx_postfix("server123.hostingco.example", "server123.hostingco.example",
                                                 "198.54.1.2"),
                            f"from [{Z_BARE}] (port=52344 helo=[192.168.1.5]) by server123.hostingco.example with "
                            "esmtpsa (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (Exim 4.96.2) "
                            f"(envelope-from <jo@smallshop.example>) id 1rhXyZ-000aBc-3Q; {SUBMIT_TIME}"],
         Z_BARE, "hijacked cPanel mailbox (Exim esmtpsa)", "EXIM"),
    Case("qmail-smtp-auth", [
        INTERNAL, mx_postfix("mta.ham1002.hosting.example", "mta.ham1002.hosting.example", "150.60.232.67"),
        f"from ham1002.hosting.example (localhost [127.0.0.1]) by mta.ham1002.hosting.example (Postfix) with SMTP "
        f"id 05EC1520D1E; {RELAY_TIME}",
        "(qmail 90138 invoked from network); 5 Mar 2024 09:59:57 -0000",
        f"from unknown (HELO ?100.64.100.6?) (jo@smallshop.example@{Z_BARE}) by 0 with SMTP; "
        "5 Mar 2024 09:59:57 -0000"],
        Z_BARE, "hijacked mailbox at a qmail host behind a Postfix outbound", "QMAIL,POSTFIX"),
    Case("kerio-authenticated", [INTERNAL, mx_from_relay(),
                                 f"from pc17 ([{Z_DSL[1]}]) (authenticated user jo@opencorp.example) by {RELAY[0]} "
                                 f"(Kerio Connect 9.4.2) with ESMTPSA (using TLSv1.2 with cipher "
                                 f"ECDHE-RSA-AES256-GCM-SHA384 (256 bits)); {RELAY_TIME_CET}"],
         Z_DSL[1], "hijacked mailbox, Kerio", "KERIO"),
    Case("courier-auth", [INTERNAL, mx_from_relay(),
                          f"from pc17 ({Z_DSL[0]} [::ffff:{Z_DSL[1]}]) (AUTH: LOGIN jo, TLS: TLSv1.2,256bits,"
                          f"ECDHE-RSA-AES256-GCM-SHA384) by {RELAY[0]} with ESMTPSA; {SUBMIT_TIME} "
                          "id 000A1B2C.65E6EC3E.00004D2F"], Z_DSL[1], "hijacked mailbox, Courier", "COURIER"),
    Case("mdaemon-esmtpsa", [INTERNAL, mx_from_relay(),
                             f"from pc17 ([{Z_BARE}]) by {RELAY[0]} ({RELAY[1]}) (MDaemon PRO v23.5.1) with ESMTPSA "
                             f"id md5001003764615.msg; {SUBMIT_TIME}"], Z_BARE, "hijacked mailbox, MDaemon", "MDAEMON"),
    Case("haraka-esmtpsa", [INTERNAL, mx_from_relay(),
                            "(qmail 2401 invoked by uid 990); 5 Mar 2024 09:59:52 -0000",
                            f"from {Z_DYN[0]} (HELO pc17) ({Z_DYN[1]}) by {RELAY[0]} (Haraka/3.0.1) with ESMTPSA; "
                            f"{SUBMIT_TIME}"], Z_DYN[1], "hijacked mailbox, Haraka submission in front of qmail",
         "HARAKA,QMAIL"),
    Case("gmail-esmtpsa", [INTERNAL, mx_postfix("mail-wr1-f41.google.com", "mail-wr1-f41.google.com",
                                                "209.85.221.41"),
                           "by mail-wr1-f41.google.com with SMTP id x7so1234567wrx.1 for <v@bouncer.example>; "
                           "Tue, 05 Mar 2024 01:59:59 -0800 (PST)",
                           f"from pc17 ({Z_DSL[0]}. [{Z_DSL[1]}]) by smtp.gmail.com with ESMTPSA id "
                           "a1sm1234567wrx.12.2024.03.05.01.59.58 (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 "
                           "bits=256/256); Tue, 05 Mar 2024 01:59:58 -0800 (PST)"],
         Z_DSL[1], "hijacked Gmail account over SMTP AUTH", "GMAIL"),
    Case("office365-submission", [
        INTERNAL, mx_postfix("EUR05-VI1-obe.outbound.protection.outlook.com",
                             "mail-vi1eur05on2070.outbound.protection.outlook.com", "40.107.21.70"),
        "from DB8PR04MB7193.eurprd04.prod.outlook.com (2603:10a6:10:121::16) by AS8PR04MB8787.eurprd04.prod.outlook.com "
        "(2603:10a6:20b:42e::9) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) "
        "id 15.20.7362.19; Tue, 5 Mar 2024 10:00:01 +0000",
        "from PR1PR01CA0025.eurprd01.prod.exchangelabs.com (2603:10a6:102::38) by "
        "DB8PR04MB7193.eurprd04.prod.outlook.com (2603:10a6:10:121::16) with Microsoft SMTP Server (version=TLS1_2, "
        "cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7362.19; Tue, 5 Mar 2024 10:00:00 +0000",
        f"from [10.0.2.127] ({Z_DSL[1]}) by PR1PR01CA0025.eurprd01.prod.exchangelabs.com (2603:10a6:102::38) with "
        "Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7362.19 via "
        f"Frontend Transport; {SUBMIT_TIME}"],
        Z_DSL[1], "hijacked Microsoft 365 account over SMTP AUTH", "OUTLOOK"),
    Case("submission-from-a-vps", [INTERNAL, mx_from_relay(),
                                   "from [127.0.0.1] (vps-17.cloudhost.example [51.38.10.17]) (Authenticated sender: "
                                   f"jo@opencorp.example) by {RELAY[0]} (Postfix) with ESMTPSA id 4TqB7; {SUBMIT_TIME}"],
         "51.38.10.17", "hijacked mailbox used from a rented server: that server is the origin", "POSTFIX"),
]

SUBMITTED += [
    Case("roundcube-webmail", [INTERNAL, mx_from_relay(),
                               f"from webmail.opencorp.example (localhost [127.0.0.1]) by {RELAY[0]} (Postfix) with "
                               f"ESMTPA id 4TqB8; {SUBMIT_TIME}",
                               f"from {Z_DSL[0]} ([{Z_DSL[1]}]) by webmail.opencorp.example with HTTP (HTTP/1.1 POST); "
                               f"{SUBMIT_TIME}"],
         Z_DSL[1], "hijacked webmail account (Roundcube)", "WEBMAIL"),
    Case("squirrelmail-webmail", [INTERNAL, mx_from_relay(),
                                  f"by {RELAY[0]} (Postfix, from userid 48) id 6434658BDD4; {SUBMIT_TIME}",
                                  f"from {Z_BARE} (SquirrelMail authenticated user jo) by {RELAY[0]} with HTTP; "
                                  f"{SUBMIT_TIME}"],
         Z_BARE, "hijacked webmail account (SquirrelMail, under Postfix's local pickup)", "WEBMAIL"),
    Case("webmail-ipv6-client", [INTERNAL, mx_from_relay(),
                                 f"from {Z_V6} by webmail1.opencorp.example with HTTP (HTTP/1.1 POST); {SUBMIT_TIME}"],
         Z_V6, "webmail client over IPv6, written bare", "WEBMAIL"),
]

# 4. forged lines below the real ones stay ignored ---------------------------------------------
FORGED = [
    Case("forged-private-below-zombie", [INTERNAL, mx_postfix("pc17", *Z_DSL),
                                         f"from User (HELO abc) (192.168.4.5) by smtp3.mailer.example with ESMTPA; "
                                         f"{RELAY_TIME}"], Z_DSL[1], "forged private hop below a zombie", "QMAIL"),
    Case("forged-wrong-by-below-relay", [INTERNAL, mx_from_relay(),
                                         f"from pc17 ({Z_DSL[0]} [{Z_DSL[1]}]) by {RELAY[0]} (Postfix) with ESMTP "
                                         f"id 9F1C2; {RELAY_TIME}",
                                         f"from abc.example ([8.8.4.4]) by xyz.example (8.12.11/8.12.11) with ESMTP "
                                         "id Q; Tue, 05 Mar 2024 09:00:00 +0000"],
         Z_DSL[1], "forged public hop below the zombie the relay named", "POSTFIX,SENDMAIL"),
    Case("forged-future", [INTERNAL, mx_postfix("pc17", "unknown", Z_BARE),
                           "from 127.0.0.1 by fake.example (MailEnable) with SMTP; Wed, 06 Mar 2024 12:00:00 +0000"],
         Z_BARE, "forged hop stamped in the future", "POSTFIX"),
    Case("forged-far-past-below-relay", [INTERNAL, mx_from_relay(),
                                         f"from pc17 (unknown [{Z_BARE}]) by {RELAY[0]} (Postfix) with SMTP id 1; "
                                         "Mon, 01 Jan 2001 00:00:00 +0000"],
         RELAY[1], "a line naming the relay but stamped years earlier is forged: the relay is the origin",
         "POSTFIX"),
    Case("forged-bogon-below-relay", [INTERNAL, mx_from_relay(),
                                      f"from pc17 (pc17.example [198.18.0.7]) by {RELAY[0]} (Postfix) with ESMTP "
                                      f"id 1; {RELAY_TIME}"],
         RELAY[1], "a line naming the relay from a bogon (benchmark net) is not walked into", "POSTFIX"),
]

# 5. internal hops at the bouncer, and gateways in front of it ---------------------------------
BOUNCER_INSIDE = [
    Case("zimbra-bouncer", [
        f"from mta1.bouncer.example (LHLO mta1.bouncer.example) (10.1.0.5) by mbox1.bouncer.example with LMTP; "
        f"{INNER_TIME}",
        f"from localhost (localhost [127.0.0.1]) by mta1.bouncer.example (Postfix) with ESMTP id D1; {INNER_TIME}",
        f"from mta1.bouncer.example ([127.0.0.1]) by localhost (mta1.bouncer.example [127.0.0.1]) (amavisd-new, "
        f"port 10032) with ESMTP id k1; {INNER_TIME}",
        f"from localhost (localhost [127.0.0.1]) by mta1.bouncer.example (Postfix) with ESMTP id C1; {INNER_TIME}",
        f"from pc17 ({Z_DSL[0]} [{Z_DSL[1]}]) by mta1.bouncer.example (Postfix) with ESMTP id B1; {MX_TIME}"],
        Z_DSL[1], "Zimbra bouncer: LMTP, amavis and localhost hops before the edge", "ZIMBRA"),
    Case("exchange-internal", [
        f"from EX02.bouncer.example (10.1.0.8) by EX01.bouncer.example (10.1.0.7) with Microsoft SMTP Server "
        f"(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1118.20; {INNER_TIME}",
        f"from EDGE01.bouncer.example (10.1.0.9) by EX02.bouncer.example (10.1.0.8) with Microsoft SMTP Server "
        f"(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1118.20; {INNER_TIME}",
        f"from pc17 ({Z_BARE}) by EDGE01.bouncer.example (10.1.0.9) with Microsoft SMTP Server id 15.2.1118.20; "
        f"{MX_TIME}"], Z_BARE, "Exchange bouncer: hops between its own servers", "EXCHANGE"),
    Case("ironport-to-exchange", [
        f"from esa1.bouncer.iphmx.com (68.232.140.10) by EX01.bouncer.example (10.1.0.7) with Microsoft SMTP Server "
        f"id 15.1.2507.35; {INNER_TIME}",
        f"from unknown (HELO pc17) ([{Z_BARE}]) by esa1.bouncer.iphmx.com with ESMTP; 05 Mar 2024 10:00:05 +0000"],
        Z_BARE, "hosted IronPort in front of Exchange", "IRONPORT,EXCHANGE"),
    Case("proofpoint-to-exchange", [
        f"from mx0a-00123401.pphosted.com (148.163.156.1) by EX01.bouncer.example (10.1.0.7) with Microsoft SMTP "
        f"Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.1.2507.35; {INNER_TIME}",
        "from pps.filterd (m0123456.ppops.net [127.0.0.1]) by mx0a-00123401.pphosted.com (8.17.1.19/8.17.1.19) "
        f"with SMTP id 425A0x1p012345; {MX_TIME}",
        f"from pc17 ({Z_DSL[0]} [{Z_DSL[1]}]) by mx0b-00123401.pphosted.com (PPS) with ESMTP id 3wh1abc-1; {MX_TIME}"],
        Z_DSL[1], "hosted Proofpoint in front of Exchange", "PROOFPOINT,EXCHANGE"),
    Case("mimecast-to-postfix", [
        INTERNAL,
        "from us-smtp-inbound-1.mimecast.com (us-smtp-delivery-1.mimecast.com [207.211.31.120]) (using TLSv1.2 "
        "with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) (No client certificate requested) by "
        f"mx1.bouncer.example (Postfix) with ESMTPS id 25CDF800B2A; {MX_TIME}",
        f"from pc17 ({Z_DYN[0]} [{Z_DYN[1]}]) by relay.mimecast.com with ESMTP with STARTTLS (version=TLSv1.2, "
        f"cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id us-mta-379-xeMwM1A4O1ilQ1xUzIEo6w-1; {MX_TIME}"],
        Z_DYN[1], "hosted Mimecast in front of Postfix", "MIMECAST,POSTFIX"),
    Case("mimecast-relay-to-zombie-chain", [
        INTERNAL,
        "from us-smtp-inbound-1.mimecast.com (us-smtp-delivery-1.mimecast.com [207.211.31.120]) by "
        f"mx1.bouncer.example (Postfix) with ESMTPS id 25CDF800B2A; {MX_TIME}",
        f"from {RELAY[0]} ({RELAY[0]} [{RELAY[1]}]) by relay.mimecast.com with ESMTP id us-mta-1-AbC-1; {MX_TIME}",
        f"from pc17 ({Z_DSL[0]} [{Z_DSL[1]}]) by {RELAY[0]} (Postfix) with ESMTP id 9F1C2; {RELAY_TIME}"],
        Z_DSL[1], "hosted gateway, then an open relay, then the zombie", "MIMECAST,POSTFIX"),
    Case("eop-to-onprem-exchange", [
        f"from EX01.bouncer.example (10.1.0.7) by EX02.bouncer.example (10.1.0.8) with Microsoft SMTP Server "
        f"(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1118.20; {INNER_TIME}",
        "from EUR01-VE1-obe.outbound.protection.outlook.com (104.47.1.50) by EX01.bouncer.example (10.1.0.7) with "
        "Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1118.20; "
        f"{INNER_TIME}",
        "from AM6PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:20b:2a8::12) by VI1PR04MB5600.eurprd04.prod.outlook.com "
        "(2603:10a6:803:e7::16) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) "
        f"id 15.20.7362.19; {MX_TIME}",
        "from AM4PEPF00027A5F.eurprd04.prod.outlook.com (2603:10a6:20b:2a8:cafe::5) by "
        "AM6PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:20b:2a8::12) with Microsoft SMTP Server (version=TLS1_2, "
        f"cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7362.19; {MX_TIME}",
        f"from pc17 ({Z_DSL[1]}) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP "
        "Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7362.9 via Frontend Transport; "
        f"{MX_TIME}"],
        Z_DSL[1], "Exchange Online Protection in front of on-premises Exchange (hybrid)", "OUTLOOK,EXCHANGE"),
    Case("local-delivery-on-top", [
        f"by mbox.bouncer.example (Postfix, from userid 1001) id 4TqC9; {INNER_TIME}",
        f"from mx1.bouncer.example (mx1.bouncer.example [10.1.0.5]) by mbox.bouncer.example (Postfix) with LMTP "
        f"id 4TqC8; {INNER_TIME}",
        mx_postfix("pc17", *Z_DSL)],
        Z_DSL[1], "delivery hops added after the edge (local pickup, LMTP)", "POSTFIX"),
    Case("forwarded-by-bouncer", [
        f"from mx1.bouncer.example (mx1.bouncer.example [185.12.64.5]) by mail.downstream.example (Postfix) with "
        f"ESMTPS id 7Q; {INNER_TIME}",
        mx_postfix("pc17", *Z_DSL)],
        Z_DSL[1], "the bouncer forwarded the spam on and the next host wrote the notification",
        "POSTFIX", frozenset({"downstream.example"})),
]

# 6. a relay whose line does not fit is not walked past ----------------------------------------
NOT_WALKED = [
    Case("by-other-host", [INTERNAL, mx_from_relay(),
                           f"from pc17 (unknown [{Z_BARE}]) by mx.other.example (Postfix) with SMTP id r5; "
                           f"{RELAY_TIME}"], RELAY[1], "by does not name the relay", "POSTFIX"),
    Case("exchange-other-org", [INTERNAL, mx_from_relay(),
                                f"from pc17 ({Z_BARE}) by EX01.someoneelse.local (10.0.0.5) with Microsoft SMTP "
                                f"Server id 15.1.2507.35; {RELAY_TIME}"],
         RELAY[1], "an internal (.local) name of another organisation", "EXCHANGE"),
    Case("later-than-handover", [INTERNAL, mx_from_relay(),
                                 f"from pc17 (unknown [{Z_BARE}]) by {RELAY[0]} (Postfix) with SMTP id r6; "
                                 "Tue, 05 Mar 2024 11:30:00 +0000"], RELAY[1], "stamped after the relay handed over",
         "POSTFIX"),
    Case("dynamic-relay", [INTERNAL, mx_postfix(Z_DYN[0], *Z_DYN),
                           f"from x (unknown [{Z_BARE}]) by {Z_DYN[0]} with SMTP id r7; {RELAY_TIME}"],
         Z_DYN[1], "a residential host is the origin whatever it claims to have received", "POSTFIX"),
    Case("no-by", [INTERNAL, mx_from_relay(), f"from pc17 (unknown [{Z_BARE}]); {RELAY_TIME}"],
         RELAY[1], "a line without a receiving host is not the relay's", "RFC 5321 4.4"),
    Case("not-smtp", [INTERNAL, mx_from_relay(),
                      f"from pc17 (unknown [{Z_BARE}]) by {RELAY[0]} with UUCP id r8; {RELAY_TIME}"],
         RELAY[1], "a line that is not an SMTP receiver's", "RFC 5321 4.4"),
    Case("relay-named-by-zombie-helo", [INTERNAL, mx_postfix(RELAY[0], "unknown", Z_DSL[1]),
                                        f"from pc17 (unknown [{Z_BARE}]) by {RELAY[0]} (Postfix) with SMTP id r9; "
                                        f"{RELAY_TIME}"],
         Z_DSL[1], "a host whose reverse DNS failed is not believed to be the relay it announces", "POSTFIX"),
]

NOT_WALKED += [
    Case("residential-relay-claims-line", [INTERNAL, mx_postfix(RELAY[0], "dsl-62-75-180-20.pool.isp.example", RELAY[1]),
                                           RELAY_LINE],
         RELAY[1], "a residential host is not a relay even when a line below bears the name it announced", "POSTFIX"),
    Case("exim-no-rdns-relay", [f"from [{RELAY[1]}] (helo={RELAY[0]}) by mx1.bouncer.example with esmtp (Exim 4.96) "
                                f"id 1rhXyZ-000aBc-3Q; {MX_TIME}", RELAY_LINE],
         RELAY[1], "Exim found no name for the client: its HELO does not make it a relay", "EXIM"),
    Case("qmail-unknown-relay", [f"from unknown (HELO {RELAY[0]}) ({RELAY[1]}) by mx1.bouncer.example with SMTP; "
                                 "5 Mar 2024 10:00:05 -0000", RELAY_LINE],
         RELAY[1], "qmail found no name for the client: its HELO does not make it a relay", "QMAIL"),

    Case("bare-domain-helo", [f"from yahoo.com ({Z_BARE}) by EX01.bouncer.example (10.1.0.7) with Microsoft SMTP Server "
                              f"id 15.1.2507.35; {MX_TIME}",
                              "from User ([109.196.23.236]) by mail6.aol.com with Microsoft SMTPSVC(6.0.3790.4675); "
                              "Tue, 05 Mar 2024 03:59:58 -0600"],
         Z_BARE, "spam software's 'EHLO yahoo.com' does not make the zombie a provider's relay", "EXCHANGE,IIS"),
]

# 7. relays and webmail in less common MTAs' formats, and lines the sender wrote, counted ------------
# Zombie names as such hosts announce them (IMail and Exchange record the HELO, not the reverse DNS).
IMAIL_RELAY = ("mail.pioneer-corp.example", "185.146.219.181")
EXCH2003_RELAY = ("host3.golden-corp.example", "51.112.118.74")  # a server's name: "host3" spells no address
VPS = ("vm5861.firstbyte.example", "194.24.174.77")
FAKE_AOL = f"from mtaout-ddc1.mx.aol.com ([64.12.19.148]) by {{by}} with Microsoft SMTPSVC(6.0.3790.4675); {RELAY_TIME}"
PRIVATE_FORGERY = f"from unknown (HELO forged.example) (10.42.153.12) by forged.example with SMTP; {RELAY_TIME}"


def mx_exim(helo: str, ip: str) -> str:
    """The bouncer's Exim MX receiving from a client whose reverse DNS failed."""
    return (f"from [{ip}] (port=38491 helo={helo}) by mx1.bouncer.example with esmtp (Exim 4.96) id 1w7UzC-000kFw-gT; "
            f"{MX_TIME}")


OTHER_FORMATS = [
    Case("imail-relay", [INTERNAL, mx_from_relay(IMAIL_RELAY),
                         f"from User-PC [{Z_DSL[1]}] by {IMAIL_RELAY[0]} (SMTPD32-8.15) id A446A97026; {RELAY_TIME}"],
         Z_DSL[1], "open relay (IMail, no 'with' after HELO)", "IMAIL", forged=0),
    Case("imail-relay-esmtp", [INTERNAL, mx_from_relay(IMAIL_RELAY),
                               f"from DESKTOP-IDL3YA3 [{Z_BARE}] by {IMAIL_RELAY[0]} with ESMTP (SMTPD-8.20) id A87; "
                               f"{RELAY_TIME}"], Z_BARE, "open relay (IMail after EHLO)", "IMAIL", forged=0),
    Case("imail-relay-literal-helo", [INTERNAL, mx_from_relay(IMAIL_RELAY),
                                      f"from [{Z_BARE}] [{Z_BARE}] by {IMAIL_RELAY[0]} (SMTPD32-8.15) id A19F; "
                                      f"{RELAY_TIME}"], Z_BARE, "open relay (IMail, address-literal HELO)", "IMAIL"),
    Case("imail-mx-names-imail-relay", [
        f"from {IMAIL_RELAY[0]} [{IMAIL_RELAY[1]}] by mx1.bouncer.example (SMTPD32-8.15) id A8B7; {MX_TIME}",
        f"from User-PC [{Z_DSL[1]}] by {IMAIL_RELAY[0]} (SMTPD32-8.15) id A767; {RELAY_TIME}"],
        Z_DSL[1], "an IMail MX names the relay, an IMail relay names the zombie", "IMAIL", forged=0),
    Case("domino-mx-imail-relay", [
        f"from {IMAIL_RELAY[0]} ([{IMAIL_RELAY[1]}]) by mx1.bouncer.example (Lotus Domino Release 9.0.1FP10) with ESMTP "
        f"id 20233209672823 ; {MX_TIME}",
        f"from localhost [{Z_DSL[1]}] by {IMAIL_RELAY[0]} (SMTPD32-8.15) id A72A; {RELAY_TIME}"],
        Z_DSL[1], "a Domino MX above an IMail relay", "DOMINO,IMAIL", forged=0),
    Case("courier-mx-imail-relay", [
        f"from {IMAIL_RELAY[0]} ({IMAIL_RELAY[0]} [::ffff:{IMAIL_RELAY[1]}]) by mx1.bouncer.example with ESMTP; "
        f"{MX_TIME} id DF80636B.CA6F1425.350BE3D4",
        f"from [{Z_BARE}] [{Z_BARE}] by {IMAIL_RELAY[0]} (SMTPD32-8.15) id AB66; {RELAY_TIME}"],
        Z_BARE, "a Courier MX above an IMail relay", "COURIER,IMAIL", forged=0),
    Case("exchange2003-relay-host-n", [INTERNAL, mx_from_relay(EXCH2003_RELAY),
                                       f"from DESKTOP-ZEUJRVE ({Z_BARE}) by {EXCH2003_RELAY[0]} (192.168.1.20) with "
                                       f"Microsoft SMTP Server id 6.0.3790.4675; {RELAY_TIME}"],
         Z_BARE, "open relay (Exchange 2003) named hostN: a server, not an address pool", "EXCH2003", forged=0),
    Case("exchange-relay-bracketed", [INTERNAL, mx_from_relay(),
                                      f"from pc17 ([{Z_DSL[1]}]) by {RELAY[0]} with Microsoft SMTP Server id "
                                      f"14.3.468.0; {RELAY_TIME}"],
         Z_DSL[1], "open relay (Exchange, bracketed client address)", "EXCHANGE", forged=0),
    Case("mailenable-relay", [INTERNAL, mx_from_relay(),
                              f"from pc17 ([{Z_DSL[1]}]) by {RELAY[0]} with MailEnable ESMTP; {RELAY_TIME}"],
         Z_DSL[1], "open relay (MailEnable)", "MAILENABLE", forged=0),
    Case("courier-relay-no-rdns", [INTERNAL, mx_from_relay(),
                                   f"from pc17 ([::ffff:{Z_BARE}]) by {RELAY[0]} with esmtp; {RELAY_TIME} "
                                   "id 000A1B2C.65E6EC3E.00004D2F"], Z_BARE, "open relay (Courier, no rDNS)", "COURIER",
         forged=0),
    Case("icewarp-asmtp", [INTERNAL, mx_from_relay(),
                           f"from [192.168.1.10] ([{Z_DSL[1]}]) by {RELAY[0]} (IceWarp 12.0.3.1 x64) with ASMTP (SSL) "
                           f"id 201803050959510001; {SUBMIT_TIME}"],
         Z_DSL[1], "hijacked mailbox, IceWarp's authenticated SMTP", "ICEWARP", forged=0),
    Case("webmail-literal-client", [INTERNAL, mx_from_relay(),
                                    f"from {RELAY[0]} (localhost [127.0.0.1]) by {RELAY[0]} (Postfix) with ESMTPA id "
                                    f"ULB67; {SUBMIT_TIME}",
                                    f"from [{Z_DSL[1]}] by {RELAY[0]} with HTTP (HTTP/1.1 POST); {SUBMIT_TIME}"],
         Z_DSL[1], "hijacked webmail (Roundcube): the address that posted", "WEBMAIL", forged=0),
    Case("webmail-horde", [INTERNAL, mx_from_relay(),
                           f"from localhost (localhost [127.0.0.1]) by {RELAY[0]} (Postfix) with ESMTPA id 7B; "
                           f"{SUBMIT_TIME}",
                           f"from {Z_BARE} ([{Z_BARE}]) by webmail.opencorp.example with HTTP; {SUBMIT_TIME}"],
         Z_BARE, "hijacked webmail (Horde, 'with HTTP;')", "WEBMAIL", forged=0),
    Case("webmail-only-line", [f"from [{Z_DSL[1]}] by webmail.bouncer.example with HTTP (HTTP/1.1 POST); {MX_TIME}"],
         Z_DSL[1], "the webmail line alone", "WEBMAIL", forged=0),
    # lines the sender wrote below its own hop: all of them count, consistent-looking or not
    Case("fake-provider-hop-below-vps", [INTERNAL, mx_postfix(*VPS[:1], *VPS), FAKE_AOL.format(by=VPS[0])],
         VPS[1], "a VPS writing a fake AOL hop 'by' its own name is the origin", "RATWARE,IIS", forged=1),
    Case("fake-provider-hop-below-address", [INTERNAL, mx_postfix(f"[{VPS[1]}]", "vps-f3f2.vps.ovh.example", VPS[1]),
                                             FAKE_AOL.format(by=VPS[1]), PRIVATE_FORGERY],
         VPS[1], "the same, 'by' the VPS's address", "RATWARE,IIS", forged=2),
    Case("fake-provider-hop-below-pool-name", [INTERNAL, mx_postfix("static.vnpt.example.vn", "static.vnpt.example.vn",
                                                                    "113.173.71.162"),
                                               FAKE_AOL.format(by="static.vnpt.example.vn")],
         "113.173.71.162", "an ISP's shared 'static.<isp>' name is no relay's", "RATWARE,IIS", forged=1),
    Case("fake-provider-hop-below-packed-digits", [f"from 18673232.virtua.example.br (186.7.32.32) by "
                                                   f"EX01.bouncer.example (10.1.0.7) with Microsoft SMTP Server id "
                                                   f"6.0.3790.4675; {MX_TIME}",
                                                   FAKE_AOL.format(by="18673232.virtua.example.br")],
         "186.7.32.32", "a cable customer named by its address's digits run together", "RATWARE,EXCH2003",
         forged=1),
    Case("consistent-line-below-zombie", [INTERNAL, mx_exim("DESKTOP-CV2MTA4", Z_BARE),
                                          FAKE_AOL.format(by="DESKTOP-CV2MTA4"), PRIVATE_FORGERY],
         Z_BARE, "a zombie runs no mail server: a line 'by' its HELO is forged too", "RATWARE,EXIM", forged=2),
    Case("own-local-line-below-server", [INTERNAL, mx_from_relay(),
                                         "(qmail 4321 invoked by uid 48); 5 Mar 2024 09:59:58 -0000", PRIVATE_FORGERY],
         RELAY[1], "a web server's own qmail line is its own; the one under it is forged", "QMAIL,RATWARE", forged=1),
]

CASES = DIRECT + RELAYED + SUBMITTED + FORGED + BOUNCER_INSIDE + NOT_WALKED + OTHER_FORMATS


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_origin_of_real_formats(case: Case):
    found = origin(chain(case.chain), set(case.receivers))  # as the pipeline calls it (notices.py)
    assert found.ip == case.expected, f"{case.fact} ({case.source})"
    if case.forged is not None:
        assert found.forged_hops == case.forged, f"forged lines: {case.fact} ({case.source})"


def test_every_case_names_its_fact_and_source():
    assert all(c.fact and c.source for c in CASES)
    assert len({c.name for c in CASES}) == len(CASES)
