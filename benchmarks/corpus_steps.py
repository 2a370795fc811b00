"""Memory and time of ingest's corpus steps alone (bouncers, verdict, spam runs, results), at two sizes.

    python benchmarks/corpus_steps.py [--messages 200000] [--small 50000] [--workers 2] [--keep DIR]
                                      [--save DIR] [--compare DIR]

For each size: the generated inbox of benchmarks/ingest.py, parsed once by ``backscatter ingest``
(into a parse cache), then only the corpus steps (``toolkit.ingest._write``) run on the cached
entries in a fresh process, which prints its peak RSS (``getrusage(RUSAGE_SELF)``), its RSS after
the imports, CPU and wall seconds, and its peak RSS after each stage (the peak only grows, so the
stage that raised it is the one to look at). Then the growth from the small size to the large one
(the targets of `backscatter ingest`: below 1 GB at 200,000 messages, below 1.2x for 4x).

The parse workers' memory is flat (one 4 MB task at a time) and is not measured here:
benchmarks/ingest.py measures whole runs. With ``--keep DIR`` the inboxes and parse caches stay in
DIR and are reused on the next run, whatever code parsed them (the cache key covers the toolkit's
code, so an edited corpus step would otherwise cost a new parse): compare corpus-step changes only,
not parse changes, that way. ``--save DIR`` keeps each size's tables (and manifest) in DIR/<messages>/;
``--compare DIR`` checks every table against such a saved copy (``assert_frame_equal``: same rows, values
and order), so a memory change can be shown to change no output.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB = 1024
TARGET_GROWTH = 1.2


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_steps(mbox: Path, cache: Path, out: Path) -> dict:
    """The corpus steps on ``mbox``'s cached entries, in this process (a fresh one: see main)."""
    os.environ.setdefault("BACKSCATTER_STAGE_TIMES", str(out / "stages.json"))  # read when toolkit.timing loads
    from toolkit import geo, ingest, timing, verdict
    from toolkit.sources import detect

    imported = _rss_mb()
    peaks: list[tuple[str, int]] = []
    stage = timing.stage

    class Stage:  # the toolkit's stage timer, noting the peak RSS when a stage ends
        def __init__(self, name: str) -> None:
            self.name, self.inner = name, stage(name)

        def __enter__(self) -> None:
            self.inner.__enter__()

        def __exit__(self, *exc) -> None:
            self.inner.__exit__(*exc)
            peaks.append((self.name, round(_rss_mb())))

    timing.stage = Stage
    sources, skipped = detect([mbox], [], progress=False)
    entries = {}
    for source in sources:  # the newest parse of the source, whichever code made it
        found = sorted((p.parent for p in (cache / source.key).glob("*/meta.json")), key=lambda p: p.stat().st_mtime)
        if not found:
            raise SystemExit(f"{mbox} has no parsed entry in {cache}")
        entries[source] = found[-1]
    out.mkdir(parents=True, exist_ok=True)
    report = ingest.IngestReport(out=out, sources=sources, skipped=skipped)
    wall, cpu = time.perf_counter(), time.process_time()
    ingest._write(out, sources, entries, skipped, verdict.Owner(), geo.open_geo(None), False, report, "benchmark")
    return {"messages": report.counts.get("messages", 0), "imported_mb": round(imported), "peak_mb": round(_rss_mb()),
            "cpu_s": round(time.process_time() - cpu, 1), "wall_s": round(time.perf_counter() - wall, 1),
            "peak_after": peaks, "stages": {k: round(v, 2) for k, v in timing.take().items()}}


def parse_once(mbox: Path, cache: Path, workers: int) -> None:
    """Parse ``mbox`` into ``cache`` unless an earlier run did."""
    if cache.is_dir() and any(cache.glob("*/*/meta.json")):
        return
    with tempfile.TemporaryDirectory(prefix="parse-") as out:
        subprocess.run([sys.executable, "-m", "toolkit.cli", "ingest", str(mbox), "--out", out, "--cache-dir",
                        str(cache), "--workers", str(workers), "--quiet"], check=True, cwd=ROOT, env=_env())


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def compare(out: Path, saved: Path) -> list[str]:
    """The tables in ``out`` that differ from those saved in ``saved`` (empty: all equal)."""
    import polars as pl
    from polars.testing import assert_frame_equal

    differ = []
    for path in sorted(saved.glob("*.parquet")):
        try:
            assert_frame_equal(pl.read_parquet(out / path.name), pl.read_parquet(path), check_exact=True)
        except (AssertionError, OSError) as exc:
            differ.append(f"{path.stem}: {str(exc).splitlines()[0]}")
    manifest, before = (json.loads((d / "manifest.json").read_text()) for d in (out, saved))
    for field in ("owner", "counts"):
        if manifest[field] != before[field]:
            differ.append(f"manifest {field}")
    return differ


