"""The build cache: what the previous build made, reused only where every input is unchanged.

Its entries, in one JSON file in the cache folder (`.clinicsite-cache/` beside site_config.yaml
unless --cache-dir says otherwise):

- a page's rendered Markdown, keyed by the page's key, source path and body text, and valid
  only while every page its links were looked up as still resolves the same way;
- a page's HTML, keyed by a digest of the template names and everything passed to the template
  (the site-wide listings only if the template read them). The HTML itself is not copied into
  the cache: it is read back from the output folder and used only if its SHA-256 matches;
- for each content page, the page as rendered, taken as it is without even building its view
  when the site's shape (every page's front matter and URL, see `site_shape`) is the same as
  last time and the page's own body was reused: nothing its template is given can differ then;
- each page's lint findings, stored as they are here and read by clinicsite.lint.memo, which
  keys them itself.

Bodies and pages are tied to an environment digest (tool version and code; for pages also every
template, the config file and the build settings), so a change there empties them. A missing,
corrupt, foreign or outdated cache file is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from clinicsite import __version__
from clinicsite.config import CONFIG_NAME, SiteConfig
from clinicsite.errors import Level, Location, Problem, SiteError
from clinicsite.markdown import LinkResolver, RenderedMarkdown, Unavailable, link_state
from clinicsite.pages import Page, ParsedPages
from clinicsite.rendered import RenderedPage

log = logging.getLogger(__name__)

CACHE_DIR = ".clinicsite-cache"
CACHE_FILE = "build.json"
FORMAT = "clinicsite-build-cache/1"
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This folder is a cache made by clinicsite; it is safe to delete.\n")


def check_cache_dir(cache_dir: Path, site_dir: Path, output_dir: Path) -> None:
    """Refuse a cache folder that is or holds the project's sources, or lies in the output."""
    cache_path = cache_dir.resolve()
    sources = [(site_dir / name).resolve() for name in ("content", "templates", "static")]
    for folder in [site_dir.resolve(), *sources, Path.home().resolve()]:
        if cache_path == folder or folder.is_relative_to(cache_path) or (
                folder in sources and cache_path.is_relative_to(folder)):
            raise SiteError.at(Location(str(cache_dir)), f"refusing to use {cache_dir} as the "
                               f"cache folder: it is or contains {folder}", "cache",
                               hint=f"leave --cache-dir out to use {CACHE_DIR}/")
    if cache_path.is_relative_to(output_dir.resolve()):
        raise SiteError.at(Location(str(cache_dir)), "the cache folder must not be inside the "
                           "output folder (each build replaces it)", "cache",
                           hint=f"leave --cache-dir out to use {CACHE_DIR}/")


