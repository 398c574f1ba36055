"""row seals: an HMAC over the columns a decision rests on (registry/seal.py); signer confirmation

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 02:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

TABLES = ("users", "user_roles", "signers", "authorisations", "datasets", "artefacts", "holds")


def upgrade() -> None:
    # Rows written before this revision have no seal until the admin runs `intake init` once.
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('seal', sa.String(length=64), nullable=True))
    with op.batch_alter_table('signers') as batch:
        batch.add_column(sa.Column('confirmed_by', sa.String(length=128), nullable=True))
        batch.add_column(sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('confirmed_how', sa.String(length=512), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('signers') as batch:
        for column in ('confirmed_by', 'confirmed_at', 'confirmed_how'):
            batch.drop_column(column)
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('seal')
