"""Ingestion: turn survey exports and rosters into the canonical tables that docs/methods.md describes."""

from ingest.canonical import read_canonical_comments, read_canonical_responses
from ingest.comments import Redactor
from ingest.draft import InstrumentDraft, draft_instrument
from ingest.export import Export, ExportError
from ingest.mapping import MappedWave, map_export
from ingest.reading import read_export
from ingest.roster import read_roster

__all__ = [
    "Export",
    "ExportError",
    "InstrumentDraft",
    "MappedWave",
    "Redactor",
    "draft_instrument",
    "map_export",
    "read_canonical_comments",
    "read_canonical_responses",
    "read_export",
    "read_roster",
]
