"""Results: the command line's JSON (``.json``) with pandas views of it."""

from __future__ import annotations

from typing import Any, Dict, List

import numpy as np
import pandas as pd


class _Result:
    """A result of one command; ``json`` is what ``--format json`` prints."""

    def __init__(self, data: Dict[str, Any]):
        self.json = data

    def __repr__(self) -> str:
        return f"<greenlca {type(self).__name__} {self.json.get('schema', '')}>"


class CalcResult(_Result):
    """``greenlca calc``: totals and stages per variant and category."""

    @property
    def totals(self) -> pd.DataFrame:
        """Variant (rows) x category id (columns)."""
        rows = {v["id"]: {r["category"]: r["total"] for r in v["results"]} for v in self.json["variants"]}
        return pd.DataFrame.from_dict(rows, orient="index").rename_axis("variant")

    @property
    def stages(self) -> pd.DataFrame:
        """Long table: variant, category, stage, value (the stages sum to the total)."""
        recs = [
            (v["id"], r["category"], s, r["stages"][s])
            for v in self.json["variants"]
            for r in v["results"]
            for s in v["stages"]
        ]
        return pd.DataFrame(recs, columns=["variant", "category", "stage", "value"])

    @property
    def exchanges(self) -> pd.DataFrame:
        """The product's own exchanges with their upstream result per category."""
        recs = []
        for v in self.json["variants"]:
            for e in v["exchanges"]:
                base = {k: e.get(k) for k in ("id", "label", "stage", "kind", "target", "amount", "unit")}
                for cat, value in e["values"].items():
                    recs.append({"variant": v["id"], **base, "category": cat, "value": value})
        return pd.DataFrame(recs)

    @property
    def categories(self) -> pd.DataFrame:
        """id, method, name, unit of each category."""
        return pd.DataFrame(self.json["categories"])