def measure(messages: int, work: Path, workers: int, save: Path | None = None,
            against: Path | None = None) -> dict:
    """Every step in a child of this small process: Linux starts a child's peak RSS at its parent's RSS
    (the high-water mark survives fork and exec), so nothing big may ever be loaded here."""
    mbox = work / f"inbox-{messages}.mbox"
    if not mbox.exists():  # benchmarks/ingest.py's generated inbox
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; sys.path.insert(0, 'benchmarks'); "
                        "from ingest import inbox_mbox; inbox_mbox(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))",
                        str(mbox), str(messages), str(work / f"synth-{messages}")], check=True, cwd=ROOT, env=_env())
    parse_once(mbox, work / f"cache-{messages}", workers)
    with tempfile.TemporaryDirectory(prefix="steps-") as out:
        done = subprocess.run([sys.executable, __file__, "--steps", str(mbox), str(work / f"cache-{messages}"), out],
                              capture_output=True, text=True, check=True, cwd=ROOT, env=_env())
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if save:
            shutil.copytree(out, save / str(messages), dirs_exist_ok=True)
        if against:  # in a child: this process must stay small (see above)
            check = subprocess.run([sys.executable, __file__, "--compare-only", out, str(against / str(messages))],
                                   capture_output=True, text=True, check=True, cwd=ROOT, env=_env())
            result["differ"] = json.loads(check.stdout.strip().splitlines()[-1])
    return result


def _print(result: dict) -> None:
    print(f"  {result['messages']:>8,} messages: peak RSS {result['peak_mb']} MB (imports {result['imported_mb']} MB), "
          f"{result['cpu_s']} s CPU, {result['wall_s']} s wall")
    print("    peak after: " + ", ".join(f"{name} {mb}" for name, mb in result["peak_after"]))
    print("    CPU s: " + ", ".join(f"{name} {s}" for name, s in result["stages"].items()), flush=True)
    if "differ" in result:
        print("    tables: " + ("all equal to the saved copy" if not result["differ"]
                                else "DIFFER: " + "; ".join(result["differ"])), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000, help="the larger inbox")
    parser.add_argument("--small", type=int, default=50_000, help="the smaller inbox of the growth comparison")
    parser.add_argument("--workers", type=int, default=2, help="parse workers (the parse is not measured)")
    parser.add_argument("--keep", type=Path, help="keep inboxes and parse caches here and reuse them")
    parser.add_argument("--save", type=Path, help="keep each size's tables in DIR/<messages>/")
    parser.add_argument("--compare", type=Path, help="check the tables against those saved in DIR/<messages>/")
    parser.add_argument("--steps", nargs=3, type=Path, metavar=("MBOX", "CACHE", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--compare-only", nargs=2, type=Path, metavar=("OUT", "SAVED"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.steps:  # the child process: the corpus steps alone
        print(json.dumps(run_steps(*args.steps)))
        return
    if args.compare_only:
        print(json.dumps(compare(*args.compare_only)))
        return
    with tempfile.TemporaryDirectory(prefix="corpus-steps-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print("corpus steps of backscatter ingest (bouncers, verdict, spam runs, results), main process only:")
        small, large = (measure(n, work, args.workers, args.save, args.compare) for n in (args.small, args.messages))
        _print(small)
        _print(large)
        growth = large["peak_mb"] / small["peak_mb"]
        print(f"  growth {growth:.2f}x for {args.messages / args.small:.1f}x the messages "
              f"(targets: < {TARGET_MB} MB: {'met' if large['peak_mb'] < TARGET_MB else 'NOT met'}, "
              f"< {TARGET_GROWTH}x: {'met' if growth < TARGET_GROWTH else 'NOT met'})")


if __name__ == "__main__":
    main()
