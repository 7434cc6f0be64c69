"""Open-ended comments and the word lists that shape them: the redaction terms and the theme lexicon.

Why: a comment can name a colleague, so the store keeps only text that ingest has already redacted, and every
comment must belong to one of its wave's responses (a comment with no response behind it could not be counted
against the minimum number of commenters). The redaction terms are people's names: they are kept so that the next
upload is redacted the same way, and they never reach the audit log, which holds their count only. The lexicon
(domain, keyword pairs) is the agency's own when saved, else the instrument's default.
The functions that take a connection run inside the caller's transaction; the Store writes the audit entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime

import duckdb
import numpy as np
import pandas as pd

from store.errors import StoreError
from store.layout import text_column

COMMENT_COLUMNS = ("response_id", "question", "text")
LEXICON_COLUMNS = ("domain", "keyword")
REDACTION_TERMS, LEXICON = "redaction_terms", "lexicon"


def comment_rows(comments: pd.DataFrame, response_ids: pd.Series, wave: str) -> pd.DataFrame:
    """Check one wave's comments and number them in the order given: seq, response_id, question, text.

    Every response_id must be one of `response_ids` (the wave's); question and text must be non-blank text.
    StoreError in plain words otherwise, never quoting a comment's text.
    """
    if not isinstance(comments, pd.DataFrame):
        raise StoreError("The comments to save must be a table (a pandas DataFrame).")
    missing = [c for c in COMMENT_COLUMNS if c not in comments.columns]
    if missing:
        raise StoreError(f"The comments have no {', '.join(map(repr, missing))} column; nothing was saved.")
    ids = text_column(comments["response_id"].to_numpy())
    if ids.isna().any():
        raise StoreError(
            f"Comments without a response_id: {int(ids.isna().sum())}. Every comment must belong to a response of "
            f"wave '{wave}'; nothing was saved."
        )
    unknown = ids[~ids.isin(set(response_ids))]
    if len(unknown):
        raise StoreError(
            f"Comments for responses that are not in wave '{wave}': {len(unknown)} (first: '{unknown.iloc[0]}'). "
            "Every comment must belong to one of the wave's responses; nothing was saved."
        )
    for column in ("question", "text"):
        blank = [not isinstance(value, str) or not value.strip() for value in comments[column]]
        if any(blank):
            first = blank.index(True)
            raise StoreError(
                f"Comments with a blank {column}: {sum(blank)} (first: comment {first + 1}, response "
                f"'{ids.iloc[first]}'). Every comment needs its {column} as text; nothing was saved."
            )
    return pd.DataFrame(
        {
            "seq": np.arange(len(comments), dtype="int32"),
            "response_id": ids.to_numpy(),
            "question": text_column(comments["question"].to_numpy()).to_numpy(),
            "text": text_column(comments["text"].to_numpy()).to_numpy(),
        }
    )


def write_comments(con: duckdb.DuckDBPyConnection, wave: str, rows: pd.DataFrame) -> None:
    """Insert one wave's checked comments (comment_rows); the wave's old comments must be gone already."""
    if rows.empty:
        return
    con.register("new_comments", rows)
    try:
        con.execute(
            "INSERT INTO comments (wave, seq, response_id, question, text) "
            "SELECT ?, seq, response_id, question, text FROM new_comments",
            [wave],
        )
    finally:
        con.unregister("new_comments")


def read_comments(con: duckdb.DuckDBPyConnection, waves: Sequence[str] | None) -> pd.DataFrame:
    """The comments of all waves, or of those named, by wave then seq: wave, response_id, question, text."""
    query = "SELECT wave, response_id, question, text FROM comments"
    if waves is not None:
        query += " WHERE list_contains(?::VARCHAR[], wave)"
    query += " ORDER BY wave, seq"
    table = con.execute(query, [list(waves)] if waves is not None else []).df()
    return pd.DataFrame({column: text_column(table[column].to_numpy()) for column in table.columns})


def rewrite_comments(con: duckdb.DuckDBPyConnection, rewrite: Callable[[pd.Series], tuple[pd.Series, int]]) -> int:
    """Apply `rewrite` to the text of every stored comment and keep the texts it changed; how many changed."""
    stored = con.execute("SELECT wave, seq, text FROM comments ORDER BY wave, seq").df()
    if stored.empty:
        return 0
    texts = text_column(stored["text"].to_numpy())
    result = rewrite(texts.copy())
    new = result[0] if isinstance(result, tuple) and len(result) == 2 else None
    if not isinstance(new, pd.Series | np.ndarray | list) or len(new) != len(texts):
        raise StoreError("Redacting the stored comments did not give one text for each comment; nothing was changed.")
    new = np.asarray(new, dtype=object)
    if not all(isinstance(value, str) and value.strip() for value in new):
        raise StoreError("Redacting the stored comments left a comment blank; nothing was changed.")
    changed = new != texts.to_numpy(dtype=object)
    if not changed.any():
        return 0
    updates = pd.DataFrame(
        {"wave": stored["wave"].to_numpy()[changed], "seq": stored["seq"].to_numpy()[changed], "text": new[changed]}
    )
    updates["text"] = text_column(updates["text"].to_numpy())
    con.register("changed_comments", updates)
    try:
        con.execute(
            "UPDATE comments SET text = changed_comments.text FROM changed_comments "
            "WHERE comments.wave = changed_comments.wave AND comments.seq = changed_comments.seq"
        )
    finally:
        con.unregister("changed_comments")
    return int(changed.sum())


def clean_terms(terms: Sequence[str]) -> list[str]:
    """The redaction terms stripped, without blanks, and without repeats that differ only in case (first kept)."""
    if isinstance(terms, str) or not isinstance(terms, Sequence | pd.Series | np.ndarray):
        raise StoreError("The redaction terms must be a list of text, one term an entry; nothing was saved.")
    kept: dict[str, str] = {}
    for term in terms:
        if not isinstance(term, str):
            raise StoreError("Every redaction term must be text; nothing was saved.")
        term = term.strip()
        if term:
            kept.setdefault(term.casefold(), term)
    return list(kept.values())


def lexicon_rows(table: pd.DataFrame) -> pd.DataFrame:
    """A lexicon stripped, without blank keywords and without repeated (domain, keyword) pairs; order kept."""
    if not isinstance(table, pd.DataFrame):
        raise StoreError("The lexicon to save must be a table (a pandas DataFrame).")
    missing = [c for c in LEXICON_COLUMNS if c not in table.columns]
    if missing:
        raise StoreError(f"The lexicon has no {', '.join(map(repr, missing))} column; nothing was saved.")
    cleaned = pd.DataFrame({c: text_column(table[c].to_numpy()).str.strip().fillna("") for c in LEXICON_COLUMNS})
    cleaned = cleaned[cleaned["keyword"] != ""]
    orphans = cleaned[cleaned["domain"] == ""]
    if len(orphans):
        raise StoreError(
            f"Keywords without a domain: {len(orphans)} (first: '{orphans['keyword'].iloc[0]}'). Give each keyword "
            "the domain it points to; nothing was saved."
        )
    return lexicon_table(cleaned.drop_duplicates().to_numpy().tolist())


def lexicon_table(pairs: Sequence[Sequence[str]]) -> pd.DataFrame:
    """The lexicon as a table: domain, keyword (text), in the order given."""
    return pd.DataFrame(
        {
            "domain": text_column([domain for domain, _ in pairs]),
            "keyword": text_column([keyword for _, keyword in pairs]),
        }
    )


def read_word_list(con: duckdb.DuckDBPyConnection, key: str) -> object | None:
    """The list saved under `key`, as its JSON value; None when it was never saved."""
    found = con.execute("SELECT value FROM word_lists WHERE key = ?", [key]).fetchall()
    return json.loads(found[0][0]) if found else None


def write_word_list(con: duckdb.DuckDBPyConnection, at: datetime, who: str, key: str, value: object) -> None:
    """Keep `value` (JSON-safe) under `key`, replacing what was there."""
    con.execute("DELETE FROM word_lists WHERE key = ?", [key])
    con.execute("INSERT INTO word_lists VALUES (?, ?, ?, ?)", [key, json.dumps(value, ensure_ascii=False), at, who])
