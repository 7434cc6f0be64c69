"""The board pack: PowerPoint, PDF and Excel files from the indicator tables and the same Altair charts the pages
draw. No Streamlit here: a page builds a `Pack` and asks for the bytes of a file."""

from reports.pack import Pack, Section, build_pack

__all__ = ["Pack", "Section", "build_pack"]
