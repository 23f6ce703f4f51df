"""Instructor: the banks and their errors, a preview of any problem at any seed, and
class statistics per problem.

Bank errors are the catalog's own ``BankIssue`` lines, printed as the CLI prints them;
"Validate deeply" runs the check behind ``python -m practice validate`` one problem at
a time with a progress bar (``ui.plain.bank_report``) in the grading workers, which
also make the previews (``ui.resources.grading``); the
statistics come from the store's classroom queries and ``ui.plain.class_charts``. The page
asks for ``PRACTICE_INSTRUCTOR_KEY`` first when it is set (``ui.instructor_gate``).
"""

from __future__ import annotations

import streamlit as st

from db import ProblemSummary, Store
from db.courses import Course
from practice.banks import BankIssue, Catalog, Problem
from practice.limits import LIMITS
from practice.variants.check import DEFAULT_VARIANTS
from practice.vocabulary import mistake_name, mistake_sentence
from practice.workers import MistakeView, VariantUnavailable, VariantView
from ui import chain_stats, class_stats, teaching, variant_names
from ui.instructor_gate import key_required, lock
from ui.plain import bank_report, class_charts, navigation
from ui.plain.bank_report import code_tests_markdown
from ui.resources import Unavailable, catalog, grading, reload_catalog, store, tenant

MAX_VARIANTS = 200
_DEEP_RESULT = "instructor_deep_result"


def show_banks(banks: Catalog) -> None:
    st.markdown(f"**{bank_report.summary_line(banks, len(banks.issues))}** (as loaded)")
    if banks.issues:
        count = len(banks.issues)
        st.error(
            f"{count} error{'s' if count != 1 else ''} in the banks: the lines below say "
            "where (`FILE:LINE: PROBLEM_ID: message`). Problems with errors are skipped; "
            "the rest load.",
            icon=":material/error:",
        )
        st.code("\n".join(bank_report.issue_lines(banks.issues)), language=None, wrap_lines=True)
    else:
        st.success("Every bank loaded without errors.", icon=":material/check_circle:")
    if st.button("Reload the banks", icon=":material/refresh:", help="After editing the YAML"):
        reload_catalog()
        st.session_state.pop(_DEEP_RESULT, None)
        st.rerun()
    st.markdown("#### Banks")
    st.dataframe(bank_report.bank_rows(banks), hide_index=True)
    st.markdown("#### Problems per kind and level")
    st.dataframe(bank_report.kind_level_counts(banks.problems.values()).rows(), hide_index=True)
    show_deep_check(banks)


def show_deep_check(banks: Catalog) -> None:
    st.markdown("#### Validate deeply")
    st.caption(
        "Generates variants of every problem and grades each reference answer against "
        "itself, as `python -m practice validate --variants N` does."
    )
    variants = st.columns(4)[0].number_input(
        "Variants per problem", 1, MAX_VARIANTS, DEFAULT_VARIANTS, key="ins_variants"
    )
    if st.button("Validate deeply", icon=":material/fact_check:", key="ins_validate"):
        bar = st.progress(0.0, text="Checking…")
        found = list(banks.issues)
        problems = list(banks.problems.values())
        for step in bank_report.deep_check(problems, int(variants), _checked_in_a_worker):
            found.extend(step.issues)
            bar.progress(step.done / step.total, text=f"{step.done}/{step.total} {step.problem_id}")
        bar.empty()
        st.session_state[_DEEP_RESULT] = (id(banks), int(variants), bank_report.issue_lines(found))
    result = st.session_state.get(_DEEP_RESULT)
    if result is None or result[0] != id(banks):  # not run yet, or for banks since reloaded
        return
    _, checked, lines = result
    if lines:
        st.error(
            f"{bank_report.summary_line(banks, len(lines))} ({checked} variants per problem)",
            icon=":material/error:",
        )
        st.code("\n".join(lines), language=None, wrap_lines=True)
    else:
        st.success(
            f"{bank_report.summary_line(banks, 0)} ({checked} variants per problem).",
            icon=":material/check_circle:",
        )


def _checked_in_a_worker(problem: Problem, variants: int) -> tuple[BankIssue, ...]:
    found = grading().check_problem(problem.id, variants, tenant=tenant())
    if isinstance(found, str):  # the worker gave no answer: say so at the problem's line
        return (BankIssue(problem.bank, problem.line, problem.id, f"the check stopped: {found}"),)
    return found


def _label(problem: Problem) -> str:
    title = f" — {problem.spec.title}" if problem.spec.title else ""
    return f"{problem.id}{title} ({problem.topic}, {problem.level}, {problem.kind})"


