"""Ingest speed and memory, side by side with Sisimai on the same mbox.

    python benchmarks/ingest.py [--bsd-repeat 20] [--messages 200000] [--workers N] [--rss-small 50000]

Two mboxes: (a) the Sisimai corpus's ``maildir/bsd`` folder (real bounces) concatenated
``--bsd-repeat`` times, (b) a generated inbox (``toolkit.synth.generate``: ham, spam and
backscatter mixed) of ``--messages`` messages. On each, ``backscatter ingest`` and Sisimai
(Perl, ``Sisimai->make`` over the mbox, one process) run one after the other in fresh
processes; each prints messages/s, MB/s, wall and CPU seconds (user + system, of every process
of the run) and peak RSS, and the ratios Sisimai's time / ours (above 1: we are faster). Only
ratios measured in one run mean much, and on a shared machine the CPU ratio more than the wall one.
Sisimai only reports bounces, which is its whole job; ours also classifies every message,
traces Received chains and writes the tables.

Also measured: where ingest spends its time (``$BACKSCATTER_STAGE_TIMES``, see toolkit/timing.py),
re-ingesting the unchanged inbox (the cache; should be < 5% of the first run), and the main
process's peak RSS at ``--rss-small`` messages against ``--messages``.
Sisimai is installed with apt when run as root and absent (``libsisimai-perl``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BSD = ROOT.parent / "shared" / "corpora" / "sisimai" / "maildir" / "bsd"
SISIMAI_PACKAGE = "libsisimai-perl"
# Sisimai 4.x: make() parses an mbox and returns its bounce records (5.x renamed it rise()).
SISIMAI_SCRIPT = ("use Sisimai; my $m = Sisimai->can('rise') ? 'rise' : 'make'; "
                  "my $r = Sisimai->$m($ARGV[0]) || []; print scalar(@$r), qq(\\n);")
# Runs a command; reports its wall time, the CPU time of all its processes and the peak RSS of the largest.
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "rc": done.returncode, "stdout": done.stdout[-2000:],
                  "stderr": done.stderr[-2000:],
                  "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}))
"""
FROM_LINE = b"From bench@example.org Mon Mar  4 10:00:00 2024\n"
SYNTH_MESSAGES_AT_SCALE_1 = 1320  # about the generator's inbox at scale 1 (classic world, seed 1)
SYNTH_MAX_SCALE = 8  # larger inboxes repeat a generated one (generation itself is slow)


def _mbox_entry(data: bytes) -> bytes:
    """One message as an mboxrd entry: its From_ line, '>From ' quoting, a blank line after it."""
    data = data.replace(b"\r\n", b"\n")
    lines = [b">" + line if line.lstrip(b">").startswith(b"From ") else line for line in data.split(b"\n")]
    return FROM_LINE + b"\n".join(lines).rstrip(b"\n") + b"\n\n"


def bsd_mbox(target: Path, repeat: int, folder: Path = BSD) -> int:
    """The bsd folder's messages, in name order, ``repeat`` times; returns the message count."""
    entries = [_mbox_entry(path.read_bytes()) for path in sorted(folder.glob("*.eml"))]
    with open(target, "wb") as out:
        for _ in range(repeat):
            out.writelines(entries)
    return len(entries) * repeat


def inbox_mbox(target: Path, n_messages: int, work: Path, stacked: bool = False) -> int:
    """A generated mixed inbox of n_messages: a generated one, repeated when larger than the generator's,
    each copy COPY_SHIFT after the one before, or with ``stacked`` every copy on the same days (each
    spam run as many copies thick: a stress case)."""
    from toolkit.sources import mbox
    from toolkit.synth import generate

    scale = min(SYNTH_MAX_SCALE, max(1.0, n_messages / SYNTH_MESSAGES_AT_SCALE_1))
    # The realistic world (mostly ham, as a real inbox) where this version has it, over its own period.
    options = {"world": "realistic"} if "world" in inspect.signature(generate).parameters else {"days": 63}
    generate(work / "synth", seed=1, scale=scale, **options)
    made = [p for p in (work / "synth" / "mail").glob("*.mbox") if p.name != "Sent.mbox"]  # classic: Inbox.mbox
    inbox = max(made, key=lambda p: p.stat().st_size)
    entries = [_mbox_entry(raw.data) for raw in mbox.read(inbox)]
    with open(target, "wb") as out:
        for i in range(n_messages):
            copy, index = divmod(i, len(entries))
            out.write(entries[index] if stacked else shifted(entries[index], copy * COPY_SHIFT))
    return n_messages


