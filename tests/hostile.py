"""Hostile mailboxes, generated on demand (never stored): damaged, huge, oddly named, looping.

    python tests/hostile.py DIR                # every case, small, under DIR/<case>
    python tests/hostile.py --full DIR         # every case at full size (GBs: bombs, a 2 GB message)
    python tests/hostile.py --full DIR --case gzip_bomb
    python tests/hostile.py --ingest CASE_DIR OUT   # ingest one generated case, print a JSON verdict
    python tests/hostile.py --measure --full DIR    # generate and measure each case, one at a time

Each case folder holds its inputs and ``case.json``: the paths to ingest, how
many messages they hold (the rows an ingest must yield), the file a warning
must name (or null), and the files that must be unreadable. ``--ingest`` runs
``toolkit.ingest.ingest`` on it and prints rows, warnings, seconds and peak RSS
(this process and its children), which ``tests/test_hostile_sources.py``
checks for the small cases.
"""
from __future__ import annotations

import argparse
import bz2
import gzip
import hashlib
import json
import lzma
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path

MB = 1024 * 1024
POSTMARK = b"From sender@example.org Tue Mar  5 10:00:00 2024\n"
_POSTMARK_LINE = re.compile(rb"(?:^|\n)From sender@example\.org Tue Mar  5 10:00:00 2024\n")


def _noise(i: int, lines: int) -> str:
    """Lines that compress about as badly as real mail (so a damaged block holds few messages)."""
    return "".join(hashlib.sha256(f"{i}.{n}".encode()).hexdigest() + "\n" for n in range(lines))


def message(i: int, extra_headers: bytes = b"", body: bytes = b"") -> bytes:
    body = body or (f"Body of message {i}.\n" + _noise(i, 12)).encode()
    return (f"From: Sender {i} <sender{i}@example.org>\nTo: owner@example.net\nSubject: message {i}\n"
            f"Date: Tue, 05 Mar 2024 10:00:00 +0100\nMessage-ID: <{i}@example.org>\n").encode() + extra_headers + b"\n" + body


def mbox_bytes(count: int, start: int = 0) -> bytes:
    return b"".join(POSTMARK + message(i) + b"\n" for i in range(start, start + count))


def _case(folder: Path, paths: list[str], messages: int, named: str | None, unreadable: list[str] = (),
          messages_min: int | None = None) -> dict:
    """Write case.json: ``messages`` rows expected (at least ``messages_min`` for damaged streams)."""
    spec = {"paths": paths, "messages": messages, "messages_min": messages if messages_min is None else messages_min,
            "named": named, "unreadable": list(unreadable)}
    (folder / "case.json").write_text(json.dumps(spec))
    return spec


# --- damaged compressed mailboxes ---------------------------------------------------------------

def _decompressor(kind: str):
    return {"gz": lambda: zlib.decompressobj(16 + zlib.MAX_WBITS), "bz2": bz2.BZ2Decompressor,
            "xz": lzma.LZMADecompressor}[kind]()


_DAMAGE = (OSError, EOFError, zlib.error, lzma.LZMAError)


def _coarse_prefix(data: bytes, kind: str, step: int) -> tuple[bytes, int | None]:
    """What a decompressor fed ``step`` bytes at a time gets before the damage, and where that step began."""
    decompressor, out = _decompressor(kind), []
    for i in range(0, len(data), step):
        try:
            out.append(decompressor.decompress(data[i:i + step]))
        except _DAMAGE:
            return b"".join(out), i
    return b"".join(out), None


def _readable_prefix(data: bytes, kind: str) -> bytes:
    """The most any reader gets out of damaged data: byte by byte through the step that fails."""
    prefix, failed_at = _coarse_prefix(data, kind, 4096)
    if failed_at is None:
        return prefix
    decompressor = _decompressor(kind)
    out = [decompressor.decompress(data[:failed_at])]
    for j in range(failed_at, min(failed_at + 4096, len(data))):
        try:
            out.append(decompressor.decompress(data[j:j + 1]))
        except _DAMAGE:
            break
    return b"".join(out)


def _count(prefix: bytes) -> int:
    return len(_POSTMARK_LINE.findall(prefix))


