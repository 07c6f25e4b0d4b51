"""The Python results are the command line's: same JSON, same numbers (to 1e-12, here exactly)."""

import csv

import numpy as np
import pandas as pd
import pytest

import greenlca
from conftest import KETTLE, ROOT, close


@pytest.fixture(scope="module")
def kettle():
    return greenlca.load(KETTLE)


def test_calc_equals_the_command_line(kettle, cli_json):
    ours = kettle.calc(variants="all")
    theirs = cli_json("calc", KETTLE, "--all-variants")
    assert ours.json["variants"] == theirs["variants"]
    for v in theirs["variants"]:
        for r in v["results"]:
            assert close(ours.totals.loc[v["id"], r["category"]], r["total"])


def test_calc_matches_the_published_expected_results(kettle):
    """datasets/products/expected_results.csv: the kettle's results to 6 significant digits."""
    totals = kettle.calc(variants="all").totals
    stages = kettle.calc(variants="all").stages.set_index(["variant", "category", "stage"])["value"]
    with open(ROOT / "datasets" / "products" / "expected_results.csv") as f:
        rows = [r for r in csv.DictReader(f) if r["product"] == "kettle"]
    assert rows
    for r in rows:
        assert totals.loc[r["variant"], r["category"]] == pytest.approx(float(r["total"]), rel=1e-5)
        assert stages.loc[(r["variant"], r["category"], "use")] == pytest.approx(float(r["use"]), rel=1e-5, abs=1e-9)


def test_the_stages_sum_to_the_totals(kettle):
    r = kettle.calc(variants="all")
    sums = r.stages.groupby(["variant", "category"])["value"].sum().unstack()
    assert np.allclose(sums.loc[r.totals.index, r.totals.columns].to_numpy(), r.totals.to_numpy(), rtol=1e-12)


def test_sets_are_the_command_lines_set(kettle, cli_json):
    ours = kettle.calc(sets={"lifetime_years": 8})
    theirs = cli_json("calc", KETTLE, "--set", "lifetime_years=8")
    assert ours.json["variants"] == theirs["variants"]
    assert ours.totals.loc["base", "gwp100"] != kettle.calc().totals.loc["base", "gwp100"]


def test_contrib_compare_and_sensitivity_equal_the_command_line(kettle, cli_json):
    assert kettle.contrib(top=7).json == cli_json("contrib", KETTLE, "--top", "7")
    assert kettle.compare(baseline="long_life").json == cli_json("compare", KETTLE, "--baseline", "long_life")
    assert kettle.oat().json == cli_json("sensitivity", KETTLE, "--oat")
    assert kettle.analytic(top=4).json == cli_json("sensitivity", KETTLE, "--analytic", "--top", "4")
    sob = kettle.sobol(64, seed=3, bootstrap=20)
    assert sob.json == cli_json("sensitivity", KETTLE, "--sobol", "64", "--seed", "3", "--bootstrap", "20")
    assert set(sob.indices.columns) >= {"output", "input", "first", "total"}


def test_check_equals_the_command_line_with_probabilities(kettle, cli, cli_json):
    ours = kettle.check(variants="all", mc=40, seed=5)
    theirs = cli_json("check", KETTLE, "--all-variants", "--mc", "40", "--seed", "5")
    assert ours.json == theirs
    code, _, _ = cli("check", KETTLE, "--all-variants")
    assert ours.passed == (code == 0)
    assert ours.verdicts["probability"].notna().all()
    assert {"value", "margin", "status"} <= set(ours.indicators.columns)


def test_paired_compare_equals_the_command_line(kettle, cli_json):
    ours = kettle.compare(variants=["base", "long_life"], mc=30, seed=9)
    theirs = cli_json("compare", KETTLE, "--variants", "base,long_life", "--mc", "30", "--seed", "9")
    assert ours.json == theirs
    assert len(ours.paired) == 4


def test_result_frames_have_the_documented_shapes_and_dtypes(kettle):
    r = kettle.calc(variants="all")
    assert r.totals.shape == (len(kettle.variants), len(kettle.categories))
    assert list(r.totals.columns) == kettle.categories
    assert all(t == np.float64 for t in r.totals.dtypes)
    assert list(r.stages.columns) == ["variant", "category", "stage", "value"]
    assert r.stages["value"].dtype == np.float64
    assert isinstance(kettle.contrib().processes, pd.DataFrame)


def test_export_writes_a_folder_the_command_line_reads(kettle, tmp_path, cli_json):
    out = tmp_path / "m"
    kettle.export(out)
    theirs = cli_json("calc", "--matrices", out)
    system = greenlca.load_matrices(out)
    base = kettle.calc().totals.loc["base"]
    for k, score in enumerate(system.scores()):
        assert close(score, theirs["scores"][k]["total"])
        assert close(score, base[kettle.categories[k]], rel=1e-9)
    with pytest.raises(greenlca.GreenlcaError, match="not empty"):
        kettle.export(out)


def test_database_scores_equal_the_command_line(cli_json):
    ours = greenlca.scores(ROOT / "datasets" / "db", ["ipcc2021"])
    theirs = cli_json("scores", "--db", ROOT / "datasets" / "db", "--method", "ipcc2021")
    assert ours.json == theirs
    grid = ours.totals.loc["grid_cn_2021", "gwp100"]
    assert grid == theirs["processes"][0]["total"][0] == 0.5568
    assert ours.totals.shape == (len(theirs["processes"]), 2)
