"""Ingest's parse stage on a Dask distributed cluster (``backscatter ingest --scheduler ADDRESS``).

The cluster runs the very tasks the local process pool runs (``ingest.run_task``: a byte range of an
mbox, a slice of a folder's files); each writes its Parquet parts into the run's part folder and returns
their paths, and this process stitches them into the cache as before. So every worker must see the same
files at the same paths as this process: the sources (read) and the cache folder (written) on a shared
filesystem, and it must run the same toolkit code. Both are checked before the first task is sent (a
probe on every worker) and the parts again as each task returns: a mismatch is one clear ToolkitError.

``--scheduler local`` starts a small LocalCluster on this machine (to try it out; the tests use it).

Dask runs a task in a worker thread, where the per-message CPU-time budget (a SIGPROF timer, which
only a process's main thread can arm) is not set: on a cluster a hostile message that is slow to
analyse is not cut off after config.ANALYSIS_TIME_BUDGET_S, it holds its worker thread until done.
"""
from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .errors import ToolkitError
from .sources import Task, imap

if TYPE_CHECKING:
    from distributed import Client

LOCAL = "local"  # --scheduler local: a LocalCluster on this machine
LOCAL_WORKERS = 2  # its worker processes when --workers is not given (one thread each)
CONNECT_TIMEOUT_S = 10.0  # to reach a scheduler
WORKERS_TIMEOUT_S = 30.0  # for a reached scheduler to have at least one worker
CLOSE_TIMEOUT_S = 10.0
QUIET_LOGS = logging.CRITICAL  # a LocalCluster's own logs: a task's error is raised here, not printed twice

Job = tuple[Task, str]  # a task and the part folder it writes into


def _distributed():
    """Dask's distributed scheduler, imported only when a run asks for it (it is slow to import)."""
    try:
        import distributed
    except ImportError as exc:  # a core dependency, but an environment may lack it
        raise ToolkitError(f"--scheduler needs the 'distributed' package ({exc}): pip install distributed") from exc
    return distributed


def run_on_cluster(jobs: list[Job], scheduler: str, workers: int | None) -> Iterator[tuple[Task, dict[str, str]]]:
    """``ingest.run_task`` of every job on the cluster at ``scheduler``; yields ``(task, parts)`` as they finish.

    On any error, Ctrl-C or an abandoned iteration the tasks not yet finished are cancelled and a
    LocalCluster started here is closed.
    """
    with connect(scheduler, workers) as client:
        check_workers(client, jobs)
        yield from _submit_all(client, jobs)


