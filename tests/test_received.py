"""Received lines in each MTA's own format, and the fields they must yield (written for these tests)."""
from __future__ import annotations

import datetime as dt

import pytest

from toolkit.received import chain, looks_dynamic, parse, qmail_host

T = "Tue, 05 Mar 2024 10:00:00 +0000"
UTC = dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.timezone.utc)

# raw line, from_helo, from_host, from_ip, by_host, protocol, auth
CASES = [
    # Postfix
    (f"from mail.example.org (mail.example.org [192.0.2.10]) by mx.example.net (Postfix) with ESMTPS id 4F1A2B3C for <a@example.net>; {T}",
     "mail.example.org", "mail.example.org", "192.0.2.10", "mx.example.net", "ESMTPS", False),
    (f"from abcde (unknown [198.51.100.7]) by mx.example.net (Postfix) with SMTP id 9ZZ; {T}",
     "abcde", None, "198.51.100.7", "mx.example.net", "SMTP", False),
    (f"from [192.168.1.20] (c-73-1-2-3.hsd1.ca.comcast.net [73.1.2.3]) (Authenticated sender: jo) by smtp.example.org (Postfix) with ESMTPSA id 1A; {T}",
     "[192.168.1.20]", "c-73-1-2-3.hsd1.ca.comcast.net", "73.1.2.3", "smtp.example.org", "ESMTPSA", True),
    (f"from localhost (localhost [127.0.0.1]) by mail.example.org (Postfix) with ESMTP id 77; {T}",
     "localhost", "localhost", "127.0.0.1", "mail.example.org", "ESMTP", False),
    (f"by mail.example.org (Postfix) id 49E71FA97E1D; {T}", None, None, None, "mail.example.org", None, False),
    (f"from mx1.example.org (mx1.example.org [IPv6:2001:db8::25]) by mx.example.net (Postfix) with ESMTPS id 5; {T}",
     "mx1.example.org", "mx1.example.org", "2001:db8::25", "mx.example.net", "ESMTPS", False),
    # Sendmail
    (f"from relay.example.org (relay.example.org [192.0.2.20]) by mx.example.net (8.15.2/8.15.2) with ESMTP id x1A2b3C4001234 for <a@example.net>; {T}",
     "relay.example.org", "relay.example.org", "192.0.2.20", "mx.example.net", "ESMTP", False),
    (f"from helo.example ([198.51.100.8]) by mx.example.net (8.14.4/8.14.4) with SMTP id r9G5; {T}",
     "helo.example", None, "198.51.100.8", "mx.example.net", "SMTP", False),
    (f"(from root@localhost) by mx3.example.co.jp (8.11.6/8.11.1) id q00000FFFFF0000 for <k@example.com>; {T}",
     None, None, None, "mx3.example.co.jp", None, False),
    (f"from user.example (may be forged [198.51.100.9]) by mx.example.net (8.13.8/8.13.8) with ESMTP id k1; {T}",
     "user.example", None, "198.51.100.9", "mx.example.net", "ESMTP", False),
    # Exim
    (f"from host-1.example.org ([192.0.2.30] helo=host-1.example.org) by mx.example.net with esmtp (Exim 4.96) id 1qXyZa-000abc-Ab for a@example.net; {T}",
     "host-1.example.org", "host-1.example.org", "192.0.2.30", "mx.example.net", "esmtp", False),
    (f"from [198.51.100.44] (helo=qwerty) by mx.example.net with esmtp (Exim 4.92) id 1abcde-000FL1-4q; {T}",
     "qwerty", None, "198.51.100.44", "mx.example.net", "esmtp", False),
    (f"from mail by e1.example.org with local (Exim 4.72) id 1P1ceB-000FL1-4q for s@example.jp; {T}",
     "mail", None, None, "e1.example.org", "local", False),
    (f"from [2001:db8::7] (port=51704 helo=[192.0.2.203]) by smtp.example.ru with esmtpa (Exim 4.94) id 1x; {T}",
     "[192.0.2.203]", None, "2001:db8::7", "smtp.example.ru", "esmtpa", True),
    # qmail
    (f"from unknown (HELO nekochan) (198.51.100.224) by q3.example.net with SMTP; {T}",
     "nekochan", None, "198.51.100.224", "q3.example.net", "SMTP", False),
    (f"from ppp-1-2-3-4.example.net (HELO abc) (192.0.2.77) by mail.example.org with SMTP; {T}",
     "abc", "ppp-1-2-3-4.example.net", "192.0.2.77", "mail.example.org", "SMTP", False),
    (f"(qmail 21084 invoked from network); {T}", None, None, None, None, None, False),
    (f"(qmail 20255 invoked by uid 25); {T}", None, None, None, None, None, False),
    (f"from unknown (HELO ?192.0.2.3?) (192.0.2.135 with plain) by applesmtp521.example.co.jp with SMTP; {T}",
     "?192.0.2.3?", None, "192.0.2.135", "applesmtp521.example.co.jp", "SMTP", True),
    # Exchange / Office 365
    (f"from EX01.corp.example.net (10.1.2.3) by EX02.corp.example.net (10.1.2.4) with Microsoft SMTP Server (TLS) id 15.1.2507.39; {T}",
     "EX01.corp.example.net", None, "10.1.2.3", "ex02.corp.example.net", "Microsoft", False),
    (f"from APC01-HK2-obe.outbound.protection.outlook.com (104.47.124.209) by BN3NAM04FT004.mail.protection.outlook.com (10.152.92.98) with Microsoft SMTP Server id 15.20.797.11 via Frontend Transport; {T}",
     "APC01-HK2-obe.outbound.protection.outlook.com", None, "104.47.124.209", "bn3nam04ft004.mail.protection.outlook.com", "Microsoft", False),
    (f"from SLXP216MB0381.KORP216.PROD.OUTLOOK.COM ([fe80::10d2:b426:34cf:d5d0]) by SLXP216MB0381.KORP216.PROD.OUTLOOK.COM ([fe80::10d2:b426:34cf:d5d0%14]) with mapi id 15.20.0797.011; {T}",
     "SLXP216MB0381.KORP216.PROD.OUTLOOK.COM", None, "fe80::10d2:b426:34cf:d5d0", "slxp216mb0381.korp216.prod.outlook.com", "mapi", False),
    # Gmail
    (f"from mail-wr1-f41.google.com (mail-wr1-f41.google.com. [209.85.221.41]) by mx.example.net with ESMTPS id x7si; {T}",
     "mail-wr1-f41.google.com", "mail-wr1-f41.google.com", "209.85.221.41", "mx.example.net", "ESMTPS", False),
    (f"by 2002:a17:902:9a94:: with SMTP id w20mr6082702plp.6.1582925921970; {T}",
     None, None, None, "2002:a17:902:9a94::", "SMTP", False),
    (f"from [192.0.2.31] (135.kyoto.example.ne.jp [192.0.2.135]) by mx.google.com with ESMTPS id y4sm2291748wfd.8.2010.10.03.15.49.30 (version=TLSv1/SSLv3 cipher=RC4-MD5); {T}",
     "[192.0.2.31]", "135.kyoto.example.ne.jp", "192.0.2.135", "mx.google.com", "ESMTPS", False),
    # Yahoo
    (f"from [183.79.100.140] by nh503.bullet.mail.example.co.jp with NNFMP; {T}",
     "[183.79.100.140]", None, "183.79.100.140", "nh503.bullet.mail.example.co.jp", "NNFMP", False),
    (f"from 192.0.2.12 (EHLO mail4.example.net) (192.0.2.12) by mx4.mail5.example.com with SMTP; {T}",
     "mail4.example.net", None, "192.0.2.12", "mx4.mail5.example.com", "SMTP", False),
    # Courier
    (f"from relay.example.org ([192.0.2.41]) (AUTH: LOGIN jo, TLS: TLSv1.2) by mail.example.net with ESMTPSA; {T}",
     "relay.example.org", None, "192.0.2.41", "mail.example.net", "ESMTPSA", True),
    # MDaemon
    (f"from pc1.example.org [192.0.2.51] by mail.example.net (MDaemon PRO v11.0.3) with ESMTP id md50000123456.msg for <a@example.net>; {T}",
     "pc1.example.org", None, "192.0.2.51", "mail.example.net", "ESMTP", False),
    # IMail
    (f"from example.org [192.0.2.88] by example.org with ESMTP (SMTPD32-5.05) id 000000000000 {T}",
     "example.org", None, "192.0.2.88", "example.org", "ESMTP", False),
    # Lotus Domino
    (f"from smtp-gw7.example.co.jp ([192.0.2.89]) by n.example.co.jp (Lotus SMTP MTA Internal build v1.2 hotfix4 (684.3 7-31-1998)) with SMTP id 00000000.00000000; {T}",
     "smtp-gw7.example.co.jp", None, "192.0.2.89", "n.example.co.jp", "SMTP", False),
    # Barracuda
    (f"from mail.example.org (mail.example.org [192.0.2.61]) by barracuda.example.net with ESMTP id AbCdEfGh for <a@example.net>; {T}",
     "mail.example.org", "mail.example.org", "192.0.2.61", "barracuda.example.net", "ESMTP", False),
    # IronPort
    (f"from unknown (HELO mail.example.org) ([192.0.2.71]) by esa1.example.iphmx.com with ESMTP; {T}",
     "mail.example.org", None, "192.0.2.71", "esa1.example.iphmx.com", "ESMTP", False),
    # SendGrid-style, no date
    ("by filter0123p1mdw1.sendgrid.net with SMTP id 5B2Ea1qFSHmW", None, None, None, "filter0123p1mdw1.sendgrid.net", "SMTP", False),
    # Ratware and oddities
    (f"from User (HELO jdxkq) (192.168.1.9) by smtp0.mailer.net with ESMTPA; {T}",
     "jdxkq", None, "192.168.1.9", "smtp0.mailer.net", "ESMTPA", True),
    (f"from 127.0.0.1 by abc.local (MailEnable) with SMTP; {T}",
     "127.0.0.1", None, "127.0.0.1", "abc.local", "SMTP", False),
    (f"from cpe-180-245-79-64.telkom.net.id (HELO nitsk) (180.245.79.64) by mail.example.com.br with SMTP; {T}",
     "nitsk", "cpe-180-245-79-64.telkom.net.id", "180.245.79.64", "mail.example.com.br", "SMTP", False),
    (f"from abcdefg ([10.23.4.1]) by mail.yahoo.com with HTTP; {T}",
     "abcdefg", None, "10.23.4.1", "mail.yahoo.com", "HTTP", False),
    (f"from mx.example.org (HELO mx) (IPv6:2001:db8::1) by relay.example.net with SMTP; {T}",
     "mx", "mx.example.org", "2001:db8::1", "relay.example.net", "SMTP", False),  # qmail writes "(ADDR)", tagged for IPv6
    (f"from e3.rr.example.net for k@neko.example.com; {T}", "e3.rr.example.net", None, None, None, None, False),
    (f"from regiesmtp1792-2.odiso.net ([185.251.132.146]) by mx.kundenserver.de (mxeue010 [212.227.15.41]) with ESMTP (Nemesis) id 1MOBJp for <x@example.com>; {T}",
     "regiesmtp1792-2.odiso.net", None, "185.251.132.146", "mx.kundenserver.de", "ESMTP", False),
    (f"from mta-022.smtp.outgoing.example.co.jp (host [192.0.2.22]) by lsean.ezweb.ne.jp (EZweb Mail) with SMTP id 12ABCD8 for <t@ezweb.ne.jp>; {T}",
     "mta-022.smtp.outgoing.example.co.jp", None, "192.0.2.22", "lsean.ezweb.ne.jp", "SMTP", False),
]


