"""SciPy and Brightway interop on the peers' hand cases (../shared/peers/cases)."""

import json
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import greenlca
from conftest import close

CASES = [
    "two_process", "substitution", "waste_treatment", "duplicates", "bw2calc_basic_fixture",
    "bw2calc_multiple_cf", "two_process_multi_demand",
]


def _scipy_system(folder):
    """Reads the exchange folder with pandas into SciPy matrices (independently of greenlca)."""
    t = pd.read_csv(folder / "technosphere.csv")
    b = pd.read_csv(folder / "biosphere.csv")
    cf = pd.read_csv(folder / "cf.csv")
    d = pd.read_csv(folder / "demand.csv")
    n = int(max(t["row"].max(), t["col"].max())) + 1
    m = int(max(b["row"].max() if len(b) else -1, cf["flow"].max())) + 1
    k = int(cf["category"].max()) + 1
    A = sp.coo_matrix((t["amount"], (t["row"], t["col"])), shape=(n, n))
    B = sp.coo_matrix((b["amount"], (b["row"], b["col"])), shape=(m, n))
    C = sp.coo_matrix((cf["factor"], (cf["category"], cf["flow"])), shape=(k, m))
    f = np.zeros(n)
    for p, a in zip(d["process"], d["amount"]):
        f[p] += a
    return A.tocsc(), B.tocsr(), C.tocsr(), f


@pytest.mark.parametrize("case", CASES)
def test_scipy_system_gives_the_expected_scores(shared, case):
    folder = shared / "peers" / "cases" / case
    expected = json.loads((folder / "expected.json").read_text())
    A, B, C, f = _scipy_system(folder)
    system = greenlca.from_scipy(A, B, C, f)
    scores, supply, inventory = system.solve()
    assert scores.dtype == np.float64 and scores.shape == (C.shape[0],)
    assert supply.shape == (A.shape[0],) and inventory.shape == (B.shape[0],)
    for k, v in expected["scores"].items():
        assert close(scores[int(k)], v), (k, scores[int(k)], v)
    for s, v in zip(supply, expected["supply"]):
        assert close(s, v)
    # The same folder read by greenlca itself gives the same numbers.
    assert np.allclose(greenlca.load_matrices(folder).scores(), scores, rtol=1e-12, atol=0)


def test_another_demand_reuses_the_factorization(shared):
    A, B, C, f = _scipy_system(shared / "peers" / "cases" / "two_process")
    system = greenlca.from_scipy(A, B, C, f)
    direct = C @ B @ sp.linalg.spsolve(A.tocsc(), np.array([0.0, 2.0]))
    assert np.allclose(system.scores([0.0, 2.0]), direct, rtol=1e-12)


BRIGHTWAY = textwrap.dedent(
    """
    import json, sys
    import numpy as np, scipy.sparse as sp
    sys.path.insert(0, sys.argv[1])
    import lcafmt, peer_brightway as pb, bw2calc as bc
    s = lcafmt.read_system(sys.argv[2])
    dp, cf_single, _ = pb.build_datapackages(s)
    demand = {int(p): float(a) for p, a in zip(s.demand["process"], s.demand["amount"])}
    out = {}
    for k in s.category_ids:
        lca = bc.LCA(demand=demand, data_objs=dp + cf_single[k])
        lca.lci(); lca.lcia()
        out[str(k)] = float(lca.score)
    sp.save_npz(sys.argv[3] + "/A.npz", lca.technosphere_matrix.tocsr())
    sp.save_npz(sys.argv[3] + "/B.npz", lca.biosphere_matrix.tocsr())
    sp.save_npz(sys.argv[3] + "/Q.npz", lca.characterization_matrix.tocsr())
    np.save(sys.argv[3] + "/f.npy", lca.demand_array)
    print(json.dumps(out))
    """
)


class _BrightwayLike:
    """The attributes of a bw2calc.LCA that greenlca.from_brightway reads."""

    def __init__(self, folder):
        self.technosphere_matrix = sp.load_npz(folder / "A.npz")
        self.biosphere_matrix = sp.load_npz(folder / "B.npz")
        self.characterization_matrix = sp.load_npz(folder / "Q.npz")
        self.demand_array = np.load(folder / "f.npy")


@pytest.mark.parametrize("case", ["two_process", "substitution", "waste_treatment", "bw2calc_basic_fixture"])
def test_a_brightway_built_system_gives_brightways_score(shared, peer_python, tmp_path, case):
    """bw2calc builds the matrices (its own index order) and scores them; greenlca solves them."""
    folder = shared / "peers" / "cases" / case
    p = subprocess.run([peer_python, "-c", BRIGHTWAY, str(shared / "peers"), str(folder), str(tmp_path)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    bw_scores = json.loads(p.stdout.strip().splitlines()[-1])
    last = max(bw_scores, key=int)
    system = greenlca.from_brightway(_BrightwayLike(tmp_path))
    assert system.shape[2] == 1
    assert close(system.scores()[0], bw_scores[last], rel=1e-12)
    expected = json.loads((folder / "expected.json").read_text())["scores"][last]
    assert close(system.scores()[0], expected)


def test_a_study_as_scipy_matrices_solves_to_its_totals():
    """Study -> SciPy -> greenlca and SciPy's own solver: the model's totals (to 1e-12)."""
    from conftest import KETTLE

    study = greenlca.load(KETTLE)
    m = study.matrices(variant="long_life")
    assert m["A"].shape == (len(m["processes"]),) * 2
    assert m["B"].shape == (len(m["flows"]), len(m["processes"]))
    assert m["C"].shape == (len(study.categories), len(m["flows"]))
    totals = study.calc(variants=["long_life"]).totals.loc["long_life"].to_numpy()
    ours = greenlca.from_scipy(m["A"], m["B"], m["C"], m["demand"]).scores()
    assert np.allclose(ours, totals, rtol=1e-12, atol=0)
    scipy_scores = m["C"] @ (m["B"] @ sp.linalg.spsolve(m["A"], m["demand"]))
    assert np.allclose(scipy_scores, totals, rtol=1e-10, atol=0)
