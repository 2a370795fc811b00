"""Ingest straight from IMAP, read-only, against a real Dovecot started for these tests.

The fixture runs a private ``dovecot -F -c <tmp>/dovecot.conf`` on a free localhost port (its
own passwd-file, Maildir in a temporary folder, no TLS, nothing system-wide) and fills it with
APPEND: the sample notices in a folder whose name has a space, a non-ASCII letter and an '&'
(modified UTF-7), and a generated inbox. Skipped with a reason when Dovecot is not installed
(``make dovecot`` installs it as root).
"""
from __future__ import annotations

import imaplib
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from toolkit import cli
from toolkit.ingest import ingest
from toolkit.schemas import RESULTS, TABLES
from toolkit.sources import imap, mbox, read_raw
from toolkit.synth import generate

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "samples"
USER = "tester@example.org"  # an '@' in the user name, as most providers have it
PASSWORD = "pä$$ word \"quoted\""  # non-ASCII, spaces, quotes: never to be seen in any output
SAMPLES_FOLDER = "Backscatter Ünïcode & more"
SYNTH_SCALE = 1.0  # ~1300 messages: enough batches and reconnects, parsed twice in well under a minute
LOCATION_COLUMNS = ("source", "location", "source_format", "msg_key")
DOVECOT_START_SECONDS = 15
DOVECOT_STOP_SECONDS = 3
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])

# -------------------------------------------------------------------- units (no server needed)

MUTF7 = [  # Unicode name, modified UTF-7 (RFC 3501 5.1.3)
    ("INBOX", "INBOX"),
    ("Entwürfe", "Entw&APw-rfe"),
    ("R&D", "R&-D"),
    ("Отправленные", "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-"),
    ("送信済み", "&kAFP4W4IMH8-"),
    ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
]


@pytest.mark.parametrize(("name", "encoded"), MUTF7)
def test_modified_utf7_both_ways(name, encoded):
    assert imap.encode_mutf7(name) == encoded
    assert imap.decode_mutf7(encoded) == name


URLS = [  # URL as typed -> scheme, user, host, port, folder (Unicode), readable source
    ("imaps://me@mail.example.org/INBOX", ("imaps", "me", "mail.example.org", 993, "INBOX"),
     "imaps://me@mail.example.org/INBOX"),
    ("imap://me%40example.org@127.0.0.1:1143/Sent%20Items", ("imap", "me@example.org", "127.0.0.1", 1143, "Sent Items"),
     "imap://me%40example.org@127.0.0.1:1143/Sent Items"),
    ("imaps://me@Host.Example:993/Entw%C3%BCrfe", ("imaps", "me", "host.example", 993, "Entwürfe"),
     "imaps://me@host.example/Entwürfe"),
    ("imaps://me@host/Entw&APw-rfe", ("imaps", "me", "host", 993, "Entwürfe"), "imaps://me@host/Entwürfe"),
    ("imaps://me@host/R&D", ("imaps", "me", "host", 993, "R&D"), "imaps://me@host/R&D"),
    ("IMAPS://me@[::1]:10993/Archive/2024", ("imaps", "me", "::1", 10993, "Archive/2024"),
     "imaps://me@[::1]:10993/Archive/2024"),
]


@pytest.mark.parametrize(("text", "fields", "source"), URLS)
def test_folder_urls(text, fields, source):
    url = imap.FolderURL.parse(text)
    assert (url.scheme, url.user, url.host, url.port, url.folder) == fields
    assert str(url) == source
    assert imap.FolderURL.parse(url.encoded()) == url


def test_message_location_is_an_rfc5092_url():
    url = imap.FolderURL.parse("imaps://me@host/Sent Items")
    assert url.message_url(385759045, 20) == "imaps://me@host/Sent%20Items;UIDVALIDITY=385759045/;UID=20"


BAD_URLS = [  # URL, what the one-line error must say
    ("imaps://me:secret@host/INBOX", "never put the password in the URL"),
    ("imaps://host/INBOX", "needs a user name"),
    ("imaps://me@host:99999/INBOX", "bad port"),
    ("imaps://me@host/INBOX;UID=4", "not a message"),
    ("imaps://me@host/", "expected imaps://"),
    ("imaps://me@host/Entw%FCrfe", "not UTF-8"),
]


