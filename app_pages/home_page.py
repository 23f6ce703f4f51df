"""Welcome: what the app is for and where to start."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from practice import config
from ui import teaching
from ui.courses import show_courses
from ui.identity import current_person
from ui.learner import NO_CLASS_RECORD, SIDEBAR_HINT, current_learner
from ui.plain import navigation, review_queue
from ui.plain.text import escape_markdown
from ui.resources import store

st.title("∇ Gradient Practice")
learner = current_learner()
if learner is None:
    st.markdown(
        "Active-recall drills on **partial derivatives**, **gradients** and **gradient "
        "descent**. Every problem comes with fresh numbers each time, a grader that reads "
        "maths the way you write it (`2x`, `x^2`, `sin(x)`, `(3, -4)`) and names your "
        "mistake, and spaced repetition that brings problems back just before you forget."
    )
    if config.class_mode():
        st.info(NO_CLASS_RECORD, icon=":material/person:")
    else:
        st.info(
            f"Start by choosing or creating your learner profile in the sidebar. {SIDEBAR_HINT}",
            icon=":material/arrow_back:",
        )
else:
    try:
        now = datetime.now(UTC)
        due = store().due_problems(learner.id, now)
        met_any: bool | None = bool(
            due or store().due_problems(learner.id, now + review_queue.HORIZON, limit=1)
        )
    except Exception:  # the store went away mid-run: no suggestion beats a wrong one
        met_any = None
    # "back" only for a learner who has practised: every graded answer schedules a review
    greeting = "Welcome back" if met_any else "Welcome"
    st.markdown(f"{greeting}, **{escape_markdown(learner.name)}**.")
    if (person := current_person()) is not None:
        show_courses(person)
    if met_any is not None:
        sentence, target = review_queue.next_step(len(due), met_any)
        spec = navigation.page_by_name(target)
        with st.container(border=True):
            st.markdown(sentence)
            st.page_link(spec.path, label=f"Go to {spec.title}", icon=spec.icon)

st.markdown("#### Pages")
left, right = st.columns(2)
with left:
    st.page_link(
        navigation.PRACTICE.path,
        label="Practice — drill a topic at your level",
        icon=navigation.PRACTICE.icon,
    )
    st.page_link(
        navigation.REVIEW.path, label="Review — the problems due today", icon=navigation.REVIEW.icon
    )
    st.page_link(
        navigation.PROGRESS.path,
        label="Progress — your history and mastery",
        icon=navigation.PROGRESS.icon,
    )
with right:
    st.page_link(
        navigation.EXPLORE.path,
        label="Explore — surfaces, gradients, descent paths",
        icon=navigation.EXPLORE.icon,
    )
    if not config.class_mode() or teaching.courses_taught():  # class mode: instructors only
        st.page_link(
            navigation.INSTRUCTOR.path,
            label="Instructor — banks, previews, class stats",
            icon=navigation.INSTRUCTOR.icon,
        )
st.latex(r"w_{t+1} = w_t - \eta\,\nabla f(w_t)")
