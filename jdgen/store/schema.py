"""The store's tables (SQLAlchemy Core). A change here goes with a migration in `migrations/versions`."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData(
    naming_convention={
        "pk": "pk_%(table_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ix": "ix_%(table_name)s_%(column_0_name)s",
    }
)

surveys = Table(
    "surveys",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("company", Text, nullable=False),  # the profile, as JSON
    Column("facilitator_digest", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closes_at", DateTime(timezone=True)),
    Column("closed_at", DateTime(timezone=True)),
)

respondents = Table(
    "respondents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("survey_id", String(32), ForeignKey("surveys.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(200)),
    Column("token_digest", String(64), nullable=False, unique=True),
    Column("revoked_at", DateTime(timezone=True)),
    UniqueConstraint("survey_id", "position", name="uq_respondents_survey_position"),
)

answers = Table(
    "answers",
    metadata,
    Column("respondent_id", Integer, ForeignKey("respondents.id", ondelete="CASCADE"), primary_key=True),
    Column("statement", String(100), primary_key=True),
    Column("answer", String(10), nullable=False),
    Column("note", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
