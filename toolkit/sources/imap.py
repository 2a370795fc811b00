"""IMAP folders, read-only: mirror a folder's new messages locally, then read them like a folder of files.

``backscatter ingest imaps://user@host/INBOX`` syncs the folder into a mirror under
``data/interim/imap/<hash>/<UIDVALIDITY>/<UID>.eml`` (one file per message, only the
UIDs not mirrored yet are fetched) and the mirror is then parsed like any other
folder source, so the tables are the same as for an export. The server is never
changed: the folder is opened with EXAMINE, messages are fetched with
BODY.PEEK[] (no \\Seen), and no STORE, EXPUNGE, COPY or APPEND is ever sent.

A UIDVALIDITY change drops the folder's mirror (its UIDs mean other messages
now). A connection that drops halfway is reopened a bounded number of times
and the sync resumes from what is already mirrored; if it keeps failing, what
was fetched is kept and a warning says how many messages are missing.

The password comes from ``$BACKSCATTER_IMAP_PASSWORD`` or an interactive
prompt, never from the URL, and is written nowhere.
"""
from __future__ import annotations

import base64
import fcntl
import getpass
import hashlib
import imaplib
import ipaddress
import json
import os
import re
import shutil
import ssl
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import quote, unquote

from tqdm.auto import tqdm

from .. import config
from ..errors import ToolkitError

FORMAT = "imap"
SCHEMES = {"imap": 143, "imaps": 993}  # scheme -> default port
PASSWORD_ENV = "BACKSCATTER_IMAP_PASSWORD"
MIRROR_ENV = "BACKSCATTER_IMAP_DIR"  # where mirrors live (default data/interim/imap)
BATCH_MESSAGES = 200  # UIDs per FETCH: few round trips, bounded memory
BATCH_BYTES = 32 << 20  # ... and at most this many bytes of mail per FETCH
MAX_RECONNECTS = 3
RECONNECT_PAUSE_SECONDS = 1.0  # times the attempt number
TIMEOUT_SECONDS = 60
STATE_FILE = "folder.json"
MESSAGE_SUFFIX = ".eml"
_URL = re.compile(r"^(imaps?)://([^/]*)/(.+)$", re.I)
_UID_IN_FETCH = re.compile(rb"\bUID (\d+)")
_SIZE_IN_FETCH = re.compile(rb"\bUID (\d+)|\bRFC822\.SIZE (\d+)")
_LOCATION = re.compile(r";UIDVALIDITY=(\d+)/;UID=(\d+)$")
_MUTF7_RUN = re.compile(r"&([A-Za-z0-9+,]*)-")
_LIST_NAME = re.compile(rb'^\([^)]*\) (?:"[^"]*"|NIL) (.+)$')  # LIST: (flags) "delimiter" name
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# What a dropped or dead connection raises; answered by reconnecting.
_CONNECTION_ERRORS = (imaplib.IMAP4.abort, OSError, EOFError)


class ImapError(ToolkitError):
    """The server cannot be used as asked (bad URL, login refused, no such folder): one clear line."""


class MirrorError(ToolkitError):
    """The local mirror cannot be written (disk full, no permission): not a connection problem to retry."""


