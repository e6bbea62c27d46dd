"""Where the team surveys are kept: a database (SQLite by default, PostgreSQL by URL), its schema and migrations. May import: `common`, `data`, `decide`, `render`, `postings`, `ats`, `batch`.

`surveys.SurveyStore` is the one way in: it creates surveys with a private link for each
respondent and one for the facilitator, keeps every answer as it is saved, and gives the
answers back as a `jdgen.Survey`. SQLAlchemy Core writes the SQL; Alembic versions the schema.
"""
