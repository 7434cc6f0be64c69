"""The rows of the scope a reader chose (wave, agency, unit, role level), with groups named as in §3.0."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.responses import attribute_labels


def scope_rows(
    responses: pd.DataFrame,
    wave: str | None = None,
    agency: str | None = None,
    unit: str | None = None,
    role_level: str | None = None,
) -> pd.DataFrame:
    """The rows whose attributes equal every given value (None = any); "Not reported" picks missing ones."""
    return responses[scope_mask(responses, wave, agency, unit, role_level)]


def scope_mask(
    responses: pd.DataFrame,
    wave: str | None = None,
    agency: str | None = None,
    unit: str | None = None,
    role_level: str | None = None,
) -> np.ndarray:
    """`scope_rows` as a boolean mask over the rows."""
    keep = np.ones(len(responses), dtype=bool)
    for column, value in (("wave", wave), ("agency", agency), ("unit", unit), ("role_level", role_level)):
        if value is not None:
            if column not in responses.columns:
                raise ValueError(f"The responses have no '{column}' column to filter on.")
            keep &= attribute_labels(responses[column]) == str(value)
    return keep
