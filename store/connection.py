"""Opening the store file: one short connection per operation, waiting a bounded time for another program.

Why: DuckDB lets one process at a time open a file for writing. The store opens a connection for each operation
and closes it straight after, so a second process (another dashboard, a script) waits its turn instead of
failing, and one that holds the file too long makes the others give up with a plain message, never corruption.
Within one process, writes queue on a lock so that two sessions never race each other's transactions, and
connecting and closing take turns: DuckDB 2.0.0 shares one database object per file within a process, and
threads that connect while another thread creates or closes it were seen to fail ("pandas_scan does not exist",
"Unique file handle conflict"); tests/store/test_durability.py runs threads against one file.

A file DuckDB cannot read (cut short, overwritten, or not a database at all) may fail on connecting or only on a
later query, depending on where the damage is; either way the reader gets one plain sentence and the file is left
as it is (tests/store/test_damaged.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from store.errors import StoreError

# Failures of the machine or the file, not of our code: reported in plain words. Anything else is a bug and
# propagates as it is.
_ENVIRONMENT_ERRORS = (
    duckdb.IOException,
    duckdb.OutOfMemoryException,
    duckdb.TransactionException,
    duckdb.FatalException,
    duckdb.PermissionException,
)

_LOCKS: dict[tuple[str, str], threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock(path: Path, purpose: str) -> threading.Lock:
    """This process's lock on `path` for `purpose` ("write": one transaction at a time; "open": connect/close)."""
    with _LOCKS_GUARD:
        return _LOCKS.setdefault((str(path), purpose), threading.Lock())


# What DuckDB says of a file it cannot read as a database.
_DAMAGE_SIGNS = ("not a valid duckdb database file", "could not read enough bytes", "corrupt database file")


def _damaged(error: BaseException) -> bool:
    text = str(error).lower()
    return isinstance(error, duckdb.Error) and any(sign in text for sign in _DAMAGE_SIGNS)


def _unreadable(path: Path) -> StoreError:
    return StoreError(
        f"The store file {path} could not be read: it is damaged (for example cut short by a full disk or an "
        "interrupted copy) or is not an Effective Offices store. It was left as it is; restore it from a backup, "
        "or move it away to start a new store."
    )


def _busy(path: Path, timeout: float) -> StoreError:
    return StoreError(
        f"The store is busy: another program has kept {path.name} open for more than {timeout:g} seconds. "
        "Nothing was changed; try again in a moment."
    )


@contextmanager
def connection(path: Path, timeout: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the file, retried while another process holds it, for at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    pause = 0.02
    opening = _lock(path, "open")
    while True:
        try:
            with opening:
                con = duckdb.connect(str(path))
            break
        except duckdb.Error as error:
            if _damaged(error):
                raise _unreadable(path) from error
            if not (isinstance(error, duckdb.IOException) and "lock" in str(error).lower()):
                raise StoreError(f"The store {path} could not be opened: {first_line(error)}") from error
            if time.monotonic() >= deadline:
                raise _busy(path, timeout) from error
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
    try:
        yield con
    except duckdb.Error as error:
        if _damaged(error):
            raise _unreadable(path) from error
        if isinstance(error, _ENVIRONMENT_ERRORS):
            raise StoreError(f"The store {path} could not be read: {first_line(error)}.") from error
        raise
    finally:
        with opening:
            con.close()


@contextmanager
def transaction(path: Path, timeout: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """One transaction: what is done on the connection is kept together on success, or none of it is."""
    lock = _lock(path, "write")
    if not lock.acquire(timeout=timeout):
        raise _busy(path, timeout)
    try:
        with connection(path, timeout) as con:
            con.begin()
            try:
                yield con
                con.commit()
            except BaseException as error:
                _rollback(con)
                if _damaged(error):
                    raise _unreadable(path) from error
                if isinstance(error, _ENVIRONMENT_ERRORS):
                    raise StoreError(
                        f"The store could not be written: {first_line(error)}. Nothing was changed."
                    ) from error
                raise
    finally:
        lock.release()


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Undo the open transaction; a connection too broken to roll back is discarded on close, which undoes it too."""
    try:
        con.rollback()
    except duckdb.Error:
        pass


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
