"""OpenDocument spreadsheets (.ods) and legacy workbooks (.xls) read in a child process with a memory cap, every
sheet as columns of text.

Why: an .ods cell may declare itself repeated thousands of times across and down, so a small file can ask the
reader for billions of cells; unlike an xlsx this cannot be bounded by a cheap scan of the package. A damaged
legacy .xls can do the same: the fuzzer (bench/fuzz_readers.py) found a 6 KB one that makes calamine allocate
without end while merely opening it. The child
process reads with fastexcel under an address-space limit and a time limit: a file built to exhaust memory ends
the child, never the dashboard, and becomes a plain message. The child writes each sheet as an Arrow IPC file
for the parent to map, so no cell crosses a pipe as Python objects.

Run as `python -m ingest._sandbox <file> <out dir>` only by `sandboxed_sheets`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ingest.export import ExportError

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the child: room for Python, pyarrow and a real survey
TIME_LIMIT = 120  # seconds
ROOT = Path(__file__).resolve().parents[1]
TOO_BIG = (
    "The spreadsheet asks for more cells than can be read safely (it repeats cells across a huge area, or is "
    "simply too large). Save it as .xlsx or CSV with only the responses and upload that."
)


XLS_TOO_BIG = (
    "The workbook asks for more memory than can be read safely: it is damaged, or far larger than a survey export. "
    "Open it in Excel, save it as .xlsx (or CSV) and upload that."
)
XLS_DAMAGED = (
    "The workbook could not be read: it is damaged or not a spreadsheet Excel would open. Open it in Excel, save a "
    "copy as .xlsx (or CSV) and upload that."
)


def ods_sheets(data: bytes) -> list[tuple[str, int, list]]:
    """(name, first column, text columns) of every sheet with cells of an .ods, read in the capped child process."""
    return sandboxed_sheets(data, "ods")


def sandboxed_sheets(data: bytes, kind: str) -> list[tuple[str, int, list]]:
    """(name, first column, text columns) of every sheet with cells, read in the capped child process; `kind` is
    "ods" or "xls" (a legacy workbook)."""
    import pyarrow as pa

    with tempfile.TemporaryDirectory(prefix=f"effective-offices-{kind}-") as folder:
        source = Path(folder) / f"upload.{kind}"
        source.write_bytes(data)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "ingest._sandbox", str(source), folder],
                cwd=ROOT,
                capture_output=True,
                timeout=TIME_LIMIT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
        except subprocess.TimeoutExpired:
            raise ExportError(
                f"Reading the spreadsheet took over {TIME_LIMIT} seconds, so it was stopped. Save it as .xlsx or "
                "CSV and upload that."
            ) from None
        if done.returncode != 0:
            error = done.stderr.decode("utf-8", "replace")
            too_big = "memory" in error.lower() or "Cell limit" in error or done.returncode in (134, -6, -9, -11)
            if kind == "xls":
                raise ExportError(XLS_TOO_BIG if too_big else XLS_DAMAGED)
            if too_big or done.returncode < 0:
                raise ExportError(TOO_BIG)
            raise ExportError(
                "The OpenDocument spreadsheet could not be read: it is damaged or not a spreadsheet LibreOffice "
                "would open. Open it, save a copy (or save it as .xlsx) and upload that."
            )
        sheets = []
        for path in sorted(Path(folder).glob("sheet-*.arrow"), key=lambda p: int(p.stem.split("-")[1])):
            with pa.ipc.open_file(path) as reader:
                table = reader.read_all()
            meta = table.schema.metadata
            columns = [column.combine_chunks() for column in table.columns]
            sheets.append((meta[b"name"].decode(), int(meta[b"first_column"]), columns))
        return sheets


def _child(source: str, folder: str) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):  # no such limit on this system: the cell cap of calamine remains
        pass
    import fastexcel
    import pyarrow as pa

    book = fastexcel.read_excel(source)
    for number, name in enumerate(book.sheet_names):
        positions: list[int] = []

        def keep(column, positions=positions) -> bool:
            positions.append(column.absolute_index)
            return True

        try:
            batch = book.load_sheet(
                name,
                header_row=None,
                skip_rows=0,
                eager=True,
                dtypes="string",
                whitespace_as_null=True,
                use_columns=keep,
            )
        except fastexcel.FastExcelError as exc:
            if "chartsheet" in str(exc).lower():  # a chart sheet has no cells (as ingest._workbook skips it)
                continue
            raise
        if batch.num_columns == 0 or batch.num_rows == 0:
            continue
        meta = {"name": name, "first_column": str(min(positions))}
        table = pa.Table.from_batches([batch]).replace_schema_metadata(meta)
        with pa.ipc.new_file(Path(folder) / f"sheet-{number}.arrow", table.schema) as writer:
            writer.write_table(table)


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2])
