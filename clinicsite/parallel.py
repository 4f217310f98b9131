"""Markdown and page rendering spread over processes (`--jobs`), with deterministic results.

The linked Site is built once in the parent; worker processes are forked from it, so they share
it without pickling, and send back only each page's HTML. Results are put back in page order,
so the output is the same for any number of jobs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from clinicsite.cache import BuildCache
from clinicsite.errors import Level, Problem
from clinicsite.markdown import MarkdownRenderer, RenderedMarkdown
from clinicsite.pages import Page
from clinicsite.render import RenderedPage, Renderer
from clinicsite.site import Site

MIN_PAGES_PER_JOB = 150  # below this, starting processes costs more than it saves

PageResult = tuple[RenderedMarkdown, RenderedPage | Problem | None]
PageWork = Callable[[Page], PageResult]
PageReuse = Callable[[Page], PageResult | None]


@dataclass
class _Job:
    """What forked workers inherit from the parent (set just before the pool starts)."""

    site: Site | None = None
    work: PageWork | None = None


_JOB = _Job()


def default_jobs() -> int:
    """One job per core this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Workers share the parent's memory only with the fork start method."""
    return "fork" in multiprocessing.get_all_start_methods()


def page_work(site: Site, renderer: Renderer | None, unavailable: dict[str, str | None],
              cache: BuildCache | None = None) -> tuple[PageReuse, PageWork]:
    """What to do with one page: take it from the cache if nothing it is made from changed
    (cheap, done in the parent), else Markdown then template (section intros are finished by
    the parent); Markdown only when `renderer` is None (the site already has errors)."""
    markdown = MarkdownRenderer(site.config.base_path, site.config.allow_raw_html)

    def resolve_key(key: str) -> str | None:
        page = site.by_key.get(key)
        return site.url(page) if page is not None else None

    def reuse(page: Page) -> PageResult | None:
        if cache is None or not cache.same_shape or renderer is None or page.is_section_index:
            return None  # (the shape check first: otherwise `work` checks each body again)
        body = cache.body_for(page, resolve_key, unavailable)
        if body is None:
            return None
        url = site.url(page)
        earlier = cache.unchanged_page(page, url, site.output_file(url))
        return (body, earlier) if earlier is not None else None

    def work(page: Page) -> PageResult:
        body = cache.body_for(page, resolve_key, unavailable) if cache else None
        if body is None:
            body = markdown.render(page.front.body, page.key, page.source.rel_path,
                                   page.front.body_line, resolve_key, unavailable)
        broken = any(problem.level is Level.ERROR for problem in body.problems)
        if renderer is None or page.is_section_index or broken:
            return body, None
        return body, renderer.render_page(page, body, {})

    return reuse, work


def _run_chunk(keys: Sequence[str]) -> list[tuple[str, Any, Any]]:
    site, work = _JOB.site, _JOB.work
    assert site is not None and work is not None
    return [(key, *work(site.by_key[key])) for key in keys]


def render_pages(site: Site, steps: tuple[PageReuse, PageWork], jobs: int
                 ) -> dict[str, PageResult]:
    """Every page's result, in page order: reused ones from the parent, the rest rendered in
    `jobs` processes when it pays (results are sent back, so reused pages stay out of that)."""
    reuse, work = steps
    done = {page.key: result for page in site.pages if (result := reuse(page)) is not None}
    keys = [page.key for page in site.pages if page.key not in done]
    jobs = min(jobs, max(len(keys) // MIN_PAGES_PER_JOB, 1))
    if jobs <= 1 or not can_fork():
        done.update({key: work(site.by_key[key]) for key in keys})
    else:
        done.update(_in_processes(site, work, keys, jobs))
    return {page.key: done[page.key] for page in site.pages}


def _in_processes(site: Site, work: PageWork, keys: list[str], jobs: int
                  ) -> dict[str, PageResult]:
    _JOB.site, _JOB.work = site, work
    size = max(len(keys) // (jobs * 8), 1)
    chunks = [keys[i:i + size] for i in range(0, len(keys), size)]
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_run_chunk, chunks)
    finally:
        _JOB.site = _JOB.work = None
    return {key: (body, outcome) for chunk in results for key, body, outcome in chunk}
