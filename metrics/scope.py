"""The rows of the scope a reader chose (wave, agency, unit, role level), with groups named as in §3.0, and
whether the confidentiality rules let that view be shown at all."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.responses import attribute_labels
from metrics.summary import differencing_refused
from metrics.suppression import DEFAULT_MIN_N, check_min_n, hidden_in_breakdown


def scope_rows(
    responses: pd.DataFrame,
    wave: str | None = None,
    agency: str | None = None,
    unit: str | None = None,
    role_level: str | None = None,
) -> pd.DataFrame:
    """The rows whose attributes equal every given value (None = any); "Not reported" picks missing ones."""
    keep = np.ones(len(responses), dtype=bool)
    for column, value in (("wave", wave), ("agency", agency), ("unit", unit), ("role_level", role_level)):
        if value is not None:
            if column not in responses.columns:
                raise ValueError(f"The responses have no '{column}' column to filter on.")
            keep &= attribute_labels(responses[column]) == str(value)
    return responses[keep]


EMPTY, TOO_SMALL, PROTECTS_SMALL_GROUP = "empty", "too small", "protects a small group"


def view_refusal(
    responses: pd.DataFrame,
    wave: str | None,
    agency: str | None,
    unit: str | None,
    role_level: str | None,
    min_n: int = DEFAULT_MIN_N,
) -> str:
    """Why a filtered view may not be shown ("" when it may): EMPTY, TOO_SMALL (§7.1: fewer than min_n rows), or
    PROTECTS_SMALL_GROUP (§7.4: it leaves 1 to min_n - 1 people out of a wider view, one filter removed; or the
    wider view's breakdown by that filter hides this group whole to protect a small sibling)."""
    check_min_n(min_n)
    size = len(scope_rows(responses, wave, agency, unit, role_level))
    if size == 0:
        return EMPTY
    if size < min_n:
        return TOO_SMALL
    filters = {"agency": agency, "unit": unit, "role_level": role_level}
    for column, value in filters.items():
        if value is None:
            continue
        parent = scope_rows(responses, wave, **{**filters, column: None})
        if differencing_refused(size, [len(parent)], min_n) or hidden_in_breakdown(parent, column, value, min_n):
            return PROTECTS_SMALL_GROUP
    return ""
