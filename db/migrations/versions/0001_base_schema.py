"""Base schema: learners, attempts, FSRS review states and review logs.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_learners"),
        sa.UniqueConstraint("name_key", name="uq_learners_name_key"),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.String(120), nullable=False),
        sa.Column("topic", sa.String(80), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("read_as", sa.Text(), nullable=True),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("mistake", sa.String(64), nullable=True),
        sa.Column("hints_used", sa.SmallInteger(), nullable=False),
        sa.Column("attempt_number", sa.SmallInteger(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("is_review", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_attempts"),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name="fk_attempts_learner_id_learners",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "review_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.String(120), nullable=False),
        sa.Column("topic", sa.String(80), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("state", sa.SmallInteger(), nullable=False),
        sa.Column("step", sa.SmallInteger(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", UTC, nullable=False),
        sa.Column("last_review", UTC, nullable=True),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_review_states"),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name="fk_review_states_learner_id_learners",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "learner_id", "problem_id", name="uq_review_states_learner_id_problem_id"
        ),
    )
    op.create_index("ix_review_states_learner_due", "review_states", ["learner_id", "due"])
    op.create_table(
        "review_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_state_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("reviewed_at", UTC, nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_review_logs"),
        sa.ForeignKeyConstraint(
            ["review_state_id"],
            ["review_states.id"],
            name="fk_review_logs_review_state_id_review_states",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name="fk_review_logs_attempt_id_attempts",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("attempt_id", name="uq_review_logs_attempt_id"),
    )
    op.create_index("ix_review_logs_review_state_id", "review_logs", ["review_state_id"])


def downgrade() -> None:
    op.drop_table("review_logs")
    op.drop_table("review_states")
    op.drop_table("attempts")
    op.drop_table("learners")
