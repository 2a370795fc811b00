"""What every reason module shares: the facts a reason is decided from, and phrase look-up.

A reason module names its PHRASES, in lower case; ``reasons/__init__`` compiles each table into
one alternation and registers it here, so a module can ask whether another reason's words
occur (``says("mailboxfull", text)``) without importing it. The tables are searched in the
lower-cased text rather than with re.IGNORECASE: the same matches, two to three times faster.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...folding import prefiltered, required_literals

PATTERNS: dict[str, re.Pattern] = {}
TABLES: dict[str, "PhraseTable"] = {}  # the same tables, for the yes/no question ``says`` asks


def compile_phrases(phrases: tuple[str, ...]) -> re.Pattern | None:
    """One alternation for a table of lower-case phrases, to search in lower-cased text (None if empty);
    behind a substring prefilter of the phrases' words when every phrase has one."""
    return prefiltered(re.compile("|".join(f"(?:{p})" for p in phrases))) if phrases else None


class PhraseTable:
    """Whether any phrase of a table occurs in a lower-cased text. The table's words are looked for
    once each, as the alternation's prefilter does; a word found runs only the phrases that need it,
    not the whole alternation ("unknown", "box ", "over " are in many diagnostics that hold none of
    the phrases). Same answer as the alternation."""

    __slots__ = ("_words", "_phrases", "_unguarded")

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self._phrases = [re.compile(p) for p in phrases]
        self._words: dict[str, list[int]] = {}  # word -> the phrases of which every match holds it (or another)
        self._unguarded: list[int] = []
        for index, phrase in enumerate(phrases):
            needles = required_literals(phrase)
            if not needles:
                self._unguarded.append(index)
            for needle in needles or ():
                self._words.setdefault(needle, []).append(index)

    def occurs(self, text: str) -> bool:
        tried: set[int] = set()
        for word, indexes in self._words.items():
            if word in text:
                for index in indexes:
                    if index not in tried:
                        tried.add(index)
                        if self._phrases[index].search(text):
                            return True
        return any(self._phrases[index].search(text) for index in self._unguarded)


def phrase_table(phrases: tuple[str, ...]) -> PhraseTable | None:
    """A yes/no table of lower-case phrases (None if empty)."""
    return PhraseTable(phrases) if phrases else None


def says(reason: str, text: str) -> bool:
    """Whether the text contains one of ``reason``'s phrases."""
    table = TABLES.get(reason)
    return bool(table and table.occurs(text.lower()))


@dataclass(frozen=True)
class Fact:
    """What the reason is decided from: one delivery's status, diagnostic, action and refused command."""

    status: str
    name: str  # the reason the status code names (status_name), looked up once
    text: str
    folded: str  # the text in lower case, which the phrase tables are searched in
    action: str
    command: str
    local: bool = False  # a local program refused it (Diagnostic-Code: X-Unix), not an SMTP server
    syntax_reply: bool = False  # the reply code says the server did not understand (500-504)
    reply: str = ""  # the basic SMTP reply code (550), when known
    _said: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def says(self, reason: str) -> bool:
        """Whether the diagnostic contains one of ``reason``'s phrases (each table searched once per fact)."""
        if reason not in self._said:
            table = TABLES.get(reason)
            self._said[reason] = bool(table and table.occurs(self.folded))
        return self._said[reason]

    @property
    def subject(self) -> str:
        """The status code's subject digit (X.<subject>.Y), "" without a code."""
        return self.status.split(".")[1] if self.status.count(".") == 2 else ""
