"""state versions: each sealed row's version (in its seal) and the index of the audit log's state events

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TABLES = ("users", "user_roles", "signers", "authorisations", "datasets", "artefacts", "holds", "run_requests")


def upgrade() -> None:
    # Existing sealed rows get version 1 and their first state event right after this revision, under the state
    # key, which a migration does not hold (Registry.adopt_unversioned); until then they are refused.
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('version', sa.Integer(), nullable=True))
    op.create_table(
        'state_heads',
        sa.Column('table_name', sa.String(length=64), primary_key=True),
        sa.Column('row_key', sa.String(length=256), primary_key=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('op', sa.String(length=16), nullable=False),
        sa.Column('seal', sa.String(length=64), nullable=True),
        sa.Column('event_seq', sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table('state_heads')
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('version')
