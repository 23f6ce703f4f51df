"""The tables of the progress store, as SQLAlchemy 2 typed ORM classes.

The ORM classes stay inside ``db``: pages receive the frozen dataclasses of
``db.records`` instead, so a page can never lazily load or mutate a row behind the
store's back. Migrations in ``db/migrations`` are the source of truth for the schema
on disk; a test checks that these classes and the migrated schema agree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.types import UTCDateTime

# Bounds on what a learner controls; the store truncates or refuses beyond them.
NAME_MAX = 60
NAME_KEY_MAX = 200  # case folding can lengthen a name (ﬃ → ffi)
PROBLEM_ID_MAX = 120
TOPIC_MAX = 80
LEVEL_MAX = 8
KIND_MAX = 16
MISTAKE_MAX = 64
ANSWER_MAX = 2000
CODE_ANSWER_MAX = 65_536  # a code problem's file: the sandbox's own limit on a source
TESTS_MAX = 40  # test results kept per attempt
TEST_TEXT_MAX = 1000  # characters of a test's name or message
READ_AS_MAX = 4000
SUBMISSION_KEY_MAX = 64
GIVEN_MAX = 8  # earlier answers kept with a part's attempt (practice.banks MAX_PARTS)
ROUND_TOKEN_MAX = 16  # practice.session.Round.token: 16 hex digits

# Constraint names are fixed so migrations can refer to them on every dialect.
NAMING = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)


class Base(DeclarativeBase):
    metadata = NAMING


class LearnerRow(Base):
    """A learner. ``name_key`` (trimmed, case-folded) makes "Ana" and " ana " one person."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(NAME_KEY_MAX), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AttemptRow(Base):
    """One graded answer. ``day`` is the learner's calendar day at ``created_at`` (in the
    timezone the app recorded it with, UTC by default), kept as its own column so per-day
    dashboards group on an indexed value on every dialect."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    problem_id: Mapped[str] = mapped_column(String(PROBLEM_ID_MAX))
    topic: Mapped[str] = mapped_column(String(TOPIC_MAX))
    level: Mapped[str] = mapped_column(String(LEVEL_MAX))
    kind: Mapped[str] = mapped_column(String(KIND_MAX))
    seed: Mapped[int] = mapped_column(BigInteger)
    answer: Mapped[str] = mapped_column(Text)
    read_as: Mapped[str | None] = mapped_column(Text, nullable=True)
    correct: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[float] = mapped_column(Float)
    mistake: Mapped[str | None] = mapped_column(String(MISTAKE_MAX), nullable=True)
    hints_used: Mapped[int] = mapped_column(SmallInteger)
    attempt_number: Mapped[int] = mapped_column(SmallInteger)
    seconds: Mapped[float | None] = mapped_column(Float, nullable=True)  # None: not measured
    # Code problems: a JSON list of {"name", "passed", "message"}; NULL for other kinds.
    tests: Mapped[str | None] = mapped_column(Text, nullable=True)
    is_review: Mapped[bool] = mapped_column(Boolean)
    # A problem in parts: the part answered (from 1), whether it was right only given the
    # learner's own earlier answers, and those answers (JSON list of [part, answer]).
    # NULL for one-part problems. Only the attempt completing a chain has a review log.
    part: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    follow_through: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    given: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(Date)
    # "<round token>:<hash of the text>", made when the round was drawn and the text
    # checked: the same submission sent twice (a tab reconnecting after a crash) is one row.
    submission_key: Mapped[str | None] = mapped_column(
        String(SUBMISSION_KEY_MAX), nullable=True, unique=True
    )

    __table_args__ = (
        Index("ix_attempts_learner_day", "learner_id", "day"),
        Index("ix_attempts_learner_problem_created", "learner_id", "problem_id", "created_at"),
        Index("ix_attempts_problem_stats", "problem_id", "correct", "learner_id", "seconds"),
        Index("ix_attempts_learner_mistake", "learner_id", "mistake"),
        Index("ix_attempts_problem_part", "problem_id", "part", "correct"),
    )


class ReviewStateRow(Base):
    """The FSRS card of one learner × problem; its ``id`` is the fsrs ``card_id``.

    ``topic`` and ``level`` are copied from the latest attempt so mastery per topic and
    the due queue need no join over attempts.
    """

    __tablename__ = "review_states"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    problem_id: Mapped[str] = mapped_column(String(PROBLEM_ID_MAX))
    topic: Mapped[str] = mapped_column(String(TOPIC_MAX))
    level: Mapped[str] = mapped_column(String(LEVEL_MAX))
    state: Mapped[int] = mapped_column(SmallInteger)
    step: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reviews: Mapped[int] = mapped_column(Integer)
    lapses: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("learner_id", "problem_id"),
        Index("ix_review_states_learner_due", "learner_id", "due"),
    )


class ReviewLogRow(Base):
    """What fsrs did with one attempt: the rating and when; enough to re-optimise later."""

    __tablename__ = "review_logs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_state_id: Mapped[int] = mapped_column(
        ForeignKey("review_states.id", ondelete="CASCADE"), index=True
    )
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), unique=True
    )
    rating: Mapped[int] = mapped_column(SmallInteger)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)


# --- class mode: people, courses, memberships (migration 0008) ----------------------

ISSUER_MAX = 300
SUBJECT_MAX = 255
EMAIL_MAX = 254
COURSE_NAME_MAX = 120
JOIN_CODE_MAX = 16
ROLE_MAX = 16


class PersonRow(Base):
    """Someone who signed in with OpenID Connect: (issuer, subject) identifies them;
    name and email are the token's latest, labels only. Their practice record is an
    ordinary learner row (``learner_id``) whose ``name_key`` no typed name can have."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issuer: Mapped[str] = mapped_column(String(ISSUER_MAX))
    subject: Mapped[str] = mapped_column(String(SUBJECT_MAX))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    email: Mapped[str | None] = mapped_column(String(EMAIL_MAX), nullable=True)
    email_key: Mapped[str | None] = mapped_column(String(EMAIL_MAX), nullable=True, index=True)
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("issuer", "subject"),)


