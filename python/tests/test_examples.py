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


def test_the_notebook_runs(capsys):
    """Executes the code cells of examples/python/tour.ipynb in order, from its folder."""
    import json

    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    nb = json.loads((ROOT / "examples" / "python" / "tour.ipynb").read_text())
    cwd = os.getcwd()
    os.chdir(ROOT / "examples" / "python")
    scope = {}
    try:
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                src = "".join(line for line in cell["source"] if not line.startswith("%"))
                exec(compile(src, "tour.ipynb", "exec"), scope)
    finally:
        os.chdir(cwd)
    table = scope["np"].c_[scope["system"].scores(), scope["scipy_scores"]]
    assert scope["np"].allclose(table[:, 0], table[:, 1], rtol=1e-10)


def test_the_plot_example_runs(tmp_path):
    pytest.importorskip("matplotlib")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        runpy.run_path(str(ROOT / "examples" / "python" / "compare_plot.py"), run_name="__main__")
    finally:
        os.chdir(cwd)
    for name in ("kettle-stages.png", "kettle-compare.png"):
        (ROOT / name).replace(tmp_path / name)
    assert (tmp_path / "kettle-compare.png").stat().st_size > 1000
