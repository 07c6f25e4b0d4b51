"""A product model on its background: the commands of the command line as methods."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from . import _greenlca
from ._errors import error
from .results import CalcResult, CheckResult, CompareResult, ContribResult, MonteCarlo, SobolResult, TableResult

PathLike = Union[str, "os.PathLike[str]"]
Sets = Optional[Dict[str, float]]


def load(model: PathLike, db: Optional[PathLike] = None, methods: Iterable[str] = (), unlinked: Optional[str] = None) -> "Study":
    """Reads a product model (TOML) with its database and methods and factorizes the background.

    ``db`` overrides the model's database (a folder, an openLCA JSON-LD zip or EcoSpold files);
    ``methods`` the model's methods (ids or method TOML files); ``unlinked`` is ``error``,
    ``warn`` or ``cutoff`` as on the command line; left out, the policy the database records
    (an imported database records ``cutoff``), else ``error``.
    """
    return Study(model, db=db, methods=methods, unlinked=unlinked)


def _sets(sets: Sets) -> List[tuple]:
    out = []
    for k, v in (sets or {}).items():
        v = float(v)
        if v != v or v in (float("inf"), float("-inf")):
            raise error(f"set {k}={v} is not a finite number", "give a finite number")
        out.append((str(k), v))
    return out


class Study:
    """A product model, its background system and characterization, factorized once.

    Methods mirror the command line: :meth:`calc`, :meth:`contrib`, :meth:`compare`,
    :meth:`check`, :meth:`mc`, :meth:`oat`, :meth:`analytic`, :meth:`sobol`, :meth:`export`.
    ``sets`` is a dict of parameter overrides (``--set name=value``).
    """

    def __init__(self, model: PathLike, db: Optional[PathLike] = None, methods: Iterable[str] = (), unlinked: Optional[str] = None):
        if isinstance(methods, str):
            methods = [methods]
        self.model = os.fspath(model)
        self._s = _greenlca.Study(self.model, None if db is None else os.fspath(db), list(methods), unlinked)

    def __repr__(self) -> str:
        return f"<greenlca.Study {self.product!r}: {len(self.variants)} variants, {len(self.categories)} categories>"

    @property
    def product(self) -> str:
        return self._s.product

    @property
    def variants(self) -> List[str]:
        """``base`` and every variant of the model."""
        return self._s.variants

    @property
    def categories(self) -> List[str]:
        """Category ids."""
        return [c[0] for c in self._s.categories]

    @property
    def units(self) -> Dict[str, str]:
        """Unit of each category."""
        return {c[0]: c[3] for c in self._s.categories}

    @property
    def warnings(self) -> List[str]:
        return self._s.warnings

    def _variants(self, variants: Union[None, str, Sequence[str]], default_all: bool = False) -> List[str]:
        if variants is None:
            return list(self.variants) if default_all else ["base"]
        if isinstance(variants, str):
            return list(self.variants) if variants == "all" else self._variants([variants])
        known = self.variants
        for v in variants:
            if v not in known:
                raise error(f"unknown variant `{v}`", f"choose one of: {', '.join(known)}", "unknown_id")
        return list(variants)

    def calc(self, variants: Union[None, str, Sequence[str]] = None, sets: Sets = None, top: int = 5) -> CalcResult:
        """Totals and stages per variant (``greenlca calc``; ``variants="all"`` for all)."""
        return CalcResult(json.loads(self._s.calc_json(self._variants(variants), _sets(sets), top)))

    def contrib(
        self,
        variant: str = "base",
        categories: Sequence[str] = (),
        sets: Sets = None,
        top: int = 10,
        cutoff: float = 0.01,
        depth: int = 12,
    ) -> ContribResult:
        """Where the impacts come from (``greenlca contrib``)."""
        data = self._s.contrib_json(variant, list(categories), _sets(sets), (top, cutoff, depth))
        return ContribResult(json.loads(data))

    def compare(
        self,
        variants: Optional[Sequence[str]] = None,
        baseline: Optional[str] = None,
        sets: Sets = None,
        mc: Optional[int] = None,
        seed: int = 42,
    ) -> CompareResult:
        """Variants against a baseline (``greenlca compare``); ``mc=N`` adds paired Monte Carlo."""
        chosen = self._variants(variants, default_all=True)
        base = baseline or chosen[0]
        if base not in chosen:
            self._variants([base])
            chosen.insert(0, base)
        if mc is not None and mc < 2:
            raise error(f"mc={mc} is too few draws", "use a few hundred or more")
        data = self._s.compare_json(chosen, base, _sets(sets), None if mc is None else (mc, seed))
        return CompareResult(json.loads(data))

    def check(
        self,
        spec: Optional[PathLike] = None,
        evidence: Optional[PathLike] = None,
        variants: Union[None, str, Sequence[str]] = None,
        sets: Sets = None,
        mc: Optional[int] = None,
        seed: int = 42,
    ) -> CheckResult:
        """Against an eco-design specification (``greenlca check``); ``mc=N`` adds P(pass)."""
        if mc is not None and mc < 2:
            raise error(f"mc={mc} is too few draws", "use a few hundred or more")
        data, passed = self._s.check_json(
            None if spec is None else os.fspath(spec),
            None if evidence is None else os.fspath(evidence),
            self._variants(variants),
            _sets(sets),
            None if mc is None else (mc, seed),
        )
        return CheckResult(json.loads(data), passed)

    def mc(
        self,
        iterations: int = 1000,
        seed: int = 42,
        variants: Union[None, str, Sequence[str]] = None,
        stages: bool = False,
        sets: Sets = None,
    ) -> MonteCarlo:
        """Monte Carlo over every distribution (``greenlca mc``); same draws as the command line."""
        if iterations < 2:
            raise error(f"iterations={iterations} is too few", "use at least 2 (1000 or more for stable percentiles)")
        data, labels, draws = self._s.mc(self._variants(variants), _sets(sets), iterations, seed, stages)
        return MonteCarlo(json.loads(data), labels, draws)

    def oat(self, variant: str = "base", sets: Sets = None) -> TableResult:
        """One-at-a-time sensitivity (``greenlca sensitivity --oat``)."""
        return TableResult(json.loads(self._s.oat_json(variant, _sets(sets))), "oat")

    def analytic(self, variant: str = "base", sets: Sets = None, top: int = 15) -> TableResult:
        """Analytical sensitivity: coefficients, elasticities, variance shares (``--analytic``)."""
        return TableResult(json.loads(self._s.analytic_json(variant, _sets(sets), top)), "analytic")

    def sobol(self, n: int, variant: str = "base", seed: int = 42, bootstrap: int = 200, sets: Sets = None) -> SobolResult:
        """Sobol indices from ``n`` design rows (``greenlca sensitivity --sobol N``)."""
        return SobolResult(json.loads(self._s.sobol_json(variant, _sets(sets), n, seed, bootstrap)))

    def matrices(self, variant: str = "base", sets: Sets = None) -> Dict[str, Any]:
        """The product system as SciPy matrices (what :meth:`export` writes).

        Returns a dict: ``A`` (n x n, the product is the last process), ``B`` (m x n), ``C``
        (k x m) as ``scipy.sparse.csc_matrix``, ``demand`` (1 of the product), ``processes`` and
        ``flows`` (ids in matrix order) and ``categories``.
        """
        import scipy.sparse as sp

        a, b, c, demand, processes, flows = self._s.matrices(variant, _sets(sets))
        mat = lambda t: sp.coo_matrix((t[2], (t[0], t[1])), shape=t[3]).tocsc()  # noqa: E731
        return {
            "A": mat(a), "B": mat(b), "C": mat(c), "demand": demand,
            "processes": processes, "flows": flows, "categories": self.categories,
        }

    def export(self, folder: PathLike, variant: str = "base", sets: Sets = None, force: bool = False) -> None:
        """Writes the product system as a matrix exchange folder (``greenlca export --matrices``)."""
        self._s.export(os.fspath(folder), variant, _sets(sets), force)
