"""The set-up every notebook shares, in one call: ``ctx = toolkit.notebook.setup(**params)``.

It finds the corpus (the ``corpus`` parameter, else ``$BACKSCATTER_CORPUS`` as set by
``backscatter lab``, else the built-in sample; relative paths resolve against the project root, not
the notebook's folder), loads its tables from one run, builds the redactor, filters the messages
to the date range, finds the ground-truth labels when the corpus has them, and prepares the
figures for where they are shown (JupyterLab or a static report, see ``plots.show``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import config, overview, plots
from .errors import ToolkitError
from .redact import Redactor, for_corpus
from .store import Tables, corpus_folder, load, read_manifest, snapshot

CORPUS_ENV = "BACKSCATTER_CORPUS"
LABELS_FILE = "labels.jsonl"
# How far above a mailbox's path labels.jsonl may sit (the sample: data/raw/sample/mail/Inbox.mbox).
LABEL_SEARCH_DEPTH = 3
PARAMETERS = ("corpus", "owner", "start", "end", "redact", "labels", "interactive")


def resolve_corpus(corpus: str | Path | None = None) -> Path:
    """The corpus folder to open: the argument, else $BACKSCATTER_CORPUS, else the sample.

    A relative path is taken from the project root (``config.ROOT``), where the README's commands
    run, not from ``notebooks/`` where the kernel starts.
    """
    given = corpus or os.environ.get(CORPUS_ENV) or config.SAMPLE_TABLES_DIR
    path = Path(given).expanduser()
    if not path.is_absolute():
        path = config.ROOT / path
    if not (path.is_dir() and (snapshot(path) / "messages.parquet").exists()):
        hint = ("run `backscatter sample` (or `make report`) to make it" if path == config.SAMPLE_TABLES_DIR
                else f"run `backscatter ingest MAILBOX... --out {given}` first")
        raise ToolkitError(f"{given}: no ingested corpus there (looked in {path}); {hint}")
    return path


def find_labels(corpus: Path, manifest: dict) -> Path | None:
    """``labels.jsonl`` beside the corpus or above one of its mailboxes (a generated corpus has one)."""
    places = [corpus_folder(corpus), snapshot(corpus)]
    for source in manifest.get("sources", []):
        places.extend(list(Path(source.get("path", "")).parents)[:LABEL_SEARCH_DEPTH])
    for place in places:
        candidate = place / LABELS_FILE
        if str(place) not in ("", ".") and candidate.is_file():
            return candidate
    return None


def owner_addresses(manifest: dict, owner: str | None) -> list[str]:
    """The owner's addresses, lower-cased: the parameter, else what ingest inferred."""
    given = [a.strip().lower() for a in (owner or "").split(",") if a.strip()]
    return given or [a.lower() for a in (manifest.get("owner") or {}).get("addresses", [])]


@dataclass
class Context:
    """What a notebook works with: the tables, the messages in range, the redactor, the labels."""

    corpus: Path
    tables: Tables
    manifest: dict
    red: Redactor
    messages: pl.DataFrame
    owner: list[str]
    labels_path: Path | None
    redact: bool
    interactive: bool
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def keys(self) -> pl.DataFrame:
        return self.messages.select("msg_key")

    @property
    def labelled(self) -> pl.DataFrame | None:
        """The messages joined with their labels, or None when the corpus has none."""
        if "labelled" not in self._cache:
            self._cache["labelled"] = overview.with_labels(self.messages, self.labels_path)
        return self._cache["labelled"]

    @property
    def zombies(self) -> pl.DataFrame:
        return overview.zombies_of(self.messages, self.tables.originals, self.tables.zombies)

    @property
    def runs(self) -> pl.DataFrame:
        return overview.runs_of(self.messages, self.tables.campaigns)

    def where(self) -> str:
        """The corpus as a shared report may name it (redacted, no local path)."""
        return str(self.red.path(corpus_folder(self.corpus)))

    def explore(self, rows: int = 50) -> None:
        """The ipywidgets explorer in a live session; nothing in a static report (widgets need a kernel)."""
        if self.interactive:
            from . import explorer

            explorer.show(self.messages, self.red, rows)

    def __repr__(self) -> str:
        return (f"Context({self.where()}: {self.messages.height} messages in range, "
                f"tables {sorted(self.tables)}, labels {'yes' if self.labels_path else 'no'}, "
                f"redact={self.redact}, interactive={self.interactive})")


def setup(corpus: str | Path | None = None, owner: str | None = None, start: str | None = None,
          end: str | None = None, redact: bool = True, labels: str | Path | None = None,
          interactive: bool | None = None) -> Context:
    """Everything a notebook needs before its first figure; prints one line saying what it opened.

    ``interactive`` None means: the explorer in a live session, never in a report.
    """
    plots.setup()
    path = snapshot(resolve_corpus(corpus))
    manifest = read_manifest(path)
    labels_path = Path(labels) if labels else find_labels(path, manifest)
    if labels_path is not None and not labels_path.is_absolute():
        labels_path = config.ROOT / labels_path
    ctx = Context(corpus=path, tables=load(path), manifest=manifest, red=for_corpus(manifest, redact, owner),
                  messages=pl.DataFrame(), owner=owner_addresses(manifest, owner), labels_path=labels_path,
                  redact=redact, interactive=(not plots.for_report()) if interactive is None else bool(interactive))
    ctx.messages = overview.between(ctx.tables.messages, start, end)
    span = f" from {start}" if start else ""
    span += f" before {end}" if end else ""
    print(f"{ctx.messages.height} messages{span} from {ctx.where()}"
          + (" (owner and recipients pseudonymised)" if redact else "")
          + ("; labels found" if labels_path else ""))
    return ctx


def lab_command(corpus: str | Path | None = None, port: int | None = None, browser: bool = True) -> tuple[list[str], dict]:
    """The command and environment that open JupyterLab on the notebooks, pointed at ``corpus``."""
    import sys

    env = dict(os.environ)
    env[CORPUS_ENV] = str(resolve_corpus(corpus))
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={config.NOTEBOOKS_DIR}"]
    if port:
        argv.append(f"--port={port}")
    if not browser:
        argv.append("--no-browser")
    if os.geteuid() == 0:  # containers run as root; JupyterLab refuses that unless told
        argv.append("--allow-root")
    return argv, env


def lab(corpus: str | Path | None = None, port: int | None = None, browser: bool = True) -> int:
    """Run JupyterLab until it is stopped (Ctrl-C); the notebooks' ``setup()`` reads the corpus from the env."""
    import subprocess

    argv, env = lab_command(corpus, port, browser)
    print(f"JupyterLab on the notebooks; corpus {env[CORPUS_ENV]} (Ctrl-C to stop)")
    try:
        return subprocess.call(argv, env=env)
    except KeyboardInterrupt:
        return 0
