"""The Instructor page's gradebook: a table per student with a CSV download, and the
commonest mistakes per problem. Called from inside the page's statistics fragment,
after its role check; the rows come from ``db.gradebook`` and ``ui.plain.gradebook``."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import streamlit as st

from db import Store
from db.courses import Course
from practice.banks import Catalog
from practice.people import Role
from ui.plain.gradebook import Student, as_csv, mistake_rows, student_rows


def students(the_store: Store, course: Course | None) -> list[Student]:
    """The people the gradebook lists: a course's students, or every local profile."""
    if course is None:
        return [Student(learner.id, learner.name) for learner in the_store.learners()]
    return [
        Student(m.learner_id, m.name, m.email)
        for m in the_store.courses.members(course.id)
        if m.role is Role.STUDENT and m.learner_id is not None
    ]


def file_name(course: Course | None, today: datetime) -> str:
    label = "all-learners" if course is None else course.name
    slug = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-").lower() or "course"
    return f"gradebook-{slug}-{today:%Y-%m-%d}.csv"


def show_gradebook(
    the_store: Store, course: Course | None, learners: list[int] | None, banks: Catalog | None
) -> None:
    st.markdown("#### Students")
    listed = students(the_store, course)
    if learners is not None:  # class mode: only the rechecked course's students
        allowed = set(learners)
        listed = [s for s in listed if s.learner_id in allowed]
    if not listed:
        st.caption("No students yet.")
        return
    now = datetime.now(UTC)
    summaries = the_store.student_summaries([s.learner_id for s in listed], now)
    titles = {} if banks is None else {t: b.title for t, b in banks.topics.items()}
    rows = student_rows(listed, summaries, titles)
    st.dataframe(rows, hide_index=True, key="ins_gradebook")
    st.caption(
        "First-try accuracy counts only each student's first graded try at a variant; "
        "accuracy counts every try, retries included. Mastery per topic: the chance of "
        "solving its problems now, counted in full once reviews make it last."
    )
    st.download_button(
        "Download the gradebook (CSV)",
        as_csv(rows),
        file_name=file_name(course, now),
        mime="text/csv",
        icon=":material/download:",
        key="ins_gradebook_csv",
        on_click="ignore",
    )


def show_problem_mistakes(
    the_store: Store, learners: list[int] | None, banks: Catalog | None
) -> None:
    st.markdown("#### Commonest mistakes per problem")
    problems = the_store.mistakes_per_problem(learners)
    if not problems:
        st.caption("No typical mistake recognised yet.")
        return
    titles = {} if banks is None else {p: q.spec.title or "" for p, q in banks.problems.items()}
    st.dataframe(mistake_rows(problems, titles), hide_index=True, key="ins_problem_mistakes")
