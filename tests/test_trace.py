"""The trust-boundary walk down an original's Received chain, case by case."""
from __future__ import annotations

import pytest

from toolkit.trace import origin

T1, T2, T3 = "Tue, 05 Mar 2024 10:00:09 +0000", "Tue, 05 Mar 2024 10:00:05 +0000", "Tue, 05 Mar 2024 09:00:00 +0000"
INTERNAL = f"from mx.victim.example.com (mx.victim.example.com [10.0.0.5]) by store.victim.example.com (Postfix) with ESMTP id 1; {T1}"
ZOMBIE = (f"from qwerty (ppp-95-25-3-4.dynamic.rt.ru [95.25.3.4]) by mx.victim.example.com (Postfix) with SMTP id 2; {T2}")
ZOMBIE_NO_RDNS = f"from qwerty (unknown [95.25.3.4]) by mx.victim.example.com (Postfix) with SMTP id 2; {T2}"
FORGED_PRIVATE = f"from User (HELO abc) (192.168.4.5) by smtp3.mailer.net with ESMTPA; {T3}"
FORGED_PUBLIC = f"from abc.com ([8.8.4.4]) by xyz.net (8.12.11/8.12.11) with ESMTP id Q; {T3}"
FORGED_FUTURE = "from 127.0.0.1 by fake.local (MailEnable) with SMTP; Wed, 06 Mar 2024 12:00:00 +0000"
RELAY = f"from smtp.sender.example.org (smtp.sender.example.org [203.0.113.25]) by mx.victim.example.com (Postfix) with ESMTP id 3; {T2}"
SUBMIT = (f"from [192.168.1.20] (c-73-162-41-9.hsd1.ca.comcast.net [73.162.41.9]) (Authenticated sender: jo) "
          f"by smtp.sender.example.org (Postfix) with ESMTPSA id 4; {T3}")
PUBLIC_RELAY = f"from smtp.sender.example.org (smtp.sender.example.org [52.1.2.3]) by mx.victim.example.com (Postfix) with ESMTP id 3; {T2}"
# An open relay (a named, static host) received the spam from a zombie and wrote its own line.
T_RELAY = "Tue, 05 Mar 2024 09:59:58 +0000"
OPEN_RELAY = (f"from mail.opencorp.example.net (mail.opencorp.example.net [198.51.7.20]) "
              f"by mx.victim.example.com (Postfix) with ESMTP id 5; {T2}")
RELAYS_ZOMBIE = (f"from pc17 (adsl-81-12-33-4.pool.isp.example [81.12.33.4]) "
                 f"by mail.opencorp.example.net (8.14.4/8.14.4) with SMTP id r1; {T_RELAY}")
RELAYS_UNKNOWN = f"from pc17 (unknown [81.12.33.4]) by smtp2.opencorp.example.net with ESMTP id r2; {T_RELAY}"
SECOND_RELAY = (f"from gw.hijacked.example.org (gw.hijacked.example.org [192.0.5.9]) "
                f"by mail.opencorp.example.net (Postfix) with ESMTP id r3; {T_RELAY}")
HIJACKED_ZOMBIE = (f"from pc17 (dyn-81-12-33-4.isp.example [81.12.33.4]) by gw.hijacked.example.org "
                   f"(Postfix) with SMTP id r4; Tue, 05 Mar 2024 09:59:50 +0000")
NOT_ITS_LINE = f"from pc17 (unknown [81.12.33.4]) by mx.other.example with SMTP id r5; {T_RELAY}"
RELAY_LINE_FROM_LATER = ("from pc17 (unknown [81.12.33.4]) by mail.opencorp.example.net with SMTP id r6; "
                         "Tue, 05 Mar 2024 11:30:00 +0000")
DYNAMIC_RELAY = (f"from ppp-95-25-3-4.dynamic.rt.ru (ppp-95-25-3-4.dynamic.rt.ru [95.25.3.4]) "
                 f"by mx.victim.example.com (Postfix) with ESMTP id 7; {T2}")
BELOW_DYNAMIC = f"from x (unknown [81.12.33.4]) by ppp-95-25-3-4.dynamic.rt.ru with SMTP id r7; {T_RELAY}"

# Exchange records the announced name and the address only ("from NAME (IP)")
EXCHANGE_RELAY = (f"from mail.opencorp.example.net (198.51.7.20) by mx.victim.example.com (MX) "
                  f"with Microsoft SMTP Server id 15.1.2507.20; {T2}")
