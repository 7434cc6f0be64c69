"""Small instruments and frames whose indicators can be worked out by hand."""

import numpy as np
import pandas as pd
import pytest

from metrics import Domain, Instrument, Item, Scale, load_instrument

NA = np.nan
AGREE_5 = ("Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree")


def tiny_instrument(domains: dict[str, int], reverse: tuple[str, ...] = (), scale: Scale | None = None) -> Instrument:
    """Domains given as {code: item count}; items are named code + 1, 2, ..."""
    items = tuple(
        Item(f"{code}{i}", code, f"{code} item {i}", f"{code}{i}" in reverse)
        for code, count in domains.items()
        for i in range(1, count + 1)
    )
    return Instrument(
        "tiny",
        scale or Scale(1, 5, AGREE_5, (4, 5)),
        tuple(Domain(code, f"Domain {code}") for code in domains),
        items,
    )


def frame(rows: list[dict], **constant) -> pd.DataFrame:
    """Rows as dicts; `constant` columns added to every row; response ids numbered."""
    data = pd.DataFrame(rows)
    for column, value in constant.items():
        data[column] = value
    data.insert(0, "response_id", [f"r{i}" for i in range(len(data))])
    return data


@pytest.fixture(scope="session")
def default_instrument() -> Instrument:
    return load_instrument()


def uniform_rows(instrument: Instrument, count: int, value: float = 4, **attributes) -> list[dict]:
    """`count` respondents answering every item with `value`."""
    return [{**attributes, **{code: value for code in instrument.item_codes}} for _ in range(count)]
