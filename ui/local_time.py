"""The learner's own clock: days (streaks, the calendar, "due today") end at their
midnight, not at UTC's, and due dates read in their time. The browser tells Streamlit
its timezone; without one (AppTest, an old browser, a name this machine's tz database
lacks) days are UTC days."""

from __future__ import annotations

from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

NAME_MAX = 64  # IANA names are short; the browser's header is not ours to trust


def zone_named(name: object) -> tzinfo | None:
    """The timezone called ``name``, or None when there is no such zone."""
    if not isinstance(name, str) or not name or len(name) > NAME_MAX:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def browser_zone() -> tzinfo | None:
    """The timezone of the browser this run serves, None when it is not known (so a
    caller can say "UTC" next to a time it shows)."""
    try:
        name = st.context.timezone
    except Exception:  # no browser behind this run (AppTest, an old client)
        return None
    return zone_named(name)


def learner_timezone() -> tzinfo:
    """The timezone whose calendar days count for this learner: the browser's, or UTC."""
    return browser_zone() or UTC
