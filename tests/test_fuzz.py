"""Hostile mail through every extractor: one row per message, in bounded time, never a crash.

Hypothesis makes random and adversarial messages (long runs of any character, deep nesting,
broken MIME and encodings, huge headers, delivery-status parts of junk); the runs are
derandomised so CI sees the same examples every time. The regression cases are the measured
denial of service of issue 13: 64 KB of dashes, spaces or tabs took minutes to analyse.
"""
from __future__ import annotations

import signal
import time

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the test extra (pip install -e .[test])")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from toolkit import config, headers, ingest, messages, received  # noqa: E402
from toolkit.schemas import TABLES  # noqa: E402
from toolkit.sources import RawMessage  # noqa: E402
from toolkit.synth.hostile import RUN_UNITS, SHAPES, run_of  # noqa: E402

# CPU seconds one fuzzed message may take; it is also the budget, so a slow case fails, never hangs.
FUZZ_SECONDS = 3.0
# The hostile regression cases must be far quicker than the budget (they took minutes before).
HOSTILE_SECONDS = 1.0
FUZZ = settings(derandomize=True, database=None, deadline=None, max_examples=100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def analyse(text: str | bytes) -> tuple[dict[str, list[dict]], float]:
    """Every table's rows of one message as ingest makes them, and the CPU seconds it took."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    start = time.process_time()
    rows = ingest.extract_raw(RawMessage("fuzz/1", data), "fuzz.mbox", "mbox", budget=FUZZ_SECONDS)
    return rows, time.process_time() - start


def check(rows: dict[str, list[dict]], seconds: float, limit: float = FUZZ_SECONDS) -> None:
    """One `messages` row, every row fits its table's schema, within the time bound."""
    assert len(rows["messages"]) == 1
    assert rows["messages"][0]["parse_error"] != ingest.TIME_LIMIT_ERROR, f"analysis took over {limit} s"
    assert seconds < limit
    for name, table_rows in rows.items():
        TABLES[name].frame(table_rows)  # raises when a row does not fit the schema


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """First analyses load the format tables and the public suffix list: not a message's cost."""
    for make in SHAPES.values():
        ingest.extract_raw(RawMessage("warm", make("x").encode()), "warm", "eml", budget=0)


# --- the hostile samples of issue 13 --------------------------------------------------------------

@pytest.mark.parametrize("shape", ["ham", "bounce", "dsn", "html"])
@pytest.mark.parametrize("unit", ["-", " ", "\t"])
def test_a_64kb_run_is_analysed_well_under_a_second(shape, unit):
    rows, seconds = analyse(SHAPES[shape](run_of(unit, 64 * 1024)))
    check(rows, seconds, HOSTILE_SECONDS)
    if shape != "ham":
        assert rows["messages"][0]["kind"] == "bounce"  # still read as what it is
        assert [d["recipient"] for d in rows["deliveries"]] == ["user@example.com"]


@pytest.mark.parametrize("unit", ["-", " ", "\t", "\n"])
def test_analysis_time_grows_linearly_with_the_run(unit):
    """4x the run may cost 4x the time (with room for noise), not the 16x of a quadratic pattern."""
    def cost(size: int) -> float:
        return min(analyse(SHAPES["bounce"](run_of(unit, size)))[1] for _ in range(2))
    small, large = cost(8 * 1024), cost(32 * 1024)
    assert large < max(8 * small, 0.05), (small, large)


# --- generated messages ----------------------------------------------------------------------------

_CHARS = st.characters(codec="utf-8", exclude_categories=["Cs"])
_UNITS = st.one_of(st.sampled_from(RUN_UNITS), st.text(_CHARS, min_size=1, max_size=3))
_SIZES = st.sampled_from([100, 2_000, 20_000])


@FUZZ
@given(shape=st.sampled_from(sorted(SHAPES)), unit=_UNITS, size=_SIZES)
def test_a_run_of_any_character_anywhere(shape, unit, size):
    check(*analyse(SHAPES[shape](run_of(unit, size))))


_FIELD_NAMES = st.sampled_from(["From", "To", "Subject", "Date", "Message-ID", "Received", "Return-Path",
                                "Content-Type", "Content-Transfer-Encoding", "Auto-Submitted", "X-Failed-Recipients",
                                "References", "In-Reply-To", "X-Mailer", "Reply-To", "List-Id"])
_VALUES = st.one_of(st.text(_CHARS, max_size=200),
                    st.builds(run_of, st.sampled_from(RUN_UNITS + ("=?utf-8?q?", "<a@b>", "(", ";")),
                              st.sampled_from([50, 5_000, 30_000])))
_TYPES = st.sampled_from(["text/plain", "text/html", "message/rfc822", "message/delivery-status",
                          "text/rfc822-headers", "multipart/mixed", "multipart/report", "application/octet-stream",
                          "message/global-delivery-status", "text/plain; charset=iso-2022-jp", "junk/", ""])
_ENCODINGS = st.sampled_from(["7bit", "base64", "quoted-printable", "8bit", "x-uuencode", "bogus"])
_DSN_FIELDS = st.lists(st.tuples(st.sampled_from(["Reporting-MTA", "Final-Recipient", "Original-Recipient",
                                                  "Action", "Status", "Diagnostic-Code", "Remote-MTA", "X-Junk"]),
                                 _VALUES), max_size=8)


@st.composite
def _part(draw, depth: int) -> str:
    """One MIME entity: headers and a body, possibly multipart (nested up to ``depth``), often broken."""
    kind = draw(_TYPES)
    head = f"Content-Type: {kind}\nContent-Transfer-Encoding: {draw(_ENCODINGS)}\n"
    if kind.startswith("multipart/") and depth > 0:
        boundary = draw(st.sampled_from(["b1", "=_b", "", "--", draw(st.text(_CHARS, max_size=20))]))
        parts = draw(st.lists(_part(depth - 1), max_size=3))
        closing = draw(st.sampled_from([f"--{boundary}--\n", "", f"--{boundary}\n"]))
        body = "".join(f"--{boundary}\n{p}\n" for p in parts) + closing
        return f'Content-Type: {kind}; boundary="{boundary}"\n\n{body}'
    if kind == "message/delivery-status":
        blocks = draw(st.lists(_DSN_FIELDS, max_size=3))
        body = "\n\n".join("\n".join(f"{n}: {v}" for n, v in block) for block in blocks)
    elif kind in ("message/rfc822", "text/rfc822-headers") and depth > 0:
        body = draw(_message(depth - 1))
    else:
        body = draw(_VALUES)
    return f"{head}\n{body}"


@st.composite
def _message(draw, depth: int = 3) -> str:
    fields = draw(st.lists(st.tuples(_FIELD_NAMES, _VALUES), max_size=10))
    sender = draw(st.sampled_from(["MAILER-DAEMON@mx.example.com", "postmaster@example.com", "alice@example.org"]))
    head = f"From: {sender}\n" + "".join(f"{n}: {v}\n" for n, v in fields)
    return head + draw(_part(depth))


@FUZZ
@given(text=_message())
def test_random_and_broken_messages(text):
    check(*analyse(text))


@FUZZ
@given(data=st.binary(max_size=5_000))
def test_random_bytes(data):
    check(*analyse(b"From: a@b.example\nSubject: x\n\n" + data))
    check(*analyse(data))  # may not even be a message: it still gets its row


@st.composite
def _received(draw) -> str:
    words = ["from", "by", "with", "id", "for", "via", "(", ")", "[", "]", "[1.2.3.4]", "(helo=x)", "ESMTPSA",
             ";", "Tue, 05 Mar 2024 10:00:00 +0100", "Mon", "10:00", "<a@b.c>", "@", "qmail", "invoked", " "]
    pieces = draw(st.lists(st.one_of(st.sampled_from(words), st.text(_CHARS, max_size=10),
                                     st.builds(run_of, st.sampled_from(words), st.sampled_from([100, 4_000]))),
                           max_size=30))
    return " ".join(pieces)


@FUZZ
@given(lines=st.lists(_received(), max_size=5), msg_id=st.one_of(st.none(), _VALUES))
def test_received_parser(lines, msg_id):
    start = time.process_time()
    hops = received.chain(lines, received.qmail_host(msg_id, " ".join(lines)))
    assert len(hops) == len(lines)
    assert time.process_time() - start < FUZZ_SECONDS


@FUZZ
@given(value=_VALUES)
def test_header_parsers(value):
    start = time.process_time()
    headers.decode_text(value)
    headers.parse_date(value)
    headers.msg_id(value)
    headers.msg_ids(value)
    msg = messages.parse(RawMessage("h", f"From: {value}\nTo: {value}\nReturn-Path: {value}\n\nx\n".encode(
        "utf-8", "surrogatepass")), "h", "eml").msg
    if msg is not None:
        headers.address(msg, "From")
        headers.addresses(msg, "To")
        headers.return_path(msg)
    assert time.process_time() - start < FUZZ_SECONDS


# --- the time budget -------------------------------------------------------------------------------

def _catastrophic(*_args):
    """Exponential backtracking on purpose: stands for any analysis that runs away."""
    import re
    re.search(r"(a+)+$", "a" * 64 + "!")


def test_over_budget_a_message_keeps_its_row_and_the_run_goes_on(monkeypatch):
    text = SHAPES["bounce"]("x")
    monkeypatch.setattr(ingest.notices, "analyse", _catastrophic)
    slow = ingest.extract_raw(RawMessage("slow", text.encode()), "src", "mbox", budget=0.2)
    assert slow["messages"][0]["parse_error"] == ingest.TIME_LIMIT_ERROR
    assert slow["messages"][0]["kind"] is None
    assert slow["messages"][0]["subject"] == "Undelivered Mail Returned to Sender"  # its headers are kept
    assert all(not rows for name, rows in slow.items() if name != "messages")
    # nothing is left armed: the next message is analysed in full, and the previous handler is back
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) in (signal.SIG_DFL, None)
    monkeypatch.undo()
    rows, _ = analyse(text)
    assert rows["messages"][0]["kind"] == "bounce" and rows["messages"][0]["parse_error"] is None