@pytest.mark.parametrize(("text", "error"), BAD_URLS)
def test_bad_urls_give_one_clear_error(text, error, capsys):
    assert cli.main(["ingest", text, "--out", "/nonexistent/never-written", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert error in err and "Traceback" not in err and "secret" not in err


UID_SETS = [([1], "1"), ([1, 2, 3], "1:3"), ([1, 2, 3, 7, 9, 10], "1:3,7,9:10"), ([5, 7], "5,7")]


@pytest.mark.parametrize(("uids", "text"), UID_SETS)
def test_uid_sets_are_compact(uids, text):
    assert imap._uid_set(uids) == text


def test_fetch_answers_are_read_whatever_the_item_order():
    data = [(b"1 (UID 7 BODY[] {3}", b"abc"), b")", b"2 (FLAGS (\\Seen))",
            (b"3 (BODY[] {2}", b"de"), b" UID 9)"]
    assert list(imap._bodies(data)) == [(7, b"abc"), (9, b"de")]


def test_no_password_and_no_terminal_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.delenv(imap.PASSWORD_ENV, raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli.main(["ingest", "imap://me@127.0.0.1:9/INBOX", "--out", "/nonexistent/x", "--quiet"]) == 2
    assert imap.PASSWORD_ENV in capsys.readouterr().err


def test_an_unwritable_mirror_is_a_clear_error_not_a_retry(tmp_path, monkeypatch, capsys):
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv(imap.MIRROR_ENV, str(tmp_path / "file"))
    monkeypatch.setenv(imap.PASSWORD_ENV, "x")
    assert cli.main(["ingest", "imap://me@127.0.0.1:9/INBOX", "--out", str(tmp_path / "out"), "--quiet"]) == 2
    assert "cannot write the IMAP mirror" in capsys.readouterr().err


# -------------------------------------------------------------------- a private Dovecot

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _accounts() -> tuple[str, int, int]:
    """(service user, mail uid, mail gid): the current user, or nobody when root (Dovecot refuses root)."""
    if os.getuid() != 0:
        me = pwd.getpwuid(os.getuid())
        return me.pw_name, me.pw_uid, me.pw_gid
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_name, nobody.pw_uid, nobody.pw_gid


def _self_signed(home: Path) -> Path | None:
    """A certificate for 127.0.0.1 made with the openssl command, or None without it (TLS tests skip)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(home / "key.pem"), "-out", str(home / "cert.pem"), "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], check=True, capture_output=True)
    return home / "cert.pem"


def _tls_conf(home: Path, tls_port: int | None) -> str:
    if tls_port is None:
        return "ssl = no\n"
    return f"ssl = yes\nssl_cert = <{home}/cert.pem\nssl_key = <{home}/key.pem\n"


def _dovecot_conf(home: Path, port: int, tls_port: int | None, service_user: str, uid: int, gid: int) -> str:
    return f"""\
base_dir = {home}/run
state_dir = {home}/state
log_path = {home}/dovecot.log
protocols = imap
listen = 127.0.0.1
{_tls_conf(home, tls_port)}disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {service_user}
default_login_user = {service_user}
first_valid_uid = {uid}
mail_fsync = never
mail_location = maildir:{home}/mail/%n
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {home}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={home}/home/%n
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port or 0}
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    user = {service_user}
  }}
  unix_listener stats-writer {{
    user = {service_user}
  }}
}}
"""


class Dovecot:
    def __init__(self, binary: str):
        self.home = Path(tempfile.mkdtemp(prefix="backscatter-dovecot-"))  # not under pytest's 0700 tmp
        self.port = _free_port()
        self.ca = _self_signed(self.home)  # imaps:// and STARTTLS when openssl is there
        self.tls_port = _free_port() if self.ca else None
        service_user, uid, gid = _accounts()
        for sub in ("mail", "home"):
            (self.home / sub).mkdir()
            os.chown(self.home / sub, uid, gid)
        self.home.chmod(0o755)
        (self.home / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        (self.home / "dovecot.conf").write_text(_dovecot_conf(self.home, self.port, self.tls_port, service_user, uid,
                                                                       gid))
        with open(self.home / "stderr.log", "wb") as stderr:
            self.proc = subprocess.Popen([binary, "-F", "-c", str(self.home / "dovecot.conf")],
                                         stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + DOVECOT_START_SECONDS
        while time.monotonic() < deadline:
            try:
                self.client().logout()
                return
            except (OSError, imaplib.IMAP4.error):
                if self.proc.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        pytest.fail(f"dovecot did not start: {self.log()}")

    def log(self) -> str:
        path = self.home / "dovecot.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else "(no log)"

    def client(self) -> imaplib.IMAP4:
        """The test's own connection (it may write; the toolkit never does)."""
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        conn.authenticate("PLAIN", lambda _: f"\0{USER}\0{PASSWORD}".encode())
        return conn

    def url(self, folder: str, port: int | None = None, scheme: str = "imap") -> str:
        return f"{scheme}://{USER.replace('@', '%40')}@127.0.0.1:{port or self.port}/{folder}"

    def flags(self, folder: str) -> dict[int, frozenset[bytes]]:
        """UID -> flags, read with EXAMINE (\\Recent is per session and left out)."""
        conn = self.client()
        try:
            conn.select(imap._quoted(folder), readonly=True)
            _, data = conn.uid("FETCH", "1:*", "(FLAGS)")
        finally:
            conn.logout()
        out = {}
        for line in data:
            uid = int(re.search(rb"UID (\d+)", line).group(1))
            flags = re.search(rb"FLAGS \(([^)]*)\)", line).group(1).split()
            out[uid] = frozenset(f for f in flags if f != b"\\Recent")
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(DOVECOT_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.home, ignore_errors=True)


