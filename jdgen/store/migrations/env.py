"""Alembic's environment: migrate the connection the store opened (never one of its own)."""

from __future__ import annotations

from alembic import context

from jdgen.store.schema import metadata


def run() -> None:
    """Run the migrations on the connection `jdgen.store.database.migrate` put in the config."""
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if getattr(context, "config", None) is not None:  # run by Alembic (imported alone, it does nothing)
    run()