def test_the_budget_in_ingest_with_one_worker_and_with_a_pool(tmp_path, monkeypatch):
    """Workers=1 runs in the main process, workers=2 in spawned pool processes: both keep every row.

    The budget (BACKSCATTER_ANALYSIS_BUDGET_S, inherited by the workers) is set so low that a
    1 MB message cannot be analysed within it, while the small ones are.
    """
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "0.eml").write_text(SHAPES["dsn"](run_of("-", 1024 * 1024)))
    for i in range(1, 4):
        (folder / f"{i}.eml").write_text(SHAPES["ham"](f"message {i}"))
    monkeypatch.setattr(config, "FILES_PER_TASK", 2)  # two tasks, so the pool is used with workers=2
    monkeypatch.setenv("BACKSCATTER_ANALYSIS_BUDGET_S", "0.05")
    monkeypatch.setattr(config, "ANALYSIS_TIME_BUDGET_S", 0.05)
    import polars as pl
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        ingest.ingest([folder], out, cache_dir=tmp_path / f"cache{workers}", workers=workers, progress=False)
        table = pl.read_parquet(out / "messages.parquet").sort("location")
        assert table.height == 4
        errors = dict(zip(table["location"].to_list(), table["parse_error"].to_list()))
        big = next(loc for loc in errors if loc.endswith("0.eml"))
        assert errors[big] == ingest.TIME_LIMIT_ERROR
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