def _compress(kind: str, data: bytes) -> bytes:
    """Compressed as the usual tools would (bz2 with its smallest blocks, so damage loses one of many)."""
    if kind == "bz2":
        return bz2.compress(data, compresslevel=1)
    return {"gz": gzip.compress, "xz": lzma.compress}[kind](data)


def _damaged(kind: str, how: str):
    def make(folder: Path, full: bool) -> dict:
        data = _compress(kind, mbox_bytes(40_000 if full else 400))
        if how == "truncated":
            data = data[: len(data) * 7 // 10]
        else:  # corrupt: 64 bytes of garbage in the middle
            middle = len(data) // 2
            data = data[:middle] + bytes(range(64, 128)) + data[middle + 64:]
        name = f"box.mbox.{kind}"
        (folder / name).write_bytes(data)
        # Every message whose postmark decompresses before the damage; a streaming reader may
        # lose what the compressed block it was decoding when the damage showed held (the stdlib
        # readers feed 8 KB at a time): that bounds the rows from below.
        most = _count(_readable_prefix(data, kind))
        least = _count(_coarse_prefix(data, kind, 8192)[0])
        return _case(folder, [name], most, name, messages_min=least)
    return make


# --- names, permissions, links -------------------------------------------------------------------

BAD_NAME = os.fsdecode(b"\xff\xfe-\xe9t\xe9")  # not UTF-8: Python keeps it as surrogate escapes


def _maildir(folder: Path, count: int) -> Path:
    box = folder / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    for i in range(count):
        (box / "cur" / f"{1700000000 + i}.M{i}.host:2,S").write_bytes(message(i))
    return box


def maildir_bad_names(folder: Path, full: bool) -> dict:
    box = _maildir(folder, 10)
    for i in range(3):
        (box / "cur" / f"{BAD_NAME}{i}:2,").write_bytes(message(100 + i))
    return _case(folder, ["Maildir"], 13, None)


def eml_tree_bad_names(folder: Path, full: bool) -> dict:
    tree = folder / "export" / BAD_NAME
    tree.mkdir(parents=True)
    for i in range(5):
        (tree / f"{BAD_NAME}{i}.eml").write_bytes(message(i))
    (folder / "export" / "plain.eml").write_bytes(message(9))
    return _case(folder, ["export"], 6, None)


def mbox_bad_path(folder: Path, full: bool) -> dict:
    name = f"{BAD_NAME}.mbox"
    (folder / name).write_bytes(mbox_bytes(10))
    return _case(folder, [name], 10, None)


def maildir_unreadable(folder: Path, full: bool) -> dict:
    box = _maildir(folder, 10)
    victim = sorted((box / "cur").iterdir())[3]
    victim.chmod(0)
    return _case(folder, ["Maildir"], 10, victim.name, [str(victim.relative_to(folder))])


def eml_tree_symlink_loop(folder: Path, full: bool) -> dict:
    tree = folder / "export"
    (tree / "sub").mkdir(parents=True)
    for i in range(10):
        (tree / ("sub" if i % 2 else ".") / f"m{i}.eml").write_bytes(message(i))
    (tree / "loop").symlink_to(".")               # a folder linked to itself
    (tree / "sub" / "up").symlink_to("..")        # ... and to its parent
    (tree / "self.eml").symlink_to("self.eml")    # a file linked to itself: ELOOP
    (tree / "again.eml").symlink_to("m0.eml")     # a second name for a message
    (tree / "mail.mbox").symlink_to("mail.mbox")  # a looping would-be mailbox beside them
    return _case(folder, ["export"], 10, "self.eml")


def maildir_symlink_loop(folder: Path, full: bool) -> dict:
    box = _maildir(folder, 10)
    (box / ".loop").symlink_to(".")               # Maildir++ "subfolder" that is the folder itself
    first = sorted((box / "cur").iterdir())[0]
    (box / "new" / "copy:2,").symlink_to(first)   # a second name for a message
    (box / "cur" / "self:2,").symlink_to("self:2,")
    return _case(folder, ["Maildir"], 10, "self:2,")


# --- bombs and giants ----------------------------------------------------------------------------

def _bomb(kind: str):
    def make(folder: Path, full: bool) -> dict:
        member_bytes = 64 * MB
        member = _compress(kind, bytes(member_bytes))  # concatenated members/streams are valid files
        total = (10 * 1024 if full else 128) * MB
        name = f"bomb.mbox.{kind}"
        with open(folder / name, "wb") as handle:
            handle.write(_compress(kind, mbox_bytes(5)))
            for _ in range(total // member_bytes):
                handle.write(member)
        return _case(folder, [name], 5, name)
    return make


def _write_big_body(handle, size: int) -> None:
    line = b"x" * 75 + b"\n"
    block = line * (MB // len(line))
    written = 0
    while written < size:
        handle.write(block)
        written += len(block)


def mbox_huge_message(folder: Path, full: bool) -> dict:
    with open(folder / "huge.mbox", "wb") as handle:
        handle.write(mbox_bytes(2))
        handle.write(POSTMARK + message(2, body=b"start of a huge body\n"))
        _write_big_body(handle, (2048 if full else 40) * MB)
        handle.write(b"\n" + mbox_bytes(2, start=3))
    return _case(folder, ["huge.mbox"], 5, None)


def eml_huge_message(folder: Path, full: bool) -> dict:
    tree = folder / "export"
    tree.mkdir()
    for i in range(3):
        (tree / f"m{i}.eml").write_bytes(message(i))
    with open(tree / "huge.eml", "wb") as handle:
        handle.write(message(3, body=b"start of a huge body\n"))
        _write_big_body(handle, (2048 if full else 40) * MB)
    return _case(folder, ["export"], 4, None)


def _received(size: int, folded: bool) -> bytes:
    hop = b"from relay.example.net (relay.example.net [192.0.2.1]) by mx.example.org "
    unit = hop + (b"\n\t" if folded else b" ")
    return b"Received: " + unit * (size // len(unit)) + b"; Tue, 05 Mar 2024 10:00:00 +0100\n"


def mbox_huge_header(folder: Path, full: bool) -> dict:
    size = (50 if full else 2) * MB
    with open(folder / "header.mbox", "wb") as handle:
        handle.write(mbox_bytes(2))
        handle.write(POSTMARK + message(2, extra_headers=_received(size, folded=True)) + b"\n")
        handle.write(mbox_bytes(2, start=3))
    return _case(folder, ["header.mbox"], 5, None)


def eml_huge_header_line(folder: Path, full: bool) -> dict:
    tree = folder / "export"
    tree.mkdir()
    (tree / "a.eml").write_bytes(message(0))
    (tree / "b.eml").write_bytes(message(1, extra_headers=_received((50 if full else 2) * MB, folded=False)))
    return _case(folder, ["export"], 2, None)


def escape_names(folder: Path, full: bool) -> dict:
    export = folder / "export"
    export.mkdir()
    (export / "box.mbox").write_bytes(mbox_bytes(3))
    (export / "\x1b]0;pwned\x07\x1b[2J\x1b[31m\u202enote.txt").write_bytes(b"\0not mail")
    return _case(folder, ["export"], 3, "note.txt")


CASES = {
    "gz_truncated": _damaged("gz", "truncated"),
    "gz_corrupt": _damaged("gz", "corrupt"),
    "bz2_truncated": _damaged("bz2", "truncated"),
    "bz2_corrupt": _damaged("bz2", "corrupt"),
    "xz_truncated": _damaged("xz", "truncated"),
    "xz_corrupt": _damaged("xz", "corrupt"),
    "maildir_bad_names": maildir_bad_names,
    "eml_tree_bad_names": eml_tree_bad_names,
    "mbox_bad_path": mbox_bad_path,
    "maildir_unreadable": maildir_unreadable,
    "eml_tree_symlink_loop": eml_tree_symlink_loop,
    "maildir_symlink_loop": maildir_symlink_loop,
    "gzip_bomb": _bomb("gz"),
    "xz_bomb": _bomb("xz"),
    "mbox_huge_message": mbox_huge_message,
    "eml_huge_message": eml_huge_message,
    "mbox_huge_header": mbox_huge_header,
    "eml_huge_header_line": eml_huge_header_line,
    "escape_names": escape_names,
}


def generate(root: Path, name: str, full: bool = False) -> Path:
    folder = root / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    CASES[name](folder, full)
    return folder


# --- checking ------------------------------------------------------------------------------------

def input_bytes(folder: Path) -> int:
    return sum(os.lstat(Path(d) / f).st_size for d, _, files in os.walk(folder) for f in files if f != "case.json")


def digest(folder: Path) -> str:
    """A hash of every file's name, mode and content (links not followed): inputs must not change."""
    h = hashlib.blake2b(digest_size=16)
    for directory, dirs, files in sorted(os.walk(folder)):
        dirs.sort()
        for name in sorted(files):
            path = Path(directory) / name
            st = os.lstat(path)
            h.update(os.fsencode(path) + f"\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}".encode())
            if os.path.islink(path):
                h.update(os.fsencode(os.readlink(path)))
            elif st.st_mode & 0o444:
                with open(path, "rb") as handle:
                    while block := handle.read(MB):
                        h.update(block)
    return h.hexdigest()


def _deny(paths: set[str]) -> None:
    """As root every file is readable: make the case's unreadable files raise as they would for a user."""
    import builtins
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.path.realpath(file) in paths:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    builtins.open = guarded


def run_ingest(folder: Path, out: Path) -> dict:
    """Ingest a generated case in this process; rows, warnings, seconds, peak RSS in MB."""
    spec = json.loads((folder / "case.json").read_text())
    if os.geteuid() == 0 and spec["unreadable"]:
        _deny({os.path.realpath(folder / p) for p in spec["unreadable"]})
    import polars as pl
    from toolkit.ingest import ingest

    started = time.perf_counter()
    report = ingest([folder / p for p in spec["paths"]], out / "tables", cache_dir=out / "cache",
                    progress=False, use_cache=False)
    seconds = time.perf_counter() - started
    frame = pl.read_parquet(out / "tables" / "messages.parquet")
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"rows": frame.height, "messages": spec["messages"], "messages_min": spec["messages_min"], "warnings": report.warnings,
            "skipped": [str(p) for p in report.skipped], "parse_errors": frame["parse_error"].drop_nulls().to_list(),
            "locations": frame["location"].to_list(), "seconds": round(seconds, 2), "peak_rss_mb": round(peak / 1024)}


def measure(root: Path, name: str, full: bool) -> dict:
    """Generate one case, ingest it in a fresh process, check it, and delete it again."""
    folder = generate(root, name, full)
    size = input_bytes(folder)
    before = digest(folder)
    out = root / f"{name}.out"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--ingest", str(folder), str(out)], capture_output=True)
    wall = time.perf_counter() - started
    result = {"case": name, "input_mb": round(size / MB, 2), "wall_seconds": round(wall, 2),
              "exit": proc.returncode, "traceback": b"Traceback" in proc.stderr}
    if proc.returncode == 0:
        verdict = json.loads(proc.stdout.decode().splitlines()[-1])
        result.update(rows=verdict["rows"], messages=verdict["messages"], messages_min=verdict["messages_min"], seconds=verdict["seconds"],
                      peak_rss_mb=verdict["peak_rss_mb"], warnings=len(verdict["warnings"]))
    result["inputs_unchanged"] = digest(folder) == before
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return result


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("dir", type=Path)
    args.add_argument("out", type=Path, nargs="?")
    args.add_argument("--full", action="store_true", help="full-size cases (GBs of output, minutes)")
    args.add_argument("--case", action="append", choices=sorted(CASES), help="only this case (repeatable)")
    args.add_argument("--ingest", action="store_true", help="ingest the generated case DIR into OUT")
    args.add_argument("--measure", action="store_true", help="generate, ingest and check each case in turn")
    opts = args.parse_args()
    if opts.ingest:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        print(json.dumps(run_ingest(opts.dir, opts.out or opts.dir.with_suffix(".out"))))
        return 0
    for name in opts.case or CASES:
        if opts.measure:
            print(json.dumps(measure(opts.dir, name, opts.full)), flush=True)
        else:
            print(generate(opts.dir, name, opts.full))
    return 0


if __name__ == "__main__":
    sys.exit(main())
