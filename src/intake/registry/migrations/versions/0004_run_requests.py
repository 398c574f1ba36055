"""run requests: a person's recorded request to run a flow on the Prefect worker, redeemed once by id

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 08:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'run_requests',
        sa.Column('id', sa.String(length=36), primary_key=True),
        sa.Column('flow', sa.String(length=64), nullable=False),
        sa.Column('parameters_sha256', sa.String(length=64), nullable=False),
        sa.Column('requested_by', sa.String(length=128), nullable=False),
        sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('flow_run_id', sa.String(length=64), nullable=True),
        sa.Column('seal', sa.String(length=64), nullable=True),
    )


def downgrade() -> None:
    op.drop_table('run_requests')
