"""Ingestion: turn survey exports and rosters into the canonical tables that docs/methods.md describes."""

from ingest._bounded import bounded
from ingest.canonical import read_canonical_comments, read_canonical_responses
from ingest.comments import Redactor
from ingest.draft import InstrumentDraft, draft_instrument
from ingest.export import Export, ExportError
from ingest.mapping import MappedWave, map_export
from ingest.reading import read_export
from ingest.roster import read_roster
from ingest.template import TemplateReading, instrument_workbook, read_instrument_template, read_template

__all__ = [
    "Export",
    "ExportError",
    "InstrumentDraft",
    "MappedWave",
    "Redactor",
    "TemplateReading",
    "bounded",
    "draft_instrument",
    "instrument_workbook",
    "map_export",
    "read_canonical_comments",
    "read_canonical_responses",
    "read_export",
    "read_instrument_template",
    "read_roster",
    "read_template",
]
