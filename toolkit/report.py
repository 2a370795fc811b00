"""Run the notebooks on a corpus with papermill and export them as static HTML reports.

Reports hide code, inline plotly.js (renderer ``notebook``) and use no widgets,
so they open anywhere with no network. The kernel is pinned to the Python
that runs this code, whatever kernels the machine has registered.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import os
import sys
import tempfile
from pathlib import Path

from . import __version__, config
from .errors import ToolkitError
from .store import read_manifest, write_text_atomic

KERNEL_NAME = "backscatter-toolkit"
DEFAULT_NOTEBOOKS = ("00-overview",)
TITLES = {"00-overview": "Mailbox overview"}


def _pin_kernel() -> None:
    """Register a kernelspec for this interpreter on JUPYTER_PATH (searched before user and system kernels)."""
    root = config.INTERIM_DIR / "jupyter"
    spec_dir = root / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "backscatter-toolkit", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))
    paths = os.environ.get("JUPYTER_PATH", "")
    if str(root) not in paths.split(os.pathsep):
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(root), paths) if p)


def run_notebook(name: str, corpus: Path, out: Path, progress: bool) -> Path:
    import papermill as pm
    from nbconvert import HTMLExporter

    source = config.NOTEBOOKS_DIR / f"{name}.ipynb"
    if not source.exists():
        raise ToolkitError(f"{name}: no such notebook in {config.NOTEBOOKS_DIR}")
    with tempfile.TemporaryDirectory() as tmp:
        executed = Path(tmp) / source.name
        pm.execute_notebook(str(source), str(executed), parameters={"corpus": str(corpus)},
                            kernel_name=KERNEL_NAME, progress_bar=progress, cwd=str(config.NOTEBOOKS_DIR))
        exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
        body, _ = exporter.from_filename(str(executed), resources={"metadata": {"name": TITLES.get(name, name)}})
    target = out / f"{name}.html"
    write_text_atomic(body, target)
    return target


def _index(corpus: Path, reports: list[Path]) -> str:
    manifest = read_manifest(corpus)
    counts = manifest.get("counts", {})
    items = "".join(f'<li><a href="{html.escape(p.name)}">{html.escape(TITLES.get(p.stem, p.stem))}</a></li>'
                    for p in reports)
    sources = "".join(f"<li>{html.escape(s['format'])}: {html.escape(Path(s['path']).name)}</li>"
                      for s in manifest.get("sources", []))
    made = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Backscatter reports</title></head>"
            f"<body style='font-family:sans-serif;max-width:50em;margin:2em auto'>"
            f"<h1>Backscatter reports</h1><p>{counts.get('messages', 0)} messages, "
            f"{manifest.get('parse_errors', 0)} parse error(s).</p><h2>Reports</h2><ul>{items}</ul>"
            f"<h2>Mailboxes</h2><ul>{sources}</ul>"
            f"<p><small>Made {made} by backscatter-toolkit {html.escape(__version__)}.</small></p></body></html>")


def build_reports(corpus: str | Path, out: str | Path, notebooks: list[str] | None = None,
                  progress: bool = True) -> list[Path]:
    """Execute each notebook on ``corpus`` and write ``out/<notebook>.html`` plus ``out/index.html``."""
    corpus = Path(corpus).resolve()
    if not (corpus / "messages.parquet").exists():
        raise ToolkitError(f"{corpus}: no messages.parquet (run `backscatter ingest ... --out {corpus}` first)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _pin_kernel()
    written = [run_notebook(name, corpus, out, progress) for name in notebooks or DEFAULT_NOTEBOOKS]
    index = out / "index.html"
    write_text_atomic(_index(corpus, written), index)
    return [*written, index]
