"""Alembic environment: the engine comes from the caller (intake.registry.db.upgrade)."""

from alembic import context

from intake.registry import audit_tables  # noqa: F401  (puts the audit log's tables on Base.metadata)
from intake.registry.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
