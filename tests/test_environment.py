"""environment.yml (conda) and pyproject.toml (pip) must name the same dependencies and bounds."""
from __future__ import annotations

import re
import tomllib
from importlib.metadata import requires
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
_SPEC = re.compile(r"^([A-Za-z0-9_.-]+)(\[[^\]]+\])?\s*(.*)$")


def _split(spec: str) -> tuple[str, str, str]:
    name, extras, bound = _SPEC.match(spec.strip()).groups()
    return name.lower().replace("_", "-"), (extras or "").strip("[]"), bound.replace(" ", "")


def _extra_requirements(name: str, extra: str) -> set[str]:
    """What `pip install name[extra]` adds, read from the installed package's metadata."""
    found = set()
    for req in requires(name) or []:
        if f'extra == "{extra}"' in req or f"extra == '{extra}'" in req:
            found.add(_split(req.split(";")[0])[0])
    return found


def pip_side() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["test"]
    out = {}
    for spec in specs:
        name, extras, bound = _split(spec)
        out[name] = bound
        for extra in filter(None, extras.split(",")):
            out.update({dep: "" for dep in _extra_requirements(name, extra)})
    return out


def conda_side() -> tuple[dict[str, str], list]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip = dep.get("pip", [])
            continue
        name, _, bound = _split(dep.replace("=", "==", 1) if re.match(r"^[\w-]+=[^=]", dep) else dep)
        out[name] = bound
    return out, pip


def test_conda_environment_matches_pyproject():
    conda, pip = conda_side()
    assert conda.pop("python") == "==3.11"
    conda.pop("pip")
    assert conda == pip_side()
    assert pip == ["-e ."]


def test_plotly_comes_with_express():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert any(dep.startswith("plotly[express]") for dep in project["dependencies"])
