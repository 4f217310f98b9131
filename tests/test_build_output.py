"""Build the small fixture site and check the HTML a visitor and a search engine get."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import CliRun


@pytest.fixture
def built(mini_site: Path, build_site: Callable[..., CliRun]) -> Path:
    run = build_site(mini_site)
    assert run.code == 0, run.err
    return mini_site / "output"


def soup(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path).read_text("utf-8"), "lxml")


def json_ld(page: BeautifulSoup) -> list[dict]:
    data = json.loads(page.find("script", type="application/ld+json").string)
    return data if isinstance(data, list) else [data]


def types_of(nodes: list[dict]) -> set[str]:
    found: set[str] = set()
    for node in nodes:
        kinds = node["@type"]
        found.update(kinds if isinstance(kinds, list) else [kinds])
        main = node.get("mainEntity")
        if isinstance(main, dict):
            found.update(types_of([main]))
        elif isinstance(main, list):
            found.update(types_of(main))
    return found


def internal_targets(output: Path, base_path: str = "/") -> list[tuple[str, str]]:
    """(page, href) for every same-site link and asset in the output."""
    found = []
    for html in sorted(output.rglob("*.html")):
        page = BeautifulSoup(html.read_text("utf-8"), "lxml")
        for tag in page.find_all(["a", "link", "img"]):
            url = tag.get("href") or tag.get("src")
            if url and url.startswith(base_path) and not url.startswith("//"):
                found.append((html.relative_to(output).as_posix(), url))
    return found


def resolves(output: Path, url: str, base_path: str = "/") -> bool:
    parts = urlsplit(url)
    relative = parts.path.removeprefix(base_path)
    target = output / relative
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return False
    if parts.fragment and target.suffix == ".html":
        return soup(target.parent, target.name).find(id=parts.fragment) is not None
    return True


def test_clean_urls_for_every_page_type(built: Path) -> None:
    for path in ["index.html", "conditions/neck-pain/index.html", "about/index.html",
                 "treatments/trigger-point-injections/index.html", "team/dr-jones/index.html",
                 "locations/central/index.html", "faqs/does-it-hurt/index.html",
                 "risks/soreness/index.html", "benefits/short-term-relief/index.html",
                 "conditions/index.html", "faqs/index.html", "team/index.html",
                 "locations/index.html", "404.html", "sitemap.xml", "robots.txt"]:
        assert (built / path).is_file(), path


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    links = internal_targets(built)
    assert len(links) > 50
    broken = [(page, url) for page, url in links if not resolves(built, url)]
    assert broken == []


def test_markdown_link_to_a_source_file_becomes_the_page_url(built: Path) -> None:
    page = soup(built, "conditions/neck-pain/index.html")
    link = page.find("a", string="the injections")
    assert link["href"] == "/treatments/trigger-point-injections/#how-it-works"


def test_relations_are_shown_both_ways(built: Path) -> None:
    condition = soup(built, "conditions/neck-pain/index.html")
    treatments = condition.find(id="treatments-title").find_parent("section")
    assert [a["href"] for a in treatments.find_all("a")] == ["/treatments/trigger-point-injections/"]
    treatment = soup(built, "treatments/trigger-point-injections/index.html")
    back = treatment.find(id="conditions-title").find_parent("section")
    assert [a.get_text() for a in back.find_all("a")] == ["Neck pain"]
    risks = treatment.find(id="risks-title").find_parent("section")
    assert risks.find("a")["href"] == "/risks/soreness/"
    risk = soup(built, "risks/soreness/index.html")
    assert risk.find("a", href="/treatments/trigger-point-injections/") is not None


def test_reviewer_is_named_with_credentials(built: Path) -> None:
    review = soup(built, "conditions/neck-pain/index.html").find("aside", class_="review")
    text = review.get_text(" ", strip=True)
    assert "Medically reviewed by Dr Sam Jones , MB ChB, FRCA" in text
    assert review.find("time")["datetime"] == "2026-06-01"


def test_head_has_title_description_canonical_and_open_graph(built: Path) -> None:
    page = soup(built, "conditions/neck-pain/index.html")
    assert page.title.string == "Neck pain | Test Pain Clinic"
    assert page.find("meta", attrs={"name": "description"})["content"].startswith("Common causes")
    canonical = "https://clinic.example.org/conditions/neck-pain/"
    assert page.find("link", rel="canonical")["href"] == canonical
    assert page.find("meta", property="og:url")["content"] == canonical
    assert page.find("meta", property="og:title")["content"] == "Neck pain"
    assert page.html["lang"] == "en-GB"


def test_json_ld_types_per_page(built: Path) -> None:
    expected = {
        "conditions/neck-pain/index.html": {"MedicalWebPage", "MedicalCondition", "BreadcrumbList"},
        "treatments/trigger-point-injections/index.html": {"MedicalWebPage", "MedicalProcedure"},
        "faqs/index.html": {"FAQPage", "Question"},
        "locations/central/index.html": {"MedicalClinic"},
        "team/dr-jones/index.html": {"ProfilePage", "Physician", "Person"},
        "index.html": {"MedicalClinic", "WebSite"},
    }
    for path, wanted in expected.items():
        assert wanted <= types_of(json_ld(soup(built, path))), path


def test_medical_web_page_carries_review_facts(built: Path) -> None:
    node = json_ld(soup(built, "conditions/neck-pain/index.html"))[0]
    assert node["lastReviewed"] == "2026-06-01"
    assert node["reviewedBy"]["name"] == "Dr Sam Jones"
    assert node["reviewedBy"]["honorificSuffix"] == "MB ChB, FRCA"
    condition = node["mainEntity"]
    assert condition["possibleTreatment"][0]["procedureType"].endswith("PercutaneousProcedure")


def test_clinic_json_ld_has_address_and_opening_hours(built: Path) -> None:
    clinic = json_ld(soup(built, "locations/central/index.html"))[0]["mainEntity"]
    assert clinic["address"]["postalCode"] == "M1 1AA"
    hours = clinic["openingHoursSpecification"][0]
    assert hours["opens"] == "09:00" and "https://schema.org/Friday" in hours["dayOfWeek"]
    assert clinic["geo"]["latitude"] == 53.48


def test_faq_listing_groups_by_topic_with_anchors(built: Path) -> None:
    page = soup(built, "faqs/index.html")
    topics = [h2.get_text() for h2 in page.select("section.faq-group > h2")]
    assert topics == ["About injections", "Before your appointment"]
    assert page.find("a", href="#about-injections") is not None
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "FAQ answers must not repeat ids on the listing page"
    questions = json_ld(page)[0]["mainEntity"]
    assert {q["name"] for q in questions} == {"Does the injection hurt?",
                                              "How long does an appointment take?"}
    assert questions[0]["acceptedAnswer"]["text"] == "You may feel a brief sting."


def test_navigation_marks_the_current_section_and_breadcrumbs(built: Path) -> None:
    page = soup(built, "conditions/neck-pain/index.html")
    nav = page.find("nav", attrs={"aria-label": "Main"})
    assert [a.get_text() for a in nav.find_all("a")] == ["Conditions", "Treatments", "FAQs",
                                                         "About"]
    assert nav.find("a", attrs={"aria-current": True}).get_text() == "Conditions"
    crumbs = page.find("nav", attrs={"aria-label": "Breadcrumb"}).find_all("a")
    assert [(a.get_text(), a["href"]) for a in crumbs] == [
        ("Home", "/"), ("Conditions", "/conditions/"), ("Neck pain", "/conditions/neck-pain/")]


def test_page_landmarks_skip_link_and_single_h1(built: Path) -> None:
    for html in built.rglob("*.html"):
        page = BeautifulSoup(html.read_text("utf-8"), "lxml")
        assert len(page.find_all("h1")) == 1, html
        assert page.find("main", id="main") is not None
        assert page.find("a", class_="skip-link")["href"] == "#main"
        assert page.find("header") and page.find("footer")
        assert all(img.get("alt") is not None for img in page.find_all("img"))


def test_footer_carries_clinic_contact_hours_and_disclaimer(built: Path) -> None:
    footer = soup(built, "about/index.html").find("footer").get_text(" ", strip=True)
    for text in ["1 High Street", "+44 161 496 0000", "09:00–17:00",
                 "not a substitute for professional medical advice"]:
        assert text in footer


def test_one_fingerprinted_stylesheet_and_no_scripts(built: Path) -> None:
    css = list((built / "assets").glob("site.*.css"))
    assert len(css) == 1
    for html in built.rglob("*.html"):
        page = BeautifulSoup(html.read_text("utf-8"), "lxml")
        assert [s.get("type") for s in page.find_all("script")] in ([], ["application/ld+json"])
        assert page.find("link", rel="stylesheet")["href"] == f"/assets/{css[0].name}"


def test_raw_script_in_markdown_is_removed(built: Path) -> None:
    about = (built / "about" / "index.html").read_text("utf-8")
    assert "alert(1)" not in about


def test_sitemap_lists_pages_with_lastmod_and_robots_points_at_it(built: Path) -> None:
    sitemap = BeautifulSoup((built / "sitemap.xml").read_text("utf-8"), "xml")
    urls = {u.loc.string: (u.lastmod.string if u.lastmod else None) for u in sitemap.find_all("url")}
    assert urls["https://clinic.example.org/conditions/neck-pain/"] == "2026-06-02"
    assert "https://clinic.example.org/404.html" not in urls
    assert len(urls) == 18
    robots = (built / "robots.txt").read_text("utf-8")
    assert "Sitemap: https://clinic.example.org/sitemap.xml" in robots


def test_conditions_listing_is_grouped_a_to_z(built: Path) -> None:
    page = soup(built, "conditions/index.html")
    assert page.find("h2", id="letter-n").get_text() == "N"
    assert page.find("a", href="/conditions/neck-pain/") is not None


def test_sub_path_base_url(mini_site: Path, build_site: Callable[..., CliRun]) -> None:
    run = build_site(mini_site, "--base-url", "https://x.org/clinic/")
    assert run.code == 0, run.err
    output = mini_site / "output"
    links = internal_targets(output, "/")
    assert all(url.startswith("/clinic/") for _, url in links), links[:5]
    assert all(resolves(output, url, "/clinic/") for _, url in links)
    page = soup(output, "conditions/neck-pain/index.html")
    assert page.find("link", rel="canonical")["href"] == "https://x.org/clinic/conditions/neck-pain/"
    assert page.find("a", string="the injections")["href"].startswith("/clinic/treatments/")
    not_found = soup(output, "404.html")
    assert not_found.find("link", rel="stylesheet")["href"].startswith("/clinic/assets/")


def test_drafts_and_future_pages_are_left_out(mini_site: Path,
                                              build_site: Callable[..., CliRun]) -> None:
    (mini_site / "content/pages/draft.md").write_text("---\ntitle: Draft\ndraft: true\n---\nx\n")
    (mini_site / "content/pages/later.md").write_text(
        "---\ntitle: Later\npublish_on: 2027-01-01\n---\nx\n")
    assert build_site(mini_site).code == 0
    assert not (mini_site / "output/draft").exists()
    assert not (mini_site / "output/later").exists()
    assert build_site(mini_site, "--drafts", "--build-date", "2027-02-01").code == 0
    assert (mini_site / "output/draft/index.html").is_file()
    assert (mini_site / "output/later/index.html").is_file()


def test_static_files_are_copied(mini_site: Path, build_site: Callable[..., CliRun]) -> None:
    (mini_site / "static/images").mkdir(parents=True)
    (mini_site / "static/images/map.png").write_bytes(b"\x89PNG")
    assert build_site(mini_site).code == 0
    assert (mini_site / "output/images/map.png").read_bytes() == b"\x89PNG"


def test_site_templates_override_the_theme(mini_site: Path,
                                           build_site: Callable[..., CliRun]) -> None:
    (mini_site / "templates").mkdir()
    (mini_site / "templates/risk.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Custom {{ page.title }}</h1>{% endblock %}')
    assert build_site(mini_site).code == 0
    page = soup(mini_site / "output", "risks/soreness/index.html")
    assert page.h1.get_text() == "Custom Soreness after injection"
    assert page.find("footer") is not None


def test_aliases_leave_redirect_pages_at_old_urls(mini_site: Path,
                                                  build_site: Callable[..., CliRun]) -> None:
    page = mini_site / "content/pages/about.md"
    page.write_text(page.read_text().replace("title: About us",
                                             "title: About us\naliases: [/who-we-are/]"))
    assert build_site(mini_site, "--base-url", "https://x.org/clinic/").code == 0
    old = soup(mini_site / "output", "who-we-are/index.html")
    assert old.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/clinic/about/"
    assert old.find("link", rel="canonical")["href"] == "https://x.org/clinic/about/"
    sitemap = (mini_site / "output/sitemap.xml").read_text()
    assert "who-we-are" not in sitemap


def test_alias_that_clashes_with_a_page_is_an_error(mini_site: Path,
                                                    build_site: Callable[..., CliRun]) -> None:
    page = mini_site / "content/pages/about.md"
    page.write_text(page.read_text().replace("title: About us",
                                             "title: About us\naliases: [/contact/]"))
    run = build_site(mini_site)
    assert run.code == 1
    assert "content/pages/about.md:3:11: error: alias '/contact/' is already a page" in run.err


def test_a_page_with_a_warning_is_still_built(mini_site: Path,
                                              build_site: Callable[..., CliRun]) -> None:
    about = mini_site / "content/pages/about.md"
    about.write_text(about.read_text("utf-8") + "\n#### Deep heading\n\nText.\n", "utf-8")
    run = build_site(mini_site)
    assert run.code == 0 and "heading jumps from level 1 to 4" in run.err
    html = (mini_site / "output/about/index.html").read_text("utf-8")
    assert "Deep heading" in html


def test_verbose_build_prints_stage_timings_not_library_chatter(mini_site: Path,
                                                                 tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    done = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--site", str(mini_site),
                           "--output", str(tmp_path / "out"), "--no-cache", "-v"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    for stage in ("sources", "pages rendered", "lint", "write"):
        assert f"  {stage} " in done.stdout + done.stderr
    assert "Successfully loaded extension" not in done.stdout + done.stderr
