"""Benchmark: reading and mapping (`read_export` then `map_export`) a 100,000-response x 48-column xlsx, against
fastexcel's raw read of the same file, timed in the same run. Target: ratio <= 1.3 and peak memory <= 1 GB.

The workbook is written once into a temporary directory (a plain layout: a response id, 5 attribute columns and
the 42 default items by code, half answer labels and half numbers 1-5, 5 % blank), as Excel writes one: shared
strings and cell references. Peak memory is the resident-set high-water mark (VmHWM) of a fresh subprocess that
only imports, reads and maps (tracemalloc would miss what calamine allocates in Rust).

Run: python bench/bench_read_export.py [--rows 100000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import best_time  # noqa: E402
from ingest import map_export, read_export  # noqa: E402
from metrics.instrument import load_instrument  # noqa: E402

TARGET_RATIO = 1.3
TARGET_PEAK_MB = 1024
LABELS = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree", "Don't know")
UNITS = tuple(f"Unit {i:02d}" for i in range(40))
ROLES = ("Executive", "Manager", "Staff", "Support")
TENURES = ("Less than 1 year", "1 to 3 years", "4-9 years", "10 or more years")
PROGRAMS = ("Early learning", "K-12", "Finance", "Technology")
HEADER = (
    "response_id",
    "unit",
    "role_level",
    "tenure_band",
    "program_area",
    "agency",
    *(item.code for item in load_instrument().items),
)

PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
}


def _letters(index: int) -> str:
    letters, index = "", index + 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def write_workbook(path: Path, rows: int, seed: int = 2026) -> None:
    """A plain responses workbook written straight as SpreadsheetML (openpyxl would take minutes at this size)."""
    rng = np.random.default_rng(seed)
    strings = list(dict.fromkeys((*HEADER, *UNITS, *ROLES, *TENURES, *PROGRAMS, "SEA", *LABELS)))
    at = {text: i for i, text in enumerate(strings)}
    letters = [_letters(j) for j in range(len(HEADER))]
    attributes = [
        (UNITS, rng.integers(0, 40, rows)),
        (ROLES, rng.integers(0, 4, rows)),
        (TENURES, rng.integers(0, 4, rows)),
        (PROGRAMS, rng.integers(0, 4, rows)),
    ]
    answers = rng.integers(0, 5, (rows, 42))
    answers[rng.random((rows, 42)) < 0.02] = 5  # "Don't know"
    blank = rng.random((rows, 42)) < 0.05
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, xml in PARTS.items():
            book.writestr(name, xml)
        shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        book.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
        )
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
                + "".join(f'<c r="{letters[j]}1" t="s"><v>{at[h]}</v></c>' for j, h in enumerate(HEADER)).encode()
                + b"</row>"
            )
            for i in range(rows):
                n = i + 2
                cells = [f'<row r="{n}"><c r="A{n}"><v>{100000 + i}</v></c>']
                for j, (choices, picks) in enumerate(attributes, start=1):
                    cells.append(f'<c r="{letters[j]}{n}" t="s"><v>{at[choices[picks[i]]]}</v></c>')
                cells.append(f'<c r="F{n}" t="s"><v>{at["SEA"]}</v></c>')
                for j in range(42):
                    if blank[i, j]:
                        continue
                    ref = f"{letters[6 + j]}{n}"
                    if j < 21:
                        cells.append(f'<c r="{ref}" t="s"><v>{at[LABELS[answers[i, j]]]}</v></c>')
                    elif answers[i, j] < 5:
                        cells.append(f'<c r="{ref}"><v>{answers[i, j] + 1}</v></c>')
                cells.append("</row>")
                sheet.write("".join(cells).encode())
            sheet.write(b"</sheetData></worksheet>")


def read_and_map(path: Path):
    return map_export(read_export(path), load_instrument())


def baseline(path: Path):
    import fastexcel

    return fastexcel.read_excel(str(path)).load_sheet(0).to_pandas()


PEAK = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from bench.bench_read_export import baseline, read_and_map
read_and_map(Path(sys.argv[2])) if sys.argv[3] == "ours" else baseline(Path(sys.argv[2]))
status = Path("/proc/self/status")
if status.exists():  # VmHWM belongs to this process image; ru_maxrss would count the parent's memory at fork
    print(next(line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmHWM:")))
else:
    import resource
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_mb(path: Path, which: str) -> float:
    """Resident-set high-water mark (MB) of a fresh process that reads the file once with `which`."""
    root = str(Path(__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", PEAK, root, str(path), which], capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[-1]) / 1024  # kB


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.xlsx"
        started = time.perf_counter()
        write_workbook(path, args.rows)
        print(
            f"wrote {args.rows:,} x {len(HEADER)} xlsx ({path.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        export = read_export(path)
        plain = baseline(path)
        assert export.responses.shape == (args.rows, len(HEADER)), export.responses.shape
        assert plain.shape == (args.rows, len(HEADER)), plain.shape
        assert list(export.responses.columns) == list(plain.columns)
        mapped = read_and_map(path)
        assert len(mapped.responses) == args.rows and not mapped.mapping["target"].eq("").any()
        assert mapped.problems.empty, mapped.problems.head()
        base = mine = reading = float("inf")
        for _ in range(args.repeats):  # interleaved, so drift on a busy machine hits all alike
            base = min(base, best_time(lambda: baseline(path), 1))
            mine = min(mine, best_time(lambda: read_and_map(path), 1))
            reading = min(reading, best_time(lambda: read_export(path), 1))
        ratio = mine / base
        ours_peak, base_peak = peak_mb(path, "ours"), peak_mb(path, "baseline")
    print(f"read_export + map_export:       {mine * 1000:.0f} ms (reading alone {reading * 1000:.0f} ms)")
    print(f"fastexcel raw read (baseline):  {base * 1000:.0f} ms")
    print(f"ratio {ratio:.2f} (target <= {TARGET_RATIO}); reading alone {reading / base:.2f}")
    print(f"peak memory read + map {ours_peak:.0f} MB (target <= {TARGET_PEAK_MB}); fastexcel {base_peak:.0f} MB")
    return 0 if ratio <= TARGET_RATIO and ours_peak <= TARGET_PEAK_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
