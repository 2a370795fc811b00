"""The e-mail parser every module uses: the standard library's, with an indexed header lookup.

``email.message.Message.get`` lower-cases and compares every field name of the message on each
call, and the analysis asks a message for its fields tens of times: with the 20-60 fields of a
real notification (Received chains, authentication results) that linear scan was the largest
single cost of ingest (15% of its CPU in a profile of a realistic inbox). ``IndexedMessage``
answers the same calls from a dictionary of field name -> values built once, and rebuilds it
whenever the fields change. Results are the same as ``Message``'s (``tests/test_mime.py``
compares both on real corpora).
"""
from __future__ import annotations

from email.message import Message
from email.parser import BytesParser, Parser
from email.policy import compat32

from . import boundaries

boundaries.install()  # no regex compiled per multipart (see boundaries.py)


class IndexedMessage(Message):
    """A compat32 ``Message`` whose field look-ups use a name index instead of a linear scan."""

    _index: dict[str, list] | None = None
    _indexed: tuple[int, int] = (0, -1)  # (id, length) of the field list the index was built from

    def _fields(self) -> dict[str, list]:
        """Field name (lower case) -> its values as ``get_all`` returns them, in message order."""
        headers = self._headers
        state = (id(headers), len(headers))
        if self._index is None or self._indexed != state:
            index: dict[str, list] = {}
            fetch = self.policy.header_fetch_parse
            for name, value in headers:
                index.setdefault(name.lower(), []).append(fetch(name, value))
            self._index, self._indexed = index, state
        return self._index

    def _changed(self) -> None:
        self._index = None

    def get(self, name, failobj=None):
        values = self._fields().get(name.lower())
        return values[0] if values else failobj

    def get_all(self, name, failobj=None):
        values = self._fields().get(name.lower())
        return list(values) if values else failobj

    def __getitem__(self, name):
        return self.get(name)

    def __contains__(self, name):
        return name.lower() in self._fields()

    # Every way the standard library changes a message's fields drops the index (the (id, length)
    # check alone would miss an in-place replace_header, or a list rebuilt at a freed address).
    def set_raw(self, name, value):
        super().set_raw(name, value)
        self._changed()

    def __setitem__(self, name, val):
        super().__setitem__(name, val)
        self._changed()

    def __delitem__(self, name):
        super().__delitem__(name)
        self._changed()

    def replace_header(self, _name, _value):
        super().replace_header(_name, _value)
        self._changed()


# compat32: several times faster than policy.default on bulk mail, and never raises on malformed fields.
BYTES_PARSER = BytesParser(_class=IndexedMessage, policy=compat32)
TEXT_PARSER = Parser(_class=IndexedMessage, policy=compat32)


def parse_bytes(data: bytes) -> IndexedMessage:
    return BYTES_PARSER.parsebytes(data)


def parse_text(text: str) -> IndexedMessage:
    return TEXT_PARSER.parsestr(text)
