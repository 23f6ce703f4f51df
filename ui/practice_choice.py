"""Choosing what to practise: the topic and level controls, deep links, and the pick.

"Recommended for me" ranks topics weakest first (``practice.session``) from the
learner's mastery and answers in the store; a chosen topic draws from that topic only.
A link such as ``?problem=gd-step-given-gradient&seed=3`` opens one variant directly
(the Instructor and Progress pages, and the tests, use it); ``?topic=gradient`` opens a
topic, and ``?mistake=descent-sign`` the problems that recognise that mistake (the
Progress page's "practise this mistake").
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from practice import config
from practice.limits import LIMITS
from practice.session import pick_problem, topic_standings, weakest_first
from practice.vocabulary import Level, mistake_name
from ui import fresh_variant, practice_flow, variant_names
from ui.plain.labels import LEVEL_NAMES
from ui.practice_flow import Desk
from ui.resources import grading

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from db import Learner, Store
    from practice.banks import Catalog, Problem
    from practice.session import Round

RECOMMENDED = "__recommended__"
MISTAKE_PREFIX = "mistake:"
TOPIC_KEY = "practice_topic"
LEVELS_KEY = "practice_levels"


@dataclass(frozen=True)
class Choice:
    """What the learner asked for: a topic (or the recommendation) and the levels."""

    topic: str
    levels: tuple[str, ...]

    @property
    def recommended(self) -> bool:
        return self.topic == RECOMMENDED

    @property
    def mistake(self) -> str | None:
        """The mistake tag when practising the problems that recognise one."""
        return (
            self.topic.removeprefix(MISTAKE_PREFIX)
            if self.topic.startswith(MISTAKE_PREFIX)
            else None
        )


@st.cache_resource(show_spinner="Finding the problems that practise this mistake…")
def _mistake_index(
    folders: tuple[str, ...], problems: int, _catalog: Catalog
) -> dict[str, tuple[str, ...]]:
    """Keyed by the bank folders and problem count, like the catalog it indexes; built
    in a grading worker (it makes one variant of every problem)."""
    return grading().mistakes_practised()


def mistakes(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Mistake tag -> ids of the problems that recognise it (built once, ~1 s)."""
    from practice.workers import TaskFailed

    folders = tuple(str(p) for p in config.bank_dirs())
    try:
        return _mistake_index(folders, len(catalog.problems), catalog)
    except TaskFailed:  # not cached: the next run tries again
        log.exception("the problems per mistake could not be found")
        return {}


def controls(catalog: Catalog) -> Choice:
    """The topic select box and the level pills, starting from ``?topic=`` or
    ``?mistake=`` if given."""
    topics = catalog.topics
    names = {RECOMMENDED: "Recommended for me (weakest topics first)"}
    wanted_mistake = st.query_params.get("mistake")
    if wanted_mistake and wanted_mistake in mistakes(catalog):
        names[MISTAKE_PREFIX + wanted_mistake] = (
            f"Problems that catch the mistake “{mistake_name(wanted_mistake)}”"
        )
    names.update({slug: bank.title for slug, bank in topics.items()})
    if TOPIC_KEY not in st.session_state:
        wanted = st.query_params.get("topic")
        linked = MISTAKE_PREFIX + wanted_mistake if wanted_mistake else None
        st.session_state[TOPIC_KEY] = next(
            (key for key in (linked, wanted) if key in names), RECOMMENDED
        )
    elif st.session_state[TOPIC_KEY] not in names:  # a link that no longer applies
        st.session_state[TOPIC_KEY] = RECOMMENDED
    left, right = st.columns([1, 1])
    topic = left.selectbox("Topic", list(names), format_func=names.__getitem__, key=TOPIC_KEY)
    levels = [str(level) for level in Level]  # plain text in the widget's state
    picked = right.pills(
        "Levels",
        levels,
        selection_mode="multi",
        default=levels,
        format_func=LEVEL_NAMES.__getitem__,
        key=LEVELS_KEY,
    )
    return Choice(topic or RECOMMENDED, tuple(picked) or tuple(levels))


def in_address(choice: Choice) -> None:
    """Keep ``?topic=`` (or ``?mistake=``) in step with the choice, so a reload or a new
    tab opens the same choice beside the open round (``ui.open_round``)."""
    if choice.mistake is not None:
        st.query_params["mistake"] = choice.mistake
        st.query_params.pop("topic", None)
        return
    st.query_params.pop("mistake", None)
    if choice.recommended:
        st.query_params.pop("topic", None)
    else:
        st.query_params["topic"] = choice.topic


def deep_link(catalog: Catalog) -> tuple[str, int] | None:
    """``(problem_id, seed)`` from ``?problem=…&seed=…`` when they name a real variant."""
    problem_id = st.query_params.get("problem")
    if not problem_id or problem_id not in catalog.problems:
        return None
    seed = variant_names.read(st.query_params.get("seed", ""))  # else a random one
    return problem_id, seed if seed is not None else random.randrange(LIMITS.seeds.practice)


def next_problem(
    catalog: Catalog, store: Store, learner: Learner, choice: Choice, avoid: str | None
) -> Problem | None:
    """The problem to practise next for ``choice``, or None when none matches."""
    problems = list(catalog.problems.values())
    if choice.mistake is not None:
        catching = set(mistakes(catalog).get(choice.mistake, ()))
        problems = [problem for problem in problems if problem.id in catching]
    elif not choice.recommended:
        return pick_problem(
            problems, topics=[choice.topic], levels=choice.levels, met=(), avoid=avoid
        )
    history = store.attempts(learner.id)
    mastery = {m.topic: m.mastery for m in store.mastery_by_topic(learner.id)}
    standings = topic_standings(
        list(catalog.topics), mastery, [(a.topic, a.correct) for a in history]
    )
    met = {a.problem_id for a in history}
    return pick_problem(
        problems, topics=weakest_first(standings), levels=choice.levels, met=met, avoid=avoid
    )


def start_next(
    desk: Desk,
    catalog: Catalog,
    store: Store,
    learner: Learner,
    choice: Choice,
    current: Round | None,
) -> None:
    """Put the next problem for ``choice`` on ``desk`` (another than the current one
    when there is another), or clear the desk when nothing matches."""
    avoid = current.problem_id if current else None
    problem = next_problem(catalog, store, learner, choice, avoid)
    if problem is None:
        practice_flow.clear_round(desk)
        return
    seed = fresh_variant.next_seed(desk.name, store, learner, problem.id)
    practice_flow.start_round(desk, problem.id, seed)
