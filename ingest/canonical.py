"""Read workbooks that are already in the canonical layout (indicators.md §2 responses), and comment files.

Why: the sample data, and any agency that prepares its own export in the canonical layout, should load with no
mapping step. Attributes stay text exactly as written (a numeric-looking unit such as "101" is not turned into
101.0), blanks stay missing, and item answers come back as numbers for the metrics to validate.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ingest.comments import Redactor, is_blank_comment, redaction_note

ATTRIBUTES = ("response_id", "wave", "agency", "agency_type", "unit", "role_level", "tenure_band", "program_area")


def _text(column: pd.Series) -> pd.Series:
    """Text with blanks (nothing left after str.strip()) as missing, never the string "nan"."""
    column = column.astype("str")
    return column.mask(column.str.strip() == "")


def read_canonical_responses(path: str | Path) -> pd.DataFrame:
    """The first sheet as the canonical table: attribute columns as text, every other column as a numeric item.

    Item values are not range-checked here; the metrics refuse anything outside the instrument's scale, naming
    the column. Text in an item column is refused now, because it means the file is not canonical yet.
    """
    df = pd.read_excel(path, sheet_name=0, engine="calamine", dtype={c: str for c in ATTRIBUTES})
    for column in df.columns:
        if column in ATTRIBUTES:
            df[column] = _text(df[column])
        else:
            try:
                df[column] = pd.to_numeric(df[column]).astype("float64")
            except (TypeError, ValueError) as exc:
                raise ValueError(f"item column {column!r} holds text, not answer codes: {exc}") from exc
    return df


COMMENT_FILE_COLUMNS = ("wave", "response_id", "question", "text")


def read_canonical_comments(path: str | Path, terms: Sequence[str] = ()) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """A CSV of comments (wave, response_id, question, text) as the store keeps them: blank and "n/a"-style answers
    left out, personal details and the listed `terms` redacted; and each wave's notes (how many comments were
    kept and how many details removed, never which). Used for the bundled sample, which is raw like an export."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in COMMENT_FILE_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"The comments file has no {', '.join(missing)} column.")
    kept = raw[~raw["text"].map(is_blank_comment)].reset_index(drop=True)
    kept["text"] = kept["text"].str.strip()
    notes: dict[str, list[str]] = {}
    parts = []
    redactor = Redactor(terms)  # one compiled pattern for every wave
    for wave, comments in kept.groupby("wave", sort=True):
        texts, counts = redactor.redact_all(comments["text"])
        parts.append(comments.assign(text=texts))
        blank = int((raw["wave"] == wave).sum()) - len(comments)
        notes[str(wave)] = [
            f"Comments kept: {len(comments):,}; blank or 'n/a' answers left out: {blank:,}.",
            *filter(None, [redaction_note(counts)]),
        ]
    comments = pd.concat(parts, ignore_index=True) if parts else kept
    return comments[list(COMMENT_FILE_COLUMNS)], notes
