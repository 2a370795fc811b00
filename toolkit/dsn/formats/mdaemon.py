"""Alt-N MDaemon: "The attached message had PERMANENT fatal delivery errors!" and its
"--- Session Transcript ---", in which the refused command and the server's reply are quoted.

The failed recipient stands in the quoted reply ("550 5.1.1 <addr>: Recipient address rejected",
"550 <addr>... User unknown", after "<--" in MDaemon's own log lines) or in the quoted RCPT
command; the returned message is attached or pasted below the transcript (found by the shared
inline-original reader).
"""
import re

from ..text import ADDR, RECIPIENT_LINE
from ._plain import plain_format

NAME = "mdaemon"
# A server's refusal quoted in the transcript: reply code, optional RFC 3463 status, then the address.
# Its log lines put a time stamp and "<--" before the reply.
TRANSCRIPT_REPLY = re.compile(rf"^(?:[^\n<]{{0,60}}<--)?\s*[45]\d\d[ -](?:[45]\.\d{{1,3}}\.\d{{1,3}}\s+)?"
                              rf"<({ADDR})>(?::|\.\.\.)?\s*(.*)$")
parse = plain_format(NAME, r"The attached message had PERMANENT fatal delivery errors|"
                           r"^-+ ?Session Transcript ?-+",
                     patterns=[TRANSCRIPT_REPLY, *RECIPIENT_LINE])
