"""The speed helpers of toolkit/folding.py must answer exactly as the patterns they stand for."""
from __future__ import annotations

import re

import pytest

from toolkit import fingerprint, kinds, received
from toolkit.dsn import status
from toolkit.dsn.formats import plaintext, rfc3464
from toolkit.dsn.reasons._base import PATTERNS
from toolkit.folding import Prefiltered, Sign, caseless, prefiltered, required_literals

# pattern -> the literals every match must contain one of (None: no prefilter possible)
REQUIRED = [
    (r"qmail", ("qmail",)),
    (r"x-postfix-|this is the (mail system|postfix program) at host", ("x-postfix-", "this is the ")),
    (r"can ?not|unable to", ("can", "unable to")),  # one side of the optional space will do
    (r"troj(an)?[_.]", ("troj",)),  # an optional group is not required
    (r"ab{2,}cde", ("cde",)),  # a repeat needs its body, but "b" is too short to be worth a check
    (r"(?:mailbox (is )?full)+", ("mailbox ",)),  # a required repeat's body is required
    (r"^\s*5\d\d[ -]|\b5\.\d{1,3}\.\d{1,3}\b", None),  # a branch without a literal: no prefilter
    (r"user|\d+", None),
    (r"(?i)virus", None),  # case-insensitive: the literals say nothing
    (r"a(?i:virus)", None),
]


@pytest.mark.parametrize(("pattern", "needles"), REQUIRED)
def test_required_literals(pattern, needles):
    found = required_literals(pattern)
    assert (None if found is None else set(found)) == (None if needles is None else set(needles))


def test_ignorecase_flag_gives_no_prefilter():
    assert required_literals("virus", re.I) is None
    assert isinstance(prefiltered(re.compile("virus")), Prefiltered)
    assert not isinstance(prefiltered(re.compile("virus", re.I)), Prefiltered)


CASELESS = [  # pattern, text, re.I finds it
    (r"X-Postfix-", "x-postfix-queue-id: 1", True),
    (r"\bSMTP-AUTH\b", "received by smtp-auth host", True),
    (r"\S+@\S+", "a b", False),  # escapes keep their case: \S is not \s
    (r"\S+@\S+", "user@example.org", True),
    (r"Sent <<< ?(RCPT|MAIL)", "sent <<< rcpt to:<a@b>", True),
]


@pytest.mark.parametrize(("pattern", "text", "found"), CASELESS)
def test_caseless_matches_like_ignorecase(pattern, text, found):
    assert bool(re.search(pattern, text, re.I)) is found
    assert bool(caseless(pattern).search(text.lower())) is found


def _project_patterns() -> list[tuple[str, Prefiltered]]:
    modules = (fingerprint, kinds, received, status, plaintext, rfc3464)
    found = [(f"{m.__name__.split('.')[-1]}.{name}", value) for m in modules for name, value in vars(m).items()
             if isinstance(value, Prefiltered)]
    found += [(f"{m.__name__.split('.')[-1]}.{name}[{i}]", pattern) for m in modules for name, value in vars(m).items()
              if isinstance(value, list) for i, item in enumerate(value)
              if isinstance(item, tuple) and len(item) == 2
              for pattern in [item[1]] if isinstance(pattern, Prefiltered)]
    found += [(f"reasons.{name}", p) for name, p in PATTERNS.items() if isinstance(p, Prefiltered)]
    return found


def test_the_project_uses_prefilters():
    names = {name for name, _ in _project_patterns()}
    assert {"reasons.userunknown", "status._COMMAND", "received._AUTH", "plaintext._FAILURE", "kinds._VIRUS",
            "fingerprint._ANY_WRAPPER_FOLDED"} <= names


def _corpus_texts(sisimai) -> list[str]:
    texts = []
    for path in sorted((sisimai / "maildir" / "bsd").glob("*.eml")):
        text = path.read_bytes().decode("utf-8", "replace").lower()
        texts.append(text)
        texts += [line for line in text.split("\n")[:80] if line.strip()]
    return texts


def test_prefiltered_patterns_answer_like_the_plain_ones_on_real_bounces(sisimai):
    """Every prefiltered pattern of the project, over each real bounce (whole and line by line)."""
    texts = _corpus_texts(sisimai)
    for name, pattern in _project_patterns():
        for text in texts:
            assert bool(pattern.search(text)) == bool(pattern.compiled.search(text)), (name, text[:200])


SIGNS = [  # pattern, flags, text: Sign.found must say what re.I says
    (r"InterScan|Trend Micro", 0, "Message from TREND MICRO InterScan Messaging Security"),
    (r"InterScan|Trend Micro", 0, "nothing here"),
    (r"InterScan|Trend Micro", 0, "Interſcan"),  # non-ASCII: re.I folds "ſ" to "s", lower-casing does not
    (r"^(Final|Original)-Recipient:", re.M, "Reporting-MTA: dns; x\nfinal-recipient: rfc822; a@b.c"),
    (r"^(Final|Original)-Recipient:", re.M, "see Final-Recipient: below"),
    (r"groups\.google\.com|Google Groups", 0, "GROUPS.GOOGLE.COM"),
    (r"groups\.google\.com|Google Groups", 0, "groupsXgoogle.com"),  # an escaped dot stays a dot
    (r"Delivery to the following recipients? failed", 0, "Délivery — DELIVERY TO THE FOLLOWING RECIPIENT FAILED"),
]


@pytest.mark.parametrize(("pattern", "flags", "text"), SIGNS)
def test_sign_answers_as_ignorecase(pattern, flags, text):
    expected = re.search(pattern, text, flags | re.I) is not None
    assert Sign(pattern, flags).found(text) is expected
    assert Sign(pattern, flags).found(text, text.lower()) is expected


def test_phrase_tables_answer_like_the_alternations_on_real_bounces(sisimai):
    """reasons' yes/no PhraseTable against the one alternation per reason it stands for."""
    from toolkit.dsn.reasons._base import TABLES
    texts = _corpus_texts(sisimai) + ["user unknown", "the mailbox is over quota", "unknown", "box over"]
    for name, table in TABLES.items():
        for text in texts:
            assert table.occurs(text) == bool(PATTERNS[name].search(text)), (name, text[:200])


def test_list_opening_sign_answers_like_its_pattern_on_real_bounces(sisimai):
    """_list's per-line yes/no test against the re.I pattern it stands for, line by line."""
    from toolkit.dsn.formats._list import _INTRO, _OPENS_LIST
    for path in sorted((sisimai / "maildir" / "bsd").glob("*.eml")):
        for line in path.read_bytes().decode("utf-8", "replace").split("\n"):
            assert _OPENS_LIST.found(line) == bool(_INTRO.search(line)), (path.name, line[:200])