@contextlib.contextmanager
def connect(scheduler: str, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler`` (``tcp://host:8786``), or of a LocalCluster
    started here for ``local`` (``workers`` processes of one thread); closed on leaving."""
    distributed = _distributed()
    cluster = None
    try:
        if scheduler == LOCAL:
            cluster = distributed.LocalCluster(n_workers=workers or LOCAL_WORKERS, threads_per_worker=1,
                                               processes=True, dashboard_address=None, silence_logs=QUIET_LOGS)
            client = distributed.Client(cluster, set_as_default=False)
        else:
            client = _reach(distributed, scheduler)
        try:
            _wait_for_workers(client, scheduler)
            yield client
        finally:
            _close(client)
    finally:
        if cluster is not None:
            _close(cluster)


def _close(thing) -> None:
    """Best effort: a close that times out must not hide the error or Ctrl-C that ended the run."""
    with contextlib.suppress(OSError):  # TimeoutError included
        thing.close(timeout=CLOSE_TIMEOUT_S)


def _reach(distributed, scheduler: str) -> Client:
    try:  # checked first: a Client made from a malformed address hangs for 20 s when it is collected
        distributed.comm.get_address_host_port(scheduler)
    except ValueError as exc:
        raise ToolkitError(f"--scheduler {scheduler!r} is not a Dask scheduler address ({_first_line(exc)}): "
                           f"give tcp://HOST:8786 or {LOCAL}") from exc
    try:
        return distributed.Client(scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ToolkitError(f"cannot reach the Dask scheduler at {scheduler!r} within {CONNECT_TIMEOUT_S:g} s "
                           f"({_first_line(exc)}); start one with `dask scheduler` (then `dask worker "
                           f"tcp://HOST:8786` on each machine), or use --scheduler local") from exc


def _wait_for_workers(client: Client, scheduler: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
    except (TimeoutError, OSError) as exc:
        raise ToolkitError(f"the Dask scheduler at {scheduler!r} has no workers after {WORKERS_TIMEOUT_S:g} s: "
                           f"start some with `dask worker {client.scheduler.address}`") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def check_workers(client: Client, jobs: list[Job]) -> None:
    """Every worker runs this toolkit's code and sees the part folders and the sources, else ToolkitError."""
    from .ingest import EXTRACTION_VERSION

    part_dirs = sorted({part_dir for _, part_dir in jobs})
    sources = sorted({str(_read_path(task)) for task, _ in jobs})
    try:
        answers = client.run(probe, EXTRACTION_VERSION, part_dirs, sources)
    except Exception as exc:  # e.g. the toolkit is not importable there: the probe cannot even be unpickled
        raise ToolkitError(f"the Dask workers cannot run the toolkit ({type(exc).__name__}: {_first_line(exc)}); "
                           "install the same backscatter-toolkit version on every worker") from exc
    for worker, problem in sorted(answers.items()):
        if problem:
            raise ToolkitError(f"Dask worker {worker} {problem}")


def _read_path(task: Task) -> Path:
    """What a task reads: the mailbox, or for an IMAP folder its mirror on disk."""
    return imap.mirror_dir(task.source) if task.format == imap.FORMAT else Path(task.source)


def probe(version: str, part_dirs: list[str], sources: list[str]) -> str | None:
    """Run on each worker: what keeps it from doing this run's tasks, or None."""
    if problem := _other_code(version):
        return problem
    for folder in part_dirs:
        if not os.access(folder, os.W_OK | os.X_OK):
            return (f"cannot write the part folder {folder}: --cache-dir must be on a filesystem the workers "
                    "share, at the same path")
    for source in sources:
        if not os.access(source, os.R_OK):
            return f"cannot read {source}: the mailboxes must be readable on the workers at the same paths"
    return None


def _other_code(version: str) -> str | None:
    from .ingest import EXTRACTION_VERSION

    if EXTRACTION_VERSION == version:
        return None
    return (f"runs other toolkit code (extraction version {EXTRACTION_VERSION}, here {version}): "
            "install the same backscatter-toolkit version on every worker")


def run_checked(version: str, task: Task, part_dir: str) -> tuple[Task, dict[str, str]]:
    """``ingest.run_task`` on a worker, refused there when the worker's code is not the client's
    (``version``): a worker that joined after the probe is checked too."""
    from .ingest import run_task

    if problem := _other_code(version):
        raise ToolkitError(f"a Dask worker {problem}")
    return run_task(task, part_dir)


def _submit_all(client: Client, jobs: list[Job]) -> Iterator[tuple[Task, dict[str, str]]]:
    from .ingest import EXTRACTION_VERSION

    distributed = _distributed()
    futures = [client.submit(run_checked, EXTRACTION_VERSION, task, part_dir, pure=False) for task, part_dir in jobs]
    try:
        for future in distributed.as_completed(futures, loop=client.loop):  # the client is not the default
            task, parts = future.result()
            _check_parts(parts)
            yield task, parts
    except BaseException:  # Ctrl-C, SIGTERM, a task's error, an abandoned iteration: stop the rest
        client.cancel(futures)
        raise


def _check_parts(parts: dict[str, str]) -> None:
    """A worker's parts must be where this process reads them (a worker added after the probe too)."""
    missing = [path for path in parts.values() if not os.path.exists(path)]
    if missing:
        raise ToolkitError(f"a Dask worker wrote {missing[0]} but this machine cannot see it: --cache-dir must be "
                           "on a filesystem the workers share, at the same path")
