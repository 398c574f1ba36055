"""customer seals: a customer's id and name (which registration matches a signer's key to a manifest by) and its
retention months are sealed and versioned like the other decision rows (registry/seal.py)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing customers are sealed, versioned and recorded right after this revision, under the state key, which a
    # migration does not hold (Registry.adopt_unversioned, check.adopt_sealed_later); until then they are refused.
    with op.batch_alter_table('customers') as batch:
        batch.add_column(sa.Column('seal', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('version', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('customers') as batch:
        batch.drop_column('version')
        batch.drop_column('seal')
