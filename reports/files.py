"""The board pack's three files with their names: the one path from a `Pack` to what a reader takes away, shared
by the Board pack page and `python -m reports`, so both hand out the same files under the same names."""

from __future__ import annotations

from collections.abc import Callable

from reports.handout import pack_pdf
from reports.pack import Pack
from reports.slides import pack_slides
from reports.workbook import pack_workbook

QUOTES = 3  # quotes in "What staff said" when comments are asked for (the page's default, the command's only)

# (label, suffix, media type, writer) of each file, in the order a reader meets them
FILES: tuple[tuple[str, str, str, Callable[[Pack], bytes]], ...] = (
    (
        "PowerPoint deck",
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        pack_slides,
    ),
    ("PDF handout", "pdf", "application/pdf", pack_pdf),
    ("Excel workbook", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", pack_workbook),
)


def slug(text: str) -> str:
    """Letters and digits only, the rest as single hyphens: a file name safe on every system and in a URL."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def file_name(pack: Pack, suffix: str) -> str:
    """The name a file of this pack is saved under: "board pack", its scope and its wave, as a slug."""
    return f"{slug(f'board pack {pack.scope} {pack.wave}')}.{suffix}"


def pack_files(pack: Pack, progress: Callable[[str, float], None] | None = None) -> dict[str, bytes]:
    """Each file of the pack by its name, in the order of FILES; `progress(label, share done)` is told before each
    file is made (a page's progress bar: the handout takes seconds)."""
    made = {}
    for step, (label, suffix, _, write) in enumerate(FILES):
        if progress is not None:
            progress(label, step / len(FILES))
        made[file_name(pack, suffix)] = write(pack)
    return made
