"""Mailboxes in, parquet tables out: the pipeline behind ``backscatter ingest``.

Each source is cut into tasks (byte ranges of an mbox, slices of a folder's
files) that a process pool parses in parallel; results are written per task,
stitched per source in order, and cached under a key of the files' paths,
sizes and mtimes, so unchanged sources are not parsed again. Every message
yields its `messages` row, whatever happens to the other extractors.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import polars as pl
from tqdm.auto import tqdm

from . import __version__, campaigns, config, geo, handover, messages, notices, results, verdict
from .messages import Parsed
from .schemas import RESULTS, TABLES
from .sources import Source, Task, detect, read_task
from .store import write_atomic, write_text_atomic



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


def _extract(p: Parsed) -> dict[str, list[dict]]:
    try:
        p.notice = notices.analyse(p)
    except Exception:  # a notice we cannot read is still a message: it keeps its row, marked
        p.defects.append("NoticeError")
        p.notice = notices.Notice()
    out: dict[str, list[dict]] = {}
    for name, extractor in EXTRACTORS.items():
        try:
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
    for raw in read_task(task):
        parsed = messages.parse(raw, task.source, task.format)
        for name, table_rows in _extract(parsed).items():
            rows[name] += table_rows
    parts = {}
    for name, table_rows in rows.items():
        path = Path(part_dir) / f"{task.index:06d}.{name}.parquet"
        TABLES[name].frame(table_rows).write_parquet(path)
        parts[name] = str(path)
    return task, parts


def _cache_dir(cache_root: Path, source: Source) -> Path:
    return cache_root / source.key


def _is_cached(cache_root: Path, source: Source, fingerprint: str) -> bool:
    folder = _cache_dir(cache_root, source)
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except (OSError, ValueError):
        return False
    return (meta.get("fingerprint") == fingerprint and meta.get("version") == EXTRACTION_VERSION
            and all((folder / f"{name}.parquet").exists() for name in EXTRACTORS))


def _run_all(jobs: list[tuple[Task, str]], workers: int, progress: bool) -> Iterable[tuple[Task, dict[str, str]]]:
    total = sum(task.weight for task, _ in jobs)
    with tqdm(total=total, unit="B", unit_scale=True, desc="ingest", disable=not progress,
              file=sys.stderr) as bar:
        if workers <= 1 or len(jobs) <= 1:
            for task, part_dir in jobs:
                result = run_task(task, part_dir)
                bar.update(task.weight)
                yield result
            return
        context = multiprocessing.get_context("spawn")  # fork and Polars' thread pool do not mix
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(run_task, task, part_dir) for task, part_dir in jobs]
            for future in as_completed(futures):
                result = future.result()
                bar.update(result[0].weight)
                yield result


def _stitch(source: Source, folder: Path, parts: dict[str, list[tuple[int, str]]], fingerprint: str) -> int:
    """Join a source's task outputs in order into its cached tables; returns its message count."""
    for name, table in TABLES.items():
        files = [path for _, path in sorted(parts[name])]
        lazy = pl.scan_parquet(files)
        if name == "messages":
            lazy = lazy.drop("position").with_row_index("position").with_columns(pl.col("position").cast(pl.UInt32))
        write_atomic(lazy.select(table.schema.names()), folder / f"{name}.parquet")
    count = pl.scan_parquet(folder / "messages.parquet").select(pl.len()).collect().item()
    meta = {"source": str(source.path), "format": source.format, "fingerprint": fingerprint,
            "version": EXTRACTION_VERSION, "messages": count}
    write_text_atomic(json.dumps(meta, indent=1), folder / "meta.json")
    shutil.rmtree(folder / "parts", ignore_errors=True)
    return count


def _judge(messages: pl.DataFrame, out: Path, owner: verdict.Owner) -> pl.DataFrame:
    """Who bounced each notification, then the verdict: both need the whole corpus."""
    hops = pl.read_parquet(out / "hops.parquet")
    found = handover.identify(messages, hops, owner.mx + owner.relays)
    located = (messages.drop("bouncer_ip", "bouncer_host", "bouncer_domain")
               .join(found, on="msg_key", how="left", maintain_order="left")
               .with_columns(bouncer_software=pl.coalesce("bouncer_software", "received_software"))
               .select([pl.col(name).cast(dtype) for name, dtype in messages.schema.items()]))
    return verdict.apply(located, pl.read_parquet(out / "deliveries.parquet"),
                         pl.read_parquet(out / "originals.parquet"), owner)


