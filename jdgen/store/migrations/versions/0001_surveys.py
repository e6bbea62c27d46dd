"""Surveys, their respondents and their answers.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the three tables."""
    op.create_table(
        "surveys",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("company", sa.Text, nullable=False),
        sa.Column("facilitator_digest", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True)),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("facilitator_digest", name="uq_surveys_facilitator_digest"),
    )
    op.create_table(
        "respondents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "survey_id",
            sa.String(32),
            sa.ForeignKey("surveys.id", ondelete="CASCADE", name="fk_respondents_survey_id"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200)),
        sa.Column("token_digest", sa.String(64), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("survey_id", "position", name="uq_respondents_survey_position"),
        sa.UniqueConstraint("token_digest", name="uq_respondents_token_digest"),
    )
    op.create_index("ix_respondents_survey_id", "respondents", ["survey_id"])
    op.create_table(
        "answers",
        sa.Column(
            "respondent_id",
            sa.Integer,
            sa.ForeignKey("respondents.id", ondelete="CASCADE", name="fk_answers_respondent_id"),
            primary_key=True,
        ),
        sa.Column("statement", sa.String(100), primary_key=True),
        sa.Column("answer", sa.String(10), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop them (answers first)."""
    op.drop_table("answers")
    op.drop_index("ix_respondents_survey_id", "respondents")
    op.drop_table("respondents")
    op.drop_table("surveys")