class CourseRow(Base):
    """A course: a name the operator chose and the join code students type."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(COURSE_NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(NAME_KEY_MAX), unique=True)
    join_code: Mapped[str] = mapped_column(String(JOIN_CODE_MAX), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MembershipRow(Base):
    """One person in one course, as ``student`` or ``instructor``."""

    __tablename__ = "memberships"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(ROLE_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("course_id", "person_id"),)


class InvitationRow(Base):
    """An instructor added by email before they ever signed in: the first sign-in with
    that email turns it into a membership."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    email_key: Mapped[str] = mapped_column(String(EMAIL_MAX), index=True)
    role: Mapped[str] = mapped_column(String(ROLE_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("course_id", "email_key"),)


class OpenRoundRow(Base):
    """The round a learner has open on the Practice page: the variant, what they typed,
    the hints opened, whether they read the worked solution, the attempts so far. One
    per learner, replaced as the round changes, so a reload, a new tab or a restarted
    server shows the same round (``practice.session.reopen``)."""

    __tablename__ = "open_rounds"

    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    problem_id: Mapped[str] = mapped_column(String(PROBLEM_ID_MAX))
    seed: Mapped[int] = mapped_column(BigInteger)
    token: Mapped[str] = mapped_column(String(ROUND_TOKEN_MAX))
    answer: Mapped[str] = mapped_column(Text)  # the text in the answer box, as typed
    hints_shown: Mapped[int] = mapped_column(SmallInteger)
    attempts: Mapped[int] = mapped_column(SmallInteger)
    finished: Mapped[bool] = mapped_column(Boolean)
    solution_seen: Mapped[bool] = mapped_column(Boolean)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when the variant was shown
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
