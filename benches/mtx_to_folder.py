#!/usr/bin/env python3
"""Converts a gen_lca_mtx.py output (A.mtx, B.mtx, C.mtx, rhs.mtx) to the triplet CSV folder that
`greenlca calc --matrices` and peer_brightway.py read (../shared/peers/README.md).

Every off-diagonal technosphere entry, every biosphere entry and every factor gets a lognormal
uncertainty (stats_arrays type 2, scale --sigma), so that a Monte Carlo draw samples A, B and C.
The demand is the first column of rhs.mtx.

Usage: mtx_to_folder.py MTXDIR OUT [--sigma 0.1] [--no-uncertainty]
"""
import argparse
import os

import numpy as np
import scipy.io
import scipy.sparse as sp


def write(path, header, rows, a, sigma, diag_fixed):
    a = sp.coo_matrix(a)
    r, c, v = a.row, a.col, a.data
    keep = v != 0.0
    r, c, v = r[keep], c[keep], v[keep]
    with open(path, "w") as f:
        f.write(header + ("" if sigma is None else ",uncertainty_type,loc,scale,shape,minimum,maximum") + "\n")
        for i, j, x in zip(r.tolist(), c.tolist(), v.tolist()):
            if rows == "cf":
                i, j = j, i  # C is categories x flows; cf.csv is flow,category
            if sigma is None:
                f.write(f"{i},{j},{x!r}\n")
            elif diag_fixed and i == j:
                f.write(f"{i},{j},{x!r},0,,,,,\n")
            else:
                f.write(f"{i},{j},{x!r},2,{float(np.log(abs(x)))!r},{sigma!r},,,\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mtx")
    ap.add_argument("out")
    ap.add_argument("--sigma", type=float, default=0.1)
    ap.add_argument("--no-uncertainty", action="store_true")
    args = ap.parse_args()
    sigma = None if args.no_uncertainty else args.sigma
    os.makedirs(args.out, exist_ok=True)
    A = scipy.io.mmread(os.path.join(args.mtx, "A.mtx"))
    B = scipy.io.mmread(os.path.join(args.mtx, "B.mtx"))
    C = scipy.io.mmread(os.path.join(args.mtx, "C.mtx"))
    rhs = scipy.io.mmread(os.path.join(args.mtx, "rhs.mtx"))
    rhs = rhs.toarray() if sp.issparse(rhs) else np.asarray(rhs)
    write(os.path.join(args.out, "technosphere.csv"), "row,col,amount", "t", A, sigma, True)
    write(os.path.join(args.out, "biosphere.csv"), "row,col,amount", "b", B, sigma, False)
    write(os.path.join(args.out, "cf.csv"), "flow,category,factor", "cf", C, sigma, False)
    with open(os.path.join(args.out, "demand.csv"), "w") as f:
        f.write("process,amount\n")
        for i in np.nonzero(rhs[:, 0])[0].tolist():
            f.write(f"{i},{float(rhs[i, 0])!r}\n")


if __name__ == "__main__":
    main()
