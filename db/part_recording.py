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
from db.records import RecordedAttempt, RecordedParts

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