@pytest.mark.parametrize("raw,helo,host,ip,by,protocol,auth", CASES, ids=[f"line{i:02d}" for i in range(len(CASES))])
def test_received_line(raw, helo, host, ip, by, protocol, auth):
    hop = parse(raw)
    assert (hop.from_helo, hop.from_host, hop.from_ip, hop.by_host, hop.protocol, hop.auth) == \
           (helo, host, ip, by, protocol, auth)
    assert hop.parse_ok == bool(ip or by or "invoked" in raw)


def test_there_are_at_least_40_lines():
    assert len(CASES) >= 40


def test_time_stamp_envelope_and_id():
    hop = parse(CASES[0][0])
    assert hop.timestamp == UTC and hop.envelope_for == "a@example.net" and hop.smtp_id == "4F1A2B3C"
    assert parse(CASES[33][0]).timestamp is None


def test_unreadable_line_keeps_its_text():
    hop = parse("garbage that is not a received line at all")
    assert not hop.parse_ok and hop.raw.startswith("garbage")


@pytest.mark.parametrize("host,ip,dynamic", [
    ("ppp-180-245-36-17.telkom.net.id", "180.245.36.17", True),
    ("dsl-29-70.rdsnet.ro", "79.115.70.29", True),
    ("c-73-162-41-9.hsd1.ca.comcast.net", "73.162.41.9", True),
    (None, "198.51.100.7", True),
    ("mail.example.org", "192.0.2.10", False),
    ("mx1.brightwater-logistics.com", "64.71.160.9", False),
    ("host3.golden-corp.example", "51.112.118.74", False),           # a server's own name, no address in it
    ("host86-123-45-6.range86-123.btcentralplus.com", "86.123.45.6", True),
    ("static.vnpt.vn", "113.173.71.162", True),                       # one name for a whole range
    ("static.20.180.75.62.clients.your-server.de", "62.75.180.20", True),
    ("1868139219.virtua.com.br", "186.8.139.219", True),              # the address's digits run together
    ("18673232.virtua.com.br", "186.7.32.32", True),
    ("static.example.co.uk", "192.0.2.77", True),
    ("static-assets.example.com", "192.0.2.78", False),
])
def test_dynamic_looking_names(host, ip, dynamic):
    assert looks_dynamic(host, ip) is dynamic


