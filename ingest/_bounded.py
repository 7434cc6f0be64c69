"""`bounded`: run one step of reading an upload (read, map, draft) in a child process with a memory and a time limit.

Why: Streamlit serves every reader from threads of one process. A file built to be slow (thousands of columns, a
cell of tens of megabytes) kept that process busy for minutes, holding the interpreter's lock, so another reader's
page took 20 times longer, and the memory it took stayed with the server. In a child process the work has its own
interpreter and core, its memory is given back when the child ends, and a child past its limits is stopped and
becomes a plain message.

How: one helper process per server (`ingest._bounded.serve`, started on first use) imports `ingest`
once and then forks a child for each request, so a child starts in milliseconds with everything imported. The
helper is single-threaded, which is what makes forking it safe (forking the threaded server is not). A request is
one connection on a Unix socket in a private folder: the function and its arguments go in, pickled; the result
(or the exception raised) comes back. Multiprocessing's own "forkserver" would re-run the page's script in every
child, because Streamlit puts the running script in `sys.modules["__main__"]`.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from ingest.export import ExportError

MEMORY_LIMIT = 4 * 1024**3  # address space of one child: room for a 50 MB export of a state-wide survey, mapped
TIME_LIMIT = 180  # seconds one step may take
NICENESS = 10  # a child's lower priority for the processor (0 is the server's, 19 the lowest)
AT_ONCE = 2  # children at a time: more uploads at once wait for one to end, rather than crowd the machine out
START_LIMIT = 120  # seconds the helper may take to start (imports on a busy machine)
ROOT = Path(__file__).resolve().parents[1]

TOO_SLOW = (
    f"Reading the file took over {TIME_LIMIT // 60} minutes, so it was stopped and nothing was kept. Export only "
    "the responses (fewer columns) and upload that."
)
TOO_BIG = (
    "Reading the file needed more memory than one upload may take, so it was stopped and nothing was kept. Export "
    "only the responses (fewer columns or rows) and upload that."
)
NO_HELPER = "The file could not be read: the reader's helper process did not start. Try again in a minute."

T = TypeVar("T")

_SLOTS = threading.BoundedSemaphore(AT_ONCE)
_STARTING = threading.Lock()
_helper: tuple[subprocess.Popen, str] | None = None


def bounded(function: Callable[..., T], /, *args, **kwargs) -> T:
    """`function(*args, **kwargs)` computed in a child process: its result, or the exception it raised (an
    `ExportError` keeps its message). A child that runs out of memory or time becomes an `ExportError`.

    `function` and its arguments must be picklable (a module-level function, bytes, an Export, an Instrument)."""
    request = pickle.dumps((TIME_LIMIT, function, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
    with _SLOTS:
        address = _helper_address()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(START_LIMIT)
            try:
                sock.connect(address)
            except OSError:
                raise ExportError(NO_HELPER) from None
            sock.settimeout(None)
            with Connection(os.dup(sock.fileno())) as connection:
                connection.send_bytes(request)
                started = time.monotonic()
                if not connection.poll(TIME_LIMIT + 5):  # the child stops itself at TIME_LIMIT; this is a backstop
                    raise ExportError(TOO_SLOW)
                try:
                    outcome, value = pickle.loads(connection.recv_bytes())
                except EOFError:  # the child ended without an answer: stopped at its time or memory limit
                    raise ExportError(TOO_SLOW if time.monotonic() - started >= TIME_LIMIT else TOO_BIG) from None
    if outcome == "raised":
        raise value
    return value


def _helper_address() -> str:
    """The helper's socket, starting the helper when there is none (or it has ended)."""
    global _helper
    with _STARTING:
        if _helper is not None and _helper[0].poll() is None:
            return _helper[1]
        folder = tempfile.mkdtemp(prefix="effective-offices-reader-")  # mode 0700: only this user may connect
        address = str(Path(folder) / "socket")
        process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from ingest._bounded import serve; serve(sys.argv[1])", address],
            cwd=ROOT,
            stdin=subprocess.PIPE,  # the helper ends when this process does (its stdin closes)
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))},
        )
        ready, _, _ = select.select([process.stdout], [], [], START_LIMIT)
        if not ready or process.stdout.readline().strip() != b"ready":
            process.kill()
            raise ExportError(NO_HELPER)
        _helper = (process, address)
        return address


# --- the helper process -------------------------------------------------------------------------------------------


def serve(address: str) -> None:
    """Accept requests until the server that started this helper ends, forking a child for each."""
    import ingest  # noqa: F401 - imported once here, so that every child starts with it

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped as they end
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(16)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        readable, _, _ = select.select([listener, sys.stdin], [], [])
        if sys.stdin in readable:  # the server ended (or closed our stdin): so does the helper
            break
        accepted, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            _child(accepted)
            os._exit(0)
        accepted.close()
    listener.close()
    os.unlink(address)


def _child(accepted: socket.socket) -> None:
    os.nice(NICENESS)  # the readers' pages come first on a busy machine; an upload may wait
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):  # no such limit on this system: the time limit remains
        pass
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # a reader's own child process (.ods, .xls) is waited for
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    with Connection(accepted.detach()) as connection:
        try:
            time_limit, function, args, kwargs = pickle.loads(connection.recv_bytes())
            signal.alarm(time_limit)  # past it the child is ended, even inside a reader's own loop
            answer = ("returned", function(*args, **kwargs))
        except MemoryError:
            answer = ("raised", ExportError(TOO_BIG))
        except Exception as error:  # noqa: BLE001 - handed to the server, which raises it there
            answer = ("raised", error)
        try:
            connection.send_bytes(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as error:  # noqa: BLE001 - the answer itself could not be made (too large, not picklable)
            connection.send_bytes(pickle.dumps(("raised", ExportError(f"{TOO_BIG} ({type(error).__name__})"))))
