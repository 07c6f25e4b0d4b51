"""Monte Carlo: the summary as a DataFrame and every draw as a NumPy array (iterations x outputs).

Run from the repository root:  python examples/python/monte_carlo.py
The draws are the ones `greenlca mc datasets/products/kettle.toml -n 1000 --seed 42 --stages
--keep-draws draws.csv` writes, at any thread count.
"""

import numpy as np

import greenlca

study = greenlca.load("datasets/products/kettle.toml")
mc = study.mc(1000, seed=42, stages=True)
print(mc.summary[["category", "stage", "mean", "sd", "p2_5", "p97_5", "converged"]])

total = mc.draws[:, mc.labels.index("base|gwp100|total")]
print("P(GWP100 > 175 kg CO2-eq) =", np.mean(total > 175.0))
print("correlation of use and total:",
      np.corrcoef(total, mc.draws[:, mc.labels.index("base|gwp100|use")])[0, 1])
