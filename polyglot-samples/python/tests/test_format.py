"""ruff, pinned (tests/tools.py): the sample is formatted and lint-clean, and the check fails
on a file that is not formatted (so a passing check means something)."""

from __future__ import annotations

import subprocess
import tempfile
import unittest
from pathlib import Path

from tests import tools


def run_ruff(*args: str, cwd: Path = tools.SAMPLE) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tools.ruff(), *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


class FormatTest(unittest.TestCase):
    def setUp(self) -> None:
        tools.require(self, tools.ruff)

    def test_ruffFormatCheck_passesOnTheSample(self):
        done = run_ruff("format", "--check", "--no-cache", ".")
        self.assertEqual(0, done.returncode, f"run `ruff format` here:\n{done.stdout}{done.stderr}")

    def test_ruffCheck_passesOnTheSample(self):
        done = run_ruff("check", "--no-cache", ".")
        self.assertEqual(0, done.returncode, done.stdout + done.stderr)

    def test_ruffFormatCheck_failsOnAnUnformattedFile(self):
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, "pyproject.toml").write_bytes((tools.SAMPLE / "pyproject.toml").read_bytes())
            Path(tmp, "ugly.py").write_text("x = {  'a':1 }\n")
            done = run_ruff("format", "--check", "--no-cache", ".", cwd=Path(tmp))
        self.assertEqual(1, done.returncode, done.stdout + done.stderr)
        self.assertIn("ugly.py", done.stdout)


if __name__ == "__main__":
    unittest.main()
