"""Independent computation of datasets/products/expected_results.csv.

Reads the default database (datasets/db), the two shipped methods (datasets/methods) and the example
product models (datasets/products/*.toml) with nothing but the standard library and NumPy, builds the
technology and intervention matrices itself, solves them densely and splits every result by the
stage of the foreground exchange that causes it. It shares no code with greenlca: the test
`known_answers::example_products_equal_the_independent_script` runs it and compares.

Usage: python expected_results.py REPO_ROOT  (prints the CSV on stdout, full precision)
"""

import ast
import csv
import operator
import sys
import tomllib
from pathlib import Path

import numpy as np

STAGES = ["raw_materials", "production", "distribution", "use", "end_of_life"]
PRODUCTS = ["kettle", "paint"]
METHODS = ["ipcc2021", "cml_ia"]

BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
          ast.Pow: operator.pow}


def evaluate(expr, values):
    """Arithmetic of the model's formulas: numbers, names, + - * / ^ and parentheses."""
    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return values[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
            return BINARY[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        raise ValueError(f"formula construct not handled by this script: {expr}")
    return walk(ast.parse(expr.replace("^", "**"), mode="eval"))


def parameter_values(params, overrides):
    """Values of a model's parameters with a variant's overrides; formulas in dependency order."""
    values = {}
    pending = {}
    for name, p in params.items():
        if name in overrides:
            values[name] = float(overrides[name])
        elif "formula" in p:
            pending[name] = p["formula"]
        else:
            values[name] = float(p["value"])
    while pending:
        progressed = False
        for name, expr in list(pending.items()):
            try:
                values[name] = evaluate(expr, values)
            except KeyError:
                continue
            del pending[name]
            progressed = True
        if not progressed:
            raise ValueError(f"unresolved parameters {sorted(pending)}")
    return values


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def background(db):
    """Technology matrix A (products x processes) and intervention matrix B (flows x processes)."""
    processes = [r["id"] for r in read_csv(db / "processes.csv")]
    flows = {r["id"]: r for r in read_csv(db / "flows.csv")}
    col = {p: i for i, p in enumerate(processes)}
    elementary = [f for f, r in flows.items() if r["kind"] == "elementary"]
    row = {f: i for i, f in enumerate(elementary)}
    a = np.zeros((len(processes), len(processes)))
    b = np.zeros((len(elementary), len(processes)))
    reference_unit = {}
    for e in read_csv(db / "exchanges.csv"):
        j = col[e["process"]]
        amount = float(e["amount"])
        assert not e["formula"], "database formulas are not used by the shipped data"
        assert e["unit"] == flows[e["flow"]]["unit"], f"unit conversion not expected: {e}"
        if e["reference"] == "true":
            # A product made, or a waste treated, per unit of the process.
            a[j, j] += amount
            reference_unit[e["process"]] = e["unit"]
        elif flows[e["flow"]]["kind"] == "elementary":
            b[row[e["flow"]], j] += amount if e["direction"] == "output" else -amount
        elif e["provider"]:
            sign = 1.0 if e["avoided"] == "true" else -1.0
            a[col[e["provider"]], j] += sign * amount
        else:
            raise ValueError(f"technosphere exchange without provider: {e}")
    return processes, col, elementary, row, a, b, reference_unit


def characterization(root, elementary):
    """Rows: categories of the methods in order; columns: the database's elementary flows."""
    categories, units, rows = [], [], []
    for m in METHODS:
        meta = tomllib.loads((root / "datasets/methods" / f"{m}.toml").read_text(encoding="utf-8"))
        factors = read_csv(root / "datasets/methods" / meta["factors"])
        for c in meta["categories"]:
            r = np.zeros(len(elementary))
            for f in factors:
                if f["category"] == c["id"] and f["flow_id"] in elementary:
                    r[elementary.index(f["flow_id"])] += float(f["factor"])
            categories.append(c["id"])
            units.append(c["unit"])
            rows.append(r)
    return categories, units, np.array(rows)


def variant_exchanges(model, variant):
    exchanges = [dict(e) for e in model["exchange"] if e["id"] not in variant.get("remove", [])]
    exchanges += [dict(e) for e in variant.get("add", [])]
    for s in variant.get("swap", []):
        for e in exchanges:
            if e.get("provider") == s["from"] and ("stage" not in s or e["stage"] == s["stage"]):
                e["provider"] = s["to"]
    return exchanges


def main(root):
    db = root / "datasets/db"
    processes, col, elementary, row, a, b, reference_unit = background(db)
    categories, units, c = characterization(root, elementary)
    # Impacts per unit of each process's reference product, and per unit of each elementary flow.
    per_process = c @ b @ np.linalg.inv(a)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["product", "variant", "category", "unit", *STAGES, "total"])
    for product in PRODUCTS:
        model = tomllib.loads((root / "datasets/products" / f"{product}.toml").read_text(encoding="utf-8"))
        variants = [{"id": "base"}] + model.get("variant", [])
        for variant in variants:
            values = parameter_values(model["parameters"], variant.get("set", {}))
            stage_totals = {s: np.zeros(len(categories)) for s in STAGES}
            for e in variant_exchanges(model, variant):
                amount = evaluate(e["formula"], values) if "formula" in e else float(e["amount"])
                if "provider" in e:
                    assert e["unit"] == reference_unit[e["provider"]], f"unit conversion not expected: {e}"
                    stage_totals[e["stage"]] += amount * per_process[:, col[e["provider"]]]
                else:
                    sign = -1.0 if e.get("direction") == "input" else 1.0
                    stage_totals[e["stage"]] += sign * amount * c[:, row[e["flow"]]]
            for k, category in enumerate(categories):
                stages = [stage_totals[s][k] for s in STAGES]
                total = sum(stages)
                writer.writerow([product, variant["id"], category, units[k], *(repr(float(x)) for x in stages),
                                 repr(float(total))])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
