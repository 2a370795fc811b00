"""Mailboxes in, parquet tables out: the pipeline behind ``backscatter ingest``.

Each source is cut into tasks (byte ranges of an mbox, slices of a folder's
files) that a process pool (or a Dask cluster, see cluster.py) parses in
parallel; results are written per task, stitched per source in order, and
cached under a key of the files' paths, sizes and mtimes, so unchanged sources
are not parsed again. Every message yields its `messages` row, whatever
happens to the other extractors.

Runs may share a cache: each run parses into its own part folder, and a source's
cache entry (named by its fingerprint and the extraction version) is published by
one rename, first run wins, never changed afterwards. The output folder is locked
while a run works and its tables are published together (see store.py); the pool's
workers end when the run's process ends, however it ends.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import polars as pl
from tqdm.auto import tqdm

from . import __version__, campaigns, cluster, config, geo, handover, messages, notices, results, timing, verdict
from .lifeline import die_with_parent
from .messages import Parsed
from .schemas import MESSAGES, ORIGINALS, RESULTS, TABLES
from .sources import RawMessage, Source, Task, detect, read_task
from .store import copy_atomic, locked, publishing, write_atomic, write_text_atomic

# Cache entries of a source other than the one in use, and part folders of runs that were killed,
# are removed once this old (a concurrent run may still be reading an entry it resolved).
CACHE_GRACE_SECONDS = 3600



def _extraction_version() -> str:
    """The tables' schemas and the toolkit's own code: a cache made by other rules is never reused."""
    digest = hashlib.blake2b(repr([(t.name, list(t.schema.items())) for t in TABLES.values()]).encode(),
                             digest_size=8)
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return "4-" + digest.hexdigest()


EXTRACTION_VERSION = _extraction_version()

# Table name -> rows of one parsed (and analysed) message. `messages` comes last and always yields its row.
EXTRACTORS: dict[str, Callable[[Parsed], list[dict]]] = {
    "deliveries": lambda p: notices.delivery_rows(p, p.notice),
    "originals": lambda p: [p.notice.original] if p.notice.original else [],
    "hops": lambda p: notices.hop_rows(p, p.notice),
    "messages": lambda p: [messages.row(p)],
}


@dataclass
class IngestReport:
    out: Path
    sources: list[Source]
    parsed: list[Source] = field(default_factory=list)
    cached: list[Source] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what could not be read, one line each (raw text)
    counts: dict[str, int] = field(default_factory=dict)
    parse_errors: int = 0
    geo: geo.GeoDB | None = None

    def summary(self) -> str:
        lines = [f"{self.counts.get('messages', 0)} messages from {len(self.sources)} source(s) "
                 f"({len(self.parsed)} parsed, {len(self.cached)} from cache), "
                 f"{self.parse_errors} parse error(s) -> {self.out}"]
        if self.geo is not None:
            lines.append(self.geo.describe())
            lines += [f"warning: {w}" for w in self.geo.warnings if self.geo.kind != "none"]
        return "\n".join(lines)


class AnalysisTimeout(BaseException):
    """One message's analysis ran over its time budget (a BaseException: the extractors' own
    ``except Exception`` must not swallow it)."""


TIME_LIMIT_ERROR = "analysis time limit"


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    """Raise AnalysisTimeout in the block once it has used ``seconds`` of CPU time.

    A POSIX CPU-time timer (SIGPROF): a regex search is interrupted too (the engine checks for
    signals), and a loaded machine does not trip it. Signals work only in a process's main thread,
    as ingest's (workers=1) and the pool workers' tasks are; elsewhere, or without setitimer, the
    block runs unbounded. The previous handler is restored and a signal arriving after the block
    ended is ignored, so nothing is left armed for the next message.
    """
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = True

    def on_timer(signum, frame):
        if armed:
            raise AnalysisTimeout

    previous = signal.signal(signal.SIGPROF, on_timer)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        try:
            armed = False
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)


def _budget(budget: float | None) -> float:
    return config.ANALYSIS_TIME_BUDGET_S if budget is None else budget


def _extract(p: Parsed, budget: float | None = None) -> dict[str, list[dict]]:
    """Every table's rows of one parsed message, within ``budget`` CPU seconds (default
    config.ANALYSIS_TIME_BUDGET_S; 0 for none)."""
    try:
        with _time_limit(_budget(budget)):
            return _extract_rows(p)
    except AnalysisTimeout:
        return _timed_out(p, budget)


def extract_raw(raw: RawMessage, source: str, source_format: str,
                budget: float | None = None) -> dict[str, list[dict]]:
    """Parse and analyse one stored message within one budget: the e-mail parser is in it too, as some
    hostile shapes (thousands of blank lines in a delivery-status part) are slow to parse."""
    p = Parsed(messages.message_key(source, raw.location), source, source_format, raw, None,
               defects=list(raw.defects))
    try:
        with _time_limit(_budget(budget)):
            with timing.stage("parse"):
                p = messages.parse(raw, source, source_format)
            return _extract_rows(p)
    except AnalysisTimeout:
        return _timed_out(p, budget)


def _timed_out(p: Parsed, budget: float | None) -> dict[str, list[dict]]:
    """A message over the budget: its `messages` row (its headers if they can be read in a second
    budget, no kind) with parse_error "analysis time limit"; no other rows."""
    p.notice, p.parse_error = None, TIME_LIMIT_ERROR
    try:
        with _time_limit(_budget(budget)):
            row = messages.row(p)
    except (AnalysisTimeout, Exception):  # even its headers are too much: the row without them
        p.msg = None
        row = messages.row(p)
    row["kind"] = None
    return {name: [] for name in EXTRACTORS if name != "messages"} | {"messages": [row]}


def _extract_rows(p: Parsed) -> dict[str, list[dict]]:
    try:
        p.notice = notices.analyse(p)
    except Exception:  # a notice we cannot read is still a message: it keeps its row, marked
        p.defects.append("NoticeError")
        p.notice = notices.Notice()
    out: dict[str, list[dict]] = {}
    for name, extractor in EXTRACTORS.items():
        try:
            with timing.stage(f"rows:{name}"):
                out[name] = extractor(p)
        except Exception as exc:  # one bad message must not stop the run, nor lose its row
            if name == "messages":
                p.msg = None
                p.parse_error = p.parse_error or f"{type(exc).__name__} while reading headers: {exc}"
                out[name] = [messages.row(p)]
            else:
                p.defects.append(f"ExtractorError:{name}")
                out[name] = []
    return out


def run_task(task: Task, part_dir: str) -> tuple[Task, dict[str, str]]:
    """Parse one task and write its rows per table; returns the part files' paths."""
    rows: dict[str, list[dict]] = {name: [] for name in EXTRACTORS}
    warnings: list[str] = []
    messages_in = iter(read_task(task, warnings))
    while True:
        with timing.stage("read"):
            raw = next(messages_in, None)
        if raw is None:
            break
        for name, table_rows in extract_raw(raw, task.source, task.format).items():
            rows[name] += table_rows
    parts = {}
    with timing.stage("write parts"):
        for name, table_rows in rows.items():
            path = Path(part_dir) / f"{task.index:06d}.{name}.parquet"
            TABLES[name].frame(table_rows).write_parquet(path)
            parts[name] = str(path)
    if warnings:  # the reader's warnings wait beside the parts until the source is stitched
        (Path(part_dir) / f"{task.index:06d}.warnings.json").write_text(json.dumps(warnings))
    timing.dump_part(Path(part_dir) / f"{task.index:06d}.timing.json")
    return task, parts


