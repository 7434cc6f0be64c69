"""metrics.summary on small hand-made indicator tables."""

import math

import numpy as np
import pandas as pd
import pytest

from metrics import load_instrument
from metrics.summary import (
    highest_and_lowest_items,
    overall_favorable,
    strongest_and_weakest,
    unreliable_domains,
)
from metrics.suppression import differencing_refused

INSTRUMENT = load_instrument()


def scores(values, suppressed=None):
    codes = INSTRUMENT.domain_codes[: len(values)]
    suppressed = suppressed or [False] * len(values)
    return pd.DataFrame(
        {
            "domain": codes,
            "n": [20] * len(values),
            "score": [np.nan if s else v for v, s in zip(values, suppressed, strict=True)],
            "pct_favorable": [np.nan if s else v for v, s in zip(values, suppressed, strict=True)],
            "tier": [None] * len(values),
            "suppressed": suppressed,
        }
    )


def test_strongest_and_weakest_ranks_shown_scores_with_ties_in_instrument_order():
    # VIS 70, LEAD 80, ALN 50, CAP 80.04 (shows as 80.0, tied with LEAD; LEAD first), RES 40, COM hidden,
    # ACC 60, SHD 49.96 (shows 50.0, tied with ALN; ALN first)
    table = scores([70, 80, 50, 80.04, 40, 99, 60, 49.96], suppressed=[False] * 5 + [True] + [False] * 2)
    before = table.copy()
    strongest, weakest = strongest_and_weakest(table, k=3)
    assert strongest == ["LEAD", "CAP", "VIS"]
    assert weakest == ["RES", "ALN", "SHD"]
    pd.testing.assert_frame_equal(table, before)


@pytest.mark.parametrize(
    ("values", "suppressed", "expected"),
    [
        # 3 shown domains: one each way (half of 3, rounded down), never the same domain in both
        ([70, 60, 50], None, (["VIS"], ["ALN"])),
        # one shown domain: nothing to compare
        ([70, 60], [False, True], ([], [])),
        # nothing shown
        ([70, 60], [True, True], ([], [])),
        # two domains that read alike (64.2 and 64.24): neither strongest nor weakest
        ([64.2, 64.24], None, ([], [])),
    ],
)
def test_strongest_and_weakest_never_overlap(values, suppressed, expected):
    assert strongest_and_weakest(scores(values, suppressed), k=3) == expected


def test_strongest_and_weakest_refuses_several_groups():
    table = pd.concat([scores([70, 60]), scores([50, 40])], ignore_index=True)
    with pytest.raises(ValueError, match="one group"):
        strongest_and_weakest(table)


def distribution(counts_by_item, suppressed_items=()):
    rows = []
    for item, counts in counts_by_item.items():
        hidden = item in suppressed_items
        total = sum(counts)
        for point, count in zip(INSTRUMENT.scale.points, counts, strict=True):
            rows.append(
                {
                    "item": item,
                    "domain": item.rstrip("0123456789"),
                    "point": point,
                    "label": INSTRUMENT.scale.label(point),
                    "count": np.nan if hidden else float(count),
                    "pct": np.nan if hidden or total == 0 else 100 * count / total,
                    "suppressed": hidden,
                }
            )
    return pd.DataFrame(rows)


def test_overall_favorable_pools_the_answers_of_shown_items():
    # VIS1: 1,1,2,3,3 -> 6 favourable of 10; VIS2: 0,0,0,5,0 -> 5 of 5; VIS3 hidden (not counted)
    # pooled: 11 of 15 = 73.333...
    table = distribution({"VIS1": [1, 1, 2, 3, 3], "VIS2": [0, 0, 0, 5, 0], "VIS3": [0, 0, 0, 0, 2]}, {"VIS3"})
    before = table.copy()
    assert overall_favorable(table, INSTRUMENT) == pytest.approx(100 * 11 / 15)
    pd.testing.assert_frame_equal(table, before)


def test_overall_favorable_is_missing_when_nothing_is_shown():
    assert math.isnan(overall_favorable(distribution({"VIS1": [1, 1, 1, 1, 1]}, {"VIS1"}), INSTRUMENT))
    assert math.isnan(overall_favorable(distribution({"VIS1": [0, 0, 0, 0, 0]}), INSTRUMENT))


@pytest.mark.parametrize(
    ("view", "parents", "refused"),
    [
        (40, [40], False),  # leaves nobody out
        (39, [40], True),  # leaves out one person
        (36, [40], True),  # leaves out 4 = min_n - 1
        (35, [40], False),  # leaves out 5 = min_n: a reportable group
        (10, [100, 12], True),  # any parent counts
        (0, [3], True),  # an empty view of a group of 3 is still refused: 3 left out
    ],
)
def test_differencing_refused(view, parents, refused):
    assert differencing_refused(view, parents, min_n=5) is refused


def test_differencing_refuses_min_n_below_three():
    with pytest.raises(ValueError):
        differencing_refused(10, [12], min_n=2)


def test_unreliable_domains_compares_the_unrounded_alpha():
    # 0.69999999999 counts as 0.70 (tolerance 1e-9); 0.6995 is below; NaN is not flagged
    table = pd.DataFrame(
        {"domain": ["VIS", "LEAD", "ALN", "CAP"], "n": [50, 50, 1, 50], "alpha": [0.69999999999, 0.6995, np.nan, 0.9]}
    )
    assert unreliable_domains(table) == ["LEAD"]


def test_highest_and_lowest_items_rank_the_shown_favourable_share():
    # VIS1 80, VIS2 55.04 (shows 55.0, tied with LEAD1's 55.0; VIS2 comes first in instrument order),
    # VIS3 hidden (its 99 must not count), VIS4 10, LEAD1 55.0, LEAD2 90, LEAD3 30
    codes = ["VIS1", "VIS2", "VIS3", "VIS4", "LEAD1", "LEAD2", "LEAD3"]
    table = pd.DataFrame(
        {
            "item": codes,
            "n": 30,
            "pct_favorable": [80, 55.04, np.nan, 10, 55.0, 90, 30],
            "suppressed": [False, False, True, False, False, False, False],
        }
    )
    highest, lowest = highest_and_lowest_items(table, k=2)
    assert highest == ["LEAD2", "VIS1"]
    assert lowest == ["VIS4", "LEAD3"]
    # six shown items and k = 5: three each way. VIS2 and LEAD1 tie at 55.0 in the middle, where the two lists
    # would meet (VIS2 third highest, LEAD1 third lowest): an item that reads like one in the other list is in
    # neither, so each list keeps two
    highest, lowest = highest_and_lowest_items(table, k=5)
    assert highest == ["LEAD2", "VIS1"]
    assert lowest == ["VIS4", "LEAD3"]
    with pytest.raises(ValueError, match="one group"):
        highest_and_lowest_items(pd.concat([table, table]))


def test_a_tie_in_the_middle_never_puts_a_domain_in_both_lists():
    # four shown domains, k = 2: VIS 70, LEAD 60, ALN 60, CAP 50. The lists would meet at 60 (LEAD second
    # strongest, ALN second weakest): two domains that read alike are not one strong and one weak, so neither is
    # listed, and no domain is ever in both
    strongest, weakest = strongest_and_weakest(scores([70, 60, 60, 50]), k=2)
    assert strongest == ["VIS"]
    assert weakest == ["CAP"]
