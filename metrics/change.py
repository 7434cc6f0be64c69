"""Change of domain scores and of the effectiveness index between two waves (indicators §5), and which domains
and items two instruments share comparably.

A change is reported only where the group's score is shown in both waves' own `domain_scores`, and called
meaningful only when its size as shown is at least 5 points and its 95 % Welch interval excludes 0. When the two
waves were scored with different instruments, a domain's change is computed only where both instruments hold
the domain comparably (`comparable_domains`); elsewhere its row is suppressed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.instrument import Instrument
from metrics.intervals import excludes_zero, group_spread, welch_interval
from metrics.policy import MEANINGFUL_CHANGE, SHOWN_SHARE
from metrics.responses import attribute_labels, leader_mask, normalise_by, prepare, respondent_domain_scores
from metrics.rounding import at_least, shown
from metrics.scoring import domain_table, shown_mean
from metrics.suppression import DEFAULT_MIN_N, check_min_n


def comparable_domains(a: Instrument, b: Instrument) -> list[str]:
    """The domain codes, in `b`'s order, that `a` and `b` hold comparably (§5, waves scored with different
    instruments): the same code, the same item codes in the domain (as a set), each item with the same
    `reverse_coded`, and the same scale points (`lo` and `hi`).

    The domain's name, description and point labels, the items' texts and order, the favourable points and the
    tier cut points do not count: a domain score is the mean of its items' answers rescaled from `lo`-`hi` to
    0-100, and none of these enter it. Reverse coding does count: an item turned around (`x -> lo + hi - x`)
    changes what its answers mean for the score, so a domain whose item was flipped no longer measures the same
    thing. A domain that gained or lost an item is not comparable either, and nothing is on another scale (a
    4-point and a 5-point scale, or 1-5 and 0-4, share no domain)."""
    if (a.scale.lo, a.scale.hi) != (b.scale.lo, b.scale.hi):
        return []
    held = set(a.domain_codes)
    return [code for code in b.domain_codes if code in held and _item_keys(a, code) == _item_keys(b, code)]


def comparable_items(a: Instrument, b: Instrument) -> list[str]:
    """The item codes, in `b`'s order, that `a` and `b` hold comparably (§5: "an item's trend needs its code,
    text and scale in both waves"): the same code, the same text (exactly, as written), the same `reverse_coded`
    and the same scale points (`lo` and `hi`). The item's domain does not count: a question moved to another
    domain is still the same question."""
    if (a.scale.lo, a.scale.hi) != (b.scale.lo, b.scale.hi):
        return []
    held = {item.code: item for item in a.items}
    return [
        item.code
        for item in b.items
        if item.code in held
        and held[item.code].text == item.text
        and bool(held[item.code].reverse_coded) == bool(item.reverse_coded)
    ]


def _item_keys(instrument: Instrument, domain: str) -> set[tuple[str, bool]]:
    return {(item.code, bool(item.reverse_coded)) for item in instrument.items_of(domain)}


def check_attributes(responses: pd.DataFrame, by: tuple[str, ...]) -> None:
    """What `prepare` checks of a table apart from its items: the `by` columns exist, `role_level` is valid."""
    for column in by:
        if column not in responses.columns:
            raise ValueError(f"The responses have no column '{column}' to break down by.")
    leader_mask(responses, required=False)


def check_wave(rows: pd.DataFrame, instrument: Instrument, by: tuple[str, ...], wave: str) -> None:
    """One wave's rows checked as `prepare` checks a table, against the wave's own instrument; the refusal
    names the wave and its instrument as well as the column."""
    try:
        prepare(rows, instrument, by)
    except ValueError as error:
        raise ValueError(f"Wave {wave!r} (instrument {instrument.name!r}): {error}") from error


def _wave_cells(responses, instrument, by, min_n, reference=None) -> pd.DataFrame:
    """One wave's group x domain scores, whether shown, and the spread of its respondent scores.

    The wave is scored (all of §7) with its own `instrument`; the rows are `reference`'s domains (default: the
    wave's own), in its order, and a domain the wave's instrument does not hold comparably is a cell never
    shown (score NaN, n 0)."""
    prepared = prepare(responses, instrument, by)
    table = domain_table(prepared, min_n)
    respondent = respondent_domain_scores(prepared)
    groups = prepared.groups
    spread = [group_spread(groups.codes, respondent[:, d], groups.count) for d in range(len(instrument.domains))]
    score, hidden = table.score, table.hidden
    count = np.column_stack([s[1] for s in spread])
    variance = np.column_stack([s[2] for s in spread])
    codes = instrument.domain_codes
    if reference is not None:
        same = set(comparable_domains(instrument, reference))
        position = {code: d for d, code in enumerate(codes)}
        codes = reference.domain_codes
        picks = [position[code] if code in same else -1 for code in codes]
        if picks != list(range(len(instrument.domains))):
            score, hidden, count, variance = (
                _pick(score, picks, np.nan),
                _pick(hidden, picks, True),
                _pick(count, picks, 0),
                _pick(variance, picks, np.nan),
            )
    keys = groups.keys.loc[groups.keys.index.repeat(len(codes))].reset_index(drop=True)
    return keys.assign(
        domain=np.tile(codes, groups.count),
        score=score.reshape(-1),
        shown=~hidden.reshape(-1),
        n=count.reshape(-1),
        variance=variance.reshape(-1),
    )


def _pick(matrix: np.ndarray, picks: list[int], fill) -> np.ndarray:
    """Groups x `picks` columns of a groups x domains matrix; a pick of -1 is a column of `fill`."""
    out = np.full((matrix.shape[0], len(picks)), fill, dtype=matrix.dtype)
    for column, pick in enumerate(picks):
        if pick >= 0:
            out[:, column] = matrix[:, pick]
    return out


def domain_change(
    responses: pd.DataFrame,
    instrument: Instrument,
    wave_from: str,
    wave_to: str,
    by: str | Sequence[str] = (),
    min_n: int = DEFAULT_MIN_N,
    *,
    instrument_from: Instrument | None = None,
) -> pd.DataFrame:
    """One row per group (present in either wave) x domain: `score_from`, `score_to` (0-100), `change`
    (points) with its 95 % Welch interval, and `meaningful`. Hidden unless shown in both waves.

    `instrument` scores `wave_to` and gives the rows their domains, in its order; `instrument_from` (default:
    `instrument`) scores `wave_from`. Each wave is scored with its own instrument, all of §7 within the wave, as
    its own view shows it. A domain that the two instruments do not hold comparably (`comparable_domains`:
    other items, an item turned around, another scale) has every group's row suppressed (§5): scores, change
    and interval NaN, `meaningful` False. A domain of `instrument_from` alone has no row.

    Without `instrument_from` the whole table is checked against `instrument`, as every indicator checks it.
    With it, each of the two waves' rows is checked against its own instrument only: the store hands several
    waves back as the union of their columns, so a wave's rows hold NaN in other instruments' items, and
    whatever they hold there is not read. A column that a wave's own instrument needs and the table lacks
    altogether is refused (ValueError naming the wave and the column), as §2 refuses a table without an item
    column. Rows of any other wave are checked only for the `by` columns and `role_level`: their instrument is
    not known here."""
    check_min_n(min_n)
    by = normalise_by(by)
    if instrument_from is None:
        prepare(responses, instrument, by)  # the whole table is checked, whatever the waves
    else:
        check_attributes(responses, by)
    if "wave" not in responses.columns:
        raise ValueError("The responses have no 'wave' column, which a change between waves needs.")
    waves = attribute_labels(responses["wave"])
    scored = ((wave_from, instrument if instrument_from is None else instrument_from), (wave_to, instrument))
    rows = [responses[waves == str(wave)] for wave, _ in scored]
    if instrument_from is not None:
        for part, (wave, own) in zip(rows, scored, strict=True):
            check_wave(part, own, by, str(wave))
    cells = [_wave_cells(part, own, by, min_n, instrument) for part, (_, own) in zip(rows, scored, strict=True)]
    keys = list(by) + ["domain"]
    merged = cells[0].merge(cells[1], on=keys, how="outer", suffixes=("_from", "_to"))
    order = {code: position for position, code in enumerate(instrument.domain_codes)}
    merged = (
        merged.assign(_order=merged["domain"].map(order))
        .sort_values(list(by) + ["_order"], kind="stable")
        .reset_index(drop=True)
    )
    visible = merged["shown_from"].eq(True) & merged["shown_to"].eq(True)
    visible = visible.to_numpy()
    change = (merged["score_to"] - merged["score_from"]).to_numpy(dtype=float)
    low, high = welch_interval(
        change,
        merged["variance_to"].to_numpy(dtype=float),
        merged["n_to"].to_numpy(dtype=float),
        merged["variance_from"].to_numpy(dtype=float),
        merged["n_from"].to_numpy(dtype=float),
    )
    meaningful = visible & at_least(np.abs(shown(change)), MEANINGFUL_CHANGE) & excludes_zero(low, high)
    blank = lambda values: np.where(visible, values, np.nan)  # noqa: E731
    result = merged[list(by)].copy()
    result["domain"] = merged["domain"].to_numpy(dtype=object)
    result["score_from"] = blank(merged["score_from"].to_numpy(dtype=float))
    result["score_to"] = blank(merged["score_to"].to_numpy(dtype=float))
    result["change"] = blank(change)
    result["ci_low"] = blank(low)
    result["ci_high"] = blank(high)
    result["meaningful"] = meaningful
    result["suppressed"] = ~visible
    return result


def index_change(
    responses: pd.DataFrame,
    instrument: Instrument,
    wave_from: str,
    wave_to: str,
    min_n: int = DEFAULT_MIN_N,
    *,
    instrument_from: Instrument | None = None,
) -> pd.DataFrame:
    """One row for everyone in `responses`: `index_from`, `index_to` (each the wave's own effectiveness index,
    §3.5 with all of §7 within the wave), `change` with its 95 % interval, `meaningful`, `suppressed`.

    Why: a leader asks first whether the one headline number moved. §5 defines change for a domain; the index
    gets the same rule: reported only when both waves' indices are shown and rest on the same domains, held
    comparably by both instruments (else the row is suppressed, values NaN, `meaningful` False); meaningful
    when the change as shown is at least 5 points and its Welch interval excludes 0. The interval's spread is
    that of respondent index scores (each respondent's mean over those domains of their domain scores), as a
    domain's interval uses respondent domain scores; it is centred on the change of the two indices."""
    check_min_n(min_n)
    if "wave" not in responses.columns:
        raise ValueError("The responses have no 'wave' column, which a change between waves needs.")
    own_from = instrument if instrument_from is None else instrument_from
    waves = attribute_labels(responses["wave"])
    sides = []
    for wave, own in ((wave_from, own_from), (wave_to, instrument)):
        prepared = prepare(responses[waves == str(wave)], own, ())
        table = domain_table(prepared, min_n)
        index, _, reported = shown_mean(table.score, table.hidden, SHOWN_SHARE)
        shown_codes = [code for code, hidden in zip(own.domain_codes, table.hidden[0], strict=True) if not hidden]
        respondent = respondent_domain_scores(prepared)[:, [own.domain_codes.index(c) for c in shown_codes]]
        answered = (~np.isnan(respondent)).sum(axis=1)
        person = np.nansum(respondent, axis=1)[answered > 0] / answered[answered > 0]
        visible = bool(reported[0]) and not table.group_hidden[0]
        sides.append((float(index[0]) if visible else np.nan, visible, set(shown_codes), person))
    (index_from, shown_from, codes_from, people_from), (index_to, shown_to, codes_to, people_to) = sides
    comparable = set(comparable_domains(own_from, instrument))
    visible = shown_from and shown_to and codes_from == codes_to and codes_to <= comparable
    change = index_to - index_from
    low, high = welch_interval(
        np.array([change]),
        np.array([np.var(people_to, ddof=1) if len(people_to) > 1 else np.nan]),
        np.array([float(len(people_to))]),
        np.array([np.var(people_from, ddof=1) if len(people_from) > 1 else np.nan]),
        np.array([float(len(people_from))]),
    )
    meaningful = visible and bool(at_least(abs(shown(change)), MEANINGFUL_CHANGE)) and bool(excludes_zero(low, high)[0])
    values = {"index_from": index_from, "index_to": index_to, "change": change, "ci_low": low[0], "ci_high": high[0]}
    row = {name: [float(value) if visible else np.nan] for name, value in values.items()}
    return pd.DataFrame({**row, "meaningful": [meaningful], "suppressed": [not visible]})