def _task_warnings(part_dir: str) -> list[str]:
    return [w for path in sorted(Path(part_dir).glob("*.warnings.json")) for w in json.loads(path.read_text())]


def _entry_warnings(entry: Path) -> list[str]:
    """What the readers could not read when the entry was made (said again when it is reused)."""
    try:
        return json.loads((entry / "meta.json").read_text()).get("warnings", [])
    except (OSError, ValueError):
        return []


def _cache_dir(cache_root: Path, source: Source) -> Path:
    return cache_root / source.key


def _entry_dir(cache_root: Path, source: Source, fingerprint: str) -> Path:
    """The cache entry of one state of a source: immutable once published."""
    name = hashlib.blake2b(f"{fingerprint}|{EXTRACTION_VERSION}".encode(), digest_size=10).hexdigest()
    return _cache_dir(cache_root, source) / name


def _is_cached(cache_root: Path, source: Source, fingerprint: str) -> bool:
    folder = _entry_dir(cache_root, source, fingerprint)
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except (OSError, ValueError):
        return False
    fresh = (meta.get("fingerprint") == fingerprint and meta.get("version") == EXTRACTION_VERSION
             and all((folder / f"{name}.parquet").exists() for name in EXTRACTORS))
    if fresh:
        os.utime(folder)  # in use: not collected for another CACHE_GRACE_SECONDS
    return fresh


