"""``python -m jdgen``: the same command line as ``jdgen``."""

from jdgen.cli import main

main(prog_name="jdgen")
