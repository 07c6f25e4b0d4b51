"""Converts a system of ../shared/peers/gen_lca_mtx.py (A.mtx, B.mtx, C.mtx, rhs.mtx) to the triplet
CSV exchange folder that `greenlca calc --matrices` and peer_brightway.py read.

    python mtx_to_exchange.py MTX_DIR OUT_DIR [--uncertainty]

Values are written with round-trip precision; the demand is the first column of rhs.mtx.
With --uncertainty every off-diagonal entry of A and every entry of B gets a lognormal
distribution (stats_arrays type 2, sd of ln 0.1), for Monte Carlo.
"""

import os
import sys

import scipy.io


def write(path, header, rows, cols, vals, unc):
    with open(path, "w") as f:
        f.write(header + (",uncertainty_type,loc,scale,shape,minimum,maximum" if unc else "") + "\n")
        for i, j, v in zip(rows.tolist(), cols.tolist(), vals.tolist()):
            if unc and not (header.startswith("row") and i == j and path.endswith("technosphere.csv")):
                import math

                f.write(f"{i},{j},{v!r},2,{math.log(abs(v))!r},0.1,,,\n")
            elif unc:
                f.write(f"{i},{j},{v!r},0,,,,,\n")
            else:
                f.write(f"{i},{j},{v!r}\n")


def main():
    src, out = sys.argv[1], sys.argv[2]
    unc = "--uncertainty" in sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    a = scipy.io.mmread(os.path.join(src, "A.mtx")).tocoo()
    b = scipy.io.mmread(os.path.join(src, "B.mtx")).tocoo()
    c = scipy.io.mmread(os.path.join(src, "C.mtx")).tocoo()
    rhs = scipy.io.mmread(os.path.join(src, "rhs.mtx")).tocsc()
    write(os.path.join(out, "technosphere.csv"), "row,col,amount", a.row, a.col, a.data, unc)
    write(os.path.join(out, "biosphere.csv"), "row,col,amount", b.row, b.col, b.data, unc)
    # C is categories x flows; cf.csv names the flow first.
    write(os.path.join(out, "cf.csv"), "flow,category,factor", c.col, c.row, c.data, False)
    d = rhs[:, 0].tocoo()
    with open(os.path.join(out, "demand.csv"), "w") as f:
        f.write("process,amount\n")
        for i, v in zip(d.row.tolist(), d.data.tolist()):
            f.write(f"{i},{v!r}\n")


if __name__ == "__main__":
    main()