def _ranked(listing: Dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(listing["items"], columns=["id", "name", "value", "share"])


class ContribResult(_Result):
    """``greenlca contrib``: stages, processes, flows, first tier and tree per category."""

    def _long(self, key: str) -> pd.DataFrame:
        frames = []
        for c in self.json["categories"]:
            df = _ranked(c[key])
            df.insert(0, "category", c["category"])
            frames.append(df)
        return pd.concat(frames, ignore_index=True)

    @property
    def stages(self) -> pd.DataFrame:
        recs = [(c["category"], s, v) for c in self.json["categories"] for s, v in c["stages"]]
        return pd.DataFrame(recs, columns=["category", "stage", "value"])

    @property
    def processes(self) -> pd.DataFrame:
        return self._long("processes")

    @property
    def flows(self) -> pd.DataFrame:
        return self._long("flows")

    @property
    def first_tier(self) -> pd.DataFrame:
        return self._long("first_tier")

    def tree(self, category: str) -> Dict[str, Any]:
        """The supply-chain tree of one category (nested dicts, as in the JSON)."""
        for c in self.json["categories"]:
            if c["category"] == category:
                return c["tree"]
        raise KeyError(category)


class CompareResult(_Result):
    """``greenlca compare``: every variant against the baseline."""

    @property
    def table(self) -> pd.DataFrame:
        """variant, category, total, difference, relative, normalized."""
        recs = [
            {"variant": v["id"], **{k: c[k] for k in ("category", "total", "difference", "relative", "normalized")}}
            for v in self.json["variants"]
            for c in v["categories"]
        ]
        return pd.DataFrame(recs)

    @property
    def paired(self) -> pd.DataFrame:
        """With ``mc``: P(variant beats baseline) and the summary of the paired differences."""
        p = self.json.get("paired")
        if not p:
            return pd.DataFrame()
        recs = [
            {"variant": x["variant"], "category": x["category"], "beats_baseline": x["beats_baseline"], **x["difference"]}
            for x in p["pairs"]
        ]
        return pd.DataFrame(recs)


class CheckResult(_Result):
    """``greenlca check``: verdicts, margins and, with ``mc``, probabilities of passing."""

    def __init__(self, data: Dict[str, Any], passed: bool):
        super().__init__(data)
        self.passed = passed

    @property
    def verdicts(self) -> pd.DataFrame:
        """One row per variant: pass, verdict, probability (of meeting everything, with ``mc``)."""
        recs = [{k: v.get(k) for k in ("id", "name", "pass", "verdict", "probability")} for v in self.json["variants"]]
        return pd.DataFrame(recs).rename(columns={"id": "variant"})

    @property
    def indicators(self) -> pd.DataFrame:
        """One row per variant and indicator: value, limit, status, margin, probability..."""
        recs = []
        for v in self.json["variants"]:
            for i in v["indicators"]:
                row = {"variant": v["id"]}
                row.update({k: x for k, x in i.items() if not isinstance(x, (list, dict))})
                recs.append(row)
        return pd.DataFrame(recs)

    @property
    def requirements(self) -> pd.DataFrame:
        recs = [{"variant": v["id"], **r} for v in self.json["variants"] for r in v["requirements"]]
        return pd.DataFrame(recs)


class MonteCarlo(_Result):
    """``greenlca mc``: the summary per output and every draw.

    ``draws`` is a float64 array (iterations x outputs) whose columns are ``labels``
    (``variant/category/stage``); row i is iteration i, the same for any thread count.
    """

    def __init__(self, data: Dict[str, Any], labels: List[str], draws: np.ndarray):
        super().__init__(data)
        self.labels = labels
        self.draws = draws

    @property
    def summary(self) -> pd.DataFrame:
        """One row per output: n, mean, sd, p2_5, median, p97_5, cv, convergence."""
        return pd.DataFrame(self.json["outputs"])

    def frame(self) -> pd.DataFrame:
        """The draws as a DataFrame (a copy; columns are the labels)."""
        return pd.DataFrame(self.draws, columns=self.labels).rename_axis("iteration")


class TableResult(_Result):
    """Sensitivity results (``--oat`` and ``--analytic``) as one long table."""

    def __init__(self, data: Dict[str, Any], kind: str):
        super().__init__(data)
        self.kind = kind

    @property
    def table(self) -> pd.DataFrame:
        recs = []
        for c in self.json["categories"]:
            if self.kind == "oat":
                for r in c["rows"]:
                    recs.append(
                        dict(zip(["parameter", "low", "high", "result_low", "result_high", "basis"], r),
                             category=c["category"], base=c["base"])
                    )
            else:
                for r in c["top"]:
                    recs.append(
                        dict(zip(["kind", "input", "value", "coefficient", "elasticity", "variance_share"], r),
                             category=c["category"], total=c["total"])
                    )
        return pd.DataFrame(recs)


class SobolResult(_Result):
    """``greenlca sensitivity --sobol``: first-order and total indices with 95 % intervals."""

    @property
    def indices(self) -> pd.DataFrame:
        """output, input, first, total, first_lo, first_hi, total_lo, total_hi."""
        inputs = self.json["inputs"]
        recs = []
        for output, values in self.json["outputs"]:
            for name, x in zip(inputs, values):
                recs.append({
                    "output": output, "input": name, "first": x["first"], "total": x["total"],
                    "first_lo": x["first_ci"][0], "first_hi": x["first_ci"][1],
                    "total_lo": x["total_ci"][0], "total_hi": x["total_ci"][1],
                })
        return pd.DataFrame(recs)


class Scores(_Result):
    """``greenlca scores``: per process, the score of one unit of its reference product."""

    def _frame(self, key: str) -> pd.DataFrame:
        cats = [c["id"] for c in self.json["categories"]]
        procs = self.json["processes"]
        return pd.DataFrame([p[key] for p in procs], index=pd.Index([p["id"] for p in procs], name="process"),
                            columns=cats)

    @property
    def totals(self) -> pd.DataFrame:
        """Cradle-to-gate score per process (rows) and category (columns)."""
        return self._frame("total")

    @property
    def direct(self) -> pd.DataFrame:
        """The process's own emissions only."""
        return self._frame("direct")
