"""What one view shows (wave, agency, unit, role level, with its instrument and settings), computed once.

A view's refusal (as a code the page words), its benchmark view and its indicator tables come from here, for the
pages and the board pack alike, so that no table is assembled twice and both hide exactly the same cells.
Pure: no Streamlit, no I/O.
"""

from views.core import Filters, Settings, Survey, View
from views.stored import survey_from

__all__ = ["Filters", "Settings", "Survey", "View", "survey_from"]
