"""third-party-tracking: resources from other sites, in content, templates and static HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clinicsite.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sites" / "mini"
GTAG = "https://www.googletagmanager.com/gtag/js?id=G-1"


def site_with_trackers(tmp_path: Path, extra_config: str = "") -> Path:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    (site / "templates").mkdir()
    (site / "templates/risk.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n'
        f'<script async src="{GTAG}"></script>\n{{% endblock %}}\n')
    about = site / "content/pages/about.md"
    about.write_text(about.read_text() + "\n![pixel](https://px.ads.example.net/t.gif)\n"
                     "![logo](https://clinic.example.org/logo.png)\n")
    (site / "static/admin").mkdir(parents=True)
    (site / "static/admin/index.html").write_text(
        '<script src="https://unpkg.com/decap-cms@^3.0.0/dist/decap-cms.js"></script>\n')
    config = site / "site_config.yaml"
    config.write_text(config.read_text() + extra_config)
    return site


def third_party_lines(site: Path, capsys: object) -> list[str]:
    main(["lint", "--site", str(site), "--today", "2026-11-23", "--no-color"])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    return [line for line in out.splitlines() if "third-party-tracking" in line]


def test_trackers_in_templates_content_and_static_are_flagged(tmp_path: Path,
                                                              capsys: object) -> None:
    lines = third_party_lines(site_with_trackers(tmp_path), capsys)
    assert any(line.startswith("templates/risk.html:3:20 error third-party-tracking") and GTAG
               in line for line in lines), lines
    assert any(line.startswith("content/pages/about.md:7:10 error") for line in lines), lines
    assert any(line.startswith("static/admin/index.html:1:14 error") for line in lines), lines
    assert not any("clinic.example.org/logo.png" in line for line in lines), "own host is fine"
    assert len(lines) == 3


def test_hosting_allow_list_clears_a_reviewed_provider(tmp_path: Path, capsys: object) -> None:
    site = site_with_trackers(tmp_path, "hosting:\n  allow_third_party: [unpkg.com]\n")
    lines = third_party_lines(site, capsys)
    assert not any("unpkg.com" in line for line in lines)
    assert len(lines) == 2


def test_the_default_theme_loads_nothing_from_elsewhere(capsys: object) -> None:
    repo = Path(__file__).parents[2]
    assert third_party_lines(repo, capsys) == []


@pytest.mark.parametrize(("text", "urls"), [
    ("Plain prose with (brackets) and no resources.", []),
    ("![x](https://a.example/p.gif) and ![y](//b.example/q.png)",
     ["https://a.example/p.gif", "//b.example/q.png"]),
    ('<IMG SRC="https://c.example/i.png"> <link rel="stylesheet" href="//d.example/s.css">',
     ["https://c.example/i.png", "//d.example/s.css"]),
    ("<script>load('https://e.example/t.js')</script>", ["https://e.example"]),  # the host
    ("body { background: URL('https://f.example/bg.png') }", ["https://f.example/bg.png"]),
    ('@IMPORT "https://g.example/font.css";', ["https://g.example/font.css"]),
])
def test_resources_finds_every_kind_of_load(text: str, urls: list[str]) -> None:
    """Each pattern is skipped when its opening is absent: the cases where it is present."""
    from clinicsite.lint.kinds.thirdparty import resources

    assert sorted(text[start:end] for start, end in set(resources(text))) == sorted(urls)
