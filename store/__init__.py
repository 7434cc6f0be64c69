"""The store: survey waves (with redacted comments), rosters, instruments, confirmed mappings, action plans, word
lists and an audit log in one DuckDB file.

Imports pandas and duckdb only (never Streamlit, never the metrics): see docs/architecture.md.

    store = open_store()                      # $EFFECTIVE_OFFICES_STORE, else data/store/effective_offices.duckdb
    store.ensure_sample(responses_path, roster_path, read_responses=ingest.read_canonical_responses,
                        read_roster=ingest.read_roster, instrument_name=instrument.name,
                        plans=[plans.to_record(p) for p in sample_plans])     # plans: optional
    store.save_wave(mapped.responses, wave="2025 Spring", instrument_name=instrument.name,
                    filename=upload.name, who=user, replace=confirmed,   # StoreError: show its message as it is
                    comments=redacted)               # optional: response_id, question, text (already redacted)
    responses = store.responses(["2024 Spring", "2025 Spring"])          # the canonical table, exactly as saved
    comments = store.comments("2025 Spring")                             # wave, response_id, question, text
    key = store.version                     # changes on every write of data (not plan saves): a cache key
    terms = store.redaction_terms()                                       # [] until saved
    changed = store.save_redaction_terms(terms + ["Jo Smith"], who=user, rewrite=redact)  # comments changed
    lexicon = store.lexicon()                # None until saved: use the instrument's default
    store.save_lexicon(table, who=user)      # domain, keyword
    plan_id = store.save_plan(plans.to_record(plan), who=user)            # a new plan: "P0001", ...
    store.save_plan(plans.to_record(edited), who=user, plan_id=plan_id)  # a new version; earlier ones are kept
    store.save_plans([(None, body), ("P0002", body2)], who=user)          # an import: all or nothing
    latest, history = store.plans(), store.plan_history(plan_id)          # body: the dict as saved
"""

from store.errors import StoreError
from store.schema import SCHEMA_VERSION
from store.store import STORE_ENV, Store, default_path, mapping_signature, open_store

__all__ = ["SCHEMA_VERSION", "STORE_ENV", "Store", "StoreError", "default_path", "mapping_signature", "open_store"]
