"""The write path of an attempt: the attempt, its FSRS card and its review log.

``record`` runs inside the caller's transaction (``db.engine.run_write``), so the three
writes land together or not at all. The statements are built once, with bound
parameters, rather than per call: building SQLAlchemy statements cost more than SQLite
took to run them (profiled at several times the execution time), and recording has a
5 ms budget.
"""

from __future__ import annotations

from fsrs import Card, Rating, State
from sqlalchemy import Connection, bindparam, insert, select, update

from db.bounds import CleanAttempt, UnknownLearner
from db.models import AttemptRow, LearnerRow, ReviewLogRow, ReviewStateRow
from db.records import RecordedAttempt
from practice import scheduling

_LEARNER_EXISTS = select(LearnerRow.id).where(LearnerRow.id == bindparam("learner"))
_INSERT_ATTEMPT = insert(AttemptRow)
_INSERT_LOG = insert(ReviewLogRow)
_INSERT_CARD = insert(ReviewStateRow)
_s = ReviewStateRow
_LOAD_CARD = (
    select(_s.id, _s.state, _s.step, _s.stability, _s.difficulty, _s.due, _s.last_review)
    .where(_s.learner_id == bindparam("learner"), _s.problem_id == bindparam("problem"))
    .with_for_update()
)
# UPDATE reserves the column names as its own parameter names, hence the "new_" prefix.
_UPDATE_CARD = (
    update(ReviewStateRow)
    .where(_s.id == bindparam("card"))
    .values(
        topic=bindparam("new_topic"),
        level=bindparam("new_level"),
        state=bindparam("new_state"),
        step=bindparam("new_step"),
        stability=bindparam("new_stability"),
        difficulty=bindparam("new_difficulty"),
        due=bindparam("new_due", type_=_s.due.type),
        last_review=bindparam("new_last_review", type_=_s.last_review.type),
        reviews=_s.reviews + 1,
        lapses=_s.lapses + bindparam("lapse"),
    )
)


_BY_KEY = (
    select(AttemptRow.id, ReviewLogRow.review_state_id, ReviewLogRow.rating, ReviewStateRow.due)
    .join(ReviewLogRow, ReviewLogRow.attempt_id == AttemptRow.id)
    .join(ReviewStateRow, ReviewStateRow.id == ReviewLogRow.review_state_id)
    .where(AttemptRow.submission_key == bindparam("key"))
)


def record(connection: Connection, clean: CleanAttempt, rating: Rating) -> RecordedAttempt:
    """Store the attempt and review its card with ``rating``; raises UnknownLearner.

    An attempt whose submission key is already stored is not stored again: the stored
    one is returned, so a submission sent twice counts once. (On PostgreSQL two
    sessions racing with one key meet the unique constraint; ``run_write`` retries and
    the retry finds the row the other stored.)"""
    if connection.scalar(_LEARNER_EXISTS, {"learner": clean.learner_id}) is None:
        raise UnknownLearner(f"no learner with id {clean.learner_id}")
    if clean.submission_key is not None:
        stored = connection.execute(_BY_KEY, {"key": clean.submission_key}).one_or_none()
        if stored is not None:
            return RecordedAttempt(
                stored.id, stored.review_state_id, Rating(stored.rating), stored.due
            )
    attempt_id = inserted_id(connection.execute(_INSERT_ATTEMPT, clean.row()))
    return review_card(connection, clean, rating, attempt_id)


def review_card(
    connection: Connection, clean: CleanAttempt, rating: Rating, attempt_id: int
) -> RecordedAttempt:
    """Review the learner's card for the attempt's problem with ``rating`` and log it
    against the stored attempt ``attempt_id`` (in the caller's transaction)."""
    before = _load_or_create_card(connection, clean)
    after, log = scheduling.review(before, rating, clean.created_at, seconds=clean.attempt.seconds)
    connection.execute(
        _UPDATE_CARD,
        {
            "card": after.card_id,
            "new_topic": clean.attempt.topic,
            "new_level": clean.attempt.level,
            "new_state": after.state.value,
            "new_step": after.step,
            "new_stability": after.stability,
            "new_difficulty": after.difficulty,
            "new_due": after.due,
            "new_last_review": after.last_review,
            "lapse": 1 if _is_lapse(before, rating) else 0,
        },
    )
    connection.execute(
        _INSERT_LOG,
        {
            "review_state_id": log.card_id,
            "attempt_id": attempt_id,
            "rating": log.rating.value,
            "reviewed_at": log.review_datetime,
            "duration_ms": log.review_duration,
        },
    )
    return RecordedAttempt(attempt_id, after.card_id, log.rating, after.due)


def _load_or_create_card(connection: Connection, clean: CleanAttempt) -> Card:
    """The learner's card for this problem (row-locked on PostgreSQL), or a new one:
    each problem a learner meets becomes a card whose fsrs id is the row id."""
    row = connection.execute(
        _LOAD_CARD, {"learner": clean.learner_id, "problem": clean.attempt.problem_id}
    ).one_or_none()
    if row is not None:
        return Card(
            card_id=row.id,
            state=State(row.state),
            step=row.step,
            stability=row.stability,
            difficulty=row.difficulty,
            due=row.due,
            last_review=row.last_review,
        )
    created = connection.execute(
        _INSERT_CARD,
        {
            "learner_id": clean.learner_id,
            "problem_id": clean.attempt.problem_id,
            "topic": clean.attempt.topic,
            "level": clean.attempt.level,
            "state": State.Learning.value,
            "step": 0,
            "due": clean.created_at,
            "reviews": 0,
            "lapses": 0,
        },
    )
    return scheduling.new_card(inserted_id(created), clean.created_at)


def inserted_id(result: object) -> int:
    key = getattr(result, "inserted_primary_key", None)
    if not key or key[0] is None:
        raise RuntimeError("the database did not report the new row's id")
    return int(key[0])


def _is_lapse(before: Card, rating: Rating) -> bool:
    """FSRS counts a lapse when a card in long-term review is forgotten."""
    return before.state == State.Review and rating == Rating.Again