def _collect_cache(cache_root: Path, source: Source, keep: Path) -> None:
    """Remove this source's other entries, older part folders and an older layout's files, once stale."""
    now = time.time()
    for path in _cache_dir(cache_root, source).iterdir():
        if path == keep:
            continue
        try:
            stale = now - path.lstat().st_mtime > CACHE_GRACE_SECONDS
        except FileNotFoundError:
            continue
        if path.is_dir() and stale:
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file() and path.suffix in (".parquet", ".json"):  # pre-entry layout
            path.unlink(missing_ok=True)


def _worker_init(parent: int) -> None:
    die_with_parent(parent)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool now: queued tasks cancelled, running workers terminated (not waited for)."""
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()


def _run_all(jobs: list[tuple[Task, str]], workers: int, progress: bool,
             scheduler: str | None = None) -> Iterable[tuple[Task, dict[str, str]]]:
    """Every job's ``(task, parts)`` as it finishes: in this process, a process pool, or on the Dask
    cluster at ``scheduler`` (see cluster.py; not started when there is nothing to parse)."""
    total = sum(task.weight for task, _ in jobs)
    with tqdm(total=total, unit="B", unit_scale=True, desc="ingest", disable=not progress,
              file=sys.stderr) as bar:
        if scheduler is not None:
            if jobs:
                for result in cluster.run_on_cluster(jobs, scheduler, workers):
                    bar.update(result[0].weight)
                    yield result
            return
        if workers <= 1 or len(jobs) <= 1:
            for task, part_dir in jobs:
                result = run_task(task, part_dir)
                bar.update(task.weight)
                yield result
            return
        context = multiprocessing.get_context("spawn")  # fork and Polars' thread pool do not mix
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init,
                                   initargs=(os.getpid(),))
        try:
            futures = [pool.submit(run_task, task, part_dir) for task, part_dir in jobs]
            for future in as_completed(futures):
                result = future.result()
                bar.update(result[0].weight)
                yield result
        except BaseException:  # Ctrl-C, SIGTERM, a worker's error: do not wait for the rest
            _stop(pool)
            raise
        pool.shutdown()


def _stitch(source: Source, entry: Path, parts: dict[str, list[tuple[int, str]]], fingerprint: str,
            warnings: list[str] = ()) -> int:
    """Join a source's task outputs in order into its cache entry, published by one rename; returns its count.

    When another run published the same entry first, that one is kept (it holds the same rows).
    """
    stage = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", suffix=".tmp", dir=entry.parent))
    try:
        for name, table in TABLES.items():
            files = [path for _, path in sorted(parts[name])]
            lazy = pl.scan_parquet(files)
            if name == "messages":
                lazy = lazy.drop("position").with_row_index("position").with_columns(
                    pl.col("position").cast(pl.UInt32))
            write_atomic(lazy.select(table.schema.names()), stage / f"{name}.parquet")
        count = pl.scan_parquet(stage / "messages.parquet").select(pl.len()).collect().item()
        meta = {"source": str(source.path), "format": source.format, "fingerprint": fingerprint,
                "version": EXTRACTION_VERSION, "messages": count, "warnings": list(warnings)}
        (stage / "meta.json").write_text(json.dumps(meta, indent=1))
        os.chmod(stage, 0o755 & ~_umask())
        try:
            os.rename(stage, entry)
        except OSError:  # published meanwhile by a concurrent run
            if not (entry / "meta.json").exists():
                raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return count


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# The columns of `messages` the corpus steps fill in. The bouncer search and the verdict stream the few
# columns they read from the parsed rows (a scan) and read them a slice at a time; what the spam runs and the
# result tables need (AFTER_VERDICT) is then held, and ORIGINALS_READ of `originals`: the raw headers, names,
# addresses, subjects and Received lines stay on disk, not in memory.
FILLED = ("bouncer_ip", "bouncer_host", "bouncer_domain", "bouncer_software", *verdict.VERDICT_COLUMNS, "campaign_id")
CORPUS_COLUMNS = tuple(name for name in MESSAGES.schema.names()
                       if name in {*handover.MESSAGE_COLUMNS, *verdict.MESSAGE_COLUMNS, *campaigns.MESSAGE_COLUMNS,
                                   *results.MESSAGE_COLUMNS, *FILLED})
BOUNCER_COLUMNS = ("bouncer_ip", "bouncer_host", "bouncer_domain")  # identify's, put in place by _judge
AFTER_VERDICT = tuple(name for name in CORPUS_COLUMNS
                      if name in {"msg_key", *campaigns.MESSAGE_COLUMNS, *results.MESSAGE_COLUMNS, *FILLED})
# What the result tables read of `originals`, once the spam runs (which stream what they read) are found.
ORIGINALS_READ = tuple(name for name in ORIGINALS.schema.names()
                       if name in {*campaigns.TABLE_ORIGINAL_COLUMNS, *results.ORIGINAL_COLUMNS})


def _judge(messages: pl.LazyFrame, out: Path, owner: verdict.Owner) -> tuple[pl.DataFrame, list[str], list[str]]:
    """Who bounced each notification, then the verdict: both need the whole corpus (``out``: the run folder).
    ``messages``: the parsed rows (a scan), streamed and read in slices, never held whole. The answer:
    AFTER_VERDICT of every message in their order, bouncer and verdict filled in; and the owner's
    addresses and domains (given or inferred)."""
    senders = messages.select(handover.MESSAGE_COLUMNS).collect()
    found = handover.identify(senders, pl.scan_parquet(out / "hops.parquet"), owner.mx + owner.relays)
    # put in place, not joined: a join would copy every other column of every message
    placed = senders.select("msg_key").join(found, on="msg_key", how="left", maintain_order="left")
    del senders, found
    deliveries = pl.scan_parquet(out / "deliveries.parquet").select("msg_key", "recipient").collect()
    originals = pl.scan_parquet(out / "originals.parquet")  # read by the verdict, its Received lines a slice at a time
    decided = verdict.verdicts(messages, deliveries, originals, owner)
    del deliveries, originals
    addresses, domains = verdict.owner_identity(
        pl.concat([messages.select("from_addr", "delivered_to", "to_addrs"), decided.select("mailbox_role").lazy()],
                  how="horizontal"), owner)
    kept = [name for name in AFTER_VERDICT if name not in {*verdict.VERDICT_COLUMNS, *BOUNCER_COLUMNS}]
    schema = MESSAGES.schema
    judged = messages.select(kept).collect().with_columns(
        *(placed.get_column(name).cast(schema[name]) for name in BOUNCER_COLUMNS),
        *(decided.get_column(name).cast(schema[name]) for name in verdict.VERDICT_COLUMNS))
    judged = judged.with_columns(bouncer_software=pl.coalesce("bouncer_software", placed.get_column("received_software"))
                                 .cast(schema["bouncer_software"]))
    return judged.select(AFTER_VERDICT), addresses, domains


def _write_table(combined: pl.LazyFrame, parts: list[Path], path: Path) -> None:
    """A table the corpus steps do not change: one source's cache file is that table already (written
    with the same schema and row groups by _stitch) and is copied, not decoded and encoded again;
    several sources' are streamed into one."""
    if len(parts) == 1:
        copy_atomic(parts[0], path)
    else:
        write_atomic(combined, path)


