"""Monte Carlo from Python draws exactly what `greenlca mc` draws for the same seed."""

import csv

import numpy as np

import greenlca
from conftest import KETTLE


def _draws_csv(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0][1:], np.array([[float(x) for x in r[1:]] for r in rows[1:]])


def test_model_draws_equal_the_command_line(tmp_path, cli_json):
    study = greenlca.load(KETTLE)
    mc = study.mc(120, seed=11, variants=["base", "long_life"], stages=True)
    keep = tmp_path / "draws.csv"
    theirs = cli_json("mc", KETTLE, "-n", "120", "--seed", "11", "--variant", "base",
                      "--variant", "long_life", "--stages", "--keep-draws", keep)
    labels, values = _draws_csv(keep)
    assert mc.labels == labels
    assert mc.draws.dtype == np.float64
    assert mc.draws.shape == (120, len(labels))
    assert mc.draws.flags["C_CONTIGUOUS"]
    assert np.array_equal(mc.draws, values)
    assert mc.json["outputs"] == theirs["outputs"]
    assert list(mc.summary["mean"]) == [o["mean"] for o in theirs["outputs"]]


def test_another_seed_draws_differently():
    study = greenlca.load(KETTLE)
    a = study.mc(20, seed=1).draws
    assert np.array_equal(a, study.mc(20, seed=1).draws)
    assert not np.array_equal(a, study.mc(20, seed=2).draws)


def test_matrix_folder_draws_equal_the_command_line(shared, tmp_path, cli_json):
    case = shared / "peers" / "cases" / "bw2calc_mc_basic"
    keep = tmp_path / "d.csv"
    theirs = cli_json("mc", "--matrices", case, "-n", "200", "--seed", "4", "--keep-draws", keep)
    mc = greenlca.load_matrices(case).mc(200, seed=4)
    labels, values = _draws_csv(keep)
    assert mc.labels == labels
    assert np.array_equal(mc.draws, values)
    assert mc.json["outputs"] == theirs["outputs"]