@contextmanager
def _local_disk(mirror: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise MirrorError(f"cannot write the IMAP mirror {mirror}: {exc.strerror or exc}") from None


# ---------------------------------------------------------------- folder names and URLs

def encode_mutf7(name: str) -> str:
    """A folder name in IMAP's modified UTF-7 (RFC 3501 5.1.3), as the server knows it."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            packed = base64.b64encode("".join(run).encode("utf-16-be")).rstrip(b"=").replace(b"/", b",")
            out.append("&" + packed.decode("ascii") + "-")
            run.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            run.append(char)
    flush()
    return "".join(out)


def decode_mutf7(name: str) -> str:
    """The Unicode name of a modified UTF-7 folder name; raises ValueError when it is not valid."""
    def one(match: re.Match) -> str:
        packed = match.group(1)
        if not packed:
            return "&"
        raw = packed.replace(",", "/")
        data = base64.b64decode(raw + "=" * (-len(raw) % 4), validate=True)
        return data.decode("utf-16-be")

    decoded = _MUTF7_RUN.sub(one, name)
    if "&" in _MUTF7_RUN.sub("", name):
        raise ValueError(f"unterminated '&' in {name!r}")
    return decoded


def _folder_name(path: str) -> str:
    """The folder's Unicode name from a URL path: %-encoded UTF-8 (RFC 5092), or modified UTF-7 as typed."""
    name = unquote(path, errors="strict")
    if name.isascii() and "&" in name:
        try:
            return decode_mutf7(name)
        except (ValueError, UnicodeDecodeError):
            return name  # a literal '&' (e.g. "R&D")
    return name


@dataclass(frozen=True)
class FolderURL:
    """``imap[s]://user@host[:port]/folder``: one folder of one account, without any password."""

    scheme: str
    user: str
    host: str
    port: int
    folder: str  # Unicode; sent as modified UTF-7

    @classmethod
    def parse(cls, text: str) -> "FolderURL":
        match = _URL.match(str(text).strip())
        if not match:
            raise ImapError(f"{text}: expected imaps://user@host[:port]/FOLDER")
        scheme, authority, path = match.group(1).lower(), match.group(2), match.group(3)
        userinfo, at, hostport = authority.rpartition("@")
        if ":" in userinfo:
            raise ImapError(f"{scheme}://...: never put the password in the URL (it would be in the shell's "
                            f"history and the process list); set {PASSWORD_ENV} or type it at the prompt")
        if not at or not userinfo:
            raise ImapError(f"{scheme}://{hostport}/...: the URL needs a user name: {scheme}://USER@{hostport}/FOLDER")
        host, port = _host_port(hostport, SCHEMES[scheme])
        if ";" in path:
            raise ImapError(f"{scheme}://{hostport}/...: give a folder, not a message (no ;UID=...)")
        try:
            return cls(scheme, unquote(userinfo, errors="strict"), host, port, _folder_name(path).rstrip("/"))
        except UnicodeDecodeError:
            raise ImapError(f"{scheme}://{hostport}/...: a %-escape in the URL is not UTF-8") from None

    def _authority(self) -> str:
        port = "" if self.port == SCHEMES[self.scheme] else f":{self.port}"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{quote(self.user, safe='')}@{host}{port}"

    def __str__(self) -> str:
        """The readable form used as the tables' ``source``: the folder's name as the user sees it."""
        return f"{self._authority()}/{self.folder}"

    def encoded(self) -> str:
        """The folder's URL with its name %-encoded as RFC 5092 prescribes."""
        return f"{self._authority()}/{quote(self.folder, safe='/&=')}"  # RFC 5092 achar keeps & and =

    def message_url(self, uidvalidity: int, uid: int) -> str:
        """One message's RFC 5092 URL (the tables' ``location``)."""
        return f"{self.encoded()};UIDVALIDITY={uidvalidity}/;UID={uid}"


def _host_port(hostport: str, default: int) -> tuple[str, int]:
    if hostport.startswith("["):
        host, _, rest = hostport[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port = hostport.partition(":")
    if not host:
        raise ImapError(f"{hostport!r}: the URL names no host")
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        raise ImapError(f"{hostport!r}: bad port")
    return host.lower(), int(port) if port else default


def is_url(text: object) -> bool:
    return isinstance(text, str) and bool(re.match(r"^imaps?://", text, re.I))


# ---------------------------------------------------------------- the local mirror

def mirror_root() -> Path:
    return Path(os.environ.get(MIRROR_ENV) or config.INTERIM_DIR / "imap")


def mirror_dir(source: str) -> Path:
    """The mirror of the folder whose readable URL is ``source`` (server, port, user and folder)."""
    digest = hashlib.blake2b(source.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
    return mirror_root() / digest


def _message_name(uid: int) -> str:
    return f"{uid:010d}{MESSAGE_SUFFIX}"  # zero-padded: sorted names are UID order


@dataclass(frozen=True)
class Folder:
    """An IMAP folder standing in for a folder path: ``str()`` is its URL, ``/`` leads into its mirror."""

    url: FolderURL
    mirror: Path = field(compare=False)

    def __str__(self) -> str:
        return str(self.url)

    def __truediv__(self, rel: str) -> Path:
        return self.mirror / rel


def _read_state(mirror: Path) -> dict:
    try:
        return json.loads((mirror / STATE_FILE).read_text())
    except (OSError, ValueError):
        return {}


def _write_state(mirror: Path, state: dict) -> None:
    tmp = mirror / f".{STATE_FILE}.tmp"
    tmp.write_text(json.dumps(state, indent=1))
    os.replace(tmp, mirror / STATE_FILE)


def list_files(folder: Folder) -> tuple[str, ...]:
    """The mirrored messages of the folder's current UIDVALIDITY, in UID order."""
    validity = _read_state(folder.mirror).get("uidvalidity")
    if validity is None:
        return ()
    sub = folder.mirror / str(validity)
    if not sub.is_dir():
        return ()
    return tuple(sorted(f"{validity}/{p.name}" for p in sub.iterdir() if p.name.endswith(MESSAGE_SUFFIX)))


def locations(source: str, files: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(file in the mirror, RFC 5092 URL) of mirrored messages: what a task of an IMAP source reads."""
    url = FolderURL.parse(_read_state(mirror_dir(source)).get("url") or source)
    for rel in files:
        validity, name = rel.split("/", 1)
        yield rel, url.message_url(int(validity), int(name.removesuffix(MESSAGE_SUFFIX)))


def mirror_file(source: str, location: str) -> tuple[Path, str]:
    """(mirror, file in it) of a message named by its ``source`` and ``location`` columns."""
    match = _LOCATION.search(location)
    if not match:
        raise FileNotFoundError(f"{location}: not an IMAP message URL")
    return mirror_dir(source), f"{match.group(1)}/{_message_name(int(match.group(2)))}"


# ---------------------------------------------------------------- talking to the server

def _clean(text: object) -> str:
    """Server text for the console: decoded, control characters removed, bounded."""
    if isinstance(text, (list, tuple)):
        text = b" ".join(t if isinstance(t, bytes) else str(t).encode() for t in text)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return _CONTROL.sub("", str(text))[:300]


def _quoted(name: str) -> str:
    """A folder name as an IMAP quoted string."""
    return '"' + encode_mutf7(name).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_PROMPTED: dict[tuple[str, str, int], str] = {}  # asked once per account and run, kept only in memory


def password_for(url: FolderURL) -> str:
    """From ``$BACKSCATTER_IMAP_PASSWORD``, else a prompt on the terminal; never from the command line."""
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    account = (url.user, url.host, url.port)
    if account not in _PROMPTED:
        if not sys.stdin.isatty():
            raise ImapError(f"{url}: no password: set {PASSWORD_ENV} (or run in a terminal to be asked)")
        _PROMPTED[account] = getpass.getpass(f"IMAP password for {url.user}@{url.host}: ")
    return _PROMPTED[account]


def _connect(url: FolderURL, password: str) -> imaplib.IMAP4:
    """A logged-in connection; TLS for imaps://, STARTTLS for imap:// (clear text only to this machine)."""
    context = ssl.create_default_context()
    if url.scheme == "imaps":
        conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(url.host, url.port, ssl_context=context, timeout=TIMEOUT_SECONDS)
    else:
        conn = imaplib.IMAP4(url.host, url.port, timeout=TIMEOUT_SECONDS)
        if "STARTTLS" in conn.capabilities:
            conn.starttls(context)
        elif not _is_loopback(url.host):
            _close(conn)
            raise ImapError(f"{url}: the server offers no STARTTLS; refusing to send the password in clear "
                            "text to another machine (use imaps://)")
    try:
        if "AUTH=PLAIN" in conn.capabilities:  # PLAIN carries UTF-8 passwords, LOGIN only ASCII
            conn.authenticate("PLAIN", lambda _: f"\0{url.user}\0{password}".encode("utf-8"))
        else:
            conn.login(url.user, password)
    except imaplib.IMAP4.error as exc:
        _close(conn)
        raise ImapError(f"{url}: login refused: {_clean(exc.args[0] if exc.args else exc)}") from None
    return conn


def _close(conn: imaplib.IMAP4) -> None:
    try:
        conn.shutdown()
    except OSError:
        pass  # already gone


def _examine(conn: imaplib.IMAP4, url: FolderURL) -> tuple[int, int]:
    """Open the folder read-only (EXAMINE); returns (UIDVALIDITY, number of messages)."""
    typ, data = conn.select(_quoted(url.folder), readonly=True)  # readonly=True sends EXAMINE
    if typ != "OK":
        raise ImapError(f"{url}: cannot open the folder: {_clean(data)}{_folder_hint(conn)}")
    _, validity = conn.response("UIDVALIDITY")
    if not validity or not validity[-1]:
        raise ImapError(f"{url}: the server sent no UIDVALIDITY")
    return int(validity[-1]), int(data[0] or 0)


def _folder_hint(conn: imaplib.IMAP4) -> str:
    """The account's folders, to help with a misspelt name."""
    try:
        typ, data = conn.list()
    except _CONNECTION_ERRORS + (imaplib.IMAP4.error,):
        return ""
    names = []
    for line in data if typ == "OK" else []:
        match = _LIST_NAME.match(line) if isinstance(line, bytes) else None
        if match:
            raw = match.group(1).decode("ascii", "replace").strip('"')
            try:
                names.append(decode_mutf7(raw))
            except (ValueError, UnicodeDecodeError):
                names.append(raw)
    return f" (the server's folders: {_clean(', '.join(sorted(names)))})" if names else ""


def _uid_sizes(conn: imaplib.IMAP4, count: int) -> dict[int, int]:
    """Every UID of the folder with its size (RFC822.SIZE does not mark anything read)."""
    if count == 0:
        return {}
    typ, data = conn.uid("FETCH", "1:*", "(RFC822.SIZE)")
    if typ != "OK":
        raise imaplib.IMAP4.error(f"UID FETCH (RFC822.SIZE): {_clean(data)}")
    sizes: dict[int, int] = {}
    for line in data:
        if not isinstance(line, bytes):
            continue
        uid = size = None
        for match in _SIZE_IN_FETCH.finditer(line):
            uid = int(match.group(1)) if match.group(1) else uid
            size = int(match.group(2)) if match.group(2) else size
        if uid is not None and size is not None:  # not an unsolicited FLAGS update
            sizes[uid] = size
    return sizes


def _uid_set(uids: list[int]) -> str:
    """Sorted UIDs as a compact IMAP sequence set (``1:200,305``)."""
    parts, start, prev = [], uids[0], uids[0]
    for uid in uids[1:]:
        if uid != prev + 1:
            parts.append(f"{start}:{prev}" if prev != start else str(start))
            start = uid
        prev = uid
    parts.append(f"{start}:{prev}" if prev != start else str(start))
    return ",".join(parts)


def _bodies(data: list) -> Iterator[tuple[int, bytes]]:
    """(UID, message) pairs of a ``UID FETCH (BODY.PEEK[])`` answer, whatever the item order."""
    for i, item in enumerate(data):
        if not isinstance(item, tuple):
            continue
        head, body = item
        match = _UID_IN_FETCH.search(head)
        if match is None and i + 1 < len(data) and isinstance(data[i + 1], bytes):
            match = _UID_IN_FETCH.search(data[i + 1])  # UID after the literal
        if match is not None and b"BODY[]" in head:
            yield int(match.group(1)), body


def _batches(uids: list[int], sizes: dict[int, int]) -> Iterator[list[int]]:
    batch: list[int] = []
    weight = 0
    for uid in uids:
        if batch and (len(batch) >= BATCH_MESSAGES or weight + sizes.get(uid, 0) > BATCH_BYTES):
            yield batch
            batch, weight = [], 0
        batch.append(uid)
        weight += sizes.get(uid, 0)
    if batch:
        yield batch


def _store(sub: Path, uid: int, body: bytes) -> None:
    """Write one message atomically, with Unix line ends (as an mbox or Maildir export holds it)."""
    tmp = sub / f".{uid}.tmp"
    tmp.write_bytes(body.replace(b"\r\n", b"\n"))
    os.replace(tmp, sub / _message_name(uid))


# ---------------------------------------------------------------- the sync

@dataclass
class SyncResult:
    url: FolderURL
    mirror: Path
    uidvalidity: int | None = None
    on_server: int = 0
    fetched: int = 0
    missing: int = 0  # listed by the server, not mirrored (gave up, or no content)
    reconnects: int = 0
    warnings: list[str] = field(default_factory=list)


class _Sync:
    """One folder's sync, resumable across reconnects: the mirror on disk is the progress."""

    def __init__(self, url: FolderURL, password: str, progress: bool):
        self.url, self.password, self.progress = url, password, progress
        self.result = SyncResult(url, mirror_dir(str(url)))
        self.empty_uids: set[int] = set()  # UIDs the server answered without content
        self._listed: set[int] = set()  # the UIDs the server listed last

    def run(self) -> SyncResult:
        mirror = self.result.mirror
        with _local_disk(mirror):
            mirror.mkdir(parents=True, exist_ok=True)
            lock = open(mirror / ".lock", "w")
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # two ingests of one folder take turns
            self._with_retries()
            self._record()
        return self.result

    def _record(self) -> None:
        """The last sync's figures beside the mirror, for whoever wonders later what the tables lack."""
        state = _read_state(self.result.mirror)
        if state.get("uidvalidity") != self.result.uidvalidity:
            return
        state["last_sync"] = {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                              "on_server": self.result.on_server, "fetched": self.result.fetched,
                              "missing": self.result.missing, "reconnects": self.result.reconnects,
                              "warnings": self.result.warnings}
        with _local_disk(self.result.mirror):
            _write_state(self.result.mirror, state)

    def _with_retries(self) -> None:
        """Sync, reconnecting after a dropped connection; failing before the folder was opened is an error."""
        while True:
            try:
                return self._once()
            except _CONNECTION_ERRORS as exc:
                if self.result.uidvalidity is None:  # never reached the folder: nothing to resume
                    raise ImapError(f"{self.url}: cannot talk to {self.url.host}:{self.url.port}: "
                                    f"{_clean(exc)}") from None
                if self.result.reconnects >= MAX_RECONNECTS:
                    return self._give_up(f"the connection failed {self.result.reconnects + 1} times "
                                         f"(last: {_clean(exc) or type(exc).__name__})")
                self.result.reconnects += 1
                time.sleep(RECONNECT_PAUSE_SECONDS * self.result.reconnects)
            except ImapError as exc:  # e.g. the login refused on a reconnect
                if self.result.uidvalidity is None:
                    raise
                return self._give_up(str(exc))
            except imaplib.IMAP4.error as exc:  # the server refused a command of the sync
                if self.result.uidvalidity is None:
                    raise ImapError(f"{self.url}: the server refused: {_clean(exc)}") from None
                return self._give_up(f"the server refused: {_clean(exc)}")

    def _give_up(self, why: str) -> None:
        """Keep what is mirrored and say plainly how much of the folder is missing."""
        sub = self.result.mirror / str(self.result.uidvalidity)
        have = {int(p.name[:-len(MESSAGE_SUFFIX)]) for p in sub.glob("*" + MESSAGE_SUFFIX)} if sub.is_dir() else set()
        if not self._listed:
            self.result.warnings.append(
                f"{self.url}: {why}; could not list the folder: the tables hold only the {len(have)} message(s) "
                "mirrored by earlier runs, newer ones are missing: run ingest again to fetch them")
            return
        kept = len(have & self._listed)
        self.result.missing = self.result.on_server - kept
        self.result.warnings.append(
            f"{self.url}: {why}; kept the {kept} of {self.result.on_server} message(s) fetched so far, "
            f"{self.result.missing} are NOT in the tables: run ingest again to fetch them")

    def _once(self) -> None:
        conn = _connect(self.url, self.password)
        try:
            validity, count = _examine(conn, self.url)
            if self.result.uidvalidity not in (None, validity):
                self.result.warnings.append(f"{self.url}: UIDVALIDITY changed during the sync; started over")
            self.result.uidvalidity = validity
            with _local_disk(self.result.mirror):
                sub = self._prepare(validity)
            sizes = _uid_sizes(conn, count)
            self._listed = set(sizes)
            self.result.on_server = len(sizes)
            with _local_disk(self.result.mirror):
                self._prune(sub, sizes)
            todo = sorted(uid for uid in sizes if uid not in self.empty_uids
                          and not (sub / _message_name(uid)).exists())
            self._fetch(conn, sub, todo, sizes)
        except BaseException:
            _close(conn)  # a broken connection gets no LOGOUT (it could wait for the time-out)
            raise
        try:
            conn.logout()
        except _CONNECTION_ERRORS + (imaplib.IMAP4.error,):
            pass  # everything is fetched; a lost goodbye changes nothing
        if self.empty_uids & self._listed:
            self.result.missing = len(self.empty_uids & self._listed)
            self.result.warnings.append(
                f"{self.url}: {self.result.missing} message(s) listed by the server came without content "
                "(deleted meanwhile?) and are NOT in the tables")

    def _prepare(self, validity: int) -> Path:
        """The mirror folder for this UIDVALIDITY; mirrors of an older one are dropped."""
        mirror = self.result.mirror
        state = _read_state(mirror)
        if state.get("uidvalidity") != validity:
            for old in mirror.iterdir():
                if old.is_dir():
                    shutil.rmtree(old)
        sub = mirror / str(validity)
        sub.mkdir(exist_ok=True)
        _write_state(mirror, {"url": self.url.encoded(), "source": str(self.url), "uidvalidity": validity})
        return sub

    @staticmethod
    def _prune(sub: Path, sizes: dict[int, int]) -> None:
        """Messages deleted on the server leave the mirror too: the tables show the folder as it is."""
        for path in sub.iterdir():
            if path.name.endswith(MESSAGE_SUFFIX) and int(path.name[:-len(MESSAGE_SUFFIX)]) not in sizes:
                path.unlink()
            elif path.name.endswith(".tmp"):
                path.unlink()

    def _fetch(self, conn: imaplib.IMAP4, sub: Path, todo: list[int], sizes: dict[int, int]) -> None:
        total = sum(sizes[uid] for uid in todo)
        with tqdm(total=total, unit="B", unit_scale=True, desc=f"imap {self.url.folder}"[:40],
                  disable=not self.progress or not todo, file=sys.stderr) as bar:
            for batch in _batches(todo, sizes):
                typ, data = conn.uid("FETCH", _uid_set(batch), "(UID BODY.PEEK[])")
                if typ != "OK":
                    raise imaplib.IMAP4.error(f"UID FETCH: {_clean(data)}")
                got = set()
                with _local_disk(self.result.mirror):
                    for uid, body in _bodies(data):
                        if uid in sizes:
                            _store(sub, uid, body)
                            got.add(uid)
                self.empty_uids |= set(batch) - got
                self.result.fetched += len(got)
                bar.update(sum(sizes[uid] for uid in batch))


def sync(text: str, *, password: str | None = None, progress: bool = True) -> tuple[Folder, SyncResult]:
    """Bring the folder's mirror up to date with the server; returns it as a folder source.

    What went wrong without stopping the sync is in the result's ``warnings`` (``detect``
    hands them on to the ingest's warnings: console and manifest).
    """
    url = FolderURL.parse(text)
    result = _Sync(url, password if password is not None else password_for(url), progress).run()
    return Folder(url, result.mirror), result
