"""The code editor of a code problem, its tests, and what a run of them said.

The editor is a monospace ``st.text_area``, not a code-editor component. The
components on PyPI (streamlit-code-editor, streamlit-ace: both on Ace, last released
in 2024 and 2021) are not maintained alongside Streamlit; Ace keeps the Tab key inside
the editor, so a keyboard user cannot leave it; and a custom component cannot be
driven by ``AppTest``, so the page could not be tested without a browser. A text area
is keyboard usable (Tab moves on, so indent with spaces; Ctrl+Enter runs the tests),
and the code that was run is shown back with Python highlighting and line numbers,
which the error messages refer to.

The learner's code is kept across reloads: the Practice page keeps its round in the
address (``ui.practice_flow``), the text as last edited is kept in a per-process draft
store, and failing that, the code of their last run of this variant is read back from
the store.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

import streamlit as st

from practice.grading import GradeResult
from practice.limits import LIMITS
from practice.workers import VariantView
from ui import answer_box
from ui.plain.text import escape_markdown

KEPT_DRAFTS = 500  # edits kept in memory, most recent first (at most 64 KiB each)
EDITOR_CSS = """<style>
[class*="st-key-code-editor"] textarea {
  font-family: "Source Code Pro", ui-monospace, Menlo, Consolas, monospace;
  font-size: 0.9rem; line-height: 1.4; tab-size: 4;
}
</style>"""

Draft = tuple[int, str, int]  # learner id, problem id, seed


@st.cache_resource
def _drafts() -> tuple[OrderedDict[Draft, str], Lock]:
    return OrderedDict(), Lock()


def remember(key: Draft, text: str) -> None:
    drafts, lock = _drafts()
    with lock:
        drafts[key] = text
        drafts.move_to_end(key)
        while len(drafts) > KEPT_DRAFTS:
            drafts.popitem(last=False)


def recalled(key: Draft) -> str | None:
    drafts, lock = _drafts()
    with lock:
        return drafts.get(key)


def editor(
    desk: str, learner_id: int, variant: VariantView, last_run: Callable[[], str | None]
) -> str:
    """The editor, holding the learner's code for this variant: as they left it, else
    their last run of it, else the starter."""
    assert variant.code is not None
    key = answer_box.answer_key(desk, variant.problem_id, variant.seed)
    draft: Draft = (learner_id, variant.problem_id, variant.seed)
    if key not in st.session_state:
        st.session_state[key] = recalled(draft) or last_run() or variant.code.starter
    st.html(EDITOR_CSS)
    with st.container(key=f"code-editor-{desk}"):
        text = st.text_area(
            f"Your code — `{variant.code.signature}`",
            key=key,
            height=340,
            max_chars=LIMITS.sandbox.source_bytes,
            on_change=lambda: remember(draft, str(st.session_state.get(key, ""))),
            help="Python with numpy. Tab moves to the next control: indent with spaces. "
            "Ctrl+Enter runs the tests.",
        )
    _tests_listed(variant)
    return text or ""


def _tests_listed(variant: VariantView) -> None:
    assert variant.code is not None
    with st.expander(f"The {len(variant.code.tests)} tests", icon=":material/checklist:"):
        for test in variant.code.tests:
            call = f" — on {escape_markdown(test.description)}" if test.description else ""
            st.markdown(f"- **{escape_markdown(test.name)}**{call}")


def show_run(result: GradeResult, source: str) -> None:
    """Each test's verdict, what the code printed, and the code that ran."""
    for test in result.tests or ():
        icon = ":green[:material/check_circle:]" if test.passed else ":red[:material/cancel:]"
        st.markdown(f"{icon} **{escape_markdown(test.name)}** — {escape_markdown(test.message)}")
    if result.printed:
        st.caption("What your code printed:")
        st.code(result.printed, language=None)
    with st.expander("The code that ran", icon=":material/code:"):
        st.code(source, language="python", line_numbers=True)


def show_result(result: GradeResult, source: str) -> None:
    """The verdict of a run: not run at all, not loaded, or the share of tests passed."""
    if not result.graded:
        st.error(result.feedback, icon=":material/block:")
        return
    if result.error is not None:
        st.warning(
            f"**Not counted:** {escape_markdown(result.feedback)} Fix it and run the tests again.",
            icon=":material/help:",
        )
    elif result.correct:
        st.success(f"**Right.** {escape_markdown(result.feedback)}", icon=":material/check_circle:")
    else:
        passed = sum(test.passed for test in result.tests or ())
        st.warning(
            f"**{passed} of {len(result.tests or ())} tests pass — {result.score:.0%} credit.**",
            icon=":material/rule:",
        )
    show_run(result, source)
