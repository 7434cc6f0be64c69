"""`read_roster`: the invited counts per wave, agency and unit (indicators.md §6), from whatever table holds them.

Why: analysts keep rosters in a workbook or a CSV, with a title row or capitalised headers; reading them through
`read_export` gives them the same safety (size limit, zip checks, encodings) and row numbers as a survey export.
A roster is small and feeds every response rate, so any unreadable count refuses the whole file, naming each
row and column, rather than saving a roster with holes.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ingest.attributes import text_values
from ingest.export import ExportError
from ingest.reading import read_export

HEADERS = {
    "wave": ("wave", "survey wave", "year"),
    "agency": ("agency", "agency name", "organization", "organisation"),
    "unit": ("unit", "unit name", "office", "division"),
    "invited": ("invited", "number invited", "n invited", "invitations", "invitees", "staff invited"),
}
REQUIRED = ("agency", "unit", "invited")
SHOWN_PROBLEMS = 5


def _key(header: object) -> str:
    return re.sub(r"[\s_]+", " ", str(header)).strip().casefold()


def read_roster(source: object, filename: str | None = None) -> pd.DataFrame:
    """The roster as columns wave, agency, unit (text; wave missing when the file has none, for the caller to
    fill) and invited (a whole number >= 0). Raises ExportError with a plain message for a file it cannot use."""
    export = read_export(source, filename)
    frame = export.responses
    found = {}
    for column in frame.columns:
        for name, synonyms in HEADERS.items():
            if _key(column) in synonyms and name not in found:
                found[name] = column
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise ExportError(
            f"The roster needs the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} (and optionally "
            f"wave); this file has {', '.join(map(str, frame.columns)) or 'no columns'}."
        )
    roster = pd.DataFrame(
        {name: text_values(frame[found[name]]) if name in found else None for name in ("wave", "agency", "unit")},
        index=frame.index,
    )
    roster["invited"] = _counts(frame[found["invited"]], found["invited"])
    for name in ("wave", "agency", "unit"):
        roster[name] = roster[name].astype("str")
    return roster.reset_index(drop=True)


def _counts(column: pd.Series, name: object) -> np.ndarray:
    """Whole numbers >= 0, or ExportError naming every cell that is not one."""
    texts = text_values(column)
    numbers = pd.to_numeric(pd.Series(texts, index=column.index, dtype=object), errors="coerce")
    bad = numbers.isna() | (numbers % 1 != 0) | (numbers < 0)
    if bad.any():
        cells = [
            f"row {row}: {'blank' if texts[i] is None else repr(texts[i])}"
            for i, row in enumerate(column.index)
            if bad.iloc[i]
        ]
        more = f" and {len(cells) - SHOWN_PROBLEMS} more" if len(cells) > SHOWN_PROBLEMS else ""
        raise ExportError(
            f"The roster's column '{name}' must hold a whole number of people invited (0 or more) on every row; "
            f"these cells do not: {'; '.join(cells[:SHOWN_PROBLEMS])}{more}. Correct them and upload it again."
        )
    return numbers.astype("int64").to_numpy()
