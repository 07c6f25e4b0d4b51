"""Counts the uncertainty distributions of an openLCA JSON-LD zip (schema v1, as USLCI FY17 Q4) by
type and by whether greenlca can keep them, independently of greenlca's importer.

A distribution is kept when it is a proper distribution of its exchange's amount: a lognormal with a
geometric standard deviation of at least 1 (openLCA writes 0 for "not set"), a normal with an sd,
a uniform whose range holds the amount, a triangle whose range (bounds in either order) holds the
mode and the amount. Prints one JSON object of counts.

Usage: python3 uslci_distributions.py ZIP
"""

import json
import sys
import zipfile
from collections import Counter


def classify(u, amount):
    kind = u.get("distributionType")
    if kind == "LOG_NORMAL_DISTRIBUTION":
        gsd = u.get("geomSd") or 0.0
        if gsd < 1.0:
            return "lognormal_gsd_below_1"
        return "lognormal_kept" if amount != 0 else "lognormal_zero_amount"
    if kind == "NORMAL_DISTRIBUTION":
        return "normal_kept" if u.get("sd") is not None else "normal_without_sd"
    if kind == "UNIFORM_DISTRIBUTION":
        lo, hi = sorted((u["minimum"], u["maximum"]))
        return "uniform_kept" if lo < hi and lo <= amount <= hi else "uniform_amount_outside"
    if kind == "TRIANGLE_DISTRIBUTION":
        lo, hi = sorted((u["minimum"], u["maximum"]))
        mode = u.get("mode", amount)
        if not lo <= mode <= hi:
            return "triangular_mode_outside"
        if not lo <= amount <= hi:
            return "triangular_amount_outside"
        return "triangular_kept"
    return "other_" + str(kind)


def main(path):
    counts = Counter()
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if "/processes/" not in name or not name.endswith(".json"):
                continue
            process = json.loads(z.read(name))
            for e in process.get("exchanges", []):
                u = e.get("uncertainty")
                if e.get("pedigreeUncertainty") and not u:
                    counts["pedigree_without_distribution"] += 1
                if not u or u.get("distributionType") in (None, "NO_DISTRIBUTION"):
                    continue
                counts["all"] += 1
                if e.get("amountFormula"):
                    counts["on_formula"] += 1
                if u.get("distributionType") == "TRIANGLE_DISTRIBUTION" and u["minimum"] > u["maximum"]:
                    counts["triangular_bounds_swapped"] += 1
                counts[classify(u, e.get("amount", 0.0))] += 1
    print(json.dumps(dict(sorted(counts.items()))))


if __name__ == "__main__":
    main(sys.argv[1])
