"""Analysis time of hostile messages: one long run of a character in ham, a bounce, a DSN, HTML.

    python benchmarks/redos.py [--sizes 16384,65536,1048576] [--units "-, ,\\t"] [--limit 60]

Each case is parsed and analysed as ingest does (``ingest.extract_raw``) with the time budget off,
so the figure is the analysis itself; a case still running after --limit seconds is stopped and
printed as ">limit". Linear code keeps the time per KB flat as the run grows.
"""
from __future__ import annotations

import argparse
import signal
import time

from toolkit import ingest, messages
from toolkit.sources import RawMessage
from toolkit.synth.hostile import RUN_UNITS, SHAPES, run_of


class _Stopped(BaseException):  # past any "except Exception" in the code measured
    pass


def _stop(signum, frame):
    raise _Stopped


def analyse_seconds(text: str, limit: float) -> float | None:
    """Wall seconds to parse and analyse one message; None past ``limit``."""
    raw = RawMessage("hostile", text.encode("utf-8"))
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        if hasattr(ingest, "extract_raw"):
            ingest.extract_raw(raw, "hostile", "eml", budget=0)
        else:  # before the time budget existed
            ingest._extract(messages.parse(raw, "hostile", "eml"))
        return time.perf_counter() - start
    except _Stopped:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="16384,65536,1048576")
    parser.add_argument("--units", default=",".join(RUN_UNITS), help="comma-separated; \\t, \\n, \\r escapes")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--limit", type=float, default=60.0)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    units = [u.encode().decode("unicode_escape") for u in args.units.split(",") if u]
    for make in SHAPES.values():  # first calls load modules and tables: not the run's cost
        analyse_seconds(make("x"), args.limit)
    print(f"{'unit':8} {'shape':7} " + " ".join(f"{s // 1024:>8}K" for s in sizes))
    for unit in units:
        for shape in args.shapes.split(","):
            cells = []
            stopped = False
            for size in sizes:  # past the limit at one size, larger sizes are not run
                seconds = None if stopped else analyse_seconds(SHAPES[shape](run_of(unit, size)), args.limit)
                stopped = seconds is None
                cells.append(f"{seconds:8.3f}s" if seconds is not None else f"{'>' + str(int(args.limit)):>8}s")
            print(f"{unit!r:8} {shape:7} " + " ".join(cells), flush=True)


if __name__ == "__main__":
    main()
