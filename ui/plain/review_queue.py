"""The review queue as the Review page shows it: what is due, how many today, and
when the next one falls due when nothing is.

Only store calls and their arrangement; the FSRS rules stay in ``practice.scheduling``
and the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from practice.session import describe_due, due_today

if TYPE_CHECKING:
    from db import DueProblem, Learner, Store
    from practice.banks import Catalog

# Far enough ahead to find any scheduled review: FSRS's default maximum interval is
# 36500 days, and the store orders the queue by due date.
HORIZON = timedelta(days=36_600)


@dataclass(frozen=True)
class Queue:
    """The learner's reviews at one moment."""

    due: tuple[DueProblem, ...]  # due now and still in the banks, most overdue first
    missing: int  # due, but the problem is no longer in the banks
    today: int  # due by the end of the learner's today, those due now included
    next_due: datetime | None  # the earliest scheduled review, due or not
    met_any: bool  # has the learner met any problem at all?


def queue(
    store: Store,
    catalog: Catalog,
    learner: Learner,
    now: datetime | None = None,
    zone: tzinfo = UTC,
) -> Queue:
    """The queue at ``now``; "today" is the learner's day in ``zone``."""
    moment = now or datetime.now(UTC)
    due_now = store.due_problems(learner.id, moment)
    known = tuple(d for d in due_now if d.problem_id in catalog.problems)
    forecast = store.due_forecast(learner.id, moment, timezone=zone)
    earliest = store.due_problems(learner.id, moment + HORIZON, limit=1)
    return Queue(
        due=known,
        missing=len(due_now) - len(known),
        today=due_today(forecast.due_now, forecast.per_day, moment.astimezone(zone).date()),
        next_due=earliest[0].due if earliest else None,
        met_any=bool(earliest),
    )


def caught_up(next_due: datetime | None, now: datetime, zone: tzinfo | None = None) -> str:
    """What the Review page says when nothing is due now. A review falling due within
    the minute would read "due now" right under "nothing is due now", so it says
    "in under a minute" instead."""
    if next_due is None:
        return "All caught up — nothing is due now."
    if next_due - now < timedelta(minutes=1):
        when = "in under a minute: reload the page then"
    else:
        when = describe_due(next_due, now, zone)
    return f"All caught up — nothing is due now. Your next review is due **{when}**."


def next_step(due_now: int, met_any: bool) -> tuple[str, str]:
    """The Welcome page's one suggestion for a returning learner: ``(sentence, page)``
    with ``page`` ``"review"`` or ``"practice"``. Due reviews come first: they are the
    ones about to be forgotten."""
    if due_now:
        plural = "s" if due_now != 1 else ""
        return f"You have **{due_now} review{plural} due now**: start with those.", "review"
    if met_any:
        return "Nothing is due for review: practise something new.", "practice"
    return "Start with a few problems on the Practice page.", "practice"
