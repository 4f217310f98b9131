"""Course sessions: time zones, what is still upcoming on the build date, and iCalendar files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from clinicsite.content_types import ContentType
from clinicsite.errors import Problem, did_you_mean
from clinicsite.pages import Page
from clinicsite.site import Site

MODES = {"in-person": "Onsite", "online": "Online", "hybrid": "Blended"}


@dataclass(frozen=True, slots=True)
class Session:
    """One dated run of a course, with its times in the session's own time zone."""

    course: Page
    start: dt.datetime
    end: dt.datetime
    timezone: str
    location: Page | None
    seats: int | None
    mode: str

    def is_upcoming(self, today: dt.date) -> bool:
        """Still listed on `today`: it has not ended before that day began."""
        return self.end.date() >= today

    @property
    def uid_stamp(self) -> str:
        """A stable part of the iCalendar UID."""
        return self.start.strftime("%Y%m%dT%H%M")


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def sessions_of(site: Site, page: Page) -> list[Session]:
    """All valid sessions of a course, earliest first."""
    sessions = []
    for raw in page.meta.get("sessions") or []:
        zone = _zone(raw["timezone"])
        if zone is None or raw["end"] <= raw["start"]:
            continue
        location = site.by_key.get(f"locations/{raw['location']}") if raw.get("location") else None
        mode = raw.get("mode") or page.meta.get("format") or "in-person"
        sessions.append(Session(page, raw["start"].replace(tzinfo=zone),
                                raw["end"].replace(tzinfo=zone), raw["timezone"], location,
                                raw.get("seats"), mode))
    return sorted(sessions, key=lambda s: (s.start, s.course.key))


def upcoming_sessions(site: Site, today: dt.date) -> list[Session]:
    """Every course's upcoming sessions, in date order (the calendar page)."""
    found = [s for course in site.of_type(ContentType.COURSE) for s in sessions_of(site, course)
             if s.is_upcoming(today)]
    return sorted(found, key=lambda s: (s.start.astimezone(dt.UTC), s.course.key))


def check_sessions(site: Site) -> list[Problem]:
    """Unknown time zones, sessions that end before they start, and missing venues."""
    problems = []
    zones: set[str] | None = None
    for page in site.pages:
        for index, raw in enumerate(page.meta.get("sessions") or []):
            if _zone(raw["timezone"]) is None:
                zones = zones or available_timezones()
                problems.append(Problem(page.location("sessions", index, "timezone"),
                                        f"unknown time zone '{raw['timezone']}'"
                                        f"{did_you_mean(raw['timezone'], zones)}", "schema",
                                        hint="use an IANA name such as America/Los_Angeles"))
            if raw["end"] <= raw["start"]:
                problems.append(Problem(page.location("sessions", index, "end"),
                                        "the session ends before it starts", "schema"))
            location = raw.get("location")
            if location and f"locations/{location}" not in site.by_key:
                problems.append(Problem(page.location("sessions", index, "location"),
                                        f"no location page '{location}'", "reference",
                                        hint="use the file name of a page in content/locations/"))
    return problems


def course_ics(site: Site, page: Page, sessions: list[Session], stamp: dt.date) -> bytes:
    """An iCalendar file with one event per upcoming session, with VTIMEZONE definitions."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//clinicsite//course calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{page.title} – {site.config.name}")
    url = site.config.base_url + site.url(page).removeprefix(site.config.base_path)
    host = site.config.base_url.split("//", 1)[-1].split("/", 1)[0]
    for session in sessions:
        event = Event()
        event.add("uid", f"{page.slug}-{session.uid_stamp}@{host}")
        event.add("dtstamp", dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.UTC))
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
        event.add("summary", page.title)
        event.add("description", f"{page.meta.get('summary') or ''}\n{url}".strip())
        event.add("url", url)
        event.add("location", _place_text(session) if session.location else "Online")
        calendar.add_component(event)
    first = min((s.start.date() for s in sessions), default=stamp)
    last = max((s.end.date() for s in sessions), default=stamp)
    calendar.add_missing_timezones(first_date=first - dt.timedelta(days=366),
                                   last_date=last + dt.timedelta(days=366))
    return calendar.to_ical()


def _place_text(session: Session) -> str:
    assert session.location is not None
    address = session.location.meta["address"]
    parts = [session.location.title, address["street"], address["locality"],
             address.get("region"), address["postal_code"]]
    return ", ".join(p for p in parts if p)


def course_instance(site: Site, session: Session, absolute: Any) -> dict[str, Any]:
    """schema.org CourseInstance for one session."""
    node: dict[str, Any] = {
        "@type": "CourseInstance", "courseMode": MODES.get(session.mode, "Onsite"),
        "startDate": session.start.isoformat(), "endDate": session.end.isoformat(),
        "courseSchedule": {"@type": "Schedule", "startDate": session.start.date().isoformat(),
                           "endDate": session.end.date().isoformat(), "repeatFrequency": "P1D",
                           "repeatCount": (session.end.date() - session.start.date()).days + 1,
                           "scheduleTimezone": session.timezone},
    }
    if session.location is not None:
        address = session.location.meta["address"]
        node["location"] = {
            "@type": "Place", "name": session.location.title,
            "url": absolute(site.url(session.location)),
            "address": {"@type": "PostalAddress", "streetAddress": address["street"],
                        "addressLocality": address["locality"],
                        "postalCode": address["postal_code"],
                        "addressCountry": address["country"]}}
        if address.get("region"):
            node["location"]["address"]["addressRegion"] = address["region"]
    elif session.mode == "online":
        node["location"] = {"@type": "VirtualLocation",
                            "url": absolute(site.url(session.course))}
    instructors = site.linked(session.course, "instructors")
    if instructors:
        node["instructor"] = [{"@type": "Person", "name": p.title,
                               "url": absolute(site.url(p))} for p in instructors]
    return node