def digest(*parts: object) -> str:
    """SHA-256 of the parts' reprs: the cache's key for anything made of plain values."""
    text = repr(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(text).hexdigest()


@cache
def tool_digest() -> str:
    """The tool's own code, templates and rule packs: a local edit or an upgrade changes it."""
    sha = hashlib.sha256(f"{__version__}\0{sys.version}\0{_library_versions()}".encode())
    add_tree(sha, "tool", Path(__file__).resolve().parent, (".py", ".yaml", ".json", ".html", ".css"))
    return sha.hexdigest()


def _library_versions() -> str:
    """The libraries whose output ends up in pages: an upgrade (a sanitiser fix, say) must not
    leave old HTML in the cache."""
    from importlib import metadata

    found = []
    for name in ("markdown", "nh3", "jinja2", "markupsafe", "pyyaml", "icalendar"):
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return ",".join(found)


def add_tree(sha: Any, label: str, root: Path, suffixes: tuple[str, ...] = ()) -> None:
    """Every file under root, in a fixed order, as its relative name and its bytes."""
    for folder, dirs, names in os.walk(root):  # os.walk: a tenth of rglob's time on 10k files
        dirs.sort()
        relative = os.path.relpath(folder, root)
        for name in sorted(names):
            if suffixes and not name.endswith(suffixes):
                continue
            sha.update(f"\0{label}/{relative}/{name}\0".encode())
            with open(os.path.join(folder, name), "rb") as handle:
                sha.update(handle.read())


def markdown_environment(config: SiteConfig) -> str:
    """What every page body's HTML depends on besides its own text and its links."""
    return digest(FORMAT, tool_digest(), config.base_path, config.allow_raw_html)


def template_environment(config: SiteConfig, template_dirs: Iterable[Path]) -> str:
    """What every page's HTML depends on besides the values passed to its template."""
    sha = hashlib.sha256(digest(FORMAT, tool_digest(), config.base_url, config.build_date,
                                config.drafts).encode())
    config_file = config.site_dir / CONFIG_NAME
    sha.update(config_file.read_bytes() if config_file.is_file() else b"")
    for number, folder in enumerate(template_dirs):
        if folder.is_dir():
            add_tree(sha, f"templates{number}", folder)
    return sha.hexdigest()


@dataclass(frozen=True, slots=True)
class CachedPage:
    """How one output HTML file was made, to reuse it when its inputs have not changed."""

    inputs: str  # digest of the template names and the values passed to the template
    listings: str  # digest of the site listings the template read; '' when it read none
    sha256: str  # of the HTML bytes written
    html: str | None = None  # held in memory by `serve`; otherwise read from the output folder


@dataclass(slots=True)
class BuildCache:
    """Bodies by page key and HTML records by output file, with what was reused this build."""

    markdown_env: str = ""
    template_env: str = ""
    output_dir: Path | None = None  # where the HTML of `pages` can be read back
    bodies: dict[str, tuple[str, RenderedMarkdown]] = field(default_factory=dict)
    pages: dict[str, CachedPage] = field(default_factory=dict)
    shape: str = ""  # site_shape of the build that made `rendered`
    rendered: dict[str, RenderedPage] = field(default_factory=dict)  # by source path, no HTML
    parsed: ParsedPages = field(default_factory=dict)  # kept in memory only (serve)
    lint: Any = None  # per-page lint results as stored (see clinicsite.lint.memo), or None
    same_shape: bool = False  # set for the build in progress
    pages_reused: int = 0

    def carried_over(self, markdown_env: str, template_env: str) -> BuildCache:
        """A cache for the next build in this process, keeping what these environments allow."""
        same_templates = template_env == self.template_env
        return BuildCache(markdown_env, template_env, self.output_dir,
                          self.bodies if markdown_env == self.markdown_env else {},
                          self.pages if same_templates else {},
                          self.shape if same_templates else "",
                          self.rendered if same_templates else {}, self.parsed, lint=self.lint)

    def unchanged_page(self, page: Page, url: str, output_file: str) -> RenderedPage | None:
        """The page as last rendered, if the site's shape and the page's body are unchanged
        (the caller has just reused its body) and it was published at the same URL."""
        earlier = self.rendered.get(page.source.rel_path) if self.same_shape else None
        if earlier is None or (earlier.url, earlier.output_file) != (url, output_file):
            return None
        record = self.pages.get(earlier.output_file)
        if record is None or record.inputs != earlier.inputs:
            return None
        if earlier.html:  # kept in memory (serve) as it was
            self.pages_reused += 1
            return earlier
        html = record.html if record.html is not None else self._read_back(earlier.output_file,
                                                                           record)
        if html is None:
            return None
        self.pages_reused += 1
        return replace(earlier, html=html, reused=True)

    def body_for(self, page: Page, resolve_key: LinkResolver,
                 unavailable: Unavailable) -> RenderedMarkdown | None:
        """The page's rendered Markdown from last time, if its text and links are unchanged."""
        entry = self.bodies.get(page.key)
        if entry is None or entry[0] != body_digest(page):
            return None
        body = entry[1]
        if any(link_state(key, resolve_key(key), unavailable) != state
               for key, state in body.link_states):
            return None
        return body

    def html_for(self, output_file: str, inputs: str,
                 listings: Callable[[], str]) -> tuple[str, str] | None:
        """The page's HTML from last time (and the listings digest it was made with), if it was
        made from the same inputs and is intact."""
        record = self.pages.get(output_file)
        if record is None or record.inputs != inputs:
            return None
        if record.listings and record.listings != listings():
            return None
        html = record.html if record.html is not None else self._read_back(output_file, record)
        if html is None:
            return None
        self.pages_reused += 1
        return html, record.listings

    def _read_back(self, output_file: str, record: CachedPage) -> str | None:
        if self.output_dir is None:
            return None
        try:
            data = (self.output_dir / output_file).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != record.sha256:
            return None  # edited or replaced since it was written: render it again
        return data.decode("utf-8")


def body_digest(page: Page) -> str:
    """A page body's own inputs: its key (links are relative to it), file, text and first line."""
    sha = hashlib.sha256(f"{page.key}\0{page.source.rel_path}\0{page.front.body_line}\0".encode())
    sha.update(page.front.body.encode("utf-8", "surrogatepass"))
    return sha.hexdigest()


def remember(cache: BuildCache, pages: Iterable[Page], bodies: dict[str, RenderedMarkdown],
             records: dict[str, CachedPage], rendered: list[RenderedPage], shape: str,
             in_memory: bool = False) -> None:
    """Make the cache hold exactly this build's bodies, page records and rendered pages
    (with their HTML only `in_memory`)."""
    by_key = {page.key: page for page in pages}
    cache.bodies = {key: (body_digest(by_key[key]), body) for key, body in bodies.items()
                    if key in by_key}
    cache.pages = records
    cache.shape = shape
    cache.rendered = {page.source: page if in_memory else replace(page, html="", reused=False)
                      for page in rendered if page.source and page.output_file in records}


def load_cache(cache_dir: Path, markdown_env: str, template_env: str,
               output_dir: Path | None) -> BuildCache:
    """The cache file's entries still valid for these environments; empty if unusable."""
    empty = BuildCache(markdown_env, template_env, output_dir)
    try:
        raw = json.loads((cache_dir / CACHE_FILE).read_text("utf-8"))
        return _from_json(raw, empty)
    except FileNotFoundError:
        return empty
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        log.warning("ignoring the build cache in %s (%s): building everything", cache_dir,
                    type(error).__name__)
        return empty


def _from_json(raw: Any, empty: BuildCache) -> BuildCache:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValueError("not a clinicsite build cache")
    cache = empty
    cache.lint = raw.get("lint")  # checked where it is used
    if raw["markdown_env"] == cache.markdown_env:
        cache.bodies = {json_text(key): (json_text(entry["digest"]), _body_from_json(entry["body"]))
                        for key, entry in raw["bodies"].items()}
    same_output = cache.output_dir is not None and raw["output_dir"] == str(cache.output_dir)
    if raw["template_env"] == cache.template_env and same_output:
        cache.pages = {json_text(name): CachedPage(json_text(r["inputs"]), json_text(r["listings"]),
                                               json_text(r["sha256"]))
                       for name, r in raw["pages"].items()}
        cache.shape = json_text(raw["shape"])
        cache.rendered = {json_text(source): _page_from_json(r) for source, r in raw["rendered"].items()}
    return cache


def save_cache(cache_dir: Path, cache: BuildCache) -> None:
    """Write the cache file atomically; a failure only costs the next build its head start."""
    data = {"format": FORMAT, "markdown_env": cache.markdown_env,
            "template_env": cache.template_env,
            "output_dir": str(cache.output_dir) if cache.output_dir else "",
            "bodies": {key: {"digest": text_digest, "body": _body_to_json(body)}
                       for key, (text_digest, body) in sorted(cache.bodies.items())},
            "pages": {name: {"inputs": r.inputs, "listings": r.listings, "sha256": r.sha256}
                      for name, r in sorted(cache.pages.items())},
            "shape": cache.shape,
            "rendered": {source: _page_to_json(page)
                         for source, page in sorted(cache.rendered.items())},
            "lint": cache.lint}
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tag = cache_dir / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(CACHEDIR_TAG, "utf-8")
        handle, temporary = tempfile.mkstemp(prefix=".build-", suffix=".json", dir=cache_dir)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))  # C encoder
        os.chmod(temporary, 0o644)
        os.replace(temporary, cache_dir / CACHE_FILE)
    except OSError as error:
        log.warning("could not write the build cache in %s: %s", cache_dir, error)


