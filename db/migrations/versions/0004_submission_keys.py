"""Each attempt may carry the key of its submission, unique, so a submission sent twice
(a tab that reconnects after the server went away) is stored once.

Older attempts have none (NULL, which a unique constraint lets repeat).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SQLite adds a unique constraint only by copying the table (batch mode; db.migrate
    # defers the foreign keys so the review logs pointing at attempts survive).
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("submission_key", sa.String(64), nullable=True))
        batch.create_unique_constraint("uq_attempts_submission_key", ["submission_key"])


def downgrade() -> None:
    with op.batch_alter_table("attempts") as batch:
        batch.drop_constraint("uq_attempts_submission_key", type_="unique")
        batch.drop_column("submission_key")
