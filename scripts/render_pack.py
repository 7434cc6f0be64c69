"""Render the board pack as a leader would see it: every page of the deck, the handout and the workbook as PNG.

Fills a fresh store with the sample (its waves, comments and plans, as the app does on its first start), builds
the pack with `python -m reports` (2025 Spring against 2024 Spring, with comments) for the whole sample and for
the State Office, converts the deck (.pptx) and the workbook (.xlsx) to PDF with LibreOffice, and every PDF (the
handout included) to PNG pages with poppler's pdftoppm. Prints the folder of each file's PNG pages.

    python scripts/render_pack.py                  # or: make render (installs LibreOffice and poppler first)
    python scripts/render_pack.py --out /tmp/pack  # default: .cache/render/ (git-ignored)

Each LibreOffice run has a throwaway profile, so it works as root and beside another run. tests/reports/
test_render.py renders with the same functions.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import metrics  # noqa: E402
import plans  # noqa: E402
from ingest import read_canonical_comments, read_canonical_responses, read_roster  # noqa: E402
from store import open_store  # noqa: E402

OUT = ROOT / ".cache" / "render"
SAMPLE = ROOT / "data" / "sample"
WAVE, COMPARE = "2025 Spring", "2024 Spring"
ORGANISATION = "Sample State Department of Education"  # the cover's name, so every cover line is rendered
SCOPES = {"all-agencies": None, "state-office": "State Office of Early Learning"}  # folder: agency
KINDS = {"pptx": "deck", "pdf": "handout", "xlsx": "workbook"}  # suffix of a pack file: its name in the render
DPI = 60  # pixels per inch of a PNG page: enough to judge a layout, small enough to look at many
TIMEOUT = 600  # seconds for one build or conversion; LibreOffice's first start on a new profile takes a few


@dataclass(frozen=True)
class Rendered:
    """One file of the pack and its renders: the PDF (the handout is one already) and its pages as PNG."""

    kind: str  # deck, handout or workbook
    source: Path
    pdf: Path
    pages: list[Path]


def sample_store(path: Path) -> Path:
    """A new store at `path` holding the sample's waves, roster, redacted comments and plans, loaded as
    shell.data loads them on the app's first start."""
    path.unlink(missing_ok=True)
    instrument = metrics.load_instrument()
    found, problems = plans.read_plans((SAMPLE / "plans.csv").read_bytes(), "plans.csv", instrument)
    if problems:
        raise RuntimeError(f"The sample plans could not be read: {problems[0]}")
    terms = [t.strip() for t in (SAMPLE / "redaction_terms.txt").read_text(encoding="utf-8").splitlines() if t.strip()]
    comments, notes = read_canonical_comments(SAMPLE / "comments.csv", terms)
    open_store(path).ensure_sample(
        SAMPLE / "responses.xlsx",
        SAMPLE / "roster.xlsx",
        read_responses=read_canonical_responses,
        read_roster=read_roster,
        instrument_name=instrument.name,
        plans=[plans.to_record(plan) for plan in found],
        comments=comments,
        wave_notes=notes,
        redaction_terms=terms,
    )
    return path


def build(store: Path, out: Path, agency: str | None = None) -> list[Path]:
    """The pack's three files, written by `python -m reports` into `out`, in the order it prints them."""
    shutil.rmtree(out, ignore_errors=True)
    scope = ["--agency", agency] if agency else []
    command = [sys.executable, "-m", "reports", "--store", str(store), "--wave", WAVE, "--compare", COMPARE]
    command += [*scope, "--comments", "--organisation", ORGANISATION, "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"python -m reports failed: {done.stderr.strip()}")
    return [Path(line) for line in done.stdout.splitlines() if line.endswith(tuple(KINDS))]


def to_pdf(files: list[Path], out: Path) -> list[Path]:
    """Each office file converted to PDF by LibreOffice into `out` (same stem), in one run with its own profile."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render-profile-") as profile:
        command = ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore"]
        command += ["--convert-to", "pdf", "--outdir", str(out), *map(str, files)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    pdfs = [out / f"{file.stem}.pdf" for file in files]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file()]
    if done.returncode != 0 or missing:
        raise RuntimeError(f"LibreOffice did not convert {', '.join(missing) or 'the files'}: {done.stderr.strip()}")
    return pdfs


def to_png(pdf: Path, prefix: Path) -> list[Path]:
    """Every page of the PDF as `<prefix>-<n>.png`, in page order."""
    prefix.parent.mkdir(parents=True, exist_ok=True)
    for old in prefix.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    command = ["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(prefix)]
    subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"), key=lambda page: int(page.stem.rsplit("-", 1)[1]))


def render(store: Path, out: Path, agency: str | None = None) -> list[Rendered]:
    """The pack of one scope built into `out/files`, its office files copied to `out/pdf` as deck.pptx and
    workbook.xlsx (the three files share one stem) and converted there to PDF, every page as PNG in `out/png`."""
    files = {KINDS[path.suffix[1:]]: path for path in build(store, out / "files", agency)}
    shutil.rmtree(out / "pdf", ignore_errors=True)
    (out / "pdf").mkdir(parents=True)
    office = [
        Path(shutil.copy(files[kind], out / "pdf" / f"{kind}{files[kind].suffix}")) for kind in ("deck", "workbook")
    ]
    pdfs = dict(zip(("deck", "workbook"), to_pdf(office, out / "pdf"), strict=True))
    pdfs["handout"] = files["handout"]
    return [Rendered(kind, files[kind], pdfs[kind], to_png(pdfs[kind], out / "png" / kind)) for kind in KINDS.values()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"the folder of the renders (default: {OUT})")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    store = sample_store(args.out / "sample.duckdb")
    for folder, agency in SCOPES.items():
        try:
            rendered = render(store, args.out / folder, agency)
        except (RuntimeError, OSError, subprocess.SubprocessError) as failed:
            print(f"The {folder} pack could not be rendered: {failed}", file=sys.stderr)
            return 1
        for each in rendered:
            print(f"{folder} {each.kind}: {len(each.pages)} pages in {each.pages[0].parent}/{each.kind}-*.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