def _write_messages(parsed: pl.LazyFrame, judged: pl.DataFrame, path: Path) -> None:
    """The `messages` table: the parsed rows streamed from the cache with the FILLED columns of
    ``judged`` put beside them, never the whole table in memory. ``judged`` holds one row per parsed
    row in the same order (the corpus steps keep it): side by side, not joined, as a join on msg_key
    builds a table of one side (the wide parsed rows, 150 MB at 200,000 messages)."""
    filled = judged.select(FILLED).lazy()
    write_atomic(pl.concat([parsed.drop(FILLED), filled], how="horizontal")
                 .select([pl.col(name).cast(dtype) for name, dtype in MESSAGES.schema.items()]), path)


def ingest(paths: list[str | Path], out: str | Path, *, cache_dir: str | Path | None = None,
           workers: int | None = None, progress: bool = True, use_cache: bool = True,
           owner: verdict.Owner | None = None, geoip_dir: str | Path | None = None,
           dns: bool = False, scheduler: str | None = None) -> IngestReport:
    """Read every message under ``paths`` (and the owner's Sent folders) into ``out/<table>.parquet``.

    ``scheduler``: parse on a Dask cluster (``tcp://host:8786``, or ``local`` for a LocalCluster of
    ``workers`` processes) instead of a local process pool; see cluster.py for what it needs."""
    owner = owner or verdict.Owner()
    detect_warnings: list[str] = []
    sources, skipped = detect([*paths, *owner.sent_sources], detect_warnings, progress=progress)
    out = Path(out)
    cache_root = Path(cache_dir) if cache_dir else config.CACHE_DIR
    workers = workers or min(os.cpu_count() or 1, 4)
    report = IngestReport(out=out, sources=sources, skipped=skipped, warnings=detect_warnings)
    with locked(out):
        started = time.perf_counter()
        entries = _parse(sources, cache_root, workers, progress, use_cache, report, scheduler)
        timing.add("parse sources, wall clock", time.perf_counter() - started)
        geodb = geo.open_geo(geoip_dir)
        key = _run_key(sources, entries, skipped, owner, geodb, report.warnings)
        if dns or not use_cache or not _reuse(out, key, report, geodb):  # live DNS answers change: never reused
            with publishing(out) as stage:
                _write(stage, sources, entries, skipped, owner, geodb, dns, report, key)
    timing.write_report()
    return report


