"""The policy numbers of the indicators contract, written once.

Every formula reads them from here, and so does every sentence that states them (page texts, the Methods page,
the board pack), so that a rule and its explanation cannot drift apart. Settings an admin may change (the minimum
group size, the comment minimum, the response-rate caution line, the tier cut points) start from the defaults
here and live in the store.
"""

DEFAULT_MIN_N = 5  # §7: the smallest group whose results are shown (an admin setting)
LOWEST_MIN_N = 3  # §7.3: no setting may go below it
DEFAULT_COMMENT_MIN_N = 10  # §7.7: commenters a group needs before its comments show (an admin setting)
RELIABLE_ALPHA = 0.70  # §3.7: Cronbach's alpha below it is flagged
CONSENSUS = 0.70  # §4.3: r_wg at or above it is a shared view
NOTABLE_GAP, LARGE_GAP = 10.0, 20.0  # §4.1: leader-staff gaps, as shown, with an interval excluding 0
MEANINGFUL_CHANGE = 5.0  # §5: a change as shown, with an interval excluding 0
SHOWN_SHARE = (8, 10)  # §3.5: an index (or overall gap) needs 10 x shown >= 8 x domains
DEFAULT_CAUTION = 50.0  # §6: a response rate below it reads "interpret with caution" (an admin setting)
LOW_INFLUENCE = 50.0  # §8 priorities: shared influence below this share of staff
WEAK_ITEM = 50.0  # §8 priorities: an item below this % favourable

SHOWN_SHARE_PERCENT = 100 * SHOWN_SHARE[0] // SHOWN_SHARE[1]  # 80, as sentences say it
