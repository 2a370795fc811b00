"""Run the notebooks on a corpus with papermill and export them as static HTML reports.

Reports hide code and use no widgets, so they open anywhere with no network. The kernels run
with ``BACKSCATTER_REPORT=1``, so ``plots.show`` writes each figure as static HTML without
plotly.js; the page then loads plotly.js once: from ``assets/plotly.min.js`` beside the reports
(one shared copy when reports are written together) or, with ``self_contained``, inlined into
each page (a single file to send). The kernel is pinned to the Python
that runs this code, whatever kernels the machine has registered, and ends with
the process that runs the reports (Ctrl-C, SIGTERM, kill -9 or a cell over its
time limit: no kernel is left running).

A shared report names no local path: after export each page is checked for the
owner's addresses and this machine's folders, and any left over is scrubbed
(with a warning, since the notebook should not have printed it).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import os
import sys
import re
import tempfile
import warnings
from pathlib import Path

from . import __version__, config
from .errors import ToolkitError
from .lifeline import sigterm_as_interrupt
from .redact import NoRedaction, Redactor, for_corpus
from .plots import REPORT_ENV
from .store import corpus_folder, read_manifest, snapshot, write_text_atomic

KERNEL_NAME = "backscatter-toolkit"
# A cell running longer than this is stopped (and the report fails): no report hangs for ever.
CELL_TIMEOUT_SECONDS = 600
# A path of this machine in a shared page is replaced by this.
LOCAL_PATH = "(local path)"
TEMPLATES = Path(__file__).parent / "assets" / "templates"  # the lab template less its CDN scripts
DEFAULT_NOTEBOOKS = ("00-overview", "01-classification", "02-received-chains", "03-zombie-map", "04-bouncers",
                     "05-spam-runs")
TITLES = {"00-overview": "Mailbox overview", "01-classification": "What is in my mailbox?",
          "02-received-chains": "How tracing works", "03-zombie-map": "Where the spam came from",
          "04-bouncers": "Who bounces", "05-spam-runs": "Which spam runs caused it"}


def _pin_kernel() -> None:
    """Register a kernelspec for this interpreter on JUPYTER_PATH (searched before user and system kernels)."""
    root = config.INTERIM_DIR / "jupyter"
    spec_dir = root / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "toolkit.lifeline", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "backscatter-toolkit", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))
    paths = os.environ.get("JUPYTER_PATH", "")
    if str(root) not in paths.split(os.pathsep):
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(root), paths) if p)


class PrivacyWarning(UserWarning):
    """A report page named the owner or a local path although it should not have; it was scrubbed."""


def _local_paths(corpus: Path) -> list[str]:
    """Folders of this machine a shared page must not name, longest first."""
    folder = corpus_folder(corpus)
    places = {str(corpus), str(folder), str(folder.parent), str(config.ROOT), str(Path.home()),
              tempfile.gettempdir(), str(Path(tempfile.gettempdir()).resolve())}
    return sorted((p for p in places if len(p) > 1), key=len, reverse=True)


def scrub(page: str, corpus: Path, redactor: Redactor) -> tuple[str, int]:
    """``page`` without the owner's addresses and local folder paths; returns it and how many were replaced."""
    found = 0
    if redactor.owner_addresses:
        mine = re.compile("|".join(re.escape(a) for a in redactor.owner_addresses), re.I)
        page, found = mine.subn(lambda m: redactor.address(m.group(0)), page)
    for place in _local_paths(corpus):
        # a path is the folder followed by a separator (or a quote/space/end), never a longer name
        pattern = re.compile(re.escape(place) + r"(?:/[^\s\"'<>&]*)?(?![\w.-])")
        page, n = pattern.subn(LOCAL_PATH, page)
        found += n
    return page, found


ASSETS = "assets"
PLOTLY_JS = "plotly.min.js"
# Before any figure's script: plotly.js itself (MathJax left off: nothing is fetched from a CDN).
_PLOTLY_CONFIG = "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>"


