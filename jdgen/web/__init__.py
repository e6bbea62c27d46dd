"""The web wizard and the JSON API (`jdgen serve`). May import: `common`, `data`, `decide`, `render`, `postings`, `ats`, `batch`, `store`.

The wizard is for recruiters, the API for HR systems (``pip install "jdgen[web]"``).

``jdgen serve`` runs `create_app()` under uvicorn. Both the wizard's pages and the API call the
same library functions as the command line (`compose`, `compare`, `assess`, `lint_posting`,
`render`); nothing here decides what a job description says.

    from jdgen.web import create_app
    app = create_app(token="s3cret")          # any ASGI server; every request then needs the token
"""

from __future__ import annotations

from jdgen.web.app import MAX_BODY, create_app

__all__ = ["MAX_BODY", "create_app"]
