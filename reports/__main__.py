"""`python -m reports`: the board pack's three files from a store, without the app, e.g. for a scheduled build.

    python -m reports --store PATH --wave W [--compare W2] [--agency A] [--comments]
                       [--organisation NAME] [--paper letter|a4] --out FOLDER

The same views, refusals and files as the Board pack page (reports.files.pack_files). The plans are every stored
plan within the scope, as whoever runs this holds the whole store file. A problem (no store, an unknown wave or
agency, a scope too small to report) ends with status 2 and one sentence on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import metrics
import plans
import views
from reports.files import QUOTES, pack_files
from reports.handout import Unavailable
from reports.pack import ORGANISATION, PAPER, PAPERS, build_pack
from store import StoreError, open_store

FAILED = 2  # the exit status of every refusal


class Refused(Exception):
    """A plain sentence for the reader, and the end of the command."""


def survey_of(path: Path) -> tuple[views.Survey, list[plans.Plan]]:
    """The survey and every stored plan of the store at `path`, read as the app reads them (views.survey_from)."""
    if not path.is_file():
        raise Refused(f"There is no survey store at {path}.")
    opened = open_store(path)
    stored = opened.waves()
    survey = views.survey_from(
        opened.responses(),
        opened.settings(),
        roster=opened.roster(),
        comments=opened.comments(),
        lexicon=opened.lexicon(),
        waves=stored,
        instrument_texts={name: opened.instrument_text(name) for name in set(stored["instrument"])},
        default=metrics.load_instrument(),
    )
    kept = [replace(plans.from_record(row.body), plan_id=row.plan_id) for row in opened.plans().itertuples()]
    return survey, kept


def one_of(kind: str, value: str, known: list[str]) -> str:
    if value not in known:
        raise Refused(f'There is no {kind} "{value}" in the store; it has {", ".join(known) or "none"}.')
    return value


def run(args: argparse.Namespace) -> list[Path]:
    """Write the three files into args.out and return their paths."""
    survey, stored_plans = survey_of(Path(args.store))
    wave = one_of("wave", args.wave, survey.waves)
    compare = None if args.compare is None else one_of("wave", args.compare, survey.waves)
    if args.agency is not None:
        one_of("agency", args.agency, sorted(survey.responses["agency"].dropna().unique()))
    try:
        pack = build_pack(
            survey,
            wave,
            compare,
            args.agency,
            plans=stored_plans,
            quotes=QUOTES if args.comments else None,
            organisation=args.organisation,
            built=date.today(),
            paper=args.paper,
        )
    except ValueError as refused:  # the page's sentence for a scope too small to report
        raise Refused(str(refused)) from None
    if args.comments and not any(section.key == "voices" for section in pack.sections):
        print("What staff said is left out: too few people of this scope commented to show their comments.")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in pack_files(pack).items():
        (out / name).write_bytes(body)
        written.append(out / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reports", description="Build the board pack's three files.")
    parser.add_argument("--store", required=True, help="the survey store (a DuckDB file)")
    parser.add_argument("--wave", required=True, help="the survey wave, as the app names it")
    parser.add_argument("--compare", help="an earlier wave to show real changes since")
    parser.add_argument("--agency", help="one agency (all agencies when left out)")
    parser.add_argument("--comments", action="store_true", help="include what staff said, when enough commented")
    parser.add_argument(
        "--organisation",
        default=os.environ.get(ORGANISATION, ""),
        help=f"the name on the cover (default: ${ORGANISATION})",
    )
    parser.add_argument(
        "--paper",
        choices=PAPERS,
        default=os.environ.get(PAPER, "letter").lower(),
        help=f"the printed files' paper size (default: ${PAPER}, else letter)",
    )
    parser.add_argument("--out", required=True, help="the folder the files are written into")
    args = parser.parse_args(argv)
    try:
        written = run(args)
    except Refused as refused:
        print(refused, file=sys.stderr)
        return FAILED
    except (StoreError, OSError, Unavailable) as failed:
        print(f"The board pack could not be built: {failed}", file=sys.stderr)
        return FAILED
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
