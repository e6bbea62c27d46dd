"""What every stage uses: errors, the time budget, where the built-in files are, word helpers, country codes, the user's cache. May import: nothing of jdgen."""
