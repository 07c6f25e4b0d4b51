#!/usr/bin/env bash
# Generates the benchmark systems with the peers' generator (../shared/peers) into
# target/bench-data (or $GREENLCA_BENCH_DATA): random systems of 2,000 and 20,000 processes, seed 7,
# with their uncertainty columns. Needs a Python with numpy and pandas (see ../shared/peers/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${GREENLCA_BENCH_DATA:-target/bench-data}
py=${PYTHON:-python3}
mkdir -p "$out"
for n in 2000 20000; do
  [ -f "$out/random-$n/technosphere.csv" ] || "$py" ../shared/peers/gen_system.py random "$out/random-$n" --n "$n" --seed 7
done
echo "benchmark data in $out"
