"""Walk content/ and read each Markdown file; nothing is parsed here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from clinicsite.errors import Location, Problem

CONTENT_DIR = "content"
STATIC_DIR = "static"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One Markdown file: where it is and what it says."""

    path: Path  # absolute path on disk
    rel_path: str  # POSIX path relative to the site folder, as shown in messages
    content_path: str  # POSIX path relative to content/, without '.md'
    text: str


def discover_sources(site_dir: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Read every content/**/*.md file in a stable order; unreadable files become problems."""
    content_root = site_dir / CONTENT_DIR
    if not content_root.is_dir():
        return [], [Problem(Location(CONTENT_DIR), "the site has no content/ folder", "sources",
                            hint="create content/ and put Markdown pages in it")]
    sources, problems = [], []
    for parts in _markdown_files(content_root):
        content_path = "/".join(parts)
        source, problem = read_source(content_root.joinpath(*parts),
                                      f"{CONTENT_DIR}/{content_path}",
                                      content_path.removesuffix(".md"))
        if problem:
            problems.append(problem)
        elif source:
            sources.append(source)
    return sources, problems


def _markdown_files(root: Path) -> list[tuple[str, ...]]:
    """Path parts (under root) of every .md file outside hidden folders, sorted as paths sort."""
    found = []
    for folder, dirs, names in os.walk(root):  # os.walk: several times faster than rglob
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        relative = os.path.relpath(folder, root)
        prefix = () if relative == "." else tuple(relative.split(os.sep))
        found += [(*prefix, name) for name in names
                  if name.endswith(".md") and not name.startswith(".")]
    return sorted(found)


def read_source(path: Path, rel_path: str, content_path: str
                ) -> tuple[SourceFile | None, Problem | None]:
    """Read one file as UTF-8; report invalid bytes (with their line) and empty files."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(Location(rel_path, line, column),
                             f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})", "encoding",
                             hint="re-save the file as UTF-8 in your editor")
    if not text.strip():
        return None, Problem(Location(rel_path, 1, 1), "the file is empty", "sources",
                             hint="add front matter with at least a 'title:', or delete the file")
    return SourceFile(path, rel_path, content_path, text.removeprefix("\ufeff")), None


def discover_static(site_dir: Path) -> list[tuple[str, Path]]:
    """Every file under static/ as (output-relative POSIX path, absolute path), sorted."""
    root = site_dir / STATIC_DIR
    if not root.is_dir():
        return []
    return [(p.relative_to(root).as_posix(), p) for p in sorted(root.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)]
