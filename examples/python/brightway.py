"""A system Brightway built, solved and sampled by greenlca; and greenlca's system given to Brightway.

Needs bw2calc and bw_processing (the peers' environment, ../shared/peers/README.md) and greenlca:
    python examples/python/brightway.py ../shared/peers/cases/two_process ../shared/peers/cases/two_process_mc
"""

import sys

import bw2calc as bc
import bw_processing as bwp
import numpy as np
import pandas as pd

import greenlca

folder = sys.argv[1] if len(sys.argv) > 1 else "../shared/peers/cases/two_process"
uncertain = sys.argv[2] if len(sys.argv) > 2 else "../shared/peers/cases/two_process_mc"


def datapackage(folder):
    """The folder's technosphere, biosphere and first category as one Brightway datapackage."""
    t, b, cf = (pd.read_csv(f"{folder}/{n}.csv") for n in ("technosphere", "biosphere", "cf"))
    cf = cf[cf.category == cf.category.min()]
    dp = bwp.create_datapackage(sum_intra_duplicates=True)
    for matrix, df, rows, cols, values in [
        ("technosphere_matrix", t, t.row, t.col, t.amount),
        ("biosphere_matrix", b, b.row, b.col, b.amount),
        ("characterization_matrix", cf, cf.flow, np.zeros(len(cf), dtype=int), cf.factor),
    ]:
        idx = np.zeros(len(df), dtype=bwp.INDICES_DTYPE)
        idx["row"], idx["col"] = rows, cols
        dp.add_persistent_vector(matrix=matrix, name=matrix, indices_array=idx,
                                 data_array=values.to_numpy(np.float64))
    return dp


demand = pd.read_csv(f"{folder}/demand.csv")
lca = bc.LCA(demand={int(p): float(a) for p, a in zip(demand.process, demand.amount)},
             data_objs=[datapackage(folder)])
lca.lci()
lca.lcia()

system = greenlca.from_brightway(lca)        # A, B, diag(Q) and the demand, as Brightway built them
scores, supply, inventory = system.solve()
print("Brightway:", lca.score, "greenlca:", scores[0])
assert abs(scores[0] - lca.score) <= 1e-12 * abs(lca.score)

# Another demand on the same factorization, in Brightway's matrix order.
f = np.zeros(system.shape[0])
f[0] = 2.0
print("2 units of the first product:", system.scores(f)[0])

# A folder with uncertainty columns (all categories) read by greenlca and sampled.
mc = greenlca.load_matrices(uncertain).mc(1000, seed=42)
print(mc.summary[["category", "mean", "sd", "p2_5", "p97_5"]])