def test_oracle_messaging_server_names_itself_in_the_id():
    hop = parse("from mr21p30im-asmtp002.me.example.com (Oracle Communications Messaging Server 8.0.1.2 64bit "
                "(built Jun 7 2017)) id <0P9200028V08TW00@mr21p30im-asmtp002.me.example.com>; "
                "Mon, 21 May 2018 12:07:21 +0000 (GMT)")
    assert hop.by_host == "mr21p30im-asmtp002.me.example.com" and not hop.by_inferred


# a chain (topmost first), the qmail host the message names, and the by_host each line ends with
CHAINS = [
    (["(qmail 21084 invoked from network); 12 Jun 2013 02:22:14 -0000",
      "from gw.example.com (192.0.2.146) by mx.example.org with SMTP; 12 Jun 2013 02:22:14 -0000"],
     None, ["mx.example.org", "mx.example.org"], [True, False]),
    (["from relay.example.net (relay.example.net [192.0.2.7]) by mx.example.org with ESMTP; " + T,
      "(qmail 8888 invoked by uid 0); 29 Apr 2010 07:55:23 -0000"],
     None, ["mx.example.org", "relay.example.net"], [False, True]),
    (["(qmail 44416 invoked by alias); 24 Jun 2024 08:50:01 -0000",
      "(qmail 44413 invoked for bounce); 24 Jun 2024 08:50:01 -0000"],
     "nq.example.jp", ["nq.example.jp", "nq.example.jp"], [True, True]),
    (["(qmail 44416 invoked by alias); 24 Jun 2024 08:50:01 -0000"], None, [None], [False]),
]


@pytest.mark.parametrize("lines,local,by,inferred", CHAINS)
def test_lines_without_a_host_take_their_neighbours(lines, local, by, inferred):
    hops = chain(lines, local)
    assert [h.by_host for h in hops] == by and [h.by_inferred for h in hops] == inferred


def test_qmail_host_from_message_id_or_bounce_text():
    assert qmail_host("20240624085001.44409.qmail@nq.example.jp") == "nq.example.jp"
    assert qmail_host(None, "Hi. This is the qmail-send program at mx.example.org.\n") == "mx.example.org"
    assert qmail_host("abc@example.org", "hello") is None
