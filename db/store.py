"""The progress store: learners, attempts and their FSRS schedules.

``Store`` is the one object the app and the CLI hold. Writes go through
``run_write`` (one transaction, retried when the database is busy); reads are plain
queries. Dashboard and instructor queries live in ``db.dashboard`` and
``db.classroom`` as functions of an engine; the methods here only forward to them so a
page needs a single handle.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, tzinfo

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from db import bounds, chains, classroom, dashboard, gradebook, open_rounds, submissions
from db.bounds import InvalidInput, UnknownLearner
from db.courses import PERSON_KEY_PREFIX, Courses
from db.deferred import DeferredWrites
from db.engine import run_write
from db.faults import log_fault
from db.gradebook import ProblemMistakes, StudentSummary
from db.models import AttemptRow, LearnerRow, ReviewStateRow
from db.part_recording import record_parts, round_parts
from db.recording import record
from db.records import (
    AccuracyPoint,
    ActivityDay,
    DueForecast,
    DueProblem,
    Learner,
    LevelMastery,
    MistakeCount,
    OpenRound,
    PartAccuracy,
    ProblemStats,
    ProblemSummary,
    RecordedAttempt,
    RecordedParts,
    RoundParts,
    RoundSubmissions,
    StoredAttempt,
    TopicMastery,
    TopicMistake,
)
from practice import scheduling
from practice.session.attempt import Attempt
from practice.session.chain import PartStanding

RECENT_SEEDS = 20
# How long an edit of the typed text waits for the next before it is written: a reload
# sooner than this in another process (a replica after failover) may miss the last edit.
ROUND_TEXT_DELAY = 2.0
_LEARNERS_STAMP = select(func.count(LearnerRow.id), func.max(LearnerRow.id))
_LOCAL_PROFILES = (
    select(LearnerRow.id, LearnerRow.name, LearnerRow.created_at)
    .where(~LearnerRow.name_key.startswith(PERSON_KEY_PREFIX, autoescape=True))
    .order_by(LearnerRow.name_key)
)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """Read and write a learner's progress; every result is a frozen dataclass."""

    def __init__(self, engine: Engine, *, round_text_delay: float = ROUND_TEXT_DELAY) -> None:
        self.engine = engine
        self.courses = Courses(engine)  # class mode: people, courses, memberships
        self._deferred = DeferredWrites(round_text_delay)
        self._listed: tuple[tuple[object, ...], tuple[Learner, ...]] | None = None

    def close(self) -> None:
        self._deferred.flush()
        self.engine.dispose()

    # --- learners -------------------------------------------------------------------

    def learner(self, name: str) -> Learner:
        """The learner called ``name``, created on first use. Raises InvalidInput."""
        wanted = bounds.learner_name(name)
        found = self.find_learner(name)
        if found is not None:
            return found
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    insert(LearnerRow).values(
                        name=wanted.display, name_key=wanted.key, created_at=utc_now()
                    )
                )
        except IntegrityError:
            pass  # another session created the same learner a moment ago
        found = self.find_learner(name)
        if found is None:
            raise AssertionError(f"learner {wanted.display!r} vanished after creation")
        return found

    def find_learner(self, name: str) -> Learner | None:
        """The learner called ``name`` (case and spacing ignored), or None."""
        try:
            key = bounds.learner_name(name).key
        except bounds.InvalidInput:
            return None
        query = select(LearnerRow.id, LearnerRow.name, LearnerRow.created_at).where(
            LearnerRow.name_key == key
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).one_or_none()
        return None if row is None else Learner(row.id, row.name, row.created_at)

    def learners(self) -> list[Learner]:
        """The local profiles, by name; class mode's signed-in people are not among them.

        The sidebar asks on every full run of every page; with thousands of profiles
        reading them all was most of a run (docs/capacity.md). Profiles are only ever
        added (none is renamed or deleted), so the list is read again only when the
        number of learners or the newest id has changed, which one aggregate tells."""
        with self.engine.connect() as connection:
            stamp = tuple(connection.execute(_LEARNERS_STAMP).one())
            listed = self._listed
            if listed is not None and listed[0] == stamp:
                return list(listed[1])
            rows = connection.execute(_LOCAL_PROFILES)
            found = tuple(Learner(r.id, r.name, r.created_at) for r in rows)
        self._listed = (stamp, found)
        return list(found)

    # --- attempts and scheduling ----------------------------------------------------

    def record_attempt(
        self,
        learner_id: int,
        attempt: Attempt,
        *,
        when: datetime | None = None,
        timezone: tzinfo = UTC,
        submission_key: str | None = None,
    ) -> RecordedAttempt:
        """Store one graded attempt and review its FSRS card, in one transaction.

        With a ``submission_key`` (``practice.session.submission_key``), storing the
        same key again stores nothing and returns what the first call stored.

        The rating comes from ``practice.scheduling.rating_for``. ``timezone`` is the
        learner's: the attempt counts on their calendar day (streaks, the calendar).
        Raises InvalidInput for values the store will not keep, UnknownLearner for a
        missing learner, ``StoreFault`` (read-only, full, unreachable) when the database
        would not keep it even on a fresh connection; the details go to the log.
        """
        moment = scheduling.as_utc(when or utc_now())
        clean = bounds.clean_attempt(learner_id, attempt, moment, timezone, submission_key)
        rating = scheduling.rating_for(clean.attempt)
        try:
            return run_write(self.engine, lambda connection: record(connection, clean, rating))
        except (UnknownLearner, InvalidInput):
            raise
        except SQLAlchemyError as error:
            raise log_fault(self.engine, error, "storing an attempt") from error

    def record_parts(
        self,
        learner_id: int,
        attempts: Sequence[Attempt],
        *,
        keys: Sequence[str | None] | None = None,
        standings: Sequence[PartStanding] | None = None,
        when: datetime | None = None,
        timezone: tzinfo = UTC,
    ) -> RecordedParts:
        """Store the attempts at parts of one problem in parts (each with ``part`` set),
        in one transaction; ``keys`` are their submission keys, in order.

        ``standings`` (how each part of the chain stands after these attempts) are given
        when the attempts complete the chain: the problem's card is then reviewed once,
        rated by ``practice.scheduling.rating_for_chain`` over the standings, with the
        level and the time of the last attempt. Raises like ``record_attempt``."""
        if not attempts:
            raise InvalidInput("no part to store")
        if any(attempt.part is None for attempt in attempts):
            raise InvalidInput("an attempt at a part says which part it answers")
        moment = scheduling.as_utc(when or utc_now())
        given_keys = list(keys) if keys is not None else [None] * len(attempts)
        if len(given_keys) != len(attempts):
            raise InvalidInput("one submission key per part")
        cleans = [
            bounds.clean_attempt(learner_id, attempt, moment, timezone, key)
            for attempt, key in zip(attempts, given_keys, strict=True)
        ]
        last = cleans[-1].attempt
        rating = (
            None
            if standings is None
            else scheduling.rating_for_chain(standings, last.level, last.seconds)
        )
        try:
            return run_write(
                self.engine, lambda connection: record_parts(connection, cleans, rating)
            )
        except (UnknownLearner, InvalidInput):
            raise
        except SQLAlchemyError as error:
            raise log_fault(self.engine, error, "storing an attempt") from error

    def round_parts(self, learner_id: int, round_token: str) -> RoundParts:
        """What one round of a problem in parts stored (each part's answers, oldest first,
        and the chain's review): a reloaded page rebuilds the chain from it."""
        with self.engine.connect() as connection:
            return round_parts(connection, learner_id, round_token)

    def round_submissions(self, learner_id: int, round_token: str) -> RoundSubmissions | None:
        """What was stored from one round (``practice.session.Round.token``): how many
        attempts and the last one, or None. A tab that reconnects after the server went
        away shows this verdict instead of offering the check again."""
        return submissions.round_submissions(self.engine, learner_id, round_token)

    def keep_open_round(
        self, learner_id: int, kept: OpenRound, *, when: datetime | None = None, soon: bool = False
    ) -> None:
        """Keep ``kept`` as the learner's open Practice round, replacing the previous
        one: a reload, a new tab or a restarted server shows it again. Raises
        InvalidInput, UnknownLearner, or ``StoreFault`` when the database fails.

        ``soon`` (an edit of the typed text) lets the write wait a moment for the next
        edit (``db.deferred``); it is then checked at once but written, or its failure
        logged, by a background thread. Reading the round here always sees it."""
        moment = scheduling.as_utc(when or utc_now())
        open_rounds.clean(kept, moment)  # refuse bad input now, not in the thread
        if soon:
            self._deferred.later(learner_id, lambda: self._save_round(learner_id, kept, moment))
        else:
            self._deferred.now(learner_id, lambda: self._save_round(learner_id, kept, moment))

    def _save_round(self, learner_id: int, kept: OpenRound, moment: datetime) -> None:
        try:
            open_rounds.save(self.engine, learner_id, kept, moment)
        except (UnknownLearner, InvalidInput):
            raise
        except SQLAlchemyError as error:
            raise log_fault(self.engine, error, "keeping the open round") from error

    def open_round(self, learner_id: int) -> OpenRound | None:
        """The learner's open Practice round, or None."""
        self._deferred.flush(learner_id)
        return open_rounds.load(self.engine, learner_id)

    def forget_open_round(self, learner_id: int) -> None:
        """The learner has no open round any more (nothing matches their choice)."""
        self._deferred.now(learner_id, lambda: open_rounds.forget(self.engine, learner_id))

    def recent_seeds(
        self, learner_id: int, problem_id: str, limit: int = RECENT_SEEDS
    ) -> list[int]:
        """The seeds of the learner's latest attempts at one problem, newest first."""
        query = (
            select(AttemptRow.seed)
            .where(AttemptRow.learner_id == learner_id, AttemptRow.problem_id == problem_id)
            .order_by(AttemptRow.created_at.desc())
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return list(connection.scalars(query))

    def fresh_seed(self, learner_id: int, problem_id: str) -> int:
        """A seed for a review variant, different from the learner's recent ones."""
        return scheduling.fresh_seed(set(self.recent_seeds(learner_id, problem_id)))

    def due_problems(
        self, learner_id: int, now: datetime | None = None, limit: int = 50
    ) -> list[DueProblem]:
        """Problems whose review is due at ``now``, most overdue first."""
        moment = scheduling.as_utc(now or utc_now())
        state = ReviewStateRow
        query = (
            select(
                state.problem_id, state.topic, state.level, state.due, state.reviews, state.lapses
            )
            .where(state.learner_id == learner_id, state.due <= moment)
            .order_by(state.due)
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return [DueProblem(*row) for row in connection.execute(query)]

    def attempts(self, learner_id: int) -> list[StoredAttempt]:
        """Every attempt of a learner, oldest first (what ``export`` prints)."""
        return dashboard.attempts(self.engine, learner_id)

    def last_answer(self, learner_id: int, problem_id: str, seed: int) -> str | None:
        """What the learner last submitted for this variant (a code problem's file, so
        a reloaded page gives them their code back), or None."""
        return dashboard.last_answer(self.engine, learner_id, problem_id, seed)

    # --- dashboard (forwarded to db.dashboard) --------------------------------------

    def due_forecast(
        self,
        learner_id: int,
        now: datetime | None = None,
        days: int = 14,
        timezone: tzinfo = UTC,
    ) -> DueForecast:
        return dashboard.due_forecast(self.engine, learner_id, now or utc_now(), days, timezone)

    def accuracy_over_time(self, learner_id: int) -> list[AccuracyPoint]:
        return dashboard.accuracy_over_time(self.engine, learner_id)

    def activity_per_day(self, learner_id: int, since: date | None = None) -> list[ActivityDay]:
        return dashboard.activity_per_day(self.engine, learner_id, since)

    def mastery_by_topic(self, learner_id: int, now: datetime | None = None) -> list[TopicMastery]:
        return dashboard.mastery_by_topic(self.engine, learner_id, now or utc_now())

    def mastery_by_level(self, learner_id: int, now: datetime | None = None) -> list[LevelMastery]:
        return dashboard.mastery_by_level(self.engine, learner_id, now or utc_now())

    def top_mistakes(self, learner_id: int | None = None, limit: int = 5) -> list[MistakeCount]:
        return dashboard.top_mistakes(self.engine, learner_id, limit)

    def mistakes_by_topic(self, learner_id: int, limit: int = 5) -> list[TopicMistake]:
        return dashboard.mistakes_by_topic(self.engine, learner_id, limit)

    def streak(self, learner_id: int, today: date | None = None) -> int:
        return dashboard.streak(self.engine, learner_id, today or utc_now().date())

    # --- instructors (forwarded to db.classroom) ------------------------------------

    # ``learners``: whose attempts count (class mode: a course's students); None: all.

    def problem_overview(self, learners: Collection[int] | None = None) -> list[ProblemSummary]:
        return classroom.problem_overview(self.engine, learners)

    def problem_statistics(
        self, problem_id: str, limit: int = 5, learners: Collection[int] | None = None
    ) -> ProblemStats:
        return classroom.problem_statistics(self.engine, problem_id, limit, learners)

    def student_summaries(
        self, learners: Collection[int], now: datetime | None = None
    ) -> dict[int, StudentSummary]:
        return gradebook.student_summaries(self.engine, learners, now or utc_now())

    def mistakes_per_problem(
        self, learners: Collection[int] | None, per_problem: int = 3
    ) -> list[ProblemMistakes]:
        return gradebook.mistakes_per_problem(self.engine, learners, per_problem)

    def class_mistakes(
        self, learners: Collection[int] | None, limit: int = 10
    ) -> list[MistakeCount]:
        return classroom.class_mistakes(self.engine, learners, limit)

    def part_accuracy(
        self,
        learner_id: int | None = None,
        problem_id: str | None = None,
        learners: Collection[int] | None = None,
    ) -> list[PartAccuracy]:
        """First tries per part of the problems in parts, of one learner, of ``learners``
        (class mode: a course's students) or of everyone: where in a chain learners slip
        (``db.chains``)."""
        return chains.part_accuracy(self.engine, learner_id, problem_id, learners)