def _run_key(sources: list[Source], entries: dict[Source, Path], skipped: list[Path], owner: verdict.Owner,
             geodb: geo.GeoDB, warnings: list[str]) -> str:
    """Everything the published tables and manifest are made from: the sources' cache entries (each
    named by its files' state and the extraction version), what was skipped or warned about, the
    owner's options and the GeoIP files' state."""
    databases = []
    for path in (geodb.city_or_country, geodb.asn):
        try:
            databases.append((str(path), path.stat().st_mtime_ns, path.stat().st_size) if path else None)
        except OSError:
            databases.append((str(path), None, None))
    made_from = [__version__, EXTRACTION_VERSION, [str(entries[s]) for s in sources], [str(p) for p in skipped],
                 list(warnings), repr(owner), geodb.kind, str(geodb.location), databases]
    return hashlib.blake2b(json.dumps(made_from, default=str).encode(), digest_size=16).hexdigest()


def _reuse(out: Path, key: str, report: IngestReport, geodb: geo.GeoDB) -> bool:
    """When the published tables were made from exactly this (same key, every table there): keep them.

    Re-running ingest on unchanged mailboxes then costs the detection and the cache look-ups only,
    not the corpus-wide steps (bouncers, verdict, spam runs, results) again.
    """
    try:
        manifest = json.loads((out / "manifest.json").read_text())
    except (OSError, ValueError):
        return False
    if manifest.get("run_key") != key or not all((out / f"{n}.parquet").exists() for n in (*TABLES, *RESULTS)):
        return False
    report.counts = dict(manifest.get("counts", {}))
    report.parse_errors = manifest.get("parse_errors", 0)
    report.geo = geodb
    return True


