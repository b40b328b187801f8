"""A small iCalendar (RFC 5545) writer for the events feed. No Django, no third-party library.

What the RFC asks and this module does: lines end with CRLF; a content line longer than 75
octets is folded (CRLF followed by one space) without splitting a UTF-8 character; TEXT values
escape backslash, semicolon, comma and newlines; date-times are written in UTC with a ``Z``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

CRLF = "\r\n"
MAX_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime.datetime
    summary: str
    end: datetime.datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    last_modified: datetime.datetime | None = None


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def format_utc(moment: datetime.datetime) -> str:
    """A DATE-TIME in UTC form, e.g. ``20250905T013000Z`` (§3.3.5, form #2)."""
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be timezone-aware")
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Fold one content line into pieces of at most 75 octets (§3.1)."""
    pieces, current, size = [], [], 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
            limit = MAX_OCTETS - 1  # continuation lines start with a space
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def build_calendar(
    events: Iterable[Event],
    *,
    name: str,
    stamp: datetime.datetime,
    product: str = "-//Cong Truong//School events//VI",
) -> str:
    """A complete VCALENDAR with one VEVENT per event; ``stamp`` is the DTSTAMP of each."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{product}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _vevent(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _vevent(event: Event, stamp: datetime.datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{format_utc(stamp)}",
        f"DTSTART:{format_utc(event.start)}",
    ]
    if event.end and event.end > event.start:
        lines.append(f"DTEND:{format_utc(event.end)}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")  # a URI value: not escaped as TEXT (§3.3.13)
    if event.last_modified:
        lines.append(f"LAST-MODIFIED:{format_utc(event.last_modified)}")
    lines.append("END:VEVENT")
    return lines
