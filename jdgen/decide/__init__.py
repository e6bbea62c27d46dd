"""The decisions: the readiness assessment, chasm rules, composing a JD, the board comparison and report, as data. May import `common` and `data`."""
