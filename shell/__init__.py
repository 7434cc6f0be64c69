"""The Streamlit shell every page shares, split by concept: the survey data and its store (`data`), the sidebar
filters and the view they choose (`filters`), chart downloads (`downloads`), presentation mode (`presentation`),
who is reading (`access`), the planning side of priorities and plans (`planning`) and the Methods page's words
(`methods_text`). Pages import from here; nothing here imports a page.
"""
