"""What the returned original says, in a few numbers: a bottom-k sketch of its word shingles.

Spam of one run shares most of its text (the pitch, the call to action) while hash-busters,
names and numbers vary. The text is reduced to letter-only words (tags, URLs, digits and
punctuation dropped), cut into overlapping three-word shingles, and each shingle hashed;
the SKETCH_SIZE smallest hashes are kept. Two texts share about J * SKETCH_SIZE of them when
their shingle sets overlap with Jaccard J (Broder's bottom-k estimator), and each kept hash is a
key `toolkit/campaigns.py` can weigh by how many runs it occurs in (boilerplate shingles such
as "to unsubscribe reply" occur in many). One hash function and a sort: no library needed.
"""
from __future__ import annotations

import hashlib
import html
import re

SKETCH_SIZE = 16
SHINGLE_WORDS = 3
MAX_CHARS = 20_000      # enough text for the pitch; bounds the work per message
_TAG = re.compile(r"<[^<>]{0,2000}>")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")


def words(text: str) -> list[str]:
    """Letter-only words of a text, lower-cased, without HTML tags and URLs."""
    plain = html.unescape(_TAG.sub(" ", text[:MAX_CHARS]))
    return _WORD.findall(_URL.sub(" ", plain).lower())


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big") >> 1  # fits Int64


def sketch(text: str) -> list[int]:
    """The SKETCH_SIZE smallest shingle hashes of a text, ascending; [] for a text without words."""
    found = words(text)
    if len(found) < SHINGLE_WORDS:
        shingles = {" ".join(found)} if found else set()
    else:
        shingles = {" ".join(found[i:i + SHINGLE_WORDS]) for i in range(len(found) - SHINGLE_WORDS + 1)}
    return sorted({_hash(s) for s in shingles})[:SKETCH_SIZE]
