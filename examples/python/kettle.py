"""The kettle from Python: totals, stages and contributions as DataFrames, and the eco-design check.

Run from the repository root:  python examples/python/kettle.py
"""

import greenlca

study = greenlca.load("datasets/products/kettle.toml")
print(study)

result = study.calc()
print(result.totals.T)                                  # category x variant
print(result.stages.pivot(index="stage", columns="category", values="value"))

contrib = study.contrib(categories=["gwp100"], top=5)
print(contrib.processes[["name", "value", "share"]])

check = study.check(variants="all")
print(check.verdicts[["variant", "pass", "verdict"]])
print(check.indicators[["variant", "id", "value", "limit_value", "status", "margin_percent"]])
