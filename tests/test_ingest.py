"""The ingest pipeline: cache, atomic outputs, stable keys, and the command line's error paths."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

import toolkit
import toolkit.ingest as ingest_module
from toolkit import cli, store
from toolkit.ingest import ingest
from toolkit.schemas import MESSAGES

from helpers import mbox, message


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "export"
    (folder / "Maildir" / "cur").mkdir(parents=True)
    (folder / "Maildir" / "cur" / "1.a:2,").write_text(message("maildir one"))
    (folder / "inbox.mbox").write_text(mbox(message("m1"), message("m2")))
    return folder


def run(corpus, tmp_path, **kwargs):
    return ingest([corpus], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False, **kwargs)


def test_output_has_the_declared_schema_and_loads(corpus, tmp_path):
    run(corpus, tmp_path)
    tables = toolkit.load(tmp_path / "out")
    assert tables.messages.schema == MESSAGES.schema
    assert tables.messages.height == 3
    assert tables.messages["msg_key"].is_unique().all()


def test_unchanged_sources_come_from_the_cache(corpus, tmp_path):
    first = run(corpus, tmp_path)
    second = run(corpus, tmp_path)
    assert len(first.parsed) == 2 and not first.cached
    assert len(second.cached) == 2 and not second.parsed
    assert pl.read_parquet(tmp_path / "out" / "messages.parquet").height == 3


def test_a_changed_file_is_read_again(corpus, tmp_path):
    run(corpus, tmp_path)
    box = corpus / "inbox.mbox"
    box.write_text(mbox(message("m1"), message("m2"), message("m3")))
    os.utime(box, ns=(box.stat().st_atime_ns, box.stat().st_mtime_ns + 10**9))
    again = run(corpus, tmp_path)
    assert [s.path.name for s in again.parsed] == ["inbox.mbox"]
    assert again.counts["messages"] == 4


def test_a_new_maildir_file_is_noticed(corpus, tmp_path):
    run(corpus, tmp_path)
    (corpus / "Maildir" / "cur" / "2.b:2,").write_text(message("maildir two"))
    again = run(corpus, tmp_path)
    assert [s.format for s in again.parsed] == ["maildir"]
    assert again.counts["messages"] == 4


def test_keys_are_stable_across_runs_without_cache(corpus, tmp_path):
    run(corpus, tmp_path)
    keys = pl.read_parquet(tmp_path / "out" / "messages.parquet")["msg_key"].to_list()
    run(corpus, tmp_path, use_cache=False)
    assert pl.read_parquet(tmp_path / "out" / "messages.parquet")["msg_key"].to_list() == keys


def snapshot_of(out):
    """Every table's bytes as ``load``'s folder holds them, and the hops pointing to no message."""
    folder = store.snapshot(out)
    tables = {p.name: p.read_bytes() for p in sorted(folder.glob("*.parquet"))}
    keys = set(pl.read_parquet(folder / "messages.parquet")["msg_key"])
    orphans = set(pl.read_parquet(folder / "hops.parquet")["msg_key"]) - keys
    return tables, orphans


def add_message(corpus, subject):
    box = corpus / "inbox.mbox"
    box.write_text(box.read_text() + mbox(message(subject)))


def test_interrupted_write_leaves_the_previous_run_whole(corpus, tmp_path, monkeypatch):
    """Ctrl-C after hops and deliveries are written, before messages: readers still see the old run only."""
    run(corpus, tmp_path)
    before, orphans = snapshot_of(tmp_path / "out")
    assert orphans == set()
    add_message(corpus, "a new one")
    real_write = ingest_module.write_atomic

    def interrupted(frame, path):
        if path.name == "messages.parquet" and path.parent.parent.name == store.RUNS:
            raise KeyboardInterrupt
        return real_write(frame, path)

    monkeypatch.setattr(ingest_module, "write_atomic", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(corpus, tmp_path)
    after, orphans = snapshot_of(tmp_path / "out")
    assert after == before and orphans == set()
    assert pl.read_parquet(tmp_path / "out" / "messages.parquet").height == 3  # the per-table links too
    assert len(list((tmp_path / "out" / store.RUNS).iterdir())) == 1  # the half-written run is gone
    monkeypatch.undo()
    assert run(corpus, tmp_path).counts["messages"] == 4
    assert toolkit.load(tmp_path / "out").messages.height == 4


SIGNAL_IN_WRITE_PHASE = """
import sys, time
from pathlib import Path
import toolkit.ingest as ingest
from toolkit import cli, store
real = ingest.write_atomic
def slow(frame, path):
    if path.name == "messages.parquet" and path.parent.parent.name == store.RUNS:
        print("writing", flush=True)
        time.sleep(60)
    return real(frame, path)
