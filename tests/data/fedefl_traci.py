"""TRACI 2.1 factors of USLCI elementary flows through the FEDEFL mapping files, computed here
independently of greenlca (standard library only) for the known-answer test tests/it/methods_fedefl.rs.

The route, as the mapping files define it (lcia-methods/README.md, traci-2.1/README.md):
USLCI flow UUID -> fedefl-mappings/USLCIv2019Q4.csv (TargetFlowName, TargetFlowContext, ConversionFactor
cf1) -> traci-2.1/fedefl/TRACIv2FlowableMappings.csv (TargetFlowName -> TRACI SourceFlowName, cf2, same
TargetUnit) and TRACIv2ContextMappings.csv (TargetFlowContext -> TRACI context `compartment[/sub]`)
-> the TRACI factor. A flow's factor is the sum over its mapping rows of cf1 * factor / cf2. Rows
that map a biogenic flow to a flowable that is not biogenic are skipped (the flag would be lost).

Usage: python fedefl_traci.py LCIA_METHODS_DIR USLCI_JSONLD_ZIP  -> JSON on stdout:
{"categories": {category: {uslci_uuid: factor}}}
"""
import csv
import json
import sys
import zipfile
from collections import defaultdict


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def main(lcia, uslci_zip):
    z = zipfile.ZipFile(uslci_zip)
    elementary = set()
    for n in z.namelist():
        if "/flows/" in n and n.endswith(".json"):
            d = json.loads(z.read(n))
            if d.get("flowType") == "ELEMENTARY_FLOW":
                elementary.add(d["@id"])

    to_traci = defaultdict(list)  # lower FEDEFL flowable -> [(TRACI name, cf2, FEDEFL unit)]
    for r in rows(f"{lcia}/traci-2.1/fedefl/TRACIv2FlowableMappings.csv"):
        to_traci[r["TargetFlowName"].strip().lower()].append(
            (r["SourceFlowName"].strip().lower(), float(r["ConversionFactor"]), r["TargetUnit"].strip().lower()))
    contexts = defaultdict(list)  # lower FEDEFL context -> [lower TRACI context]
    for r in rows(f"{lcia}/traci-2.1/fedefl/TRACIv2ContextMappings.csv"):
        contexts[r["TargetFlowContext"].strip().lower()].append(r["SourceFlowContext"].strip().lower())
    traci = {}  # (category, lower name, context) -> first factor in file order
    for r in rows(f"{lcia}/traci-2.1/traci_2.1_factors.csv"):
        ctx = r["compartment"].strip().lower()
        if r["subcompartment"].strip():
            ctx += "/" + r["subcompartment"].strip().lower()
        traci.setdefault((r["category"], r["flow_name"].strip().lower(), ctx), float(r["factor"]))
    categories = sorted({k[0] for k in traci})

    out = {c: {} for c in categories}
    for r in rows(f"{lcia}/fedefl-mappings/USLCIv2019Q4.csv"):
        uuid = r["SourceFlowUUID"].strip()
        if uuid not in elementary:
            continue
        if "biogenic" in r["SourceFlowName"].lower() and "biogenic" not in r["TargetFlowName"].lower():
            continue
        cf1 = float(r["ConversionFactor"])
        for cat in categories:
            value = None
            for name, cf2, unit in to_traci.get(r["TargetFlowName"].strip().lower(), []):
                if unit != r["TargetUnit"].strip().lower():
                    continue
                for ctx in contexts.get(r["TargetFlowContext"].strip().lower(), []):
                    if (cat, name, ctx) in traci:
                        value = traci[(cat, name, ctx)] / cf2
                        break
                if value is not None:
                    break
            if value is not None:
                out[cat][uuid] = out[cat].get(uuid, 0.0) + cf1 * value
    json.dump({"categories": out}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
