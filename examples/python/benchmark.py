"""How much calling from Python adds: calc and 1,000 Monte Carlo draws from Python and from the
command line, on the same systems (docs/performance.md).

    python examples/python/benchmark.py [GREENLCA_BINARY] [MATRIX_FOLDER]

The command line's times include starting the process and reading the inputs each time; the
Python figures are split into loading once (read, build, factorize) and each call after.
"""

import statistics
import subprocess
import sys
import time

import greenlca

exe = sys.argv[1] if len(sys.argv) > 1 else "target/release/greenlca"
folder = sys.argv[2] if len(sys.argv) > 2 else None
model = "datasets/products/kettle.toml"


def best(f, repeat=5):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def cli(*args):
    subprocess.run([exe, *args, "--format", "json"], check=True, capture_output=True)


rows = []
load = best(lambda: greenlca.load(model))
study = greenlca.load(model)
rows.append(("kettle: load (read, build, factorize)", load, None))
rows.append(("kettle: calc, all variants", best(lambda: study.calc(variants="all"), 20),
             best(lambda: cli("calc", model, "--all-variants"), 10)))
rows.append(("kettle: mc 1,000 draws", best(lambda: study.mc(1000, seed=42), 3),
             best(lambda: cli("mc", model, "-n", "1000", "--seed", "42"), 3)))
if folder:
    system = greenlca.load_matrices(folder)
    rows.append((f"{folder}: load (read, factorize)", best(lambda: greenlca.load_matrices(folder), 3), None))
    rows.append((f"{folder}: solve", best(system.solve, 20), best(lambda: cli("calc", "--matrices", folder), 5)))
    rows.append((f"{folder}: mc 1,000 draws", best(lambda: system.mc(1000, seed=42), 3),
                 best(lambda: cli("mc", "--matrices", folder, "-n", "1000", "--seed", "42"), 3)))

print("| what | Python (min / median) | command line (min / median) |")
print("|---|---|---|")
for what, py, c in rows:
    fmt = lambda t: f"{t[0] * 1e3:.1f} / {t[1] * 1e3:.1f} ms"  # noqa: E731
    print(f"| {what} | {fmt(py)} | {fmt(c) if c else '-'} |")