ingest.write_atomic = slow
sys.exit(cli.main(sys.argv[1:]))
"""


def test_sigterm_in_the_write_phase_leaves_the_previous_run(corpus, tmp_path):
    run(corpus, tmp_path)
    before, _ = snapshot_of(tmp_path / "out")
    add_message(corpus, "a new one")
    proc = subprocess.Popen([sys.executable, "-c", SIGNAL_IN_WRITE_PHASE, "ingest", str(corpus), "--out",
                             str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    after, orphans = snapshot_of(tmp_path / "out")
    assert after == before and orphans == set()
    assert len(list((tmp_path / "out" / store.RUNS).iterdir())) == 1


def test_a_second_ingest_into_a_locked_folder_fails_clearly(corpus, tmp_path, capsys):
    run(corpus, tmp_path)
    with store.locked(tmp_path / "out"):  # as a running ingest holds it
        code = cli.main(["ingest", str(corpus), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "another `backscatter ingest`" in err and err.count("\n") == 1
    assert run(corpus, tmp_path).counts["messages"] == 3  # released


def test_concurrent_ingests_sharing_a_cache_all_succeed(corpus, tmp_path):
    """Two runs parse the same sources at once into one cache (the old layout crashed 3 times in 3)."""
    for attempt in range(2):
        procs = [subprocess.Popen([sys.executable, "-m", "toolkit.cli", "ingest", str(corpus), "--out",
                                   str(tmp_path / f"out{attempt}-{i}"), "--cache-dir", str(tmp_path / "cache"),
                                   "--no-cache", "--quiet", "--workers", "1"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            assert "3 messages from 2 source(s)" in out
    assert not list((tmp_path / "cache").glob("*/parts-*"))  # per-run part folders cleaned up


SLOW_WORKERS = """
import sys, time
sys.path.insert(0, sys.argv[1])
import toolkit.ingest as ingest
import slowtask
ingest.run_task = slowtask.run_task
ingest.ingest([sys.argv[2]], sys.argv[3], cache_dir=sys.argv[4], workers=2, progress=False, use_cache=False)
"""
SLOW_TASK = """
import time
def run_task(task, part_dir):
    time.sleep(120)
"""


def _children(pid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_main_process_is_killed(corpus, tmp_path):
    (corpus / "second.mbox").write_text(mbox(message("another")))
    (tmp_path / "slowtask.py").write_text(SLOW_TASK)
    main = subprocess.Popen([sys.executable, "-c", SLOW_WORKERS, str(tmp_path), str(corpus), str(tmp_path / "out"),
                             str(tmp_path / "cache")])
    deadline = time.monotonic() + 60
    workers = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.5)
        workers = [pid for pid in _children(main.pid)
                   if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert len(workers) == 2
    time.sleep(2)  # the workers are importing and then sleeping in their task
    main.kill()
    main.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)]


@pytest.mark.parametrize("argv,needle", [
    (["ingest", "/no/such/mailbox", "--out", "X"], "no such file or folder"),
    (["ingest", "JUNK", "--out", "X"], "not a mailbox"),
    (["report", "/no/such/corpus"], "no messages.parquet"),
])
def test_cli_errors_are_one_line_and_exit_2(tmp_path, capsys, argv, needle):
    junk = tmp_path / "junk.dat"
    junk.write_bytes(b"\0\1\2\3")
    argv = [str(junk) if a == "JUNK" else str(tmp_path / "o") if a == "X" else a for a in argv]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_cli_ingest_prints_a_summary_and_quiet_hides_progress(corpus, tmp_path):
    result = subprocess.run([sys.executable, "-m", "toolkit.cli", "ingest", str(corpus), "--out",
                             str(tmp_path / "o"), "--cache-dir", str(tmp_path / "c"), "--quiet"],
                            capture_output=True, text=True, check=True)
    assert "3 messages from 2 source(s)" in result.stdout
    assert "ingest" not in result.stderr
    loud = subprocess.run([sys.executable, "-m", "toolkit.cli", "ingest", str(corpus), "--out",
                           str(tmp_path / "o"), "--cache-dir", str(tmp_path / "c2")],
                          capture_output=True, text=True, check=True)
    assert "ingest" in loud.stderr  # the progress bar