@st.fragment
def show_preview(banks: Catalog) -> None:
    """A fragment: choosing a problem or a seed reruns only the preview."""
    if not teaching.may_teach():  # a fragment reruns without the page's own check
        st.info(teaching.NOT_AN_INSTRUCTOR, icon=":material/lock:")
        return
    if not banks.problems:
        st.info("No problem loaded, so there is nothing to preview. Fix the errors above.")
        return
    left, right = st.columns([3, 1])
    problem_id = left.selectbox(
        "Problem",
        list(banks.problems),
        format_func=lambda pid: _label(banks.problems[pid]),
        key="ins_problem",
    )
    seed = right.number_input("Seed", 0, LIMITS.seeds.in_browser, 0, step=1, key="ins_seed")
    problem = banks.problems[problem_id]
    variant = grading().variant(problem_id, int(seed), tenant=tenant())
    if not isinstance(variant, VariantView):
        st.error(
            f"{problem.bank}:{problem.line}: {problem.id}: {variant.message}",
            icon=":material/error:",
        )
        return
    show_variant(variant, grading().mistakes(problem_id, int(seed), tenant=tenant()))
    if variant.seed <= LIMITS.seeds.practice:  # the Practice page's link takes these
        st.page_link(
            navigation.PRACTICE.path,
            label="Answer this variant on the Practice page",
            icon=navigation.PRACTICE.icon,
            query_params={"problem": variant.problem_id, "seed": variant_names.shown(variant.seed)},
        )
    else:  # say why the link is missing rather than leave it out silently
        st.caption(
            f"The Practice page opens seeds up to {LIMITS.seeds.practice:,}; choose a smaller seed "
            "to answer this variant there."
        )


def show_variant(
    variant: VariantView, mistakes: tuple[MistakeView, ...] | VariantUnavailable
) -> None:
    st.caption(
        f"`{variant.problem_id}` · seed {variant.seed} · {variant.kind} · level "
        f"{variant.level} · topic {variant.topic}"
    )
    with st.container(border=True):
        st.markdown(variant.prompt)
        feedback = dict(variant.choice_feedback)
        for label, text in variant.choices:
            st.markdown(f"**{label}.** {text}")
            if feedback.get(label):
                st.caption(f"Feedback for {label}: {feedback[label]}")
    st.markdown("**Answer**")
    st.code(variant.answer, language="python" if variant.code is not None else None)
    if variant.code is not None:
        st.markdown("**Tests** (the expected values never reach the learner's code)")
        st.markdown(code_tests_markdown(variant.code))
    if variant.answer_latex:
        st.latex(variant.answer_latex)
    if variant.variables:
        st.caption("Variables: " + ", ".join(variant.variables))
    st.markdown("**Hints**")
    for number, hint in enumerate(variant.hints, 1):
        st.markdown(f"{number}. {hint}")
    if not variant.hints:
        st.caption("No hints.")
    st.markdown("**Worked solution**")
    st.markdown(variant.solution)
    st.markdown("**Mistakes the grader recognises in this variant**")
    if isinstance(mistakes, VariantUnavailable):
        st.caption(f"Not available: {mistakes.message}")
        return
    if not mistakes:
        st.caption("None for this variant.")
    for candidate in mistakes:
        _show_mistake(candidate)


def _show_mistake(candidate: MistakeView) -> None:
    answer = f"${candidate.latex}$" if candidate.latex is not None else f"**{candidate.label}**"
    st.markdown(
        f"**{mistake_name(candidate.tag)}** (`{candidate.tag}`) — answers {answer}: "
        f"{candidate.message}"
    )


def _problem_title(banks: Catalog | None, problem_id: str) -> str:
    problem = banks.problems.get(problem_id) if banks is not None else None
    if problem is None:
        return "(not in the loaded banks)"
    return problem.spec.title or "(untitled)"


def _overview_rows(
    overview: list[ProblemSummary], banks: Catalog | None
) -> list[dict[str, object]]:
    return [
        {
            "problem": s.problem_id,
            "title": _problem_title(banks, s.problem_id),
            "attempts": s.attempts,
            "learners": s.learners,
            "accuracy (%)": round(100 * s.accuracy, 1),
            "first-try accuracy (%)": None
            if s.first_try_accuracy is None
            else round(100 * s.first_try_accuracy, 1),
            "mean seconds": None if s.mean_seconds is None else round(s.mean_seconds, 1),
        }
        for s in overview
    ]


