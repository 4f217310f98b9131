"""Lighthouse scores at least 95 in performance, accessibility, best practices and SEO."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, require_tool
from tests.external.conftest import ServedSite
from tests.external.test_browser import CHROMIUM_FLAGS

pytestmark = pytest.mark.external

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = [("clinic", "/"), ("clinic", "/conditions/neck-pain/"),
         ("academy", "/courses/trigger-point-injection-fundamentals/")]


def lighthouse_scores(url: str, chromium: str, report: Path) -> dict[str, float]:
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new " + " ".join(CHROMIUM_FLAGS)],
        check=True, timeout=300, env={**os.environ, "CHROME_PATH": chromium},
        capture_output=True)
    data = json.loads(report.read_text("utf-8"))
    return {name: data["categories"][name]["score"] for name in CATEGORIES}


@pytest.mark.parametrize(("site", "path"), PAGES)
def test_lighthouse_scores(site: str, path: str, served_sites: dict[str, ServedSite],
                           tmp_path: Path) -> None:
    chromium = require_tool("chromium", "google-chrome", "chromium-browser")
    require_tool("node")
    if not LIGHTHOUSE.exists():
        require_tool("lighthouse-from-make-tools")
    scores = lighthouse_scores(served_sites[site].url + path, chromium, tmp_path / "report.json")
    print(f"lighthouse {site}{path}: " + ", ".join(f"{k} {v * 100:.0f}" for k, v in
                                                   scores.items()))
    assert all(score >= 0.95 for score in scores.values()), scores
