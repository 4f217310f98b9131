"""A crawler over the served sites: no broken internal link, anchor, stylesheet or image."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.external.conftest import ServedSite

pytestmark = pytest.mark.external


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local server
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def crawl(site: ServedSite) -> tuple[set[str], list[str]]:
    """Visit every page reachable from the home page; return pages seen and problems."""
    seen: set[str] = set()
    anchors: dict[str, set[str]] = {}
    wanted_anchors: list[tuple[str, str, str]] = []
    problems: list[str] = []
    queue = deque([site.url + "/"])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            problems.append(f"{url} answered {status}")
            continue
        if kind != "text/html":
            continue
        page = BeautifulSoup(body, "lxml")
        anchors[url] = {tag["id"] for tag in page.find_all(id=True)}
        for tag in page.find_all(["a", "link", "img", "script"]):
            target = tag.get("href") or tag.get("src")
            if not target or target.startswith(("mailto:", "tel:")):
                continue
            absolute, fragment = urldefrag(urljoin(url, target))
            if urlsplit(absolute).netloc != urlsplit(site.url).netloc:
                continue
            if fragment:
                wanted_anchors.append((url, absolute, fragment))
            queue.append(absolute)
    for source, target, fragment in wanted_anchors:
        if target in anchors and fragment not in anchors[target]:
            problems.append(f"{source} links to a missing anchor {target}#{fragment}")
    return seen, problems


def test_no_broken_links_anchors_or_images(served_sites: dict[str, ServedSite]) -> None:
    for site in served_sites.values():
        seen, problems = crawl(site)
        assert problems == [], site.name
        html_pages = {p for p in site.pages() if p != "/404.html"}
        reached = {urlsplit(u).path for u in seen}
        unreachable = sorted(p for p in html_pages if p not in reached
                             and not p.startswith("/admin/"))
        assert unreachable == [], f"{site.name}: pages no link leads to"


def test_plain_static_server_serves_folders_and_404(served_sites: dict[str, ServedSite]) -> None:
    site = served_sites["clinic"]
    assert fetch(site.url + "/conditions/neck-pain/")[0] == 200
    assert fetch(site.url + "/404.html")[0] == 200
    assert fetch(site.url + "/no-such-page/")[0] == 404


def test_no_broken_links_under_a_sub_path(served_under_sub_path: ServedSite) -> None:
    seen, problems = crawl(served_under_sub_path)
    assert problems == []
    paths = {urlsplit(u).path for u in seen}
    assert "/clinic/conditions/neck-pain/" in paths
    assert all(p.startswith("/clinic/") for p in paths)
