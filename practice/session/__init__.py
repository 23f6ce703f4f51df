"""One learner's practice session, without Streamlit: what to practise next, the
bookkeeping of one attempt (hints, retries, time taken) and how to say when a problem
comes back.

The pages keep a ``Round`` in their session state and call these functions; every
decision here is a pure function so it is tested without a browser.
"""

from practice.session.attempt import Attempt, graded_attempt
from practice.session.by_mistake import mistake_index
from practice.session.recommend import (
    ProblemLike,
    TopicStanding,
    pick_problem,
    topic_standings,
    weakest_first,
)
from practice.session.reopen import Address, KeptRound, Reopen, reopen
from practice.session.rounds import (
    Round,
    is_token,
    new_round,
    submission_key,
    with_attempt,
    with_hint,
    with_solution_seen,
)
from practice.session.variety import fresh_variant_seed
from practice.session.wording import describe_due, describe_rating, due_today

__all__ = [
    "Address",
    "Attempt",
    "KeptRound",
    "ProblemLike",
    "Reopen",
    "Round",
    "TopicStanding",
    "describe_due",
    "describe_rating",
    "fresh_variant_seed",
    "due_today",
    "graded_attempt",
    "is_token",
    "mistake_index",
    "new_round",
    "pick_problem",
    "reopen",
    "submission_key",
    "topic_standings",
    "weakest_first",
    "with_attempt",
    "with_hint",
    "with_solution_seen",
]
