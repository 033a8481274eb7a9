"""Shared test helpers (imported as `helpers`: a `conftest` module name is ambiguous across folders)."""
import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Unmodified copies of the official standards (Licence Ouverte 2.0), so that the tests run from any
# clone; test_standards_copy checks them against the team's shared/ copy when it is there.
STANDARDS = ROOT / "tests" / "standards"
SHARED_STANDARDS = ROOT.parent / "shared" / "standards"


def run_cli(*args, cwd=None, env=None):
    """Run the real CLI in a subprocess, as a user would (exit codes, no traceback, real stdout)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd or ROOT, env=full_env,
                          capture_output=True, text=True, timeout=600)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def cli(*args, cwd=None) -> Result:
    """The same command line, in this process: most tests need its output, not a new interpreter."""
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return Result(code, out.getvalue(), err.getvalue())


def validate_json(path, cwd=None):
    proc = cli("validate", str(path), "--format", "json", cwd=cwd)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)