def plotly_script(self_contained: bool) -> str:
    """The page's one plotly.js: a relative link to the shared copy, or the library inlined."""
    if self_contained:
        from plotly.offline import get_plotlyjs

        return f"{_PLOTLY_CONFIG}<script charset=\"utf-8\">{get_plotlyjs()}</script>"
    return f'{_PLOTLY_CONFIG}<script charset="utf-8" src="{ASSETS}/{PLOTLY_JS}"></script>'


def write_plotly_asset(out: Path) -> Path:
    """``out/assets/plotly.min.js``, the copy the reports of one folder share (rewritten only when it changed)."""
    from plotly.offline import get_plotlyjs

    target = out / ASSETS / PLOTLY_JS
    code = get_plotlyjs()
    if not (target.exists() and target.stat().st_size == len(code.encode("utf-8"))):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(code, target)
    return target


def with_plotly(page: str, self_contained: bool) -> str:
    """``page`` loading plotly.js in its head, before the first figure's script runs."""
    return page.replace("</head>", plotly_script(self_contained) + "\n</head>", 1)


def run_notebook(name: str, corpus: Path, out: Path, progress: bool, parameters: dict | None = None,
                 redactor: Redactor | None = None, self_contained: bool = False) -> Path:
    import papermill as pm
    from nbconvert import HTMLExporter

    source = config.NOTEBOOKS_DIR / f"{name}.ipynb"
    if not source.exists():
        raise ToolkitError(f"{name}: no such notebook in {config.NOTEBOOKS_DIR}")
    with tempfile.TemporaryDirectory() as tmp, _report_kernels():
        executed = Path(tmp) / source.name
        pm.execute_notebook(str(source), str(executed), parameters={"params": {"corpus": str(corpus), **(parameters or {})}},
                            kernel_name=KERNEL_NAME, progress_bar=progress, cwd=str(config.NOTEBOOKS_DIR),
                            execution_timeout=CELL_TIMEOUT_SECONDS, kernel_manager_class=_local_kernel_manager())
        exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)],
                                exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
        body, _ = exporter.from_filename(str(executed), resources={"metadata": {"name": TITLES.get(name, name)}})
    body = with_plotly(body, self_contained)
    if redactor is not None:
        body, found = scrub(body, corpus, redactor)
        if found:
            warnings.warn(f"{name}: {found} mention(s) of the owner or of a local path scrubbed", PrivacyWarning)
    target = out / f"{name}.html"
    write_text_atomic(body, target)
    return target


