"""Reports about mail that used the owner's domain: DMARC failure reports (RFC 6591, to the ruf
address the owner published) and ARF abuse complaints (RFC 5965) from feedback loops. Also the
daily DMARC aggregate reports (RFC 7489 rua, zipped XML): those are routine ham, not caused by
the spam alone.
"""
from __future__ import annotations

import base64
import io
import random
import zipfile
from datetime import datetime, timedelta

from .world import boundary, lowhex, multipart, part, rfc2822, token

REPORTERS_RUF = [("opendmarc", "mail.hostingnet.cz", "hostingnet.cz", "OpenDMARC-Filter/1.4.2"),
                 ("opendmarc", "mx.fastnet-isp.it", "fastnet-isp.it", "OpenDMARC-Filter/1.3.2"),
                 ("opendmarc", "mail.uni-wuerzburg-rz.de", "uni-wuerzburg-rz.de", "OpenDMARC-Filter/1.4.2"),
                 ("opendmarc", "smtp.telenet-biz.be", "telenet-biz.be", "OpenDMARC-Filter/1.4.1")]
REPORTERS_ARF = [("arf", "feedback.yahoo-fbl.example.com", "yahoo.com", "Yahoo!-Mail-Feedback/2.0"),
                 ("arf", "fbl.mail.ru", "mail.ru", "Mail.Ru-FBL/1.0"),
                 ("arf", "abuse-reports.spamcop.net", "spamcop.net", "SpamCop/2.3"),
                 ("arf", "fbl.comcast.net", "comcast.net", "Comcast-FBL/1.1")]


def failure_report(rng: random.Random, reporter: tuple, owner_domain: str, sender: str, rcpt: str, subject: str,
                   source_ip: str, when: datetime, original: str) -> tuple[list, str, str]:
    _, host, domain, agent = reporter
    text = (f"This is an authentication failure report for an email message received from IP\n{source_ip} on "
            f"{rfc2822(when, 0)}.\n")
    fb = (f"Feedback-Type: auth-failure\nVersion: 1\nUser-Agent: {agent}\nAuth-Failure: dmarc\n"
          f"Authentication-Results: {host}; dmarc=fail (p=none dis=none) header.from={owner_domain}\n"
          f"Original-Envelope-Id: {token(rng, 10, '0123456789ABCDEF')}\nOriginal-Mail-From: {sender}\nSource-IP: {source_ip}\n"
          f"Reported-Domain: {owner_domain}\nDelivery-Result: delivered\n")
    bnd = boundary(rng)
    body = multipart([part("text/plain", text, "us-ascii"), "Content-Type: message/feedback-report\n\n" + fb,
                      "Content-Type: text/rfc822-headers\n\n" + original], bnd)
    headers = [("Received", f"from {host} (localhost [127.0.0.1])\n\tby {host} (Postfix) with ESMTP id {token(rng, 10, '0123456789ABCDEF')}\n\t"
                            f"for <dmarc-ruf@{owner_domain}>; {rfc2822(when, 1)}"),
               ("From", f"OpenDMARC Filter <opendmarc@{host}>"), ("To", f"dmarc-ruf@{owner_domain}"), ("Date", rfc2822(when, 1)),
               ("Subject", f"FW: {subject}" if rng.random() < 0.5 else f"DMARC failure report for {owner_domain}"),
               ("Message-ID", f"<{token(rng, 16)}.opendmarc@{host}>"), ("MIME-Version", "1.0"),
               ("Content-Type", f"multipart/report; report-type=feedback-report;\n\tboundary=\"{bnd}\"")]
    return headers, body, "opendmarc-ruf"


