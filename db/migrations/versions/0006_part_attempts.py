"""Problems in parts keep each part's answer as an attempt of its own.

An attempt at a part says which part it answers (``part``, from 1; NULL for a one-part
problem), whether it was right only given the learner's own earlier answers
(``follow_through``) and which earlier answers it was graded on (``given``: a JSON list
of [part, answer]). The whole problem stays one review card: only the attempt that
completes the chain carries a review log. The index serves the dashboards' "where in
a chain learners slip" (per-part accuracy of a problem).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("part", sa.SmallInteger(), nullable=True))
        batch.add_column(sa.Column("follow_through", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("given", sa.Text(), nullable=True))
    op.create_index("ix_attempts_problem_part", "attempts", ["problem_id", "part", "correct"])


def downgrade() -> None:
    op.drop_index("ix_attempts_problem_part", table_name="attempts")
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("given")
        batch.drop_column("follow_through")
        batch.drop_column("part")
