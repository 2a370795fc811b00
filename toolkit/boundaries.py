"""MIME boundary lines recognised without compiling a regex per multipart.

``email.feedparser`` compiles a new regular expression for every multipart it meets (its
boundary is part of the pattern), and boundaries are unique per message, so ``re``'s cache never
helps: compiling was about 5% of ingest's CPU on a realistic inbox. ``install()`` gives the
feedparser module a stand-in for ``re`` whose ``compile`` returns ``BoundaryPattern`` for exactly
that pattern, and the real compiled regex for anything else. ``BoundaryPattern.match`` answers as
the regex does (``tests/test_mime.py`` compares them on generated lines and whole corpora).
When a Python version builds the pattern differently, the stand-in simply compiles it.
"""
from __future__ import annotations

import re
import types
from email import feedparser

# What feedparser builds: '(?P<sep>' + re.escape('--' + boundary) + BOUNDARY_TAIL
BOUNDARY_HEAD = "(?P<sep>"
BOUNDARY_TAIL = r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
_ESCAPE = re.compile(r"\\(.)", re.S)
_LINE_ENDS = ("\r\n", "\r", "\n")


class BoundaryMatch:
    """The groups feedparser reads of a boundary line's match."""

    __slots__ = ("_groups", "_text")

    def __init__(self, text: str, groups: dict[str, str | None]) -> None:
        self._text, self._groups = text, groups

    def group(self, name: str | int = 0) -> str | None:
        return self._text if name == 0 else self._groups[name]


def _at_end(line: str, index: int) -> bool:
    """Where ``$`` matches: the end of the string, or just before a final newline."""
    return index == len(line) or (index == len(line) - 1 and line[index] == "\n")


class BoundaryPattern:
    """``--boundary`` then optional ``--``, blanks and one line end, at the end of the line."""

    __slots__ = ("separator", "pattern")

    def __init__(self, separator: str, pattern: str) -> None:
        self.separator, self.pattern = separator, pattern

    def match(self, line: str) -> BoundaryMatch | None:
        if not line.startswith(self.separator):
            return None
        after = len(self.separator)
        if line.startswith("--", after):  # the regex tries its optional "--" first
            found = self._tail(line, after + 2, "--")
            if found is not None:
                return found
        return self._tail(line, after, None)

    def _tail(self, line: str, start: int, end: str | None) -> BoundaryMatch | None:
        index = start
        while index < len(line) and line[index] in " \t":
            index += 1
        blanks = line[start:index]
        for line_end in _LINE_ENDS:
            stop = index + len(line_end)
            if line.startswith(line_end, index) and _at_end(line, stop):
                return self._found(line, stop, end, blanks, line_end)
        if _at_end(line, index):
            return self._found(line, index, end, blanks, None)
        return None

    def _found(self, line: str, stop: int, end, blanks: str, line_end) -> BoundaryMatch:
        return BoundaryMatch(line[:stop], {"sep": self.separator, "end": end, "ws": blanks, "linesep": line_end})


def compile(pattern, flags: int = 0):  # noqa: A001 - stands in for re.compile
    if (isinstance(pattern, str) and not flags and pattern.startswith(BOUNDARY_HEAD)
            and pattern.endswith(BOUNDARY_TAIL)):
        escaped = pattern[len(BOUNDARY_HEAD):-len(BOUNDARY_TAIL)]
        separator = _ESCAPE.sub(r"\1", escaped)
        if re.escape(separator) == escaped:  # read back exactly: else let re decide
            return BoundaryPattern(separator, pattern)
    return re.compile(pattern, flags)


def install() -> None:
    """Give email.feedparser the stand-in (idempotent; everything but compile is re's own)."""
    if getattr(feedparser.re, "compile", None) is compile:
        return
    stand_in = types.ModuleType("re_with_boundaries")
    stand_in.__dict__.update({name: getattr(re, name) for name in dir(re) if not name.startswith("__")})
    stand_in.compile = compile
    feedparser.re = stand_in
