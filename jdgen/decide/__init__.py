"""The decisions, as data: readiness, chasm rules, the JD's content, the board comparison and report. May import: `common`, `data`."""
