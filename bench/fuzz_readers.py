"""Fuzz: `read_export` (and `map_export` on whatever reads) on hostile input for a fixed time. Not a test.

Hypothesis draws four kinds of input: random bytes; the fixtures of tests/ingest/fixtures/ with bytes flipped,
inserted, deleted or cut; random CSV text with random delimiters, quotes, line endings and encodings; and the
xlsx fixtures with one zip member's XML mutated (cut, repeated, a far cell reference, a stray declaration) and the
package zipped again. The contract (docs/architecture.md, `ingest`) is that only `ExportError` escapes and that
nothing hangs: any other exception, or an input that takes longer than the deadline, is a failure.

Prints how many inputs were tried, the time spent and the slowest input; exits 1 on a failure, printing the
(shrunk) reproducer and writing it to bench/results/fuzz-failure.bin; exits 2 when one input runs past the hard
deadline (a watchdog stops the process, since a hang in Rust code cannot be interrupted).

Run: python bench/fuzz_readers.py [--seconds 180] [--deadline 150] [--seed 0]
"""

from __future__ import annotations

import argparse
import base64
import io
import logging
import os
import sys
import threading
import time
import traceback
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest import ExportError, map_export, read_export  # noqa: E402
from ingest._sandbox import TIME_LIMIT  # noqa: E402
from metrics import load_instrument  # noqa: E402

logging.disable(logging.WARNING)  # fastexcel logs each column whose type it cannot guess

FIXTURES = ROOT / "tests" / "ingest" / "fixtures"
RESULTS = ROOT / "bench" / "results"
FIXTURE_BYTES = {p.name: p.read_bytes() for p in sorted(FIXTURES.iterdir()) if p.suffix != ".py" and p.is_file()}
XLSX = {name: data for name, data in FIXTURE_BYTES.items() if name.endswith(".xlsx")}
INSTRUMENT = load_instrument()
NAMES = ("responses.csv", "responses.xlsx", "export.tsv", "data.xls", "sheet.ods", None)


class Stats:
    tried = 0
    read = 0
    refused = 0
    slowest = 0.0
    slowest_input: tuple[str, bytes] | None = None
    current: tuple[str, bytes, float] | None = None
    failure: tuple[str, bytes, str] | None = None


# --- strategies -----------------------------------------------------------------------------------------------

random_bytes = st.tuples(st.just("random bytes"), st.binary(max_size=4096))


@st.composite
def mutated_fixture(draw):
    name = draw(st.sampled_from(sorted(FIXTURE_BYTES)))
    data = bytearray(FIXTURE_BYTES[name])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "overwrite", "cut", "duplicate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 256))]
        elif kind == "overwrite":
            noise = draw(st.binary(min_size=1, max_size=32))
            data[at : at + len(noise)] = noise
        elif kind == "cut":
            del data[at:]
        elif kind == "duplicate":
            size = draw(st.integers(1, 512))
            data[at:at] = data[at : at + size]
    return f"mutated {name}", bytes(data)


cell_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["Agree", "Strongly agree", "3", "5", "-1", "", " ", "=1+1", '"', '""', "a,b", "x\ny", "\r"]),
    st.text(alphabet=",;\t|\"'\r\n =+-@x0", max_size=12),
)


@st.composite
def random_csv(draw):
    delimiter = draw(st.sampled_from([",", ";", "\t", "|", " ", ":"]))
    quote = draw(st.sampled_from(['"', "'", ""]))
    width = draw(st.integers(1, 12))
    rows = draw(st.lists(st.lists(cell_text, min_size=0, max_size=width + 2), min_size=0, max_size=30))
    header = draw(
        st.lists(
            st.sampled_from(
                [
                    "response_id",
                    "unit",
                    "role_level",
                    "VIS1",
                    "Q1",
                    "ResponseId",
                    "Respondent ID",
                    "Timestamp",
                    "",
                    "VIS1",
                ]
            ),
            min_size=0,
            max_size=width,
        )
    )
    lines = []
    for row in [header, *rows]:
        cells = []
        for cell in row:
            if quote and draw(st.booleans()):
                cells.append(quote + cell.replace(quote, quote * 2) + quote)
            else:
                cells.append(cell)
        lines.append(delimiter.join(cells))
    ending = draw(st.sampled_from(["\r\n", "\n", "\r", ""]))
    text = draw(st.sampled_from(["", "\ufeff"])) + ending.join(lines) + draw(st.sampled_from(["", ending]))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-8"]))
    return f"csv {encoding} {delimiter!r}", text.encode(encoding, errors="replace")


