"""Academy features: course pages, catalogue, calendar, .ics files and Course JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from tests.conftest import FIXTURES, CliRun


@pytest.fixture
def academy(tmp_path: Path) -> Path:
    target = tmp_path / "academy"
    shutil.copytree(FIXTURES / "sites" / "courses", target)
    return target


@pytest.fixture
def built(academy: Path, cli: Callable[..., CliRun]) -> Path:
    run = cli("build", "--site", academy, "--build-date", "2026-11-23")
    assert run.code == 0, run.err
    return academy / "output"


def soup(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path).read_text("utf-8"), "lxml")


def course_json_ld(output: Path, slug: str) -> dict:
    page = soup(output, f"courses/{slug}/index.html")
    return json.loads(page.find("script", type="application/ld+json").string)[0]["mainEntity"]


def test_course_page_lists_only_upcoming_sessions(built: Path) -> None:
    page = soup(built, "courses/tpi-fundamentals/index.html")
    rows = page.select("table.sessions tbody tr")
    assert [r.find("time")["datetime"] for r in rows] == [
        "2027-03-13T09:00:00-08:00", "2027-06-05T09:00:00-04:00"]
    assert "Sat 13 March 2027, 09:00–17:00 PST" in rows[0].get_text()
    assert page.find("a", href="/courses/tpi-fundamentals/tpi-fundamentals.ics") is not None
    assert page.find("a", class_="button")["href"].endswith("/enrol/tpi-fundamentals")


def test_course_with_only_past_sessions_says_so(built: Path) -> None:
    page = soup(built, "courses/ultrasound-guidance/index.html")
    assert page.find("table", class_="sessions") is None
    assert "No upcoming session is scheduled" in page.get_text()
    assert page.find("a", class_="button") is None


def test_a_later_build_date_drops_more_sessions(academy: Path, cli: Callable[..., CliRun]) -> None:
    assert cli("build", "--site", academy, "--build-date", "2027-04-01").code == 0
    page = soup(academy / "output", "courses/tpi-fundamentals/index.html")
    assert len(page.select("table.sessions tbody tr")) == 1


def test_a_session_is_listed_until_its_last_day(academy: Path, cli: Callable[..., CliRun]) -> None:
    assert cli("build", "--site", academy, "--build-date", "2027-06-06").code == 0
    page = soup(academy / "output", "courses/tpi-fundamentals/index.html")
    assert len(page.select("table.sessions tbody tr")) == 1
    assert cli("build", "--site", academy, "--build-date", "2027-06-07").code == 0
    page = soup(academy / "output", "courses/tpi-fundamentals/index.html")
    assert page.find("table", class_="sessions") is None


def test_catalogue_groups_by_topic_and_level(built: Path) -> None:
    page = soup(built, "courses/index.html")
    topics = [h2.get_text() for h2 in page.select("section.catalogue-topic > h2")]
    assert topics == ["Assessment", "Injection procedures"]
    injection = page.select("section.catalogue-topic")[1]
    assert [h3.get_text() for h3 in injection.find_all("h3")] == ["Introductory", "Advanced"]
    card = page.find("a", href="/courses/tpi-fundamentals/").find_parent("li")
    assert "Next: 13 March 2027" in card.get_text(" ", strip=True)
    card = page.find("a", href="/courses/ultrasound-guidance/").find_parent("li")
    assert "No upcoming session scheduled" in card.get_text()


def test_calendar_page_lists_upcoming_sessions_by_date(built: Path) -> None:
    page = soup(built, "courses/calendar/index.html")
    months = [h2.get_text() for h2 in page.select("main h2")]
    assert months == ["January 2027", "March 2027", "June 2027"]
    entries = [li.find("a").get_text() for li in page.select("ul.calendar li")]
    assert entries == ["Myofascial pain assessment", "Trigger point injection fundamentals",
                       "Trigger point injection fundamentals"]
    assert "Online" in page.select("ul.calendar li")[0].get_text()


def test_ics_parses_back_with_correct_times(built: Path) -> None:
    data = (built / "courses/tpi-fundamentals/tpi-fundamentals.ics").read_bytes()
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    first = events[0]
    start = first.decoded("dtstart")
    assert start == dt.datetime(2027, 3, 13, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert start.utcoffset() == dt.timedelta(hours=-8)
    assert first["dtstart"].params["TZID"] == "America/Los_Angeles"
    assert str(first["summary"]) == "Trigger point injection fundamentals"
    assert "Seattle skills lab, 100 Pine Street" in str(first["location"])
    assert str(first["uid"]) == "tpi-fundamentals-20270313T0900@academy.example.org"
    assert {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")} == {"America/Los_Angeles",
                                                                       "America/New_York"}
    assert events[1].decoded("dtend") - events[1].decoded("dtstart") == dt.timedelta(hours=28)


def test_ics_is_deterministic(academy: Path, cli: Callable[..., CliRun], tmp_path: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        cli("build", "--site", academy, "--build-date", "2026-11-23", "--output", tmp_path / name)
        outputs.append((tmp_path / name / "courses/tpi-fundamentals/tpi-fundamentals.ics")
                       .read_bytes())
    assert outputs[0] == outputs[1]


def test_course_json_ld_for_rich_results(built: Path) -> None:
    course = course_json_ld(built, "tpi-fundamentals")
    assert course["@type"] == "Course"
    assert course["provider"]["@type"] == "EducationalOrganization"
    assert course["provider"]["name"] == "Test Skills Academy"
    assert course["offers"] == [{"@type": "Offer", "category": "Paid", "price": 895,
                                 "priceCurrency": "USD",
                                 "url": "https://academy.example.org/enrol/tpi-fundamentals"}]
    assert course["educationalCredentialAwarded"]["name"] == "Certificate of attendance"
    instances = course["hasCourseInstance"]
    assert len(instances) == 2
    assert instances[0]["courseMode"] == "Onsite"
    assert instances[0]["startDate"] == "2027-03-13T09:00:00-08:00"
    assert instances[0]["location"]["address"]["addressLocality"] == "Seattle"
    assert instances[0]["instructor"][0]["name"] == "Dr. Priya Raman"
    assert instances[0]["courseSchedule"]["repeatCount"] == 1
    online = course_json_ld(built, "assessment-online")["hasCourseInstance"][0]
    assert online["courseMode"] == "Online" and online["location"]["@type"] == "VirtualLocation"


def test_instructor_pages_list_their_courses(built: Path) -> None:
    page = soup(built, "team/jo-lee/index.html")
    section = page.find(id="courses-title").find_parent("section")
    assert [a.get_text() for a in section.find_all("a")] == ["Myofascial pain assessment",
                                                            "Ultrasound guidance for injections"]


def test_bad_sessions_are_located_errors(academy: Path, cli: Callable[..., CliRun]) -> None:
    path = academy / "content/courses/assessment-online.md"
    text = path.read_text().replace("America/Chicago", "America/Chicgo")
    path.write_text(text.replace("mode: online}", "mode: online, location: nowhere}"))
    run = cli("build", "--site", academy, "--build-date", "2026-11-23")
    assert run.code == 1
    assert ("content/courses/assessment-online.md:9:54: error: unknown time zone "
            "'America/Chicgo' (did you mean 'America/Chicago'?)") in run.err
    assert "content/courses/assessment-online.md:9:94: error: no location page 'nowhere'" in run.err
