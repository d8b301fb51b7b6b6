"""The pinned tools the tests need beyond the standard library, fetched from PyPI once into
~/.cache/itk (``ITK_CACHE`` overrides it) and reused offline afterwards.

- ruff, the formatter and linter (``RUFF``), in a virtual environment of its own;
- a wheel of the build backend that ``pyproject.toml`` pins, so that ``pip install --no-index``
  of this folder builds without PyPI.

Under ``CI=true`` a tool that cannot be had fails the test; otherwise the test is skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import unittest
from pathlib import Path

RUFF = "ruff==0.14.0"
SAMPLE = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("ITK_CACHE") or Path.home() / ".cache" / "itk")
WHEELS = CACHE / "python-wheels"


class ToolMissing(Exception):
    """A tool could not be installed; the message says which and why."""


def require(test: unittest.TestCase, get):
    """``get()``, or the test skipped (failed under ``CI=true``) when the tool cannot be had."""
    try:
        return get()
    except ToolMissing as e:
        if os.environ.get("CI") == "true":
            test.fail(f"{e} (CI=true: a missing tool fails)")
        test.skipTest(str(e))


def build_backend() -> str:
    """The requirement pyproject.toml pins for building, e.g. ``setuptools==80.9.0``."""
    with (SAMPLE / "pyproject.toml").open("rb") as f:
        (requirement,) = tomllib.load(f)["build-system"]["requires"]
    return requirement


def ruff() -> Path:
    """The pinned ruff executable, installed on first use."""
    executable = _tools_venv() / "bin" / "ruff"
    if not executable.exists():
        _pip("install", "--quiet", RUFF)
    return executable


def backend_wheels() -> Path:
    """A folder holding a wheel of the pinned build backend, downloaded on first use."""
    name, version = build_backend().split("==")
    if not any(WHEELS.glob(f"{name}-{version}-*.whl")):
        _pip(
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(WHEELS),
            build_backend(),
        )
    return WHEELS


def new_venv(folder: Path, *, with_pip: bool = True) -> Path:
    """A fresh virtual environment in ``folder``; its Python executable."""
    command = [sys.executable, "-m", "venv", str(folder)]
    if not with_pip:
        command.insert(3, "--without-pip")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except OSError as e:
        raise ToolMissing(f"cannot run {sys.executable} -m venv: {e}") from None
    if done.returncode != 0:
        raise ToolMissing(
            f"{sys.executable} -m venv failed (Debian: apt-get install -y python3-venv): "
            f"{(done.stdout + done.stderr).strip()[-600:]}"
        )
    return folder / "bin" / "python"


def _tools_venv() -> Path:
    """One virtual environment under CACHE for the tools; rebuilt if a run was cut short."""
    venv = CACHE / "python-tools"
    ready = venv / "itk-ready"
    if not ready.exists():
        shutil.rmtree(venv, ignore_errors=True)
        try:
            venv.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ToolMissing(f"cannot make the tools folder {venv.parent}: {e}") from None
        new_venv(venv)
        ready.touch()
    return venv


def pip(*args: str) -> subprocess.CompletedProcess:
    """The tools environment's pip with ``args`` (e.g. ``--python OTHER install ...``)."""
    python = _tools_venv() / "bin" / "python"
    return subprocess.run([python, "-m", "pip", *args], capture_output=True, text=True, timeout=300)


def _pip(*args: str) -> None:
    done = pip(*args)
    if done.returncode != 0:
        raise ToolMissing(
            f"pip {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[-600:]}"
        )
