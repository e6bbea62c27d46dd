"""Alembic's migrations of the store: `env.py` runs them on the connection `jdgen.store.database` hands it."""
