"""The migrations, one module per schema version, applied in order by Alembic."""
