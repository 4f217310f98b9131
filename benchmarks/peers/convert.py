"""Turn a generated clinicsite corpus into each peer generator's input layout.

The corpus (benchmarks/generate.py) is content/**/*.md with YAML front matter and relative links
written as `../treatments/treatment-3.md`. Each peer gets a copy of its config from
benchmarks/peers/<tool>/ plus the same Markdown, with front matter and links in the form that tool
understands without plugins:

- hugo:     content/ (index.md becomes _index.md, the home page); YAML kept; links -> /path/
- eleventy: src/; YAML kept; links -> /path/
- pelican:  content/ with `Title:` headers (Python-Markdown's meta format); links -> {filename}...
- mkdocs:   docs/; YAML kept (MkDocs reads it); links kept, MkDocs resolves .md links itself
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
from collections.abc import Callable
from pathlib import Path

PEERS = Path(__file__).resolve().parent
LINK = re.compile(r"\]\(([^)\s]+?\.md)\)")
TITLE = re.compile(r"^title:\s*(.*?)\s*$", re.MULTILINE)
CONTENT_DIR = {"hugo": "content", "eleventy": "src", "pelican": "content", "mkdocs": "docs"}
OUTPUT_DIR = {"hugo": "public", "eleventy": "_site", "pelican": "output", "mkdocs": "site"}


def split_front(text: str) -> tuple[str, str]:
    """(YAML front matter without its fences, body); front is '' when the file has none."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[4:end + 1], text[end + 5:]
    return "", text


def url_for(page: str, link: str) -> str:
    """Root-relative clean URL of a link written relative to the page (both POSIX paths)."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link))
    stem = target.removesuffix(".md")
    if stem == "index":
        return "/"
    return "/" + stem.removesuffix("/index") + "/"


def rewrite_links(body: str, page: str, style: str) -> str:
    """Rewrite `.md` links for one tool: 'url' (clean URLs), 'pelican' ({filename}) or 'keep'."""
    if style == "keep":
        return body
    if style == "pelican":
        return LINK.sub(lambda m: f"]({{filename}}{m.group(1)})", body)
    return LINK.sub(lambda m: f"]({url_for(page, m.group(1))})", body)


def yaml_page(page: str, front: str, body: str, style: str) -> str:
    return f"---\n{front}---\n\n{rewrite_links(body, page, style)}"


def pelican_page(page: str, front: str, body: str) -> str:
    """Pelican's own metadata header: `Key: value` lines, a blank line, then Markdown."""
    match = TITLE.search(front)
    header = f"Title: {match.group(1) if match else page}\n"
    if page == "index.md":
        header += "Save_as: index.html\nURL: \n"
    return header + "\n" + rewrite_links(body, page, "pelican")


def hugo_name(page: str) -> str:
    return "_index.md" if page == "index.md" else page


CONVERTERS: dict[str, tuple[Callable[[str], str], Callable[[str, str, str], str]]] = {
    "hugo": (hugo_name, lambda p, f, b: yaml_page(p, f, b, "url")),
    "eleventy": (lambda p: p, lambda p, f, b: yaml_page(p, f, b, "url")),
    "pelican": (lambda p: p, pelican_page),
    "mkdocs": (lambda p: p, lambda p, f, b: yaml_page(p, f, b, "keep")),
}


def convert_content(tool: str, source: Path, target: Path) -> int:
    """Write every page of source (a content/ folder) into target for `tool`; returns the count."""
    rename, render = CONVERTERS[tool]
    count = 0
    for path in sorted(source.rglob("*.md")):
        page = path.relative_to(source).as_posix()
        front, body = split_front(path.read_text("utf-8"))
        out = target / rename(page)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render(page, front, body), "utf-8")
        count += 1
    return count


def prepare(tool: str, site: Path, work: Path, node_modules: Path | None = None) -> int:
    """Fresh work folder for `tool`: its config from benchmarks/peers/<tool>/ plus the corpus."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(PEERS / tool, work)
    if tool == "eleventy" and node_modules is not None:
        (work / "node_modules").symlink_to(os.path.relpath(node_modules, work))
    return convert_content(tool, site / "content", work / CONTENT_DIR[tool])


def output_dir(tool: str, work: Path) -> Path:
    return work / OUTPUT_DIR[tool]
