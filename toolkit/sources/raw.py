"""One stored message as a reader hands it on."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawMessage:
    """One message as stored, with what the reader noticed about it.

    ``data`` is the whole message, or only its header section when it is larger than
    ``config.MAX_MESSAGE_BYTES`` (defect ``OversizedMessage``); ``size`` is its full size
    as stored (None: ``len(data)``). ``read_error`` says why a message known to exist
    (a file of a Maildir, say) could not be read at all.
    """

    location: str
    data: bytes
    defects: list[str] = field(default_factory=list)
    size: int | None = None
    read_error: str | None = None

    @property
    def stored_size(self) -> int:
        return len(self.data) if self.size is None else self.size
