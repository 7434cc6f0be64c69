"""Altair chart builders and display tables, fed only with indicator tables from `metrics` (never raw rows).

No Streamlit and no I/O here: a page calls a builder and shows what it returns. Every builder takes the
indicator table, the instrument (for domain names, item texts, scale and tiers) and min_n (to name the reason
a cell is hidden), and leaves the table unchanged.
"""

from charts._cells import number
from charts.domains import domain_chart
from charts.gaps import gap_chart
from charts.heatmap import heatmap_chart
from charts.likert import likert_chart
from charts.tables import domain_score_table, gap_sentences, gap_table, heatmap_table, item_table

__all__ = [
    "domain_chart",
    "domain_score_table",
    "gap_chart",
    "gap_sentences",
    "gap_table",
    "heatmap_chart",
    "heatmap_table",
    "item_table",
    "likert_chart",
    "number",
]
