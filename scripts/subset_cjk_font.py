#!/usr/bin/env python3
"""Regenerates the CJK font subset that PNG charts draw Chinese text with.

Output: crates/greenlca/assets/fonts/NotoSansCJKsc-Regular-subset.otf (SIL Open Font License 1.1,
licence text beside it in LICENSE-NotoSansCJK.txt).

Source: Noto Sans CJK SC Regular, version 2.004, face 2 of
/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc from the Debian 12 package
fonts-noto-cjk 1:20220127+repack1-1, subset with fontTools 4.68.0 from PyPI. The exact commands,
from anywhere in the repository (Debian 12, as root):

    apt-get install -y fonts-noto-cjk
    python3 -m venv /tmp/fonttools && /tmp/fonttools/bin/pip install fonttools==4.68.0
    /tmp/fonttools/bin/python scripts/subset_cjk_font.py

The characters kept, all derived, none listed by hand:
  1. every character in the repository's tracked text files (sources, datasets, translation
     tables, docs, tests) that the bundled DejaVu Sans lacks and Noto Sans CJK SC has, so every
     Chinese word greenlca writes itself renders;
  2. the GB 2312 level-1 hanzi, the 3,755 most common characters, decoded with Python's gb2312
     codec from the bytes 0xB0A1..0xD7F9 (rows 16 to 55), so that user product, process and
     variant names in common Chinese render;
  3. CJK Symbols and Punctuation (U+3000..U+303F) and Halfwidth and Fullwidth Forms
     (U+FF00..U+FFEF), as far as the font has them.

Size (measured 2026-11-30, same options): the characters of the repository with the two blocks
alone give 1,044 characters in 169 kB, which would box most users' own names; with GB 2312 level 1
(the choice) 4,047 characters in 820 kB (819,632 bytes); adding GB 2312 level 2 (3,008 rarer
hanzi) 7,052 characters in 1.5 MB; the whole face, unsubset, 16 MB (16,437,340 bytes). The font is compiled into the library,
so every kilobyte adds to the binary: level 1 covers the hanzi of everyday product, material and
process names at half the size of levels 1 and 2. A character outside the subset draws a visible
replacement box in PNG (SVG charts are not affected: the viewer's fonts draw them), and a unit
test (plot::fonts) fails when greenlca's own sources or datasets use such a character: run this
script again after adding one.

Only what the PNG rasteriser reads is kept: outlines (CFF), horizontal metrics, cmap, names;
no hinting, no OpenType layout features, no vertical metrics.

The output is deterministic: the same repository content gives the same bytes (the font's own
timestamps are kept, not set to today).
"""

import pathlib
import subprocess
import sys
import tempfile

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE_TTC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SOURCE_FACE = 2  # Noto Sans CJK SC in the collection (JP, KR, SC, TC, HK, then the Mono faces)
FONTS = pathlib.Path("crates/greenlca/assets/fonts")
OUTPUT = FONTS / "NotoSansCJKsc-Regular-subset.otf"
DEJAVU = FONTS / "DejaVuSans.ttf"


def repo_root() -> pathlib.Path:
    out = subprocess.run(["git", "rev-parse", "--show-toplevel"], check=True, capture_output=True, text=True)
    return pathlib.Path(out.stdout.strip())


def repository_chars(root: pathlib.Path) -> set[int]:
    """Every non-ASCII character in the tracked text files (binary files are skipped)."""
    names = subprocess.run(["git", "ls-files", "-z"], cwd=root, check=True, capture_output=True).stdout
    chars: set[int] = set()
    for name in sorted(n for n in names.decode().split("\0") if n):
        path = root / name
        if not path.is_file() or path.suffix in (".ttf", ".otf"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        chars.update(ord(c) for c in text if ord(c) > 0x7F)
    return chars


def gb2312_level1() -> set[int]:
    """GB 2312 level-1 hanzi: rows 0xB0..0xD7, cells 0xA1..0xFE, ending at 0xD7F9."""
    out: set[int] = set()
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            if (row, cell) > (0xD7, 0xF9):
                break
            out.add(ord(bytes([row, cell]).decode("gb2312")))
    if len(out) != 3755:
        sys.exit(f"expected 3755 GB 2312 level-1 hanzi, decoded {len(out)}")
    return out


def main() -> None:
    root = repo_root()
    cjk = TTFont(SOURCE_TTC, fontNumber=SOURCE_FACE, lazy=True)
    has = set(cjk.getBestCmap())
    dejavu = set(TTFont(root / DEJAVU, lazy=True).getBestCmap())
    repo = {c for c in repository_chars(root) if c not in dejavu and c in has}
    blocks = {c for c in has if 0x3000 <= c <= 0x303F or 0xFF00 <= c <= 0xFFEF}
    wanted = sorted(repo | gb2312_level1() | blocks)

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["BASE", "VORG", "vhea", "vmtx", "GPOS", "GSUB", "GDEF"]
    options.recalc_timestamp = False
    options.font_number = SOURCE_FACE
    font = subset.load_font(SOURCE_TTC, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    out = root / OUTPUT
    with tempfile.NamedTemporaryFile(dir=out.parent, delete=False) as tmp:
        subset.save_font(font, tmp.name, options)
    pathlib.Path(tmp.name).replace(out)
    print(
        f"{OUTPUT}: {len(wanted)} characters ({len(repo)} from the repository), "
        f"{len(font.getGlyphOrder())} glyphs, {out.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()
