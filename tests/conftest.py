import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def run_cli(*args, cwd=None, env=None):
    """Run the real CLI in a subprocess, as a user would."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd or ROOT, env=full_env,
                          capture_output=True, text=True, timeout=600)


def validate_json(path, cwd=None):
    proc = run_cli("validate", str(path), "--format", "json", cwd=cwd)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture
def tree(tmp_path):
    """A fresh valid structure folder made by `annuaire new`, to be broken by each test."""
    proc = run_cli("new", "essai", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "offers"


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory):
    dest = tmp_path_factory.mktemp("sample") / "offers"
    shutil.copytree(ROOT / "offers", dest)
    return dest
