"""Suite-wide: the `real_exports` group runs only when a run asks for it by name.

That group checks the repository against `../shared` beside it (tests/real_exports), which a clone of the
repository alone does not have. So a run whose `-m` expression does not name `real_exports` leaves the group
out, whatever else it selects (`python -m pytest`, `-m "not e2e"`, a path), and says so at the end;
`python -m pytest -m real_exports` runs it.
"""

from __future__ import annotations

import pytest

GROUP = "real_exports"
LEFT_OUT = pytest.StashKey[int]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if GROUP in (config.option.markexpr or ""):
        return
    left_out = [item for item in items if item.get_closest_marker(GROUP)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker(GROUP)]
        config.stash[LEFT_OUT] = len(left_out)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    left_out = config.stash.get(LEFT_OUT, 0)
    if left_out:
        terminalreporter.write_line(
            f"{GROUP}: {left_out} checks against ../shared were left out, as in every run that does not ask for "
            f"them; run them with `python -m pytest -m {GROUP}`."
        )
