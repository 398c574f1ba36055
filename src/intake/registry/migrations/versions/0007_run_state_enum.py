"""run state enum: a run's state is a RunState column, stored as the same strings as before (a non-native enum, so
no database type and no change to the values; runs are not sealed, so no seal changes either)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from intake.errors import StateError

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# The values RunState had when this revision was written (a migration does not follow later changes to the enum).
RUN_STATES = ('running', 'completed', 'blocked', 'stopped', 'failed', 'cancelled', 'crashed', 'abandoned')


def upgrade() -> None:
    # A run whose state is none of these could not be read as a RunState: refuse, naming the values only (a run's
    # state is not personal data), before anything is changed.
    runs = sa.table('runs', sa.column('state', sa.String(length=32)))
    unknown = op.get_bind().execute(
        sa.select(runs.c.state).where(runs.c.state.not_in(RUN_STATES)).distinct()
    ).scalars().all()
    if unknown:
        raise StateError(f"runs hold states that are not run states: {sorted(unknown)}; expected one of "
                           f"{list(RUN_STATES)}. Nothing was changed: correct those rows, then upgrade again")
    with op.batch_alter_table('runs') as batch:
        batch.alter_column('state', existing_type=sa.String(length=32), existing_nullable=False,
                           type_=sa.Enum(*RUN_STATES, name='runstate', native_enum=False, length=32))


def downgrade() -> None:
    with op.batch_alter_table('runs') as batch:
        batch.alter_column('state', existing_type=sa.Enum(*RUN_STATES, name='runstate', native_enum=False, length=32),
                           existing_nullable=False, type_=sa.String(length=32))