RELAYS_TO_EXCHANGE = (f"from kqpjdyja (81.12.33.4) by mail.opencorp.example.net (MAIL) with Microsoft SMTP Server "
                      f"id 15.1.2507.35; {T_RELAY}")
# spam software announcing a bare provider domain is not the provider's own host
HELO_YAHOO = f"from 81.12.33.4 (EHLO yahoo.com) by mx.victim.example.com with SMTP; {T2}"

# chain (topmost first), origin ip, origin hop, forged lines, dynamic
CASES = [
    ([ZOMBIE], "95.25.3.4", 0, 0, True),
    ([INTERNAL, ZOMBIE], "95.25.3.4", 1, 0, True),
    ([INTERNAL, ZOMBIE_NO_RDNS], "95.25.3.4", 1, 0, True),
    ([INTERNAL, ZOMBIE, FORGED_PRIVATE], "95.25.3.4", 1, 1, True),
    ([INTERNAL, ZOMBIE, FORGED_PUBLIC, FORGED_PRIVATE], "95.25.3.4", 1, 2, True),
    ([ZOMBIE, FORGED_FUTURE], "95.25.3.4", 0, 1, True),
    ([INTERNAL, PUBLIC_RELAY, SUBMIT], "73.162.41.9", 2, 0, True),
    ([INTERNAL, RELAY, SUBMIT], "73.162.41.9", 2, 0, True),
    ([INTERNAL, PUBLIC_RELAY], "52.1.2.3", 1, 0, False),
    # open relays and hijacked servers: past the relay to the zombie its own line names
    ([INTERNAL, OPEN_RELAY, RELAYS_ZOMBIE], "81.12.33.4", 2, 0, True),
    ([INTERNAL, OPEN_RELAY, RELAYS_UNKNOWN], "81.12.33.4", 2, 0, True),
    ([INTERNAL, OPEN_RELAY, SECOND_RELAY, HIJACKED_ZOMBIE], "81.12.33.4", 3, 0, True),
    ([INTERNAL, OPEN_RELAY, RELAYS_ZOMBIE, FORGED_PUBLIC, FORGED_PRIVATE], "81.12.33.4", 2, 2, True),
    # a line that is not the relay's own, or that is later than the relay's handover, stays forged
    ([INTERNAL, OPEN_RELAY, NOT_ITS_LINE], "198.51.7.20", 1, 1, False),
    ([INTERNAL, OPEN_RELAY, RELAY_LINE_FROM_LATER], "198.51.7.20", 1, 1, False),
    ([INTERNAL, EXCHANGE_RELAY, RELAYS_ZOMBIE], "81.12.33.4", 2, 0, True),
    ([INTERNAL, OPEN_RELAY, RELAYS_TO_EXCHANGE], "81.12.33.4", 2, 0, True),
    # a dynamic host is the origin, whatever it claims to have received: that claim is forged
    ([INTERNAL, DYNAMIC_RELAY, BELOW_DYNAMIC], "95.25.3.4", 1, 1, True),
]


@pytest.mark.parametrize("chain,ip,hop,forged,dynamic", CASES, ids=[f"chain{i}" for i in range(len(CASES))])
def test_origin(chain, ip, hop, forged, dynamic):
    found = origin(chain)
    assert (found.ip, found.hop, found.forged_hops, found.dynamic) == (ip, hop, forged, dynamic)


def test_no_public_hop_means_no_origin():
    assert origin([INTERNAL]).ip is None
    assert origin([]).ip is None


def test_a_line_not_written_by_a_trusted_receiver_is_not_believed():
    foreign = f"from qwerty (x.example [95.25.3.4]) by relay.elsewhere.example.net (Postfix) with SMTP id 9; {T2}"
    found = origin([INTERNAL, foreign])
    assert found.ip is None


def test_a_provider_writes_under_all_its_domains():
    """A Gmail bounce comes from googlemail.com; the lines its receivers wrote say google.com."""
    google = f"from pc17 (unknown [81.12.33.4]) by mx.google.com with ESMTPS id g1; {T2}"
    internal = f"from mx1 (mx1.internal [10.1.1.1]) by mbox.googlemail.com with ESMTP id g0; {T1}"
    assert origin([internal, google], {"googlemail.com"}).ip == "81.12.33.4"


def test_a_bare_domain_helo_does_not_make_a_host_internal():
    """Spam software announces "EHLO yahoo.com"; a Yahoo bounce trusts yahoo.com, not that claim."""
    assert origin([INTERNAL, HELO_YAHOO], {"yahoo.com"}).ip == "81.12.33.4"