def _local_kernel_manager() -> type:
    """A kernel manager talking to its kernel over Unix sockets (files only this user can open)
    instead of localhost TCP ports: the report's kernel is always local, and ipykernel warns that
    an unencrypted TCP kernel can be read by anyone on the machine."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.paths import jupyter_runtime_dir
    from traitlets import CaselessStrEnum

    # the sockets are "<runtime dir>/kernel-<uuid>-ipc-<n>"; a Unix socket path holds 107 bytes at most
    fits = len(os.fsencode(jupyter_runtime_dir())) + len("/kernel-00000000-0000-0000-0000-000000000000-ipc-5") < 107
    chosen = "ipc" if os.name == "posix" and fits else "tcp"

    class LocalKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value=chosen, config=True)

    return LocalKernelManager


@contextlib.contextmanager
def _report_kernels():
    """Kernels started in this block see BACKSCATTER_REPORT=1 (they inherit the environment)."""
    before = os.environ.get(REPORT_ENV)
    os.environ[REPORT_ENV] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(REPORT_ENV, None)
        else:
            os.environ[REPORT_ENV] = before


def _summary(corpus: Path, redactor: Redactor) -> str:
    """The corpus in numbers, for the index page (every value escaped, mailbox names redacted)."""
    import polars as pl

    from .overview import geoip_note

    manifest = read_manifest(corpus)
    counts = manifest.get("counts", {})
    facts = []
    messages_path = corpus / "messages.parquet"
    if messages_path.exists():
        m = pl.read_parquet(messages_path, columns=["kind", "is_backscatter", "received_date", "date"])
        arrival = m.select(pl.coalesce("received_date", "date").alias("a"))["a"]
        if arrival.drop_nulls().len():
            facts.append(f"from {arrival.min():%Y-%m-%d} to {arrival.max():%Y-%m-%d}")
        facts.append(f"{int(m['is_backscatter'].fill_null(False).sum())} backscatter notifications")
        facts.append(f"{int((m['kind'] != 'ham').sum())} notifications in all")
    for table, label in (("campaigns", "spam runs"), ("bouncers", "bouncers"), ("zombies", "zombies")):
        if table in counts:
            facts.append(f"{counts[table]} {label}")
    sources = "".join(f"<li>{html.escape(s['format'])}: {html.escape(redactor.path(s['path']))}</li>"
                      for s in manifest.get("sources", []))
    return (f"<p>{counts.get('messages', 0)} messages ({html.escape('; '.join(facts))}), "
            f"{manifest.get('parse_errors', 0)} parse error(s).</p><h2>Mailboxes</h2><ul>{sources}</ul>"
            f"<p><small>{html.escape(geoip_note(manifest))}</small></p>")


def _index(corpus: Path, reports: list[Path], redactor: Redactor) -> str:
    items = "".join(f'<li><a href="{html.escape(p.name)}">{html.escape(TITLES.get(p.stem, p.stem))}</a></li>'
                    for p in reports)
    made = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    privacy = "The owner's and the recipients' addresses are pseudonymised." if not isinstance(redactor, NoRedaction) else \
        "Not redacted: these reports show the owner's addresses. Do not share them."
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Backscatter reports</title></head>"
            f"<body style='font-family:sans-serif;max-width:50em;margin:2em auto'>"
            f"<h1>Backscatter reports</h1>{_summary(corpus, redactor)}<h2>Reports</h2><ul>{items}</ul>"
            f"<p>{html.escape(privacy)}</p>"
            f"<p><small>Made {made} by backscatter-toolkit {html.escape(__version__)}.</small></p></body></html>")


def build_reports(corpus: str | Path, out: str | Path, notebooks: list[str] | None = None,
                  progress: bool = True, *, redact: bool = True, owner: str | None = None,
                  start: str | None = None, end: str | None = None, labels: str | Path | None = None,
                  self_contained: bool = False) -> list[Path]:
    """Execute each notebook on ``corpus`` and write ``out/<notebook>.html`` plus ``out/index.html``.

    Reports are redacted unless ``redact`` is False (see toolkit/redact.py). They share
    ``out/assets/plotly.min.js`` unless ``self_contained`` (each page then carries plotly.js).
    """
    corpus = snapshot(Path(corpus).resolve())  # every notebook reads the same run, even if an ingest publishes
    if not (corpus / "messages.parquet").exists():
        raise ToolkitError(f"{corpus}: no messages.parquet (run `backscatter ingest ... --out {corpus}` first)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _pin_kernel()
    parameters = {"redact": redact, "owner": owner, "start": start, "end": end,
                  "labels": str(Path(labels).resolve()) if labels else None, "interactive": False}
    redactor = for_corpus(read_manifest(corpus), redact, owner)
    if not self_contained:
        write_plotly_asset(out)
    with sigterm_as_interrupt():  # SIGTERM unwinds like Ctrl-C, so papermill shuts the kernel down
        written = [run_notebook(name, corpus, out, progress, parameters, redactor if redact else None,
                                self_contained)
                   for name in notebooks or DEFAULT_NOTEBOOKS]
    index = out / "index.html"
    page = _index(corpus, written, redactor)
    if redact:
        page, found = scrub(page, corpus, redactor)
        if found:
            warnings.warn(f"index: {found} mention(s) of the owner or of a local path scrubbed", PrivacyWarning)
    write_text_atomic(page, index)
    return [*written, index]