def choose_course(taught: list[Course] | None) -> Course | None:
    """Class mode: the course whose statistics to show; local mode: None (everyone)."""
    if not taught:
        return None
    return st.selectbox(
        "Course",
        taught,
        format_func=lambda course: course.name,
        key="ins_course",
        help="Statistics count this course's students only.",
    )


@st.fragment
def show_class(banks: Catalog | None, taught: list[Course] | None) -> None:
    """A fragment: choosing a problem to inspect reruns only the statistics."""
    if not teaching.may_teach():  # a fragment reruns without the page's own check
        st.info(teaching.NOT_AN_INSTRUCTOR, icon=":material/lock:")
        return
    course = choose_course(taught)
    try:
        the_store = store()
        learners = teaching.course_learners(course)
        overview = the_store.problem_overview(learners)
        class_mistakes = the_store.class_mistakes(learners, limit=10)
    except Exception as exc:  # unreachable or failing store: the banks above still work
        message = str(exc) if isinstance(exc, Unavailable) else type(exc).__name__
        st.error(f"Class statistics are unavailable: {message}", icon=":material/cloud_off:")
        return
    if not overview:
        st.info(
            "No one has attempted anything yet. Statistics appear here as soon as learners "
            "answer problems on the Practice and Review pages.",
            icon=":material/groups:",
        )
        return
    st.dataframe(_overview_rows(overview, banks), hide_index=True)
    charts = st.columns(2, gap="medium")
    with charts[0]:
        shown = min(len(overview), class_charts.HARDEST_SHOWN)
        st.markdown(f"**Accuracy of the {shown} hardest problems**")
        st.plotly_chart(class_charts.accuracy_per_problem_figure(overview), key="ins_accuracy")
    with charts[1]:
        st.markdown("**Mistakes across the class**")
        if class_mistakes:
            st.plotly_chart(class_charts.mistake_tags_figure(class_mistakes), key="ins_mistakes")
        else:
            st.caption("No typical mistake recognised yet.")
    class_stats.show_gradebook(the_store, course, learners, banks)
    class_stats.show_problem_mistakes(the_store, learners, banks)
    chain_stats.show_class(the_store, learners)
    show_problem_detail(the_store, [s.problem_id for s in overview], banks, learners)


def show_problem_detail(
    the_store: Store, problem_ids: list[str], banks: Catalog | None, learners: list[int] | None
) -> None:
    st.markdown("#### One problem in detail")
    problem_id = st.selectbox(
        "Problem",
        problem_ids,
        format_func=lambda pid: f"{pid} — {_problem_title(banks, pid)}",
        key="ins_stats_problem",
    )
    stats = the_store.problem_statistics(problem_id, learners=learners)
    summary = stats.summary
    a, b, c, d = st.columns(4)
    a.metric("Attempts", summary.attempts)
    b.metric("Learners", summary.learners)
    c.metric("Accuracy", f"{100 * summary.accuracy:.0f}%")
    mean = summary.mean_seconds
    d.metric("Mean time", "—" if mean is None else f"{mean:.0f} s")  # "—": none was timed
    chain_stats.show_problem(the_store, problem_id, learners)
    st.markdown("**Commonest wrong answers**")
    if stats.wrong_answers:
        # learners' raw text goes in a table, never through Markdown
        st.dataframe(
            [
                {
                    "read as (LaTeX)": w.read_as or "(could not be read)",
                    "typed, e.g.": w.example,
                    "count": w.count,
                }
                for w in stats.wrong_answers
            ],
            hide_index=True,
        )
    else:
        st.caption("No wrong answers yet.")
    st.markdown("**Mistakes recognised**")
    for mistake in stats.mistakes:
        st.markdown(
            f"**{mistake_name(mistake.tag)}** (`{mistake.tag}`) × {mistake.count} — "
            f"{mistake_sentence(mistake.tag)}"
        )
    if not stats.mistakes:
        st.caption("No typical mistake recognised in this problem's answers.")


def show_instructor() -> None:
    st.title("Instructor")
    taught = teaching.require_teaching()
    st.caption(
        "The problem banks and their validation errors, a preview of any problem at any "
        "seed, and class statistics per problem."
    )
    try:
        banks: Catalog | None = catalog()
    except Unavailable as exc:
        st.error(str(exc), icon=":material/error:")
        banks = None
    banks_tab, preview_tab, class_tab = st.tabs(["Banks", "Preview", "Class statistics"])
    with banks_tab:
        if banks is not None:
            show_banks(banks)
    with preview_tab:
        if banks is not None:
            show_preview(banks)
    with class_tab:
        show_class(banks, taught)
    if key_required() and taught is None:
        st.button("Lock this page", icon=":material/lock:", on_click=lock, key="ins_lock")


show_instructor()
