"""ingest --scheduler: the parse stage on a Dask cluster writes the same tables as the local process pool,
and what keeps a cluster from doing the run is one clear line."""
from __future__ import annotations

import socket
import time
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from toolkit import cli, cluster, config
from toolkit.errors import ToolkitError
from toolkit.ingest import EXTRACTION_VERSION, ingest
from toolkit.schemas import RESULTS, TABLES
from toolkit.sources import detect
from toolkit.synth import generate

# Small tasks, so the generated corpus (~600 kB mbox, 25 Sent files) is cut into a dozen of them and
# both workers get some. The tasks are cut in this process; the workers only run them.
MBOX_CHUNK_BYTES = 64 * 1024
FILES_PER_TASK = 10
MIN_TASKS = 8
WORKERS = 2
SHORT_TIMEOUT_S = 1.0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dask-corpus")
    generate(root, seed=5, days=10, scale=0.25)  # 250 inbox messages, 25 sent
    return root / "mail"


@pytest.fixture
def small_tasks(monkeypatch):
    monkeypatch.setattr(config, "MBOX_CHUNK_BYTES", MBOX_CHUNK_BYTES)
    monkeypatch.setattr(config, "FILES_PER_TASK", FILES_PER_TASK)


@pytest.fixture(scope="module")
def client():
    with cluster.connect(cluster.LOCAL, workers=1) as connected:
        yield connected


def test_a_local_cluster_writes_the_same_tables_as_the_process_pool(corpus, tmp_path, small_tasks, capsys):
    sources, _ = detect([corpus], progress=False)
    assert sum(len(source.tasks()) for source in sources) >= MIN_TASKS

    local = ingest([corpus], tmp_path / "local", cache_dir=tmp_path / "cache-local", workers=WORKERS,
                   progress=False)
    rc = cli.main(["ingest", str(corpus), "--out", str(tmp_path / "dask"), "--cache-dir", str(tmp_path / "cache-dask"),
                   "--scheduler", "local", "--workers", str(WORKERS), "--quiet"])

    assert rc == 0, capsys.readouterr().err
    assert "2 parsed, 0 from cache" in capsys.readouterr().out
    assert local.counts["messages"] == 275
    for name in (*TABLES, *RESULTS):  # every column: msg_key hashes the same source paths and locations
        assert_frame_equal(pl.read_parquet(tmp_path / "local" / f"{name}.parquet"),
                           pl.read_parquet(tmp_path / "dask" / f"{name}.parquet"))
    assert not list((tmp_path / "cache-dask").glob("*/parts-*")), "part folders are removed after the run"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("address, says", [
    (f"tcp://127.0.0.1:{_closed_port()}", "cannot reach the Dask scheduler at"),
    ("nonsense::::", "is not a Dask scheduler address"),
    ("tcp://127.0.0.1", "is not a Dask scheduler address"),
])
def test_a_scheduler_that_cannot_be_used_is_one_line(corpus, tmp_path, monkeypatch, capsys, address, says):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", SHORT_TIMEOUT_S)
    started = time.monotonic()
    rc = cli.main(["ingest", str(corpus), "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"),
                   "--scheduler", address, "--quiet"])
    err = capsys.readouterr().err
    assert rc == 2
    assert err.count("\n") == 1 and err.startswith("backscatter: error: ") and says in err
    assert time.monotonic() - started < 15 * SHORT_TIMEOUT_S
    assert not (tmp_path / "out" / "messages.parquet").exists()


def test_nothing_to_parse_needs_no_cluster(corpus, tmp_path, monkeypatch):
    ingest([corpus], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False)
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", SHORT_TIMEOUT_S)
    again = ingest([corpus], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False,
                   scheduler=f"tcp://127.0.0.1:{_closed_port()}")
    assert len(again.cached) == 2 and not again.parsed


@pytest.mark.parametrize("problem, says", [
    ("none", None),
    ("other code", "runs other toolkit code"),
    ("no part folder", "cannot write the part folder"),
    ("no source", "cannot read"),
])
def test_the_probe_names_what_a_worker_lacks(tmp_path, problem, says):
    part_dir, source = tmp_path / "parts", tmp_path / "inbox.mbox"
    part_dir.mkdir()
    source.write_text("")
    version = "other" if problem == "other code" else EXTRACTION_VERSION
    parts = [str(tmp_path / "elsewhere")] if problem == "no part folder" else [str(part_dir)]
    sources = [str(tmp_path / "gone.mbox")] if problem == "no source" else [str(source)]
    answer = cluster.probe(version, parts, sources)
    assert answer is None if says is None else says in answer


def test_a_task_on_a_worker_with_other_code_is_refused(corpus, tmp_path):
    task = _jobs(corpus, tmp_path)[0][0]
    with pytest.raises(ToolkitError, match="a Dask worker runs other toolkit code"):
        cluster.run_checked("other", task, str(tmp_path))
    assert not list(tmp_path.glob("*.parquet"))
    _, parts = cluster.run_checked(EXTRACTION_VERSION, task, str(tmp_path))
    assert pl.read_parquet(parts["messages"]).height > 0


def _jobs(corpus: Path, part_dir: Path) -> list[tuple]:
    sources, _ = detect([corpus], progress=False)
    return [(task, str(part_dir)) for source in sources for task in source.tasks()]


def test_workers_that_cannot_see_the_part_folder_are_refused_before_any_task(client, corpus, tmp_path):
    with pytest.raises(ToolkitError, match="cannot write the part folder .*the workers share"):
        cluster.check_workers(client, _jobs(corpus, tmp_path / "not-on-the-workers"))


def test_parts_this_machine_cannot_see_are_one_line(tmp_path):
    with pytest.raises(ToolkitError, match="cannot see it: --cache-dir must be on a filesystem the workers share"):
        cluster._check_parts({"messages": str(tmp_path / "000000.messages.parquet")})


def test_a_failing_task_stops_the_run(client, corpus, tmp_path, small_tasks):
    parts = tmp_path / "parts"
    parts.mkdir()
    jobs = _jobs(corpus, parts)
    jobs[0] = (jobs[0][0], str(tmp_path / "missing"))  # its parts cannot be written: the task fails
    with pytest.raises(Exception) as failed:
        for _ in cluster._submit_all(client, jobs):
            pass
    assert not isinstance(failed.value, ToolkitError)  # the worker's own error, as the local pool gives it
    deadline = time.monotonic() + 10
    while _scheduler_tasks(client) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _scheduler_tasks(client) == 0
    ran = len(list(parts.glob("*.messages.parquet")))
    assert ran < len(jobs) - 1, "the tasks queued behind the failed one were cancelled, not run"


def _scheduler_tasks(client) -> int:
    return client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
