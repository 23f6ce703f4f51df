"""The seed of a new variant ("Next variant", a review, the next problem): new numbers
that are also a new question.

The learner's last few variants of the problem (the one on screen, those this session
moved on from, and those they answered, from the store) are compared by how they look
with the candidates a grading worker makes (``practice.session.fresh_variant_seed``).
Variants are made in a few milliseconds each; at most ``TRIES`` are looked at.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import streamlit as st

from practice import scheduling
from practice.session import fresh_variant_seed
from practice.workers import VariantView
from ui.resources import grading, tenant

if TYPE_CHECKING:
    from db import Learner, Store

FEW = 3  # how many of the latest variants a new one must differ from


def looks(problem_id: str, seed: int) -> Hashable | None:
    """What the learner sees of the variant at ``seed``: its prompt and its options as a
    set (the same options reshuffled are the same question); None when none is made."""
    found = grading().variant(problem_id, seed, tenant=tenant())
    if not isinstance(found, VariantView):
        return None
    return found.prompt, frozenset(text for _, text in found.choices)


def next_seed(
    desk_name: str, store: Store, learner: Learner, problem_id: str, shown: int | None = None
) -> int:
    """A seed for a new variant of ``problem_id``, moving on from seed ``shown`` (None:
    the problem is not on screen; a review or the next problem)."""
    left: dict[str, list[int]] = st.session_state.setdefault(
        f"{desk_name}_left_seeds_{learner.id}", {}
    )
    moved_on = left.setdefault(problem_id, [])
    try:
        answered = store.recent_seeds(learner.id, problem_id)
    except Exception:  # the store is down: this session's variants still count
        answered = []
    on_screen = [] if shown is None else [shown]
    recent = list(dict.fromkeys([*on_screen, *moved_on, *answered]))
    recent_looks = [look for seed in recent[:FEW] if (look := looks(problem_id, seed)) is not None]
    avoid = set(recent)
    seed = fresh_variant_seed(
        recent_looks,
        lambda: scheduling.fresh_seed(avoid),
        lambda candidate: looks(problem_id, candidate),
    )
    if shown is not None:
        moved_on.insert(0, shown)
        del moved_on[FEW:]
    return seed
