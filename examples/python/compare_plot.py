"""Variants side by side with a paired Monte Carlo, and a stacked bar chart of the stages.

Run from the repository root:  python examples/python/compare_plot.py  (needs matplotlib)
Writes kettle-stages.png and kettle-compare.png in the current folder.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import greenlca  # noqa: E402

study = greenlca.load("datasets/products/kettle.toml")

stages = study.calc(variants="all").stages
gwp = stages[stages.category == "gwp100"].pivot(index="variant", columns="stage", values="value")
ax = gwp.plot.barh(stacked=True, figsize=(8, 4))
ax.set_xlabel(f"GWP100 [{study.units['gwp100']}] per functional unit")
plt.tight_layout()
plt.savefig("kettle-stages.png", dpi=120)

cmp = study.compare(mc=500, seed=42)
print(cmp.table[cmp.table.category == "gwp100"])
paired = cmp.paired[cmp.paired.category == "gwp100"]
print(paired[["variant", "beats_baseline", "mean", "p2_5", "p97_5"]])
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.errorbar(paired["mean"], paired["variant"],
            xerr=[paired["mean"] - paired["p2_5"], paired["p97_5"] - paired["mean"]], fmt="o")
ax.axvline(0, color="grey", lw=0.8)
ax.set_xlabel("difference to base, GWP100 [kg CO2-eq] (95 % interval, paired draws)")
plt.tight_layout()
plt.savefig("kettle-compare.png", dpi=120)
