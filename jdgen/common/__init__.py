"""What every stage uses: errors, the time budget, where the built-in files are, word helpers. May import: nothing of jdgen."""
