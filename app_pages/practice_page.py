"""Practice: choose a topic and level (or the recommendation), answer, learn from the
feedback. Choosing lives in ``ui.practice_choice``, the variant on screen in
``ui.practice_flow``; this page only puts them in order."""

from __future__ import annotations

import streamlit as st

from ui import answer_box, fresh_variant, open_round, practice_choice, practice_flow
from ui.guard import guarded
from ui.learner import require_learner
from ui.resources import catalog, store

DESK = practice_flow.Desk("practice", in_address=True)
CHOICE_STATE = "practice_choice"


def next_variant(problem_id: str, shown: int) -> None:
    """ "Next variant": new numbers for the same problem."""
    fresh = fresh_variant.next_seed(DESK.name, the_store, learner, problem_id, shown)
    practice_flow.start_round(DESK, problem_id, fresh)


st.title("Practice")
the_store = store()
the_catalog = catalog()
learner = require_learner()
if not the_catalog.problems:
    st.error(
        "No problems could be loaded from the banks, so there is nothing to practise. "
        f"{len(the_catalog.issues)} problem(s) were found in the bank files; the Instructor "
        "page (or `python -m practice validate`) lists them.",
        icon=":material/error:",
    )
    st.stop()

practice_flow.for_learner(DESK, learner)
choice = practice_choice.controls(the_catalog)
current = practice_flow.current_round(DESK)
if current is None:  # a new session or another learner: their open round, or the link
    current = open_round.reopen_round(DESK, the_catalog, the_store, learner)
    if current is not None:
        st.session_state[CHOICE_STATE] = choice
if current is None or st.session_state.get(CHOICE_STATE) != choice:
    st.session_state[CHOICE_STATE] = choice
    practice_choice.in_address(choice)
    practice_choice.start_next(DESK, the_catalog, the_store, learner, choice, current)

if practice_flow.current_round(DESK) is None:
    st.info(
        "No problem matches this topic and these levels. Choose more levels or another topic.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

# typing reruns only the answer box: it keeps the typed text itself
answer_box.after_edit(DESK.name, lambda: open_round.keep(DESK, learner, the_store))
after = practice_flow.show(DESK, learner, the_catalog, the_store)
open_round.keep(DESK, learner, the_store)
st.divider()
same, other = st.columns(2)
# Both buttons act in their callbacks, before the next run draws: one run shows the new
# round (acting in the page and then calling st.rerun() drew the page twice).
if after is not None:
    same.button(
        "Next variant — new numbers",
        icon=":material/casino:",
        key="practice_next_variant",
        on_click=guarded(next_variant),
        args=(after.problem_id, after.seed),
    )
other.button(
    "Next problem",
    icon=":material/skip_next:",
    key="practice_next_problem",
    on_click=guarded(practice_choice.start_next),
    args=(
        DESK,
        the_catalog,
        the_store,
        learner,
        choice,
        after or practice_flow.current_round(DESK),
    ),
)
