"""Writes the large inputs of docs/performance.md, "Large input files": a product model and an
EcoSpold 1 file of about 50 MB each, to check that reading stays linear in the file size.

Usage: python benches/large_inputs.py OUT_DIR [MEGABYTES]
Then:  greenlca calc OUT_DIR/big.toml --variant base;  greenlca import OUT_DIR/big_es1.xml --to OUT_DIR/db
"""

import sys
from pathlib import Path

EXCHANGE = """
[[exchange]]
id = "extra_{n}"
label = "additional moulded part number {n} of the example, for a reading-speed test"
stage = "raw_materials"
provider = "pp_resin"
formula = "kettles * 0.00001 * resin_per_part"
unit = "kg"
tags = ["material"]
source = "ASSUMPTION"
"""

GASES = [("Carbon dioxide, fossil", "000124-38-9"), ("Methane, fossil", "000074-82-8"),
         ("Dinitrogen monoxide", "010024-97-2"), ("Sulfur dioxide", "007446-09-5"),
         ("Nitrogen oxides", "011104-93-1")]


def model(root, size):
    """The kettle example (embedded database) with extra foreground exchanges up to `size` bytes."""
    text = (root / "datasets/products/kettle.toml").read_text(encoding="utf-8")
    text = text.replace('database = "../db"', "").replace('spec = "../specs/kettle.toml"\n', "")
    text = text.replace('evidence = "kettle-evidence.toml"\n', "")
    cut = text.index("# ---------------------------------------------------------------- variants")
    parts, total, n = [], 0, 0
    while total < size:
        parts.append(EXCHANGE.format(n=n))
        total += len(parts[-1])
        n += 1
    return text[:cut] + "".join(parts) + text[cut:]


def ecospold1(size):
    """A chain of data sets, each taking the previous product and emitting five gases."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<ecoSpold xmlns="http://www.EcoInvent.org/EcoSpold01">\n']
    total, i = 0, 0
    while total < size:
        ex = [f'<exchange number="1" name="Product {i}" location="US" unit="kg" meanValue="1">'
              '<outputGroup>0</outputGroup></exchange>']
        if i > 0:
            ex.append(f'<exchange number="2" name="Product {i - 1}" location="US" unit="kg" meanValue="0.5" '
                      'uncertaintyType="1" standardDeviation95="1.21"><inputGroup>5</inputGroup></exchange>')
        for k, (name, cas) in enumerate(GASES):
            ex.append(f'<exchange number="{k + 3}" name="{name}" category="air" subCategory="low population density" '
                      f'unit="kg" meanValue="0.0{k + 1}" uncertaintyType="1" standardDeviation95="1.1025" '
                      f'CASNumber="{cas}"><outputGroup>4</outputGroup></exchange>')
        parts.append(
            f'  <dataset number="{i + 1}"><metaInformation><processInformation><referenceFunction '
            f'datasetRelatesToProduct="true" name="Product {i}" amount="1" unit="kg" category="test" '
            f'subCategory="chain"/><geography location="US"/></processInformation></metaInformation>\n'
            f'    <flowData>\n      ' + "\n      ".join(ex) + "\n    </flowData>\n  </dataset>\n")
        total += len(parts[-1])
        i += 1
    parts.append("</ecoSpold>\n")
    return "".join(parts)


def main():
    out = Path(sys.argv[1])
    size = int(float(sys.argv[2]) * 1e6) if len(sys.argv) > 2 else 50_000_000
    out.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).resolve().parent.parent
    (out / "big.toml").write_text(model(root, size), encoding="utf-8")
    (out / "big_es1.xml").write_text(ecospold1(size), encoding="utf-8")


if __name__ == "__main__":
    main()
