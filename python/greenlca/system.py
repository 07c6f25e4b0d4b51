"""Matrix systems: a matrix exchange folder, SciPy sparse A, B, C, or a Brightway LCA."""

from __future__ import annotations

import json
import os
from typing import Any, Optional, Sequence, Tuple

import numpy as np

from . import _greenlca
from ._errors import error
from .results import MonteCarlo


def _coo(matrix: Any, name: str):
    try:
        import scipy.sparse as sp
    except ImportError as e:  # pragma: no cover
        raise ImportError("greenlca.from_scipy needs SciPy: pip install scipy") from e
    m = sp.coo_matrix(matrix)
    return (
        np.ascontiguousarray(m.row, dtype=np.int64),
        np.ascontiguousarray(m.col, dtype=np.int64),
        np.ascontiguousarray(m.data, dtype=np.float64),
        (int(m.shape[0]), int(m.shape[1])),
    )


class MatrixSystem:
    """A (processes x processes), B (flows x processes), C (categories x flows) and a demand f,
    with A factorized once: scores h = C B A^-1 f."""

    def __init__(self, inner: Any):
        self._m = inner

    def __repr__(self) -> str:
        n, m, k = self.shape
        return f"<greenlca.MatrixSystem {n} processes, {m} flows, {k} categories>"

    @property
    def shape(self) -> Tuple[int, int, int]:
        """(processes, flows, categories)."""
        return self._m.shape

    @property
    def categories(self):
        """(name, unit) per category."""
        return self._m.categories

    @property
    def demand(self) -> np.ndarray:
        return self._m.demand

    def solve(self, demand: Optional[Sequence[float]] = None) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(scores, supply, inventory) for ``demand`` (default: the system's)."""
        d = None if demand is None else np.ascontiguousarray(demand, dtype=np.float64)
        return self._m.solve(d)

    def scores(self, demand: Optional[Sequence[float]] = None) -> np.ndarray:
        """Score per category for ``demand``."""
        return self.solve(demand)[0]

    def mc(self, iterations: int = 1000, seed: int = 42) -> MonteCarlo:
        """Monte Carlo of the scores over the entries' distributions (``greenlca mc --matrices``)."""
        if iterations < 2:
            raise error(f"iterations={iterations} is too few", "use at least 2")
        data, labels, draws = self._m.mc(iterations, seed)
        return MonteCarlo(json.loads(data), labels, draws)


def load_matrices(folder) -> MatrixSystem:
    """Reads a matrix exchange folder (triplet CSV with uncertainty columns, or Matrix Market)."""
    return MatrixSystem(_greenlca.MatrixSystem.read(os.fspath(folder)))


def from_scipy(A, B, C, demand, categories: Optional[Sequence[Tuple[str, str]]] = None) -> MatrixSystem:
    """A system from SciPy sparse (or dense) matrices: A n x n, B m x n, C k x m, demand length n.

    ``categories`` gives a (name, unit) per row of C. Entries at the same position add up.
    """
    d = np.ascontiguousarray(np.asarray(demand, dtype=np.float64).ravel())
    cats = None if categories is None else [(str(n), str(u)) for n, u in categories]
    return MatrixSystem(_greenlca.MatrixSystem.from_coo(_coo(A, "A"), _coo(B, "B"), _coo(C, "C"), d, cats))


def from_brightway(lca: Any, categories: Optional[Sequence[Tuple[str, str]]] = None) -> MatrixSystem:
    """The system a ``bw2calc.LCA`` has built (after ``lci()`` and ``lcia()``).

    Uses ``technosphere_matrix``, ``biosphere_matrix``, ``characterization_matrix`` (flows x flows,
    diagonal in Brightway: its diagonal becomes the one row of C) and ``demand_array``.
    """
    import scipy.sparse as sp

    cm = sp.csr_matrix(lca.characterization_matrix)
    c = sp.csr_matrix(cm.diagonal().reshape(1, -1)) if cm.shape[0] == cm.shape[1] else cm
    return from_scipy(lca.technosphere_matrix, lca.biosphere_matrix, c, lca.demand_array, categories)