def _append_all(conn: imaplib.IMAP4, folder: str, messages: list[bytes]) -> None:
    conn.create(imap._quoted(folder))
    for data in messages:
        typ, answer = conn.append(imap._quoted(folder), None, None, data)
        assert typ == "OK", answer


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The generated inbox as an mbox (its messages are APPENDed to the server's INBOX)."""
    out = tmp_path_factory.mktemp("synth")
    generate(out, seed=11, scale=SYNTH_SCALE)
    return out / "mail" / "Inbox.mbox"


@pytest.fixture(scope="module")
def server(corpus):
    binary = shutil.which("dovecot", path=SEARCH_PATH)
    if binary is None:
        pytest.skip("Dovecot is not installed (`make dovecot` installs Debian's dovecot-imapd as root)")
    dovecot = Dovecot(binary)
    try:
        conn = dovecot.client()
        _append_all(conn, SAMPLES_FOLDER, [p.read_bytes() for p in sorted(SAMPLES.glob("*.eml"))])
        for raw in mbox.read(corpus):
            typ, answer = conn.append("INBOX", None, None, raw.data)
            assert typ == "OK", answer
        conn.select("INBOX")
        every_third = ",".join(str(uid) for uid in range(1, 10_000, 3))
        conn.uid("STORE", every_third, "+FLAGS", "(\\Seen)")  # some read, some flagged, most unread
        conn.uid("STORE", "1:50", "+FLAGS", "(\\Flagged)")
        conn.logout()
        dovecot.before = {folder: dovecot.flags(folder) for folder in ("INBOX", SAMPLES_FOLDER)}
        yield dovecot
    finally:
        dovecot.stop()


@pytest.fixture
def mirrors(server, tmp_path, monkeypatch) -> Path:
    """A fresh mirror folder per test, the password in the environment, the test server's certificate trusted."""
    if server.ca:
        monkeypatch.setenv("SSL_CERT_FILE", str(server.ca))
    monkeypatch.setenv(imap.MIRROR_ENV, str(tmp_path / "imap"))
    monkeypatch.setenv(imap.PASSWORD_ENV, PASSWORD)
    monkeypatch.setattr(imap, "RECONNECT_PAUSE_SECONDS", 0.05)
    return tmp_path / "imap"


def _tables(out: Path) -> dict[str, pl.DataFrame]:
    """Every table with where-it-came-from columns replaced by the message's position."""
    frames = {name: pl.read_parquet(out / f"{name}.parquet") for name in (*TABLES, *RESULTS)}
    keys = frames["messages"].select("msg_key", "position")
    # Runs are numbered by start time, ties by message key, and keys differ between sources: compare
    # the runs as groups of messages (each named by its first member's position), not by their numbers.
    runs = (frames["messages"].filter(pl.col("campaign_id").is_not_null())
            .group_by("campaign_id").agg(run=pl.col("position").min().cast(pl.String)))
    named = dict(zip(runs["campaign_id"].to_list(), runs["run"].to_list()))
    tables = {}
    for name, frame in frames.items():
        if "campaign_id" in frame.columns:
            frame = frame.with_columns(pl.col("campaign_id").replace_strict(named, default=None, return_dtype=pl.String))
        if "msg_key" in frame.columns and name != "messages":
            frame = frame.join(keys.rename({"position": "msg_position"}), on="msg_key", how="left")
        tables[name] = frame.drop([c for c in LOCATION_COLUMNS if c in frame.columns])
    return tables


def _assert_same_tables(left: Path, right: Path) -> None:
    a, b = _tables(left), _tables(right)
    for name in a:
        try:
            assert_frame_equal(a[name], b[name], check_row_order=False, check_column_order=False)
        except AssertionError as exc:
            raise AssertionError(f"table {name}: {exc}") from None


def test_imap_gives_the_same_tables_as_the_mbox(server, corpus, mirrors, tmp_path):
    from_imap = ingest([server.url("INBOX")], tmp_path / "imap-out", cache_dir=tmp_path / "cache", progress=False)
    from_mbox = ingest([corpus], tmp_path / "mbox-out", cache_dir=tmp_path / "cache", progress=False)
    assert from_imap.counts["messages"] == from_mbox.counts["messages"] == len(server.before["INBOX"])
    _assert_same_tables(tmp_path / "imap-out", tmp_path / "mbox-out")
    messages = pl.read_parquet(tmp_path / "imap-out" / "messages.parquet")
    assert messages["source"].unique().to_list() == [server.url("INBOX")]
    validity = imap._read_state(imap.mirror_dir(server.url("INBOX")))["uidvalidity"]
    assert messages["location"][0] == f"{server.url('INBOX')};UIDVALIDITY={validity}/;UID=1"
    assert server.flags("INBOX") == server.before["INBOX"]


def test_utf7_folder_gives_the_same_tables_as_the_files(server, mirrors, tmp_path):
    url = server.url(SAMPLES_FOLDER.replace(" ", "%20"))
    ingest([url], tmp_path / "imap-out", cache_dir=tmp_path / "cache", progress=False)
    files = tmp_path / "eml"  # the same .eml files the folder holds (not the samples' subfolders)
    files.mkdir()
    for sample in sorted(SAMPLES.glob("*.eml")):
        (files / sample.name).write_bytes(sample.read_bytes())
    ingest([files], tmp_path / "eml-out", cache_dir=tmp_path / "cache", progress=False)
    _assert_same_tables(tmp_path / "imap-out", tmp_path / "eml-out")
    messages = pl.read_parquet(tmp_path / "imap-out" / "messages.parquet")
    assert messages["source"].unique().to_list() == [server.url(SAMPLES_FOLDER)]
    assert messages["location"].str.contains("Backscatter%20%C3%9Cn%C3%AFcode%20&%20more;UIDVALIDITY=").all()
    raw = read_raw(messages["source"][0], "imap", messages["location"][0])
    assert raw == sorted(SAMPLES.glob("*.eml"))[0].read_bytes()
    assert server.flags(SAMPLES_FOLDER) == server.before[SAMPLES_FOLDER]


READ_ONLY_COMMANDS = {"CAPABILITY", "AUTHENTICATE", "LOGIN", "STARTTLS", "EXAMINE", "LIST", "UID", "LOGOUT"}


def test_only_read_only_commands_are_sent_and_a_second_sync_fetches_nothing(server, mirrors, monkeypatch):
    sent: list[tuple] = []
    original = imaplib.IMAP4._command

    def record(self, name, *args):
        sent.append((name, *[a.decode() if isinstance(a, bytes) else str(a) for a in args]))
        return original(self, name, *args)

    monkeypatch.setattr(imaplib.IMAP4, "_command", record)
    _, first = imap.sync(server.url("INBOX"), progress=False)
    _, second = imap.sync(server.url("INBOX"), progress=False)
    assert first.fetched == first.on_server == len(server.before["INBOX"]) and not first.warnings
    assert second.fetched == 0 and second.on_server == first.on_server and not second.warnings
    assert {name for name, *_ in sent} <= READ_ONLY_COMMANDS
    assert ("STARTTLS" in {name for name, *_ in sent}) == bool(server.ca)  # offered, so used
    fetches = [args for name, *args in sent if name == "UID"]
    assert all(args[0] == "FETCH" and args[2] in ("(RFC822.SIZE)", "(UID BODY.PEEK[])") for args in fetches)
    body_fetches = [args for args in fetches if "BODY.PEEK" in args[2]]
    assert 1 < len(body_fetches) <= len(server.before["INBOX"]) // imap.BATCH_MESSAGES + 1  # batched
    assert server.flags("INBOX") == server.before["INBOX"]


def test_second_ingest_is_served_from_mirror_and_cache(server, mirrors, tmp_path, capsys):
    args = ["ingest", server.url(SAMPLES_FOLDER), "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c"),
            "--quiet"]
    assert cli.main(args) == 0
    assert cli.main(args) == 0
    out = capsys.readouterr()
    assert "(0 parsed, 1 from cache)" in out.out
    seen = out.out + out.err + (tmp_path / "out" / "manifest.json").read_text()
    for path in [*(tmp_path / "out").rglob("*"), *(tmp_path / "c").rglob("*"), *mirrors.rglob("*.json")]:
        seen += path.read_bytes().decode("latin-1") if path.is_file() else ""
    assert PASSWORD not in seen and PASSWORD.encode("utf-8").decode("latin-1") not in seen


