"""Benchmark: every page of the dashboard at state scale, as Streamlit's AppTest runs it (server time: the script's
run and its messages, no browser), on a synthetic store of W waves x N responses built through the store API
(bench/_state_store.py: 61 agencies of 8 units, realistic attributes, answers that differ by agency and unit).

Targets (the issue "One view core, every click instant at state scale"):
  3 waves x 100,000 responses: every page's warm switch <= 0.5 s and cold switch <= 2 s, a filter change <= 0.5 s,
      first start <= 5 s, the server's peak memory <= 1 GB;
  10 waves x 100,000 (--waves 10): first start <= 10 s, peak memory <= 2 GB (page times are printed, no target);
  20 readers at once (any size): 95th percentile of their page times <= 2 s.
A page run that raises counts as a missed target too. Exit status 1 when any target is missed.

Run: python bench/bench_pages.py [--waves 3] [--responses 100000] [--readers 20] [--load-seconds 60]
                                 [--only first-start|pages|load] [--rebuild] [--store-dir bench/results]
                                 [--profile FILE]

  --waves, --responses  the store's size. The default (3 waves, all three parts) is what `make bench` runs: about
                        3-4 minutes on 2 cores, plus about 10 s to build its store the first time. Run the 10-wave
                        case with `--waves 10` (about 1 minute to build its store, once; its pages part about 4).
  --only                run one part: first-start (a fresh process starts the app once: time and memory), pages
                        (first start, then every page cold and warm, then filter changes), load (20 readers).
  --rebuild             build the store again even if the cached one exists.
  --store-dir           where the stores are cached (default bench/results/, git-ignored).
  --profile FILE        also write a cProfile of the slowest warm page's run to FILE (pages part).

How it measures:
- The pages come from the app itself: a first run of app.py, then the pages its `st.navigation` registered (so a new
  page is timed without touching this file); the st.Page calls of app.py are read too, and any the navigation left
  out is reported. In local mode (no sign-in) the reader is an admin, so Upload, Audit log and Settings are timed.
- Each part runs in a fresh child process with EFFECTIVE_OFFICES_STORE set to the store: caches start cold, and the
  peak memory is that process's ru_maxrss after its work. First start = the first `AppTest.run()` of app.py. For
  each page, cold = its first `switch_page(...).run()` (after the pages before it in the navigation; the default page
  was already drawn by the first start), warm = its second visit after switching away. A filter change = selecting
  a large district, then its largest unit, then role level "staff" in the sidebar on Overview, Units, Trends and
  Collective leadership, each rerun timed. Every run's `at.exception` is collected and reported.
- Baseline, in the same process: AppTest running a one-line script (Streamlit's own overhead per run); each page
  time is also shown as a multiple of it.
- Load: one process, like one server: the app is started once, then `--readers` sessions (AppTest in threads, sharing
  the process's caches) arrive over the first 3 s and each switches to a random other page every 3-5 s (after its
  page arrived) for `--load-seconds`; every run is timed. AppTest is not thread-safe as it stands (each run sets and
  then clears the global Runtime instance, and patches the global `global.appTest` option), so the load part keeps
  both set for the whole process, and gives every run one shared script cache, as a server has (AppTest otherwise
  compiles each page again on every run, and compiling in several threads at once trips CPython 3.11's AST race,
  gh-106905, which a server's locked cache never meets); nothing else is changed.
- The machine's load average is printed with the figures: other work on the machine slows every figure here.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

APP = ROOT / "app.py"
STORE_ENV = "EFFECTIVE_OFFICES_STORE"
RUN_TIMEOUT = 300.0  # seconds one AppTest run may take before it counts as failed
FILTER_PAGES = ("Overview", "Units", "Trends", "Collective leadership")
BASELINE_SCRIPT = "import streamlit as st\nst.write('Hello')"

WARM_TARGET, COLD_TARGET, FILTER_TARGET, LOAD_P95_TARGET = 0.5, 2.0, 0.5, 2.0
START_TARGET = {3: 5.0, 10: 10.0}  # seconds, by number of waves (the two sizes)
MEMORY_TARGET = {3: 1024.0, 10: 2048.0}  # MB


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


# -- the store ----------------------------------------------------------------------------------------------------


def ensure_store(store_dir: Path, waves: int, responses: int, rebuild: bool) -> tuple[Path, float | None]:
    """The cached store of this size, built first (in a child process, through the store API) when missing."""
    path = store_dir / f"bench_pages_{waves}w_{responses}.duckdb"
    if rebuild:
        for old in (path, path.with_name(path.name + ".wal")):
            old.unlink(missing_ok=True)
    if path.exists():
        print(f"store: reusing {path} (--rebuild to build it again)", flush=True)
        return path, None
    store_dir.mkdir(parents=True, exist_ok=True)
    print(f"store: building {waves} waves x {responses:,} responses into {path} ({load_average()})", flush=True)
    started = time.perf_counter()
    builder = [sys.executable, str(ROOT / "bench" / "_state_store.py"), str(path)]
    subprocess.run([*builder, "--waves", str(waves), "--responses", str(responses)], check=True, cwd=ROOT)
    took = time.perf_counter() - started
    print(f"store: built in {took:.0f} s", flush=True)
    return path, took


# -- the pages of the navigation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    title: str
    path: str  # relative to app.py, as switch_page takes it


def navigation_pages(at) -> list[Page]:
    """The pages app.py's st.navigation registered in its last run, in navigation order (AppTest keeps them in
    `_registered_pages`); app.py itself, which hands over to them, is not a page."""
    registered = getattr(at, "_registered_pages", None)
    if registered is None:  # a later Streamlit may keep them elsewhere: say so rather than time no page
        raise SystemExit("AppTest no longer keeps the navigation's pages in _registered_pages: update navigation_pages")
    pages = []
    for info in registered.values():
        script = info.get("script_path")
        if script and Path(script).resolve() != APP.resolve():
            pages.append(Page(str(info.get("page_name")), os.path.relpath(script, APP.parent)))
    return pages


def declared_page_files() -> set[str]:
    """The file names named in app.py's st.Page(...) calls (any text ending in .py among their first argument)."""
    names = set()
    for node in ast.walk(ast.parse(APP.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "Page":
            if node.args:
                for part in ast.walk(node.args[0]):
                    if isinstance(part, ast.Constant) and str(part.value).endswith(".py"):
                        names.add(Path(str(part.value)).name)
    return names


# -- timing runs (child process) ----------------------------------------------------------------------------------


def timed_run(at) -> tuple[float, list[str]]:
    """Seconds one run took, and the exceptions the page showed (or the harness raised)."""
    started = time.perf_counter()
    try:
        at.run()
    except Exception as error:  # a timeout or an AppTest failure: a finding, the benchmark goes on
        return time.perf_counter() - started, [f"run failed: {type(error).__name__}: {error}"[:300]]
    took = time.perf_counter() - started
    return took, [f"{exception.message}"[:300] for exception in at.exception]


def visit(at, page: Page) -> tuple[float, list[str]]:
    at.switch_page(page.path)
    return timed_run(at)


def sidebar_box(at, label: str):
    return next((box for box in at.sidebar.selectbox if box.label == label), None)


def baseline() -> dict:
    """AppTest's own cost: a one-line script, first run and the best of five more."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(BASELINE_SCRIPT, default_timeout=RUN_TIMEOUT)
    first, _ = timed_run(at)
    best = min(timed_run(at)[0] for _ in range(5))
    return {"first": first, "best": best}


def store_waves(path: str) -> list[list[str]]:
    """(wave, saved by) of every wave in the store: the benchmark's own, unless the sample was added."""
    from store import open_store

    table = open_store(path).waves()
    return [[str(wave), str(who)] for wave, who in zip(table["wave"], table["saved_by"], strict=True)]


def child_pages(part: str, store: str, profile: str | None) -> dict:
    """First start, then (part "pages") every page cold and warm, then the filter changes."""
    from streamlit.testing.v1 import AppTest

    result: dict = {"load_before": load_average(), "baseline": baseline()}
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
    took, problems = timed_run(at)
    result["first_start"] = {"seconds": took, "exceptions": problems}
    person = at.session_state["access_person"] if "access_person" in at.session_state else None
    result["reader"] = repr(person)
    pages = navigation_pages(at)
    result["pages"] = [asdict(page) for page in pages]
    shown_first = at.title[0].value if at.title else ""
    print(f"  first start {took:.2f} s; {len(pages)} pages in the navigation; reader {person!r}", flush=True)
    if part == "pages":
        timings: dict[str, dict] = {page.title: {"path": page.path} for page in pages}
        for visit_name in ("cold", "warm"):
            for page in pages:
                took, problems = visit(at, page)
                timings[page.title][visit_name] = took
                timings[page.title].setdefault("exceptions", []).extend(problems)
                if visit_name == "cold":
                    timings[page.title]["title_seen"] = at.title[0].value if at.title else ""
                print(f"  {visit_name:4} {page.title:24} {took:6.2f} s{'  EXCEPTION' if problems else ''}", flush=True)
        result["timings"] = timings
        result["default_page_title"] = shown_first
        from bench._state_store import structure  # after the first start, which must import the app's own modules

        result["filters"] = filter_changes(at, pages, structure().largest_districts())
    result["peak_memory_mb"] = peak_memory_mb()
    result["load_after"] = load_average()
    result["store_waves"] = store_waves(store)
    if part == "pages" and profile and result.get("timings"):
        result["profiled"] = profile_slowest_warm(at, pages, result["timings"], profile)
    return result


def filter_changes(at, pages: list[Page], districts: list[tuple[str, str]]) -> list[dict]:
    """On each FILTER_PAGES page: a district (a different large one per page), its largest unit, role "staff";
    each selection's rerun timed; then the filters go back to everyone (untimed)."""
    by_title = {page.title: page for page in pages}
    changes = []
    for number, title in enumerate(FILTER_PAGES):
        page = by_title.get(title)
        if page is None:
            changes.append({"page": title, "filter": "-", "value": "-", "seconds": None, "exceptions": ["not found"]})
            continue
        agency, unit = districts[min(2 * number, len(districts) - 1)]
        visit(at, page)
        for label, value in (("Agency", agency), ("Unit", unit), ("Role level", "staff")):
            box = sidebar_box(at, label)
            if box is None:
                problem = f"no sidebar selectbox {label!r}"
                changes.append(
                    {"page": title, "filter": label, "value": value, "seconds": None, "exceptions": [problem]}
                )
                continue
            box.select(value)  # a value the box does not offer makes the run fail, which is reported
            took, problems = timed_run(at)
            changes.append({"page": title, "filter": label, "value": value, "seconds": took, "exceptions": problems})
            print(f"  filter {title:22} {label:10} {value[:34]:34} {took:6.2f} s", flush=True)
        for label, value in (("Role level", "All roles"), ("Unit", "All units"), ("Agency", "All agencies")):
            box = sidebar_box(at, label)
            if box is not None and box.value != value:
                box.select(value)
                timed_run(at)
    return changes


def profile_slowest_warm(at, pages: list[Page], timings: dict, path: str) -> str:
    """A cProfile of the slowest warm page's next warm visit. AppTest runs the script in a thread of its own, so the
    profiler is started inside that thread (`python -m cProfile` would only see the main thread waiting)."""
    import cProfile

    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    slowest = max(pages, key=lambda page: timings[page.title].get("warm", 0.0))
    other = next(page for page in pages if page != slowest)
    visit(at, other)
    profiler = cProfile.Profile()
    original = LocalScriptRunner._run_script_thread
    LocalScriptRunner._run_script_thread = lambda runner: profiler.runcall(original, runner)
    try:
        took, _ = visit(at, slowest)
    finally:
        LocalScriptRunner._run_script_thread = original
    profiler.dump_stats(path)
    print(f"  profiled {slowest.title} (warm, {took:.2f} s under the profiler) into {path}", flush=True)
    return slowest.title


# -- load (child process) -----------------------------------------------------------------------------------------


def allow_threads() -> None:
    """Let AppTest sessions run in threads: keep a Runtime and `global.appTest` in place for the whole process
    (each AppTest run otherwise clears the global Runtime when it ends, under the other sessions' feet), and give
    every run the one script cache a server has (AppTest makes a new one per run, so each run compiled the page
    again, and compiling in several threads at once trips CPython 3.11's AST race, gh-106905)."""
    from unittest.mock import MagicMock

    from streamlit import config, logger
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    one_cache = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: one_cache
    from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    shared = MagicMock(spec=Runtime)
    shared.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    shared.cache_storage_manager = MemoryCacheStorageManager()
    Runtime.instance = classmethod(lambda cls: cls._instance or shared)
    Runtime.exists = classmethod(lambda cls: True)
    config.set_option("global.appTest", True)
    logger.set_log_level("error")  # setting an option resets the log level


def child_load(readers: int, seconds: float) -> dict:
    """One server process: the app started once, then `readers` sessions clicking through pages for `seconds`."""
    from streamlit.testing.v1 import AppTest

    allow_threads()
    result: dict = {"load_before": load_average(), "baseline": baseline()}
    first = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
    took, problems = timed_run(first)
    result["first_start"] = {"seconds": took, "exceptions": problems}
    pages = navigation_pages(first)
    print(f"  server started in {took:.2f} s; {readers} readers for {seconds:g} s over {len(pages)} pages", flush=True)
    runs: list[dict] = []
    lock = threading.Lock()
    begun = time.monotonic()
    deadline = begun + seconds

    def reader(number: int) -> None:
        chance = random.Random(number)
        time.sleep(number * 3.0 / readers)  # readers arrive over the first 3 s
        at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
        took, problems = timed_run(at)
        with lock:
            runs.append({"kind": "open", "page": "(start)", "seconds": took, "exceptions": problems})
        current = None
        while True:
            pause = chance.uniform(3.0, 5.0)
            if time.monotonic() + pause > deadline:
                return
            time.sleep(pause)
            page = chance.choice([p for p in pages if p != current])
            took, problems = visit(at, page)
            current = page
            with lock:
                runs.append({"kind": "page", "page": page.title, "seconds": took, "exceptions": problems})

    threads = [threading.Thread(target=reader, args=(n,), daemon=True) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + 2 * RUN_TIMEOUT)
    result["unfinished_readers"] = sum(thread.is_alive() for thread in threads)
    result["wall_seconds"] = time.monotonic() - begun
    with lock:
        result["runs"] = list(runs)
    result["peak_memory_mb"] = peak_memory_mb()
    result["load_after"] = load_average()
    return result


def run_child(part: str, args: argparse.Namespace, store: Path) -> tuple[dict, float]:
    """Run one part in a fresh process (progress lines pass through; the last line is the JSON result)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", part, "--store", str(store)]
    command += ["--readers", str(args.readers), "--load-seconds", str(args.load_seconds)]
    if args.profile:
        command += ["--profile", str(args.profile)]
    environment = {**os.environ, STORE_ENV: str(store), "STREAMLIT_LOGGER_LEVEL": "error"}
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH")]))
    started = time.perf_counter()
    result = None
    with subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, text=True) as child:
        for line in child.stdout:
            if line.startswith("RESULT "):
                result = json.loads(line[len("RESULT ") :])
            else:
                print(line, end="", flush=True)
    if child.returncode or result is None:
        raise SystemExit(f"the {part} part failed (exit status {child.returncode}); see above")
    return result, time.perf_counter() - started


# -- the report ---------------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = share * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


class Table:
    """Rows of measure, value, target, OK/MISSED (or "-" when the measure has no target at this size)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        self.missed = 0

    def add(self, measure: str, value: float | None, unit: str, target: float | None, note: str = "") -> None:
        shown = "failed" if value is None else f"{value:.2f} {unit}" if unit == "s" else f"{value:,.0f} {unit}"
        if target is None:
            verdict = "-"
        elif value is not None and value <= target:
            verdict = "OK"
        else:
            verdict, self.missed = "MISSED", self.missed + 1
        goal = "-" if target is None else f"<= {target:g} {unit}"
        self.rows.append((measure, shown + (f"  {note}" if note else ""), goal, verdict))

    def count(self, measure: str, found: int) -> None:
        self.rows.append((measure, str(found), "0", "OK" if found == 0 else "MISSED"))
        self.missed += found > 0

    def print(self) -> None:
        widths = [max(len(row[i]) for row in [("measure", "value", "target", ""), *self.rows]) for i in range(3)]
        print(f"{'measure':{widths[0]}}  {'value':{widths[1]}}  {'target':{widths[2]}}  result")
        for measure, value, goal, verdict in self.rows:
            print(f"{measure:{widths[0]}}  {value:{widths[1]}}  {goal:{widths[2]}}  {verdict}")


def report_pages(result: dict, waves: int, table: Table) -> int:
    """Add the first start, pages, filters and memory to `table`; returns how many page exceptions were seen."""
    size_target = waves if waves in START_TARGET else (3 if waves < 3 else None)
    page_targets = waves <= 3  # the issue sets page, cold and filter targets for the 3-wave store
    base = result["baseline"]["best"]
    first_base = result["baseline"]["first"]
    print(f"\nbaseline (AppTest running a one-line script): first run {first_base:.3f} s, then {base:.3f} s a run")
    print(f"reader: {result['reader']}")
    waves_seen = result["store_waves"]
    others = [wave for wave, who in waves_seen if who != "bench"]
    verdict = f"  (NOT the benchmark's own: {others}: the sample was added)" if others else ", all synthetic"
    print(f"store waves: {', '.join(wave for wave, _ in waves_seen)}{verdict}")
    declared = declared_page_files()
    navigated = {Path(page["path"]).name for page in result["pages"]}
    if declared - navigated:
        print(f"pages named in app.py but not in this reader's navigation (not timed): {sorted(declared - navigated)}")
    exceptions = list(result["first_start"]["exceptions"])
    start = result["first_start"]["seconds"]
    table.add(f"first start ({waves} waves)", start, "s", START_TARGET.get(size_target), f"({start / base:.0f}x base)")
    for title, timing in result.get("timings", {}).items():
        note = " (drawn at first start)" if title == result.get("default_page_title") else ""
        for visit_name, target in (("cold", COLD_TARGET), ("warm", WARM_TARGET)):
            value = timing.get(visit_name)
            ratio = f"({value / base:.0f}x base){note}" if value is not None else ""
            table.add(f"{title}: {visit_name}", value, "s", target if page_targets else None, ratio)
        exceptions += [f"{title}: {problem}" for problem in dict.fromkeys(timing.get("exceptions", []))]
    for change in result.get("filters", []):
        measure = f"{change['page']}: filter {change['filter']} = {change['value']}"
        table.add(measure, change["seconds"], "s", FILTER_TARGET if page_targets else None)
        exceptions += [f"{measure}: {problem}" for problem in change["exceptions"]]
    memory_target = MEMORY_TARGET.get(size_target)
    after = "all pages" if "timings" in result else "first start"
    table.add(f"peak memory after {after}", result["peak_memory_mb"], "MB", memory_target)
    table.count("page runs with an exception", len(exceptions))
    for problem in exceptions:
        print(f"EXCEPTION {problem}")
    return len(exceptions)


def report_load(result: dict, table: Table) -> None:
    pages = [run for run in result["runs"] if run["kind"] == "page"]
    opens = [run for run in result["runs"] if run["kind"] == "open"]
    seconds = [run["seconds"] for run in pages]
    exceptions = [f"{run['page']}: {problem}" for run in result["runs"] for problem in run["exceptions"]]
    print(f"\nload: {len(pages)} page switches and {len(opens)} session starts in {result['wall_seconds']:.0f} s")
    print(f"  server first start {result['first_start']['seconds']:.2f} s; baseline {result['baseline']['best']:.3f} s")
    print(f"  peak memory {result['peak_memory_mb']:,.0f} MB; {result['load_before']} -> {result['load_after']}")
    p50, p95 = percentile(seconds, 0.5), percentile(seconds, 0.95)
    if seconds:
        print(f"  page switches: p50 {p50:.2f} s, p95 {p95:.2f} s, max {max(seconds):.2f} s")
    if opens:
        start_times = [run["seconds"] for run in opens]
        print(f"  session starts: p50 {percentile(start_times, 0.5):.2f} s, max {max(start_times):.2f} s")
    by_page: dict[str, list[float]] = {}
    for run in pages:
        by_page.setdefault(run["page"], []).append(run["seconds"])
    for title, values in sorted(by_page.items(), key=lambda item: -percentile(item[1], 0.5)):
        print(f"  {title:24} n={len(values):3}  p50 {percentile(values, 0.5):5.2f} s  max {max(values):5.2f} s")
    if result["unfinished_readers"]:
        print(f"  {result['unfinished_readers']} readers had not finished when the part stopped waiting")
    note = f"(n={len(seconds)}, p50 {p50:.2f} s, max {max(seconds, default=0):.2f} s)"
    table.add(f"load: page switch p95, {len(opens)} readers", p95 if seconds else None, "s", LOAD_P95_TARGET, note)
    table.add(f"load: peak memory, {len(opens)} sessions", result["peak_memory_mb"], "MB", None)
    table.count("load: runs with an exception", len(exceptions))
    for problem in list(dict.fromkeys(exceptions))[:10]:
        print(f"EXCEPTION (load) {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--waves", type=int, default=3)
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--load-seconds", type=float, default=60.0)
    parser.add_argument("--only", choices=("first-start", "pages", "load"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--store-dir", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--child", choices=("first-start", "pages", "load"), help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:  # inside the fresh process of one part
        from streamlit import logger

        logger.set_log_level("error")  # AppTest outside a server warns "missing ScriptRunContext" on every start
        # AppTest sessions have no address and no Host header, which local mode refuses: stand in for a browser on
        # this computer, as the page tests do (tests/pages/conftest.py).
        from shell import access as access_shell

        os.environ["EFFECTIVE_OFFICES_LOCAL_MODE"] = "1"
        access_shell._request = lambda: ("127.0.0.1", "localhost:8501")
        if args.child == "load":
            result = child_load(args.readers, args.load_seconds)
        else:
            result = child_pages(args.child, args.store, str(args.profile) if args.profile else None)
        print("RESULT " + json.dumps(result), flush=True)
        return 0

    import streamlit

    versions = f"Streamlit {streamlit.__version__}, Python {sys.version.split()[0]}"
    print(f"bench_pages: {args.waves} waves x {args.responses:,} responses; {versions}; {load_average()}")
    store, built = ensure_store(args.store_dir, args.waves, args.responses, args.rebuild)
    table = Table()
    took = {"store build": built}
    if args.only in (None, "first-start", "pages"):
        part = args.only or "pages"
        print(f"\n{part}: a fresh process ({load_average()})", flush=True)
        result, took[part] = run_child(part, args, store)
        report_pages(result, args.waves, table)
        print(f"{part}: {result['load_before']} -> {result['load_after']}")
    if args.only in (None, "load"):
        print(
            f"\nload: a fresh process, {args.readers} readers for {args.load_seconds:g} s ({load_average()})",
            flush=True,
        )
        result, took["load"] = run_child("load", args, store)
        report_load(result, table)
    print(f"\nresults ({args.waves} waves x {args.responses:,} responses; {load_average()}):")
    table.print()
    print("time taken: " + ", ".join(f"{part} {'cached' if s is None else f'{s:.0f} s'}" for part, s in took.items()))
    return 1 if table.missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