def _parse(sources: list[Source], cache_root: Path, workers: int, progress: bool, use_cache: bool,
           report: IngestReport, scheduler: str | None = None) -> dict[Source, Path]:
    """Every source's cache entry, parsing those not cached; each run parses into its own part folders."""
    fingerprints = {s: s.fingerprint() for s in sources}
    entries = {s: _entry_dir(cache_root, s, fingerprints[s]) for s in sources}
    jobs: list[tuple[Task, str]] = []
    part_dirs = {}
    for source in sources:
        if use_cache and _is_cached(cache_root, source, fingerprints[source]):
            report.cached.append(source)
            continue
        report.parsed.append(source)
        _cache_dir(cache_root, source).mkdir(parents=True, exist_ok=True)
        part_dir = tempfile.mkdtemp(prefix=f"parts-{os.getpid()}-", dir=_cache_dir(cache_root, source))
        part_dirs[source] = part_dir
        jobs += [(task, part_dir) for task in source.tasks()]
    try:
        parts: dict[str, dict[str, list[tuple[int, str]]]] = {
            str(s.path): {name: [] for name in TABLES} for s in report.parsed}
        for task, written in _run_all(jobs, workers, progress, scheduler):
            for name, path in written.items():
                parts[task.source][name].append((task.index, path))
        for part_dir in part_dirs.values():
            timing.merge_parts(Path(part_dir))
        with timing.stage("stitch"):
            for source in report.parsed:
                _stitch(source, entries[source], parts[str(source.path)], fingerprints[source],
                        _task_warnings(part_dirs[source]))
    finally:
        for part_dir in part_dirs.values():
            shutil.rmtree(part_dir, ignore_errors=True)
    for source in sources:
        _collect_cache(cache_root, source, entries[source])
        report.warnings += _entry_warnings(entries[source])
    return entries


def _write(stage: Path, sources: list[Source], entries: dict[Source, Path], skipped: list[Path],
           owner: verdict.Owner, geodb: geo.GeoDB, dns: bool, report: IngestReport, run_key: str | None = None) -> None:
    """Every table and the manifest into ``stage``, the run folder that store.publishing switches to."""
    combined = {}
    for name in TABLES:
        frames = [pl.scan_parquet(entries[s] / f"{name}.parquet") for s in sources]
        combined[name] = pl.concat(frames, how="vertical") if frames else TABLES[name].empty().lazy()
    with timing.stage("write tables"):
        for name in ("deliveries", "originals", "hops"):
            _write_table(combined[name], [entries[s] / f"{name}.parquet" for s in sources], stage / f"{name}.parquet")
    with timing.stage("corpus: bouncers and verdict"):
        judged, addresses, domains = _judge(combined["messages"], stage, owner)
    with timing.stage("corpus: spam runs"):
        runs = campaigns.runs(judged, pl.scan_parquet(stage / "originals.parquet"))
        judged = (judged.drop("campaign_id").join(runs.assigned, on="msg_key", how="left", maintain_order="left")
                  .select(judged.columns))
    with timing.stage("write tables"):
        _write_messages(combined["messages"], judged, stage / "messages.parquet")
    with timing.stage("corpus: zombies, bouncers, campaigns"):
        originals = pl.scan_parquet(stage / "originals.parquet").select(ORIGINALS_READ).collect()
        zombies = results.zombies(judged, originals, geodb)
        write_atomic(zombies, stage / "zombies.parquet")
        write_atomic(results.bouncers(judged, originals, geodb, dns=dns), stage / "bouncers.parquet")
        write_atomic(campaigns.table(judged, originals, zombies, runs), stage / "campaigns.parquet")
    for name in (*TABLES, *RESULTS):
        report.counts[name] = pl.scan_parquet(stage / f"{name}.parquet").select(pl.len()).collect().item()
    report.geo = geodb
    report.parse_errors = (pl.scan_parquet(stage / "messages.parquet")
                           .filter(pl.col("parse_error").is_not_null()).select(pl.len()).collect().item())
    manifest = {
        "toolkit_version": __version__,
        "run_key": None if dns else run_key,  # what the tables were made from (see _run_key)
        "owner": {"addresses": addresses, "domains": domains},
        "sources": [{"path": str(s.path), "format": s.format} for s in sources],
        "skipped": [str(p) for p in skipped],
        "warnings": report.warnings,
        "counts": report.counts,
        "parse_errors": report.parse_errors,
        "geoip": {"kind": geodb.kind, "location": str(geodb.location) if geodb.location else None,
                  "database": geodb.city_or_country.name if geodb.city_or_country else None,
                  "asn_database": geodb.asn.name if geodb.asn else None,
                  "built": geodb.built.isoformat() if geodb.built else None,
                  "attribution": geodb.attribution, "warnings": geodb.warnings},
    }
    write_text_atomic(json.dumps(manifest, indent=1), stage / "manifest.json")
