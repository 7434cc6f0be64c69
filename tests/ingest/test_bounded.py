"""`ingest.bounded`: a step of reading an upload runs in a child process, so its time and memory are bounded and
given back, and whatever it raises reaches the page as it was raised (issue 21: files that slow everyone)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest import ExportError, bounded, map_export, read_export
from ingest import _bounded as bounded_module
from metrics import load_instrument

ROOT = Path(__file__).resolve().parents[2]


def test_the_result_and_a_refusal_come_back_as_if_run_here():
    export = bounded(read_export, b"response_id,VIS1\nr1,Agree\nr2,Disagree\n", filename="two.csv")
    assert export.responses["VIS1"].tolist() == ["Agree", "Disagree"]
    mapped = bounded(map_export, export, load_instrument())
    assert mapped.responses["VIS1"].tolist() == [4.0, 2.0]  # Agree and Disagree on the five-point scale
    with pytest.raises(ExportError, match="The file is empty"):
        bounded(read_export, b"", filename="empty.csv")


def test_a_step_past_its_time_is_stopped_with_a_plain_message(monkeypatch):
    monkeypatch.setattr(bounded_module, "TIME_LIMIT", 1)
    started = time.monotonic()
    with pytest.raises(ExportError, match="took over") as stopped:
        bounded(time.sleep, 30)
    assert time.monotonic() - started < 10
    assert "Traceback" not in str(stopped.value)


def test_a_step_past_its_memory_is_stopped_with_a_plain_message():
    with pytest.raises(ExportError, match="needed more memory than one upload may take"):
        bounded(bytearray, 2 * bounded_module.MEMORY_LIMIT)


MEASURE = """
import sys
from pathlib import Path
from ingest import bounded, read_export, map_export
from metrics import load_instrument
instrument = load_instrument()
content = b"response_id,VIS1,comment\\nr1,Agree," + b"x" * 45_000_000 + b"\\nr2,Agree,short\\n"
bounded(read_export, b"response_id,VIS1\\nr1,Agree\\n")  # the helper is running before the measure
def peak():  # VmHWM, this process's own peak (ru_maxrss would carry the peak of the process that started it)
    return int(next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM")).split()[1])
before = peak()
run = bounded if sys.argv[1] == "bounded" else lambda function, *args: function(*args)
export = run(read_export, content)
mapped = run(map_export, export, instrument)
assert export.responses["comment"].isna().tolist() == [True, False] and len(mapped.responses) == 2
print((peak() - before) // 1024)
"""


def test_the_memory_of_a_huge_cell_stays_with_the_child():
    """A 45-million-character cell (it raised the server to 1.74 GB): read and mapped here, this process's peak
    memory grows by hundreds of megabytes (431 MB when written); in the child, by about the file it sends twice
    (the bytes and their pickled request, 95 MB)."""
    grown = {}
    for how in ("here", "bounded"):
        done = subprocess.run(
            [sys.executable, "-c", MEASURE, how], cwd=ROOT, capture_output=True, text=True, timeout=240, check=True
        )
        grown[how] = int(done.stdout.split()[-1])  # megabytes
    assert grown["here"] > 300, grown
    assert grown["bounded"] < 150, grown
