"""A `Survey` from the tables a store hands out, so the app and `python -m reports` assemble it the same way (the
caller reads the store; nothing here does)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

import metrics
from views.core import Settings, Survey


def survey_from(
    responses: pd.DataFrame,
    settings: Mapping[str, float | int],
    *,
    roster: pd.DataFrame,
    comments: pd.DataFrame,
    lexicon: pd.DataFrame | None,
    waves: pd.DataFrame,
    instrument_texts: Mapping[str, str | None],
    default: metrics.Instrument,
) -> Survey:
    """Every stored wave with its roster, comments and theme keywords under the admin's `settings` (store.settings).

    `waves` is the store's wave table (wave, instrument name) and `instrument_texts` the saved text of each of those
    names (None when none is saved); `lexicon` is the saved theme keywords, None for the default's."""
    tiers = metrics.Tiers(settings["tier_strength"], settings["tier_developing"], settings["tier_emerging"])
    return Survey(
        responses,
        default,
        Settings(
            min_n=int(settings["min_n"]),
            comment_min_n=int(settings["comment_min_n"]),
            caution=float(settings["caution_rate"]),
            tiers=tiers,
        ),
        roster=roster,
        comments=comments,
        lexicon=metrics.load_lexicon() if lexicon is None else lexicon,
        wave_instruments=wave_instruments(waves, instrument_texts, default),
    )


def wave_instruments(
    waves: pd.DataFrame, instrument_texts: Mapping[str, str | None], default: metrics.Instrument
) -> dict[str, metrics.Instrument]:
    """Each stored wave's own instrument, by the name it was saved with. A wave saved with the default's name, or
    with a name no saved instrument has (waves stored before instruments could be chosen), is scored with the
    default."""
    own: dict[str, metrics.Instrument] = {}
    found: dict[str, metrics.Instrument | None] = {}
    for wave, name in zip(waves["wave"], waves["instrument"], strict=True):
        if name == default.name:
            continue
        if name not in found:
            text = instrument_texts.get(name)
            found[name] = None if text is None else metrics.parse_instrument(text, source=name)
        if found[name] is not None:
            own[wave] = found[name]
    return own
