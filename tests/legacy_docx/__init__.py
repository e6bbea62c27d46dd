"""jdgen 0.4's Markdown → Word pipeline, the oracle for the writer that replaced it (see test_docx_writer.py)."""
