"""greenlca: life-cycle assessment from Python, with NumPy and pandas results.

>>> import greenlca
>>> study = greenlca.load("datasets/products/kettle.toml")
>>> study.calc().totals            # DataFrame: variant x category
>>> mc = study.mc(1000, seed=42)   # mc.summary (DataFrame), mc.draws (ndarray iterations x outputs)

Every result keeps the command line's JSON in ``.json`` (same schema, same numbers); the
DataFrames are views of it. Errors raise :class:`GreenlcaError` (a ``ValueError``) with the
command line's message, and ``.kind``, ``.file``, ``.line``, ``.entity`` and ``.hint``.
See docs/python.md.
"""

from __future__ import annotations

from typing import Optional

from ._greenlca import GreenlcaError, __version__, scores_json as _scores_json
from ._greenlca import MatrixSystem as _MatrixSystem
from ._greenlca import Study as _Study
from .results import (
    CalcResult,
    CheckResult,
    CompareResult,
    ContribResult,
    MonteCarlo,
    Scores,
    SobolResult,
    TableResult,
)
from .system import MatrixSystem, from_brightway, from_scipy, load_matrices
from .study import Study, load

__all__ = [
    "GreenlcaError",
    "__version__",
    "load",
    "load_matrices",
    "from_scipy",
    "from_brightway",
    "scores",
    "Study",
    "MatrixSystem",
    "CalcResult",
    "CheckResult",
    "CompareResult",
    "ContribResult",
    "MonteCarlo",
    "Scores",
    "SobolResult",
    "TableResult",
]


def scores(db, methods, unlinked: Optional[str] = None) -> Scores:
    """Score of one unit of every process of a database (``greenlca scores``).

    ``db`` is a database folder, an openLCA JSON-LD zip or EcoSpold files; ``methods`` a list of
    method ids or method TOML files.
    """
    import json

    if isinstance(methods, str):
        methods = [methods]
    return Scores(json.loads(_scores_json(str(db), list(methods), unlinked)))


del _MatrixSystem, _Study
