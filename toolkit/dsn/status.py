"""SMTP enhanced status codes (RFC 3463) and reply codes (RFC 5321) found in free text."""
from __future__ import annotations

import re

from ..folding import caseless

# The look-behind that keeps "1.5.1.1" or "#550" out comes after the first digit, not before it:
# a pattern that starts with a character class lets the engine skip ahead to the next 2, 4 or 5
# (one that starts with a look-behind is tried at every position); "(?<![\d.][245])" asks of the
# character before the digit just what "(?<![\d.])" asked before it. Two to three times faster.
_STATUS = re.compile(r"([245])(?<![\d.][245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")
# RFC 5321 4.2: "Reply-code [ SP textstring ]" or "Reply-code -" on continued lines; the text often
# opens with an RFC 3463 enhanced code ("550 5.1.1 ..."), but a plain number after it ("250 2000
# bytes") is no reply.
_REPLY = re.compile(r"([245][0-5]\d)(?<![\d.#-]...)(?:[ ,-]|$)(?!\d+(?:[^.\d]|$))")
_REPLY_ANYWHERE = re.compile(r"(?<![\d.])([245][0-5][0-9])(?![\d.])")


def status_in(text: str | None) -> str | None:
    """The first enhanced status code (5.1.1) in a text; a generic x.0.0 only if nothing better."""
    if not text:
        return None
    codes = [".".join(m.groups()) for m in _STATUS.finditer(text)]
    specific = [c for c in codes if not c.endswith(".0.0")]
    return (specific or codes or [None])[0]


def last_status_in(text: str | None) -> str | None:
    """The last specific status code in a text: nested replies ("554 4.4.7 expired <421 4.4.2 timed out>")
    end with the one closest to the cause."""
    if not text:
        return None
    codes = [".".join(m.groups()) for m in _STATUS.finditer(text)]
    specific = [c for c in codes if not c.endswith(".0.0")]
    return specific[-1] if specific else None


def reply_code_in(text: str | None) -> str | None:
    """The first SMTP reply code (550) that starts a phrase in a text."""
    if not text:
        return None
    match = _REPLY.search(text)
    return match.group(1) if match else None


# Searched in the lower-cased text (caseless): the same matches as re.I, faster; the words are upper-cased after.
_COMMAND = caseless(r"in reply to (?:end of )?(DATA|RCPT|MAIL|HELO|EHLO)|after (end of data|RCPT|MAIL|DATA|"
                      r"initial connection|HELO|EHLO)|>>> ?(DATA|RCPT|MAIL|HELO|EHLO)|\[(RCPT|MAIL|DATA)_?|"
                      r"SMTP:(RCPT|MAIL|DATA)|(?:for|after) (TEXT|DATA) command|"
                      r"smtp command[\s:-]*(DATA|RCPT|MAIL)\b|did not like our (?:final )?(DATA|RCPT|MAIL)|"
                      r"^[ \t]*(RCPT|MAIL|DATA|HELO|EHLO)(?: (?:To|From))?:?[ \t]*<<<|does not like (recipient|sender)|"
                      r"\(state (1[3-8]|[5-9])\)|Sent <<< ?(RCPT|MAIL|DATA|HELO|EHLO)", re.M)
# qmail says "does not like recipient/sender"; Gmail numbers its SMTP client states (13 MAIL, 14 RCPT, ...);
# Trend Micro InterScan writes its transcript with the arrows reversed ("Sent <<< RCPT TO:").
_WORD = {"RECIPIENT": "RCPT", "SENDER": "MAIL", "13": "MAIL", "14": "RCPT", "15": "DATA", "16": "DATA",
         "17": "DATA", "18": "DATA"}


_TRANSCRIPT = caseless(r">>> ?(DATA|RCPT|MAIL|HELO|EHLO)(?:(?!>>>).)*?<<< ?[45]\d\d", re.S)


def command_in(text: str | None) -> str | None:
    """The SMTP command a reply answered, when the text says.

    In a session transcript, the command right before the first error reply; elsewhere
    the last command the text names ("in reply to RCPT TO command", "after end of data").
    """
    if not text:
        return None
    text = text.lower()
    transcript = _TRANSCRIPT.search(text)
    if transcript:
        word = transcript.group(1).upper()
        return "HELO" if word == "EHLO" else word
    last = None
    for last in _COMMAND.finditer(text):  # the last one counts: the others' words are not needed
        pass
    if last is None:
        return None
    word = next(g for g in last.groups() if g).upper()
    if word in _WORD:
        return _WORD[word]
    if word.isdigit():
        return "HELO"
    if word.startswith(("END OF DATA", "DATA", "TEXT")):
        return "DATA"
    if word.startswith("INITIAL"):
        return "CONN"
    return {"EHLO": "HELO"}.get(word, word[:4])
