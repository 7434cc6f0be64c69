"""The settings an admin may change, their defaults, and the checks a new value must pass.

Why: the minimum group size, the response-rate caution line and the tier cut points are agency policy, not code;
a bad value (a minimum below 3, cut points out of order) must be refused with a plain sentence before it is
stored, because every page would otherwise show numbers under the wrong rule.

The comment minimum (how many people must have commented before a group's comments are shown) may never be below
the minimum group size: a comment is easier to trace to its author than a score. When an admin has not set it, it
follows the minimum group size upwards (the larger of its default and min_n), so that raising min_n alone, or a
store from before comments existed with min_n above 10, is never refused.
"""

from __future__ import annotations

from metrics.policy import DEFAULT_CAUTION, DEFAULT_COMMENT_MIN_N, DEFAULT_MIN_N, LOWEST_MIN_N  # written once

DEFAULTS: dict[str, float | int] = {
    "min_n": DEFAULT_MIN_N,  # indicators §7: never below metrics.policy.LOWEST_MIN_N
    "caution_rate": DEFAULT_CAUTION,  # indicators §6
    "tier_strength": 75.0,  # indicators §3.6, as in the default instrument
    "tier_developing": 62.5,
    "tier_emerging": 50.0,
    "comment_min_n": DEFAULT_COMMENT_MIN_N,  # never below min_n
}
LABELS = {
    "min_n": "Minimum group size",
    "caution_rate": "Response rate below which results carry a caution (%)",
    "tier_strength": "Strength from (score)",
    "tier_developing": "Developing from (score)",
    "tier_emerging": "Emerging from (score)",
    "comment_min_n": "Minimum commenters before comments are shown",
}
WHOLE_NUMBERS = ("min_n", "comment_min_n")


def checked(values: dict[str, object]) -> dict[str, float | int]:
    """All settings (defaults for the keys not given) after their checks; ValueError in plain words otherwise."""
    unknown = sorted(set(values) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"Unknown setting: {', '.join(unknown)}.")
    merged = {**DEFAULTS, **values}
    try:
        numbers = {key: float(merged[key]) for key in DEFAULTS}
    except (TypeError, ValueError, OverflowError):
        raise ValueError("Every setting must be a number.") from None
    min_n = numbers["min_n"]
    if not min_n.is_integer() or min_n < LOWEST_MIN_N:
        raise ValueError(f"The minimum group size must be a whole number of at least {LOWEST_MIN_N} (indicators §7.3).")
    if "comment_min_n" not in values:
        numbers["comment_min_n"] = max(numbers["comment_min_n"], min_n)
    comment_min_n = numbers["comment_min_n"]
    if not comment_min_n.is_integer() or comment_min_n < min_n:
        raise ValueError(
            f"The comment minimum must be a whole number no smaller than the minimum group size ({int(min_n)})."
        )
    if not 0 < numbers["caution_rate"] < 100:
        raise ValueError("The caution line for response rates must lie between 0 and 100 %.")
    emerging, developing, strength = numbers["tier_emerging"], numbers["tier_developing"], numbers["tier_strength"]
    if not 0 < emerging < developing < strength < 100:
        raise ValueError("The tier cut points must rise from Emerging to Developing to Strength, between 0 and 100.")
    return {key: int(numbers[key]) if key in WHOLE_NUMBERS else numbers[key] for key in DEFAULTS}
