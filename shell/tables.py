"""Tables of numbers that fit their column: every page's `st.dataframe` of display text goes through `fitted_table`.

Why: at 1280x720 a table wider than its column scrolls sideways and hides its last columns, so each table names
a pixel width per column (the widths are summed against the room in tests/e2e), and a long header is shortened
with its full words on hover. One place builds those column settings, so every table reads the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from shell.text import plain

Width = int | tuple[str, int]  # a width in pixels, or (the short header shown, its width): the full name on hover


def fitted_table(
    table: pd.DataFrame | Mapping,
    widths: Mapping[str, Width | object],
    *,
    row_height: int | None = None,
    column_order: Sequence[str] | None = None,
    **options,
):
    """`st.dataframe` without the index, each column of `widths` a text column of its width (a short header shows
    the full name on hover, as text); any other value is used as the column's own setting (e.g. a NumberColumn).
    `options` go to st.dataframe as they are (a selection, a key)."""
    config = {}
    for name, width in widths.items():
        if isinstance(width, int):
            config[name] = st.column_config.TextColumn(width=width)
        elif isinstance(width, tuple):
            label, pixels = width
            config[name] = st.column_config.TextColumn(label, width=pixels, help=plain(name))
        else:
            config[name] = width
    return st.dataframe(
        table,
        hide_index=True,
        column_order=column_order,
        column_config=config,
        row_height=row_height,
        **options,
    )
