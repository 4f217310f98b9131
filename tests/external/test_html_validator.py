"""Every HTML page of both example sites passes the Nu HTML Checker (vnu) with no errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, require_tool

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.external


def test_every_page_is_valid_html(built_sites: dict[str, Path]) -> None:
    java = require_tool("java")
    if not VNU.is_file():
        require_tool("vnu.jar-from-make-tools")
    folders = [str(path) for path in built_sites.values()]
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json",
                             "--skip-non-html", *folders],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]
    assert problems == []
    checked = sum(len(list(Path(f).rglob("*.html"))) for f in folders)
    assert checked > 60
