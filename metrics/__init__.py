"""Effective Offices indicators: pure pandas functions implementing shared/docs/indicators.md.

Every function takes the canonical responses table (one row per response, item columns by code) and returns
a new table; scores and percentages are on 0-100, groups sorted as text, suppressed cells NaN with
`suppressed == True` (§3.0, §7).
"""

from metrics.change import comparable_domains, comparable_items, domain_change, index_change
from metrics.comments import (
    ALL_QUESTIONS,
    DEFAULT_COMMENT_MIN_N,
    TOO_FEW_COMMENTS,
    check_comment_min_n,
    check_lexicon,
    code_themes,
    comment_counts,
    comment_sample,
    comment_themes,
    comment_view,
    comment_view_refusal,
    load_lexicon,
    shown_comments,
)
from metrics.followthrough import FOLLOW_THROUGH, FollowThrough, follow_through, measure_value
from metrics.instrument import (
    COLLECTIVE_ROLES,
    Domain,
    Instrument,
    Item,
    Scale,
    Tiers,
    instrument_toml,
    load_instrument,
    parse_instrument,
)
from metrics.leadership import (
    agreement,
    coherence,
    collective_leadership,
    missing_roles,
    overall_gap,
    perception_gap,
    shared_influence,
)
from metrics.priorities import PRIORITY_COLUMNS, PRIORITY_RULES, priorities
from metrics.rates import response_rates
from metrics.reliability import RELIABLE_ALPHA, cronbach_alpha
from metrics.responses import LEADER_ROLES, NOT_REPORTED, ROLE_LEVELS
from metrics.rounding import shown, tier
from metrics.scope import scope_rows
from metrics.scoring import domain_scores, effectiveness_index, item_distribution, item_stats
from metrics.suppression import (
    COMPLEMENTARY,
    DEFAULT_MIN_N,
    EMPTY,
    PRIMARY,
    PROTECTS_SMALL_GROUP,
    TOO_SMALL,
    Census,
    census,
    differencing_refused,
    hidden_in_breakdown,
    refused_groups,
    suppression_reason,
    view_refusal,
)
from metrics.trends import domain_trend

__all__ = [
    "ALL_QUESTIONS",
    "COLLECTIVE_ROLES",
    "Census",
    "COMPLEMENTARY",
    "DEFAULT_COMMENT_MIN_N",
    "EMPTY",
    "FOLLOW_THROUGH",
    "FollowThrough",
    "DEFAULT_MIN_N",
    "LEADER_ROLES",
    "NOT_REPORTED",
    "PRIMARY",
    "PRIORITY_COLUMNS",
    "PRIORITY_RULES",
    "PROTECTS_SMALL_GROUP",
    "RELIABLE_ALPHA",
    "ROLE_LEVELS",
    "Domain",
    "Instrument",
    "Item",
    "Scale",
    "TOO_FEW_COMMENTS",
    "TOO_SMALL",
    "Tiers",
    "agreement",
    "check_comment_min_n",
    "check_lexicon",
    "census",
    "code_themes",
    "coherence",
    "differencing_refused",
    "collective_leadership",
    "comparable_domains",
    "comparable_items",
    "comment_counts",
    "comment_sample",
    "comment_themes",
    "comment_view",
    "comment_view_refusal",
    "cronbach_alpha",
    "domain_change",
    "domain_scores",
    "domain_trend",
    "effectiveness_index",
    "follow_through",
    "hidden_in_breakdown",
    "index_change",
    "instrument_toml",
    "item_distribution",
    "item_stats",
    "load_instrument",
    "load_lexicon",
    "measure_value",
    "missing_roles",
    "overall_gap",
    "parse_instrument",
    "perception_gap",
    "priorities",
    "refused_groups",
    "response_rates",
    "scope_rows",
    "shared_influence",
    "shown",
    "shown_comments",
    "suppression_reason",
    "tier",
    "view_refusal",
]
