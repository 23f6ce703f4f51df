"""Review: the problems FSRS says are due, each with fresh numbers, one at a time.

The queue comes from ``ui.plain.review_queue``, the variant on screen from
``ui.practice_flow`` (stored with ``is_review=True``); after each answer the page says
when that problem comes back.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from ui import fresh_variant, practice_flow
from ui.learner import require_learner
from ui.local_time import browser_zone, learner_timezone
from ui.plain import navigation, review_queue
from ui.resources import catalog, store

DESK = practice_flow.Desk("review", is_review=True)

st.title("Review")
the_store = store()
the_catalog = catalog()
learner = require_learner()
practice_flow.for_learner(DESK, learner)
now = datetime.now(UTC)
queue = review_queue.queue(the_store, the_catalog, learner, now, learner_timezone())

counts = st.container()
if queue.missing:
    st.caption(f"{queue.missing} due problem(s) are no longer in the banks and are skipped.")

current = practice_flow.current_round(DESK)
if current is None and queue.due:
    first = queue.due[0].problem_id
    seed = fresh_variant.next_seed(DESK.name, the_store, learner, first)
    current = practice_flow.start_round(DESK, first, seed)

if current is None:
    due_col, today_col = counts.columns(2)
    due_col.metric("Due now", 0)
    today_col.metric("Due today", queue.today)
    if not queue.met_any:
        st.info(
            "Nothing to review yet. Reviews are the problems you have already practised, "
            "brought back just before you would forget them — practise a few first.",
            icon=":material/event_available:",
        )
        st.page_link(
            navigation.PRACTICE.path, label="Go to Practice", icon=navigation.PRACTICE.icon
        )
    else:
        st.success(
            review_queue.caught_up(queue.next_due, now, browser_zone()),
            icon=":material/event_available:",
        )
    st.stop()

after = practice_flow.show(DESK, learner, the_catalog, the_store)
# Counted after the answer on this run was stored, so the numbers include it.
shown = review_queue.queue(the_store, the_catalog, learner, zone=learner_timezone())
due_col, today_col = counts.columns(2)
due_col.metric("Due now", len(shown.due))
today_col.metric("Due today", shown.today)
st.divider()
finished = after is None or after.finished
label = "Next review" if finished else "Skip for now"
if st.button(label, key="review_next", icon=":material/skip_next:", type="secondary"):
    skipped = None if finished or after is None else after.problem_id
    remaining = [d for d in queue.due if d.problem_id not in (skipped, current.problem_id)]
    if remaining:
        chosen = remaining[0].problem_id
        seed = fresh_variant.next_seed(DESK.name, the_store, learner, chosen)
        practice_flow.start_round(DESK, chosen, seed)
    else:
        practice_flow.clear_round(DESK)
    st.rerun()