def ingest(paths: list[str | Path], out: str | Path, *, cache_dir: str | Path | None = None,
           workers: int | None = None, progress: bool = True, use_cache: bool = True,
           owner: verdict.Owner | None = None, geoip_dir: str | Path | None = None,
           dns: bool = False) -> IngestReport:
    """Read every message under ``paths`` (and the owner's Sent folders) into ``out/<table>.parquet``."""
    owner = owner or verdict.Owner()
    sources, skipped = detect([*paths, *owner.sent_sources])
    out = Path(out)
    cache_root = Path(cache_dir) if cache_dir else config.CACHE_DIR
    workers = workers or min(os.cpu_count() or 1, 4)
    report = IngestReport(out=out, sources=sources, skipped=skipped)

    fingerprints = {s: s.fingerprint() for s in sources}
    jobs: list[tuple[Task, str]] = []
    for source in sources:
        if use_cache and _is_cached(cache_root, source, fingerprints[source]):
            report.cached.append(source)
            continue
        report.parsed.append(source)
        part_dir = _cache_dir(cache_root, source) / "parts"
        shutil.rmtree(part_dir, ignore_errors=True)
        part_dir.mkdir(parents=True)
        jobs += [(task, str(part_dir)) for task in source.tasks()]

    parts: dict[str, dict[str, list[tuple[int, str]]]] = {
        str(s.path): {name: [] for name in TABLES} for s in report.parsed}
    for task, written in _run_all(jobs, workers, progress):
        for name, path in written.items():
            parts[task.source][name].append((task.index, path))
    for source in report.parsed:
        _stitch(source, _cache_dir(cache_root, source), parts[str(source.path)], fingerprints[source])

    out.mkdir(parents=True, exist_ok=True)
    combined = {}
    for name in TABLES:
        frames = [pl.scan_parquet(_cache_dir(cache_root, s) / f"{name}.parquet") for s in sources]
        combined[name] = pl.concat(frames, how="vertical") if frames else TABLES[name].empty().lazy()
    for name in ("deliveries", "originals", "hops"):
        write_atomic(combined[name], out / f"{name}.parquet")
    geodb = geo.open_geo(geoip_dir)
    judged = _judge(combined["messages"].collect(), out, owner)
    originals = pl.read_parquet(out / "originals.parquet")
    runs = campaigns.assign(judged, originals)
    judged = (judged.drop("campaign_id").join(runs, on="msg_key", how="left", maintain_order="left")
              .select(judged.columns))
    write_atomic(judged, out / "messages.parquet")
    zombies = results.zombies(judged, originals, geodb)
    write_atomic(zombies, out / "zombies.parquet")
    write_atomic(results.bouncers(judged, originals, geodb, dns=dns), out / "bouncers.parquet")
    write_atomic(campaigns.table(judged, originals, zombies), out / "campaigns.parquet")
    for name in (*TABLES, *RESULTS):
        report.counts[name] = pl.scan_parquet(out / f"{name}.parquet").select(pl.len()).collect().item()
    report.geo = geodb
    report.parse_errors = (pl.scan_parquet(out / "messages.parquet")
                           .filter(pl.col("parse_error").is_not_null()).select(pl.len()).collect().item())
    addresses, domains = verdict.owner_identity(judged, owner)
    manifest = {
        "toolkit_version": __version__,
        "owner": {"addresses": addresses, "domains": domains},
        "sources": [{"path": str(s.path), "format": s.format} for s in sources],
        "skipped": [str(p) for p in skipped],
        "counts": report.counts,
        "parse_errors": report.parse_errors,
        "geoip": {"kind": geodb.kind, "location": str(geodb.location) if geodb.location else None,
                  "database": geodb.city_or_country.name if geodb.city_or_country else None,
                  "asn_database": geodb.asn.name if geodb.asn else None,
                  "built": geodb.built.isoformat() if geodb.built else None,
                  "attribution": geodb.attribution, "warnings": geodb.warnings},
    }
    write_text_atomic(json.dumps(manifest, indent=1), out / "manifest.json")
    return report
