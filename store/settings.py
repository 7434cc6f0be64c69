"""The settings an admin may change, their defaults, and the checks a new value must pass.

Why: the minimum group size, the response-rate caution line and the tier cut points are agency policy, not code;
a bad value (a minimum below 3, cut points out of order) must be refused with a plain sentence before it is
stored, because every page would otherwise show numbers under the wrong rule.
"""

from __future__ import annotations

DEFAULTS: dict[str, float | int] = {
    "min_n": 5,  # indicators §7: never below 3
    "caution_rate": 50.0,  # indicators §6
    "tier_strength": 75.0,  # indicators §3.6, as in the default instrument
    "tier_developing": 62.5,
    "tier_emerging": 50.0,
}
LABELS = {
    "min_n": "Minimum group size",
    "caution_rate": "Response rate below which results carry a caution (%)",
    "tier_strength": "Strength from (score)",
    "tier_developing": "Developing from (score)",
    "tier_emerging": "Emerging from (score)",
}


def checked(values: dict[str, object]) -> dict[str, float | int]:
    """All settings (defaults for the keys not given) after their checks; ValueError in plain words otherwise."""
    unknown = sorted(set(values) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"Unknown setting: {', '.join(unknown)}.")
    merged = {**DEFAULTS, **values}
    try:
        min_n = int(merged["min_n"])
        numbers = {key: float(merged[key]) for key in DEFAULTS if key != "min_n"}
    except (TypeError, ValueError):
        raise ValueError("Every setting must be a number.") from None
    if min_n != float(merged["min_n"]) or min_n < 3:
        raise ValueError("The minimum group size must be a whole number of at least 3 (indicators §7.3).")
    if not 0 < numbers["caution_rate"] < 100:
        raise ValueError("The caution line for response rates must lie between 0 and 100 %.")
    emerging, developing, strength = numbers["tier_emerging"], numbers["tier_developing"], numbers["tier_strength"]
    if not 0 < emerging < developing < strength < 100:
        raise ValueError("The tier cut points must rise from Emerging to Developing to Strength, between 0 and 100.")
    return {"min_n": min_n, **numbers}