def abuse_report(rng: random.Random, reporter: tuple, owner_domain: str, sender: str, rcpt: str, subject: str,
                 source_ip: str, when: datetime, original: str) -> tuple[list, str, str]:
    _, host, domain, agent = reporter
    text = ("This is an email abuse report for an email message received from IP " + source_ip + " on "
            + rfc2822(when, 0) + ".\nFor more information about this format please see http://tools.ietf.org/html/rfc5965\n")
    fb = (f"Feedback-Type: abuse\nUser-Agent: {agent}\nVersion: 1\nOriginal-Mail-From: <{sender}>\n"
          f"Original-Rcpt-To: <{token(rng, 8).lower()}@{domain}>\nArrival-Date: {rfc2822(when - timedelta(hours=rng.randint(1, 40)), 0)}\n"
          f"Reporting-MTA: dns; {host}\nSource-IP: {source_ip}\nReported-Domain: {owner_domain}\n")
    bnd = boundary(rng)
    body = multipart([part("text/plain", text, "us-ascii"), "Content-Type: message/feedback-report\n\n" + fb,
                      "Content-Type: message/rfc822\nContent-Disposition: inline\n\n" + original], bnd)
    headers = [("From", f"{domain.split('.')[0].title()} Feedback Loop <feedback@{host}>"), ("To", f"abuse@{owner_domain}"),
               ("Date", rfc2822(when, 0)), ("Subject", f"Email Feedback Report for IP {source_ip}" if rng.random() < 0.5 else
                                          f"[SpamCop ({owner_domain}) id:{rng.randint(10**9, 10**10)}]{subject}"),
               ("Message-ID", f"<{lowhex(rng, 24)}@{host}>"), ("MIME-Version", "1.0"),
               ("Content-Type", f"multipart/report; report-type=feedback-report;\n\tboundary=\"{bnd}\"")]
    return headers, body, "arf-abuse"


def aggregate_report(rng: random.Random, org: str, org_domain: str, owner_domain: str, day: datetime,
                     sources: list[tuple[str, int]]) -> tuple[list, str, str]:
    """A daily RUA report as a zipped XML attachment (Google/Microsoft/Yahoo send these)."""
    begin = int(day.timestamp())
    rid = str(rng.randint(10**18, 10**19))
    records = "".join(f"<record><row><source_ip>{ip}</source_ip><count>{n}</count><policy_evaluated><disposition>none</disposition>"
                      f"<dkim>fail</dkim><spf>fail</spf></policy_evaluated></row><identifiers><header_from>{owner_domain}</header_from>"
                      "</identifiers></record>" for ip, n in sources)
    xml = (f"<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<feedback><report_metadata><org_name>{org_domain}</org_name>"
           f"<email>noreply-dmarc-support@{org_domain}</email><report_id>{rid}</report_id><date_range><begin>{begin}</begin>"
           f"<end>{begin + 86399}</end></date_range></report_metadata><policy_published><domain>{owner_domain}</domain>"
           f"<p>none</p><pct>100</pct></policy_published>{records}</feedback>\n")
    buf = io.BytesIO()
    name = f"{org_domain}!{owner_domain}!{begin}!{begin + 86399}.zip"
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo(name[:-4] + ".xml", date_time=(2020, 1, 1, 0, 0, 0))
        z.writestr(info, xml)
    payload = base64.encodebytes(buf.getvalue()).decode()
    bnd = boundary(rng, "gmail")
    body = multipart([part("text/plain", "", "UTF-8"),
                      f"Content-Type: application/zip; name=\"{name}\"\nContent-Disposition: attachment; filename=\"{name}\"\n"
                      f"Content-Transfer-Encoding: base64\n\n{payload}"], bnd, "")
    headers = [("From", f"noreply-dmarc-support@{org_domain}"), ("To", f"dmarc-rua@{owner_domain}"),
               ("Subject", f"Report domain: {owner_domain} Submitter: {org_domain} Report-ID: {rid}"),
               ("Date", rfc2822(day + timedelta(days=1, hours=rng.randint(0, 12)), -8)),
               ("Message-ID", f"<{rid}@{org_domain}>"), ("MIME-Version", "1.0"),
               ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\"")]
    return headers, body, "dmarc-aggregate"
