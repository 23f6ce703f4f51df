"""Sentences about the schedule: when a problem comes back, what the rating meant."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from fsrs import Rating

RATING_REASONS = {
    Rating.Again: "not recalled yet",
    Rating.Hard: "recalled with effort (a hint, a retry or partial credit)",
    Rating.Good: "recalled",
    Rating.Easy: "recalled quickly",
}


def describe_due(due: datetime, now: datetime, zone: tzinfo | None = None) -> str:
    """ "in 10 minutes", "tomorrow at 09:30", "in 6 days (Sat 28 Nov)" — relative first,
    because "when do I see this again" is the question; the date is shown in ``zone``
    (the learner's, when known) and otherwise in UTC."""
    delta = due - now
    local_due = due.astimezone(zone) if zone else due
    local_now = now.astimezone(zone) if zone else now
    suffix = "" if zone else " UTC"
    if delta <= timedelta(seconds=59):
        return "now"
    if delta < timedelta(hours=1):
        minutes = round(delta.total_seconds() / 60)
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    days = (local_due.date() - local_now.date()).days
    clock = local_due.strftime("%H:%M") + suffix
    if days == 0:
        hours = round(delta.total_seconds() / 3600)
        return f"in {hours} hour{'s' if hours != 1 else ''} (today at {clock})"
    if days == 1:
        return f"tomorrow at {clock}"
    day = f"{local_due.strftime('%a')} {local_due.day} {local_due.strftime('%b')}"
    if days < 60:
        return f"in {days} days ({day})"
    return f"on {day} {local_due.year}"


SEEN_NOT_RECALLED = "the worked solution was open: seen, not recalled"


def describe_rating(rating: Rating, *, solution_seen: bool = False) -> str:
    """ "Good — recalled" for the FSRS rating an attempt was given; a right answer
    given after reading the worked solution is "Again", and says why."""
    if solution_seen and rating == Rating.Again:
        return f"{rating.name} — {SEEN_NOT_RECALLED}"
    return f"{rating.name} — {RATING_REASONS[rating]}"


def due_today(due_now: int, per_day: Sequence[tuple[date, int]], today: date) -> int:
    """Reviews due by the end of today: those due now plus those falling due later today
    (``per_day`` as ``Store.due_forecast`` gives it)."""
    later = sum(count for day, count in per_day if day == today)
    return due_now + later
