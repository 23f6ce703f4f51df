"""An attempt's unknown duration is NULL, not 0 seconds.

The store used to keep an attempt nobody timed with ``seconds = 0``, so the class
statistics averaged it as an instant answer. The review log of each attempt tells the
two apart: fsrs's ``duration_ms`` is NULL exactly when the duration was not known. The
downgrade writes 0 again, as the older code expects.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SQLite cannot drop NOT NULL in place: batch mode copies the table (db.migrate runs
    # it with the foreign keys deferred, so the review logs pointing at it survive).
    with op.batch_alter_table("attempts") as batch:
        batch.alter_column("seconds", existing_type=sa.Float(), nullable=True)
    op.execute(
        "UPDATE attempts SET seconds = NULL WHERE seconds = 0 AND id IN "
        "(SELECT attempt_id FROM review_logs WHERE duration_ms IS NULL)"
    )


def downgrade() -> None:
    op.execute("UPDATE attempts SET seconds = 0 WHERE seconds IS NULL")
    with op.batch_alter_table("attempts") as batch:
        batch.alter_column("seconds", existing_type=sa.Float(), nullable=False)