XML_MUTATIONS = (
    lambda text, at, extra: text[:at],
    lambda text, at, extra: text[:at] + text[at // 2 :],
    lambda text, at, extra: text[:at] + '<c r="XFD1048576"><v>1</v></c>' + text[at:],
    lambda text, at, extra: text[:at] + '<row r="99999999"><c r="A99999999"><v>1</v></c></row>' + text[at:],
    lambda text, at, extra: text[:at] + "<!DOCTYPE x>" + text[at:],
    lambda text, at, extra: text[:at] + extra + text[at:],
    lambda text, at, extra: text.replace('r="', 'r="' + extra, 1),
    lambda text, at, extra: text.replace("<c ", "<x:c ", 3),
    lambda text, at, extra: text.replace(' r="', " ", 50),
    lambda text, at, extra: text.replace("<v>", "<v>" + extra, 5),
    lambda text, at, extra: text.replace('t="s"', 't="e"', 3),
    lambda text, at, extra: text.replace("</row>", "</row>" * 2, 2),
)


@st.composite
def mutated_member(draw):
    name = draw(st.sampled_from(sorted(XLSX)))
    with zipfile.ZipFile(io.BytesIO(XLSX[name])) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    member = draw(st.sampled_from(sorted(parts)))
    text = parts[member].decode("utf-8", errors="replace")
    for _ in range(draw(st.integers(1, 3))):
        mutation = draw(st.sampled_from(XML_MUTATIONS))
        at = draw(st.integers(0, len(text)))
        extra = draw(st.text(alphabet='<>/="&;! abcrvAZ0129', max_size=24))
        text = mutation(text, at, extra)
    parts[member] = text.encode("utf-8")
    method = draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as package:
        for part, data in parts.items():
            package.writestr(part, data)
    return f"mutated {member} of {name}", out.getvalue()


inputs = st.tuples(st.one_of(random_bytes, mutated_fixture(), random_csv(), mutated_member()), st.sampled_from(NAMES))


# --- one input ------------------------------------------------------------------------------------------------


def run_one(what: str, data: bytes, filename: str | None) -> None:
    Stats.current = (what, data, time.monotonic())
    start = time.perf_counter()
    try:
        try:
            export = read_export(data, filename=filename)
        except ExportError as error:
            assert isinstance(error, ValueError) and str(error) and "Traceback" not in str(error)
            Stats.refused += 1
        else:
            map_export(export, INSTRUMENT, wave="fuzz")
            Stats.read += 1
    except BaseException:
        Stats.failure = (what, data, traceback.format_exc())
        raise
    finally:
        elapsed = time.perf_counter() - start
        Stats.tried += 1
        Stats.current = None
        if elapsed > Stats.slowest:
            Stats.slowest, Stats.slowest_input = elapsed, (what, data)


def watchdog(deadline: float) -> None:
    """Stop the process when one input runs past the deadline, saving it: a hang is a failure too."""
    while True:
        time.sleep(0.25)
        current = Stats.current
        if current is not None and time.monotonic() - current[2] > deadline:
            what, data, _ = current
            save_reproducer(data)
            print(f"HANG: one input ran over {deadline:g} s: {what}, {len(data):,} bytes", flush=True)
            print(f"reproducer (base64, first 4 KB): {base64.b64encode(data[:4096]).decode()}", flush=True)
            os._exit(2)


def save_reproducer(data: bytes) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "fuzz-failure.bin"
    path.write_bytes(data)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180.0, help="how long to fuzz (default 180)")
    parser.add_argument(
        "--deadline",
        type=float,
        default=TIME_LIMIT + 30,
        help="seconds one input may take before it counts as a hang (default: the sandbox's own limit + 30)",
    )
    parser.add_argument("--seed", type=int, default=0, help="first Hypothesis seed (each round adds one)")
    options = parser.parse_args()
    threading.Thread(target=watchdog, args=(options.deadline,), daemon=True).start()

    started = time.perf_counter()
    end = started + options.seconds
    round_number = 0
    while time.perf_counter() < end:

        @seed(options.seed + round_number)
        @settings(
            max_examples=200,
            deadline=None,
            database=None,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        )
        @given(inputs)
        def fuzz(drawn):
            (what, data), filename = drawn
            if time.perf_counter() > end:
                return
            run_one(what, data, filename)

        try:
            fuzz()
        except Exception:
            what, data, trace = Stats.failure or ("?", b"", traceback.format_exc())
            path = save_reproducer(data)
            print(f"FAILURE on {what} ({len(data):,} bytes), saved to {path}:\n{trace}")
            print(f"reproducer (base64, first 4 KB): {base64.b64encode(data[:4096]).decode()}")
            report(started)
            return 1
        round_number += 1
    report(started)
    return 0


def report(started: float) -> None:
    seconds = time.perf_counter() - started
    what, data = Stats.slowest_input or ("none", b"")
    print(
        f"tried {Stats.tried:,} inputs in {seconds:,.0f} s ({Stats.read:,} read and mapped, {Stats.refused:,} "
        f"refused with ExportError); slowest {Stats.slowest:.2f} s: {what} ({len(data):,} bytes)"
    )


if __name__ == "__main__":
    sys.exit(main())