def _body_to_json(body: RenderedMarkdown) -> dict[str, Any]:
    return {"html": body.html, "toc": body.toc, "linked_keys": list(body.linked_keys),
            "link_states": [list(pair) for pair in body.link_states],
            "problems": [{"path": p.location.path, "line": p.location.line,
                          "column": p.location.column, "message": p.message, "code": p.code,
                          "hint": p.hint, "level": p.level.value} for p in body.problems]}


def _body_from_json(raw: dict[str, Any]) -> RenderedMarkdown:
    problems = [Problem(Location(json_text(p["path"]), json_int(p["line"]), json_int(p["column"])),
                        json_text(p["message"]), json_text(p["code"]), json_text(p["hint"]),
                        Level(p["level"])) for p in raw["problems"]]
    if not isinstance(raw["toc"], list):
        raise TypeError("toc")
    return RenderedMarkdown(json_text(raw["html"]), raw["toc"], problems,
                            tuple(json_text(k) for k in raw["linked_keys"]),
                            tuple((json_text(k), json_text(s)) for k, s in raw["link_states"]))


def _page_to_json(page: RenderedPage) -> dict[str, Any]:
    return {"output_file": page.output_file, "source": page.source, "url": page.url,
            "lastmod": page.lastmod.isoformat() if page.lastmod else None,
            "content_type": page.content_type, "links_to_types": sorted(page.links_to_types),
            "inputs": page.inputs, "listings": page.listings}


def _page_from_json(raw: dict[str, Any]) -> RenderedPage:
    lastmod = dt.date.fromisoformat(json_text(raw["lastmod"])) if raw["lastmod"] is not None else None
    return RenderedPage(json_text(raw["output_file"]), "", json_text(raw["source"]), json_text(raw["url"]),
                        lastmod, json_text(raw["content_type"]),
                        frozenset(json_text(t) for t in raw["links_to_types"]),
                        json_text(raw["inputs"]), json_text(raw["listings"]))


def json_text(value: Any) -> str:
    """`value` if it is text; TypeError otherwise (a cache file's values are checked, not trusted)."""
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def json_int(value: Any) -> int:
    """`value` if it is a whole number (not a bool); TypeError otherwise."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected a number")
    return value
