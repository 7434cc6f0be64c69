"""Text that came from a file or a person, shown as text: never as Markdown, HTML or a link."""

from __future__ import annotations

import re

# A table row this tall (pixels) holds two lines: Streamlit wraps a table's text only in rows taller than 64 px, so
# a long question or comment wraps inside its column instead of running off a 1280-pixel screen.
WRAPPED_ROW_PX = 70


def plain(text: object) -> str:
    """`text` as literal text inside Markdown: every ASCII punctuation mark escaped, so nobody's words turn into a
    link, an image, a heading, a formula or an icon; line breaks kept. A web address also gets an invisible break
    after its scheme and "www", since Markdown links bare addresses whatever their escapes."""
    text = re.sub(r"(?i)(\w+):(?=//)", "\\1:\u2060", str(text))  # http://x -> http:<word joiner>//x
    text = re.sub(r"(?i)\bwww\.", "www\u2060.", text)
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text).replace("\n", "  \n")


def joined(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def slug(text: str) -> str:
    """A file-name-safe form of a name: lower-case letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
