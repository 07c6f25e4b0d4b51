"""Sensitivity: one-at-a-time, analytical and Sobol indices of the kettle.

Run from the repository root:  python examples/python/sobol.py
"""

import greenlca

study = greenlca.load("datasets/products/kettle.toml")

oat = study.oat().table
print(oat[oat.category == "gwp100"].assign(swing=lambda d: (d.result_high - d.result_low).abs())
      .sort_values("swing", ascending=False).head())

print(study.analytic(top=5).table[["category", "input", "elasticity", "variance_share"]])

sobol = study.sobol(1000, seed=42).indices
print(sobol[sobol.output.str.startswith("gwp100")].sort_values("total", ascending=False).head())
