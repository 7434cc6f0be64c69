"""Benchmark: another reader's page time while the worst uploads are read (issue "Hardening", item 6).

A file built to be slow once kept the server busy for minutes and slowed another reader's page from 1.2 s to
20-29 s; a 45 MB cell raised the server to 1.74 GB and left it at 0.84 GB. The Upload and Instrument pages now read
and map a file through `ingest.bounded` (a child process with a time and memory limit), and the reader refuses
a table wider than `MAX_COLUMNS` and leaves out a cell longer than Excel's. Target: while any upload is read, the
other reader's page time stays within 2x of its time alone (median), and the server's memory comes back after it.

One process stands for the server. A reader (AppTest on app.py, the bundled sample, local mode as `make run`)
visits Overview, Domains, Units and Trends in turn, each run timed. Phases, each on the same reader:
  alone      the reader by itself (the baseline of this run);
  bounded    while a thread reads and maps each worst file as the Upload page does (`bounded(read_export)`, then
             `bounded(map_export)` on the default instrument);
  in-process the same files read and mapped in the server's own process, as before (the comparison: what the
             child process saves). Skipped with --quick.
The worst files: the widest table read (MAX_COLUMNS columns, 30 rows), the 16,046-column CSV of the report (now
refused at once), and a 45,000,000-character cell. The server's resident memory (VmRSS) is printed before and
after each phase. The uploads run in a thread, not through the Upload page's AppTest: AppTest is not thread-safe,
and the page's own work is exactly these two calls.

Run: python bench/bench_upload_contention.py [--quick]      (about 3-6 minutes on 2 cores; --quick about 2)
Exit status 1 when the bounded phase misses the 2x target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 2.0
PAGES = ("app_pages/overview.py", "app_pages/domains.py", "app_pages/units.py", "app_pages/trends.py")
ALONE_RUNS = 16


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worst_files() -> dict[str, bytes]:
    from ingest._files import MAX_COLUMNS

    rng = np.random.default_rng(21)

    def wide(columns: int) -> bytes:
        header = ",".join(f"Q{i}" for i in range(columns))
        rows = [",".join(map(str, rng.integers(1, 6, columns))) for _ in range(30)]
        return ("\n".join([header, *rows]) + "\n").encode()

    huge_cell = "response_id,VIS1,comment\nr1,Agree," + "x" * 45_000_000 + "\nr2,Agree,short\n"
    return {
        f"widest read ({MAX_COLUMNS:,} columns)": wide(MAX_COLUMNS),
        "16,046 columns (refused)": wide(16_046),
        "45,000,000-character cell": huge_cell.encode(),
    }


def upload(files: dict[str, bytes], in_child: bool, took: dict[str, float]) -> None:
    """Read and map every file, as the Upload page does (or in this process, as before)."""
    from ingest import ExportError, bounded, map_export, read_export
    from metrics import load_instrument

    instrument = load_instrument()

    def run(function, *args, **kwargs):
        return bounded(function, *args, **kwargs) if in_child else function(*args, **kwargs)

    for name, content in files.items():
        started = time.perf_counter()
        try:
            export = run(read_export, content, filename=f"{name}.csv")
            run(map_export, export, instrument)
        except ExportError:
            pass  # refused in plain words: what the page would show
        took[name] = time.perf_counter() - started


def reader_runs(at, until: threading.Event | None, count: int) -> list[float]:
    """Time the reader's page visits: `count` of them, or until `until` is set (at least one)."""
    times, n = [], 0
    while (until is None and n < count) or (until is not None and (not until.is_set() or n == 0)):
        at.switch_page(PAGES[n % len(PAGES)])
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
        if at.exception:
            raise SystemExit(f"the reader's page raised: {at.exception[0].message}")
        n += 1
    return times


def phase(at, files: dict[str, bytes], in_child: bool) -> tuple[list[float], dict[str, float]]:
    done, took = threading.Event(), {}

    def work() -> None:
        try:
            upload(files, in_child, took)
        finally:
            done.set()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    times = reader_runs(at, done, 0)
    thread.join()
    return times, took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="leave out the in-process comparison")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="bench-upload-")
    os.environ["EFFECTIVE_OFFICES_STORE"] = str(Path(folder) / "store.duckdb")
    os.environ["EFFECTIVE_OFFICES_LOCAL_MODE"] = "1"
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    from shell import access as access_shell

    logger.set_log_level("error")
    access_shell._request = lambda: ("127.0.0.1", "localhost:8501")  # a browser on this computer, as tests do

    files = worst_files()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    reader_runs(at, None, len(PAGES) * 2)  # every page drawn twice: the reader is warm, as a reader clicking is
    print(f"machine: {load_average()}", flush=True)

    alone = reader_runs(at, None, ALONE_RUNS)
    base = statistics.median(alone)
    print(f"alone       reader median {base:.3f} s (n={len(alone)}, max {max(alone):.3f}); {resident_mb():.0f} MB")
    failed = False
    for label, in_child in (("bounded", True), ("in-process", False)):
        if args.quick and not in_child:
            continue
        before = resident_mb()
        times, took = phase(at, files, in_child)
        median = statistics.median(times)
        ratio = median / base
        uploads = "; ".join(f"{name} {seconds:.1f} s" for name, seconds in took.items())
        met = "met" if ratio <= TARGET_RATIO else "MISSED"
        verdict = f" (target <= {TARGET_RATIO}: {met})" if in_child else ""
        print(
            f"{label:<11} reader median {median:.3f} s = {ratio:.2f}x alone{verdict} (n={len(times)}, max "
            f"{max(times):.3f}); uploads: {uploads}; server {before:.0f} -> {resident_mb():.0f} MB "
            f"({load_average()})",
            flush=True,
        )
        failed |= in_child and ratio > TARGET_RATIO
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
