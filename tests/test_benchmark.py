"""The benchmark's generated inbox: copies follow one another in time with every date still a real one."""
from __future__ import annotations

import datetime as dt
import sys
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import ingest as bench  # noqa: E402

# a date as a message writes it -> the same date one copy (COPY_SHIFT) later
SHIFTED = [
    ("Date: Mon, 29 Apr 2024 10:00:00 +0000", "Date: Mon, 10 Jun 2024 10:00:00 +0000"),
    ("Received: by mx; Tue, 30 Apr 2024 23:59:59 -0700 (PDT)", "Received: by mx; Tue, 11 Jun 2024 23:59:59 -0700 (PDT)"),
    ("Arrival-Date: 1 May 2024 00:00:00 +0000", "Arrival-Date: 12 Jun 2024 00:00:00 +0000"),
    ("Date: Sun, 29 Dec 2024 08:00:00 +0100", "Date: Sun, 9 Feb 2025 08:00:00 +0100"),   # over a year's end
    ("Date: Thu, 31 Feb 2024 10:00:00 +0000", "Date: Thu, 31 Feb 2024 10:00:00 +0000"),  # no such day: left alone
    ("Subject: 12 May 2024 sale", "Subject: 12 May 2024 sale"),                            # no time: not a date
]


@pytest.mark.parametrize("before, after", SHIFTED)
def test_a_copy_s_dates_move_by_whole_weeks(before, after):
    assert bench.shifted(before.encode(), bench.COPY_SHIFT) == after.encode()


def test_weekday_names_stay_right_and_the_first_copy_is_unchanged():
    entry = b"From bench@example.org Mon Mar  4 10:00:00 2024\nDate: Wed, 3 Apr 2024 12:00:00 +0000\n\nhello\n"
    assert bench.shifted(entry, dt.timedelta(0)) == entry
    for copy in range(1, 20):
        moved = bench.shifted(entry, copy * bench.COPY_SHIFT).decode()
        date = moved.split("Date: ")[1].split("\n")[0]
        when = parsedate_to_datetime(date)
        assert when - parsedate_to_datetime("Wed, 3 Apr 2024 12:00:00 +0000") == copy * bench.COPY_SHIFT
        assert date.startswith(when.strftime("%a"))
    assert bench.COPY_SHIFT.days % 7 == 0


def test_mbox_entries_quote_from_lines():
    entry = bench._mbox_entry(b"Subject: x\r\n\r\nFrom here on\r\n>From there\r\n")
    assert entry.startswith(bench.FROM_LINE)
    assert b"\n>From here on\n" in entry and b"\n>>From there\n" in entry
