"""Shared fixtures: the repository, the greenlca command line (to compare with), ../shared."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
KETTLE = ROOT / "datasets" / "products" / "kettle.toml"


def _required() -> bool:
    return os.environ.get("GREENLCA_REQUIRE_SHARED_DATA") == "1"


@pytest.fixture(scope="session")
def cli():
    """Runs the greenlca binary (GREENLCA_BIN, else target/{release,debug}/greenlca, built if
    missing) and returns (exit code, stdout, stderr)."""
    exe = os.environ.get("GREENLCA_BIN")
    if not exe:
        for profile in ("debug", "release"):
            p = ROOT / "target" / profile / "greenlca"
            if p.exists():
                exe = str(p)
                break
    if not exe:
        cargo = shutil.which("cargo")
        assert cargo, "no greenlca binary and no cargo to build it: set GREENLCA_BIN"
        subprocess.run([cargo, "build", "--quiet", "--bin", "greenlca"], cwd=ROOT, check=True)
        exe = str(ROOT / "target" / "debug" / "greenlca")

    def run(*args, cwd=ROOT):
        p = subprocess.run([exe, *map(str, args)], cwd=cwd, capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    return run


@pytest.fixture(scope="session")
def cli_json(cli):
    def run(*args):
        code, out, err = cli(*args, "--format", "json")
        assert code in (0, 1), err
        return json.loads(out)

    return run


@pytest.fixture(scope="session")
def shared():
    """../shared (GREENLCA_SHARED_DIR); skipped when absent unless GREENLCA_REQUIRE_SHARED_DATA=1."""
    d = pathlib.Path(os.environ.get("GREENLCA_SHARED_DIR", ROOT.parent / "shared"))
    if not (d / "peers" / "cases").is_dir():
        if _required():
            pytest.fail(f"{d}/peers/cases is missing (GREENLCA_REQUIRE_SHARED_DATA=1)")
        pytest.skip(f"{d}/peers/cases is missing: set GREENLCA_SHARED_DIR")
    return d


@pytest.fixture(scope="session")
def peer_python():
    """Python with bw2calc (GREENLCA_PEER_PYTHON)."""
    p = os.environ.get("GREENLCA_PEER_PYTHON")
    if not p or not os.path.exists(p):
        if _required():
            pytest.fail("GREENLCA_PEER_PYTHON is not set (GREENLCA_REQUIRE_SHARED_DATA=1)")
        pytest.skip("GREENLCA_PEER_PYTHON is not set")
    return p


def close(a, b, rel=1e-12):
    """Equal to `rel` relative (absolute near zero)."""
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300) or a == b
