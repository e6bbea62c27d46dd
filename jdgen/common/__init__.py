"""What every stage uses: errors, the time budget, where the built-in files are, word helpers, country codes. May import: nothing of jdgen."""
