"""What a round already stored, found by its token: for a tab that reconnects after the
server went away between storing an answer and showing the verdict.

A submission key is ``<round token>:<hash of the text>`` (``practice.session``), so the
attempts of one round are the keys that start with its token.
"""

from __future__ import annotations

from fsrs import Rating
from sqlalchemy import Engine, func, select

from db.models import AttemptRow, ReviewLogRow, ReviewStateRow
from db.records import RecordedAttempt, RoundSubmissions


def round_submissions(engine: Engine, learner_id: int, round_token: str) -> RoundSubmissions | None:
    if not round_token or not round_token.isalnum():
        return None
    of_round = (
        AttemptRow.learner_id == learner_id,
        AttemptRow.submission_key.like(f"{round_token}:%"),
    )
    last = (
        select(
            AttemptRow.id,
            AttemptRow.answer,
            AttemptRow.correct,
            AttemptRow.score,
            AttemptRow.mistake,
            AttemptRow.read_as,
            ReviewLogRow.review_state_id,
            ReviewLogRow.rating,
            ReviewStateRow.due,
        )
        .join(ReviewLogRow, ReviewLogRow.attempt_id == AttemptRow.id)
        .join(ReviewStateRow, ReviewStateRow.id == ReviewLogRow.review_state_id)
        .where(*of_round)
        .order_by(AttemptRow.id.desc())
        .limit(1)
    )
    with engine.connect() as connection:
        row = connection.execute(last).one_or_none()
        if row is None:
            return None
        count = connection.scalar(select(func.count()).select_from(AttemptRow).where(*of_round))
    recorded = RecordedAttempt(row.id, row.review_state_id, Rating(row.rating), row.due)
    return RoundSubmissions(
        int(count or 0),
        row.answer,
        bool(row.correct),
        float(row.score),
        row.mistake,
        row.read_as,
        recorded,
    )
