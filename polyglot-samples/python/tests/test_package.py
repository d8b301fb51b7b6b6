"""The package as its users get it: ``pip install`` of this folder into a fresh virtual
environment, then imported from there (not from this folder) to sign a vector.

The build backend's pinned wheel comes from ~/.cache/itk (tests/tools.py), so the install is
``--no-index``: no PyPI after the first run. The environment is made without its own pip and
the tools' pip installs into it (``pip --python``): the same install, without the seconds that
copying pip into every new environment takes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from tests import tools
from tests.test_signer import vector

# What the package holds: copied to a temporary folder, so that the build leaves nothing
# (build/, *.egg-info) in the sample folder.
SOURCES = ("pyproject.toml", "README.md", "issuetrak_signer.py", "issuetrak_client.py")

USE = """
import json, sys
from importlib.metadata import version
import issuetrak_client, issuetrak_signer
given = json.load(sys.stdin)
signed = issuetrak_signer.sign(given["key"], given["method"], given["requestId"],
    given["timestamp"], given["path"], given["query"], given["body"].encode())
print(json.dumps({"version": version("issuetrak-client"), "signature": signed.signature,
    "files": [issuetrak_signer.__file__, issuetrak_client.__file__]}))
"""


class PackageTest(unittest.TestCase):
    def test_pipInstallIntoAFreshVenv_thenImportAndSignAVector(self):
        wheels = tools.require(self, tools.backend_wheels)
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp, "issuetrak-client")
            source.mkdir()
            for name in SOURCES:
                shutil.copy(tools.SAMPLE / name, source)
            venv = Path(tmp, "venv")
            python = tools.require(self, lambda: tools.new_venv(venv, with_pip=False))
            install = tools.pip(
                *("--python", str(python), "install", "--quiet", "--no-index"),
                *("--find-links", str(wheels), str(source)),
            )
            self.assertEqual(0, install.returncode, install.stdout + install.stderr)

            v = vector("seed-001-get-issue-nested-site")
            used = subprocess.run(
                [python, "-I", "-c", USE],  # -I: nothing from this folder or PYTHONPATH
                input=json.dumps(v["input"]),
                capture_output=True,
                text=True,
                cwd=tmp,
                timeout=60,
            )
            self.assertEqual(0, used.returncode, used.stderr)
            answer = json.loads(used.stdout)
            self.assertEqual("0.1.0", answer["version"])
            self.assertEqual(v["expected"]["signature"], answer["signature"])
            for file in answer["files"]:
                self.assertIn("site-packages", file)


if __name__ == "__main__":
    unittest.main()
