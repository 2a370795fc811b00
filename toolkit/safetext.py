"""Text from mail and from file names made safe to show: one place for every console line.

Mail headers and file names are written by strangers. Printed raw, an ESC
sequence can retitle or clear the user's terminal, a CR or newline can forge
a line, a bidi override can make a name read backwards. ``console`` escapes
every such character visibly (``\\x1b``, ``\\u202e``), so the user still sees
which file is meant; ``strip_controls`` drops them (whole ESC sequences
included; an undecodable byte becomes U+FFFD) for text that goes into files
such as CSV cells. Undecodable bytes
of a file name, which Python keeps as surrogate escapes, are shown as
``\\xNN``; ``fs_text`` gives the same form for storing a name in a table and
``fs_name`` turns it back into the name on disk.
"""
from __future__ import annotations

import re

# C0 controls and DEL, C1 controls, bidi embeddings/overrides/isolates and marks,
# line/paragraph separators, and lone surrogates (undecodable file-name bytes).
_CONTROL_CHARS = (
    "\x00-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029"
    "\ud800-\udfff"
)
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
# ESC sequences: CSI (ESC [ ... final), OSC/DCS/PM/APC/SOS strings up to BEL or ST,
# and two-character escapes; the 8-bit CSI (\x9b) likewise. Each part is a single
# character class followed by a fixed terminator: no backtracking.
_ESCAPE_SEQUENCE = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]?"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[ -~]?"
)
_FS_ESCAPE = re.compile(r"\\x([89a-fA-F][0-9a-fA-F])")


def _escape_char(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape of an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def console(text: object) -> str:
    """``text`` as one console line: every control, bidi and undecodable character escaped visibly."""
    return _CONTROL.sub(_escape_char, str(text))


def strip_controls(text: object, keep: str = "\t\n") -> str:
    """``text`` without ESC sequences and control/bidi characters (those in ``keep`` stay)."""
    text = _ESCAPE_SEQUENCE.sub("", str(text))
    return _CONTROL.sub(lambda m: _strip_char(m.group(), keep), text)


def _strip_char(char: str, keep: str) -> str:
    if char in keep:
        return char
    return "\ufffd" if "\ud800" <= char <= "\udfff" else ""  # an undecodable byte stays visible as such


def fs_text(name: str) -> str:
    """A file name or path as storable text (valid UTF-8): undecodable bytes become ``\\xNN``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def fs_name(text: str) -> str:
    """The inverse of ``fs_text``: ``\\xNN`` (NN >= 80) back to the surrogate escape Python uses on disk."""
    return _FS_ESCAPE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), text)
