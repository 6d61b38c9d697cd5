"""Job stage timing and OCR page count for metrics: stage_started_at, stage_seconds, ocr_pages.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 16:50:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stage_started_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("stage_seconds", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("ocr_pages", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("ocr_pages")
        batch_op.drop_column("stage_seconds")
        batch_op.drop_column("stage_started_at")
