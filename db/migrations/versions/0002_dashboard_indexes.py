"""Indexes for the dashboard and the instructor page.

A learner's dashboard reads their attempts per day and their mistakes; the instructor
page reads every attempt at one problem; choosing a fresh seed reads a learner's recent
attempts at one problem. Each gets an index so it stays fast at 200,000 attempts
(figures in docs/storage.md).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_attempts_learner_day": ["learner_id", "day"],
    "ix_attempts_learner_problem_created": ["learner_id", "problem_id", "created_at"],
    "ix_attempts_problem_stats": ["problem_id", "correct", "learner_id", "seconds"],
    "ix_attempts_learner_mistake": ["learner_id", "mistake"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "attempts", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="attempts")
