"""The record of one output HTML file, as rendering makes it and the build cache keeps it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """One output HTML file."""

    output_file: str
    html: str
    source: str  # the content file it came from, or '' for generated pages
    url: str
    lastmod: dt.date | None = None
    content_type: str = ""
    links_to_types: frozenset[str] = field(default_factory=frozenset)
    inputs: str = ""  # digest of what the template was given (see clinicsite.cache)
    listings: str = ""  # digest of the site listings the template read, '' if none
    reused: bool = False  # the HTML came from the build cache
