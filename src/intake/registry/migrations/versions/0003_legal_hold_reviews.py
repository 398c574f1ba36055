"""legal hold reviews: when the DPO next reviews a legal hold, and when the sweep last said it was due

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 08:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Holds placed before this revision have no review date: the next sweep names them as due for review.
    with op.batch_alter_table('holds') as batch:
        batch.add_column(sa.Column('review_by', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('review_notified_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('holds') as batch:
        batch.drop_column('review_notified_at')
        batch.drop_column('review_by')
