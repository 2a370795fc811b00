"""Ingest benchmark: messages/s, MB/s and peak memory on a large mbox made from the sample generator.

    python benchmarks/ingest.py [--messages 100000]

Each measurement runs in a fresh process (so peak memory is its own). Prints one
line per figure; compare the ratios, which hold across machines, more than the
absolute times.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path


def build_mbox(target: Path, n_messages: int, work: Path) -> int:
    """Repeat the sample inbox's messages until there are n_messages; returns the size in bytes."""
    from toolkit.synth import generate
    from toolkit.sources import mbox

    generate(work / "sample", seed=1, days=63)
    messages = [data for _, data, _ in mbox.read(work / "sample" / "mail" / "Inbox.mbox")]
    with open(target, "wb") as out:
        for i in range(n_messages):
            data = messages[i % len(messages)]
            quoted = b"\n".join(b">" + line if line.lstrip(b">").startswith(b"From ") else line
                                for line in data.split(b"\n"))
            out.write(b"From bench@example.org Mon Mar  4 10:00:00 2024\n" + quoted + b"\n\n")
    return target.stat().st_size


def measure(mbox_path: Path, workers: int, work: Path) -> dict:
    """Run one ingest in a child process and return its timing and peak memory."""
    code = f"""
import json, resource, time
from toolkit.ingest import ingest
t = time.perf_counter()
r = ingest([{str(mbox_path)!r}], {str(work / 'out')!r}, cache_dir={str(work / 'cache')!r}, workers={workers},
           progress=False, use_cache=False)
elapsed = time.perf_counter() - t
print(json.dumps({{"seconds": elapsed, "messages": r.counts["messages"],
    "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big, small = work / "big.mbox", work / "small.mbox"
        size = build_mbox(big, args.messages, work)
        small_size = build_mbox(small, args.messages // 4, work)
        print(f"mbox: {args.messages} messages, {size / 1e6:.1f} MB; machine: {platform.machine()}, "
              f"{os.cpu_count()} cores, Python {platform.python_version()}")
        results = {}
        for workers in (1, 2):
            r = measure(big, workers, work / f"w{workers}")
            results[workers] = r
            print(f"workers={workers}: {r['messages'] / r['seconds']:.0f} messages/s, "
                  f"{size / 1e6 / r['seconds']:.1f} MB/s, {r['seconds']:.1f} s, "
                  f"peak RSS main {r['main_mb']:.0f} MB, largest worker {r['worker_mb']:.0f} MB")
        print(f"speed-up with 2 workers: {results[1]['seconds'] / results[2]['seconds']:.2f}x")
        quarter = measure(small, 2, work / "quarter")
        print(f"peak RSS main, {args.messages} vs {args.messages // 4} messages "
              f"({size / small_size:.1f}x the data): {results[2]['main_mb'] / quarter['main_mb']:.2f}x")


if __name__ == "__main__":
    main()