# Copies of the generated inbox follow one another in time (as a mailbox kept for months would),
# not stacked on the same weeks: a whole number of weeks apart, so every weekday name stays right.
COPY_SHIFT = dt.timedelta(weeks=6)  # the realistic world spans 30 days
_DATE = re.compile(rb"\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d:\d\d:\d\d)\b")
_MONTHS = [m.encode() for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")]


def shifted(entry: bytes, delta: dt.timedelta) -> bytes:
    """The entry with every RFC 5322 date in it (Date, Received, Arrival-Date, the originals') moved by delta."""
    if not delta:
        return entry

    def move(match: re.Match) -> bytes:
        day, month, year, clock = match.groups()
        when = dt.date(int(year), _MONTHS.index(month) + 1, int(day)) + delta
        return b"%d %s %d %s" % (when.day, _MONTHS[when.month - 1], when.year, clock)

    try:
        return _DATE.sub(move, entry)
    except ValueError:  # a date that is no date (31 Feb): the entry as it is
        return entry


def measure(command: list[str], env: dict | None = None) -> dict:
    """``command`` run from this checkout (``python -m`` puts the working folder first on the path)."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True,
                          check=True, env=env, cwd=ROOT)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"{command[:3]} failed ({result['rc']}): {result['stderr']}")
    return result


def ours(mbox: Path, work: Path, workers: int, *, fresh: bool = True) -> dict:
    """One ``backscatter ingest`` of the mbox, with per-stage timings."""
    if fresh:
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    stages = work / "stages.json"
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
           "BACKSCATTER_STAGE_TIMES": str(stages)}
    result = measure([sys.executable, "-m", "toolkit.cli", "ingest", str(mbox), "--out", str(work / "out"),
                      "--cache-dir", str(work / "cache"), "--workers", str(workers), "--quiet"], env)
    result["stages"] = json.loads(stages.read_text()) if stages.exists() else {}
    return result


def sisimai_available() -> bool:
    return shutil.which("perl") is not None and \
        subprocess.run(["perl", "-MSisimai", "-e", "1"], capture_output=True).returncode == 0


def ensure_sisimai() -> str | None:
    """Sisimai's version, installing Debian's package when root; None (and why, printed) when absent."""
    if not sisimai_available() and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing {SISIMAI_PACKAGE} with apt-get ...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", SISIMAI_PACKAGE], env=env, capture_output=True)
    if not sisimai_available():
        print(f"Sisimai is absent (install Debian's {SISIMAI_PACKAGE} as root): our figures only")
        return None
    done = subprocess.run(["perl", "-MSisimai", "-e", "print Sisimai->version"], capture_output=True, text=True)
    return done.stdout.strip() or "?"


def sisimai(mbox: Path) -> dict:
    result = measure(["perl", "-e", SISIMAI_SCRIPT, str(mbox)])
    result["records"] = int(result["stdout"].strip() or 0)
    return result


def _line(name: str, r: dict, messages: int, size: int, extra: str = "") -> str:
    return (f"  {name:<9} {messages / r['seconds']:7.0f} messages/s {size / 1e6 / r['seconds']:6.2f} MB/s "
            f"{r['seconds']:7.1f} s wall, {r['cpu']:7.1f} s CPU ({messages / r['cpu']:.0f} messages per CPU s), "
            f"peak RSS {r['rss_mb']:5.0f} MB{extra}")


def _stages(stages: dict, top: int = 12) -> None:
    if not stages:
        return
    print("  ingest stages (CPU seconds, summed over processes; the parse's wall clock for comparison):")
    for name, seconds in list(stages.items())[:top]:
        print(f"    {name:<40} {seconds:8.2f}")


def compare(label: str, mbox: Path, messages: int, work: Path, workers: list[int], have_sisimai: bool) -> dict:
    """Ours with each worker count, then Sisimai, on one mbox; returns the last of ours."""
    size = mbox.stat().st_size
    print(f"\n{label}: {messages} messages, {size / 1e6:.1f} MB", flush=True)
    runs = []
    for count in workers:
        mine = ours(mbox, work / f"ours-{count}", count)
        print(_line("toolkit", mine, messages, size, f"  (--workers {count})"), flush=True)
        runs.append((count, mine))
    if have_sisimai:
        theirs = sisimai(mbox)
        print(_line("Sisimai", theirs, messages, size, f"  ({theirs['records']} bounce records)"))
        for count, mine in runs:
            print(f"  ratio Sisimai time / ours, --workers {count}: {theirs['seconds'] / mine['seconds']:.2f} wall, "
                  f"{theirs['cpu'] / mine['cpu']:.2f} CPU (above 1: the toolkit is faster)")
    _stages(runs[0][1]["stages"])
    return runs[-1][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bsd-repeat", type=int, default=20, help="copies of maildir/bsd in mbox (a)")
    parser.add_argument("--bsd", type=Path, default=BSD, help="the Sisimai corpus's maildir/bsd folder")
    parser.add_argument("--messages", type=int, default=200_000, help="messages in the generated inbox (b)")
    parser.add_argument("--rss-small", type=int, default=50_000, help="the smaller inbox of the memory comparison")
    cores = min(os.cpu_count() or 1, 4)  # ingest's own default
    parser.add_argument("--workers", type=int, default=cores,
                        help=f"ingest's worker processes (default {cores}, ingest's default: every core); "
                             "(a) also runs with one, beside Sisimai's one process")
    parser.add_argument("--stacked", action="store_true",
                        help="(b)'s copies of the generated inbox on the same days instead of one after another")
    parser.add_argument("--skip", choices=("bsd", "inbox", "rss", "reingest"), action="append", default=[])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    version = ensure_sisimai()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}; Sisimai {version or 'absent'}")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        if "bsd" not in args.skip:
            if args.bsd.is_dir():
                mbox = work / "bsd.mbox"
                count = bsd_mbox(mbox, args.bsd_repeat, args.bsd)
                compare(f"(a) maildir/bsd x{args.bsd_repeat}", mbox, count, work / "bsd", sorted({1, args.workers}),
                        version is not None)
                mbox.unlink()
            else:
                print(f"(a) skipped: {args.bsd} is absent")
        if "inbox" in args.skip:
            return
        mbox = work / "inbox.mbox"
        count = inbox_mbox(mbox, args.messages, work, args.stacked)
        first = compare("(b) generated inbox", mbox, count, work / "inbox", [args.workers], version is not None)
        if "reingest" not in args.skip:
            again = ours(mbox, work / "inbox" / f"ours-{args.workers}", args.workers, fresh=False)
            print(f"  re-ingest, unchanged: {again['seconds']:.1f} s, "
                  f"{100 * again['seconds'] / first['seconds']:.1f}% of the first run (target < 5%)")
        if "rss" not in args.skip and args.rss_small < args.messages:
            small = work / "small.mbox"
            inbox_mbox(small, args.rss_small, work, args.stacked)
            r = ours(small, work / "small", args.workers)
            print(f"  peak RSS {args.rss_small} messages: {r['rss_mb']:.0f} MB; {count}: {first['rss_mb']:.0f} MB; "
                  f"growth {first['rss_mb'] / r['rss_mb']:.2f}x for {count / args.rss_small:.1f}x the messages "
                  "(targets < 1 GB, < 1.2x)")


if __name__ == "__main__":
    main()
