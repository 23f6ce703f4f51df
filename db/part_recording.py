"""The write path of a problem in parts: each part's answer an attempt, one card review.

A submission of parts (one part answered, or all of them at once) is stored in one
transaction: an attempt per part, each with its part number, follow-through flag and
the earlier answers it was graded on. When the submission completes the chain (every
part answered once), the problem's card is reviewed once, with the rating of the whole
chain (``practice.scheduling.rating_for_chain``), and the review log points at the
attempt that completed it.

Each attempt may carry a submission key: a part already stored under its key is not
stored again, and a review already logged for the completing attempt is not repeated,
so a submission sent twice (a reconnecting tab, a double click) counts once.
"""

from __future__ import annotations

from collections.abc import Sequence

from fsrs import Rating
from sqlalchemy import Connection, bindparam, insert, select

from db.bounds import CleanAttempt, UnknownLearner
from db.models import AttemptRow, LearnerRow, ReviewLogRow, ReviewStateRow
from db.recording import inserted_id, review_card
from db.records import RecordedAttempt, RecordedParts, RoundParts, StoredPart

_LEARNER_EXISTS = select(LearnerRow.id).where(LearnerRow.id == bindparam("learner"))
_ID_BY_KEY = select(AttemptRow.id).where(AttemptRow.submission_key == bindparam("key"))
_REVIEW_OF = (
    select(ReviewLogRow.review_state_id, ReviewLogRow.rating, ReviewStateRow.due)
    .join(ReviewStateRow, ReviewStateRow.id == ReviewLogRow.review_state_id)
    .where(ReviewLogRow.attempt_id == bindparam("attempt"))
)
_INSERT_ATTEMPT = insert(AttemptRow)


def record_parts(
    connection: Connection, cleans: Sequence[CleanAttempt], rating: Rating | None
) -> RecordedParts:
    """Store the parts' attempts; with a ``rating``, review the card against the last
    of them. Raises UnknownLearner."""
    if not cleans:
        raise ValueError("no part to store")
    learner_id = cleans[0].learner_id
    if connection.scalar(_LEARNER_EXISTS, {"learner": learner_id}) is None:
        raise UnknownLearner(f"no learner with id {learner_id}")
    ids = tuple(_stored_or_inserted(connection, clean) for clean in cleans)
    if rating is None:
        return RecordedParts(ids, None)
    last = ids[-1]
    logged = connection.execute(_REVIEW_OF, {"attempt": last}).one_or_none()
    if logged is not None:  # this submission was stored and rated before
        review = RecordedAttempt(last, logged.review_state_id, Rating(logged.rating), logged.due)
        return RecordedParts(ids, review)
    return RecordedParts(ids, review_card(connection, cleans[-1], rating, last))


def _stored_or_inserted(connection: Connection, clean: CleanAttempt) -> int:
    if clean.submission_key is not None:
        found = connection.scalar(_ID_BY_KEY, {"key": clean.submission_key})
        if found is not None:
            return int(found)
    return inserted_id(connection.execute(_INSERT_ATTEMPT, clean.row()))


_ROUND_PARTS = (
    select(
        AttemptRow.id,
        AttemptRow.part,
        AttemptRow.answer,
        AttemptRow.read_as,
        AttemptRow.correct,
        AttemptRow.score,
        AttemptRow.mistake,
        AttemptRow.follow_through,
        AttemptRow.hints_used,
    )
    .where(
        AttemptRow.learner_id == bindparam("learner"),
        AttemptRow.submission_key.like(bindparam("pattern")),
        AttemptRow.part.is_not(None),
    )
    .order_by(AttemptRow.id)
)
_ROUND_REVIEW = (
    select(ReviewLogRow.attempt_id, ReviewLogRow.review_state_id, ReviewLogRow.rating)
    .add_columns(ReviewStateRow.due)
    .join(ReviewStateRow, ReviewStateRow.id == ReviewLogRow.review_state_id)
    .where(ReviewLogRow.attempt_id.in_(bindparam("ids", expanding=True)))
)


def round_parts(connection: Connection, learner_id: int, round_token: str) -> RoundParts:
    """The parts one round stored (its submission keys start with the round's token),
    oldest first, and the chain's review if one of them completed it: what a reloaded
    page rebuilds the chain from."""
    if not round_token or not round_token.isalnum():
        return RoundParts((), None)
    rows = connection.execute(
        _ROUND_PARTS, {"learner": learner_id, "pattern": f"{round_token}:%"}
    ).all()
    parts = tuple(
        StoredPart(
            int(row.part),
            row.answer,
            row.read_as,
            bool(row.correct),
            float(row.score),
            row.mistake,
            bool(row.follow_through),
            int(row.hints_used),
        )
        for row in rows
    )
    review = None
    if rows:
        logged = connection.execute(_ROUND_REVIEW, {"ids": [row.id for row in rows]}).first()
        if logged is not None:
            review = RecordedAttempt(
                logged.attempt_id, logged.review_state_id, Rating(logged.rating), logged.due
            )
    return RoundParts(parts, review)
