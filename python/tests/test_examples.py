"""The examples in examples/python run (those that need only greenlca and its dependencies)."""

import os
import runpy

import pytest

from conftest import ROOT


@pytest.mark.parametrize("name", ["kettle.py", "monte_carlo.py", "sobol.py"])
def test_example_runs(name, capsys):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        runpy.run_path(str(ROOT / "examples" / "python" / name), run_name="__main__")
    finally:
        os.chdir(cwd)
    assert capsys.readouterr().out.strip()
