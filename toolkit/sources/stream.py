"""Reading a stored message within bounded memory, whatever its size or its container's state.

``blocks`` reads a file (plain or compressed) in fixed blocks and turns damage
(a truncated or corrupt .gz/.bz2/.xz, an I/O error) and decompression bombs
into a warning and the end of the stream: what came before is kept. ``pieces``
cuts the blocks into lines, and lines longer than ``config.MAX_LINE_BYTES``
into pieces, so no single line is ever held whole. ``MessageBuffer`` collects
one message's pieces, keeping at most ``config.MAX_HEADER_BYTES`` of header
section and dropping the body of a message larger than
``config.MAX_MESSAGE_BYTES`` while still counting its size.
"""
from __future__ import annotations

import lzma
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
    while True:
        try:
            block = handle.read(BLOCK_BYTES)
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


def pieces(chunks: Iterator[bytes], cr_only: bool = False) -> Iterator[bytes]:
    """Lines (each ending in LF) of the blocks, a line longer than MAX_LINE_BYTES in several pieces.

    A piece that does not end in LF is continued by the next one. ``cr_only`` reads CRs as LFs.
    """
    limit = config.MAX_LINE_BYTES
    carry = b""
    for block in chunks:
        if cr_only:
            block = block.replace(b"\r", b"\n")
        lines = (carry + block).split(b"\n")
        carry = lines.pop()
        for line in lines:
            while len(line) >= limit:
                yield line[:limit]
                line = line[limit:]
            yield line + b"\n"
        while len(carry) >= limit:
            yield carry[:limit]
            carry = carry[limit:]
    if carry:
        yield carry


def is_blank(piece: bytes) -> bool:
    return piece == b"\n" or piece == b"\r\n"


class MessageBuffer:
    """One message's pieces, within the header and message size limits."""

    def __init__(self) -> None:
        self.header: list[bytes] = []
        self.separator = b""  # the blank line that ends the header section
        self.body: list[bytes] = []
        self.header_bytes = 0
        self.body_bytes = 0
        self.size = 0
        self.in_header = True
        self.line_start = True
        self.oversized = False
        self.defects: list[str] = []

    def add(self, piece: bytes) -> None:
        at_line_start = self.line_start
        self.line_start = piece.endswith(b"\n")
        self.size += len(piece)
        if self.in_header:
            if at_line_start and is_blank(piece):
                self.in_header, self.separator = False, piece
            elif self.header_bytes + len(piece) <= config.MAX_HEADER_BYTES:
                self.header.append(piece)
                self.header_bytes += len(piece)
            elif "OversizedHeaderSection" not in self.defects:
                self.defects.append("OversizedHeaderSection")
            return
        if self.oversized:
            return
        if self.header_bytes + self.body_bytes + len(piece) > config.MAX_MESSAGE_BYTES:
            self.oversized, self.body, self.body_bytes = True, [], 0
            self.defects.append("OversizedMessage")
            return
        self.body.append(piece)
        self.body_bytes += len(piece)

    def drop_trailing_blank(self) -> None:
        """Forget the blank line that separates this message from the next one in an mbox."""
        if self.body and is_blank(self.body[-1]):
            self.size -= len(self.body.pop())
        elif not self.body and not self.oversized and self.separator:
            self.size -= len(self.separator)
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
    for piece in pieces(blocks(handle, name, stop)):
        buffer.add(piece)
        if not buffer.in_header:
            break
    return buffer
