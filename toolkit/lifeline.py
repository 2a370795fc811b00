"""Child processes that end with their parent, and SIGTERM handled like Ctrl-C.

A killed ``backscatter ingest`` must not leave its pool's workers parsing, nor a killed
``backscatter report`` its Jupyter kernel spinning. On Linux the child asks the kernel for a
signal when its parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere a daemon thread polls the
parent's pid. ``python -m toolkit.lifeline MODULE ARGS...`` runs a module (the Jupyter kernel)
that way.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import runpy
import signal
import sys
import threading
from typing import Iterator

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL_SECONDS = 1.0


def _prctl_pdeathsig(sig: int) -> bool:
    """Ask Linux to send ``sig`` when the parent dies; False when that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _poll_parent(parent: int) -> None:
    def watch():
        while True:
            if os.getppid() != parent:
                os._exit(1)
            threading.Event().wait(PARENT_POLL_SECONDS)
    threading.Thread(target=watch, name="lifeline", daemon=True).start()


def die_with_parent(parent: int | None = None) -> None:
    """End this process when its parent ends (``parent``: the pid it must still have)."""
    parent = parent if parent is not None else os.getppid()
    if not _prctl_pdeathsig(signal.SIGKILL):
        _poll_parent(parent)
    if os.getppid() != parent:  # the parent died before the request was in place
        os._exit(1)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be, so the same cleanup runs."""


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises ``Terminated`` (a KeyboardInterrupt) in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Terminated(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main() -> None:
    """``python -m toolkit.lifeline MODULE ARGS...``: run MODULE as __main__, ending with our parent."""
    die_with_parent()
    module, sys.argv = sys.argv[1], sys.argv[1:]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
