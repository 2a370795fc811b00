"""Reading a stored message within bounded memory, whatever its size or its container's state.

``blocks`` reads a file (plain or compressed) in blocks and turns damage
(a truncated or corrupt .gz/.bz2/.xz, an I/O error) and decompression bombs
into a warning and the end of the stream: what came before is kept.
``segments`` re-cuts the blocks at the lines an mbox reader must inspect, and
lines longer than ``config.MAX_LINE_BYTES`` into pieces, so no single line is
ever held whole and ordinary lines are copied in bulk. ``MessageBuffer`` collects
one message's pieces, keeping at most ``config.MAX_HEADER_BYTES`` of header
section and dropping the body of a message larger than
``config.MAX_MESSAGE_BYTES`` while still counting its size.
"""
from __future__ import annotations

import lzma
import re
import zlib
from typing import BinaryIO, Iterator

from .. import config

BLOCK_BYTES = 1 << 20
# What a damaged compressed stream or a failing disk raises while reading.
READ_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error)
MB = 1024 * 1024


class StreamStop:
    """Why a stream ended early (None while it reads on): the warning text and the row defect."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self.defect: str | None = None
        self.at: int = 0


def blocks(handle: BinaryIO, name: str, stop: StreamStop, compressed_size: int | None = None,
           start: int = 0) -> Iterator[bytes]:
    """Blocks of ``handle`` until its end, damage, or (for compressed input) a decompression limit.

    ``compressed_size`` is the size on disk of a compressed file (None for a plain one);
    ``start`` the offset the handle already stands at (for the offsets in warnings).
    """
    total = 0
    read = getattr(handle, "read1", handle.read)  # one decompression step at a time: damage loses little
    while True:
        try:
            block = read(BLOCK_BYTES)
        except READ_ERRORS as exc:
            stop.at = start + total
            stop.defect = "SourceReadError"
            stop.reason = (f"{name}: unreadable after byte {start + total:,} of its "
                           f"{'uncompressed ' if compressed_size is not None else ''}content "
                           f"({type(exc).__name__}: {exc})")
            return
        if not block:
            return
        total += len(block)
        if compressed_size is not None and _over_decompression_limit(total, compressed_size):
            stop.at = start + total - len(block)
            stop.defect = "DecompressionLimit"
            stop.reason = (f"{name}: decompression stopped after {stop.at // MB:,} MB of output from "
                           f"{compressed_size / MB:,.1f} MB on disk (limits: {config.MAX_DECOMPRESSION_RATIO}x "
                           f"the compressed size, {config.MAX_DECOMPRESSED_BYTES // MB:,} MB in all)")
            return
        yield block


def _over_decompression_limit(total: int, compressed_size: int) -> bool:
    if total > config.MAX_DECOMPRESSED_BYTES:
        return True
    return total > config.DECOMPRESSION_RATIO_FLOOR and total > config.MAX_DECOMPRESSION_RATIO * max(compressed_size, 1)


# A line that may start or quote an mbox postmark: the only lines a reader must look at one by one.
_CANDIDATE_LINE = re.compile(rb"\n(?=>*From )")


def segments(chunks: Iterator[bytes], cr_only: bool = False) -> Iterator[tuple[bytes, bool]]:
    """The blocks re-cut into (segment, starts_at_line_start) pairs, for fast reading.

    A segment is a run of whole lines in which only the first may start with
    ``From `` or ``>From `` (those are what an mbox reader inspects; everything
    else it copies in bulk), or, for a line longer than ``MAX_LINE_BYTES``, a piece
    of it (then the next segment does not start at a line start). ``cr_only``
    reads CRs as LFs.
    """
    limit = config.MAX_LINE_BYTES
    carry = b""
    carry_at_start = True
    for block in chunks:
        if cr_only:
            block = block.replace(b"\r", b"\n")
        data = carry + block if carry else block
        last_newline = data.rfind(b"\n")
        if last_newline < 0:
            carry = data
        else:
            complete, carry = data[:last_newline + 1], data[last_newline + 1:]
            cut = 0
            at_start = carry_at_start
            for match in _CANDIDATE_LINE.finditer(complete):
                if match.start() + 1 > cut:
                    yield complete[cut:match.start() + 1], at_start
                    cut, at_start = match.start() + 1, True
            yield complete[cut:], at_start
            carry_at_start = True
        if len(carry) >= limit:
            yield carry, carry_at_start
            carry, carry_at_start = b"", False
    if carry:
        yield carry, carry_at_start


_BLANK_AT_START = re.compile(rb"\r*\n")
_BLANK_AFTER_LINE = re.compile(rb"\n(\r*\n)")  # CRs before the LF: CRLF and broken CRCRLF exports
_TAIL_BYTES = 8


def _blank_line_at(chunk: bytes, at_line_start: bool) -> tuple[int, int]:
    """(index, length) of the first blank line in ``chunk``, or (-1, 0)."""
    if at_line_start and (match := _BLANK_AT_START.match(chunk)):
        return 0, match.end()
    match = _BLANK_AFTER_LINE.search(chunk)
    return (match.start(1), len(match.group(1))) if match else (-1, 0)


def _trailing_blank_length(tail: bytes) -> int:
    """The length of the blank line ``tail`` ends with (0 if its last line is not blank)."""
    if not tail.endswith(b"\n"):
        return 0
    before = tail[:-1].rstrip(b"\r")
    return len(tail) - len(before) if before.endswith(b"\n") else 0


class MessageBuffer:
    """One message's bytes, within the header and message size limits."""

    def __init__(self) -> None:
        self.header: list[bytes] = []
        self.separator = b""  # the blank line that ends the header section
        self.body: list[bytes] = []
        self.header_bytes = 0
        self.body_bytes = 0
        self.size = 0
        self.tail = b"\n"  # the last bytes added (a message starts at a line start)
        self.in_header = True
        self.oversized = False
        self.defects: list[str] = []

    def add(self, chunk: bytes, at_line_start: bool = True) -> None:
        if not chunk:
            return
        self.size += len(chunk)
        self.tail = (self.tail + chunk[-_TAIL_BYTES:])[-_TAIL_BYTES:]
        if self.in_header:
            index, length = _blank_line_at(chunk, at_line_start)
            head = chunk if index < 0 else chunk[:index]
            room = config.MAX_HEADER_BYTES - self.header_bytes
            if len(head) > room and "OversizedHeaderSection" not in self.defects:
                self.defects.append("OversizedHeaderSection")
            if room > 0 and head:
                self.header.append(head[:room])
                self.header_bytes += min(len(head), room)
            if index < 0:
                return
            self.in_header, self.separator = False, chunk[index:index + length]
            chunk = chunk[index + length:]
        self._add_body(chunk)

    def _add_body(self, chunk: bytes) -> None:
        if self.oversized or not chunk:
            return
        if self.header_bytes + self.body_bytes + len(chunk) > config.MAX_MESSAGE_BYTES:
            self.oversized, self.body, self.body_bytes = True, [], 0
            self.defects.append("OversizedMessage")
            return
        self.body.append(chunk)
        self.body_bytes += len(chunk)

    def ends_with_blank_line(self) -> bool:
        return self.size > 0 and _trailing_blank_length(self.tail) > 0

    def drop_trailing_blank(self) -> None:
        """Forget the blank line that separates this message from the next one in an mbox."""
        length = _trailing_blank_length(self.tail) if self.size else 0
        if not length:
            return
        self.size -= length
        if self.body:
            self.body[-1] = self.body[-1][:-length]
        elif not self.oversized and self.separator:
            self.separator = b""

    def data(self) -> bytes:
        """The bytes kept: the whole message, or its header section alone when it is too large."""
        header = b"".join(self.header)
        if header and not header.endswith(b"\n") and (self.separator or self.body):
            header += b"\n"  # a header section cut mid-line still ends before the body
        return header + self.separator + b"".join(self.body)


def oversized_header_only(handle: BinaryIO, name: str, stop: StreamStop) -> MessageBuffer:
    """The header section of a message file too large to read whole (the body is not read)."""
    buffer = MessageBuffer()
    buffer.oversized = True
    buffer.defects.append("OversizedMessage")
    for chunk, at_line_start in segments(blocks(handle, name, stop)):
        buffer.add(chunk, at_line_start)
        if not buffer.in_header:
            break
    return buffer