class DroppingProxy:
    """Forwards to the server and cuts the first ``drops`` connections after ``limit`` bytes from it."""

    def __init__(self, target: int, limit: int, drops: int):
        self.target, self.limit, self.drops = target, limit, drops
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            limit = self.limit if self.connections <= self.drops else None
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(client, upstream, None), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, limit), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket, limit: int | None) -> None:
        passed = 0
        try:
            while data := src.recv(65536):
                if limit is not None and passed + len(data) >= limit:
                    dst.sendall(data[:limit - passed])
                    break
                dst.sendall(data)
                passed += len(data)
        except OSError:
            pass
        for sock in (src, dst):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def close(self) -> None:
        self.listener.close()


def _total_bytes(server) -> int:
    conn = server.client()
    conn.select("INBOX", readonly=True)
    sizes = imap._uid_sizes(conn, len(server.before["INBOX"]))
    conn.logout()
    return sum(sizes.values())


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 20 messages, so that a connection cut every few hundred KB still makes progress."""
    monkeypatch.setattr(imap, "BATCH_MESSAGES", 20)


def test_dropped_connections_are_resumed_to_the_last_message(server, mirrors, small_batches):
    proxy = DroppingProxy(server.port, limit=_total_bytes(server) // 3, drops=2)
    try:
        folder, result = imap.sync(server.url("INBOX", port=proxy.port), progress=False)
    finally:
        proxy.close()
    assert proxy.connections == 3 and result.reconnects == 2
    assert result.fetched == result.on_server == len(imap.list_files(folder)) == len(server.before["INBOX"])
    assert not result.warnings and result.missing == 0
    assert server.flags("INBOX") == server.before["INBOX"]


def test_a_server_that_keeps_dropping_leaves_a_warning_and_what_was_fetched(server, mirrors, small_batches,
                                                                            tmp_path, capsys):
    total = _total_bytes(server)
    proxy = DroppingProxy(server.port, limit=total // 8, drops=10**6)
    url = server.url("INBOX", port=proxy.port)
    try:
        code = cli.main(["ingest", url, "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c"), "--quiet"])
        err = capsys.readouterr().err
        assert code == 0 and "Traceback" not in err
        assert proxy.connections == imap.MAX_RECONNECTS + 1
        rows = pl.read_parquet(tmp_path / "out" / "messages.parquet").height
        missing = len(server.before["INBOX"]) - rows
        assert 0 < rows and missing > 0
        state = imap._read_state(imap.mirror_dir(url))["last_sync"]
        assert state["missing"] == missing and state["reconnects"] == imap.MAX_RECONNECTS
        assert f"{missing} are NOT in the tables" in err and "run ingest again" in err
        manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
        assert any(f"{missing} are NOT in the tables" in w for w in manifest["warnings"])
        proxy.drops = proxy.connections  # the connection is good again: the next run fetches only the rest
        _, result = imap.sync(url, progress=False)
    finally:
        proxy.close()
    assert result.fetched == missing and not result.warnings


def test_deleted_messages_leave_the_mirror_and_a_new_uidvalidity_drops_it(server, mirrors, tmp_path):
    folder = "Churn"
    conn = server.client()
    _append_all(conn, folder, [p.read_bytes() for p in sorted(SAMPLES.glob("*.eml"))[:4]])
    source, _ = imap.sync(server.url(folder), progress=False)
    conn.select(folder)
    conn.uid("STORE", "2", "+FLAGS", "(\\Deleted)")
    conn.expunge()
    _, before = imap.sync(server.url(folder), progress=False)
    assert before.fetched == 0 and [f[-8:] for f in imap.list_files(source)] == ["0001.eml", "0003.eml", "0004.eml"]
    conn.close()
    conn.delete(folder)  # recreated under the same name: the server must give it a new UIDVALIDITY
    _append_all(conn, folder, [p.read_bytes() for p in sorted(SAMPLES.glob("*.eml"))[3:5]])
    conn.logout()
    source, after = imap.sync(server.url(folder), progress=False)
    assert after.uidvalidity != before.uidvalidity and after.fetched == 2
    assert [p.name for p in source.mirror.iterdir() if p.is_dir()] == [str(after.uidvalidity)]
    assert len(imap.list_files(source)) == 2


def test_imaps_checks_the_certificate(server, mirrors, tmp_path, monkeypatch, capsys):
    if not server.ca:
        pytest.skip("no openssl command to make the test server's certificate")
    url = server.url(SAMPLES_FOLDER, port=server.tls_port, scheme="imaps")
    _, result = imap.sync(url, progress=False)
    assert result.fetched == len(list(SAMPLES.glob("*.eml"))) and not result.warnings
    monkeypatch.delenv("SSL_CERT_FILE")  # a self-signed certificate the system does not trust
    monkeypatch.setenv(imap.MIRROR_ENV, str(tmp_path / "other"))
    assert cli.main(["ingest", url, "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "CERTIFICATE_VERIFY_FAILED" in err and "Traceback" not in err


def test_a_message_served_without_content_is_reported_missing(server, mirrors, monkeypatch):
    real = imap._bodies
    monkeypatch.setattr(imap, "_bodies", lambda data: [(uid, body) for uid, body in real(data) if uid != 2])
    folder, result = imap.sync(server.url(SAMPLES_FOLDER.replace(" ", "%20")), progress=False)
    assert result.missing == 1 and len(imap.list_files(folder)) == result.on_server - 1
    assert "1 message(s) listed by the server came without content" in " ".join(result.warnings)


def test_an_imap_sent_folder_can_be_named_with_sent(server, mirrors, tmp_path):
    url = server.url(SAMPLES_FOLDER.replace(" ", "%20"))  # spelt otherwise than the source column
    assert cli.main(["ingest", str(SAMPLES / "aol.eml"), "--sent", url, "--out", str(tmp_path / "out"),
                     "--cache-dir", str(tmp_path / "c"), "--quiet"]) == 0
    roles = pl.read_parquet(tmp_path / "out" / "messages.parquet").group_by("source_format").agg(
        pl.col("mailbox_role").unique())
    assert dict(roles.iter_rows()) == {"eml": ["inbox"], "imap": ["sent"]}


def test_an_empty_folder_gives_empty_tables(server, mirrors, tmp_path):
    conn = server.client()
    conn.create("Empty")
    conn.logout()
    report = ingest([server.url("Empty"), SAMPLES / "aol.eml"], tmp_path / "out", cache_dir=tmp_path / "c",
                    progress=False)
    assert report.counts["messages"] == 1 and len(report.sources) == 2


def test_unknown_folder_and_wrong_password_are_one_line_errors(server, mirrors, monkeypatch, capsys):
    assert cli.main(["ingest", server.url("No%20such"), "--out", "/nonexistent/x", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "cannot open the folder" in err and "INBOX" in err and "Traceback" not in err
    monkeypatch.setenv(imap.PASSWORD_ENV, "wrong")
    assert cli.main(["ingest", server.url("INBOX"), "--out", "/nonexistent/x", "--quiet"]) == 2
    assert "login refused" in capsys.readouterr().err
